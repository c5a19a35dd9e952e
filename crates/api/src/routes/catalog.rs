//! The public solution catalog (manual §3, §4): list, keyword search, suggestions, detail,
//! reviews, vendors. Reads are served from the storefront cache.

use actix_web::{HttpRequest, HttpResponse, get, web};
use rc_domain::Fen;
use rc_search::{Filters, SearchError, SortBy};
use rc_store::catalog;
use rc_types::catalog::{
    ListSolutionsQuery, Review, SearchResults, SolutionDetail, SolutionSort, SolutionSummary, SuggestQuery,
    Suggestion, VendorSummary,
};
use rc_types::page::DEFAULT_PER_PAGE;
use rc_types::{ErrorBody, Page, PageQuery};

use crate::error::ApiError;
use crate::extract::ValidQuery;
use crate::state::AppState;

/// Suggestions returned at most.
const SUGGESTIONS: usize = 8;

fn search_error(error: SearchError) -> ApiError {
    match error {
        SearchError::NoTerms => ApiError::field(
            "q",
            "no_terms",
            "enter letters, digits or Chinese characters to search",
        ),
        SearchError::Index(e) => ApiError::Internal(format!("search index: {e}")),
    }
}

fn filters(query: &ListSolutionsQuery) -> Filters {
    let fen = |bound: i64| u64::try_from(bound.max(0)).unwrap_or(0);
    Filters {
        category: query.category.map(|c| c.as_str().to_owned()),
        vendor: query.vendor.clone(),
        region: query.region.clone(),
        kind: query.kind.map(|k| k.as_str().to_owned()),
        price_min_fen: query.price_min.map(|p| fen(Fen::from_yuan_ceil(p))),
        price_max_fen: query.price_max.map(|p| fen(Fen::from_yuan_floor(p))),
    }
}

fn sort_by(sort: Option<SolutionSort>) -> SortBy {
    // Without keywords the index treats relevance as popular.
    match sort.unwrap_or(SolutionSort::Relevance) {
        SolutionSort::Relevance => SortBy::Relevance,
        SolutionSort::Popular => SortBy::Popular,
        SolutionSort::Rating => SortBy::Rating,
        SolutionSort::Newest => SortBy::Newest,
        SolutionSort::PriceAsc => SortBy::PriceAsc,
        SolutionSort::PriceDesc => SortBy::PriceDesc,
        SolutionSort::Name => SortBy::Name,
    }
}

/// Runs `query` on the catalog index (keywords optional) with the page's summaries from the shelf.
pub fn run_search(state: &AppState, query: &ListSolutionsQuery) -> Result<SearchResults, ApiError> {
    let page = query.page.unwrap_or(1).max(1);
    let per_page = query.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, 100);
    let offset = usize::try_from((page - 1) * per_page).unwrap_or(usize::MAX);
    let hits = state
        .storefront
        .index
        .search(
            query.keywords(),
            &filters(query),
            sort_by(query.sort),
            offset,
            per_page as usize,
        )
        .map_err(search_error)?;
    Ok(SearchResults {
        items: state.storefront.shelf().summaries(&hits.ids),
        total: hits.total,
        page,
        per_page,
        terms: hits.terms,
    })
}

/// The list query once it passed its field rules and its price range is ordered.
fn validated(query: ValidQuery<ListSolutionsQuery>) -> Result<ListSolutionsQuery, ApiError> {
    let query = query.validate()?;
    if let (Some(min), Some(max)) = (query.price_min, query.price_max)
        && min > max
    {
        return Err(ApiError::field(
            "price_min",
            "range",
            "price_min must not exceed price_max",
        ));
    }
    Ok(query)
}

/// Published solutions, paged, filtered (category, vendor, region, kind, price range) and sorted
/// (served by the catalog index); with `q`, ranked by relevance like `GET /search`.
#[utoipa::path(
    tag = "catalog",
    params(ListSolutionsQuery),
    responses(
        (status = 200, description = "One page of solutions", body = Page<SolutionSummary>),
        (status = 400, description = "Malformed query (unknown category or sort, non-numeric page)", body = ErrorBody),
        (status = 422, description = "Out-of-range paging, over-long filters, price_min > price_max, or `q` without searchable characters", body = ErrorBody),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/solutions")]
pub async fn list_solutions(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: ValidQuery<ListSolutionsQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = validated(query)?;
    state
        .cached(&req.uri().to_string(), async {
            let results = run_search(&state, &query)?;
            Ok::<_, ApiError>(Page {
                items: results.items,
                total: results.total,
                page: results.page,
                per_page: results.per_page,
            })
        })
        .await
}

/// Keyword search (manual §4.5) over names, vendors, summaries, descriptions and features, in
/// Chinese (迁移 finds 一站式上云迁移管理套件) and English (azure finds … for Azure), ranked by relevance
/// unless `sort` says otherwise; `terms` are what to highlight.
#[utoipa::path(
    tag = "catalog",
    params(ListSolutionsQuery),
    responses(
        (status = 200, description = "One page of matches", body = SearchResults),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 422, description = "Missing, over-long or unsearchable `q` (only punctuation), bad paging or price range", body = ErrorBody),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/search")]
pub async fn search_solutions(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: ValidQuery<ListSolutionsQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = validated(query)?;
    if query.keywords().is_none() {
        return Err(ApiError::field("q", "required", "enter a keyword to search"));
    }
    state
        .cached(&req.uri().to_string(), async { run_search(&state, &query) })
        .await
}

/// Type-ahead suggestions for the header search box: solutions whose words start with what was typed.
#[utoipa::path(
    tag = "catalog",
    params(SuggestQuery),
    responses(
        (status = 200, description = "Up to 8 suggestions, best first", body = Vec<Suggestion>),
        (status = 422, description = "Empty, over-long or unsearchable input", body = ErrorBody),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/search/suggest")]
pub async fn suggest_solutions(
    state: web::Data<AppState>,
    query: ValidQuery<SuggestQuery>,
) -> Result<web::Json<Vec<Suggestion>>, ApiError> {
    let query = query.validate()?;
    let ids = state
        .storefront
        .index
        .suggest(&query.q, SUGGESTIONS)
        .map_err(search_error)?;
    Ok(web::Json(
        state
            .storefront
            .shelf()
            .summaries(&ids)
            .into_iter()
            .map(|s| Suggestion {
                id: s.id,
                name: s.name,
                vendor: s.vendor,
                price_from: s.price_from,
                logo_url: s.logo_url,
            })
            .collect(),
    ))
}

fn solution_not_found(id: i64) -> impl FnOnce(ApiError) -> ApiError {
    move |e| match e {
        ApiError::NotFound(_) => ApiError::NotFound(format!("solution {id} not found")),
        other => other,
    }
}

/// One published solution with its plans and the content of every detail tab.
#[utoipa::path(
    tag = "catalog",
    params(("id" = i64, Path, description = "Solution id")),
    responses(
        (status = 200, description = "The solution", body = SolutionDetail),
        (status = 404, description = "No published solution with this id", body = ErrorBody),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/solutions/{id}")]
pub async fn get_solution(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .cached(&req.uri().to_string(), async {
            let mut detail = state.db(move |conn| catalog::get_solution(conn, id)).await?;
            (detail.similar, detail.related) = state.storefront.shelf().side_bar(&detail.summary);
            Ok(detail)
        })
        .await
        .map_err(solution_not_found(id))
}

/// Reviews of a published solution (评价), newest first.
#[utoipa::path(
    tag = "catalog",
    params(("id" = i64, Path, description = "Solution id"), PageQuery),
    responses(
        (status = 200, description = "One page of reviews", body = Page<Review>),
        (status = 404, description = "No published solution with this id", body = ErrorBody),
        (status = 422, description = "Out-of-range paging", body = ErrorBody),
    )
)]
#[get("/solutions/{id}/reviews")]
pub async fn list_reviews(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: ValidQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, paging) = (id.into_inner(), query.validate()?);
    state
        .cached_json(&req.uri().to_string(), move |conn| {
            catalog::list_reviews(conn, id, paging)
        })
        .await
        .map_err(solution_not_found(id))
}

/// Vendors (brands, 品牌专区) that have published solutions, by name, with brand profiles.
#[utoipa::path(
    tag = "catalog",
    responses(
        (status = 200, description = "Vendors with their solution counts", body = Vec<VendorSummary>),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/vendors")]
pub async fn list_vendors(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .cached_json(&req.uri().to_string(), catalog::list_vendors)
        .await
}

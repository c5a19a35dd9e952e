//! Storefront content for visitors (manual §3, §4.4, §12): the home page in one call, news,
//! partners, ads, the help center, the operator's contact card and public images.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use rc_store::{DbConn, StoreError, content, settings};
use rc_types::catalog::{ListSolutionsQuery, PlanKind, SolutionSort, SolutionSummary};
use rc_types::storefront::{
    Ad, HelpPage, HelpPageSummary, HomePage, NewsArticle, NewsSummary, OperatorContact, Partner,
};
use rc_types::{ErrorBody, Page, PageQuery};

use crate::error::ApiError;
use crate::extract::ValidQuery;
use crate::routes::catalog::run_search;
use crate::state::AppState;

/// Hot solutions on the home page.
const HOT: u32 = 8;
/// News items on the home page.
const HOME_NEWS: u32 = 5;

/// What the index knows for the home page: the hot solutions and the product / service counts.
struct IndexPart {
    hot: Vec<SolutionSummary>,
    product_count: u64,
    service_count: u64,
}

fn index_part(state: &AppState) -> Result<IndexPart, ApiError> {
    let count = |kind: PlanKind| -> Result<u64, ApiError> {
        let filters = rc_search::Filters {
            kind: Some(kind.as_str().to_owned()),
            ..rc_search::Filters::default()
        };
        state
            .storefront
            .index
            .search(None, &filters, rc_search::SortBy::Popular, 0, 1)
            .map(|hits| hits.total)
            .map_err(|e| ApiError::Internal(format!("search index: {e}")))
    };
    let hot_query = ListSolutionsQuery {
        per_page: Some(HOT),
        sort: Some(SolutionSort::Popular),
        ..ListSolutionsQuery::default()
    };
    Ok(IndexPart {
        hot: run_search(state, &hot_query)?.items,
        product_count: count(PlanKind::Product)?,
        service_count: count(PlanKind::Service)?,
    })
}

fn home(conn: &mut DbConn, part: IndexPart) -> Result<HomePage, StoreError> {
    let IndexPart {
        hot,
        product_count,
        service_count,
    } = part;
    Ok(HomePage {
        banners: content::active_banners(conn)?,
        hot,
        news: content::list_news(conn, true, PageQuery::sized(None, None, HOME_NEWS))?.items,
        partners: content::list_partners(conn, true)?,
        ads: content::list_ads(conn, true)?,
        product_count,
        service_count,
    })
}

/// Everything the home page shows: active banners, hot solutions, latest news, partners, ads and
/// the products & services counts.
#[utoipa::path(
    tag = "storefront",
    responses(
        (status = 200, description = "The home page", body = HomePage),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/storefront/home")]
pub async fn get_home(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .cached(&req.uri().to_string(), async {
            let part = index_part(&state)?;
            state.db(move |conn| home(conn, part)).await
        })
        .await
}

/// Who answers consult and trial requests, and how soon (an operator setting).
#[utoipa::path(
    tag = "storefront",
    responses(
        (status = 200, description = "The contact card", body = OperatorContact),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/storefront/contact")]
pub async fn get_operator_contact(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    state.cached_json(&req.uri().to_string(), settings::contact).await
}

/// Published news (新闻动态), newest first.
#[utoipa::path(
    tag = "storefront",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of news", body = Page<NewsSummary>),
        (status = 422, description = "Out-of-range paging", body = ErrorBody),
    )
)]
#[get("/news")]
pub async fn list_news(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: ValidQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let paging = query.validate()?;
    state
        .cached_json(&req.uri().to_string(), move |conn| {
            content::list_news(conn, true, paging)
        })
        .await
}

/// A published news article with its body rendered to sanitized HTML.
#[utoipa::path(
    tag = "storefront",
    params(("id" = i64, Path, description = "News id")),
    responses(
        (status = 200, description = "The article", body = NewsArticle),
        (status = 404, description = "No published article with this id", body = ErrorBody),
    )
)]
#[get("/news/{id}")]
pub async fn get_news(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .cached_json(&req.uri().to_string(), move |conn| {
            content::news_article(conn, id)
        })
        .await
}

/// The partners wall (合作伙伴).
#[utoipa::path(
    tag = "storefront",
    responses((status = 200, description = "Published partners in order", body = Vec<Partner>),
              (status = 503, description = "Database unavailable", body = ErrorBody))
)]
#[get("/partners")]
pub async fn list_partners(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .cached_json(&req.uri().to_string(), |conn| content::list_partners(conn, true))
        .await
}

/// Published ads of every slot (广告位).
#[utoipa::path(
    tag = "storefront",
    responses((status = 200, description = "Ads by slot and position", body = Vec<Ad>),
              (status = 503, description = "Database unavailable", body = ErrorBody))
)]
#[get("/ads")]
pub async fn list_ads(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .cached_json(&req.uri().to_string(), |conn| content::list_ads(conn, true))
        .await
}

/// The help center's table of contents (产品手册).
#[utoipa::path(
    tag = "storefront",
    responses((status = 200, description = "Published help pages in order", body = Vec<HelpPageSummary>),
              (status = 503, description = "Database unavailable", body = ErrorBody))
)]
#[get("/help")]
pub async fn list_help(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .cached_json(&req.uri().to_string(), |conn| content::list_help(conn, true))
        .await
}

/// A help page rendered to sanitized HTML with its headings as a table of contents.
#[utoipa::path(
    tag = "storefront",
    params(("slug" = String, Path, description = "Page slug, e.g. `register-login`")),
    responses(
        (status = 200, description = "The page", body = HelpPage),
        (status = 404, description = "No published page with this slug", body = ErrorBody),
    )
)]
#[get("/help/{slug}")]
pub async fn get_help(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    state
        .cached_json(&req.uri().to_string(), move |conn| {
            content::help_page(conn, &slug)
        })
        .await
}

/// An uploaded image (logos, banners, partners); public and cacheable for a day.
#[utoipa::path(
    tag = "storefront",
    params(("id" = i64, Path, description = "Media id")),
    responses(
        (status = 200, description = "The image bytes", content_type = "image/*"),
        (status = 404, description = "No such image", body = ErrorBody),
    )
)]
#[get("/media/{id}")]
pub async fn download_media(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (key, content_type) = state.db(move |conn| rc_store::media::locate(conn, id)).await?;
    let bytes = state.files.get(&key).await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}

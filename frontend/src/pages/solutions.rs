//! Solution list (解决方案) and keyword search: category tabs, price range, region, kind (产品 /
//! 服务), sort, paging; every filter lives in the URL
//! (`/solutions?q=…&category=…&vendor=…&price_min=…&price_max=…&region=…&kind=…&sort=…&page=…`).
//! With keywords the search index answers and the matched terms are highlighted.

mod filters;

use std::str::FromStr;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use rc_types::catalog::{Category, ListSolutionsQuery, PlanKind, SolutionSort, SolutionSummary};
use rc_types::storefront::AdSlot;
use rust_decimal::Decimal;

use crate::api::{LoadError, client, parse_category, parse_sort, sort_name};
use crate::app::PageTitle;
use crate::components::ads::AdSlotView;
use crate::components::category_tabs::CategoryTabs;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::pagination::Pagination;
use crate::components::skeleton::CardGridSkeleton;
use crate::components::solution_card::SolutionGrid;
use crate::i18n::{t, t_string, use_i18n};
use crate::tr;
use filters::{ActiveFilters, FilterBar, SortSelect};

/// Cards per page.
pub const PER_PAGE: u32 = 12;

/// The list's state as carried by the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListParams {
    /// Category tab (`None` = all).
    pub category: Option<Category>,
    /// Vendor filter.
    pub vendor: Option<String>,
    /// Keyword filter.
    pub q: Option<String>,
    /// Lowest starting price, yuan.
    pub price_min: Option<Decimal>,
    /// Highest starting price, yuan.
    pub price_max: Option<Decimal>,
    /// Sales region.
    pub region: Option<String>,
    /// Product or service.
    pub kind: Option<PlanKind>,
    /// Sort order chosen (`None`: relevance with keywords, else popular).
    pub sort: Option<SolutionSort>,
    /// 1-based page.
    pub page: u32,
}

/// Parses a price filter: a non-negative amount with at most two decimals.
pub fn parse_price(text: &str) -> Option<Decimal> {
    let value = Decimal::from_str(text.trim()).ok()?;
    (value >= Decimal::ZERO && value.normalize().scale() <= 2 && value <= Decimal::from(100_000_000))
        .then(|| value.normalize())
}

impl ListParams {
    /// Reads the URL query; unknown or malformed values fall back to the defaults.
    pub fn from_query(query: &ParamsMap) -> Self {
        Self::parse(|key| query.get(key))
    }

    /// Reads the parameters through `get` (URL query lookup by key).
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let q = text("q");
        let sort = get("sort")
            .as_deref()
            .and_then(parse_sort)
            // Relevance means nothing without keywords.
            .filter(|sort| q.is_some() || *sort != SolutionSort::Relevance);
        ListParams {
            category: get("category").as_deref().and_then(parse_category),
            vendor: text("vendor"),
            q,
            price_min: text("price_min").as_deref().and_then(parse_price),
            price_max: text("price_max").as_deref().and_then(parse_price),
            region: text("region"),
            kind: get("kind").as_deref().and_then(PlanKind::parse),
            sort,
            page: get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The sort order in effect.
    pub fn effective_sort(&self) -> SolutionSort {
        self.sort.unwrap_or(if self.q.is_some() {
            SolutionSort::Relevance
        } else {
            SolutionSort::Popular
        })
    }

    /// The query parameters that differ from the defaults, in URL order.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        if let Some(category) = self.category {
            pairs.push(("category", category.as_str().to_owned()));
        }
        if let Some(vendor) = &self.vendor {
            pairs.push(("vendor", vendor.clone()));
        }
        if let Some(min) = self.price_min {
            pairs.push(("price_min", min.to_string()));
        }
        if let Some(max) = self.price_max {
            pairs.push(("price_max", max.to_string()));
        }
        if let Some(region) = &self.region {
            pairs.push(("region", region.clone()));
        }
        if let Some(kind) = self.kind {
            pairs.push(("kind", kind.as_str().to_owned()));
        }
        if let Some(sort) = self.sort.filter(|sort| {
            *sort
                != if self.q.is_some() {
                    SolutionSort::Relevance
                } else {
                    SolutionSort::Popular
                }
        }) {
            pairs.push(("sort", sort_name(sort).to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
    }

    /// The page URL for these parameters (defaults left out, values percent-encoded).
    pub fn to_url(&self) -> String {
        let query: ParamsMap = self.query_pairs().into_iter().collect();
        format!("/solutions{}", query.to_query_string())
    }

    /// The API query for these parameters.
    pub fn to_api(&self) -> ListSolutionsQuery {
        ListSolutionsQuery {
            page: Some(self.page),
            per_page: Some(PER_PAGE),
            category: self.category,
            vendor: self.vendor.clone(),
            q: self.q.clone(),
            price_min: self.price_min,
            price_max: self.price_max,
            region: self.region.clone(),
            kind: self.kind,
            sort: Some(self.effective_sort()),
        }
    }

    /// The same filters on another page.
    pub fn with_page(&self, page: u32) -> Self {
        ListParams { page, ..self.clone() }
    }

    /// Whether any filter besides the category tab is set.
    pub fn has_filters(&self) -> bool {
        self.q.is_some()
            || self.vendor.is_some()
            || self.price_min.is_some()
            || self.price_max.is_some()
            || self.region.is_some()
            || self.kind.is_some()
    }
}

/// One page of results, from the list or the search.
#[derive(Debug, Clone)]
struct Results {
    items: Vec<SolutionSummary>,
    total: u64,
    page: u32,
    pages: u64,
    terms: Arc<Vec<String>>,
}

async fn fetch(params: ListParams) -> Result<Results, LoadError> {
    let query = params.to_api();
    if params.q.is_some() {
        let found = client().search_solutions(&query).await.map_err(LoadError::from)?;
        let pages = found.total.div_ceil(u64::from(found.per_page.max(1))).max(1);
        Ok(Results {
            items: found.items,
            total: found.total,
            page: found.page,
            pages,
            terms: Arc::new(found.terms),
        })
    } else {
        let page = client().list_solutions(&query).await.map_err(LoadError::from)?;
        Ok(Results {
            pages: page.page_count(),
            items: page.items,
            total: page.total,
            page: page.page,
            terms: Arc::default(),
        })
    }
}

/// The solution list page.
#[component]
pub fn SolutionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = Memo::new(move |_| ListParams::from_query(&query.read()));
    let results = LocalResource::new(move || fetch(params.get()));
    let retry = Callback::new(move |()| results.refetch());

    let navigate = use_navigate();
    let go = Callback::new(move |next: ListParams| navigate(&next.to_url(), NavigateOptions::default()));
    let select_category = Callback::new(move |category| {
        go.run(ListParams {
            category,
            page: 1,
            ..params.get_untracked()
        });
    });
    let searching = Memo::new(move |_| params.read().q.is_some());

    view! {
        <PageTitle part=move || {
            match params.read().q.clone() {
                Some(q) => t_string!(i18n, list.search_title, q).to_string(),
                None => t_string!(i18n, list.title).to_string(),
            }
        } />
        <section class="page-banner">
            <div class="container">
                <h1 class="title is-3">
                    {move || if searching.get() { t_string!(i18n, list.search_heading) } else { t_string!(i18n, list.title) }}
                </h1>
                <p class="subtitle is-6">{tr!(list.subtitle)}</p>
            </div>
        </section>
        <div class="container page-body">
            <CategoryTabs
                selected=Signal::derive(move || params.read().category)
                on_select=select_category
                panel_id="solutions-panel"
            />
            <div class="columns">
                <div id="solutions-panel" role="tabpanel" class="column">
                    <FilterBar params go />
                    <div class="list-toolbar">
                        <ActiveFilters params go />
                        <SortSelect params go />
                    </div>
                    <Transition fallback=|| view! { <CardGridSkeleton count=6 /> }>
                        {move || Suspend::new(async move {
                            match results.await {
                                Ok(found) => {
                                    let count = u32::try_from(found.pages).unwrap_or(u32::MAX);
                                    let total = found.total;
                                    let current = found.page;
                                    let href = Callback::new(move |n: u32| params.get_untracked().with_page(n).to_url());
                                    let searched = params.get_untracked().q.is_some();
                                    view! {
                                        <p class="list-total" role="status">
                                            {if searched {
                                                t!(i18n, list.found, count = total).into_any()
                                            } else {
                                                t!(i18n, list.total, count = total).into_any()
                                            }}
                                        </p>
                                        {if found.items.is_empty() {
                                            view! { <EmptyState hint=true /> }.into_any()
                                        } else {
                                            view! {
                                                <SolutionGrid
                                                    solutions=found.items
                                                    terms=found.terms
                                                    column="column is-4-widescreen is-6-tablet is-12-mobile"
                                                />
                                            }
                                                .into_any()
                                        }}
                                        <Pagination current count href />
                                    }
                                        .into_any()
                                }
                                Err(error) if error.status == Some(422) => view! { <BadQuery error /> }.into_any(),
                                Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                            }
                        })}
                    </Transition>
                </div>
                <div class="column is-narrow is-hidden-touch list-side">
                    <AdSlotView placement=AdSlot::ListSide layout="ad-column" />
                </div>
            </div>
        </div>
    }
}

/// The API refused the keywords (blank or only punctuation): say so, with its message.
#[component]
fn BadQuery(error: LoadError) -> impl IntoView {
    let i18n = use_i18n();
    let text = error.message.clone();
    view! {
        <div class="notification is-warning is-light bad-query" role="alert">
            <p class="has-text-weight-semibold">{move || crate::forms::search_problem(i18n, &text)}</p>
            <p class="error-detail">{error.message}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> ListParams {
        ListParams::parse(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn parses_and_writes_back_only_non_defaults() {
        let params = parse(&[
            ("category", "security_services"),
            ("q", " 迁移 "),
            ("sort", "price_asc"),
            ("page", "2"),
        ]);
        assert_eq!(params.category, Some(Category::SecurityServices));
        assert_eq!(params.q.as_deref(), Some("迁移"));
        assert_eq!(params.sort, Some(SolutionSort::PriceAsc));
        assert_eq!(params.page, 2);
        assert_eq!(
            params.query_pairs(),
            vec![
                ("q", "迁移".to_owned()),
                ("category", "security_services".to_owned()),
                ("sort", "price_asc".to_owned()),
                ("page", "2".to_owned()),
            ]
        );
        assert!(
            parse(&[("sort", "popular"), ("page", "1")])
                .query_pairs()
                .is_empty()
        );
        assert_eq!(params.with_page(1).query_pairs().len(), 3);
    }

    #[test]
    fn bad_values_fall_back() {
        let params = parse(&[("category", "x"), ("sort", "y"), ("page", "0"), ("q", "  ")]);
        assert_eq!(
            params,
            ListParams {
                page: 1,
                ..ListParams::default()
            }
        );
    }

    #[test]
    fn api_query_carries_every_filter() {
        let params = parse(&[("vendor", "蓝云咨询"), ("page", "3")]);
        let query = params.to_api();
        assert_eq!(query.vendor.as_deref(), Some("蓝云咨询"));
        assert_eq!(
            (query.page, query.per_page, query.sort),
            (Some(3), Some(PER_PAGE), Some(SolutionSort::Popular))
        );
    }

    #[test]
    fn relevance_is_the_default_only_with_keywords() {
        let searching = parse(&[("q", "迁移")]);
        assert_eq!(searching.effective_sort(), SolutionSort::Relevance);
        assert!(searching.query_pairs().iter().all(|(k, _)| *k != "sort"));
        let popular = parse(&[("q", "迁移"), ("sort", "popular")]);
        assert_eq!(
            popular.query_pairs().last(),
            Some(&("sort", "popular".to_owned()))
        );
        // Relevance without keywords is dropped.
        assert_eq!(parse(&[("sort", "relevance")]).sort, None);
        assert_eq!(
            parse(&[("sort", "relevance")]).effective_sort(),
            SolutionSort::Popular
        );
    }

    #[test]
    fn price_region_and_kind_round_trip() {
        let params = parse(&[
            ("price_min", "100"),
            ("price_max", "9950.50"),
            ("region", "中国大陆"),
            ("kind", "service"),
        ]);
        assert_eq!(params.price_min, Some(Decimal::from(100)));
        assert_eq!(params.kind, Some(PlanKind::Service));
        assert_eq!(
            params.query_pairs(),
            vec![
                ("price_min", "100".to_owned()),
                ("price_max", "9950.5".to_owned()),
                ("region", "中国大陆".to_owned()),
                ("kind", "service".to_owned()),
            ]
        );
        let api = params.to_api();
        assert_eq!(api.region.as_deref(), Some("中国大陆"));
        assert_eq!(api.price_max, Some(Decimal::from_str("9950.5").unwrap()));
        assert_eq!(
            parse(&[("price_min", "-1"), ("price_max", "1.234"), ("kind", "x")]).has_filters(),
            false
        );
    }

    #[test]
    fn prices_parse_strictly() {
        assert_eq!(parse_price(" 64.20 "), Some(Decimal::from_str("64.2").unwrap()));
        assert_eq!(parse_price("abc"), None);
        assert_eq!(parse_price("-5"), None);
        assert_eq!(parse_price("1.005"), None);
    }
}

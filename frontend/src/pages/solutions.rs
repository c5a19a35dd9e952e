//! Solution list (解决方案) and keyword search: category tabs, price range, region, kind (产品 /
//! 服务), sort, paging; every filter lives in the URL
//! (`/solutions?q=…&category=…&vendor=…&price_min=…&price_max=…&region=…&kind=…&sort=…&page=…`).
//! With keywords the search index answers and the matched terms are highlighted.

use std::str::FromStr;
use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use rc_types::catalog::{Category, ListSolutionsQuery, PlanKind, SolutionSort, SolutionSummary};
use rc_types::storefront::AdSlot;
use rust_decimal::Decimal;

use crate::api::{LoadError, SORTS, client, parse_category, parse_sort, sort_name};
use crate::app::PageTitle;
use crate::components::ads::AdSlotView;
use crate::components::category_tabs::CategoryTabs;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::pagination::Pagination;
use crate::components::skeleton::CardGridSkeleton;
use crate::components::solution_card::SolutionGrid;
use crate::i18n::{plan_kind_label, sort_label, t, t_string, use_i18n};
use crate::tr;

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
        let found = client().search(&query).await.map_err(LoadError::from)?;
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

/// Price range, region and kind; applied together with the 筛选 button.
#[component]
fn FilterBar(
    /// Current list parameters.
    params: Memo<ListParams>,
    /// Navigates to other parameters.
    go: Callback<ListParams>,
) -> impl IntoView {
    let i18n = use_i18n();
    let min = RwSignal::new(String::new());
    let max = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    // Follow the URL (back button, removed filter tags).
    Effect::new(move |_| {
        let current = params.get();
        min.set(current.price_min.map(|v| v.to_string()).unwrap_or_default());
        max.set(current.price_max.map(|v| v.to_string()).unwrap_or_default());
        region.set(current.region.clone().unwrap_or_default());
        kind.set(current.kind.map(|k| k.as_str().to_owned()).unwrap_or_default());
        problem.set(None);
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let read = |signal: RwSignal<String>| {
            let text = signal.get_untracked().trim().to_owned();
            if text.is_empty() {
                Ok(None)
            } else {
                parse_price(&text).map(Some).ok_or(())
            }
        };
        let (Ok(price_min), Ok(price_max)) = (read(min), read(max)) else {
            problem.set(Some("price"));
            return;
        };
        if let (Some(low), Some(high)) = (price_min, price_max)
            && low > high
        {
            problem.set(Some("order"));
            return;
        }
        let region_text = region.get_untracked().trim().to_owned();
        go.run(ListParams {
            price_min,
            price_max,
            region: (!region_text.is_empty()).then_some(region_text),
            kind: PlanKind::parse(&kind.get_untracked()),
            page: 1,
            ..params.get_untracked()
        });
    };
    let invalid = move || problem.get().is_some();
    view! {
        <form class="filter-bar box" on:submit=on_submit aria-label=tr!(list.filter_form)>
            <div class="filter-group price-range" role="group" aria-labelledby="price-label">
                <span class="label is-small" id="price-label">{tr!(list.price)}</span>
                <div class="price-inputs">
                    <input
                        class="input is-small"
                        class=("is-danger", invalid)
                        type="text"
                        inputmode="decimal"
                        maxlength="12"
                        aria-label=tr!(list.price_min)
                        placeholder=tr!(list.price_min_placeholder)
                        aria-invalid=move || invalid().then_some("true")
                        aria-describedby="price-error"
                        bind:value=min
                    />
                    <span aria-hidden="true">"–"</span>
                    <input
                        class="input is-small"
                        class=("is-danger", invalid)
                        type="text"
                        inputmode="decimal"
                        maxlength="12"
                        aria-label=tr!(list.price_max)
                        placeholder=tr!(list.price_max_placeholder)
                        aria-invalid=move || invalid().then_some("true")
                        aria-describedby="price-error"
                        bind:value=max
                    />
                </div>
            </div>
            <div class="filter-group">
                <label class="label is-small" for="region-filter">{tr!(list.region)}</label>
                <input
                    id="region-filter"
                    class="input is-small"
                    type="text"
                    maxlength="50"
                    list="region-options"
                    placeholder=tr!(list.region_placeholder)
                    bind:value=region
                />
                <datalist id="region-options">
                    <option value="中国大陆"></option>
                    <option value="全球"></option>
                </datalist>
            </div>
            <div class="filter-group">
                <label class="label is-small" for="kind-filter">{tr!(list.kind)}</label>
                <div class="select is-small">
                    <select id="kind-filter" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{tr!(list.kind_all)}</option>
                        <option value="product" selected=move || kind.with(|k| k == "product")>
                            {move || plan_kind_label(i18n, PlanKind::Product)}
                        </option>
                        <option value="service" selected=move || kind.with(|k| k == "service")>
                            {move || plan_kind_label(i18n, PlanKind::Service)}
                        </option>
                    </select>
                </div>
            </div>
            <div class="filter-group filter-actions">
                <button type="submit" class="button is-link is-small">{tr!(list.apply)}</button>
            </div>
            <p id="price-error" class="help is-danger filter-error" role="alert">
                {move || match problem.get() {
                    Some("order") => t_string!(i18n, list.price_order),
                    Some(_) => t_string!(i18n, list.price_invalid),
                    None => "",
                }}
            </p>
        </form>
    }
}

/// The active filters as removable tags, and 清除全部筛选.
#[component]
fn ActiveFilters(
    /// Current list parameters.
    params: Memo<ListParams>,
    /// Navigates to other parameters.
    go: Callback<ListParams>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tag = move |text: String, remove_label: &'static str, clear: fn(&mut ListParams)| {
        view! {
            <span class="tag is-link is-light is-medium">
                {text}
                <button
                    type="button"
                    class="delete is-small"
                    aria-label=remove_label
                    on:click=move |_| {
                        let mut next = params.get_untracked();
                        clear(&mut next);
                        next.page = 1;
                        go.run(next);
                    }
                ></button>
            </span>
        }
    };
    view! {
        {move || {
            let current = params.get();
            current
                .has_filters()
                .then(|| {
                    let mut tags = Vec::new();
                    if let Some(value) = current.q.clone() {
                        tags.push(tag(t_string!(i18n, list.keyword, value).to_string(), t_string!(i18n, list.remove_keyword), |p| {
                            p.q = None;
                            p.sort = p.sort.filter(|s| *s != SolutionSort::Relevance);
                        }));
                    }
                    if let Some(value) = current.vendor.clone() {
                        tags.push(tag(t_string!(i18n, list.vendor, value).to_string(), t_string!(i18n, list.remove_vendor), |p| p.vendor = None));
                    }
                    if current.price_min.is_some() || current.price_max.is_some() {
                        let low = current.price_min.map_or_else(|| "0".to_owned(), |v| v.to_string());
                        let high = current.price_max.map_or_else(|| "∞".to_owned(), |v| v.to_string());
                        tags.push(tag(t_string!(i18n, list.price_tag, low, high).to_string(), t_string!(i18n, list.remove_price), |p| {
                            p.price_min = None;
                            p.price_max = None;
                        }));
                    }
                    if let Some(value) = current.region.clone() {
                        tags.push(tag(t_string!(i18n, list.region_tag, value).to_string(), t_string!(i18n, list.remove_region), |p| p.region = None));
                    }
                    if let Some(kind) = current.kind {
                        let value = plan_kind_label(i18n, kind);
                        tags.push(tag(t_string!(i18n, list.kind_tag, value).to_string(), t_string!(i18n, list.remove_kind), |p| p.kind = None));
                    }
                    view! {
                        <div class="active-filters" role="group" aria-label=tr!(list.filters)>
                            <span class="filters-label">{tr!(list.filters)}</span>
                            <div class="tags">{tags}</div>
                            <button
                                type="button"
                                class="button is-text is-small"
                                on:click=move |_| go.run(ListParams { category: params.get_untracked().category, page: 1, ..ListParams::default() })
                            >
                                {tr!(list.clear)}
                            </button>
                        </div>
                    }
                })
        }}
    }
}

/// The sort order menu (相关度 only with keywords).
#[component]
fn SortSelect(
    /// Current list parameters.
    params: Memo<ListParams>,
    /// Navigates to other parameters.
    go: Callback<ListParams>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let sort = parse_sort(&event_target_value(&ev));
        go.run(ListParams {
            sort,
            page: 1,
            ..params.get_untracked()
        });
    };
    view! {
        <div class="field is-horizontal sort-field">
            <label class="label is-small" for="sort-select">{tr!(list.sort_label)}</label>
            <div class="select is-small">
                <select id="sort-select" on:change=on_change prop:value=move || sort_name(params.read().effective_sort())>
                    {move || {
                        let searching = params.read().q.is_some();
                        SORTS
                            .into_iter()
                            .filter(|sort| searching || *sort != SolutionSort::Relevance)
                            .map(|sort| {
                                view! {
                                    <option value=sort_name(sort) selected=move || params.read().effective_sort() == sort>
                                        {move || sort_label(i18n, sort)}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
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

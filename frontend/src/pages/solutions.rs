//! Solution list (解决方案): category tabs, keyword/vendor filters, sort, paging; every
//! filter lives in the URL (`/solutions?category=…&vendor=…&q=…&sort=…&page=…`).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use rc_types::catalog::{Category, ListSolutionsQuery, SolutionSort};

use crate::api::{LoadError, SORTS, client, parse_category, parse_sort, sort_name};
use crate::app::PageTitle;
use crate::components::category_tabs::CategoryTabs;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::pagination::Pagination;
use crate::components::skeleton::CardGridSkeleton;
use crate::components::solution_card::SolutionGrid;
use crate::i18n::{sort_label, t, t_string, use_i18n};
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
    /// Sort order.
    pub sort: SolutionSort,
    /// 1-based page.
    pub page: u32,
}

impl ListParams {
    /// Reads the URL query; unknown or malformed values fall back to the defaults.
    pub fn from_query(query: &ParamsMap) -> Self {
        Self::parse(|key| query.get(key))
    }

    /// Reads the parameters through `get` (URL query lookup by key).
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        ListParams {
            category: get("category").as_deref().and_then(parse_category),
            vendor: text("vendor"),
            q: text("q"),
            sort: get("sort").as_deref().and_then(parse_sort).unwrap_or_default(),
            page: get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The query parameters that differ from the defaults, in URL order.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(category) = self.category {
            pairs.push(("category", category.as_str().to_owned()));
        }
        if let Some(vendor) = &self.vendor {
            pairs.push(("vendor", vendor.clone()));
        }
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        if self.sort != SolutionSort::default() {
            pairs.push(("sort", sort_name(self.sort).to_owned()));
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
            sort: Some(self.sort),
        }
    }

    /// The same filters on another page.
    pub fn with_page(&self, page: u32) -> Self {
        ListParams { page, ..self.clone() }
    }
}

/// The solution list page.
#[component]
pub fn SolutionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = Memo::new(move |_| ListParams::from_query(&query.read()));
    let results = LocalResource::new(move || {
        let api_query = params.get().to_api();
        async move { client().list_solutions(&api_query).await.map_err(LoadError::from) }
    });
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

    view! {
        <PageTitle part=move || t_string!(i18n, list.title).to_string() />
        <section class="page-banner">
            <div class="container">
                <h1 class="title is-3">{tr!(list.title)}</h1>
                <p class="subtitle is-6">{tr!(list.subtitle)}</p>
            </div>
        </section>
        <div class="container page-body">
            <CategoryTabs
                selected=Signal::derive(move || params.read().category)
                on_select=select_category
                panel_id="solutions-panel"
            />
            <div id="solutions-panel" role="tabpanel">
                <div class="list-toolbar">
                    <ActiveFilters params go />
                    <SortSelect params go />
                </div>
                <Transition fallback=|| view! { <CardGridSkeleton count=8 /> }>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(page) => {
                                let count = u32::try_from(page.page_count()).unwrap_or(u32::MAX);
                                let total = page.total;
                                let current = page.page;
                                let href = Callback::new(move |n: u32| params.get_untracked().with_page(n).to_url());
                                view! {
                                    <p class="list-total" role="status">{t!(i18n, list.total, count = total)}</p>
                                    {if page.items.is_empty() {
                                        view! { <EmptyState hint=true /> }.into_any()
                                    } else {
                                        view! { <SolutionGrid solutions=page.items /> }.into_any()
                                    }}
                                    <Pagination current count href />
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </div>
    }
}

/// The keyword and vendor filters as removable tags.
#[component]
fn ActiveFilters(
    /// Current list parameters.
    params: Memo<ListParams>,
    /// Navigates to other parameters.
    go: Callback<ListParams>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || {
            let current = params.get();
            let has_filters = current.q.is_some() || current.vendor.is_some();
            has_filters
                .then(|| {
                    let keyword = current.q.clone().map(|value| {
                        view! {
                            <span class="tag is-link is-light is-medium">
                                {t!(i18n, list.keyword, value = value.clone())}
                                <button
                                    type="button"
                                    class="delete is-small"
                                    aria-label=tr!(list.remove_keyword)
                                    on:click=move |_| go.run(ListParams { q: None, page: 1, ..params.get_untracked() })
                                ></button>
                            </span>
                        }
                    });
                    let vendor = current.vendor.clone().map(|value| {
                        view! {
                            <span class="tag is-link is-light is-medium">
                                {t!(i18n, list.vendor, value = value.clone())}
                                <button
                                    type="button"
                                    class="delete is-small"
                                    aria-label=tr!(list.remove_vendor)
                                    on:click=move |_| go.run(ListParams { vendor: None, page: 1, ..params.get_untracked() })
                                ></button>
                            </span>
                        }
                    });
                    view! {
                        <div class="active-filters" role="group" aria-label=tr!(list.filters)>
                            <span class="filters-label">{tr!(list.filters)}</span>
                            <div class="tags">{keyword} {vendor}</div>
                        </div>
                    }
                })
        }}
    }
}

/// The sort order menu.
#[component]
fn SortSelect(
    /// Current list parameters.
    params: Memo<ListParams>,
    /// Navigates to other parameters.
    go: Callback<ListParams>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let sort = parse_sort(&event_target_value(&ev)).unwrap_or_default();
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
                <select id="sort-select" on:change=on_change prop:value=move || sort_name(params.read().sort)>
                    {SORTS
                        .into_iter()
                        .map(|sort| {
                            view! {
                                <option value=sort_name(sort) selected=move || params.read().sort == sort>
                                    {move || sort_label(i18n, sort)}
                                </option>
                            }
                        })
                        .collect_view()}
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
        assert_eq!(params.sort, SolutionSort::PriceAsc);
        assert_eq!(params.page, 2);
        assert_eq!(
            params.query_pairs(),
            vec![
                ("category", "security_services".to_owned()),
                ("q", "迁移".to_owned()),
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
}

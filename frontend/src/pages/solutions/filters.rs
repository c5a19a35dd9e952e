//! The filters of the solution list: price range, region and kind (筛选), the active filters as
//! removable tags, and the sort menu.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rc_types::catalog::{PlanKind, SolutionSort};

use super::{ListParams, parse_price};
use crate::api::{SORTS, parse_sort, sort_name};
use crate::i18n::{plan_kind_label, sort_label, t_string, use_i18n};
use crate::tr;

/// Price range, region and kind; applied together with the 筛选 button.
#[allow(clippy::too_many_lines, reason = "one form reads best in one piece")]
#[component]
pub(super) fn FilterBar(
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
pub(super) fn ActiveFilters(
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
pub(super) fn SortSelect(
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

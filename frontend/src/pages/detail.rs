//! Solution detail (方案详情): plans with price, SKU, tax rate and region, quantity and total,
//! features, description, and 相关推荐 from the same category.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rc_types::Money;
use rc_types::catalog::{Category, ListSolutionsQuery, Plan, SolutionDetail, SolutionSort};
use rust_decimal::Decimal;

use crate::api::{LoadError, client};
use crate::app::PageTitle;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::logo::VendorTile;
use crate::components::roving::{Axis, handle_key};
use crate::components::skeleton::{DetailSkeleton, LinesSkeleton};
use crate::i18n::{category_label, plan_kind_label, t_string, use_i18n};
use crate::tr;

/// Largest quantity the form accepts.
pub const MAX_QUANTITY: u32 = 9999;
/// Related solutions shown in the side bar.
const RELATED_COUNT: usize = 4;

/// Unit price × quantity, in the plan's currency.
pub fn line_total(unit_price: Money, quantity: u32) -> Money {
    Money {
        amount: unit_price.amount * Decimal::from(quantity),
        currency: unit_price.currency,
    }
}

/// Parses the quantity field: whole numbers from 1 to [`MAX_QUANTITY`].
pub fn parse_quantity(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|q| (1..=MAX_QUANTITY).contains(q))
}

/// The detail page of `/solutions/:id`.
#[component]
pub fn DetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => client().get_solution(id).await.map_err(LoadError::from),
                None => Err(LoadError {
                    status: Some(404),
                    message: String::new(),
                    network: false,
                }),
            }
        }
    });
    let retry = Callback::new(move |()| detail.refetch());
    view! {
        <div class="container page-body detail-page">
            <Suspense fallback=move || {
                view! {
                    <PageTitle part=move || t_string!(i18n, detail.title).to_string() />
                    <DetailSkeleton />
                }
            }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(solution) => view! { <SolutionView solution /> }.into_any(),
                        Err(error) if error.is_not_found() => view! { <SolutionNotFound /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The API has no such (published) solution.
#[component]
fn SolutionNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, detail.not_found_title).to_string() />
        <section class="not-found box">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1 class="title is-4">{tr!(detail.not_found_title)}</h1>
            <p>{tr!(detail.not_found_text)}</p>
            <a href="/solutions" class="button is-link mt-4">{tr!(detail.back)}</a>
        </section>
    }
}

/// The loaded solution.
#[component]
fn SolutionView(
    /// The solution with its plans.
    solution: SolutionDetail,
) -> impl IntoView {
    let i18n = use_i18n();
    let SolutionDetail {
        summary,
        description,
        features,
        plans,
        ..
    } = solution;
    let name = summary.name.clone();
    let category = summary.category;
    let rating = summary.rating.map(|r| format!("★ {}", r.normalize()));
    let paragraphs: Vec<String> = description
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let title_name = name.clone();
    view! {
        <PageTitle part=move || title_name.clone() />
        <nav class="breadcrumb" aria-label=tr!(nav.breadcrumb)>
            <ul>
                <li><a href="/">{tr!(nav.home)}</a></li>
                <li><a href="/solutions">{tr!(nav.solutions)}</a></li>
                <li>
                    <a href=format!("/solutions?category={}", category.as_str())>
                        {move || category_label(i18n, Some(category))}
                    </a>
                </li>
                <li class="is-active"><a aria-current="page">{name.clone()}</a></li>
            </ul>
        </nav>
        <div class="columns">
            <div class="column is-9">
                <section class="box detail-head" aria-labelledby="solution-name">
                    <div class="media">
                        <div class="media-left">
                            <VendorTile vendor=summary.vendor.clone() size="is-large" />
                        </div>
                        <div class="media-content">
                            <h1 id="solution-name" class="title is-4">{name.clone()}</h1>
                            <p class="detail-meta">
                                <span>{tr!(detail.vendor)}": "{summary.vendor.clone()}</span>
                                <a class="tag is-link is-light" href=format!("/solutions?category={}", category.as_str())>
                                    {move || category_label(i18n, Some(category))}
                                </a>
                                {rating.map(|r| {
                                    view! {
                                        <span class="rating" title=tr!(detail.rating)>{r}</span>
                                    }
                                })}
                            </p>
                            <p class="detail-summary">{summary.summary.clone()}</p>
                        </div>
                    </div>
                    <dl class="detail-facts">
                        <div>
                            <dt>{tr!(detail.region)}</dt>
                            <dd>{summary.region.clone()}</dd>
                        </div>
                        <div>
                            <dt>{tr!(detail.price_from)}</dt>
                            <dd class="price-amount">{summary.price_from.display_short()}</dd>
                        </div>
                    </dl>
                    <PlanSelector plans />
                </section>
                {(!paragraphs.is_empty()).then(|| {
                    view! {
                        <section class="box" aria-labelledby="overview-heading">
                            <h2 id="overview-heading" class="title is-5">{tr!(detail.overview)}</h2>
                            <div class="content">
                                {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                            </div>
                        </section>
                    }
                })}
                <section class="box" aria-labelledby="features-heading">
                    <h2 id="features-heading" class="title is-5">{tr!(detail.features)}</h2>
                    {if features.is_empty() {
                        view! { <EmptyState /> }.into_any()
                    } else {
                        view! {
                            <ul class="feature-list">
                                {features.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </section>
            </div>
            <aside class="column is-3">
                <Related category current_id=summary.id />
            </aside>
        </div>
    }
}

/// 购买计划: one radio button per plan; the chosen plan drives price, SKU, tax rate, region
/// and the total for the entered quantity. Ordering itself is not available yet.
#[component]
fn PlanSelector(
    /// Plans, cheapest first.
    plans: Vec<Plan>,
) -> impl IntoView {
    let i18n = use_i18n();
    if plans.is_empty() {
        return view! {
            <div class="purchase">
                <h2 class="purchase-label">{tr!(detail.plans)}</h2>
                <p class="has-text-grey">{tr!(detail.no_plans)}</p>
            </div>
        }
        .into_any();
    }
    let plans = StoredValue::new(plans);
    let selected = RwSignal::new(0_usize);
    let quantity = RwSignal::new(1_u32);
    let plan = move || plans.with_value(|plans| plans[selected.get().min(plans.len() - 1)].clone());
    let total = move || line_total(plan().unit_price, quantity.get()).display_short();

    let plan_count = plans.with_value(Vec::len);
    let on_keydown = move |ev: KeyboardEvent| {
        handle_key(
            &ev,
            Axis::Both,
            "[role=radio]",
            selected.get_untracked(),
            plan_count,
            |next| selected.set(next),
        );
    };
    let options = plans.with_value(|plans| {
        plans
            .iter()
            .enumerate()
            .map(|(index, plan)| {
                let checked = move || selected.get() == index;
                view! {
                    <button
                        type="button"
                        role="radio"
                        class="button plan-option"
                        class=("is-link", checked)
                        class=("is-outlined", checked)
                        aria-checked=move || checked().to_string()
                        tabindex=move || if checked() { "0" } else { "-1" }
                        on:click=move |_| selected.set(index)
                    >
                        {plan.name.clone()}
                    </button>
                }
            })
            .collect_view()
    });

    let set_quantity = move |value: u32| quantity.set(value.clamp(1, MAX_QUANTITY));
    view! {
        <div class="purchase">
            <p class="purchase-price" aria-live="polite">
                <span class="price-amount is-large">{move || plan().unit_price.display_short()}</span>
            </p>
            <h2 id="plans-label" class="purchase-label">{tr!(detail.plans)}</h2>
            <div class="buttons plan-options" role="radiogroup" aria-labelledby="plans-label" on:keydown=on_keydown>
                {options}
            </div>
            <table class="table is-fullwidth plan-facts">
                <tbody>
                    <tr>
                        <th scope="row">{tr!(detail.sku)}</th>
                        <td class="sku">{move || plan().sku_code}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr!(detail.unit_price)}</th>
                        <td class="unit-price">{move || plan().unit_price.display_short()}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr!(detail.tax_rate)}</th>
                        <td class="tax-rate">{move || format!("{}%", plan().tax_rate.normalize())}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr!(detail.plan_region)}</th>
                        <td class="plan-region">{move || plan().region}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr!(detail.kind)}</th>
                        <td>{move || plan_kind_label(i18n, plan().kind)}</td>
                    </tr>
                </tbody>
            </table>
            <div class="field quantity-field">
                <label class="label" for="quantity">{tr!(detail.quantity)}</label>
                <div class="field has-addons">
                    <div class="control">
                        <button
                            type="button"
                            class="button"
                            aria-label=tr!(detail.decrease)
                            disabled={move || quantity.get() <= 1}
                            on:click=move |_| set_quantity(quantity.get_untracked().saturating_sub(1))
                        >
                            "−"
                        </button>
                    </div>
                    <div class="control">
                        <input
                            id="quantity"
                            class="input quantity-input"
                            type="number"
                            inputmode="numeric"
                            min="1"
                            max=MAX_QUANTITY
                            step="1"
                            prop:value=move || quantity.get().to_string()
                            on:input=move |ev| {
                                if let Some(q) = parse_quantity(&event_target_value(&ev)) {
                                    quantity.set(q);
                                }
                            }
                            on:change=move |_| quantity.notify()
                        />
                    </div>
                    <div class="control">
                        <button
                            type="button"
                            class="button"
                            aria-label=tr!(detail.increase)
                            disabled={move || quantity.get() >= MAX_QUANTITY}
                            on:click=move |_| set_quantity(quantity.get_untracked() + 1)
                        >
                            "+"
                        </button>
                    </div>
                </div>
            </div>
            <p class="purchase-total">
                <span>{tr!(detail.total)}</span>
                <output for="quantity" class="price-amount is-large total-amount">{total}</output>
            </p>
            <div class="buttons purchase-actions">
                <button type="button" class="button is-link is-medium" disabled aria-describedby="ordering-note">
                    {tr!(detail.buy_now)}
                </button>
                <button type="button" class="button is-link is-light is-medium" disabled aria-describedby="ordering-note">
                    {tr!(detail.add_to_cart)}
                </button>
            </div>
            <p id="ordering-note" class="help ordering-note">{tr!(detail.ordering_soon)}</p>
        </div>
    }
    .into_any()
}

/// 相关推荐: up to four other solutions of the same category.
#[component]
fn Related(
    /// Category of the shown solution.
    category: Category,
    /// The shown solution, left out of the list.
    current_id: i64,
) -> impl IntoView {
    let related = LocalResource::new(move || async move {
        let query = ListSolutionsQuery {
            category: Some(category),
            sort: Some(SolutionSort::Popular),
            per_page: Some(u32::try_from(RELATED_COUNT).unwrap_or(4) + 1),
            ..ListSolutionsQuery::default()
        };
        client().list_solutions(&query).await.map_err(LoadError::from)
    });
    let retry = Callback::new(move |()| related.refetch());
    view! {
        <section class="box related" aria-labelledby="related-heading">
            <h2 id="related-heading" class="title is-6">{tr!(detail.related)}</h2>
            <Suspense fallback=|| view! { <LinesSkeleton lines=4 /> }>
                {move || Suspend::new(async move {
                    match related.await {
                        Ok(page) => {
                            let items: Vec<_> = page
                                .items
                                .into_iter()
                                .filter(|s| s.id != current_id)
                                .take(RELATED_COUNT)
                                .collect();
                            if items.is_empty() {
                                view! { <EmptyState /> }.into_any()
                            } else {
                                view! {
                                    <ul class="related-list">
                                        {items
                                            .into_iter()
                                            .map(|s| {
                                                view! {
                                                    <li>
                                                        <a href=format!("/solutions/{}", s.id) class="related-item">
                                                            <VendorTile vendor=s.vendor.clone() size="is-small" />
                                                            <span class="related-text">
                                                                <span class="related-name">{s.name.clone()}</span>
                                                                <span class="related-price">{s.price_from.display_short()}</span>
                                                            </span>
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                        }
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn total_is_unit_price_times_quantity() {
        let unit = Money::cny(Decimal::from_str("64.20").unwrap());
        assert_eq!(line_total(unit, 3).display_short(), "¥192.6");
        assert_eq!(line_total(unit, 1), unit);
    }

    #[test]
    fn quantity_must_be_a_positive_whole_number() {
        assert_eq!(parse_quantity(" 3 "), Some(3));
        assert_eq!(parse_quantity("0"), None);
        assert_eq!(parse_quantity("-1"), None);
        assert_eq!(parse_quantity("1.5"), None);
        assert_eq!(parse_quantity("10000"), None);
    }
}

//! 购买计划 of the detail page: the plan choice, quantity and total.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_types::catalog::Plan;

use super::{MAX_QUANTITY, line_total, parse_quantity};
use crate::cart::use_cart_count;
use crate::components::roving::{Axis, handle_key};
use crate::forms::failure_text;
use crate::i18n::{plan_kind_label, t_string, use_i18n};
use crate::session::{Auth, NoticeKind, current_path, use_session};
use crate::tr;

/// 购买计划: one radio button per plan; the chosen plan drives price, SKU, tax rate, region
/// and the total for the entered quantity. 加入购物车 adds the plan and quantity to the buyer's
/// cart (a visitor signs in first); 立即购买 comes with checkout.
#[allow(clippy::too_many_lines, reason = "one form reads best in one piece")]
#[component]
pub(super) fn PlanSelector(
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
                <BuyNow plan=Signal::derive(plan) quantity />
                <AddToCart plan=Signal::derive(plan) quantity />
            </div>
        </div>
    }
    .into_any()
}

/// 立即购买 (§5.1.1): straight to checkout with this plan and quantity, quoting the price shown;
/// a visitor signs in first and comes back to checkout; operator staff, who don't buy, get it
/// disabled.
#[component]
fn BuyNow(plan: Signal<Plan>, quantity: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let staff = move || matches!(session.auth.get(), Auth::SignedIn(_)) && session.company().is_none();
    let restoring = move || matches!(session.auth.get(), Auth::Restoring);
    let buy = move |_| {
        let shown = plan.get_untracked();
        let checkout = format!(
            "/checkout?plan={}&qty={}&price={}",
            shown.id,
            quantity.get_untracked(),
            shown.unit_price.amount
        );
        let target = if matches!(session.auth.get_untracked(), Auth::SignedIn(_)) {
            checkout
        } else {
            format!(
                "/login?next={}",
                String::from(js_sys::encode_uri_component(&checkout))
            )
        };
        // Checkout is in the account bundle: a page load, not a route change.
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(&target);
        }
    };
    view! {
        <button type="button" class="button is-link is-medium buy-now" disabled=move || staff() || restoring() on:click=buy>
            {tr!(detail.buy_now)}
        </button>
    }
}

/// 加入购物车: adds the chosen plan and quantity to the buyer's cart and says so; a visitor is
/// sent to sign in and back; operator staff, who don't buy, get it disabled.
#[component]
fn AddToCart(plan: Signal<Plan>, quantity: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let cart = use_cart_count();
    let busy = RwSignal::new(false);
    let staff = move || matches!(session.auth.get(), Auth::SignedIn(_)) && session.company().is_none();
    let restoring = move || matches!(session.auth.get(), Auth::Restoring);
    let add = move |_| {
        if !matches!(session.auth.get_untracked(), Auth::SignedIn(_)) {
            let next = String::from(js_sys::encode_uri_component(&current_path()));
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(&format!("/login?next={next}"));
            }
            return;
        }
        let shown = plan.get_untracked();
        let input = rc_types::cart::CartLineInput {
            plan_id: shown.id,
            quantity: i32::try_from(quantity.get_untracked()).unwrap_or(1),
            seen_unit_price: Some(shown.unit_price),
        };
        busy.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let input = input.clone();
                    async move { api.create_cart_line(&input).await }
                })
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    cart.reload();
                    session.notify(NoticeKind::Success, t_string!(i18n, cart.added).to_string());
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    view! {
        <button
            type="button"
            class="button is-link is-light is-medium add-to-cart"
            class=("is-loading", move || busy.get())
            disabled=move || staff() || restoring() || busy.get()
            on:click=add
        >
            {tr!(detail.add_to_cart)}
        </button>
    }
}

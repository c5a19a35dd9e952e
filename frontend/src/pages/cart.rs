//! 购物车 (§5.2, `/cart`): the steps bar, the lines (选择, 商品, 单价, 数量, 总价, 操作) with the flags of
//! a changed price (accept it to settle the line) and of a plan no longer sold (remove it), and
//! the selection to settle (结算, on to `/checkout`). Every amount shown comes from the server.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use rc_types::Money;
use rc_types::cart::{Cart, CartLine, CartLineState, CartLineUpdate, MAX_QUANTITY};

use crate::api::LoadError;
use crate::app::PageTitle;
use crate::cart::use_cart_count;
use crate::components::confirm::{Confirm, asker};
use crate::components::error_view::ErrorView;
use crate::components::skeleton::LinesSkeleton;
use crate::forms::failure_text;
use crate::i18n::{plan_kind_label, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, SignedIn};
use crate::session::{NoticeKind, use_session};
use crate::tr;

/// The cart page: for a signed-in buyer (a partner company's user).
#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, cart.title).to_string() />
        <SignedIn>
            <div class="container page-body cart-page">
                <Guard need=Need::Company("place_orders")>
                    <CartView />
                </Guard>
            </div>
        </SignedIn>
    }
}

/// 1 选择结算商品 — 2 填写核对订单信息 — 3 成功提交订单, the first one current.
#[component]
fn Steps() -> impl IntoView {
    view! {
        <ol class="checkout-steps" aria-label=tr!(cart.steps)>
            <li class="is-current" aria-current="step">{tr!(cart.step_select)}</li>
            <li>{tr!(cart.step_fill)}</li>
            <li>{tr!(cart.step_done)}</li>
        </ol>
    }
}

/// What a row asks the page to do.
#[derive(Debug, Clone)]
enum Change {
    /// Set the quantity.
    Quantity(i64, i32),
    /// Accept the plan's current terms, quoting the unit price shown.
    Accept(i64, i32, Money),
    /// Remove the line (after confirmation).
    Remove(i64),
}

/// The cart's content, for a user the guard let in (its requests start only then).
#[component]
fn CartView() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let count = use_cart_count();
    let selected = RwSignal::new(Vec::<i64>::new());
    let cart = LocalResource::new(move || async move {
        let loaded = session
            .call(|api| async move { api.get_cart().await })
            .await
            .map_err(LoadError::from);
        if let Ok(cart) = &loaded {
            count.set(cart.count);
            // Lines that stopped being ready (or are gone) leave the selection.
            selected.update(|ids| {
                ids.retain(|id| {
                    cart.lines
                        .iter()
                        .any(|line| line.id == *id && line.state == CartLineState::Ready)
                });
            });
        }
        loaded
    });
    let ask = asker();
    let apply = move |change: Change| {
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let change = change.clone();
                    async move {
                        match change {
                            Change::Quantity(id, quantity) => api
                                .update_cart_line(
                                    id,
                                    &CartLineUpdate {
                                        quantity,
                                        accept_unit_price: None,
                                    },
                                )
                                .await
                                .map(|_| ()),
                            Change::Accept(id, quantity, shown) => api
                                .update_cart_line(
                                    id,
                                    &CartLineUpdate {
                                        quantity,
                                        accept_unit_price: Some(shown),
                                    },
                                )
                                .await
                                .map(|_| ()),
                            Change::Remove(id) => api.delete_cart_line(id).await,
                        }
                    }
                })
                .await;
            match result {
                Ok(()) => {
                    if let Change::Remove(id) = change {
                        selected.update(|ids| ids.retain(|s| *s != id));
                        session.notify(NoticeKind::Success, t_string!(i18n, cart.removed).to_string());
                    }
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
            cart.refetch();
        });
    };
    let on_change = Callback::new(move |change: Change| match change {
        Change::Remove(_) => ask(Confirm {
            message: t_string!(i18n, cart.remove_text).to_string(),
            action: t_string!(i18n, cart.remove).to_string(),
            danger: true,
            run: Callback::new(move |()| apply(change.clone())),
        }),
        _ => apply(change),
    });
    view! {
        <h1 class="title is-4">{tr!(cart.title)}</h1>
        <Steps />
        <Transition fallback=|| view! { <LinesSkeleton lines=4 /> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(cart) if cart.lines.is_empty() => view! { <EmptyCart /> }.into_any(),
                    Ok(cart) => view! { <CartTable cart selected on_change /> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| cart.refetch()) /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// 购物车是空的, with a way back to the catalog.
#[component]
fn EmptyCart() -> impl IntoView {
    view! {
        <section class="box has-text-centered cart-empty">
            <p class="mb-4">{tr!(cart.empty)}</p>
            <a href="/solutions" class="button is-link">{tr!(cart.browse)}</a>
        </section>
    }
}

/// The lines and the settle bar.
#[component]
fn CartTable(cart: Cart, selected: RwSignal<Vec<i64>>, on_change: Callback<Change>) -> impl IntoView {
    let i18n = use_i18n();
    let ready: Vec<i64> = cart
        .lines
        .iter()
        .filter(|line| line.state == CartLineState::Ready)
        .map(|line| line.id)
        .collect();
    let all_ready = StoredValue::new(ready);
    let all_selected = move || {
        all_ready.with_value(|ready| !ready.is_empty() && ready.iter().all(|id| selected.get().contains(id)))
    };
    let toggle_all = move |on: bool| selected.set(if on { all_ready.get_value() } else { Vec::new() });
    let navigate = use_navigate();
    let rows = cart
        .lines
        .into_iter()
        .map(|line| view! { <CartRow line selected on_change /> })
        .collect_view();
    view! {
        <section class="box list-box">
            <div class="table-container">
                <table class="table is-fullwidth cart-table" aria-label=tr!(cart.table)>
                    <thead>
                        <tr>
                            <th scope="col">
                                <label class="checkbox">
                                    <input
                                        type="checkbox"
                                        aria-label=tr!(cart.select_all)
                                        prop:checked=all_selected
                                        on:change=move |ev| toggle_all(event_target_checked(&ev))
                                    />
                                </label>
                            </th>
                            <th scope="col">{tr!(cart.col_item)}</th>
                            <th scope="col">{tr!(cart.col_unit_price)}</th>
                            <th scope="col">{tr!(cart.col_quantity)}</th>
                            <th scope="col">{tr!(cart.col_total)}</th>
                            <th scope="col">{tr!(cart.col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="level cart-settle">
                <div class="level-left">
                    <p class="level-item" aria-live="polite">
                        {move || {
                            let count = selected.get().len();
                            t_string!(i18n, cart.selected_n, count).to_string()
                        }}
                    </p>
                </div>
                <div class="level-right">
                    <div class="level-item">
                        <button
                            type="button"
                            class="button is-link is-medium cart-settle-button"
                            disabled=move || selected.get().is_empty()
                            aria-describedby="settle-note"
                            on:click=move |_| {
                                let ids: Vec<String> = selected.get_untracked().iter().map(ToString::to_string).collect();
                                navigate(&format!("/checkout?cart={}", ids.join(",")), NavigateOptions::default());
                            }
                        >
                            {tr!(cart.settle)}
                        </button>
                    </div>
                </div>
            </div>
            <p id="settle-note" class="help has-text-right">{tr!(cart.settle_hint)}</p>
        </section>
    }
}

/// One line: its checkbox (ready lines only), what it is, its prices, quantity and actions.
#[allow(
    clippy::needless_pass_by_value,
    reason = "components take their props by value"
)]
#[component]
fn CartRow(line: CartLine, selected: RwSignal<Vec<i64>>, on_change: Callback<Change>) -> impl IntoView {
    let i18n = use_i18n();
    let id = line.id;
    let ready = line.state == CartLineState::Ready;
    let available = line.state != CartLineState::Unavailable;
    let name = format!("{} · {}", line.solution_name, line.plan_name);
    let checked = move || selected.get().contains(&id);
    let toggle = move |on: bool| {
        selected.update(|ids| {
            ids.retain(|s| *s != id);
            if on {
                ids.push(id);
            }
        });
    };
    let quantity = line.quantity;
    let set_quantity = move |value: i32| {
        let value = value.clamp(1, MAX_QUANTITY);
        if value != quantity {
            on_change.run(Change::Quantity(id, value));
        }
    };
    let shown = line.unit_price;
    let accept = move |_| on_change.run(Change::Accept(id, quantity, shown));
    let flag = match line.state {
        CartLineState::Ready => None,
        CartLineState::PriceChanged => {
            let (seen, now) = (
                line.seen_unit_price.display_short(),
                line.unit_price.display_short(),
            );
            Some(view! {
                <p class="help is-warning cart-flag" role="status">
                    {move || t_string!(i18n, cart.price_changed, seen = seen.clone(), now = now.clone()).to_string()}
                </p>
                <button type="button" class="button is-small is-warning is-light" on:click=accept>
                    {tr!(cart.accept_price)}
                </button>
            }
            .into_any())
        }
        CartLineState::PlanChanged => Some(
            view! {
                <p class="help is-warning cart-flag" role="status">{tr!(cart.plan_changed)}</p>
                <button type="button" class="button is-small is-warning is-light" on:click=accept>
                    {tr!(cart.accept_plan)}
                </button>
            }
            .into_any(),
        ),
        CartLineState::Unavailable => Some(
            view! { <p class="help is-danger cart-flag" role="status">{tr!(cart.unavailable)}</p> }
                .into_any(),
        ),
    };
    let tax_rate = format!("{}%", line.tax_rate.normalize());
    let detail_link = line
        .solution_id
        .filter(|_| available)
        .map(|solution| format!("/solutions/{solution}"));
    let label = name.clone();
    view! {
        <tr class:is-flagged=!ready>
            <td>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        aria-label=move || t_string!(i18n, cart.select_line, name = label.clone()).to_string()
                        disabled=!ready
                        prop:checked=checked
                        on:change=move |ev| toggle(event_target_checked(&ev))
                    />
                </label>
            </td>
            <td>
                {match detail_link {
                    Some(href) => view! { <a href=href class="has-text-weight-semibold">{name.clone()}</a> }.into_any(),
                    None => view! { <span class="has-text-weight-semibold">{name.clone()}</span> }.into_any(),
                }}
                <p class="is-size-7 has-text-grey">
                    {format!("SKU: {}", line.sku_code)} " · " {line.region.clone()} " · "
                    {move || plan_kind_label(i18n, line.kind)} " · "
                    {move || t_string!(i18n, cart.tax_rate, rate = tax_rate.clone()).to_string()}
                </p>
                {flag}
            </td>
            <td class="unit-price">{line.unit_price.display_short()}</td>
            <td>
                <input
                    class="input is-small quantity-input"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=MAX_QUANTITY
                    step="1"
                    aria-label=tr!(cart.col_quantity)
                    disabled=!available
                    prop:value=quantity.to_string()
                    on:change=move |ev| {
                        if let Ok(value) = event_target_value(&ev).trim().parse::<i32>() {
                            set_quantity(value);
                        }
                    }
                />
            </td>
            <td class="line-total has-text-weight-semibold">{line.line_total.display_short()}</td>
            <td>
                <button type="button" class="button is-small is-danger is-light" on:click=move |_| on_change.run(Change::Remove(id))>
                    {tr!(cart.remove)}
                </button>
            </td>
        </tr>
    }
}

//! 蓝云支付平台 (§5 线上支付, §10.3.4 A): the cashier of an order (`/account/orders/:id/pay`) or a
//! credit bill (`/account/assets/credit/bills/:id/pay`) — 订单号, 应付金额, 订单详情, the countdown
//! to the order's real deadline, the methods this payer may use and 立即支付. A gateway's payment
//! starts an attempt and submits its signed form; the browser comes back here (`?returned=1`),
//! where the page waits for the notification that alone marks the payment paid.

mod credit;
mod form;

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use rc_types::payments::{
    AttemptStatus, Cashier, CashierMethod, CashierState, Gateway, MethodBlock, PaymentTarget, StartPayment,
};

use crate::api::LoadError;
use crate::components::error_view::ErrorView;
use crate::components::skeleton::LinesSkeleton;
use crate::forms::failure_text;
use crate::i18n::{Locale, t_string, td_string, use_i18n};
use crate::pages::account::assets::NEED;
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// How often a returned payer's page asks again while the notification is awaited.
const RETURNED_POLL: Duration = Duration::from_secs(2);
/// How many times it asks before saying the result is still open.
const RETURNED_POLLS: u32 = 30;

/// The order's cashier.
#[component]
pub fn OrderCashierPage() -> impl IntoView {
    view! {
        <Guard need=Need::Company("place_orders")>
            <CashierLoader bill=false />
        </Guard>
    }
}

/// A credit bill's cashier (额度线上还款).
#[component]
pub fn BillCashierPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <CashierLoader bill=true />
        </Guard>
    }
}

/// Where the page goes back to.
fn back_href(target: PaymentTarget) -> String {
    match target {
        PaymentTarget::Order(id) => format!("/account/orders/{id}"),
        PaymentTarget::Bill(_) => "/account/assets/credit".to_owned(),
    }
}

#[component]
fn CashierLoader(bill: bool) -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let target = Signal::derive(move || {
        if bill {
            PaymentTarget::Bill(id.get())
        } else {
            PaymentTarget::Order(id.get())
        }
    });
    let returned = query.read_untracked().get("returned").is_some();
    let polls = RwSignal::new(0_u32);
    let cashier = LocalResource::new(move || {
        let target = target.get();
        polls.track();
        async move {
            session
                .call(|api| async move {
                    match target {
                        PaymentTarget::Order(id) => api.get_order_cashier(id).await,
                        PaymentTarget::Bill(id) => api.get_bill_cashier(id).await,
                    }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let retry = Callback::new(move |()| cashier.refetch());
    // A payer back from the gateway: ask again until the notification has arrived.
    if returned
        && let Ok(handle) = set_interval_with_handle(
            move || {
                let waiting = cashier.get_untracked().and_then(Result::ok).is_some_and(|c| {
                    c.state == CashierState::Payable && latest_is(&c, AttemptStatus::Pending)
                });
                if waiting && polls.get_untracked() < RETURNED_POLLS {
                    polls.update(|n| *n += 1);
                }
            },
            RETURNED_POLL,
        )
    {
        on_cleanup(move || handle.clear());
    }
    view! {
        <PageHead title=ts!(cashier.title)>
            <A href=move || back_href(target.get()) attr:class="button is-light">{tr!(cashier.back)}</A>
        </PageHead>
        <Transition fallback=|| view! { <LinesSkeleton lines=8 /> }>
            {move || Suspend::new(async move {
                match cashier.await {
                    Ok(loaded) => {
                        let waiting = returned && polls.get_untracked() < RETURNED_POLLS;
                        view! { <CashierView cashier=loaded returned waiting reload=retry /> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// `请在 14分57秒 内完成支付` from the seconds left.
fn countdown_text(locale: Locale, seconds: i64) -> String {
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    td_string!(locale, cashier.countdown, minutes = minutes, seconds = seconds).to_string()
}

/// The method's name.
fn method_label(locale: Locale, method: CashierMethod) -> &'static str {
    match method {
        CashierMethod::Alipay => td_string!(locale, cashier.alipay),
        CashierMethod::Unionpay => td_string!(locale, cashier.unionpay),
        CashierMethod::Credit => td_string!(locale, cashier.credit),
    }
}

/// Why a method can't be used.
fn block_label(locale: Locale, block: MethodBlock) -> &'static str {
    match block {
        MethodBlock::NotPayable => td_string!(locale, cashier.block_not_payable),
        MethodBlock::CreditUsed => td_string!(locale, cashier.block_credit_used),
        MethodBlock::NoCreditLine => td_string!(locale, cashier.block_no_line),
        MethodBlock::CreditOnHold => td_string!(locale, cashier.block_on_hold),
        MethodBlock::CreditShort => td_string!(locale, cashier.block_short),
        MethodBlock::NotAllowed => td_string!(locale, cashier.block_not_allowed),
    }
}

/// Whether the newest attempt stands at `status`.
fn latest_is(cashier: &Cashier, status: AttemptStatus) -> bool {
    cashier.latest.as_ref().is_some_and(|a| a.status == status)
}

/// The state's banner: paid, cancelled, awaiting finance, or — for a payer back from the gateway —
/// what became of the attempt (waiting for the gateway's word, a part of a bill repaid, not paid).
fn state_banner(cashier: &Cashier, returned: bool, waiting: bool) -> impl IntoView + use<> {
    let href = back_href(cashier.target);
    let is_bill = matches!(cashier.target, PaymentTarget::Bill(_));
    match cashier.state {
        CashierState::Paid => view! {
            <div class="notification is-success is-light cashier-paid" role="status">
                <p>{if is_bill { tr!(cashier.repaid) } else { tr!(cashier.paid) }}</p>
                <A href=href attr:class="button is-success mt-2">{if is_bill { tr!(cashier.to_credit) } else { tr!(cashier.to_order) }}</A>
            </div>
        }
        .into_any(),
        CashierState::Cancelled => view! {
            <div class="notification is-danger is-light cashier-cancelled" role="alert">
                <p>{tr!(cashier.cancelled)}</p>
                <A href=href attr:class="button is-light mt-2">{tr!(cashier.to_order)}</A>
            </div>
        }
        .into_any(),
        CashierState::AwaitingConfirmation => view! {
            <div class="notification is-info is-light" role="status">{tr!(cashier.awaiting)}</div>
        }
        .into_any(),
        CashierState::Payable if returned && latest_is(cashier, AttemptStatus::Pending) => view! {
            <div class="notification is-info is-light cashier-checking" role="status">
                {if waiting { tr!(cashier.checking) } else { tr!(cashier.still_open) }}
            </div>
        }
        .into_any(),
        CashierState::Payable if returned && latest_is(cashier, AttemptStatus::Paid) => {
            let amount = cashier.latest.as_ref().map(|a| a.amount.display_short()).unwrap_or_default();
            let i18n = use_i18n();
            view! {
                <div class="notification is-success is-light cashier-part-paid" role="status">
                    {move || t_string!(i18n, cashier.part_repaid, amount = amount.clone()).to_string()}
                </div>
            }
            .into_any()
        }
        CashierState::Payable if returned && latest_is(cashier, AttemptStatus::Closed) => view! {
            <div class="notification is-warning is-light cashier-not-paid" role="status">{tr!(cashier.not_paid)}</div>
        }
        .into_any(),
        CashierState::Payable => ().into_any(),
    }
}

#[component]
fn CashierView(cashier: Cashier, returned: bool, waiting: bool, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let is_bill = matches!(cashier.target, PaymentTarget::Bill(_));
    let payable = cashier.state == CashierState::Payable;
    let left = RwSignal::new(cashier.seconds_left);
    if payable
        && cashier.seconds_left.is_some()
        && let Ok(handle) = set_interval_with_handle(
            move || {
                left.update(|l| {
                    if let Some(s) = l {
                        *s = (*s - 1).max(0);
                    }
                });
                if left.get_untracked() == Some(0) {
                    reload.run(());
                }
            },
            Duration::from_secs(1),
        )
    {
        on_cleanup(move || handle.clear());
    }
    let expired = Signal::derive(move || left.get() == Some(0));
    let countdown = move || {
        left.get().map(|s| {
            if s == 0 {
                view! { <p class="cashier-countdown has-text-danger" role="timer">{tr!(cashier.expired)}</p> }.into_any()
            } else {
                view! { <p class="cashier-countdown" role="timer">{move || countdown_text(i18n.get_locale(), s)}</p> }.into_any()
            }
        })
    };
    let details = cashier
        .details
        .iter()
        .map(|d| {
            view! {
                <tr>
                    <td>{d.label.clone()}</td>
                    <td class="has-text-right">{d.quantity}</td>
                    <td class="has-text-right">{d.total.display_short()}</td>
                </tr>
            }
        })
        .collect_view();
    let banner = state_banner(&cashier, returned, waiting);
    let methods = payable.then(|| view! { <Methods cashier=cashier.clone() expired reload /> });
    view! {
        {banner}
        <section class="box cashier" aria-labelledby="cashier-summary">
            <h2 id="cashier-summary" class="title is-5">{tr!(cashier.platform)}</h2>
            <div class="level cashier-head">
                <div class="level-left">
                    <div>
                        <p class="heading">{if is_bill { tr!(cashier.bill_no) } else { tr!(cashier.order_no) }}</p>
                        <p class="cashier-number">{cashier.number.clone()}</p>
                    </div>
                </div>
                <div class="level-right">
                    <div class="has-text-right">
                        <p class="heading">{if is_bill { tr!(cashier.owed) } else { tr!(cashier.amount) }}</p>
                        <p class="cashier-amount title is-4 has-text-danger">{cashier.amount.display_short()}</p>
                    </div>
                </div>
            </div>
            {payable.then(countdown)}
            <h3 class="title is-6 mt-4">{if is_bill { tr!(cashier.bill_details) } else { tr!(cashier.details) }}</h3>
            <div class="table-container">
                <table class="table is-fullwidth cashier-details">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(cashier.item)}</th>
                            <th scope="col" class="has-text-right">{tr!(cashier.quantity)}</th>
                            <th scope="col" class="has-text-right">{tr!(cashier.subtotal)}</th>
                        </tr>
                    </thead>
                    <tbody>{details}</tbody>
                </table>
            </div>
        </section>
        {methods}
    }
}

/// The methods and 立即支付 (with the repaid amount for a bill, the code and password for credit).
#[component]
fn Methods(cashier: Cashier, expired: Signal<bool>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let first = cashier.methods.iter().find(|m| m.available).map(|m| m.method);
    let chosen = RwSignal::new(first);
    let busy = RwSignal::new(false);
    let target = cashier.target;
    let amount = RwSignal::new(cashier.amount.amount.to_string());
    let options = cashier
        .methods
        .iter()
        .map(|option| {
            let (method, available, blocked) = (option.method, option.available, option.blocked);
            let id = format!("pay-{}", match method {
                CashierMethod::Alipay => "alipay",
                CashierMethod::Unionpay => "unionpay",
                CashierMethod::Credit => "credit",
            });
            let credit_note = (method == CashierMethod::Credit)
                .then_some(cashier.credit_available)
                .flatten()
                .map(|a| a.display_short());
            view! {
                <label class="cashier-method box" class=("is-disabled", !available) for=id.clone()>
                    <input
                        type="radio"
                        name="method"
                        id=id.clone()
                        disabled=!available
                        prop:checked=move || chosen.get() == Some(method)
                        on:change=move |_| chosen.set(Some(method))
                    />
                    <span class="cashier-method-name">{move || method_label(i18n.get_locale(), method)}</span>
                    {credit_note.map(|a| view! {
                        <span class="help">{move || t_string!(i18n, cashier.credit_available, amount = a.clone()).to_string()}</span>
                    })}
                    {blocked.map(|b| view! { <span class="help has-text-grey">{move || block_label(i18n.get_locale(), b)}</span> })}
                </label>
            }
        })
        .collect_view();
    let pay = move |_| {
        let Some(method) = chosen.get_untracked() else {
            return;
        };
        let gateway = match method {
            CashierMethod::Alipay => Gateway::Alipay,
            CashierMethod::Unionpay => Gateway::Unionpay,
            CashierMethod::Credit => return,
        };
        let input = StartPayment {
            gateway,
            amount: matches!(target, PaymentTarget::Bill(_))
                .then(|| amount.get_untracked().trim().to_owned()),
        };
        busy.set(true);
        spawn_local(async move {
            let started = session
                .call(|api| {
                    let input = input.clone();
                    async move {
                        match target {
                            PaymentTarget::Order(id) => api.create_order_payment(id, &input).await,
                            PaymentTarget::Bill(id) => api.create_bill_payment(id, &input).await,
                        }
                    }
                })
                .await;
            match started {
                // The page leaves for the gateway; `busy` stays on.
                Ok(started) => form::submit(&started.form),
                Err(error) => {
                    busy.set(false);
                    session.notify(NoticeKind::Danger, failure_text(i18n, &error));
                    reload.run(());
                }
            }
        });
    };
    let is_credit = move || chosen.get() == Some(CashierMethod::Credit);
    let order_id = match target {
        PaymentTarget::Order(id) => Some(id),
        PaymentTarget::Bill(_) => None,
    };
    let password_set = cashier.credit_password_set;
    view! {
        <section class="box" aria-labelledby="cashier-methods">
            <h2 id="cashier-methods" class="title is-6">{tr!(cashier.methods)}</h2>
            <div class="cashier-methods">{options}</div>
            {matches!(target, PaymentTarget::Bill(_)).then(|| view! {
                <div class="field cashier-repay-amount">
                    <label class="label" for="f-amount">{tr!(cashier.repay_amount)}</label>
                    <div class="control">
                        <input id="f-amount" class="input" inputmode="decimal" maxlength="12" prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) />
                    </div>
                    <p class="help">{tr!(cashier.repay_hint)}</p>
                </div>
            })}
            {move || match (is_credit(), order_id) {
                (true, Some(order_id)) => view! { <credit::CreditPayPanel order_id password_set expired /> }.into_any(),
                _ => view! {
                    <button
                        type="button"
                        class="button is-link is-medium cashier-pay"
                        class=("is-loading", move || busy.get())
                        disabled=move || chosen.get().is_none() || expired.get()
                        on:click=pay
                    >
                        {tr!(cashier.pay)}
                    </button>
                }.into_any(),
            }}
        </section>
    }
}

//! 支付流水 on the operator's order page: the order's attempts at the gateways, every ledger entry
//! (attempt, notification, return, query, refund — with the raw message) and the refunds through
//! the gateway. The entry table is shared with the reconciliation's flagged list.

use leptos::prelude::*;
use rc_types::payments::{AttemptStatus, Gateway, GatewayRefundStatus, PaymentEvent, PaymentEventKind};

use crate::i18n::{datetime, td_string, use_i18n};
use crate::session::use_session;
use crate::tr;

/// The gateway's name.
pub fn gateway_label(gateway: Gateway) -> &'static str {
    match gateway {
        Gateway::Alipay => "支付宝 Alipay",
        Gateway::Unionpay => "银联 UnionPay",
    }
}

fn kind_label(locale: crate::i18n::Locale, kind: PaymentEventKind) -> &'static str {
    match kind {
        PaymentEventKind::Attempt => td_string!(locale, payments.kind_attempt),
        PaymentEventKind::Notification => td_string!(locale, payments.kind_notification),
        PaymentEventKind::Return => td_string!(locale, payments.kind_return),
        PaymentEventKind::Query => td_string!(locale, payments.kind_query),
        PaymentEventKind::Refund => td_string!(locale, payments.kind_refund),
    }
}

fn attempt_label(locale: crate::i18n::Locale, status: AttemptStatus) -> &'static str {
    match status {
        AttemptStatus::Pending => td_string!(locale, payments.attempt_pending),
        AttemptStatus::Paid => td_string!(locale, payments.attempt_paid),
        AttemptStatus::Closed => td_string!(locale, payments.attempt_closed),
    }
}

fn refund_label(locale: crate::i18n::Locale, status: GatewayRefundStatus) -> &'static str {
    match status {
        GatewayRefundStatus::Pending => td_string!(locale, payments.refund_pending),
        GatewayRefundStatus::Succeeded => td_string!(locale, payments.refund_succeeded),
        GatewayRefundStatus::Refused => td_string!(locale, payments.refund_refused),
    }
}

/// What the server made of a ledger entry (the stored word when unknown).
fn verdict_label(locale: crate::i18n::Locale, verdict: &str) -> String {
    match verdict {
        "sent" => td_string!(locale, payments.v_sent),
        "applied" => td_string!(locale, payments.v_applied),
        "duplicate" => td_string!(locale, payments.v_duplicate),
        "not_paid" => td_string!(locale, payments.v_not_paid),
        "refunding" => td_string!(locale, payments.v_refunding),
        "rejected" => td_string!(locale, payments.v_rejected),
        "refund_notice" => td_string!(locale, payments.v_refund_notice),
        "paid" => td_string!(locale, payments.v_paid),
        "pending" => td_string!(locale, payments.v_pending),
        "closed" => td_string!(locale, payments.v_closed),
        "unknown" => td_string!(locale, payments.v_unknown),
        "failed" | "retry" => td_string!(locale, payments.v_retry),
        "succeeded" => td_string!(locale, payments.v_succeeded),
        "refused" => td_string!(locale, payments.v_refused),
        other => return other.to_owned(),
    }
    .to_owned()
}

/// Payments-ledger entries, newest first, flagged ones marked, each raw message expandable.
#[component]
pub fn EventTable(events: Vec<PaymentEvent>) -> impl IntoView {
    let i18n = use_i18n();
    if events.is_empty() {
        return view! { <p class="help">{tr!(payments.no_events)}</p> }.into_any();
    }
    let rows = events
        .into_iter()
        .map(|event| {
            let kind = event.kind;
            let gateway = event.gateway;
            let verdict = event.verdict.clone();
            view! {
                <tr class:has-background-danger-light=event.flagged>
                    <td class="nowrap">{datetime(event.created_at)}</td>
                    <td>{gateway_label(gateway)}</td>
                    <td>{move || kind_label(i18n.get_locale(), kind)}</td>
                    <td class="nowrap">{event.out_trade_no.clone().unwrap_or_default()}<br />{event.trade_no.clone().unwrap_or_default()}</td>
                    <td class="has-text-right">{event.amount.as_ref().map(rc_types::Money::display_short).unwrap_or_default()}</td>
                    <td>
                        <span class="tag" class:is-danger=event.flagged>{move || verdict_label(i18n.get_locale(), &verdict)}</span>
                        " "{event.detail.clone()}
                    </td>
                    <td>
                        <details class="payment-raw">
                            <summary>{tr!(payments.raw)}</summary>
                            <pre>{event.raw.clone()}</pre>
                        </details>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-container">
            <table class="table is-fullwidth payment-events">
                <thead>
                    <tr>
                        <th scope="col">{tr!(payments.time)}</th>
                        <th scope="col">{tr!(payments.gateway)}</th>
                        <th scope="col">{tr!(payments.kind)}</th>
                        <th scope="col">{tr!(payments.numbers)}</th>
                        <th scope="col" class="has-text-right">{tr!(payments.amount)}</th>
                        <th scope="col">{tr!(payments.verdict)}</th>
                        <th scope="col">{tr!(payments.raw)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The order's online payments (operator desk).
#[component]
pub fn OrderPayments(
    /// The order.
    order_id: i64,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let records = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.list_order_payments(order_id).await })
            .await
            .ok()
    });
    view! {
        <section class="box list-box order-payments" aria-labelledby="order-payments">
            <h2 id="order-payments" class="title is-6">{tr!(payments.title)}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let Some(records) = records.await else {
                        return ().into_any();
                    };
                    if records.attempts.is_empty() {
                        return view! { <p class="help">{tr!(payments.no_attempts)}</p> }.into_any();
                    }
                    let attempts = records.attempts.iter().map(|a| {
                        let status = a.status;
                        view! {
                            <tr>
                                <td class="nowrap">{a.out_trade_no.clone()}</td>
                                <td>{gateway_label(a.gateway)}</td>
                                <td class="has-text-right">{a.amount.display_short()}</td>
                                <td>{move || attempt_label(i18n.get_locale(), status)}</td>
                                <td class="nowrap">{a.trade_no.clone().unwrap_or_default()}</td>
                                <td class="nowrap">{datetime(a.created_at)}</td>
                            </tr>
                        }
                    }).collect_view();
                    let refunds = records.refunds.iter().map(|r| {
                        let status = r.status;
                        view! {
                            <li>
                                {r.refund_no.clone()}" · "{r.amount.display_short()}" · "
                                <span class="tag">{move || refund_label(i18n.get_locale(), status)}</span>
                                " "{r.gateway_refund_no.clone().unwrap_or_default()}" · "{r.reason.clone()}
                            </li>
                        }
                    }).collect_view();
                    view! {
                        <div class="table-container">
                            <table class="table is-fullwidth payment-attempts">
                                <thead>
                                    <tr>
                                        <th scope="col">{tr!(payments.out_trade_no)}</th>
                                        <th scope="col">{tr!(payments.gateway)}</th>
                                        <th scope="col" class="has-text-right">{tr!(payments.amount)}</th>
                                        <th scope="col">{tr!(payments.status)}</th>
                                        <th scope="col">{tr!(payments.trade_no)}</th>
                                        <th scope="col">{tr!(payments.time)}</th>
                                    </tr>
                                </thead>
                                <tbody>{attempts}</tbody>
                            </table>
                        </div>
                        {(!records.refunds.is_empty()).then(|| view! {
                            <h3 class="title is-6 mt-4">{tr!(payments.refunds)}</h3>
                            <ul class="payment-refunds">{refunds}</ul>
                        })}
                        <h3 class="title is-6 mt-4">{tr!(payments.events)}</h3>
                        <EventTable events=records.events />
                    }
                    .into_any()
                })}
            </Transition>
        </section>
    }
}

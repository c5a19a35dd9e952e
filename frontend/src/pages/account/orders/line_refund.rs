//! A line's refund on the order page: what a refunded line gave back and where its cash stands
//! (both sides), the desk's 退款 with the server's preview, and finance's record of the cash paid
//! back by hand.

use leptos::prelude::*;
use rc_types::orders::{LineRefund, LineRefundQuote, Order};
use rc_types::payments::GatewayRefundStatus;

use super::forms::{ReasonForm, RefundPaidForm};
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::assets::idempotency_key;
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// 已退款 under a refunded line: the split, the reason, the cash's state; finance's payout form
/// when the cash is paid back by hand.
#[allow(
    clippy::needless_pass_by_value,
    reason = "components take their props by value"
)]
#[component]
pub fn LineRefundState(
    order_id: i64,
    line_id: i64,
    refund: LineRefund,
    done: Callback<Order>,
) -> impl IntoView {
    let i18n = use_i18n();
    let split = {
        let r = refund.clone();
        move || {
            let (total, rebate, credit, cash) = (
                r.given_back.display_short(),
                r.rebate.display_short(),
                r.credit.display_short(),
                r.cash_due.display_short(),
            );
            if r.coupon_forfeited.amount.is_zero() {
                t_string!(
                    i18n,
                    orders.line_refund_split_plain,
                    total = total,
                    rebate = rebate,
                    credit = credit,
                    cash = cash
                )
                .to_string()
            } else {
                let coupon = r.coupon_forfeited.display_short();
                t_string!(
                    i18n,
                    orders.line_refund_split,
                    total = total,
                    rebate = rebate,
                    credit = credit,
                    cash = cash,
                    coupon = coupon
                )
                .to_string()
            }
        }
    };
    let reason = {
        let text = refund.reason.clone();
        move || t_string!(i18n, orders.line_refund_reason, reason = text.clone()).to_string()
    };
    let cash = {
        let r = refund.clone();
        move || cash_state(i18n, &r)
    };
    view! {
        <div class="line-refund">
            <span class="tag is-danger is-light">{tr!(orders.line_refunded)}</span>
            <p class="is-size-7 line-refund-split">{split}</p>
            <p class="is-size-7 has-text-grey">{reason}</p>
            <p class="is-size-7 line-refund-cash">{cash}</p>
            {refund.settle.then(|| view! {
                <details class="line-refund-paid">
                    <summary>{tr!(desk.line_refund_paid_title)}</summary>
                    <RefundPaidForm order_id line_id=Some(line_id) done />
                </details>
            })}
        </div>
    }
}

/// Where a refunded line's cash stands.
fn cash_state(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, refund: &LineRefund) -> String {
    if refund.cash_due.amount.is_zero() {
        return t_string!(i18n, orders.cash_none).to_string();
    }
    if let Some(reference) = refund.reference.clone().filter(|_| refund.paid_at.is_some()) {
        if refund.gateway == Some(GatewayRefundStatus::Succeeded) {
            return t_string!(i18n, orders.cash_gateway_succeeded).to_string();
        }
        return t_string!(i18n, orders.cash_paid, reference = reference).to_string();
    }
    match refund.gateway {
        Some(GatewayRefundStatus::Pending) => t_string!(i18n, orders.cash_gateway_pending).to_string(),
        Some(GatewayRefundStatus::Succeeded) => t_string!(i18n, orders.cash_gateway_succeeded).to_string(),
        Some(GatewayRefundStatus::Refused) => t_string!(i18n, orders.cash_gateway_refused).to_string(),
        None => t_string!(i18n, orders.cash_due).to_string(),
    }
}

/// The desk's 退款 of one line: the server's preview of the split, a reason, the button. One
/// `Idempotency-Key` per opening of the page, so a retried click refunds once.
#[allow(
    clippy::needless_pass_by_value,
    reason = "components take their props by value"
)]
#[component]
pub fn LineRefundBox(
    order_id: i64,
    line_id: i64,
    quote: LineRefundQuote,
    done: Callback<Order>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let key = StoredValue::new(idempotency_key());
    let preview = move || {
        let (total, rebate, credit, cash) = (
            quote.given_back.display_short(),
            quote.rebate.display_short(),
            quote.credit.display_short(),
            quote.cash.display_short(),
        );
        if quote.coupon_forfeited.amount.is_zero() {
            t_string!(
                i18n,
                desk.line_refund_quote_plain,
                total = total,
                rebate = rebate,
                credit = credit,
                cash = cash
            )
            .to_string()
        } else {
            let coupon = quote.coupon_forfeited.display_short();
            t_string!(
                i18n,
                desk.line_refund_quote,
                total = total,
                rebate = rebate,
                credit = credit,
                cash = cash,
                coupon = coupon
            )
            .to_string()
        }
    };
    let refunded = Callback::new(move |order: Order| {
        session.notify(
            NoticeKind::Success,
            t_string!(i18n, desk.line_refund_done).to_string(),
        );
        done.run(order);
    });
    view! {
        <details class="line-refund-box">
            <summary class="has-text-danger">{tr!(desk.line_refund)}</summary>
            <p class="help mb-2 line-refund-quote">{preview}</p>
            <ReasonForm
                label=ts!(desk.line_refund_reason)
                action=ts!(desk.line_refund)
                send=move |api: rc_client::Client, input| {
                    let key = key.get_value();
                    async move { api.create_line_refund(order_id, line_id, &input, Some(&key)).await }
                }
                done=refunded
                scope=format!("refund-{line_id}")
            />
        </details>
    }
}

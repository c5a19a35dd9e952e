//! Online payment: the cashier (蓝云支付平台) of an order or a bill, starting an attempt at a
//! gateway, applying the gateway's notification (the only thing that marks anything paid),
//! recording what a browser return's query learnt, and the refund job.

mod bill;
mod desk;
mod order;
mod refunds;

pub use bill::{bill_cashier, start_bill_payment};
pub use desk::{order_records, reconciliation};
pub use order::{cashier_state, order_cashier, start_order_payment};
pub use refunds::{ask_due_refunds, refund_cancelled_order, run_refunds};

use chrono::NaiveDateTime;
use rand::Rng;
use rc_domain::Fen;
use rc_payments::{PayRequest, QueryOutcome};
use rc_store::DbConn;
use rc_store::payments::attempts::{self, AttemptRow, NewAttempt};
use rc_store::payments::events::{self, NewEvent};
use rc_store::payments::notify::{self, Notice, Verdict};
use rc_types::payments::{
    AttemptStatus, CashierMethod, CashierOption, FormField, Gateway, GatewayForm, MethodBlock,
    PaymentAttempt, PaymentEventKind, PaymentTarget, StartedPayment,
};

use crate::error::ApiError;
use crate::payments::Gateways;

/// A fresh merchant number: `P` + China time to the second + 8 random digits (23 letters and
/// digits: within Alipay's 64 and UnionPay's 8–40).
pub fn new_out_trade_no(at: NaiveDateTime) -> String {
    let china = at + chrono::Duration::hours(8);
    let suffix: u32 = rand::rng().random_range(0..100_000_000);
    format!("P{}{suffix:08}", china.format("%Y%m%d%H%M%S"))
}

/// What a new attempt pays.
#[derive(Debug, Clone, Copy)]
pub struct AttemptFor<'a> {
    /// The order or bill.
    pub target: PaymentTarget,
    /// The paying company.
    pub company_id: i64,
    /// How much.
    pub amount: Fen,
    /// The gateway's subject line.
    pub subject: &'a str,
    /// The payments-ledger detail (the order's or bill's number).
    pub number: &'a str,
    /// The gateway closes the trade then.
    pub expires_at: Option<NaiveDateTime>,
}

/// Starts an attempt at `gateway` for `what` (call in the write transaction that checked the
/// target): a fresh `out_trade_no`, the signed request logged in the payments ledger, and the
/// form the browser submits to the gateway.
pub fn start_attempt(
    conn: &mut DbConn,
    gateways: &Gateways,
    gateway: Gateway,
    what: AttemptFor<'_>,
    actor_id: i64,
    at: NaiveDateTime,
) -> Result<StartedPayment, ApiError> {
    let provider = gateways
        .get(gateway)
        .ok_or_else(|| ApiError::field("gateway", "unavailable", "this gateway is not available"))?;
    let out_trade_no = new_out_trade_no(at);
    let attempt = attempts::create(
        conn,
        NewAttempt {
            out_trade_no: &out_trade_no,
            gateway,
            company_id: what.company_id,
            target: what.target,
            amount: what.amount,
            created_by: actor_id,
            expires_at: what.expires_at,
            at,
        },
    )?;
    let redirect = provider.pay_redirect(&PayRequest {
        out_trade_no: &out_trade_no,
        amount: what.amount,
        subject: what.subject,
        notify_url: &gateways.notify_url(gateway),
        return_url: &gateways.return_url(gateway),
        created_at: at.and_utc(),
        expires_at: what.expires_at.map(|d| d.and_utc()),
    });
    let raw = rc_payments::params::encode_form(&redirect.fields);
    events::record(
        conn,
        NewEvent {
            attempt_id: Some(attempt.id),
            gateway,
            kind: PaymentEventKind::Attempt,
            out_trade_no: Some(&out_trade_no),
            trade_no: None,
            amount: Some(what.amount),
            verdict: "sent",
            detail: what.number,
            raw: &raw,
            flagged: false,
        },
    )?;
    Ok(StartedPayment {
        attempt: attempt.to_api()?,
        form: GatewayForm {
            method: redirect.method.to_owned(),
            url: redirect.url,
            fields: redirect
                .fields
                .into_iter()
                .map(|(name, value)| FormField { name, value })
                .collect(),
        },
    })
}

/// The methods of a cashier: each configured gateway, usable when `payable`.
fn gateway_options(gateways: &Gateways, payable: bool) -> Vec<CashierOption> {
    gateways
        .available()
        .into_iter()
        .map(|gateway| CashierOption {
            method: match gateway {
                Gateway::Alipay => CashierMethod::Alipay,
                Gateway::Unionpay => CashierMethod::Unionpay,
            },
            available: payable,
            blocked: (!payable).then_some(MethodBlock::NotPayable),
        })
        .collect()
}

/// The attempt on `target` still waiting for its notification, and the newest attempt.
fn attempts_of(
    conn: &mut DbConn,
    target: PaymentTarget,
) -> Result<(Option<PaymentAttempt>, Option<PaymentAttempt>), ApiError> {
    let all = attempts::for_target(conn, target)?;
    let pending = all
        .iter()
        .find(|a| a.status().is_ok_and(|s| s == AttemptStatus::Pending))
        .map(AttemptRow::to_api)
        .transpose()?;
    let latest = all.first().map(AttemptRow::to_api).transpose()?;
    Ok((pending, latest))
}

/// Verifies and applies a notification body from `gateway` (see [`notify::apply`]).
pub fn apply_notification(
    conn: &mut DbConn,
    gateways: &Gateways,
    gateway: Gateway,
    body: &[u8],
) -> Result<Verdict, ApiError> {
    let provider = gateways
        .get(gateway)
        .ok_or_else(|| ApiError::NotFound("no such gateway".to_owned()))?;
    let raw = String::from_utf8_lossy(body).into_owned();
    let reading = provider
        .verify_notification(body)
        .map(|n| Notice {
            out_trade_no: n.out_trade_no,
            trade_no: n.trade_no,
            amount: n.amount,
            paid: n.paid,
            status: n.status,
        })
        .map_err(|e| e.to_string());
    if let Err(why) = &reading {
        tracing::warn!(gateway = crate::payments::name(gateway), %why, "refused a payment notification");
    }
    let verdict = notify::apply(conn, gateway, &raw, reading)?;
    if let Verdict::Rejected(why) = &verdict {
        tracing::warn!(gateway = crate::payments::name(gateway), %why, "payment notification changed nothing");
    }
    Ok(verdict)
}

/// Records what a query (after a browser return) said about `attempt`, and closes the attempt
/// when the gateway says it will never be paid (so the payer may try again). Never marks
/// anything paid: that is the notification's alone.
pub fn record_query(
    conn: &mut DbConn,
    attempt: &AttemptRow,
    answer: &Result<(QueryOutcome, String), String>,
) -> Result<(), ApiError> {
    let gateway = attempt.gateway()?;
    let (verdict, detail, raw, trade_no, amount, flagged) = match answer {
        Ok((QueryOutcome::Paid { trade_no, amount }, raw)) => {
            let mismatch = amount.0 != attempt.amount_fen;
            (
                "paid",
                if mismatch {
                    "amount differs".to_owned()
                } else {
                    "awaiting notification".to_owned()
                },
                raw.clone(),
                Some(trade_no.clone()),
                Some(*amount),
                mismatch,
            )
        }
        Ok((QueryOutcome::Pending, raw)) => ("pending", String::new(), raw.clone(), None, None, false),
        Ok((QueryOutcome::Closed(why), raw)) => {
            attempts::close(conn, attempt.id)?;
            ("closed", why.clone(), raw.clone(), None, None, false)
        }
        Ok((QueryOutcome::Unknown, raw)) => ("unknown", String::new(), raw.clone(), None, None, false),
        Err(why) => ("failed", why.clone(), String::new(), None, None, false),
    };
    events::record(
        conn,
        NewEvent {
            attempt_id: Some(attempt.id),
            gateway,
            kind: PaymentEventKind::Query,
            out_trade_no: Some(&attempt.out_trade_no),
            trade_no: trade_no.as_deref(),
            amount,
            verdict,
            detail: &detail,
            raw: &raw,
            flagged,
        },
    )?;
    Ok(())
}

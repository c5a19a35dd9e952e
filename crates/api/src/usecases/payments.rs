//! Online payment: the cashier (蓝云支付平台) of an order, starting an attempt at a gateway,
//! applying the gateway's notification (the only thing that marks anything paid) and recording
//! what a browser return's query learnt.

use chrono::NaiveDateTime;
use rand::Rng;
use rc_domain::Fen;
use rc_payments::{PayRequest, QueryOutcome};
use rc_store::DbConn;
use rc_store::orders::{lifecycle, read};
use rc_store::payments::attempts::{self, AttemptRow, NewAttempt};
use rc_store::payments::events::{self, NewEvent};
use rc_store::payments::notify::{self, Notice, Verdict};
use rc_types::checkout::PaymentMethod;
use rc_types::orders::{OrderStatus, PaymentStatus};
use rc_types::payments::{
    AttemptStatus, Cashier, CashierDetail, CashierMethod, CashierOption, CashierState, FormField, Gateway,
    GatewayForm, PaymentEventKind, PaymentTarget, StartedPayment,
};

use super::orders::as_buyer;
use crate::error::ApiError;
use crate::payments::Gateways;
use rc_domain::Actor;

/// A fresh merchant number: `P` + China time to the second + 8 random digits (23 letters and
/// digits: within Alipay's 64 and UnionPay's 8–40).
pub fn new_out_trade_no(at: NaiveDateTime) -> String {
    let china = at + chrono::Duration::hours(8);
    let suffix: u32 = rand::rng().random_range(0..100_000_000);
    format!("P{}{suffix:08}", china.format("%Y%m%d%H%M%S"))
}

fn state_of(order: &lifecycle::OrderRow) -> Result<CashierState, ApiError> {
    Ok(match (order.status()?, order.payment_status()?) {
        (OrderStatus::Cancelled, _) => CashierState::Cancelled,
        (_, PaymentStatus::AwaitingConfirmation) => CashierState::AwaitingConfirmation,
        (OrderStatus::PendingPayment, PaymentStatus::Unpaid) if order.payable_fen > 0 => {
            CashierState::Payable
        }
        _ => CashierState::Paid,
    })
}

/// The cashier of order `order_id` for its buyer `actor` at `at`.
pub fn order_cashier(
    conn: &mut DbConn,
    actor: &Actor,
    gateways: &Gateways,
    order_id: i64,
    at: NaiveDateTime,
) -> Result<Cashier, ApiError> {
    as_buyer(conn, actor, order_id)?;
    let order = lifecycle::get(conn, order_id)?;
    let state = state_of(&order)?;
    let online = order.payment_method()? == PaymentMethod::Online;
    let payable = state == CashierState::Payable && online;
    let mut methods: Vec<CashierOption> = gateways
        .available()
        .into_iter()
        .map(|gateway| CashierOption {
            method: match gateway {
                Gateway::Alipay => CashierMethod::Alipay,
                Gateway::Unionpay => CashierMethod::Unionpay,
            },
            available: payable,
            note: None,
        })
        .collect();
    methods.push(CashierOption {
        method: CashierMethod::Credit,
        available: payable && order.credit_fen == 0,
        note: (order.credit_fen > 0).then(|| "本订单已使用账期额度，剩余金额请在线支付".to_owned()),
    });
    let detail = read::detail(conn, order_id)?
        .ok_or_else(|| ApiError::NotFound(format!("order {order_id} not found")))?;
    let pending = attempts::for_target(conn, PaymentTarget::Order(order_id))?
        .into_iter()
        .find(|a| a.status().is_ok_and(|s| s == AttemptStatus::Pending))
        .map(|a| a.to_api())
        .transpose()?;
    let deadline = order.pay_deadline.filter(|_| state == CashierState::Payable);
    Ok(Cashier {
        target: PaymentTarget::Order(order_id),
        number: order.order_no.clone(),
        amount: Fen(order.payable_fen).to_money(),
        state,
        deadline: deadline.map(|d| d.and_utc()),
        seconds_left: deadline.map(|d| (d - at).num_seconds().max(0)),
        details: detail
            .lines
            .iter()
            .map(|l| CashierDetail {
                label: format!("{} · {}", l.priced.solution_name, l.priced.plan_name),
                quantity: l.priced.quantity,
                total: l.priced.total,
            })
            .collect(),
        methods,
        pending,
        order_status: Some(order.status()?),
        payment_status: Some(order.payment_status()?),
    })
}

/// Starts paying order `order_id` at `gateway`: a new attempt for exactly what is left to pay,
/// expiring with the order's deadline, and the signed form the browser submits to the gateway.
pub fn start_order_payment(
    conn: &mut DbConn,
    actor: &Actor,
    gateways: &Gateways,
    order_id: i64,
    gateway: Gateway,
    at: NaiveDateTime,
) -> Result<StartedPayment, ApiError> {
    let provider = gateways
        .get(gateway)
        .ok_or_else(|| ApiError::field("gateway", "unavailable", "this gateway is not available"))?;
    as_buyer(conn, actor, order_id)?;
    conn.atomic_write(|conn| {
        let order = lifecycle::lock(conn, order_id)?;
        if order.payment_method()? != PaymentMethod::Online {
            return Err(ApiError::Conflict(
                "this order is paid by bank transfer (线下支付)".to_owned(),
            ));
        }
        match state_of(&order)? {
            CashierState::Payable => {}
            CashierState::Cancelled => {
                return Err(ApiError::Conflict(format!(
                    "order {} was cancelled",
                    order.order_no
                )));
            }
            _ => {
                return Err(ApiError::Conflict(format!(
                    "order {} needs no payment",
                    order.order_no
                )));
            }
        }
        if order.pay_deadline.is_some_and(|d| d <= at) {
            return Err(ApiError::Conflict(format!(
                "order {} is past its payment deadline",
                order.order_no
            )));
        }
        let out_trade_no = new_out_trade_no(at);
        let attempt = attempts::create(
            conn,
            NewAttempt {
                out_trade_no: &out_trade_no,
                gateway,
                company_id: order.company_id,
                target: PaymentTarget::Order(order_id),
                amount: Fen(order.payable_fen),
                created_by: actor.user_id,
                expires_at: order.pay_deadline,
                at,
            },
        )?;
        let redirect = provider.pay_redirect(&PayRequest {
            out_trade_no: &out_trade_no,
            amount: Fen(order.payable_fen),
            subject: &format!("经销商中心订单 {}", order.order_no),
            notify_url: &gateways.notify_url(gateway),
            return_url: &gateways.return_url(gateway),
            created_at: at.and_utc(),
            expires_at: order.pay_deadline.map(|d| d.and_utc()),
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
                amount: Some(Fen(order.payable_fen)),
                verdict: "sent",
                detail: &order.order_no,
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
    })
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

/// Asks the gateways for the refunds due now (claimed through the database, so one server asks
/// for each) and records each answer with its ledger entry: given back, refused (flagged), or
/// — a timeout or an answer that does not verify — due again after a backoff, with the same
/// refund number so the gateway never pays twice. Answers how many were asked.
pub async fn ask_due_refunds(pool: &rc_store::Pool, gateways: &Gateways) -> Result<usize, ApiError> {
    use rc_payments::{RefundOutcome, RefundRequest};
    use rc_store::payments::refunds;
    use rc_types::payments::GatewayRefundStatus;
    let claim_pool = pool.clone();
    let due = tokio::task::spawn_blocking(move || -> Result<_, ApiError> {
        let mut conn = claim_pool.get().map_err(rc_store::StoreError::from)?;
        let due = refunds::claim_due(&mut conn, rc_store::db::now(), 20)?;
        due.into_iter()
            .map(|r| Ok((attempts::get(&mut conn, r.attempt_id)?, r)))
            .collect::<Result<Vec<_>, ApiError>>()
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    let count = due.len();
    for (attempt, refund) in due {
        let gateway = attempt.gateway()?;
        let Some(provider) = gateways.get(gateway) else {
            continue;
        };
        let call = provider.refund_call(&RefundRequest {
            out_trade_no: &attempt.out_trade_no,
            trade_no: attempt.trade_no.as_deref().unwrap_or_default(),
            refund_no: &refund.refund_no,
            amount: Fen(refund.amount_fen),
            reason: &refund.reason,
            notify_url: &gateways.notify_url(gateway),
            created_at: refund.created_at.and_utc(),
        });
        let answer = match gateways.send(&call).await {
            Ok(body) => provider
                .parse_refund(&body)
                .map(|outcome| (outcome, String::from_utf8_lossy(&body).into_owned()))
                .map_err(|e| e.to_string()),
            Err(why) => Err(why),
        };
        let record_pool = pool.clone();
        tokio::task::spawn_blocking(move || -> Result<(), ApiError> {
            let mut conn = record_pool.get().map_err(rc_store::StoreError::from)?;
            conn.atomic_write(|conn| {
                let (verdict, detail, raw, number, flagged) = match &answer {
                    Ok((RefundOutcome::Refunded(number), raw)) => {
                        refunds::finish(conn, refund.id, GatewayRefundStatus::Succeeded, Some(number))?;
                        (
                            "succeeded",
                            refund.reason.clone(),
                            raw.clone(),
                            Some(number.clone()),
                            false,
                        )
                    }
                    Ok((RefundOutcome::Refused(why), raw)) => {
                        refunds::finish(conn, refund.id, GatewayRefundStatus::Refused, None)?;
                        ("refused", why.clone(), raw.clone(), None, true)
                    }
                    Err(why) => {
                        refunds::retry_later(conn, &refund, rc_store::db::now())?;
                        ("retry", why.clone(), String::new(), None, false)
                    }
                };
                events::record(
                    conn,
                    NewEvent {
                        attempt_id: Some(attempt.id),
                        gateway,
                        kind: PaymentEventKind::Refund,
                        out_trade_no: Some(&refund.refund_no),
                        trade_no: number.as_deref(),
                        amount: Some(Fen(refund.amount_fen)),
                        verdict,
                        detail: &detail,
                        raw: &raw,
                        flagged,
                    },
                )?;
                Ok(())
            })
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    }
    Ok(count)
}

/// The refund job: every 5 s.
pub async fn run_refunds(pool: rc_store::Pool, gateways: std::sync::Arc<Gateways>) {
    loop {
        if let Err(error) = ask_due_refunds(&pool, &gateways).await {
            tracing::warn!(%error, "asking the gateways for refunds failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
}

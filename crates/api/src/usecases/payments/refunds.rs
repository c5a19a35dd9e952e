//! Refunds through the gateway that took the money: the job that asks for the ones due.

use rc_domain::Fen;
use rc_payments::{RefundOutcome, RefundRequest};
use rc_store::payments::events::{self, NewEvent};
use rc_store::payments::{attempts, refunds};
use rc_types::payments::{GatewayRefundStatus, PaymentEventKind};

use crate::error::ApiError;
use crate::payments::Gateways;

/// Refunds one run asks for at most (the rest wait for the next run).
const PER_RUN: usize = 20;
/// Tries after which a refund whose fate stays open is flagged for the operator (it keeps being
/// asked; finance never pays it by hand meanwhile).
const FLAG_AFTER_TRIES: i32 = 8;

/// Asks the gateways for the refunds due now and records each answer with its ledger entry:
/// given back, refused (flagged), or — a timeout, an answer that does not verify, or one that
/// leaves the refund open — due again after a backoff, with the same refund number so the
/// gateway never pays twice. Each refund is claimed through the database just before it is
/// asked (one server asks for it; the claim outlasts one call's timeout). Answers how many were
/// asked.
pub async fn ask_due_refunds(pool: &rc_store::Pool, gateways: &Gateways) -> Result<usize, ApiError> {
    let mut asked = 0;
    while asked < PER_RUN {
        let claim_pool = pool.clone();
        let next = tokio::task::spawn_blocking(move || -> Result<_, ApiError> {
            let mut conn = claim_pool.get().map_err(rc_store::StoreError::from)?;
            let Some(refund) = refunds::claim_due(&mut conn, rc_store::db::now(), 1)?.pop() else {
                return Ok(None);
            };
            Ok(Some((attempts::get(&mut conn, refund.attempt_id)?, refund)))
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
        let Some((attempt, refund)) = next else {
            break;
        };
        asked += 1;
        ask_one(pool, gateways, attempt, refund).await?;
    }
    Ok(asked)
}

/// Asks the gateway for one claimed refund and records the answer.
async fn ask_one(
    pool: &rc_store::Pool,
    gateways: &Gateways,
    attempt: attempts::AttemptRow,
    refund: refunds::RefundRow,
) -> Result<(), ApiError> {
    let gateway = attempt.gateway()?;
    let Some(provider) = gateways.get(gateway) else {
        let record_pool = pool.clone();
        let answer = Err(format!(
            "{} is not configured on this server",
            crate::payments::name(gateway)
        ));
        return tokio::task::spawn_blocking(move || -> Result<(), ApiError> {
            let mut conn = record_pool.get().map_err(rc_store::StoreError::from)?;
            conn.atomic_write(|conn| record_answer(conn, &attempt, &refund, &answer, true))
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
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
        conn.atomic_write(|conn| record_answer(conn, &attempt, &refund, &answer, false))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
}

/// Records what the gateway said about `refund` (in one transaction with its ledger entry);
/// `alarming` flags it whatever it was.
fn record_answer(
    conn: &mut rc_store::DbConn,
    attempt: &attempts::AttemptRow,
    refund: &refunds::RefundRow,
    answer: &Result<(RefundOutcome, String), String>,
    alarming: bool,
) -> Result<(), ApiError> {
    let long_open = alarming || refund.tries >= FLAG_AFTER_TRIES;
    let (verdict, detail, raw, number, flagged) = match answer {
        Ok((RefundOutcome::Refunded(number), raw)) => {
            if refunds::finish(conn, refund.id, GatewayRefundStatus::Succeeded, Some(number))? {
                settle_order(conn, refund, number)?;
            }
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
        Ok((RefundOutcome::Unknown(why), raw)) => {
            refunds::retry_later(conn, refund, rc_store::db::now())?;
            ("unknown", why.clone(), raw.clone(), None, long_open)
        }
        Err(why) => {
            refunds::retry_later(conn, refund, rc_store::db::now())?;
            ("retry", why.clone(), String::new(), None, long_open)
        }
    };
    events::record(
        conn,
        NewEvent {
            attempt_id: Some(attempt.id),
            gateway: attempt.gateway()?,
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
}

/// A cancelled order's (or a refunded line's) cash came back through the gateway: its payout is
/// recorded (退款已付, the gateway's refund number as the reference) in the name of whoever
/// cancelled the order (refunded the line).
fn settle_order(
    conn: &mut rc_store::DbConn,
    refund: &refunds::RefundRow,
    number: &str,
) -> Result<(), ApiError> {
    if let Some(line_refund_id) = refund.line_refund_id {
        return crate::usecases::line_refunds::settle_through_gateway(conn, line_refund_id, number);
    }
    let Some(order_id) = refund.order_id else {
        return Ok(());
    };
    let Some(by) = rc_store::orders::lifecycle::cancelled_by(conn, order_id)? else {
        tracing::warn!(
            order_id,
            "a refunded order has no cancelling operator; finance records the payout"
        );
        return Ok(());
    };
    match rc_store::orders::lifecycle::settle_refund(conn, order_id, number, by) {
        Ok(()) | Err(rc_store::orders::lifecycle::OrderChangeError::State(_)) => Ok(()),
        Err(other) => Err(crate::usecases::orders::change_error(other)),
    }
}

/// Asks for cancelled order `order_id`'s cash refund through the gateway that took the money,
/// when the whole cash due is that payment (call in the cancel's transaction; the refund job
/// asks). Anything else — no gateway payment, or cash due that is not exactly it (part of it
/// repaid on a credit bill) — stays for finance to pay by hand, in full.
pub fn refund_cancelled_order(
    conn: &mut rc_store::DbConn,
    order_id: i64,
    reason: &str,
) -> Result<(), ApiError> {
    let order = rc_store::orders::lifecycle::get(conn, order_id)?;
    if order.refund_due_fen <= 0 {
        return Ok(());
    }
    let Some(attempt) = attempts::paying_order(conn, order_id)? else {
        return Ok(());
    };
    if attempt.amount_fen != order.refund_due_fen {
        return Ok(());
    }
    refunds::request(
        conn,
        &attempt,
        refunds::RefundFor::Order(order_id),
        Fen(attempt.amount_fen),
        reason,
    )?;
    Ok(())
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

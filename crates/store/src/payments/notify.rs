//! Applying a gateway's notification: the only thing that marks an attempt (and its order or
//! bill) paid. One write transaction: the attempt is marked paid by a conditional update (a
//! replay finds it paid), the order is paid through its lifecycle or the bill repaid, and the
//! ledger entry written — or, when the target no longer needs the money (the order was
//! cancelled by its deadline or paid by other means, the bill repaid meanwhile), a refund of
//! the whole payment is queued instead. Anything that does not add up changes nothing and is
//! written to the ledger flagged.

use rc_domain::Fen;
use rc_types::orders::{OrderStatus, PaymentStatus};
use rc_types::payments::{AttemptOutcome, AttemptStatus, Gateway, PaymentEventKind, PaymentTarget};

use super::attempts::{self, AttemptRow};
use super::events::{self, NewEvent};
use super::refunds;
use crate::assets::credit;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::orders::lifecycle::{self, OrderChangeError};
use crate::orders::record_event;

/// What a verified notification says (the gateway crate's reading, in store terms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The merchant's attempt number.
    pub out_trade_no: String,
    /// The gateway's trade number.
    pub trade_no: String,
    /// The amount paid.
    pub amount: Fen,
    /// Whether the money was taken.
    pub paid: bool,
    /// The gateway's status word.
    pub status: String,
}

/// What the server made of a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It paid its order or repaid its bill.
    Applied(PaymentTarget),
    /// Already applied (a replay): nothing changed.
    Duplicate,
    /// It says the attempt was not paid (closed, failed): recorded.
    NotPaid,
    /// Paid, but nothing needs the money any more: a refund through the gateway is queued.
    Refunding,
    /// A verified word about one of our refunds (UnionPay posts refund results to the same
    /// address): recorded; the refund job's own answer settles the refund.
    RefundNotice,
    /// Not believed or does not add up: nothing changed; says why.
    Rejected(String),
}

impl Verdict {
    /// Whether the gateway may stop sending it (everything but a rejection).
    pub fn handled(&self) -> bool {
        !matches!(self, Verdict::Rejected(_))
    }

    fn word(&self) -> &'static str {
        match self {
            Verdict::Applied(_) => "applied",
            Verdict::Duplicate => "duplicate",
            Verdict::NotPaid => "not_paid",
            Verdict::Refunding => "refunding",
            Verdict::RefundNotice => "refund_notice",
            Verdict::Rejected(_) => "rejected",
        }
    }
}

/// Applies a notification from `gateway` whose raw body is `raw`: `reading` is the verified
/// [`Notice`], or why verification refused it (forged, another merchant, malformed).
pub fn apply(
    conn: &mut DbConn,
    gateway: Gateway,
    raw: &str,
    reading: Result<Notice, String>,
) -> Result<Verdict, StoreError> {
    conn.atomic_write(|conn| {
        let notice = match reading {
            Ok(notice) => notice,
            Err(why) => {
                // Anybody can post here: what was not believed is kept only in part.
                let verdict = Verdict::Rejected(why);
                log(conn, gateway, cut(raw, UNBELIEVED_KEPT), None, None, &verdict)?;
                return Ok(verdict);
            }
        };
        let attempt = attempts::by_number(conn, &notice.out_trade_no)?;
        let verdict = match &attempt {
            None if refunds::exists(conn, &notice.out_trade_no)? => Verdict::RefundNotice,
            None => Verdict::Rejected(format!("unknown out_trade_no {}", notice.out_trade_no)),
            Some(attempt) => judge(conn, gateway, attempt, &notice)?,
        };
        log(conn, gateway, raw, attempt.as_ref(), Some(&notice), &verdict)?;
        Ok(verdict)
    })
}

/// The status words of a refund result that says the money went back (UnionPay `00`, `A6`).
const REFUND_SUCCESS: [&str; 2] = ["00", "A6"];

/// How much of a notification that does not verify the ledger keeps.
pub const UNBELIEVED_KEPT: usize = 2048;

/// `text` cut to at most `max` bytes, on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn judge(
    conn: &mut DbConn,
    gateway: Gateway,
    attempt: &AttemptRow,
    notice: &Notice,
) -> Result<Verdict, StoreError> {
    if attempt.gateway()? != gateway {
        return Ok(Verdict::Rejected(
            "the attempt was made at another gateway".to_owned(),
        ));
    }
    if notice.amount.0 != attempt.amount_fen {
        return Ok(Verdict::Rejected(format!(
            "amount {} differs from the attempt's {}",
            notice.amount,
            Fen(attempt.amount_fen)
        )));
    }
    if !notice.paid {
        attempts::close(conn, attempt.id)?;
        return Ok(Verdict::NotPaid);
    }
    if attempt.status()? == AttemptStatus::Paid {
        return Ok(if attempt.trade_no.as_deref() == Some(notice.trade_no.as_str()) {
            Verdict::Duplicate
        } else {
            Verdict::Rejected(format!(
                "the attempt was paid by trade {} already",
                attempt.trade_no.as_deref().unwrap_or("?")
            ))
        });
    }
    if attempts::trade_taken(conn, &notice.trade_no, attempt.id)? {
        return Ok(Verdict::Rejected(format!(
            "trade {} paid another attempt",
            notice.trade_no
        )));
    }
    if !attempts::mark_paid(conn, attempt.id, &notice.trade_no, now())? {
        // Another server applied it between our read and this update.
        return Ok(Verdict::Duplicate);
    }
    let target = attempt.target()?;
    let applied = match target {
        PaymentTarget::Order(order_id) => pay_order(conn, attempt, order_id, notice)?,
        PaymentTarget::Bill(bill_id) => repay_bill(conn, attempt, bill_id, notice)?,
    };
    if applied {
        Ok(Verdict::Applied(target))
    } else {
        attempts::set_outcome(conn, attempt.id, AttemptOutcome::Refunded)?;
        Ok(Verdict::Refunding)
    }
}

/// Pays the order if it still waits for exactly this amount; otherwise queues the refund.
fn pay_order(
    conn: &mut DbConn,
    attempt: &AttemptRow,
    order_id: i64,
    notice: &Notice,
) -> Result<bool, StoreError> {
    let order = lifecycle::lock(conn, order_id)?;
    let waiting = order.status()? == OrderStatus::PendingPayment
        && matches!(
            order.payment_status()?,
            PaymentStatus::Unpaid | PaymentStatus::AwaitingConfirmation
        )
        && order.payable_fen == attempt.amount_fen;
    let label = gateway_label(attempt.gateway()?);
    if waiting {
        let detail = format!("{label} {} 交易号 {}", Fen(attempt.amount_fen), notice.trade_no);
        match lifecycle::pay(conn, &order, None, &detail) {
            Ok(()) => {
                crate::orders::transfers::void_pending(conn, order_id)?;
                return Ok(true);
            }
            Err(OrderChangeError::State(_)) => {}
            Err(OrderChangeError::Store(e)) => return Err(e),
            Err(OrderChangeError::Ledger(e)) => return Err(StoreError::Conflict(e.to_string())),
        }
    }
    let reason = format!("订单 {} 已取消或已支付：{label}付款自动退回", order.order_no);
    refunds::request(
        conn,
        attempt,
        refunds::RefundFor::Nothing,
        Fen(attempt.amount_fen),
        &reason,
    )?;
    record_event(
        conn,
        order_id,
        "late_payment",
        None,
        &format!(
            "{label} {} 交易号 {}：已自动退款",
            Fen(attempt.amount_fen),
            notice.trade_no
        ),
    )?;
    Ok(false)
}

/// Repays the bill if it still owes at least this amount; otherwise queues the refund.
fn repay_bill(
    conn: &mut DbConn,
    attempt: &AttemptRow,
    bill_id: i64,
    notice: &Notice,
) -> Result<bool, StoreError> {
    let label = gateway_label(attempt.gateway()?);
    let repaid = credit::repay_online(
        conn,
        attempt.company_id,
        bill_id,
        Fen(attempt.amount_fen),
        &format!("{label} {}", notice.trade_no),
        attempt.created_by,
    )?;
    if repaid.is_none() {
        refunds::request(
            conn,
            attempt,
            refunds::RefundFor::Nothing,
            Fen(attempt.amount_fen),
            "账单已还清或余额不足本次还款：自动退回",
        )?;
    }
    Ok(repaid.is_some())
}

/// The gateway's name as the timeline writes it.
pub fn gateway_label(gateway: Gateway) -> &'static str {
    match gateway {
        Gateway::Alipay => "支付宝",
        Gateway::Unionpay => "银联",
    }
}

fn log(
    conn: &mut DbConn,
    gateway: Gateway,
    raw: &str,
    attempt: Option<&AttemptRow>,
    notice: Option<&Notice>,
    verdict: &Verdict,
) -> Result<(), StoreError> {
    let detail = match verdict {
        Verdict::Rejected(why) => why.clone(),
        _ => notice.map(|n| n.status.clone()).unwrap_or_default(),
    };
    events::record(
        conn,
        NewEvent {
            attempt_id: attempt.map(|a| a.id),
            gateway,
            kind: PaymentEventKind::Notification,
            out_trade_no: notice.map(|n| n.out_trade_no.as_str()),
            trade_no: notice.map(|n| n.trade_no.as_str()),
            amount: notice.map(|n| n.amount),
            verdict: verdict.word(),
            detail: &detail,
            raw,
            // A refund's result that is not a success needs the operator's eye.
            flagged: matches!(verdict, Verdict::Rejected(_) | Verdict::Refunding)
                || (*verdict == Verdict::RefundNotice
                    && !notice.is_some_and(|n| REFUND_SUCCESS.contains(&n.status.as_str()))),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn what_is_not_believed_is_cut_on_a_character_boundary() {
        assert_eq!(cut("支付宝", 4), "支");
        assert_eq!(cut("ok", 10), "ok");
    }
}

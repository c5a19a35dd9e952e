//! Refunds through the gateway that took the money. Recorded pending in the transaction that
//! decides them; the refund job claims due ones through `next_try_at` (so one server asks at a
//! time), calls the gateway with the refund's own number (which the gateway deduplicates) and
//! records the answer. A gateway that times out or answers garbage leaves it pending, retried
//! with backoff.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rc_domain::Fen;
use rc_types::payments::{GatewayRefund, GatewayRefundStatus};

use super::attempts::AttemptRow;
use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::payment_refunds;

/// How long a claimed refund is left to the server that claimed it before another may retry.
pub const CLAIM: Duration = Duration::seconds(60);

/// A refund's row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = payment_refunds)]
pub struct RefundRow {
    /// Id.
    pub id: i64,
    /// The merchant's refund number.
    pub refund_no: String,
    /// The attempt refunded.
    pub attempt_id: i64,
    /// The order, for an order's refund.
    pub order_id: Option<i64>,
    /// Amount.
    pub amount_fen: i64,
    /// Stored [`GatewayRefundStatus`].
    pub status: String,
    /// The gateway's number.
    pub gateway_refund_no: Option<String>,
    /// Why.
    pub reason: String,
    /// Tries so far.
    pub tries: i32,
    /// Due (again) then.
    pub next_try_at: Option<NaiveDateTime>,
    /// Asked.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// The refunded line whose cash this is (none: a cancelled order's).
    pub line_refund_id: Option<i64>,
}

impl RefundRow {
    /// As the wire shows it.
    pub fn to_api(&self) -> Result<GatewayRefund, StoreError> {
        Ok(GatewayRefund {
            id: self.id,
            refund_no: self.refund_no.clone(),
            attempt_id: self.attempt_id,
            amount: Fen(self.amount_fen).to_money(),
            status: GatewayRefundStatus::from_db(&self.status)?,
            gateway_refund_no: self.gateway_refund_no.clone(),
            reason: self.reason.clone(),
            tries: self.tries,
            created_at: self.created_at.and_utc(),
        })
    }
}

/// What a refund gives back the cash of: a cancelled order, or one refunded line of an order
/// (their payout is recorded when the gateway confirms), or nothing (a payment no order needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundFor {
    /// A payment that paid nothing any more.
    Nothing,
    /// Cancelled order `id`.
    Order(i64),
    /// Refunded line `line_refund_id` of order `order_id`.
    Line {
        /// The order.
        order_id: i64,
        /// The line refund.
        line_refund_id: i64,
    },
}

/// Records a refund of `amount` of `attempt`'s payment, due now, for the cash of `target`.
pub fn request(
    conn: &mut DbConn,
    attempt: &AttemptRow,
    target: RefundFor,
    amount: Fen,
    reason: &str,
) -> Result<RefundRow, StoreError> {
    let (order_id, line_refund_id) = match target {
        RefundFor::Nothing => (None, None),
        RefundFor::Order(id) => (Some(id), None),
        RefundFor::Line {
            order_id,
            line_refund_id,
        } => (Some(order_id), Some(line_refund_id)),
    };
    let at = now();
    let count: i64 = payment_refunds::table
        .filter(payment_refunds::attempt_id.eq(attempt.id))
        .count()
        .get_result(conn)?;
    let refund_no = format!("{}R{}", attempt.out_trade_no, count + 1);
    let id: i64 = diesel::insert_into(payment_refunds::table)
        .values((
            payment_refunds::refund_no.eq(&refund_no),
            payment_refunds::attempt_id.eq(attempt.id),
            payment_refunds::order_id.eq(order_id),
            payment_refunds::line_refund_id.eq(line_refund_id),
            payment_refunds::amount_fen.eq(amount.0),
            payment_refunds::status.eq(GatewayRefundStatus::Pending.as_db()),
            payment_refunds::reason.eq(reason),
            payment_refunds::next_try_at.eq(at),
            payment_refunds::created_at.eq(at),
            payment_refunds::updated_at.eq(at),
        ))
        .returning(payment_refunds::id)
        .get_result(conn)?;
    get(conn, id)
}

/// Refund `id`.
pub fn get(conn: &mut DbConn, id: i64) -> Result<RefundRow, StoreError> {
    Ok(payment_refunds::table
        .find(id)
        .select(RefundRow::as_select())
        .first(conn)?)
}

/// Claims up to `limit` pending refunds due at `at` for this server (each claimed row is left
/// alone by others for [`CLAIM`]), counting the try.
pub fn claim_due(conn: &mut DbConn, at: NaiveDateTime, limit: i64) -> Result<Vec<RefundRow>, StoreError> {
    conn.atomic_write(|conn| {
        let due: Vec<i64> = payment_refunds::table
            .filter(payment_refunds::status.eq(GatewayRefundStatus::Pending.as_db()))
            .filter(payment_refunds::next_try_at.le(at))
            .order(payment_refunds::next_try_at)
            .limit(limit)
            .select(payment_refunds::id)
            .load(conn)?;
        let mut claimed = Vec::new();
        for id in due {
            let taken = diesel::update(
                payment_refunds::table
                    .find(id)
                    .filter(payment_refunds::status.eq(GatewayRefundStatus::Pending.as_db()))
                    .filter(payment_refunds::next_try_at.le(at)),
            )
            .set((
                payment_refunds::next_try_at.eq(at + CLAIM),
                payment_refunds::tries.eq(payment_refunds::tries + 1),
                payment_refunds::updated_at.eq(at),
            ))
            .execute(conn)?;
            if taken == 1 {
                claimed.push(get(conn, id)?);
            }
        }
        Ok(claimed)
    })
}

/// The wait before try `tries + 1`: 10 s doubling, at most an hour.
pub fn backoff(tries: i32) -> Duration {
    let doublings = u32::try_from(tries.clamp(1, 10) - 1).unwrap_or(0);
    Duration::seconds((10_i64 << doublings).min(3_600))
}

/// The gateway did not answer usably: due again after [`backoff`].
pub fn retry_later(conn: &mut DbConn, refund: &RefundRow, at: NaiveDateTime) -> Result<(), StoreError> {
    diesel::update(
        payment_refunds::table
            .find(refund.id)
            .filter(payment_refunds::status.eq(GatewayRefundStatus::Pending.as_db())),
    )
    .set((
        payment_refunds::next_try_at.eq(at + backoff(refund.tries)),
        payment_refunds::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(())
}

/// Records the gateway's answer, once: false when the refund was no longer pending.
pub fn finish(
    conn: &mut DbConn,
    refund_id: i64,
    status: GatewayRefundStatus,
    gateway_refund_no: Option<&str>,
) -> Result<bool, StoreError> {
    Ok(diesel::update(
        payment_refunds::table
            .find(refund_id)
            .filter(payment_refunds::status.eq(GatewayRefundStatus::Pending.as_db())),
    )
    .set((
        payment_refunds::status.eq(status.as_db()),
        payment_refunds::gateway_refund_no.eq(gateway_refund_no),
        payment_refunds::next_try_at.eq(None::<NaiveDateTime>),
        payment_refunds::updated_at.eq(now()),
    ))
    .execute(conn)?
        == 1)
}

/// Whether `refund_no` is one of our refund numbers.
pub fn exists(conn: &mut DbConn, refund_no: &str) -> Result<bool, StoreError> {
    let count: i64 = payment_refunds::table
        .filter(payment_refunds::refund_no.eq(refund_no))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Whether cancelled order `order_id`'s cash refund goes (or went) back through the gateway that
/// took it: a refund of it is pending or succeeded. Finance then records no payout by hand.
pub fn through_gateway(conn: &mut DbConn, order_id: i64) -> Result<bool, StoreError> {
    let count: i64 = payment_refunds::table
        .filter(payment_refunds::order_id.eq(order_id))
        .filter(payment_refunds::line_refund_id.is_null())
        .filter(payment_refunds::status.ne(GatewayRefundStatus::Refused.as_db()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// The gateway refunds of line refunds `ids`, by line refund (the latest of each).
pub fn of_line_refunds(
    conn: &mut DbConn,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, GatewayRefundStatus>, StoreError> {
    let rows: Vec<(Option<i64>, String)> = payment_refunds::table
        .filter(payment_refunds::line_refund_id.eq_any(ids))
        .order(payment_refunds::id)
        .select((payment_refunds::line_refund_id, payment_refunds::status))
        .load(conn)?;
    let mut latest = std::collections::HashMap::new();
    for (id, status) in rows {
        if let Some(id) = id {
            latest.insert(id, GatewayRefundStatus::from_db(&status)?);
        }
    }
    Ok(latest)
}

/// How much of `attempt_id`'s payment is refunded or being refunded (not refused).
pub fn refunded_of(conn: &mut DbConn, attempt_id: i64) -> Result<Fen, StoreError> {
    let amounts: Vec<i64> = payment_refunds::table
        .filter(payment_refunds::attempt_id.eq(attempt_id))
        .filter(payment_refunds::status.ne(GatewayRefundStatus::Refused.as_db()))
        .select(payment_refunds::amount_fen)
        .load(conn)?;
    Ok(Fen(amounts.iter().sum()))
}

/// The refunds of attempts `ids`, newest first.
pub fn for_attempts(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<RefundRow>, StoreError> {
    Ok(payment_refunds::table
        .filter(payment_refunds::attempt_id.eq_any(ids))
        .order(payment_refunds::id.desc())
        .select(RefundRow::as_select())
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(10));
        assert_eq!(backoff(2), Duration::seconds(20));
        assert_eq!(backoff(9), Duration::seconds(2_560));
        assert_eq!(backoff(10), Duration::seconds(3_600));
        assert_eq!(backoff(50), Duration::seconds(3_600));
    }
}

//! Attempts at a gateway: one per 立即支付, each with its own `out_trade_no`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::Fen;
use rc_types::payments::{AttemptOutcome, AttemptStatus, Gateway, PaymentAttempt, PaymentTarget};

use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::payment_attempts;

/// An attempt's row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = payment_attempts)]
pub struct AttemptRow {
    /// Id.
    pub id: i64,
    /// The merchant's number.
    pub out_trade_no: String,
    /// Stored [`Gateway`].
    pub provider: String,
    /// The paying company.
    pub company_id: i64,
    /// The order paid, or
    pub order_id: Option<i64>,
    /// the bill repaid.
    pub bill_id: Option<i64>,
    /// Amount.
    pub amount_fen: i64,
    /// Stored [`AttemptStatus`].
    pub status: String,
    /// The gateway's trade number, once paid.
    pub trade_no: Option<String>,
    /// Stored [`AttemptOutcome`].
    pub outcome: Option<String>,
    /// Who started it.
    pub created_by: i64,
    /// Started.
    pub created_at: NaiveDateTime,
    /// The gateway must refuse it after this.
    pub expires_at: Option<NaiveDateTime>,
    /// Paid.
    pub paid_at: Option<NaiveDateTime>,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

impl AttemptRow {
    /// The gateway.
    pub fn gateway(&self) -> Result<Gateway, StoreError> {
        Gateway::from_db(&self.provider)
    }

    /// Its status.
    pub fn status(&self) -> Result<AttemptStatus, StoreError> {
        AttemptStatus::from_db(&self.status)
    }

    /// What it pays.
    pub fn target(&self) -> Result<PaymentTarget, StoreError> {
        match (self.order_id, self.bill_id) {
            (Some(order), None) => Ok(PaymentTarget::Order(order)),
            (None, Some(bill)) => Ok(PaymentTarget::Bill(bill)),
            _ => Err(StoreError::Corrupt(format!("payment attempt {} target", self.id))),
        }
    }

    /// As the wire shows it.
    pub fn to_api(&self) -> Result<PaymentAttempt, StoreError> {
        Ok(PaymentAttempt {
            id: self.id,
            out_trade_no: self.out_trade_no.clone(),
            gateway: self.gateway()?,
            target: self.target()?,
            amount: Fen(self.amount_fen).to_money(),
            status: self.status()?,
            outcome: self.outcome.as_deref().map(AttemptOutcome::from_db).transpose()?,
            trade_no: self.trade_no.clone(),
            created_at: self.created_at.and_utc(),
            paid_at: self.paid_at.map(|t| t.and_utc()),
        })
    }
}

/// An attempt to record.
#[derive(Debug, Clone, Copy)]
pub struct NewAttempt<'a> {
    /// The merchant's number (unique).
    pub out_trade_no: &'a str,
    /// The gateway.
    pub gateway: Gateway,
    /// The paying company.
    pub company_id: i64,
    /// What it pays.
    pub target: PaymentTarget,
    /// Amount.
    pub amount: Fen,
    /// Who starts it.
    pub created_by: i64,
    /// The gateway must refuse it after this (the order's deadline).
    pub expires_at: Option<NaiveDateTime>,
    /// When.
    pub at: NaiveDateTime,
}

/// Records a new attempt.
pub fn create(conn: &mut DbConn, new: NewAttempt<'_>) -> Result<AttemptRow, StoreError> {
    let (order_id, bill_id) = match new.target {
        PaymentTarget::Order(id) => (Some(id), None),
        PaymentTarget::Bill(id) => (None, Some(id)),
    };
    let id: i64 = diesel::insert_into(payment_attempts::table)
        .values((
            payment_attempts::out_trade_no.eq(new.out_trade_no),
            payment_attempts::provider.eq(new.gateway.as_db()),
            payment_attempts::company_id.eq(new.company_id),
            payment_attempts::order_id.eq(order_id),
            payment_attempts::bill_id.eq(bill_id),
            payment_attempts::amount_fen.eq(new.amount.0),
            payment_attempts::status.eq(AttemptStatus::Pending.as_db()),
            payment_attempts::created_by.eq(new.created_by),
            payment_attempts::created_at.eq(new.at),
            payment_attempts::expires_at.eq(new.expires_at),
            payment_attempts::updated_at.eq(new.at),
        ))
        .returning(payment_attempts::id)
        .get_result(conn)?;
    get(conn, id)
}

/// The attempt with merchant number `out_trade_no`.
pub fn by_number(conn: &mut DbConn, out_trade_no: &str) -> Result<Option<AttemptRow>, StoreError> {
    Ok(payment_attempts::table
        .filter(payment_attempts::out_trade_no.eq(out_trade_no))
        .select(AttemptRow::as_select())
        .first(conn)
        .optional()?)
}

/// Attempt `id`.
pub fn get(conn: &mut DbConn, id: i64) -> Result<AttemptRow, StoreError> {
    Ok(payment_attempts::table
        .find(id)
        .select(AttemptRow::as_select())
        .first(conn)?)
}

/// The attempts paying `target`, newest first.
pub fn for_target(conn: &mut DbConn, target: PaymentTarget) -> Result<Vec<AttemptRow>, StoreError> {
    let query = payment_attempts::table.into_boxed();
    let query = match target {
        PaymentTarget::Order(id) => query.filter(payment_attempts::order_id.eq(id)),
        PaymentTarget::Bill(id) => query.filter(payment_attempts::bill_id.eq(id)),
    };
    Ok(query
        .order(payment_attempts::id.desc())
        .select(AttemptRow::as_select())
        .load(conn)?)
}

/// The attempt whose payment paid order `order_id` (the one a refund goes back through).
pub fn paying_order(conn: &mut DbConn, order_id: i64) -> Result<Option<AttemptRow>, StoreError> {
    Ok(payment_attempts::table
        .filter(payment_attempts::order_id.eq(order_id))
        .filter(payment_attempts::outcome.eq(AttemptOutcome::Applied.as_db()))
        .select(AttemptRow::as_select())
        .first(conn)
        .optional()?)
}

/// Closes a pending attempt the gateway says will never be paid; a paid one stays paid.
pub fn close(conn: &mut DbConn, id: i64) -> Result<bool, StoreError> {
    Ok(diesel::update(
        payment_attempts::table
            .find(id)
            .filter(payment_attempts::status.eq(AttemptStatus::Pending.as_db())),
    )
    .set((
        payment_attempts::status.eq(AttemptStatus::Closed.as_db()),
        payment_attempts::updated_at.eq(now()),
    ))
    .execute(conn)?
        == 1)
}

/// Marks the attempt paid by gateway trade `trade_no`, its money applied (the caller sets
/// [`AttemptOutcome::Refunded`] in the same transaction when nothing needed it), once: false
/// when it was already paid.
pub fn mark_paid(conn: &mut DbConn, id: i64, trade_no: &str, at: NaiveDateTime) -> Result<bool, StoreError> {
    Ok(diesel::update(
        payment_attempts::table
            .find(id)
            .filter(payment_attempts::status.ne(AttemptStatus::Paid.as_db())),
    )
    .set((
        payment_attempts::status.eq(AttemptStatus::Paid.as_db()),
        payment_attempts::outcome.eq(AttemptOutcome::Applied.as_db()),
        payment_attempts::trade_no.eq(trade_no),
        payment_attempts::paid_at.eq(at),
        payment_attempts::updated_at.eq(at),
    ))
    .execute(conn)?
        == 1)
}

/// Records what a paid attempt's money did.
pub fn set_outcome(conn: &mut DbConn, id: i64, outcome: AttemptOutcome) -> Result<(), StoreError> {
    diesel::update(payment_attempts::table.find(id))
        .set(payment_attempts::outcome.eq(outcome.as_db()))
        .execute(conn)?;
    Ok(())
}

/// Whether another attempt already carries gateway trade `trade_no`.
pub fn trade_taken(conn: &mut DbConn, trade_no: &str, except: i64) -> Result<bool, StoreError> {
    Ok(payment_attempts::table
        .filter(payment_attempts::trade_no.eq(trade_no))
        .filter(payment_attempts::id.ne(except))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

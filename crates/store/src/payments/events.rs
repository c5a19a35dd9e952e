//! The payments ledger (支付流水): every message to and from a gateway, with what the server
//! made of it. Written in the transaction of the change it explains (or alone, for a message
//! that changed nothing).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::Fen;
use rc_types::payments::{Gateway, PaymentEvent, PaymentEventKind};

use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::payment_events;

/// An entry to write.
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    /// The attempt it names, if known.
    pub attempt_id: Option<i64>,
    /// The gateway.
    pub gateway: Gateway,
    /// What it records.
    pub kind: PaymentEventKind,
    /// The merchant's number it names.
    pub out_trade_no: Option<&'a str>,
    /// The gateway's number it names.
    pub trade_no: Option<&'a str>,
    /// The amount it names.
    pub amount: Option<Fen>,
    /// What the server made of it.
    pub verdict: &'a str,
    /// Why, or the gateway's word.
    pub detail: &'a str,
    /// The raw message.
    pub raw: &'a str,
    /// Needs the operator's eye.
    pub flagged: bool,
}

/// Writes `event`.
pub fn record(conn: &mut DbConn, event: NewEvent<'_>) -> Result<(), StoreError> {
    diesel::insert_into(payment_events::table)
        .values((
            payment_events::attempt_id.eq(event.attempt_id),
            payment_events::provider.eq(event.gateway.as_db()),
            payment_events::kind.eq(event.kind.as_db()),
            payment_events::out_trade_no.eq(event.out_trade_no),
            payment_events::trade_no.eq(event.trade_no),
            payment_events::amount_fen.eq(event.amount.map(|a| a.0)),
            payment_events::verdict.eq(event.verdict),
            payment_events::detail.eq(event.detail),
            payment_events::raw.eq(event.raw),
            payment_events::flagged.eq(event.flagged),
            payment_events::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// An entry's row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = payment_events)]
pub struct EventRow {
    id: i64,
    attempt_id: Option<i64>,
    provider: String,
    kind: String,
    out_trade_no: Option<String>,
    trade_no: Option<String>,
    amount_fen: Option<i64>,
    verdict: String,
    detail: String,
    raw: String,
    flagged: bool,
    created_at: NaiveDateTime,
}

impl EventRow {
    /// As the wire shows it.
    pub fn into_api(self) -> Result<PaymentEvent, StoreError> {
        Ok(PaymentEvent {
            id: self.id,
            attempt_id: self.attempt_id,
            gateway: Gateway::from_db(&self.provider)?,
            kind: PaymentEventKind::from_db(&self.kind)?,
            out_trade_no: self.out_trade_no,
            trade_no: self.trade_no,
            amount: self.amount_fen.map(|a| Fen(a).to_money()),
            verdict: self.verdict,
            detail: self.detail,
            flagged: self.flagged,
            raw: self.raw,
            created_at: self.created_at.and_utc(),
        })
    }
}

/// The entries of attempts `ids`, newest first.
pub fn for_attempts(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<PaymentEvent>, StoreError> {
    payment_events::table
        .filter(payment_events::attempt_id.eq_any(ids))
        .order(payment_events::id.desc())
        .select(EventRow::as_select())
        .load(conn)?
        .into_iter()
        .map(EventRow::into_api)
        .collect()
}

/// The entries written in `[from, to)`, newest first, optionally only the flagged ones (the
/// reconciliation's drill-down); at most `limit`.
pub fn between(
    conn: &mut DbConn,
    from: NaiveDateTime,
    to: NaiveDateTime,
    flagged_only: bool,
    limit: i64,
) -> Result<Vec<PaymentEvent>, StoreError> {
    let mut query = payment_events::table
        .filter(payment_events::created_at.ge(from))
        .filter(payment_events::created_at.lt(to))
        .into_boxed();
    if flagged_only {
        query = query.filter(payment_events::flagged.eq(true));
    }
    query
        .order(payment_events::id.desc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)?
        .into_iter()
        .map(EventRow::into_api)
        .collect()
}

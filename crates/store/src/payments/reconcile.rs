//! The reconciliation (对账): per day (China time) and gateway, the attempts started and paid,
//! what the paid attempts expected against what the accepted notifications named, what was
//! refunded, and how many ledger entries were flagged.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::period::china_date;
use rc_types::payments::{AttemptStatus, Gateway, GatewayRefundStatus, PaymentEventKind, ReconciliationRow};

use crate::db::DbConn;
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::{payment_attempts, payment_events, payment_refunds};

#[derive(Default)]
struct Sums {
    attempts: i64,
    paid: i64,
    expected: i64,
    notified: i64,
    refunded: i64,
    flagged: i64,
}

/// The rows of `[from, to)` (UTC bounds of China days), newest day first. Reads the period's
/// rows and sums them here, so both databases group by the same China-time day.
pub fn rows(
    conn: &mut DbConn,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<ReconciliationRow>, StoreError> {
    let mut days: BTreeMap<(NaiveDate, String), Sums> = BTreeMap::new();
    let started: Vec<(String, NaiveDateTime)> = payment_attempts::table
        .filter(payment_attempts::created_at.ge(from))
        .filter(payment_attempts::created_at.lt(to))
        .select((payment_attempts::provider, payment_attempts::created_at))
        .load(conn)?;
    for (provider, created) in started {
        days.entry((china_date(created), provider)).or_default().attempts += 1;
    }
    let paid: Vec<(String, i64, Option<NaiveDateTime>)> = payment_attempts::table
        .filter(payment_attempts::status.eq(AttemptStatus::Paid.as_db()))
        .filter(payment_attempts::paid_at.ge(from))
        .filter(payment_attempts::paid_at.lt(to))
        .select((
            payment_attempts::provider,
            payment_attempts::amount_fen,
            payment_attempts::paid_at,
        ))
        .load(conn)?;
    for (provider, amount, paid_at) in paid {
        let sums = days
            .entry((china_date(paid_at.unwrap_or(from)), provider))
            .or_default();
        sums.paid += 1;
        sums.expected += amount;
    }
    let events: Vec<(String, String, String, Option<i64>, bool, NaiveDateTime)> = payment_events::table
        .filter(payment_events::created_at.ge(from))
        .filter(payment_events::created_at.lt(to))
        .select((
            payment_events::provider,
            payment_events::kind,
            payment_events::verdict,
            payment_events::amount_fen,
            payment_events::flagged,
            payment_events::created_at,
        ))
        .load(conn)?;
    for (provider, kind, verdict, amount, flagged, at) in events {
        let sums = days.entry((china_date(at), provider)).or_default();
        let accepted = ["applied", "refunding"].contains(&verdict.as_str());
        if kind == PaymentEventKind::Notification.as_db() && accepted {
            sums.notified += amount.unwrap_or(0);
        }
        if flagged {
            sums.flagged += 1;
        }
    }
    let refunds: Vec<(String, i64, NaiveDateTime)> = payment_refunds::table
        .inner_join(payment_attempts::table)
        .filter(payment_refunds::status.eq(GatewayRefundStatus::Succeeded.as_db()))
        .filter(payment_refunds::updated_at.ge(from))
        .filter(payment_refunds::updated_at.lt(to))
        .select((
            payment_attempts::provider,
            payment_refunds::amount_fen,
            payment_refunds::updated_at,
        ))
        .load(conn)?;
    for (provider, amount, at) in refunds {
        days.entry((china_date(at), provider)).or_default().refunded += amount;
    }
    let mut rows = days
        .into_iter()
        .map(|((day, provider), sums)| {
            Ok(ReconciliationRow {
                day,
                gateway: Gateway::from_db(&provider)?,
                attempts: sums.attempts,
                paid: sums.paid,
                expected: Fen(sums.expected).to_money(),
                notified: Fen(sums.notified).to_money(),
                refunded: Fen(sums.refunded).to_money(),
                flagged: sums.flagged,
                mismatch: sums.expected != sums.notified || sums.flagged > 0,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    rows.reverse();
    Ok(rows)
}

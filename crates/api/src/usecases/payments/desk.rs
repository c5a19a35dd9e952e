//! The operator's side of online payment: an order's payments ledger (attempts, entries,
//! refunds) and the reconciliation (对账) per day and gateway.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rc_domain::{Actor, Permission, permissions};
use rc_store::DbConn;
use rc_store::payments::{attempts, events, reconcile, refunds};
use rc_types::payments::{PaymentRecords, PaymentTarget, Reconciliation, ReconciliationQuery};

use crate::error::ApiError;
use crate::usecases::orders::{Reach, reach};

/// The most flagged entries the reconciliation lists.
const FLAGGED_SHOWN: i64 = 200;
/// The longest period one reconciliation covers.
const MAX_DAYS: i64 = 93;

/// Order `order_id`'s online payments, for operator staff who may see orders.
pub fn order_records(conn: &mut DbConn, actor: &Actor, order_id: i64) -> Result<PaymentRecords, ApiError> {
    if reach(conn, actor, order_id)? != Reach::Staff {
        return Err(ApiError::Forbidden);
    }
    let rows = attempts::for_target(conn, PaymentTarget::Order(order_id))?;
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    Ok(PaymentRecords {
        attempts: rows
            .iter()
            .map(attempts::AttemptRow::to_api)
            .collect::<Result<_, _>>()?,
        events: events::for_attempts(conn, &ids)?,
        refunds: refunds::for_attempts(conn, &ids)?
            .iter()
            .map(refunds::RefundRow::to_api)
            .collect::<Result<_, _>>()?,
    })
}

/// The UTC moment China day `day` starts.
fn china_midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(8)
}

/// The reconciliation of `query`'s days (the last 7 up to `today` by default), for finance.
pub fn reconciliation(
    conn: &mut DbConn,
    actor: &Actor,
    query: &ReconciliationQuery,
    today: NaiveDate,
) -> Result<Reconciliation, ApiError> {
    if actor.company.is_some() || !permissions::may(actor, Permission::ManageFinance) {
        return Err(ApiError::Forbidden);
    }
    let to = query.to.unwrap_or(today);
    let from = query.from.unwrap_or(to - Duration::days(6));
    if from > to {
        return Err(ApiError::field(
            "from",
            "order",
            "the first day is after the last",
        ));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ApiError::field("from", "range", "at most 93 days at once"));
    }
    let (start, end) = (china_midnight(from), china_midnight(to + Duration::days(1)));
    Ok(Reconciliation {
        from,
        to,
        rows: reconcile::rows(conn, start, end)?,
        flagged: events::between(conn, start, end, true, FLAGGED_SHOWN)?,
    })
}

//! The sandbox gateway's own books (development and tests): the trades merchants asked it to
//! take, the refunds it gave, and the notifications it owes, retried with backoff until the
//! merchant answers — kept in the database, so a restart between the payer's choice and the
//! notification loses nothing, and claimed through it, so one server sends each.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rc_domain::Fen;

use crate::db::DbConn;
use crate::error::StoreError;
use crate::schema::{sandbox_notifications, sandbox_refunds, sandbox_trades};

/// A trade's row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = sandbox_trades)]
pub struct TradeRow {
    /// Id.
    pub id: i64,
    /// `alipay` or `unionpay`.
    pub provider: String,
    /// The merchant's number.
    pub out_trade_no: String,
    /// The sandbox's number.
    pub trade_no: String,
    /// The merchant (app id or merId).
    pub merchant: String,
    /// Amount.
    pub amount_fen: i64,
    /// What the payer sees.
    pub subject: String,
    /// `waiting`, `paid` or `closed`.
    pub status: String,
    /// Given back so far.
    pub refunded_fen: i64,
    /// The merchant's notification endpoint.
    pub notify_url: String,
    /// Where the payer's browser goes back.
    pub return_url: String,
    /// The merchant's request time (UnionPay's `txnTime`).
    pub request_time: NaiveDateTime,
    /// The merchant's deadline.
    pub expires_at: Option<NaiveDateTime>,
    /// Opened.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// A trade a merchant asks for.
#[derive(Debug, Clone, Copy)]
pub struct NewTrade<'a> {
    /// `alipay` or `unionpay`.
    pub provider: &'a str,
    /// The merchant's number.
    pub out_trade_no: &'a str,
    /// The sandbox's number for it.
    pub trade_no: &'a str,
    /// The merchant.
    pub merchant: &'a str,
    /// Amount.
    pub amount: Fen,
    /// Subject.
    pub subject: &'a str,
    /// Notification endpoint.
    pub notify_url: &'a str,
    /// Browser return.
    pub return_url: &'a str,
    /// Request time.
    pub request_time: NaiveDateTime,
    /// Deadline.
    pub expires_at: Option<NaiveDateTime>,
    /// Now.
    pub at: NaiveDateTime,
}

/// Opens the trade, or answers the one the merchant opened before under the same number
/// (refused when that one asked for another amount).
pub fn open(conn: &mut DbConn, new: NewTrade<'_>) -> Result<TradeRow, StoreError> {
    conn.atomic_write(|conn| {
        if let Some(existing) = by_number(conn, new.provider, new.out_trade_no)? {
            if existing.amount_fen != new.amount.0 {
                return Err(StoreError::Conflict(
                    "this out_trade_no was opened for another amount".to_owned(),
                ));
            }
            return Ok(existing);
        }
        let id: i64 = diesel::insert_into(sandbox_trades::table)
            .values((
                sandbox_trades::provider.eq(new.provider),
                sandbox_trades::out_trade_no.eq(new.out_trade_no),
                sandbox_trades::trade_no.eq(new.trade_no),
                sandbox_trades::merchant.eq(new.merchant),
                sandbox_trades::amount_fen.eq(new.amount.0),
                sandbox_trades::subject.eq(new.subject),
                sandbox_trades::status.eq("waiting"),
                sandbox_trades::notify_url.eq(new.notify_url),
                sandbox_trades::return_url.eq(new.return_url),
                sandbox_trades::request_time.eq(new.request_time),
                sandbox_trades::expires_at.eq(new.expires_at),
                sandbox_trades::created_at.eq(new.at),
                sandbox_trades::updated_at.eq(new.at),
            ))
            .returning(sandbox_trades::id)
            .get_result(conn)?;
        get(conn, id)
    })
}

/// Trade `id`.
pub fn get(conn: &mut DbConn, id: i64) -> Result<TradeRow, StoreError> {
    Ok(sandbox_trades::table
        .find(id)
        .select(TradeRow::as_select())
        .first(conn)?)
}

/// The trade the merchant numbered `out_trade_no` at `provider`.
pub fn by_number(
    conn: &mut DbConn,
    provider: &str,
    out_trade_no: &str,
) -> Result<Option<TradeRow>, StoreError> {
    Ok(sandbox_trades::table
        .filter(sandbox_trades::provider.eq(provider))
        .filter(sandbox_trades::out_trade_no.eq(out_trade_no))
        .select(TradeRow::as_select())
        .first(conn)
        .optional()?)
}

/// The trade with the sandbox's number `trade_no`.
pub fn by_trade_no(conn: &mut DbConn, trade_no: &str) -> Result<Option<TradeRow>, StoreError> {
    Ok(sandbox_trades::table
        .filter(sandbox_trades::trade_no.eq(trade_no))
        .select(TradeRow::as_select())
        .first(conn)
        .optional()?)
}

/// The payer's choice: a waiting trade becomes `paid` or `closed`, once. `None` when it was
/// decided before.
pub fn decide(
    conn: &mut DbConn,
    id: i64,
    status: &str,
    at: NaiveDateTime,
) -> Result<Option<TradeRow>, StoreError> {
    let decided = diesel::update(
        sandbox_trades::table
            .find(id)
            .filter(sandbox_trades::status.eq("waiting")),
    )
    .set((
        sandbox_trades::status.eq(status),
        sandbox_trades::updated_at.eq(at),
    ))
    .execute(conn)?;
    if decided == 0 {
        return Ok(None);
    }
    get(conn, id).map(Some)
}

/// Gives `amount` of a paid trade back under refund number `refund_no`: `Ok(true)` the first
/// time, `Ok(false)` for the same number again (nothing moves twice), `Err` with the reason
/// when the trade is not paid or the amount is more than is left.
pub fn refund(
    conn: &mut DbConn,
    trade_id: i64,
    refund_no: &str,
    amount: Fen,
    at: NaiveDateTime,
) -> Result<Result<bool, &'static str>, StoreError> {
    conn.atomic_write(|conn| {
        let seen: i64 = sandbox_refunds::table
            .filter(sandbox_refunds::trade_id.eq(trade_id))
            .filter(sandbox_refunds::refund_no.eq(refund_no))
            .count()
            .get_result(conn)?;
        if seen > 0 {
            return Ok(Ok(false));
        }
        let updated = diesel::update(
            sandbox_trades::table
                .find(trade_id)
                .filter(sandbox_trades::status.eq("paid"))
                .filter((sandbox_trades::refunded_fen + amount.0).le(sandbox_trades::amount_fen)),
        )
        .set((
            sandbox_trades::refunded_fen.eq(sandbox_trades::refunded_fen + amount.0),
            sandbox_trades::updated_at.eq(at),
        ))
        .execute(conn)?;
        if updated == 0 {
            return Ok(Err("退款金额超过可退金额，或交易未支付"));
        }
        diesel::insert_into(sandbox_refunds::table)
            .values((
                sandbox_refunds::trade_id.eq(trade_id),
                sandbox_refunds::refund_no.eq(refund_no),
                sandbox_refunds::amount_fen.eq(amount.0),
                sandbox_refunds::created_at.eq(at),
            ))
            .execute(conn)?;
        Ok(Ok(true))
    })
}

/// Queues a notification of trade `trade_id` to `url`, due now.
pub fn queue_notification(
    conn: &mut DbConn,
    trade_id: i64,
    url: &str,
    body: &str,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    diesel::insert_into(sandbox_notifications::table)
        .values((
            sandbox_notifications::trade_id.eq(trade_id),
            sandbox_notifications::url.eq(url),
            sandbox_notifications::body.eq(body),
            sandbox_notifications::next_at.eq(at),
            sandbox_notifications::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A notification owed: id, url, body, tries so far (this one included).
pub type DueNotification = (i64, String, String, i32);

/// How long a claimed notification is left to the server sending it.
const CLAIM: Duration = Duration::seconds(30);

/// The merchant did not acknowledge: due again after a wait growing with each try (5 s, 10 s,
/// 20 s … at most 10 minutes; the real gateways spread theirs over a day).
pub fn wait_after(tries: i32) -> Duration {
    let doublings = u32::try_from(tries.clamp(1, 8) - 1).unwrap_or(0);
    Duration::seconds((5_i64 << doublings).min(600))
}

/// Claims up to `limit` notifications due at `at` (each left to this server for a while),
/// counting the try.
pub fn claim_notifications(
    conn: &mut DbConn,
    at: NaiveDateTime,
    limit: i64,
) -> Result<Vec<DueNotification>, StoreError> {
    conn.atomic_write(|conn| {
        let due: Vec<i64> = sandbox_notifications::table
            .filter(sandbox_notifications::delivered_at.is_null())
            .filter(sandbox_notifications::next_at.le(at))
            .order(sandbox_notifications::next_at)
            .limit(limit)
            .select(sandbox_notifications::id)
            .load(conn)?;
        let mut claimed = Vec::new();
        for id in due {
            let taken = diesel::update(
                sandbox_notifications::table
                    .find(id)
                    .filter(sandbox_notifications::delivered_at.is_null())
                    .filter(sandbox_notifications::next_at.le(at)),
            )
            .set((
                sandbox_notifications::next_at.eq(at + CLAIM),
                sandbox_notifications::attempts.eq(sandbox_notifications::attempts + 1),
            ))
            .execute(conn)?;
            if taken == 1 {
                claimed.push(
                    sandbox_notifications::table
                        .find(id)
                        .select((
                            sandbox_notifications::id,
                            sandbox_notifications::url,
                            sandbox_notifications::body,
                            sandbox_notifications::attempts,
                        ))
                        .first(conn)?,
                );
            }
        }
        Ok(claimed)
    })
}

/// Records the merchant's answer: delivered (it acknowledged) or due again after [`wait_after`].
pub fn answered(
    conn: &mut DbConn,
    id: i64,
    tries: i32,
    acknowledged: bool,
    answer: &str,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    let target = sandbox_notifications::table.find(id);
    if acknowledged {
        diesel::update(target)
            .set((
                sandbox_notifications::delivered_at.eq(at),
                sandbox_notifications::last_answer.eq(answer),
            ))
            .execute(conn)?;
    } else {
        diesel::update(target)
            .set((
                sandbox_notifications::next_at.eq(at + wait_after(tries)),
                sandbox_notifications::last_answer.eq(answer),
            ))
            .execute(conn)?;
    }
    Ok(())
}

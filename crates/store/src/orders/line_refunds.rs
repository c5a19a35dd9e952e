//! Refunding one line of a paid order (the operator's 退款 of a line): the line's share of each
//! source that paid for the order ([`rc_domain::refund::split_line`]) goes back as 退款 ledger
//! entries — 零钱 to the rebate balance, credit to the credit line (the part of it already repaid
//! on a bill comes back as cash) — and the cash share is owed back: through the gateway that took
//! it, or paid by finance by hand. Once per line (a unique key); under the order's lock, so two
//! refunds of one order never split from the same figures.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::refund::{Line, Sources, split_line};
use rc_types::assets::EntryKind;
use rc_types::orders::{OrderStatus, PaymentStatus};

use super::lifecycle::{self, OrderChangeError, OrderRow};
use super::record_event;
use crate::assets::ledger::{self, AccountKey, Posting};
use crate::assets::{coupons, credit};
use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::{order_line_refunds, order_lines, orders};

/// A refunded line's row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = order_line_refunds)]
pub struct LineRefundRow {
    /// Id.
    pub id: i64,
    /// The order.
    pub order_id: i64,
    /// The line.
    pub line_id: i64,
    /// The coupon's share, forfeited.
    pub coupon_fen: i64,
    /// Back to 零钱.
    pub rebate_fen: i64,
    /// Back to the credit line (or, where already repaid, into `cash_due_fen`).
    pub credit_fen: i64,
    /// The share paid online or by transfer.
    pub cash_fen: i64,
    /// Cash owed back: the cash share and any credit share already repaid.
    pub cash_due_fen: i64,
    /// Why.
    pub reason: String,
    /// The operator who refunded it.
    pub refunded_by: i64,
    /// When.
    pub created_at: NaiveDateTime,
    /// The payout's reference (finance's bank reference, or the gateway's refund number).
    pub payout_reference: Option<String>,
    /// Who recorded the payout.
    pub paid_by: Option<i64>,
    /// When the cash was paid back.
    pub paid_at: Option<NaiveDateTime>,
}

impl LineRefundRow {
    /// Its shares as [`Sources`].
    pub fn sources(&self) -> Sources {
        Sources {
            coupon: Fen(self.coupon_fen),
            rebate: Fen(self.rebate_fen),
            credit: Fen(self.credit_fen),
            cash: Fen(self.cash_fen),
        }
    }
}

/// What paid for `order`, source by source.
pub fn paid_sources(order: &OrderRow) -> Sources {
    Sources {
        coupon: Fen(order.coupon_discount_fen),
        rebate: Fen(order.rebate_fen),
        credit: Fen(order.credit_fen),
        cash: Fen(order.payable_fen),
    }
}

/// The refunded lines of order `order_id`, in the order they were refunded.
pub fn of_order(conn: &mut DbConn, order_id: i64) -> Result<Vec<LineRefundRow>, StoreError> {
    Ok(order_line_refunds::table
        .filter(order_line_refunds::order_id.eq(order_id))
        .order(order_line_refunds::id)
        .select(LineRefundRow::as_select())
        .load(conn)?)
}

/// Refunded line `id`.
pub fn get(conn: &mut DbConn, id: i64) -> Result<LineRefundRow, StoreError> {
    Ok(order_line_refunds::table
        .find(id)
        .select(LineRefundRow::as_select())
        .first(conn)?)
}

/// Whether a line of a paid order with `status` may be refunded: paid, not completed or cancelled.
pub fn may_refund(status: OrderStatus, payment: PaymentStatus) -> bool {
    payment == PaymentStatus::Paid && matches!(status, OrderStatus::Processing | OrderStatus::Delivered)
}

/// One line of an order as a refund sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundableLine {
    /// Line id.
    pub id: i64,
    /// Its position (1-based).
    pub position: i32,
    /// Plan name.
    pub plan_name: String,
    /// Its total.
    pub total: Fen,
    /// Delivered already.
    pub delivered: bool,
    /// The order's coupon applied to it.
    pub coupon_applies: bool,
}

/// id, position, plan name, total, delivered, solution, region.
type LineColumns = (i64, i32, String, i64, bool, Option<i64>, String);

/// Order `order`'s lines, each marked with whether its coupon applied to it (the coupon's
/// solutions and region).
pub fn lines_of(conn: &mut DbConn, order: &OrderRow) -> Result<Vec<RefundableLine>, StoreError> {
    let terms = match order.coupon_id {
        Some(coupon_id) => match coupons::get(conn, order.company_id, coupon_id) {
            Ok(coupon) => Some(coupon.terms),
            // Its terms gone: the discount is spread over every line.
            Err(StoreError::NotFound) => None,
            Err(other) => return Err(other),
        },
        None => None,
    };
    let everywhere = terms.is_none() && order.coupon_discount_fen > 0;
    let rows: Vec<LineColumns> = order_lines::table
        .filter(order_lines::order_id.eq(order.id))
        .order(order_lines::position)
        .select((
            order_lines::id,
            order_lines::position,
            order_lines::plan_name,
            order_lines::total_fen,
            order_lines::delivered_at.is_not_null(),
            order_lines::solution_id,
            order_lines::region,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, position, plan_name, total, delivered, solution_id, region)| {
                let coupon_applies = everywhere
                    || terms.as_ref().is_some_and(|t| {
                        (t.all_solutions || t.solutions.iter().any(|s| Some(s.id) == solution_id))
                            && (t.region.trim().is_empty() || region == t.region.trim())
                    });
                RefundableLine {
                    id,
                    position,
                    plan_name,
                    total: Fen(total),
                    delivered,
                    coupon_applies,
                }
            },
        )
        .collect())
}

/// How line `line_id` of `order` (with `lines`) would split if refunded now, given the refunds
/// `done`; `None` when it cannot be refunded from what is left (or is not the order's).
pub fn quote(
    order: &OrderRow,
    lines: &[RefundableLine],
    done: &[LineRefundRow],
    line_id: i64,
) -> Option<Sources> {
    let line = lines.iter().find(|l| l.id == line_id)?;
    let refunded = done
        .iter()
        .fold(Sources::default(), |sum, r| sum.plus(r.sources()));
    let coupon_base = Fen(lines.iter().filter(|l| l.coupon_applies).map(|l| l.total.0).sum());
    split_line(
        paid_sources(order),
        refunded,
        Line {
            total: line.total,
            coupon_applies: line.coupon_applies,
        },
        coupon_base,
        done.len() + 1 == lines.len(),
    )
    .ok()
}

/// A line refunded, and the status the order moved to because of it (已交付 or 已取消), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRefunded {
    /// The refund.
    pub row: LineRefundRow,
    /// The order's new status.
    pub moved_to: Option<OrderStatus>,
}

/// Refunds line `line_id` of paid order `order_id` as operator `actor_id` with `reason` (call in
/// a write transaction): each share posted back to its source, the row recorded, the timeline
/// told. The last line refunded cancels the order (已取消 / 已退款, its coupon given back unused);
/// refunding the last undelivered
/// line of an order being processed makes it 已交付. Refused (409) when the order is not paid and
/// live or the line was refunded already; a missing line is 404.
pub fn refund_line(
    conn: &mut DbConn,
    order_id: i64,
    line_id: i64,
    reason: &str,
    actor_id: i64,
) -> Result<LineRefunded, OrderChangeError> {
    let order = lifecycle::lock(conn, order_id)?;
    if !may_refund(order.status()?, order.payment_status()?) {
        return Err(OrderChangeError::State(format!(
            "only a paid order being processed or delivered has lines refunded; order {} is not",
            order.order_no
        )));
    }
    let lines = lines_of(conn, &order)?;
    let Some(line) = lines.iter().find(|l| l.id == line_id).cloned() else {
        return Err(StoreError::NotFound.into());
    };
    let position = line.position;
    let done = of_order(conn, order_id)?;
    if done.iter().any(|r| r.line_id == line_id) {
        return Err(OrderChangeError::State(format!(
            "line {position} of order {} was refunded already",
            order.order_no
        )));
    }
    let split = quote(&order, &lines, &done, line_id).ok_or_else(|| {
        OrderChangeError::State(format!(
            "line {position} of order {} is more than what is left to refund",
            order.order_no
        ))
    })?;
    let cash_due = post_shares(conn, &order, &line, split, reason, actor_id)?;
    let at = now();
    let id: i64 = diesel::insert_into(order_line_refunds::table)
        .values((
            order_line_refunds::order_id.eq(order_id),
            order_line_refunds::line_id.eq(line_id),
            order_line_refunds::coupon_fen.eq(split.coupon.0),
            order_line_refunds::rebate_fen.eq(split.rebate.0),
            order_line_refunds::credit_fen.eq(split.credit.0),
            order_line_refunds::cash_fen.eq(split.cash.0),
            order_line_refunds::cash_due_fen.eq(cash_due.0),
            order_line_refunds::reason.eq(reason),
            order_line_refunds::refunded_by.eq(actor_id),
            order_line_refunds::created_at.eq(at),
        ))
        .returning(order_line_refunds::id)
        .get_result(conn)?;
    let cash_note = if cash_due.0 > 0 {
        format!("，应退现金 {cash_due}")
    } else {
        String::new()
    };
    let detail = format!(
        "{position}. {}：退回 {}{cash_note}",
        line.plan_name,
        split.given_back()
    );
    record_event(conn, order_id, "line_refunded", Some(actor_id), &detail)?;
    // What was invoiced changes only when money (credit or cash) goes back.
    if split.credit.0 + split.cash.0 > 0 {
        super::invoices::void_for_refund(conn, order_id, &format!("第 {position} 行退款"), Some(actor_id))?;
    }
    let refunded_now: Vec<i64> = done.iter().map(|r| r.line_id).chain([line_id]).collect();
    let moved_to = move_on(conn, &order, &lines, &refunded_now, actor_id, at)?;
    Ok(LineRefunded {
        row: get(conn, id)?,
        moved_to,
    })
}

/// Posts `split`'s 零钱 and credit shares of `line` back to their sources (退款 entries, once per
/// line); answers the cash owed back: the cash share and any credit share already repaid.
fn post_shares(
    conn: &mut DbConn,
    order: &OrderRow,
    line: &RefundableLine,
    split: Sources,
    reason: &str,
    actor_id: i64,
) -> Result<Fen, OrderChangeError> {
    let line_id = line.id;
    let position = line.position;
    let op_key = format!("refund:{}:line:{line_id}", order.order_no);
    let ledger_reason = format!("订单 {} 第 {position} 行退款：{reason}", order.order_no);
    if split.rebate.0 > 0 {
        let account = ledger::account(conn, AccountKey::rebate(order.company_id))?;
        ledger::post(
            conn,
            account.id,
            Posting {
                kind: EntryKind::Refund,
                amount: split.rebate,
                op_key: &op_key,
                reference: Some(&order.order_no),
                reason: Some(&ledger_reason),
                actor_id: Some(actor_id),
            },
        )?;
    }
    let mut cash_due = split.cash;
    if split.credit.0 > 0 {
        let back = credit::refund(
            conn,
            order.company_id,
            &order.order_no,
            split.credit,
            (&op_key, &ledger_reason, Some(actor_id)),
        )?;
        cash_due = Fen(cash_due.0 + back.repaid_in_cash.0);
    }
    Ok(cash_due)
}

/// What the order becomes once the lines `refunded` are: cancelled when none is left, 已交付
/// when it was being processed and every line left is delivered.
fn move_on(
    conn: &mut DbConn,
    order: &OrderRow,
    lines: &[RefundableLine],
    refunded: &[i64],
    actor_id: i64,
    at: NaiveDateTime,
) -> Result<Option<OrderStatus>, OrderChangeError> {
    let order_id = order.id;
    let remaining: Vec<&RefundableLine> = lines.iter().filter(|l| !refunded.contains(&l.id)).collect();
    if remaining.is_empty() {
        // Every line refunded is the whole order refunded: its coupon comes back unused.
        let detail = if order.coupon_id.is_some() {
            "全部商品已退款，优惠券已退回"
        } else {
            "全部商品已退款"
        };
        lifecycle::give_coupon_back(
            conn,
            order,
            &format!("refund:{}:coupon", order.order_no),
            &format!("订单 {} 全部商品已退款", order.order_no),
            Some(actor_id),
        )?;
        diesel::update(orders::table.find(order_id))
            .set((
                orders::status.eq(OrderStatus::Cancelled.as_db()),
                orders::payment_status.eq(PaymentStatus::Refunded.as_db()),
                orders::cancel_reason.eq("全部商品已退款"),
                orders::updated_at.eq(at),
            ))
            .execute(conn)?;
        record_event(conn, order_id, "refunded", Some(actor_id), detail)?;
        return Ok(Some(OrderStatus::Cancelled));
    } else if order.status()? == OrderStatus::Processing && remaining.iter().all(|l| l.delivered) {
        diesel::update(orders::table.find(order_id))
            .set((
                orders::status.eq(OrderStatus::Delivered.as_db()),
                orders::updated_at.eq(at),
            ))
            .execute(conn)?;
        record_event(conn, order_id, "delivered", Some(actor_id), "")?;
        return Ok(Some(OrderStatus::Delivered));
    }
    Ok(None)
}

/// Records that the cash of refunded line `line_id` was paid back (its payout `reference`), once:
/// refused unless cash is owed on it and not yet paid.
pub fn settle(
    conn: &mut DbConn,
    order_id: i64,
    line_id: i64,
    reference: &str,
    actor_id: i64,
) -> Result<LineRefundRow, OrderChangeError> {
    let order = lifecycle::lock(conn, order_id)?;
    let row: LineRefundRow = order_line_refunds::table
        .filter(order_line_refunds::order_id.eq(order_id))
        .filter(order_line_refunds::line_id.eq(line_id))
        .select(LineRefundRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let changed = diesel::update(
        order_line_refunds::table
            .find(row.id)
            .filter(order_line_refunds::cash_due_fen.gt(0))
            .filter(order_line_refunds::paid_at.is_null()),
    )
    .set((
        order_line_refunds::payout_reference.eq(reference),
        order_line_refunds::paid_by.eq(actor_id),
        order_line_refunds::paid_at.eq(now()),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(OrderChangeError::State(format!(
            "this line of order {} owes no cash refund (none due, or paid already)",
            order.order_no
        )));
    }
    let position: i32 = order_lines::table
        .find(line_id)
        .select(order_lines::position)
        .first(conn)?;
    record_event(
        conn,
        order_id,
        "line_refund_paid",
        Some(actor_id),
        &format!("{position}. {} {reference}", Fen(row.cash_due_fen)),
    )?;
    Ok(get(conn, row.id)?)
}

/// Whether order `order_id` has refunded lines (the whole order is then no longer cancelled in
/// one go: its other lines are refunded one by one).
pub fn any(conn: &mut DbConn, order_id: i64) -> Result<bool, StoreError> {
    Ok(diesel::select(diesel::dsl::exists(
        order_line_refunds::table.filter(order_line_refunds::order_id.eq(order_id)),
    ))
    .get_result(conn)?)
}

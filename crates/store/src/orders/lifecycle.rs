//! An order's life after it is placed: its sources held, captured when paid, released when an
//! unpaid order is cancelled (by the buyer, the operator or the payment deadline) and refunded
//! when a paid one is; delivery per line and completion. Every change is a conditional update on
//! the order's state, so it happens once however many servers or clicks try it.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::ledger::HoldState;
use rc_types::assets::EntryKind;
use rc_types::checkout::PaymentMethod;
use rc_types::orders::{OrderStatus, PaymentStatus};

use super::record_event;
use crate::assets::ledger::{self, AccountKey, LedgerError, Posting};
use crate::assets::{coupons, credit};
use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::{
    coupons as coupon_rows, order_events, order_line_refunds, order_lines, order_refund_payouts, orders,
};

/// An order's row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = orders)]
pub struct OrderRow {
    /// Id.
    pub id: i64,
    /// 订单编号.
    pub order_no: String,
    /// The buying partner.
    pub company_id: i64,
    /// Who placed it.
    pub placed_by: i64,
    /// The end customer, if not deleted since.
    pub customer_id: Option<i64>,
    /// 客户公司.
    pub customer_company: String,
    /// 客户名称.
    pub customer_name: String,
    /// 客户邮箱.
    pub customer_email: String,
    /// 客户电话.
    pub customer_phone: String,
    /// 客户地址.
    pub customer_address: String,
    /// 所在区域.
    pub region: String,
    /// Stored [`OrderStatus`].
    pub status: String,
    /// Stored [`PaymentStatus`].
    pub payment_status: String,
    /// Stored [`PaymentMethod`].
    pub payment_method: String,
    /// 商品总金额.
    pub goods_total_fen: i64,
    /// The coupon used.
    pub coupon_id: Option<i64>,
    /// Its code.
    pub coupon_code: Option<String>,
    /// Taken off by the coupon.
    pub coupon_discount_fen: i64,
    /// 零钱 used.
    pub rebate_fen: i64,
    /// On the credit line.
    pub credit_fen: i64,
    /// Left to pay online or by transfer.
    pub payable_fen: i64,
    /// 预计结单日期.
    pub expected_close_date: Option<chrono::NaiveDate>,
    /// 备注.
    pub remark: String,
    /// Cancelled unless paid by then.
    pub pay_deadline: Option<NaiveDateTime>,
    /// The contract agreed.
    pub contract_id: i64,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// What the list's search matches.
    pub search_text: String,
    /// Placed.
    pub created_at: NaiveDateTime,
    /// Paid.
    pub paid_at: Option<NaiveDateTime>,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// Cash owed back after a paid order was cancelled.
    pub refund_due_fen: i64,
}

impl OrderRow {
    /// Its status.
    pub fn status(&self) -> Result<OrderStatus, StoreError> {
        OrderStatus::from_db(&self.status)
    }

    /// Its payment status.
    pub fn payment_status(&self) -> Result<PaymentStatus, StoreError> {
        PaymentStatus::from_db(&self.payment_status)
    }

    /// How the rest is paid.
    pub fn payment_method(&self) -> Result<PaymentMethod, StoreError> {
        PaymentMethod::from_db(&self.payment_method)
    }
}

/// Order `id`.
pub fn get(conn: &mut DbConn, id: i64) -> Result<OrderRow, StoreError> {
    Ok(orders::table.find(id).select(OrderRow::as_select()).first(conn)?)
}

/// Order `id`, after taking its row lock (PostgreSQL; SQLite's write transaction is the lock).
pub fn lock(conn: &mut DbConn, id: i64) -> Result<OrderRow, StoreError> {
    let locked = diesel::update(orders::table.find(id))
        .set(orders::updated_at.eq(orders::updated_at))
        .execute(conn)?;
    if locked == 0 {
        return Err(StoreError::NotFound);
    }
    get(conn, id)
}

/// Holds the order's coupon, 零钱 and credit through the ledger core (in the caller's
/// transaction): refused with the checkout field of the source that is short or unusable
/// (`coupon_id`, `rebate_amount`, `use_credit`) and what the ledger said.
pub fn hold_sources(conn: &mut DbConn, order: &OrderRow) -> Result<(), (&'static str, LedgerError)> {
    if let Some(coupon_id) = order.coupon_id {
        coupons::hold(conn, order.company_id, coupon_id, &order.order_no).map_err(|e| ("coupon_id", e))?;
    }
    if order.rebate_fen > 0 {
        let account = ledger::account(conn, AccountKey::rebate(order.company_id))
            .map_err(|e| ("rebate_amount", e.into()))?;
        ledger::hold(
            conn,
            account.id,
            &order.order_no,
            Fen(order.rebate_fen),
            Some(order.placed_by),
        )
        .map_err(|e| ("rebate_amount", e))?;
    }
    if order.credit_fen > 0 {
        credit::hold(conn, order.company_id, &order.order_no, Fen(order.credit_fen))
            .map_err(|e| ("use_credit", e))?;
    }
    Ok(())
}

/// Resolves every hold of the order the same way: captured (paid) or released (cancelled).
fn resolve_sources(
    conn: &mut DbConn,
    order: &OrderRow,
    target: HoldState,
    actor_id: Option<i64>,
) -> Result<(), LedgerError> {
    if let Some(coupon_id) = order.coupon_id {
        coupons::resolve(conn, order.company_id, coupon_id, &order.order_no, target)?;
    }
    for (amount, key) in [
        (order.rebate_fen, AccountKey::rebate(order.company_id)),
        (order.credit_fen, AccountKey::credit(order.company_id)),
    ] {
        if amount > 0 {
            let account = ledger::find_account(conn, key)?.ok_or(StoreError::NotFound)?;
            ledger::resolve(conn, account.id, &order.order_no, target, actor_id)?;
        }
    }
    Ok(())
}

/// Gives a paid order's spends back to their sources, each as a 退款 entry (once per order), and
/// answers the cash owed back: what was paid by transfer or online, and what the company had
/// already repaid of its credit spend ([`credit::refund`]).
fn refund_sources(conn: &mut DbConn, order: &OrderRow, actor_id: Option<i64>) -> Result<Fen, LedgerError> {
    let op_key = format!("refund:{}", order.order_no);
    let reason = format!("订单 {} 取消退款", order.order_no);
    let refund = |conn: &mut DbConn, key: AccountKey, amount: i64| -> Result<(), LedgerError> {
        let account = ledger::find_account(conn, key)?.ok_or(StoreError::NotFound)?;
        ledger::post(
            conn,
            account.id,
            Posting {
                kind: EntryKind::Refund,
                amount: Fen(amount),
                op_key: &op_key,
                reference: Some(&order.order_no),
                reason: Some(&reason),
                actor_id,
            },
        )?;
        Ok(())
    };
    give_coupon_back(conn, order, &op_key, &reason, actor_id)?;
    if order.rebate_fen > 0 {
        refund(conn, AccountKey::rebate(order.company_id), order.rebate_fen)?;
    }
    let mut cash = Fen(order.payable_fen);
    if order.credit_fen > 0 {
        let refunded = credit::refund(
            conn,
            order.company_id,
            &order.order_no,
            Fen(order.credit_fen),
            (&op_key, &reason, actor_id),
        )?;
        cash = Fen(cash.0 + refunded.repaid_in_cash.0);
    }
    Ok(cash)
}

/// Gives a refunded order's coupon back whole and unused (its whole face value was captured), as
/// a 退款 entry under `op_key` (once); nothing without a coupon.
pub(crate) fn give_coupon_back(
    conn: &mut DbConn,
    order: &OrderRow,
    op_key: &str,
    reason: &str,
    actor_id: Option<i64>,
) -> Result<(), LedgerError> {
    let Some(coupon_id) = order.coupon_id else {
        return Ok(());
    };
    let key = AccountKey::coupon(order.company_id, coupon_id);
    if let Some(account) = ledger::find_account(conn, key)? {
        let captured = ledger::captured_amount(conn, account.id, &order.order_no)?;
        if captured > 0 {
            ledger::post(
                conn,
                account.id,
                Posting {
                    kind: EntryKind::Refund,
                    amount: Fen(captured),
                    op_key,
                    reference: Some(&order.order_no),
                    reason: Some(reason),
                    actor_id,
                },
            )?;
        }
    }
    diesel::update(
        coupon_rows::table
            .find(coupon_id)
            .filter(coupon_rows::order_no.eq(&order.order_no)),
    )
    .set((
        coupon_rows::used_at.eq(None::<NaiveDateTime>),
        coupon_rows::order_no.eq(None::<String>),
    ))
    .execute(conn)
    .map_err(StoreError::from)?;
    Ok(())
}

/// Why an order change was refused.
#[derive(Debug, thiserror::Error)]
pub enum OrderChangeError {
    /// The order is not in a state that allows it; says what it is.
    #[error("{0}")]
    State(String),
    /// The ledger refused (a source short or unusable).
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for OrderChangeError {
    fn from(error: diesel::result::Error) -> Self {
        OrderChangeError::Store(error.into())
    }
}

fn moved_on(order_no: &str) -> OrderChangeError {
    OrderChangeError::State(format!(
        "order {order_no} is no longer in a state that allows this"
    ))
}

/// Marks an unpaid order paid (处理中 / 已付款) and captures its holds: the checkout when paid in
/// full by coupon, 零钱 and credit, a confirmed transfer, or (later) an online payment. Once: a
/// second call finds the order paid and is refused.
pub fn mark_paid(
    conn: &mut DbConn,
    order_id: i64,
    actor_id: Option<i64>,
    detail: &str,
) -> Result<OrderRow, OrderChangeError> {
    let order = get(conn, order_id)?;
    pay(conn, &order, actor_id, detail)?;
    Ok(get(conn, order_id)?)
}

/// [`mark_paid`] for an order whose row the caller just read (checkout: the order it placed in
/// this transaction), without reading it again.
pub fn pay(
    conn: &mut DbConn,
    order: &OrderRow,
    actor_id: Option<i64>,
    detail: &str,
) -> Result<(), OrderChangeError> {
    let at = now();
    let changed = diesel::update(
        orders::table
            .find(order.id)
            .filter(orders::status.eq(OrderStatus::PendingPayment.as_db()))
            .filter(orders::payment_status.eq_any([
                PaymentStatus::Unpaid.as_db(),
                PaymentStatus::AwaitingConfirmation.as_db(),
            ])),
    )
    .set((
        orders::status.eq(OrderStatus::Processing.as_db()),
        orders::payment_status.eq(PaymentStatus::Paid.as_db()),
        orders::paid_at.eq(at),
        orders::pay_deadline.eq(None::<NaiveDateTime>),
        orders::updated_at.eq(at),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(moved_on(&order.order_no));
    }
    resolve_sources(conn, order, HoldState::Captured, actor_id)?;
    record_event(conn, order.id, "paid", actor_id, detail)?;
    Ok(())
}

/// Who cancels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelledBy {
    /// The buyer's company (an unpaid order with no transfer waiting).
    Buyer(i64),
    /// The operator: an unpaid order's holds are released, a paid one's spends refunded.
    Operator(i64),
    /// The payment deadline (the timeout job).
    Deadline,
}

/// Cancels the order (已取消) at `at`: releases its holds, or refunds a paid order's spends to
/// their sources. Once: a second cancel, or one racing a payment, finds the order moved on. The
/// deadline's cancel applies only to an order past its deadline at `at`.
pub fn cancel(
    conn: &mut DbConn,
    order_id: i64,
    by: CancelledBy,
    reason: &str,
    at: NaiveDateTime,
) -> Result<OrderRow, OrderChangeError> {
    let order = get(conn, order_id)?;
    let target = orders::table.find(order_id);
    let (statuses, payments): (&[OrderStatus], &[PaymentStatus]) = match by {
        CancelledBy::Buyer(_) | CancelledBy::Deadline => {
            (&[OrderStatus::PendingPayment], &[PaymentStatus::Unpaid])
        }
        CancelledBy::Operator(_) => (
            &[
                OrderStatus::PendingPayment,
                OrderStatus::Processing,
                OrderStatus::Delivered,
            ],
            &[
                PaymentStatus::Unpaid,
                PaymentStatus::AwaitingConfirmation,
                PaymentStatus::Paid,
            ],
        ),
    };
    let mut query = diesel::update(target)
        .filter(orders::status.eq_any(statuses.iter().map(|s| s.as_db()).collect::<Vec<_>>()))
        .filter(orders::payment_status.eq_any(payments.iter().map(|s| s.as_db()).collect::<Vec<_>>()))
        .into_boxed();
    if by == CancelledBy::Deadline {
        query = query.filter(orders::pay_deadline.le(at));
    }
    let paid = order.payment_status()? == PaymentStatus::Paid;
    if paid && super::line_refunds::any(conn, order_id)? {
        return Err(OrderChangeError::State(format!(
            "order {} has refunded lines: refund its other lines one by one",
            order.order_no
        )));
    }
    let payment_after = if paid {
        PaymentStatus::Refunded
    } else {
        PaymentStatus::Unpaid
    };
    // The state the refund or release is computed from must be the one the update changes (and
    // no line may have been refunded meanwhile).
    let changed = query
        .filter(orders::payment_status.eq(&order.payment_status))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            order_line_refunds::table.filter(order_line_refunds::order_id.eq(order_id)),
        )))
        .set((
            orders::status.eq(OrderStatus::Cancelled.as_db()),
            orders::payment_status.eq(payment_after.as_db()),
            orders::cancel_reason.eq(reason),
            orders::pay_deadline.eq(None::<NaiveDateTime>),
            orders::updated_at.eq(at),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(moved_on(&order.order_no));
    }
    let actor = match by {
        CancelledBy::Buyer(id) | CancelledBy::Operator(id) => Some(id),
        CancelledBy::Deadline => None,
    };
    // The cancel first in the timeline, then what it gave back or owes.
    let kind = if by == CancelledBy::Deadline {
        "timed_out"
    } else {
        "cancelled"
    };
    record_event(conn, order_id, kind, actor, reason)?;
    if paid {
        crate::orders::invoices::void_for_refund(conn, order_id, "订单已取消", actor)?;
        let cash = refund_sources(conn, &order, actor)?;
        if cash.0 > 0 {
            diesel::update(orders::table.find(order_id))
                .set(orders::refund_due_fen.eq(cash.0))
                .execute(conn)?;
            record_event(conn, order_id, "refund_due", actor, &format!("应退现金 {cash}"))?;
        }
    } else {
        resolve_sources(conn, &order, HoldState::Released, actor)?;
        // A transfer waiting for review is void with its order.
        crate::orders::transfers::void_pending(conn, order_id)?;
    }
    Ok(get(conn, order_id)?)
}

/// Unpaid orders past their deadline at `at` (no transfer waiting), oldest first: what the
/// timeout job cancels.
pub fn due_for_timeout(conn: &mut DbConn, at: NaiveDateTime, limit: i64) -> Result<Vec<i64>, StoreError> {
    Ok(orders::table
        .filter(orders::status.eq(OrderStatus::PendingPayment.as_db()))
        .filter(orders::payment_status.eq(PaymentStatus::Unpaid.as_db()))
        .filter(orders::pay_deadline.le(at))
        .order(orders::pay_deadline)
        .select(orders::id)
        .limit(limit)
        .load(conn)?)
}

/// Delivers line `line_id` of a paid order (交付内容); when every line is delivered the order is
/// 已交付. A line delivered again gets the new content (a corrected serial number).
pub fn deliver_line(
    conn: &mut DbConn,
    order_id: i64,
    line_id: i64,
    content: &str,
    actor_id: i64,
) -> Result<OrderRow, OrderChangeError> {
    let order = lock(conn, order_id)?;
    if !rc_domain::orders::may_deliver(order.status()?) {
        return Err(moved_on(&order.order_no));
    }
    let refunded = refunded_lines(conn, order_id)?;
    if refunded.contains(&line_id) {
        return Err(OrderChangeError::State(format!(
            "this line of order {} was refunded: it is not delivered",
            order.order_no
        )));
    }
    let at = now();
    let updated = diesel::update(
        order_lines::table
            .find(line_id)
            .filter(order_lines::order_id.eq(order_id)),
    )
    .set((
        order_lines::delivery.eq(content),
        order_lines::delivered_at.eq(at),
        order_lines::delivered_by.eq(actor_id),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Err(StoreError::NotFound.into());
    }
    let (position, name): (i32, String) = order_lines::table
        .find(line_id)
        .select((order_lines::position, order_lines::plan_name))
        .first(conn)?;
    record_event(
        conn,
        order_id,
        "line_delivered",
        Some(actor_id),
        &format!("{position}. {name}"),
    )?;
    let undelivered: Vec<i64> = order_lines::table
        .filter(order_lines::order_id.eq(order_id))
        .filter(order_lines::delivered_at.is_null())
        .select(order_lines::id)
        .load(conn)?;
    if undelivered.iter().all(|id| refunded.contains(id)) {
        diesel::update(orders::table.find(order_id))
            .set((
                orders::status.eq(OrderStatus::Delivered.as_db()),
                orders::updated_at.eq(at),
            ))
            .execute(conn)?;
        record_event(conn, order_id, "delivered", Some(actor_id), "")?;
    }
    Ok(get(conn, order_id)?)
}

/// The refunded lines of order `order_id` (never delivered any more).
fn refunded_lines(conn: &mut DbConn, order_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(order_line_refunds::table
        .filter(order_line_refunds::order_id.eq(order_id))
        .select(order_line_refunds::line_id)
        .load(conn)?)
}

/// Completes a delivered order (已完成).
pub fn complete(conn: &mut DbConn, order_id: i64, actor_id: i64) -> Result<OrderRow, OrderChangeError> {
    let order = get(conn, order_id)?;
    let changed = diesel::update(
        orders::table
            .find(order_id)
            .filter(orders::status.eq(OrderStatus::Delivered.as_db())),
    )
    .set((
        orders::status.eq(OrderStatus::Completed.as_db()),
        orders::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(moved_on(&order.order_no));
    }
    record_event(conn, order_id, "completed", Some(actor_id), "")?;
    Ok(get(conn, order_id)?)
}

/// Records that finance paid a cancelled order's cash refund back (退款已付, with the payout's
/// bank reference), once: refused unless cash is owed and not yet paid.
pub fn settle_refund(
    conn: &mut DbConn,
    order_id: i64,
    reference: &str,
    actor_id: i64,
) -> Result<(), OrderChangeError> {
    let order = lock(conn, order_id)?;
    let paid = refund_payout(conn, order_id)?;
    if order.refund_due_fen == 0 || paid.is_some() {
        return Err(OrderChangeError::State(format!(
            "order {} owes no cash refund (none due, or paid already)",
            order.order_no
        )));
    }
    diesel::insert_into(order_refund_payouts::table)
        .values((
            order_refund_payouts::order_id.eq(order_id),
            order_refund_payouts::amount_fen.eq(order.refund_due_fen),
            order_refund_payouts::reference.eq(reference),
            order_refund_payouts::paid_by.eq(actor_id),
            order_refund_payouts::paid_at.eq(now()),
        ))
        .execute(conn)?;
    record_event(
        conn,
        order_id,
        "refund_paid",
        Some(actor_id),
        &format!("{} {reference}", Fen(order.refund_due_fen)),
    )?;
    Ok(())
}

/// Who cancelled order `order_id` (none for the payment deadline).
pub fn cancelled_by(conn: &mut DbConn, order_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(order_events::table
        .filter(order_events::order_id.eq(order_id))
        .filter(order_events::kind.eq("cancelled"))
        .order(order_events::id.desc())
        .select(order_events::actor_id)
        .first::<Option<i64>>(conn)
        .optional()?
        .flatten())
}

/// When the order's cash refund was paid back, and the payout's reference.
pub fn refund_payout(
    conn: &mut DbConn,
    order_id: i64,
) -> Result<Option<(NaiveDateTime, String)>, StoreError> {
    Ok(order_refund_payouts::table
        .find(order_id)
        .select((order_refund_payouts::paid_at, order_refund_payouts::reference))
        .first(conn)
        .optional()?)
}

/// 蓝云信用支付: pays what is left of an unpaid online order from the company's credit line —
/// the rest moves onto the credit line (a hold captured at once, the order 已付款). Refused when
/// the order already spends credit (one credit hold per order: the rest is paid at a gateway),
/// when the line is short or on hold. Call in a write transaction.
pub fn pay_by_credit(conn: &mut DbConn, order_id: i64, actor_id: i64) -> Result<OrderRow, OrderChangeError> {
    let order = lock(conn, order_id)?;
    let waiting = order.status()? == OrderStatus::PendingPayment
        && order.payment_status()? == PaymentStatus::Unpaid
        && order.payment_method()? == PaymentMethod::Online
        && order.payable_fen > 0;
    if !waiting {
        return Err(moved_on(&order.order_no));
    }
    if order.credit_fen > 0 {
        return Err(OrderChangeError::State(format!(
            "order {} already spends credit; pay the rest with Alipay or UnionPay",
            order.order_no
        )));
    }
    let amount = Fen(order.payable_fen);
    credit::hold(conn, order.company_id, &order.order_no, amount)?;
    diesel::update(orders::table.find(order_id))
        .set((orders::credit_fen.eq(amount.0), orders::payable_fen.eq(0)))
        .execute(conn)?;
    let moved = get(conn, order_id)?;
    pay(conn, &moved, Some(actor_id), &format!("蓝云信用支付 {amount}"))?;
    Ok(get(conn, order_id)?)
}

//! 线下支付: bank transfers the buyer reports for an unpaid offline order, and the finance staff's
//! review — confirmed (the order is paid, its holds captured) or rejected with a reason (the buyer
//! may report again before the order's deadline). At most one transfer waits per order.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::orders::deadline_after_rejection;
use rc_types::orders::{OrderStatus, PaymentStatus, Transfer};

use super::lifecycle::{self, OrderChangeError, OrderRow};
use super::record_event;
use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::{order_transfers, orders};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = order_transfers)]
struct TransferRow {
    id: i64,
    order_id: i64,
    payer_name: String,
    bank: String,
    account: String,
    amount_fen: i64,
    transfer_date: NaiveDate,
    reference: String,
    receipt_key: Option<String>,
    status: String,
    reject_reason: Option<String>,
    created_at: NaiveDateTime,
}

impl TransferRow {
    fn into_api(self) -> Transfer {
        Transfer {
            receipt_url: self
                .receipt_key
                .as_ref()
                .map(|_| format!("/api/v1/orders/{}/transfers/{}/receipt", self.order_id, self.id)),
            id: self.id,
            payer_name: self.payer_name,
            bank: self.bank,
            account: self.account,
            amount: Fen(self.amount_fen).to_money(),
            transfer_date: self.transfer_date,
            reference: self.reference,
            status: self.status,
            reject_reason: self.reject_reason,
            created_at: self.created_at.and_utc(),
        }
    }
}

/// The order's transfers, newest first.
pub fn of_order(conn: &mut DbConn, order_id: i64) -> Result<Vec<Transfer>, StoreError> {
    Ok(order_transfers::table
        .filter(order_transfers::order_id.eq(order_id))
        .order(order_transfers::id.desc())
        .select(TransferRow::as_select())
        .load(conn)?
        .into_iter()
        .map(TransferRow::into_api)
        .collect())
}

/// A reported transfer to store.
#[derive(Debug, Clone, Copy)]
pub struct NewTransfer<'a> {
    /// Who reports it.
    pub submitted_by: i64,
    /// 付款人.
    pub payer_name: &'a str,
    /// 付款银行.
    pub bank: &'a str,
    /// 付款账号.
    pub account: &'a str,
    /// 转账金额.
    pub amount: Fen,
    /// 转账日期.
    pub transfer_date: NaiveDate,
    /// 流水号.
    pub reference: &'a str,
    /// The stored receipt image: storage key and content type.
    pub receipt: Option<(&'a str, &'a str)>,
}

/// Records a reported transfer for an unpaid offline order (付款状态 → 待确认): refused unless the
/// amount is the order's 应付总额, the order is unpaid, offline and before its deadline at `at`.
pub fn submit(
    conn: &mut DbConn,
    order_id: i64,
    new: &NewTransfer<'_>,
    at: NaiveDateTime,
) -> Result<Transfer, OrderChangeError> {
    let order = lifecycle::lock(conn, order_id)?;
    let open = order.status()? == OrderStatus::PendingPayment
        && order.payment_status()? == PaymentStatus::Unpaid
        && order.payment_method()? == rc_types::checkout::PaymentMethod::Offline
        && order.pay_deadline.is_some_and(|d| d > at);
    if !open {
        return Err(OrderChangeError::State(format!(
            "order {} does not wait for a bank transfer",
            order.order_no
        )));
    }
    if new.amount.0 != order.payable_fen {
        return Err(StoreError::Invalid {
            field: "amount",
            message: format!(
                "the transfer must be the amount payable, {}",
                Fen(order.payable_fen)
            ),
        }
        .into());
    }
    let id: i64 = diesel::insert_into(order_transfers::table)
        .values((
            order_transfers::order_id.eq(order_id),
            order_transfers::submitted_by.eq(new.submitted_by),
            order_transfers::payer_name.eq(new.payer_name),
            order_transfers::bank.eq(new.bank),
            order_transfers::account.eq(new.account),
            order_transfers::amount_fen.eq(new.amount.0),
            order_transfers::transfer_date.eq(new.transfer_date),
            order_transfers::reference.eq(new.reference),
            order_transfers::receipt_key.eq(new.receipt.map(|(key, _)| key)),
            order_transfers::receipt_type.eq(new.receipt.map(|(_, kind)| kind)),
            order_transfers::status.eq("pending"),
            order_transfers::created_at.eq(at),
        ))
        .returning(order_transfers::id)
        .get_result(conn)?;
    diesel::update(orders::table.find(order_id))
        .set((
            orders::payment_status.eq(PaymentStatus::AwaitingConfirmation.as_db()),
            orders::updated_at.eq(at),
        ))
        .execute(conn)?;
    record_event(
        conn,
        order_id,
        "transfer_submitted",
        Some(new.submitted_by),
        &format!("{} {} {}", new.bank, new.reference, new.amount),
    )?;
    Ok(order_transfers::table
        .find(id)
        .select(TransferRow::as_select())
        .first(conn)?
        .into_api())
}

fn pending(conn: &mut DbConn, order_id: i64, transfer_id: i64) -> Result<TransferRow, OrderChangeError> {
    order_transfers::table
        .find(transfer_id)
        .filter(order_transfers::order_id.eq(order_id))
        .select(TransferRow::as_select())
        .first(conn)
        .optional()?
        .filter(|t| t.status == "pending")
        .ok_or_else(|| OrderChangeError::State(format!("transfer {transfer_id} does not wait for review")))
}

fn review(
    conn: &mut DbConn,
    transfer_id: i64,
    status: &str,
    reason: Option<&str>,
    actor_id: i64,
) -> Result<(), StoreError> {
    diesel::update(
        order_transfers::table
            .find(transfer_id)
            .filter(order_transfers::status.eq("pending")),
    )
    .set((
        order_transfers::status.eq(status),
        order_transfers::reject_reason.eq(reason),
        order_transfers::reviewed_by.eq(actor_id),
        order_transfers::reviewed_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(())
}

/// Confirms a waiting transfer: the order is paid (处理中 / 已付款) and its holds captured.
pub fn confirm(
    conn: &mut DbConn,
    order_id: i64,
    transfer_id: i64,
    actor_id: i64,
) -> Result<OrderRow, OrderChangeError> {
    lifecycle::lock(conn, order_id)?;
    let transfer = pending(conn, order_id, transfer_id)?;
    review(conn, transfer_id, "confirmed", None, actor_id)?;
    lifecycle::mark_paid(
        conn,
        order_id,
        Some(actor_id),
        &format!("线下转账 {} {}", transfer.reference, Fen(transfer.amount_fen)),
    )
}

/// Rejects a waiting transfer with a reason: the order is unpaid again and the buyer may report
/// a new transfer until the deadline (at least an hour after `at`).
pub fn reject(
    conn: &mut DbConn,
    order_id: i64,
    transfer_id: i64,
    reason: &str,
    actor_id: i64,
    at: NaiveDateTime,
) -> Result<OrderRow, OrderChangeError> {
    let order = lifecycle::lock(conn, order_id)?;
    pending(conn, order_id, transfer_id)?;
    review(conn, transfer_id, "rejected", Some(reason), actor_id)?;
    let deadline = order
        .pay_deadline
        .map(|d| deadline_after_rejection(d.and_utc(), at.and_utc()).naive_utc());
    diesel::update(
        orders::table
            .find(order_id)
            .filter(orders::payment_status.eq(PaymentStatus::AwaitingConfirmation.as_db())),
    )
    .set((
        orders::payment_status.eq(PaymentStatus::Unpaid.as_db()),
        orders::pay_deadline.eq(deadline),
        orders::updated_at.eq(at),
    ))
    .execute(conn)?;
    record_event(conn, order_id, "transfer_rejected", Some(actor_id), reason)?;
    Ok(lifecycle::get(conn, order_id)?)
}

/// Voids a waiting transfer of a cancelled order.
pub(crate) fn void_pending(conn: &mut DbConn, order_id: i64) -> Result<(), StoreError> {
    diesel::update(
        order_transfers::table
            .filter(order_transfers::order_id.eq(order_id))
            .filter(order_transfers::status.eq("pending")),
    )
    .set((
        order_transfers::status.eq("rejected"),
        order_transfers::reject_reason.eq("订单已取消"),
        order_transfers::reviewed_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(())
}

/// The stored receipt of transfer `transfer_id` of order `order_id`: storage key and content type.
pub fn receipt(conn: &mut DbConn, order_id: i64, transfer_id: i64) -> Result<(String, String), StoreError> {
    let (key, kind): (Option<String>, Option<String>) = order_transfers::table
        .find(transfer_id)
        .filter(order_transfers::order_id.eq(order_id))
        .select((order_transfers::receipt_key, order_transfers::receipt_type))
        .first(conn)?;
    key.zip(kind).ok_or(StoreError::NotFound)
}

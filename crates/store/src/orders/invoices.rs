//! Invoice requests (申请开票) on paid orders: the buyer fills in the title and tax details, the
//! operator issues the invoice (number and date) or rejects the request with a reason. One live
//! (requested or issued) request per order; after a rejection the buyer may ask again.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::orders::may_request_invoice;
use rc_types::orders::{Invoice, InvoiceInput};
use rc_types::{Page, PageQuery};

use super::lifecycle::{self, OrderChangeError};
use super::record_event;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::paging;
use crate::schema::{invoices, orders};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invoices)]
struct InvoiceRow {
    id: i64,
    order_id: i64,
    title: String,
    tax_number: String,
    address_phone: String,
    bank_account: String,
    email: String,
    amount_fen: i64,
    status: String,
    invoice_no: Option<String>,
    issued_on: Option<NaiveDate>,
    reject_reason: Option<String>,
    pdf_key: Option<String>,
    created_at: NaiveDateTime,
}

fn to_api((row, order_no): (InvoiceRow, String)) -> Invoice {
    Invoice {
        id: row.id,
        order_id: row.order_id,
        order_no,
        request: InvoiceInput {
            title: row.title,
            tax_number: row.tax_number,
            address_phone: row.address_phone,
            bank_account: row.bank_account,
            email: row.email,
        },
        amount: Fen(row.amount_fen).to_money(),
        status: row.status,
        invoice_no: row.invoice_no,
        issued_on: row.issued_on,
        reject_reason: row.reject_reason,
        pdf_url: row
            .pdf_key
            .map(|_| format!("/api/v1/orders/{}/invoices/{}/pdf", row.order_id, row.id)),
        created_at: row.created_at.and_utc(),
    }
}

/// The order's invoice requests, newest first.
pub fn of_order(conn: &mut DbConn, order_id: i64) -> Result<Vec<Invoice>, StoreError> {
    Ok(invoices::table
        .inner_join(orders::table)
        .filter(invoices::order_id.eq(order_id))
        .order(invoices::id.desc())
        .select((InvoiceRow::as_select(), orders::order_no))
        .load(conn)?
        .into_iter()
        .map(to_api)
        .collect())
}

/// Requests an invoice for paid order `order_id` for its 实收金额.
pub fn request(
    conn: &mut DbConn,
    order_id: i64,
    user_id: i64,
    input: &InvoiceInput,
) -> Result<Invoice, OrderChangeError> {
    let order = lifecycle::lock(conn, order_id)?;
    if !may_request_invoice(order.status()?, order.payment_status()?) {
        return Err(OrderChangeError::State(
            "an invoice can only be requested for a paid order".to_owned(),
        ));
    }
    // What was paid in money (credit and cash), less what refunded lines gave back of it.
    let refunded: i64 = super::line_refunds::of_order(conn, order_id)?
        .iter()
        .map(|r| r.credit_fen + r.cash_fen)
        .sum();
    let amount = order.credit_fen + order.payable_fen - refunded;
    let inserted = diesel::insert_into(invoices::table)
        .values((
            invoices::order_id.eq(order_id),
            invoices::requested_by.eq(user_id),
            invoices::title.eq(input.title.trim()),
            invoices::tax_number.eq(input.tax_number.trim()),
            invoices::address_phone.eq(input.address_phone.trim()),
            invoices::bank_account.eq(input.bank_account.trim()),
            invoices::email.eq(input.email.trim()),
            invoices::amount_fen.eq(amount),
            invoices::status.eq("requested"),
            invoices::created_at.eq(now()),
        ))
        .returning(invoices::id)
        .get_result::<i64>(conn);
    let id = match inserted {
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            return Err(OrderChangeError::State(
                "an invoice has already been requested for this order".to_owned(),
            ));
        }
        other => other.map_err(StoreError::from)?,
    };
    record_event(
        conn,
        order_id,
        "invoice_requested",
        Some(user_id),
        input.title.trim(),
    )?;
    Ok(get(conn, id)?)
}

/// Invoice request `id`.
pub fn get(conn: &mut DbConn, id: i64) -> Result<Invoice, StoreError> {
    Ok(to_api(
        invoices::table
            .inner_join(orders::table)
            .filter(invoices::id.eq(id))
            .select((InvoiceRow::as_select(), orders::order_no))
            .first(conn)?,
    ))
}

/// The operator's invoice queue: requests with `status` (all when None), oldest first.
pub fn queue(
    conn: &mut DbConn,
    status: Option<&str>,
    paging: PageQuery,
) -> Result<Page<Invoice>, StoreError> {
    let filtered = || {
        let mut query = invoices::table.inner_join(orders::table).into_boxed();
        if let Some(status) = status {
            query = query.filter(invoices::status.eq(status.to_owned()));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(invoices::id)
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select((InvoiceRow::as_select(), orders::order_no))
        .load(conn)?;
    Ok(paging::page(
        rows.into_iter().map(to_api).collect(),
        total,
        paging,
    ))
}

/// Issues (invoice number and date) or rejects (reason) a requested invoice, once.
pub fn decide(
    conn: &mut DbConn,
    id: i64,
    outcome: Result<(&str, NaiveDate), &str>,
    actor_id: i64,
) -> Result<Invoice, OrderChangeError> {
    let invoice = get(conn, id)?;
    if outcome.is_ok() {
        // Issued only for an order still paid: its lock orders this after a concurrent cancel,
        // which rejects the open request itself.
        let order = lifecycle::lock(conn, invoice.order_id)?;
        if !may_request_invoice(order.status()?, order.payment_status()?) {
            return Err(OrderChangeError::State(format!(
                "order {} is no longer paid: the invoice cannot be issued",
                order.order_no
            )));
        }
    }
    let target = invoices::table.find(id).filter(invoices::status.eq("requested"));
    let at = now();
    let changed = match outcome {
        Ok((number, date)) => diesel::update(target)
            .set((
                invoices::status.eq("issued"),
                invoices::invoice_no.eq(number),
                invoices::issued_on.eq(date),
                invoices::reviewed_by.eq(actor_id),
                invoices::reviewed_at.eq(at),
            ))
            .execute(conn)?,
        Err(reason) => diesel::update(target)
            .set((
                invoices::status.eq("rejected"),
                invoices::reject_reason.eq(reason),
                invoices::reviewed_by.eq(actor_id),
                invoices::reviewed_at.eq(at),
            ))
            .execute(conn)?,
    };
    if changed == 0 {
        return Err(OrderChangeError::State(format!(
            "invoice request {id} was decided already"
        )));
    }
    let (kind, detail) = match outcome {
        Ok((number, _)) => ("invoice_issued", number),
        Err(reason) => ("invoice_rejected", reason),
    };
    record_event(conn, invoice.order_id, kind, Some(actor_id), detail)?;
    Ok(get(conn, id)?)
}

/// The order was cancelled and refunded, in the caller's transaction: its open invoice request is
/// rejected, and an issued invoice becomes `reversed` (作废, for finance to issue the red-letter
/// invoice), both with `reason`.
pub fn void_for_refund(
    conn: &mut DbConn,
    order_id: i64,
    reason: &str,
    actor_id: Option<i64>,
) -> Result<(), StoreError> {
    let reversed = diesel::update(
        invoices::table
            .filter(invoices::order_id.eq(order_id))
            .filter(invoices::status.eq("issued")),
    )
    .set((
        invoices::status.eq("reversed"),
        invoices::reject_reason.eq(reason),
    ))
    .execute(conn)?;
    if reversed > 0 {
        record_event(conn, order_id, "invoice_reversed", actor_id, reason)?;
    }
    let rejected = diesel::update(
        invoices::table
            .filter(invoices::order_id.eq(order_id))
            .filter(invoices::status.eq("requested")),
    )
    .set((
        invoices::status.eq("rejected"),
        invoices::reject_reason.eq(reason),
        invoices::reviewed_by.eq(actor_id),
        invoices::reviewed_at.eq(now()),
    ))
    .execute(conn)?;
    if rejected > 0 {
        record_event(conn, order_id, "invoice_rejected", actor_id, reason)?;
    }
    Ok(())
}

/// Attaches the PDF stored under `key` to issued invoice `id`; answers the key it replaces (for
/// the caller to delete). Refused unless the invoice is issued.
pub fn attach_pdf(
    conn: &mut DbConn,
    id: i64,
    key: &str,
) -> Result<(Invoice, Option<String>), OrderChangeError> {
    let previous: Option<String> = invoices::table
        .find(id)
        .select(invoices::pdf_key)
        .first(conn)
        .map_err(StoreError::from)?;
    let changed = diesel::update(invoices::table.find(id).filter(invoices::status.eq("issued")))
        .set(invoices::pdf_key.eq(key))
        .execute(conn)?;
    if changed == 0 {
        return Err(OrderChangeError::State(format!(
            "invoice request {id} is not issued: issue it first"
        )));
    }
    Ok((get(conn, id)?, previous))
}

/// The file-store key of the PDF of invoice `invoice_id` of order `order_id`.
pub fn pdf_key(conn: &mut DbConn, order_id: i64, invoice_id: i64) -> Result<String, StoreError> {
    let key: Option<String> = invoices::table
        .find(invoice_id)
        .filter(invoices::order_id.eq(order_id))
        .filter(invoices::status.eq_any(["issued", "reversed"]))
        .select(invoices::pdf_key)
        .first(conn)?;
    key.ok_or(StoreError::NotFound)
}

//! Reading orders: the list (§6.4.1) within a reader's scope and one order in full (§6.4.2).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::money::tax_rate_percent;
use rc_domain::orders::may_request_invoice;
use rc_types::accounts::CompanyKind;
use rc_types::checkout::PricedLine;
use rc_types::orders::{
    DeliveryStatus, LineRefund, LineReview, Order, OrderActions, OrderChannel, OrderCustomer, OrderLine,
    OrderQuery, OrderStatus, OrderSummary, PaymentStatus,
};
use rc_types::{Page, PageQuery};

use super::lifecycle::OrderRow;
use super::{events, plan_kind};
use crate::db::DbConn;
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::paging::{self, like_pattern};
use crate::schema::{
    companies, contracts, invoices, order_line_refunds, order_lines, order_transfers, orders, reviews, users,
};

/// Whose orders a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The operator's staff: every order.
    All,
    /// A company's admins and co-admins: the company's orders; a distributor's also its resellers'.
    Company {
        /// The company.
        id: i64,
        /// Whether it is a distributor (its resellers' orders are included).
        distributor: bool,
    },
    /// A member: the orders they placed.
    Placer(i64),
}

type Db = <DbConn as diesel::Connection>::Backend;

fn scoped(scope: Scope, query: &OrderQuery) -> orders::BoxedQuery<'static, Db> {
    let mut select = orders::table.into_boxed();
    select = match scope {
        Scope::All => match query.company_id {
            Some(company) => select.filter(orders::company_id.eq(company)),
            None => select,
        },
        Scope::Company {
            id,
            distributor: false,
        } => select.filter(orders::company_id.eq(id)),
        Scope::Company {
            id,
            distributor: true,
        } => {
            let children = companies::table
                .filter(companies::parent_id.eq(id))
                .select(companies::id);
            select.filter(orders::company_id.eq(id).or(orders::company_id.eq_any(children)))
        }
        Scope::Placer(user) => select.filter(orders::placed_by.eq(user)),
    };
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(
            orders::search_text
                .like(like_pattern(&q.to_lowercase()))
                .escape('\\'),
        );
    }
    if let Some(status) = query.status {
        select = select.filter(orders::status.eq(status.as_db()));
    }
    if query.awaiting_transfer == Some(true) {
        select = select.filter(orders::payment_status.eq(PaymentStatus::AwaitingConfirmation.as_db()));
    }
    select
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = order_lines)]
struct LineRow {
    id: i64,
    order_id: i64,
    plan_id: Option<i64>,
    solution_id: Option<i64>,
    solution_name: String,
    plan_name: String,
    sku_code: String,
    region: String,
    kind: String,
    tax_rate_bp: i32,
    quantity: i32,
    unit_price_fen: i64,
    total_fen: i64,
    delivery: Option<String>,
    delivered_at: Option<NaiveDateTime>,
}

impl LineRow {
    fn priced(&self) -> Result<PricedLine, StoreError> {
        Ok(PricedLine {
            plan_id: self.plan_id,
            solution_id: self.solution_id,
            solution_name: self.solution_name.clone(),
            plan_name: self.plan_name.clone(),
            sku_code: self.sku_code.clone(),
            region: self.region.clone(),
            kind: plan_kind(&self.kind)?,
            quantity: self.quantity,
            unit_price: Fen(self.unit_price_fen).to_money(),
            tax_rate: tax_rate_percent(self.tax_rate_bp),
            total: Fen(self.total_fen).to_money(),
        })
    }
}

fn lines_of(conn: &mut DbConn, order_ids: &[i64]) -> Result<Vec<LineRow>, StoreError> {
    Ok(order_lines::table
        .filter(order_lines::order_id.eq_any(order_ids))
        .order((order_lines::order_id, order_lines::position))
        .select(LineRow::as_select())
        .load(conn)?)
}

/// Which of orders `order_ids`' lines were refunded.
fn refunded_line_ids(conn: &mut DbConn, order_ids: &[i64]) -> Result<HashSet<i64>, StoreError> {
    Ok(order_line_refunds::table
        .filter(order_line_refunds::order_id.eq_any(order_ids))
        .select(order_line_refunds::line_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// 发货状态 over the lines not refunded (a refunded line is never delivered); over them all when
/// every line was refunded (what had been delivered).
fn delivery_status(lines: &[LineRow], refunded: &HashSet<i64>) -> DeliveryStatus {
    let mut live: Vec<&LineRow> = lines.iter().filter(|l| !refunded.contains(&l.id)).collect();
    if live.is_empty() {
        live = lines.iter().collect();
    }
    let delivered = live.iter().filter(|l| l.delivered_at.is_some()).count();
    match delivered {
        0 => DeliveryStatus::Pending,
        n if n == live.len() => DeliveryStatus::Shipped,
        _ => DeliveryStatus::Partial,
    }
}

/// Orders with an invoice requested or issued (no new request then).
fn invoiced(conn: &mut DbConn, order_ids: &[i64]) -> Result<HashSet<i64>, StoreError> {
    Ok(invoices::table
        .filter(invoices::order_id.eq_any(order_ids))
        .filter(invoices::status.eq_any(["requested", "issued"]))
        .select(invoices::order_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// The orders within `scope` matching `query`, newest first.
pub fn list(conn: &mut DbConn, scope: Scope, query: &OrderQuery) -> Result<Page<OrderSummary>, StoreError> {
    let paging = PageQuery::sized(query.page, query.per_page, 15);
    let total: i64 = scoped(scope, query).count().get_result(conn)?;
    let rows: Vec<(OrderRow, String, String, String)> = scoped(scope, query)
        .inner_join(companies::table)
        .inner_join(users::table)
        .inner_join(contracts::table.on(contracts::id.eq(orders::contract_id)))
        .order((orders::created_at.desc(), orders::id.desc()))
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select((
            OrderRow::as_select(),
            companies::name,
            users::email,
            contracts::number,
        ))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|(o, _, _, _)| o.id).collect();
    let mut lines: HashMap<i64, Vec<LineRow>> = HashMap::new();
    for line in lines_of(conn, &ids)? {
        lines.entry(line.order_id).or_default().push(line);
    }
    let invoiced = invoiced(conn, &ids)?;
    let refunded = refunded_line_ids(conn, &ids)?;
    let mut items = Vec::with_capacity(rows.len());
    for (order, channel_company, salesperson, contract_number) in rows {
        let lines = lines.remove(&order.id).unwrap_or_default();
        let (status, payment_status) = (order.status()?, order.payment_status()?);
        items.push(OrderSummary {
            id: order.id,
            can_request_invoice: may_request_invoice(status, payment_status) && !invoiced.contains(&order.id),
            order_no: order.order_no,
            customer_company: order.customer_company,
            region: order.region,
            created_at: order.created_at.and_utc(),
            delivery_status: delivery_status(&lines, &refunded),
            lines: lines.iter().map(LineRow::priced).collect::<Result<_, _>>()?,
            total: Fen(order.goods_total_fen).to_money(),
            channel_company,
            channel_company_id: order.company_id,
            contract_number,
            salesperson,
            status,
            payment_status,
            pay_deadline: order.pay_deadline.map(|d| d.and_utc()),
        });
    }
    Ok(paging::page(items, total, paging))
}

/// Where order `id`'s contract PDF is.
pub fn contract_url(id: i64) -> String {
    format!("/api/v1/orders/{id}/contract")
}

fn channel(conn: &mut DbConn, order: &OrderRow) -> Result<OrderChannel, StoreError> {
    let (company, kind, address): (String, Option<String>, String) = companies::table
        .find(order.company_id)
        .select((companies::name, companies::kind, companies::address))
        .first(conn)?;
    let (name, email, phone, role): (String, String, String, String) = users::table
        .find(order.placed_by)
        .select((users::name, users::email, users::phone, users::role))
        .first(conn)?;
    Ok(OrderChannel {
        kind: kind
            .as_deref()
            .map(CompanyKind::from_db)
            .transpose()?
            .unwrap_or(CompanyKind::Reseller),
        company_id: order.company_id,
        company,
        salesperson: name,
        email,
        phone,
        address,
        role: rc_types::accounts::Role::from_db(&role)?,
    })
}

/// The order's lines with their reviews; on a completed order a line without one can be reviewed.
fn with_reviews(
    conn: &mut DbConn,
    line_rows: &[LineRow],
    completed: bool,
) -> Result<Vec<OrderLine>, StoreError> {
    let line_ids: Vec<i64> = line_rows.iter().map(|l| l.id).collect();
    let reviewed: HashMap<i64, LineReview> = reviews::table
        .filter(reviews::order_line_id.eq_any(&line_ids))
        .select((
            reviews::order_line_id,
            reviews::rating,
            reviews::body,
            reviews::created_at,
        ))
        .load::<(Option<i64>, i32, String, NaiveDateTime)>(conn)?
        .into_iter()
        .filter_map(|(line, rating, body, at)| {
            line.map(|line| {
                (
                    line,
                    LineReview {
                        rating,
                        body,
                        created_at: at.and_utc(),
                    },
                )
            })
        })
        .collect();
    let mut lines = Vec::with_capacity(line_rows.len());
    for row in line_rows {
        let review = reviewed.get(&row.id).cloned();
        lines.push(OrderLine {
            id: row.id,
            priced: row.priced()?,
            delivery: row.delivery.clone(),
            delivered_at: row.delivered_at.map(|d| d.and_utc()),
            can_review: completed && review.is_none(),
            review,
            refund: None,
            refund_quote: None,
        });
    }
    Ok(lines)
}

/// Order `id`'s refunded lines by line id, as the wire shows them (`settle` unset: the caller
/// knows the reader).
fn line_refunds(conn: &mut DbConn, id: i64) -> Result<HashMap<i64, LineRefund>, StoreError> {
    let rows = super::line_refunds::of_order(conn, id)?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let gateway = crate::payments::refunds::of_line_refunds(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let shares = row.sources();
            let refund = LineRefund {
                given_back: shares.given_back().to_money(),
                coupon_forfeited: shares.coupon.to_money(),
                rebate: shares.rebate.to_money(),
                credit: shares.credit.to_money(),
                cash_due: Fen(row.cash_due_fen).to_money(),
                gateway: gateway.get(&row.id).copied(),
                paid_at: row.paid_at.map(|at| at.and_utc()),
                reference: row.payout_reference.clone(),
                reason: row.reason.clone(),
                refunded_at: row.created_at.and_utc(),
                settle: false,
            };
            (row.line_id, refund)
        })
        .collect())
}

/// Order `id` in full, with no actions set (the caller knows the reader); `None` when there is
/// no such order.
pub fn detail(conn: &mut DbConn, id: i64) -> Result<Option<Order>, StoreError> {
    let Some(order) = orders::table
        .find(id)
        .select(OrderRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let status = order.status()?;
    let payment_status = order.payment_status()?;
    let payout = super::lifecycle::refund_payout(conn, id)?;
    let line_rows = lines_of(conn, &[id])?;
    let refunds = line_refunds(conn, id)?;
    let refunded: HashSet<i64> = refunds.keys().copied().collect();
    let delivery_status = delivery_status(&line_rows, &refunded);
    let mut lines = with_reviews(conn, &line_rows, status == OrderStatus::Completed)?;
    for line in &mut lines {
        line.refund = refunds.get(&line.id).cloned();
        line.can_review &= line.refund.is_none();
    }
    let (contract_number, contract_sha256): (String, String) = contracts::table
        .find(order.contract_id)
        .select((contracts::number, contracts::sha256))
        .first(conn)?;
    let has_transfers: bool = diesel::select(diesel::dsl::exists(
        order_transfers::table.filter(order_transfers::order_id.eq(id)),
    ))
    .get_result(conn)?;
    let transfers = if has_transfers {
        super::transfers::of_order(conn, id)?
    } else {
        Vec::new()
    };
    let split_discount = order.coupon_discount_fen + order.rebate_fen;
    Ok(Some(Order {
        id,
        order_no: order.order_no.clone(),
        created_at: order.created_at.and_utc(),
        status,
        payment_status,
        delivery_status,
        payment_method: order.payment_method()?,
        total: Fen(order.goods_total_fen).to_money(),
        discount: Fen(split_discount).to_money(),
        received: Fen(order.goods_total_fen - split_discount).to_money(),
        credit_used: Fen(order.credit_fen).to_money(),
        rebate_used: Fen(order.rebate_fen).to_money(),
        coupon_discount: Fen(order.coupon_discount_fen).to_money(),
        coupon_code: order.coupon_code.clone(),
        payable: Fen(order.payable_fen).to_money(),
        expected_close_date: order.expected_close_date,
        remark: order.remark.clone(),
        pay_deadline: order.pay_deadline.map(|d| d.and_utc()),
        cancel_reason: order.cancel_reason.clone(),
        refund_due: Fen(order.refund_due_fen).to_money(),
        refund_paid_at: payout.as_ref().map(|(at, _)| at.and_utc()),
        refund_reference: payout.map(|(_, reference)| reference),
        customer: OrderCustomer {
            company: order.customer_company.clone(),
            name: order.customer_name.clone(),
            email: order.customer_email.clone(),
            phone: order.customer_phone.clone(),
            address: order.customer_address.clone(),
        },
        channel: channel(conn, &order)?,
        lines,
        events: events(conn, id)?,
        transfers,
        invoices: super::invoices::of_order(conn, id)?,
        contract_number,
        contract_sha256,
        contract_url: contract_url(id),
        actions: OrderActions::default(),
    }))
}

/// The company that owns order `id` and its parent distributor, and who placed it (for
/// authorization), or `None`.
pub fn owner(conn: &mut DbConn, id: i64) -> Result<Option<(i64, Option<i64>, i64)>, StoreError> {
    Ok(orders::table
        .inner_join(companies::table)
        .filter(orders::id.eq(id))
        .select((orders::company_id, companies::parent_id, orders::placed_by))
        .first(conn)
        .optional()?)
}

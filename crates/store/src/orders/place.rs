//! Writing a new order: its row with the number in the manual's style, the price snapshot of each
//! line, and its first timeline entry. The caller's transaction holds the sources and stores the
//! contract with it (`api/src/usecases/checkout.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use rc_domain::checkout::Split;
use rc_domain::orders::document_number;
use rc_types::checkout::PaymentMethod;
use rc_types::customers::Customer;
use rc_types::orders::{OrderStatus, PaymentStatus};

use super::{PricedItem, record_event};
use crate::db::DbConn;
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::{cart_lines, order_lines, orders, users};

/// How many later milliseconds are tried when a number is taken.
const NUMBER_ATTEMPTS: u32 = 1_000;

/// An order to write.
#[derive(Debug, Clone, Copy)]
pub struct NewOrder<'a> {
    /// The partner company buying.
    pub company_id: i64,
    /// The user placing it (销售).
    pub placed_by: i64,
    /// The end customer, as it is now (the order keeps a copy).
    pub customer: &'a Customer,
    /// The priced lines.
    pub items: &'a [PricedItem],
    /// The amount split among the sources.
    pub split: Split,
    /// The coupon used: id and code.
    pub coupon: Option<(i64, &'a str)>,
    /// How the rest is paid.
    pub payment_method: PaymentMethod,
    /// 预计结单日期.
    pub expected_close_date: Option<NaiveDate>,
    /// 备注.
    pub remark: &'a str,
    /// The contract agreed.
    pub contract_id: i64,
    /// When it is cancelled unless paid (None when paid in full at once).
    pub pay_deadline: Option<DateTime<Utc>>,
    /// Now.
    pub at: DateTime<Utc>,
}

/// The order written: its id and number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Order id.
    pub id: i64,
    /// 订单编号.
    pub order_no: String,
}

fn regions(items: &[PricedItem]) -> String {
    let mut regions: Vec<&str> = Vec::new();
    for item in items {
        if !regions.contains(&item.region.as_str()) {
            regions.push(&item.region);
        }
    }
    regions.join("、")
}

/// Writes the order as 待付款 / 未付款 with its lines and the `placed` event; the number is the
/// time in milliseconds, the next free millisecond when taken (each attempt in a savepoint, so a
/// taken number never aborts the caller's transaction).
pub fn insert(conn: &mut DbConn, new: &NewOrder<'_>) -> Result<Placed, StoreError> {
    let at = new.at.naive_utc();
    let split = new.split;
    let (name, email): (String, String) = users::table
        .find(new.placed_by)
        .select((users::name, users::email))
        .first(conn)?;
    for bump in 0..NUMBER_ATTEMPTS {
        let order_no = document_number(new.at, bump);
        let search_text = format!("{order_no} {} {name} {email}", new.customer.company_name).to_lowercase();
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(orders::table)
                .values((
                    orders::order_no.eq(&order_no),
                    orders::company_id.eq(new.company_id),
                    orders::placed_by.eq(new.placed_by),
                    orders::customer_id.eq(new.customer.id),
                    orders::customer_company.eq(&new.customer.company_name),
                    orders::customer_name.eq(&new.customer.name),
                    orders::customer_email.eq(&new.customer.email),
                    orders::customer_phone.eq(&new.customer.phone),
                    orders::customer_address.eq(&new.customer.address),
                    orders::region.eq(regions(new.items)),
                    orders::status.eq(OrderStatus::PendingPayment.as_db()),
                    orders::payment_status.eq(PaymentStatus::Unpaid.as_db()),
                    orders::payment_method.eq(new.payment_method.as_db()),
                    orders::goods_total_fen.eq(split.goods_total.0),
                    orders::coupon_id.eq(new.coupon.map(|(id, _)| id)),
                    orders::coupon_code.eq(new.coupon.map(|(_, code)| code)),
                    orders::coupon_discount_fen.eq(split.coupon.0),
                    orders::rebate_fen.eq(split.rebate.0),
                    orders::credit_fen.eq(split.credit.0),
                    orders::payable_fen.eq(split.payable.0),
                    orders::expected_close_date.eq(new.expected_close_date),
                    orders::remark.eq(new.remark),
                    orders::pay_deadline.eq(new.pay_deadline.map(|d| d.naive_utc())),
                    orders::contract_id.eq(new.contract_id),
                    orders::search_text.eq(&search_text),
                    orders::created_at.eq(at),
                    orders::updated_at.eq(at),
                ))
                .returning(orders::id)
                .get_result::<i64>(conn)
        });
        let id = match inserted {
            Ok(id) => id,
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                info,
            )) if info.constraint_name().is_none_or(|c| c.contains("order_no"))
                && !info.message().contains("contract_id") =>
            {
                continue;
            }
            Err(other) => return Err(other.into()),
        };
        for (position, item) in (1..).zip(new.items) {
            diesel::insert_into(order_lines::table)
                .values((
                    order_lines::order_id.eq(id),
                    order_lines::position.eq(position),
                    order_lines::plan_id.eq(item.plan_id),
                    order_lines::solution_id.eq(item.solution_id),
                    order_lines::solution_name.eq(&item.solution_name),
                    order_lines::plan_name.eq(&item.plan_name),
                    order_lines::sku_code.eq(&item.sku_code),
                    order_lines::region.eq(&item.region),
                    order_lines::kind.eq(&item.kind),
                    order_lines::tax_rate_bp.eq(item.tax_rate_bp),
                    order_lines::quantity.eq(item.quantity),
                    order_lines::unit_price_fen.eq(item.unit_price.0),
                    order_lines::total_fen.eq(item.total.0),
                ))
                .execute(conn)?;
        }
        record_event(
            conn,
            id,
            "placed",
            Some(new.placed_by),
            &format!("{}", split.goods_total),
        )?;
        return Ok(Placed { id, order_no });
    }
    Err(StoreError::Conflict("no free order number; retry".to_owned()))
}

/// Removes the ordered plans from the buyer's cart (an order placed from the cart).
pub fn clear_from_cart(conn: &mut DbConn, user_id: i64, plan_ids: &[i64]) -> Result<(), StoreError> {
    diesel::delete(
        cart_lines::table
            .filter(cart_lines::user_id.eq(user_id))
            .filter(cart_lines::plan_id.eq_any(plan_ids)),
    )
    .execute(conn)?;
    Ok(())
}

//! Orders (manual §5, §6.4): pricing a checkout, the contract agreed before the order exists,
//! placing the order with its holds, its life (paid, delivered, completed, cancelled, timed out),
//! bank transfers, invoices and reviews. Every state change is a conditional update on the
//! order's current state, so two servers or two clicks can never apply one twice.

pub mod contracts;
pub mod invoices;
pub mod lifecycle;
pub mod line_refunds;
pub mod place;
pub mod read;
pub mod reviews;
pub mod transfers;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::cart::line_total;
use rc_domain::money::tax_rate_percent;
use rc_types::catalog::PlanKind;
use rc_types::checkout::{CheckoutItem, PricedLine};
use rc_types::orders::OrderEvent;

use crate::cart::{check_seen_price, plan_for_sale};
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::{order_events, users};

/// One checkout line priced from the catalog now (what the order snapshots).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedItem {
    /// The plan.
    pub plan_id: i64,
    /// Its solution.
    pub solution_id: i64,
    /// Solution name.
    pub solution_name: String,
    /// Plan name.
    pub plan_name: String,
    /// SKU.
    pub sku_code: String,
    /// Region sold in.
    pub region: String,
    /// `product` or `service`.
    pub kind: String,
    /// Tax rate in basis points of a percent.
    pub tax_rate_bp: i32,
    /// How many.
    pub quantity: i32,
    /// Unit price now.
    pub unit_price: Fen,
    /// Unit price × quantity.
    pub total: Fen,
}

impl PricedItem {
    /// The line as the wire shows it.
    pub fn to_api(&self) -> Result<PricedLine, StoreError> {
        Ok(PricedLine {
            plan_id: Some(self.plan_id),
            solution_id: Some(self.solution_id),
            solution_name: self.solution_name.clone(),
            plan_name: self.plan_name.clone(),
            sku_code: self.sku_code.clone(),
            region: self.region.clone(),
            kind: plan_kind(&self.kind)?,
            quantity: self.quantity,
            unit_price: self.unit_price.to_money(),
            tax_rate: tax_rate_percent(self.tax_rate_bp),
            total: self.total.to_money(),
        })
    }
}

pub(crate) fn plan_kind(text: &str) -> Result<PlanKind, StoreError> {
    PlanKind::parse(text).ok_or_else(|| StoreError::Corrupt(format!("plan kind {text}")))
}

/// Prices `items` from the catalog: each a published plan, once; refused (409) when a quoted
/// `seen_unit_price` is not the plan's price now.
pub fn price_items(conn: &mut DbConn, items: &[CheckoutItem]) -> Result<Vec<PricedItem>, StoreError> {
    let mut priced: Vec<PricedItem> = Vec::with_capacity(items.len());
    for item in items {
        if priced.iter().any(|p| p.plan_id == item.plan_id) {
            return Err(StoreError::Invalid {
                field: "items",
                message: format!("plan {} is listed twice", item.plan_id),
            });
        }
        let (solution_id, solution_name, plan) = plan_for_sale(conn, item.plan_id).map_err(|e| match e {
            StoreError::Invalid { message, .. } => StoreError::Invalid {
                field: "items",
                message,
            },
            other => other,
        })?;
        check_seen_price(item.seen_unit_price.as_ref(), Fen(plan.unit_price_fen))?;
        priced.push(PricedItem {
            plan_id: plan.id,
            solution_id,
            solution_name,
            plan_name: plan.name,
            sku_code: plan.sku_code,
            region: plan.region,
            kind: plan.kind,
            tax_rate_bp: plan.tax_rate_bp,
            quantity: item.quantity,
            unit_price: Fen(plan.unit_price_fen),
            total: line_total(Fen(plan.unit_price_fen), item.quantity),
        });
    }
    Ok(priced)
}

/// Writes one change of order `order_id` to its timeline.
pub fn record_event(
    conn: &mut DbConn,
    order_id: i64,
    kind: &str,
    actor_id: Option<i64>,
    detail: &str,
) -> Result<(), StoreError> {
    diesel::insert_into(order_events::table)
        .values((
            order_events::order_id.eq(order_id),
            order_events::kind.eq(kind),
            order_events::actor_id.eq(actor_id),
            order_events::detail.eq(detail),
            order_events::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The order's timeline, oldest first, with the actors' names.
pub fn events(conn: &mut DbConn, order_id: i64) -> Result<Vec<OrderEvent>, StoreError> {
    let rows: Vec<(String, Option<String>, String, NaiveDateTime)> = order_events::table
        .left_join(users::table.on(users::id.nullable().eq(order_events::actor_id)))
        .filter(order_events::order_id.eq(order_id))
        .order(order_events::id)
        .select((
            order_events::kind,
            users::name.nullable(),
            order_events::detail,
            order_events::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(kind, actor, detail, at)| OrderEvent {
            kind,
            actor,
            detail,
            at: at.and_utc(),
        })
        .collect())
}

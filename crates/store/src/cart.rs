//! The shopping cart (购物车, §5.2): one line per user and plan, always scoped to its user — another
//! user's line is not found. A line keeps what the user saw when adding it (names, SKU, unit price),
//! so a price change or a plan no longer sold is flagged rather than silently applied.

use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::cart::{PlanNow, line_state, line_total};
use rc_types::cart::{Cart, CartLine, CartLineInput, CartLineState, CartLineUpdate, MAX_LINES, MAX_QUANTITY};
use rc_types::catalog::PlanKind;

use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::{cart_lines, plans, solutions};

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = cart_lines)]
struct LineRow {
    id: i64,
    plan_id: Option<i64>,
    solution_id: Option<i64>,
    solution_name: String,
    plan_name: String,
    sku_code: String,
    region: String,
    kind: String,
    quantity: i32,
    seen_price_fen: i64,
    created_at: chrono::NaiveDateTime,
}

/// A line with its plan as it is now (price, published), if the plan still exists.
type Joined = (LineRow, Option<i64>, Option<bool>);

impl LineRow {
    fn into_api(self, price_now: Option<i64>, published: Option<bool>) -> Result<CartLine, StoreError> {
        let now = price_now.map(|price| PlanNow {
            unit_price: Fen(price),
            published: published.unwrap_or(false),
        });
        let state = line_state(Fen(self.seen_price_fen), now);
        let unit_price = match (state, now) {
            (CartLineState::Unavailable, _) | (_, None) => Fen(self.seen_price_fen),
            (_, Some(plan)) => plan.unit_price,
        };
        Ok(CartLine {
            id: self.id,
            solution_id: self.solution_id,
            solution_name: self.solution_name,
            plan_id: self.plan_id,
            plan_name: self.plan_name,
            sku_code: self.sku_code,
            region: self.region,
            kind: PlanKind::parse(&self.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("plan kind {}", self.kind)))?,
            quantity: self.quantity,
            unit_price: unit_price.to_money(),
            seen_unit_price: Fen(self.seen_price_fen).to_money(),
            line_total: line_total(unit_price, self.quantity).to_money(),
            state,
            added_at: self.created_at.and_utc(),
        })
    }
}

fn joined(conn: &mut DbConn, user_id: i64, line_id: Option<i64>) -> Result<Vec<CartLine>, StoreError> {
    let mut query = cart_lines::table
        .left_join(plans::table.on(plans::id.nullable().eq(cart_lines::plan_id)))
        .left_join(solutions::table.on(solutions::id.nullable().eq(cart_lines::solution_id)))
        .filter(cart_lines::user_id.eq(user_id))
        .select((
            LineRow::as_select(),
            plans::unit_price_fen.nullable(),
            solutions::published.nullable(),
        ))
        .order((cart_lines::created_at.desc(), cart_lines::id.desc()))
        .into_boxed();
    if let Some(id) = line_id {
        query = query.filter(cart_lines::id.eq(id));
    }
    let rows: Vec<Joined> = query.load(conn)?;
    rows.into_iter()
        .map(|(line, price, published)| line.into_api(price, published))
        .collect()
}

/// The user's cart, newest line first.
pub fn cart(conn: &mut DbConn, user_id: i64) -> Result<Cart, StoreError> {
    let lines = joined(conn, user_id, None)?;
    Ok(Cart {
        count: i64::try_from(lines.len()).unwrap_or(i64::MAX),
        lines,
    })
}

/// One of the user's lines.
pub fn line(conn: &mut DbConn, user_id: i64, line_id: i64) -> Result<CartLine, StoreError> {
    joined(conn, user_id, Some(line_id))?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// What a line records of its plan when added.
#[derive(Debug, Queryable)]
struct PlanSnapshot {
    solution_id: i64,
    solution_name: String,
    plan_name: String,
    sku_code: String,
    region: String,
    kind: String,
    unit_price_fen: i64,
    published: bool,
}

fn plan_snapshot(conn: &mut DbConn, plan_id: i64) -> Result<PlanSnapshot, StoreError> {
    let found: Option<PlanSnapshot> = plans::table
        .inner_join(solutions::table)
        .filter(plans::id.eq(plan_id))
        .select((
            plans::solution_id,
            solutions::name,
            plans::name,
            plans::sku_code,
            plans::region,
            plans::kind,
            plans::unit_price_fen,
            solutions::published,
        ))
        .first(conn)
        .optional()?;
    match found {
        Some(plan) if plan.published => Ok(plan),
        _ => Err(StoreError::Invalid {
            field: "plan_id",
            message: format!("plan {plan_id} is not for sale"),
        }),
    }
}

fn too_many(already: i32) -> StoreError {
    StoreError::Invalid {
        field: "quantity",
        message: format!("at most {MAX_QUANTITY} of one plan ({already} already in the cart)"),
    }
}

/// Adds `input.quantity` of a published plan (加入购物车): to its existing line, or as a new line
/// priced as now. At most [`MAX_LINES`] lines and [`MAX_QUANTITY`] of one plan.
pub fn add(conn: &mut DbConn, user_id: i64, input: &CartLineInput) -> Result<CartLine, StoreError> {
    let line_id = conn.atomic_write(|conn| {
        let plan = plan_snapshot(conn, input.plan_id)?;
        let existing: Option<(i64, i32)> = cart_lines::table
            .filter(cart_lines::user_id.eq(user_id))
            .filter(cart_lines::plan_id.eq(input.plan_id))
            .select((cart_lines::id, cart_lines::quantity))
            .first(conn)
            .optional()?;
        if let Some((id, quantity)) = existing {
            let total = quantity.saturating_add(input.quantity);
            if total > MAX_QUANTITY {
                return Err(too_many(quantity));
            }
            diesel::update(cart_lines::table.find(id))
                .set((cart_lines::quantity.eq(total), cart_lines::updated_at.eq(now())))
                .execute(conn)?;
            return Ok(id);
        }
        let lines: i64 = cart_lines::table
            .filter(cart_lines::user_id.eq(user_id))
            .count()
            .get_result(conn)?;
        if lines >= MAX_LINES {
            return Err(StoreError::Conflict(format!(
                "the cart holds at most {MAX_LINES} lines: settle or remove some first"
            )));
        }
        let at = now();
        diesel::insert_into(cart_lines::table)
            .values((
                cart_lines::user_id.eq(user_id),
                cart_lines::plan_id.eq(input.plan_id),
                cart_lines::solution_id.eq(plan.solution_id),
                cart_lines::solution_name.eq(&plan.solution_name),
                cart_lines::plan_name.eq(&plan.plan_name),
                cart_lines::sku_code.eq(&plan.sku_code),
                cart_lines::region.eq(&plan.region),
                cart_lines::kind.eq(&plan.kind),
                cart_lines::quantity.eq(input.quantity),
                cart_lines::seen_price_fen.eq(plan.unit_price_fen),
                cart_lines::created_at.eq(at),
                cart_lines::updated_at.eq(at),
            ))
            .returning(cart_lines::id)
            .get_result(conn)
            .map_err(StoreError::from)
    })?;
    line(conn, user_id, line_id)
}

/// Changes a line's quantity and, when the user accepts it, re-prices it at the plan's current
/// price (a line whose plan is no longer sold can only be removed).
pub fn update(
    conn: &mut DbConn,
    user_id: i64,
    line_id: i64,
    input: &CartLineUpdate,
) -> Result<CartLine, StoreError> {
    conn.atomic_write(|conn| {
        let current = line(conn, user_id, line_id)?;
        let seen = if input.accept_current_price {
            if current.state == CartLineState::Unavailable {
                return Err(StoreError::Invalid {
                    field: "accept_current_price",
                    message: "this plan is no longer for sale: remove the line".to_owned(),
                });
            }
            Fen::from_yuan(current.unit_price.amount).map_err(|e| StoreError::Corrupt(e.to_string()))?
        } else {
            Fen::from_yuan(current.seen_unit_price.amount).map_err(|e| StoreError::Corrupt(e.to_string()))?
        };
        diesel::update(
            cart_lines::table
                .filter(cart_lines::id.eq(line_id))
                .filter(cart_lines::user_id.eq(user_id)),
        )
        .set((
            cart_lines::quantity.eq(input.quantity),
            cart_lines::seen_price_fen.eq(seen.0),
            cart_lines::updated_at.eq(now()),
        ))
        .execute(conn)?;
        Ok::<_, StoreError>(())
    })?;
    line(conn, user_id, line_id)
}

/// Removes one of the user's lines.
pub fn remove(conn: &mut DbConn, user_id: i64, line_id: i64) -> Result<(), StoreError> {
    let deleted = diesel::delete(
        cart_lines::table
            .filter(cart_lines::id.eq(line_id))
            .filter(cart_lines::user_id.eq(user_id)),
    )
    .execute(conn)?;
    if deleted == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

//! The shopping cart (购物车, §5.2): one line per user and plan, always scoped to its user — another
//! user's line is not found. A line keeps what the user saw when adding it (names, SKU, region,
//! kind, tax rate, unit price), so a change of the plan or a plan no longer sold is flagged rather
//! than silently applied. Every change of a user's cart first takes the user's row lock, so two
//! tabs adding at once merge their quantities and never pass the line cap.

use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::cart::{PlanNow, PlanTerms, line_state, line_total};
use rc_domain::money::tax_rate_percent;
use rc_types::Money;
use rc_types::cart::{Cart, CartLine, CartLineInput, CartLineState, CartLineUpdate, MAX_LINES, MAX_QUANTITY};
use rc_types::catalog::PlanKind;

use crate::catalog::PlanRow;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::{cart_lines, plans, solutions, users};

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
    tax_rate_bp: i32,
    quantity: i32,
    seen_price_fen: i64,
    created_at: chrono::NaiveDateTime,
}

impl PlanRow {
    fn terms(&self) -> PlanTerms {
        PlanTerms {
            unit_price: Fen(self.unit_price_fen),
            sku_code: self.sku_code.clone(),
            region: self.region.clone(),
            kind: self.kind.clone(),
            tax_rate_bp: self.tax_rate_bp,
        }
    }
}

/// A plan's columns as a left join reads them (`PlanRow`'s fields, in order).
type PlanColumns = (i64, String, String, i64, i32, String, String);

/// A line with its plan as it is now, if the plan still exists, and its solution's publish state.
type Joined = (LineRow, Option<PlanColumns>, Option<bool>);

fn plan_row((id, name, sku_code, unit_price_fen, tax_rate_bp, region, kind): PlanColumns) -> PlanRow {
    PlanRow {
        id,
        name,
        sku_code,
        unit_price_fen,
        tax_rate_bp,
        region,
        kind,
    }
}

impl LineRow {
    fn seen(&self) -> PlanTerms {
        PlanTerms {
            unit_price: Fen(self.seen_price_fen),
            sku_code: self.sku_code.clone(),
            region: self.region.clone(),
            kind: self.kind.clone(),
            tax_rate_bp: self.tax_rate_bp,
        }
    }

    fn into_api(self, plan: Option<PlanRow>, published: Option<bool>) -> Result<CartLine, StoreError> {
        let now = plan.as_ref().map(|plan| PlanNow {
            terms: plan.terms(),
            published: published.unwrap_or(false),
        });
        let state = line_state(&self.seen(), now.as_ref());
        // What the line shows: the plan as it is while it is sold, else what the user saw.
        let shown = match now {
            Some(plan) if state != CartLineState::Unavailable => plan.terms,
            _ => self.seen(),
        };
        Ok(CartLine {
            id: self.id,
            solution_id: self.solution_id,
            solution_name: self.solution_name,
            plan_id: self.plan_id,
            plan_name: plan.map_or(self.plan_name, |plan| plan.name),
            kind: PlanKind::parse(&shown.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("plan kind {}", shown.kind)))?,
            sku_code: shown.sku_code,
            region: shown.region,
            tax_rate: tax_rate_percent(shown.tax_rate_bp),
            quantity: self.quantity,
            unit_price: shown.unit_price.to_money(),
            seen_unit_price: Fen(self.seen_price_fen).to_money(),
            line_total: line_total(shown.unit_price, self.quantity).to_money(),
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
            (
                plans::id,
                plans::name,
                plans::sku_code,
                plans::unit_price_fen,
                plans::tax_rate_bp,
                plans::region,
                plans::kind,
            )
                .nullable(),
            solutions::published.nullable(),
        ))
        .order((cart_lines::created_at.desc(), cart_lines::id.desc()))
        .into_boxed();
    if let Some(id) = line_id {
        query = query.filter(cart_lines::id.eq(id));
    }
    let rows: Vec<Joined> = query.load(conn)?;
    rows.into_iter()
        .map(|(line, plan, published)| line.into_api(plan.map(plan_row), published))
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

/// Takes the user's row lock (PostgreSQL; SQLite writers are serialized): one change of this
/// user's cart at a time.
fn lock_cart(conn: &mut DbConn, user_id: i64) -> Result<(), StoreError> {
    let locked = diesel::update(users::table.find(user_id))
        .set(users::locale.eq(users::locale))
        .execute(conn)?;
    if locked == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A published plan with its solution, or 422 on `plan_id`.
pub(crate) fn plan_for_sale(conn: &mut DbConn, plan_id: i64) -> Result<(i64, String, PlanRow), StoreError> {
    let found: Option<(i64, String, bool, PlanRow)> = plans::table
        .inner_join(solutions::table)
        .filter(plans::id.eq(plan_id))
        .select((
            plans::solution_id,
            solutions::name,
            solutions::published,
            PlanRow::as_select(),
        ))
        .first(conn)
        .optional()?;
    match found {
        Some((solution_id, solution_name, true, plan)) => Ok((solution_id, solution_name, plan)),
        _ => Err(StoreError::Invalid {
            field: "plan_id",
            message: format!("plan {plan_id} is not for sale"),
        }),
    }
}

/// Refused when the user was shown another unit price than the plan's now.
pub(crate) fn check_seen_price(seen: Option<&Money>, now: Fen) -> Result<(), StoreError> {
    match seen {
        Some(seen) if seen.amount != now.to_yuan() => Err(StoreError::Conflict(format!(
            "the price changed to {}: review it first",
            now.to_money().display_short()
        ))),
        _ => Ok(()),
    }
}

fn too_many(already: i32) -> StoreError {
    StoreError::Invalid {
        field: "quantity",
        message: format!("at most {MAX_QUANTITY} of one plan ({already} already in the cart)"),
    }
}

/// Adds `input.quantity` of a published plan (加入购物车): to its existing line, or as a new line
/// on the plan's terms now. At most [`MAX_LINES`] lines and [`MAX_QUANTITY`] of one plan.
pub fn add(conn: &mut DbConn, user_id: i64, input: &CartLineInput) -> Result<CartLine, StoreError> {
    let line_id = conn.atomic_write(|conn| {
        lock_cart(conn, user_id)?;
        let (solution_id, solution_name, plan) = plan_for_sale(conn, input.plan_id)?;
        check_seen_price(input.seen_unit_price.as_ref(), Fen(plan.unit_price_fen))?;
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
                cart_lines::solution_id.eq(solution_id),
                cart_lines::solution_name.eq(&solution_name),
                cart_lines::plan_name.eq(&plan.name),
                cart_lines::sku_code.eq(&plan.sku_code),
                cart_lines::region.eq(&plan.region),
                cart_lines::kind.eq(&plan.kind),
                cart_lines::tax_rate_bp.eq(plan.tax_rate_bp),
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

/// Changes a line's quantity and, when the user accepts them (quoting the price they were shown),
/// takes the plan's current terms; a line whose plan is no longer sold can only be removed.
pub fn update(
    conn: &mut DbConn,
    user_id: i64,
    line_id: i64,
    input: &CartLineUpdate,
) -> Result<CartLine, StoreError> {
    conn.atomic_write(|conn| {
        lock_cart(conn, user_id)?;
        let current = line(conn, user_id, line_id)?;
        let row = cart_lines::table
            .filter(cart_lines::id.eq(line_id))
            .filter(cart_lines::user_id.eq(user_id));
        if let Some(accepted) = &input.accept_unit_price {
            let plan = match (current.state, current.plan_id) {
                (CartLineState::Unavailable, _) | (_, None) => {
                    return Err(StoreError::Invalid {
                        field: "accept_unit_price",
                        message: "this plan is no longer for sale: remove the line".to_owned(),
                    });
                }
                (_, Some(plan_id)) => plan_for_sale(conn, plan_id)?.2,
            };
            check_seen_price(Some(accepted), Fen(plan.unit_price_fen))?;
            diesel::update(row)
                .set((
                    cart_lines::plan_name.eq(&plan.name),
                    cart_lines::sku_code.eq(&plan.sku_code),
                    cart_lines::region.eq(&plan.region),
                    cart_lines::kind.eq(&plan.kind),
                    cart_lines::tax_rate_bp.eq(plan.tax_rate_bp),
                    cart_lines::seen_price_fen.eq(plan.unit_price_fen),
                ))
                .execute(conn)?;
        }
        diesel::update(row)
            .set((
                cart_lines::quantity.eq(input.quantity),
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

//! Reviews of order lines (评价及评分, §6.4.3): only on a completed order, one per line, by the
//! buying company; each shows on the solution's 评价 tab and counts in its rating at once.

use diesel::prelude::*;
use rc_types::orders::{OrderStatus, ReviewInput};

use super::lifecycle::{self, OrderChangeError};
use super::record_event;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::{companies, order_lines, reviews, users};

/// Writes `author_id`'s review of line `line_id` of order `order_id`: refused unless the order is
/// 已完成, the line is the order's, its solution still exists and the line has no review yet.
pub fn create(
    conn: &mut DbConn,
    order_id: i64,
    line_id: i64,
    author_id: i64,
    input: &ReviewInput,
) -> Result<(), OrderChangeError> {
    let order = lifecycle::lock(conn, order_id)?;
    if order.status()? != OrderStatus::Completed {
        return Err(OrderChangeError::State(
            "only a completed order can be reviewed".to_owned(),
        ));
    }
    let (solution_id, plan_name): (Option<i64>, String) = order_lines::table
        .find(line_id)
        .filter(order_lines::order_id.eq(order_id))
        .select((order_lines::solution_id, order_lines::plan_name))
        .first(conn)?;
    let solution_id = solution_id.ok_or_else(|| {
        OrderChangeError::State("this solution is no longer sold and cannot be reviewed".to_owned())
    })?;
    if super::line_refunds::of_order(conn, order_id)?
        .iter()
        .any(|r| r.line_id == line_id)
    {
        return Err(OrderChangeError::State(
            "this line was refunded and cannot be reviewed".to_owned(),
        ));
    }
    let (author, company): (String, String) = users::table
        .inner_join(companies::table.on(companies::id.nullable().eq(users::company_id)))
        .filter(users::id.eq(author_id))
        .select((users::name, companies::name))
        .first(conn)?;
    let inserted = diesel::insert_into(reviews::table)
        .values((
            reviews::solution_id.eq(solution_id),
            reviews::author.eq(author),
            reviews::company.eq(company),
            reviews::rating.eq(input.rating),
            reviews::body.eq(input.body.trim()),
            reviews::created_at.eq(now()),
            reviews::order_line_id.eq(line_id),
        ))
        .execute(conn);
    match inserted {
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            return Err(OrderChangeError::State(
                "this line has been reviewed already".to_owned(),
            ));
        }
        other => other.map_err(StoreError::from)?,
    };
    crate::catalog::write::refresh_rating(conn, solution_id)?;
    record_event(
        conn,
        order_id,
        "reviewed",
        Some(author_id),
        &format!("{plan_name} {}★", input.rating),
    )?;
    Ok(())
}

//! Catalog writes: the operator's create / edit / publish of solutions (with plans, cases,
//! resources, support and agreement) and the seed's inserts. Every write bumps the storefront
//! cache epoch in the same transaction.

use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::money::{tax_rate_basis_points, tax_rate_percent};
use rc_types::catalog::{
    AdminSolution, AdminSolutionQuery, AdminSolutionRow, Category, PlanInput, PlanKind, PublishState,
    Resource, SolutionInput, SuccessCase, SupportInfo,
};
use rc_types::{Page, PageQuery};

use super::{json_column, media_url};
use crate::db::{DbConn, now};
use crate::epochs::bump_storefront;
use crate::error::StoreError;
use crate::paging::{self, like_pattern};
use crate::schema::{plans, solutions};

/// A solution to insert, with its plans.
#[derive(Debug, Clone)]
pub struct NewSolution {
    /// Unique display name.
    pub name: String,
    /// Vendor / brand.
    pub vendor: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Long description.
    pub description: String,
    /// Product features.
    pub features: Vec<String>,
    /// Industry category.
    pub category: Category,
    /// Sales region.
    pub region: String,
    /// Shown on the storefront.
    pub published: bool,
    /// Completed sales so far (popular ranking).
    pub sales_count: i64,
    /// Sum and count of review stars (generated catalogs; demo reviews are real rows).
    pub ratings: (i64, i64),
    /// Purchase plans in display order.
    pub plans: Vec<NewPlan>,
    /// Detail tabs.
    pub extras: SolutionExtras,
}

/// The detail tabs of a solution.
#[derive(Debug, Clone, Default)]
pub struct SolutionExtras {
    /// Logo image.
    pub logo_media_id: Option<i64>,
    /// Success cases.
    pub cases: Vec<SuccessCase>,
    /// FAQ and resources.
    pub resources: Vec<Resource>,
    /// Technical support.
    pub support: SupportInfo,
    /// User agreement, markdown.
    pub agreement: String,
}

/// A plan to insert.
#[derive(Debug, Clone)]
pub struct NewPlan {
    /// Edition name.
    pub name: String,
    /// Unique SKU code.
    pub sku_code: String,
    /// Unit price in fen.
    pub unit_price: Fen,
    /// Tax rate in basis points of a percent (6 % = 600).
    pub tax_rate_bp: i32,
    /// Region where the plan is sold.
    pub region: String,
    /// Product or service.
    pub kind: PlanKind,
}

/// A value as the JSON text of a column.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// Lower-cased name and vendor for the operator's list filter (storefront search uses the index).
fn admin_search_text(name: &str, vendor: &str) -> String {
    format!("{} {}", name.trim(), vendor.trim()).to_lowercase()
}

fn rating_score(sum: i64, count: i64) -> i64 {
    if count > 0 { sum * 100 / count } else { 0 }
}

/// One solution's review stars: their sum and count.
#[derive(Queryable)]
struct RatingTotal {
    solution_id: i64,
    sum: Option<i64>,
    count: i64,
}

/// Recomputes every reviewed solution's rating columns from its reviews.
pub fn refresh_ratings(conn: &mut DbConn) -> Result<(), StoreError> {
    use crate::schema::reviews;
    let totals: Vec<RatingTotal> = reviews::table
        .group_by(reviews::solution_id)
        .select((
            reviews::solution_id,
            diesel::dsl::sum(reviews::rating),
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    for RatingTotal {
        solution_id,
        sum,
        count,
    } in totals
    {
        let sum = sum.unwrap_or(0);
        diesel::update(solutions::table.find(solution_id))
            .set((
                solutions::rating_sum.eq(sum),
                solutions::rating_count.eq(count),
                solutions::rating_score.eq(rating_score(sum, count)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Recomputes solution `solution_id`'s rating columns after a new review, marks it changed (so
/// every server re-shelves it) and bumps the storefront epoch, in the caller's transaction. The
/// solution's row lock comes first: two reviews committing at once each count the other (on
/// PostgreSQL the sum below is read after the lock, so it sees the first one's review).
pub(crate) fn refresh_rating(conn: &mut DbConn, solution_id: i64) -> Result<(), StoreError> {
    use crate::schema::reviews;
    diesel::update(solutions::table.find(solution_id))
        .set(solutions::rating_sum.eq(solutions::rating_sum))
        .execute(conn)?;
    let (sum, count): (Option<i64>, i64) = reviews::table
        .filter(reviews::solution_id.eq(solution_id))
        .select((diesel::dsl::sum(reviews::rating), diesel::dsl::count_star()))
        .first(conn)?;
    let sum = sum.unwrap_or(0);
    diesel::update(solutions::table.find(solution_id))
        .set((
            solutions::rating_sum.eq(sum),
            solutions::rating_count.eq(count),
            solutions::rating_score.eq(rating_score(sum, count)),
            solutions::updated_at.eq(now()),
        ))
        .execute(conn)?;
    bump_storefront(conn)
}

/// The columns of a solution that an edit writes (an insert adds state, sales, ratings and
/// `created_at`).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = solutions, treat_none_as_null = true)]
struct SolutionChanges<'a> {
    name: &'a str,
    vendor: &'a str,
    summary: &'a str,
    description: &'a str,
    features: String,
    category: &'static str,
    region: &'a str,
    search_text: String,
    logo_media_id: Option<i64>,
    cases: String,
    resources: String,
    support: String,
    agreement: &'a str,
    updated_at: chrono::NaiveDateTime,
}

impl<'a> SolutionChanges<'a> {
    fn of(new: &'a NewSolution, stamp: chrono::NaiveDateTime) -> Self {
        SolutionChanges {
            name: &new.name,
            vendor: &new.vendor,
            summary: &new.summary,
            description: &new.description,
            features: to_json(&new.features),
            category: new.category.as_str(),
            region: &new.region,
            search_text: admin_search_text(&new.name, &new.vendor),
            logo_media_id: new.extras.logo_media_id,
            cases: to_json(&new.extras.cases),
            resources: to_json(&new.extras.resources),
            support: to_json(&new.extras.support),
            agreement: &new.extras.agreement,
            updated_at: stamp,
        }
    }
}

/// Inserts a solution and its plans in one transaction; returns the new id.
/// A duplicate name or SKU code is a [`StoreError::Duplicate`].
pub fn insert_solution(conn: &mut DbConn, new: &NewSolution) -> Result<i64, StoreError> {
    conn.atomic(|conn| {
        let stamp = now();
        let id: i64 = diesel::insert_into(solutions::table)
            .values((
                SolutionChanges::of(new, stamp),
                solutions::published.eq(new.published),
                solutions::sales_count.eq(new.sales_count),
                solutions::rating_sum.eq(new.ratings.0),
                solutions::rating_count.eq(new.ratings.1),
                solutions::rating_score.eq(rating_score(new.ratings.0, new.ratings.1)),
                solutions::created_at.eq(stamp),
            ))
            .returning(solutions::id)
            .get_result(conn)
            .map_err(|e| duplicate(e.into(), "name"))?;
        sync_plans(
            conn,
            id,
            &new.plans.iter().map(|p| (None, p.clone())).collect::<Vec<_>>(),
        )?;
        bump_storefront(conn)?;
        Ok(id)
    })
}

fn duplicate(error: StoreError, field: &'static str) -> StoreError {
    match error {
        StoreError::Conflict(_) => StoreError::Duplicate { field },
        other => other,
    }
}

/// The columns of a plan that an edit writes (an insert adds `solution_id`).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = plans)]
struct PlanChanges<'a> {
    name: &'a str,
    sku_code: &'a str,
    unit_price_fen: i64,
    tax_rate_bp: i32,
    region: &'a str,
    kind: &'static str,
    position: i32,
}

/// Makes the solution's plans exactly `wanted` (kept ids updated, new ones inserted, the rest
/// deleted) and refreshes the denormalised price and kind columns.
fn sync_plans(conn: &mut DbConn, id: i64, wanted: &[(Option<i64>, NewPlan)]) -> Result<(), StoreError> {
    let existing: Vec<i64> = plans::table
        .filter(plans::solution_id.eq(id))
        .select(plans::id)
        .load(conn)?;
    let kept: Vec<i64> = wanted.iter().filter_map(|(plan_id, _)| *plan_id).collect();
    if let Some(unknown) = kept.iter().find(|k| !existing.contains(k)) {
        return Err(StoreError::Invalid {
            field: "plans",
            message: format!("plan {unknown} does not belong to this solution"),
        });
    }
    diesel::delete(
        plans::table
            .filter(plans::solution_id.eq(id))
            .filter(plans::id.ne_all(kept)),
    )
    .execute(conn)?;
    // Free the kept plans' SKU codes first so that codes can move between plans.
    for plan_id in wanted.iter().filter_map(|(plan_id, _)| *plan_id) {
        diesel::update(plans::table.find(plan_id))
            .set(plans::sku_code.eq(format!("~moving-{plan_id}")))
            .execute(conn)?;
    }
    for (position, (plan_id, plan)) in wanted.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        let changes = PlanChanges {
            name: &plan.name,
            sku_code: &plan.sku_code,
            unit_price_fen: plan.unit_price.0,
            tax_rate_bp: plan.tax_rate_bp,
            region: &plan.region,
            kind: plan.kind.as_str(),
            position,
        };
        let result = match plan_id {
            Some(plan_id) => diesel::update(plans::table.find(plan_id))
                .set(changes)
                .execute(conn),
            // One statement per plan: batch inserts are not available through MultiConnection.
            None => diesel::insert_into(plans::table)
                .values((plans::solution_id.eq(id), changes))
                .execute(conn),
        };
        result.map_err(|e| duplicate(e.into(), "plans"))?;
    }
    let min_price = wanted.iter().map(|(_, p)| p.unit_price.0).min().unwrap_or(0);
    diesel::update(solutions::table.find(id))
        .set((
            solutions::min_price_fen.eq(min_price),
            solutions::plan_count.eq(i32::try_from(wanted.len()).unwrap_or(i32::MAX)),
            solutions::has_product.eq(wanted.iter().any(|(_, p)| p.kind == PlanKind::Product)),
            solutions::has_service.eq(wanted.iter().any(|(_, p)| p.kind == PlanKind::Service)),
        ))
        .execute(conn)?;
    Ok(())
}

/// True when a solution with this exact name exists (published or not).
pub fn solution_name_exists(conn: &mut DbConn, name: &str) -> Result<bool, StoreError> {
    let count: i64 = solutions::table
        .filter(solutions::name.eq(name))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

fn plan_from_input(input: &PlanInput) -> Result<(Option<i64>, NewPlan), StoreError> {
    let unit_price = Fen::from_yuan(input.unit_price).map_err(|e| StoreError::Invalid {
        field: "plans",
        message: e.to_string(),
    })?;
    let tax_rate_bp = tax_rate_basis_points(input.tax_rate).ok_or_else(|| StoreError::Invalid {
        field: "plans",
        message: "tax rate must be 0–100 with at most two decimals".to_owned(),
    })?;
    Ok((
        input.id,
        NewPlan {
            name: input.name.trim().to_owned(),
            sku_code: input.sku_code.trim().to_owned(),
            unit_price,
            tax_rate_bp,
            region: input.region.trim().to_owned(),
            kind: input.kind,
        },
    ))
}

fn trimmed_features(input: &SolutionInput) -> Vec<String> {
    input
        .features
        .iter()
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty())
        .collect()
}

/// A new draft of the operator's input (its fields trimmed), with `plans`.
fn draft_of(input: &SolutionInput, plans: Vec<NewPlan>) -> NewSolution {
    NewSolution {
        name: input.name.trim().to_owned(),
        vendor: input.vendor.trim().to_owned(),
        summary: input.summary.trim().to_owned(),
        description: input.description.trim().to_owned(),
        features: trimmed_features(input),
        category: input.category,
        region: input.region.trim().to_owned(),
        published: false,
        sales_count: 0,
        ratings: (0, 0),
        plans,
        extras: SolutionExtras {
            logo_media_id: input.logo_media_id,
            cases: input.cases.clone(),
            resources: input.resources.clone(),
            support: input.support.clone(),
            agreement: input.agreement.clone(),
        },
    }
}

/// Creates a draft solution from the operator's input; returns it.
pub fn create(conn: &mut DbConn, input: &SolutionInput) -> Result<AdminSolution, StoreError> {
    let plans = input
        .plans
        .iter()
        .map(plan_from_input)
        .collect::<Result<Vec<_>, _>>()?;
    if plans.iter().any(|(id, _)| id.is_some()) {
        return Err(StoreError::Invalid {
            field: "plans",
            message: "a new solution's plans have no ids".to_owned(),
        });
    }
    let id = insert_solution(
        conn,
        &draft_of(input, plans.into_iter().map(|(_, p)| p).collect()),
    )?;
    get(conn, id)
}

/// Replaces everything the operator edits on solution `id`.
pub fn update(conn: &mut DbConn, id: i64, input: &SolutionInput) -> Result<AdminSolution, StoreError> {
    let plans = input
        .plans
        .iter()
        .map(plan_from_input)
        .collect::<Result<Vec<_>, _>>()?;
    let edited = draft_of(input, Vec::new());
    conn.atomic(|conn| {
        let updated = diesel::update(solutions::table.find(id))
            .set(SolutionChanges::of(&edited, now()))
            .execute(conn)
            .map_err(|e| duplicate(e.into(), "name"))?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        sync_plans(conn, id, &plans)?;
        bump_storefront(conn)?;
        Ok(())
    })?;
    get(conn, id)
}

/// Publishes or unpublishes solution `id`. Publishing needs at least one plan.
pub fn set_state(conn: &mut DbConn, id: i64, state: PublishState) -> Result<AdminSolution, StoreError> {
    conn.atomic(|conn| {
        let plan_count: i32 = solutions::table
            .find(id)
            .select(solutions::plan_count)
            .first(conn)?;
        if state == PublishState::Published && plan_count == 0 {
            return Err(StoreError::Invalid {
                field: "plans",
                message: "add at least one purchase plan before publishing".to_owned(),
            });
        }
        diesel::update(solutions::table.find(id))
            .set((
                solutions::published.eq(state == PublishState::Published),
                solutions::updated_at.eq(now()),
            ))
            .execute(conn)?;
        bump_storefront(conn)?;
        Ok(())
    })?;
    get(conn, id)
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = solutions)]
struct AdminRow {
    name: String,
    vendor: String,
    summary: String,
    description: String,
    features: String,
    category: String,
    region: String,
    published: bool,
    logo_media_id: Option<i64>,
    cases: String,
    resources: String,
    support: String,
    agreement: String,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

/// A solution in the operator's list.
#[derive(Queryable, Selectable)]
#[diesel(table_name = solutions)]
struct AdminListRow {
    id: i64,
    name: String,
    vendor: String,
    category: String,
    min_price_fen: i64,
    plan_count: i32,
    published: bool,
    updated_at: chrono::NaiveDateTime,
}

fn state_of(published: bool) -> PublishState {
    if published {
        PublishState::Published
    } else {
        PublishState::Draft
    }
}

fn category_of(id: i64, name: &str) -> Result<Category, StoreError> {
    Category::parse(name).ok_or_else(|| StoreError::Corrupt(format!("solution {id} category {name}")))
}

/// Solution `id` as the operator edits it, drafts included.
pub fn get(conn: &mut DbConn, id: i64) -> Result<AdminSolution, StoreError> {
    let row: AdminRow = solutions::table
        .find(id)
        .select(AdminRow::as_select())
        .first(conn)?;
    let plan_rows: Vec<super::PlanRow> = plans::table
        .filter(plans::solution_id.eq(id))
        .order((plans::position.asc(), plans::id.asc()))
        .select(super::PlanRow::as_select())
        .load(conn)?;
    let plans = plan_rows
        .into_iter()
        .map(|plan| {
            Ok(PlanInput {
                id: Some(plan.id),
                kind: PlanKind::parse(&plan.kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("plan {} kind {}", plan.id, plan.kind)))?,
                name: plan.name,
                sku_code: plan.sku_code,
                unit_price: Fen(plan.unit_price_fen).to_yuan(),
                tax_rate: tax_rate_percent(plan.tax_rate_bp),
                region: plan.region,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(AdminSolution {
        id,
        state: state_of(row.published),
        logo_url: row.logo_media_id.map(media_url),
        input: SolutionInput {
            name: row.name,
            vendor: row.vendor,
            summary: row.summary,
            description: row.description,
            features: json_column(id, "features", &row.features)?,
            category: category_of(id, &row.category)?,
            region: row.region,
            logo_media_id: row.logo_media_id,
            plans,
            cases: json_column(id, "cases", &row.cases)?,
            resources: json_column(id, "resources", &row.resources)?,
            support: json_column(id, "support", &row.support)?,
            agreement: row.agreement,
        },
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// The operator's list of solutions, drafts included, most recently changed first.
pub fn list(conn: &mut DbConn, query: &AdminSolutionQuery) -> Result<Page<AdminSolutionRow>, StoreError> {
    let filtered = || {
        let mut select = solutions::table.into_boxed();
        if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            select = select.filter(solutions::search_text.like(like_pattern(q)).escape('\\'));
        }
        if let Some(state) = query.state {
            select = select.filter(solutions::published.eq(state == PublishState::Published));
        }
        select
    };
    let paging = PageQuery::sized(query.page, query.per_page, 20);
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<AdminListRow> = filtered()
        .order((solutions::updated_at.desc(), solutions::id.desc()))
        .select(AdminListRow::as_select())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|row| {
            Ok(AdminSolutionRow {
                category: category_of(row.id, &row.category)?,
                id: row.id,
                name: row.name,
                vendor: row.vendor,
                price_from: Fen(row.min_price_fen).to_money(),
                plan_count: u32::try_from(row.plan_count).unwrap_or(0),
                state: state_of(row.published),
                updated_at: row.updated_at.and_utc(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(paging::page(items, total, paging))
}

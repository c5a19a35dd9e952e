//! Catalog queries: published solutions (list, detail, vendors) and writes used by the seed.

use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::money::tax_rate_percent;
use rc_types::catalog::{
    Category, ListSolutionsQuery, Plan, PlanKind, SolutionDetail, SolutionSort, SolutionSummary,
    VendorSummary,
};
use rc_types::page::{DEFAULT_PER_PAGE, Page};
use rust_decimal::Decimal;

use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::paging::like_pattern;
use crate::schema::{plans, solutions};

type Db = <DbConn as Connection>::Backend;

/// The list columns of a solution.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = solutions)]
pub struct SolutionListRow {
    id: i64,
    name: String,
    vendor: String,
    summary: String,
    category: String,
    region: String,
    min_price_fen: i64,
    plan_count: i32,
    sales_count: i64,
    rating_sum: i64,
    rating_count: i64,
}

/// The detail-only columns of a solution.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = solutions)]
pub struct SolutionTextRow {
    description: String,
    features: String,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

/// A stored plan.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct PlanRow {
    id: i64,
    name: String,
    sku_code: String,
    unit_price_fen: i64,
    tax_rate_bp: i32,
    region: String,
    kind: String,
}

impl SolutionListRow {
    fn into_summary(self) -> Result<SolutionSummary, StoreError> {
        let category = Category::parse(&self.category)
            .ok_or_else(|| StoreError::Corrupt(format!("solution {} category {}", self.id, self.category)))?;
        let rating = (self.rating_count > 0)
            .then(|| (Decimal::from(self.rating_sum) / Decimal::from(self.rating_count)).round_dp(1));
        Ok(SolutionSummary {
            id: self.id,
            name: self.name,
            vendor: self.vendor,
            summary: self.summary,
            category,
            region: self.region,
            price_from: Fen(self.min_price_fen).to_money(),
            plan_count: u32::try_from(self.plan_count).unwrap_or(0),
            sales_count: u64::try_from(self.sales_count).unwrap_or(0),
            rating,
        })
    }
}

impl PlanRow {
    fn into_plan(self) -> Result<Plan, StoreError> {
        let kind = PlanKind::parse(&self.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("plan {} kind {}", self.id, self.kind)))?;
        Ok(Plan {
            id: self.id,
            name: self.name,
            sku_code: self.sku_code,
            unit_price: Fen(self.unit_price_fen).to_money(),
            tax_rate: tax_rate_percent(self.tax_rate_bp),
            region: self.region,
            kind,
        })
    }
}

/// The filtered set of published solutions (no ordering or paging).
fn filtered(query: &ListSolutionsQuery) -> solutions::BoxedQuery<'static, Db> {
    let mut select = solutions::table
        .filter(solutions::published.eq(true))
        .into_boxed();
    if let Some(category) = query.category {
        select = select.filter(solutions::category.eq(category.as_str()));
    }
    if let Some(vendor) = &query.vendor {
        select = select.filter(solutions::vendor.eq(vendor.clone()));
    }
    if let Some(keyword) = query.q.as_deref().filter(|k| !k.trim().is_empty()) {
        select = select.filter(solutions::search_text.like(like_pattern(keyword)).escape('\\'));
    }
    select
}

/// One page of published solutions matching `query`.
pub fn list_solutions(
    conn: &mut DbConn,
    query: &ListSolutionsQuery,
) -> Result<Page<SolutionSummary>, StoreError> {
    let page = query.page.unwrap_or(1).max(1);
    let per_page = query.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, 100);
    let total: i64 = filtered(query).count().get_result(conn)?;
    let ordered = match query.sort.unwrap_or_default() {
        SolutionSort::Popular => filtered(query).order((
            solutions::sales_count.desc(),
            solutions::rating_sum.desc(),
            solutions::id.desc(),
        )),
        SolutionSort::Newest => filtered(query).order((solutions::created_at.desc(), solutions::id.desc())),
        SolutionSort::PriceAsc => {
            filtered(query).order((solutions::min_price_fen.asc(), solutions::id.asc()))
        }
        SolutionSort::PriceDesc => {
            filtered(query).order((solutions::min_price_fen.desc(), solutions::id.desc()))
        }
        SolutionSort::Name => filtered(query).order((solutions::name.asc(), solutions::id.asc())),
    };
    let rows: Vec<SolutionListRow> = ordered
        .select(SolutionListRow::as_select())
        .limit(i64::from(per_page))
        .offset(i64::from(page - 1) * i64::from(per_page))
        .load(conn)?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(SolutionListRow::into_summary)
            .collect::<Result<_, _>>()?,
        total: u64::try_from(total).unwrap_or(0),
        page,
        per_page,
    })
}

/// One published solution with its plans, cheapest first.
pub fn get_solution(conn: &mut DbConn, id: i64) -> Result<SolutionDetail, StoreError> {
    let (row, text): (SolutionListRow, SolutionTextRow) = solutions::table
        .filter(solutions::id.eq(id).and(solutions::published.eq(true)))
        .select((SolutionListRow::as_select(), SolutionTextRow::as_select()))
        .first(conn)?;
    let plans: Vec<PlanRow> = plans::table
        .filter(plans::solution_id.eq(id))
        .order((
            plans::position.asc(),
            plans::unit_price_fen.asc(),
            plans::id.asc(),
        ))
        .select(PlanRow::as_select())
        .load(conn)?;
    let features: Vec<String> = serde_json::from_str(&text.features)
        .map_err(|e| StoreError::Corrupt(format!("solution {id} features: {e}")))?;
    Ok(SolutionDetail {
        summary: row.into_summary()?,
        description: text.description,
        features,
        plans: plans
            .into_iter()
            .map(PlanRow::into_plan)
            .collect::<Result<_, _>>()?,
        created_at: text.created_at.and_utc(),
        updated_at: text.updated_at.and_utc(),
    })
}

/// Vendors with published solutions, by name.
pub fn list_vendors(conn: &mut DbConn) -> Result<Vec<VendorSummary>, StoreError> {
    let rows: Vec<(String, i64)> = solutions::table
        .filter(solutions::published.eq(true))
        .group_by(solutions::vendor)
        .select((solutions::vendor, diesel::dsl::count_star()))
        .order(solutions::vendor.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(name, count)| VendorSummary {
            name,
            solution_count: u64::try_from(count).unwrap_or(0),
        })
        .collect())
}

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
    /// Sum and count of review stars.
    pub ratings: (i64, i64),
    /// Purchase plans in display order.
    pub plans: Vec<NewPlan>,
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

/// Inserts a solution and its plans in one transaction; returns the new id.
/// A duplicate name or SKU code is a [`StoreError::Conflict`].
pub fn insert_solution(conn: &mut DbConn, new: &NewSolution) -> Result<i64, StoreError> {
    conn.transaction(|conn| {
        let stamp = now();
        let min_price = new.plans.iter().map(|p| p.unit_price.0).min().unwrap_or(0);
        let search_text = format!("{} {} {}", new.name, new.vendor, new.summary).to_lowercase();
        let features = serde_json::to_string(&new.features).unwrap_or_else(|_| "[]".to_owned());
        let id: i64 = diesel::insert_into(solutions::table)
            .values((
                solutions::name.eq(&new.name),
                solutions::vendor.eq(&new.vendor),
                solutions::summary.eq(&new.summary),
                solutions::description.eq(&new.description),
                solutions::features.eq(features),
                solutions::category.eq(new.category.as_str()),
                solutions::region.eq(&new.region),
                solutions::published.eq(new.published),
                solutions::min_price_fen.eq(min_price),
                solutions::plan_count.eq(i32::try_from(new.plans.len()).unwrap_or(i32::MAX)),
                solutions::sales_count.eq(new.sales_count),
                solutions::rating_sum.eq(new.ratings.0),
                solutions::rating_count.eq(new.ratings.1),
                solutions::search_text.eq(search_text),
                solutions::created_at.eq(stamp),
                solutions::updated_at.eq(stamp),
            ))
            .returning(solutions::id)
            .get_result(conn)?;
        // One statement per plan: batch inserts are not available through MultiConnection.
        for (position, plan) in new.plans.iter().enumerate() {
            diesel::insert_into(plans::table)
                .values((
                    plans::solution_id.eq(id),
                    plans::name.eq(&plan.name),
                    plans::sku_code.eq(&plan.sku_code),
                    plans::unit_price_fen.eq(plan.unit_price.0),
                    plans::tax_rate_bp.eq(plan.tax_rate_bp),
                    plans::region.eq(&plan.region),
                    plans::kind.eq(plan.kind.as_str()),
                    plans::position.eq(i32::try_from(position).unwrap_or(i32::MAX)),
                ))
                .execute(conn)?;
        }
        Ok(id)
    })
}

/// True when a solution with this exact name exists (published or not).
pub fn solution_name_exists(conn: &mut DbConn, name: &str) -> Result<bool, StoreError> {
    let count: i64 = solutions::table
        .filter(solutions::name.eq(name))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

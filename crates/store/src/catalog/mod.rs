//! Catalog queries: published solutions (list, detail with its tabs, vendors, reviews), the search
//! index feed, and (in [`write`]) the operator's edits and the seed's inserts.

pub mod write;

pub use write::{NewPlan, NewSolution, insert_solution, solution_name_exists};

use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::money::tax_rate_percent;
use rc_types::catalog::{
    Category, Plan, PlanKind, Resource, Review, ReviewStats, SolutionDetail, SolutionSummary, SuccessCase,
    SupportInfo, VendorSummary,
};
use rc_types::page::{Page, PageQuery};
use rust_decimal::Decimal;

use crate::db::DbConn;
use crate::error::StoreError;
use crate::schema::{brands, plans, reviews, solutions};

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
    logo_media_id: Option<i64>,
}

/// The detail-only columns of a solution.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = solutions)]
pub struct SolutionTextRow {
    description: String,
    features: String,
    cases: String,
    resources: String,
    support: String,
    agreement: String,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

/// The public URL of an uploaded image.
pub fn media_url(id: i64) -> String {
    format!("/api/v1/media/{id}")
}

/// Parses a JSON column written by the store.
fn json_column<T: serde::de::DeserializeOwned>(id: i64, column: &str, value: &str) -> Result<T, StoreError> {
    serde_json::from_str(value).map_err(|e| StoreError::Corrupt(format!("solution {id} {column}: {e}")))
}

/// A stored plan (the storefront's, the operator's editor's and the cart's view of one).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct PlanRow {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) sku_code: String,
    pub(crate) unit_price_fen: i64,
    pub(crate) tax_rate_bp: i32,
    pub(crate) region: String,
    pub(crate) kind: String,
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
            logo_url: self.logo_media_id.map(media_url),
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

fn plans_of(conn: &mut DbConn, id: i64) -> Result<Vec<Plan>, StoreError> {
    let rows: Vec<PlanRow> = plans::table
        .filter(plans::solution_id.eq(id))
        .order((
            plans::position.asc(),
            plans::unit_price_fen.asc(),
            plans::id.asc(),
        ))
        .select(PlanRow::as_select())
        .load(conn)?;
    rows.into_iter().map(PlanRow::into_plan).collect()
}

/// Review statistics of a solution.
pub fn review_stats(conn: &mut DbConn, id: i64) -> Result<ReviewStats, StoreError> {
    let counts: Vec<(i32, i64)> = reviews::table
        .filter(reviews::solution_id.eq(id))
        .group_by(reviews::rating)
        .select((reviews::rating, diesel::dsl::count_star()))
        .load(conn)?;
    let mut distribution = vec![0_u64; 5];
    let (mut sum, mut count) = (0_i64, 0_i64);
    for (rating, n) in counts {
        if let Some(slot) = usize::try_from(rating - 1)
            .ok()
            .and_then(|i| distribution.get_mut(i))
        {
            *slot = u64::try_from(n).unwrap_or(0);
            sum += i64::from(rating) * n;
            count += n;
        }
    }
    Ok(ReviewStats {
        average: (count > 0).then(|| (Decimal::from(sum) / Decimal::from(count)).round_dp(1)),
        count: u64::try_from(count).unwrap_or(0),
        distribution,
    })
}

/// A review as the storefront shows it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = reviews)]
struct ReviewRow {
    id: i64,
    author: String,
    company: String,
    rating: i32,
    body: String,
    created_at: chrono::NaiveDateTime,
}

/// A brand profile the operator wrote for a vendor.
#[derive(Queryable, Selectable)]
#[diesel(table_name = brands)]
struct BrandProfileRow {
    name: String,
    description: String,
    logo_media_id: Option<i64>,
    website: Option<String>,
}

/// One page of a published solution's reviews, newest first.
pub fn list_reviews(conn: &mut DbConn, id: i64, paging: PageQuery) -> Result<Page<Review>, StoreError> {
    published_exists(conn, id)?;
    let total: i64 = reviews::table
        .filter(reviews::solution_id.eq(id))
        .count()
        .get_result(conn)?;
    let rows: Vec<ReviewRow> = reviews::table
        .filter(reviews::solution_id.eq(id))
        .order((reviews::created_at.desc(), reviews::id.desc()))
        .select(ReviewRow::as_select())
        .limit(crate::paging::limit(paging))
        .offset(crate::paging::offset(paging))
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|row| Review {
            id: row.id,
            author: row.author,
            company: row.company,
            rating: u8::try_from(row.rating).unwrap_or(0),
            body: row.body,
            created_at: row.created_at.and_utc(),
        })
        .collect();
    Ok(crate::paging::page(items, total, paging))
}

fn published_exists(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    solutions::table
        .filter(solutions::id.eq(id).and(solutions::published.eq(true)))
        .select(solutions::id)
        .first::<i64>(conn)?;
    Ok(())
}

/// One published solution with its plans (cheapest first) and everything its tabs show but the
/// side bar: `similar` and `related` are left empty for the caller, which ranks them in memory.
pub fn get_solution(conn: &mut DbConn, id: i64) -> Result<SolutionDetail, StoreError> {
    let (row, text): (SolutionListRow, SolutionTextRow) = solutions::table
        .filter(solutions::id.eq(id).and(solutions::published.eq(true)))
        .select((SolutionListRow::as_select(), SolutionTextRow::as_select()))
        .first(conn)?;
    let plans = plans_of(conn, id)?;
    let features: Vec<String> = json_column(id, "features", &text.features)?;
    let cases: Vec<SuccessCase> = json_column(id, "cases", &text.cases)?;
    let resources: Vec<Resource> = json_column(id, "resources", &text.resources)?;
    let support: SupportInfo = json_column(id, "support", &text.support)?;
    Ok(SolutionDetail {
        summary: row.into_summary()?,
        description: text.description,
        features,
        plans,
        cases,
        resources,
        support,
        agreement_html: if text.agreement.trim().is_empty() {
            String::new()
        } else {
            rc_domain::markdown::render(&text.agreement)
        },
        reviews: review_stats(conn, id)?,
        similar: Vec::new(),
        related: Vec::new(),
        created_at: text.created_at.and_utc(),
        updated_at: text.updated_at.and_utc(),
    })
}

/// Vendors with published solutions, by name, with their brand profiles where the operator wrote one.
pub fn list_vendors(conn: &mut DbConn) -> Result<Vec<VendorSummary>, StoreError> {
    let rows: Vec<(String, i64)> = solutions::table
        .filter(solutions::published.eq(true))
        .group_by(solutions::vendor)
        .select((solutions::vendor, diesel::dsl::count_star()))
        .order(solutions::vendor.asc())
        .load(conn)?;
    let mut profiles: std::collections::HashMap<String, BrandProfileRow> = brands::table
        .select(BrandProfileRow::as_select())
        .load::<BrandProfileRow>(conn)?
        .into_iter()
        .map(|profile| (profile.name.clone(), profile))
        .collect();
    Ok(rows
        .into_iter()
        .map(|(name, count)| {
            let profile = profiles.remove(&name);
            VendorSummary {
                solution_count: u64::try_from(count).unwrap_or(0),
                description: profile
                    .as_ref()
                    .map(|p| p.description.clone())
                    .unwrap_or_default(),
                logo_url: profile.as_ref().and_then(|p| p.logo_media_id).map(media_url),
                website: profile.and_then(|p| p.website),
                name,
            }
        })
        .collect())
}

/// The search-only columns of a solution.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = solutions)]
struct FeedRow {
    description: String,
    features: String,
    published: bool,
    has_product: bool,
    has_service: bool,
    rating_score: i64,
    created_at: chrono::NaiveDateTime,
}

/// A published solution as the storefront keeps it in memory: its index document and list summary.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// What the keyword index stores.
    pub doc: rc_search::SearchDoc,
    /// What list pages, suggestions and the detail side bar show.
    pub summary: SolutionSummary,
}

/// Published solutions changed at or after `since` (all when None), and the ids of solutions
/// changed since then that are no longer published.
pub fn search_feed(
    conn: &mut DbConn,
    since: Option<chrono::NaiveDateTime>,
) -> Result<(Vec<FeedItem>, Vec<i64>), StoreError> {
    let mut select = solutions::table.into_boxed();
    if let Some(since) = since {
        select = select.filter(solutions::updated_at.ge(since));
    } else {
        select = select.filter(solutions::published.eq(true));
    }
    let rows: Vec<(SolutionListRow, FeedRow)> = select
        .select((SolutionListRow::as_select(), FeedRow::as_select()))
        .load(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    let mut removed = Vec::new();
    for (list, feed) in rows {
        let id = list.id;
        if !feed.published {
            removed.push(id);
            continue;
        }
        let features: Vec<String> = json_column(id, "features", &feed.features)?;
        let unsigned = |v: i64| u64::try_from(v).unwrap_or(0);
        let doc = rc_search::SearchDoc {
            id,
            name: list.name.clone(),
            vendor: list.vendor.clone(),
            summary: list.summary.clone(),
            body: format!("{}\n{}", feed.description, features.join("\n")),
            category: list.category.clone(),
            region: list.region.clone(),
            has_product: feed.has_product,
            has_service: feed.has_service,
            price_fen: unsigned(list.min_price_fen),
            sales: unsigned(list.sales_count),
            rating_score: unsigned(feed.rating_score),
            rating_count: unsigned(list.rating_count),
            created_secs: unsigned(feed.created_at.and_utc().timestamp()),
        };
        items.push(FeedItem {
            doc,
            summary: list.into_summary()?,
        });
    }
    Ok((items, removed))
}

/// A plan of a published solution: its solution, unit price (what an order line is priced at)
/// and region.
pub fn plan_price(conn: &mut DbConn, plan_id: i64) -> Result<(i64, Fen, String), StoreError> {
    let (solution_id, price, region): (i64, i64, String) = plans::table
        .inner_join(solutions::table)
        .filter(plans::id.eq(plan_id))
        .filter(solutions::published.eq(true))
        .select((plans::solution_id, plans::unit_price_fen, plans::region))
        .first(conn)?;
    Ok((solution_id, Fen(price), region))
}

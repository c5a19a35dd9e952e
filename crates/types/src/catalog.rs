//! The public solution catalog: solutions (解决方案) with purchase plans / SKUs (购买计划).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::money::Money;
use crate::validation::not_blank;

/// Industry category of a solution (行业解决方案 tabs, manual §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 商务服务
    BusinessServices,
    /// 云与应用
    CloudApps,
    /// 备份与迁移
    BackupMigration,
    /// 安全服务
    SecurityServices,
    /// 其他
    Other,
}

impl Category {
    /// Every category in the manual's tab order.
    pub const ALL: [Category; 5] = [
        Category::BusinessServices,
        Category::CloudApps,
        Category::BackupMigration,
        Category::SecurityServices,
        Category::Other,
    ];

    /// The stable wire/database name (`business_services`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::BusinessServices => "business_services",
            Category::CloudApps => "cloud_apps",
            Category::BackupMigration => "backup_migration",
            Category::SecurityServices => "security_services",
            Category::Other => "other",
        }
    }

    /// Parses the wire/database name.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Whether a plan is a delivered product (serial number / download) or a service (milestones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// 产品: delivered as serial numbers or download links.
    Product,
    /// 服务: delivered as service milestones.
    Service,
}

impl PlanKind {
    /// The stable wire/database name.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::Product => "product",
            PlanKind::Service => "service",
        }
    }

    /// Parses the wire/database name.
    pub fn parse(name: &str) -> Option<PlanKind> {
        match name {
            "product" => Some(PlanKind::Product),
            "service" => Some(PlanKind::Service),
            _ => None,
        }
    }
}

/// Sort order of the solution list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SolutionSort {
    /// Best keyword match first (only meaningful with `q`; without it, like `popular`).
    Relevance,
    /// Most sold first (热门), then best rated.
    #[default]
    Popular,
    /// Best average review first.
    Rating,
    /// Most recently published first.
    Newest,
    /// Lowest starting price first.
    PriceAsc,
    /// Highest starting price first.
    PriceDesc,
    /// By name.
    Name,
}

/// Query of `GET /api/v1/solutions`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListSolutionsQuery {
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
    /// Only this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Only this vendor (exact name, as listed by `GET /api/v1/vendors`).
    #[validate(length(min = 1, max = 100, message = "vendor must be 1 to 100 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// Keywords (Chinese or English) matched by the search index against name, vendor, summary,
    /// description and features; results are ranked by relevance unless `sort` says otherwise.
    #[validate(length(min = 1, max = 100, message = "q must be 1 to 100 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Lowest starting price, yuan (e.g. `"100"`).
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, example = "100"))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub price_min: Option<Decimal>,
    /// Highest starting price, yuan (e.g. `"10000"`).
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, example = "10000"))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub price_max: Option<Decimal>,
    /// Only solutions sold in this region (销售区域), e.g. `中国大陆`.
    #[validate(length(min = 1, max = 50, message = "region must be 1 to 50 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Only solutions with at least one plan of this kind (产品 / 服务, manual §12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PlanKind>,
    /// Sort order (default `relevance` with `q`, else `popular`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<SolutionSort>,
}

impl ListSolutionsQuery {
    /// The keywords, trimmed, when there are any.
    pub fn keywords(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

/// One page of keyword search results (`GET /api/v1/search`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    /// Matching solutions of this page, best match first.
    pub items: Vec<SolutionSummary>,
    /// Matches across all pages.
    pub total: u64,
    /// This page's number (1-based).
    pub page: u32,
    /// Page size used.
    pub per_page: u32,
    /// The terms that matched, for highlighting (lower case; Chinese as the query's own words).
    pub terms: Vec<String>,
}

/// A type-ahead suggestion of the header search box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    /// Solution id.
    pub id: i64,
    /// Solution name.
    pub name: String,
    /// Vendor.
    pub vendor: String,
    /// Lowest plan price (起价).
    pub price_from: Money,
    /// Logo image, when the operator uploaded one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

/// Query of `GET /api/v1/search/suggest`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct SuggestQuery {
    /// What has been typed so far.
    #[validate(length(min = 1, max = 100, message = "q must be 1 to 100 characters"))]
    pub q: String,
}

/// A solution as shown in lists and cards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SolutionSummary {
    /// Solution id.
    pub id: i64,
    /// Display name, e.g. `CloudAtlas (Unify Cloud) 一站式上云迁移管理套件`.
    pub name: String,
    /// Vendor / brand (品牌).
    pub vendor: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Industry category.
    pub category: Category,
    /// Sales region, e.g. `中国大陆`.
    pub region: String,
    /// Lowest plan price (起价).
    pub price_from: Money,
    /// Number of purchase plans.
    pub plan_count: u32,
    /// Completed sales, used for the popular ranking.
    pub sales_count: u64,
    /// Average review score 1.0–5.0, absent when there are no reviews.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "4.5"))]
    pub rating: Option<Decimal>,
    /// Logo image, when the operator uploaded one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

/// A purchase plan / SKU of a solution (购买计划).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    /// Plan id.
    pub id: i64,
    /// Edition name, e.g. `基础版`.
    pub name: String,
    /// SKU code, e.g. `S-BLU-BUS-PLA-P-PLAN-ABD`.
    pub sku_code: String,
    /// Unit price, tax included.
    pub unit_price: Money,
    /// Tax rate in percent as a decimal string, e.g. `"6.00"`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "6.00"))]
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_rate: Decimal,
    /// Region where this plan is sold (所售地区).
    pub region: String,
    /// Product or service.
    pub kind: PlanKind,
}

/// A solution with everything its detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SolutionDetail {
    /// Summary fields shared with the list.
    #[serde(flatten)]
    pub summary: SolutionSummary,
    /// Long description (plain text, paragraphs separated by blank lines).
    pub description: String,
    /// Product features (产品特点), one per item.
    pub features: Vec<String>,
    /// Purchase plans, cheapest first.
    pub plans: Vec<Plan>,
    /// Success cases (成功案例).
    pub cases: Vec<SuccessCase>,
    /// FAQ and resources (资源).
    pub resources: Vec<Resource>,
    /// Technical support contacts (技术支持).
    pub support: SupportInfo,
    /// User agreement (用户协议) as sanitized HTML rendered from the operator's markdown; empty when none.
    pub agreement_html: String,
    /// Review statistics (评价).
    pub reviews: ReviewStats,
    /// Similar products (相似产品): same category.
    pub similar: Vec<SolutionSummary>,
    /// Related recommendations (相关推荐) for the side bar: same vendor first, then popular.
    pub related: Vec<SolutionSummary>,
    /// When the solution was published.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A success case (成功案例), e.g. 陕西省国家税务局 for SaaS4Me Transport.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuccessCase {
    /// The customer (用户), e.g. `陕西省国家税务局`.
    #[validate(custom(function = not_blank), length(max = 100, message = "customer must be at most 100 characters"))]
    pub customer: String,
    /// About the customer (关于用户).
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    pub about: String,
    /// Core challenges (核心挑战).
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    pub challenges: String,
    /// The solution delivered (解决方案).
    #[validate(length(max = 4000, message = "at most 4000 characters"))]
    pub solution: String,
    /// Results (成果).
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    pub results: String,
}

/// A resource or FAQ entry (资源), e.g. `复制与恢复的速度?` with its answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Resource {
    /// Question or title.
    #[validate(custom(function = not_blank), length(max = 200, message = "title must be at most 200 characters"))]
    pub title: String,
    /// Answer or description (plain text).
    #[validate(length(max = 4000, message = "at most 4000 characters"))]
    pub body: String,
    /// Optional link (document, video), `http(s)://…`.
    #[validate(custom(function = crate::validation::http_url))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Technical support contacts of a solution (技术支持).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportInfo {
    /// Hotline (热线电话), e.g. `400-085-0139`; empty when none.
    #[validate(length(max = 30, message = "hotline must be at most 30 characters"))]
    #[serde(default)]
    pub hotline: String,
    /// Email for technical questions (技术问题); empty when none.
    #[validate(length(max = 254, message = "email must be at most 254 characters"))]
    #[serde(default)]
    pub email: String,
    /// Service hours or other notes.
    #[validate(length(max = 200, message = "note must be at most 200 characters"))]
    #[serde(default)]
    pub note: String,
}

/// Review statistics of a solution.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewStats {
    /// Average score (one decimal), absent without reviews.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "4.5"))]
    pub average: Option<Decimal>,
    /// Number of reviews.
    pub count: u64,
    /// Reviews per score: index 0 is 1 star … index 4 is 5 stars.
    pub distribution: Vec<u64>,
}

/// A customer review (评价). Writing one comes with orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    /// Review id.
    pub id: i64,
    /// Reviewer's display name.
    pub author: String,
    /// Reviewer's company.
    pub company: String,
    /// Score 1–5.
    pub rating: u8,
    /// Text.
    pub body: String,
    /// When written.
    pub created_at: DateTime<Utc>,
}

/// A vendor (brand) with its number of published solutions (品牌专区).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VendorSummary {
    /// Vendor name, usable as the `vendor` filter of the solution list.
    pub name: String,
    /// Published solutions of this vendor.
    pub solution_count: u64,
    /// Brand profile text from the operator; empty when none.
    #[serde(default)]
    pub description: String,
    /// Brand logo, when uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// Brand website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// Publication state of operator-edited content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublishState {
    /// 草稿: never shown publicly.
    #[default]
    Draft,
    /// 已发布.
    Published,
}

/// A purchase plan as the operator edits it. Plans keep their id (orders refer to it); a plan
/// left out of the list is removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanInput {
    /// Existing plan id; absent for a new plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Edition name (版本), e.g. `基础版`.
    #[validate(custom(function = not_blank), length(max = 100, message = "name must be at most 100 characters"))]
    pub name: String,
    /// SKU code, unique across the catalog: letters, digits and `-`.
    #[validate(custom(function = sku_code))]
    pub sku_code: String,
    /// Unit price in yuan, tax included, at most two decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "118.00"))]
    #[serde(with = "rust_decimal::serde::str")]
    #[validate(custom(function = price))]
    pub unit_price: Decimal,
    /// Tax rate in percent, 0–100, e.g. `"6"`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "6"))]
    #[serde(with = "rust_decimal::serde::str")]
    #[validate(custom(function = tax_rate))]
    pub tax_rate: Decimal,
    /// Region sold in (所售地区).
    #[validate(custom(function = not_blank), length(max = 50, message = "region must be at most 50 characters"))]
    pub region: String,
    /// Product or service.
    pub kind: PlanKind,
}

/// Everything the operator edits on a solution (create and full update).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SolutionInput {
    /// Display name, unique.
    #[validate(custom(function = not_blank), length(max = 120, message = "name must be at most 120 characters"))]
    pub name: String,
    /// Vendor / brand.
    #[validate(custom(function = not_blank), length(max = 100, message = "vendor must be at most 100 characters"))]
    pub vendor: String,
    /// One-paragraph summary for cards.
    #[validate(custom(function = not_blank), length(max = 300, message = "summary must be at most 300 characters"))]
    pub summary: String,
    /// Long description (plain text).
    #[validate(length(max = 20000, message = "description must be at most 20000 characters"))]
    pub description: String,
    /// Product features (产品特点).
    #[validate(length(max = 30, message = "at most 30 features"))]
    pub features: Vec<String>,
    /// Industry category.
    pub category: Category,
    /// Sales region (销售区域).
    #[validate(custom(function = not_blank), length(max = 50, message = "region must be at most 50 characters"))]
    pub region: String,
    /// Logo image (an id from `POST /api/v1/admin/media`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_media_id: Option<i64>,
    /// Purchase plans.
    #[validate(nested, length(max = 50, message = "at most 50 plans"))]
    pub plans: Vec<PlanInput>,
    /// Success cases.
    #[validate(nested, length(max = 20, message = "at most 20 cases"))]
    #[serde(default)]
    pub cases: Vec<SuccessCase>,
    /// FAQ and resources.
    #[validate(nested, length(max = 50, message = "at most 50 resources"))]
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// Technical support contacts.
    #[validate(nested)]
    #[serde(default)]
    pub support: SupportInfo,
    /// User agreement in markdown (rendered and sanitized for the storefront).
    #[validate(length(max = 50000, message = "agreement must be at most 50000 characters"))]
    #[serde(default)]
    pub agreement: String,
}

/// A solution in the operator's console: its editable input plus state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminSolution {
    /// Solution id.
    pub id: i64,
    /// Draft or published.
    pub state: PublishState,
    /// The editable fields.
    pub input: SolutionInput,
    /// Logo URL for the preview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A row of the operator's solution list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminSolutionRow {
    /// Solution id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Vendor.
    pub vendor: String,
    /// Category.
    pub category: Category,
    /// Lowest plan price.
    pub price_from: Money,
    /// Plans.
    pub plan_count: u32,
    /// Draft or published.
    pub state: PublishState,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Query of `GET /api/v1/admin/solutions`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AdminSolutionQuery {
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
    /// Part of the name or vendor.
    #[validate(length(max = 100, message = "q must be at most 100 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Only drafts or only published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<PublishState>,
}

/// SKU codes: 1–64 characters of ASCII letters, digits and `-`.
pub fn sku_code(value: &str) -> Result<(), validator::ValidationError> {
    let ok = (1..=64).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(validator::ValidationError::new("sku_code")
            .with_message("use 1 to 64 letters, digits or dashes".into()))
    }
}

/// Prices: 0 to 100,000,000 yuan with at most two decimals.
pub fn price(value: &Decimal) -> Result<(), validator::ValidationError> {
    let ok =
        *value >= Decimal::ZERO && *value <= Decimal::from(100_000_000) && value.normalize().scale() <= 2;
    if ok {
        Ok(())
    } else {
        Err(validator::ValidationError::new("price")
            .with_message("enter an amount from 0 to 100000000 with at most two decimals".into()))
    }
}

/// Tax rates: 0 to 100 percent with at most two decimals.
pub fn tax_rate(value: &Decimal) -> Result<(), validator::ValidationError> {
    let ok = *value >= Decimal::ZERO && *value <= Decimal::from(100) && value.normalize().scale() <= 2;
    if ok {
        Ok(())
    } else {
        Err(validator::ValidationError::new("tax_rate")
            .with_message("enter a percentage from 0 to 100 with at most two decimals".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_names_round_trip() {
        for category in Category::ALL {
            assert_eq!(Category::parse(category.as_str()), Some(category));
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.as_str()));
        }
        assert_eq!(Category::parse("nope"), None);
    }

    #[test]
    fn list_query_validates_lengths() {
        let long = "x".repeat(101);
        let query = ListSolutionsQuery {
            q: Some(long),
            ..Default::default()
        };
        let errors = query.validate().unwrap_err();
        assert!(errors.field_errors().contains_key("q"));
    }
}

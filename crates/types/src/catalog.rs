//! The public solution catalog: solutions (解决方案) with purchase plans / SKUs (购买计划).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::money::Money;

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
    /// Most sold first (热门), then best rated.
    #[default]
    Popular,
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
    /// Keyword contained in the name, vendor or summary.
    #[validate(length(min = 1, max = 100, message = "q must be 1 to 100 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Sort order (default `popular`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<SolutionSort>,
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
    /// When the solution was published.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A vendor (brand) with its number of published solutions (品牌专区).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VendorSummary {
    /// Vendor name, usable as the `vendor` filter of the solution list.
    pub name: String,
    /// Published solutions of this vendor.
    pub solution_count: u64,
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

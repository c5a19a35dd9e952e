//! Coupons (优惠券, §10.2): the operator's templates, the coupons issued from them and the
//! company's wallet (未使用 / 已使用 / 已过期).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::Money;

/// Where a coupon stands in its owner's wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CouponState {
    /// 未使用: usable (inside its window, not held by an order).
    Unused,
    /// Reserved by an unpaid order; back to unused if the order is cancelled.
    Held,
    /// 已使用.
    Used,
    /// 已过期: its window ended before it was used.
    Expired,
}

/// A solution a coupon applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponSolution {
    /// Solution id.
    pub id: i64,
    /// Solution name (the manual's 适用方案 link text).
    pub name: String,
}

/// A coupon template's rules, as shown in every coupon issued from it (使用范围, 有效期, 使用区域).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponTerms {
    /// 明细: the template's name (e.g. `双十一促销`).
    pub name: String,
    /// Face value: the most it takes off an order.
    pub face_value: Money,
    /// 满 X 金额使用: the applicable lines must add up to at least this.
    pub min_amount: Money,
    /// X 数量起用: the applicable lines must have at least this many units.
    pub min_quantity: u32,
    /// Applies to every solution (`solutions` is then empty).
    pub all_solutions: bool,
    /// 适用方案 when not all.
    pub solutions: Vec<CouponSolution>,
    /// Window start (`None` with `valid_to` `None`: 永久有效).
    pub valid_from: Option<DateTime<Utc>>,
    /// Window end (exclusive).
    pub valid_to: Option<DateTime<Utc>>,
    /// 使用区域 (e.g. `中国大陆`).
    pub region: String,
}

/// One coupon in a company's wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coupon {
    /// Coupon id.
    pub id: i64,
    /// 优惠券编号: 8–9 letters and digits without look-alikes (e.g. `4H835KXKM`).
    pub code: String,
    /// Where it stands.
    pub state: CouponState,
    /// Its template's rules.
    pub terms: CouponTerms,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// When it was used, and on which order.
    pub used_at: Option<DateTime<Utc>>,
    /// The order that used or holds it.
    pub order_no: Option<String>,
}

/// Query of the wallet: one tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CouponQuery {
    /// `unused` (default; held coupons show here too, marked), `used` or `expired`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable, value_type = Option<CouponState>))]
    pub state: Option<CouponState>,
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 10).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub per_page: Option<u32>,
}

/// One line of a prospective order: a plan and how many (the server prices it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLineInput {
    /// Plan (SKU) id.
    pub plan_id: i64,
    /// Units, 1–9999.
    #[validate(range(min = 1, max = 9999, message = "quantity must be between 1 and 9999"))]
    pub quantity: u32,
}

/// `POST /api/v1/assets/coupons/applicable`: which coupons would apply to these lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicableCouponsInput {
    /// The order's lines (1–50).
    #[validate(length(min = 1, max = 50, message = "give 1 to 50 lines"), nested)]
    pub lines: Vec<OrderLineInput>,
}

/// A coupon that applies, and what it would take off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicableCoupon {
    /// The coupon.
    pub coupon: Coupon,
    /// Its discount on these lines: min(face value, the applicable lines' amount).
    pub discount: Money,
}

/// The validity of a template: permanent, or a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Validity {
    /// 永久有效.
    Permanent,
    /// From `from` (included) to `to` (excluded).
    Window {
        /// Start.
        from: DateTime<Utc>,
        /// End.
        to: DateTime<Utc>,
    },
}

/// Creating or editing a coupon template (the operator's finance desk). The rules across fields
/// (solutions chosen when not all, a window that ends after it starts) are
/// `rc_domain::coupon::check_template`'s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponTemplateInput {
    /// 明细 (1–50 characters).
    #[validate(custom(function = crate::validation::not_blank), length(max = 50, message = "name must be at most 50 characters"))]
    pub name: String,
    /// Face value, yuan.
    #[validate(custom(function = super::amount))]
    pub face_value: String,
    /// 满 X 金额使用, yuan (`"0"` for no minimum).
    #[validate(custom(function = super::amount_or_zero))]
    pub min_amount: String,
    /// X 数量起用 (0 for no minimum).
    #[validate(range(max = 9999, message = "min_quantity must be at most 9999"))]
    pub min_quantity: u32,
    /// Every solution, or only `solution_ids`.
    pub all_solutions: bool,
    /// 适用方案 when not all (1–100 ids).
    #[serde(default)]
    pub solution_ids: Vec<i64>,
    /// 有效期.
    pub validity: Validity,
    /// 使用区域.
    #[validate(custom(function = crate::validation::not_blank), length(max = 50, message = "region must be at most 50 characters"))]
    pub region: String,
}

/// A template with its issuance counts (the finance desk's list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponTemplate {
    /// Template id.
    pub id: i64,
    /// Its rules.
    pub terms: CouponTerms,
    /// Coupons issued from it, by state.
    pub counts: CouponCounts,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// How many coupons of a template are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponCounts {
    /// Issued in all.
    pub issued: u64,
    /// Unused (held included).
    pub unused: u64,
    /// Used.
    pub used: u64,
    /// Expired.
    pub expired: u64,
}

/// `POST /api/v1/admin/finance/coupon-templates/{id}/issuances`: coupons for companies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponIssueInput {
    /// The receiving companies (1–200).
    #[validate(length(min = 1, max = 200, message = "choose 1 to 200 companies"))]
    pub company_ids: Vec<i64>,
    /// Coupons per company (1–100).
    #[validate(range(min = 1, max = 100, message = "quantity must be between 1 and 100"))]
    pub quantity: u32,
}

/// A coupon as the operator lists it: with its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCoupon {
    /// The coupon.
    pub coupon: Coupon,
    /// Owning company id.
    pub company_id: i64,
    /// Owning company name.
    pub company_name: String,
}

/// One coupon code issued to a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCode {
    /// The receiving company.
    pub company_id: i64,
    /// The coupon's code.
    pub code: String,
}

/// What an issuance made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponIssueResult {
    /// Every coupon issued, per company in the order asked.
    pub codes: Vec<IssuedCode>,
}

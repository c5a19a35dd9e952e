//! The operator's finance desk: every company's assets at a glance, settings, the repayment
//! queue and the audit trail of finance actions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::credit::{CreditLineChange, Repayment, RepaymentStatus};
use crate::Money;
use crate::accounts::CompanyKind;

/// One company's three assets (the finance desk's list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyAssets {
    /// Company id.
    pub company_id: i64,
    /// Company name.
    pub company_name: String,
    /// Distributor or reseller.
    pub kind: CompanyKind,
    /// Rebate balance.
    pub rebate_balance: Money,
    /// Unused coupons.
    pub coupons_unused: u64,
    /// 授信总额.
    pub credit_limit: Money,
    /// 可用余额.
    pub credit_available: Money,
    /// 待还款.
    pub credit_outstanding: Money,
    /// The line is on hold for an overdue bill.
    pub credit_on_hold: bool,
}

/// Query of the finance desk's company list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CompanyAssetsQuery {
    /// Search in company names.
    #[validate(length(max = 100, message = "q must be at most 100 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub q: Option<String>,
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub per_page: Option<u32>,
}

/// A company's credit line with its history (the finance desk's detail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditLineDetail {
    /// The line as the company sees it.
    pub account: super::credit::CreditAccount,
    /// Every change, newest first.
    pub history: Vec<CreditLineChange>,
}

/// The finance settings (奖励规则 text, members' access to 我的资产).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FinanceSettings {
    /// 奖励规则 shown on the rebate page (Markdown, up to 5,000 characters).
    #[validate(custom(function = crate::validation::not_blank), length(max = 5000, message = "the rules must be at most 5000 characters"))]
    pub rebate_rules: String,
    /// Whether members (not only the admin and co-admins) see their company's assets.
    pub members_see_assets: bool,
    /// Hours an order paid by bank transfer (线下支付) waits for its confirmed transfer before it is
    /// cancelled by itself (1–720, default 72).
    #[validate(range(min = 1, max = 720, message = "give 1 to 720 hours"))]
    #[serde(default = "default_offline_payment_hours")]
    pub offline_payment_hours: u32,
}

/// The default of [`FinanceSettings::offline_payment_hours`].
pub fn default_offline_payment_hours() -> u32 {
    72
}

/// Query of the repayment queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RepaymentQueueQuery {
    /// Only this status (default: pending).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable, value_type = Option<RepaymentStatus>))]
    pub status: Option<RepaymentStatus>,
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub per_page: Option<u32>,
}

/// A repayment in finance's queue: with the company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueuedRepayment {
    /// The repayment.
    pub repayment: Repayment,
    /// Company id.
    pub company_id: i64,
    /// Company name.
    pub company_name: String,
}

/// One finance action in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FinanceAction {
    /// Entry id.
    pub id: i64,
    /// What (`rebate.grant`, `credit.set`, `coupon.issue`, `repayment.confirm`, …).
    pub action: String,
    /// Who (the staff member's name).
    pub actor: String,
    /// The company concerned.
    pub company_name: Option<String>,
    /// The values and the reason.
    pub detail: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

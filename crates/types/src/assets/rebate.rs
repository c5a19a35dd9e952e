//! The rebate balance (可抵扣优惠金额 / 零钱, §10.1).

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::Money;

/// The company's rebate balance page (余额 + 查看奖励规则).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RebateAccount {
    /// 余额: the sum of every entry.
    pub balance: Money,
    /// Reserved by unpaid orders.
    pub held: Money,
    /// What an order may deduct now (balance − held).
    pub available: Money,
    /// 奖励规则: the operator's rules text (Markdown).
    pub rules: String,
}

/// The operator's grant (发放) or claw-back (扣回) of rebate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RebateDirection {
    /// Credit the company (a reward).
    Grant,
    /// Debit the company (at most what is available).
    ClawBack,
}

/// `POST /api/v1/admin/finance/companies/{id}/rebate-adjustments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RebateAdjustmentInput {
    /// Grant or claw back.
    pub direction: RebateDirection,
    /// Yuan, more than 0, at most two decimals (e.g. `"60.00"`).
    #[validate(custom(function = super::amount))]
    pub amount: String,
    /// Why (shown to the company with the entry and kept in the audit log).
    #[validate(custom(function = super::reason))]
    pub reason: String,
}

//! The credit line (账期余额, §10.3): 授信总额, 账期天数, bills per cycle and repayments.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::Money;

/// The company's credit line page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditAccount {
    /// 授信总额 (0 when the operator has granted no line).
    pub limit: Money,
    /// 账期天数: days from a bill's cycle end to its due date.
    pub term_days: u32,
    /// 可用余额: what new credit spends may use now.
    pub available: Money,
    /// Reserved by unpaid orders.
    pub held: Money,
    /// 待还款: spent and not yet repaid (billed or not).
    pub outstanding: Money,
    /// Part of `outstanding` in bills past their due date.
    pub overdue: Money,
    /// No new credit spends until the overdue bills are paid.
    pub on_hold: bool,
    /// The manual's explanation (根据您的银行授信额度 …).
    pub notice: String,
}

/// Where a bill stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillStatus {
    /// 未还.
    Unpaid,
    /// 部分还款.
    PartlyRepaid,
    /// 已还清.
    Repaid,
    /// 逾期: past its due date and not repaid.
    Overdue,
}

/// A bill (已出账单): the credit spent in one cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bill {
    /// Bill id.
    pub id: i64,
    /// 账单编号, e.g. `ZD202611-0042`.
    pub bill_no: String,
    /// First day of the cycle.
    pub cycle_start: NaiveDate,
    /// Last day of the cycle.
    pub cycle_end: NaiveDate,
    /// Due date: cycle end + the line's term.
    pub due_date: NaiveDate,
    /// 账单金额.
    pub amount: Money,
    /// Repaid so far (confirmed repayments).
    pub repaid: Money,
    /// Submitted repayments finance has not yet confirmed.
    pub pending: Money,
    /// Status.
    pub status: BillStatus,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
}

/// How a repayment is paid (online comes with the payments work).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepaymentMethod {
    /// 线下还款: a bank transfer that finance confirms.
    Offline,
    /// 线上还款: through a payment gateway (not yet available: 422).
    Online,
}

/// Where a repayment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepaymentStatus {
    /// 待确认.
    Pending,
    /// 已确认: the available amount is restored.
    Confirmed,
    /// 已驳回, with finance's reason.
    Rejected,
}

/// A repayment (还款记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Repayment {
    /// Repayment id.
    pub id: i64,
    /// The bill it repays.
    pub bill_id: i64,
    /// That bill's number.
    pub bill_no: String,
    /// Method.
    pub method: RepaymentMethod,
    /// Amount.
    pub amount: Money,
    /// The paying bank account (offline).
    pub payer_account: String,
    /// The day it was paid (offline).
    pub paid_on: NaiveDate,
    /// Status.
    pub status: RepaymentStatus,
    /// Finance's reason when rejected.
    pub reject_reason: Option<String>,
    /// Submitted.
    pub created_at: DateTime<Utc>,
    /// Confirmed or rejected.
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/assets/credit/repayments`: repay (part of) a bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepaymentInput {
    /// The bill.
    pub bill_id: i64,
    /// `offline` (online: 422 until the payments work).
    pub method: RepaymentMethod,
    /// Yuan, at most what the bill still owes.
    #[validate(custom(function = super::amount))]
    pub amount: String,
    /// 银行账号 the transfer came from (offline).
    #[validate(length(min = 4, max = 40, message = "enter the bank account, 4 to 40 characters"))]
    pub payer_account: String,
    /// 还款日期 (not in the future).
    #[validate(custom(function = super::date))]
    pub paid_on: NaiveDate,
}

/// A company's credit line as finance sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditLineInput {
    /// 授信总额, yuan (`"0"` closes the line; never below what is owed and reserved).
    #[validate(custom(function = super::amount_or_zero))]
    pub limit: String,
    /// 账期天数, 1–365.
    #[validate(range(min = 1, max = 365, message = "term_days must be between 1 and 365"))]
    pub term_days: u32,
    /// Why (kept in the line's history).
    #[validate(custom(function = super::reason))]
    pub reason: String,
}

/// One change of a credit line (its history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditLineChange {
    /// The total before.
    pub old_limit: Money,
    /// The total after.
    pub new_limit: Money,
    /// The term before.
    pub old_term_days: u32,
    /// The term after.
    pub new_term_days: u32,
    /// Why.
    pub reason: String,
    /// Who (finance user's name).
    pub actor: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/admin/finance/companies/{id}/credit-spends`: 额度线下使用.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfflineSpendInput {
    /// Yuan, at most the available amount.
    #[validate(custom(function = super::amount))]
    pub amount: String,
    /// What was consumed (shown to the company).
    #[validate(custom(function = super::reason))]
    pub reason: String,
}

/// `POST /api/v1/admin/finance/repayments/{id}/rejection`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectRepaymentInput {
    /// Why (shown to the company).
    #[validate(custom(function = super::reason))]
    pub reason: String,
}

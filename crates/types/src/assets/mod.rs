//! My assets (我的资产, §10): the rebate balance (可抵扣优惠金额 / 零钱), coupons (优惠券) and the credit
//! line (账期余额), and the operator's finance desk that issues and governs them.
//!
//! Every balance is a ledger: an account per (company, asset) — per coupon for coupons — whose
//! entries sum to its balance. Amounts come in as decimal strings (`"60.00"`) checked by
//! [`amount`], so a bad amount is a 422 naming its field, and go out as [`Money`].

pub mod coupons;
pub mod credit;
pub mod finance;
pub mod rebate;

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

use crate::Money;

/// The largest amount one operation may move: ¥100,000,000.
pub const MAX_AMOUNT_YUAN: i64 = 100_000_000;

/// Which asset a ledger account holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Asset {
    /// 可抵扣优惠金额 / 零钱.
    Rebate,
    /// 账期: the balance is the credit line's available amount.
    Credit,
    /// One coupon: its face value, spent whole by the order that uses it.
    Coupon,
}

/// What a ledger entry did to its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// 发放: the operator credited the account (rebate reward, a coupon issued).
    Grant,
    /// 扣回: the operator debited the account, with a reason.
    ClawBack,
    /// 冻结: reserved for an unpaid order (the balance is unchanged, the available amount drops).
    Hold,
    /// 支出 / 购买商品: a hold became a spend when its order was paid or placed.
    Capture,
    /// 释放: a cancelled or timed-out order gave its hold back.
    Release,
    /// 额度调整: the operator changed a credit line's total.
    LimitChange,
    /// 线下使用: finance recorded an offline consumption against a credit line.
    OfflineSpend,
    /// 还款: a confirmed repayment restored part of a credit line.
    Repayment,
    /// 退款: the operator cancelled a paid order and its spend came back.
    Refund,
}

/// One ledger entry as the account's owner sees it (收支明细).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntry {
    /// Entry id.
    pub id: i64,
    /// 交易编号: the date and the entry's number, e.g. `2026120200000042`.
    pub txn_no: String,
    /// 日期.
    pub created_at: DateTime<Utc>,
    /// What happened.
    pub kind: EntryKind,
    /// 交易金额: the signed change of the balance (0 for holds and releases).
    pub amount: Money,
    /// The signed change of the amount on hold.
    pub held_change: Money,
    /// 余额 / 剩余金额: the balance after this entry.
    pub balance_after: Money,
    /// The available amount (balance − holds) after this entry.
    pub available_after: Money,
    /// 对应订单号: the order, bill or repayment the entry belongs to.
    pub reference: Option<String>,
    /// The operator's reason, for grants, claw-backs and adjustments.
    pub reason: Option<String>,
}

/// The period filter of every asset list (近一个月 / 近三个月 / 近六个月 / 自定义).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Period {
    /// 近一个月 (the default).
    #[default]
    #[serde(rename = "1m")]
    OneMonth,
    /// 近三个月.
    #[serde(rename = "3m")]
    ThreeMonths,
    /// 近六个月.
    #[serde(rename = "6m")]
    SixMonths,
    /// 全部: no time limit.
    #[serde(rename = "all")]
    All,
    /// 自定义: `from` to `to`, both days included.
    #[serde(rename = "custom")]
    Custom,
}

/// Query of the asset lists: a period and a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PeriodQuery {
    /// `1m` (default), `3m`, `6m`, `all` or `custom` (then `from` and `to`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable, value_type = Option<Period>))]
    pub period: Option<Period>,
    /// First day of a custom period (`YYYY-MM-DD`, China time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub from: Option<NaiveDate>,
    /// Last day of a custom period, included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub to: Option<NaiveDate>,
    /// 1-based page number (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub per_page: Option<u32>,
}

impl PeriodQuery {
    /// The paging part (10 per page unless asked).
    pub fn paging(&self) -> crate::PageQuery {
        crate::PageQuery::sized(self.page, self.per_page, 10)
    }
}

/// Written out so a custom period's errors name `from` or `to`, not the whole query.
impl Validate for PeriodQuery {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        let mut errors = validator::ValidationErrors::new();
        let error = |code: &'static str, message: &'static str| {
            ValidationError::new(code).with_message(Cow::Borrowed(message))
        };
        if self
            .page
            .is_some_and(|page| !(1..=crate::page::MAX_PAGE).contains(&page))
        {
            errors.add("page", error("range", "page must be between 1 and 1000000"));
        }
        if self
            .per_page
            .is_some_and(|size| !(1..=crate::page::MAX_PER_PAGE).contains(&size))
        {
            errors.add("per_page", error("range", "per_page must be between 1 and 100"));
        }
        for (field, day) in [("from", self.from), ("to", self.to)] {
            if day.is_some_and(|day| date(&day).is_err()) {
                errors.add(field, error("date", "choose a date between 2000 and 2100"));
            }
        }
        if self.period == Some(Period::Custom) {
            if self.from.is_none() {
                errors.add("from", error("required", "a custom period needs a from date"));
            }
            if self.to.is_none() {
                errors.add("to", error("required", "a custom period needs a to date"));
            }
            if let (Some(from), Some(to)) = (self.from, self.to)
                && from > to
            {
                errors.add("to", error("period", "the end of the period is before its start"));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// Amounts entered by people: a decimal number of yuan above 0 and at most ¥100,000,000, with at
/// most two decimals (`"60"`, `"19.9"`, `"0.01"`).
pub fn amount(value: &str) -> Result<(), ValidationError> {
    parse_amount(value).map(|_| ())
}

/// The amount [`amount`] accepts, as a `Decimal`.
pub fn parse_amount(value: &str) -> Result<Decimal, ValidationError> {
    let invalid =
        |message: &'static str| Err(ValidationError::new("amount").with_message(Cow::Borrowed(message)));
    let text = value.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return invalid("enter an amount in yuan, e.g. 60 or 19.90");
    }
    let Ok(decimal) = text.parse::<Decimal>() else {
        return invalid("enter an amount in yuan, e.g. 60 or 19.90");
    };
    if decimal.normalize().scale() > 2 {
        return invalid("an amount has at most two decimals (fen)");
    }
    if decimal <= Decimal::ZERO {
        return invalid("the amount must be more than 0");
    }
    if decimal > Decimal::from(MAX_AMOUNT_YUAN) {
        return invalid("the amount must be at most 100000000");
    }
    Ok(decimal)
}

/// Like [`amount`], also accepting zero (`"0"`, `"0.00"`): a minimum or a total that may be none.
pub fn amount_or_zero(value: &str) -> Result<(), ValidationError> {
    parse_amount_or_zero(value).map(|_| ())
}

/// The amount [`amount_or_zero`] accepts.
pub fn parse_amount_or_zero(value: &str) -> Result<Decimal, ValidationError> {
    let text = value.trim();
    if !text.is_empty()
        && text.chars().all(|c| c == '0' || c == '.')
        && text.starts_with('0')
        && text.matches('.').count() <= 1
        && text.split('.').nth(1).is_none_or(|f| f.len() <= 2)
    {
        return Ok(Decimal::ZERO);
    }
    parse_amount(value)
}

/// Dates people enter (periods, repayment days): between 2000-01-01 and 2100-12-31.
pub fn date(value: &NaiveDate) -> Result<(), ValidationError> {
    if (2000..=2100).contains(&chrono::Datelike::year(value)) {
        Ok(())
    } else {
        Err(ValidationError::new("date").with_message(Cow::Borrowed("choose a date between 2000 and 2100")))
    }
}

/// Free text the operator must give with every change (a reason, 1–200 characters).
pub fn reason(value: &str) -> Result<(), ValidationError> {
    crate::validation::not_blank(value)?;
    if value.chars().count() > 200 {
        return Err(ValidationError::new("length").with_message(Cow::Borrowed("at most 200 characters")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("60").unwrap(), Decimal::from(60));
        assert_eq!(parse_amount(" 19.9 ").unwrap(), Decimal::new(199, 1));
        assert_eq!(parse_amount("0.01").unwrap(), Decimal::new(1, 2));
        for bad in [
            "",
            "-1",
            "0",
            "0.00",
            "1.001",
            "abc",
            "1e3",
            "100000000.01",
            "+5",
            "1,000",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_amount_or_zero("0").unwrap(), Decimal::ZERO);
        assert_eq!(parse_amount_or_zero("0.00").unwrap(), Decimal::ZERO);
        assert_eq!(parse_amount_or_zero("12.5").unwrap(), Decimal::new(125, 1));
        for bad in ["-0", "0.000", "0..0", "-1", ""] {
            assert!(parse_amount_or_zero(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn custom_periods_need_both_ends_in_order() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let query = |from, to| PeriodQuery {
            period: Some(Period::Custom),
            from,
            to,
            ..PeriodQuery::default()
        };
        assert!(query(Some(day(1)), Some(day(2))).validate().is_ok());
        assert!(query(Some(day(2)), Some(day(1))).validate().is_err());
        assert!(query(None, Some(day(1))).validate().is_err());
        assert!(PeriodQuery::default().validate().is_ok());
        let ancient = NaiveDate::from_ymd_opt(-262_000, 1, 1).unwrap();
        assert!(
            query(Some(ancient), Some(day(1))).validate().is_err(),
            "no date the database can't hold"
        );
    }
}

//! Checkout (结算, manual §5.1.3–5.1.6 and §5.2.3–5.2.6): the server's quote of what an order would
//! cost, the electronic contract (§5.1.4, §11) shown before the order exists, and placing it.
//!
//! The client never computes money: every amount here comes from the server.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::Money;
use crate::assets::coupons::ApplicableCoupon;
use crate::catalog::PlanKind;
use crate::customers::Customer;

/// The most characters of a 备注.
pub const MAX_REMARK: u64 = 150;

/// How the rest of an order is paid, after coupon, rebate and credit (支付方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// 线上支付 (Alipay or UnionPay at the cashier).
    Online,
    /// 线下支付: a bank transfer the payer then reports, confirmed by the operator's finance staff.
    Offline,
}

/// One line to buy: a plan and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutItem {
    /// The plan (购买计划) of a published solution.
    pub plan_id: i64,
    /// How many, 1–9999.
    #[validate(range(min = 1, max = 9_999, message = "quantity must be between 1 and 9999"))]
    pub quantity: i32,
    /// The unit price the user was shown, if any: refused (409) when the plan's price is no
    /// longer that. Only compared, never charged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_unit_price: Option<Money>,
}

/// What the user filled in at checkout (填写信息): the same body quotes, shows the contract and
/// places the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutInput {
    /// The lines (1–50 distinct plans): one for 立即购买, the selected cart lines for 结算.
    #[validate(length(min = 1, max = 50, message = "give 1 to 50 lines"), nested)]
    pub items: Vec<CheckoutItem>,
    /// Whether the lines come from the cart: placing the order then removes them from it.
    #[serde(default)]
    pub from_cart: bool,
    /// The end customer (交付信息), one of the company's customers; required to show the contract
    /// and to place the order, optional for a quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    /// 支付方式 for what is left to pay.
    pub payment_method: PaymentMethod,
    /// 是否使用优惠券: the coupon to use (one per order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon_id: Option<i64>,
    /// 是否申请账期: put what is left after coupon and rebate on the credit line.
    #[serde(default)]
    pub use_credit: bool,
    /// 是否使用零钱: how much of the rebate balance to deduct (≤ the balance and ≤ what is left to
    /// pay after the coupon).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rebate_amount: Option<Money>,
    /// 预计结单日期 (information only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close_date: Option<NaiveDate>,
    /// 备注, at most 150 characters.
    #[validate(length(max = 150, message = "the remark must be at most 150 characters"))]
    #[serde(default)]
    pub remark: String,
}

/// One priced line of a quote or an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PricedLine {
    /// The plan (None once deleted, on an order).
    pub plan_id: Option<i64>,
    /// Its solution (None once deleted, on an order).
    pub solution_id: Option<i64>,
    /// Solution name (方案).
    pub solution_name: String,
    /// Plan name (购买计划).
    pub plan_name: String,
    /// SKU.
    pub sku_code: String,
    /// 所售地区.
    pub region: String,
    /// Product or service: products go to the contract's 产品订单, services to 服务/邮费订单.
    pub kind: PlanKind,
    /// 数量.
    pub quantity: i32,
    /// 单价.
    pub unit_price: Money,
    /// 税率 in percent, e.g. `"6.00"`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "6.00"))]
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_rate: rust_decimal::Decimal,
    /// 小计: unit price × quantity.
    pub total: Money,
}

/// The credit line as the checkout sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditOffer {
    /// 可用额度 now.
    pub available: Money,
    /// On hold for an overdue bill: cannot be used.
    pub on_hold: bool,
}

/// What an order would cost, from the server (the client shows it as is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    /// The lines, priced now.
    pub lines: Vec<PricedLine>,
    /// 件数: the sum of the quantities.
    pub item_count: i64,
    /// 商品总金额.
    pub goods_total: Money,
    /// The coupon used and what it takes off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon: Option<ApplicableCoupon>,
    /// 零钱 deducted.
    pub rebate_used: Money,
    /// 优惠金额: coupon discount + 零钱.
    pub discount_total: Money,
    /// Put on the credit line (账期).
    pub credit_used: Money,
    /// 应付总额: what is left to pay online or by transfer (0 when paid in full by the above).
    pub payable: Money,
    /// The coupons that apply to these lines, best first (what 是否使用优惠券 lists).
    pub applicable_coupons: Vec<ApplicableCoupon>,
    /// 可用零钱.
    pub rebate_available: Money,
    /// The credit line, if the company has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<CreditOffer>,
}

/// A party of the contract (甲方 or 乙方).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractPartyView {
    /// 名称.
    pub name: String,
    /// 联系人姓名.
    pub contact_name: String,
    /// 联系人联系方式.
    pub contact: String,
}

/// One table of the contract (产品订单 or 服务/邮费订单) with its totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractTable {
    /// Its rows.
    pub lines: Vec<PricedLine>,
    /// 总计（含税总金额）.
    pub total: Money,
    /// The total in Chinese uppercase (大写).
    pub total_uppercase: String,
}

/// The electronic contract (电子合同) shown before the order exists: the page shows these fields,
/// the PDF at `pdf_url` is the same contract, and agreeing quotes its id and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractView {
    /// Contract id (what placing the order quotes).
    pub id: i64,
    /// 合同编号.
    pub number: String,
    /// Date of the contract.
    pub issued_on: NaiveDate,
    /// 经销商（甲方）.
    pub partner: ContractPartyView,
    /// 乙方: the operator and the company's account manager.
    pub operator: ContractPartyView,
    /// The end customer (服务开通信息 / 交付信息).
    pub customer: Customer,
    /// The clauses (定价方式, 支付方式, 交付方式, no return), as in the PDF.
    pub clauses: Vec<String>,
    /// 产品订单.
    pub products: ContractTable,
    /// 服务/邮费订单.
    pub services: ContractTable,
    /// 本订单表总金额.
    pub grand_total: Money,
    /// 本订单表总金额 in uppercase.
    pub grand_total_uppercase: String,
    /// The quote the contract was made from (the confirm step shows it).
    pub quote: Quote,
    /// SHA-256 of the PDF, hex.
    pub sha256: String,
    /// Where the PDF is (the signed-in user's own contract).
    pub pdf_url: String,
    /// After this the contract must be shown again.
    pub expires_at: DateTime<Utc>,
}

/// Placing the order (同意 the contract): the checkout as shown and the contract agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceOrderInput {
    /// Exactly the checkout the contract was made from.
    #[validate(nested)]
    pub checkout: CheckoutInput,
    /// The contract agreed (its id).
    pub contract_id: i64,
    /// The SHA-256 of the PDF agreed, as shown: refused if it is not that contract's.
    #[validate(length(equal = 64, message = "give the contract's SHA-256 in hex"))]
    pub contract_sha256: String,
}

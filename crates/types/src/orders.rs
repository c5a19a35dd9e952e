//! Orders (客户订单, manual §6.4): list, detail, timeline, offline transfer (线下支付), the
//! operator's order desk, invoice requests (申请开票) and reviews (§6.4.3).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::Money;
use crate::accounts::CompanyKind;
use crate::checkout::{PaymentMethod, PricedLine};

/// 订单状态: 待付款 → 处理中 → 已交付 → 已完成; 待付款 → 已取消 (by the user, the operator or the
/// payment deadline); the operator may also cancel a paid order, refunding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// 待付款.
    PendingPayment,
    /// 处理中 (paid, being fulfilled).
    Processing,
    /// 已交付 (every line delivered).
    Delivered,
    /// 已完成.
    Completed,
    /// 已取消.
    Cancelled,
}

impl OrderStatus {
    /// Every status, in flow order.
    pub const ALL: [OrderStatus; 5] = [
        OrderStatus::PendingPayment,
        OrderStatus::Processing,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
    ];
}

/// 付款状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// 未付款.
    Unpaid,
    /// 待确认: a bank transfer was reported and waits for the finance staff.
    AwaitingConfirmation,
    /// 已付款.
    Paid,
    /// 已退款 (a paid order the operator cancelled).
    Refunded,
}

/// 发货状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// 待发货.
    Pending,
    /// 部分发货: some lines delivered.
    Partial,
    /// 已发货.
    Shipped,
}

/// An order as the list shows it (§6.4.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    /// Order id.
    pub id: i64,
    /// 订单编号, e.g. `20190624090204300`.
    pub order_no: String,
    /// 客户公司.
    pub customer_company: String,
    /// 所在区域 (the lines' regions).
    pub region: String,
    /// 创建日期.
    pub created_at: DateTime<Utc>,
    /// 方案 / 单价 / 数量 per line.
    pub lines: Vec<PricedLine>,
    /// 订单总额.
    pub total: Money,
    /// 渠道: the partner company that placed it.
    pub channel_company: String,
    /// Its id.
    pub channel_company_id: i64,
    /// 合同编号 of the agreed contract (电子合同).
    pub contract_number: String,
    /// 销售: the user who placed it (email).
    pub salesperson: String,
    /// 订单状态.
    pub status: OrderStatus,
    /// 付款状态.
    pub payment_status: PaymentStatus,
    /// 发货状态.
    pub delivery_status: DeliveryStatus,
    /// Unpaid orders: when it is cancelled unless paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_deadline: Option<DateTime<Utc>>,
    /// Whether an invoice may be requested now (paid, none open or issued).
    pub can_request_invoice: bool,
}

/// Query of an order list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct OrderQuery {
    /// Search 订单编号 / 客户公司 / 销售 (contains, case-insensitive).
    #[validate(length(max = 100, message = "the search must be at most 100 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub q: Option<String>,
    /// Only this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable, value_type = Option<OrderStatus>))]
    pub status: Option<OrderStatus>,
    /// Operator desk only: only this partner company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub company_id: Option<i64>,
    /// Operator desk only: only orders whose bank transfer waits for confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub awaiting_transfer: Option<bool>,
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub page: Option<u32>,
    /// Page size, 1–100 (default 15).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub per_page: Option<u32>,
}

/// The end customer on an order (客户信息), as it was when the order was placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderCustomer {
    /// 客户公司.
    pub company: String,
    /// 客户名称.
    pub name: String,
    /// 客户邮箱.
    pub email: String,
    /// 客户电话.
    pub phone: String,
    /// 地址.
    pub address: String,
}

/// The partner that placed the order (渠道商).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderChannel {
    /// 类型.
    pub kind: CompanyKind,
    /// Company id.
    pub company_id: i64,
    /// 公司.
    pub company: String,
    /// 销售: the user's name.
    pub salesperson: String,
    /// 邮箱.
    pub email: String,
    /// 电话.
    pub phone: String,
    /// 地址 (the company's).
    pub address: String,
    /// 角色 of the user in the company.
    pub role: crate::accounts::Role,
}

/// One line of an order with what was delivered (交付内容).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLine {
    /// Line id.
    pub id: i64,
    /// The line as priced when the order was placed (a later price change never alters it).
    #[serde(flatten)]
    pub priced: PricedLine,
    /// 交付内容: serial numbers, download links or service milestones, once delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<String>,
    /// When it was delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<DateTime<Utc>>,
    /// Whether the signed-in user may review it now (completed order, not yet reviewed).
    pub can_review: bool,
    /// The review written for it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<LineReview>,
    /// 已退款: how the line was refunded, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<LineRefund>,
    /// Operator staff who may refund it now: how it would split (computed by the server; the
    /// refund gives back exactly this).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_quote: Option<LineRefundQuote>,
}

/// How a refunded line went back: its share of each source that paid for the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineRefund {
    /// What the buyer got back: 零钱 + credit + cash.
    pub given_back: Money,
    /// The coupon's share, not given back in money (the coupon itself comes back unused once
    /// the whole order is refunded: cancelled, or every line refunded).
    pub coupon_forfeited: Money,
    /// Back to 零钱.
    pub rebate: Money,
    /// The credit share (back on the credit line, except what was already repaid on a bill,
    /// which is in `cash_due`).
    pub credit: Money,
    /// Cash owed back: the share paid online or by transfer, and credit already repaid.
    pub cash_due: Money,
    /// The cash goes back through the payment gateway that took it: where that refund stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<crate::payments::GatewayRefundStatus>,
    /// When the cash was paid back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<DateTime<Utc>>,
    /// The payout's reference (finance's bank reference or the gateway's refund number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Why it was refunded.
    pub reason: String,
    /// When.
    pub refunded_at: DateTime<Utc>,
    /// Finance may record the cash paid back by hand now.
    pub settle: bool,
}

/// How a line would be refunded now (the order desk's preview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineRefundQuote {
    /// What the buyer gets back: 零钱 + credit + cash.
    pub given_back: Money,
    /// The coupon's share, forfeited.
    pub coupon_forfeited: Money,
    /// Back to 零钱.
    pub rebate: Money,
    /// Back to the credit line (or, where already repaid on a bill, as cash).
    pub credit: Money,
    /// The share paid online or by transfer, owed back as cash.
    pub cash: Money,
}

/// A review of an order line (评价及评分).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineReview {
    /// 1–5 stars.
    pub rating: i32,
    /// The text.
    pub body: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// One change in an order's life (the timeline): who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    /// What happened, e.g. `placed`, `paid`, `transfer_submitted`, `transfer_rejected`,
    /// `line_delivered`, `delivered`, `completed`, `cancelled`, `timed_out`, `invoice_requested`.
    pub kind: String,
    /// Who (a name), or None for the system (the payment deadline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Details (a reason, a line, an amount).
    pub detail: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A reported bank transfer and its review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transfer {
    /// Transfer id.
    pub id: i64,
    /// 付款人.
    pub payer_name: String,
    /// 付款银行.
    pub bank: String,
    /// 付款账号.
    pub account: String,
    /// 转账金额.
    pub amount: Money,
    /// 转账日期.
    pub transfer_date: NaiveDate,
    /// 流水号 / 交易参考号.
    pub reference: String,
    /// The receipt image, if one was attached (the signed-in reader's download link).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_url: Option<String>,
    /// `pending`, `confirmed` or `rejected`.
    pub status: String,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// Reported.
    pub created_at: DateTime<Utc>,
}

/// Reporting a bank transfer (线下支付 转账信息). Multipart form: these fields plus an optional
/// `receipt` image (PNG or JPEG, checked by content, ≤ 5 MB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferInput {
    /// 付款人 (the paying company or person).
    #[validate(custom(function = crate::validation::not_blank), length(max = 100, message = "at most 100 characters"))]
    pub payer_name: String,
    /// 付款银行.
    #[validate(custom(function = crate::validation::not_blank), length(max = 100, message = "at most 100 characters"))]
    pub bank: String,
    /// 付款账号.
    #[validate(custom(function = crate::validation::not_blank), length(max = 40, message = "at most 40 characters"))]
    pub account: String,
    /// 转账金额: must be the order's 应付总额.
    pub amount: Money,
    /// 转账日期.
    pub transfer_date: NaiveDate,
    /// 流水号.
    #[validate(custom(function = crate::validation::not_blank), length(max = 64, message = "at most 64 characters"))]
    pub reference: String,
}

/// Rejecting a transfer or cancelling an order: the reason shown to the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonInput {
    /// Why.
    #[validate(custom(function = crate::validation::not_blank), length(max = 300, message = "the reason must be at most 300 characters"))]
    pub reason: String,
}

/// Finance paid a cancelled order's cash refund back: the payout's bank reference (流水号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundPaidInput {
    /// 退款流水号.
    #[validate(custom(function = crate::validation::not_blank), length(max = 64, message = "the reference must be at most 64 characters"))]
    pub reference: String,
}

/// Delivering one line (发货): what the customer gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliverInput {
    /// 交付内容: serial numbers, download links or the service milestone reached.
    #[validate(custom(function = crate::validation::not_blank), length(max = 2000, message = "at most 2000 characters"))]
    pub content: String,
}

/// An invoice request (申请开票) and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    /// Request id.
    pub id: i64,
    /// The order.
    pub order_id: i64,
    /// 订单编号.
    pub order_no: String,
    /// The request as filled in.
    #[serde(flatten)]
    pub request: InvoiceInput,
    /// 开票金额: the order's 实收金额.
    pub amount: Money,
    /// `requested`, `issued`, `rejected`, or `reversed` (issued, then its order was refunded).
    pub status: String,
    /// 发票号码, once issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_no: Option<String>,
    /// 开票日期, once issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<NaiveDate>,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// The issued invoice's PDF (for the buying company and the operator), once attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf_url: Option<String>,
    /// Requested.
    pub created_at: DateTime<Utc>,
}

/// Requesting an invoice for a paid order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceInput {
    /// 发票抬头.
    #[validate(custom(function = crate::validation::not_blank), length(max = 100, message = "at most 100 characters"))]
    pub title: String,
    /// 纳税人识别号 (15–20 letters and digits).
    #[validate(custom(function = crate::validation::tax_number))]
    pub tax_number: String,
    /// 地址、电话.
    #[validate(length(max = 200, message = "at most 200 characters"))]
    #[serde(default)]
    pub address_phone: String,
    /// 开户行及账号.
    #[validate(length(max = 200, message = "at most 200 characters"))]
    #[serde(default)]
    pub bank_account: String,
    /// Where the invoice is sent.
    #[validate(custom(function = crate::validation::email))]
    pub email: String,
}

/// Issuing an invoice (the operator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssueInvoiceInput {
    /// 发票号码.
    #[validate(custom(function = crate::validation::not_blank), length(max = 40, message = "at most 40 characters"))]
    pub invoice_no: String,
    /// 开票日期.
    pub issued_on: NaiveDate,
}

/// Reviewing an order line (评价): 1–5 stars and a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewInput {
    /// 1–5 stars.
    #[validate(range(min = 1, max = 5, message = "give 1 to 5 stars"))]
    pub rating: i32,
    /// What the customer thought (1–500 characters).
    #[validate(custom(function = crate::validation::not_blank), length(max = 500, message = "at most 500 characters"))]
    pub body: String,
}

/// An order in full (§6.4.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    /// Order id.
    pub id: i64,
    /// 订单编号.
    pub order_no: String,
    /// 创建日期.
    pub created_at: DateTime<Utc>,
    /// 订单状态.
    pub status: OrderStatus,
    /// 付款状态.
    pub payment_status: PaymentStatus,
    /// 发货状态.
    pub delivery_status: DeliveryStatus,
    /// 支付方式 for what was left after coupon, rebate and credit.
    pub payment_method: PaymentMethod,
    /// 订单总额 (商品总金额).
    pub total: Money,
    /// 订单折扣: coupon + 零钱.
    pub discount: Money,
    /// 订单实收金额: total − discount.
    pub received: Money,
    /// Of it, put on the credit line.
    pub credit_used: Money,
    /// Of the discount, 零钱.
    pub rebate_used: Money,
    /// Of the discount, the coupon's.
    pub coupon_discount: Money,
    /// 订单优惠码 (the coupon's code), if one was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon_code: Option<String>,
    /// 应付总额: what is paid online or by transfer.
    pub payable: Money,
    /// 预计结束日期 (预计结单日期 at checkout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close_date: Option<NaiveDate>,
    /// 备注.
    pub remark: String,
    /// Unpaid orders: when it is cancelled unless paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_deadline: Option<DateTime<Utc>>,
    /// Why it was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// A cancelled paid order: the cash the operator owes back (what was paid by transfer, and
    /// any credit already repaid); coupon, 零钱 and unpaid credit went back to their sources.
    pub refund_due: Money,
    /// When finance paid that cash back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_paid_at: Option<DateTime<Utc>>,
    /// The payout's bank reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_reference: Option<String>,
    /// 客户信息.
    pub customer: OrderCustomer,
    /// 渠道商.
    pub channel: OrderChannel,
    /// The lines.
    pub lines: Vec<OrderLine>,
    /// The timeline, oldest first.
    pub events: Vec<OrderEvent>,
    /// Reported bank transfers, newest first.
    pub transfers: Vec<Transfer>,
    /// Invoice requests, newest first.
    pub invoices: Vec<Invoice>,
    /// 电子合同: 合同编号.
    pub contract_number: String,
    /// SHA-256 of the stored contract PDF.
    pub contract_sha256: String,
    /// Where the contract PDF is.
    pub contract_url: String,
    /// What the signed-in reader may do now.
    pub actions: OrderActions,
}

/// What the reader of an order may do with it now (the page shows these buttons only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[allow(clippy::struct_excessive_bools, reason = "one flag per button")]
pub struct OrderActions {
    /// 取消订单 (an unpaid order, its buyer's company).
    pub cancel: bool,
    /// Report a bank transfer (an unpaid offline order with no transfer waiting).
    pub submit_transfer: bool,
    /// Pay at the cashier (an unpaid online order).
    pub pay_online: bool,
    /// 申请开票.
    pub request_invoice: bool,
    /// Operator: confirm or reject the waiting transfer.
    pub review_transfer: bool,
    /// Operator: deliver lines.
    pub deliver: bool,
    /// Operator: complete (every line delivered).
    pub complete: bool,
    /// Operator: cancel (releasing holds, or refunding a paid order).
    pub operator_cancel: bool,
    /// Finance: record the cash refund paid back (退款已付).
    #[serde(default)]
    pub settle_refund: bool,
}

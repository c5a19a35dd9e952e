//! Online payment (manual §5 线上支付, §10.3.2 A 蓝云信用支付, §10.3.4 A 额度线上还款): the
//! cashier (蓝云支付平台), attempts at a gateway, credit pay, and the operator's payments ledger
//! and reconciliation.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::Money;
use crate::orders::{OrderStatus, PaymentStatus};

/// A gateway that takes money online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gateway {
    /// 支付宝 (电脑网站支付).
    Alipay,
    /// 银联在线支付.
    Unionpay,
}

impl Gateway {
    /// Every gateway, in the cashier's order.
    pub const ALL: [Gateway; 2] = [Gateway::Alipay, Gateway::Unionpay];
}

/// A way to pay at the cashier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CashierMethod {
    /// 支付宝.
    Alipay,
    /// 银联支付.
    Unionpay,
    /// 蓝云信用支付: from the company's credit line, with the credit-centre password and an
    /// emailed code (orders only).
    Credit,
}

/// One method the cashier lists, and whether this payer may use it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CashierOption {
    /// The method.
    pub method: CashierMethod,
    /// Usable now.
    pub available: bool,
    /// Why not, when it is not.
    pub blocked: Option<MethodBlock>,
}

/// Why a cashier method can't be used now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MethodBlock {
    /// Nothing to pay here now (paid, cancelled, or paid by transfer).
    NotPayable,
    /// The order already spends credit: pay the rest at a gateway.
    CreditUsed,
    /// The company has no credit line.
    NoCreditLine,
    /// The line is on hold until the overdue bills are repaid.
    CreditOnHold,
    /// The line's available amount is below what is to be paid.
    CreditShort,
    /// This user may not spend the company's assets.
    NotAllowed,
}

/// Where the cashier's payment goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum PaymentTarget {
    /// An order (its 应付金额).
    Order(i64),
    /// A credit bill (what it still owes; partial repayment allowed).
    Bill(i64),
}

/// Whether the cashier can take a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CashierState {
    /// Waiting to be paid.
    Payable,
    /// Paid (the order moved on, the bill is repaid).
    Paid,
    /// The order was cancelled (its deadline passed, or somebody cancelled it).
    Cancelled,
    /// A bank transfer was reported and waits for finance: nothing to pay here.
    AwaitingConfirmation,
}

/// The cashier page (蓝云支付平台) of an order or a bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cashier {
    /// What is paid.
    pub target: PaymentTarget,
    /// 订单号 / 账单号.
    pub number: String,
    /// 应付金额: what is left to pay (for a bill: what it still owes).
    pub amount: Money,
    /// Whether it can be paid now.
    pub state: CashierState,
    /// The order is cancelled unless paid by then (orders only).
    pub deadline: Option<DateTime<Utc>>,
    /// Seconds left until [`Self::deadline`] by the server's clock (the countdown starts here).
    pub seconds_left: Option<i64>,
    /// 订单详情: the order's lines (solution · plan × quantity = total); a bill's cycle.
    pub details: Vec<CashierDetail>,
    /// The methods, each with whether it is usable now.
    pub methods: Vec<CashierOption>,
    /// An attempt at a gateway still waiting for its notification.
    pub pending: Option<PaymentAttempt>,
    /// The newest attempt, whatever became of it (the page a payer comes back to tells it).
    pub latest: Option<PaymentAttempt>,
    /// The credit line's available amount, when this payer may see it (orders only).
    pub credit_available: Option<Money>,
    /// Whether this user has set a credit-centre password (credit pay needs it).
    pub credit_password_set: bool,
    /// The order's status, for the page that comes back (orders only).
    pub order_status: Option<OrderStatus>,
    /// The order's payment status (orders only).
    pub payment_status: Option<PaymentStatus>,
}

/// One line of 订单详情.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CashierDetail {
    /// What (solution and plan, or the bill's cycle).
    pub label: String,
    /// How many.
    pub quantity: i32,
    /// Line total.
    pub total: Money,
}

/// Start paying through a gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartPayment {
    /// The gateway.
    pub gateway: Gateway,
    /// For a bill: how much to repay (default: all it owes). Ignored for an order, which is
    /// always paid in full.
    pub amount: Option<String>,
}

/// A form the browser submits to the gateway's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GatewayForm {
    /// `GET` or `POST`.
    pub method: String,
    /// The gateway's page.
    pub url: String,
    /// Signed fields, in order.
    pub fields: Vec<FormField>,
}

/// One form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

/// A started attempt and where the browser goes to pay it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartedPayment {
    /// The attempt.
    pub attempt: PaymentAttempt,
    /// The gateway's page.
    pub form: GatewayForm,
}

/// Where an attempt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    /// Sent to the gateway; no notification yet.
    Pending,
    /// The gateway notified that it took the money.
    Paid,
    /// Closed or failed at the gateway (the payer may try again).
    Closed,
}

/// What a paid attempt's money did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttemptOutcome {
    /// Paid its order or repaid its bill.
    Applied,
    /// Given back through the gateway: it arrived after the order was cancelled or paid by
    /// other means, or for more than the bill still owed.
    Refunded,
}

/// One attempt at a gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentAttempt {
    /// Id.
    pub id: i64,
    /// The merchant's number sent to the gateway (`out_trade_no` / `orderId`).
    pub out_trade_no: String,
    /// The gateway.
    pub gateway: Gateway,
    /// What it pays.
    pub target: PaymentTarget,
    /// Amount.
    pub amount: Money,
    /// Where it stands.
    pub status: AttemptStatus,
    /// What the money did, once paid.
    pub outcome: Option<AttemptOutcome>,
    /// The gateway's trade number, once paid.
    pub trade_no: Option<String>,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Paid.
    pub paid_at: Option<DateTime<Utc>>,
}

/// Ask for the emailed code of a credit payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditCodeSent {
    /// Where it went (masked).
    pub sent_to: String,
    /// It works until then.
    pub expires_at: DateTime<Utc>,
}

/// Pay an order from the credit line (蓝云信用支付).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditPay {
    /// The credit-centre password (信用中心密码).
    #[validate(length(min = 1, max = 128, message = "enter the credit-centre password"))]
    pub password: String,
    /// The 6-digit code from the email.
    #[validate(length(equal = 6, message = "the code has 6 digits"))]
    pub code: String,
}

/// Whether the user has a credit-centre password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditPassword {
    /// Set.
    pub set: bool,
    /// Last set or changed.
    pub updated_at: Option<DateTime<Utc>>,
}

/// Set or change the credit-centre password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetCreditPassword {
    /// To change it: the current credit-centre password; to set the first one: the login password.
    #[validate(length(min = 1, max = 128, message = "enter your current password"))]
    pub current_password: String,
    /// The new one (8–128 characters, not the login password).
    #[validate(length(min = 8, max = 128, message = "the password needs 8 to 128 characters"))]
    pub new_password: String,
}

/// What a payments-ledger entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentEventKind {
    /// An attempt was started (the signed request sent).
    Attempt,
    /// A notification arrived.
    Notification,
    /// The payer's browser came back.
    Return,
    /// The server asked the gateway.
    Query,
    /// A refund through the gateway.
    Refund,
}

/// One entry of the payments ledger (支付流水).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentEvent {
    /// Id.
    pub id: i64,
    /// The attempt, if it names a known one.
    pub attempt_id: Option<i64>,
    /// The gateway.
    pub gateway: Gateway,
    /// What it records.
    pub kind: PaymentEventKind,
    /// The merchant's number it names.
    pub out_trade_no: Option<String>,
    /// The gateway's trade (or refund) number it names.
    pub trade_no: Option<String>,
    /// The amount it names.
    pub amount: Option<Money>,
    /// What the server made of it (`applied`, `duplicate`, `rejected`, `refunded`, …).
    pub verdict: String,
    /// Why, or the gateway's word.
    pub detail: String,
    /// Needs the operator's eye (forged, mismatched, refused).
    pub flagged: bool,
    /// The raw message as received or sent.
    pub raw: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Where a refund through a gateway stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GatewayRefundStatus {
    /// Asked (or to be asked again: the gateway did not answer).
    Pending,
    /// The gateway gave the money back.
    Succeeded,
    /// The gateway refused.
    Refused,
}

/// A refund through the gateway that took the money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GatewayRefund {
    /// Id.
    pub id: i64,
    /// The merchant's refund number.
    pub refund_no: String,
    /// The attempt refunded.
    pub attempt_id: i64,
    /// Amount.
    pub amount: Money,
    /// Where it stands.
    pub status: GatewayRefundStatus,
    /// The gateway's refund number.
    pub gateway_refund_no: Option<String>,
    /// Why.
    pub reason: String,
    /// Tries so far.
    pub tries: i32,
    /// Asked.
    pub created_at: DateTime<Utc>,
}

/// An order's or bill's online payments, for the operator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentRecords {
    /// Attempts, newest first.
    pub attempts: Vec<PaymentAttempt>,
    /// Their ledger entries, newest first.
    pub events: Vec<PaymentEvent>,
    /// Refunds through the gateway.
    pub refunds: Vec<GatewayRefund>,
}

/// One day and gateway of the reconciliation (对账).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReconciliationRow {
    /// Day (China time).
    pub day: NaiveDate,
    /// Gateway.
    pub gateway: Gateway,
    /// Attempts started.
    pub attempts: i64,
    /// Attempts paid.
    pub paid: i64,
    /// Expected: the amounts of the paid attempts.
    pub expected: Money,
    /// Notified: the amounts the accepted notifications named.
    pub notified: Money,
    /// Refunded through the gateway (succeeded).
    pub refunded: Money,
    /// Ledger entries flagged that day (forged, mismatched, refused).
    pub flagged: i64,
    /// Expected and notified differ, or something was flagged.
    pub mismatch: bool,
}

/// The reconciliation's period: China days `from` to `to`, both included (default: the last 7).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReconciliationQuery {
    /// First day (China time).
    pub from: Option<NaiveDate>,
    /// Last day (China time).
    pub to: Option<NaiveDate>,
}

/// 对账: per day and gateway, expected against notified amounts, and the ledger entries that
/// need the operator's eye.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reconciliation {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// One row per day and gateway, newest day first.
    pub rows: Vec<ReconciliationRow>,
    /// Flagged entries of the period (forged, mismatched, refused), newest first.
    pub flagged: Vec<PaymentEvent>,
}

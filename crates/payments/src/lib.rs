//! Payment gateway protocols: what the merchant sends (signed page-pay redirects, queries,
//! refunds) and how it checks what comes back (notifications, query and refund answers), for
//! Alipay (电脑网站支付) and UnionPay (银联在线支付) behind one [`Provider`] trait, plus each
//! protocol's gateway side ([`alipay::gateway`], [`unionpay::gateway`]) for the sandbox that
//! stands in for the real gateways in development and tests. No IO: HTTP is the caller's.

pub mod alipay;
pub mod keys;
pub mod params;
pub mod unionpay;

use chrono::{DateTime, Utc};
use rc_domain::Fen;

pub use keys::{KeyError, PrivateKey, PublicKey};
pub use params::Params;

/// Which gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProviderKind {
    /// 支付宝.
    Alipay,
    /// 银联在线支付.
    Unionpay,
}

impl ProviderKind {
    /// Every provider, in the cashier's order.
    pub const ALL: [ProviderKind; 2] = [ProviderKind::Alipay, ProviderKind::Unionpay];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Alipay => "alipay",
            ProviderKind::Unionpay => "unionpay",
        }
    }

    /// Parses [`Self::as_str`].
    pub fn parse(text: &str) -> Option<ProviderKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A payment to start at the gateway.
#[derive(Debug, Clone)]
pub struct PayRequest<'a> {
    /// The merchant's number of this attempt (unique per attempt, ≤ 40 letters and digits).
    pub out_trade_no: &'a str,
    /// Exactly what to charge.
    pub amount: Fen,
    /// What the payer sees (the order or bill number).
    pub subject: &'a str,
    /// Where the gateway posts the asynchronous notification.
    pub notify_url: &'a str,
    /// Where the payer's browser comes back.
    pub return_url: &'a str,
    /// When the attempt was made (UnionPay's `txnTime`, Alipay's `timestamp`).
    pub created_at: DateTime<Utc>,
    /// After this the gateway must refuse to take the money (the order's deadline).
    pub expires_at: Option<DateTime<Utc>>,
}

/// How the browser goes to the gateway: a form with `fields` sent to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// `GET` (Alipay's page pay) or `POST` (UnionPay's front transaction).
    pub method: &'static str,
    /// The gateway's page.
    pub url: String,
    /// The signed parameters.
    pub fields: Params,
}

/// A verified notification: the gateway says this about attempt `out_trade_no`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notified {
    /// The merchant's attempt number.
    pub out_trade_no: String,
    /// The gateway's own trade number (Alipay `trade_no`, UnionPay `queryId`).
    pub trade_no: String,
    /// The amount the gateway says was paid.
    pub amount: Fen,
    /// Whether the money was taken (Alipay TRADE_SUCCESS / TRADE_FINISHED, UnionPay respCode 00).
    pub paid: bool,
    /// The gateway's status word, as sent.
    pub status: String,
}

/// Why something the gateway (or someone pretending to be it) sent was not believed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    /// Not the protocol's shape: says what is missing or wrong.
    #[error("malformed: {0}")]
    Malformed(String),
    /// The signature does not verify with the gateway's public key.
    #[error("the signature does not verify")]
    BadSignature,
    /// Signed, but for another merchant (app id, seller id, merchant id).
    #[error("not for this merchant: {0}")]
    WrongMerchant(String),
}

/// A server-to-server call to the gateway: a form POSTed to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayCall {
    /// Endpoint.
    pub url: String,
    /// Signed form.
    pub form: Params,
}

/// What a query says about an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryOutcome {
    /// Paid: the gateway's trade number and amount.
    Paid {
        /// Gateway trade number.
        trade_no: String,
        /// Amount paid.
        amount: Fen,
    },
    /// Not paid yet (the payer may still pay).
    Pending,
    /// Closed or failed: it will never be paid; says the gateway's word.
    Closed(String),
    /// The gateway does not know the attempt (the payer never reached it).
    Unknown,
}

/// A refund to ask of the gateway.
#[derive(Debug, Clone)]
pub struct RefundRequest<'a> {
    /// The attempt that took the money.
    pub out_trade_no: &'a str,
    /// The gateway's trade number of it.
    pub trade_no: &'a str,
    /// The merchant's number of this refund (unique; repeating it repeats the same refund).
    pub refund_no: &'a str,
    /// How much to give back.
    pub amount: Fen,
    /// Why (shown to the payer).
    pub reason: &'a str,
    /// Where the gateway reports the refund's result (UnionPay's `backUrl`).
    pub notify_url: &'a str,
    /// When the refund was asked.
    pub created_at: DateTime<Utc>,
}

/// What the gateway answered a refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundOutcome {
    /// Given back; the gateway's refund number.
    Refunded(String),
    /// Refused, with the gateway's reason (the merchant may not retry as is).
    Refused(String),
    /// Not known yet (the gateway is busy, says "processing" or "duplicate", or answered an
    /// unsigned error): asked again later with the same refund number, never paid by hand.
    Unknown(String),
}

/// What to answer the gateway's notification with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ack {
    /// HTTP status.
    pub status: u16,
    /// Body (Alipay wants the literal `success`).
    pub body: &'static str,
}

/// One gateway protocol, merchant side. A third provider is one more implementation.
pub trait Provider: Send + Sync + std::fmt::Debug {
    /// Which gateway.
    fn kind(&self) -> ProviderKind;
    /// The signed browser redirect that starts paying.
    fn pay_redirect(&self, request: &PayRequest<'_>) -> Redirect;
    /// Checks a notification's signature and merchant and reads what it says.
    fn verify_notification(&self, body: &[u8]) -> Result<Notified, Rejected>;
    /// The answer to a notification: `handled` = recorded (applied or already applied), so the
    /// gateway stops sending it; otherwise it will retry.
    fn ack(&self, handled: bool) -> Ack;
    /// The attempt number a browser return names (a hint: it changes nothing by itself).
    fn returned_trade(&self, params: &Params) -> Option<String>;
    /// The signed query of attempt `out_trade_no` made at `created_at`.
    fn query_call(&self, out_trade_no: &str, created_at: DateTime<Utc>) -> GatewayCall;
    /// Checks and reads the answer to [`Self::query_call`].
    fn parse_query(&self, body: &[u8]) -> Result<QueryOutcome, Rejected>;
    /// The signed refund call.
    fn refund_call(&self, request: &RefundRequest<'_>) -> GatewayCall;
    /// Checks and reads the answer to [`Self::refund_call`].
    fn parse_refund(&self, body: &[u8]) -> Result<RefundOutcome, Rejected>;
}

/// `amount` in yuan with exactly two decimals (Alipay's `total_amount`): 9950 fen → `99.50`.
pub fn yuan_2dp(amount: Fen) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let fen = amount.0.unsigned_abs();
    format!("{sign}{}.{:02}", fen / 100, fen % 100)
}

/// Parses a yuan amount with at most two decimals (`99.5`, `99.50`); anything else is refused.
pub fn parse_yuan(text: &str) -> Result<Fen, Rejected> {
    let decimal: rust_decimal::Decimal = text
        .trim()
        .parse()
        .map_err(|_| Rejected::Malformed(format!("amount {text:?} is not a number")))?;
    Fen::from_yuan(decimal).map_err(|_| Rejected::Malformed(format!("amount {text:?} is not in fen")))
}

/// China Standard Time (UTC+8), in which both gateways write their timestamps.
pub fn china(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    at.naive_utc() + chrono::Duration::hours(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_has_two_decimals() {
        assert_eq!(yuan_2dp(Fen(9950)), "99.50");
        assert_eq!(yuan_2dp(Fen(1)), "0.01");
        assert_eq!(yuan_2dp(Fen(100_000_000)), "1000000.00");
        assert_eq!(parse_yuan("99.5"), Ok(Fen(9950)));
        assert_eq!(parse_yuan("0.01"), Ok(Fen(1)));
        assert!(parse_yuan("0.001").is_err());
        assert!(parse_yuan("abc").is_err());
    }

    #[test]
    fn provider_names_round_trip() {
        for kind in ProviderKind::ALL {
            assert_eq!(ProviderKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ProviderKind::parse("paypal"), None);
    }
}

//! Alipay's side of the protocol, for the sandbox gateway: it checks the merchant's signed
//! requests with the application's public key and signs what it sends back (notifications,
//! browser returns, API answers) with its own private key, exactly as the real gateway does.

use chrono::{DateTime, Utc};

use crate::params::{self, Params, get, require};
use crate::{PrivateKey, PublicKey, Rejected, china, yuan_2dp};

/// A merchant's request the gateway believed.
#[derive(Debug, Clone)]
pub struct Request {
    /// `app_id`.
    pub app_id: String,
    /// `method` (`alipay.trade.page.pay`, `alipay.trade.query`, `alipay.trade.refund`).
    pub method: String,
    /// The parsed `biz_content`.
    pub biz: serde_json::Value,
    /// `notify_url`, if sent.
    pub notify_url: Option<String>,
    /// `return_url`, if sent.
    pub return_url: Option<String>,
}

impl Request {
    /// A text field of `biz_content`.
    pub fn biz_text(&self, key: &str) -> Result<&str, Rejected> {
        self.biz
            .get(key)
            .and_then(serde_json::Value::as_str)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| Rejected::Malformed(format!("biz_content.{key} is missing")))
    }
}

/// Verifies a merchant's request with the application's public key (`app_key`).
pub fn verify_request(params: &Params, app_key: &PublicKey) -> Result<Request, Rejected> {
    let sign = require(params, "sign")?;
    if require(params, "sign_type")? != "RSA2" {
        return Err(Rejected::Malformed("sign_type must be RSA2".to_owned()));
    }
    let content = params::sign_content(params, &["sign"]);
    if !app_key.verifies_base64(content.as_bytes(), sign) {
        return Err(Rejected::BadSignature);
    }
    let biz = serde_json::from_str(require(params, "biz_content")?)
        .map_err(|e| Rejected::Malformed(format!("biz_content: {e}")))?;
    Ok(Request {
        app_id: require(params, "app_id")?.to_owned(),
        method: require(params, "method")?.to_owned(),
        biz,
        notify_url: get(params, "notify_url").map(str::to_owned),
        return_url: get(params, "return_url").map(str::to_owned),
    })
}

/// A trade as the gateway reports it.
#[derive(Debug, Clone)]
pub struct Trade<'a> {
    /// The application.
    pub app_id: &'a str,
    /// The merchant's Alipay user id.
    pub seller_id: &'a str,
    /// The merchant's number.
    pub out_trade_no: &'a str,
    /// The gateway's number.
    pub trade_no: &'a str,
    /// Amount.
    pub amount: rc_domain::Fen,
    /// `TRADE_SUCCESS`, `TRADE_CLOSED`, `WAIT_BUYER_PAY`.
    pub status: &'a str,
    /// When it happened.
    pub at: DateTime<Utc>,
}

fn stamp(at: DateTime<Utc>) -> String {
    china(at).format("%Y-%m-%d %H:%M:%S").to_string()
}

fn signed(mut params: Params, key: &PrivateKey, excluded: &[&str]) -> Params {
    let content = params::sign_content(&params, excluded);
    params.push(("sign".to_owned(), key.sign_base64(content.as_bytes())));
    params
}

/// The asynchronous notification of `trade` (`notify_id` distinct per sending), signed.
pub fn notification(trade: &Trade<'_>, notify_id: &str, key: &PrivateKey) -> Params {
    let amount = yuan_2dp(trade.amount);
    let at = stamp(trade.at);
    let mut params = params::of(&[
        ("notify_time", &at),
        ("notify_type", "trade_status_sync"),
        ("notify_id", notify_id),
        ("app_id", trade.app_id),
        ("charset", "utf-8"),
        ("version", "1.0"),
        ("trade_no", trade.trade_no),
        ("out_trade_no", trade.out_trade_no),
        ("seller_id", trade.seller_id),
        ("trade_status", trade.status),
        ("total_amount", &amount),
        ("receipt_amount", &amount),
        ("gmt_payment", &at),
    ]);
    params = signed(params, key, &["sign", "sign_type"]);
    params.push(("sign_type".to_owned(), "RSA2".to_owned()));
    params
}

/// The browser return's parameters after `trade` was paid, signed.
pub fn return_params(trade: &Trade<'_>, key: &PrivateKey) -> Params {
    let amount = yuan_2dp(trade.amount);
    let at = stamp(trade.at);
    let mut params = params::of(&[
        ("app_id", trade.app_id),
        ("method", "alipay.trade.page.pay.return"),
        ("charset", "utf-8"),
        ("version", "1.0"),
        ("timestamp", &at),
        ("out_trade_no", trade.out_trade_no),
        ("trade_no", trade.trade_no),
        ("total_amount", &amount),
        ("seller_id", trade.seller_id),
    ]);
    params = signed(params, key, &["sign", "sign_type"]);
    params.push(("sign_type".to_owned(), "RSA2".to_owned()));
    params
}

/// An API answer `{"<name>": response, "sign": …}`, the signature over the response's exact text.
pub fn response(name: &str, response: &serde_json::Value, key: &PrivateKey) -> String {
    let raw = response.to_string();
    let sign = key.sign_base64(raw.as_bytes());
    format!(
        "{{{}:{raw},\"sign\":{}}}",
        serde_json::Value::from(name),
        serde_json::Value::from(sign)
    )
}

/// The answer of a query about `trade`.
pub fn query_response(trade: &Trade<'_>, key: &PrivateKey) -> String {
    response(
        "alipay_trade_query_response",
        &serde_json::json!({
            "code": "10000",
            "msg": "Success",
            "trade_no": trade.trade_no,
            "out_trade_no": trade.out_trade_no,
            "trade_status": trade.status,
            "total_amount": yuan_2dp(trade.amount),
        }),
        key,
    )
}

/// A business failure answer (`code` 40004) of API `name`.
pub fn failure_response(name: &str, sub_code: &str, sub_msg: &str, key: &PrivateKey) -> String {
    response(
        name,
        &serde_json::json!({
            "code": "40004",
            "msg": "Business Failed",
            "sub_code": sub_code,
            "sub_msg": sub_msg,
        }),
        key,
    )
}

/// The answer of a refund of `trade` (`fund_change` N when the refund number was seen before).
pub fn refund_response(trade: &Trade<'_>, refund: rc_domain::Fen, fresh: bool, key: &PrivateKey) -> String {
    response(
        "alipay_trade_refund_response",
        &serde_json::json!({
            "code": "10000",
            "msg": "Success",
            "trade_no": trade.trade_no,
            "out_trade_no": trade.out_trade_no,
            "refund_fee": yuan_2dp(refund),
            "fund_change": if fresh { "Y" } else { "N" },
        }),
        key,
    )
}

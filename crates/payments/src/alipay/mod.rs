//! Alipay's open-platform protocol (电脑网站支付, `alipay.trade.page.pay`), merchant side: every
//! request signed RSA2 (SHA256withRSA over the sorted `k=v&…` of its non-empty parameters but
//! `sign`); notifications verified with Alipay's public key over all parameters but `sign` and
//! `sign_type`; query and refund answers verified over the exact text of their response object.

pub mod gateway;

use chrono::{DateTime, Utc};
use serde_json::value::RawValue;

use crate::params::{self, Params, get, require};
use crate::{
    Ack, GatewayCall, Notified, PayRequest, PrivateKey, Provider, ProviderKind, PublicKey, QueryOutcome,
    Redirect, RefundOutcome, RefundRequest, Rejected, china, parse_yuan, yuan_2dp,
};

/// The merchant's Alipay settings.
#[derive(Debug)]
pub struct AlipayConfig {
    /// Gateway URL (`https://openapi.alipay.com/gateway.do` in production).
    pub gateway_url: String,
    /// The application's id (`app_id`).
    pub app_id: String,
    /// The merchant's Alipay user id (`seller_id`), checked on every notification.
    pub seller_id: String,
    /// The application's private key.
    pub app_private_key: PrivateKey,
    /// Alipay's public key.
    pub alipay_public_key: PublicKey,
}

/// The Alipay provider.
#[derive(Debug)]
pub struct Alipay {
    config: AlipayConfig,
}

/// The trade statuses that mean the money was taken.
pub const PAID_STATUSES: [&str; 2] = ["TRADE_SUCCESS", "TRADE_FINISHED"];

/// Alipay's success code of an API answer.
const SUCCESS_CODE: &str = "10000";

impl Alipay {
    /// The provider with `config`.
    pub fn new(config: AlipayConfig) -> Alipay {
        Alipay { config }
    }

    /// The common parameters of a call of `method` with `biz_content`, signed.
    fn signed(
        &self,
        method: &str,
        biz_content: &serde_json::Value,
        extra: &[(&str, &str)],
        at: DateTime<Utc>,
    ) -> Params {
        let timestamp = china(at).format("%Y-%m-%d %H:%M:%S").to_string();
        let mut params = params::of(&[
            ("app_id", &self.config.app_id),
            ("method", method),
            ("format", "JSON"),
            ("charset", "utf-8"),
            ("sign_type", "RSA2"),
            ("timestamp", &timestamp),
            ("version", "1.0"),
        ]);
        params.extend(params::of(extra));
        params.push(("biz_content".to_owned(), biz_content.to_string()));
        let content = params::sign_content(&params, &["sign"]);
        params.push((
            "sign".to_owned(),
            self.config.app_private_key.sign_base64(content.as_bytes()),
        ));
        params
    }

    /// Verifies an API answer `{"<method>_response": {...}, "sign": "..."}` and returns the
    /// response object; an unsigned answer is believed only when it reports a failure.
    fn verified_response<'a>(
        &self,
        body: &'a [u8],
        name: &str,
    ) -> Result<(serde_json::Value, bool, bool), Rejected> {
        let envelope: std::collections::HashMap<String, &'a RawValue> = serde_json::from_slice(body)
            .map_err(|e| Rejected::Malformed(format!("answer is not JSON: {e}")))?;
        let raw = envelope
            .get(name)
            .ok_or_else(|| Rejected::Malformed(format!("answer has no {name}")))?;
        let response: serde_json::Value =
            serde_json::from_str(raw.get()).map_err(|e| Rejected::Malformed(e.to_string()))?;
        let signed = match envelope.get("sign") {
            Some(sign) => {
                let sign: String =
                    serde_json::from_str(sign.get()).map_err(|e| Rejected::Malformed(e.to_string()))?;
                if !self
                    .config
                    .alipay_public_key
                    .verifies_base64(raw.get().as_bytes(), &sign)
                {
                    return Err(Rejected::BadSignature);
                }
                true
            }
            None => false,
        };
        let ok = response.get("code").and_then(serde_json::Value::as_str) == Some(SUCCESS_CODE);
        if ok && !signed {
            return Err(Rejected::BadSignature);
        }
        Ok((response, ok, signed))
    }
}

/// Alipay's code of a business failure (the request was understood and refused).
const BUSINESS_FAILURE: &str = "40004";

fn text<'a>(value: &'a serde_json::Value, key: &str) -> &'a str {
    value.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

/// The failure an API answer reports: `sub_msg`, else `msg`, else its code.
fn failure(response: &serde_json::Value) -> String {
    [
        text(response, "sub_msg"),
        text(response, "msg"),
        text(response, "code"),
    ]
    .into_iter()
    .find(|s| !s.is_empty())
    .unwrap_or("no answer")
    .to_owned()
}

impl Provider for Alipay {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Alipay
    }

    fn pay_redirect(&self, request: &PayRequest<'_>) -> Redirect {
        let mut biz = serde_json::json!({
            "out_trade_no": request.out_trade_no,
            "product_code": "FAST_INSTANT_TRADE_PAY",
            "total_amount": yuan_2dp(request.amount),
            "subject": request.subject,
        });
        if let Some(expires) = request.expires_at {
            biz["time_expire"] = china(expires).format("%Y-%m-%d %H:%M:%S").to_string().into();
        }
        let fields = self.signed(
            "alipay.trade.page.pay",
            &biz,
            &[
                ("notify_url", request.notify_url),
                ("return_url", request.return_url),
            ],
            request.created_at,
        );
        Redirect {
            method: "GET",
            url: self.config.gateway_url.clone(),
            fields,
        }
    }

    fn verify_notification(&self, body: &[u8]) -> Result<Notified, Rejected> {
        let params = params::parse_form(body);
        let sign = require(&params, "sign")?;
        if get(&params, "sign_type").is_some_and(|t| t != "RSA2") {
            return Err(Rejected::Malformed("sign_type must be RSA2".to_owned()));
        }
        let content = params::sign_content(&params, &["sign", "sign_type"]);
        if !self
            .config
            .alipay_public_key
            .verifies_base64(content.as_bytes(), sign)
        {
            return Err(Rejected::BadSignature);
        }
        let app_id = require(&params, "app_id")?;
        if app_id != self.config.app_id {
            return Err(Rejected::WrongMerchant(format!("app_id {app_id}")));
        }
        let seller_id = get(&params, "seller_id").unwrap_or("");
        if seller_id != self.config.seller_id {
            return Err(Rejected::WrongMerchant(format!("seller_id {seller_id}")));
        }
        let status = require(&params, "trade_status")?;
        Ok(Notified {
            out_trade_no: require(&params, "out_trade_no")?.to_owned(),
            trade_no: require(&params, "trade_no")?.to_owned(),
            amount: parse_yuan(require(&params, "total_amount")?)?,
            paid: PAID_STATUSES.contains(&status),
            status: status.to_owned(),
        })
    }

    fn ack(&self, handled: bool) -> Ack {
        Ack {
            status: 200,
            body: if handled { "success" } else { "failure" },
        }
    }

    fn returned_trade(&self, params: &Params) -> Option<String> {
        get(params, "out_trade_no").map(str::to_owned)
    }

    fn query_call(&self, out_trade_no: &str, _created_at: DateTime<Utc>) -> GatewayCall {
        GatewayCall {
            url: self.config.gateway_url.clone(),
            form: self.signed(
                "alipay.trade.query",
                &serde_json::json!({ "out_trade_no": out_trade_no }),
                &[],
                Utc::now(),
            ),
        }
    }

    fn parse_query(&self, body: &[u8]) -> Result<QueryOutcome, Rejected> {
        let (response, ok, _) = self.verified_response(body, "alipay_trade_query_response")?;
        if !ok {
            // No such trade yet, or a failure to answer: nothing is closed on an error.
            return Ok(QueryOutcome::Unknown);
        }
        let status = text(&response, "trade_status");
        Ok(if PAID_STATUSES.contains(&status) {
            QueryOutcome::Paid {
                trade_no: text(&response, "trade_no").to_owned(),
                amount: parse_yuan(text(&response, "total_amount"))?,
            }
        } else if status == "WAIT_BUYER_PAY" {
            QueryOutcome::Pending
        } else {
            QueryOutcome::Closed(status.to_owned())
        })
    }

    fn refund_call(&self, request: &RefundRequest<'_>) -> GatewayCall {
        /// Alipay takes at most this much of a refund's reason.
        const REFUND_REASON_CHARS: usize = 256;
        GatewayCall {
            url: self.config.gateway_url.clone(),
            form: self.signed(
                "alipay.trade.refund",
                &serde_json::json!({
                    "out_trade_no": request.out_trade_no,
                    "trade_no": request.trade_no,
                    "refund_amount": yuan_2dp(request.amount),
                    "out_request_no": request.refund_no,
                    "refund_reason": request.reason.chars().take(REFUND_REASON_CHARS).collect::<String>(),
                }),
                &[],
                request.created_at,
            ),
        }
    }

    fn parse_refund(&self, body: &[u8]) -> Result<RefundOutcome, Rejected> {
        let (response, ok, signed) = self.verified_response(body, "alipay_trade_refund_response")?;
        if !ok {
            // Only a signed business refusal is final; a system error or an unsigned answer is
            // asked again.
            let business = text(&response, "code") == BUSINESS_FAILURE
                && text(&response, "sub_code") != "ACQ.SYSTEM_ERROR";
            return Ok(if signed && business {
                RefundOutcome::Refused(failure(&response))
            } else {
                RefundOutcome::Unknown(failure(&response))
            });
        }
        // `fund_change` is N when the same `out_request_no` was refunded before: done either way.
        Ok(RefundOutcome::Refunded(text(&response, "trade_no").to_owned()))
    }
}

#[cfg(test)]
mod tests;

//! UnionPay's online payment protocol (银联在线支付, gateway API 5.1.0), merchant side: every
//! message signed with `signMethod` 01 — SHA256withRSA over the lowercase hex SHA-256 of the
//! sorted `k=v&…` of its non-empty fields but `signature`; the gateway's messages verified the
//! same way with its public key. Amounts are integer fen (`txnAmt`), times China time
//! `yyyyMMddHHmmss`.

pub mod gateway;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::params::{self, Params, get, require};
use crate::{
    Ack, GatewayCall, Notified, PayRequest, PrivateKey, Provider, ProviderKind, PublicKey, QueryOutcome,
    Redirect, RefundOutcome, RefundRequest, Rejected, china,
};
use rc_domain::Fen;

/// The merchant's UnionPay settings.
#[derive(Debug)]
pub struct UnionpayConfig {
    /// Gateway base URL (`https://gateway.95516.com` in production).
    pub gateway_url: String,
    /// 商户号 (`merId`), checked on every notification.
    pub mer_id: String,
    /// The serial number of the merchant's signing certificate (`certId`).
    pub cert_id: String,
    /// The merchant's private key.
    pub private_key: PrivateKey,
    /// UnionPay's public key.
    pub gateway_public_key: PublicKey,
}

/// The UnionPay provider.
#[derive(Debug)]
pub struct Unionpay {
    config: UnionpayConfig,
}

/// Response codes meaning success (`00`, and `A6`: success with extra information).
pub const SUCCESS_CODES: [&str; 2] = ["00", "A6"];
/// Response codes that leave a refund's fate open: processing or timed out (03–05), a
/// duplicate of one already sent (12), busy (34): the merchant asks again, never pays by hand.
pub const UNKNOWN_CODES: [&str; 5] = ["03", "04", "05", "12", "34"];

/// The string that is signed: the hex SHA-256 of the sorted fields.
pub fn digest(params: &Params) -> String {
    let content = params::sign_content(params, &["signature"]);
    let hash = Sha256::digest(content.as_bytes());
    hash.iter().fold(String::with_capacity(64), |mut hex, b| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// `params` with their `signature` added.
pub fn sign(mut params: Params, key: &PrivateKey) -> Params {
    let signature = key.sign_base64(digest(&params).as_bytes());
    params.push(("signature".to_owned(), signature));
    params
}

/// Whether `params` carry a valid `signature` by `key`'s owner.
pub fn verify(params: &Params, key: &PublicKey) -> Result<(), Rejected> {
    let signature = require(params, "signature")?;
    if get(params, "signMethod").is_some_and(|m| m != "01") {
        return Err(Rejected::Malformed("signMethod must be 01".to_owned()));
    }
    if key.verifies_base64(digest(params).as_bytes(), signature) {
        Ok(())
    } else {
        Err(Rejected::BadSignature)
    }
}

/// A time as UnionPay writes it.
pub fn txn_time(at: DateTime<Utc>) -> String {
    china(at).format("%Y%m%d%H%M%S").to_string()
}

/// Parses `txnAmt` (integer fen).
pub fn parse_fen(text: &str) -> Result<Fen, Rejected> {
    text.parse::<i64>()
        .ok()
        .filter(|f| *f >= 0 && text.bytes().all(|b| b.is_ascii_digit()))
        .map(Fen)
        .ok_or_else(|| Rejected::Malformed(format!("txnAmt {text:?} is not fen")))
}

impl Unionpay {
    /// The provider with `config`.
    pub fn new(config: UnionpayConfig) -> Unionpay {
        Unionpay { config }
    }

    fn url(&self, path: &str) -> String {
        format!(
            "{}/gateway/api/{path}",
            self.config.gateway_url.trim_end_matches('/')
        )
    }

    fn signed(&self, fields: &[(&str, &str)]) -> Params {
        let mut params = params::of(&[
            ("version", "5.1.0"),
            ("encoding", "UTF-8"),
            ("signMethod", "01"),
            ("accessType", "0"),
            ("channelType", "07"),
            ("merId", &self.config.mer_id),
            ("certId", &self.config.cert_id),
        ]);
        params.extend(params::of(fields));
        sign(params, &self.config.private_key)
    }

    fn verified(&self, body: &[u8]) -> Result<Params, Rejected> {
        let params = params::parse_form(body);
        verify(&params, &self.config.gateway_public_key)?;
        let mer_id = require(&params, "merId")?;
        if mer_id != self.config.mer_id {
            return Err(Rejected::WrongMerchant(format!("merId {mer_id}")));
        }
        Ok(params)
    }
}

impl Provider for Unionpay {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Unionpay
    }

    fn pay_redirect(&self, request: &PayRequest<'_>) -> Redirect {
        let amount = request.amount.0.to_string();
        let time = txn_time(request.created_at);
        let timeout = request.expires_at.map(txn_time).unwrap_or_default();
        let fields = self.signed(&[
            ("txnType", "01"),
            ("txnSubType", "01"),
            ("bizType", "000201"),
            ("currencyCode", "156"),
            ("orderId", request.out_trade_no),
            ("txnTime", &time),
            ("txnAmt", &amount),
            ("orderDesc", request.subject),
            ("frontUrl", request.return_url),
            ("backUrl", request.notify_url),
            ("payTimeout", &timeout),
        ]);
        Redirect {
            method: "POST",
            url: self.url("frontTransReq.do"),
            fields,
        }
    }

    fn verify_notification(&self, body: &[u8]) -> Result<Notified, Rejected> {
        let params = self.verified(body)?;
        let code = require(&params, "respCode")?;
        Ok(Notified {
            out_trade_no: require(&params, "orderId")?.to_owned(),
            trade_no: require(&params, "queryId")?.to_owned(),
            amount: parse_fen(require(&params, "txnAmt")?)?,
            paid: SUCCESS_CODES.contains(&code) && get(&params, "txnType") == Some("01"),
            status: code.to_owned(),
        })
    }

    fn ack(&self, handled: bool) -> Ack {
        if handled {
            Ack {
                status: 200,
                body: "ok",
            }
        } else {
            Ack {
                status: 500,
                body: "retry",
            }
        }
    }

    fn returned_trade(&self, params: &Params) -> Option<String> {
        get(params, "orderId").map(str::to_owned)
    }

    fn query_call(&self, out_trade_no: &str, created_at: DateTime<Utc>) -> GatewayCall {
        let time = txn_time(created_at);
        GatewayCall {
            url: self.url("queryTrans.do"),
            form: self.signed(&[
                ("txnType", "00"),
                ("txnSubType", "00"),
                ("bizType", "000000"),
                ("orderId", out_trade_no),
                ("txnTime", &time),
            ]),
        }
    }

    fn parse_query(&self, body: &[u8]) -> Result<QueryOutcome, Rejected> {
        let params = self.verified(body)?;
        let code = require(&params, "respCode")?;
        if !SUCCESS_CODES.contains(&code) {
            // No such order yet ("34") or a failure to answer: nothing is closed on an error.
            return Ok(QueryOutcome::Unknown);
        }
        let original = require(&params, "origRespCode")?;
        Ok(if SUCCESS_CODES.contains(&original) {
            QueryOutcome::Paid {
                trade_no: require(&params, "queryId")?.to_owned(),
                amount: parse_fen(require(&params, "txnAmt")?)?,
            }
        } else if ["03", "04", "05"].contains(&original) {
            QueryOutcome::Pending
        } else {
            QueryOutcome::Closed(get(&params, "origRespMsg").unwrap_or(original).to_owned())
        })
    }

    fn refund_call(&self, request: &RefundRequest<'_>) -> GatewayCall {
        let amount = request.amount.0.to_string();
        let time = txn_time(request.created_at);
        GatewayCall {
            url: self.url("backTransReq.do"),
            form: self.signed(&[
                ("txnType", "04"),
                ("txnSubType", "00"),
                ("bizType", "000201"),
                ("orderId", request.refund_no),
                ("origQryId", request.trade_no),
                ("txnTime", &time),
                ("txnAmt", &amount),
                ("backUrl", request.notify_url),
            ]),
        }
    }

    fn parse_refund(&self, body: &[u8]) -> Result<RefundOutcome, Rejected> {
        let params = self.verified(body)?;
        let code = require(&params, "respCode")?;
        let why = get(&params, "respMsg").unwrap_or(code).to_owned();
        Ok(if SUCCESS_CODES.contains(&code) {
            RefundOutcome::Refunded(require(&params, "queryId")?.to_owned())
        } else if UNKNOWN_CODES.contains(&code) {
            RefundOutcome::Unknown(why)
        } else {
            RefundOutcome::Refused(why)
        })
    }
}

#[cfg(test)]
mod tests;

//! UnionPay's side of the protocol, for the sandbox gateway: checks the merchant's signed
//! messages with the merchant's public key and signs its own (notifications, front returns,
//! query and refund answers) with its private key.

use chrono::{DateTime, Utc};

use super::{sign, txn_time, verify};
use crate::params::{self, Params};
use crate::{PrivateKey, PublicKey, Rejected};

/// Verifies a merchant's message with the merchant's public key.
pub fn verify_request(params: &Params, merchant_key: &PublicKey) -> Result<(), Rejected> {
    verify(params, merchant_key)
}

/// A transaction as the gateway reports it.
#[derive(Debug, Clone)]
pub struct Txn<'a> {
    /// 商户号.
    pub mer_id: &'a str,
    /// The merchant's number (`orderId`).
    pub order_id: &'a str,
    /// The gateway's number (`queryId`).
    pub query_id: &'a str,
    /// `txnType`: 01 consumption, 04 refund.
    pub txn_type: &'a str,
    /// Amount.
    pub amount: rc_domain::Fen,
    /// `respCode` (00 success).
    pub resp_code: &'a str,
    /// When the merchant sent it (`txnTime`).
    pub txn_time: DateTime<Utc>,
}

fn fields(txn: &Txn<'_>) -> Params {
    let amount = txn.amount.0.to_string();
    let time = txn_time(txn.txn_time);
    params::of(&[
        ("version", "5.1.0"),
        ("encoding", "UTF-8"),
        ("signMethod", "01"),
        ("accessType", "0"),
        ("bizType", "000201"),
        ("currencyCode", "156"),
        ("merId", txn.mer_id),
        ("orderId", txn.order_id),
        ("queryId", txn.query_id),
        ("txnType", txn.txn_type),
        ("txnSubType", "01"),
        ("txnAmt", &amount),
        ("txnTime", &time),
        ("respCode", txn.resp_code),
        (
            "respMsg",
            if txn.resp_code == "00" {
                "成功[0000000]"
            } else {
                "交易失败"
            },
        ),
    ])
}

/// The background notification (`backUrl`) or front return (`frontUrl`) of `txn`, signed.
pub fn notification(txn: &Txn<'_>, key: &PrivateKey) -> Params {
    sign(fields(txn), key)
}

/// The answer to a query of `txn` (`origRespCode` = the transaction's own code), signed.
pub fn query_response(txn: &Txn<'_>, key: &PrivateKey) -> Params {
    let mut params = fields(txn);
    for (k, v) in &mut params {
        if k == "respCode" {
            "00".clone_into(v);
        }
    }
    params.push(("origRespCode".to_owned(), txn.resp_code.to_owned()));
    sign(params, key)
}

/// An answer with only a response code (34: no such transaction), signed.
pub fn code_response(mer_id: &str, resp_code: &str, message: &str, key: &PrivateKey) -> Params {
    sign(
        params::of(&[
            ("version", "5.1.0"),
            ("encoding", "UTF-8"),
            ("signMethod", "01"),
            ("merId", mer_id),
            ("respCode", resp_code),
            ("respMsg", message),
        ]),
        key,
    )
}

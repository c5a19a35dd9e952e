//! The sandbox gateway (development and tests): speaks Alipay's and UnionPay's protocols from
//! the gateway's side, so the merchant code runs end to end with no internet. It checks the
//! merchant's signed requests with the merchant's public keys, shows the payer a page to choose
//! succeed / fail / cancel, then sends a correctly signed notification to the merchant (queued in
//! the database and retried with backoff until acknowledged, see [`notifier`]) and redirects
//! the browser back. It answers queries and refunds like the real gateways.

pub mod alipay;
pub mod notifier;
pub mod page;
pub mod unionpay;

use actix_web::web;
use rc_payments::{PrivateKey, PublicKey};

use crate::payments::sandbox_keys::SandboxKeys;

/// The sandbox's parsed keys.
#[derive(Debug)]
pub struct Sandbox {
    /// Verifies the merchant's Alipay requests.
    pub alipay_merchant: PublicKey,
    /// Signs as Alipay.
    pub alipay_key: PrivateKey,
    /// Verifies the merchant's UnionPay requests.
    pub unionpay_merchant: PublicKey,
    /// Signs as UnionPay.
    pub unionpay_key: PrivateKey,
}

impl Sandbox {
    /// Parses `keys`.
    pub fn new(keys: &SandboxKeys) -> anyhow::Result<Sandbox> {
        Ok(Sandbox {
            alipay_merchant: PublicKey::parse(&keys.alipay_merchant.public)?,
            alipay_key: PrivateKey::parse(&keys.alipay_gateway.private)?,
            unionpay_merchant: PublicKey::parse(&keys.unionpay_merchant.public)?,
            unionpay_key: PrivateKey::parse(&keys.unionpay_gateway.private)?,
        })
    }
}

/// Mounts the sandbox's pages and APIs under `/sandbox`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/sandbox")
            .route("/alipay/gateway.do", web::get().to(alipay::page))
            .route("/alipay/gateway.do", web::post().to(alipay::api))
            .route("/alipay/decide", web::post().to(alipay::decide))
            .route(
                "/unionpay/gateway/api/frontTransReq.do",
                web::post().to(unionpay::page),
            )
            .route(
                "/unionpay/gateway/api/queryTrans.do",
                web::post().to(unionpay::query),
            )
            .route(
                "/unionpay/gateway/api/backTransReq.do",
                web::post().to(unionpay::refund),
            )
            .route("/unionpay/decide", web::post().to(unionpay::decide)),
    );
}

/// A random gateway trade number with `prefix`.
pub fn trade_number(prefix: &str) -> String {
    use rand::Rng;
    let at = rc_payments::china(chrono::Utc::now()).format("%Y%m%d%H%M%S");
    let suffix: u64 = rand::rng().random_range(0..10_000_000_000);
    format!("{prefix}{at}{suffix:010}")
}

/// The sandbox of this server, or 404 when it does not serve one.
pub fn of(state: &crate::state::AppState) -> Result<std::sync::Arc<Sandbox>, crate::error::ApiError> {
    state
        .sandbox
        .clone()
        .ok_or_else(|| crate::error::ApiError::NotFound("the sandbox gateway is off".to_owned()))
}

//! The merchant's gateways: configuration, the providers built from it and the HTTP calls to
//! them. In development, with nothing configured, both providers point at the sandbox gateway
//! this server also serves (its keys generated at first start); production configuration points
//! them at the real gateways. Nothing here knows which of the two it talks to.

pub mod sandbox_keys;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use rc_payments::alipay::{Alipay, AlipayConfig};
use rc_payments::unionpay::{Unionpay, UnionpayConfig};
use rc_payments::{GatewayCall, PrivateKey, Provider, PublicKey};
use rc_types::payments::Gateway;

use crate::config::AppEnv;

/// Gateway settings; every one from a flag or an environment variable.
#[derive(Debug, Clone, Args)]
pub struct PaymentSettings {
    /// Alipay gateway URL (production: `https://openapi.alipay.com/gateway.do`); unset in
    /// development: the sandbox gateway.
    #[arg(long, env = "ALIPAY_GATEWAY_URL", global = true)]
    pub alipay_gateway_url: Option<String>,
    /// Alipay application id.
    #[arg(long, env = "ALIPAY_APP_ID", global = true)]
    pub alipay_app_id: Option<String>,
    /// Alipay seller (merchant user) id, checked on every notification.
    #[arg(long, env = "ALIPAY_SELLER_ID", global = true)]
    pub alipay_seller_id: Option<String>,
    /// File with the application's private key (PEM or base64 PKCS#8/PKCS#1); never logged.
    #[arg(long, env = "ALIPAY_APP_PRIVATE_KEY_FILE", global = true)]
    pub alipay_app_private_key_file: Option<PathBuf>,
    /// File with Alipay's public key.
    #[arg(long, env = "ALIPAY_PUBLIC_KEY_FILE", global = true)]
    pub alipay_public_key_file: Option<PathBuf>,
    /// UnionPay gateway base URL (production: `https://gateway.95516.com`); unset in
    /// development: the sandbox gateway.
    #[arg(long, env = "UNIONPAY_GATEWAY_URL", global = true)]
    pub unionpay_gateway_url: Option<String>,
    /// UnionPay merchant number (商户号).
    #[arg(long, env = "UNIONPAY_MER_ID", global = true)]
    pub unionpay_mer_id: Option<String>,
    /// Serial number of the merchant's signing certificate (`certId`).
    #[arg(long, env = "UNIONPAY_CERT_ID", global = true)]
    pub unionpay_cert_id: Option<String>,
    /// File with the merchant's private key.
    #[arg(long, env = "UNIONPAY_PRIVATE_KEY_FILE", global = true)]
    pub unionpay_private_key_file: Option<PathBuf>,
    /// File with UnionPay's public key.
    #[arg(long, env = "UNIONPAY_PUBLIC_KEY_FILE", global = true)]
    pub unionpay_public_key_file: Option<PathBuf>,
    /// The sandbox gateway's keys (generated at first start; development only).
    #[arg(
        long,
        env = "SANDBOX_KEYS_FILE",
        default_value = "data/sandbox-gateway-keys.json",
        global = true
    )]
    pub sandbox_keys_file: PathBuf,
    /// Seconds to wait for a gateway's answer before leaving the call to be retried.
    #[arg(long, env = "GATEWAY_TIMEOUT_SECS", default_value_t = 10, global = true)]
    pub gateway_timeout_secs: u64,
}

impl PaymentSettings {
    /// Nothing configured: the sandbox in development, no gateway in production.
    pub fn unconfigured(sandbox_keys_file: PathBuf) -> PaymentSettings {
        PaymentSettings {
            alipay_gateway_url: None,
            alipay_app_id: None,
            alipay_seller_id: None,
            alipay_app_private_key_file: None,
            alipay_public_key_file: None,
            unionpay_gateway_url: None,
            unionpay_mer_id: None,
            unionpay_cert_id: None,
            unionpay_private_key_file: None,
            unionpay_public_key_file: None,
            sandbox_keys_file,
            gateway_timeout_secs: 10,
        }
    }
}

/// The sandbox merchant's ids (what the sandbox gateway expects from this server).
pub mod sandbox_ids {
    /// Alipay app id.
    pub const ALIPAY_APP_ID: &str = "2026000000000001";
    /// Alipay seller id.
    pub const ALIPAY_SELLER_ID: &str = "2088000000000001";
    /// UnionPay merId.
    pub const UNIONPAY_MER_ID: &str = "777290058110048";
    /// UnionPay certId.
    pub const UNIONPAY_CERT_ID: &str = "69629715588";
}

/// The configured gateways and the HTTP client that calls them.
#[derive(Debug)]
pub struct Gateways {
    providers: Vec<(Gateway, Box<dyn Provider>)>,
    http: reqwest::Client,
    base_url: String,
    /// The sandbox's keys, when this server serves the sandbox gateway.
    pub sandbox: Option<sandbox_keys::SandboxKeys>,
    /// The origins of the configured gateways' pages (the SPA's `form-action` admits them).
    pub page_origins: Vec<String>,
}

fn read_key(path: Option<&PathBuf>, what: &str) -> anyhow::Result<String> {
    let path = path.with_context(|| format!("{what} is not configured"))?;
    std::fs::read_to_string(path).with_context(|| format!("reading {what} {}", path.display()))
}

impl Gateways {
    /// Builds the providers: each one fully configured, or (development, nothing configured)
    /// pointed at the sandbox under `base_url`; in production an unconfigured one is left out.
    pub fn from_settings(
        settings: &PaymentSettings,
        env: AppEnv,
        base_url: &str,
    ) -> anyhow::Result<Gateways> {
        let development = env == AppEnv::Development;
        let needs_sandbox =
            development && (settings.alipay_gateway_url.is_none() || settings.unionpay_gateway_url.is_none());
        let sandbox = needs_sandbox
            .then(|| sandbox_keys::load_or_create(&settings.sandbox_keys_file))
            .transpose()?;
        let mut providers: Vec<(Gateway, Box<dyn Provider>)> = Vec::new();
        if let Some(url) = &settings.alipay_gateway_url {
            providers.push((
                Gateway::Alipay,
                Box::new(Alipay::new(AlipayConfig {
                    gateway_url: url.clone(),
                    app_id: settings
                        .alipay_app_id
                        .clone()
                        .context("ALIPAY_APP_ID is not set")?,
                    seller_id: settings
                        .alipay_seller_id
                        .clone()
                        .context("ALIPAY_SELLER_ID is not set")?,
                    app_private_key: PrivateKey::parse(&read_key(
                        settings.alipay_app_private_key_file.as_ref(),
                        "ALIPAY_APP_PRIVATE_KEY_FILE",
                    )?)?,
                    alipay_public_key: PublicKey::parse(&read_key(
                        settings.alipay_public_key_file.as_ref(),
                        "ALIPAY_PUBLIC_KEY_FILE",
                    )?)?,
                })),
            ));
        } else if let Some(keys) = &sandbox {
            providers.push((
                Gateway::Alipay,
                Box::new(Alipay::new(AlipayConfig {
                    gateway_url: format!("{base_url}/sandbox/alipay/gateway.do"),
                    app_id: sandbox_ids::ALIPAY_APP_ID.to_owned(),
                    seller_id: sandbox_ids::ALIPAY_SELLER_ID.to_owned(),
                    app_private_key: PrivateKey::parse(&keys.alipay_merchant.private)?,
                    alipay_public_key: PublicKey::parse(&keys.alipay_gateway.public)?,
                })),
            ));
        }
        if let Some(url) = &settings.unionpay_gateway_url {
            providers.push((
                Gateway::Unionpay,
                Box::new(Unionpay::new(UnionpayConfig {
                    gateway_url: url.clone(),
                    mer_id: settings
                        .unionpay_mer_id
                        .clone()
                        .context("UNIONPAY_MER_ID is not set")?,
                    cert_id: settings
                        .unionpay_cert_id
                        .clone()
                        .context("UNIONPAY_CERT_ID is not set")?,
                    private_key: PrivateKey::parse(&read_key(
                        settings.unionpay_private_key_file.as_ref(),
                        "UNIONPAY_PRIVATE_KEY_FILE",
                    )?)?,
                    gateway_public_key: PublicKey::parse(&read_key(
                        settings.unionpay_public_key_file.as_ref(),
                        "UNIONPAY_PUBLIC_KEY_FILE",
                    )?)?,
                })),
            ));
        } else if let Some(keys) = &sandbox {
            providers.push((
                Gateway::Unionpay,
                Box::new(Unionpay::new(UnionpayConfig {
                    gateway_url: format!("{base_url}/sandbox/unionpay"),
                    mer_id: sandbox_ids::UNIONPAY_MER_ID.to_owned(),
                    cert_id: sandbox_ids::UNIONPAY_CERT_ID.to_owned(),
                    private_key: PrivateKey::parse(&keys.unionpay_merchant.private)?,
                    gateway_public_key: PublicKey::parse(&keys.unionpay_gateway.public)?,
                })),
            ));
        }
        // A call must end well within a refund's claim, so no other server asks meanwhile.
        anyhow::ensure!(
            (1..=25).contains(&settings.gateway_timeout_secs),
            "GATEWAY_TIMEOUT_SECS must be 1 to 25 (a refund's claim lasts 60 s)"
        );
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(settings.gateway_timeout_secs))
            .build()
            .context("building the gateway HTTP client")?;
        let page_origins = [&settings.alipay_gateway_url, &settings.unionpay_gateway_url]
            .into_iter()
            .flatten()
            .filter_map(|url| reqwest::Url::parse(url).ok())
            .map(|url| url.origin().ascii_serialization())
            .collect();
        Ok(Gateways {
            providers,
            http,
            base_url: base_url.to_owned(),
            sandbox,
            page_origins,
        })
    }

    /// The provider of `gateway`, if configured.
    pub fn get(&self, gateway: Gateway) -> Option<&dyn Provider> {
        self.providers
            .iter()
            .find(|(g, _)| *g == gateway)
            .map(|(_, p)| p.as_ref())
    }

    /// The configured gateways, in the cashier's order.
    pub fn available(&self) -> Vec<Gateway> {
        Gateway::ALL
            .into_iter()
            .filter(|g| self.get(*g).is_some())
            .collect()
    }

    /// Where `gateway` posts its notifications.
    pub fn notify_url(&self, gateway: Gateway) -> String {
        format!("{}/api/v1/payments/notify/{}", self.base_url, name(gateway))
    }

    /// Where the payer's browser comes back from `gateway`.
    pub fn return_url(&self, gateway: Gateway) -> String {
        format!("{}/api/v1/payments/return/{}", self.base_url, name(gateway))
    }

    /// POSTs `call` to the gateway; a timeout, a refused connection or a non-2xx answer is an
    /// error (the caller leaves the work to be retried).
    pub async fn send(&self, call: &GatewayCall) -> Result<Vec<u8>, String> {
        let response = self
            .http
            .post(&call.url)
            .header("content-type", "application/x-www-form-urlencoded;charset=utf-8")
            .body(rc_payments::params::encode_form(&call.form))
            .send()
            .await
            .map_err(|e| format!("gateway unreachable: {e}"))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("gateway answer unreadable: {e}"))?;
        if !status.is_success() {
            return Err(format!("gateway answered HTTP {status}"));
        }
        Ok(body.to_vec())
    }
}

/// The gateway's name in URLs and storage.
pub fn name(gateway: Gateway) -> &'static str {
    match gateway {
        Gateway::Alipay => "alipay",
        Gateway::Unionpay => "unionpay",
    }
}

/// Parses [`name`].
pub fn parse_name(text: &str) -> Option<Gateway> {
    Gateway::ALL.into_iter().find(|g| name(*g) == text)
}

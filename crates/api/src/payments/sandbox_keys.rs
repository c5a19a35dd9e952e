//! The sandbox gateway's key pairs — its own for each protocol and the ones of the merchant it
//! serves — generated at first start and kept in a private file, so the merchant side and the
//! sandbox agree across restarts (and test servers share one file instead of generating keys
//! each).

use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

/// A PEM pair.
#[derive(Clone, Serialize, Deserialize)]
pub struct PemPair {
    /// PKCS#8 private key.
    pub private: String,
    /// SPKI public key.
    pub public: String,
}

impl std::fmt::Debug for PemPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PemPair(<redacted>)")
    }
}

/// Every key the sandbox and its merchant use.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SandboxKeys {
    /// The merchant's Alipay application key.
    pub alipay_merchant: PemPair,
    /// The sandbox Alipay gateway's key.
    pub alipay_gateway: PemPair,
    /// The merchant's UnionPay key.
    pub unionpay_merchant: PemPair,
    /// The sandbox UnionPay gateway's key.
    pub unionpay_gateway: PemPair,
}

fn generate() -> anyhow::Result<PemPair> {
    let (private, public) = rc_payments::keys::generate_pem_pair()?;
    Ok(PemPair { private, public })
}

/// Reads the keys at `path`, generating and writing them (atomically, mode 0600) the first time.
pub fn load_or_create(path: &Path) -> anyhow::Result<SandboxKeys> {
    if let Ok(text) = std::fs::read_to_string(path)
        && let Ok(keys) = serde_json::from_str::<SandboxKeys>(&text)
    {
        return Ok(keys);
    }
    let keys = SandboxKeys {
        alipay_merchant: generate()?,
        alipay_gateway: generate()?,
        unionpay_merchant: generate()?,
        unionpay_gateway: generate()?,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    crate::secrets::write_private(&temporary, &serde_json::to_string(&keys)?)
        .with_context(|| format!("writing {}", temporary.display()))?;
    // A hard link never replaces an existing file: of several servers starting at once, the
    // first to link wins and every other one reads the winner's keys.
    let linked = std::fs::hard_link(&temporary, path);
    let _ = std::fs::remove_file(&temporary);
    if linked.is_ok() {
        tracing::info!(path = %path.display(), "generated the sandbox gateway's keys");
        return Ok(keys);
    }
    load_again(path).with_context(|| format!("reading {}", path.display()))
}

/// Whatever is at `path` now (another process may have won the race to write it).
fn load_again(path: &Path) -> anyhow::Result<SandboxKeys> {
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

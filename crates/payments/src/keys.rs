//! RSA keys as gateways hand them out: PEM (PKCS#8 / PKCS#1 private, SPKI public) or the bare
//! base64 DER that Alipay's key tool prints. Signing and verifying go through ring (blinded,
//! constant-time private-key operations); the `rsa` crate only parses and generates.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ring::rand::SystemRandom;
use ring::signature::{self, RsaKeyPair, UnparsedPublicKey};
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::{RsaPrivateKey, RsaPublicKey};

/// A key that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct KeyError(String);

/// A private signing key (SHA256withRSA, PKCS#1 v1.5). Its debug output never shows the key.
pub struct PrivateKey {
    pair: RsaKeyPair,
    rng: SystemRandom,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey(<redacted>)")
    }
}

impl PrivateKey {
    /// Reads a PKCS#8 or PKCS#1 key, PEM or bare base64 DER.
    pub fn parse(text: &str) -> Result<PrivateKey, KeyError> {
        let text = text.trim();
        let key = if text.contains("BEGIN RSA PRIVATE KEY") {
            RsaPrivateKey::from_pkcs1_pem(text).map_err(|e| KeyError(format!("PKCS#1 key: {e}")))?
        } else if text.contains("BEGIN PRIVATE KEY") {
            RsaPrivateKey::from_pkcs8_pem(text).map_err(|e| KeyError(format!("PKCS#8 key: {e}")))?
        } else {
            let der = bare_der(text)?;
            RsaPrivateKey::from_pkcs8_der(&der)
                .or_else(|_| RsaPrivateKey::from_pkcs1_der(&der))
                .map_err(|e| KeyError(format!("private key: {e}")))?
        };
        let pkcs8 = key
            .to_pkcs8_der()
            .map_err(|e| KeyError(format!("private key: {e}")))?;
        let pair =
            RsaKeyPair::from_pkcs8(pkcs8.as_bytes()).map_err(|e| KeyError(format!("private key: {e}")))?;
        Ok(PrivateKey {
            pair,
            rng: SystemRandom::new(),
        })
    }

    /// The SHA256withRSA signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let mut signature = vec![0; self.pair.public().modulus_len()];
        self.pair
            .sign(&signature::RSA_PKCS1_SHA256, &self.rng, message, &mut signature)
            .expect("signing with a parsed RSA key cannot fail");
        signature
    }

    /// [`Self::sign`] as base64 (what both gateways put in `sign` / `signature`).
    pub fn sign_base64(&self, message: &[u8]) -> String {
        STANDARD.encode(self.sign(message))
    }
}

/// A public key that verifies a counterpart's signatures.
#[derive(Clone)]
pub struct PublicKey {
    pkcs1: Vec<u8>,
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({} bytes)", self.pkcs1.len())
    }
}

impl PublicKey {
    /// Reads an SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`) key, PEM or bare base64.
    pub fn parse(text: &str) -> Result<PublicKey, KeyError> {
        let text = text.trim();
        let key = if text.contains("BEGIN RSA PUBLIC KEY") {
            use rsa::pkcs1::DecodeRsaPublicKey;
            RsaPublicKey::from_pkcs1_pem(text).map_err(|e| KeyError(format!("public key: {e}")))?
        } else if text.contains("BEGIN PUBLIC KEY") {
            RsaPublicKey::from_public_key_pem(text).map_err(|e| KeyError(format!("public key: {e}")))?
        } else {
            RsaPublicKey::from_public_key_der(&bare_der(text)?)
                .map_err(|e| KeyError(format!("public key: {e}")))?
        };
        let pkcs1 = key
            .to_pkcs1_der()
            .map_err(|e| KeyError(format!("public key: {e}")))?
            .into_vec();
        Ok(PublicKey { pkcs1 })
    }

    /// Whether `signature` is this key's SHA256withRSA signature of `message`.
    pub fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &self.pkcs1)
            .verify(message, signature)
            .is_ok()
    }

    /// [`Self::verifies`] for a base64 signature; a signature that is not base64 does not verify.
    pub fn verifies_base64(&self, message: &[u8], signature: &str) -> bool {
        STANDARD
            .decode(signature.trim())
            .is_ok_and(|bytes| self.verifies(message, &bytes))
    }
}

fn bare_der(text: &str) -> Result<Vec<u8>, KeyError> {
    let compact: String = text.split_whitespace().collect();
    STANDARD
        .decode(compact)
        .map_err(|_| KeyError("a key must be PEM or base64 DER".to_owned()))
}

/// A freshly generated 2048-bit key pair as PEM: (PKCS#8 private, SPKI public). What the
/// sandbox gateway makes at its first start, for itself and for the merchant it serves.
pub fn generate_pem_pair() -> Result<(String, String), KeyError> {
    let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048)
        .map_err(|e| KeyError(format!("generating a key: {e}")))?;
    let private = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| KeyError(e.to_string()))?
        .to_string();
    let public = key
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| KeyError(e.to_string()))?;
    Ok((private, public))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::OnceLock;

    use super::*;

    /// One generated pair per test process (generation takes a while).
    pub(crate) fn pair() -> &'static (String, String) {
        static PAIR: OnceLock<(String, String)> = OnceLock::new();
        PAIR.get_or_init(|| generate_pem_pair().expect("generates"))
    }

    /// A second, unrelated pair: a forger's.
    pub(crate) fn other_pair() -> &'static (String, String) {
        static PAIR: OnceLock<(String, String)> = OnceLock::new();
        PAIR.get_or_init(|| generate_pem_pair().expect("generates"))
    }

    #[test]
    fn signs_and_verifies_in_every_encoding() {
        let (private, public) = pair();
        let key = PrivateKey::parse(private).expect("pem private");
        let signature = key.sign_base64(b"a=1&b=2");
        let spki = PublicKey::parse(public).expect("pem public");
        assert!(spki.verifies_base64(b"a=1&b=2", &signature));
        assert!(!spki.verifies_base64(b"a=1&b=3", &signature), "another message");
        assert!(!spki.verifies_base64(b"a=1&b=2", "not base64!"));
        let bare: String = public.lines().filter(|l| !l.starts_with("-----")).collect();
        let from_bare = PublicKey::parse(&bare).expect("bare base64 public");
        assert!(from_bare.verifies_base64(b"a=1&b=2", &signature));
        let bare_private: String = private.lines().filter(|l| !l.starts_with("-----")).collect();
        let again = PrivateKey::parse(&bare_private).expect("bare base64 private");
        assert!(spki.verifies_base64(b"x", &again.sign_base64(b"x")));
        let forger = PrivateKey::parse(&other_pair().0).expect("parses");
        assert!(!spki.verifies_base64(b"a=1&b=2", &forger.sign_base64(b"a=1&b=2")));
    }

    #[test]
    fn debug_output_hides_the_private_key() {
        let key = PrivateKey::parse(&pair().0).expect("parses");
        assert_eq!(format!("{key:?}"), "PrivateKey(<redacted>)");
    }

    #[test]
    fn garbage_is_refused() {
        assert!(PrivateKey::parse("hello").is_err());
        assert!(PublicKey::parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----").is_err());
    }
}

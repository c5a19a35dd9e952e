//! Sealed values: secrets the database must keep but nobody reading a row may learn (an emailed
//! link until it is delivered, the refresh token a rotation just issued). ChaCha20-Poly1305 under
//! a key derived (HKDF-SHA256) from the server secret; every seal has a fresh random nonce.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::hkdf;
use ring::rand::{SecureRandom, SystemRandom};

use crate::secrets::Secret;

/// Seals and opens values with the server's sealing key.
#[derive(Clone)]
pub struct Sealer {
    key: Arc<LessSafeKey>,
    mac: Arc<ring::hmac::Key>,
    rng: SystemRandom,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(<key>)")
    }
}

impl Sealer {
    /// The sealer keyed by `secret` (a key of its own, not the token-signing key itself).
    pub fn new(secret: &Secret) -> Sealer {
        let salt = hkdf::Salt::new(hkdf::HKDF_SHA256, b"reseller-center sealed values v1");
        let prk = salt.extract(secret.expose());
        let okm = prk
            .expand(&[b"chacha20-poly1305"], &CHACHA20_POLY1305)
            .expect("HKDF output of the AEAD key length");
        let key = LessSafeKey::new(UnboundKey::from(okm));
        let mac = ring::hmac::Key::from(
            prk.expand(&[b"hmac-sha256 digests"], ring::hmac::HMAC_SHA256)
                .expect("HKDF output of the HMAC key length"),
        );
        Sealer {
            key: Arc::new(key),
            mac: Arc::new(mac),
            rng: SystemRandom::new(),
        }
    }

    /// `plain` encrypted and authenticated, as URL-safe base64 (nonce ‖ ciphertext ‖ tag).
    pub fn seal(&self, plain: &str) -> String {
        let mut nonce = [0_u8; NONCE_LEN];
        self.rng.fill(&mut nonce).expect("system randomness");
        let mut sealed = plain.as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut sealed)
            .expect("sealing a short value");
        let mut out = nonce.to_vec();
        out.append(&mut sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// A keyed digest of `text` (HMAC-SHA256 under a key of its own), hex: what the database
    /// keeps of a short secret (a 6-digit code), which a plain hash would give away to anybody
    /// reading the row.
    pub fn digest(&self, text: &str) -> String {
        ring::hmac::sign(&self.mac, text.as_bytes()).as_ref().iter().fold(
            String::with_capacity(64),
            |mut hex, b| {
                use std::fmt::Write as _;
                let _ = write!(hex, "{b:02x}");
                hex
            },
        )
    }

    /// The value `sealed` carries; `None` when it was not sealed with this key or was altered.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, rest) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut buffer = rest.to_vec();
        let plain = self.key.open_in_place(nonce, Aad::empty(), &mut buffer).ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_what_it_sealed_and_nothing_else() {
        let sealer = Sealer::new(&Secret::for_tests("a-secret-of-at-least-thirty-two-chars"));
        let boxed = sealer.seal("http://x/reset-password?token=abc");
        assert!(!boxed.contains("token"), "the value is not readable in the row");
        assert_eq!(
            sealer.open(&boxed).as_deref(),
            Some("http://x/reset-password?token=abc")
        );
        assert_ne!(sealer.seal("same"), sealer.seal("same"), "fresh nonce per seal");
        let other = Sealer::new(&Secret::for_tests("another-secret-of-thirty-two-chars!!"));
        assert_eq!(other.open(&boxed), None, "another key opens nothing");
        let mut tampered = boxed.clone().into_bytes();
        let last = tampered.len() - 1;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(sealer.open(&String::from_utf8(tampered).unwrap()), None);
        assert_eq!(sealer.open("not base64!"), None);
    }
}

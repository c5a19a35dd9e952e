//! JWT access tokens: HS256 only, `iss`/`aud`/`exp`/`nbf` checked, 15 minutes.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

use crate::secrets::Secret;

/// Issuer of every access token.
pub const ISSUER: &str = "reseller-center";
/// Audience of every access token.
pub const AUDIENCE: &str = "reseller-center-api";
/// Lifetime of an access token, in seconds.
pub const ACCESS_TTL_SECS: i64 = 15 * 60;

/// Claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: String,
    /// Session (refresh-token family) id.
    pub sid: String,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Expiry (unix seconds).
    pub exp: i64,
    /// Not before (unix seconds).
    pub nbf: i64,
    /// Issued at (unix seconds).
    pub iat: i64,
}

/// Signing and verification keys with a pinned algorithm.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKeys(<redacted>)")
    }
}

impl JwtKeys {
    /// Keys derived from the server secret.
    pub fn new(secret: &Secret) -> JwtKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.validate_nbf = true;
        validation.leeway = 30;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        JwtKeys {
            encoding: EncodingKey::from_secret(secret.expose()),
            decoding: DecodingKey::from_secret(secret.expose()),
            validation,
        }
    }

    /// A fresh access token for `user_id` in `session_id`.
    pub fn issue(&self, user_id: i64, session_id: &str) -> String {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            sid: session_id.to_owned(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            exp: now + ACCESS_TTL_SECS,
            nbf: now,
            iat: now,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).expect("HS256 signing cannot fail")
    }

    /// The claims of a valid token; any defect (signature, algorithm, issuer, audience, time) is None.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &str) -> JwtKeys {
        JwtKeys::new(&Secret::for_tests(secret))
    }

    #[test]
    fn round_trip() {
        let keys = keys("a-test-secret-that-is-long-enough-0001");
        let token = keys.issue(42, "sess");
        let claims = keys.verify(&token).unwrap();
        assert_eq!((claims.sub.as_str(), claims.sid.as_str()), ("42", "sess"));
        assert_eq!(claims.exp - claims.iat, ACCESS_TTL_SECS);
    }

    #[test]
    fn rejects_other_keys_algorithms_and_expired_tokens() {
        let ours = keys("a-test-secret-that-is-long-enough-0001");
        let theirs = keys("another-secret-that-is-long-enough-0002");
        assert!(ours.verify(&theirs.issue(1, "s")).is_none());
        // alg=none and HS512 are refused (algorithm pinned).
        let claims = Claims {
            sub: "1".into(),
            sid: "s".into(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            exp: chrono::Utc::now().timestamp() + 60,
            nbf: 0,
            iat: 0,
        };
        let hs512 = encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret(b"a-test-secret-that-is-long-enough-0001"),
        )
        .unwrap();
        assert!(ours.verify(&hs512).is_none());
        let expired = Claims {
            exp: chrono::Utc::now().timestamp() - 120,
            ..claims.clone()
        };
        let token = encode(
            &Header::new(Algorithm::HS256),
            &expired,
            &EncodingKey::from_secret(b"a-test-secret-that-is-long-enough-0001"),
        )
        .unwrap();
        assert!(ours.verify(&token).is_none());
        let wrong_aud = Claims {
            aud: "someone-else".into(),
            ..claims
        };
        let token = encode(
            &Header::new(Algorithm::HS256),
            &wrong_aud,
            &EncodingKey::from_secret(b"a-test-secret-that-is-long-enough-0001"),
        )
        .unwrap();
        assert!(ours.verify(&token).is_none());
    }
}

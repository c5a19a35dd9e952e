//! argon2id password hashing (OWASP parameters: m = 19 MiB, t = 2, p = 1).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn hasher() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19_456, 2, 1, None).expect("valid argon2 params"),
    )
}

/// The PHC string of `password` with a fresh salt.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing cannot fail")
        .to_string()
}

/// Whether `password` matches `phc`. With no stored hash, a dummy verification keeps the timing
/// the same, so response times don't reveal which accounts exist.
pub fn verify(password: &str, phc: Option<&str>) -> bool {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash("dummy password for timing"));
    let (phc, real) = match phc {
        Some(phc) => (phc, true),
        None => (DUMMY.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    hasher().verify_password(password.as_bytes(), &parsed).is_ok() && real
}

/// [`hash`] on the blocking pool, holding nothing else (no database connection).
pub async fn hash_off_thread(password: String) -> Result<String, crate::error::ApiError> {
    actix_web::web::block(move || hash(&password))
        .await
        .map_err(|e| crate::error::ApiError::Internal(format!("password hashing failed: {e}")))
}

/// [`verify`] on the blocking pool, holding nothing else (no database connection).
pub async fn verify_off_thread(
    password: String,
    phc: Option<String>,
) -> Result<bool, crate::error::ApiError> {
    actix_web::web::block(move || verify(&password, phc.as_deref()))
        .await
        .map_err(|e| crate::error::ApiError::Internal(format!("password check failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("correct horse battery staple");
        let b = hash("correct horse battery staple");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_ne!(a, b);
        assert!(verify("correct horse battery staple", Some(&a)));
        assert!(!verify("wrong", Some(&a)));
        assert!(!verify("anything", None));
        assert!(!verify("anything", Some("not a phc string")));
    }
}

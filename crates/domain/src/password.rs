//! Password policy (OWASP ASVS V2.1): 8–128 characters, no composition rules, and not guessable —
//! common passwords and ones built from the user's own email or name are refused.

use rc_types::auth::{MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};

/// Why a password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Fewer than 8 or more than 128 characters.
    #[error("password must be 8 to 128 characters")]
    Length,
    /// A common password or one derived from the user's details.
    #[error("this password is too common or too easy to guess; choose another")]
    TooGuessable,
}

/// Checks a new password; `user_inputs` are the account's email, name and company, which the
/// password must not merely repeat.
pub fn check_new_password(password: &str, user_inputs: &[&str]) -> Result<(), PasswordError> {
    let chars = password.chars().count() as u64;
    if !(MIN_PASSWORD_LEN..=MAX_PASSWORD_LEN).contains(&chars) {
        return Err(PasswordError::Length);
    }
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if (estimate.score() as u8) < 2 {
        return Err(PasswordError::TooGuessable);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_limits() {
        assert_eq!(check_new_password("short", &[]), Err(PasswordError::Length));
        assert_eq!(
            check_new_password(&"a".repeat(129), &[]),
            Err(PasswordError::Length)
        );
    }

    #[test]
    fn common_passwords_are_refused() {
        for common in ["password", "12345678", "qwertyuiop", "iloveyou1", "password123"] {
            assert_eq!(
                check_new_password(common, &[]),
                Err(PasswordError::TooGuessable),
                "{common}"
            );
        }
    }

    #[test]
    fn passwords_from_own_details_are_refused() {
        assert_eq!(
            check_new_password("zhangwei2024", &["zhangwei2024@example.com", "zhangwei"]),
            Err(PasswordError::TooGuessable)
        );
    }

    #[test]
    fn long_unusual_passwords_pass_without_composition_rules() {
        assert_eq!(check_new_password("correct horse battery staple", &[]), Ok(()));
        assert_eq!(check_new_password("蓝云经销商中心很好用的", &[]), Ok(()));
        assert_eq!(check_new_password("Tiger-Lake-Maple-42", &[]), Ok(()));
    }
}

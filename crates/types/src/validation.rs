//! Shared validation rules, applied identically by the SPA and the API (no regex: keeps the wasm small).

use std::borrow::Cow;

use validator::ValidationError;

/// Phone numbers: 5–20 characters of digits with an optional leading `+` and inner spaces, dashes or
/// parentheses; starts and ends with a digit (after the `+`).
pub fn phone(value: &str) -> Result<(), ValidationError> {
    let digits = value.strip_prefix('+').unwrap_or(value);
    let well_formed = (5..=20).contains(&value.chars().count())
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
    if well_formed {
        Ok(())
    } else {
        Err(ValidationError::new("phone").with_message(Cow::Borrowed("enter a valid phone number")))
    }
}

/// A non-blank text: not only whitespace.
pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::new("required").with_message(Cow::Borrowed("this field is required")))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        for ok in [
            "13653812334",
            "400-085-0139",
            "+86 21 1234 5678",
            "0000 0",
            "021 (5555) 1",
        ] {
            assert!(phone(ok).is_ok(), "{ok}");
        }
        for bad in ["", "abc", "12", "1365381233412345678901", "123-", "+", "13a45678"] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn blank_text() {
        assert!(not_blank("  ").is_err());
        assert!(not_blank(" a ").is_ok());
    }
}

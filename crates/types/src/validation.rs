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

/// Email addresses, structurally (no regex): `local@domain`, at most 254 characters, a local part of
/// 1–64 characters without spaces, a domain of dot-separated labels of letters, digits and hyphens
/// with at least one dot. Deliverability is proven by the mail we send, not here.
pub fn email(value: &str) -> Result<(), ValidationError> {
    let invalid =
        || Err(ValidationError::new("email").with_message(Cow::Borrowed("enter a valid email address")));
    if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return invalid();
    }
    let Some((local, domain)) = value.rsplit_once('@') else {
        return invalid();
    };
    let local_ok = (1..=64).contains(&local.len()) && !local.contains('@');
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let domain_ok = domain.contains('.') && domain.split('.').all(label_ok);
    if local_ok && domain_ok { Ok(()) } else { invalid() }
}

/// A non-blank text: not only whitespace.
pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::new("required").with_message(Cow::Borrowed("this field is required")))
    } else {
        Ok(())
    }
}

/// A 纳税人识别号 (unified social credit code or older tax number): 15 to 20 ASCII letters and
/// digits.
pub fn tax_number(value: &str) -> Result<(), ValidationError> {
    if (15..=20).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(ValidationError::new("tax_number").with_message(Cow::Borrowed(
            "enter the 15 to 20 letters and digits of the tax number",
        )))
    }
}

/// Links: an absolute `http://` or `https://` URL of at most 500 characters with a host and no
/// spaces, or a path on this site starting with `/`.
pub fn http_url(value: &str) -> Result<(), ValidationError> {
    let host_part = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let ok = value.len() <= 500
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && match host_part {
            Some(host) => !host.is_empty() && !host.starts_with('.'),
            None => value.starts_with('/') && !value.starts_with("//"),
        };
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("url")
            .with_message(Cow::Borrowed("enter a link starting with https:// or /")))
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
    fn email_addresses() {
        for ok in [
            "a@b.cn",
            "zhang.wei+tag@yunfan.example",
            "p_an.keju@oe.21vianet.com",
            "用户@例子.中国",
        ] {
            assert!(email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "not-an-email",
            "a@b",
            "a b@c.cn",
            "@c.cn",
            "a@.cn",
            "a@c..cn",
            "a@-c.cn",
            "a@b@c.cn",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
        assert!(email(&format!("{}@x.cn", "a".repeat(65))).is_err());
    }

    #[test]
    fn links() {
        for ok in [
            "https://bluecloud.example/a?b=1",
            "http://x.cn",
            "/solutions?category=other",
        ] {
            assert!(http_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "//evil.example",
            "https://",
            "https:// x",
            "ftp://x.cn",
        ] {
            assert!(http_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn blank_text() {
        assert!(not_blank("  ").is_err());
        assert!(not_blank(" a ").is_ok());
    }
}

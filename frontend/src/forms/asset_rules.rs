//! The rules of the asset and finance forms in the user's language: the types crate's amount,
//! reason, bank-account, credit-line and coupon rules and the server's ledger refusals (whose
//! message carries the amount, e.g. `only ¥12.00 is available`).

use rc_types::FieldError;

use crate::i18n::{Locale, td_string};

/// The `¥…` amount inside a server message (`only ¥12.00 is available` → `¥12.00`).
fn amount_in(message: &str) -> Option<&str> {
    let start = message.find('¥')?;
    let rest = &message[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ')')
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The text of a rule of the asset forms (amounts, reasons, bank accounts, credit lines, coupons,
/// the ledger's refusals) in `locale`; `None` for the others.
pub fn text(locale: Locale, error: &FieldError) -> Option<String> {
    let amount = amount_in(&error.message).unwrap_or_default();
    let text = match (error.code.as_str(), error.message.as_str()) {
        ("insufficient", _) => td_string!(locale, assets.err_insufficient, amount).to_string(),
        ("too_much", _) => td_string!(locale, assets.err_too_much, amount).to_string(),
        ("below_owed", _) => td_string!(locale, assets.err_below_owed, amount).to_string(),
        ("future", _) => td_string!(locale, assets.err_future).to_owned(),
        ("unavailable", _) => td_string!(locale, assets.err_online).to_owned(),
        ("reused", _) => td_string!(locale, assets.err_reused).to_owned(),
        ("rebate_negative", _) => td_string!(locale, checkout.err_rebate_negative).to_owned(),
        ("rebate_over_balance", _) => {
            td_string!(locale, checkout.err_rebate_over_balance, amount).to_string()
        }
        ("rebate_over_left", _) => td_string!(locale, checkout.err_rebate_over_left, amount).to_string(),
        ("no_credit", _) => td_string!(locale, checkout.no_credit).to_owned(),
        ("credit_on_hold", _) => td_string!(locale, checkout.credit_on_hold).to_owned(),
        ("credit_short", _) => td_string!(locale, checkout.err_credit_short, amount).to_string(),
        ("not_applicable", _) => td_string!(locale, checkout.err_coupon).to_owned(),
        (_, "enter an amount in yuan, e.g. 60 or 19.90") => td_string!(locale, assets.err_amount).to_owned(),
        (_, "an amount has at most two decimals (fen)") => {
            td_string!(locale, assets.err_amount_scale).to_owned()
        }
        (_, "the amount must be more than 0") => td_string!(locale, assets.err_amount_positive).to_owned(),
        (_, "the amount must be at most 100000000") => td_string!(locale, assets.err_amount_max).to_owned(),
        (_, "at most 200 characters") => td_string!(locale, assets.err_reason_length).to_owned(),
        (_, "enter the bank account, 4 to 40 characters") => {
            td_string!(locale, assets.err_payer_account).to_owned()
        }
        (_, "term_days must be between 1 and 365") => td_string!(locale, assets.err_term_days).to_owned(),
        (_, "region must be at most 50 characters") => {
            td_string!(locale, assets.err_region_length).to_owned()
        }
        (_, "min_quantity must be at most 9999") => td_string!(locale, assets.err_min_quantity).to_owned(),
        (_, "quantity must be between 1 and 100") => td_string!(locale, assets.err_quantity).to_owned(),
        (_, "choose 1 to 200 companies") => td_string!(locale, assets.err_companies).to_owned(),
        (_, "choose 1 to 100 solutions, or all solutions") => {
            td_string!(locale, assets.err_solutions).to_owned()
        }
        (_, "the window must end after it starts") => td_string!(locale, assets.err_window).to_owned(),
        (_, "the rules must be at most 5000 characters") => {
            td_string!(locale, assets.err_rules_length).to_owned()
        }
        _ => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str, message: &str) -> FieldError {
        FieldError {
            field: "amount".into(),
            code: code.into(),
            message: message.into(),
        }
    }

    #[test]
    fn amounts_are_found_in_messages() {
        assert_eq!(amount_in("only ¥12.00 is available"), Some("¥12.00"));
        assert_eq!(
            amount_in("the bill has ¥3.5 left to repay (after …)"),
            Some("¥3.5")
        );
        assert_eq!(amount_in("what is owed and reserved: ¥9"), Some("¥9"));
        assert_eq!(amount_in("no amount"), None);
    }

    #[test]
    fn known_rules_are_translated_and_others_kept() {
        let text = |code, message| text(Locale::zh, &error(code, message));
        assert_eq!(
            text("insufficient", "only ¥12.00 is available").as_deref(),
            Some("可用金额不足，当前可用 ¥12.00")
        );
        assert_eq!(
            text("amount", "the amount must be more than 0").as_deref(),
            Some("金额须大于 0")
        );
        assert_eq!(text("odd", "something else"), None);
    }
}

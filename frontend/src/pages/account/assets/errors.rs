//! The asset forms' errors: the rules of amounts, reasons, bank accounts, credit lines and coupons
//! (from the types crate and the server's ledger refusals) in the user's language, rewritten
//! before the fields show them (in the language of the time of the error; the other forms' rules
//! are translated by [`crate::forms::field_text`]), and errors of fields a form does not show
//! in its alert.

use std::future::Future;

use leptos::prelude::Set;
use leptos_i18n::I18nContext;
use rc_client::{Client, ClientError};
use rc_types::{ErrorBody, FieldError};
use validator::Validate;

use crate::components::editor::FormState;
use crate::forms::check;
use crate::i18n::{Locale, td_string, use_i18n};

/// The `¥…` amount inside a server message (`only ¥12.00 is available` → `¥12.00`).
pub fn amount_in(message: &str) -> Option<&str> {
    let start = message.find('¥')?;
    let rest = &message[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ')')
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The text of a known asset rule, `None` for others (left to the shared translations).
pub fn text_of(locale: Locale, error: &FieldError) -> Option<String> {
    let amount = amount_in(&error.message).unwrap_or_default();
    let text = match (error.code.as_str(), error.message.as_str()) {
        ("insufficient", _) => td_string!(locale, assets.err_insufficient, amount).to_string(),
        ("too_much", _) => td_string!(locale, assets.err_too_much, amount).to_string(),
        ("below_owed", _) => td_string!(locale, assets.err_below_owed, amount).to_string(),
        ("future", _) => td_string!(locale, assets.err_future).to_owned(),
        ("unavailable", _) => td_string!(locale, assets.err_online).to_owned(),
        ("reused", _) => td_string!(locale, assets.err_reused).to_owned(),
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
        (_, "name must be at most 50 characters") => td_string!(locale, assets.err_name_length).to_owned(),
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

/// Rewrites the known messages of `errors` in `locale`.
pub fn localize(locale: Locale, mut errors: Vec<FieldError>) -> Vec<FieldError> {
    for error in &mut errors {
        if let Some(text) = text_of(locale, error) {
            error.message = text;
        }
    }
    errors
}

/// Moves the errors of fields the form does not show (`bill_id`, `method`, `Idempotency-Key`)
/// into the message, the form's alert; the others stay on their fields.
pub fn split_unshown(mut body: ErrorBody, shown: &[&str]) -> ErrorBody {
    if let Some(other) = body.fields.iter().find(|e| !shown.contains(&e.field.as_str())) {
        body.message = other.message.clone();
        body.fields.clear();
    }
    body
}

/// A form of the asset pages: its [`FormState`] and the fields it shows.
#[derive(Debug, Clone, Copy)]
pub struct AssetForm {
    /// The state (errors, alert, busy) for [`crate::components::editor::EditorForm`] and the fields.
    pub state: FormState,
    /// The wire names of the fields shown; errors of other fields go to the alert.
    shown: &'static [&'static str],
    i18n: I18nContext<Locale>,
}

impl AssetForm {
    /// A fresh form showing `shown` (call while building the form's view).
    pub fn new(shown: &'static [&'static str]) -> Self {
        AssetForm {
            state: FormState::new(),
            shown,
            i18n: use_i18n(),
        }
    }

    /// [`FormState::submit`] with the asset rules' messages in the current language, for the
    /// client's check (with the `extra` errors found by hand) and the server's 422 alike.
    pub fn submit<T, R, F, Fut>(
        self,
        input: T,
        extra: Vec<FieldError>,
        send: F,
        done: impl FnOnce(R) + 'static,
    ) where
        T: Validate + Clone + 'static,
        R: 'static,
        F: Fn(Client, T) -> Fut + 'static,
        Fut: Future<Output = Result<R, ClientError>> + 'static,
    {
        let (locale, shown) = (self.i18n.get_locale_untracked(), self.shown);
        let mut found = extra;
        found.extend(check(&input));
        let found = localize(locale, found);
        if let Some(other) = found.iter().find(|e| !shown.contains(&e.field.as_str())) {
            self.state.alert.set(Some(other.message.clone()));
            return;
        }
        let send = move |api: Client, input: T| {
            let answer = send(api, input);
            async move {
                answer.await.map_err(|error| match error {
                    ClientError::Api {
                        status,
                        mut body,
                        retry_after,
                    } => {
                        body.fields = localize(locale, std::mem::take(&mut body.fields));
                        let body = split_unshown(body, shown);
                        ClientError::Api {
                            status,
                            body,
                            retry_after,
                        }
                    }
                    other => other,
                })
            }
        };
        self.state.send_checked(found, input, send, done);
    }
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
    fn errors_of_unshown_fields_become_the_message() {
        let body = |fields| ErrorBody {
            code: rc_types::ErrorCode::ValidationFailed,
            message: "validation failed".into(),
            fields,
            request_id: None,
        };
        let shown = split_unshown(body(vec![error("insufficient", "x")]), &["amount"]);
        assert_eq!(
            (shown.fields.len(), shown.message.as_str()),
            (1, "validation failed")
        );
        let mut other = error("reused", "used for a different request");
        other.field = "Idempotency-Key".into();
        let moved = split_unshown(body(vec![error("amount", "y"), other]), &["amount"]);
        assert!(moved.fields.is_empty());
        assert_eq!(moved.message, "used for a different request");
    }

    #[test]
    fn known_rules_are_translated_and_others_kept() {
        let errors = localize(
            Locale::zh,
            vec![
                error("insufficient", "only ¥12.00 is available"),
                error("amount", "the amount must be more than 0"),
                error("odd", "something else"),
            ],
        );
        assert_eq!(errors[0].message, "可用金额不足，当前可用 ¥12.00");
        assert_eq!(errors[1].message, "金额须大于 0");
        assert_eq!(errors[2].message, "something else");
    }
}

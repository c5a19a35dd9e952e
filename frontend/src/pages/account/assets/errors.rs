//! The asset forms' submit: the client's check and the server's 422 on the fields they show (their
//! rules are translated when shown, by [`crate::forms::field_text`]), and errors of fields a form
//! does not show (`method`, `bill_id`, a reused `Idempotency-Key`) in its alert.

use std::future::Future;

use leptos::prelude::Set;
use leptos_i18n::I18nContext;
use rc_client::{Client, ClientError};
use rc_types::{ErrorBody, FieldError};
use validator::Validate;

use crate::components::editor::FormState;
use crate::forms::{check, field_text};
use crate::i18n::{Locale, use_i18n};

/// Moves the errors of fields the form does not show (`bill_id`, `method`, `Idempotency-Key`)
/// into the message, the form's alert (as `text` words it); the others stay on their fields.
pub fn split_unshown(mut body: ErrorBody, shown: &[&str], text: impl Fn(&FieldError) -> String) -> ErrorBody {
    if let Some(other) = body.fields.iter().find(|e| !shown.contains(&e.field.as_str())) {
        body.message = text(other);
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

    /// [`FormState::submit`] of the client's check (with the `extra` errors found by hand) and
    /// the server's 422, errors of fields the form does not show going to its alert.
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
        let (i18n, shown) = (self.i18n, self.shown);
        let mut found = extra;
        found.extend(check(&input));
        if let Some(other) = found.iter().find(|e| !shown.contains(&e.field.as_str())) {
            self.state.alert.set(Some(field_text(i18n, other)));
            return;
        }
        let send = move |api: Client, input: T| {
            let answer = send(api, input);
            async move {
                answer.await.map_err(|error| match error {
                    ClientError::Api {
                        status,
                        body,
                        retry_after,
                    } => {
                        let body = split_unshown(body, shown, |e| field_text(i18n, e));
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
    fn errors_of_unshown_fields_become_the_message() {
        let body = |fields| ErrorBody {
            code: rc_types::ErrorCode::ValidationFailed,
            message: "validation failed".into(),
            fields,
            request_id: None,
        };
        let text = |e: &FieldError| e.message.clone();
        let shown = split_unshown(body(vec![error("insufficient", "x")]), &["amount"], text);
        assert_eq!(
            (shown.fields.len(), shown.message.as_str()),
            (1, "validation failed")
        );
        let mut other = error("reused", "used for a different request");
        other.field = "Idempotency-Key".into();
        let moved = split_unshown(body(vec![error("amount", "y"), other]), &["amount"], text);
        assert!(moved.fields.is_empty());
        assert_eq!(moved.message, "used for a different request");
    }
}

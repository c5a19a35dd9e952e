//! Form support: the same `validator` rules as the API, run before submitting; per-field errors
//! from that check and from the API's `fields`; translated texts for field errors and failures.
//!
//! Errors keep the wire shape ([`FieldError`]: field, code, English message) and are translated
//! when shown, so they follow a language switch. Known rules map to i18n keys by code or by the
//! rule's message (the messages are part of the types crate); anything else shows the server's text.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use rc_client::ClientError;
use rc_types::FieldError;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::i18n::{Locale, t_string};

mod asset_rules;

/// The per-field errors of one form.
pub type Errors = RwSignal<Vec<FieldError>>;

/// Flattens `validator` errors into wire-shaped field errors (as the API does), sorted by field.
pub fn from_validation(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut fields: Vec<FieldError> = errors
        .field_errors()
        .into_iter()
        .flat_map(|(field, errs)| {
            errs.iter().map(move |e| FieldError {
                field: field.to_string(),
                code: e.code.to_string(),
                message: e
                    .message
                    .as_ref()
                    .map_or_else(|| format!("{field} is invalid"), ToString::to_string),
            })
        })
        .collect();
    fields.sort_by(|a, b| a.field.cmp(&b.field));
    fields
}

/// Flattens `validator` errors of nested structs and lists too, with paths like
/// `plans[0].sku_code` (the API names nested fields the same way), sorted by path.
pub fn from_nested(errors: &ValidationErrors) -> Vec<FieldError> {
    fn walk(prefix: &str, errors: &ValidationErrors, out: &mut Vec<FieldError>) {
        for (field, kind) in errors.errors() {
            let path = if prefix.is_empty() {
                field.to_string()
            } else {
                format!("{prefix}.{field}")
            };
            match kind {
                ValidationErrorsKind::Field(list) => out.extend(list.iter().map(|e| {
                    FieldError {
                        field: path.clone(),
                        code: e.code.to_string(),
                        message: e
                            .message
                            .as_ref()
                            .map_or_else(|| format!("{path} is invalid"), ToString::to_string),
                    }
                })),
                ValidationErrorsKind::Struct(inner) => walk(&path, inner, out),
                ValidationErrorsKind::List(items) => {
                    for (index, inner) in items {
                        walk(&format!("{path}[{index}]"), inner, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk("", errors, &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

/// Runs the type's `validator` rules including nested values: the errors, empty when valid.
pub fn check_nested<T: Validate>(value: &T) -> Vec<FieldError> {
    value
        .validate()
        .err()
        .map(|errors| from_nested(&errors))
        .unwrap_or_default()
}

/// Runs the type's `validator` rules: the errors, empty when valid.
pub fn check<T: Validate>(value: &T) -> Vec<FieldError> {
    value
        .validate()
        .err()
        .map(|errors| from_validation(&errors))
        .unwrap_or_default()
}

/// The field errors of an API failure (422 `fields`, 409 naming the taken field).
pub fn api_fields(error: &ClientError) -> Vec<FieldError> {
    error.body().map(|body| body.fields.clone()).unwrap_or_default()
}

/// A client-side error that has no `validator` rule (slider not dragged, passwords differ…).
pub fn local_error(field: &str, code: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
        message: format!("{field} is invalid"),
    }
}

/// The first error of `field`, translated (tracked: call inside a view closure).
pub fn error_of(i18n: I18nContext<Locale>, errors: Errors, field: &str) -> Option<String> {
    errors.with(|list| {
        list.iter()
            .find(|e| e.field == field)
            .map(|e| field_text(i18n, e))
    })
}

/// Removes the errors of `field` (the user is correcting it).
pub fn clear(errors: Errors, field: &str) {
    if errors.with_untracked(|list| list.iter().any(|e| e.field == field)) {
        errors.update(|list| list.retain(|e| e.field != field));
    }
}

/// A translated text for one field error; unknown rules fall back to the server's message.
pub fn field_text(i18n: I18nContext<Locale>, error: &FieldError) -> String {
    if let Some(text) = asset_rules::text(i18n.get_locale(), error) {
        return text;
    }
    let text = match (error.code.as_str(), error.field.as_str(), error.message.as_str()) {
        ("missing", "slider", _) => t_string!(i18n, err.slider_required),
        ("mismatch", ..) => t_string!(i18n, err.password_mismatch),
        ("required", ..) => t_string!(i18n, err.required),
        ("email", ..) => t_string!(i18n, err.email),
        ("phone", ..) => t_string!(i18n, err.phone),
        ("taken", "email", _) => t_string!(i18n, err.email_taken),
        ("taken", ..) => t_string!(i18n, err.company_taken),
        ("weak", ..) if error.message.contains("8 to 128") => t_string!(i18n, err.password_length),
        ("weak", ..) => t_string!(i18n, err.password_weak),
        ("incorrect", ..) => t_string!(i18n, err.current_password_incorrect),
        (_, "token", _) => t_string!(i18n, err.link_invalid),
        (_, "slider", _) => t_string!(i18n, err.slider_failed),
        (_, "files", _) => t_string!(i18n, err.files_count),
        (_, "parent_id", _) => t_string!(i18n, err.parent_invalid),
        (_, "role", _) => t_string!(i18n, err.role_invalid),
        (_, "account_manager_id", _) => t_string!(i18n, err.account_manager),
        (_, "plan_id" | "accept_unit_price", m) if m.contains("for sale") => {
            t_string!(i18n, err.not_for_sale)
        }
        (_, "quantity", m) if m.contains("already in the cart") => t_string!(i18n, err.cart_quantity),
        (_, "quantity", "quantity must be between 1 and 9999") => t_string!(i18n, err.cart_quantity_min),
        (_, _, "company name must be 2 to 100 characters") => t_string!(i18n, err.company_length),
        (_, _, "name must be at most 50 characters") => t_string!(i18n, err.name_length),
        (_, _, "position must be at most 50 characters") => t_string!(i18n, err.position_length),
        (_, _, "address must be at most 200 characters") => t_string!(i18n, err.address_length),
        (_, _, "company must be at most 100 characters") => t_string!(i18n, err.company_max),
        (_, _, "email is too long") => t_string!(i18n, err.email_length),
        (_, _, "password must be 8 to 128 characters") => t_string!(i18n, err.password_length),
        (_, _, "enter your password" | "enter your current password") => {
            t_string!(i18n, err.password_required)
        }
        (_, _, "reason must be 2 to 500 characters") => t_string!(i18n, err.reason_length),
        (_, _, "enter your name") => t_string!(i18n, err.required),
        ("url", ..) => t_string!(i18n, err.url),
        ("sku_code", ..) => t_string!(i18n, err.sku_code),
        ("price", ..) => t_string!(i18n, err.price),
        ("tax_rate", ..) => t_string!(i18n, err.tax_rate),
        ("slug", ..) => t_string!(i18n, err.slug),
        ("number", ..) => t_string!(i18n, err.number),
        (_, _, "topic must be at most 100 characters") => t_string!(i18n, err.topic_length),
        (_, _, "details must be at most 300 characters") => t_string!(i18n, err.details_length),
        (_, _, "note must be at most 500 characters") => t_string!(i18n, err.note_length),
        (_, _, "enter your phone number") => t_string!(i18n, err.phone),
        _ => return error.message.clone(),
    };
    text.to_string()
}

/// A translated text for a failed request (network, 403, 404, 409, 413, 415, 429, 5xx).
pub fn failure_text(i18n: I18nContext<Locale>, error: &ClientError) -> String {
    let Some(status) = error.status() else {
        return if matches!(error, ClientError::Transport(_)) {
            t_string!(i18n, state.network).to_string()
        } else {
            error.to_string()
        };
    };
    let message = error.body().map(|b| b.message.clone()).unwrap_or_default();
    match status {
        403 => t_string!(i18n, err.forbidden).to_string(),
        404 => t_string!(i18n, err.not_found).to_string(),
        409 => conflict_text(i18n, &message),
        413 => t_string!(i18n, err.too_large).to_string(),
        415 => t_string!(i18n, err.file_type).to_string(),
        422 => error
            .body()
            .and_then(|b| b.fields.first())
            .map_or(message, |field| field_text(i18n, field)),
        429 => {
            let seconds = error.retry_after().unwrap_or(60);
            t_string!(i18n, err.rate_limited, seconds).to_string()
        }
        _ => {
            let id = error
                .body()
                .and_then(|b| b.request_id.clone())
                .unwrap_or_default();
            t_string!(i18n, err.server, status, id).to_string()
        }
    }
}

/// The search API's refusal of a keyword text (422 on `q`), translated: blank, or nothing but
/// punctuation; other texts are shown as sent.
pub fn search_problem(i18n: I18nContext<Locale>, message: &str) -> String {
    if message.contains("enter a keyword") {
        t_string!(i18n, search.empty).to_string()
    } else if message.contains("letters, digits or Chinese") {
        t_string!(i18n, search.no_words).to_string()
    } else {
        message.to_owned()
    }
}

/// Translations of the API's known 409 messages (state conflicts without a field).
pub fn conflict_text(i18n: I18nContext<Locale>, message: &str) -> String {
    let text = if message.contains("your own company") {
        t_string!(i18n, err.own_company)
    } else if message.contains("the cart holds at most") {
        t_string!(i18n, err.cart_full)
    } else if message.contains("the price changed to") {
        t_string!(i18n, err.price_moved)
    } else if message.contains("your own account") {
        t_string!(i18n, err.own_account)
    } else if message.contains("company admin cannot be") {
        t_string!(i18n, err.admin_protected)
    } else if message.contains("already the admin") {
        t_string!(i18n, err.already_admin)
    } else if message.contains("only an active user") {
        t_string!(i18n, err.admin_must_be_active)
    } else if message.contains("already accepted") {
        t_string!(i18n, err.already_accepted)
    } else if message.contains("already been reviewed") {
        t_string!(i18n, err.already_reviewed)
    } else if message.contains("only approved companies") {
        t_string!(i18n, err.not_approved)
    } else if message.contains("role changes only by") {
        t_string!(i18n, err.admin_role)
    } else if message.contains("already registered") {
        t_string!(i18n, err.email_taken)
    } else if message.contains("the operator disabled") {
        t_string!(i18n, err.operator_locked)
    } else {
        return message.to_owned();
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rc_types::accounts::RegistrationForm;

    #[test]
    fn validation_errors_have_the_wire_shape() {
        let errors = check(&RegistrationForm {
            company_name: "x".into(),
            account_manager_id: 0,
            contact_name: " ".into(),
            email: "nope".into(),
            phone: "12".into(),
            position: "经理".into(),
            address: "上海".into(),
        });
        let pairs: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("account_manager_id", "range"),
                ("company_name", "length"),
                ("contact_name", "required"),
                ("email", "email"),
                ("phone", "phone"),
            ]
        );
        assert_eq!(errors[1].message, "company name must be 2 to 100 characters");
    }

    #[test]
    fn nested_errors_get_paths() {
        use rc_types::catalog::{Category, PlanInput, PlanKind, SolutionInput};
        let input = SolutionInput {
            name: "x".into(),
            vendor: " ".into(),
            summary: "s".into(),
            description: String::new(),
            features: vec![],
            category: Category::Other,
            region: "中国大陆".into(),
            logo_media_id: None,
            plans: vec![PlanInput {
                id: None,
                name: "基础版".into(),
                sku_code: "bad sku".into(),
                unit_price: rust_decimal::Decimal::ONE,
                tax_rate: rust_decimal::Decimal::from(6),
                region: "中国大陆".into(),
                kind: PlanKind::Product,
            }],
            cases: vec![],
            resources: vec![],
            support: rc_types::catalog::SupportInfo::default(),
            agreement: String::new(),
        };
        let fields: Vec<String> = check_nested(&input).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["plans[0].sku_code".to_owned(), "vendor".to_owned()]);
    }
}

//! Labelled form inputs with a red required marker, a hint, and the field's error below
//! (linked through `aria-describedby`, flagged with `aria-invalid`).

use leptos::prelude::*;

use crate::forms::{Errors, clear, error_of};
use crate::i18n::use_i18n;

/// A labelled text input bound to `value`; `name` is the wire field name its errors carry.
#[component]
pub fn TextField(
    /// Wire field name (errors are matched on it); also the input's id (`f-<name>`).
    name: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
    /// Shows the red required marker.
    #[prop(optional)]
    required: bool,
    /// `type` of the input (`text`, `email`, `tel`, `password`, `search`).
    #[prop(default = "text")]
    kind: &'static str,
    /// `autocomplete` hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Placeholder.
    #[prop(optional, into)]
    placeholder: Option<Signal<String>>,
    /// Help text under the input.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Longest input accepted.
    #[prop(default = 200)]
    maxlength: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let error_id = format!("f-{name}-error");
    let hint_id = format!("f-{name}-hint");
    let error = Memo::new(move |_| error_of(i18n, errors, name));
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label class="label" for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required-mark" aria-hidden="true">"*"</span> })}
            </label>
            <div class="control">
                <input
                    id=id
                    class="input"
                    class=("is-danger", move || error.with(Option::is_some))
                    type=kind
                    name=name
                    autocomplete=autocomplete
                    maxlength=maxlength
                    aria-required=required.then_some("true")
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described
                    placeholder=move || placeholder.map(|p| p.get())
                    bind:value=value
                    on:input=move |_| clear(errors, name)
                />
            </div>
            {hint.map(|hint| view! { <p class="help" id=hint_id>{move || hint.get()}</p> })}
            <FieldError id=error_id error />
        </div>
    }
}

/// The error line of a field (nothing when valid).
#[component]
pub fn FieldError(
    /// Element id, referenced by the input's `aria-describedby`.
    id: String,
    /// The translated error.
    error: Memo<Option<String>>,
) -> impl IntoView {
    view! {
        {move || error.get().map(|text| view! { <p class="help is-danger" id=id.clone()>{text}</p> })}
    }
}

/// A form-level failure message (`role="alert"`).
#[component]
pub fn FormAlert(
    /// The translated message, `None` when there is none.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        {move || {
            message
                .get()
                .map(|text| {
                    view! {
                        <div class="notification is-danger is-light form-alert" role="alert">
                            {text}
                        </div>
                    }
                })
        }}
    }
}

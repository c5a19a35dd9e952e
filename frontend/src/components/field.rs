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

/// A labelled textarea bound to `value`, with an optional live `n/max` character counter.
#[component]
pub fn TextArea(
    /// Wire field name (errors are matched on it); also the textarea's id (`f-<name>`).
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
    /// Longest input accepted, in characters.
    max: u32,
    /// Show the `n/max` counter.
    #[prop(optional)]
    counter: bool,
    /// Placeholder.
    #[prop(optional, into)]
    placeholder: Option<Signal<String>>,
    /// Visible rows.
    #[prop(default = 4)]
    rows: u32,
    /// Tells this field's id apart (`f-<name>-<scope>`) where a page has several forms with it.
    #[prop(optional, into)]
    scope: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = scope
        .filter(|scope| !scope.is_empty())
        .map_or_else(|| format!("f-{name}"), |scope| format!("f-{name}-{scope}"));
    let error_id = format!("{id}-error");
    let counter_id = format!("{id}-count");
    let error = Memo::new(move |_| error_of(i18n, errors, name));
    let count = Memo::new(move |_| value.with(|v| v.chars().count()));
    let over = move || count.get() > max as usize;
    let described = {
        let (error_id, counter_id) = (error_id.clone(), counter_id.clone());
        move || {
            let mut ids = Vec::new();
            if counter {
                ids.push(counter_id.clone());
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
                <textarea
                    id=id
                    class="textarea"
                    class=("is-danger", move || error.with(Option::is_some) || over())
                    name=name
                    rows=rows
                    maxlength=max
                    aria-required=required.then_some("true")
                    aria-invalid=move || (error.with(Option::is_some) || over()).then_some("true")
                    aria-describedby=described
                    placeholder=move || placeholder.map(|p| p.get())
                    bind:value=value
                    on:input=move |_| clear(errors, name)
                ></textarea>
            </div>
            {counter
                .then(|| {
                    view! {
                        <p class="help char-counter" class=("is-danger", over) id=counter_id aria-live="polite">
                            {move || format!("{}/{max}", count.get())}
                        </p>
                    }
                })}
            <FieldError id=error_id error />
        </div>
    }
}

/// A labelled select bound to `value` (the option's wire name).
#[component]
pub fn SelectField(
    /// Wire field name; also the select's id (`f-<name>`).
    name: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The selected wire name.
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
    /// `(wire name, label)` of every option.
    options: Vec<(&'static str, Signal<String>)>,
    /// Shows the red required marker.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let error_id = format!("f-{name}-error");
    let error = Memo::new(move |_| error_of(i18n, errors, name));
    view! {
        <div class="field">
            <label class="label" for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required-mark" aria-hidden="true">"*"</span> })}
            </label>
            <div class="control">
                <div class="select is-fullwidth" class=("is-danger", move || error.with(Option::is_some))>
                    <select
                        id=id
                        name=name
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || error.with(Option::is_some).then_some(error_id.clone())
                        prop:value=move || value.get()
                        on:change=move |ev| {
                            value.set(event_target_value(&ev));
                            clear(errors, name);
                        }
                    >
                        {options
                            .into_iter()
                            .map(|(wire, text)| {
                                view! {
                                    <option value=wire selected=move || value.with(|v| v == wire)>
                                        {move || text.get()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <FieldError id=format!("f-{name}-error") error />
        </div>
    }
}

//! The storefront's lead forms: 在线咨询 (consult ticket with an optional attachment, §4.8) and
//! 申请试用 (trial request, §4.9), each in a modal dialog, ending on the receipt with the ticket
//! number and who will get in touch.

use leptos::ev::{Event, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_client::{ClientError, Upload};
use rc_types::storefront::OperatorContact;
use rc_types::tickets::{ConsultInput, MAX_DETAILS, ServiceType, SupportCategory, TicketReceipt, TrialInput};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::field::{FormAlert, SelectField, TextArea, TextField};
use crate::components::modal::Modal;
use crate::forms::{Errors, api_fields, check, failure_text};
use crate::i18n::{Locale, service_type_label, support_category_label, t_string, use_i18n};
use crate::pages::auth::register::human_size;
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// Largest attachment in bytes (10 MiB, the server's limit).
pub const MAX_ATTACHMENT: f64 = 10.0 * 1024.0 * 1024.0;
/// Accepted attachment types (the server checks the content).
pub const ATTACHMENT_TYPES: &str = ".jpg,.jpeg,.png,.gif,.bmp,.pdf";

/// 服务类型 choices with their wire names.
pub const SERVICE_TYPES: [(&str, ServiceType); 3] = [
    ("pre_sales", ServiceType::PreSales),
    ("after_sales", ServiceType::AfterSales),
    ("partnership", ServiceType::Partnership),
];

/// 支持类别 choices with their wire names.
pub const SUPPORT_CATEGORIES: [(&str, SupportCategory); 5] = [
    ("product", SupportCategory::Product),
    ("pricing", SupportCategory::Pricing),
    ("technical", SupportCategory::Technical),
    ("billing", SupportCategory::Billing),
    ("other", SupportCategory::Other),
];

/// Whether a file name has an accepted attachment extension.
pub fn accepted_attachment(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        ATTACHMENT_TYPES
            .split(',')
            .any(|accepted| accepted[1..].eq_ignore_ascii_case(ext))
    })
}

/// The message of a failed submission that is not about one field.
fn submit_failure(i18n: leptos_i18n::I18nContext<Locale>, error: &ClientError) -> String {
    match error.status() {
        Some(429) => {
            let seconds = error.retry_after().unwrap_or(60);
            t_string!(i18n, leads.too_often, seconds).to_string()
        }
        _ => failure_text(i18n, error),
    }
}

/// Fills empty contact fields from the signed-in profile.
fn prefill(
    name: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    company: RwSignal<String>,
) {
    let Some(profile) = use_session().profile() else {
        return;
    };
    let fill = |signal: RwSignal<String>, value: &str| {
        if signal.with_untracked(String::is_empty) && !value.is_empty() {
            signal.set(value.to_owned());
        }
    };
    fill(name, &profile.user.name);
    fill(phone, &profile.user.phone);
    fill(email, &profile.user.email);
    if let Some(c) = profile.company {
        fill(company, &c.name);
    }
}

/// The consult dialog (在线创建工单) about `solution_id` (none: a general question).
#[component]
pub fn ConsultDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The solution asked about.
    #[prop(optional)]
    solution_id: Option<i64>,
) -> impl IntoView {
    view! {
        <Modal open title_id="consult-title" title=ts!(leads.consult_title) wide=true>
            <ConsultForm open solution_id />
        </Modal>
    }
}

#[allow(clippy::too_many_lines, reason = "one form reads best in one piece")]
#[component]
fn ConsultForm(open: RwSignal<bool>, solution_id: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let service_type = RwSignal::new("pre_sales".to_owned());
    let support_category = RwSignal::new("product".to_owned());
    let topic = RwSignal::new(String::new());
    let details = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let attachment = RwSignal::new(None::<Upload>);
    let file_problem = RwSignal::new(None::<String>);
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let receipt = RwSignal::new(None::<TicketReceipt>);
    prefill(name, phone, email, company);

    let on_file = move |ev: Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        input.set_value("");
        let file_name = file.name();
        if !accepted_attachment(&file_name) {
            file_problem.set(Some(
                t_string!(i18n, err.file_bad_type, name = file_name).to_string(),
            ));
            return;
        }
        if file.size() > MAX_ATTACHMENT {
            file_problem.set(Some(
                t_string!(i18n, err.file_too_big, name = file_name).to_string(),
            ));
            return;
        }
        spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    attachment.set(Some(Upload { file_name, bytes }));
                    file_problem.set(None);
                }
                Err(_) => {
                    file_problem.set(Some(t_string!(i18n, err.file_read, name = file_name).to_string()));
                }
            }
        });
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let pick = |value: String| {
            SERVICE_TYPES
                .iter()
                .find(|(wire, _)| *wire == value)
                .map_or(ServiceType::PreSales, |(_, v)| *v)
        };
        let category = |value: String| {
            SUPPORT_CATEGORIES
                .iter()
                .find(|(wire, _)| *wire == value)
                .map_or(SupportCategory::Other, |(_, v)| *v)
        };
        let input = ConsultInput {
            solution_id,
            service_type: pick(service_type.get_untracked()),
            support_category: category(support_category.get_untracked()),
            topic: topic.get_untracked().trim().to_owned(),
            details: details.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            company: company.get_untracked().trim().to_owned(),
        };
        let found = check(&input);
        alert.set(None);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        let upload = attachment.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let (input, upload) = (input.clone(), upload.clone());
                    async move { api.create_consult(&input, upload).await }
                })
                .await;
            busy.set(false);
            match result {
                Ok(done) => receipt.set(Some(done)),
                Err(error) => {
                    let fields = api_fields(&error);
                    match error.status() {
                        Some(413 | 415) => file_problem.set(Some(failure_text(i18n, &error))),
                        _ if !fields.is_empty() => errors.set(fields),
                        _ => alert.set(Some(submit_failure(i18n, &error))),
                    }
                }
            }
        });
    };

    let services = move || -> Vec<(&'static str, Signal<String>)> {
        SERVICE_TYPES
            .iter()
            .map(|(wire, value)| {
                let value = *value;
                (
                    *wire,
                    Signal::derive(move || service_type_label(i18n, value).to_owned()),
                )
            })
            .collect()
    };
    let categories = move || -> Vec<(&'static str, Signal<String>)> {
        SUPPORT_CATEGORIES
            .iter()
            .map(|(wire, value)| {
                let value = *value;
                (
                    *wire,
                    Signal::derive(move || support_category_label(i18n, value).to_owned()),
                )
            })
            .collect()
    };
    let attachment_error = Memo::new(move |_| {
        file_problem.get().or_else(|| {
            errors.with(|list| {
                list.iter()
                    .find(|e| e.field == "attachment")
                    .map(|e| crate::forms::field_text(i18n, e))
            })
        })
    });

    view! {
        {move || match receipt.get() {
            Some(done) => view! { <Receipt receipt=done open /> }.into_any(),
            None => {
                view! {
                    <form class="lead-form" novalidate on:submit=on_submit>
                        <FormAlert message=alert />
                        <div class="columns is-variable is-2 mb-0">
                            <div class="column">
                                <SelectField name="service_type" label=ts!(leads.service_type) value=service_type errors options=services() required=true />
                            </div>
                            <div class="column">
                                <SelectField name="support_category" label=ts!(leads.support_category) value=support_category errors options=categories() required=true />
                            </div>
                        </div>
                        <TextField name="topic" label=ts!(leads.topic) value=topic errors required=true maxlength=100 placeholder=ts!(leads.topic_placeholder) />
                        <TextArea name="details" label=ts!(leads.details) value=details errors required=true max=u32::try_from(MAX_DETAILS).unwrap_or(300) counter=true placeholder=ts!(leads.details_placeholder) />
                        <div class="field">
                            <div class="file is-small is-link" class=("is-danger", move || attachment_error.with(Option::is_some))>
                                <label class="file-label">
                                    <input
                                        class="file-input"
                                        type="file"
                                        name="attachment"
                                        accept=ATTACHMENT_TYPES
                                        aria-describedby="attachment-hint f-attachment-error"
                                        aria-invalid=move || attachment_error.with(Option::is_some).then_some("true")
                                        on:change=on_file
                                    />
                                    <span class="file-cta">
                                        <span class="file-label">{tr!(leads.attachment)}</span>
                                    </span>
                                </label>
                            </div>
                            {move || attachment.with(|file| file.as_ref().map(|f| (f.file_name.clone(), human_size(f.bytes.len())))).map(|(file_name, size)| {
                                let label = file_name.clone();
                                view! {
                                    <ul class="file-list" aria-label=tr!(leads.attached)>
                                        <li>
                                            <span class="file-name-text">{file_name}</span>
                                            <span class="file-size">{size}</span>
                                            <button
                                                type="button"
                                                class="delete is-small"
                                                aria-label=move || t_string!(i18n, register.remove_file, name = label.clone()).to_string()
                                                on:click=move |_| attachment.set(None)
                                            ></button>
                                        </li>
                                    </ul>
                                }
                            })}
                            <p class="help" id="attachment-hint">{tr!(leads.attachment_hint)}</p>
                            {move || attachment_error.get().map(|text| view! { <p class="help is-danger" id="f-attachment-error">{text}</p> })}
                        </div>
                        <div class="columns is-multiline is-variable is-2 mb-0">
                            <div class="column is-6">
                                <TextField name="name" label=ts!(leads.name) value=name errors required=true maxlength=50 autocomplete="name" />
                            </div>
                            <div class="column is-6">
                                <TextField name="phone" label=ts!(leads.phone) value=phone errors required=true kind="tel" maxlength=20 autocomplete="tel" />
                            </div>
                            <div class="column is-6">
                                <TextField name="email" label=ts!(leads.email) value=email errors required=true kind="email" maxlength=254 autocomplete="email" />
                            </div>
                            <div class="column is-6">
                                <TextField name="company" label=ts!(leads.company) value=company errors required=true maxlength=100 autocomplete="organization" />
                            </div>
                        </div>
                        <div class="buttons is-right lead-actions">
                            <button type="button" class="button" on:click=move |_| open.set(false)>{tr!(leads.cancel)}</button>
                            <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                                {tr!(leads.submit)}
                            </button>
                        </div>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}

/// The trial dialog (申请试用) for `solution_id`.
#[component]
pub fn TrialDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The solution to try.
    solution_id: i64,
) -> impl IntoView {
    view! {
        <Modal open title_id="trial-title" title=ts!(leads.trial_title)>
            <TrialForm open solution_id />
        </Modal>
    }
}

#[component]
fn TrialForm(open: RwSignal<bool>, solution_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let receipt = RwSignal::new(None::<TicketReceipt>);
    prefill(name, phone, email, company);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let input = TrialInput {
            solution_id,
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
            company: company.get_untracked().trim().to_owned(),
            note: note.get_untracked().trim().to_owned(),
        };
        let found = check(&input);
        alert.set(None);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let input = input.clone();
                    async move { api.create_trial(&input).await }
                })
                .await;
            busy.set(false);
            match result {
                Ok(done) => receipt.set(Some(done)),
                Err(error) => {
                    let fields = api_fields(&error);
                    if fields.is_empty() {
                        alert.set(Some(submit_failure(i18n, &error)));
                    } else {
                        errors.set(fields);
                    }
                }
            }
        });
    };

    view! {
        {move || match receipt.get() {
            Some(done) => view! { <Receipt receipt=done open /> }.into_any(),
            None => {
                view! {
                    <form class="lead-form" novalidate on:submit=on_submit>
                        <FormAlert message=alert />
                        <TextField name="name" label=ts!(leads.name) value=name errors required=true maxlength=50 autocomplete="name" />
                        <TextField name="email" label=ts!(leads.email) value=email errors required=true kind="email" maxlength=254 autocomplete="email" />
                        <TextField name="phone" label=ts!(leads.phone_short) value=phone errors required=true kind="tel" maxlength=20 autocomplete="tel" />
                        <TextField name="company" label=ts!(leads.company_short) value=company errors required=true maxlength=100 autocomplete="organization" />
                        <TextArea name="note" label=ts!(leads.note) value=note errors max=500 rows=3 />
                        <div class="buttons is-right lead-actions">
                            <button type="button" class="button" on:click=move |_| open.set(false)>{tr!(leads.cancel)}</button>
                            <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                                {tr!(leads.submit)}
                            </button>
                        </div>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}

/// The confirmation after a submission: ticket number and who will get in touch, and how soon.
#[component]
fn Receipt(receipt: TicketReceipt, open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let TicketReceipt { number, contact, .. } = receipt;
    let OperatorContact {
        name,
        phone,
        email,
        response_time,
        ..
    } = contact;
    let mail_href = format!("mailto:{email}");
    let tel_href = format!("tel:{}", phone.replace(' ', ""));
    let signed_in = use_session().company().is_some();
    // The form that had the focus is gone: move it to the confirmation's button.
    let done = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = done.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div class="lead-receipt" role="status">
            <span class="done-icon" aria-hidden="true">"✓"</span>
            <p class="title is-5">{tr!(leads.received)}</p>
            <p class="receipt-number">
                {tr!(leads.number)}
                <strong class="ticket-number">{number}</strong>
            </p>
            <p>{move || t_string!(i18n, leads.will_contact, name = name.clone(), time = response_time.clone()).to_string()}</p>
            <p class="receipt-contact">
                <span>{tr!(leads.hotline)}" "<a href=tel_href>{phone}</a></span>
                <span>{tr!(leads.mail)}" "<a href=mail_href>{email}</a></span>
            </p>
            {signed_in.then(|| view! { <p class="help">{tr!(leads.see_tickets)}" "<a href="/account/tickets">{tr!(leads.my_tickets)}</a></p> })}
            <div class="buttons is-centered mt-4">
                <button type="button" class="button is-link" node_ref=done on:click=move |_| open.set(false)>{tr!(leads.close)}</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_types() {
        for ok in ["截图.PNG", "a.jpg", "b.jpeg", "c.gif", "d.bmp", "e.pdf"] {
            assert!(accepted_attachment(ok), "{ok}");
        }
        for bad in ["a.exe", "png", "a.docx", ""] {
            assert!(!accepted_attachment(bad), "{bad}");
        }
    }
}

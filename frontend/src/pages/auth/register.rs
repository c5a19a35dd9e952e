//! 注册 (§2.1): the three-step 云服务经销商申请表 — 填写公司信息 (company, account manager,
//! qualification files, address) → 绑定管理员 (contact, email, phone, position) → 注册完成.
//! Files are checked here too (type by extension, 1–5 files, 10 MB each); the server decides
//! the type by content.

use leptos::ev::{Event, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_client::Upload;
use rc_types::FieldError;
use rc_types::accounts::RegistrationForm;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{LoadError, client};
use crate::app::PageTitle;
use crate::components::field::{FieldError, FormAlert, TextField};
use crate::forms::{Errors, api_fields, check, clear, error_of, failure_text, local_error};
use crate::i18n::{t, t_string, use_i18n};
use crate::tr;
use crate::ts;

/// Most qualification files.
pub const MAX_FILES: usize = 5;
/// Largest file in bytes (10 MiB, the server's limit).
pub const MAX_FILE_BYTES: f64 = 10.0 * 1024.0 * 1024.0;
/// Accepted file name extensions (manual: jpg、png、pdf; the server also takes gif and bmp).
pub const ACCEPT: &str = ".jpg,.jpeg,.png,.gif,.bmp,.pdf";
/// Fields of step 1; everything else is on step 2.
const STEP1_FIELDS: [&str; 4] = ["company_name", "account_manager_id", "files", "address"];

/// Whether a file name has an accepted extension.
pub fn accepted_file(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        ACCEPT
            .split(',')
            .any(|accepted| accepted[1..].eq_ignore_ascii_case(ext))
    })
}

/// A short size text: `532 B`, `12.5 KB`, `3.2 MB`.
pub fn human_size(bytes: usize) -> String {
    // Display only: precision loss on huge sizes does not matter.
    #[allow(clippy::cast_precision_loss)]
    let size = bytes as f64;
    if size < 1024.0 {
        format!("{bytes} B")
    } else if size < 1024.0 * 1024.0 {
        format!("{:.1} KB", size / 1024.0)
    } else {
        format!("{:.1} MB", size / 1024.0 / 1024.0)
    }
}

/// The step a field is on (1 or 2).
pub fn step_of(field: &str) -> u8 {
    if STEP1_FIELDS.contains(&field) { 1 } else { 2 }
}

/// The registration page.
#[allow(clippy::too_many_lines, reason = "one view reads best in one piece")]
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(1_u8);
    let company_name = RwSignal::new(String::new());
    let manager = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let contact_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let files = RwSignal::new(Vec::<Upload>::new());
    let file_problems = RwSignal::new(Vec::<String>::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done_email = RwSignal::new(String::new());

    let form = move || RegistrationForm {
        company_name: company_name.get_untracked().trim().to_owned(),
        account_manager_id: manager.get_untracked().parse().unwrap_or(0),
        contact_name: contact_name.get_untracked().trim().to_owned(),
        email: email.get_untracked().trim().to_owned(),
        phone: phone.get_untracked().trim().to_owned(),
        position: position.get_untracked().trim().to_owned(),
        address: address.get_untracked().trim().to_owned(),
    };
    // The rules of both steps, plus the file count the types crate cannot see.
    let problems = move || {
        let mut found = check(&form());
        let count = files.with_untracked(Vec::len);
        if count == 0 || count > MAX_FILES {
            found.push(local_error("files", "count"));
        }
        found
    };
    let show = move |found: Vec<FieldError>| {
        if let Some(first) = found.iter().map(|e| step_of(&e.field)).min() {
            step.set(first);
        }
        errors.set(found);
    };

    let on_next = move |ev: SubmitEvent| {
        ev.prevent_default();
        let found: Vec<FieldError> = problems()
            .into_iter()
            .filter(|e| step_of(&e.field) == 1)
            .collect();
        if found.is_empty() {
            errors.set(Vec::new());
            step.set(2);
        } else {
            errors.set(found);
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        alert.set(None);
        let found = problems();
        if !found.is_empty() {
            show(found);
            return;
        }
        let form = form();
        let uploads = files.get_untracked();
        busy.set(true);
        spawn_local(async move {
            match client().create_registration(&form, uploads).await {
                Ok(_) => {
                    done_email.set(form.email);
                    step.set(3);
                }
                Err(error) => {
                    let fields = api_fields(&error);
                    if !fields.is_empty() {
                        show(fields);
                    } else if matches!(error.status(), Some(413 | 415)) {
                        step.set(1);
                        file_problems.set(vec![failure_text(i18n, &error)]);
                    } else {
                        alert.set(Some(failure_text(i18n, &error)));
                    }
                }
            }
            busy.set(false);
        });
    };

    view! {
        <PageTitle part=move || t_string!(i18n, register.title).to_string() />
        <div class="container page-body auth-page">
            <section class="box register-card" aria-labelledby="register-heading">
                <h1 id="register-heading" class="title is-4 has-text-centered">{tr!(register.heading)}</h1>
                <Steps step />
                <FormAlert message=alert />
                {move || match step.get() {
                    1 => {
                        view! {
                            <form novalidate on:submit=on_next aria-label=tr!(register.step1)>
                                <TextField
                                    name="company_name"
                                    label=ts!(register.company_name)
                                    value=company_name
                                    errors
                                    required=true
                                    autocomplete="organization"
                                    placeholder=ts!(register.company_placeholder)
                                    maxlength=100
                                />
                                <ManagerSelect value=manager errors />
                                <FilePicker files problems=file_problems errors />
                                <TextField
                                    name="address"
                                    label=ts!(register.address)
                                    value=address
                                    errors
                                    required=true
                                    autocomplete="street-address"
                                    placeholder=ts!(register.address_placeholder)
                                />
                                <div class="buttons is-right">
                                    <button type="submit" class="button is-link">{tr!(register.next)}</button>
                                </div>
                            </form>
                        }
                            .into_any()
                    }
                    2 => {
                        view! {
                            <form novalidate on:submit=on_submit aria-label=tr!(register.step2)>
                                <TextField
                                    name="contact_name"
                                    label=ts!(register.contact_name)
                                    value=contact_name
                                    errors
                                    required=true
                                    autocomplete="name"
                                    maxlength=50
                                />
                                <TextField
                                    name="email"
                                    label=ts!(register.email)
                                    value=email
                                    errors
                                    required=true
                                    kind="email"
                                    autocomplete="email"
                                    hint=ts!(register.email_hint)
                                    maxlength=254
                                />
                                <TextField
                                    name="phone"
                                    label=ts!(register.phone)
                                    value=phone
                                    errors
                                    required=true
                                    kind="tel"
                                    autocomplete="tel"
                                    maxlength=20
                                />
                                <TextField
                                    name="position"
                                    label=ts!(register.position)
                                    value=position
                                    errors
                                    required=true
                                    autocomplete="organization-title"
                                    maxlength=50
                                />
                                <div class="buttons is-right">
                                    <button type="button" class="button" on:click=move |_| step.set(1)>
                                        {tr!(register.prev)}
                                    </button>
                                    <button
                                        type="submit"
                                        class="button is-link"
                                        class=("is-loading", move || busy.get())
                                        disabled=move || busy.get()
                                    >
                                        {tr!(register.submit)}
                                    </button>
                                </div>
                            </form>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <div class="register-done" role="status">
                                <p class="done-icon" aria-hidden="true">"✓"</p>
                                <h2 class="title is-5">{tr!(register.done_title)}</h2>
                                <p>{move || t!(i18n, register.done_text, email = done_email.get())}</p>
                                <p class="help mt-2">{tr!(register.done_hint)}</p>
                                <div class="buttons is-centered mt-5">
                                    <A href="/" attr:class="button">{tr!(register.home)}</A>
                                    <A href="/login" attr:class="button is-link">{tr!(nav.login)}</A>
                                </div>
                            </div>
                        }
                            .into_any()
                    }
                }}
                {move || {
                    (step.get() < 3)
                        .then(|| {
                            view! {
                                <p class="auth-links-row is-centered">
                                    {tr!(register.have_account)}
                                    <A href="/login">{tr!(nav.login)}</A>
                                </p>
                            }
                        })
                }}
            </section>
        </div>
    }
}

/// The progress indicator 填写公司信息 → 绑定管理员 → 注册完成.
#[component]
fn Steps(
    /// Current step (1–3).
    step: RwSignal<u8>,
) -> impl IntoView {
    let item = move |n: u8, label: Signal<String>| {
        view! {
            <li
                class="step"
                class=("is-active", move || step.get() == n)
                class=("is-done", move || step.get() > n)
                aria-current=move || (step.get() == n).then_some("step")
            >
                <span class="step-marker" aria-hidden="true">{move || if step.get() > n { "✓".to_owned() } else { n.to_string() }}</span>
                <span class="step-label">{move || label.get()}</span>
            </li>
        }
    };
    view! {
        <ol class="steps" aria-label=tr!(register.steps)>
            {item(1, ts!(register.step1))}
            {item(2, ts!(register.step2))}
            {item(3, ts!(register.step3))}
        </ol>
    }
}

/// 业务负责人: the operator's account managers.
#[component]
fn ManagerSelect(
    /// Chosen id as text ("" = none).
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let i18n = use_i18n();
    let managers =
        LocalResource::new(|| async { client().list_account_managers().await.map_err(LoadError::from) });
    let error = Memo::new(move |_| error_of(i18n, errors, "account_manager_id"));
    view! {
        <div class="field">
            <label class="label" for="f-account_manager_id">
                {tr!(register.account_manager)}
                <span class="required-mark" aria-hidden="true">"*"</span>
            </label>
            <div class="control">
                <div class="select is-fullwidth" class=("is-danger", move || error.with(Option::is_some))>
                    <select
                        id="f-account_manager_id"
                        aria-required="true"
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby="f-account_manager_id-hint f-account_manager_id-error"
                        prop:value=move || value.get()
                        on:change=move |ev| {
                            value.set(event_target_value(&ev));
                            clear(errors, "account_manager_id");
                        }
                    >
                        <option value="">{tr!(register.choose)}</option>
                        {move || {
                            managers
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .map(|m| {
                                    let id = m.id.to_string();
                                    let selected = id.clone();
                                    view! {
                                        <option value=id selected=move || value.get() == selected>
                                            {m.name}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
            </div>
            <p class="help" id="f-account_manager_id-hint">{tr!(register.account_manager_hint)}</p>
            {move || {
                matches!(managers.get(), Some(Err(_)))
                    .then(|| {
                        view! {
                            <p class="help is-danger">
                                {tr!(register.managers_error)} " "
                                <button type="button" class="button is-small is-text" on:click=move |_| managers.refetch()>
                                    {tr!(state.retry)}
                                </button>
                            </p>
                        }
                    })
            }}
            <FieldError id="f-account_manager_id-error".to_owned() error />
        </div>
    }
}

/// 资质证明: pick 1–5 files (read into memory), list them with remove buttons, and the 温馨提示.
#[component]
fn FilePicker(
    /// Files picked so far.
    files: RwSignal<Vec<Upload>>,
    /// Problems with files just picked (type, size, count), translated.
    problems: RwSignal<Vec<String>>,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| error_of(i18n, errors, "files"));
    let on_change = move |ev: Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let picked: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        // Lets the same file be picked again after removing it.
        input.set_value("");
        spawn_local(async move {
            let mut found = Vec::new();
            for file in picked {
                let name = file.name();
                if files.with_untracked(Vec::len) >= MAX_FILES {
                    found.push(t_string!(i18n, err.files_max).to_string());
                    break;
                }
                if !accepted_file(&name) {
                    found.push(t_string!(i18n, err.file_bad_type, name).to_string());
                    continue;
                }
                if file.size() > MAX_FILE_BYTES {
                    found.push(t_string!(i18n, err.file_too_big, name).to_string());
                    continue;
                }
                match JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => {
                        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                        files.update(|list| {
                            list.push(Upload {
                                file_name: name,
                                bytes,
                            });
                        });
                    }
                    Err(_) => found.push(t_string!(i18n, err.file_read, name).to_string()),
                }
            }
            problems.set(found);
            clear(errors, "files");
        });
    };
    let listed = move || {
        files.with(|list| {
            list.iter()
                .enumerate()
                .map(|(index, file)| (index, file.file_name.clone(), human_size(file.bytes.len())))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="field">
            <p class="label" id="files-label">
                {tr!(register.files)}
                <span class="required-mark" aria-hidden="true">"*"</span>
            </p>
            <div class="file is-link" class=("is-danger", move || error.with(Option::is_some))>
                <label class="file-label">
                    <input
                        class="file-input"
                        type="file"
                        name="files"
                        multiple
                        accept=ACCEPT
                        aria-labelledby="files-label files-cta"
                        aria-describedby="files-tip f-files-error"
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        on:change=on_change
                    />
                    <span class="file-cta" id="files-cta">
                        <span class="file-label">{tr!(register.files_button)}</span>
                    </span>
                </label>
            </div>
            {move || {
                let list = listed();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <ul class="file-list" aria-label=tr!(register.selected)>
                                {list
                                    .into_iter()
                                    .map(|(index, name, size)| {
                                        let label = name.clone();
                                        view! {
                                            <li>
                                                <span class="file-name-text">{name}</span>
                                                <span class="file-size">{size}</span>
                                                <button
                                                    type="button"
                                                    class="delete is-small"
                                                    aria-label=move || t_string!(i18n, register.remove_file, name = label.clone()).to_string()
                                                    on:click=move |_| files.update(|list| {
                                                        if index < list.len() {
                                                            list.remove(index);
                                                        }
                                                    })
                                                ></button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
            {move || {
                problems
                    .get()
                    .into_iter()
                    .map(|text| view! { <p class="help is-danger">{text}</p> })
                    .collect_view()
            }}
            <FieldError id="f-files-error".to_owned() error />
            <div class="message is-warning is-small files-tip" id="files-tip">
                <div class="message-body">
                    <strong>{tr!(register.files_tip_title)}</strong>
                    " "
                    {tr!(register.files_tip)}
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_extensions_are_accepted() {
        for ok in ["营业执照.JPG", "a.jpeg", "b.png", "c.gif", "d.bmp", "e.pdf"] {
            assert!(accepted_file(ok), "{ok}");
        }
        for bad in ["a.exe", "pdf", "a.pdf.zip", "a.webp", ""] {
            assert!(!accepted_file(bad), "{bad}");
        }
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(532), "532 B");
        assert_eq!(human_size(12_800), "12.5 KB");
        assert_eq!(human_size(3_355_443), "3.2 MB");
    }

    #[test]
    fn fields_belong_to_their_step() {
        assert_eq!(step_of("company_name"), 1);
        assert_eq!(step_of("files"), 1);
        assert_eq!(step_of("email"), 2);
        assert_eq!(step_of("contact_name"), 2);
    }
}

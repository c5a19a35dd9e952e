//! The emailed links: `/activate`, `/accept-invitation`, `/reset-password` (`?token=…`). The link
//! is inspected first (whose account, which company), then completed with a new password (and,
//! for invitations, name and phone); success leads to the login page with a notice.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use rc_types::auth::{CompleteLink, LinkInfo, TokenPurpose};

use crate::api::{LoadError, client};
use crate::app::PageTitle;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormAlert, TextField};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check, failure_text, field_text, local_error};
use crate::i18n::{role_label, t_string, use_i18n};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The page of an emailed link.
#[component]
pub fn LinkPage() -> impl IntoView {
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let info = LocalResource::new(move || {
        let token = token.get();
        async move { client().inspect_link(&token).await.map_err(LoadError::from) }
    });
    let retry = Callback::new(move |()| info.refetch());
    view! {
        <div class="container page-body auth-page">
            <section class="box auth-card">
                <Suspense fallback=move || {
                    view! {
                        <p class="has-text-grey mb-3">{tr!(link.checking)}</p>
                        <LinesSkeleton lines=4 />
                    }
                }>
                    {move || Suspend::new(async move {
                        match info.await {
                            Ok(info) => view! { <LinkForm info token=token.get_untracked() /> }.into_any(),
                            Err(error) if error.status == Some(422) => view! { <InvalidLink /> }.into_any(),
                            Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}

/// The link is invalid, used or expired: explain and offer a way on.
#[component]
fn InvalidLink() -> impl IntoView {
    let i18n = use_i18n();
    let reset = use_location().pathname.get_untracked() == "/reset-password";
    view! {
        <PageTitle part=move || t_string!(i18n, link.invalid_title).to_string() />
        <h1 class="title is-4">{tr!(link.invalid_title)}</h1>
        <div class="notification is-warning is-light" role="alert">{tr!(link.invalid_text)}</div>
        {if reset {
            view! {
                <A href="/forgot-password" attr:class="button is-link">{tr!(link.invalid_reset)}</A>
            }
                .into_any()
        } else {
            view! {
                <p class="mb-4">{tr!(link.invalid_other)}</p>
                <A href="/login" attr:class="button is-link">{tr!(link.to_login)}</A>
            }
                .into_any()
        }}
    }
}

/// A valid link: who it is for, and the form that completes it.
#[component]
fn LinkForm(
    /// What the link is for.
    info: LinkInfo,
    /// The token.
    token: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let purpose = info.purpose;
    let invitation = purpose == TokenPurpose::Invitation;
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let title = move || match purpose {
        TokenPurpose::Activation => t_string!(i18n, link.activate_title),
        TokenPurpose::Invitation => t_string!(i18n, link.invitation_title),
        TokenPurpose::PasswordReset => t_string!(i18n, link.reset_title),
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        alert.set(None);
        let request = CompleteLink {
            token: token.clone(),
            password: password.get_untracked(),
            name: invitation.then(|| name.get_untracked().trim().to_owned()),
            phone: invitation.then(|| phone.get_untracked().trim().to_owned()),
        };
        let mut found = check(&request);
        if confirm.get_untracked() != request.password {
            found.push(local_error("password_confirm", "mismatch"));
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match client().complete_link(&request).await {
                Ok(()) => {
                    let text = match purpose {
                        TokenPurpose::Activation => t_string!(i18n, link.done_activate),
                        TokenPurpose::Invitation => t_string!(i18n, link.done_invitation),
                        TokenPurpose::PasswordReset => t_string!(i18n, link.done_reset),
                    };
                    session.notify_at("/login", NoticeKind::Success, text.to_string());
                    navigate("/login", NavigateOptions::default());
                }
                Err(error) => {
                    let fields = api_fields(&error);
                    match fields.iter().find(|f| f.field == "token") {
                        Some(token_error) => alert.set(Some(field_text(i18n, token_error))),
                        None if fields.is_empty() => alert.set(Some(failure_text(i18n, &error))),
                        None => errors.set(fields),
                    }
                }
            }
            busy.set(false);
        });
    };

    let company = info.company_name.clone();
    view! {
        <PageTitle part=move || title().to_string() />
        <h1 class="title is-4">{title}</h1>
        <dl class="link-facts">
            <div>
                <dt>{tr!(link.account)}</dt>
                <dd>{info.email.clone()}</dd>
            </div>
            {company.map(|company| view! {
                <div>
                    <dt>{tr!(link.company)}</dt>
                    <dd>{company}</dd>
                </div>
            })}
            <div>
                <dt>{tr!(link.role)}</dt>
                <dd>{move || role_label(i18n, info.role)}</dd>
            </div>
        </dl>
        <form novalidate on:submit=on_submit>
            <FormAlert message=alert />
            {invitation.then(|| view! {
                <TextField name="name" label=ts!(link.name) value=name errors required=true autocomplete="name" maxlength=50 />
                <TextField name="phone" label=ts!(link.phone) value=phone errors required=true kind="tel" autocomplete="tel" maxlength=20 />
            })}
            <TextField
                name="password"
                label=ts!(link.password)
                value=password
                errors
                required=true
                kind="password"
                autocomplete="new-password"
                hint=ts!(link.password_hint)
                maxlength=128
            />
            <TextField
                name="password_confirm"
                label=ts!(link.password_confirm)
                value=confirm
                errors
                required=true
                kind="password"
                autocomplete="new-password"
                maxlength=128
            />
            <button
                type="submit"
                class="button is-link is-fullwidth"
                class=("is-loading", move || busy.get())
                disabled=move || busy.get()
            >
                {move || match purpose {
                    TokenPurpose::Activation => t_string!(i18n, link.submit_activate),
                    TokenPurpose::Invitation => t_string!(i18n, link.submit_invitation),
                    TokenPurpose::PasswordReset => t_string!(i18n, link.submit_reset),
                }}
            </button>
        </form>
    }
}

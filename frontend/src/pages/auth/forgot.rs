//! 忘记密码: asks for a reset link; the answer is the same whether or not the email exists.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_types::auth::PasswordResetRequest;

use crate::api::client;
use crate::app::PageTitle;
use crate::components::field::{FormAlert, TextField};
use crate::forms::{Errors, api_fields, check, failure_text};
use crate::i18n::{t_string, use_i18n};
use crate::tr;
use crate::ts;

/// The forgotten-password page.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        alert.set(None);
        let request = PasswordResetRequest {
            email: email.get_untracked().trim().to_owned(),
        };
        let found = check(&request);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match client().request_password_reset(&request.email).await {
                Ok(()) => sent.set(true),
                Err(error) if error.status() == Some(422) => errors.set(api_fields(&error)),
                Err(error) => alert.set(Some(failure_text(i18n, &error))),
            }
            busy.set(false);
        });
    };
    view! {
        <PageTitle part=move || t_string!(i18n, forgot.title).to_string() />
        <div class="container page-body auth-page">
            <section class="box auth-card" aria-labelledby="forgot-heading">
                <h1 id="forgot-heading" class="title is-4">{tr!(forgot.title)}</h1>
                <Show
                    when=move || !sent.get()
                    fallback=move || {
                        view! {
                            <div class="notification is-success is-light" role="status">{tr!(forgot.sent)}</div>
                        }
                    }
                >
                    <p class="mb-4">{tr!(forgot.text)}</p>
                    <form novalidate on:submit=on_submit>
                        <FormAlert message=alert />
                        <TextField
                            name="email"
                            label=ts!(login.email)
                            value=email
                            errors
                            required=true
                            kind="email"
                            autocomplete="email"
                            maxlength=254
                        />
                        <button
                            type="submit"
                            class="button is-link is-fullwidth"
                            class=("is-loading", move || busy.get())
                            disabled=move || busy.get()
                        >
                            {tr!(forgot.submit)}
                        </button>
                    </form>
                </Show>
                <p class="auth-links-row">
                    <A href="/login">{tr!(forgot.back)}</A>
                </p>
            </section>
        </div>
    }
}

//! 登录 (§2.2): 邮箱, 密码 and the slider; on success to `?next=` or the profile. The slider's
//! single-use challenge is fetched when the user starts on the form; every failed attempt fetches a
//! new one and puts the slider back.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use rc_types::auth::{LoginRequest, SliderPoint, SliderProof};

use crate::api::client;
use crate::app::PageTitle;
use crate::components::field::{FormAlert, TextField};
use crate::components::slider::Slider;
use crate::forms::{Errors, api_fields, check, error_of, failure_text, local_error};
use crate::i18n::{t_string, use_i18n};
use crate::session::{Auth, safe_next, use_session};
use crate::tr;
use crate::ts;

/// A challenge is asked for again when it is older than this (it lives 120 s on the server).
const CHALLENGE_MAX_AGE_MS: f64 = 110_000.0;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The login page.
#[allow(clippy::too_many_lines, reason = "one view reads best in one piece")]
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let proof = RwSignal::new(None::<Vec<SliderPoint>>);
    let challenge = RwSignal::new(None::<(String, f64)>);
    let busy = RwSignal::new(false);

    let new_challenge = move || {
        proof.set(None);
        challenge.set(None);
        spawn_local(async move {
            match client().create_challenge().await {
                Ok(issued) => challenge.set(Some((issued.id, now_ms()))),
                Err(error) => alert.set(Some(failure_text(i18n, &error))),
            }
        });
    };
    // The first challenge is asked for when the user starts on the form (focus in any field or
    // the slider), so page views that never sign in cost no challenge (they are rate limited).
    let requested = StoredValue::new(false);
    let on_focusin = move |_| {
        if !requested.get_value() {
            requested.set_value(true);
            new_challenge();
        }
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        alert.set(None);
        let mut request = LoginRequest {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            slider: SliderProof::default(),
        };
        let mut found = check(&request);
        let trace = proof.get_untracked();
        if trace.is_none() {
            found.push(local_error("slider", "missing"));
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        let Some((challenge_id, issued_at)) = challenge.get_untracked() else {
            alert.set(Some(t_string!(i18n, login.slider_loading).to_string()));
            return;
        };
        if now_ms() - issued_at > CHALLENGE_MAX_AGE_MS {
            alert.set(Some(t_string!(i18n, login.slider_expired).to_string()));
            new_challenge();
            return;
        }
        request.slider = SliderProof {
            challenge_id,
            trace: trace.unwrap_or_default(),
        };
        busy.set(true);
        let navigate = navigate.clone();
        let next = safe_next(query.read_untracked().get("next"));
        spawn_local(async move {
            match client().create_session(&request).await {
                Ok(tokens) => {
                    session.accept(tokens);
                    navigate(&next, NavigateOptions::default());
                }
                Err(error) => {
                    match error.status() {
                        Some(401) => alert.set(Some(t_string!(i18n, err.bad_credentials).to_string())),
                        Some(422) => errors.set(api_fields(&error)),
                        _ => alert.set(Some(failure_text(i18n, &error))),
                    }
                    // Challenges are single-use: a new one, and the slider goes back.
                    new_challenge();
                }
            }
            busy.set(false);
        });
    };

    let signed_in = move || matches!(session.auth.get(), Auth::SignedIn(_));
    view! {
        <PageTitle part=move || t_string!(i18n, login.title).to_string() />
        <div class="container page-body auth-page">
            <section class="box auth-card" aria-labelledby="login-heading">
                <h1 id="login-heading" class="title is-4">{tr!(login.heading)}</h1>
                <Show
                    when=move || !signed_in()
                    fallback=move || {
                        view! {
                            <p class="mb-4">{tr!(login.already)}</p>
                            <A href="/account/profile" attr:class="button is-link">{tr!(login.to_center)}</A>
                        }
                    }
                >
                    <form novalidate on:submit=on_submit.clone() on:focusin=on_focusin>
                        <FormAlert message=alert />
                        <TextField
                            name="email"
                            label=ts!(login.email)
                            value=email
                            errors
                            kind="email"
                            autocomplete="username"
                            placeholder=ts!(login.email_placeholder)
                            maxlength=254
                        />
                        <TextField
                            name="password"
                            label=ts!(login.password)
                            value=password
                            errors
                            kind="password"
                            autocomplete="current-password"
                            placeholder=ts!(login.password_placeholder)
                            maxlength=128
                        />
                        <Slider proof error=Signal::derive(move || error_of(i18n, errors, "slider")) />
                        <button
                            type="submit"
                            class="button is-link is-fullwidth"
                            class=("is-loading", move || busy.get())
                            disabled=move || busy.get()
                        >
                            {tr!(login.submit)}
                        </button>
                    </form>
                    <div class="auth-links-row">
                        <A href="/forgot-password">{tr!(login.forgot)}</A>
                        <span>
                            {tr!(login.no_account)}
                            <A href="/register">{tr!(login.register)}</A>
                        </span>
                    </div>
                </Show>
            </section>
        </div>
    }
}

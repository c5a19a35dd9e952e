//! 蓝云信用支付 at the cashier (§10.3.2 A): the credit-centre password and the code mailed on
//! 获取验证码 (one a minute), then 确认支付 pays the order from the credit line.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use rc_types::payments::CreditPay;

use crate::components::editor::{EditorForm, FormState};
use crate::components::field::TextField;
use crate::forms::failure_text;
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::assets::idempotency_key;
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// Seconds before another code may be asked for.
const RESEND_SECONDS: u32 = 60;

/// Where to set the credit-centre password first.
fn no_password() -> impl IntoView {
    view! {
        <div class="notification is-warning is-light credit-no-password" role="status">
            <p>{tr!(cashier.no_password)}</p>
            <A href="/account/assets/credit#credit-password" attr:class="button is-warning mt-2">{tr!(cashier.set_password)}</A>
        </div>
    }
}

/// The credit payment of order `order_id`.
#[component]
pub fn CreditPayPanel(
    /// The order.
    order_id: i64,
    /// Whether the user has a credit-centre password (else: where to set one).
    password_set: bool,
    /// The order's deadline passed.
    expired: Signal<bool>,
) -> impl IntoView {
    if !password_set {
        return no_password().into_any();
    }
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let errors = form.errors;
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let sent_to = RwSignal::new(None::<String>);
    let wait = RwSignal::new(0_u32);
    let sending = RwSignal::new(false);
    let key = StoredValue::new(idempotency_key());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if wait.get_untracked() > 0 {
                wait.update(|w| *w -= 1);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let send_code = move |_: leptos::ev::MouseEvent| {
        sending.set(true);
        spawn_local(async move {
            let sent = session
                .call(|api| async move { api.create_credit_pay_code(order_id).await })
                .await;
            sending.set(false);
            match sent {
                Ok(sent) => {
                    sent_to.set(Some(sent.sent_to));
                    wait.set(RESEND_SECONDS);
                }
                Err(error) => {
                    if let Some(seconds) = error.retry_after() {
                        wait.set(u32::try_from(seconds).unwrap_or(RESEND_SECONDS));
                    }
                    session.notify(NoticeKind::Danger, failure_text(i18n, &error));
                }
            }
        });
    };
    let on_submit = Callback::new(move |()| {
        let input = CreditPay {
            password: password.get_untracked(),
            code: code.get_untracked().trim().to_owned(),
        };
        let navigate = navigate.clone();
        form.submit(
            input,
            move |api, input| async move {
                api.create_credit_payment(order_id, &input, Some(&key.get_value()))
                    .await
            },
            move |order| {
                let path = format!("/account/orders/{}", order.id);
                session.notify_at(
                    &path,
                    NoticeKind::Success,
                    t_string!(i18n, cashier.credit_paid).to_string(),
                );
                navigate(&path, leptos_router::NavigateOptions::default());
            },
        );
    });
    view! {
        <div class="credit-pay">
            <EditorForm form on_submit save_label=ts!(cashier.confirm_pay) save_class="button is-link credit-pay-submit">
                <TextField name="password" label=ts!(cashier.credit_password) value=password errors required=true kind="password" autocomplete="off" maxlength=128 />
                <div class="field has-addons credit-code">
                    <div class="control is-expanded">
                        <TextField name="code" label=ts!(cashier.code) value=code errors required=true autocomplete="one-time-code" maxlength=6 />
                    </div>
                </div>
                <div class="buttons">
                    <button
                        type="button"
                        class="button is-light credit-send-code"
                        class=("is-loading", move || sending.get())
                        disabled={move || wait.get() > 0 || expired.get()}
                        on:click=send_code
                    >
                        {move || match wait.get() {
                            0 => t_string!(i18n, cashier.send_code).to_string(),
                            s => t_string!(i18n, cashier.resend_in, seconds = s).to_string(),
                        }}
                    </button>
                </div>
                {move || sent_to.get().map(|to| view! {
                    <p class="help credit-code-sent">{t_string!(i18n, cashier.code_sent, to = to).to_string()}</p>
                })}
            </EditorForm>
        </div>
    }
    .into_any()
}

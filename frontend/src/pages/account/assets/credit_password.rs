//! 信用中心密码 (§10.3.2 A): the password 蓝云信用支付 asks for, set the first time with the login
//! password and changed with the current one; never the login password itself.

use leptos::prelude::*;
use rc_types::payments::{CreditPassword, SetCreditPassword};

use crate::components::editor::{EditorForm, FormState};
use crate::components::field::TextField;
use crate::forms::local_error;
use crate::i18n::{datetime, t_string, use_i18n};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The password box of the credit page.
#[component]
pub fn CreditPasswordBox() -> impl IntoView {
    let session = use_session();
    let state = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.get_credit_password().await })
            .await
            .ok()
    });
    let changed = Callback::new(move |()| state.refetch());
    view! {
        <section class="box" id="credit-password" aria-labelledby="credit-password-title">
            <h2 id="credit-password-title" class="title is-6">{tr!(assets.credit_password)}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let current = state.await;
                    view! { <PasswordForm current changed /> }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PasswordForm(current: Option<CreditPassword>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let errors = form.errors;
    let is_set = current.as_ref().is_some_and(|c| c.set);
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let on_submit = Callback::new(move |()| {
        if new.get_untracked() != again.get_untracked() {
            errors.set(vec![local_error("confirm_password", "mismatch")]);
            return;
        }
        let input = SetCreditPassword {
            current_password: old.get_untracked(),
            new_password: new.get_untracked(),
        };
        form.submit(
            input,
            |api, input| async move { api.update_credit_password(&input).await },
            move |_| {
                old.set(String::new());
                new.set(String::new());
                again.set(String::new());
                session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, assets.credit_password_saved).to_string(),
                );
                changed.run(());
            },
        );
    });
    let status = current.and_then(|c| c.updated_at).map(|at| {
        view! { <p class="help mb-3">{move || t_string!(i18n, assets.credit_password_updated, at = datetime(at)).to_string()}</p> }
    });
    let old_label = if is_set {
        ts!(assets.credit_password_current)
    } else {
        ts!(assets.login_password)
    };
    view! {
        {status}
        <p class="help mb-3">{if is_set { tr!(assets.credit_password_change_hint) } else { tr!(assets.credit_password_set_hint) }}</p>
        <EditorForm form on_submit save_label=if is_set { ts!(assets.credit_password_change) } else { ts!(assets.credit_password_set) } save_class="button is-link credit-password-save">
            <TextField name="current_password" label=old_label value=old errors required=true kind="password" autocomplete="current-password" maxlength=128 />
            <TextField name="new_password" label=ts!(assets.credit_password_new) value=new errors required=true kind="password" autocomplete="new-password" maxlength=128 />
            <TextField name="confirm_password" label=ts!(assets.credit_password_again) value=again errors required=true kind="password" autocomplete="new-password" maxlength=128 />
        </EditorForm>
    }
}

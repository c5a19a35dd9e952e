//! The confirmation dialog of the manual (确认该操作? / 确定删除吗? with 取消 / 删除): one host in the
//! shell, opened from anywhere through [`asker`].

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

use crate::tr;

/// A question waiting for an answer.
#[derive(Clone)]
pub struct Confirm {
    /// The question under the title (确定删除吗?).
    pub message: String,
    /// Label of the confirming button (删除, 确定).
    pub action: String,
    /// Red confirming button (destructive actions).
    pub danger: bool,
    /// Runs when confirmed.
    pub run: Callback<()>,
}

/// The open question, if any.
#[derive(Clone, Copy)]
pub struct ConfirmState(RwSignal<Option<Confirm>>);

/// Provides the dialog's state; call once in the app.
pub fn provide_confirm() {
    provide_context(ConfirmState(RwSignal::new(None)));
}

/// The opener of the dialog (call while building a view; the returned function is for handlers).
pub fn asker() -> impl Fn(Confirm) + Copy + Send + Sync + 'static {
    let state = expect_context::<ConfirmState>().0;
    move |confirm| state.set(Some(confirm))
}

/// The modal dialog (`alertdialog` named 确认该操作?); Escape or 取消 closes it.
#[component]
pub fn ConfirmHost() -> impl IntoView {
    let state = expect_context::<ConfirmState>().0;
    let cancel_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if state.with(Option::is_some)
            && let Some(button) = cancel_ref.get()
        {
            let _ = button.focus();
        }
    });
    let close = move || state.set(None);
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    view! {
        {move || {
            state
                .get()
                .map(|confirm| {
                    let run = confirm.run;
                    view! {
                        <div class="modal is-active confirm-modal" on:keydown=on_keydown>
                            <div class="modal-background" on:click=move |_| close()></div>
                            <div
                                class="modal-card"
                                role="alertdialog"
                                aria-modal="true"
                                aria-labelledby="confirm-title"
                                aria-describedby="confirm-text"
                            >
                                <header class="modal-card-head">
                                    <p id="confirm-title" class="modal-card-title">
                                        <span class="confirm-icon" aria-hidden="true">"!"</span>
                                        {tr!(confirm.title)}
                                    </p>
                                </header>
                                <section class="modal-card-body">
                                    <p id="confirm-text">{confirm.message.clone()}</p>
                                </section>
                                <footer class="modal-card-foot">
                                    <div class="buttons">
                                        <button type="button" class="button" node_ref=cancel_ref on:click=move |_| close()>
                                            {tr!(confirm.cancel)}
                                        </button>
                                        <button
                                            type="button"
                                            class=if confirm.danger { "button is-danger" } else { "button is-link" }
                                            on:click=move |_| {
                                                close();
                                                run.run(());
                                            }
                                        >
                                            {confirm.action.clone()}
                                        </button>
                                    </div>
                                </footer>
                            </div>
                        </div>
                    }
                })
        }}
    }
}

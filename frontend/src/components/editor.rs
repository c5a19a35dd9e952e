//! The operator's editors in one shape: [`FormState`] (field errors, the form's alert, busy)
//! with [`FormState::submit`] (the types' `validator` rules first, then the request; the API's
//! `fields` next to the inputs, any other failure in the alert), [`EditorForm`] (the form with
//! its alert and 取消 / 保存), [`EditorDialog`] (a modal around a form built afresh each time
//! it opens, for one [`Editing`] item) and [`ask_delete`] (确定删除吗? then delete).

use std::future::Future;
use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use rc_client::{Client, ClientError};
use rc_types::FieldError;
use validator::Validate;

use crate::components::confirm::{Confirm, asker};
use crate::components::field::FormAlert;
use crate::components::modal::Modal;
use crate::forms::{Errors, api_fields, check, failure_text};
use crate::i18n::{Locale, t_string, use_i18n};
use crate::session::{NoticeKind, Session, use_session};
use crate::tr;

/// The state of one form: its field errors, its form-level alert and whether it is saving.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    /// Per-field errors (shown by the fields).
    pub errors: Errors,
    /// The form-level failure (`role="alert"`).
    pub alert: RwSignal<Option<String>>,
    /// A request is running.
    pub busy: RwSignal<bool>,
    i18n: I18nContext<Locale>,
    session: Session,
}

impl FormState {
    /// A fresh form state (call while building the form's view).
    pub fn new() -> Self {
        FormState {
            errors: RwSignal::new(Vec::new()),
            alert: RwSignal::new(None),
            busy: RwSignal::new(false),
            i18n: use_i18n(),
            session: use_session(),
        }
    }

    /// Shows the errors of a failed request: the API's `fields` next to the inputs, anything
    /// else as the form's alert.
    pub fn fail(self, error: &ClientError) {
        let fields = api_fields(error);
        if fields.is_empty() {
            self.alert.set(Some(failure_text(self.i18n, error)));
        } else {
            self.errors.set(fields);
        }
    }

    /// Runs `input`'s `validator` rules, then sends it through `send` (signed in, retried after a
    /// refresh); `done` gets the answer. Errors are shown as [`FormState::fail`] says.
    pub fn submit<T, R, F, Fut>(self, input: T, send: F, done: impl FnOnce(R) + 'static)
    where
        T: Validate + Clone + 'static,
        R: 'static,
        F: Fn(Client, T) -> Fut + 'static,
        Fut: Future<Output = Result<R, ClientError>> + 'static,
    {
        let found: Vec<FieldError> = check(&input);
        self.send_checked(found, input, send, done);
    }

    /// [`FormState::submit`] for an input checked by other means: sends unless `found` has errors.
    pub fn send_checked<T, R, F, Fut>(
        self,
        found: Vec<FieldError>,
        input: T,
        send: F,
        done: impl FnOnce(R) + 'static,
    ) where
        T: Clone + 'static,
        R: 'static,
        F: Fn(Client, T) -> Fut + 'static,
        Fut: Future<Output = Result<R, ClientError>> + 'static,
    {
        self.alert.set(None);
        if !found.is_empty() {
            self.errors.set(found);
            return;
        }
        self.busy.set(true);
        spawn_local(async move {
            let result = self.session.call(|api| send(api, input.clone())).await;
            self.busy.set(false);
            match result {
                Ok(answer) => done(answer),
                Err(error) => self.fail(&error),
            }
        });
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// A form with its alert, the fields and the buttons: 取消 and 保存 on the right when
/// `on_cancel` is given (dialogs), else the 保存 button alone (editor pages).
#[component]
pub fn EditorForm(
    /// The form's state (alert and busy).
    form: FormState,
    /// Runs on submit (the default is prevented).
    on_submit: Callback<()>,
    /// Closes the dialog (shows 取消).
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// Classes of the `<form>`.
    #[prop(optional)]
    class: Option<&'static str>,
    /// Text of the submit button (保存).
    #[prop(optional, into)]
    save_label: Option<Signal<String>>,
    /// Text of the cancel button (取消).
    #[prop(optional, into)]
    cancel_label: Option<Signal<String>>,
    /// Classes of the submit button.
    #[prop(default = "button is-link")]
    save_class: &'static str,
    /// The fields.
    children: Children,
) -> impl IntoView {
    let busy = form.busy;
    let save_default = tr!(content.save);
    let save_text = move || save_label.map_or_else(|| save_default().to_owned(), |l| l.get());
    let cancel_default = tr!(leads.cancel);
    let cancel_text = move || cancel_label.map_or_else(|| cancel_default().to_owned(), |l| l.get());
    let save = view! {
        <button type="submit" class=save_class class=("is-loading", move || busy.get()) disabled=move || busy.get()>
            {save_text}
        </button>
    };
    let buttons = match on_cancel {
        Some(cancel) => view! {
            <div class="buttons is-right lead-actions">
                <button type="button" class="button" on:click=move |_| cancel.run(())>{cancel_text}</button>
                {save}
            </div>
        }
        .into_any(),
        None => save.into_any(),
    };
    view! {
        <form
            class=class
            novalidate
            on:submit=move |ev: SubmitEvent| {
                ev.prevent_default();
                on_submit.run(());
            }
        >
            <FormAlert message=form.alert />
            {children()}
            {buttons}
        </form>
    }
}

/// The item a dialog edits: shut, or open on a new item (`None`) or an existing one.
#[derive(Debug)]
pub struct Editing<T: Send + Sync + 'static> {
    /// The dialog is shown.
    pub open: RwSignal<bool>,
    /// What it edits (`None`: a new one).
    pub item: RwSignal<Option<T>>,
}

impl<T: Send + Sync + 'static> Clone for Editing<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Editing<T> {}

impl<T: Send + Sync + 'static> Editing<T> {
    /// A closed dialog.
    pub fn new() -> Self {
        Editing {
            open: RwSignal::new(false),
            item: RwSignal::new(None),
        }
    }

    /// Opens the dialog on `item` (`None`: a new one).
    pub fn edit(self, item: Option<T>) {
        self.item.set(item);
        self.open.set(true);
    }

    /// Closes the dialog.
    pub fn close(self) {
        self.open.set(false);
    }

    /// A callback closing the dialog (for [`EditorForm`]'s 取消).
    pub fn closer(self) -> Callback<()> {
        Callback::new(move |()| self.close())
    }
}

impl<T: Send + Sync + 'static> Default for Editing<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// A modal editor for `editing`: `form` builds the form for the item each time the dialog opens
/// (fresh fields and errors).
#[component]
pub fn EditorDialog<T>(
    /// What is edited.
    editing: Editing<T>,
    /// Element id of the title.
    title_id: &'static str,
    /// The title (names the dialog).
    #[prop(into)]
    title: Signal<String>,
    /// Wider card for long forms.
    #[prop(optional)]
    wide: bool,
    /// Builds the form for the item (`None`: a new one).
    form: Arc<dyn Fn(Option<T>) -> AnyView + Send + Sync>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    view! {
        <Modal open=editing.open title_id title wide>
            {form(editing.item.get_untracked())}
        </Modal>
    }
}

/// Asks 确定删除吗? and then deletes through `send`; on success says 已删除 and runs `done`,
/// on failure shows why as a notice.
pub fn ask_delete<F, Fut>(send: F, done: Callback<()>) -> impl Fn() + Copy + Send + Sync + 'static
where
    F: Fn(Client) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<(), ClientError>> + 'static,
{
    let i18n = use_i18n();
    let session = use_session();
    let ask = asker();
    move || {
        ask(Confirm {
            message: t_string!(i18n, confirm.delete_text).to_string(),
            action: t_string!(i18n, confirm.delete).to_string(),
            danger: true,
            run: Callback::new(move |()| {
                spawn_local(async move {
                    match session.call(send).await {
                        Ok(()) => {
                            session.notify(NoticeKind::Success, t_string!(i18n, content.deleted).to_string());
                            done.run(());
                        }
                        Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                    }
                });
            }),
        });
    }
}

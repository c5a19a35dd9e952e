//! 工单处理 (operator, `handle_leads`): the queue of consult tickets and trial requests filtered by
//! status and kind (`/admin/tickets?status=…&kind=…`), and one ticket: what was submitted, the
//! attachment download, status and assignee, an emailed reply or an internal note, the history.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use rc_types::tickets::{TicketDetail, TicketMessage, TicketQuery, TicketStatus, TicketUpdate};

use crate::api::LoadError;
use crate::components::data_table::DataTable;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormAlert, TextArea};
use crate::components::listing::{PER_PAGE, use_list_state};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check, failure_text};
use crate::i18n::{t_string, ticket_kind_label, ticket_status_label, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::pages::account::tickets::{
    AttachmentButton, KINDS, STATUSES, StatusFilter, TicketFacts, Timeline, parse_kind, parse_status,
    ticket_columns,
};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const BASE: &str = "/admin/tickets";
const NEED: Need = Need::Staff("handle_leads");

/// The queue.
#[component]
pub fn AdminTicketsPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(tickets.queue) />
            <Queue />
        </Guard>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let query = use_query_map();
    let kind = Memo::new(move |_| query.read().get("kind"));
    let tickets = LocalResource::new(move || {
        let state = state.get();
        let kind = parse_kind(kind.get().as_deref());
        async move {
            let query = TicketQuery {
                page: Some(state.page),
                per_page: Some(PER_PAGE),
                status: parse_status(state.status.as_deref()),
                kind,
            };
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_tickets(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let navigate = use_navigate();
    let on_kind = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut params: ParamsMap = state
            .get_untracked()
            .query_pairs()
            .into_iter()
            .filter(|(k, _)| *k != "page")
            .collect();
        if !value.is_empty() {
            params.insert("kind", value);
        }
        navigate(
            &format!("{BASE}{}", params.to_query_string()),
            NavigateOptions::default(),
        );
    };
    let kind_filter = move || {
        let on_kind = on_kind.clone();
        view! {
            <StatusFilter base=BASE state />
            <div class="field is-horizontal status-filter">
                <label class="label" for="ticket-kind-filter">{tr!(tickets.kind_filter)}</label>
                <div class="select">
                    <select id="ticket-kind-filter" prop:value=move || kind.get().unwrap_or_default() on:change=on_kind>
                        <option value="">{tr!(tickets.all)}</option>
                        {KINDS
                            .into_iter()
                            .map(|(value, k)| view! {
                                <option value=value selected=move || kind.get().as_deref() == Some(value)>
                                    {move || ticket_kind_label(i18n, k)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
        }
    };
    view! {
        <DataTable
            data=tickets
            columns=ticket_columns(BASE, true)
            label=ts!(tickets.table)
            base=BASE
            hoverable=true
            toolbar=kind_filter
        />
    }
}

/// One ticket.
#[component]
pub fn AdminTicketPage() -> impl IntoView {
    let session = use_session();
    let param = crate::pages::id_param();
    let id = Memo::new(move |_| param.get().unwrap_or_default());
    let ticket = LocalResource::new(move || {
        let id = id.get();
        async move {
            session
                .call(|api| async move { api.get_ticket(id).await })
                .await
                .map_err(LoadError::from)
        }
    });
    let assignees = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.list_ticket_assignees().await })
            .await
            .map_err(LoadError::from)
    });
    let retry = Callback::new(move |()| ticket.refetch());
    // The latest state after an update, shown without reloading.
    let current = RwSignal::new(None::<TicketDetail>);
    view! {
        <Guard need=NEED>
            <Suspense fallback=|| view! { <LinesSkeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    let loaded = ticket.await;
                    let staff = assignees.await.unwrap_or_default();
                    match loaded {
                        Ok(detail) => {
                            current.set(Some(detail.clone()));
                            let title = detail.summary.number.clone();
                            view! {
                                <PageHead title=Signal::derive(move || title.clone())>
                                    <A href=BASE attr:class="button is-small">{tr!(tickets.back)}</A>
                                </PageHead>
                                {move || current.get().map(|detail| {
                                    let id = detail.summary.id;
                                    let has_file = detail.attachment.clone();
                                    view! {
                                        <div class="columns">
                                            <div class="column is-7-desktop">
                                                <TicketFacts ticket=detail.clone()>
                                                    {has_file.map(|file| view! { <AttachmentButton id file_name=file.file_name content_type=file.content_type /> })}
                                                </TicketFacts>
                                                <Timeline events=detail.events.clone() staff=true />
                                            </div>
                                            <div class="column">
                                                <HandleForm detail=detail.clone() assignees=staff.clone() current />
                                                <MessageForm id current />
                                            </div>
                                        </div>
                                    }
                                })}
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </Guard>
    }
}

/// Status and assignee.
#[component]
fn HandleForm(
    detail: TicketDetail,
    assignees: Vec<rc_types::tickets::TicketAssignee>,
    current: RwSignal<Option<TicketDetail>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = detail.summary.id;
    let status = RwSignal::new(detail.summary.status);
    let assignee = RwSignal::new(detail.summary.assignee.as_ref().map(|a| a.id));
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let update = TicketUpdate {
            status: status.get_untracked(),
            assignee_id: assignee.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let update = update.clone();
                    async move { api.update_ticket(id, &update).await }
                })
                .await;
            busy.set(false);
            match result {
                Ok(detail) => {
                    current.set(Some(detail));
                    session.notify(NoticeKind::Success, t_string!(i18n, tickets.saved).to_string());
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    view! {
        <form class="box" on:submit=on_submit aria-labelledby="handle-heading">
            <h2 id="handle-heading" class="title is-5">{tr!(tickets.handle)}</h2>
            <div class="field">
                <label class="label" for="ticket-status">{tr!(tickets.set_status)}</label>
                <div class="select is-fullwidth">
                    <select
                        id="ticket-status"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            status.set(parse_status(Some(value.as_str())).unwrap_or(TicketStatus::New));
                        }
                    >
                        {STATUSES
                            .into_iter()
                            .map(|(value, s)| view! {
                                <option value=value selected=move || status.get() == s>{move || ticket_status_label(i18n, s)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <div class="field">
                <label class="label" for="ticket-assignee">{tr!(tickets.set_assignee)}</label>
                <div class="select is-fullwidth">
                    <select id="ticket-assignee" on:change=move |ev| assignee.set(event_target_value(&ev).parse().ok())>
                        <option value="" selected=move || assignee.get().is_none()>{tr!(tickets.unassigned)}</option>
                        {assignees
                            .into_iter()
                            .map(|a| {
                                let aid = a.id;
                                view! { <option value=aid.to_string() selected=move || assignee.get() == Some(aid)>{a.name}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                {tr!(tickets.save)}
            </button>
        </form>
    }
}

/// An emailed reply or an internal note.
#[component]
fn MessageForm(id: i64, current: RwSignal<Option<TicketDetail>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let body = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let message = TicketMessage {
            body: body.get_untracked().trim().to_owned(),
            internal: internal.get_untracked(),
        };
        let found = check(&message);
        alert.set(None);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let note = message.internal;
            let result = session
                .call(|api| {
                    let message = message.clone();
                    async move { api.create_ticket_message(id, &message).await }
                })
                .await;
            busy.set(false);
            match result {
                Ok(detail) => {
                    current.set(Some(detail));
                    body.set(String::new());
                    let text = if note {
                        t_string!(i18n, tickets.note_added)
                    } else {
                        t_string!(i18n, tickets.reply_sent)
                    };
                    session.notify(NoticeKind::Success, text.to_string());
                }
                Err(error) => {
                    let fields = api_fields(&error);
                    if fields.is_empty() {
                        alert.set(Some(failure_text(i18n, &error)));
                    } else {
                        errors.set(fields);
                    }
                }
            }
        });
    };
    view! {
        <form class="box" novalidate on:submit=on_submit aria-labelledby="message-heading">
            <h2 id="message-heading" class="title is-5">{tr!(tickets.message)}</h2>
            <FormAlert message=alert />
            <TextArea name="body" label=ts!(tickets.message_label) value=body errors required=true max=5000 rows=5 />
            <fieldset class="field">
                <legend class="is-sr-only">{tr!(tickets.message)}</legend>
                <div class="radios">
                    <label class="radio">
                        <input type="radio" name="internal" prop:checked=move || !internal.get() on:change=move |_| internal.set(false) />
                        " "{tr!(tickets.send_reply)}
                    </label>
                    <label class="radio">
                        <input type="radio" name="internal" prop:checked=move || internal.get() on:change=move |_| internal.set(true) />
                        " "{tr!(tickets.add_note)}
                    </label>
                </div>
            </fieldset>
            <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                {tr!(tickets.submit_message)}
            </button>
        </form>
    }
}

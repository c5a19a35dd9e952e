//! 我的工单: the consult tickets and trial requests the signed-in company user submitted
//! (`/account/tickets`, filterable by status) and one ticket with the operator's replies
//! (`/account/tickets/:id`). The pieces showing a ticket are shared with the operator's queue.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_types::tickets::{
    TicketChange, TicketDetail, TicketEvent, TicketEventKind, TicketKind, TicketQuery, TicketStatus,
    TicketSummary,
};

use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::error_view::ErrorView;
use crate::components::listing::{ListState, PER_PAGE, StatusSelect, use_list_state};
use crate::components::media::{blob_url, save_as};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::failure_text;
use crate::i18n::{
    datetime, service_type_label, support_category_label, t_string, ticket_kind_label, ticket_status_class,
    ticket_status_label, use_i18n,
};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const BASE: &str = "/account/tickets";

/// Status filter values, in menu order.
pub const STATUSES: [(&str, TicketStatus); 3] = [
    ("new", TicketStatus::New),
    ("in_progress", TicketStatus::InProgress),
    ("closed", TicketStatus::Closed),
];

/// Kind filter values.
pub const KINDS: [(&str, TicketKind); 2] = [("consult", TicketKind::Consult), ("trial", TicketKind::Trial)];

/// The status a URL value filters by.
pub fn parse_status(value: Option<&str>) -> Option<TicketStatus> {
    STATUSES
        .iter()
        .find(|(name, _)| Some(*name) == value)
        .map(|(_, status)| *status)
}

/// The kind a URL value filters by.
pub fn parse_kind(value: Option<&str>) -> Option<TicketKind> {
    KINDS
        .iter()
        .find(|(name, _)| Some(*name) == value)
        .map(|(_, kind)| *kind)
}

/// The status filter menu of a ticket list (`?status=…`).
#[component]
pub fn StatusFilter(
    /// List page path.
    base: &'static str,
    /// Current list state.
    state: Memo<ListState>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = STATUSES
        .into_iter()
        .map(|(value, status)| {
            (
                value,
                Signal::derive(move || ticket_status_label(i18n, status).to_owned()),
            )
        })
        .collect();
    view! {
        <StatusSelect base state id="ticket-status-filter" label=ts!(tickets.status_filter) all=ts!(tickets.all) options />
    }
}

/// A change event in the current language: the status and assignee it set.
fn change_text(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, change: &TicketChange) -> String {
    let status = ticket_status_label(i18n, change.status);
    let who = change
        .assignee
        .clone()
        .unwrap_or_else(|| t_string!(i18n, tickets.unassigned).to_owned());
    t_string!(i18n, tickets.change_text, status, who).to_string()
}

/// A status badge (新建 / 处理中 / 已关闭).
#[component]
pub fn StatusBadge(
    /// Status.
    status: TicketStatus,
) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=ticket_status_class(status)>{move || ticket_status_label(i18n, status)}</span> }
}

/// The user's ticket list.
#[component]
pub fn MyTicketsPage() -> impl IntoView {
    view! {
        <Guard need=Need::Member>
            <PageHead title=ts!(tickets.mine) />
            <MyTicketList />
        </Guard>
    }
}

#[component]
fn MyTicketList() -> impl IntoView {
    let session = use_session();
    let state = use_list_state();
    let tickets = LocalResource::new(move || {
        let state = state.get();
        async move {
            let query = TicketQuery {
                page: Some(state.page),
                per_page: Some(PER_PAGE),
                status: parse_status(state.status.as_deref()),
                kind: None,
            };
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_my_tickets(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    view! {
        <DataTable
            data=tickets
            columns=ticket_columns(BASE, false)
            label=ts!(tickets.table)
            base=BASE
            hoverable=true
            toolbar=move || view! {
                <p class="help">{tr!(tickets.mine_hint)}</p>
                <StatusFilter base=BASE state />
            }
        />
    }
}

/// The columns of a ticket list; the number links to `base/:id`. Staff also see the submitter
/// and the assignee.
pub fn ticket_columns(base: &'static str, staff: bool) -> Vec<Column<TicketSummary>> {
    let i18n = use_i18n();
    let mut columns = vec![
        Column::new(ts!(tickets.number), move |t: &TicketSummary| {
            let (href, number) = (format!("{base}/{}", t.id), t.number.clone());
            view! { <A href>{number}</A> }
        })
        .class("nowrap"),
        Column::new(ts!(tickets.kind), move |t: &TicketSummary| {
            let kind = t.kind;
            move || ticket_kind_label(i18n, kind)
        })
        .class("nowrap"),
        Column::new(ts!(tickets.topic), |t: &TicketSummary| {
            view! {
                {t.topic.clone()}
                {t.solution.clone().map(|s| view! { <span class="ticket-solution">{s.name}</span> })}
            }
        })
        .class("cell-wrap"),
    ];
    if staff {
        columns.push(
            Column::new(ts!(tickets.submitter), |t: &TicketSummary| {
                view! { {t.name.clone()}<span class="ticket-solution">{t.company.clone()}</span> }
            })
            .class("cell-wrap"),
        );
    }
    columns.push(Column::new(
        ts!(tickets.status),
        |t: &TicketSummary| view! { <StatusBadge status=t.status /> },
    ));
    if staff {
        columns.push(Column::new(ts!(tickets.assignee), |t: &TicketSummary| {
            t.assignee.clone().map_or_else(|| "—".to_owned(), |a| a.name)
        }));
    }
    columns
        .push(Column::new(ts!(tickets.created), |t: &TicketSummary| datetime(t.created_at)).class("nowrap"));
    columns
}

/// The user's ticket with the operator's replies.
#[component]
pub fn MyTicketPage() -> impl IntoView {
    let session = use_session();
    let id = crate::pages::id_param();
    let ticket = LocalResource::new(move || {
        let id = id.get();
        async move {
            let Some(id) = id else {
                return Err(LoadError {
                    status: Some(404),
                    message: String::new(),
                    network: false,
                });
            };
            session
                .call(|api| async move { api.get_my_ticket(id).await })
                .await
                .map_err(LoadError::from)
        }
    });
    let retry = Callback::new(move |()| ticket.refetch());
    view! {
        <Guard need=Need::Member>
            <Suspense fallback=|| view! { <LinesSkeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match ticket.await {
                        Ok(detail) => {
                            let title = detail.summary.number.clone();
                            view! {
                                <PageHead title=Signal::derive(move || title.clone())>
                                    <A href=BASE attr:class="button is-small">{tr!(tickets.back)}</A>
                                </PageHead>
                                <TicketFacts ticket=detail.clone()>
                                    {detail.attachment.clone().map(|file| view! {
                                        <AttachmentButton id=detail.summary.id file_name=file.file_name content_type=file.content_type mine=true />
                                    })}
                                </TicketFacts>
                                <Timeline events=detail.events staff=false />
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

/// What was submitted: kind, status, topic, solution, service type, category, details, contact.
#[component]
pub fn TicketFacts(
    /// The ticket.
    ticket: TicketDetail,
    /// Extra content after the facts (the operator's attachment download).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let TicketDetail {
        summary,
        service_type,
        support_category,
        details,
        phone,
        attachment,
        ..
    } = ticket;
    let kind = summary.kind;
    view! {
        <section class="box ticket-facts" aria-label=tr!(tickets.facts)>
            <div class="ticket-head">
                <p class="title is-5">{summary.topic.clone()}</p>
                <StatusBadge status=summary.status />
            </div>
            <table class="table is-fullwidth facts">
                <tbody>
                    <tr><th scope="row">{tr!(tickets.number)}</th><td class="ticket-number">{summary.number.clone()}</td></tr>
                    <tr><th scope="row">{tr!(tickets.kind)}</th><td>{move || ticket_kind_label(i18n, kind)}</td></tr>
                    {summary.solution.clone().map(|s| view! {
                        <tr><th scope="row">{tr!(tickets.solution)}</th><td><a href=format!("/solutions/{}", s.id)>{s.name}</a></td></tr>
                    })}
                    {service_type.map(|v| view! {
                        <tr><th scope="row">{tr!(leads.service_type)}</th><td>{move || service_type_label(i18n, v)}</td></tr>
                    })}
                    {support_category.map(|v| view! {
                        <tr><th scope="row">{tr!(leads.support_category)}</th><td>{move || support_category_label(i18n, v)}</td></tr>
                    })}
                    <tr>
                        <th scope="row">{move || if kind == TicketKind::Trial { tr!(leads.note)() } else { tr!(leads.details)() }}</th>
                        <td class="ticket-details">{if details.is_empty() { "—".to_owned() } else { details }}</td>
                    </tr>
                    <tr><th scope="row">{tr!(leads.name)}</th><td>{summary.name.clone()}</td></tr>
                    <tr><th scope="row">{tr!(leads.company)}</th><td>{summary.company.clone()}</td></tr>
                    <tr><th scope="row">{tr!(leads.email)}</th><td>{summary.email.clone()}</td></tr>
                    <tr><th scope="row">{tr!(leads.phone)}</th><td>{phone}</td></tr>
                    {attachment.map(|file| view! {
                        <tr>
                            <th scope="row">{tr!(tickets.attachment)}</th>
                            <td>{file.file_name}" ("{crate::pages::auth::register::human_size(usize::try_from(file.size).unwrap_or(usize::MAX))}")"</td>
                        </tr>
                    })}
                    <tr><th scope="row">{tr!(tickets.created)}</th><td>{datetime(summary.created_at)}</td></tr>
                    {summary.assignee.clone().map(|a| view! {
                        <tr><th scope="row">{tr!(tickets.assignee)}</th><td>{a.name}</td></tr>
                    })}
                </tbody>
            </table>
            {children.map(|c| c())}
        </section>
    }
}

/// Downloads a ticket's attachment with the access token and saves it under its file name:
/// the operator's copy, or with `mine` the submitter's own.
#[component]
pub fn AttachmentButton(
    /// Ticket id.
    id: i64,
    /// File name to save under.
    file_name: String,
    /// Its type.
    content_type: String,
    /// The signed-in submitter's download rather than the operator's.
    #[prop(optional)]
    mine: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        let (file_name, content_type) = (file_name.clone(), content_type.clone());
        busy.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| async move {
                    if mine {
                        api.download_my_ticket_attachment(id).await
                    } else {
                        api.download_ticket_attachment(id).await
                    }
                })
                .await;
            busy.set(false);
            match result {
                Ok(bytes) => {
                    if let Some(url) = blob_url(&bytes, &content_type) {
                        save_as(&url, &file_name);
                        let _ = web_sys::Url::revoke_object_url(&url);
                    }
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    view! {
        <button type="button" class="button is-small is-link is-light" class=("is-loading", move || busy.get()) on:click=on_click>
            {tr!(tickets.download)}
        </button>
    }
}

/// The ticket's history, oldest first: replies (and, for staff, notes and changes).
#[component]
pub fn Timeline(
    /// Events.
    events: Vec<TicketEvent>,
    /// Staff view (notes and changes are labelled).
    staff: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="box ticket-timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" class="title is-5">
                {move || if staff { tr!(tickets.history)() } else { tr!(tickets.replies)() }}
            </h2>
            {if events.is_empty() {
                view! { <p class="has-text-grey">{move || if staff { tr!(tickets.no_history)() } else { tr!(tickets.no_replies)() }}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {events
                            .into_iter()
                            .map(|event| {
                                let class = match event.kind {
                                    TicketEventKind::Reply => "timeline-item is-reply",
                                    TicketEventKind::Note => "timeline-item is-note",
                                    TicketEventKind::Change => "timeline-item is-change",
                                };
                                let kind = event.kind;
                                view! {
                                    <li class=class>
                                        <p class="timeline-meta">
                                            <span class="tag is-light">
                                                {move || match kind {
                                                    TicketEventKind::Reply => tr!(tickets.event_reply)(),
                                                    TicketEventKind::Note => tr!(tickets.event_note)(),
                                                    TicketEventKind::Change => tr!(tickets.event_change)(),
                                                }}
                                            </span>
                                            <span class="timeline-author">{event.author.clone()}</span>
                                            <time datetime=event.created_at.to_rfc3339()>{datetime(event.created_at)}</time>
                                        </p>
                                        <p class="timeline-body">
                                            {
                                                let (body, change) = (event.body.clone(), event.change.clone());
                                                move || change.as_ref().map_or_else(|| body.clone(), |change| change_text(i18n, change))
                                            }
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse() {
        assert_eq!(parse_status(Some("in_progress")), Some(TicketStatus::InProgress));
        assert_eq!(parse_status(Some("x")), None);
        assert_eq!(parse_kind(Some("trial")), Some(TicketKind::Trial));
        assert_eq!(parse_kind(None), None);
    }
}

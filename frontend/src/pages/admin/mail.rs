//! 邮件 (operator): the outbox / dev mailbox — recipient, subject, status, time; a row expands to
//! the plain-text body with its links made clickable (activation and invitation links).

use std::sync::Arc;

use leptos::prelude::*;
use rc_types::PageQuery;
use rc_types::mail::{MailMessage, MailStatus};

use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable, Detail};
use crate::components::listing::{PER_PAGE, use_list_state};
use crate::i18n::{datetime, mail_status_label, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::use_session;
use crate::tr;
use crate::ts;

const BASE: &str = "/admin/mail";

/// A piece of a mail body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Plain text.
    Text(String),
    /// An `http(s)://` URL.
    Link(String),
}

/// Splits `text` into plain text and `http://` / `https://` links (a link ends at whitespace or
/// at a closing bracket or full-width punctuation).
pub fn linkify(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut rest = text;
    while let Some(start) = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        if start > 0 {
            segments.push(Segment::Text(rest[..start].to_owned()));
        }
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | '）' | '。' | '，'))
            .unwrap_or(tail.len());
        segments.push(Segment::Link(tail[..end].to_owned()));
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Text(rest.to_owned()));
    }
    segments
}

/// The mailbox page.
#[component]
pub fn MailPage() -> impl IntoView {
    view! {
        <Guard need=Need::Staff("view_mailbox")>
            <PageHead title=ts!(mail.title) />
            <p class="help mb-3">{tr!(mail.subtitle)}</p>
            <MailList />
        </Guard>
    }
}

#[component]
fn MailList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    // Ids of the messages whose body is shown (none on a newly loaded page).
    let expanded = RwSignal::new(Vec::<i64>::new());
    let mail = LocalResource::new(move || {
        let page = state.get().page;
        expanded.set(Vec::new());
        async move {
            session
                .call(|api| async move {
                    api.list_mail(PageQuery {
                        page: Some(page),
                        per_page: Some(PER_PAGE),
                    })
                    .await
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let is_open = move |id: i64| Signal::derive(move || expanded.with(|ids| ids.contains(&id)));
    let columns = vec![
        Column::new(ts!(mail.recipient), |m: &MailMessage| m.recipient.clone()),
        Column::new(ts!(mail.subject), move |m: &MailMessage| {
            let (id, open) = (m.id, is_open(m.id));
            let toggle = move |_| {
                expanded.update(|ids| {
                    if ids.contains(&id) {
                        ids.retain(|x| *x != id);
                    } else {
                        ids.push(id);
                    }
                });
            };
            view! {
                <button
                    type="button"
                    class="button is-ghost mail-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=body_id(m)
                    on:click=toggle
                >
                    <span class="mail-caret" aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                    {m.subject.clone()}
                </button>
            }
        })
        .class("cell-wrap"),
        Column::new(ts!(mail.status), move |m: &MailMessage| {
            let status = m.status;
            view! {
                <span class=if status == MailStatus::Failed { "tag is-danger is-light" } else { "tag is-light" }>
                    {move || mail_status_label(i18n, status)}
                </span>
            }
        }),
        Column::new(ts!(mail.time), |m: &MailMessage| datetime(m.sent_at.unwrap_or(m.created_at)))
        .class("nowrap"),
    ];
    let detail = Detail {
        group_class: "mail-item",
        row_class: "mail-body-row",
        id: body_id,
        open: Arc::new(move |m: &MailMessage| is_open(m.id)),
        view: Arc::new(|m: &MailMessage| mail_body(m).into_any()),
    };
    view! {
        <DataTable data=mail columns label=ts!(mail.table) base=BASE class="mail-table" detail />
    }
}

/// Element id of a message's body row.
fn body_id(message: &MailMessage) -> String {
    format!("mail-{}", message.id)
}

/// A message's notes and its plain-text body with the links made clickable.
fn mail_body(message: &MailMessage) -> impl IntoView + use<> {
    view! {
        {message.link_hidden.then(|| view! { <p class="help mail-note">{tr!(mail.link_hidden)}</p> })}
        {message.purged.then(|| view! { <p class="help mail-note">{tr!(mail.purged)}</p> })}
        <pre class="mail-body" aria-label=tr!(mail.body)>
            {linkify(&message.body_text)
                .into_iter()
                .map(|segment| match segment {
                    Segment::Text(text) => text.into_any(),
                    Segment::Link(url) => view! { <a href=url.clone()>{url.clone()}</a> }.into_any(),
                })
                .collect_view()}
        </pre>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_in_text() {
        let body = "请打开以下链接：\n\nhttp://127.0.0.1:8099/activate?token=abc\n\n链接仅可使用一次。";
        assert_eq!(
            linkify(body),
            vec![
                Segment::Text("请打开以下链接：\n\n".into()),
                Segment::Link("http://127.0.0.1:8099/activate?token=abc".into()),
                Segment::Text("\n\n链接仅可使用一次。".into()),
            ]
        );
        assert_eq!(linkify("no links"), vec![Segment::Text("no links".into())]);
        assert_eq!(
            linkify("(https://a.example/x) and http://b.example"),
            vec![
                Segment::Text("(".into()),
                Segment::Link("https://a.example/x".into()),
                Segment::Text(") and ".into()),
                Segment::Link("http://b.example".into()),
            ]
        );
    }
}

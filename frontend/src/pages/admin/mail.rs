//! 邮件 (operator): the outbox / dev mailbox — recipient, subject, status, time; a row expands to
//! the plain-text body with its links made clickable (activation and invitation links).

use std::sync::Arc;

use leptos::prelude::*;
use rc_types::mail::{MailMessage, MailStatus};
use rc_types::{Page, PageQuery};

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

/// A message with whether its body is shown.
#[derive(Debug, Clone)]
struct MailRow {
    message: MailMessage,
    open: RwSignal<bool>,
}

#[component]
fn MailList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let mail = LocalResource::new(move || {
        let page = state.get().page;
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
                .map(|page| Page {
                    items: page
                        .items
                        .into_iter()
                        .map(|message| MailRow {
                            message,
                            open: RwSignal::new(false),
                        })
                        .collect(),
                    total: page.total,
                    page: page.page,
                    per_page: page.per_page,
                })
                .map_err(LoadError::from)
        }
    });
    let columns = vec![
        Column::new(ts!(mail.recipient), |row: &MailRow| row.message.recipient.clone()),
        Column::new(ts!(mail.subject), |row: &MailRow| {
            let open = row.open;
            view! {
                <button
                    type="button"
                    class="button is-ghost mail-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=body_id(row)
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="mail-caret" aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                    {row.message.subject.clone()}
                </button>
            }
        })
        .class("cell-wrap"),
        Column::new(ts!(mail.status), move |row: &MailRow| {
            let status = row.message.status;
            view! {
                <span class=if status == MailStatus::Failed { "tag is-danger is-light" } else { "tag is-light" }>
                    {move || mail_status_label(i18n, status)}
                </span>
            }
        }),
        Column::new(ts!(mail.time), |row: &MailRow| {
            datetime(row.message.sent_at.unwrap_or(row.message.created_at))
        })
        .class("nowrap"),
    ];
    let detail = Detail {
        group_class: "mail-item",
        row_class: "mail-body-row",
        id: body_id,
        open: |row: &MailRow| row.open,
        view: Arc::new(|row: &MailRow| mail_body(&row.message).into_any()),
    };
    view! {
        <DataTable data=mail columns label=ts!(mail.table) base=BASE class="mail-table" detail />
    }
}

/// Element id of a message's body row.
fn body_id(row: &MailRow) -> String {
    format!("mail-{}", row.message.id)
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

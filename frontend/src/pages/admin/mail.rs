//! 邮件 (operator): the outbox / dev mailbox — recipient, subject, status, time; a row expands to
//! the plain-text body with its links made clickable (activation and invitation links).

use leptos::prelude::*;
use rc_types::PageQuery;
use rc_types::mail::{MailMessage, MailStatus};

use crate::api::LoadError;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::listing::{ListFooter, PER_PAGE, use_list_state};
use crate::components::skeleton::LinesSkeleton;
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
                .map_err(LoadError::from)
        }
    });
    let retry = Callback::new(move |()| mail.refetch());
    view! {
        <section class="box list-box">
            <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match mail.await {
                        Ok(page) => {
                            let (total, pages) = (page.total, page.page_count());
                            let body = if page.items.is_empty() {
                                view! { <EmptyState /> }.into_any()
                            } else {
                                view! {
                                    <div class="table-container">
                                        <table class="table is-fullwidth data-table mail-table" aria-label=tr!(mail.table)>
                                            <thead>
                                                <tr>
                                                    <th>{tr!(mail.recipient)}</th>
                                                    <th>{tr!(mail.subject)}</th>
                                                    <th>{tr!(mail.status)}</th>
                                                    <th>{tr!(mail.time)}</th>
                                                </tr>
                                            </thead>
                                            {page.items.into_iter().map(|message| view! { <MailRows message /> }).collect_view()}
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            };
                            view! {
                                {body}
                                <ListFooter base=BASE state total pages />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// One message: its row, and the body when expanded (a `tbody` per message).
#[component]
fn MailRows(
    /// The message.
    message: MailMessage,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let body_id = format!("mail-{}", message.id);
    let status = message.status;
    let subject = message.subject.clone();
    let time = datetime(message.sent_at.unwrap_or(message.created_at));
    let body = message.body_text;
    let (link_hidden, purged) = (message.link_hidden, message.purged);
    view! {
        <tbody class="mail-item">
            <tr>
                <td>{message.recipient}</td>
                <td class="cell-wrap">
                    <button
                        type="button"
                        class="button is-ghost mail-toggle"
                        aria-expanded=move || open.get().to_string()
                        aria-controls=body_id.clone()
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        <span class="mail-caret" aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                        {subject}
                    </button>
                </td>
                <td>
                    <span class=if status == MailStatus::Failed { "tag is-danger is-light" } else { "tag is-light" }>
                        {move || mail_status_label(i18n, status)}
                    </span>
                </td>
                <td class="nowrap">{time}</td>
            </tr>
            <tr class="mail-body-row" id=body_id hidden=move || !open.get()>
                <td colspan="4">
                    {link_hidden.then(|| view! { <p class="help mail-note">{tr!(mail.link_hidden)}</p> })}
                    {purged.then(|| view! { <p class="help mail-note">{tr!(mail.purged)}</p> })}
                    <pre class="mail-body" aria-label=tr!(mail.body)>
                        {linkify(&body)
                            .into_iter()
                            .map(|segment| match segment {
                                Segment::Text(text) => text.into_any(),
                                Segment::Link(url) => view! { <a href=url.clone()>{url.clone()}</a> }.into_any(),
                            })
                            .collect_view()}
                    </pre>
                </td>
            </tr>
        </tbody>
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

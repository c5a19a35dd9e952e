//! The mail outbox: messages are queued in the transaction that causes them and delivered later
//! by a worker, with retries and backoff. A one-time link never sits in the readable body: the
//! body holds [`LINK_SLOT`] and the link is stored sealed (encrypted by the API's key) until it is
//! delivered; delivered bodies are purged after the retention period.

use chrono::Duration;
use diesel::prelude::*;
use rc_types::mail::{MailMessage, MailStatus};
use rc_types::{Page, PageQuery};

use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::paging;
use crate::schema::outbox;

/// Where the sealed link goes back into the body at delivery.
pub const LINK_SLOT: &str = "⟦link⟧";

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i32 = 8;

/// A queued message.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    /// Id.
    pub id: i64,
    /// Recipient.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body_text: String,
    status: String,
    /// Attempts so far.
    pub attempts: i32,
    /// When the next attempt is due.
    pub next_attempt_at: chrono::NaiveDateTime,
    last_error: Option<String>,
    transport: Option<String>,
    created_at: chrono::NaiveDateTime,
    sent_at: Option<chrono::NaiveDateTime>,
    /// The body's one-time link, sealed.
    pub link_sealed: Option<String>,
    purged_at: Option<chrono::NaiveDateTime>,
}

impl OutboxRow {
    /// The message as a reader sees it: `open` returns the link for a reader who may see it
    /// (the dev mailbox's operator admin), `None` for everybody else, who get `hidden` instead.
    pub fn into_api(
        self,
        open: impl Fn(&str) -> Option<String>,
        hidden: &str,
    ) -> Result<MailMessage, StoreError> {
        let status = MailStatus::from_db(&self.status)?;
        let link = self.link_sealed.as_deref().and_then(&open);
        let link_hidden = link.is_none() && self.body_text.contains(LINK_SLOT);
        Ok(MailMessage {
            id: self.id,
            recipient: self.recipient,
            subject: self.subject,
            body_text: self
                .body_text
                .replace(LINK_SLOT, link.as_deref().unwrap_or(hidden)),
            link_hidden,
            purged: self.purged_at.is_some(),
            status,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            transport: self.transport,
            last_error: self.last_error,
            created_at: self.created_at.and_utc(),
            sent_at: self.sent_at.map(|t| t.and_utc()),
        })
    }
}

/// Queues a message; call inside the transaction of the change that causes it. A body with a
/// one-time link carries [`LINK_SLOT`] in its place and the link comes sealed in `link_sealed`.
pub fn enqueue(
    conn: &mut DbConn,
    recipient: &str,
    subject: &str,
    body_text: &str,
    link_sealed: Option<&str>,
) -> Result<i64, StoreError> {
    let stamp = now();
    Ok(diesel::insert_into(outbox::table)
        .values((
            outbox::recipient.eq(recipient),
            outbox::subject.eq(subject),
            outbox::body_text.eq(body_text),
            outbox::link_sealed.eq(link_sealed),
            outbox::status.eq(MailStatus::Pending.as_db()),
            outbox::next_attempt_at.eq(stamp),
            outbox::created_at.eq(stamp),
        ))
        .returning(outbox::id)
        .get_result(conn)?)
}

/// Claims up to `limit` due messages by pushing their next attempt forward (a lease), so two
/// workers never send the same message at once.
pub fn claim_due(conn: &mut DbConn, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
    let stamp = now();
    let due: Vec<OutboxRow> = outbox::table
        .filter(
            outbox::status
                .eq(MailStatus::Pending.as_db())
                .and(outbox::next_attempt_at.le(stamp)),
        )
        .order(outbox::id.asc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?;
    let mut claimed = Vec::with_capacity(due.len());
    for row in due {
        let won = diesel::update(
            outbox::table
                .find(row.id)
                .filter(outbox::next_attempt_at.eq(row.next_attempt_at))
                .filter(outbox::status.eq(MailStatus::Pending.as_db())),
        )
        .set(outbox::next_attempt_at.eq(stamp + Duration::minutes(5)))
        .execute(conn)?;
        if won == 1 {
            claimed.push(row);
        }
    }
    Ok(claimed)
}

/// Marks a message delivered through `transport`; `keep_link` keeps the sealed link (the dev
/// mailbox is the recipient's inbox), otherwise it is dropped: nobody needs it any more.
pub fn mark_sent(conn: &mut DbConn, id: i64, transport: &str, keep_link: bool) -> Result<(), StoreError> {
    if !keep_link {
        diesel::update(outbox::table.find(id))
            .set(outbox::link_sealed.eq(None::<String>))
            .execute(conn)?;
    }
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(MailStatus::Sent.as_db()),
            outbox::transport.eq(transport),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::sent_at.eq(now()),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt: retried with exponential backoff, failed after [`MAX_ATTEMPTS`].
pub fn mark_attempt_failed(conn: &mut DbConn, row: &OutboxRow, error: &str) -> Result<(), StoreError> {
    let attempts = row.attempts + 1;
    let status = if attempts >= MAX_ATTEMPTS {
        MailStatus::Failed
    } else {
        MailStatus::Pending
    };
    let backoff = Duration::seconds(5 * (1_i64 << attempts.min(10)));
    diesel::update(outbox::table.find(row.id))
        .set((
            outbox::status.eq(status.as_db()),
            outbox::attempts.eq(attempts),
            outbox::last_error.eq(error),
            outbox::next_attempt_at.eq(now() + backoff),
        ))
        .execute(conn)?;
    Ok(())
}

/// Empties the bodies (and drops the sealed links) of messages delivered or given up before
/// `cutoff`; returns how many. Idempotent, so every server may run it.
pub fn purge_before(conn: &mut DbConn, cutoff: chrono::NaiveDateTime) -> Result<usize, StoreError> {
    Ok(diesel::update(
        outbox::table
            .filter(outbox::status.ne(MailStatus::Pending.as_db()))
            .filter(outbox::purged_at.is_null())
            .filter(outbox::created_at.lt(cutoff)),
    )
    .set((
        outbox::body_text.eq(""),
        outbox::link_sealed.eq(None::<String>),
        outbox::purged_at.eq(now()),
    ))
    .execute(conn)?)
}

/// Messages, newest first, as [`OutboxRow::into_api`] shows them.
pub fn list(
    conn: &mut DbConn,
    paging: PageQuery,
    open: impl Fn(&str) -> Option<String>,
    hidden: &str,
) -> Result<Page<MailMessage>, StoreError> {
    let total: i64 = outbox::table.count().get_result(conn)?;
    let rows: Vec<OutboxRow> = outbox::table
        .order(outbox::id.desc())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select(OutboxRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|row| row.into_api(&open, hidden))
        .collect::<Result<_, _>>()?;
    Ok(paging::page(items, total, paging))
}

//! Outgoing mail: templates (zh-CN with English variants), the SMTP / dev-mailbox transport and
//! the outbox worker. Handlers only ever *queue* mail, inside their own transaction, through
//! [`queue`], which keeps the mail's one-time link out of the readable body.

pub mod templates;
pub mod transport;
pub mod worker;

pub use templates::Mail;
pub use transport::MailTransport;

use rc_store::{DbConn, StoreError, outbox};

use crate::sealing::Sealer;

/// What the mailbox shows instead of a link its reader may not see.
pub const LINK_WITHHELD: &str = "〔链接仅发送给收件人 · the link is sent to the recipient only〕";

/// Renders `mail` in `locale` and queues it for `recipient`; its link (if any) is stored sealed
/// and goes back into the body only at delivery. Call inside the transaction that causes it.
pub fn queue(
    conn: &mut DbConn,
    sealer: &Sealer,
    recipient: &str,
    mail: &Mail<'_>,
    locale: &str,
) -> Result<i64, StoreError> {
    let (subject, body) = mail.render(locale);
    match mail.link() {
        Some(link) => {
            let body = body.replace(link, outbox::LINK_SLOT);
            outbox::enqueue(conn, recipient, &subject, &body, Some(&sealer.seal(link)))
        }
        None => outbox::enqueue(conn, recipient, &subject, &body, None),
    }
}

/// The body to deliver: the queued text with its sealed link put back.
pub fn body_for_delivery(row: &outbox::OutboxRow, sealer: &Sealer) -> Result<String, String> {
    match &row.link_sealed {
        Some(link_sealed) => {
            let link = sealer
                .open(link_sealed)
                .ok_or_else(|| "the sealed link does not open with this server's key".to_owned())?;
            Ok(row.body_text.replace(outbox::LINK_SLOT, &link))
        }
        None => Ok(row.body_text.clone()),
    }
}

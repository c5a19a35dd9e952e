//! Leads: recording a consult or trial ticket with its acknowledgement, the operator's replies
//! and notes.

use rc_store::tickets::{self, NewAttachment};
use rc_store::{DbConn, settings, users};
use rc_types::tickets::{ConsultInput, TicketDetail, TicketKind, TicketMessage, TicketReceipt, TrialInput};

use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::sealing::Sealer;

/// Who submits a ticket.
#[derive(Debug, Clone, Copy)]
pub struct Submitter<'a> {
    /// The signed-in user, if any.
    pub user_id: Option<i64>,
    /// The acknowledgement's address (trimmed, lower-case).
    pub email: &'a str,
    /// Mail language.
    pub locale: &'a str,
}

/// A new ticket of either form.
#[derive(Debug, Clone, Copy)]
pub enum NewTicket<'a> {
    /// 在线咨询 with an optional stored attachment.
    Consult(&'a ConsultInput, Option<&'a NewAttachment>),
    /// 申请试用 of a published solution.
    Trial(&'a TrialInput),
}

/// Records the ticket and queues the acknowledgement in one transaction; returns the receipt.
/// The visitor's own words (the topic) are quoted back only to an address known to be theirs
/// (the signed-in user's verified account email): to any other address the operator's sender
/// sends fixed text, so the form can't relay a stranger's message.
pub fn submit(
    conn: &mut DbConn,
    sealer: &Sealer,
    submitter: Submitter<'_>,
    ticket: NewTicket<'_>,
) -> Result<TicketReceipt, ApiError> {
    let Submitter {
        user_id,
        email,
        locale,
    } = submitter;
    conn.atomic(|conn| {
        let (kind, id) = match ticket {
            NewTicket::Consult(input, attachment) => (
                TicketKind::Consult,
                tickets::create_consult(conn, input, attachment, user_id)?,
            ),
            NewTicket::Trial(input) => (TicketKind::Trial, tickets::create_trial(conn, input, user_id)?),
        };
        let contact = settings::contact(conn)?;
        let number = tickets::number(kind, id);
        let verified = match user_id {
            Some(user_id) => users::get_row(conn, user_id)?.email == email,
            None => false,
        };
        let topic = if verified {
            Some(tickets::topic(conn, id)?)
        } else {
            None
        };
        let mail = Mail::TicketReceived {
            number: &number,
            topic: topic.as_deref(),
            operator: &contact.name,
            response_time: &contact.response_time,
            phone: &contact.phone,
        };
        mail::queue(conn, sealer, email, &mail, locale)?;
        Ok(TicketReceipt { id, number, contact })
    })
}

/// Adds an internal note, or a reply that is emailed to the submitter in the same transaction.
pub fn post_message(
    conn: &mut DbConn,
    sealer: &Sealer,
    (id, actor_id): (i64, i64),
    message: &TicketMessage,
) -> Result<TicketDetail, ApiError> {
    conn.atomic(|conn| {
        let before = tickets::get(conn, id, None)?;
        tickets::add_message(conn, id, &message.body, message.internal, actor_id)?;
        if !message.internal {
            let mail = Mail::TicketReply {
                number: &before.summary.number,
                topic: &before.summary.topic,
                body: message.body.trim(),
            };
            mail::queue(conn, sealer, &before.summary.email, &mail, "zh")?;
        }
        Ok(tickets::get(conn, id, None)?)
    })
}

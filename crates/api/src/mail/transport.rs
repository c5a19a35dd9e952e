//! Delivery: SMTP through lettre when `SMTP_URL` is set, otherwise the dev mailbox (messages are
//! marked delivered and read on the operator's mailbox page).

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rc_store::outbox::OutboxRow;

use crate::config::Settings;

/// How queued mail leaves the system.
#[derive(Clone)]
pub enum MailTransport {
    /// A real SMTP server.
    Smtp {
        /// lettre transport (pooled).
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// Sender.
        from: Mailbox,
    },
    /// No SMTP configured: keep messages for the operator's dev mailbox.
    DevMailbox,
}

impl std::fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            MailTransport::Smtp { .. } => "MailTransport::Smtp",
            MailTransport::DevMailbox => "MailTransport::DevMailbox",
        })
    }
}

impl MailTransport {
    /// The transport the settings describe.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<MailTransport> {
        let Some(url) = &settings.smtp_url else {
            return Ok(MailTransport::DevMailbox);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("SMTP_URL is invalid: {e}"))?
            .build();
        let from = settings
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("MAIL_FROM is invalid: {e}"))?;
        Ok(MailTransport::Smtp { transport, from })
    }

    /// Delivers one message with its full `body` (the link put back); returns the transport's name.
    pub async fn deliver(&self, row: &OutboxRow, body: String) -> Result<&'static str, String> {
        match self {
            MailTransport::DevMailbox => Ok("dev-mailbox"),
            MailTransport::Smtp { transport, from } => {
                let to: Mailbox = row.recipient.parse().map_err(|e| format!("bad recipient: {e}"))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(row.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(body)
                    .map_err(|e| format!("building the message: {e}"))?;
                transport
                    .send(message)
                    .await
                    .map(|_| "smtp")
                    .map_err(|e| e.to_string())
            }
        }
    }
}

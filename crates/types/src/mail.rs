//! The mail outbox, shown to the operator as the dev mailbox (邮件).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Delivery state of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting for (another) delivery attempt.
    Pending,
    /// Delivered (by SMTP, or to the dev mailbox when no SMTP server is configured).
    Sent,
    /// Gave up after repeated failures.
    Failed,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailMessage {
    /// Message id.
    pub id: i64,
    /// Recipient address.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body. A one-time link in it (activation, invitation, password reset) is shown
    /// only to its recipient: here it is replaced by a notice unless the reader may see it.
    pub body_text: String,
    /// Whether the body's one-time link was withheld from this reader.
    pub link_hidden: bool,
    /// Whether the body was purged after the retention period.
    pub purged: bool,
    /// Delivery state.
    pub status: MailStatus,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// `smtp` or `dev-mailbox` once sent.
    pub transport: Option<String>,
    /// Last delivery error.
    pub last_error: Option<String>,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Delivered at.
    pub sent_at: Option<DateTime<Utc>>,
}

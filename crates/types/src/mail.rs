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
    /// Plain-text body.
    pub body_text: String,
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

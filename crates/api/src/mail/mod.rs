//! Outgoing mail: templates (zh-CN with English variants), the SMTP / dev-mailbox transport and
//! the outbox worker. Handlers only ever *queue* mail, inside their own transaction.

pub mod templates;
pub mod transport;
pub mod worker;

pub use templates::Mail;
pub use transport::MailTransport;

//! The outbox worker: claims due messages, delivers them, records the outcome; retries with
//! exponential backoff. Woken right after a handler queues mail, and polls every few seconds.

use std::sync::Arc;
use std::time::Duration;

use rc_store::{Pool, outbox};
use tokio::sync::Notify;

use super::MailTransport;

/// Runs forever (until the runtime stops).
pub async fn run(pool: Pool, transport: MailTransport, wakeup: Arc<Notify>) {
    loop {
        let delivered = deliver_due(&pool, &transport).await;
        if delivered == 0 {
            let _ = tokio::time::timeout(Duration::from_secs(3), wakeup.notified()).await;
        }
    }
}

/// Delivers what is due now; returns how many messages were attempted.
pub async fn deliver_due(pool: &Pool, transport: &MailTransport) -> usize {
    let claim_pool = pool.clone();
    let claimed = tokio::task::spawn_blocking(move || {
        let mut conn = claim_pool.get()?;
        outbox::claim_due(&mut conn, 20)
    })
    .await;
    let rows = match claimed {
        Ok(Ok(rows)) => rows,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "mail outbox unavailable");
            return 0;
        }
        Err(e) => {
            tracing::error!(error = %e, "mail outbox task failed");
            return 0;
        }
    };
    let count = rows.len();
    for row in rows {
        let outcome = transport.deliver(&row).await;
        let pool = pool.clone();
        let recorded = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            match &outcome {
                Ok(via) => {
                    tracing::info!(mail_id = row.id, via, "mail delivered");
                    outbox::mark_sent(&mut conn, row.id, via)
                }
                Err(error) => {
                    tracing::warn!(mail_id = row.id, attempt = row.attempts + 1, %error, "mail delivery failed");
                    outbox::mark_attempt_failed(&mut conn, &row, error)
                }
            }
        })
        .await;
        if !matches!(recorded, Ok(Ok(()))) {
            tracing::error!("could not record a mail delivery outcome");
        }
    }
    count
}

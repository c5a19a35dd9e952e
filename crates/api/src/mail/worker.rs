//! The outbox worker: claims due messages, delivers them, records the outcome; retries with
//! exponential backoff. Woken right after a handler queues mail, and polls every few seconds.
//! Every few minutes it also purges the bodies of mail older than the retention period.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rc_store::{Pool, outbox};
use tokio::sync::Notify;

use super::MailTransport;
use crate::sealing::Sealer;

/// How often the worker purges old mail bodies.
const PURGE_EVERY: Duration = Duration::from_mins(10);

/// Runs forever (until the runtime stops); bodies older than `retention` are purged.
pub async fn run(
    pool: Pool,
    transport: MailTransport,
    sealer: Sealer,
    wakeup: Arc<Notify>,
    retention: chrono::Duration,
) {
    let mut purged_at: Option<Instant> = None;
    loop {
        if purged_at.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
            purge(&pool, retention).await;
            purged_at = Some(Instant::now());
        }
        let delivered = deliver_due(&pool, &transport, &sealer).await;
        if delivered == 0 {
            let _ = tokio::time::timeout(Duration::from_secs(3), wakeup.notified()).await;
        }
    }
}

/// Empties the bodies of mail queued more than `retention` ago (an idempotent update: several
/// servers may run it at once).
async fn purge(pool: &Pool, retention: chrono::Duration) {
    let pool = pool.clone();
    let purged = tokio::task::spawn_blocking(move || {
        let mut conn = pool.get()?;
        outbox::purge_before(&mut conn, chrono::Utc::now().naive_utc() - retention)
    })
    .await;
    match purged {
        Ok(Ok(0)) => {}
        Ok(Ok(count)) => tracing::info!(count, "purged mail bodies past their retention"),
        Ok(Err(e)) => tracing::warn!(error = %e, "mail purge failed"),
        Err(e) => tracing::error!(error = %e, "mail purge task failed"),
    }
}

/// Delivers what is due now; returns how many messages were attempted.
pub async fn deliver_due(pool: &Pool, transport: &MailTransport, sealer: &Sealer) -> usize {
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
        let outcome = match super::body_for_delivery(&row, sealer) {
            Ok(body) => transport.deliver(&row, body).await,
            Err(error) => Err(error),
        };
        let keep_link = matches!(transport, MailTransport::DevMailbox);
        let pool = pool.clone();
        let recorded = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            match &outcome {
                Ok(via) => {
                    tracing::info!(mail_id = row.id, via, "mail delivered");
                    outbox::mark_sent(&mut conn, row.id, via, keep_link)
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

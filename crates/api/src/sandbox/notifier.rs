//! The sandbox's notification sender: claims due notifications through the database (so one
//! server sends each), posts them to the merchant and records the answer; one not acknowledged
//! (`success`, `ok`) is sent again after a growing wait. Woken when a payer decides.

use std::sync::Arc;
use std::time::Duration;

use rc_store::Pool;
use rc_store::payments::sandbox;
use tokio::sync::Notify;

/// Sends what is due now; answers how many were sent.
pub async fn deliver_due(pool: &Pool, http: &reqwest::Client) -> usize {
    let claim_pool = pool.clone();
    let due = tokio::task::spawn_blocking(move || {
        let mut conn = claim_pool.get().ok()?;
        sandbox::claim_notifications(&mut conn, rc_store::db::now(), 50).ok()
    })
    .await
    .ok()
    .flatten()
    .unwrap_or_default();
    let count = due.len();
    for (id, url, body, tries) in due {
        let answer = http
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded;charset=utf-8")
            .body(body)
            .send()
            .await;
        let (acknowledged, text) = match answer {
            Ok(response) => {
                let ok = response.status().is_success();
                let text = response.text().await.unwrap_or_default();
                (ok && matches!(text.trim(), "success" | "ok"), text)
            }
            Err(e) => (false, e.to_string()),
        };
        let pool = pool.clone();
        let _ = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().ok()?;
            sandbox::answered(&mut conn, id, tries, acknowledged, &text, rc_store::db::now()).ok()
        })
        .await;
    }
    count
}

/// Runs forever: every 2 s, or at once when woken.
pub async fn run(pool: Pool, wakeup: Arc<Notify>) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_default();
    loop {
        deliver_due(&pool, &http).await;
        let _ = tokio::time::timeout(Duration::from_secs(2), wakeup.notified()).await;
    }
}

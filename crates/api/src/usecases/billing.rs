//! The billing job: closes every credit line's ended cycles (their unbilled spends become bills).
//! Any number of servers may run it at once: each company is billed in its own write
//! transaction, a bill is unique per company and cycle, and the billed entries are marked in the
//! same transaction, so a cycle is billed exactly once. Reads of the credit pages close their
//! company's cycles too, so nobody waits for the job to see a bill.

use std::time::Duration;

use rc_store::assets::credit;
use rc_store::{DbConn, Pool, StoreError, db::now};

/// How often each server looks for cycles to close.
pub const INTERVAL: Duration = Duration::from_mins(10);

/// Closes the ended cycles of every company with unbilled spends; returns the bills made.
pub fn close_due_cycles(conn: &mut DbConn) -> Result<usize, StoreError> {
    let at = now();
    let mut made = 0;
    for company in credit::companies_to_bill(conn, at)? {
        match credit::bill_due(conn, company, at) {
            Ok(bills) => made += bills.len(),
            // Another server billed this company's cycle first.
            Err(StoreError::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(made)
}

/// How long a money-moving POST's stored answer is kept for its retries.
pub const IDEMPOTENCY_RETENTION: chrono::TimeDelta = chrono::TimeDelta::days(30);

/// Runs [`close_due_cycles`] every [`INTERVAL`] until the server stops, and forgets the stored
/// answers of money-moving POSTs older than [`IDEMPOTENCY_RETENTION`].
pub async fn run(pool: Pool) {
    // Not at start-up: reads bill their own company's cycles, so the job only sweeps up later.
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + INTERVAL, INTERVAL);
    loop {
        ticker.tick().await;
        let pool = pool.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            rc_store::idempotency::purge_before(&mut conn, now() - IDEMPOTENCY_RETENTION)?;
            close_due_cycles(&mut conn)
        })
        .await;
        match result {
            Ok(Ok(made)) if made > 0 => tracing::info!(made, "credit cycles billed"),
            Ok(Err(e)) => tracing::warn!(error = %e, "billing failed"),
            _ => {}
        }
    }
}

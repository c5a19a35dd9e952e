//! `reseller-center bench-holds`: the ledger's hold throughput on the configured database, for
//! `make bench` — concurrent holds (each its own write transaction) against one hot account and
//! spread over many accounts, with latency percentiles and the ledger invariant checked after.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rc_domain::Fen;
use rc_store::assets::ledger::{self, AccountKey, Posting};
use rc_store::{DbConn, Pool, companies};
use rc_types::accounts::CompanyInput;
use rc_types::assets::EntryKind;

/// What one run measured.
#[derive(Debug, Clone)]
pub struct Report {
    /// Accounts the holds were spread over.
    pub accounts: usize,
    /// Holds accepted.
    pub holds: usize,
    /// Holds per second.
    pub per_second: f64,
    /// Median latency of one hold.
    pub p50: Duration,
    /// 99th percentile latency.
    pub p99: Duration,
    /// Accounts whose totals differ from the sums of their entries (must be 0).
    pub unbalanced: usize,
}

/// Opens `accounts` funded rebate accounts of new resellers of the demo distributor (seed the
/// demo first), returns their ids.
fn funded_accounts(conn: &mut DbConn, accounts: usize, run: &str) -> anyhow::Result<Vec<i64>> {
    let parent = companies::id_by_name(conn, "BlueCloud_D")?;
    let mut ids = Vec::with_capacity(accounts);
    for i in 0..accounts {
        let company = companies::create_reseller(
            conn,
            parent,
            &CompanyInput {
                name: format!("bench-{run}-{i}"),
                address: "bench".into(),
            },
        )?;
        let account = ledger::account(conn, AccountKey::rebate(company))?;
        ledger::post(
            conn,
            account.id,
            Posting {
                kind: EntryKind::Grant,
                amount: Fen(1_000_000_000),
                op_key: "bench:fund",
                reference: None,
                reason: Some("bench"),
                actor_id: None,
            },
        )?;
        ids.push(account.id);
    }
    Ok(ids)
}

/// The `q` quantile of sorted `samples` (zero when empty).
pub fn quantile(samples: &[Duration], q: f64) -> Duration {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index into the sorted sample"
    )]
    let index = ((samples.len() as f64 - 1.0) * q).round() as usize;
    samples.get(index).copied().unwrap_or_default()
}

/// Runs `holds` holds of ¥0.01 from `threads` threads over `accounts` accounts.
pub fn holds(pool: &Pool, accounts: usize, holds: usize, threads: usize) -> anyhow::Result<Report> {
    let run = uuid::Uuid::new_v4().simple().to_string();
    let ids = Arc::new(funded_accounts(&mut *pool.get()?, accounts, &run[..8])?);
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(holds)));
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let (pool, ids, latencies, run) = (pool.clone(), ids.clone(), latencies.clone(), run.clone());
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut conn = pool.get()?;
                for n in (t..holds).step_by(threads) {
                    let account = ids[n % ids.len()];
                    let begun = Instant::now();
                    conn.atomic_write(|conn| {
                        ledger::hold(conn, account, &format!("{run}-{n}"), Fen(1), None)
                    })?;
                    latencies.lock().expect("latencies").push(begun.elapsed());
                }
                Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker
            .join()
            .map_err(|_| anyhow::anyhow!("a bench thread panicked"))??;
    }
    let elapsed = started.elapsed();
    let mut latencies = latencies.lock().expect("latencies").clone();
    latencies.sort_unstable();
    let at = |q: f64| quantile(&latencies, q);
    let unbalanced = ledger::unbalanced_accounts(&mut *pool.get()?)?.len();
    #[allow(clippy::cast_precision_loss, reason = "a rate for people to read")]
    let per_second = latencies.len() as f64 / elapsed.as_secs_f64();
    Ok(Report {
        accounts,
        holds: latencies.len(),
        per_second,
        p50: at(0.5),
        p99: at(0.99),
        unbalanced,
    })
}

//! `reseller-center bench-notifications`: payment notifications applied per second on the
//! configured database, for `make bench` — each one verified (RSA2 over the sorted fields with
//! the gateway's key), matched to its attempt and applied in its own write transaction (a
//! bill's online repayment with its ledger entry), from several threads, then every one
//! replayed once (answered as a duplicate, changing nothing). The ledger invariant is checked
//! after, and that every first notification applied and no replay did.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use rc_domain::Fen;
use rc_payments::alipay;
use rc_payments::params::encode_form;
use rc_store::assets::{credit, ledger};
use rc_store::payments::attempts::{self, NewAttempt};
use rc_store::payments::notify::Verdict;
use rc_store::{DbConn, Pool, companies, users};
use rc_types::accounts::CompanyInput;
use rc_types::payments::{Gateway, PaymentTarget};

use crate::bench::quantile;
use crate::payments::{Gateways, PaymentSettings, sandbox_ids, sandbox_keys};

/// What one run measured.
#[derive(Debug, Clone)]
pub struct Report {
    /// Bills the notifications repaid (one hot row each).
    pub bills: usize,
    /// Notifications applied the first time.
    pub applied: usize,
    /// Applied per second (verification included).
    pub per_second: f64,
    /// Median latency of one notification.
    pub p50: Duration,
    /// 99th percentile latency.
    pub p99: Duration,
    /// Replays answered as duplicates per second.
    pub replays_per_second: f64,
    /// Replays that changed something (must be 0).
    pub replays_applied: usize,
    /// Accounts whose totals differ from the sums of their entries (must be 0).
    pub unbalanced: usize,
}

/// `bills` new companies of the demo distributor, each with a credit line and a billed spend
/// of `owed`; answers (company, bill) pairs and the finance user who set them up.
fn billed_companies(
    conn: &mut DbConn,
    bills: usize,
    owed: Fen,
    run: &str,
) -> anyhow::Result<(Vec<(i64, i64)>, i64)> {
    let parent = companies::id_by_name(conn, "BlueCloud_D")?;
    let actor = users::find_by_email(conn, "finance@bluecloud.example")?
        .ok_or_else(|| anyhow::anyhow!("seed the demo first (no finance user)"))?
        .id;
    let later = rc_store::db::now() + chrono::Duration::days(40);
    let mut out = Vec::with_capacity(bills);
    for i in 0..bills {
        let company = companies::create_reseller(
            conn,
            parent,
            &CompanyInput {
                name: format!("bench-notify-{run}-{i}"),
                address: "bench".into(),
            },
        )?;
        credit::set_line(conn, company, owed, 365, "bench", actor)
            .map_err(|e| anyhow::anyhow!("credit line: {e}"))?;
        credit::offline_spend(
            conn,
            company,
            owed,
            "bench",
            &format!("bench-spend-{run}-{i}"),
            actor,
        )
        .map_err(|e| anyhow::anyhow!("spend: {e}"))?;
        let bill = credit::close_cycles(conn, company, later)?
            .pop()
            .ok_or_else(|| anyhow::anyhow!("no bill was made"))?;
        out.push((company, bill));
    }
    Ok((out, actor))
}

/// Applies every body from `threads` threads; answers each latency and whether it applied, and
/// the time it all took.
fn apply_all(
    pool: &Pool,
    gateways: &Arc<Gateways>,
    bodies: &Arc<Vec<String>>,
    threads: usize,
) -> anyhow::Result<(Vec<(Duration, bool)>, Duration)> {
    let results = Arc::new(Mutex::new(Vec::with_capacity(bodies.len())));
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let (pool, gateways, bodies, results) =
                (pool.clone(), gateways.clone(), bodies.clone(), results.clone());
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut conn = pool.get()?;
                for n in (t..bodies.len()).step_by(threads) {
                    let begun = Instant::now();
                    let verdict = crate::usecases::payments::apply_notification(
                        &mut conn,
                        &gateways,
                        Gateway::Alipay,
                        bodies[n].as_bytes(),
                    )
                    .map_err(|e| anyhow::anyhow!("applying: {e}"))?;
                    let applied = matches!(verdict, Verdict::Applied(_));
                    results
                        .lock()
                        .map_err(|_| anyhow::anyhow!("poisoned"))?
                        .push((begun.elapsed(), applied));
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
    let results = std::mem::take(&mut *results.lock().map_err(|_| anyhow::anyhow!("poisoned"))?);
    Ok((results, elapsed))
}

/// Applies `count` Alipay notifications (¥0.01 each, spread over `bills` bills) from `threads`
/// threads, then replays them all; `keys_file` holds (or gets) the sandbox's keypairs.
pub fn notifications(
    pool: &Pool,
    keys_file: &std::path::Path,
    count: usize,
    bills: usize,
    threads: usize,
) -> anyhow::Result<Report> {
    let keys = sandbox_keys::load_or_create(keys_file)?;
    let gateways = Arc::new(Gateways::from_settings(
        &PaymentSettings::unconfigured(keys_file.to_owned()),
        crate::config::AppEnv::Development,
        "http://127.0.0.1:1",
    )?);
    let gateway_key = rc_payments::PrivateKey::parse(&keys.alipay_gateway.private)?;
    let run = uuid::Uuid::new_v4().simple().to_string();
    let each = u64::try_from(count.div_ceil(bills.max(1)))?;
    let owed = Fen(i64::try_from(each)?);
    let (targets, actor) = billed_companies(&mut *pool.get()?, bills.max(1), owed, &run[..8])?;
    let now = rc_store::db::now();
    let mut bodies = Vec::with_capacity(count);
    {
        let mut conn = pool.get()?;
        conn.atomic_write(|conn| -> anyhow::Result<()> {
            for n in 0..count {
                let (company, bill) = targets[n % targets.len()];
                let out_trade_no = format!("B{}{n:08}", &run[..12]);
                attempts::create(
                    conn,
                    NewAttempt {
                        out_trade_no: &out_trade_no,
                        gateway: Gateway::Alipay,
                        company_id: company,
                        target: PaymentTarget::Bill(bill),
                        amount: Fen(1),
                        created_by: actor,
                        expires_at: None,
                        at: now,
                    },
                )?;
                bodies.push(encode_form(&alipay::gateway::notification(
                    &alipay::gateway::Trade {
                        app_id: sandbox_ids::ALIPAY_APP_ID,
                        seller_id: sandbox_ids::ALIPAY_SELLER_ID,
                        out_trade_no: &out_trade_no,
                        trade_no: &format!("T{out_trade_no}"),
                        amount: Fen(1),
                        status: "TRADE_SUCCESS",
                        at: Utc::now(),
                    },
                    &format!("N{n}"),
                    &gateway_key,
                )));
            }
            Ok(())
        })?;
    }
    let bodies = Arc::new(bodies);
    let (first, elapsed) = apply_all(pool, &gateways, &bodies, threads)?;
    let (again, replay_elapsed) = apply_all(pool, &gateways, &bodies, threads)?;
    let mut latencies: Vec<Duration> = first.iter().map(|r| r.0).collect();
    latencies.sort_unstable();
    let applied = first.iter().filter(|r| r.1).count();
    let unbalanced = ledger::unbalanced_accounts(&mut *pool.get()?)?.len();
    #[allow(clippy::cast_precision_loss, reason = "rates for people to read")]
    let (per_second, replays_per_second) = (
        applied as f64 / elapsed.as_secs_f64(),
        again.len() as f64 / replay_elapsed.as_secs_f64(),
    );
    Ok(Report {
        bills: targets.len(),
        applied,
        per_second,
        p50: quantile(&latencies, 0.5),
        p99: quantile(&latencies, 0.99),
        replays_per_second,
        replays_applied: again.iter().filter(|r| r.1).count(),
        unbalanced,
    })
}

//! `reseller-center`: serve the marketplace, migrate, seed demo data, write the OpenAPI document.

use anyhow::Context;
use clap::Parser;
use rc_api::config::{AppEnv, Cli, Command, SeedArgs, Settings};
use rc_api::startup::{Application, open_database};
use rc_api::{openapi, telemetry};

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(cli.settings.log_format);
    match cli.command {
        Command::Serve => serve(&cli.settings).await,
        Command::Migrate => {
            open_database(&cli.settings)?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Command::Seed(args) => seed(&cli.settings, &args),
        Command::BenchHolds {
            holds,
            threads,
            accounts,
        } => bench_holds(&cli.settings, holds, threads, accounts),
        Command::BenchNotifications {
            notifications,
            bills,
            threads,
        } => bench_notifications(&cli.settings, notifications, bills, threads),
        Command::BenchCheckout {
            renders,
            orders,
            round,
            workers,
            companies,
        } => bench_checkout(&cli.settings, renders, (orders, round, workers, companies)),
        Command::Openapi { out } => {
            let json = openapi::document_json();
            if out.as_os_str() == "-" {
                print!("{json}");
            } else {
                std::fs::write(&out, json).with_context(|| format!("writing {}", out.display()))?;
                eprintln!("wrote {}", out.display());
            }
            Ok(())
        }
    }
}

async fn serve(settings: &Settings) -> anyhow::Result<()> {
    let app = Application::build(settings)?;
    let host = settings
        .bind
        .rsplit_once(':')
        .map_or("127.0.0.1", |(host, _)| host);
    let base = format!("http://{host}:{}", app.port());
    tracing::info!(url = %base, docs = %format!("{base}/api/docs/"), "serving Reseller Center");
    app.run().await?;
    tracing::info!("shut down");
    Ok(())
}

fn bench_holds(settings: &Settings, holds: usize, threads: usize, accounts: usize) -> anyhow::Result<()> {
    if settings.app_env == AppEnv::Production {
        anyhow::bail!("bench-holds creates funded bench companies: refused when APP_ENV=production");
    }
    let pool = open_database(settings)?;
    let backend = rc_store::Backend::from_url(&settings.database_url).name();
    for spread in [1, accounts] {
        let report = rc_api::bench::holds(&pool, spread, holds, threads)?;
        println!(
            "| {backend:<8} | {:>5} account(s) | {:>6} holds | {:>9.0} holds/s | p50 {:>7.2} ms | p99 {:>7.2} ms | unbalanced {} |",
            report.accounts,
            report.holds,
            report.per_second,
            report.p50.as_secs_f64() * 1000.0,
            report.p99.as_secs_f64() * 1000.0,
            report.unbalanced
        );
        anyhow::ensure!(report.unbalanced == 0, "ledger invariant violated");
    }
    Ok(())
}

fn bench_notifications(
    settings: &Settings,
    count: usize,
    bills: usize,
    threads: usize,
) -> anyhow::Result<()> {
    if settings.app_env == AppEnv::Production {
        anyhow::bail!(
            "bench-notifications creates bench companies and bills: refused when APP_ENV=production"
        );
    }
    let pool = open_database(settings)?;
    let backend = rc_store::Backend::from_url(&settings.database_url).name();
    let keys = settings.data_dir.join("bench-sandbox-gateway-keys.json");
    let report = rc_api::bench_notify::notifications(&pool, &keys, count, bills, threads)?;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {backend:<8} | notifications (verify + apply) | {:>6} applied | {:>4} bills | {:>7.0} /s | p50 {:>6.2} ms | p99 {:>6.2} ms | replays {:>7.0} /s, {} applied | unbalanced {} |",
        report.applied,
        report.bills,
        report.per_second,
        ms(report.p50),
        ms(report.p99),
        report.replays_per_second,
        report.replays_applied,
        report.unbalanced
    );
    anyhow::ensure!(
        report.applied == count,
        "{} of {count} notifications applied",
        report.applied
    );
    anyhow::ensure!(report.replays_applied == 0, "a replay changed something");
    anyhow::ensure!(report.unbalanced == 0, "ledger invariant violated");
    Ok(())
}

fn bench_checkout(
    settings: &Settings,
    renders: usize,
    run: (usize, usize, usize, usize),
) -> anyhow::Result<()> {
    if settings.app_env == AppEnv::Production {
        anyhow::bail!("bench-checkout creates a funded bench company: refused when APP_ENV=production");
    }
    let pool = open_database(settings)?;
    let backend = rc_store::Backend::from_url(&settings.database_url).name();
    let renderer = std::sync::Arc::new(settings.contract_renderer()?);
    let sealer = rc_api::sealing::Sealer::new(&rc_api::secrets::load(settings)?);
    let report = rc_api::bench_checkout::checkout(&pool, &renderer, &sealer, renders, run)?;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {backend:<8} | contract PDF alone      | {:>6} renders | {:>7} bytes     | p50 {:>7.2} ms | p99 {:>7.2} ms |",
        report.renders,
        report.pdf_bytes,
        ms(report.render_p50),
        ms(report.render_p99)
    );
    println!(
        "| {backend:<8} | quote before placing    | {:>6} quotes  |                   | p50 {:>7.2} ms | p99 {:>7.2} ms |",
        report.orders + report.refused,
        ms(report.quote_p50),
        ms(report.quote_p99)
    );
    println!(
        "| {backend:<8} | place (coupon+零钱+credit) | {:>6} orders  | {:>7.0} orders/s | p50 {:>7.2} ms | p99 {:>7.2} ms | {} workers, {} companies | refused {} | unbalanced {} |",
        report.orders,
        report.per_second,
        ms(report.place_p50),
        ms(report.place_p99),
        report.workers,
        report.companies,
        report.refused,
        report.unbalanced
    );
    anyhow::ensure!(report.unbalanced == 0, "ledger invariant violated");
    anyhow::ensure!(report.refused == 0, "{} placings refused", report.refused);
    Ok(())
}

fn seed(settings: &Settings, args: &SeedArgs) -> anyhow::Result<()> {
    if !args.demo && args.generated.is_none() {
        anyhow::bail!("nothing to seed: pass --demo and/or --generated N");
    }
    if args.demo && settings.app_env == AppEnv::Production {
        anyhow::bail!(
            "seed --demo creates accounts with a published password: refused when APP_ENV=production"
        );
    }
    let pool = open_database(settings)?;
    let mut conn = pool.get()?;
    if args.demo {
        let inserted = rc_store::seed::demo(&mut conn)?;
        tracing::info!(inserted, "demo catalog loaded");
        let hash = rc_api::auth::passwords::hash(rc_store::seed_accounts::DEMO_PASSWORD);
        let created = rc_store::seed_accounts::demo_accounts(&mut conn, &hash)?;
        tracing::info!(created, "demo accounts loaded");
        let assets = rc_store::seed_assets::demo_assets(&mut conn)?;
        tracing::info!(assets, "demo assets loaded");
        seed_orders(settings, &mut conn)?;
        println!(
            "\nDemo logins (password: {}):",
            rc_store::seed_accounts::DEMO_PASSWORD
        );
        for login in rc_store::seed_accounts::DEMO_LOGINS {
            println!("  {:<34} {}", login.email, login.description);
        }
    }
    if let Some(count) = args.generated {
        let start = rc_store::seed::generated_count(&mut conn)?;
        rc_store::seed::generated(&mut conn, start, count)?;
        tracing::info!(count, "generated solutions loaded");
    }
    Ok(())
}

/// The demo orders, each with its contract rendered (skipped, with a warning, when the contract
/// fonts are missing: the catalog, accounts and assets are still loaded).
fn seed_orders(settings: &Settings, conn: &mut rc_store::DbConn) -> anyhow::Result<()> {
    let renderer = match settings.contract_renderer() {
        Ok(renderer) => std::sync::Arc::new(renderer),
        Err(error) => {
            tracing::warn!(%error, "demo orders skipped");
            return Ok(());
        }
    };
    let sealer = rc_api::sealing::Sealer::new(&rc_api::secrets::load(settings)?);
    let orders = rc_api::seed_orders::demo_orders(conn, &renderer, &sealer)?;
    tracing::info!(orders, "demo orders placed");
    Ok(())
}

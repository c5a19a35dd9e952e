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

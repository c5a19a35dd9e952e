//! Configuration from flags and environment variables (each documented in the README).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `reseller-center`: the Reseller Center server and its maintenance commands.
#[derive(Debug, Parser)]
#[command(name = "reseller-center", version, about)]
pub struct Cli {
    /// Settings shared by every subcommand.
    #[command(flatten)]
    pub settings: Settings,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands of the binary.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve the API and the SPA until SIGINT/SIGTERM.
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Load data into the database (migrating first).
    Seed(SeedArgs),
    /// Measure the ledger: concurrent holds against one hot account and against many accounts
    /// (needs the demo seed), printing holds/s, p50 and p99.
    BenchHolds {
        /// Holds per run.
        #[arg(long, default_value_t = 5000)]
        holds: usize,
        /// Concurrent threads.
        #[arg(long, default_value_t = 8)]
        threads: usize,
        /// Accounts of the spread run.
        #[arg(long, default_value_t = 1000)]
        accounts: usize,
    },
    /// Measure payment notifications (needs the demo seed): each verified and applied (a bill's
    /// online repayment) from several threads, then replayed, printing notifications/s, p50, p99
    /// and the ledger invariant.
    BenchNotifications {
        /// Notifications per run.
        #[arg(long, default_value_t = 4000)]
        notifications: usize,
        /// Bills they repay (hot rows).
        #[arg(long, default_value_t = 200)]
        bills: usize,
        /// Concurrent threads.
        #[arg(long, default_value_t = 8)]
        threads: usize,
    },
    /// Measure checkout (needs the demo seed, best on a fresh database): contract PDF rendering
    /// alone, then concurrent placing with coupon, 零钱 and credit holds, printing p50, p99,
    /// orders/s and the ledger invariant.
    BenchCheckout {
        /// Contracts rendered alone.
        #[arg(long, default_value_t = 200)]
        renders: usize,
        /// Orders placed.
        #[arg(long, default_value_t = 2000)]
        orders: usize,
        /// Orders per round: its coupons are issued and its contracts shown first, so the
        /// company's wallet holds at most this many unused coupons.
        #[arg(long, default_value_t = 100)]
        round: usize,
        /// Concurrent workers placing them.
        #[arg(long, default_value_t = 8)]
        workers: usize,
        /// Companies buying, in turn (1: every placing on one company's hot accounts).
        #[arg(long, default_value_t = 1)]
        companies: usize,
    },
    /// Write the OpenAPI document as pretty JSON.
    Openapi {
        /// Output file; `-` writes to stdout.
        #[arg(long, default_value = "api-spec/openapi.json")]
        out: PathBuf,
    },
}

/// What `seed` loads.
#[derive(Debug, Args)]
pub struct SeedArgs {
    /// The demo marketplace from the operations manual (idempotent).
    #[arg(long)]
    pub demo: bool,
    /// N generated solutions for load tests (appended after the existing ones).
    #[arg(long, value_name = "N")]
    pub generated: Option<usize>,
}

/// Deployment environment: production refuses to start without explicit secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AppEnv {
    /// Local development: a dev secret is generated and kept under the data directory.
    Development,
    /// Production: `JWT_SECRET` is required.
    Production,
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable, coloured when on a terminal.
    Pretty,
    /// One JSON object per line.
    Json,
}

/// Settings of the server; every one can come from a flag or an environment variable.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database URL: `sqlite://path/to/file.db` or `postgres://user@host:port/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/reseller-center.db",
        global = true
    )]
    pub database_url: String,
    /// Address and port to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: String,
    /// Folder of the built SPA (trunk's dist); served with index.html fallback when present.
    #[arg(long, env = "STATIC_DIR", default_value = "frontend/dist", global = true)]
    pub static_dir: PathBuf,
    /// Folder for local state (the generated dev secret).
    #[arg(long, env = "DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// `development` or `production`.
    #[arg(
        long,
        env = "APP_ENV",
        value_enum,
        default_value = "development",
        global = true
    )]
    pub app_env: AppEnv,
    /// Secret for signing tokens (at least 32 characters); required in production.
    #[arg(long, env = "JWT_SECRET", hide_env_values = true, global = true)]
    pub jwt_secret: Option<String>,
    /// `pretty` or `json`; the level comes from `RUST_LOG` (default `info`).
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value = "pretty", global = true)]
    pub log_format: LogFormat,
    /// Maximum database connections.
    #[arg(long, env = "DB_POOL_SIZE", default_value_t = 16, global = true)]
    pub db_pool_size: u32,
    /// Memory for cached storefront responses, in MiB (list pages, details, searches, home).
    #[arg(long, env = "STOREFRONT_CACHE_MB", default_value_t = 256, global = true)]
    pub storefront_cache_mb: u64,
    /// HTTP worker threads (default: one per CPU core).
    #[arg(long, env = "WORKERS", global = true)]
    pub workers: Option<usize>,
    /// Public base URL used in emailed links (default `http://<BIND>`); `https://` marks cookies Secure.
    #[arg(long, env = "PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// SMTP server, e.g. `smtp://user:pass@mail.example.com:587?tls=required` or `smtps://…`;
    /// unset: mail goes to the operator's dev mailbox page instead.
    #[arg(long, env = "SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,
    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "经销商中心 <no-reply@reseller-center.local>",
        global = true
    )]
    pub mail_from: String,
    /// Redis for state every server shares (rate-limit counters), e.g. `redis://127.0.0.1:6379`;
    /// unset: kept in this process's memory (one server).
    #[arg(long, env = "REDIS_URL", hide_env_values = true, global = true)]
    pub redis_url: Option<String>,
    /// Prefix of this deployment's Redis keys.
    #[arg(long, env = "REDIS_PREFIX", default_value = "rc", global = true)]
    pub redis_prefix: String,
    /// Proxies (addresses or CIDRs, comma-separated) whose `X-Forwarded-For` names the client;
    /// unset: the TCP peer is the client.
    #[arg(long, env = "TRUSTED_PROXIES", value_delimiter = ',', global = true)]
    pub trusted_proxies: Vec<String>,
    /// Days a message's body is kept after it was queued; then only its envelope stays.
    #[arg(long, env = "MAIL_RETENTION_DAYS", default_value_t = 30, global = true)]
    pub mail_retention_days: u32,
    /// Folder for uploaded files (qualification documents).
    #[arg(long, env = "UPLOAD_DIR", default_value = "data/uploads", global = true)]
    pub upload_dir: PathBuf,
    /// Object store for uploaded files instead of `UPLOAD_DIR`, e.g. `s3://bucket/uploads`
    /// (credentials, region and endpoint from the standard `AWS_*` variables).
    #[arg(long, env = "UPLOAD_URL", global = true)]
    pub upload_url: Option<String>,
    /// Extra object-store options (`aws_endpoint`, …) set by code, e.g. by tests.
    #[arg(skip)]
    pub upload_options: Vec<(String, String)>,
    /// Font of the electronic contract PDF (a TTF/OTF/TTC with Chinese glyphs).
    #[arg(long, env = "CONTRACT_FONT", default_value = rc_documents::DEFAULT_REGULAR_FONT, global = true)]
    pub contract_font: PathBuf,
    /// Face index in `CONTRACT_FONT` (2 = Noto Sans CJK SC in the Debian collection).
    #[arg(long, env = "CONTRACT_FONT_INDEX", default_value_t = rc_documents::DEFAULT_REGULAR_FONT_INDEX, global = true)]
    pub contract_font_index: u32,
    /// Online payment gateways (Alipay, UnionPay) and the sandbox gateway.
    #[command(flatten)]
    pub payments: crate::payments::PaymentSettings,
    /// Bold font of the contract; `none` draws bold with the regular font.
    #[arg(long, env = "CONTRACT_FONT_BOLD", default_value = rc_documents::DEFAULT_BOLD_FONT, global = true)]
    pub contract_font_bold: String,
    /// Face index in `CONTRACT_FONT_BOLD`.
    #[arg(long, env = "CONTRACT_FONT_BOLD_INDEX", default_value_t = rc_documents::DEFAULT_BOLD_FONT_INDEX, global = true)]
    pub contract_font_bold_index: u32,
}

impl Settings {
    /// Loads the contract renderer's fonts (once, at start-up).
    pub fn contract_renderer(&self) -> anyhow::Result<rc_documents::ContractRenderer> {
        let bold = (self.contract_font_bold != "none").then(|| {
            (
                std::path::Path::new(&self.contract_font_bold),
                self.contract_font_bold_index,
            )
        });
        rc_documents::ContractRenderer::load(&self.contract_font, self.contract_font_index, bold)
            .map_err(|e| anyhow::anyhow!("contract fonts: {e} (install fonts-noto-cjk or set CONTRACT_FONT)"))
    }

    /// In production: a `https://` PUBLIC_URL (secure cookies, HSTS, links that can't be
    /// intercepted) and an SMTP server (the dev mailbox is for development only).
    pub fn check_production(&self) -> anyhow::Result<()> {
        if self.app_env != AppEnv::Production {
            return Ok(());
        }
        match &self.public_url {
            Some(url) if url.starts_with("https://") => {}
            _ => anyhow::bail!("APP_ENV=production needs PUBLIC_URL=https://…"),
        }
        if self.smtp_url.is_none() {
            anyhow::bail!("APP_ENV=production needs SMTP_URL: the dev mailbox is for development only");
        }
        Ok(())
    }

    /// The public base URL without a trailing slash.
    pub fn public_base_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn settings(args: &[&str]) -> Settings {
        let mut command_line = vec!["reseller-center"];
        command_line.extend_from_slice(args);
        command_line.push("serve");
        Cli::try_parse_from(command_line).expect("flags parse").settings
    }

    #[test]
    fn production_needs_https_and_smtp() {
        assert!(
            settings(&[]).check_production().is_ok(),
            "development needs neither"
        );
        let prod = ["--app-env", "production"];
        assert!(settings(&prod).check_production().is_err());
        let http = settings(&[
            "--app-env",
            "production",
            "--public-url",
            "http://x.example",
            "--smtp-url",
            "smtp://m",
        ]);
        assert!(http.check_production().is_err());
        let no_smtp = settings(&["--app-env", "production", "--public-url", "https://x.example"]);
        assert!(no_smtp.check_production().is_err());
        let ok = settings(&[
            "--app-env",
            "production",
            "--public-url",
            "https://x.example",
            "--smtp-url",
            "smtp://m",
        ]);
        assert!(ok.check_production().is_ok());
    }
}

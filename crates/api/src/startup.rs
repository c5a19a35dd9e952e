//! Building and running the HTTP server.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;
use rc_store::{Backend, Pool, connect_pool};
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

use std::sync::Arc;

use tokio::sync::Notify;

use crate::auth::JwtKeys;
use crate::config::{AppEnv, Settings};
use crate::error::extractors;
use crate::limits::{Counters, Limits, TrustedProxies};
use crate::mail::{MailTransport, worker};
use crate::openapi::{API_PREFIX, ApiDoc, document};
use crate::sealing::Sealer;
use crate::secrets::Secret;
use crate::spa::{self, SpaDir};
use crate::state::AppState;
use crate::storage::FileStore;
use crate::storefront::Storefront;
use crate::{request_id, secrets};

/// Opens the pool for `settings.database_url` and applies pending migrations.
pub fn open_database(settings: &Settings) -> anyhow::Result<Pool> {
    let pool = connect_pool(&settings.database_url, settings.db_pool_size)
        .with_context(|| format!("opening database {}", redact(&settings.database_url)))?;
    let applied = pool
        .get()
        .context("connecting to the database")?
        .apply_migrations()?;
    for name in &applied {
        tracing::info!(migration = %name, "applied migration");
    }
    Ok(pool)
}

/// The URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The standard limits, counted where the settings say and behind their trusted proxies.
pub fn limits_for(settings: &Settings) -> anyhow::Result<Limits> {
    let limits = Limits::standard().behind(TrustedProxies::parse(&settings.trusted_proxies)?);
    Ok(match &settings.redis_url {
        Some(url) => limits.counted_in(Counters::redis(url, &settings.redis_prefix)?),
        None => limits,
    })
}

/// A bound, migrated server ready to run.
pub struct Application {
    port: u16,
    server: Server,
    background: Option<Background>,
}

/// What runs beside the server: the mail worker, the billing job and the storefront epoch poll.
struct Background {
    pool: Pool,
    transport: MailTransport,
    sealer: Sealer,
    mail_retention: chrono::Duration,
    mail_wakeup: Arc<Notify>,
    storefront: Arc<Storefront>,
    clock: crate::clock::Clock,
    /// The sandbox's notification sender's wake-up, when this server serves the sandbox.
    sandbox: Option<Arc<Notify>>,
    /// The gateways the refund job asks.
    gateways: Arc<crate::payments::Gateways>,
}

/// The merchant's gateways and, in development, the sandbox gateway they point at.
fn payment_gateways(
    settings: &Settings,
) -> anyhow::Result<(
    Arc<crate::payments::Gateways>,
    Option<Arc<crate::sandbox::Sandbox>>,
)> {
    let gateways = crate::payments::Gateways::from_settings(
        &settings.payments,
        settings.app_env,
        &settings.public_base_url(),
    )?;
    let sandbox = gateways
        .sandbox
        .as_ref()
        .map(crate::sandbox::Sandbox::new)
        .transpose()?
        .map(Arc::new);
    Ok((Arc::new(gateways), sandbox))
}

impl Application {
    /// Opens the database, migrates, binds `settings.bind` (port 0 picks a free port).
    pub fn build(settings: &Settings) -> anyhow::Result<Application> {
        settings.check_production()?;
        let secret = secrets::load(settings)?;
        let pool = open_database(settings)?;
        let listener =
            TcpListener::bind(&settings.bind).with_context(|| format!("binding {}", settings.bind))?;
        Self::from_parts(settings, pool, secret, listener, limits_for(settings)?)
    }

    /// Builds the server from an opened pool and a bound listener.
    #[allow(
        clippy::too_many_lines,
        reason = "the one place every part of the server is wired together"
    )]
    pub fn from_parts(
        settings: &Settings,
        pool: Pool,
        secret: Secret,
        listener: TcpListener,
        limits: Limits,
    ) -> anyhow::Result<Application> {
        let port = listener.local_addr()?.port();
        let mut settings = settings.clone();
        if settings.public_url.is_none() {
            let host = settings
                .bind
                .rsplit_once(':')
                .map_or("127.0.0.1", |(host, _)| host)
                .to_owned();
            settings.public_url = Some(format!("http://{host}:{port}"));
        }
        let transport = MailTransport::from_settings(&settings)?;
        let mut conn = pool.get().context("connecting to the database")?;
        let storefront = Arc::new(Storefront::load(
            &mut conn,
            settings.storefront_cache_mb * 1024 * 1024,
        )?);
        drop(conn);
        let mail_wakeup = Arc::new(Notify::new());
        let sealer = Sealer::new(&secret);
        let mailbox_reveals_links =
            matches!(transport, MailTransport::DevMailbox) && settings.app_env == AppEnv::Development;
        let (gateways, sandbox) = payment_gateways(&settings)?;
        let sandbox_wakeup = Arc::new(Notify::new());
        let state = web::Data::new(AppState {
            pool: pool.clone(),
            backend: Backend::from_url(&settings.database_url),
            jwt: JwtKeys::new(&secret),
            limits: Arc::new(limits),
            files: FileStore::from_settings(&settings)?,
            public_url: settings.public_base_url(),
            sealer: sealer.clone(),
            mailbox_reveals_links,
            mail_wakeup: mail_wakeup.clone(),
            storefront: storefront.clone(),
            contracts: Arc::new(settings.contract_renderer()?),
            clock: crate::clock::Clock::default(),
            gateways,
            sandbox: sandbox.clone(),
            sandbox_wakeup: sandbox_wakeup.clone(),
            test_clock: settings.app_env == AppEnv::Development,
        });
        let clock = state.clock.clone();
        let refund_gateways = state.gateways.clone();
        let spa_dir = settings
            .static_dir
            .join("index.html")
            .is_file()
            .then(|| web::Data::new(SpaDir(settings.static_dir.clone())));
        if spa_dir.is_none() {
            tracing::warn!(dir = %settings.static_dir.display(), "no built SPA found; serving the API only");
        }
        let spec = document();
        let serve_sandbox = sandbox.is_some();
        let mut server = HttpServer::new(move || {
            let swagger = SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", spec.clone());
            let (app, _) = App::new()
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                // Before the /api/v1 scope, which would otherwise claim /api/v1/openapi.json.
                .map(|app| app.service(swagger))
                .service(scope::scope(API_PREFIX).configure(crate::routes::configure))
                .split_for_parts();
            let mut app = app
                .app_data(state.clone())
                .app_data(extractors::json_config())
                .app_data(extractors::query_config())
                .app_data(extractors::path_config())
                .app_data(crate::uploads::multipart_config());
            if let Some(dir) = &spa_dir {
                app = app.app_data(dir.clone());
            }
            if serve_sandbox {
                app = app.configure(crate::sandbox::configure);
            }
            app.route(
                "/api/docs",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header(("Location", "/api/docs/"))
                        .finish()
                }),
            )
            .default_service(web::to(spa::serve))
            .wrap(from_fn(crate::headers::middleware))
            .wrap(Compress::default())
            .wrap(from_fn(request_id::middleware))
        })
        .listen(listener)?
        .shutdown_timeout(10);
        if let Some(workers) = settings.workers {
            server = server.workers(workers);
        }
        Ok(Application {
            port,
            server: server.run(),
            background: Some(Background {
                pool,
                transport,
                sealer,
                mail_retention: chrono::Duration::days(i64::from(settings.mail_retention_days)),
                mail_wakeup,
                storefront,
                clock,
                sandbox: serve_sandbox.then_some(sandbox_wakeup),
                gateways: refund_gateways,
            }),
        })
    }

    /// The storefront index and cache (tests sync it after writing to the database directly).
    pub fn storefront(&self) -> Option<Arc<Storefront>> {
        self.background.as_ref().map(|b| b.storefront.clone())
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT/SIGTERM, then finishes in-flight requests (graceful shutdown, 10 s).
    /// The mail worker and the storefront sync run beside the server and stop with it.
    pub async fn run(mut self) -> std::io::Result<()> {
        let tasks: Vec<_> = self
            .background
            .take()
            .map(|b| {
                let mut tasks = vec![
                    tokio::spawn(crate::usecases::orders::run_timeouts(
                        b.pool.clone(),
                        b.sealer.clone(),
                        b.clock,
                    )),
                    tokio::spawn(worker::run(
                        b.pool.clone(),
                        b.transport,
                        b.sealer,
                        b.mail_wakeup,
                        b.mail_retention,
                    )),
                    tokio::spawn(crate::usecases::billing::run(b.pool.clone())),
                    tokio::spawn(crate::storefront::poll(b.pool.clone(), b.storefront)),
                    tokio::spawn(crate::usecases::payments::run_refunds(b.pool.clone(), b.gateways)),
                ];
                if let Some(wakeup) = b.sandbox {
                    tasks.push(tokio::spawn(crate::sandbox::notifier::run(b.pool, wakeup)));
                }
                tasks
            })
            .unwrap_or_default();
        let result = self.server.await;
        for task in tasks {
            task.abort();
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}

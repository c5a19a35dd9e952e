//! Test support: spawn the real API on port 0 with a fresh database per test, on SQLite or
//! PostgreSQL, and reach it through the typed client.
//!
//! The backend comes from `RC_TEST_DB` (`sqlite`, the default, or `postgres`). PostgreSQL tests
//! create a uniquely named database through `RC_TEST_PG_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) and drop it when the [`TestApp`] is dropped.

use std::net::TcpListener;
use std::path::PathBuf;

use clap_free_settings::settings_for;
use diesel::{Connection, PgConnection, RunQueryDsl};
use rc_api::startup::{Application, open_database};
use rc_client::Client;
use rc_store::{DbConn, Pool};
use rc_types::auth::{LoginRequest, SliderPoint, SliderProof};

mod clap_free_settings;
pub mod s3_server;
pub mod smtp_sink;

pub use s3_server::S3Server;
pub use smtp_sink::{ReceivedMail, SmtpSink};

/// Which database a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestDb {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A fresh database on the local PostgreSQL server.
    Postgres,
}

impl TestDb {
    /// The backend selected by `RC_TEST_DB`.
    pub fn from_env() -> TestDb {
        match std::env::var("RC_TEST_DB").as_deref() {
            Ok("postgres" | "pg") => TestDb::Postgres,
            _ => TestDb::Sqlite,
        }
    }
}

/// A running server with its own database.
pub struct TestApp {
    /// Typed client pointed at the server.
    pub client: Client,
    /// The server's base URL (`http://127.0.0.1:PORT`).
    pub base_url: String,
    /// Pool on the same database, for arranging data and asserting on it.
    pub pool: Pool,
    /// Which backend this app uses.
    pub db: TestDb,
    /// The SMTP server the app delivers mail to.
    pub smtp: SmtpSink,
    storefront: std::sync::Arc<rc_api::storefront::Storefront>,
    pg_database: Option<String>,
    settings: rc_api::config::Settings,
    _dir: tempfile::TempDir,
}

fn pg_admin_url() -> String {
    std::env::var("RC_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn pg_url_for(database: &str) -> String {
    let admin = pg_admin_url();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
    format!("{base}/{database}")
}

/// Starts the API on a free port with a fresh, migrated database (backend from `RC_TEST_DB`).
pub async fn spawn_app() -> TestApp {
    spawn_app_on(TestDb::from_env()).await
}

/// Starts the API on a free port with a fresh, migrated database on `db`.
pub async fn spawn_app_on(db: TestDb) -> TestApp {
    spawn(db, None, generous_limits(), None).await
}

/// Like [`spawn_app`], keeping uploaded files in `s3` under the `uploads/` prefix.
pub async fn spawn_app_with_s3(s3: &S3Server) -> TestApp {
    let store = (format!("s3://{}/uploads", s3.bucket), s3.options());
    spawn(TestDb::from_env(), None, generous_limits(), Some(store)).await
}

/// Like [`spawn_app`], also serving the SPA from `static_dir`.
pub async fn spawn_app_with_spa(static_dir: PathBuf) -> TestApp {
    spawn(TestDb::from_env(), Some(static_dir), generous_limits(), None).await
}

/// Like [`spawn_app`] with the given rate limits (tests of 429s).
pub async fn spawn_app_with_limits(limits: rc_api::limits::Limits) -> TestApp {
    spawn(TestDb::from_env(), None, limits, None).await
}

fn generous_limits() -> rc_api::limits::Limits {
    rc_api::limits::Limits::with(1_000, 1_000, 1_000)
}

/// An object-store URL and its options.
type StoreConfig = (String, Vec<(String, String)>);

async fn spawn(
    db: TestDb,
    static_dir: Option<PathBuf>,
    limits: rc_api::limits::Limits,
    store: Option<StoreConfig>,
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (database_url, pg_database) = match db {
        TestDb::Sqlite => (format!("sqlite://{}/test.db", dir.path().display()), None),
        TestDb::Postgres => {
            let name = format!("rc_test_{}", uuid::Uuid::new_v4().simple());
            let mut admin = PgConnection::establish(&pg_admin_url())
                .expect("PostgreSQL reachable at RC_TEST_PG_URL (start it with `make pg-up`)");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .expect("create test database");
            (pg_url_for(&name), Some(name))
        }
    };
    let static_dir = static_dir.unwrap_or_else(|| dir.path().join("no-spa"));
    let smtp = SmtpSink::start().await;
    let mut settings = settings_for(&database_url, dir.path(), static_dir, smtp.url.clone());
    if let Some((url, options)) = store {
        settings.upload_url = Some(url);
        settings.upload_options = options;
    }
    let pool = open_database(&settings).expect("database opens and migrates");
    let secret = rc_api::secrets::load(&settings).expect("dev secret");
    let listener = TcpListener::bind("127.0.0.1:0").expect("free port");
    let app =
        Application::from_parts(&settings, pool.clone(), secret, listener, limits).expect("server builds");
    let base_url = format!("http://127.0.0.1:{}", app.port());
    let storefront = app.storefront().expect("storefront of a built app");
    tokio::spawn(app.run());
    let client = Client::new(&base_url);
    client.get_health().await.expect("spawned server answers");
    TestApp {
        client,
        base_url,
        pool,
        db,
        smtp,
        storefront,
        pg_database,
        settings,
        _dir: dir,
    }
}

impl TestApp {
    /// Starts another server on the same database and settings (a second instance, or this one
    /// restarted: it shares nothing with the first but the database); answers its base URL.
    pub async fn another_server(&self) -> String {
        let pool = open_database(&self.settings).expect("database opens");
        let secret = rc_api::secrets::load(&self.settings).expect("dev secret");
        let listener = TcpListener::bind("127.0.0.1:0").expect("free port");
        let app = Application::from_parts(&self.settings, pool, secret, listener, generous_limits())
            .expect("server builds");
        let base_url = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run());
        Client::new(&base_url)
            .get_health()
            .await
            .expect("the other server answers");
        base_url
    }

    /// A pooled connection to the app's database.
    pub fn conn(&self) -> r2d2_conn::PooledConn {
        self.pool.get().expect("pooled connection")
    }

    /// Loads the demo catalog (and brings the server's search index and cache up to date).
    pub fn seed_demo(&self) -> usize {
        let inserted = rc_store::seed::demo(&mut self.conn()).expect("demo seed");
        self.sync_storefront();
        inserted
    }

    /// Brings the server's search index and cache up to date after writing to the database
    /// directly (the server itself polls every second; tests don't wait for that).
    pub fn sync_storefront(&self) {
        self.storefront.sync(&mut self.conn()).expect("storefront sync");
    }

    /// Loads the demo accounts (every password is [`DEMO_PASSWORD`]).
    pub fn seed_accounts(&self) {
        rc_store::seed_accounts::demo_accounts(&mut self.conn(), &demo_hash()).expect("demo accounts");
    }

    /// A new client for this server (no token).
    pub fn anonymous(&self) -> Client {
        Client::new(&self.base_url)
    }

    /// A new client signed in as `email` with the slider done like a person would.
    pub async fn login(&self, email: &str, password: &str) -> Client {
        let client = self.anonymous();
        client
            .create_session(&login_request(&client, email, password).await)
            .await
            .unwrap_or_else(|e| panic!("login {email}: {e}"));
        client
    }

    /// A new client signed in as a demo account.
    pub async fn login_demo(&self, email: &str) -> Client {
        self.login(email, DEMO_PASSWORD).await
    }

    /// Runs `work` on a connection to the app's database.
    pub fn with_conn<T>(&self, work: impl FnOnce(&mut DbConn) -> T) -> T {
        work(&mut self.conn())
    }
}

/// Password of every demo account.
pub const DEMO_PASSWORD: &str = rc_store::seed_accounts::DEMO_PASSWORD;

fn demo_hash() -> String {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| rc_api::auth::passwords::hash(DEMO_PASSWORD))
        .clone()
}

/// A human-looking slider drag (uneven steps, ~200 ms).
pub fn human_drag() -> Vec<SliderPoint> {
    [
        (0.0, 0),
        (0.08, 30),
        (0.3, 70),
        (0.55, 110),
        (0.8, 150),
        (0.95, 180),
        (1.0, 200),
    ]
    .into_iter()
    .map(|(x, t)| SliderPoint { x, t })
    .collect()
}

/// Fetches a challenge, waits as long as the drag takes, and builds the login request.
pub async fn login_request(client: &Client, email: &str, password: &str) -> LoginRequest {
    let challenge = client.create_challenge().await.expect("slider challenge");
    tokio::time::sleep(std::time::Duration::from_millis(220)).await;
    LoginRequest {
        email: email.to_owned(),
        password: password.to_owned(),
        slider: SliderProof {
            challenge_id: challenge.id,
            trace: human_drag(),
        },
    }
}

/// The pooled connection type handed out by [`TestApp::conn`].
pub mod r2d2_conn {
    /// A connection checked out of the app's pool.
    pub type PooledConn = diesel::r2d2::PooledConnection<rc_store::db::Manager>;
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some(name) = self.pg_database.take() else {
            return;
        };
        if let Ok(mut admin) = PgConnection::establish(&pg_admin_url()) {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
        }
    }
}

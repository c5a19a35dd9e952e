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

mod clap_free_settings;

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
    pg_database: Option<String>,
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
    spawn(db, None).await
}

/// Like [`spawn_app`], also serving the SPA from `static_dir`.
pub async fn spawn_app_with_spa(static_dir: PathBuf) -> TestApp {
    spawn(TestDb::from_env(), Some(static_dir)).await
}

async fn spawn(db: TestDb, static_dir: Option<PathBuf>) -> TestApp {
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
    let settings = settings_for(&database_url, dir.path().join("data"), static_dir);
    let pool = open_database(&settings).expect("database opens and migrates");
    let secret = rc_api::secrets::load(&settings).expect("dev secret");
    let listener = TcpListener::bind("127.0.0.1:0").expect("free port");
    let app = Application::from_parts(&settings, pool.clone(), secret, listener).expect("server builds");
    let base_url = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run());
    let client = Client::new(&base_url);
    client.health().await.expect("spawned server answers");
    TestApp {
        client,
        base_url,
        pool,
        db,
        pg_database,
        _dir: dir,
    }
}

impl TestApp {
    /// A pooled connection to the app's database.
    pub fn conn(&self) -> r2d2_conn::PooledConn {
        self.pool.get().expect("pooled connection")
    }

    /// Loads the demo catalog.
    pub fn seed_demo(&self) -> usize {
        rc_store::seed::demo(&mut self.conn()).expect("demo seed")
    }

    /// Runs `work` on a connection to the app's database.
    pub fn with_conn<T>(&self, work: impl FnOnce(&mut DbConn) -> T) -> T {
        work(&mut self.conn())
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

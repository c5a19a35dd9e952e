//! Connections: `DbConn` over both dialects, an r2d2 pool chosen by URL scheme, migrations.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

pub use multi::DbConn;

mod multi {
    // The derive generates a backend module whose items carry no docs.
    #![allow(missing_docs)]
    use diesel::{PgConnection, SqliteConnection};

    /// One connection to either database; every query in this crate is written once against it.
    #[derive(diesel::MultiConnection)]
    pub enum DbConn {
        /// PostgreSQL (`postgres://…`).
        Pg(PgConnection),
        /// SQLite (`sqlite://path` or a plain file path).
        Sqlite(SqliteConnection),
    }
}

/// The database product behind a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// Chooses the backend by the URL's scheme: `postgres://`/`postgresql://` or SQLite otherwise.
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    /// Lower-case name for logs and the readiness probe.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The file path of a SQLite URL (`sqlite://data/x.db`, `sqlite:x.db` or `x.db`).
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// r2d2 manager that builds the connection the URL's scheme names (never guessing by trial).
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    backend: Backend,
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.url)
                .map(DbConn::Pg)
                .map_err(r2d2::Error::ConnectionError),
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(sqlite_path(&self.url))
                    .map_err(r2d2::Error::ConnectionError)?;
                // busy_timeout first: switching to WAL takes a lock that pooled connections
                // opened at the same time would otherwise fail on.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1").map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        std::thread::panicking()
    }
}

/// Connection pool over either backend.
pub type Pool = r2d2::Pool<Manager>;

/// Builds a pool for `url`, creating the SQLite file's folder when needed.
pub fn connect_pool(url: &str, max_size: u32) -> Result<Pool, crate::StoreError> {
    let backend = Backend::from_url(url);
    let sqlite_dir = (backend == Backend::Sqlite)
        .then(|| std::path::Path::new(sqlite_path(url)).parent())
        .flatten()
        .filter(|dir| !dir.as_os_str().is_empty());
    if let Some(dir) = sqlite_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::StoreError::Unavailable(format!("{}: {e}", dir.display())))?;
    }
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(5))
        .build(Manager {
            url: url.to_owned(),
            backend,
        })
        .map_err(|e| crate::StoreError::Unavailable(e.to_string()))
}

impl DbConn {
    /// Which backend this connection talks to.
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Pg(_) => Backend::Postgres,
            DbConn::Sqlite(_) => Backend::Sqlite,
        }
    }

    /// Applies every pending embedded migration of this dialect; returns their names.
    pub fn apply_migrations(&mut self) -> Result<Vec<String>, crate::StoreError> {
        let applied = match self {
            DbConn::Pg(conn) => conn.run_pending_migrations(POSTGRES_MIGRATIONS),
            DbConn::Sqlite(conn) => conn.run_pending_migrations(SQLITE_MIGRATIONS),
        }
        .map_err(|e| crate::StoreError::Unavailable(format!("migration failed: {e}")))?;
        Ok(applied.iter().map(ToString::to_string).collect())
    }

    /// True when every embedded migration has been applied.
    pub fn migrations_applied(&mut self) -> Result<bool, crate::StoreError> {
        let pending = match self {
            DbConn::Pg(conn) => conn.has_pending_migration(POSTGRES_MIGRATIONS),
            DbConn::Sqlite(conn) => conn.has_pending_migration(SQLITE_MIGRATIONS),
        }
        .map_err(|e| crate::StoreError::Unavailable(e.to_string()))?;
        Ok(!pending)
    }

    /// Runs `work` in a transaction (a savepoint when nested): all of it or nothing. Any error
    /// type that a diesel error converts into (the store's, the API's) rolls the work back, so a
    /// caller returns its own error from inside without nesting results.
    pub fn atomic<T, E>(&mut self, work: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        self.transaction(work)
    }

    /// Like [`DbConn::atomic`], for work that writes: on SQLite the transaction starts with
    /// `BEGIN IMMEDIATE`, taking the write lock before its first read, so concurrent writers queue
    /// (up to the busy timeout) instead of failing when one of them upgrades a read lock. On
    /// PostgreSQL, and nested in another transaction, it is `atomic`.
    pub fn atomic_write<T, E>(&mut self, work: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        let DbConn::Sqlite(sqlite) = self else {
            return self.transaction(work);
        };
        let depth = AnsiTransactionManager::transaction_manager_status_mut(sqlite).transaction_depth()?;
        if depth.is_some() {
            return self.transaction(work);
        }
        AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
        let outcome = work(self);
        let DbConn::Sqlite(sqlite) = self else {
            unreachable!("the connection's backend does not change")
        };
        match outcome {
            Ok(value) => {
                AnsiTransactionManager::commit_transaction(sqlite)?;
                Ok(value)
            }
            Err(error) => {
                AnsiTransactionManager::rollback_transaction(sqlite)?;
                Err(error)
            }
        }
    }

    /// Runs `work` in a write transaction as cheaply as is safe: nested in a PostgreSQL
    /// transaction it joins it without a savepoint (any error aborts that whole transaction, so
    /// nothing half-done can commit); on SQLite, where a failed statement leaves the transaction
    /// open, it nests a savepoint; with no transaction yet it opens one ([`DbConn::atomic_write`]).
    pub fn joined_write<T, E>(&mut self, work: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        let DbConn::Pg(pg) = self else {
            return self.atomic_write(work);
        };
        if AnsiTransactionManager::transaction_manager_status_mut(pg)
            .transaction_depth()?
            .is_some()
        {
            work(self)
        } else {
            self.atomic_write(work)
        }
    }

    /// Runs a trivial query: the database is reachable.
    pub fn ping(&mut self) -> Result<(), crate::StoreError> {
        self.batch_execute("SELECT 1").map_err(crate::StoreError::from)
    }
}

/// The current time as stored: UTC, truncated to microseconds so both dialects agree.
pub fn now() -> chrono::NaiveDateTime {
    use chrono::Timelike;
    let now = chrono::Utc::now().naive_utc();
    now.with_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_by_scheme() {
        assert_eq!(Backend::from_url("postgres://u@h/db"), Backend::Postgres);
        assert_eq!(Backend::from_url("postgresql://u@h/db"), Backend::Postgres);
        assert_eq!(Backend::from_url("sqlite://data/x.db"), Backend::Sqlite);
        assert_eq!(Backend::from_url("data/x.db"), Backend::Sqlite);
        assert_eq!(sqlite_path("sqlite://data/x.db"), "data/x.db");
        assert_eq!(sqlite_path("sqlite:x.db"), "x.db");
        assert_eq!(sqlite_path("/tmp/x.db"), "/tmp/x.db");
    }

    #[test]
    fn sqlite_pool_migrates_and_reports() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/nested/t.db", dir.path().display());
        let pool = connect_pool(&url, 2).unwrap();
        let mut conn = pool.get().unwrap();
        assert!(!conn.migrations_applied().unwrap());
        assert!(!conn.apply_migrations().unwrap().is_empty());
        assert!(conn.migrations_applied().unwrap());
        assert!(
            conn.apply_migrations().unwrap().is_empty(),
            "second run applies nothing"
        );
        conn.ping().unwrap();
    }
}

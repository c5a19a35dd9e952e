//! Persistence of Reseller Center: one diesel code path over SQLite (embedded default) and
//! PostgreSQL, chosen by the database URL's scheme.

pub mod catalog;
pub mod companies;
pub mod customers;
pub mod db;
pub mod error;
pub mod files;
pub mod outbox;
pub mod paging;
pub mod schema;
pub mod seed;
pub mod seed_accounts;
pub mod sessions;
pub mod tokens;
pub mod users;

pub use db::{Backend, DbConn, Pool, connect_pool};
pub use error::StoreError;

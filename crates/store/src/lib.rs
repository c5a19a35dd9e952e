//! Persistence of Reseller Center: one diesel code path over SQLite (embedded default) and
//! PostgreSQL, chosen by the database URL's scheme.

pub mod catalog;
pub mod db;
pub mod error;
pub mod schema;
pub mod seed;

pub use db::{Backend, DbConn, Pool, connect_pool};
pub use error::StoreError;

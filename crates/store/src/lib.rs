//! Persistence of Reseller Center: one diesel code path over SQLite (embedded default) and
//! PostgreSQL, chosen by the database URL's scheme.

pub mod assets;
pub mod audit;
pub mod cart;
pub mod catalog;
pub mod companies;
pub mod content;
pub mod customers;
pub mod db;
pub mod db_text;
pub mod epochs;
pub mod error;
pub mod files;
pub mod idempotency;
pub mod media;
pub mod orders;
pub mod outbox;
pub mod paging;
pub mod payments;
pub mod schema;
pub mod seed;
pub mod seed_accounts;
pub mod seed_assets;
pub mod seed_storefront;
pub mod sessions;
pub mod settings;
pub mod tickets;
pub mod tokens;
pub mod users;

pub use db::{Backend, DbConn, Pool, connect_pool};
pub use db_text::DbText;
pub use diesel::result::Error as DieselError;
pub use error::StoreError;

//! Wire contract of Reseller Center, shared by the API server, the typed client and the SPA.
//!
//! Only serde, validator and (behind the `openapi` feature) utoipa: this crate builds for wasm32.

pub mod catalog;
pub mod error;
pub mod health;
pub mod money;
pub mod page;

pub use error::{ErrorBody, ErrorCode, FieldError};
pub use money::{Currency, Money};
pub use page::{Page, PageQuery};

//! Wire contract of Reseller Center, shared by the API server, the typed client and the SPA.
//!
//! Only serde, validator and (behind the `openapi` feature) utoipa: this crate builds for wasm32.

pub mod accounts;
pub mod assets;
pub mod auth;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod customers;
pub mod error;
pub mod health;
pub mod mail;
pub mod money;
pub mod orders;
pub mod page;
pub mod payments;
pub mod storefront;
pub mod tickets;
pub mod validation;
pub mod web;

pub use error::{ErrorBody, ErrorCode, FieldError};
pub use money::{Currency, Money};
pub use page::{Page, PageQuery};

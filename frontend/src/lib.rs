//! Reseller Center (经销商中心) single-page app: Leptos 0.8 client-side rendering, built by trunk.
//!
//! Every API call goes through the typed [`rc_client::Client`]; texts come from the
//! `leptos_i18n` locales in `locales/` (zh by default, en as the switch).
//!
//! The release build is three bundles, one wasm each (`src/bin/`): a visitor downloads only the
//! storefront; the account pages and the operator's console load when first visited
//! ([`rc_types::web::WebBundle`] says which page is whose). `src/main.rs` (`trunk serve`) holds
//! every page in one bundle for development.

mod api;
mod app;
mod bundles;
mod cart;
mod chunks;
mod components;
mod forms;
mod i18n;
mod pages;
mod session;

pub use app::{run_account, run_all, run_console, run_storefront};

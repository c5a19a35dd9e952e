//! One module per route.

pub mod account;
pub mod admin;
pub mod auth;
pub mod brands;
pub mod cart;
pub mod checkout;
pub mod detail;
pub mod help;
pub mod home;
pub mod news;
pub mod not_found;
pub mod solutions;

use leptos::prelude::{Memo, Read};
use leptos_router::hooks::use_params_map;

/// The route's `:id` as a number (`None` when absent or not a number), tracked.
pub fn id_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()))
}

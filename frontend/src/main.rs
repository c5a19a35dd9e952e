//! Reseller Center (经销商中心) single-page app: Leptos 0.8 client-side rendering, built by trunk.
//!
//! Every API call goes through the typed [`rc_client::Client`]; texts come from the
//! `leptos_i18n` locales in `locales/` (zh by default, en as the switch).

mod api;
mod app;
mod components;
mod forms;
mod i18n;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

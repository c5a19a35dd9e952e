//! Moving between the SPA's bundles ([`WebBundle`]): a page of another bundle is a document load,
//! never a client-side route.
//!
//! Links into another bundle are left to the browser (a capturing click listener keeps the router
//! from taking them), so history works as on any site. A navigation the app makes itself (a
//! redirect, `navigate(..)` after signing in) reaches the router's fallback ([`Elsewhere`]), which
//! reloads once the router has put the new address in place.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use rc_types::web::WebBundle;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::pages::not_found::NotFoundPage;

/// How often, and how many times, [`Elsewhere`] checks that the address bar shows the new page.
const ADDRESS_CHECK: Duration = Duration::from_millis(20);
const ADDRESS_CHECKS: u32 = 25;

/// The path of a same-site link (`/a/b?c#d` → `/a/b`); `None` for other sites and non-paths.
fn link_path(href: &str) -> Option<&str> {
    if !href.starts_with('/') || href.starts_with("//") {
        return None;
    }
    href.split(['?', '#']).next()
}

/// Lets the browser follow plain clicks on links into another bundle than `own`.
pub fn follow_links_out_of(own: WebBundle) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
        if event.button() != 0 || event.meta_key() || event.ctrl_key() || event.shift_key() || event.alt_key()
        {
            return;
        }
        let anchor = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten());
        let href = anchor.and_then(|anchor| anchor.get_attribute("href"));
        if href
            .as_deref()
            .and_then(link_path)
            .is_some_and(|path| WebBundle::for_path(path) != own)
        {
            // Not for the router (it listens further up): the browser loads the page.
            event.stop_propagation();
        }
    });
    let _ =
        document.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    // The listener lives as long as the page.
    on_click.forget();
}

/// The current address, path and query.
fn address() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!(
        "{}{}",
        location.pathname().ok()?,
        location.search().ok()?
    ))
}

/// Reloads once the address bar shows `target` (the router updates it after rendering), or
/// loads `target` if it never does.
fn reload_at(target: String, checks_left: u32) {
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return;
    };
    if address().as_deref() == Some(target.as_str()) {
        let _ = location.reload();
    } else if checks_left == 0 {
        let _ = location.assign(&target);
    } else {
        set_timeout(move || reload_at(target, checks_left - 1), ADDRESS_CHECK);
    }
}

/// The router's fallback: a page of another bundle is loaded from the server; an unknown page of
/// this bundle is the 404 page.
#[component]
pub fn Elsewhere(
    /// This bundle; `None` when it holds every page.
    bundle: Option<WebBundle>,
) -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    if bundle.is_some_and(|own| WebBundle::for_path(&path) != own) {
        let search = location.search.get_untracked();
        let target = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        reload_at(target, ADDRESS_CHECKS);
        return ().into_any();
    }
    view! { <NotFoundPage /> }.into_any()
}

#[cfg(test)]
mod tests {
    use super::link_path;

    #[test]
    fn only_same_site_paths_count() {
        assert_eq!(link_path("/login?next=%2F#x"), Some("/login"));
        assert_eq!(link_path("/admin"), Some("/admin"));
        assert_eq!(link_path("//evil.example/admin"), None);
        assert_eq!(link_path("https://example.com/admin"), None);
        assert_eq!(link_path("mailto:a@b.c"), None);
    }
}

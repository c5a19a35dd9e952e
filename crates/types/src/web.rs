//! How the web app is cut into separately loaded bundles, shared by the SPA (which hands a page
//! it doesn't render to the server) and the server (which answers each page with its bundle).
//!
//! A visitor downloads only the storefront; signing in loads the account bundle and the
//! operator's back office the console bundle.

/// One of the SPA's bundles (each its own wasm, built from `frontend/src/bin/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebBundle {
    /// Home, catalog, search, solution detail, news, help center, brands.
    Storefront,
    /// Sign-in, registration, password and invitation links, and the personal center (`/account`).
    Account,
    /// The operator's back office (`/admin`).
    Console,
}

/// Pages of the account bundle outside `/account`.
const ACCOUNT_PAGES: [&str; 8] = [
    "/login",
    "/cart",
    "/checkout",
    "/register",
    "/forgot-password",
    "/activate",
    "/accept-invitation",
    "/reset-password",
];

/// Whether `path` is `prefix` or below it.
fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl WebBundle {
    /// The bundle that renders the page at `path` (a URL path without query).
    pub fn for_path(path: &str) -> WebBundle {
        if under(path, "/admin") {
            WebBundle::Console
        } else if under(path, "/account") || ACCOUNT_PAGES.iter().any(|page| under(path, page)) {
            WebBundle::Account
        } else {
            WebBundle::Storefront
        }
    }

    /// The bundle's HTML entry point, relative to the built app's folder.
    pub fn index_file(self) -> &'static str {
        match self {
            WebBundle::Storefront => "index.html",
            WebBundle::Account => "bundles/account/index.html",
            WebBundle::Console => "bundles/console/index.html",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WebBundle::{self, *};

    #[test]
    fn pages_map_to_their_bundle() {
        for (path, bundle) in [
            ("/", Storefront),
            ("/solutions/12", Storefront),
            ("/help/getting-started", Storefront),
            ("/login", Account),
            ("/reset-password", Account),
            ("/cart", Account),
            ("/checkout", Account),
            ("/cartography", Storefront),
            ("/account", Account),
            ("/account/tickets/3", Account),
            ("/accounting", Storefront),
            ("/admin", Console),
            ("/admin/solutions/new", Console),
            ("/administrator", Storefront),
        ] {
            assert_eq!(WebBundle::for_path(path), bundle, "{path}");
        }
    }
}

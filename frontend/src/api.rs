//! Access to the REST API through the typed client, and the error shape the views show.

use rc_client::{Client, ClientError};
use rc_types::catalog::{Category, SolutionSort};

thread_local! {
    /// The one client of this page: its clones share the access token and the mail language.
    static CLIENT: Client = Client::new(
        web_sys::window()
            .and_then(|window| window.location().origin().ok())
            .unwrap_or_default(),
    );
}

/// The API client for the page's own origin (the server serves the SPA and `/api`;
/// `trunk serve` proxies `/api` to the local server). Every call returns a clone of the same
/// client, so the access token set at sign-in (kept in memory only) goes with every request.
pub fn client() -> Client {
    CLIENT.with(Client::clone)
}

/// Why a view could not load its data; cloneable so resources can hand it to several readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// HTTP status of an API error, `None` for network and decoding failures.
    pub status: Option<u16>,
    /// Message safe to show (the server's message, or the transport failure).
    pub message: String,
    /// The request never reached the server.
    pub network: bool,
}

impl LoadError {
    /// The API answered 404.
    pub fn is_not_found(&self) -> bool {
        self.status == Some(404)
    }
}

impl From<ClientError> for LoadError {
    fn from(error: ClientError) -> Self {
        match error {
            ClientError::Api { status, body } => {
                let message = match body.request_id {
                    Some(id) => format!("{} ({status}, request id {id})", body.message),
                    None => format!("{} ({status})", body.message),
                };
                LoadError {
                    status: Some(status),
                    message,
                    network: false,
                }
            }
            ClientError::Transport(message) => LoadError {
                status: None,
                message,
                network: true,
            },
            ClientError::Decode(message) => LoadError {
                status: None,
                message,
                network: false,
            },
        }
    }
}

/// Every sort order, in the order of the sort menu.
pub const SORTS: [SolutionSort; 5] = [
    SolutionSort::Popular,
    SolutionSort::Newest,
    SolutionSort::PriceAsc,
    SolutionSort::PriceDesc,
    SolutionSort::Name,
];

/// The wire name of a sort order (`popular`, `price_asc`, …), also used in the page URL.
pub fn sort_name(sort: SolutionSort) -> &'static str {
    match sort {
        SolutionSort::Popular => "popular",
        SolutionSort::Newest => "newest",
        SolutionSort::PriceAsc => "price_asc",
        SolutionSort::PriceDesc => "price_desc",
        SolutionSort::Name => "name",
    }
}

/// Parses a sort order from the page URL.
pub fn parse_sort(name: &str) -> Option<SolutionSort> {
    SORTS.into_iter().find(|sort| sort_name(*sort) == name)
}

/// Parses a category from the page URL.
pub fn parse_category(name: &str) -> Option<Category> {
    Category::parse(name)
}

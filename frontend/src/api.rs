//! Access to the REST API through the typed client, and the error shape the views show.

use std::cell::RefCell;

use rc_client::{Client, ClientError};
use rc_types::catalog::{Category, SolutionSort};
use rc_types::storefront::{Ad, AdSlot, OperatorContact};

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
            ClientError::Api { status, body, .. } => {
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

/// Every sort order, in the order of the sort menu (关联度 only appears with keywords).
pub const SORTS: [SolutionSort; 7] = [
    SolutionSort::Relevance,
    SolutionSort::Popular,
    SolutionSort::Rating,
    SolutionSort::Newest,
    SolutionSort::PriceAsc,
    SolutionSort::PriceDesc,
    SolutionSort::Name,
];

/// The wire name of a sort order (`popular`, `price_asc`, …), also used in the page URL.
pub fn sort_name(sort: SolutionSort) -> &'static str {
    match sort {
        SolutionSort::Relevance => "relevance",
        SolutionSort::Popular => "popular",
        SolutionSort::Rating => "rating",
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

thread_local! {
    /// Ads of every slot, loaded once per page load (they change rarely).
    static ADS: RefCell<Option<Vec<Ad>>> = const { RefCell::new(None) };
    /// The operator's contact card, loaded once per page load.
    static CONTACT: RefCell<Option<OperatorContact>> = const { RefCell::new(None) };
}

/// Published ads of one slot, in order (one request per page load for all slots).
pub async fn ads_of(slot: AdSlot) -> Result<Vec<Ad>, LoadError> {
    let cached = ADS.with(|cell| cell.borrow().clone());
    let all = if let Some(all) = cached {
        all
    } else {
        let all = client().list_ads().await.map_err(LoadError::from)?;
        ADS.with(|cell| *cell.borrow_mut() = Some(all.clone()));
        all
    };
    let mut ads: Vec<Ad> = all.into_iter().filter(|ad| ad.slot == slot).collect();
    ads.sort_by_key(|ad| ad.position);
    Ok(ads)
}

/// Keeps the ads the home page brought along, so other pages need not ask again.
pub fn remember_ads(ads: &[Ad]) {
    ADS.with(|cell| *cell.borrow_mut() = Some(ads.to_vec()));
}

/// Forgets cached content after the operator changed it.
pub fn forget_content() {
    ADS.with(|cell| cell.borrow_mut().take());
    CONTACT.with(|cell| cell.borrow_mut().take());
}

/// Who answers consults and trials (联系我们), loaded once per page load.
pub async fn operator_contact() -> Result<OperatorContact, LoadError> {
    if let Some(contact) = CONTACT.with(|cell| cell.borrow().clone()) {
        return Ok(contact);
    }
    let contact = client().get_operator_contact().await.map_err(LoadError::from)?;
    CONTACT.with(|cell| *cell.borrow_mut() = Some(contact.clone()));
    Ok(contact)
}

/// Parses a category from the page URL.
pub fn parse_category(name: &str) -> Option<Category> {
    Category::parse(name)
}

//! Use cases: the multi-step flows behind the routes. Each function takes its typed input and a
//! connection (`&mut DbConn`, usually opening a transaction with `DbConn::atomic`) and returns
//! `Result<_, ApiError>`: one error type across the transaction boundary, so an early `Err` rolls
//! back everything before it. Handlers parse, authorize, run one of these through
//! `AppState::run` and answer; argon2 and rate limits stay in the handler (they must not hold a
//! connection).

pub mod assets;
pub mod billing;
pub mod checkout;
pub mod companies;
pub mod credit_pay;
pub mod invitations;
pub mod line_refunds;
pub mod links;
pub mod orders;
pub mod passwords;
pub mod payments;
pub mod registration;
pub mod reviews;
pub mod sessions;
pub mod tickets;
pub mod users;

/// An emailed link about to go out: the token's digest (stored) and the URL carrying the token
/// (mailed).
#[derive(Debug, Clone)]
pub struct NewLink {
    /// SHA-256 of the token, as stored.
    pub hash: String,
    /// The page URL with the token, for the mail.
    pub url: String,
}

impl NewLink {
    /// A fresh random token for `page` of the SPA.
    pub fn new(state: &crate::state::AppState, page: &str) -> NewLink {
        let token = crate::auth::tokens::random_token();
        NewLink {
            hash: crate::auth::tokens::digest(&token),
            url: state.link(page, &token),
        }
    }
}

//! The signed-in session: who is signed in (with their permissions), silent restore on start,
//! one shared token refresh when an access token has expired, sign-out, and page notices.
//!
//! The access token lives only in memory (in the shared [`crate::api::client`]); the refresh token
//! is the server's HttpOnly cookie. Because a fresh visitor has no cookie, the app only tries to
//! restore a session when this browser signed in before (`localStorage` hint
//! [`SESSION_HINT_KEY`]); otherwise every anonymous page view would cost a failing request.

use std::cell::RefCell;
use std::future::Future;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_client::{Client, ClientError};
use rc_types::accounts::{Company, Profile};
use rc_types::auth::TokenResponse;

use crate::api::client;

/// `localStorage` key set while this browser holds a session (value `1`); no secret.
pub const SESSION_HINT_KEY: &str = "rc.session";

/// Where the session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    /// Restoring a session from the refresh cookie (app start).
    Restoring,
    /// Nobody is signed in.
    Anonymous,
    /// Signed in.
    SignedIn(Box<Profile>),
}

/// How a notice looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something worked.
    Success,
    /// Something failed.
    Danger,
}

/// A message shown above the page at `path` until the user leaves that page or closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Look.
    pub kind: NoticeKind,
    /// Text, already translated.
    pub text: String,
    /// The page it belongs to.
    pub path: String,
}

/// The session context (copyable handles to signals).
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// Who is signed in.
    pub auth: RwSignal<Auth>,
    /// The current page notice.
    pub notice: RwSignal<Option<Notice>>,
}

type RefreshFuture = Shared<LocalBoxFuture<'static, bool>>;

thread_local! {
    /// The refresh in flight: concurrent 401s share it, because presenting a refresh token twice
    /// makes the server revoke the whole session.
    static REFRESHING: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|window| window.local_storage().ok().flatten())
}

fn has_hint() -> bool {
    storage()
        .and_then(|storage| storage.get_item(SESSION_HINT_KEY).ok().flatten())
        .is_some()
}

fn set_hint(on: bool) {
    if let Some(storage) = storage() {
        // Private modes may refuse to store: the session then lasts for this page only.
        let _ = if on {
            storage.set_item(SESSION_HINT_KEY, "1")
        } else {
            storage.remove_item(SESSION_HINT_KEY)
        };
    }
}

/// The current location's path and query (for `?next=`).
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|window| {
            let location = window.location();
            Some(format!(
                "{}{}",
                location.pathname().ok()?,
                location.search().ok()?
            ))
        })
        .unwrap_or_else(|| "/".to_owned())
}

/// A safe post-login target: a local absolute path (never `//host` or a full URL).
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\"))
        .unwrap_or_else(|| "/account/profile".to_owned())
}

/// Creates the session context and, when this browser signed in before, restores the session.
pub fn provide_session() -> Session {
    let restoring = has_hint();
    let session = Session {
        auth: RwSignal::new(if restoring {
            Auth::Restoring
        } else {
            Auth::Anonymous
        }),
        notice: RwSignal::new(None),
    };
    provide_context(session);
    if restoring {
        spawn_local(async move {
            session.refresh().await;
        });
    }
    session
}

/// The session context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// The signed-in profile (tracked).
    pub fn profile(self) -> Option<Profile> {
        self.auth.with(|auth| match auth {
            Auth::SignedIn(profile) => Some((**profile).clone()),
            _ => None,
        })
    }

    /// Whether the signed-in user holds `permission` (tracked).
    pub fn has(self, permission: &str) -> bool {
        self.auth.with(|auth| match auth {
            Auth::SignedIn(profile) => profile.permissions.iter().any(|p| p == permission),
            _ => false,
        })
    }

    /// The signed-in user's company (tracked); `None` for operator staff.
    pub fn company(self) -> Option<Company> {
        self.auth.with(|auth| match auth {
            Auth::SignedIn(profile) => profile.company.clone(),
            _ => None,
        })
    }

    /// The signed-in user's id (untracked).
    pub fn user_id(self) -> Option<i64> {
        self.auth.with_untracked(|auth| match auth {
            Auth::SignedIn(profile) => Some(profile.user.id),
            _ => None,
        })
    }

    /// Takes the tokens of a sign-in or refresh.
    pub fn accept(self, tokens: TokenResponse) {
        client().set_access_token(Some(tokens.access_token));
        set_hint(true);
        self.auth.set(Auth::SignedIn(Box::new(tokens.profile)));
    }

    /// Replaces the profile (after editing it, or a change of role).
    pub fn set_profile(self, profile: Profile) {
        self.auth.set(Auth::SignedIn(Box::new(profile)));
    }

    /// Forgets the session locally (the server said it is over, or the user signed out).
    pub fn end(self) {
        client().set_access_token(None);
        set_hint(false);
        self.auth.set(Auth::Anonymous);
    }

    /// Refreshes the access token from the refresh cookie, sharing one request among callers;
    /// a refused refresh ends the session. Returns whether a new token arrived.
    pub async fn refresh(self) -> bool {
        let pending = REFRESHING.with(|cell| cell.borrow().clone());
        let refresh = pending.unwrap_or_else(|| {
            let refresh = async move {
                let refreshed = match client().refresh_token().await {
                    Ok(tokens) => {
                        self.accept(tokens);
                        true
                    }
                    Err(error) => {
                        if error.status().is_some() || self.auth.get_untracked() == Auth::Restoring {
                            self.end();
                        }
                        false
                    }
                };
                REFRESHING.with(|cell| cell.borrow_mut().take());
                refreshed
            }
            .boxed_local()
            .shared();
            REFRESHING.with(|cell| *cell.borrow_mut() = Some(refresh.clone()));
            refresh
        });
        refresh.await
    }

    /// Runs an authenticated API call; on 401 refreshes the token once and retries once. When the
    /// session cannot be renewed it ends, and the personal center sends the user to the login page.
    pub async fn call<T, F, Fut>(self, request: F) -> Result<T, ClientError>
    where
        F: Fn(Client) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let api = client();
        let token = api.access_token();
        match request(api.clone()).await {
            Err(error) if error.status() == Some(401) => {
                // Another call may have refreshed the token meanwhile.
                let renewed = api.access_token().is_some_and(|now| Some(&now) != token.as_ref());
                if !renewed && !self.refresh().await {
                    return Err(error);
                }
                let retried = request(api).await;
                if retried.as_ref().err().and_then(ClientError::status) == Some(401) {
                    self.end();
                }
                retried
            }
            other => other,
        }
    }

    /// Signs out on the server, forgets the session and loads the home page (a clean state).
    ///
    /// The signed-in state is left as it is until the page goes: ending it here would let the
    /// personal center redirect to the sign-in page first, and that navigation could win.
    pub async fn logout(self) {
        // Even if the server call fails, the local session ends.
        let _ = self.call(|api| async move { api.end_session().await }).await;
        client().set_access_token(None);
        set_hint(false);
        match web_sys::window() {
            Some(window) => {
                let _ = window.location().set_href("/");
            }
            None => self.end(),
        }
    }

    /// Shows a notice on the current page.
    pub fn notify(self, kind: NoticeKind, text: String) {
        let path = current_path();
        let path = path.split('?').next().unwrap_or("/").to_owned();
        self.notice.set(Some(Notice { kind, text, path }));
    }

    /// Shows a notice on the page at `path` (set just before navigating there).
    pub fn notify_at(self, path: &str, kind: NoticeKind, text: String) {
        self.notice.set(Some(Notice {
            kind,
            text,
            path: path.split('?').next().unwrap_or("/").to_owned(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(None), "/account/profile");
        assert_eq!(safe_next(Some("/account/users".into())), "/account/users");
        assert_eq!(safe_next(Some("//evil.example".into())), "/account/profile");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/account/profile");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/account/profile");
    }
}

//! The refresh-token cookie: HttpOnly, SameSite=Strict, scoped to `/api/v1/auth`.

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};

/// Cookie name.
pub const REFRESH_COOKIE: &str = "rc_refresh";
/// Lifetime of a session (and of its refresh cookie), in days.
pub const SESSION_DAYS: i64 = 14;

/// The cookie carrying `token`; `secure` when the site is served over HTTPS.
pub fn refresh(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, token.to_owned())
        .path("/api/v1/auth")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(CookieDuration::days(SESSION_DAYS))
        .finish()
}

/// A cookie that removes the refresh cookie.
pub fn cleared(secure: bool) -> Cookie<'static> {
    let mut cookie = refresh("", secure);
    cookie.make_removal();
    cookie
}

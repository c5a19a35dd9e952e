//! Passwords: reset requests and a signed-in user's change.

use chrono::Duration;
use rc_store::users::UserRow;
use rc_store::{DbConn, sessions, tokens, users};
use rc_types::accounts::UserStatus;
use rc_types::auth::TokenPurpose;

use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::sealing::Sealer;
use crate::usecases::NewLink;
use crate::usecases::links::RESET_TTL_HOURS;

/// The active account a reset for `email` goes to, if any (no answer tells which exist).
pub fn reset_target(conn: &mut DbConn, email: &str) -> Result<Option<UserRow>, ApiError> {
    let Some(user) = users::find_by_email(conn, email)? else {
        return Ok(None);
    };
    Ok((user.status()? == UserStatus::Active).then_some(user))
}

/// Issues a reset link for `user` (retiring older ones) and queues its mail, in one transaction.
pub fn send_reset(
    conn: &mut DbConn,
    sealer: &Sealer,
    user: &UserRow,
    link: &NewLink,
) -> Result<(), ApiError> {
    conn.atomic(|conn| {
        tokens::issue(
            conn,
            user.id,
            TokenPurpose::PasswordReset,
            &link.hash,
            Duration::hours(RESET_TTL_HOURS),
        )?;
        mail::queue(
            conn,
            sealer,
            &user.email,
            &Mail::PasswordReset { link: &link.url },
            &user.locale,
        )?;
        Ok(())
    })
}

/// Sets a signed-in user's new (hashed) password: their other sessions end and every emailed
/// link still out stops working.
pub fn change(
    conn: &mut DbConn,
    user_id: i64,
    session_id: &str,
    password_hash: &str,
) -> Result<(), ApiError> {
    conn.atomic(|conn| {
        users::set_password(conn, user_id, password_hash)?;
        sessions::revoke_others(conn, user_id, session_id, "password changed")?;
        // Reset links requested before the change stop working.
        tokens::retire_all(conn, user_id)?;
        Ok(())
    })
}

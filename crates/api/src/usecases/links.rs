//! Emailed links (activation, invitation, password reset): inspecting one and completing it.

use rc_domain::password::check_new_password;
use rc_store::{DbConn, companies, sessions, tokens, users};
use rc_types::auth::{CompleteLink, LinkInfo, TokenPurpose};

use crate::auth::tokens::digest;
use crate::error::ApiError;

/// How long emailed activation and invitation links stay valid.
pub const LINK_TTL_HOURS: i64 = 72;
/// How long a password-reset link stays valid.
pub const RESET_TTL_HOURS: i64 = 1;

/// The answer to a link that is unknown, used or expired (422 on field `token`).
fn invalid_link() -> ApiError {
    ApiError::field(
        "token",
        "invalid",
        "this link is invalid, has already been used or has expired",
    )
}

/// What the link carrying `token` is for, and whose account it opens.
pub fn inspect(conn: &mut DbConn, token: &str) -> Result<LinkInfo, ApiError> {
    let (user_id, purpose) = tokens::peek(conn, &digest(token))?.ok_or_else(invalid_link)?;
    let user = users::get_row(conn, user_id)?;
    let company_name = match user.company_id {
        Some(id) => Some(companies::get_row(conn, id)?.name().to_owned()),
        None => None,
    };
    Ok(LinkInfo {
        purpose,
        email: user.email.clone(),
        company_name,
        role: user.role()?,
    })
}

/// A link checked for completion: its account and purpose.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    /// The account the link opens.
    pub user_id: i64,
    /// What the link is for.
    pub purpose: TokenPurpose,
}

/// Checks a completion before the password is hashed: the link is live, an invitation brings
/// name and phone, and the password is not guessable for this account.
pub fn check(conn: &mut DbConn, input: &CompleteLink) -> Result<Checked, ApiError> {
    let (user_id, purpose) = tokens::peek(conn, &digest(&input.token))?.ok_or_else(invalid_link)?;
    if purpose == TokenPurpose::Invitation {
        if input.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(ApiError::field("name", "required", "enter your name"));
        }
        if input.phone.is_none() {
            return Err(ApiError::field("phone", "required", "enter your phone number"));
        }
    }
    let user = users::get_row(conn, user_id)?;
    let inputs = [
        user.email.as_str(),
        input.name.as_deref().unwrap_or(user.name.as_str()),
    ];
    if let Err(weak) = check_new_password(&input.password, &inputs) {
        return Err(ApiError::field("password", "weak", &weak.to_string()));
    }
    Ok(Checked { user_id, purpose })
}

/// Completes a checked link in one transaction: spends it and every other link of the account,
/// sets the password (and an invitee's name and phone), activates the account; a reset also
/// ends every session. A link spent meanwhile is [`invalid_link`] and changes nothing.
pub fn complete(
    conn: &mut DbConn,
    input: &CompleteLink,
    checked: Checked,
    password_hash: &str,
) -> Result<(), ApiError> {
    let Checked { user_id, purpose } = checked;
    conn.atomic(|conn| {
        if tokens::consume(conn, &digest(&input.token))?.is_none() {
            return Err(invalid_link());
        }
        // Any other link still out (an older reset, a resent invitation) dies with this one.
        tokens::retire_all(conn, user_id)?;
        users::activate(
            conn,
            user_id,
            password_hash,
            input.name.as_deref(),
            input.phone.as_deref(),
        )?;
        if purpose == TokenPurpose::PasswordReset {
            sessions::revoke_user(conn, user_id, "password reset")?;
        }
        Ok(())
    })
}

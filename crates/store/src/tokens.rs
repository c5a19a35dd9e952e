//! One-time links (activation, invitation, password reset): only token hashes are stored;
//! issuing a new one retires the previous ones of the same purpose; use is single and atomic.

use chrono::Duration;
use diesel::prelude::*;
use rc_types::auth::TokenPurpose;

use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::action_tokens;

/// Stores a token hash valid for `ttl`, retiring the user's earlier unused tokens of that purpose.
pub fn issue(
    conn: &mut DbConn,
    user_id: i64,
    purpose: TokenPurpose,
    token_hash: &str,
    ttl: Duration,
) -> Result<(), StoreError> {
    let stamp = now();
    diesel::update(
        action_tokens::table
            .filter(action_tokens::user_id.eq(user_id))
            .filter(action_tokens::purpose.eq(purpose.as_db()))
            .filter(action_tokens::used_at.is_null()),
    )
    .set(action_tokens::used_at.eq(stamp))
    .execute(conn)?;
    diesel::insert_into(action_tokens::table)
        .values((
            action_tokens::user_id.eq(user_id),
            action_tokens::purpose.eq(purpose.as_db()),
            action_tokens::token_hash.eq(token_hash),
            action_tokens::expires_at.eq(stamp + ttl),
            action_tokens::created_at.eq(stamp),
        ))
        .execute(conn)?;
    Ok(())
}

/// The user and purpose of a valid (unused, unexpired) token, without using it.
pub fn peek(conn: &mut DbConn, token_hash: &str) -> Result<Option<(i64, TokenPurpose)>, StoreError> {
    let row: Option<(i64, String)> = action_tokens::table
        .filter(action_tokens::token_hash.eq(token_hash))
        .filter(action_tokens::used_at.is_null())
        .filter(action_tokens::expires_at.gt(now()))
        .select((action_tokens::user_id, action_tokens::purpose))
        .first(conn)
        .optional()?;
    row.map(|(user, purpose)| Ok((user, TokenPurpose::from_db(&purpose)?)))
        .transpose()
}

/// Uses a valid token exactly once (a conditional update, safe under concurrency).
pub fn consume(conn: &mut DbConn, token_hash: &str) -> Result<Option<(i64, TokenPurpose)>, StoreError> {
    let Some(found) = peek(conn, token_hash)? else {
        return Ok(None);
    };
    let used = diesel::update(
        action_tokens::table
            .filter(action_tokens::token_hash.eq(token_hash))
            .filter(action_tokens::used_at.is_null()),
    )
    .set(action_tokens::used_at.eq(now()))
    .execute(conn)?;
    Ok((used == 1).then_some(found))
}

/// Retires every unused token of a user (e.g. when an invitation is revoked).
pub fn retire_all(conn: &mut DbConn, user_id: i64) -> Result<(), StoreError> {
    diesel::update(
        action_tokens::table
            .filter(action_tokens::user_id.eq(user_id))
            .filter(action_tokens::used_at.is_null()),
    )
    .set(action_tokens::used_at.eq(now()))
    .execute(conn)?;
    Ok(())
}

//! Sessions (refresh-token families) and single-use slider challenges.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::{login_challenges, refresh_tokens, sessions};

/// Starts a session for `user_id` with its first refresh token.
pub fn create(
    conn: &mut DbConn,
    session_id: &str,
    user_id: i64,
    refresh_hash: &str,
    ttl: Duration,
) -> Result<(), StoreError> {
    conn.atomic(|conn| {
        let stamp = now();
        diesel::insert_into(sessions::table)
            .values((
                sessions::id.eq(session_id),
                sessions::user_id.eq(user_id),
                sessions::created_at.eq(stamp),
                sessions::expires_at.eq(stamp + ttl),
            ))
            .execute(conn)?;
        diesel::insert_into(refresh_tokens::table)
            .values((
                refresh_tokens::session_id.eq(session_id),
                refresh_tokens::token_hash.eq(refresh_hash),
                refresh_tokens::created_at.eq(stamp),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Outcome of presenting a refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// Rotated: the old token is spent, the new one is stored.
    Rotated {
        /// The session.
        session_id: String,
        /// Its user.
        user_id: i64,
    },
    /// The token was rotated moments ago (another tab refreshed at the same time): the caller
    /// answers with the same successor, sealed as it was stored.
    Repeated {
        /// The session.
        session_id: String,
        /// Its user.
        user_id: i64,
        /// The successor token, sealed.
        successor_sealed: String,
    },
    /// An already-rotated token came back after the grace window: the whole family has been
    /// revoked.
    Reused,
    /// Unknown, expired or revoked.
    Invalid,
}

/// A refresh token presented to [`rotate`] and the successor to store.
#[derive(Debug, Clone, Copy)]
pub struct Presented<'a> {
    /// Hash of the presented token.
    pub old_hash: &'a str,
    /// Hash of its successor.
    pub new_hash: &'a str,
    /// The successor, sealed, kept on the spent token for the grace window.
    pub new_sealed: &'a str,
}

/// Spends the presented token and stores its successor in the same session, atomically.
/// Presenting a spent token within `grace` of its rotation, while its successor is unused,
/// answers with the same successor (two tabs refreshing at once); otherwise it revokes the
/// session (refresh-token reuse detection).
pub fn rotate(conn: &mut DbConn, presented: Presented<'_>, grace: Duration) -> Result<Rotation, StoreError> {
    conn.atomic(|conn| {
        let stamp = now();
        // Write first: the conditional update decides the race between two uses of one token.
        let spent = diesel::update(
            refresh_tokens::table
                .filter(refresh_tokens::token_hash.eq(presented.old_hash))
                .filter(refresh_tokens::replaced_at.is_null()),
        )
        .set((
            refresh_tokens::replaced_at.eq(stamp),
            refresh_tokens::successor_sealed.eq(presented.new_sealed),
        ))
        .execute(conn)?;
        let Some((session_id, replaced_at, successor_sealed)) = refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(presented.old_hash))
            .select((
                refresh_tokens::session_id,
                refresh_tokens::replaced_at,
                refresh_tokens::successor_sealed,
            ))
            .first::<(String, Option<chrono::NaiveDateTime>, Option<String>)>(conn)
            .optional()?
        else {
            return Ok(Rotation::Invalid);
        };
        let (user_id, expires_at, revoked_at) = sessions::table
            .find(&session_id)
            .select((sessions::user_id, sessions::expires_at, sessions::revoked_at))
            .first::<(i64, chrono::NaiveDateTime, Option<chrono::NaiveDateTime>)>(conn)?;
        let live = revoked_at.is_none() && expires_at > stamp;
        if spent == 0 {
            // A second tab refreshing with the same token moments later, before anyone used its
            // successor, gets that successor; anything else is a replayed token.
            let successor_unused = match replaced_at {
                Some(at) => diesel::select(diesel::dsl::exists(
                    refresh_tokens::table
                        .filter(refresh_tokens::session_id.eq(&session_id))
                        .filter(refresh_tokens::created_at.eq(at))
                        .filter(refresh_tokens::replaced_at.is_null()),
                ))
                .get_result::<bool>(conn)?,
                None => false,
            };
            return Ok(match (replaced_at, successor_sealed) {
                (Some(at), Some(successor_sealed)) if live && successor_unused && stamp - at <= grace => {
                    Rotation::Repeated {
                        session_id,
                        user_id,
                        successor_sealed,
                    }
                }
                _ if live => {
                    revoke(conn, &session_id, "refresh token reuse")?;
                    Rotation::Reused
                }
                _ => Rotation::Invalid,
            });
        }
        if !live {
            return Ok(Rotation::Invalid);
        }
        diesel::insert_into(refresh_tokens::table)
            .values((
                refresh_tokens::session_id.eq(&session_id),
                refresh_tokens::token_hash.eq(presented.new_hash),
                refresh_tokens::created_at.eq(stamp),
            ))
            .execute(conn)?;
        Ok(Rotation::Rotated { session_id, user_id })
    })
}

/// The session's user when the session is neither revoked nor expired.
pub fn active_user(conn: &mut DbConn, session_id: &str) -> Result<Option<i64>, StoreError> {
    Ok(sessions::table
        .find(session_id)
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now()))
        .select(sessions::user_id)
        .first(conn)
        .optional()?)
}

/// Revokes one session.
pub fn revoke(conn: &mut DbConn, session_id: &str, reason: &str) -> Result<(), StoreError> {
    diesel::update(
        sessions::table
            .find(session_id)
            .filter(sessions::revoked_at.is_null()),
    )
    .set((sessions::revoked_at.eq(now()), sessions::revoke_reason.eq(reason)))
    .execute(conn)?;
    Ok(())
}

/// Revokes every session of a user (disabled, deleted, password changed).
pub fn revoke_user(conn: &mut DbConn, user_id: i64, reason: &str) -> Result<(), StoreError> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((sessions::revoked_at.eq(now()), sessions::revoke_reason.eq(reason)))
    .execute(conn)?;
    Ok(())
}

/// Revokes every session of a user except `keep` (after a password change).
pub fn revoke_others(conn: &mut DbConn, user_id: i64, keep: &str, reason: &str) -> Result<(), StoreError> {
    diesel::update(
        sessions::table.filter(
            sessions::user_id
                .eq(user_id)
                .and(sessions::id.ne(keep))
                .and(sessions::revoked_at.is_null()),
        ),
    )
    .set((sessions::revoked_at.eq(now()), sessions::revoke_reason.eq(reason)))
    .execute(conn)?;
    Ok(())
}

/// Stores a new slider challenge valid for `ttl`.
pub fn create_challenge(conn: &mut DbConn, id: &str, ttl: Duration) -> Result<(), StoreError> {
    let stamp = now();
    diesel::insert_into(login_challenges::table)
        .values((
            login_challenges::id.eq(id),
            login_challenges::created_at.eq(stamp),
            login_challenges::expires_at.eq(stamp + ttl),
        ))
        .execute(conn)?;
    Ok(())
}

/// Uses a challenge once; returns how many ms ago it was issued, or None when unknown/used/expired.
pub fn consume_challenge(conn: &mut DbConn, id: &str) -> Result<Option<u64>, StoreError> {
    let stamp = now();
    let used = diesel::update(
        login_challenges::table
            .find(id)
            .filter(login_challenges::used_at.is_null())
            .filter(login_challenges::expires_at.gt(stamp)),
    )
    .set(login_challenges::used_at.eq(stamp))
    .execute(conn)?;
    if used == 0 {
        return Ok(None);
    }
    let created: chrono::NaiveDateTime = login_challenges::table
        .find(id)
        .select(login_challenges::created_at)
        .first(conn)?;
    Ok(Some(
        u64::try_from((stamp - created).num_milliseconds()).unwrap_or(0),
    ))
}

/// Deletes challenges that expired more than a minute ago (housekeeping).
pub fn purge_challenges(conn: &mut DbConn) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        login_challenges::table.filter(login_challenges::expires_at.lt(now() - Duration::minutes(1))),
    )
    .execute(conn)?)
}

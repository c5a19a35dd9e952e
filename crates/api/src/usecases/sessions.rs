//! Sessions: the slider challenge, opening a session after a verified password, rotating the
//! refresh token.

use chrono::Duration;
use rc_domain::Actor;
use rc_domain::slider::{CHALLENGE_TTL_SECS, verify_drag};
use rc_store::sessions::{self, Presented, Rotation};
use rc_store::{DbConn, users};
use rc_types::accounts::Profile;
use rc_types::auth::{SliderChallenge, SliderProof};

use crate::auth::extractor::load_actor;
use crate::auth::{cookies, tokens};
use crate::error::ApiError;
use crate::routes::support::profile;
use crate::sealing::Sealer;

/// Seconds after a rotation in which the spent refresh token still answers with its successor.
pub const REFRESH_GRACE_SECS: i64 = 15;

/// A live session: what a login or refresh answers with.
#[derive(Debug)]
pub struct Session {
    /// Who is signed in.
    pub actor: Actor,
    /// The session (family) id the access token names.
    pub session_id: String,
    /// The profile for the token response.
    pub profile: Profile,
    /// The refresh token for the cookie.
    pub refresh: String,
}

/// The one answer to a failed sign-in: wrong email or password, or an account not active.
pub fn bad_credentials() -> ApiError {
    ApiError::Unauthenticated("the email or password is incorrect, or the account is not active".to_owned())
}

/// Issues a single-use slider challenge, purging expired ones.
pub fn issue_challenge(conn: &mut DbConn) -> Result<SliderChallenge, ApiError> {
    let id = uuid::Uuid::new_v4().to_string();
    sessions::purge_challenges(conn)?;
    sessions::create_challenge(conn, &id, Duration::seconds(i64::from(CHALLENGE_TTL_SECS)))?;
    Ok(SliderChallenge {
        id,
        expires_in: CHALLENGE_TTL_SECS,
    })
}

/// Spends the answer's challenge and checks the drag (422 on field `slider`).
pub fn pass_slider(conn: &mut DbConn, answer: &SliderProof) -> Result<(), ApiError> {
    let Some(issued_ms_ago) = sessions::consume_challenge(conn, &answer.challenge_id)? else {
        return Err(ApiError::field(
            "slider",
            "expired",
            "the slider check expired; drag the slider again",
        ));
    };
    verify_drag(&answer.trace, issued_ms_ago).map_err(|e| ApiError::field("slider", "slider", &e.to_string()))
}

/// Opens a session for a user whose password was verified; an account that isn't active gets
/// [`bad_credentials`] (its session is revoked at once).
pub fn open(conn: &mut DbConn, user_id: i64) -> Result<Session, ApiError> {
    let session_id = uuid::Uuid::new_v4().to_string();
    let refresh = tokens::random_token();
    sessions::create(
        conn,
        &session_id,
        user_id,
        &tokens::digest(&refresh),
        Duration::days(cookies::SESSION_DAYS),
    )?;
    let Some(actor) = load_actor(conn, user_id, &session_id)? else {
        sessions::revoke(conn, &session_id, "account not active")?;
        return Err(bad_credentials());
    };
    users::record_login(conn, user_id)?;
    let profile = profile(conn, &actor)?;
    Ok(Session {
        actor,
        session_id,
        profile,
        refresh,
    })
}

/// The answer when a refresh token no longer opens a session.
fn session_ended() -> ApiError {
    ApiError::Unauthenticated("the session has ended: sign in again".to_owned())
}

/// Rotates the `presented` refresh token. Within the grace window a spent token answers with its
/// (unused) successor; a spent token later ends the whole session. Any failure is a 401.
pub fn refresh(conn: &mut DbConn, sealer: &Sealer, presented: &str) -> Result<Session, ApiError> {
    let next = tokens::random_token();
    let (old_hash, new_hash) = (tokens::digest(presented), tokens::digest(&next));
    let new_sealed = sealer.seal(&next);
    let presented = Presented {
        old_hash: &old_hash,
        new_hash: &new_hash,
        new_sealed: &new_sealed,
    };
    let (session_id, user_id, successor) =
        match sessions::rotate(conn, presented, Duration::seconds(REFRESH_GRACE_SECS))? {
            Rotation::Rotated { session_id, user_id } => (session_id, user_id, None),
            Rotation::Repeated {
                session_id,
                user_id,
                successor_sealed,
            } => (session_id, user_id, Some(successor_sealed)),
            Rotation::Reused => {
                tracing::warn!("refresh token reuse: session revoked");
                return Err(session_ended());
            }
            Rotation::Invalid => return Err(session_ended()),
        };
    let Some(actor) = load_actor(conn, user_id, &session_id)? else {
        return Err(session_ended());
    };
    let profile = profile(conn, &actor)?;
    let refresh = match successor {
        Some(kept) => sealer
            .open(&kept)
            .ok_or_else(|| ApiError::Internal("a stored refresh token does not open".to_owned()))?,
        None => next,
    };
    Ok(Session {
        actor,
        session_id,
        profile,
        refresh,
    })
}

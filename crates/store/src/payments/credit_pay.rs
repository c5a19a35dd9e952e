//! 蓝云信用支付's secrets: each user's credit-centre password (an argon2id hash; hashing and
//! checking happen off the connection, in the API) and the one-time codes emailed for a credit
//! payment — 6 digits, valid 5 minutes, single use, [`MAX_TRIES`] wrong tries, one live code per
//! user and order (a new one voids the old).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::error::StoreError;
use crate::schema::{credit_pay_codes, credit_pay_passwords};

/// How long a code works.
pub const CODE_TTL: Duration = Duration::minutes(5);
/// Wrong tries before a code is void.
pub const MAX_TRIES: i32 = 5;
/// The least time between two codes for one user and order.
pub const RESEND_AFTER: Duration = Duration::seconds(60);

/// The user's password hash and when it was set.
pub fn password(conn: &mut DbConn, user_id: i64) -> Result<Option<(String, NaiveDateTime)>, StoreError> {
    Ok(credit_pay_passwords::table
        .find(user_id)
        .select((
            credit_pay_passwords::password_hash,
            credit_pay_passwords::updated_at,
        ))
        .first(conn)
        .optional()?)
}

/// Sets (or replaces) the user's password hash. `expected`: the hash the caller checked the
/// current password against (`None`: there was none), so two changes at once can't both win.
pub fn set_password(
    conn: &mut DbConn,
    user_id: i64,
    expected: Option<&str>,
    hash: &str,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    let changed = match expected {
        // A second first-setting at the same moment hits the primary key: a conflict.
        None if password(conn, user_id)?.is_some() => 0,
        None => diesel::insert_into(credit_pay_passwords::table)
            .values((
                credit_pay_passwords::user_id.eq(user_id),
                credit_pay_passwords::password_hash.eq(hash),
                credit_pay_passwords::updated_at.eq(at),
            ))
            .execute(conn)?,
        Some(old) => diesel::update(
            credit_pay_passwords::table
                .find(user_id)
                .filter(credit_pay_passwords::password_hash.eq(old)),
        )
        .set((
            credit_pay_passwords::password_hash.eq(hash),
            credit_pay_passwords::updated_at.eq(at),
        ))
        .execute(conn)?,
    };
    if changed == 0 {
        return Err(StoreError::Conflict(
            "the credit-centre password was changed meanwhile; try again".to_owned(),
        ));
    }
    Ok(())
}

/// Why a code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// A code was sent less than [`RESEND_AFTER`] ago: wait this many seconds.
    #[error("a code was just sent; wait {0} s before asking again")]
    TooSoon(i64),
    /// No live code (never sent, expired, used, or too many wrong tries).
    #[error("the code has expired or was used; ask for a new one")]
    Expired,
    /// Wrong code; says how many tries are left.
    #[error("wrong code ({0} tries left)")]
    Wrong(i32),
}

/// Stores a new code's hash for the user and order, voiding the previous one; refused while
/// the previous one is younger than [`RESEND_AFTER`]. Answers when it expires.
pub fn issue_code(
    conn: &mut DbConn,
    user_id: i64,
    order_id: i64,
    code_hash: &str,
    at: NaiveDateTime,
) -> Result<Result<NaiveDateTime, CodeError>, StoreError> {
    conn.atomic_write(|conn| {
        // The user's credit-centre password row is the lock (a code needs a password): two
        // requests at once issue one after the other — the second then finds it too soon —
        // never two live codes.
        diesel::update(credit_pay_passwords::table.find(user_id))
            .set(credit_pay_passwords::updated_at.eq(credit_pay_passwords::updated_at))
            .execute(conn)?;
        let last: Option<NaiveDateTime> = credit_pay_codes::table
            .filter(credit_pay_codes::user_id.eq(user_id))
            .filter(credit_pay_codes::order_id.eq(order_id))
            .order(credit_pay_codes::created_at.desc())
            .select(credit_pay_codes::created_at)
            .first(conn)
            .optional()?;
        if let Some(last) = last {
            let wait = (last + RESEND_AFTER - at).num_seconds();
            if wait > 0 {
                return Ok(Err(CodeError::TooSoon(wait)));
            }
        }
        diesel::update(
            credit_pay_codes::table
                .filter(credit_pay_codes::user_id.eq(user_id))
                .filter(credit_pay_codes::order_id.eq(order_id))
                .filter(credit_pay_codes::used_at.is_null()),
        )
        .set(credit_pay_codes::used_at.eq(at))
        .execute(conn)?;
        let expires = at + CODE_TTL;
        diesel::insert_into(credit_pay_codes::table)
            .values((
                credit_pay_codes::user_id.eq(user_id),
                credit_pay_codes::order_id.eq(order_id),
                credit_pay_codes::code_hash.eq(code_hash),
                credit_pay_codes::expires_at.eq(expires),
                credit_pay_codes::created_at.eq(at),
            ))
            .execute(conn)?;
        Ok(Ok(expires))
    })
}

/// Uses the live code of the user and order if its hash is `code_hash` (once: it is spent);
/// a wrong one counts a try. Call in the write transaction of the payment, so a refused
/// payment leaves the code usable and a spent code is never spent twice.
pub fn take_code(
    conn: &mut DbConn,
    user_id: i64,
    order_id: i64,
    code_hash: &str,
    at: NaiveDateTime,
) -> Result<Result<(), CodeError>, StoreError> {
    let live: Option<(i64, String, i32)> = credit_pay_codes::table
        .filter(credit_pay_codes::user_id.eq(user_id))
        .filter(credit_pay_codes::order_id.eq(order_id))
        .filter(credit_pay_codes::used_at.is_null())
        .filter(credit_pay_codes::expires_at.gt(at))
        .filter(credit_pay_codes::attempts.lt(MAX_TRIES))
        .order(credit_pay_codes::created_at.desc())
        .select((
            credit_pay_codes::id,
            credit_pay_codes::code_hash,
            credit_pay_codes::attempts,
        ))
        .first(conn)
        .optional()?;
    let Some((id, stored, attempts)) = live else {
        return Ok(Err(CodeError::Expired));
    };
    if !constant_time_eq(stored.as_bytes(), code_hash.as_bytes()) {
        // Counted only below the limit, so tries racing each other never exceed it.
        let counted = diesel::update(
            credit_pay_codes::table
                .find(id)
                .filter(credit_pay_codes::attempts.lt(MAX_TRIES)),
        )
        .set(credit_pay_codes::attempts.eq(credit_pay_codes::attempts + 1))
        .execute(conn)?;
        if counted == 0 {
            return Ok(Err(CodeError::Expired));
        }
        return Ok(Err(CodeError::Wrong(MAX_TRIES - attempts - 1)));
    }
    let spent = diesel::update(
        credit_pay_codes::table
            .find(id)
            .filter(credit_pay_codes::used_at.is_null()),
    )
    .set(credit_pay_codes::used_at.eq(at))
    .execute(conn)?;
    Ok(if spent == 1 {
        Ok(())
    } else {
        Err(CodeError::Expired)
    })
}

/// Counts a wrong try on the user's live code for the order (after the payment that found it
/// wrong rolled back), without comparing anything again; below the limit only.
pub fn count_wrong_try(
    conn: &mut DbConn,
    user_id: i64,
    order_id: i64,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    let live: Option<i64> = credit_pay_codes::table
        .filter(credit_pay_codes::user_id.eq(user_id))
        .filter(credit_pay_codes::order_id.eq(order_id))
        .filter(credit_pay_codes::used_at.is_null())
        .filter(credit_pay_codes::expires_at.gt(at))
        .order(credit_pay_codes::created_at.desc())
        .select(credit_pay_codes::id)
        .first(conn)
        .optional()?;
    if let Some(id) = live {
        diesel::update(
            credit_pay_codes::table
                .find(id)
                .filter(credit_pay_codes::attempts.lt(MAX_TRIES)),
        )
        .set(credit_pay_codes::attempts.eq(credit_pay_codes::attempts + 1))
        .execute(conn)?;
    }
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

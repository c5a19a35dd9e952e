//! Stored answers of money-moving POSTs by `Idempotency-Key`: the same key and body get the
//! first answer again, whatever the retry; the same key with another body is refused.

use diesel::prelude::*;

use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::idempotency_keys;

/// What an earlier request with the key left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Earlier {
    /// Nothing: this is the first.
    None,
    /// The same request: its stored answer (JSON).
    Same(String),
    /// A different request under the same key.
    Different,
}

/// What an earlier request under `key` in `scope` (the caller and the operation) left.
pub fn earlier(conn: &mut DbConn, scope: &str, key: &str, request_hash: &str) -> Result<Earlier, StoreError> {
    let found: Option<(String, String)> = idempotency_keys::table
        .filter(idempotency_keys::scope.eq(scope))
        .filter(idempotency_keys::idem_key.eq(key))
        .select((idempotency_keys::request_hash, idempotency_keys::response))
        .first(conn)
        .optional()?;
    Ok(match found {
        None => Earlier::None,
        Some((hash, response)) if hash == request_hash => Earlier::Same(response),
        Some(_) => Earlier::Different,
    })
}

/// Stores the answer given to the first request under `key`; call in the transaction that did
/// the work (two first requests at once: the unique key keeps one, the other rolls back).
pub fn remember(
    conn: &mut DbConn,
    scope: &str,
    key: &str,
    request_hash: &str,
    response: &str,
) -> Result<(), StoreError> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::scope.eq(scope),
            idempotency_keys::idem_key.eq(key),
            idempotency_keys::request_hash.eq(request_hash),
            idempotency_keys::response.eq(response),
            idempotency_keys::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets the answers stored before `cutoff` (a retry comes within minutes, not weeks).
pub fn purge_before(conn: &mut DbConn, cutoff: chrono::NaiveDateTime) -> Result<usize, StoreError> {
    Ok(
        diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(cutoff)))
            .execute(conn)?,
    )
}

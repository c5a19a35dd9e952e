//! `Idempotency-Key` on money-moving POSTs: the same key and body get the first answer again
//! (nothing moves twice, whatever the retries); the same key with another body is a 422.
//!
//! The answer is stored in the transaction that did the work, so a crash leaves neither; two
//! first requests at once race on the unique key and the loser rolls back (409, retry).

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use rc_store::idempotency::{self, Earlier};
use rc_store::{DbConn, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The header a client sends.
pub const HEADER: &str = "Idempotency-Key";

/// The request's `Idempotency-Key`, if it sent one (1–100 printable ASCII characters).
#[derive(Debug, Clone, Default)]
pub struct IdempotencyKey(pub Option<String>);

impl FromRequest for IdempotencyKey {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(HEADER) else {
            return ready(Ok(IdempotencyKey(None)));
        };
        let key = value
            .to_str()
            .ok()
            .map(str::trim)
            .filter(|k| (1..=100).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()));
        ready(match key {
            Some(key) => Ok(IdempotencyKey(Some(key.to_owned()))),
            None => Err(ApiError::field(HEADER, "invalid", "use 1 to 100 printable ASCII characters").into()),
        })
    }
}

impl IdempotencyKey {
    /// The once-only key of the ledger operation this request makes in `scope` (the caller and
    /// the operation): the client's key within that scope, or a fresh one for a request without a
    /// key (then it is its own operation). Scoped so one caller's key can never match another's
    /// operation on the same account.
    pub fn op_key(&self, scope: &str) -> String {
        let key = self.0.clone().unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        format!("{scope}:{key}")
    }

    /// Runs `work` in a write transaction once per key: a repeat of the same request under the
    /// same key (scoped to the caller and operation `scope`) answers with the stored result.
    pub fn once<T, R>(
        &self,
        conn: &mut DbConn,
        scope: &str,
        request: &R,
        work: impl FnOnce(&mut DbConn) -> Result<T, ApiError>,
    ) -> Result<T, ApiError>
    where
        T: Serialize + DeserializeOwned,
        R: Serialize,
    {
        let Some(key) = self.0.as_deref() else {
            return conn.atomic_write(work);
        };
        let hash = crate::auth::tokens::digest(&serde_json::to_string(request).unwrap_or_default());
        conn.atomic_write(|conn| {
            match idempotency::earlier(conn, scope, key, &hash)? {
                Earlier::Same(stored) => {
                    return serde_json::from_str(&stored)
                        .map_err(|e| ApiError::Internal(format!("stored answer of {scope}: {e}")));
                }
                Earlier::Different => {
                    return Err(ApiError::field(
                        HEADER,
                        "reused",
                        "this Idempotency-Key was used for a different request",
                    ));
                }
                Earlier::None => {}
            }
            let answer = work(conn)?;
            let json = serde_json::to_string(&answer).map_err(|e| ApiError::Internal(e.to_string()))?;
            idempotency::remember(conn, scope, key, &hash, &json).map_err(|e| match e {
                StoreError::Conflict(_) => ApiError::Conflict(
                    "a request with this Idempotency-Key is in progress; retry it".to_owned(),
                ),
                other => other.into(),
            })?;
            Ok(answer)
        })
    }
}

//! Parse at the edge: extractors that deserialize a JSON body or a query string; the handler
//! gets the value out only through `validate`, which runs its `validator` rules, so it only ever
//! sees input that passed them.
//!
//! Malformed input keeps the answers of the configured `JsonConfig` / `QueryConfig` handlers
//! (`error::extractors`: 400, 413, 415), given while extracting; failed rules are the 422
//! `ApiError::Validation` with one entry per field, given when the handler calls `validate`.
//!
//! The rules run in the handler, not in the extractor, so that a handler authorizes first: a
//! caller without the right gets 401/403 whatever the body holds. actix-web polls a handler's
//! extractors together and answers with the first error any of them reports, so a rule failing
//! in an extractor would beat `AuthUser`, which waits for the database, to the answer.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use validator::Validate;

use crate::error::ApiError;

/// Runs `value`'s validation rules: the value back, or the 422 naming each failing field. Forms
/// that don't arrive as a plain JSON body (a multipart part) go through this too.
pub fn valid<T: Validate>(value: T) -> Result<T, ApiError> {
    value.validate()?;
    Ok(value)
}

/// A JSON body of type `T`, to be validated by the handler once it has authorized the caller.
#[derive(Debug)]
pub struct Valid<T>(T);

impl<T: Validate> Valid<T> {
    /// The value if it passes its validation rules, else the 422. Call it after authorizing.
    pub fn validate(self) -> Result<T, ApiError> {
        valid(self.0)
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for Valid<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<T>::from_request(req, payload);
        Box::pin(async move { Ok(Valid(json.await?.into_inner())) })
    }
}

/// A query string of type `T`, to be validated by the handler once it has authorized the caller.
#[derive(Debug)]
pub struct ValidQuery<T>(T);

impl<T: Validate> ValidQuery<T> {
    /// The value if it passes its validation rules, else the 422. Call it after authorizing.
    pub fn validate(self) -> Result<T, ApiError> {
        valid(self.0)
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidQuery<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let query = web::Query::<T>::from_request(req, payload);
        Box::pin(async move { Ok(ValidQuery(query.await?.into_inner())) })
    }
}

//! Parse at the edge: extractors that deserialize a JSON body or a query string and run its
//! `validator` rules, so a handler only ever sees input that passed them.
//!
//! Malformed input keeps the answers of the configured `JsonConfig` / `QueryConfig` handlers
//! (`error::extractors`: 400, 413, 415); failed rules are the 422 `ApiError::Validation` with one
//! entry per field.

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

/// A JSON body of type `T` that passed its validation rules.
#[derive(Debug)]
pub struct Valid<T>(pub T);

impl<T> Valid<T> {
    /// The validated value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Valid<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for Valid<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<T>::from_request(req, payload);
        Box::pin(async move { Ok(Valid(valid(json.await?.into_inner())?)) })
    }
}

/// A query string of type `T` that passed its validation rules.
#[derive(Debug)]
pub struct ValidQuery<T>(pub T);

impl<T> ValidQuery<T> {
    /// The validated value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for ValidQuery<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidQuery<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let query = web::Query::<T>::from_request(req, payload);
        Box::pin(async move { Ok(ValidQuery(valid(query.await?.into_inner())?)) })
    }
}

//! The API's one error type: every failure becomes the standard [`ErrorBody`] with the right status.
//! Internal causes are logged, never sent.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use rc_store::StoreError;
use rc_types::{ErrorBody, ErrorCode, FieldError};

/// A failed request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: unparseable input.
    #[error("{0}")]
    BadRequest(String),
    /// 401: missing, invalid or revoked credentials.
    #[error("{0}")]
    Unauthenticated(String),
    /// 403: authenticated but not allowed.
    #[error("you do not have permission to do this")]
    Forbidden,
    /// 404: no such resource.
    #[error("{0}")]
    NotFound(String),
    /// 409: conflicts with current state.
    #[error("{0}")]
    Conflict(String),
    /// 409: a unique value is taken; names the field.
    #[error("{message}")]
    ConflictOn {
        /// Field whose value is taken.
        field: String,
        /// Explanation.
        message: String,
    },
    /// 413: body too large.
    #[error("request body is too large")]
    PayloadTooLarge,
    /// 415: not JSON.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 422: invalid fields.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 429: too many attempts; retry after the given seconds.
    #[error("too many requests; try again in {0} seconds")]
    RateLimited(u64),
    /// 503: the database can't be reached.
    #[error("service temporarily unavailable")]
    Unavailable(String),
    /// 500: a bug or an unexpected failure; the cause is logged.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The machine-readable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::BadRequest(_) => ErrorCode::BadRequest,
            ApiError::Unauthenticated(_) => ErrorCode::Unauthenticated,
            ApiError::Forbidden => ErrorCode::Forbidden,
            ApiError::RateLimited(_) => ErrorCode::RateLimited,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::Conflict(_) | ApiError::ConflictOn { .. } => ErrorCode::Conflict,
            ApiError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            ApiError::UnsupportedMediaType(_) => ErrorCode::UnsupportedMediaType,
            ApiError::Validation(_) => ErrorCode::ValidationFailed,
            ApiError::Unavailable(_) => ErrorCode::Unavailable,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The body sent to the client, with the current request id.
    pub fn body(&self) -> ErrorBody {
        let message = match self {
            ApiError::Validation(fields) if fields.len() == 1 => fields[0].message.clone(),
            ApiError::Validation(_) => "some fields are invalid".to_owned(),
            other => other.to_string(),
        };
        ErrorBody {
            code: self.code(),
            message,
            fields: match self {
                ApiError::Validation(fields) => fields.clone(),
                ApiError::ConflictOn { field, message } => {
                    vec![FieldError {
                        field: field.clone(),
                        code: "taken".to_owned(),
                        message: message.clone(),
                    }]
                }
                _ => Vec::new(),
            },
            request_id: crate::request_id::current(),
        }
    }
}

impl ApiError {
    /// A 422 for one field.
    pub fn field(field: &str, code: &str, message: &str) -> ApiError {
        ApiError::Validation(vec![FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.to_owned(),
        }])
    }

    /// A 409 conflict naming the field whose value is taken.
    #[must_use]
    pub fn with_field(self, field: &str) -> ApiError {
        match self {
            ApiError::Conflict(message) => ApiError::ConflictOn {
                field: field.to_owned(),
                message,
            },
            other => other,
        }
    }
}

impl From<rc_domain::Denied> for ApiError {
    fn from(denied: rc_domain::Denied) -> Self {
        match denied {
            rc_domain::Denied::NotFound => ApiError::NotFound("not found".to_owned()),
            rc_domain::Denied::Forbidden => ApiError::Forbidden,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "dependency unavailable"),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        if let ApiError::RateLimited(seconds) = self {
            response.insert_header(("Retry-After", seconds.to_string()));
        }
        response.json(self.body())
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ApiError::NotFound("not found".to_owned()),
            StoreError::Conflict(message) => ApiError::Conflict(message),
            StoreError::Duplicate { field } => {
                ApiError::Conflict(format!("{field} is already registered")).with_field(field)
            }
            StoreError::Invalid { field, message } => ApiError::field(field, "invalid", &message),
            StoreError::Unavailable(cause) => ApiError::Unavailable(cause),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<rc_store::DieselError> for ApiError {
    fn from(error: rc_store::DieselError) -> Self {
        StoreError::from(error).into()
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut fields = Vec::new();
        flatten_validation("", &errors, &mut fields);
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        ApiError::Validation(fields)
    }
}

/// Field errors of `errors` with nested paths (`plans[0].sku_code`, `support.email`); struct-level
/// errors are named by their struct's path (or `__all__` at the top).
fn flatten_validation(prefix: &str, errors: &validator::ValidationErrors, out: &mut Vec<FieldError>) {
    use validator::ValidationErrorsKind;
    let path = |field: &str| {
        if prefix.is_empty() {
            field.to_owned()
        } else if field == "__all__" {
            prefix.to_owned()
        } else {
            format!("{prefix}.{field}")
        }
    };
    for (field, kind) in errors.errors() {
        match kind {
            ValidationErrorsKind::Field(errs) => {
                let name = path(field);
                out.extend(errs.iter().map(|e| {
                    FieldError {
                        field: name.clone(),
                        code: e.code.to_string(),
                        message: e
                            .message
                            .as_ref()
                            .map_or_else(|| format!("{name} is invalid"), ToString::to_string),
                    }
                }));
            }
            ValidationErrorsKind::Struct(inner) => flatten_validation(&path(field), inner, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    flatten_validation(&format!("{}[{index}]", path(field)), inner, out);
                }
            }
        }
    }
}

/// Extractor error handlers: malformed JSON, query strings and paths get the standard body.
pub mod extractors {
    use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
    use actix_web::{HttpRequest, web};

    use super::ApiError;

    /// JSON bodies: 413 when too large, 415 when not JSON, 400 otherwise.
    pub fn json_config() -> web::JsonConfig {
        web::JsonConfig::default()
            .limit(256 * 1024)
            .error_handler(|err, _req: &HttpRequest| {
                let api = match &err {
                    JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                        ApiError::PayloadTooLarge
                    }
                    JsonPayloadError::ContentType => {
                        ApiError::UnsupportedMediaType("expected Content-Type: application/json".to_owned())
                    }
                    other => ApiError::BadRequest(format!("malformed JSON body: {other}")),
                };
                api.into()
            })
    }

    /// Query strings: 400 with the parser's explanation.
    pub fn query_config() -> web::QueryConfig {
        web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req: &HttpRequest| {
            let detail = match &err {
                QueryPayloadError::Deserialize(inner) => inner.to_string(),
                other => other.to_string(),
            };
            ApiError::BadRequest(format!("invalid query string: {detail}")).into()
        })
    }

    /// Path segments: 404, since a malformed id names no resource.
    pub fn path_config() -> web::PathConfig {
        web::PathConfig::default().error_handler(|err: PathError, _req: &HttpRequest| {
            tracing::debug!(%err, "unparseable path parameter");
            ApiError::NotFound("no such resource: malformed id in path".to_owned()).into()
        })
    }
}

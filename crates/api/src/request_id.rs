//! Request ids: accepted from `X-Request-Id` (when sane) or generated, put in a tracing span so
//! every log line of the request carries it, echoed in the response header and in error bodies.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

/// Header carrying the request id in both directions.
pub const HEADER: &str = "x-request-id";

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being served, when called inside one.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

fn incoming_or_new(req: &ServiceRequest) -> String {
    req.headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)
}

/// Middleware: assigns the id, runs the request inside its span and logs the outcome.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = incoming_or_new(&req);
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.path());
    let started = Instant::now();
    let header_value = HeaderValue::from_str(&id).ok();
    REQUEST_ID
        .scope(id, async move {
            let mut response = next.call(req).await?;
            let status = response.status().as_u16();
            let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
            if status >= 500 {
                tracing::error!(status, elapsed_ms, "request failed");
            } else {
                tracing::info!(status, elapsed_ms, "request completed");
            }
            if let Some(value) = header_value {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static(HEADER), value);
            }
            Ok(response)
        })
        .instrument(span)
        .await
}

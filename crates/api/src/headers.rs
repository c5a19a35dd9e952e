//! Security headers on every response: no sniffing, no framing, no referrer (emailed links carry
//! their token in the address), HSTS when the site is public over HTTPS, and a Content Security
//! Policy — the SPA's own (set by [`crate::spa`], with the hashes of its inline scripts), the API
//! docs' (Swagger UI needs inline script and style), or nothing-at-all for API answers.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_SECURITY_POLICY, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// The policy of the SPA's pages: its own scripts (the wasm needs `wasm-unsafe-eval`) plus the
/// inline loader scripts named by hash; inline styles (Leptos sets `style` attributes); forms
/// to itself and to the payment gateways' pages (`form_origins`, the cashier's hand-off).
pub fn spa_policy(inline_script_hashes: &[String], form_origins: &[String]) -> String {
    let hashes = inline_script_hashes.iter().fold(String::new(), |mut all, h| {
        all.push_str(" '");
        all.push_str(h);
        all.push('\'');
        all
    });
    let forms = form_origins.iter().fold(String::new(), |mut all, o| {
        all.push(' ');
        all.push_str(o);
        all
    });
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'{forms}; frame-ancestors 'none'"
    )
}

const DOCS_POLICY: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// `sha256-…` sources of the inline `<script>` elements (those without `src`) of `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let body_and_rest = &after[open_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_rest.as_bytes()[..close]);
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &body_and_rest[close..];
    }
    hashes
}

/// Middleware adding the headers; a policy a handler set (the SPA's) is kept.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let https = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.secure_cookies());
    let docs = req.path().starts_with("/api/docs");
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let set = |headers: &mut actix_web::http::header::HeaderMap, name: &'static str, value: &'static str| {
        headers.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
    };
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "no-referrer");
    set(headers, "x-frame-options", "DENY");
    set(headers, "cross-origin-opener-policy", "same-origin");
    if https {
        set(headers, "strict-transport-security", HSTS);
    }
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        let policy = if docs { DOCS_POLICY } else { API_POLICY };
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<head><script type="module" src="/a.js"></script>
<script type="module">import init from '/x.js';init();</script></head>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/x.js';init();"));
        assert_eq!(hashes[0], format!("sha256-{expected}"));
        let policy = spa_policy(&hashes, &["https://openapi.alipay.com".to_owned()]);
        assert!(policy.contains(&format!("'sha256-{expected}'")));
        assert!(policy.contains("'wasm-unsafe-eval'") && policy.contains("frame-ancestors 'none'"));
        assert!(
            policy.contains("form-action 'self' https://openapi.alipay.com;"),
            "the cashier may hand off to the gateway: {policy}"
        );
    }
}

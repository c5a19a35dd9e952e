//! Serves the built SPA: files from the dist folder (hashed assets cached immutable), every other
//! non-API path gets the HTML of the bundle that renders it ([`WebBundle`]), so client-side routes
//! work on reload. A build with one bundle (`trunk build` of `index.html`) serves it for every page.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use rc_types::web::WebBundle;

use crate::error::ApiError;

/// Where the SPA lives.
#[derive(Debug, Clone)]
pub struct SpaDir(pub PathBuf);

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Trunk names hashed assets `name-<hash>.ext` (wasm: `name-<hash>_bg.wasm`), the hash being a u64
/// in hex without leading zeros: up to 16 hex digits (we require at least 8 to avoid false hits).
fn is_hashed(file_name: &str) -> bool {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// A request path as a relative file path, refusing `..` and other escapes.
fn relative_path(request_path: &str) -> Option<PathBuf> {
    let trimmed = request_path.trim_start_matches('/');
    let path = Path::new(trimmed);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| path.to_path_buf())
}

fn file_response(req: &HttpRequest, path: &Path, cache: &'static str) -> Result<HttpResponse, ApiError> {
    let file = NamedFile::open(path).map_err(|e| ApiError::Internal(format!("{}: {e}", path.display())))?;
    let mut response = file.use_etag(true).use_last_modified(true).into_response(req);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}

/// Default service: API paths get a JSON 404, files are served, other paths get their bundle's page.
pub async fn serve(req: HttpRequest, dir: Option<web::Data<SpaDir>>) -> Result<HttpResponse, ApiError> {
    let request_path = req.path();
    if request_path == "/api" || request_path.starts_with("/api/") {
        return Err(ApiError::NotFound(format!(
            "no API route {} {request_path}",
            req.method()
        )));
    }
    let Some(dir) = dir else {
        return Err(ApiError::NotFound(
            "the web app is not installed on this server".to_owned(),
        ));
    };
    if let Some(relative) = relative_path(request_path).filter(|p| !p.as_os_str().is_empty()) {
        let candidate = dir.0.join(&relative);
        if candidate.is_file() {
            if relative.extension().is_some_and(|ext| ext == "html") {
                return page_response(&req, &candidate);
            }
            let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let cache = if is_hashed(name) { IMMUTABLE } else { REVALIDATE };
            return file_response(&req, &candidate, cache);
        }
        if relative.extension().is_some() {
            return Err(ApiError::NotFound(format!("no file {request_path}")));
        }
    }
    let bundle = dir.0.join(WebBundle::for_path(request_path).index_file());
    let index = if bundle.is_file() {
        bundle
    } else {
        dir.0.join("index.html")
    };
    if !index.is_file() {
        return Err(ApiError::NotFound(
            "the web app has not been built (run `make build`)".to_owned(),
        ));
    }
    page_response(&req, &index)
}

/// An HTML page of the SPA, with the Content Security Policy that admits its inline scripts.
fn page_response(req: &HttpRequest, path: &Path) -> Result<HttpResponse, ApiError> {
    let mut response = file_response(req, path, REVALIDATE)?;
    let html =
        std::fs::read_to_string(path).map_err(|e| ApiError::Internal(format!("{}: {e}", path.display())))?;
    let gateways = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .map(|state| state.gateways.page_origins.clone())
        .unwrap_or_default();
    let policy = crate::headers::spa_policy(&crate::headers::inline_script_hashes(&html), &gateways);
    response.headers_mut().insert(
        actix_web::http::header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&policy).map_err(|e| ApiError::Internal(format!("policy header: {e}")))?,
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashes() {
        assert!(is_hashed("rc-frontend-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed("rc-frontend-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed("bulma.min-0123456789abcdef.css"));
        assert!(
            is_hashed("rc-frontend-c75cb26266de697_bg.wasm"),
            "15 digits: a leading zero dropped"
        );
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("favicon-x.ico"));
    }

    #[test]
    fn refuses_escapes() {
        assert_eq!(
            relative_path("/assets/a.css"),
            Some(PathBuf::from("assets/a.css"))
        );
        assert_eq!(relative_path("/../etc/passwd"), None);
        assert_eq!(relative_path("/a/../../b"), None);
    }
}

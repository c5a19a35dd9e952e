//! Cross-cutting API conventions: request ids, JSON 404s, error bodies.

use rc_testkit::spawn_app;
use rc_types::{ErrorBody, ErrorCode};

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let response = reqwest::get(format!("{}/api/v1/health", app.base_url))
        .await
        .unwrap();
    let id = response.headers().get("x-request-id").unwrap().to_str().unwrap();
    assert_eq!(id.len(), 36, "a generated uuid: {id}");

    let client = reqwest::Client::new();
    let response = client
        .get(format!("{}/api/v1/solutions/404404", app.base_url))
        .header("x-request-id", "trace-abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "trace-abc-123");
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.request_id.as_deref(), Some("trace-abc-123"));

    let response = client
        .get(format!("{}/api/v1/health", app.base_url))
        .header("x-request-id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    assert_ne!(response.headers()["x-request-id"], "bad id with spaces");
}

#[tokio::test]
async fn unknown_api_routes_are_json_404s() {
    let app = spawn_app().await;
    for path in ["/api/v1/nope", "/api", "/api/v2/solutions"] {
        let response = reqwest::get(format!("{}{path}", app.base_url)).await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::NotFound);
        assert!(body.message.contains(path), "{}", body.message);
    }
}

#[tokio::test]
async fn swagger_ui_and_spec_are_served_locally() {
    let app = spawn_app().await;
    let page = reqwest::get(format!("{}/api/docs/", app.base_url)).await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"));
    assert!(!html.contains("https://"), "no external assets");
    let spec: serde_json::Value = reqwest::get(format!("{}/api/v1/openapi.json", app.base_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spec["paths"]["/api/v1/solutions"]["get"].is_object());
    let redirect = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/api/docs", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(redirect.status(), 308);
}

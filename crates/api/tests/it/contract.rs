//! The wire contract pinned by snapshots (`snapshots/it__contract__*.snap`): representative responses
//! of the storefront, the personal centre, the console and the error bodies, as raw JSON on the demo
//! data, equal on SQLite and PostgreSQL. A refactor that changes a field, a name, an order or a status
//! fails here; a deliberate change updates the snapshot in the same commit (`INSTA_UPDATE=always`).
//! Values that differ per run (times, tokens, request ids, generated numbers) are redacted.

use insta::assert_json_snapshot;
use rc_testkit::TestApp;
use serde_json::{Value, json};

use crate::fixtures::{DISTRIBUTOR, OPERATOR, demo};

/// Status and JSON body of a request, with the bearer token of `as_user` (a demo email) if any.
async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    as_user: Option<&str>,
    body: Option<Value>,
) -> Value {
    let mut request = reqwest::Client::new().request(method, format!("{}{path}", app.base_url));
    if let Some(email) = as_user {
        let token = app.login_demo(email).await.access_token().expect("signed in");
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("server answers");
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("a JSON body");
    json!({ "status": status, "body": body })
}

/// Redacts what differs per run: times and request ids (ids and numbers are the seed's own).
fn redacted() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    for field in [
        "created_at",
        "updated_at",
        "published_at",
        "last_login_at",
        "reviewed_at",
        "request_id",
    ] {
        settings.add_redaction(&format!(".**.{field}"), format!("[{field}]"));
    }
    settings
}

async fn get(app: &TestApp, path: &str, as_user: Option<&str>) -> Value {
    call(app, reqwest::Method::GET, path, as_user, None).await
}

#[tokio::test]
async fn storefront_responses_keep_their_shape() {
    let _redacted = redacted().bind_to_scope();
    let app = demo().await;
    assert_json_snapshot!("home", get(&app, "/api/v1/storefront/home", None).await);
    assert_json_snapshot!(
        "solutions_page",
        get(&app, "/api/v1/solutions?per_page=3&page=2", None).await
    );
    let first = get(&app, "/api/v1/solutions?per_page=1", None).await;
    let id = first["body"]["items"][0]["id"].clone();
    assert_json_snapshot!(
        "solution_detail",
        get(&app, &format!("/api/v1/solutions/{id}"), None).await
    );
    assert_json_snapshot!(
        "search",
        get(&app, "/api/v1/search?q=%E5%A4%87%E4%BB%BD&per_page=3", None).await
    );
    assert_json_snapshot!("help", get(&app, "/api/v1/help", None).await);
}

#[tokio::test]
async fn account_and_console_responses_keep_their_shape() {
    let _redacted = redacted().bind_to_scope();
    let app = demo().await;
    let profile = get(&app, "/api/v1/me", Some(DISTRIBUTOR)).await;
    assert_json_snapshot!("profile", &profile);
    let company = profile["body"]["company"]["id"].clone();
    assert_json_snapshot!(
        "company_users",
        get(
            &app,
            &format!("/api/v1/companies/{company}/users"),
            Some(DISTRIBUTOR)
        )
        .await
    );
    assert_json_snapshot!(
        "customers",
        get(&app, "/api/v1/customers?per_page=3", Some(DISTRIBUTOR)).await
    );
    assert_json_snapshot!(
        "admin_companies",
        get(&app, "/api/v1/admin/companies?per_page=3", Some(OPERATOR)).await
    );
    assert_json_snapshot!(
        "admin_solutions",
        get(&app, "/api/v1/admin/solutions?per_page=2", Some(OPERATOR)).await
    );
}

#[tokio::test]
async fn error_bodies_keep_their_shape() {
    let _redacted = redacted().bind_to_scope();
    let app = demo().await;
    assert_json_snapshot!("not_found", get(&app, "/api/v1/solutions/404404", None).await);
    assert_json_snapshot!("unauthenticated", get(&app, "/api/v1/me", None).await);
    assert_json_snapshot!(
        "forbidden",
        get(&app, "/api/v1/admin/companies", Some(DISTRIBUTOR)).await
    );
    let invalid =
        json!({ "name": "", "company_name": "x", "email": "not an email", "phone": "12", "address": "" });
    assert_json_snapshot!(
        "validation_failed",
        call(
            &app,
            reqwest::Method::POST,
            "/api/v1/customers",
            Some(DISTRIBUTOR),
            Some(invalid)
        )
        .await
    );
    assert_json_snapshot!(
        "bad_query",
        get(&app, "/api/v1/solutions?per_page=1000", None).await
    );
}

//! The edge's order: who may call a route is decided before what they sent is checked. A caller
//! without the right gets 403 (anonymous: 401) even for a body or query that breaks its rules;
//! only a caller with the right learns the 422.

use rc_testkit::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::fixtures::{ACCOUNT_MANAGER, DISTRIBUTOR, OPERATOR, demo};

/// A distributor's member (销售小王): signed in, but may not manage the company's users.
const MEMBER: &str = "sales@bluecloud-d.example";

/// The status of `method path` with `body`, sent with `token` as the bearer if any.
async fn status(
    app: &TestApp,
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> StatusCode {
    let mut request = reqwest::Client::new().request(method, format!("{}/api/v1{path}", app.base_url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.expect("server answers").status()
}

async fn token(app: &TestApp, email: &str) -> String {
    app.login_demo(email).await.access_token().expect("signed in")
}

/// A solution that parses but breaks its rules (blank name, vendor, summary and region).
fn invalid_solution() -> Value {
    json!({
        "name": " ", "vendor": "", "summary": "", "description": "", "features": [],
        "category": "cloud_apps", "region": "", "plans": []
    })
}

#[tokio::test]
async fn rights_are_checked_before_the_body_and_the_query() {
    let app = demo().await;
    let operator = token(&app, OPERATOR).await;
    let manager = token(&app, ACCOUNT_MANAGER).await;
    let distributor = token(&app, DISTRIBUTOR).await;
    let member = token(&app, MEMBER).await;
    let profile: Value = reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.base_url))
        .bearer_auth(&distributor)
        .send()
        .await
        .expect("server answers")
        .json()
        .await
        .expect("a profile");
    let company = profile["company"]["id"].as_i64().expect("a partner");

    let invite = format!("/companies/{company}/users");
    let cases: [(Method, &str, Option<Value>, &str, &str); 8] = [
        // (method, path, invalid body, who lacks the right, who has it)
        (
            Method::POST,
            "/admin/solutions",
            Some(invalid_solution()),
            &manager,
            &operator,
        ),
        (
            Method::PUT,
            "/admin/solutions/1",
            Some(invalid_solution()),
            &distributor,
            &operator,
        ),
        (
            Method::POST,
            "/admin/banners",
            Some(json!({ "title": "", "link": "not a url", "state": "draft" })),
            &manager,
            &operator,
        ),
        (
            Method::PUT,
            "/admin/settings/contact",
            Some(json!({ "name": "", "phone": "x", "email": "x", "response_time": "" })),
            &manager,
            &operator,
        ),
        (
            Method::POST,
            "/admin/tickets/1/messages",
            Some(json!({ "body": " ", "internal": false })),
            &distributor,
            &operator,
        ),
        (
            Method::GET,
            "/admin/tickets?per_page=0",
            None,
            &distributor,
            &operator,
        ),
        (
            Method::POST,
            "/customers",
            Some(json!({ "name": "", "email": "no", "company_name": "", "phone": "1" })),
            &operator,
            &distributor,
        ),
        (
            Method::POST,
            &invite,
            Some(json!({ "email": "not an email" })),
            &member,
            &distributor,
        ),
    ];
    for (method, path, body, lacking, holding) in &cases {
        let body = body.as_ref();
        assert_eq!(
            status(&app, None, method.clone(), path, body).await,
            StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}"
        );
        assert_eq!(
            status(&app, Some(lacking), method.clone(), path, body).await,
            StatusCode::FORBIDDEN,
            "{method} {path} without the right"
        );
        assert_eq!(
            status(&app, Some(holding), method.clone(), path, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{method} {path} with the right: the input is invalid"
        );
    }
}

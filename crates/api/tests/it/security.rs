//! Issue 10's fixes, each tried as an attacker would: links in the operator's mailbox, refresh
//! races, stale reset links, security headers, download names.

use crate::fixtures::{ACCOUNT_MANAGER, OPERATOR};
use base64::Engine as _;
use diesel::prelude::*;
use rc_testkit::{DEMO_PASSWORD, login_request, spawn_app};
use rc_types::PageQuery;
use rc_types::auth::{ChangePassword, CompleteLink};
use sha2::Digest as _;

#[tokio::test]
async fn no_staff_role_reads_another_persons_link() {
    let app = spawn_app().await;
    app.seed_accounts();
    // An account manager asks for a reset of the operator admin's password…
    app.anonymous().request_password_reset(OPERATOR).await.unwrap();
    let delivered = app.smtp.wait_for(OPERATOR, 0).await;
    let link = delivered
        .link("/reset-password?token=")
        .expect("the recipient gets the link");
    let token = link.split("token=").nth(1).unwrap().to_owned();

    // …and reads the mailbox: the mail is listed, its link is not.
    for reader in [ACCOUNT_MANAGER, OPERATOR] {
        let staff = app.login_demo(reader).await;
        let mail = staff.list_mail(PageQuery::default()).await.unwrap();
        let reset = mail
            .items
            .iter()
            .find(|m| m.recipient == OPERATOR)
            .expect("listed");
        assert!(reset.link_hidden, "{reader}");
        assert!(
            !reset.body_text.contains(&token),
            "{reader} must not see the token"
        );
        assert!(
            !reset.body_text.contains("token="),
            "{reader}: {}",
            reset.body_text
        );
    }
    // Nothing in the database holds the link in clear either.
    let bodies: Vec<String> = app.with_conn(|conn| {
        rc_store::schema::outbox::table
            .select(rc_store::schema::outbox::body_text)
            .load(conn)
            .unwrap()
    });
    assert!(bodies.iter().all(|b| !b.contains(&token)));
    // The recipient's link works.
    app.anonymous()
        .complete_link(&CompleteLink {
            token,
            password: "Harbour-Lantern-Seven-2".into(),
            name: None,
            phone: None,
        })
        .await
        .unwrap();
    app.login(OPERATOR, "Harbour-Lantern-Seven-2").await;
}

#[tokio::test]
async fn two_tabs_refreshing_at_once_keep_the_session() {
    let app = spawn_app().await;
    app.seed_accounts();
    let client = app.anonymous();
    let request = login_request(&client, "an@bluecloud-d.example", DEMO_PASSWORD).await;
    let (_, cookie) = client.create_session_with_cookie(&request).await.unwrap();
    let cookie = cookie.unwrap();
    let (tab_a, tab_b) = (app.anonymous(), app.anonymous());
    let (a, b) = tokio::join!(
        tab_a.refresh_token_with_cookie(&cookie),
        tab_b.refresh_token_with_cookie(&cookie)
    );
    let (a, b) = (a.expect("first tab"), b.expect("second tab"));
    assert_eq!(a.1, b.1, "both tabs hold the same new refresh token");
    assert!(tab_a.get_profile().await.is_ok() && tab_b.get_profile().await.is_ok());
    // The session goes on with that token…
    let (_, next) = tab_a.refresh_token_with_cookie(&a.1.unwrap()).await.unwrap();
    assert!(next.is_some());
    // …and the first token, replayed once its successor was used, ends the session.
    assert_eq!(
        app.anonymous()
            .refresh_token_with_cookie(&cookie)
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    assert_eq!(tab_a.get_profile().await.unwrap_err().status(), Some(401));
}

#[tokio::test]
async fn a_password_change_retires_outstanding_reset_links() {
    let app = spawn_app().await;
    app.seed_accounts();
    let user = app.login_demo("gai.yun@bluecloud-d.example").await;
    app.anonymous()
        .request_password_reset("gai.yun@bluecloud-d.example")
        .await
        .unwrap();
    let link = app
        .smtp
        .wait_for("gai.yun@bluecloud-d.example", 0)
        .await
        .link("/reset-password?token=")
        .unwrap();
    user.change_password(&ChangePassword {
        current_password: DEMO_PASSWORD.into(),
        new_password: "Quiet-River-Stone-9".into(),
    })
    .await
    .unwrap();
    let stale = app
        .anonymous()
        .complete_link(&CompleteLink {
            token: link.split("token=").nth(1).unwrap().into(),
            password: "Attacker-Chosen-Pass-1".into(),
            name: None,
            phone: None,
        })
        .await
        .unwrap_err();
    assert_eq!(stale.status(), Some(422));
    app.login("gai.yun@bluecloud-d.example", "Quiet-River-Stone-9")
        .await;
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let script = "import init from '/app.js';init();";
    std::fs::write(
        dir.path().join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{script}</script></head></html>"),
    )
    .unwrap();
    let app = rc_testkit::spawn_app_with_spa(dir.path().to_path_buf()).await;
    let http = reqwest::Client::new();
    let api = http
        .get(format!("{}/api/v1/health", app.base_url))
        .send()
        .await
        .unwrap();
    let header =
        |r: &reqwest::Response, name: &str| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(header(&api, "x-content-type-options").as_deref(), Some("nosniff"));
    assert_eq!(header(&api, "referrer-policy").as_deref(), Some("no-referrer"));
    assert_eq!(header(&api, "x-frame-options").as_deref(), Some("DENY"));
    assert!(
        header(&api, "content-security-policy")
            .unwrap()
            .starts_with("default-src 'none'")
    );
    assert_eq!(
        header(&api, "strict-transport-security"),
        None,
        "plain http: no HSTS"
    );

    let page = http
        .get(format!("{}/reset-password?token=x", app.base_url))
        .send()
        .await
        .unwrap();
    let policy = header(&page, "content-security-policy").unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
    assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
    assert!(policy.contains("'wasm-unsafe-eval'") && policy.contains("frame-ancestors 'none'"));
    assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
    assert_eq!(header(&page, "referrer-policy").as_deref(), Some("no-referrer"));
}

#[tokio::test]
async fn downloads_keep_non_ascii_names() {
    let app = spawn_app().await;
    app.seed_accounts();
    let form = crate::accounts::form(&app, "下载测试公司", "dl@test.example").await;
    app.anonymous()
        .create_registration(&form, crate::accounts::license_files())
        .await
        .unwrap();
    let company_id = crate::accounts::pending_company(&app, "dl@test.example").await;
    let operator = app.login_demo(OPERATOR).await;
    let files = operator.list_company_files(company_id).await.unwrap();
    let response = reqwest::Client::new()
        .get(format!("{}/api/v1/files/{}", app.base_url, files[0].id))
        .bearer_auth(operator.access_token().unwrap())
        .send()
        .await
        .unwrap();
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.contains("filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.png"),
        "{disposition}"
    );
}

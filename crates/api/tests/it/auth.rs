//! Login with the slider, refresh rotation and reuse detection, logout, disabling, password reset.

use rc_testkit::{DEMO_PASSWORD, human_drag, login_request, spawn_app};
use rc_types::auth::{CompleteLink, LoginRequest, SliderPoint, SliderProof};

#[tokio::test]
async fn the_slider_is_required_and_single_use() {
    let app = spawn_app().await;
    app.seed_accounts();
    let client = app.anonymous();
    let skipped = LoginRequest {
        email: "an@bluecloud-d.example".into(),
        password: DEMO_PASSWORD.into(),
        slider: SliderProof::default(),
    };
    let err = client.create_session(&skipped).await.unwrap_err();
    assert_eq!(
        (err.status(), err.body().unwrap().fields[0].field.as_str()),
        (Some(422), "slider")
    );

    let challenge = client.create_challenge().await.unwrap();
    let instant = LoginRequest {
        slider: SliderProof {
            challenge_id: challenge.id.clone(),
            trace: vec![SliderPoint { x: 0.0, t: 0 }, SliderPoint { x: 1.0, t: 1 }],
        },
        ..skipped.clone()
    };
    assert_eq!(
        client.create_session(&instant).await.unwrap_err().status(),
        Some(422)
    );
    let replay = LoginRequest {
        slider: SliderProof {
            challenge_id: challenge.id,
            trace: human_drag(),
        },
        ..skipped
    };
    let err = client.create_session(&replay).await.unwrap_err();
    assert_eq!(
        err.body().unwrap().fields[0].code,
        "expired",
        "a challenge works once"
    );

    let ok = login_request(&client, "an@bluecloud-d.example", DEMO_PASSWORD).await;
    assert!(client.create_session(&ok).await.is_ok());
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    app.seed_accounts();
    let client = app.anonymous();
    let wrong = client
        .create_session(&login_request(&client, "an@bluecloud-d.example", "wrong-password").await)
        .await
        .unwrap_err();
    let unknown = client
        .create_session(&login_request(&client, "nobody@nowhere.example", "wrong-password").await)
        .await
        .unwrap_err();
    assert_eq!(wrong.status(), Some(401));
    assert_eq!(wrong.body().unwrap().message, unknown.body().unwrap().message);
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = spawn_app().await;
    app.seed_accounts();
    let client = app.anonymous();
    let request = login_request(&client, "an@bluecloud-d.example", DEMO_PASSWORD).await;
    let (first, cookie) = client.create_session_with_cookie(&request).await.unwrap();
    let cookie = cookie.expect("refresh cookie set");
    assert_eq!(first.token_type, "Bearer");
    assert!(first.expires_in <= 15 * 60);

    let (second, rotated) = client.refresh_token_with_cookie(&cookie).await.unwrap();
    let rotated = rotated.expect("rotated cookie");
    assert_ne!(rotated, cookie);
    assert!(client.get_profile().await.is_ok(), "new access token works");
    let _ = second;

    // The session goes on with the new token; then the old one comes back (a replay, not a
    // second tab: its successor is spent): the whole session ends, newest tokens included.
    let (_, newest) = client.refresh_token_with_cookie(&rotated).await.unwrap();
    let newest = newest.expect("rotated again");
    assert_eq!(
        client
            .refresh_token_with_cookie(&cookie)
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    assert_eq!(
        client
            .refresh_token_with_cookie(&newest)
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    assert_eq!(
        client.get_profile().await.unwrap_err().status(),
        Some(401),
        "access token of the revoked session"
    );
}

#[tokio::test]
async fn logout_and_disabling_end_sessions_at_once() {
    let app = spawn_app().await;
    app.seed_accounts();
    let member = app.login_demo("sales@bluecloud-d.example").await;
    assert!(member.get_profile().await.is_ok());
    member.end_session().await.unwrap();
    let token_after_logout = app.login_demo("sales@bluecloud-d.example").await;
    let stale = token_after_logout.access_token().unwrap();

    let admin = app.login_demo("an@bluecloud-d.example").await;
    let company = admin.get_profile().await.unwrap().company.unwrap().id;
    let users = admin.list_company_users(company).await.unwrap();
    let sales = users
        .iter()
        .find(|u| u.email == "sales@bluecloud-d.example")
        .unwrap();
    admin.disable_user(sales.id).await.unwrap();

    let after = app.anonymous();
    after.set_access_token(Some(stale));
    assert_eq!(
        after.get_profile().await.unwrap_err().status(),
        Some(401),
        "a disabled user's token stops working"
    );
    let relogin = after
        .create_session(&login_request(&after, "sales@bluecloud-d.example", DEMO_PASSWORD).await)
        .await;
    assert_eq!(relogin.unwrap_err().status(), Some(401));

    admin.enable_user(sales.id).await.unwrap();
    app.login_demo("sales@bluecloud-d.example").await;

    // Disabling the company locks out all of its users.
    let reseller_admin = app.login_demo("admin@heenor.example").await;
    let heenor = reseller_admin.get_profile().await.unwrap().company.unwrap().id;
    admin.disable_company(heenor).await.unwrap();
    assert_eq!(
        reseller_admin.get_profile().await.unwrap_err().status(),
        Some(401)
    );
}

#[tokio::test]
async fn password_reset_by_mail() {
    let app = spawn_app().await;
    app.seed_accounts();
    let visitor = app.anonymous();
    let old_session = app.login_demo("gai.yun@bluecloud-d.example").await;
    visitor
        .request_password_reset("gai.yun@bluecloud-d.example")
        .await
        .unwrap();
    visitor
        .request_password_reset("nobody@nowhere.example")
        .await
        .unwrap();
    let mail = app.smtp.wait_for("gai.yun@bluecloud-d.example", 0).await;
    let link = mail.link("/reset-password?token=").unwrap();
    let token = link.split("token=").nth(1).unwrap();
    visitor
        .complete_link(&CompleteLink {
            token: token.into(),
            password: "Fresh-Meadow-Lake-5".into(),
            name: None,
            phone: None,
        })
        .await
        .unwrap();
    assert_eq!(
        old_session.get_profile().await.unwrap_err().status(),
        Some(401),
        "reset ends old sessions"
    );
    app.login("gai.yun@bluecloud-d.example", "Fresh-Meadow-Lake-5")
        .await;
    assert_eq!(app.smtp.all().await.len(), 1, "no mail for unknown accounts");
}

#[tokio::test]
async fn login_attempts_and_forms_are_rate_limited() {
    let app = rc_testkit::spawn_app_with_limits(rc_api::limits::Limits::with(100, 2, 3)).await;
    app.seed_accounts();
    let client = app.anonymous();
    for _ in 0..2 {
        let wrong = client
            .create_session(&login_request(&client, "an@bluecloud-d.example", "wrong-password").await)
            .await;
        assert_eq!(wrong.unwrap_err().status(), Some(401));
    }
    let limited = client
        .create_session(&login_request(&client, "an@bluecloud-d.example", DEMO_PASSWORD).await)
        .await
        .unwrap_err();
    assert_eq!(
        (limited.status(), limited.body().unwrap().code),
        (Some(429), rc_types::ErrorCode::RateLimited)
    );
    assert!(
        limited.retry_after().is_some_and(|seconds| seconds >= 1),
        "the client reads Retry-After"
    );
    // Another account from the same address is not locked out.
    assert!(
        client
            .create_session(&login_request(&client, "gai.yun@bluecloud-d.example", DEMO_PASSWORD).await)
            .await
            .is_ok()
    );

    let raw = reqwest::Client::new();
    let mut last = None;
    for _ in 0..4 {
        last = Some(
            raw.post(format!("{}/api/v1/auth/password-reset-requests", app.base_url))
                .json(&serde_json::json!({ "email": "someone@x.example" }))
                .send()
                .await
                .unwrap(),
        );
    }
    let last = last.unwrap();
    assert_eq!(last.status(), 429);
    assert!(
        last.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
}

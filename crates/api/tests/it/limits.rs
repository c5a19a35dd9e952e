//! Rate limits as an attacker meets them: per visitor behind a proxy and across servers, login
//! delays per account, bodies refused before they are read, mail relay and mailbox floods.

use rc_api::limits::{Counters, Limits, TrustedProxies};
use rc_testkit::{DEMO_PASSWORD, TestApp, login_request, spawn_app, spawn_app_with_limits};
use rc_types::tickets::{ConsultInput, ServiceType, SupportCategory};
use std::time::Duration;

fn redis_url() -> String {
    std::env::var("RC_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned())
}

/// Limits counted in the test Redis under a prefix of their own, trusting the loopback proxy.
fn shared_limits(prefix: &str, login_account: u32, forms: u32) -> Limits {
    Limits::with(1_000, login_account, forms)
        .counted_in(Counters::redis(&redis_url(), prefix).expect("redis url"))
        .behind(TrustedProxies::parse(&["127.0.0.1".to_owned()]).unwrap())
}

async fn reset_request(app: &TestApp, forwarded_for: &str) -> reqwest::StatusCode {
    reqwest::Client::new()
        .post(format!("{}/api/v1/auth/password-reset-requests", app.base_url))
        .header("x-forwarded-for", forwarded_for)
        .json(&serde_json::json!({ "email": "someone@x.example" }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn form_limits_hold_per_visitor_behind_a_proxy_and_across_servers() {
    let prefix = format!("rc-it-{}", uuid::Uuid::new_v4().simple());
    let first = spawn_app_with_limits(shared_limits(&prefix, 1_000, 3)).await;
    let second = spawn_app_with_limits(shared_limits(&prefix, 1_000, 3)).await;
    // One visitor alternates between two servers: three in all, not three each.
    let mut statuses = Vec::new();
    for round in 0..4 {
        let app = if round % 2 == 0 { &first } else { &second };
        statuses.push(reset_request(app, "6.6.6.6, 203.0.113.7").await.as_u16());
    }
    assert_eq!(statuses, [202, 202, 202, 429]);
    // Everybody else behind the same proxy is not blocked by them.
    assert_eq!(reset_request(&second, "203.0.113.8").await.as_u16(), 202);
    // A forged left-most entry changes nothing: the proxy's own entry names the visitor.
    assert_eq!(
        reset_request(&first, "198.51.100.1, 203.0.113.7").await.as_u16(),
        429
    );
}

#[tokio::test]
async fn failed_logins_slow_the_account_everywhere_but_its_owners_address() {
    let prefix = format!("rc-it-{}", uuid::Uuid::new_v4().simple());
    let app = spawn_app_with_limits(shared_limits(&prefix, 1_000, 1_000)).await;
    app.seed_accounts();
    let login = |from: &'static str, password: &'static str| {
        let client = app.anonymous();
        async move {
            let request = login_request(&client, "an@bluecloud-d.example", password).await;
            reqwest::Client::new()
                .post(format!("{}/api/v1/auth/login", client.base_url()))
                .header("x-forwarded-for", from)
                .json(&request)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        login("203.0.113.50", DEMO_PASSWORD).await.status(),
        200,
        "the owner signs in"
    );
    // An attacker rotates addresses: the five free failures are each counted for the account.
    for from in [
        "198.51.100.1",
        "198.51.100.2",
        "198.51.100.3",
        "198.51.100.4",
        "198.51.100.5",
    ] {
        assert_eq!(login(from, "wrong-password").await.status(), 401);
    }
    let run = format!("{prefix}:login-attempts:an@bluecloud-d.example");
    let mut redis = redis::Client::open(redis_url().as_str())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let counted: u64 = redis::cmd("HGET")
        .arg(&run)
        .arg("n")
        .query_async(&mut redis)
        .await
        .unwrap();
    assert_eq!(counted, 5, "every attempt of the run is counted, on every server");

    // Deep into a run (the times are set, so the test doesn't race the clock): a new address
    // waits, right password or not…
    let now_ms = u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap();
    let set_run = |n: u64, last_ms: u64| {
        let mut redis = redis.clone();
        let run = run.clone();
        async move {
            let () = redis::cmd("HSET")
                .arg(&run)
                .arg("n")
                .arg(n)
                .arg("last")
                .arg(last_ms)
                .query_async(&mut redis)
                .await
                .unwrap();
        }
    };
    set_run(10, now_ms).await;
    let slowed = login("198.51.100.6", DEMO_PASSWORD).await;
    assert_eq!(slowed.status(), 429, "a new address waits, right password or not");
    let wait: u64 = slowed.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((20..=32).contains(&wait), "{wait}");
    // …and guesses fired in parallel once the wait is over are let in one at a time: the first
    // starts a 32 s wait for the rest.
    set_run(9, now_ms - 20_000).await;
    let guesses = futures_util::future::join_all(
        [
            "192.0.2.1",
            "192.0.2.2",
            "192.0.2.3",
            "192.0.2.4",
            "192.0.2.5",
            "192.0.2.6",
        ]
        .map(|from| login(from, "wrong-password")),
    )
    .await;
    let admitted = guesses.iter().filter(|r| r.status() == 401).count();
    let refused = guesses.iter().filter(|r| r.status() == 429).count();
    assert_eq!((admitted, refused), (1, 5));
    // The real user, from the address they used before, is not locked out.
    assert_eq!(login("203.0.113.50", DEMO_PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn anonymous_forms_are_refused_before_their_body_is_read() {
    let app = spawn_app_with_limits(Limits::with(1_000, 1_000, 1)).await;
    assert_eq!(
        reset_request(&app, "").await.as_u16(),
        202,
        "the one allowed form"
    );
    // A 50 MB upload that never finishes: the 429 comes back without waiting for the body.
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
    sender.send(Ok(vec![b'-'; 1024])).await.unwrap();
    let body = reqwest::Body::wrap_stream(tokio_stream_of(receiver));
    let answer = tokio::time::timeout(
        Duration::from_secs(10),
        reqwest::Client::new()
            .post(format!("{}/api/v1/registrations", app.base_url))
            .header("content-type", "multipart/form-data; boundary=x")
            .header("content-length", "52428800")
            .body(body)
            .send(),
    )
    .await
    .expect("answered before the body arrived")
    .unwrap();
    assert_eq!(answer.status(), 429);
    drop(sender);
}

/// The receiving end of a channel as a byte stream.
fn tokio_stream_of(
    mut receiver: tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx))
}

fn consult_from(email: &str) -> ConsultInput {
    ConsultInput {
        solution_id: None,
        service_type: ServiceType::PreSales,
        support_category: SupportCategory::Pricing,
        topic: "CHEAP PILLS visit spam.example".into(),
        details: "Click spam.example now".into(),
        name: "访客".into(),
        phone: "13900001111".into(),
        email: email.into(),
        company: "某公司".into(),
    }
}

#[tokio::test]
async fn the_consult_form_relays_no_text_to_a_strangers_address() {
    let app = spawn_app().await;
    app.seed_accounts();
    let receipt = app
        .anonymous()
        .create_consult(&consult_from("victim@elsewhere.example"), None)
        .await
        .unwrap();
    let ack = app.smtp.wait_for("victim@elsewhere.example", 0).await;
    assert!(ack.body.contains(&receipt.number));
    for text in [&ack.subject, &ack.body] {
        assert!(
            !text.contains("spam.example") && !text.contains("PILLS"),
            "{text}"
        );
    }
    // A signed-in user writing from their own, verified address gets their topic back.
    let member = app.login_demo("sales@bluecloud-d.example").await;
    member
        .create_consult(&consult_from("sales@bluecloud-d.example"), None)
        .await
        .unwrap();
    let own = app.smtp.wait_for("sales@bluecloud-d.example", 0).await;
    assert!(own.body.contains("CHEAP PILLS"), "{}", own.body);
}

#[tokio::test]
async fn reset_requests_from_anywhere_cannot_flood_one_mailbox() {
    let app = spawn_app().await;
    app.seed_accounts();
    for _ in 0..5 {
        app.anonymous()
            .request_password_reset("gai.yun@bluecloud-d.example")
            .await
            .unwrap();
    }
    app.smtp.wait_for("gai.yun@bluecloud-d.example", 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = app.smtp.all().await;
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.recipients.iter().any(|r| r == "gai.yun@bluecloud-d.example"))
            .count(),
        3
    );
}

//! Issue 10's fixes, each tried as an attacker would: links in the operator's mailbox, rate
//! limits behind a proxy and across servers, bodies before limits, mail relay, refresh races,
//! operator locks, admin transfers racing, stale reset links, security headers, download names.

use std::time::Duration;

use base64::Engine as _;
use diesel::prelude::*;
use rc_api::limits::{Counters, Limits, TrustedProxies};
use rc_testkit::{DEMO_PASSWORD, TestApp, login_request, spawn_app, spawn_app_with_limits};
use rc_types::PageQuery;
use rc_types::accounts::CompanyInput;
use rc_types::auth::{ChangePassword, CompleteLink};
use rc_types::tickets::{ConsultInput, ServiceType, SupportCategory};
use sha2::Digest as _;

const OPERATOR: &str = "admin@bluecloud.example";
const ACCOUNT_MANAGER: &str = "zhao.yikang@bluecloud.example";

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
async fn two_tabs_refreshing_at_once_keep_the_session() {
    let app = spawn_app().await;
    app.seed_accounts();
    let client = app.anonymous();
    let request = login_request(&client, "an@bluecloud-d.example", DEMO_PASSWORD).await;
    let (_, cookie) = client.login_with_cookie(&request).await.unwrap();
    let cookie = cookie.unwrap();
    let (tab_a, tab_b) = (app.anonymous(), app.anonymous());
    let (a, b) = tokio::join!(
        tab_a.refresh_with_cookie(&cookie),
        tab_b.refresh_with_cookie(&cookie)
    );
    let (a, b) = (a.expect("first tab"), b.expect("second tab"));
    assert_eq!(a.1, b.1, "both tabs hold the same new refresh token");
    assert!(tab_a.get_profile().await.is_ok() && tab_b.get_profile().await.is_ok());
    // The session goes on with that token…
    let (_, next) = tab_a.refresh_with_cookie(&a.1.unwrap()).await.unwrap();
    assert!(next.is_some());
    // …and the first token, replayed once its successor was used, ends the session.
    assert_eq!(
        app.anonymous()
            .refresh_with_cookie(&cookie)
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    assert_eq!(tab_a.get_profile().await.unwrap_err().status(), Some(401));
}

async fn company_of(app: &TestApp, email: &str) -> i64 {
    app.login_demo(email)
        .await
        .get_profile()
        .await
        .unwrap()
        .company
        .unwrap()
        .id
}

fn audit_actions(app: &TestApp, kind: &str, id: i64) -> Vec<(Option<i64>, String)> {
    use rc_store::schema::audit_log::dsl as a;
    app.with_conn(|conn| {
        a::audit_log
            .filter(a::target_kind.eq(kind))
            .filter(a::target_id.eq(id))
            .order(a::id.asc())
            .select((a::actor_id, a::action))
            .load(conn)
            .unwrap()
    })
}

#[tokio::test]
async fn operator_decisions_stick_and_every_change_is_recorded() {
    let app = spawn_app().await;
    app.seed_accounts();
    let operator = app.login_demo(OPERATOR).await;
    let distributor = app.login_demo("an@bluecloud-d.example").await;
    let heenor = company_of(&app, "admin@heenor.example").await;

    let disabled = operator.set_company_enabled(heenor, false).await.unwrap();
    assert!(disabled.locked_by_operator);
    let refused = distributor.set_company_enabled(heenor, true).await.unwrap_err();
    assert_eq!(refused.status(), Some(409));
    assert!(refused.body().unwrap().message.contains("operator"));
    let enabled = operator.set_company_enabled(heenor, true).await.unwrap();
    assert!(!enabled.locked_by_operator);
    // The partner's own disable is the partner's to undo.
    distributor.set_company_enabled(heenor, false).await.unwrap();
    assert!(
        !distributor
            .set_company_enabled(heenor, true)
            .await
            .unwrap()
            .locked_by_operator
    );

    // Users too.
    let own = company_of(&app, "an@bluecloud-d.example").await;
    let sales = distributor
        .list_company_users(own)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "sales@bluecloud-d.example")
        .unwrap();
    assert!(
        operator
            .set_user_enabled(sales.id, false)
            .await
            .unwrap()
            .locked_by_operator
    );
    assert_eq!(
        distributor
            .set_user_enabled(sales.id, true)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
    assert_eq!(
        distributor.delete_user(sales.id).await.unwrap_err().status(),
        Some(409)
    );
    operator.set_user_enabled(sales.id, true).await.unwrap();

    // A reviewed company's name is the operator's: the distributor keeps its address editable.
    let mine = distributor.get_company(own).await.unwrap();
    let rename = CompanyInput {
        name: "BlueCloud_D 改名".into(),
        address: mine.address.clone(),
    };
    let err = distributor.update_company(own, &rename).await.unwrap_err();
    assert_eq!(
        (err.status(), err.body().unwrap().fields[0].field.as_str()),
        (Some(422), "name")
    );
    let moved = CompanyInput {
        name: mine.name.clone(),
        address: "北京市朝阳区建国路 1 号".into(),
    };
    assert_eq!(
        distributor.update_company(own, &moved).await.unwrap().address,
        moved.address
    );
    assert_eq!(
        operator.update_company(own, &rename).await.unwrap().name,
        rename.name
    );

    let operator_id = operator.get_profile().await.unwrap().user.id;
    let distributor_id = distributor.get_profile().await.unwrap().user.id;
    let actions = audit_actions(&app, "company", heenor);
    assert_eq!(
        actions,
        [
            (Some(operator_id), "company.disable".to_owned()),
            (Some(operator_id), "company.enable".to_owned()),
            (Some(distributor_id), "company.disable".to_owned()),
            (Some(distributor_id), "company.enable".to_owned()),
        ]
    );
    let user_actions: Vec<String> = audit_actions(&app, "user", sales.id)
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    assert_eq!(user_actions, ["user.disable", "user.enable"]);
}

#[tokio::test]
async fn concurrent_admin_transfers_leave_one_admin() {
    let app = spawn_app().await;
    app.seed_accounts();
    let admin = app.login_demo("an@bluecloud-d.example").await;
    let own = company_of(&app, "an@bluecloud-d.example").await;
    let users = admin.list_company_users(own).await.unwrap();
    let co_admin = users
        .iter()
        .find(|u| u.email == "gai.yun@bluecloud-d.example")
        .unwrap()
        .id;
    let member = users
        .iter()
        .find(|u| u.email == "sales@bluecloud-d.example")
        .unwrap()
        .id;
    let (a, b) = tokio::join!(admin.transfer_admin(co_admin), admin.transfer_admin(member));
    for outcome in [&a, &b] {
        if let Err(e) = outcome {
            assert_eq!(e.status(), Some(409), "{e}");
        }
    }
    let admins: i64 = app.with_conn(|conn| {
        use rc_store::schema::users::dsl as u;
        u::users
            .filter(u::company_id.eq(own))
            .filter(u::role.eq("company_admin"))
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(admins, 1);
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

#[tokio::test]
async fn reviews_new_resellers_and_invitations_are_audited() {
    let app = spawn_app().await;
    app.seed_accounts();
    let form = crate::accounts::form(&app, "审计测试公司", "audit@test.example").await;
    app.anonymous()
        .create_registration(&form, crate::accounts::license_files())
        .await
        .unwrap();
    let applicant = crate::accounts::pending_company(&app, "audit@test.example").await;
    let operator = app.login_demo(OPERATOR).await;
    let operator_id = operator.get_profile().await.unwrap().user.id;
    operator
        .approve_application(
            applicant,
            &rc_types::accounts::ApproveApplication {
                kind: rc_types::accounts::CompanyKind::Distributor,
                parent_id: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        audit_actions(&app, "company", applicant),
        [(Some(operator_id), "company.approve".to_owned())]
    );

    let distributor = app.login_demo("an@bluecloud-d.example").await;
    let distributor_id = distributor.get_profile().await.unwrap().user.id;
    let own = company_of(&app, "an@bluecloud-d.example").await;
    let reseller = distributor
        .create_reseller(
            own,
            &CompanyInput {
                name: "审计经销商".into(),
                address: "杭州".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        audit_actions(&app, "company", reseller.id),
        [(Some(distributor_id), "company.create".to_owned())]
    );
    let invited = distributor
        .invite_user(
            reseller.id,
            &rc_types::accounts::InviteUser {
                email: "first@audit.example".into(),
                role: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        audit_actions(&app, "user", invited.id),
        [(Some(distributor_id), "user.invite".to_owned())]
    );
}

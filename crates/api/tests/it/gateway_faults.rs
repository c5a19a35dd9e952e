//! A gateway that times out, refuses the connection or answers garbage: the refund stays
//! pending with its ledger entry and is asked again (with the same refund number) until a
//! gateway answers; the server restarting between redirect and notification loses nothing
//! (everything an attempt needs is in the database: another server, or this one restarted, takes
//! the notification and the return).

use diesel::prelude::*;
use rc_api::config::AppEnv;
use rc_api::payments::{Gateways, PaymentSettings, sandbox_ids};
use rc_domain::Fen;
use rc_store::payments::{attempts, refunds};
use rc_store::schema::{payment_events, payment_refunds};
use rc_types::orders::PaymentStatus;
use rc_types::payments::Gateway;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::fixtures::demo;
use crate::payments::{decide, keys, open_sandbox_page, order_at};

/// Alipay pointed at `url`, with the sandbox's keys (so only the transport differs).
fn alipay_at(url: &str, dir: &std::path::Path) -> Gateways {
    let keys = keys();
    let private = dir.join("app-private.pem");
    let public = dir.join("alipay-public.pem");
    std::fs::write(&private, &keys.alipay_merchant.private).unwrap();
    std::fs::write(&public, &keys.alipay_gateway.public).unwrap();
    let mut settings = PaymentSettings::unconfigured(dir.join("unused-sandbox-keys.json"));
    settings.alipay_gateway_url = Some(url.to_owned());
    settings.alipay_app_id = Some(sandbox_ids::ALIPAY_APP_ID.to_owned());
    settings.alipay_seller_id = Some(sandbox_ids::ALIPAY_SELLER_ID.to_owned());
    settings.alipay_app_private_key_file = Some(private);
    settings.alipay_public_key_file = Some(public);
    settings.gateway_timeout_secs = 1;
    Gateways::from_settings(&settings, AppEnv::Production, "http://127.0.0.1:1").unwrap()
}

/// A server that answers every request with `reply` after `delay`.
async fn answering(reply: &'static str, delay: std::time::Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/gateway.do", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buffer = [0_u8; 8192];
                let _ = socket.read(&mut buffer).await;
                tokio::time::sleep(delay).await;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{reply}",
                    reply.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    url
}

#[tokio::test]
async fn a_gateway_that_times_out_or_answers_garbage_leaves_the_refund_pending_until_one_answers() {
    let app = demo().await;
    let dir = tempfile::tempdir().unwrap();
    let (buyer, order_id, started) = order_at(&app, Gateway::Alipay, "faults").await;
    let trade_no = open_sandbox_page(&started).await;
    decide(&app, "alipay", &trade_no, "succeed").await;
    for _ in 0..100 {
        if buyer.get_order(order_id).await.unwrap().payment_status == PaymentStatus::Paid {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let attempt = app.with_conn(|conn| attempts::paying_order(conn, order_id).unwrap().unwrap());
    let faults = [
        alipay_at("http://127.0.0.1:9/gateway.do", dir.path()),
        alipay_at(&answering("garbage", std::time::Duration::ZERO).await, dir.path()),
        alipay_at(
            &answering("{}", std::time::Duration::from_secs(3)).await,
            dir.path(),
        ),
    ];
    // Each fault gets a refund of its own (¥1), asked through the faulty gateway before this
    // server's refund job (every 5 s) gets to it.
    let mut refund_ids = Vec::new();
    for faulty in &faults {
        let mut asked = 0;
        for _ in 0..3 {
            let refund = app.with_conn(|conn| {
                refunds::request(
                    conn,
                    &attempt,
                    refunds::RefundFor::Nothing,
                    Fen(100),
                    "部分退款（测试）",
                )
                .unwrap()
            });
            asked = rc_api::usecases::payments::ask_due_refunds(&app.pool, faulty)
                .await
                .unwrap();
            if asked == 1 {
                refund_ids.push(refund.id);
                break;
            }
        }
        assert_eq!(asked, 1, "the faulty gateway was asked");
    }
    let states: Vec<(String, i32)> = app.with_conn(|conn| {
        payment_refunds::table
            .filter(payment_refunds::id.eq_any(&refund_ids))
            .order(payment_refunds::id)
            .select((payment_refunds::status, payment_refunds::tries))
            .load(conn)
            .unwrap()
    });
    assert_eq!(
        states,
        vec![("pending".to_owned(), 1); 3],
        "refused connection, garbage and a timeout all leave the refund pending"
    );
    let retries: i64 = app.with_conn(|conn| {
        payment_events::table
            .filter(payment_events::kind.eq("refund"))
            .filter(payment_events::verdict.eq("retry"))
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(retries, 3, "each try is in the payments ledger");

    // The real gateway answers later: the same refund numbers are asked again and succeed.
    let mut done = Vec::new();
    for _ in 0..300 {
        done = app.with_conn(|conn| {
            payment_refunds::table
                .filter(payment_refunds::id.eq_any(&refund_ids))
                .filter(payment_refunds::status.eq("succeeded"))
                .select(payment_refunds::id)
                .load::<i64>(conn)
                .unwrap()
        });
        if done.len() == refund_ids.len() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        done.len(),
        refund_ids.len(),
        "every refund went through in the end"
    );
    assert_eq!(
        buyer.get_order(order_id).await.unwrap().payment_status,
        PaymentStatus::Paid,
        "partial refunds of the payment leave the order as it was"
    );
}

#[tokio::test]
async fn a_server_that_never_saw_the_redirect_applies_the_notification() {
    let app = demo().await;
    let (buyer, order_id, started) = order_at(&app, Gateway::Alipay, "restart").await;
    // The gateway's notification and the payer's return reach another instance (or this one
    // after a restart): everything an attempt needs is in the database.
    let other = rc_client::Client::new(&app.another_server().await);
    let keys = keys();
    let gateway_key = rc_payments::PrivateKey::parse(&keys.alipay_gateway.private).unwrap();
    let amount = Fen::from_yuan(started.attempt.amount.amount).unwrap();
    let body = crate::payments::alipay_notice(
        &started.attempt.out_trade_no,
        amount,
        sandbox_ids::ALIPAY_APP_ID,
        &gateway_key,
    );
    assert_eq!(
        other.create_payment_notification("alipay", body).await.unwrap(),
        (200, "success".to_owned())
    );
    assert_eq!(
        buyer.get_order(order_id).await.unwrap().payment_status,
        PaymentStatus::Paid
    );
    let (status, location) = other
        .get_payment_return(
            "alipay",
            &format!("out_trade_no={}", started.attempt.out_trade_no),
        )
        .await
        .unwrap();
    assert_eq!(
        (status, location),
        (303, format!("/account/orders/{order_id}/pay?returned=1"))
    );
}

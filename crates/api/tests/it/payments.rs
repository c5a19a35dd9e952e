//! Online payment: attempts at a gateway and notifications — applied once however often (and
//! however concurrently) they arrive; forged, re-signed, mismatched or unknown ones change
//! nothing and are logged; one arriving after the order was cancelled is refunded.

use chrono::Utc;
use diesel::prelude::*;
use rc_domain::Fen;
use rc_payments::params::{Params, encode_form, get};
use rc_payments::{PrivateKey, PublicKey, alipay, unionpay};
use rc_store::schema::{order_events, payment_attempts, payment_events, payment_refunds};
use rc_testkit::TestApp;
use rc_types::checkout::PaymentMethod;
use rc_types::orders::{OrderStatus, PaymentStatus};
use rc_types::payments::{CashierMethod, CashierState, Gateway, StartPayment, StartedPayment};

use crate::fixtures::{DISTRIBUTOR, demo};
use crate::orders::{agree, checkout, new_customer, priced_plan};

pub fn keys() -> rc_api::payments::sandbox_keys::SandboxKeys {
    rc_api::payments::sandbox_keys::load_or_create(
        &std::env::temp_dir().join("rc-test-sandbox-gateway-keys.json"),
    )
    .expect("sandbox keys")
}

fn fields(started: &StartedPayment) -> Params {
    started
        .form
        .fields
        .iter()
        .map(|f| (f.name.clone(), f.value.clone()))
        .collect()
}

/// Places an online order for the distributor and starts paying it at `gateway`.
pub async fn order_at(
    app: &TestApp,
    gateway: Gateway,
    tag: &str,
) -> (rc_client::Client, i64, StartedPayment) {
    let buyer = app.login_demo(DISTRIBUTOR).await;
    let plan = priced_plan(&buyer).await;
    let customer = new_customer(&buyer, tag).await;
    let input = checkout(plan.id, 1, customer, PaymentMethod::Online);
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    let started = buyer
        .create_order_payment(
            order.id,
            &StartPayment {
                gateway,
                amount: None,
            },
        )
        .await
        .unwrap();
    (buyer, order.id, started)
}

pub fn alipay_notice(out_trade_no: &str, amount: Fen, app_id: &str, key: &PrivateKey) -> String {
    encode_form(&alipay::gateway::notification(
        &alipay::gateway::Trade {
            app_id,
            seller_id: rc_api::payments::sandbox_ids::ALIPAY_SELLER_ID,
            out_trade_no,
            trade_no: &format!("T{out_trade_no}"),
            amount,
            status: "TRADE_SUCCESS",
            at: Utc::now(),
        },
        "notify-1",
        key,
    ))
}

pub async fn notify(app: &TestApp, gateway: &str, body: String) -> (u16, String) {
    app.client
        .create_payment_notification(gateway, body)
        .await
        .unwrap()
}

fn paid_events(app: &TestApp, order_id: i64) -> i64 {
    app.with_conn(|conn| {
        order_events::table
            .filter(order_events::order_id.eq(order_id))
            .filter(order_events::kind.eq("paid"))
            .count()
            .get_result(conn)
            .unwrap()
    })
}

#[tokio::test]
async fn an_alipay_notification_pays_the_order_once_and_forgeries_change_nothing() {
    let app = demo().await;
    let keys = keys();
    let (buyer, order_id, started) = order_at(&app, Gateway::Alipay, "pay").await;
    let cashier = buyer.get_order_cashier(order_id).await.unwrap();
    assert_eq!(cashier.state, CashierState::Payable);
    assert!(
        cashier.seconds_left.is_some_and(|s| s > 800 && s <= 900),
        "15 minutes to pay"
    );
    assert!(
        cashier
            .methods
            .iter()
            .any(|m| m.method == CashierMethod::Alipay && m.available)
    );
    assert_eq!(cashier.pending.as_ref().map(|a| a.id), Some(started.attempt.id));
    // The form is signed RSA2 with the merchant's key, for exactly the order's amount in yuan.
    assert!(started.form.url.ends_with("/sandbox/alipay/gateway.do"));
    let request = alipay::gateway::verify_request(
        &fields(&started),
        &PublicKey::parse(&keys.alipay_merchant.public).unwrap(),
    )
    .expect("the gateway believes the merchant's request");
    let amount = Fen::from_yuan(cashier.amount.amount).unwrap();
    assert_eq!(
        request.biz_text("total_amount").unwrap(),
        rc_payments::yuan_2dp(amount)
    );
    let out_trade_no = started.attempt.out_trade_no.clone();
    assert!(out_trade_no.len() <= 40);

    // The browser's return is a hint: it triggers a query (the payer never reached the
    // gateway's page: it knows no such trade), recorded, changing nothing; the payer lands on
    // the cashier, still payable.
    let (status, location) = app
        .client
        .get_payment_return("alipay", &format!("out_trade_no={out_trade_no}&trade_no=T1"))
        .await
        .unwrap();
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/account/orders/{order_id}/pay?returned=1").as_str())
    );
    let query: Vec<String> = app.with_conn(|conn| {
        payment_events::table
            .filter(payment_events::kind.eq("query"))
            .select(payment_events::verdict)
            .load(conn)
            .unwrap()
    });
    assert_eq!(query, vec!["unknown".to_owned()]);
    assert_eq!(
        buyer.get_order_cashier(order_id).await.unwrap().state,
        CashierState::Payable
    );

    let gateway_key = PrivateKey::parse(&keys.alipay_gateway.private).unwrap();
    let forger = PrivateKey::parse(&keys.unionpay_gateway.private).unwrap();
    let app_id = rc_api::payments::sandbox_ids::ALIPAY_APP_ID;
    // Forged (another key), re-signed with a wrong amount, another app, an unknown number:
    // refused, nothing paid, each logged and flagged.
    let refusals = [
        alipay_notice(&out_trade_no, amount, app_id, &forger),
        alipay_notice(&out_trade_no, Fen(amount.0 - 1), app_id, &gateway_key),
        alipay_notice(&out_trade_no, amount, "2026999999999999", &gateway_key),
        alipay_notice("P20990101000000000000", amount, app_id, &gateway_key),
        alipay_notice(&out_trade_no, amount, app_id, &gateway_key)
            .replace("TRADE_SUCCESS", "TRADE_SUCCESS%20"),
    ];
    for body in refusals {
        assert_eq!(notify(&app, "alipay", body).await, (200, "failure".to_owned()));
    }
    let order = buyer.get_order(order_id).await.unwrap();
    assert_eq!(order.payment_status, PaymentStatus::Unpaid);
    let flagged: i64 = app.with_conn(|conn| {
        payment_events::table
            .filter(payment_events::flagged.eq(true))
            .filter(payment_events::verdict.eq("rejected"))
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(flagged, 5);

    // The genuine one, twenty times at once: paid once, every copy acknowledged.
    let genuine = alipay_notice(&out_trade_no, amount, app_id, &gateway_key);
    let answers =
        futures_util::future::join_all((0..20).map(|_| notify(&app, "alipay", genuine.clone()))).await;
    assert!(
        answers.iter().all(|a| *a == (200, "success".to_owned())),
        "{answers:?}"
    );
    assert_eq!(notify(&app, "alipay", genuine).await, (200, "success".to_owned()));
    let order = buyer.get_order(order_id).await.unwrap();
    assert_eq!(order.status, OrderStatus::Processing);
    assert_eq!(order.payment_status, PaymentStatus::Paid);
    assert_eq!(paid_events(&app, order_id), 1);
    let verdicts: Vec<String> = app.with_conn(|conn| {
        payment_events::table
            .filter(payment_events::attempt_id.eq(started.attempt.id))
            .filter(payment_events::kind.eq("notification"))
            .filter(payment_events::flagged.eq(false))
            .select(payment_events::verdict)
            .load(conn)
            .unwrap()
    });
    assert_eq!(verdicts.iter().filter(|v| *v == "applied").count(), 1);
    assert_eq!(verdicts.iter().filter(|v| *v == "duplicate").count(), 20);
    let cashier = buyer.get_order_cashier(order_id).await.unwrap();
    assert_eq!(cashier.state, CashierState::Paid);
    assert_eq!(
        buyer
            .create_order_payment(
                order_id,
                &StartPayment {
                    gateway: Gateway::Alipay,
                    amount: None
                }
            )
            .await
            .unwrap_err()
            .status(),
        Some(409),
        "nothing left to pay"
    );
}

#[tokio::test]
async fn a_payment_after_the_cancellation_is_refunded_and_unionpay_pays_through_the_same_trait() {
    let app = demo().await;
    let keys = keys();
    let (buyer, order_id, started) = order_at(&app, Gateway::Alipay, "late").await;
    // The payer opens the gateway's page, the order is cancelled meanwhile, then they pay.
    let trade_no = open_sandbox_page(&started).await;
    buyer.cancel_order(order_id).await.unwrap();
    assert_eq!(
        buyer.get_order_cashier(order_id).await.unwrap().state,
        CashierState::Cancelled
    );
    let amount = Fen::from_yuan(started.attempt.amount.amount).unwrap();
    decide(&app, "alipay", &trade_no, "succeed").await;
    // The notification is recorded, the order stays cancelled, the money goes back through
    // the gateway (the refund job, retried until the gateway answers).
    let mut refunds: Vec<(i64, String)> = Vec::new();
    for _ in 0..100 {
        refunds = app.with_conn(|conn| {
            payment_refunds::table
                .filter(payment_refunds::attempt_id.eq(started.attempt.id))
                .select((payment_refunds::amount_fen, payment_refunds::status))
                .load(conn)
                .unwrap()
        });
        if refunds.iter().any(|(_, s)| s == "succeeded") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        refunds,
        vec![(amount.0, "succeeded".to_owned())],
        "one full refund"
    );
    let order = buyer.get_order(order_id).await.unwrap();
    assert_eq!(order.status, OrderStatus::Cancelled, "the order stays cancelled");
    let (outcome, refunded): (Option<String>, i64) = app.with_conn(|conn| {
        let outcome = payment_attempts::table
            .find(started.attempt.id)
            .select(payment_attempts::outcome)
            .first(conn)
            .unwrap();
        let refunded = rc_store::schema::sandbox_trades::table
            .filter(rc_store::schema::sandbox_trades::trade_no.eq(&trade_no))
            .select(rc_store::schema::sandbox_trades::refunded_fen)
            .first(conn)
            .unwrap();
        (outcome, refunded)
    });
    assert_eq!(outcome.as_deref(), Some("refunded"));
    assert_eq!(refunded, amount.0, "the gateway gave it back");
    // The same notification again changes nothing.
    let gateway_key = PrivateKey::parse(&keys.alipay_gateway.private).unwrap();
    let replay = alipay::gateway::Trade {
        app_id: rc_api::payments::sandbox_ids::ALIPAY_APP_ID,
        seller_id: rc_api::payments::sandbox_ids::ALIPAY_SELLER_ID,
        out_trade_no: &started.attempt.out_trade_no,
        trade_no: &trade_no,
        amount,
        status: "TRADE_SUCCESS",
        at: Utc::now(),
    };
    let body = encode_form(&alipay::gateway::notification(&replay, "n-replay", &gateway_key));
    assert_eq!(notify(&app, "alipay", body).await, (200, "success".to_owned()));
    let count: i64 = app.with_conn(|conn| {
        payment_refunds::table
            .filter(payment_refunds::attempt_id.eq(started.attempt.id))
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(count, 1);

    // UnionPay: fen amounts, its own signing, the same once-only rules.
    let (buyer, order_id, started) = order_at(&app, Gateway::Unionpay, "union").await;
    assert_eq!(started.form.method, "POST");
    let form = fields(&started);
    unionpay::gateway::verify_request(&form, &PublicKey::parse(&keys.unionpay_merchant.public).unwrap())
        .unwrap();
    let amount = Fen(get(&form, "txnAmt").unwrap().parse().unwrap());
    let body = |key: &PrivateKey| {
        encode_form(&unionpay::gateway::notification(
            &unionpay::gateway::Txn {
                mer_id: rc_api::payments::sandbox_ids::UNIONPAY_MER_ID,
                order_id: &started.attempt.out_trade_no,
                query_id: "512612031200001234567",
                txn_type: "01",
                amount,
                resp_code: "00",
                txn_time: Utc::now(),
            },
            key,
        ))
    };
    let forged = body(&PrivateKey::parse(&keys.alipay_gateway.private).unwrap());
    assert_eq!(notify(&app, "unionpay", forged).await.0, 500);
    let genuine = body(&PrivateKey::parse(&keys.unionpay_gateway.private).unwrap());
    assert_eq!(
        notify(&app, "unionpay", genuine.clone()).await,
        (200, "ok".to_owned())
    );
    assert_eq!(notify(&app, "unionpay", genuine).await, (200, "ok".to_owned()));
    assert_eq!(
        buyer.get_order(order_id).await.unwrap().payment_status,
        PaymentStatus::Paid
    );
    assert_eq!(paid_events(&app, order_id), 1);
    // UnionPay posts a refund's result to the same address: recorded and acknowledged.
    let attempt = app.with_conn(|conn| {
        rc_store::payments::attempts::paying_order(conn, order_id)
            .unwrap()
            .unwrap()
    });
    let refund = app.with_conn(|conn| {
        rc_store::payments::refunds::request(
            conn,
            &attempt,
            rc_store::payments::refunds::RefundFor::Nothing,
            Fen(100),
            "测试",
        )
        .unwrap()
    });
    let refund_notice = encode_form(&unionpay::gateway::notification(
        &unionpay::gateway::Txn {
            mer_id: rc_api::payments::sandbox_ids::UNIONPAY_MER_ID,
            order_id: &refund.refund_no,
            query_id: "512612031200009999999",
            txn_type: "04",
            amount: Fen(100),
            resp_code: "00",
            txn_time: Utc::now(),
        },
        &PrivateKey::parse(&keys.unionpay_gateway.private).unwrap(),
    ));
    assert_eq!(
        notify(&app, "unionpay", refund_notice).await,
        (200, "ok".to_owned())
    );
    let noticed: i64 = app.with_conn(|conn| {
        payment_events::table
            .filter(payment_events::verdict.eq("refund_notice"))
            .filter(payment_events::flagged.eq(false))
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(noticed, 1);
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Opens the sandbox's payer page of `started` and answers the trade it shows.
pub async fn open_sandbox_page(started: &StartedPayment) -> String {
    let page = browser()
        .get(&started.form.url)
        .query(&fields(started))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    html.split("name=\"trade_no\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page names the trade")
        .to_owned()
}

/// The payer's choice on the sandbox page; answers where the browser is sent.
pub async fn decide(app: &TestApp, gateway: &str, trade_no: &str, choice: &str) -> String {
    let decided = browser()
        .post(format!("{}/sandbox/{gateway}/decide", app.base_url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("trade_no={trade_no}&choice={choice}"))
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 303);
    decided.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_sandbox_gateway_takes_the_payment_notifies_and_sends_the_browser_back() {
    let app = demo().await;
    let (buyer, order_id, started) = order_at(&app, Gateway::Alipay, "sandbox").await;
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // The payer's page, from the signed redirect.
    let page = browser
        .get(&started.form.url)
        .query(&fields(&started))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let trade_no = html
        .split("name=\"trade_no\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page names the trade")
        .to_owned();
    // A tampered redirect is refused.
    let mut tampered = fields(&started);
    tampered.retain(|(k, _)| k != "sign");
    tampered.push(("sign".to_owned(), "AAAA".to_owned()));
    let refused = browser
        .get(&started.form.url)
        .query(&tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    // 支付成功: the browser goes back with a signed return, the merchant is notified.
    let decided = browser
        .post(format!("{}/sandbox/alipay/decide", app.base_url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("trade_no={trade_no}&choice=succeed"))
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 303);
    let back = decided.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(&format!("{}/api/v1/payments/return/alipay?", app.base_url)));
    let mut paid = false;
    for _ in 0..50 {
        if buyer.get_order(order_id).await.unwrap().payment_status == PaymentStatus::Paid {
            paid = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(paid, "the sandbox's notification paid the order");
    let query = back.split_once('?').unwrap().1;
    let (status, location) = app.client.get_payment_return("alipay", query).await.unwrap();
    assert_eq!(
        (status, location),
        (303, format!("/account/orders/{order_id}/pay?returned=1"))
    );
    let verdicts: Vec<(String, String)> = app.with_conn(|conn| {
        payment_events::table
            .filter(payment_events::attempt_id.eq(started.attempt.id))
            .select((payment_events::kind, payment_events::verdict))
            .order(payment_events::id)
            .load(conn)
            .unwrap()
    });
    assert_eq!(
        verdicts,
        vec![
            ("attempt".to_owned(), "sent".to_owned()),
            ("notification".to_owned(), "applied".to_owned()),
            ("query".to_owned(), "paid".to_owned()),
        ]
    );
    assert_eq!(paid_events(&app, order_id), 1);
    // Anybody may replay the return: the gateway is queried a few times a minute at most, and
    // the browser is still sent on.
    for _ in 0..8 {
        let (status, _) = app.client.get_payment_return("alipay", query).await.unwrap();
        assert_eq!(status, 303);
    }
    let queries: i64 = app.with_conn(|conn| {
        payment_events::table
            .filter(payment_events::attempt_id.eq(started.attempt.id))
            .filter(payment_events::kind.eq("query"))
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(
        queries,
        i64::try_from(rc_api::limits::RETURN_QUERIES_PER_MINUTE).unwrap()
    );
}

#[tokio::test]
async fn the_operator_cancels_an_order_paid_online_and_the_money_goes_back_through_the_gateway() {
    use rc_types::orders::{ReasonInput, RefundPaidInput};
    use rc_types::payments::{GatewayRefundStatus, ReconciliationQuery};

    let app = demo().await;
    let (buyer, order_id, started) = order_at(&app, Gateway::Alipay, "refund").await;
    let trade_no = open_sandbox_page(&started).await;
    decide(&app, "alipay", &trade_no, "succeed").await;
    let mut order = buyer.get_order(order_id).await.unwrap();
    for _ in 0..100 {
        if order.payment_status == PaymentStatus::Paid {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        order = buyer.get_order(order_id).await.unwrap();
    }
    assert_eq!(order.payment_status, PaymentStatus::Paid, "the sandbox notified");

    // Only operator staff read the payments ledger and the reconciliation.
    assert_eq!(
        buyer.list_order_payments(order_id).await.unwrap_err().status(),
        Some(403)
    );
    assert_eq!(
        buyer
            .get_reconciliation(&ReconciliationQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    let manager = app.login_demo(crate::fixtures::ACCOUNT_MANAGER).await;
    assert_eq!(
        manager
            .get_reconciliation(&ReconciliationQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403),
        "an account manager is not finance"
    );

    let operator = app.login_demo(crate::fixtures::OPERATOR).await;
    let cancelled = operator
        .cancel_order_by_operator(
            order_id,
            &ReasonInput {
                reason: "客户退订".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(cancelled.status, OrderStatus::Cancelled);
    assert!(
        !cancelled.actions.settle_refund,
        "no payout by hand: the gateway refunds"
    );
    let mut paid_back = cancelled;
    for _ in 0..150 {
        if paid_back.refund_paid_at.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        paid_back = operator.get_order(order_id).await.unwrap();
    }
    assert!(
        paid_back.refund_paid_at.is_some(),
        "the refund job settled the refund"
    );
    assert_eq!(paid_back.refund_due.amount, started.attempt.amount.amount);
    let records = operator.list_order_payments(order_id).await.unwrap();
    assert_eq!(records.attempts.len(), 1);
    assert_eq!(records.refunds.len(), 1);
    assert_eq!(records.refunds[0].status, GatewayRefundStatus::Succeeded);
    assert_eq!(
        paid_back.refund_reference.as_deref(),
        records.refunds[0].gateway_refund_no.as_deref(),
        "the payout's reference is the gateway's refund number"
    );
    assert!(
        records
            .events
            .iter()
            .any(|e| e.kind == rc_types::payments::PaymentEventKind::Refund),
        "the refund is in the ledger"
    );
    assert_eq!(
        operator
            .confirm_refund(
                order_id,
                &RefundPaidInput {
                    reference: "X".into()
                }
            )
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );

    let report = operator
        .get_reconciliation(&ReconciliationQuery::default())
        .await
        .unwrap();
    let row = report
        .rows
        .iter()
        .find(|r| r.gateway == Gateway::Alipay)
        .expect("today's Alipay row");
    assert_eq!((row.attempts, row.paid), (1, 1));
    assert_eq!(row.expected.amount, started.attempt.amount.amount);
    assert_eq!(row.notified.amount, started.attempt.amount.amount);
    assert_eq!(row.refunded.amount, started.attempt.amount.amount);
    assert!(!row.mismatch, "{row:?}");
    let reversed = ReconciliationQuery {
        from: Some(report.to),
        to: Some(report.to - chrono::Duration::days(1)),
    };
    assert_eq!(
        crate::assets::refusal(operator.get_reconciliation(&reversed).await),
        (422, vec!["from".to_owned()])
    );
}

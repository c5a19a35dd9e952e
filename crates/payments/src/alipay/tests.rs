use chrono::TimeZone;
use rc_domain::Fen;

use super::gateway::{self, Trade};
use super::*;
use crate::keys::tests::{other_pair, pair};
use crate::params::encode_form;

/// The merchant and the gateway share one generated pair here: the merchant signs with it and
/// the gateway does too (each verifying with its public half); a forger uses another.
fn merchant() -> Alipay {
    let (private, public) = pair();
    Alipay::new(AlipayConfig {
        gateway_url: "http://gw.test/gateway.do".to_owned(),
        app_id: "2026000000000001".to_owned(),
        seller_id: "2088000000000001".to_owned(),
        app_private_key: PrivateKey::parse(private).unwrap(),
        alipay_public_key: PublicKey::parse(public).unwrap(),
    })
}

fn gateway_key() -> PrivateKey {
    PrivateKey::parse(&pair().0).unwrap()
}

fn trade(status: &'static str) -> Trade<'static> {
    Trade {
        app_id: "2026000000000001",
        seller_id: "2088000000000001",
        out_trade_no: "P20261203120000123456",
        trade_no: "2026120322001400001",
        amount: Fen(9950),
        status,
        at: Utc.with_ymd_and_hms(2026, 12, 3, 4, 0, 0).unwrap(),
    }
}

#[test]
fn the_page_pay_redirect_is_signed_and_the_gateway_believes_it() {
    let created = Utc.with_ymd_and_hms(2026, 12, 3, 4, 0, 0).unwrap();
    let redirect = merchant().pay_redirect(&PayRequest {
        out_trade_no: "P20261203120000123456",
        amount: Fen(9950),
        subject: "订单 DD2612031200000001",
        notify_url: "http://m.test/notify",
        return_url: "http://m.test/return",
        created_at: created,
        expires_at: Some(created + chrono::Duration::minutes(15)),
    });
    assert_eq!(redirect.method, "GET");
    let public = PublicKey::parse(&pair().1).unwrap();
    let request = gateway::verify_request(&redirect.fields, &public).expect("verifies");
    assert_eq!(request.method, "alipay.trade.page.pay");
    assert_eq!(request.biz_text("total_amount").unwrap(), "99.50");
    assert_eq!(request.biz_text("time_expire").unwrap(), "2026-12-03 12:15:00");
    assert_eq!(get(&redirect.fields, "timestamp"), Some("2026-12-03 12:00:00"));
    assert_eq!(request.notify_url.as_deref(), Some("http://m.test/notify"));
    let mut tampered = redirect.fields.clone();
    for (k, v) in &mut tampered {
        if k == "biz_content" {
            *v = v.replace("99.50", "0.01");
        }
    }
    assert_eq!(
        gateway::verify_request(&tampered, &public).unwrap_err(),
        Rejected::BadSignature
    );
}

#[test]
fn a_signed_notification_verifies_and_says_what_was_paid() {
    let body = encode_form(&gateway::notification(
        &trade("TRADE_SUCCESS"),
        "n1",
        &gateway_key(),
    ));
    let notified = merchant().verify_notification(body.as_bytes()).expect("verifies");
    assert_eq!(notified.out_trade_no, "P20261203120000123456");
    assert_eq!(notified.trade_no, "2026120322001400001");
    assert_eq!(notified.amount, Fen(9950));
    assert!(notified.paid);
    let closed = encode_form(&gateway::notification(
        &trade("TRADE_CLOSED"),
        "n2",
        &gateway_key(),
    ));
    assert!(!merchant().verify_notification(closed.as_bytes()).unwrap().paid);
}

#[test]
fn forged_tampered_and_foreign_notifications_are_refused() {
    let forger = PrivateKey::parse(&other_pair().0).unwrap();
    let counterfeit = encode_form(&gateway::notification(&trade("TRADE_SUCCESS"), "n1", &forger));
    assert_eq!(
        merchant()
            .verify_notification(counterfeit.as_bytes())
            .unwrap_err(),
        Rejected::BadSignature
    );
    let genuine = encode_form(&gateway::notification(
        &trade("TRADE_SUCCESS"),
        "n1",
        &gateway_key(),
    ));
    let tampered = genuine.replace("total_amount=99.50", "total_amount=9950.00");
    assert_eq!(
        merchant().verify_notification(tampered.as_bytes()).unwrap_err(),
        Rejected::BadSignature
    );
    let mut other_app = trade("TRADE_SUCCESS");
    other_app.app_id = "2026999999999999";
    let foreign = encode_form(&gateway::notification(&other_app, "n1", &gateway_key()));
    assert!(matches!(
        merchant().verify_notification(foreign.as_bytes()).unwrap_err(),
        Rejected::WrongMerchant(_)
    ));
    let mut other_seller = trade("TRADE_SUCCESS");
    other_seller.seller_id = "2088999";
    let foreign = encode_form(&gateway::notification(&other_seller, "n1", &gateway_key()));
    assert!(matches!(
        merchant().verify_notification(foreign.as_bytes()).unwrap_err(),
        Rejected::WrongMerchant(_)
    ));
    assert!(matches!(
        merchant().verify_notification(b"garbage=1").unwrap_err(),
        Rejected::Malformed(_)
    ));
}

#[test]
fn query_answers_are_verified_over_their_exact_text() {
    let alipay = merchant();
    let paid = gateway::query_response(&trade("TRADE_SUCCESS"), &gateway_key());
    assert_eq!(
        alipay.parse_query(paid.as_bytes()).unwrap(),
        QueryOutcome::Paid {
            trade_no: "2026120322001400001".to_owned(),
            amount: Fen(9950)
        }
    );
    let waiting = gateway::query_response(&trade("WAIT_BUYER_PAY"), &gateway_key());
    assert_eq!(
        alipay.parse_query(waiting.as_bytes()).unwrap(),
        QueryOutcome::Pending
    );
    let unknown = gateway::failure_response(
        "alipay_trade_query_response",
        "ACQ.TRADE_NOT_EXIST",
        "交易不存在",
        &gateway_key(),
    );
    assert_eq!(
        alipay.parse_query(unknown.as_bytes()).unwrap(),
        QueryOutcome::Unknown
    );
    let tampered = paid.replace("99.50", "0.01");
    assert_eq!(
        alipay.parse_query(tampered.as_bytes()).unwrap_err(),
        Rejected::BadSignature
    );
    let unsigned = r#"{"alipay_trade_query_response":{"code":"10000","trade_status":"TRADE_SUCCESS","total_amount":"99.50"}}"#;
    assert_eq!(
        alipay.parse_query(unsigned.as_bytes()).unwrap_err(),
        Rejected::BadSignature
    );
    assert!(matches!(
        alipay.parse_query(b"<html>502</html>").unwrap_err(),
        Rejected::Malformed(_)
    ));
}

#[test]
fn refunds_are_signed_calls_and_their_answers_verified() {
    let alipay = merchant();
    let call = alipay.refund_call(&RefundRequest {
        out_trade_no: "P1",
        trade_no: "T1",
        refund_no: "R1",
        amount: Fen(100),
        reason: "退款",
        notify_url: "http://m.test/notify",
        created_at: Utc::now(),
    });
    let public = PublicKey::parse(&pair().1).unwrap();
    let request = gateway::verify_request(&call.form, &public).unwrap();
    assert_eq!(request.method, "alipay.trade.refund");
    assert_eq!(request.biz_text("refund_amount").unwrap(), "1.00");
    let answer = gateway::refund_response(&trade("TRADE_SUCCESS"), Fen(100), true, &gateway_key());
    assert_eq!(
        alipay.parse_refund(answer.as_bytes()).unwrap(),
        RefundOutcome::Refunded("2026120322001400001".to_owned())
    );
    let refused = gateway::failure_response(
        "alipay_trade_refund_response",
        "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
        "退款金额超限",
        &gateway_key(),
    );
    assert_eq!(
        alipay.parse_refund(refused.as_bytes()).unwrap(),
        RefundOutcome::Refused("退款金额超限".to_owned())
    );
    // A system error is not a refusal: the refund is asked again, never paid by hand.
    let busy = gateway::failure_response(
        "alipay_trade_refund_response",
        "ACQ.SYSTEM_ERROR",
        "系统繁忙",
        &gateway_key(),
    );
    assert!(matches!(
        alipay.parse_refund(busy.as_bytes()).unwrap(),
        RefundOutcome::Unknown(_)
    ));
}

use chrono::TimeZone;

use super::gateway::{self, Txn};
use super::*;
use crate::keys::tests::{other_pair, pair};
use crate::params::encode_form;

fn merchant() -> Unionpay {
    let (private, public) = pair();
    Unionpay::new(UnionpayConfig {
        gateway_url: "http://gw.test/unionpay/".to_owned(),
        mer_id: "777290058110048".to_owned(),
        cert_id: "69629715588".to_owned(),
        private_key: PrivateKey::parse(private).unwrap(),
        gateway_public_key: PublicKey::parse(public).unwrap(),
    })
}

fn key() -> PrivateKey {
    PrivateKey::parse(&pair().0).unwrap()
}

fn txn(resp_code: &'static str) -> Txn<'static> {
    Txn {
        mer_id: "777290058110048",
        order_id: "P20261203120000123456",
        query_id: "512612031200001234567",
        txn_type: "01",
        amount: Fen(9950),
        resp_code,
        txn_time: Utc.with_ymd_and_hms(2026, 12, 3, 4, 0, 0).unwrap(),
    }
}

#[test]
fn the_front_request_is_signed_in_fen_and_china_time() {
    let created = Utc.with_ymd_and_hms(2026, 12, 3, 4, 0, 0).unwrap();
    let redirect = merchant().pay_redirect(&PayRequest {
        out_trade_no: "P20261203120000123456",
        amount: Fen(9950),
        subject: "订单",
        notify_url: "http://m.test/notify",
        return_url: "http://m.test/return",
        created_at: created,
        expires_at: None,
    });
    assert_eq!(redirect.method, "POST");
    assert_eq!(
        redirect.url,
        "http://gw.test/unionpay/gateway/api/frontTransReq.do"
    );
    assert_eq!(get(&redirect.fields, "txnAmt"), Some("9950"));
    assert_eq!(get(&redirect.fields, "txnTime"), Some("20261203120000"));
    let public = PublicKey::parse(&pair().1).unwrap();
    gateway::verify_request(&redirect.fields, &public).expect("verifies");
    let mut tampered = redirect.fields.clone();
    tampered.retain(|(k, _)| k != "txnAmt");
    tampered.push(("txnAmt".to_owned(), "1".to_owned()));
    assert_eq!(
        gateway::verify_request(&tampered, &public),
        Err(Rejected::BadSignature)
    );
}

#[test]
fn notifications_verify_and_forgeries_do_not() {
    let body = encode_form(&gateway::notification(&txn("00"), &key()));
    let notified = merchant().verify_notification(body.as_bytes()).unwrap();
    assert!(notified.paid);
    assert_eq!(notified.amount, Fen(9950));
    assert_eq!(notified.trade_no, "512612031200001234567");
    let failed = encode_form(&gateway::notification(&txn("01"), &key()));
    assert!(!merchant().verify_notification(failed.as_bytes()).unwrap().paid);
    let forger = PrivateKey::parse(&other_pair().0).unwrap();
    let counterfeit = encode_form(&gateway::notification(&txn("00"), &forger));
    assert_eq!(
        merchant().verify_notification(counterfeit.as_bytes()),
        Err(Rejected::BadSignature)
    );
    let mut foreign = txn("00");
    foreign.mer_id = "000000000000001";
    let foreign = encode_form(&gateway::notification(&foreign, &key()));
    assert!(matches!(
        merchant().verify_notification(foreign.as_bytes()),
        Err(Rejected::WrongMerchant(_))
    ));
    let tampered = body.replace("txnAmt=9950", "txnAmt=1");
    assert_eq!(
        merchant().verify_notification(tampered.as_bytes()),
        Err(Rejected::BadSignature)
    );
}

#[test]
fn queries_and_refunds_read_signed_answers() {
    let unionpay = merchant();
    let paid = encode_form(&gateway::query_response(&txn("00"), &key()));
    assert_eq!(
        unionpay.parse_query(paid.as_bytes()).unwrap(),
        QueryOutcome::Paid {
            trade_no: "512612031200001234567".to_owned(),
            amount: Fen(9950)
        }
    );
    let pending = encode_form(&gateway::query_response(&txn("05"), &key()));
    assert_eq!(
        unionpay.parse_query(pending.as_bytes()).unwrap(),
        QueryOutcome::Pending
    );
    let missing = encode_form(&gateway::code_response(
        "777290058110048",
        "34",
        "查无此交易",
        &key(),
    ));
    assert_eq!(
        unionpay.parse_query(missing.as_bytes()).unwrap(),
        QueryOutcome::Unknown
    );
    let mut refund = txn("00");
    refund.txn_type = "04";
    let refunded = encode_form(&gateway::notification(&refund, &key()));
    assert_eq!(
        unionpay.parse_refund(refunded.as_bytes()).unwrap(),
        RefundOutcome::Refunded("512612031200001234567".to_owned())
    );
    assert!(unionpay.parse_refund(b"<html>").is_err());
    // "Duplicate" or "processing" leave the refund's fate open; another code refuses it.
    for (code, open) in [("12", true), ("03", true), ("34", true), ("40", false)] {
        let answer = encode_form(&gateway::code_response("777290058110048", code, "x", &key()));
        let outcome = unionpay.parse_refund(answer.as_bytes()).unwrap();
        assert_eq!(
            matches!(outcome, RefundOutcome::Unknown(_)),
            open,
            "{code}: {outcome:?}"
        );
        assert_eq!(matches!(outcome, RefundOutcome::Refused(_)), !open, "{code}");
    }
}

//! 蓝云信用支付 and 额度线上还款: the credit-centre password (argon2id, never the login password),
//! the mailed one-time code (single use, counted tries, one a minute), paying an order from the
//! line once however many requests race, refusals that keep the code, and repaying a bill online
//! in parts through the gateway's notification.

use diesel::prelude::*;
use rc_client::Client;
use rc_domain::Fen;
use rc_store::assets::credit;
use rc_store::schema::{credit_pay_codes, credit_pay_passwords};
use rc_testkit::TestApp;
use rc_types::assets::PeriodQuery;
use rc_types::assets::credit::{CreditLineInput, OfflineSpendInput, RepaymentMethod, RepaymentStatus};
use rc_types::checkout::PaymentMethod;
use rc_types::orders::PaymentStatus;
use rc_types::payments::{
    CashierMethod, CashierState, CreditPay, Gateway, MethodBlock, SetCreditPassword, StartPayment,
};

use crate::assets::{FINANCE, MEMBER, TEST_A, company_id, refusal};
use crate::fixtures::{DISTRIBUTOR, demo};
use crate::orders::{agree, checkout, new_customer, priced_plan, raise_credit};
use crate::payments::{alipay_notice, keys, notify};

const LOGIN: &str = "Demo-Password-2026";
const CREDIT: &str = "Blue-Credit-Centre-7788";

/// An online order of `buyer`, waiting to be paid.
async fn online_order(buyer: &Client, tag: &str) -> i64 {
    let plan = priced_plan(buyer).await;
    let customer = new_customer(buyer, tag).await;
    let input = checkout(plan.id, 1, customer, PaymentMethod::Online);
    let contract = buyer.create_contract(&input).await.unwrap();
    buyer
        .create_order(&agree(&input, &contract), None)
        .await
        .unwrap()
        .id
}

fn set(current: &str, new: &str) -> SetCreditPassword {
    SetCreditPassword {
        current_password: current.into(),
        new_password: new.into(),
    }
}

/// The 6-digit code of the `nth` credit-pay mail to `email`.
async fn mailed_code(app: &TestApp, email: &str, nth: usize) -> String {
    let mail = loop_for_code_mail(app, email, nth).await;
    mail.body
        .split_whitespace()
        .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
        .expect("a 6-digit code in the mail")
        .to_owned()
}

async fn loop_for_code_mail(app: &TestApp, email: &str, nth: usize) -> rc_testkit::ReceivedMail {
    let mut seen = 0;
    for i in 0.. {
        let mail = app.smtp.wait_for(email, i).await;
        if mail.subject.contains("信用支付") || mail.subject.contains("credit pay") {
            if seen == nth {
                return mail;
            }
            seen += 1;
        }
    }
    unreachable!()
}

fn pay(password: &str, code: &str) -> CreditPay {
    CreditPay {
        password: password.into(),
        code: code.into(),
    }
}

#[tokio::test]
async fn credit_pay_takes_the_credit_password_and_the_mailed_code_once() {
    let app = demo().await;
    raise_credit(&app.login_demo(FINANCE).await).await;
    let buyer = app.login_demo(TEST_A).await;
    let order_id = online_order(&buyer, "credit-pay").await;
    let before = buyer.get_credit_account().await.unwrap().available.amount;

    let cashier = buyer.get_order_cashier(order_id).await.unwrap();
    let credit = cashier
        .methods
        .iter()
        .find(|m| m.method == CashierMethod::Credit)
        .unwrap();
    assert!(credit.available, "{credit:?}");
    assert!(!cashier.credit_password_set);
    assert_eq!(cashier.credit_available.map(|m| m.amount), Some(before));

    // No password yet: no code.
    assert_eq!(
        refusal(buyer.create_credit_pay_code(order_id).await),
        (422, vec!["password".to_owned()])
    );
    // The first password is confirmed with the login password and differs from it.
    assert_eq!(
        refusal(buyer.update_credit_password(&set("wrong", CREDIT)).await),
        (422, vec!["current_password".to_owned()])
    );
    assert_eq!(
        refusal(buyer.update_credit_password(&set(LOGIN, LOGIN)).await),
        (422, vec!["new_password".to_owned()])
    );
    let state = buyer.update_credit_password(&set(LOGIN, CREDIT)).await.unwrap();
    assert!(state.set && state.updated_at.is_some());
    let stored: String = app.with_conn(|conn| {
        credit_pay_passwords::table
            .select(credit_pay_passwords::password_hash)
            .first(conn)
            .unwrap()
    });
    assert!(stored.starts_with("$argon2id$"), "hashed: {stored}");
    // Changing it takes the current credit password, not the login one.
    assert_eq!(
        refusal(
            buyer
                .update_credit_password(&set(LOGIN, "Another-Credit-9911"))
                .await
        ),
        (422, vec!["current_password".to_owned()])
    );

    // Requests at once issue one code: the others are told to wait.
    let seen = crate::races::statuses(6, |_| {
        let buyer = buyer.clone();
        async move { buyer.create_credit_pay_code(order_id).await }
    })
    .await;
    assert_eq!(
        (crate::races::count(&seen, 200), crate::races::count(&seen, 429)),
        (1, 5),
        "{seen:?}"
    );
    let live: i64 = app.with_conn(|conn| {
        credit_pay_codes::table
            .filter(credit_pay_codes::used_at.is_null())
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(live, 1, "one live code");
    assert_eq!(
        buyer.create_credit_pay_code(order_id).await.unwrap_err().status(),
        Some(429),
        "one code a minute"
    );
    let code = mailed_code(&app, TEST_A, 0).await;
    let stored_code: String = app.with_conn(|conn| {
        credit_pay_codes::table
            .select(credit_pay_codes::code_hash)
            .first(conn)
            .unwrap()
    });
    assert!(!stored_code.contains(&code), "the code is stored hashed");

    // The distributor reads its reseller's order but can't pay it; a wrong password or code pays nothing.
    let other = app.login_demo(DISTRIBUTOR).await;
    assert_eq!(
        other
            .create_credit_payment(order_id, &pay(CREDIT, &code), None)
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    assert_eq!(
        refusal(
            buyer
                .create_credit_payment(order_id, &pay("nope-nope", &code), None)
                .await
        ),
        (422, vec!["password".to_owned()])
    );
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_eq!(
        refusal(
            buyer
                .create_credit_payment(order_id, &pay(CREDIT, wrong), None)
                .await
        ),
        (422, vec!["code".to_owned()])
    );
    let tries: i32 = app.with_conn(|conn| {
        credit_pay_codes::table
            .select(credit_pay_codes::attempts)
            .first(conn)
            .unwrap()
    });
    assert_eq!(tries, 1, "the wrong try is counted although nothing was paid");

    // Eight payments at once with the right code: one pays, the rest change nothing.
    let results = futures_util::future::join_all((0..8).map(|_| {
        let buyer = buyer.clone();
        let code = code.clone();
        async move {
            buyer
                .create_credit_payment(order_id, &pay(CREDIT, &code), None)
                .await
        }
    }))
    .await;
    let paid: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(paid.len(), 1, "{results:?}");
    for refused in results.iter().filter_map(|r| r.as_ref().err()) {
        assert!(matches!(refused.status(), Some(409 | 422 | 429)), "{refused:?}");
    }
    let order = paid[0];
    assert_eq!(order.payment_status, PaymentStatus::Paid);
    assert_eq!(order.credit_used.amount, cashier.amount.amount);
    let after = buyer.get_credit_account().await.unwrap();
    assert_eq!(
        after.available.amount,
        before - cashier.amount.amount,
        "spent once"
    );
    let cashier = buyer.get_order_cashier(order_id).await.unwrap();
    assert_eq!(cashier.state, CashierState::Paid);
}

#[tokio::test]
async fn a_short_or_held_line_refuses_credit_pay_and_keeps_the_code() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "TestCompany-A").await;
    let line = |limit: &str| CreditLineInput {
        limit: limit.into(),
        term_days: 30,
        reason: "授信".into(),
    };
    finance.update_credit_line(company, &line("1")).await.unwrap();
    let buyer = app.login_demo(TEST_A).await;
    buyer.update_credit_password(&set(LOGIN, CREDIT)).await.unwrap();
    let order_id = online_order(&buyer, "credit-short").await;
    // A ¥1 line: not enough for the order.
    let cashier = buyer.get_order_cashier(order_id).await.unwrap();
    let credit = cashier
        .methods
        .iter()
        .find(|m| m.method == CashierMethod::Credit)
        .unwrap();
    assert_eq!(credit.blocked, Some(MethodBlock::CreditShort), "{cashier:?}");
    buyer.create_credit_pay_code(order_id).await.unwrap();
    let code = mailed_code(&app, TEST_A, 0).await;
    assert_eq!(
        refusal(
            buyer
                .create_credit_payment(order_id, &pay(CREDIT, &code), None)
                .await
        )
        .0,
        422,
        "short"
    );
    // Finance raises the line: the same code still pays.
    finance
        .update_credit_line(company, &line("1000000"))
        .await
        .unwrap();
    let order = buyer
        .create_credit_payment(order_id, &pay(CREDIT, &code), Some("pay-1"))
        .await
        .unwrap();
    assert_eq!(order.payment_status, PaymentStatus::Paid);
    let again = buyer
        .create_credit_payment(order_id, &pay(CREDIT, &code), Some("pay-1"))
        .await
        .unwrap();
    assert_eq!(again.id, order.id, "a retry under the same key answers the same");

    // A member who may not see the company's assets can't use credit pay.
    let member = app.login_demo(MEMBER).await;
    let member_order = online_order(&member, "member-credit").await;
    let member_cashier = member.get_order_cashier(member_order).await.unwrap();
    let credit = member_cashier
        .methods
        .iter()
        .find(|m| m.method == CashierMethod::Credit)
        .unwrap();
    assert_eq!(credit.blocked, Some(MethodBlock::NotAllowed));
    assert_eq!(member_cashier.credit_available, None, "no figures for them");
    assert_eq!(
        member
            .create_credit_pay_code(member_order)
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
}

#[tokio::test]
async fn a_bill_is_repaid_online_in_parts_on_the_gateways_notification() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "BlueCloud_D").await;
    finance
        .update_credit_line(
            company,
            &CreditLineInput {
                limit: "100".into(),
                term_days: 30,
                reason: "授信".into(),
            },
        )
        .await
        .unwrap();
    let spend = OfflineSpendInput {
        amount: "40".into(),
        reason: "线下采购".into(),
    };
    finance.create_credit_spend(company, &spend, None).await.unwrap();
    let later = rc_store::db::now() + chrono::TimeDelta::days(40);
    app.with_conn(|conn| credit::close_cycles(conn, company, later).unwrap());
    let admin = app.login_demo(DISTRIBUTOR).await;
    let bill = admin
        .list_credit_bills(&PeriodQuery::default())
        .await
        .unwrap()
        .items
        .remove(0);

    let cashier = admin.get_bill_cashier(bill.id).await.unwrap();
    assert_eq!(
        (cashier.state, cashier.amount.amount, cashier.number.as_str()),
        (
            CashierState::Payable,
            "40".parse().unwrap(),
            bill.bill_no.as_str()
        )
    );
    assert!(
        cashier.methods.iter().all(|m| m.method != CashierMethod::Credit),
        "credit does not repay credit"
    );
    let start = |amount: &str| StartPayment {
        gateway: Gateway::Alipay,
        amount: Some(amount.into()),
    };
    assert_eq!(
        refusal(admin.create_bill_payment(bill.id, &start("40.01")).await),
        (422, vec!["amount".to_owned()])
    );
    assert_eq!(
        refusal(admin.create_bill_payment(bill.id, &start("-1")).await),
        (422, vec!["amount".to_owned()])
    );
    // Another company's admin doesn't find the bill; a member who may not see assets is refused.
    let other = app.login_demo(TEST_A).await;
    assert_eq!(
        other.get_bill_cashier(bill.id).await.unwrap_err().status(),
        Some(404)
    );
    assert_eq!(
        other
            .create_bill_payment(bill.id, &start("1"))
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    let member = app.login_demo(MEMBER).await;
    assert_eq!(
        member.get_bill_cashier(bill.id).await.unwrap_err().status(),
        Some(403)
    );

    let started = admin.create_bill_payment(bill.id, &start("15")).await.unwrap();
    let available = admin.get_credit_account().await.unwrap().available.amount;
    // The browser's return changes nothing; the notification repays.
    let keys = keys();
    let gateway_key = rc_payments::PrivateKey::parse(&keys.alipay_gateway.private).unwrap();
    let body = alipay_notice(
        &started.attempt.out_trade_no,
        Fen(1500),
        rc_api::payments::sandbox_ids::ALIPAY_APP_ID,
        &gateway_key,
    );
    assert_eq!(
        notify(&app, "alipay", body.clone()).await,
        (200, "success".to_owned())
    );
    assert_eq!(
        notify(&app, "alipay", body).await,
        (200, "success".to_owned()),
        "a replay"
    );
    let account = admin.get_credit_account().await.unwrap();
    assert_eq!(
        account.available.amount,
        available + rust_decimal::Decimal::from(15),
        "restored once"
    );
    let repayments = admin
        .list_credit_repayments(&PeriodQuery::default())
        .await
        .unwrap()
        .items;
    let online: Vec<_> = repayments
        .iter()
        .filter(|r| r.method == RepaymentMethod::Online)
        .collect();
    assert_eq!(online.len(), 1, "还款记录 shows it once");
    assert_eq!(online[0].status, RepaymentStatus::Confirmed);
    assert_eq!(online[0].amount.amount, "15".parse().unwrap());
    let cashier = admin.get_bill_cashier(bill.id).await.unwrap();
    assert_eq!(
        cashier.amount.amount,
        "25".parse().unwrap(),
        "the rest is still owed"
    );
}

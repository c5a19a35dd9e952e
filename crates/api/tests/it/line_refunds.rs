//! Refunding one line of a paid order: its share of each source goes back (the coupon's share
//! not in money, 零钱 and credit to their balances with ledger entries, cash through the gateway
//! that took it or paid by finance by hand); once per line however the requests race; the last
//! line refunded cancels the order and gives the coupon back; who may do it.

use rc_client::Client;
use rc_domain::Fen;
use rc_testkit::TestApp;
use rc_types::checkout::{CheckoutInput, CheckoutItem, PaymentMethod};
use rc_types::orders::{
    DeliverInput, InvoiceInput, Order, OrderStatus, PaymentStatus, ReasonInput, RefundPaidInput,
    TransferInput,
};
use rc_types::payments::{Gateway, GatewayRefundStatus, StartPayment};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::fixtures::{ACCOUNT_MANAGER, DISTRIBUTOR, OPERATOR, demo};
use crate::orders::{TEST_A, agree, coupon, new_customer, raise_credit};
use crate::races::{count, statuses};

const FINANCE: &str = "finance@bluecloud.example";

fn reason(text: &str) -> ReasonInput {
    ReasonInput { reason: text.into() }
}

/// Two published plans of different solutions priced at least ¥1, the first of `solution`
/// when given.
async fn two_plans(client: &Client, solution: Option<i64>) -> (i64, i64) {
    let listed = client
        .list_solutions(&rc_types::catalog::ListSolutionsQuery::default())
        .await
        .unwrap();
    let mut plans = Vec::new();
    if let Some(solution) = solution {
        plans.push((solution, client.get_solution(solution).await.unwrap().plans[0].id));
    }
    for listed in listed.items {
        if plans.iter().any(|(s, _)| *s == listed.id) {
            continue;
        }
        let detail = client.get_solution(listed.id).await.unwrap();
        if let Some(plan) = detail.plans.iter().find(|p| p.unit_price.amount >= Decimal::ONE) {
            plans.push((listed.id, plan.id));
        }
        if plans.len() == 2 {
            return (plans[0].1, plans[1].1);
        }
    }
    panic!("the demo catalog has two priced solutions");
}

fn two_lines(first: (i64, i32), second: (i64, i32), customer: i64, method: PaymentMethod) -> CheckoutInput {
    let item = |(plan_id, quantity)| CheckoutItem {
        plan_id,
        quantity,
        seen_unit_price: None,
    };
    CheckoutInput {
        items: vec![item(first), item(second)],
        from_cart: false,
        customer_id: Some(customer),
        payment_method: method,
        coupon_id: None,
        use_credit: false,
        rebate_amount: None,
        expected_close_date: None,
        remark: String::new(),
    }
}

async fn place(buyer: &Client, input: &CheckoutInput) -> Order {
    let contract = buyer.create_contract(input).await.unwrap();
    buyer.create_order(&agree(input, &contract), None).await.unwrap()
}

fn unbalanced(app: &TestApp) -> Vec<String> {
    app.with_conn(|conn| {
        rc_store::assets::ledger::unbalanced_accounts(conn)
            .unwrap()
            .into_iter()
            .map(|a| format!("{a:?}"))
            .collect()
    })
}

#[tokio::test]
async fn lines_paid_by_coupon_rebate_and_credit_go_back_to_their_sources_and_the_last_cancels_the_order() {
    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let buyer = app.login_demo(TEST_A).await;
    let finance = app.login_demo(FINANCE).await;
    raise_credit(&finance).await;
    let (coupon_id, solution) = coupon(&buyer, "草稿").await;
    let (with_coupon, other) = two_plans(&buyer, Some(solution)).await;
    let customer = new_customer(&buyer, "refund-lines").await;
    let rebate_before = buyer.get_rebate_account().await.unwrap().available.amount;
    let credit_before = buyer.get_credit_account().await.unwrap().available.amount;
    let mut input = two_lines((with_coupon, 2), (other, 1), customer, PaymentMethod::Online);
    input.coupon_id = Some(coupon_id);
    input.rebate_amount = Some(rc_types::Money::cny(dec!(0.50)));
    input.use_credit = true;
    let order = place(&buyer, &input).await;
    assert_eq!(
        order.payment_status,
        PaymentStatus::Paid,
        "paid in full at checkout"
    );
    assert!(
        order.lines.iter().all(|l| l.refund_quote.is_none()),
        "the buyer sees no refund preview"
    );
    let (first, second) = (order.lines[0].id, order.lines[1].id);

    // Who may refund: operator staff who manage orders and finance; a partner's own order is
    // theirs to read, not to refund; another partner learns nothing.
    let stranger = app.login_demo("admin@heenor.example").await;
    let manager = app.login_demo(ACCOUNT_MANAGER).await;
    for (client, status) in [(&buyer, 403), (&stranger, 404), (&manager, 403), (&finance, 403)] {
        let refused = client
            .create_line_refund(order.id, second, &reason("退货"), None)
            .await
            .unwrap_err();
        assert_eq!(refused.status(), Some(status));
    }
    let operator = app.login_demo(OPERATOR).await;
    let blank = operator
        .create_line_refund(order.id, second, &reason("  "), None)
        .await
        .unwrap_err();
    assert_eq!(
        (blank.status(), crate::orders::fields(&blank)),
        (Some(422), vec!["reason".to_owned()])
    );
    assert_eq!(
        operator
            .create_line_refund(order.id, i64::MAX, &reason("退货"), None)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );

    // The desk's preview is what the refund gives back; the coupon did not apply to this line.
    let desk = operator.get_order(order.id).await.unwrap();
    let quote = desk.lines[1]
        .refund_quote
        .clone()
        .expect("a preview for the operator");
    assert_eq!(quote.coupon_forfeited.amount, Decimal::ZERO);
    assert_eq!(quote.given_back.amount, desk.lines[1].priced.total.amount);
    assert!(desk.actions.operator_cancel);
    let refunded = operator
        .create_line_refund(order.id, second, &reason("客户退货"), Some("refund-2"))
        .await
        .unwrap();
    let refund = refunded.lines[1].refund.clone().expect("the line is refunded");
    assert_eq!(
        (refund.given_back, refund.rebate, refund.credit),
        (quote.given_back, quote.rebate, quote.credit)
    );
    assert_eq!(refund.cash_due.amount, Decimal::ZERO, "nothing was paid in cash");
    assert!(!refund.settle);
    assert_eq!(refunded.status, OrderStatus::Processing, "one line is left");
    assert!(
        !refunded.actions.operator_cancel,
        "the rest is refunded line by line"
    );
    assert!(refunded.events.iter().any(|e| e.kind == "line_refunded"));
    // A retry with the key answers as the first; without it, the line was refunded already.
    let again = operator
        .create_line_refund(order.id, second, &reason("客户退货"), Some("refund-2"))
        .await
        .unwrap();
    assert_eq!(again.lines[1].refund, refunded.lines[1].refund);
    assert_eq!(
        operator
            .create_line_refund(order.id, second, &reason("客户退货"), None)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
    let rebate_mid = buyer.get_rebate_account().await.unwrap().available.amount;
    assert_eq!(rebate_mid, rebate_before - dec!(0.50) + quote.rebate.amount);
    let credit_mid = buyer.get_credit_account().await.unwrap().available.amount;
    assert_eq!(
        credit_mid,
        credit_before - order.credit_used.amount + quote.credit.amount
    );
    // The buyer sees the refund, not the desk's buttons.
    let seen = buyer.get_order(order.id).await.unwrap();
    assert_eq!(
        seen.lines[1].refund.as_ref().map(|r| r.given_back),
        Some(quote.given_back)
    );
    assert!(seen.lines[0].refund_quote.is_none());
    // A refunded line is not delivered.
    assert_eq!(
        operator
            .deliver_line(
                order.id,
                second,
                &DeliverInput {
                    content: "SN-1".into()
                }
            )
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );

    // The last line takes what is left, the coupon's share forfeited; the order is cancelled.
    let last = operator
        .create_line_refund(order.id, first, &reason("整单退货"), None)
        .await
        .unwrap();
    assert_eq!(
        (last.status, last.payment_status),
        (OrderStatus::Cancelled, PaymentStatus::Refunded)
    );
    let refunds: Vec<_> = last.lines.iter().map(|l| l.refund.clone().unwrap()).collect();
    let back: Decimal = refunds.iter().map(|r| r.given_back.amount).sum();
    let forfeited: Decimal = refunds.iter().map(|r| r.coupon_forfeited.amount).sum();
    assert_eq!(back + forfeited, order.total.amount, "every fen is accounted for");
    assert_eq!(forfeited, order.coupon_discount.amount);
    assert_eq!(
        buyer.get_rebate_account().await.unwrap().available.amount,
        rebate_before,
        "零钱 back in full"
    );
    assert_eq!(
        buyer.get_credit_account().await.unwrap().available.amount,
        credit_before,
        "credit back in full"
    );
    assert!(
        last.events
            .iter()
            .any(|e| e.kind == "refunded" && e.detail.contains("优惠券已退回"))
    );
    // Every line refunded is the whole order refunded: the coupon is back, unused.
    let unused = buyer
        .list_coupons(&rc_types::assets::coupons::CouponQuery {
            state: Some(rc_types::assets::coupons::CouponState::Unused),
            ..rc_types::assets::coupons::CouponQuery::default()
        })
        .await
        .unwrap();
    assert!(unused.items.iter().any(|c| c.id == coupon_id));
    assert!(unbalanced(&app).is_empty());
}

#[tokio::test]
async fn a_line_paid_online_goes_back_through_the_gateway_and_a_transfer_line_is_paid_back_by_finance() {
    let app = demo().await;
    let buyer = app.login_demo(DISTRIBUTOR).await;
    let (a, b) = two_plans(&buyer, None).await;
    let customer = new_customer(&buyer, "refund-online").await;
    let order = place(
        &buyer,
        &two_lines((a, 1), (b, 2), customer, PaymentMethod::Online),
    )
    .await;
    let started = buyer
        .create_order_payment(
            order.id,
            &StartPayment {
                gateway: Gateway::Alipay,
                amount: None,
            },
        )
        .await
        .unwrap();
    let trade_no = crate::payments::open_sandbox_page(&started).await;
    crate::payments::decide(&app, "alipay", &trade_no, "succeed").await;
    let mut paid = buyer.get_order(order.id).await.unwrap();
    for _ in 0..100 {
        if paid.payment_status == PaymentStatus::Paid {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        paid = buyer.get_order(order.id).await.unwrap();
    }
    assert_eq!(paid.payment_status, PaymentStatus::Paid);

    let operator = app.login_demo(OPERATOR).await;
    let line = paid.lines[0].id;
    let refunded = operator
        .create_line_refund(order.id, line, &reason("部分退货"), None)
        .await
        .unwrap();
    let refund = refunded.lines[0].refund.clone().unwrap();
    assert_eq!(refund.cash_due, paid.lines[0].priced.total, "all of it was cash");
    assert!(
        refund.gateway.is_some() && !refund.settle,
        "the gateway pays it back"
    );
    let mut settled = refunded;
    for _ in 0..150 {
        if settled.lines[0].refund.as_ref().unwrap().paid_at.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        settled = operator.get_order(order.id).await.unwrap();
    }
    let refund = settled.lines[0].refund.clone().unwrap();
    assert_eq!(refund.gateway, Some(GatewayRefundStatus::Succeeded));
    let records = operator.list_order_payments(order.id).await.unwrap();
    assert_eq!(records.refunds.len(), 1);
    assert_eq!(
        records.refunds[0].amount, paid.lines[0].priced.total,
        "a partial refund"
    );
    assert_eq!(refund.reference, records.refunds[0].gateway_refund_no);
    assert_eq!(settled.status, OrderStatus::Processing, "the other line stays");
    assert_eq!(
        operator
            .confirm_line_refund(
                order.id,
                line,
                &RefundPaidInput {
                    reference: "X".into()
                }
            )
            .await
            .unwrap_err()
            .status(),
        Some(409),
        "no payout by hand"
    );
    // Delivering the line left delivers the order.
    let delivered = operator
        .deliver_line(
            order.id,
            paid.lines[1].id,
            &DeliverInput {
                content: "SN-2".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(delivered.status, OrderStatus::Delivered);
    let completed = operator.complete_order(order.id).await.unwrap();
    assert_eq!(completed.status, OrderStatus::Completed);
    let review = rc_types::orders::ReviewInput {
        rating: 5,
        body: "开通很快".into(),
    };
    let seen = buyer.get_order(order.id).await.unwrap();
    assert!(!seen.lines[0].can_review && seen.lines[1].can_review);
    assert_eq!(
        buyer
            .create_line_review(order.id, line, &review)
            .await
            .unwrap_err()
            .status(),
        Some(409),
        "a refunded line is not reviewed"
    );
    buyer
        .create_line_review(order.id, paid.lines[1].id, &review)
        .await
        .unwrap();

    // A bank transfer's line: the cash is owed back and finance records the payout.
    let order = place(
        &buyer,
        &two_lines((a, 1), (b, 1), customer, PaymentMethod::Offline),
    )
    .await;
    let transfer = TransferInput {
        payer_name: "BlueCloud_D".into(),
        bank: "招商银行".into(),
        account: "6225 8888 0000".into(),
        amount: order.payable,
        transfer_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        reference: "TX-R".into(),
    };
    let waiting = buyer.create_transfer(order.id, &transfer, None).await.unwrap();
    let finance = app.login_demo(FINANCE).await;
    finance
        .confirm_transfer(order.id, waiting.transfers[0].id)
        .await
        .unwrap();
    let invoice_input = InvoiceInput {
        title: "BlueCloud_D".into(),
        tax_number: "91310000MA1K000000".into(),
        address_phone: "上海 021-00000000".into(),
        bank_account: "招商银行 6225".into(),
        email: "billing@bluecloud-d.example".into(),
    };
    let invoice = buyer.create_invoice(order.id, &invoice_input).await.unwrap();
    assert_eq!(invoice.amount, order.received);
    let line = order.lines[1].id;
    let refunded = operator
        .create_line_refund(order.id, line, &reason("客户退货"), None)
        .await
        .unwrap();
    let refund = refunded.lines[1].refund.clone().unwrap();
    assert_eq!(refund.cash_due, order.lines[1].priced.total);
    // The invoice asked for the whole order is turned down; a new one is for what was kept.
    let after = buyer.get_order(order.id).await.unwrap();
    assert_eq!(after.invoices[0].status, "rejected");
    assert!(after.actions.request_invoice);
    let reissued = buyer.create_invoice(order.id, &invoice_input).await.unwrap();
    assert_eq!(reissued.amount, order.lines[0].priced.total);
    assert_eq!(refund.gateway, None);
    assert!(
        finance.get_order(order.id).await.unwrap().lines[1]
            .refund
            .as_ref()
            .unwrap()
            .settle
    );
    let blank = finance
        .confirm_line_refund(
            order.id,
            line,
            &RefundPaidInput {
                reference: " ".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(blank.status(), Some(422));
    assert_eq!(
        finance
            .confirm_line_refund(
                order.id,
                order.lines[0].id,
                &RefundPaidInput {
                    reference: "BANK-1".into()
                }
            )
            .await
            .unwrap_err()
            .status(),
        Some(404),
        "that line was not refunded"
    );
    let paid_back = finance
        .confirm_line_refund(
            order.id,
            line,
            &RefundPaidInput {
                reference: "BANK-1".into(),
            },
        )
        .await
        .unwrap();
    let refund = paid_back.lines[1].refund.clone().unwrap();
    assert_eq!(refund.reference.as_deref(), Some("BANK-1"));
    assert!(refund.paid_at.is_some() && !refund.settle);
    assert_eq!(
        finance
            .confirm_line_refund(
                order.id,
                line,
                &RefundPaidInput {
                    reference: "BANK-2".into()
                }
            )
            .await
            .unwrap_err()
            .status(),
        Some(409),
        "once"
    );
    // A distributor manager of the buyer sees the refund, not the bank reference — here the buyer
    // is the distributor itself, so it sees its own reference.
    assert_eq!(
        buyer.get_order(order.id).await.unwrap().lines[1]
            .refund
            .as_ref()
            .unwrap()
            .reference
            .as_deref(),
        Some("BANK-1")
    );
    assert!(unbalanced(&app).is_empty());
}

#[tokio::test]
async fn concurrent_refunds_of_an_order_refund_each_line_once_and_add_up() {
    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let buyer = app.login_demo(TEST_A).await;
    let finance = app.login_demo(FINANCE).await;
    raise_credit(&finance).await;
    let (a, b) = two_plans(&buyer, None).await;
    let customer = new_customer(&buyer, "refund-race").await;
    let mut input = two_lines((a, 3), (b, 1), customer, PaymentMethod::Online);
    input.rebate_amount = Some(rc_types::Money::cny(dec!(0.37)));
    input.use_credit = true;
    let order = place(&buyer, &input).await;
    assert_eq!(order.payment_status, PaymentStatus::Paid);
    let operator = app.login_demo(OPERATOR).await;
    let lines = [order.lines[0].id, order.lines[1].id];

    // Eight requests for each line at once (half of them retries under one key).
    let seen = statuses(16, |i| {
        let operator = operator.clone();
        let line = lines[i % 2];
        async move {
            let key = (i % 4 < 2).then(|| format!("race-{line}"));
            operator
                .create_line_refund(order.id, line, &reason("并发退款"), key.as_deref())
                .await
        }
    })
    .await;
    assert!(count(&seen, 200) >= 2, "{seen:?}");
    assert_eq!(count(&seen, 200) + count(&seen, 409), 16, "{seen:?}");
    let after = operator.get_order(order.id).await.unwrap();
    assert_eq!(
        (after.status, after.payment_status),
        (OrderStatus::Cancelled, PaymentStatus::Refunded)
    );
    let rows = app.with_conn(|conn| rc_store::orders::line_refunds::of_order(conn, order.id).unwrap());
    assert_eq!(rows.len(), 2, "one refund per line");
    let sum = rows
        .iter()
        .fold(rc_domain::refund::Sources::default(), |s, r| s.plus(r.sources()));
    assert_eq!(sum.rebate, Fen(37));
    assert_eq!(
        sum.credit.0 + sum.rebate.0,
        Fen::from_yuan(order.total.amount).unwrap().0
    );
    let entries = app.with_conn(|conn| {
        use diesel::prelude::*;
        use rc_store::schema::ledger_entries;
        ledger_entries::table
            .filter(ledger_entries::kind.eq("refund"))
            .filter(ledger_entries::reference.eq(&order.order_no))
            .count()
            .get_result::<i64>(conn)
            .unwrap()
    });
    assert!(
        entries <= 4,
        "at most one 零钱 and one credit entry per line: {entries}"
    );
    assert!(unbalanced(&app).is_empty());
}

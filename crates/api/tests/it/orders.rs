//! Checkout, contract and orders (§5, §6.4, §11) through the typed client: the server's quote,
//! the contract shown and agreed, an order paid in full by coupon + 零钱 + credit, delivery,
//! completion, review and invoice; offline transfer with rejection and confirmation; the payment
//! deadline; who may see and do what.

use rc_client::{Client, ClientError};
use rc_types::assets::coupons::{CouponQuery, CouponState};
use rc_types::checkout::{CheckoutInput, CheckoutItem, ContractView, PaymentMethod, PlaceOrderInput};
use rc_types::customers::CustomerInput;
use rc_types::orders::{
    DeliverInput, DeliveryStatus, InvoiceInput, IssueInvoiceInput, OrderQuery, OrderStatus, PaymentStatus,
    ReasonInput, ReviewInput, TransferInput,
};
use rc_types::{Money, PageQuery};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::fixtures::{ACCOUNT_MANAGER, DISTRIBUTOR, OPERATOR, demo};

/// TestCompany-A's admin: the demo company with a rebate balance, coupons and a credit line.
pub const TEST_A: &str = "admin@testcompany-a.example";
/// A partner with no tie to TestCompany-A.
const STRANGER: &str = "admin@heenor.example";
/// The operator's finance staff.
const FINANCE: &str = "finance@bluecloud.example";

pub fn fields(error: &ClientError) -> Vec<String> {
    error
        .body()
        .map(|b| b.fields.iter().map(|f| f.field.clone()).collect())
        .unwrap_or_default()
}

/// The company's unused coupon named `name` with the solution it applies to.
pub async fn coupon(buyer: &Client, name: &str) -> (i64, i64) {
    let wallet = buyer
        .list_coupons(&CouponQuery {
            state: Some(CouponState::Unused),
            ..CouponQuery::default()
        })
        .await
        .unwrap();
    let coupon = wallet.items.iter().find(|c| c.terms.name == name).unwrap();
    (coupon.id, coupon.terms.solutions[0].id)
}

/// A plan of `solution` priced at least `min`.
async fn plan_of(client: &Client, solution: i64) -> rc_types::catalog::Plan {
    client.get_solution(solution).await.unwrap().plans[0].clone()
}

/// Any published plan priced at least ¥1 (the first).
pub async fn priced_plan(client: &Client) -> rc_types::catalog::Plan {
    let listed = client
        .list_solutions(&rc_types::catalog::ListSolutionsQuery::default())
        .await
        .unwrap();
    for solution in listed.items {
        for plan in client.get_solution(solution.id).await.unwrap().plans {
            if plan.unit_price.amount >= Decimal::ONE {
                return plan;
            }
        }
    }
    panic!("no priced plan in the demo catalog");
}

pub async fn new_customer(buyer: &Client, name: &str) -> i64 {
    buyer
        .create_customer(&CustomerInput {
            name: name.into(),
            email: format!("{name}@customer.example"),
            company_name: format!("{name} 有限公司"),
            phone: "13800000000".into(),
            address: "上海市浦东新区".into(),
        })
        .await
        .unwrap()
        .id
}

pub fn checkout(plan_id: i64, quantity: i32, customer_id: i64, method: PaymentMethod) -> CheckoutInput {
    CheckoutInput {
        items: vec![CheckoutItem {
            plan_id,
            quantity,
            seen_unit_price: None,
        }],
        from_cart: false,
        customer_id: Some(customer_id),
        payment_method: method,
        coupon_id: None,
        use_credit: false,
        rebate_amount: None,
        expected_close_date: None,
        remark: String::new(),
    }
}

pub fn agree(checkout: &CheckoutInput, contract: &ContractView) -> PlaceOrderInput {
    PlaceOrderInput {
        checkout: checkout.clone(),
        contract_id: contract.id,
        contract_sha256: contract.sha256.clone(),
    }
}

/// Raises TestCompany-A's credit line to ¥1,000,000 (the demo's ¥1,500 is mostly used).
pub async fn raise_credit(finance: &Client) {
    let company = crate::assets::company_id(finance, "TestCompany-A").await;
    finance
        .update_credit_line(
            company,
            &rc_types::assets::credit::CreditLineInput {
                limit: "1000000.00".into(),
                term_days: 30,
                reason: "大额订单".into(),
            },
        )
        .await
        .unwrap();
}

fn yuan(amount: Decimal) -> Money {
    Money::cny(amount)
}

#[tokio::test]
async fn an_order_paid_by_coupon_rebate_and_credit_is_agreed_delivered_completed_reviewed_and_invoiced() {
    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let buyer = app.login_demo(TEST_A).await;
    let finance = app.login_demo(FINANCE).await;
    raise_credit(&finance).await;
    let (coupon_id, solution) = coupon(&buyer, "草稿").await;
    let plan = plan_of(&buyer, solution).await;
    let customer = new_customer(&buyer, "wang").await;
    let rebate_before = buyer.get_rebate_account().await.unwrap().available.amount;
    let credit_before = buyer.get_credit_account().await.unwrap().available.amount;

    // The quote: the coupon is listed with its discount; 零钱 and credit take what is left.
    let mut input = checkout(plan.id, 3, customer, PaymentMethod::Online);
    let bare = buyer.quote_checkout(&input).await.unwrap();
    let goods = plan.unit_price.amount * Decimal::from(3);
    assert_eq!(bare.goods_total.amount, goods);
    assert_eq!(bare.payable.amount, goods);
    assert!(bare.applicable_coupons.iter().any(|c| c.coupon.id == coupon_id));
    input.coupon_id = Some(coupon_id);
    input.rebate_amount = Some(yuan(dec!(0.50)));
    input.use_credit = true;
    input.remark = "请尽快开通".into();
    let quote = buyer.quote_checkout(&input).await.unwrap();
    let discount = quote.coupon.as_ref().unwrap().discount.amount;
    assert_eq!(quote.rebate_used.amount, dec!(0.50));
    assert_eq!(quote.discount_total.amount, discount + dec!(0.50));
    assert_eq!(quote.credit_used.amount, goods - discount - dec!(0.50));
    assert_eq!(quote.payable.amount, Decimal::ZERO);

    // Bad choices name their field and change nothing.
    let mut greedy = input.clone();
    greedy.rebate_amount = Some(yuan(rebate_before + Decimal::ONE));
    let refused = buyer.quote_checkout(&greedy).await.unwrap_err();
    assert_eq!(
        (refused.status(), fields(&refused)),
        (Some(422), vec!["rebate_amount".to_owned()])
    );
    let mut stranger = input.clone();
    stranger.customer_id = Some(i64::MAX);
    let refused = buyer.create_contract(&stranger).await.unwrap_err();
    assert_eq!(fields(&refused), vec!["customer_id".to_owned()]);
    let mut long = input.clone();
    long.remark = "长".repeat(151);
    let refused = buyer.quote_checkout(&long).await.unwrap_err();
    assert_eq!(fields(&refused), vec!["remark".to_owned()]);

    // The contract: parties from data, totals in figures and 大写, the PDF as hashed.
    let contract = buyer.create_contract(&input).await.unwrap();
    assert_eq!(contract.number.len(), 17);
    assert_eq!(contract.partner.name, "TestCompany-A");
    assert_eq!(contract.operator.name, "上海蓝云网络科技有限公司");
    assert_eq!(
        contract.products.total.amount + contract.services.total.amount,
        goods
    );
    assert!(contract.grand_total_uppercase.ends_with('整') || contract.grand_total_uppercase.ends_with('分'));
    assert_eq!(contract.quote.payable, quote.payable);
    let pdf = buyer.download_checkout_contract(contract.id).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(rc_store::orders::contracts::sha256_hex(&pdf), contract.sha256);
    // Nobody else's contract.
    let other = app.login_demo(STRANGER).await;
    assert_eq!(
        other
            .download_checkout_contract(contract.id)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    // Agreeing needs the very checkout and hash shown.
    let mut wrong = agree(&input, &contract);
    wrong.contract_sha256 = "0".repeat(64);
    assert_eq!(
        fields(&buyer.create_order(&wrong, None).await.unwrap_err()),
        vec!["contract_sha256".to_owned()]
    );
    let mut changed = agree(&input, &contract);
    changed.checkout.items[0].quantity = 4;
    assert_eq!(
        fields(&buyer.create_order(&changed, None).await.unwrap_err()),
        vec!["checkout".to_owned()]
    );

    // 同意: paid in full at once.
    let order = buyer
        .create_order(&agree(&input, &contract), Some("order-1"))
        .await
        .unwrap();
    assert_eq!(order.order_no.len(), 17);
    assert_eq!(
        (order.status, order.payment_status),
        (OrderStatus::Processing, PaymentStatus::Paid)
    );
    assert_eq!(order.delivery_status, DeliveryStatus::Pending);
    assert_eq!(order.total.amount, goods);
    assert_eq!(order.discount.amount, discount + dec!(0.50));
    assert_eq!(order.received.amount, goods - discount - dec!(0.50));
    assert!(order.coupon_code.is_some());
    assert_eq!(order.remark, "请尽快开通");
    assert_eq!(order.contract_sha256, contract.sha256);
    assert_eq!(order.customer.name, "wang");
    assert_eq!(order.channel.company, "TestCompany-A");
    assert!(order.events.iter().any(|e| e.kind == "placed") && order.events.iter().any(|e| e.kind == "paid"));
    // Retries: the same key, or the same contract, answer with the same order; the key with
    // another body is refused.
    let again = buyer
        .create_order(&agree(&input, &contract), Some("order-1"))
        .await
        .unwrap();
    assert_eq!(again.id, order.id);
    let same_contract = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    assert_eq!(same_contract.id, order.id);
    let key_reuse = buyer.create_order(&changed, Some("order-1")).await.unwrap_err();
    assert_eq!(key_reuse.status(), Some(422));
    // The sources moved once.
    let rebate_after = buyer.get_rebate_account().await.unwrap().available.amount;
    assert_eq!(rebate_after, rebate_before - dec!(0.50));
    let credit_after = buyer.get_credit_account().await.unwrap().available.amount;
    assert_eq!(credit_after, credit_before - order.credit_used.amount);
    let used = buyer
        .list_coupons(&CouponQuery {
            state: Some(CouponState::Used),
            ..CouponQuery::default()
        })
        .await
        .unwrap();
    assert!(used.items.iter().any(|c| c.id == coupon_id));
    app.with_conn(|conn| {
        assert!(
            rc_store::assets::ledger::unbalanced_accounts(conn)
                .unwrap()
                .is_empty()
        );
    });

    // The contract as agreed, for the company and the operator only.
    assert_eq!(buyer.download_order_contract(order.id).await.unwrap(), pdf);
    let operator = app.login_demo(OPERATOR).await;
    assert_eq!(operator.download_order_contract(order.id).await.unwrap(), pdf);
    assert_eq!(other.get_order(order.id).await.unwrap_err().status(), Some(404));
    assert_eq!(
        other
            .download_order_contract(order.id)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        other.cancel_order(order.id).await.unwrap_err().status(),
        Some(404)
    );
    // TestCompany-A's distributor reads its order, read-only, without the contract.
    let parent = app.login_demo(DISTRIBUTOR).await;
    let seen = parent.get_order(order.id).await.unwrap();
    assert_eq!(seen.actions, rc_types::orders::OrderActions::default());
    assert_eq!(
        parent
            .download_order_contract(order.id)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        parent.cancel_order(order.id).await.unwrap_err().status(),
        Some(403)
    );
    assert!(
        parent
            .list_orders(&OrderQuery::default())
            .await
            .unwrap()
            .items
            .iter()
            .any(|o| o.id == order.id)
    );
    // The lists.
    let mine = buyer.list_orders(&OrderQuery::default()).await.unwrap();
    assert_eq!(mine.items[0].id, order.id);
    let found = buyer
        .list_orders(&OrderQuery {
            q: Some("WANG".into()),
            ..OrderQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    assert!(
        other
            .list_orders(&OrderQuery::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let desk = operator
        .list_orders(&OrderQuery {
            status: Some(OrderStatus::Processing),
            ..OrderQuery::default()
        })
        .await
        .unwrap();
    assert!(desk.items.iter().any(|o| o.id == order.id));
    // A paid order is not cancelled by its buyer; no review before completion.
    assert_eq!(
        buyer.cancel_order(order.id).await.unwrap_err().status(),
        Some(409)
    );
    let review = ReviewInput {
        rating: 5,
        body: "开通很快".into(),
    };
    let line = order.lines[0].id;
    assert_eq!(
        buyer
            .create_line_review(order.id, line, &review)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );

    // The operator delivers and completes; finance may not deliver, the buyer may not.
    let deliver = DeliverInput {
        content: "序列号: SN-0001".into(),
    };
    assert_eq!(
        finance
            .deliver_line(order.id, line, &deliver)
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    assert_eq!(
        buyer
            .deliver_line(order.id, line, &deliver)
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    let manager = app.login_demo(ACCOUNT_MANAGER).await;
    assert_eq!(
        manager.complete_order(order.id).await.unwrap_err().status(),
        Some(409)
    );
    let delivered = manager.deliver_line(order.id, line, &deliver).await.unwrap();
    assert_eq!(
        (delivered.status, delivered.delivery_status),
        (OrderStatus::Delivered, DeliveryStatus::Shipped)
    );
    assert_eq!(delivered.lines[0].delivery.as_deref(), Some("序列号: SN-0001"));
    let completed = manager.complete_order(order.id).await.unwrap();
    assert_eq!(completed.status, OrderStatus::Completed);

    // The buyer reviews once; the solution's rating counts it.
    let before = buyer.get_solution(solution).await.unwrap();
    let reviewed = buyer.create_line_review(order.id, line, &review).await.unwrap();
    assert_eq!(reviewed.lines[0].review.as_ref().map(|r| r.rating), Some(5));
    assert!(!reviewed.lines[0].can_review);
    assert_eq!(
        buyer
            .create_line_review(order.id, line, &review)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
    let bad = ReviewInput {
        rating: 6,
        body: " ".into(),
    };
    let refused = buyer.create_line_review(order.id, line, &bad).await.unwrap_err();
    assert_eq!(refused.status(), Some(422));
    app.sync_storefront();
    let after = buyer.get_solution(solution).await.unwrap();
    assert_eq!(after.reviews.count, before.reviews.count + 1);

    // 申请开票 → finance issues it.
    let invoice_input = InvoiceInput {
        title: "TestCompany-A".into(),
        tax_number: "91310000MA1K000000".into(),
        address_phone: "上海 021-00000000".into(),
        bank_account: "招商银行 6225".into(),
        email: "billing@testcompany-a.example".into(),
    };
    let bad_tax = InvoiceInput {
        tax_number: "123".into(),
        ..invoice_input.clone()
    };
    assert_eq!(
        fields(&buyer.create_invoice(order.id, &bad_tax).await.unwrap_err()),
        vec!["tax_number".to_owned()]
    );
    let invoice = buyer.create_invoice(order.id, &invoice_input).await.unwrap();
    assert_eq!(invoice.status, "requested");
    assert_eq!(invoice.amount, order.received);
    assert_eq!(
        buyer
            .create_invoice(order.id, &invoice_input)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
    assert_eq!(
        manager
            .list_invoices("requested", PageQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    let queue = finance
        .list_invoices("requested", PageQuery::default())
        .await
        .unwrap();
    assert!(queue.items.iter().any(|i| i.id == invoice.id));
    let issue = IssueInvoiceInput {
        invoice_no: "No.00012345".into(),
        issued_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
    };
    let issued = finance.issue_invoice(invoice.id, &issue).await.unwrap();
    assert_eq!(
        (issued.status.as_str(), issued.invoice_no.as_deref()),
        ("issued", Some("No.00012345"))
    );
    assert_eq!(
        finance
            .issue_invoice(invoice.id, &issue)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
    let timeline: Vec<String> = buyer
        .get_order(order.id)
        .await
        .unwrap()
        .events
        .into_iter()
        .map(|e| e.kind)
        .collect();
    for kind in [
        "placed",
        "paid",
        "line_delivered",
        "delivered",
        "completed",
        "reviewed",
        "invoice_requested",
        "invoice_issued",
    ] {
        assert!(timeline.iter().any(|k| k == kind), "{kind} in {timeline:?}");
    }
    // The partner was mailed about the order.
    let mail = operator.list_mail(PageQuery::default()).await.unwrap();
    assert!(
        mail.items
            .iter()
            .any(|m| m.recipient == TEST_A && m.subject.contains(&order.order_no))
    );
    assert!(mail.items.iter().any(|m| m.recipient == "wang@customer.example"));
}

#[tokio::test]
async fn an_offline_order_waits_for_finance_who_rejects_then_confirms() {
    let app = demo().await;
    let buyer = app.login_demo(DISTRIBUTOR).await;
    let plan = priced_plan(&buyer).await;
    let customer = new_customer(&buyer, "li").await;
    let input = checkout(plan.id, 2, customer, PaymentMethod::Offline);
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    assert_eq!(
        (order.status, order.payment_status),
        (OrderStatus::PendingPayment, PaymentStatus::Unpaid)
    );
    assert!(order.actions.submit_transfer && order.actions.cancel && !order.actions.pay_online);
    let deadline = order.pay_deadline.unwrap();
    assert!(deadline - order.created_at >= chrono::TimeDelta::hours(71));

    let mut transfer = TransferInput {
        payer_name: "BlueCloud_D".into(),
        bank: "招商银行".into(),
        account: "6225 8888 0000".into(),
        amount: yuan(order.payable.amount - dec!(0.01)),
        transfer_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        reference: "TX-1".into(),
    };
    let refused = buyer
        .create_transfer(order.id, &transfer, None)
        .await
        .unwrap_err();
    assert_eq!(fields(&refused), vec!["amount".to_owned()]);
    transfer.amount = order.payable;
    let not_image = rc_client::Upload {
        file_name: "receipt.png".into(),
        bytes: b"not an image".to_vec(),
    };
    let refused = buyer
        .create_transfer(order.id, &transfer, Some(not_image))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(415));
    let receipt = rc_client::Upload {
        file_name: "receipt.png".into(),
        bytes: crate::fixtures::PNG.to_vec(),
    };
    let waiting = buyer
        .create_transfer(order.id, &transfer, Some(receipt))
        .await
        .unwrap();
    assert_eq!(waiting.payment_status, PaymentStatus::AwaitingConfirmation);
    assert!(!waiting.actions.cancel && !waiting.actions.submit_transfer);
    let transfer_id = waiting.transfers[0].id;
    assert_eq!(
        buyer
            .download_transfer_receipt(order.id, transfer_id)
            .await
            .unwrap(),
        crate::fixtures::PNG
    );
    // One transfer waits at a time; the buyer can't cancel meanwhile.
    assert_eq!(
        buyer
            .create_transfer(order.id, &transfer, None)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
    assert_eq!(
        buyer.cancel_order(order.id).await.unwrap_err().status(),
        Some(409)
    );

    // An account manager is not finance; finance rejects with a reason.
    let manager = app.login_demo(ACCOUNT_MANAGER).await;
    assert_eq!(
        manager
            .confirm_transfer(order.id, transfer_id)
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    let finance = app.login_demo(FINANCE).await;
    let finance_view = finance.get_order(order.id).await.unwrap();
    assert!(finance_view.actions.review_transfer && !finance_view.actions.deliver);
    let reason = ReasonInput {
        reason: "未查到该笔转账".into(),
    };
    let rejected = finance
        .reject_transfer(order.id, transfer_id, &reason)
        .await
        .unwrap();
    assert_eq!(rejected.payment_status, PaymentStatus::Unpaid);
    assert_eq!(
        rejected.transfers[0].reject_reason.as_deref(),
        Some("未查到该笔转账")
    );
    assert_eq!(
        finance
            .confirm_transfer(order.id, transfer_id)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );

    // Reported again and confirmed: paid, once.
    transfer.reference = "TX-2".into();
    let second = buyer.create_transfer(order.id, &transfer, None).await.unwrap();
    let second_id = second.transfers[0].id;
    let paid = finance.confirm_transfer(order.id, second_id).await.unwrap();
    assert_eq!(
        (paid.status, paid.payment_status),
        (OrderStatus::Processing, PaymentStatus::Paid)
    );
    assert_eq!(
        finance
            .confirm_transfer(order.id, second_id)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
    let events: Vec<String> = paid.events.iter().map(|e| e.kind.clone()).collect();
    assert_eq!(
        events,
        [
            "placed",
            "transfer_submitted",
            "transfer_rejected",
            "transfer_submitted",
            "paid"
        ]
    );
    // The operator cancels a paid order (nothing held from the ledger to refund here).
    let operator = app.login_demo(OPERATOR).await;
    let cancelled = operator
        .cancel_order_by_operator(
            order.id,
            &ReasonInput {
                reason: "客户撤单".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (cancelled.status, cancelled.payment_status),
        (OrderStatus::Cancelled, PaymentStatus::Refunded)
    );
}

#[tokio::test]
async fn an_unpaid_order_times_out_by_the_clock_and_its_holds_come_back() {
    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let buyer = app.login_demo(TEST_A).await;
    let (coupon_id, solution) = coupon(&buyer, "草稿").await;
    let plan = plan_of(&buyer, solution).await;
    let customer = new_customer(&buyer, "zhou").await;
    let mut input = checkout(plan.id, 5, customer, PaymentMethod::Online);
    input.coupon_id = Some(coupon_id);
    input.rebate_amount = Some(yuan(dec!(0.10)));
    let rebate_before = buyer.get_rebate_account().await.unwrap().available.amount;
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    assert_eq!(order.status, OrderStatus::PendingPayment);
    assert!(order.actions.pay_online);
    assert_eq!(
        buyer.get_rebate_account().await.unwrap().available.amount,
        rebate_before - dec!(0.10)
    );
    // The coupon is held: another checkout can't use it.
    let again = buyer.quote_checkout(&input).await.unwrap_err();
    assert_eq!(fields(&again), vec!["coupon_id".to_owned()]);

    // Only staff of the order desk move the test clock.
    assert_eq!(
        buyer.advance_test_clock(16 * 60).await.unwrap_err().status(),
        Some(403)
    );
    let operator = app.login_demo(OPERATOR).await;
    operator.advance_test_clock(16 * 60).await.unwrap();
    let mut status = OrderStatus::PendingPayment;
    for _ in 0..40 {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        status = buyer.get_order(order.id).await.unwrap().status;
        if status == OrderStatus::Cancelled {
            break;
        }
    }
    assert_eq!(status, OrderStatus::Cancelled, "the deadline job cancelled it");
    let cancelled = buyer.get_order(order.id).await.unwrap();
    assert!(
        cancelled
            .events
            .iter()
            .any(|e| e.kind == "timed_out" && e.actor.is_none())
    );
    assert_eq!(
        buyer.get_rebate_account().await.unwrap().available.amount,
        rebate_before
    );
    assert!(
        buyer.quote_checkout(&input).await.is_ok(),
        "the coupon is usable again"
    );
    // The sweep again finds nothing to cancel.
    let sealer_free = app.with_conn(|conn| {
        rc_store::orders::lifecycle::due_for_timeout(
            conn,
            rc_store::db::now() + chrono::TimeDelta::hours(1),
            10,
        )
        .unwrap()
    });
    assert!(sealer_free.is_empty());
}

#[tokio::test]
async fn a_price_change_after_the_contract_was_shown_refuses_the_order() {
    let app = demo().await;
    let buyer = app.login_demo(DISTRIBUTOR).await;
    let plan = priced_plan(&buyer).await;
    let customer = new_customer(&buyer, "sun").await;
    let input = checkout(plan.id, 1, customer, PaymentMethod::Online);
    let contract = buyer.create_contract(&input).await.unwrap();
    app.with_conn(|conn| {
        use diesel::prelude::*;
        use rc_store::schema::plans;
        diesel::update(plans::table.find(plan.id))
            .set(plans::unit_price_fen.eq(plans::unit_price_fen + 100))
            .execute(conn)
            .unwrap();
    });
    let refused = buyer
        .create_order(&agree(&input, &contract), None)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(409));
    assert!(
        buyer
            .list_orders(&OrderQuery::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
    // The buyer cancels an unpaid order themselves.
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    let cancelled = buyer.cancel_order(order.id).await.unwrap();
    assert_eq!(cancelled.status, OrderStatus::Cancelled);
    assert_eq!(
        buyer.cancel_order(order.id).await.unwrap_err().status(),
        Some(409)
    );
    // Staff don't buy.
    let operator = app.login_demo(OPERATOR).await;
    assert_eq!(
        operator.quote_checkout(&input).await.unwrap_err().status(),
        Some(403)
    );
}

/// A contract renderer (the server's default fonts) and a sealer, for running the demo seed and
/// the deadline job in the test process.
pub fn server_tools() -> (
    std::sync::Arc<rc_documents::ContractRenderer>,
    rc_api::sealing::Sealer,
) {
    use clap::Parser;
    let mut settings = rc_api::config::Cli::parse_from(["reseller-center", "migrate"]).settings;
    settings.jwt_secret = Some("a-test-secret-of-at-least-thirty-two-chars".into());
    let renderer = settings.contract_renderer().expect("contract fonts");
    let sealer = rc_api::sealing::Sealer::new(&rc_api::secrets::load(&settings).unwrap());
    (std::sync::Arc::new(renderer), sealer)
}

#[tokio::test]
async fn the_demo_orders_are_seeded_once_in_every_status_each_with_its_contract() {
    use rc_api::seed_orders::{MANUAL_ORDER_NO, PRODUCT_X, PRODUCT_X_SKU, demo_orders};

    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let (renderer, sealer) = server_tools();
    let placed = app.with_conn(|conn| demo_orders(conn, &renderer, &sealer).unwrap());
    assert_eq!(placed, 9);
    let again = app.with_conn(|conn| demo_orders(conn, &renderer, &sealer).unwrap());
    assert_eq!(again, 0, "a second seed adds nothing");
    app.sync_storefront();

    let operator = app.login_demo(OPERATOR).await;
    let all = operator
        .list_orders(&OrderQuery {
            per_page: Some(100),
            ..OrderQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 9);
    let states: Vec<(OrderStatus, PaymentStatus, DeliveryStatus)> = all
        .items
        .iter()
        .map(|o| (o.status, o.payment_status, o.delivery_status))
        .collect();
    for expected in [
        (
            OrderStatus::Processing,
            PaymentStatus::Paid,
            DeliveryStatus::Pending,
        ),
        (
            OrderStatus::PendingPayment,
            PaymentStatus::Unpaid,
            DeliveryStatus::Pending,
        ),
        (
            OrderStatus::PendingPayment,
            PaymentStatus::AwaitingConfirmation,
            DeliveryStatus::Pending,
        ),
        (
            OrderStatus::Delivered,
            PaymentStatus::Paid,
            DeliveryStatus::Shipped,
        ),
        (
            OrderStatus::Completed,
            PaymentStatus::Paid,
            DeliveryStatus::Shipped,
        ),
        (
            OrderStatus::Cancelled,
            PaymentStatus::Unpaid,
            DeliveryStatus::Pending,
        ),
        (
            OrderStatus::Cancelled,
            PaymentStatus::Refunded,
            DeliveryStatus::Pending,
        ),
    ] {
        assert!(states.contains(&expected), "{expected:?} in {states:?}");
    }

    // The manual's order (§5.1.6, §6.4.2), exactly.
    let manual = all
        .items
        .iter()
        .find(|o| o.order_no == MANUAL_ORDER_NO)
        .expect("the manual's order");
    let order = operator.get_order(manual.id).await.unwrap();
    assert_eq!(
        (order.status, order.payment_status, order.delivery_status),
        (
            OrderStatus::Processing,
            PaymentStatus::Paid,
            DeliveryStatus::Pending
        )
    );
    assert_eq!(order.created_at.to_rfc3339(), "2019-06-24T09:02:04.300+00:00");
    assert_eq!(manual.region, "中国大陆");
    assert_eq!(order.total.amount, dec!(0.01));
    assert_eq!(order.payable.amount, Decimal::ZERO);
    assert_eq!(order.rebate_used.amount, dec!(0.01));
    assert_eq!(order.payment_method, PaymentMethod::Online);
    assert_eq!(
        order.expected_close_date,
        chrono::NaiveDate::from_ymd_opt(2019, 6, 24)
    );
    assert_eq!(order.remark, "");
    assert_eq!(
        (
            order.customer.company.as_str(),
            order.customer.name.as_str(),
            order.customer.email.as_str(),
            order.customer.phone.as_str()
        ),
        (
            "BlueCloud_O",
            "test2",
            "solutionsuite@oe.21vianet.com",
            "15974685924"
        )
    );
    assert_eq!(order.channel.company, "BlueCloud_D");
    let line = &order.lines[0].priced;
    assert_eq!(
        (
            line.solution_name.as_str(),
            line.plan_name.as_str(),
            line.sku_code.as_str()
        ),
        (PRODUCT_X, "基础版", PRODUCT_X_SKU)
    );
    assert_eq!((line.unit_price.amount, line.quantity), (dec!(0.01), 1));

    // Every order's contract downloads, byte for byte as agreed.
    for summary in &all.items {
        let order = operator.get_order(summary.id).await.unwrap();
        let pdf = operator.download_order_contract(summary.id).await.unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{}", summary.order_no);
        assert_eq!(
            rc_store::orders::contracts::sha256_hex(&pdf),
            order.contract_sha256
        );
    }
    // The buyers see theirs; the completed one is reviewed on Product X.
    let distributor = app.login_demo(DISTRIBUTOR).await;
    let theirs = distributor.list_orders(&OrderQuery::default()).await.unwrap();
    assert_eq!(theirs.total, 9, "BlueCloud_D sees its own and TestCompany-A's");
    let test_a = app.login_demo(TEST_A).await;
    let own = test_a.list_orders(&OrderQuery::default()).await.unwrap();
    assert_eq!(own.total, 2);
    let completed = all
        .items
        .iter()
        .find(|o| o.status == OrderStatus::Completed)
        .unwrap();
    let completed = distributor.get_order(completed.id).await.unwrap();
    assert_eq!(completed.lines[0].review.as_ref().map(|r| r.rating), Some(5));
    let product_x = completed.lines[0].priced.solution_id.unwrap();
    assert_eq!(
        distributor.get_solution(product_x).await.unwrap().reviews.count,
        1
    );
    let timed_out = own
        .items
        .iter()
        .find(|o| o.status == OrderStatus::Cancelled)
        .unwrap();
    let timed_out = test_a.get_order(timed_out.id).await.unwrap();
    assert!(timed_out.events.iter().any(|e| e.kind == "timed_out"));
    // TestCompany-A's figures from the manual are as they were: its coupon and 零钱 came back.
    assert_eq!(
        test_a.get_rebate_account().await.unwrap().available.amount,
        dec!(41.25)
    );
    assert_eq!(
        test_a.get_credit_account().await.unwrap().available.amount,
        dec!(754.5)
    );
    let unused = test_a
        .list_coupons(&CouponQuery {
            state: Some(CouponState::Unused),
            ..CouponQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(unused.items.iter().filter(|c| c.terms.name == "草稿").count(), 2);
    app.with_conn(|conn| {
        assert!(
            rc_store::assets::ledger::unbalanced_accounts(conn)
                .unwrap()
                .is_empty()
        );
    });
}

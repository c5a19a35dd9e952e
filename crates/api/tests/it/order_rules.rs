//! The order rules around money and reach: a cancelled paid order's credit goes back to its bill
//! (the repaid part is owed in cash), who may cancel what, members and the company's assets, the
//! contract kept with what it showed, distributors' read-only view, invoice PDFs.

use diesel::prelude::*;
use rc_client::{Client, Upload};
use rc_store::assets::ledger;
use rc_types::assets::credit::{CreditLineInput, RepaymentInput, RepaymentMethod};
use rc_types::checkout::PaymentMethod;
use rc_types::customers::CustomerInput;
use rc_types::orders::{InvoiceInput, IssueInvoiceInput, OrderStatus, PaymentStatus, ReasonInput};
use rust_decimal_macros::dec;

use crate::fixtures::{ACCOUNT_MANAGER, DISTRIBUTOR, OPERATOR, demo};
use crate::orders::{TEST_A, agree, checkout, fields, new_customer, priced_plan};

const FINANCE: &str = "finance@bluecloud.example";
/// A member of BlueCloud_D.
const MEMBER: &str = "sales@bluecloud-d.example";

/// Gives `company` a ¥100,000 credit line.
async fn credit_line(finance: &Client, company: &str) -> i64 {
    let id = crate::assets::company_id(finance, company).await;
    finance
        .update_credit_line(
            id,
            &CreditLineInput {
                limit: "100000.00".into(),
                term_days: 30,
                reason: "测试授信".into(),
            },
        )
        .await
        .unwrap();
    id
}

fn reason(text: &str) -> ReasonInput {
    ReasonInput { reason: text.into() }
}

/// A TestCompany-A order paid by bank transfer (confirmed by `finance`) with an invoice
/// requested: the order and the request.
async fn invoiced_order(
    buyer: &Client,
    finance: &Client,
    name: &str,
) -> (rc_types::orders::Order, rc_types::orders::Invoice) {
    let plan = priced_plan(buyer).await;
    let customer = new_customer(buyer, name).await;
    let input = checkout(plan.id, 1, customer, PaymentMethod::Offline);
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    let paid = buyer
        .create_transfer(
            order.id,
            &rc_types::orders::TransferInput {
                payer_name: "TestCompany-A".into(),
                bank: "招商银行".into(),
                account: "6225 8888 0001".into(),
                amount: order.payable,
                transfer_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
                reference: format!("TX-{name}"),
            },
            None,
        )
        .await
        .unwrap();
    finance
        .confirm_transfer(order.id, paid.transfers[0].id)
        .await
        .unwrap();
    let request = buyer
        .create_invoice(
            order.id,
            &InvoiceInput {
                title: "TestCompany-A".into(),
                tax_number: "91310000MA1FL0000X".into(),
                address_phone: String::new(),
                bank_account: String::new(),
                email: "invoice@testcompany-a.example".into(),
            },
        )
        .await
        .unwrap();
    (order, request)
}

#[tokio::test]
async fn cancelling_a_paid_order_gives_credit_back_to_its_bill_and_owes_the_repaid_part_in_cash() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = credit_line(&finance, "BlueCloud_D").await;
    let buyer = app.login_demo(DISTRIBUTOR).await;
    let plan = priced_plan(&buyer).await;
    let customer = new_customer(&buyer, "refund").await;
    let mut input = checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.use_credit = true;
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    assert_eq!(order.payment_status, PaymentStatus::Paid);
    let price = order.credit_used.amount;
    assert_eq!(price, plan.unit_price.amount);

    // The spend belongs to last month, whose bill is then issued.
    app.with_conn(|conn| {
        use rc_store::schema::ledger_entries;
        diesel::update(
            ledger_entries::table
                .filter(ledger_entries::reference.eq(&order.order_no))
                .filter(ledger_entries::kind.eq("capture")),
        )
        .set(ledger_entries::created_at.eq(rc_store::db::now() - chrono::TimeDelta::days(40)))
        .execute(conn)
        .unwrap();
        rc_store::assets::credit::close_cycles(conn, company, rc_store::db::now()).unwrap();
    });
    let bills = buyer
        .list_credit_bills(&rc_types::assets::PeriodQuery::default())
        .await
        .unwrap();
    let bill = bills
        .items
        .iter()
        .find(|b| b.amount.amount == price)
        .expect("the spend is billed");
    // A third of it is repaid and confirmed.
    let repaid = (price / dec!(3)).round_dp(2);
    let repayment = buyer
        .create_credit_repayment(
            &RepaymentInput {
                bill_id: bill.id,
                method: RepaymentMethod::Offline,
                amount: repaid.to_string(),
                payer_account: "6225 0000 1111".into(),
                paid_on: rc_domain::period::china_date(rc_store::db::now()),
            },
            None,
        )
        .await
        .unwrap();
    // While the repayment waits for finance the refund can't be split between line and cash.
    let operator = app.login_demo(OPERATOR).await;
    let waiting = operator
        .cancel_order_by_operator(order.id, &reason("客户取消"))
        .await
        .unwrap_err();
    assert_eq!(waiting.status(), Some(409));
    finance.approve_repayment(repayment.id).await.unwrap();

    // An account manager may cancel orders, but refunding a paid one takes finance too.
    let manager = app.login_demo(ACCOUNT_MANAGER).await;
    let seen = manager.get_order(order.id).await.unwrap();
    assert!(!seen.actions.operator_cancel);
    let refused = manager
        .cancel_order_by_operator(order.id, &reason("客户取消"))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
    let cancelled = operator
        .cancel_order_by_operator(order.id, &reason("客户取消"))
        .await
        .unwrap();
    assert_eq!(
        (cancelled.status, cancelled.payment_status),
        (OrderStatus::Cancelled, PaymentStatus::Refunded)
    );
    assert_eq!(
        cancelled.refund_due.amount, repaid,
        "what was repaid comes back in cash"
    );
    assert!(cancelled.events.iter().any(|e| e.kind == "refund_due"));

    // The refund is credited to the bill, which is settled, and the line is whole again.
    let after = buyer
        .list_credit_bills(&rc_types::assets::PeriodQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|b| b.id == bill.id)
        .unwrap();
    assert_eq!((after.amount.amount, after.repaid.amount), (price, price));
    assert_eq!(after.status, rc_types::assets::credit::BillStatus::Repaid);
    let account = buyer.get_credit_account().await.unwrap();
    assert_eq!(account.available.amount, dec!(100000.00));
    assert!(
        app.with_conn(|conn| ledger::unbalanced_accounts(conn).unwrap())
            .is_empty()
    );
    // Nothing is left to bill: the refund was billed on the spend's bill.
    let later = app.with_conn(|conn| {
        rc_store::assets::credit::close_cycles(
            conn,
            company,
            rc_store::db::now() + chrono::TimeDelta::days(40),
        )
        .unwrap()
    });
    assert!(later.is_empty(), "no bill for a refund already credited");
}

#[tokio::test]
async fn a_spend_refunded_within_its_cycle_is_never_billed() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = credit_line(&finance, "BlueCloud_D").await;
    let buyer = app.login_demo(DISTRIBUTOR).await;
    let plan = priced_plan(&buyer).await;
    let customer = new_customer(&buyer, "netted").await;
    let mut input = checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.use_credit = true;
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    let operator = app.login_demo(OPERATOR).await;
    let cancelled = operator
        .cancel_order_by_operator(order.id, &reason("录入错误"))
        .await
        .unwrap();
    assert_eq!(
        cancelled.refund_due.amount,
        dec!(0),
        "nothing was repaid: all back to the line"
    );
    let bills = app.with_conn(|conn| {
        rc_store::assets::credit::close_cycles(
            conn,
            company,
            rc_store::db::now() + chrono::TimeDelta::days(40),
        )
        .unwrap()
    });
    assert!(bills.is_empty(), "the cycle nets to zero: nothing to bill");
    // A refund stamped after its spend's cycle ended (a month's last second) still nets in it.
    let bills = app.with_conn(|conn| {
        use rc_store::schema::ledger_entries;
        diesel::update(
            ledger_entries::table
                .filter(ledger_entries::reference.eq(&order.order_no))
                .filter(ledger_entries::kind.eq("capture")),
        )
        .set(ledger_entries::created_at.eq(rc_store::db::now() - chrono::TimeDelta::days(40)))
        .execute(conn)
        .unwrap();
        rc_store::assets::credit::close_cycles(conn, company, rc_store::db::now()).unwrap()
    });
    assert!(
        bills.is_empty(),
        "the spend's cycle nets to zero with its late refund"
    );
    assert_eq!(
        buyer.get_credit_account().await.unwrap().available.amount,
        dec!(100000.00)
    );
    assert!(
        app.with_conn(|conn| ledger::unbalanced_accounts(conn).unwrap())
            .is_empty()
    );
}

#[tokio::test]
async fn an_order_whose_transfer_waits_for_finance_cannot_be_cancelled_by_the_desk() {
    let app = demo().await;
    let buyer = app.login_demo(DISTRIBUTOR).await;
    let plan = priced_plan(&buyer).await;
    let customer = new_customer(&buyer, "waiting").await;
    let input = checkout(plan.id, 1, customer, PaymentMethod::Offline);
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer.create_order(&agree(&input, &contract), None).await.unwrap();
    buyer
        .create_transfer(
            order.id,
            &rc_types::orders::TransferInput {
                payer_name: "BlueCloud_D".into(),
                bank: "招商银行".into(),
                account: "6225 8888 0000".into(),
                amount: order.payable,
                transfer_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
                reference: "TX-9".into(),
            },
            None,
        )
        .await
        .unwrap();
    let operator = app.login_demo(OPERATOR).await;
    assert!(
        !operator
            .get_order(order.id)
            .await
            .unwrap()
            .actions
            .operator_cancel
    );
    let refused = operator
        .cancel_order_by_operator(order.id, &reason("取消"))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(409));
    // Confirmed, then cancelled: the transfer is owed back in cash.
    let finance = app.login_demo(FINANCE).await;
    let transfer = buyer.get_order(order.id).await.unwrap().transfers[0].id;
    finance.confirm_transfer(order.id, transfer).await.unwrap();
    let cancelled = operator
        .cancel_order_by_operator(order.id, &reason("取消"))
        .await
        .unwrap();
    assert_eq!(cancelled.refund_due, order.payable);

    // Finance pays it back, once, with the payout's reference.
    assert!(finance.get_order(order.id).await.unwrap().actions.settle_refund);
    let payout = rc_types::orders::RefundPaidInput {
        reference: "RF-2026-0001".into(),
    };
    let manager = app.login_demo(ACCOUNT_MANAGER).await;
    assert_eq!(
        manager
            .confirm_refund(order.id, &payout)
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    let settled = finance.confirm_refund(order.id, &payout).await.unwrap();
    assert!(settled.refund_paid_at.is_some() && !settled.actions.settle_refund);
    assert_eq!(settled.refund_reference.as_deref(), Some("RF-2026-0001"));
    assert!(settled.events.iter().any(|e| e.kind == "refund_paid"));
    assert_eq!(
        finance
            .confirm_refund(order.id, &payout)
            .await
            .unwrap_err()
            .status(),
        Some(409),
        "paid once"
    );
    let blank = rc_types::orders::RefundPaidInput {
        reference: " ".into(),
    };
    assert_eq!(
        finance
            .confirm_refund(order.id, &blank)
            .await
            .unwrap_err()
            .status(),
        Some(422)
    );
    // Nothing owed on an order whose cancel released its holds.
    let unpaid = buyer
        .create_order(
            &agree(
                &checkout(plan.id, 1, customer, PaymentMethod::Offline),
                &buyer
                    .create_contract(&checkout(plan.id, 1, customer, PaymentMethod::Offline))
                    .await
                    .unwrap(),
            ),
            None,
        )
        .await
        .unwrap();
    buyer.cancel_order(unpaid.id).await.unwrap();
    assert_eq!(
        finance
            .confirm_refund(unpaid.id, &payout)
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
}

#[tokio::test]
async fn a_member_spends_the_company_assets_only_when_the_operator_allows() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    credit_line(&finance, "BlueCloud_D").await;
    let member = app.login_demo(MEMBER).await;
    let plan = priced_plan(&member).await;
    let customer = new_customer(&member, "member").await;
    let mut input = checkout(plan.id, 1, customer, PaymentMethod::Online);
    let quote = member.quote_checkout(&input).await.unwrap();
    assert!(quote.credit.is_none() && quote.applicable_coupons.is_empty());
    assert_eq!(quote.rebate_available.amount, dec!(0));
    input.use_credit = true;
    let refused = member.quote_checkout(&input).await.unwrap_err();
    assert_eq!(
        (refused.status(), fields(&refused)),
        (Some(422), vec!["use_credit".to_owned()])
    );
    let refused = member.create_contract(&input).await.unwrap_err();
    assert_eq!(fields(&refused), vec!["use_credit".to_owned()]);

    let mut settings = finance.get_finance_settings().await.unwrap();
    settings.members_see_assets = true;
    finance.update_finance_settings(&settings).await.unwrap();
    let quote = member.quote_checkout(&input).await.unwrap();
    assert_eq!(quote.credit_used.amount, plan.unit_price.amount);
}

#[tokio::test]
async fn a_contract_is_shown_once_per_checkout_and_refused_when_the_customer_changed() {
    let app = demo().await;
    let buyer = app.login_demo(DISTRIBUTOR).await;
    let plan = priced_plan(&buyer).await;
    let customer = new_customer(&buyer, "changing").await;
    let input = checkout(plan.id, 1, customer, PaymentMethod::Offline);
    let first = buyer.create_contract(&input).await.unwrap();
    let again = buyer.create_contract(&input).await.unwrap();
    assert_eq!(
        (again.id, &again.sha256),
        (first.id, &first.sha256),
        "the same contract again"
    );

    buyer
        .update_customer(
            customer,
            &CustomerInput {
                name: "changing".into(),
                email: "changing@customer.example".into(),
                company_name: "changing 有限公司".into(),
                phone: "13800000000".into(),
                address: "北京市朝阳区".into(),
            },
        )
        .await
        .unwrap();
    let refused = buyer
        .create_order(&agree(&input, &first), None)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(409), "the contract shows the old address");
    // Shown again, it carries the new address and can be agreed.
    let fresh = buyer.create_contract(&input).await.unwrap();
    assert_ne!(fresh.id, first.id);
    assert_eq!(fresh.customer.address, "北京市朝阳区");
    buyer.create_order(&agree(&input, &fresh), None).await.unwrap();
}

#[tokio::test]
async fn an_invoice_pdf_is_attached_by_finance_and_read_by_the_buyer_only() {
    let app = demo().await;
    let (buyer, finance) = (app.login_demo(TEST_A).await, app.login_demo(FINANCE).await);
    let (order, request) = invoiced_order(&buyer, &finance, "invoiced").await;
    let pdf = Upload {
        file_name: "发票.pdf".into(),
        bytes: b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec(),
    };
    // Not before it is issued, and only a PDF by content.
    let early = finance
        .upload_invoice_pdf(request.id, pdf.clone())
        .await
        .unwrap_err();
    assert_eq!(early.status(), Some(409));
    finance
        .issue_invoice(
            request.id,
            &IssueInvoiceInput {
                invoice_no: "No.00012345".into(),
                issued_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            },
        )
        .await
        .unwrap();
    let not_pdf = Upload {
        file_name: "发票.pdf".into(),
        bytes: crate::fixtures::PNG.to_vec(),
    };
    assert_eq!(
        finance
            .upload_invoice_pdf(request.id, not_pdf)
            .await
            .unwrap_err()
            .status(),
        Some(415)
    );
    let manager = app.login_demo(ACCOUNT_MANAGER).await;
    assert_eq!(
        manager
            .upload_invoice_pdf(request.id, pdf.clone())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    let attached = finance.upload_invoice_pdf(request.id, pdf.clone()).await.unwrap();
    assert!(attached.pdf_url.is_some());
    let shown = buyer.get_order(order.id).await.unwrap();
    assert_eq!(
        shown.invoices[0].pdf_url.as_deref(),
        Some(format!("/api/v1/orders/{}/invoices/{}/pdf", order.id, request.id).as_str())
    );
    assert_eq!(
        buyer.download_invoice_pdf(order.id, request.id).await.unwrap(),
        pdf.bytes
    );
    assert_eq!(
        finance.download_invoice_pdf(order.id, request.id).await.unwrap(),
        pdf.bytes
    );

    // TestCompany-A's distributor follows the order without its invoices, transfers or contract.
    let distributor = app.login_demo(DISTRIBUTOR).await;
    let read_only = distributor.get_order(order.id).await.unwrap();
    assert!(read_only.invoices.is_empty() && read_only.transfers.is_empty());
    assert!(read_only.contract_url.is_empty() && read_only.contract_sha256.is_empty());
    assert!(
        read_only
            .events
            .iter()
            .filter(|e| e.kind.starts_with("transfer_") || e.kind.starts_with("invoice_") || e.kind == "paid")
            .all(|e| e.detail.is_empty()),
        "no bank or invoice details in the timeline either"
    );
    for client in [&distributor, &app.login_demo("admin@heenor.example").await] {
        let refused = client
            .download_invoice_pdf(order.id, request.id)
            .await
            .unwrap_err();
        assert_eq!(refused.status(), Some(404));
    }
    // The distributor's member doesn't follow its resellers' orders: not found, like any other.
    let member = app.login_demo(MEMBER).await;
    assert_eq!(member.get_order(order.id).await.unwrap_err().status(), Some(404));

    // Cancelled and refunded, the issued invoice is reversed (its PDF stays on record).
    let operator = app.login_demo(OPERATOR).await;
    operator
        .cancel_order_by_operator(order.id, &reason("客户退货"))
        .await
        .unwrap();
    let refunded = buyer.get_order(order.id).await.unwrap();
    assert_eq!(refunded.invoices[0].status, "reversed");
    assert!(refunded.events.iter().any(|e| e.kind == "invoice_reversed"));
    assert_eq!(
        buyer.download_invoice_pdf(order.id, request.id).await.unwrap(),
        pdf.bytes
    );
}

#[tokio::test]
async fn cancelling_a_paid_order_rejects_its_open_invoice_request() {
    let app = demo().await;
    let (buyer, finance) = (app.login_demo(TEST_A).await, app.login_demo(FINANCE).await);
    let (order, request) = invoiced_order(&buyer, &finance, "cancel-invoice").await;
    let operator = app.login_demo(OPERATOR).await;
    operator
        .cancel_order_by_operator(order.id, &reason("客户取消"))
        .await
        .unwrap();
    let refused = finance
        .issue_invoice(
            request.id,
            &IssueInvoiceInput {
                invoice_no: "No.1".into(),
                issued_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(409));
    let shown = buyer.get_order(order.id).await.unwrap();
    assert_eq!(shown.invoices[0].status, "rejected");
    assert_eq!(shown.invoices[0].reject_reason.as_deref(), Some("订单已取消"));
}

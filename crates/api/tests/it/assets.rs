//! My assets and the finance desk: rebate grants and claw-backs with their statements, coupons
//! from template to wallet, credit lines with bills and repayments — and who may see what.

use rc_client::{Client, ClientError};
use rc_domain::ledger::HoldState;
use rc_store::assets::{coupons, credit, ledger};
use rc_types::PageQuery;
use rc_types::assets::coupons::{
    ApplicableCouponsInput, CouponIssueInput, CouponQuery, CouponState, CouponTemplateInput, OrderLineInput,
    Validity,
};
use rc_types::assets::credit::{
    CreditLineInput, OfflineSpendInput, RejectRepaymentInput, RepaymentInput, RepaymentMethod,
    RepaymentStatus,
};
use rc_types::assets::finance::{CompanyAssetsQuery, RepaymentQueueQuery};
use rc_types::assets::rebate::{RebateAdjustmentInput, RebateDirection};
use rc_types::assets::{EntryKind, PeriodQuery};
use rust_decimal::Decimal;

use crate::fixtures::{ACCOUNT_MANAGER, DISTRIBUTOR, OPERATOR, demo};

/// Finance staff (财务).
pub const FINANCE: &str = "finance@bluecloud.example";
/// TestCompany-A's admin.
pub const TEST_A: &str = "admin@testcompany-a.example";
/// BlueCloud_D's member.
pub const MEMBER: &str = "sales@bluecloud-d.example";

fn yuan(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// The status and the failing fields of a refused call.
pub fn refusal<T: std::fmt::Debug>(result: Result<T, ClientError>) -> (u16, Vec<String>) {
    match result {
        Err(ClientError::Api { status, body, .. }) => {
            (status, body.fields.into_iter().map(|f| f.field).collect())
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// The id of the partner company named like `name`, as the finance desk lists it.
pub async fn company_id(finance: &Client, name: &str) -> i64 {
    let page = finance
        .list_finance_companies(&CompanyAssetsQuery {
            q: Some(name.into()),
            ..CompanyAssetsQuery::default()
        })
        .await
        .unwrap();
    page.items
        .iter()
        .find(|c| c.company_name.contains(name))
        .expect("company listed")
        .company_id
}

fn adjustment(direction: RebateDirection, amount: &str) -> RebateAdjustmentInput {
    RebateAdjustmentInput {
        direction,
        amount: amount.into(),
        reason: "半年返点".into(),
    }
}

#[tokio::test]
async fn rebate_grants_claw_backs_and_statements() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "TestCompany").await;

    let first = finance
        .create_rebate_adjustment(
            company,
            &adjustment(RebateDirection::Grant, "60"),
            Some("grant-1"),
        )
        .await
        .unwrap();
    assert_eq!(
        (first.kind, first.amount.amount, first.balance_after.amount),
        (EntryKind::Grant, yuan("60"), yuan("60"))
    );
    let again = finance
        .create_rebate_adjustment(
            company,
            &adjustment(RebateDirection::Grant, "60"),
            Some("grant-1"),
        )
        .await
        .unwrap();
    assert_eq!(again, first, "the same key answers with the first entry");
    let (status, fields) = refusal(
        finance
            .create_rebate_adjustment(
                company,
                &adjustment(RebateDirection::Grant, "61"),
                Some("grant-1"),
            )
            .await,
    );
    assert_eq!((status, fields), (422, vec!["Idempotency-Key".to_owned()]));

    for bad in ["-1", "1.001", "abc", "0", ""] {
        let (status, fields) = refusal(
            finance
                .create_rebate_adjustment(company, &adjustment(RebateDirection::Grant, bad), None)
                .await,
        );
        assert_eq!((status, fields), (422, vec!["amount".to_owned()]), "{bad:?}");
    }
    let (status, fields) = refusal(
        finance
            .create_rebate_adjustment(company, &adjustment(RebateDirection::ClawBack, "60.01"), None)
            .await,
    );
    assert_eq!(
        (status, fields),
        (422, vec!["amount".to_owned()]),
        "no claw-back below zero"
    );
    finance
        .create_rebate_adjustment(company, &adjustment(RebateDirection::ClawBack, "18.75"), None)
        .await
        .unwrap();
    let (status, _) = refusal(
        finance
            .create_rebate_adjustment(999_999, &adjustment(RebateDirection::Grant, "1"), None)
            .await,
    );
    assert_eq!(status, 404);

    let admin = app.login_demo(TEST_A).await;
    let account = admin.get_rebate_account().await.unwrap();
    assert_eq!(
        (account.balance.amount, account.available.amount),
        (yuan("41.25"), yuan("41.25"))
    );
    assert!(account.rules.contains("可抵扣优惠金额"));
    let entries = admin.list_rebate_entries(&PeriodQuery::default()).await.unwrap();
    assert_eq!(entries.total, 2);
    assert_eq!(entries.items[0].kind, EntryKind::ClawBack, "newest first");
    assert_eq!(entries.items[0].balance_after.amount, yuan("41.25"));
    assert!(entries.items[0].txn_no.len() >= 16);
    let recharges = admin
        .list_rebate_recharges(&PeriodQuery::default())
        .await
        .unwrap();
    assert_eq!(recharges.total, 2);
    let (status, fields) = refusal(
        admin
            .list_rebate_entries(&PeriodQuery {
                period: Some(rc_types::assets::Period::Custom),
                ..PeriodQuery::default()
            })
            .await,
    );
    assert_eq!((status, fields), (422, vec!["from".to_owned(), "to".to_owned()]));
    app.with_conn(|conn| assert!(ledger::unbalanced_accounts(conn).unwrap().is_empty()));

    // Who may see and do what.
    let member = app.login_demo(MEMBER).await;
    assert_eq!(refusal(member.get_rebate_account().await).0, 403);
    let mut settings = finance.get_finance_settings().await.unwrap();
    settings.members_see_assets = true;
    finance.update_finance_settings(&settings).await.unwrap();
    assert_eq!(
        member.get_rebate_account().await.unwrap().balance.amount,
        Decimal::ZERO,
        "its own company's, not another's"
    );
    let manager = app.login_demo(ACCOUNT_MANAGER).await;
    assert_eq!(
        refusal(
            manager
                .list_finance_companies(&CompanyAssetsQuery::default())
                .await
        )
        .0,
        403
    );
    assert_eq!(
        refusal(admin.list_finance_actions(&PageQuery::default()).await).0,
        403
    );
    assert_eq!(
        refusal(app.login_demo(OPERATOR).await.get_rebate_account().await).0,
        403,
        "staff have no assets"
    );
    let actions = finance.list_finance_actions(&PageQuery::default()).await.unwrap();
    assert!(
        actions
            .items
            .iter()
            .any(|a| a.action == "rebate.grant" && a.company_name.as_deref() == Some("TestCompany-A"))
    );
    assert!(actions.items.iter().all(|a| a.actor == "财务"));
}

fn template(solution_id: i64, validity: Validity) -> CouponTemplateInput {
    CouponTemplateInput {
        name: "双十一促销".into(),
        face_value: "10".into(),
        min_amount: "0".into(),
        min_quantity: 0,
        all_solutions: false,
        solution_ids: vec![solution_id],
        validity,
        region: "中国大陆".into(),
    }
}

#[tokio::test]
async fn coupons_from_template_to_wallet() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "TestCompany").await;
    let solutions = app
        .anonymous()
        .list_solutions(&rc_types::catalog::ListSolutionsQuery::default())
        .await
        .unwrap();
    let solution = &solutions.items[0];
    let plan = app.anonymous().get_solution(solution.id).await.unwrap().plans[0].clone();

    let (status, fields) = refusal(
        finance
            .create_coupon_template(&CouponTemplateInput {
                solution_ids: vec![],
                ..template(solution.id, Validity::Permanent)
            })
            .await,
    );
    assert_eq!((status, fields), (422, vec!["solution_ids".to_owned()]));
    let current = finance
        .create_coupon_template(&template(solution.id, Validity::Permanent))
        .await
        .unwrap();
    let issued = finance
        .create_coupon_issuance(
            current.id,
            &CouponIssueInput {
                company_ids: vec![company],
                quantity: 2,
            },
            Some("issue-1"),
        )
        .await
        .unwrap();
    assert_eq!(issued.codes.len(), 2);
    assert!(
        issued
            .codes
            .iter()
            .all(|c| c.code.len() == 9 && !c.code.contains(['0', 'O', '1', 'I', 'L']))
    );
    let again = finance
        .create_coupon_issuance(
            current.id,
            &CouponIssueInput {
                company_ids: vec![company],
                quantity: 2,
            },
            Some("issue-1"),
        )
        .await
        .unwrap();
    assert_eq!(again, issued, "a retried issuance issues nothing more");
    assert_eq!(
        refusal(
            finance
                .update_coupon_template(current.id, &template(solution.id, Validity::Permanent))
                .await
        )
        .0,
        409
    );
    let past = Validity::Window {
        from: "2019-10-01T00:00:00Z".parse().unwrap(),
        to: "2019-10-07T00:00:00Z".parse().unwrap(),
    };
    let expired = finance
        .create_coupon_template(&template(solution.id, past))
        .await
        .unwrap();
    finance
        .create_coupon_issuance(
            expired.id,
            &CouponIssueInput {
                company_ids: vec![company],
                quantity: 1,
            },
            None,
        )
        .await
        .unwrap();
    let counts = finance.get_coupon_template(current.id).await.unwrap().counts;
    assert_eq!((counts.issued, counts.unused), (2, 2));

    let admin = app.login_demo(TEST_A).await;
    let tab = |state| CouponQuery {
        state: Some(state),
        ..CouponQuery::default()
    };
    let unused = admin.list_coupons(&tab(CouponState::Unused)).await.unwrap();
    assert_eq!(unused.total, 2);
    assert_eq!(unused.items[0].terms.solutions[0].id, solution.id);
    assert_eq!(
        admin
            .list_coupons(&tab(CouponState::Expired))
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        admin.list_coupons(&tab(CouponState::Used)).await.unwrap().total,
        0
    );
    let lines = ApplicableCouponsInput {
        lines: vec![OrderLineInput {
            plan_id: plan.id,
            quantity: 1,
        }],
    };
    let applicable = admin.search_applicable_coupons(&lines).await.unwrap();
    assert_eq!(applicable.len(), 2, "the expired coupon does not apply");
    assert_eq!(
        applicable[0].discount.amount,
        yuan("10").min(plan.unit_price.amount)
    );
    let unknown = ApplicableCouponsInput {
        lines: vec![OrderLineInput {
            plan_id: 999_999,
            quantity: 1,
        }],
    };
    assert_eq!(
        refusal(admin.search_applicable_coupons(&unknown).await),
        (422, vec!["lines[0].plan_id".to_owned()])
    );
    let other = app.login_demo(DISTRIBUTOR).await;
    assert_eq!(
        other.list_coupons(&tab(CouponState::Unused)).await.unwrap().total,
        0,
        "another company's coupons stay its own"
    );

    // An order holds one coupon; the capture uses it; another order can't take it.
    let coupon_id = unused.items[0].id;
    app.with_conn(|conn| {
        coupons::hold(conn, company, coupon_id, "DD-1").unwrap();
        assert!(
            coupons::hold(conn, company, coupon_id, "DD-2").is_err(),
            "held by another order"
        );
        coupons::resolve(conn, company, coupon_id, "DD-1", HoldState::Captured).unwrap();
        assert!(coupons::hold(conn, company, coupon_id, "DD-3").is_err(), "used");
    });
    let used = admin.list_coupons(&tab(CouponState::Used)).await.unwrap();
    assert_eq!((used.total, used.items[0].order_no.as_deref()), (1, Some("DD-1")));
    // A released order gives its coupon back.
    let second = unused.items[1].id;
    app.with_conn(|conn| {
        coupons::hold(conn, company, second, "DD-4").unwrap();
        coupons::resolve(conn, company, second, "DD-4", HoldState::Released).unwrap();
        coupons::hold(conn, company, second, "DD-5").unwrap();
        assert!(ledger::unbalanced_accounts(conn).unwrap().is_empty());
    });
    let issued_list = finance
        .list_template_coupons(current.id, &CouponQuery::default())
        .await
        .unwrap();
    assert_eq!(issued_list.total, 2);
    assert_eq!(issued_list.items[0].company_name, "TestCompany-A");
}

#[tokio::test]
async fn credit_line_bills_and_repayments() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "TestCompany").await;
    let line = |limit: &str| CreditLineInput {
        limit: limit.into(),
        term_days: 365,
        reason: "银行授信".into(),
    };

    let detail = finance.update_credit_line(company, &line("1500")).await.unwrap();
    assert_eq!(
        (detail.account.limit.amount, detail.account.available.amount),
        (yuan("1500"), yuan("1500"))
    );
    let spend = OfflineSpendInput {
        amount: "745.50".into(),
        reason: "线下采购".into(),
    };
    finance
        .create_credit_spend(company, &spend, Some("spend-1"))
        .await
        .unwrap();
    finance
        .create_credit_spend(company, &spend, Some("spend-1"))
        .await
        .unwrap();
    let (status, fields) = refusal(finance.update_credit_line(company, &line("700")).await);
    assert_eq!(
        (status, fields),
        (422, vec!["limit".to_owned()]),
        "not below what is owed"
    );
    let over = OfflineSpendInput {
        amount: "754.51".into(),
        reason: "x".into(),
    };
    assert_eq!(
        refusal(finance.create_credit_spend(company, &over, None).await),
        (422, vec!["amount".to_owned()])
    );

    let admin = app.login_demo(TEST_A).await;
    let account = admin.get_credit_account().await.unwrap();
    assert_eq!(
        (
            account.limit.amount,
            account.term_days,
            account.available.amount,
            account.outstanding.amount,
            account.on_hold
        ),
        (yuan("1500"), 365, yuan("754.5"), yuan("745.5"), false)
    );
    let entries = admin.list_credit_entries(&PeriodQuery::default()).await.unwrap();
    assert_eq!(
        entries.total, 2,
        "the line's total and one spend (the retried spend posted once)"
    );

    // The cycle closes: the spend becomes a bill.
    let later = rc_store::db::now() + chrono::TimeDelta::days(40);
    let bills = app.with_conn(|conn| credit::close_cycles(conn, company, later).unwrap());
    assert_eq!(bills.len(), 1);
    assert!(
        app.with_conn(|conn| credit::close_cycles(conn, company, later).unwrap())
            .is_empty(),
        "once"
    );
    let bill = admin
        .list_credit_bills(&PeriodQuery::default())
        .await
        .unwrap()
        .items
        .remove(0);
    assert_eq!(bill.amount.amount, yuan("745.5"));

    let repay = |amount: &str| RepaymentInput {
        bill_id: bill.id,
        method: RepaymentMethod::Offline,
        amount: amount.into(),
        payer_account: "6222 0000 1111 2222".into(),
        paid_on: chrono::Utc::now().date_naive(),
    };
    assert_eq!(
        refusal(admin.create_credit_repayment(&repay("745.51"), None).await),
        (422, vec!["amount".to_owned()])
    );
    assert_eq!(
        refusal(
            admin
                .create_credit_repayment(
                    &RepaymentInput {
                        method: RepaymentMethod::Online,
                        ..repay("1")
                    },
                    None
                )
                .await
        ),
        (422, vec!["method".to_owned()])
    );
    assert_eq!(
        refusal(
            admin
                .create_credit_repayment(
                    &RepaymentInput {
                        bill_id: 999_999,
                        ..repay("1")
                    },
                    None
                )
                .await
        )
        .0,
        404
    );
    let member = app.login_demo(MEMBER).await;
    assert_eq!(
        refusal(member.create_credit_repayment(&repay("1"), None).await).0,
        403
    );
    let first = admin
        .create_credit_repayment(&repay("300"), Some("repay-1"))
        .await
        .unwrap();
    assert_eq!(
        admin
            .create_credit_repayment(&repay("300"), Some("repay-1"))
            .await
            .unwrap()
            .id,
        first.id
    );
    assert_eq!(
        refusal(admin.create_credit_repayment(&repay("445.51"), None).await).0,
        422,
        "pending repayments count"
    );
    let second = admin.create_credit_repayment(&repay("100"), None).await.unwrap();

    let queue = finance
        .list_repayments(&RepaymentQueueQuery::default())
        .await
        .unwrap();
    assert_eq!(queue.total, 2);
    finance.approve_repayment(first.id).await.unwrap();
    assert_eq!(
        refusal(finance.approve_repayment(first.id).await).0,
        409,
        "once only"
    );
    let rejected = finance
        .reject_repayment(
            second.id,
            &RejectRepaymentInput {
                reason: "未收到款项".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(rejected.status, RepaymentStatus::Rejected);
    assert_eq!(
        refusal(
            app.login_demo(ACCOUNT_MANAGER)
                .await
                .approve_repayment(second.id)
                .await
        )
        .0,
        403
    );

    let account = admin.get_credit_account().await.unwrap();
    assert_eq!(
        (account.available.amount, account.outstanding.amount),
        (yuan("1054.5"), yuan("445.5"))
    );
    let bill = admin
        .list_credit_bills(&PeriodQuery::default())
        .await
        .unwrap()
        .items
        .remove(0);
    assert_eq!(
        (bill.repaid.amount, bill.pending.amount),
        (yuan("300"), Decimal::ZERO)
    );
    let history = admin
        .list_credit_repayments(&PeriodQuery::default())
        .await
        .unwrap();
    assert_eq!(history.total, 2);
    app.with_conn(|conn| assert!(ledger::unbalanced_accounts(conn).unwrap().is_empty()));

    // An overdue bill puts the line on hold for new credit spends.
    let overdue = rc_store::db::now() + chrono::TimeDelta::days(500);
    app.with_conn(|conn| {
        let today = rc_domain::period::china_date(overdue);
        assert!(credit::overdue(conn, company, today).unwrap().0 > 0);
    });
    let mail = app.with_conn(|conn| {
        rc_store::outbox::list(conn, PageQuery::sized(None, Some(100), 100), |_| None, "").unwrap()
    });
    assert!(
        mail.items
            .iter()
            .any(|m| m.recipient == TEST_A && m.subject.contains("账期额度"))
    );
}

#[tokio::test]
async fn the_demo_shows_the_manuals_figures() {
    let app = demo().await;
    assert!(app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap()));
    assert!(
        !app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap()),
        "idempotent"
    );
    let admin = app.login_demo(TEST_A).await;
    assert_eq!(
        admin.get_rebate_account().await.unwrap().balance.amount,
        yuan("41.25")
    );
    let all = PeriodQuery {
        period: Some(rc_types::assets::Period::All),
        ..PeriodQuery::default()
    };
    assert_eq!(admin.list_rebate_entries(&all).await.unwrap().total, 7);
    assert!(
        admin
            .list_rebate_entries(&PeriodQuery::default())
            .await
            .unwrap()
            .total
            < 7,
        "the last month shows fewer"
    );
    let tab = |state| CouponQuery {
        state: Some(state),
        ..CouponQuery::default()
    };
    let unused = admin.list_coupons(&tab(CouponState::Unused)).await.unwrap();
    let mut codes: Vec<String> = unused.items.iter().map(|c| c.code.clone()).collect();
    codes.sort();
    assert_eq!(codes, ["4H835KXKM", "WERZE88J"]);
    assert_eq!(
        admin.list_coupons(&tab(CouponState::Used)).await.unwrap().total,
        2
    );
    assert_eq!(
        admin
            .list_coupons(&tab(CouponState::Expired))
            .await
            .unwrap()
            .items[0]
            .code,
        "T39XUQQU"
    );
    let credit = admin.get_credit_account().await.unwrap();
    assert_eq!(
        (
            credit.limit.amount,
            credit.term_days,
            credit.available.amount,
            credit.outstanding.amount
        ),
        (yuan("1500"), 365, yuan("754.5"), yuan("745.5"))
    );
    assert_eq!(
        admin.list_credit_entries(&all).await.unwrap().total,
        11,
        "the line, one offline use, nine orders"
    );
    let distributor = app.login_demo(DISTRIBUTOR).await;
    assert_eq!(
        distributor.get_rebate_account().await.unwrap().balance.amount,
        yuan("1488.39")
    );
    app.with_conn(|conn| assert!(ledger::unbalanced_accounts(conn).unwrap().is_empty()));
}

#[tokio::test]
async fn one_callers_key_never_suppresses_anothers_operation() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let operator = app.login_demo(OPERATOR).await;
    let company = company_id(&finance, "TestCompany").await;
    let grant = adjustment(RebateDirection::Grant, "5");
    let first = finance
        .create_rebate_adjustment(company, &grant, Some("shared-key"))
        .await
        .unwrap();
    let second = operator
        .create_rebate_adjustment(company, &grant, Some("shared-key"))
        .await
        .unwrap();
    assert_ne!(
        first.id, second.id,
        "the same key from another caller is another operation"
    );
    assert_eq!(second.balance_after.amount, yuan("10"));
}

#[tokio::test]
async fn members_allowed_to_see_assets_see_no_bank_accounts() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "BlueCloud_D").await;
    let line = CreditLineInput {
        limit: "100".into(),
        term_days: 30,
        reason: "授信".into(),
    };
    finance.update_credit_line(company, &line).await.unwrap();
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
    let repay = RepaymentInput {
        bill_id: bill.id,
        method: RepaymentMethod::Offline,
        amount: "10".into(),
        payer_account: "6222 0000 1111 2222".into(),
        paid_on: chrono::Utc::now().date_naive(),
    };
    admin.create_credit_repayment(&repay, None).await.unwrap();
    let mut settings = finance.get_finance_settings().await.unwrap();
    settings.members_see_assets = true;
    finance.update_finance_settings(&settings).await.unwrap();
    let member = app.login_demo(MEMBER).await;
    let seen = member
        .list_credit_repayments(&PeriodQuery::default())
        .await
        .unwrap();
    assert_eq!(seen.items[0].payer_account, "**** 2222");
    let all = admin
        .list_credit_repayments(&PeriodQuery::default())
        .await
        .unwrap();
    assert_eq!(
        all.items[0].payer_account, "6222 0000 1111 2222",
        "the admin sees the account it entered"
    );
    let ancient = PeriodQuery {
        period: Some(rc_types::assets::Period::Custom),
        from: chrono::NaiveDate::from_ymd_opt(-262_000, 1, 1),
        to: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        ..PeriodQuery::default()
    };
    assert_eq!(
        refusal(admin.list_rebate_entries(&ancient).await),
        (422, vec!["from".to_owned()])
    );
}

//! Concurrent holds never overspend, on either database: 200 at once against one rebate
//! balance, one credit line and one coupon; retries of one order apply once; concurrent
//! idempotent grants move money once. After each race every account equals the sum of its entries.

use std::sync::Arc;

use rc_domain::Fen;
use rc_domain::ledger::Short;
use rc_store::assets::ledger::{self, AccountKey, LedgerError, Posted};
use rc_store::assets::{coupons, credit};
use rc_testkit::TestApp;
use rc_types::assets::coupons::{CouponIssueInput, CouponTemplateInput, Validity};
use rc_types::assets::credit::CreditLineInput;
use rc_types::assets::rebate::{RebateAdjustmentInput, RebateDirection};

use crate::assets::{FINANCE, company_id};
use crate::fixtures::demo;

const RACERS: usize = 200;

/// Every account equals the sum of its entries.
fn balanced(app: &TestApp) {
    app.with_conn(|conn| assert_eq!(ledger::unbalanced_accounts(conn).unwrap(), Vec::<i64>::new()));
}

/// Runs `hold(conn, i)` from `RACERS` threads at once; returns (accepted, refused as short).
fn race(
    app: &TestApp,
    hold: impl Fn(&mut rc_store::DbConn, usize) -> Result<Posted, LedgerError> + Send + Sync + 'static,
) -> (usize, usize) {
    let hold = Arc::new(hold);
    let start = Arc::new(std::sync::Barrier::new(RACERS));
    let threads: Vec<_> = (0..RACERS)
        .map(|i| {
            let (pool, hold, start) = (app.pool.clone(), hold.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let mut conn = pool.get().expect("a pooled connection");
                conn.atomic_write(|conn| hold(conn, i))
            })
        })
        .collect();
    let (mut accepted, mut short) = (0, 0);
    for thread in threads {
        match thread.join().expect("no panic") {
            Ok(Posted::New(_)) => accepted += 1,
            Ok(Posted::Repeated(_)) => {}
            Err(LedgerError::Short(Short { .. }) | LedgerError::Unusable(_)) => short += 1,
            Err(other) => panic!("a hold failed: {other}"),
        }
    }
    app.with_conn(|conn| {
        assert_eq!(
            ledger::unbalanced_accounts(conn).unwrap(),
            Vec::<i64>::new(),
            "ledgers sum to balances"
        );
    });
    (accepted, short)
}

#[tokio::test]
async fn concurrent_holds_never_overspend() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "TestCompany").await;

    // Rebate: ¥100.00, 200 holds of ¥1.00 → exactly 100 accepted.
    let grant = RebateAdjustmentInput {
        direction: RebateDirection::Grant,
        amount: "100".into(),
        reason: "race".into(),
    };
    finance
        .create_rebate_adjustment(company, &grant, None)
        .await
        .unwrap();
    let (accepted, short) = race(&app, move |conn, i| {
        let account = ledger::account(conn, AccountKey::rebate(company))?;
        ledger::hold(conn, account.id, &format!("R-{i}"), Fen(100), None)
    });
    assert_eq!((accepted, short), (100, 100));
    let account = app.with_conn(|conn| {
        ledger::find_account(conn, AccountKey::rebate(company))
            .unwrap()
            .unwrap()
    });
    assert_eq!((account.posted_fen, account.held_fen), (10_000, 10_000));

    // Credit line: ¥50.00, 200 holds of ¥1.00 → 50 accepted.
    let line = CreditLineInput {
        limit: "50".into(),
        term_days: 30,
        reason: "race".into(),
    };
    finance.update_credit_line(company, &line).await.unwrap();
    let (accepted, short) = race(&app, move |conn, i| {
        credit::hold(conn, company, &format!("C-{i}"), Fen(100))
    });
    assert_eq!((accepted, short), (50, 150));

    // One coupon, 200 orders → one.
    let solution = app
        .anonymous()
        .list_solutions(&rc_types::catalog::ListSolutionsQuery::default())
        .await
        .unwrap()
        .items[0]
        .id;
    let template = finance
        .create_coupon_template(&CouponTemplateInput {
            name: "race".into(),
            face_value: "10".into(),
            min_amount: "0".into(),
            min_quantity: 0,
            all_solutions: false,
            solution_ids: vec![solution],
            validity: Validity::Permanent,
            region: "中国大陆".into(),
        })
        .await
        .unwrap();
    let code = finance
        .create_coupon_issuance(
            template.id,
            &CouponIssueInput {
                company_ids: vec![company],
                quantity: 1,
            },
            None,
        )
        .await
        .unwrap()
        .codes
        .remove(0)
        .code;
    let coupon = app.with_conn(|conn| {
        coupons::wallet(
            conn,
            company,
            rc_types::assets::coupons::CouponState::Unused,
            rc_types::PageQuery::default(),
        )
        .unwrap()
        .items
        .into_iter()
        .find(|c| c.code == code)
        .unwrap()
        .id
    });
    let (accepted, short) = race(&app, move |conn, i| {
        coupons::hold(conn, company, coupon, &format!("K-{i}"))
    });
    assert_eq!((accepted, short), (1, RACERS - 1));

    // One order retried 200 times at once → one hold.
    finance
        .create_rebate_adjustment(company, &grant, None)
        .await
        .unwrap();
    let (accepted, _) = race(&app, move |conn, _| {
        let account = ledger::account(conn, AccountKey::rebate(company))?;
        ledger::hold(conn, account.id, "SAME-ORDER", Fen(500), None)
    });
    assert_eq!(accepted, 1);
}

#[tokio::test]
async fn concurrent_retries_of_a_grant_move_money_once() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "TestCompany").await;
    let grant = RebateAdjustmentInput {
        direction: RebateDirection::Grant,
        amount: "60".into(),
        reason: "retry".into(),
    };
    let calls = (0..30).map(|_| {
        let (finance, grant) = (finance.clone(), grant.clone());
        tokio::spawn(async move {
            finance
                .create_rebate_adjustment(company, &grant, Some("same-key"))
                .await
        })
    });
    let mut ok = 0;
    for call in calls {
        match call.await.unwrap() {
            Ok(_) => ok += 1,
            Err(rc_client::ClientError::Api { status, .. }) => {
                assert_eq!(status, 409, "a retry racing the first waits its turn");
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert!(ok >= 1);
    let account = app.with_conn(|conn| {
        ledger::find_account(conn, AccountKey::rebate(company))
            .unwrap()
            .unwrap()
    });
    assert_eq!(account.posted_fen, 6_000, "granted once");
}

/// Sends `n` copies of a request at once; returns the statuses (a 5xx fails the test).
async fn statuses<T, F, Fut>(n: usize, call: F) -> Vec<u16>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Result<T, rc_client::ClientError>> + Send + 'static,
{
    let calls: Vec<_> = (0..n).map(|i| tokio::spawn(call(i))).collect();
    let mut seen = Vec::new();
    for call in calls {
        let status = match call.await.unwrap() {
            Ok(_) => 200,
            Err(rc_client::ClientError::Api { status, .. }) => status,
            Err(other) => panic!("{other}"),
        };
        assert!(status < 500, "no 5xx under concurrency");
        seen.push(status);
    }
    seen
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

#[tokio::test]
async fn concurrent_finance_actions_never_overspend_or_apply_twice() {
    use rc_types::assets::credit::{OfflineSpendInput, RepaymentInput, RepaymentMethod};

    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "TestCompany").await;

    // Claw-backs: ¥10.00 of rebate, 40 claw-backs of ¥1 at once → 10.
    let grant = RebateAdjustmentInput {
        direction: RebateDirection::Grant,
        amount: "10".into(),
        reason: "race".into(),
    };
    finance
        .create_rebate_adjustment(company, &grant, None)
        .await
        .unwrap();
    let seen = statuses(40, |_| {
        let finance = finance.clone();
        async move {
            let claw = RebateAdjustmentInput {
                direction: RebateDirection::ClawBack,
                amount: "1".into(),
                reason: "race".into(),
            };
            finance.create_rebate_adjustment(company, &claw, None).await
        }
    })
    .await;
    assert_eq!((count(&seen, 200), count(&seen, 422)), (10, 30));

    // Changes of the line at once: its total and the ledger agree whichever commits last.
    let line = |limit: &str| CreditLineInput {
        limit: limit.into(),
        term_days: 30,
        reason: "race".into(),
    };
    finance.update_credit_line(company, &line("100")).await.unwrap();
    let seen = statuses(20, |i| {
        let finance = finance.clone();
        async move {
            finance
                .update_credit_line(company, &line(if i % 2 == 0 { "200" } else { "300" }))
                .await
        }
    })
    .await;
    assert_eq!(count(&seen, 200), 20);
    let account = finance.get_credit_line(company).await.unwrap().account;
    assert_eq!(
        account.available.amount, account.limit.amount,
        "available = total: no delta posted twice"
    );
    balanced(&app);

    // Offline use: 100 uses of ¥5 at once against the line → exactly what fits.
    let limit = account.limit.amount;
    let seen = statuses(100, |_| {
        let finance = finance.clone();
        async move {
            let spend = OfflineSpendInput {
                amount: "5".into(),
                reason: "race".into(),
            };
            finance.create_credit_spend(company, &spend, None).await
        }
    })
    .await;
    let fits = usize::try_from((limit / rust_decimal::Decimal::from(5)).trunc().mantissa()).unwrap();
    assert_eq!((count(&seen, 200), count(&seen, 422)), (fits, 100 - fits));
    assert_eq!(
        finance
            .get_credit_line(company)
            .await
            .unwrap()
            .account
            .available
            .amount,
        rust_decimal::Decimal::ZERO
    );
    balanced(&app);

    // The spends are billed, once, though 10 servers close the cycle at once; 10 repayments of
    // all that is owed at once → one fits.
    let later = rc_store::db::now() + chrono::TimeDelta::days(40);
    let start = Arc::new(std::sync::Barrier::new(10));
    let closers: Vec<_> = (0..10)
        .map(|_| {
            let (pool, start) = (app.pool.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                credit::close_cycles(&mut pool.get().unwrap(), company, later)
            })
        })
        .collect();
    for closer in closers {
        closer
            .join()
            .expect("no panic")
            .expect("a close succeeds or finds nothing to bill");
    }
    let admin = app.login_demo(crate::assets::TEST_A).await;
    let bill = admin
        .list_credit_bills(&rc_types::assets::PeriodQuery::default())
        .await
        .unwrap()
        .items
        .remove(0);
    app.with_conn(|conn| {
        use diesel::prelude::*;
        use rc_store::schema::{credit_bills, ledger_entries};
        let bills: Vec<(i64, i64)> = credit_bills::table
            .filter(credit_bills::company_id.eq(company))
            .select((credit_bills::id, credit_bills::amount_fen))
            .load(conn)
            .unwrap();
        for (id, amount) in bills {
            let entries: Vec<i64> = ledger_entries::table
                .filter(ledger_entries::bill_id.eq(id))
                .select(ledger_entries::amount_fen)
                .load(conn)
                .unwrap();
            assert_eq!(
                amount,
                -entries.iter().sum::<i64>(),
                "bill {id} bills each spend once"
            );
        }
    });
    let seen = statuses(10, |_| {
        let (admin, amount) = (admin.clone(), bill.amount.amount.to_string());
        async move {
            let repay = RepaymentInput {
                bill_id: bill.id,
                method: RepaymentMethod::Offline,
                amount,
                payer_account: "6222 0000 1111 2222".into(),
                paid_on: chrono::Utc::now().date_naive(),
            };
            admin.create_credit_repayment(&repay, None).await
        }
    })
    .await;
    assert_eq!((count(&seen, 200), count(&seen, 422)), (1, 9));

    // Finance confirms it from 10 tabs at once → once.
    let queued = finance
        .list_repayments(&rc_types::assets::finance::RepaymentQueueQuery::default())
        .await
        .unwrap();
    let repayment = queued.items[0].repayment.id;
    let seen = statuses(10, |_| {
        let finance = finance.clone();
        async move { finance.approve_repayment(repayment).await }
    })
    .await;
    assert_eq!((count(&seen, 200), count(&seen, 409)), (1, 9));
    let account = finance.get_credit_line(company).await.unwrap().account;
    assert_eq!(account.available.amount, bill.amount.amount, "repaid once");
    balanced(&app);
}

#[tokio::test]
async fn a_coupon_is_captured_once_whatever_the_retries() {
    let app = demo().await;
    let finance = app.login_demo(FINANCE).await;
    let company = company_id(&finance, "TestCompany").await;
    let solution = app
        .anonymous()
        .list_solutions(&rc_types::catalog::ListSolutionsQuery::default())
        .await
        .unwrap()
        .items[0]
        .id;
    let template = finance
        .create_coupon_template(&CouponTemplateInput {
            name: "retry".into(),
            face_value: "10".into(),
            min_amount: "0".into(),
            min_quantity: 0,
            all_solutions: false,
            solution_ids: vec![solution],
            validity: Validity::Permanent,
            region: "中国大陆".into(),
        })
        .await
        .unwrap();
    finance
        .create_coupon_issuance(
            template.id,
            &CouponIssueInput {
                company_ids: vec![company],
                quantity: 1,
            },
            None,
        )
        .await
        .unwrap();
    let coupon = app.with_conn(|conn| {
        coupons::wallet(
            conn,
            company,
            rc_types::assets::coupons::CouponState::Unused,
            rc_types::PageQuery::default(),
        )
        .unwrap()
        .items[0]
            .id
    });
    app.with_conn(|conn| coupons::hold(conn, company, coupon, "ORDER").unwrap());
    let (captured, _) = race(&app, move |conn, _| {
        coupons::resolve(
            conn,
            company,
            coupon,
            "ORDER",
            rc_domain::ledger::HoldState::Captured,
        )
    });
    assert_eq!(captured, 1);
    let used = app.with_conn(|conn| coupons::get(conn, company, coupon).unwrap());
    assert_eq!(used.state, rc_types::assets::coupons::CouponState::Used);
    // The order's checkout retried after the capture: the first hold answers, nothing moves.
    let retried = app.with_conn(|conn| coupons::hold(conn, company, coupon, "ORDER").unwrap());
    assert!(matches!(retried, Posted::Repeated(_)), "{retried:?}");
    let other = app.with_conn(|conn| coupons::hold(conn, company, coupon, "OTHER").unwrap_err());
    assert!(matches!(other, LedgerError::Unusable(_)), "{other}");
    // Holding nothing is refused before anything is written.
    let account = app.with_conn(|conn| ledger::account(conn, AccountKey::rebate(company)).unwrap());
    let zero = app.with_conn(|conn| ledger::hold(conn, account.id, "ZERO", Fen(0), None).unwrap_err());
    assert!(
        matches!(zero, LedgerError::Store(rc_store::StoreError::Invalid { .. })),
        "{zero}"
    );
    balanced(&app);
}

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
        )
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
                assert_eq!(status, 409, "a retry racing the first waits its turn")
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

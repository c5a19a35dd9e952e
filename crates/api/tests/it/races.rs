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
pub async fn statuses<T, F, Fut>(n: usize, call: F) -> Vec<u16>
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

pub fn count(statuses: &[u16], status: u16) -> usize {
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

// ------------------------------------------------------------------ checkout and orders

/// Checkouts raced against one source.
const CHECKOUTS: usize = 200;

/// How one placing ended: the order, or the refusal's status and the fields it names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Placed(i64),
    Refused(u16, Vec<String>),
}

/// Shows one contract per checkout (`buyers[i % n]` shows the i-th), four at a time (each renders
/// its PDF), and answers what agreeing each sends.
async fn show_contracts(
    buyers: &[rc_client::Client],
    inputs: &[rc_types::checkout::CheckoutInput],
) -> Vec<rc_types::checkout::PlaceOrderInput> {
    use futures_util::StreamExt;
    let requests = inputs.iter().enumerate().map(|(i, input)| {
        let (buyer, mut input) = (buyers[i % buyers.len()].clone(), input.clone());
        // Each checkout its own contract (showing one checkout twice answers the same contract).
        input.remark = format!("{} #{i}", input.remark.trim());
        async move {
            let contract = buyer.create_contract(&input).await.expect("contract shown");
            crate::orders::agree(&input, &contract)
        }
    });
    let started = std::time::Instant::now();
    let shown: Vec<_> = futures_util::stream::iter(requests).buffered(4).collect().await;
    eprintln!("{} contracts shown in {:?}", shown.len(), started.elapsed());
    shown
}

/// Places every `placings[i]` as `buyers[i % n]`, all at once (a barrier releases them together);
/// a 5xx fails the test.
async fn place_at_once(
    buyers: &[rc_client::Client],
    placings: Vec<rc_types::checkout::PlaceOrderInput>,
    key: Option<&str>,
) -> Vec<Outcome> {
    let start = Arc::new(tokio::sync::Barrier::new(placings.len()));
    let calls: Vec<_> = placings
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            let (buyer, start, key) = (
                buyers[i % buyers.len()].clone(),
                start.clone(),
                key.map(str::to_owned),
            );
            tokio::spawn(async move {
                start.wait().await;
                buyer.create_order(&input, key.as_deref()).await
            })
        })
        .collect();
    let (mut outcomes, started) = (Vec::with_capacity(calls.len()), std::time::Instant::now());
    for call in calls {
        outcomes.push(match call.await.expect("no panic") {
            Ok(order) => Outcome::Placed(order.id),
            Err(rc_client::ClientError::Api { status, body, .. }) => {
                assert!(
                    status < 500,
                    "no 5xx under concurrency: {status} {}",
                    body.message
                );
                Outcome::Refused(status, body.fields.into_iter().map(|f| f.field).collect())
            }
            Err(other) => panic!("{other}"),
        });
    }
    eprintln!("{} placings answered in {:?}", outcomes.len(), started.elapsed());
    outcomes
}

/// The orders placed; every other placing must be a 422 naming `field`.
fn winners(outcomes: &[Outcome], field: &str) -> Vec<i64> {
    outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            Outcome::Placed(id) => Some(*id),
            Outcome::Refused(status, fields) => {
                assert_eq!(
                    (*status, fields.as_slice()),
                    (422, [field.to_owned()].as_slice()),
                    "a loser is refused on {field}"
                );
                None
            }
        })
        .collect()
}

/// (orders, order lines) of `company`.
fn order_rows(app: &TestApp, company: i64) -> (i64, i64) {
    use diesel::prelude::*;
    use rc_store::schema::{order_lines, orders};
    app.with_conn(|conn| {
        let orders: i64 = orders::table
            .filter(orders::company_id.eq(company))
            .count()
            .get_result(conn)
            .unwrap();
        let lines: i64 = order_lines::table
            .inner_join(orders::table)
            .filter(orders::company_id.eq(company))
            .count()
            .get_result(conn)
            .unwrap();
        (orders, lines)
    })
}

fn company_named(app: &TestApp, name: &str) -> i64 {
    app.with_conn(|conn| rc_store::companies::id_by_name(conn, name).unwrap())
}

fn account_of(app: &TestApp, key: AccountKey) -> ledger::AccountRow {
    app.with_conn(|conn| ledger::find_account(conn, key).unwrap().expect("account opened"))
}

/// The company's unused coupon named `name` and the solution it applies to.
async fn unused_coupon(buyer: &rc_client::Client, name: &str) -> (i64, i64) {
    let wallet = buyer
        .list_coupons(&rc_types::assets::coupons::CouponQuery {
            state: Some(rc_types::assets::coupons::CouponState::Unused),
            ..rc_types::assets::coupons::CouponQuery::default()
        })
        .await
        .unwrap();
    let coupon = wallet.items.iter().find(|c| c.terms.name == name).unwrap();
    (coupon.id, coupon.terms.solutions[0].id)
}

fn yuan(amount: rust_decimal::Decimal) -> rc_types::Money {
    rc_types::Money::cny(amount)
}

#[tokio::test]
async fn concurrent_checkouts_spend_one_coupon_once() {
    use rc_types::checkout::PaymentMethod;

    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let company = company_named(&app, "TestCompany-A");
    let buyer = app.login_demo(crate::orders::TEST_A).await;
    let (coupon, solution) = unused_coupon(&buyer, "草稿").await;
    let plan = buyer.get_solution(solution).await.unwrap().plans[0].clone();
    let customer = crate::orders::new_customer(&buyer, "coupon-race").await;
    let mut input = crate::orders::checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.coupon_id = Some(coupon);
    let buyers = [buyer];
    let placings = show_contracts(&buyers, &vec![input; CHECKOUTS]).await;

    let outcomes = place_at_once(&buyers, placings, None).await;
    let placed = winners(&outcomes, "coupon_id");
    assert_eq!(placed.len(), 1, "one order holds the coupon");
    assert_eq!(
        order_rows(&app, company),
        (1, 1),
        "the losers left no order behind"
    );
    let order = buyers[0].get_order(placed[0]).await.unwrap();
    let held = app.with_conn(|conn| coupons::get(conn, company, coupon).unwrap());
    assert_eq!(held.state, rc_types::assets::coupons::CouponState::Held);
    assert_eq!(held.order_no.as_deref(), Some(order.order_no.as_str()));
    let account = account_of(&app, AccountKey::coupon(company, coupon));
    assert_eq!(account.posted_fen - account.held_fen, 0, "held whole, once");
    balanced(&app);
}

#[tokio::test]
async fn concurrent_checkouts_never_overspend_the_rebate_balance() {
    use rc_types::checkout::PaymentMethod;

    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let company = company_named(&app, "BlueCloud_D");
    // Three users of the company at once: admin, co-admin and member (members spend the
    // company's 零钱 once the operator lets them see its assets).
    let finance = app.login_demo(FINANCE).await;
    let mut settings = finance.get_finance_settings().await.unwrap();
    settings.members_see_assets = true;
    finance.update_finance_settings(&settings).await.unwrap();
    let mut buyers = Vec::new();
    for email in [
        crate::fixtures::DISTRIBUTOR,
        "gai.yun@bluecloud-d.example",
        crate::assets::MEMBER,
    ] {
        buyers.push(app.login_demo(email).await);
    }
    let before = account_of(&app, AccountKey::rebate(company));
    let each = Fen(1_000);
    let fits = usize::try_from((before.posted_fen - before.held_fen) / each.0).unwrap();
    assert!(fits > 0 && fits < CHECKOUTS, "the balance allows some: {fits}");
    let plan = crate::orders::priced_plan(&buyers[0]).await;
    assert!(
        plan.unit_price.amount >= each.to_yuan(),
        "the plan leaves room for the rebate"
    );
    let customer = crate::orders::new_customer(&buyers[0], "rebate-race").await;
    let mut input = crate::orders::checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.rebate_amount = Some(each.to_money());
    let placings = show_contracts(&buyers, &vec![input; CHECKOUTS]).await;

    let outcomes = place_at_once(&buyers, placings, None).await;
    let placed = winners(&outcomes, "rebate_amount");
    assert_eq!(placed.len(), fits, "exactly what the balance allows");
    let rows = order_rows(&app, company);
    assert_eq!(rows, (i64::try_from(fits).unwrap(), i64::try_from(fits).unwrap()));
    let after = account_of(&app, AccountKey::rebate(company));
    assert_eq!(after.posted_fen, before.posted_fen, "unpaid orders only hold");
    assert_eq!(after.held_fen, before.held_fen + each.0 * rows.0);
    assert!(after.posted_fen - after.held_fen >= 0, "never overspent");
    balanced(&app);
}

#[tokio::test]
async fn concurrent_checkouts_never_overspend_the_credit_line() {
    use rc_types::checkout::PaymentMethod;
    use rust_decimal::Decimal;

    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let finance = app.login_demo(FINANCE).await;
    let company = company_named(&app, "TestCompany-A");
    let buyer = app.login_demo(crate::orders::TEST_A).await;
    let plan = crate::orders::priced_plan(&buyer).await;
    // The line made to fit 30 orders of the plan and one fen.
    let fits = 30;
    let line = finance.get_credit_line(company).await.unwrap().account;
    let owed = line.limit.amount - line.available.amount;
    let room = plan.unit_price.amount * Decimal::from(fits) + rust_decimal_macros::dec!(0.01);
    finance
        .update_credit_line(
            company,
            &CreditLineInput {
                limit: (owed + room).to_string(),
                term_days: 365,
                reason: "race".into(),
            },
        )
        .await
        .unwrap();
    let customer = crate::orders::new_customer(&buyer, "credit-race").await;
    let mut input = crate::orders::checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.use_credit = true;
    let buyers = [buyer];
    let placings = show_contracts(&buyers, &vec![input; CHECKOUTS]).await;

    let outcomes = place_at_once(&buyers, placings, None).await;
    let placed = winners(&outcomes, "use_credit");
    assert_eq!(placed.len(), fits);
    assert_eq!(order_rows(&app, company).0, i64::try_from(fits).unwrap());
    // Paid in full on credit: captured at once.
    let order = buyers[0].get_order(placed[0]).await.unwrap();
    assert_eq!(
        (order.status, order.payment_status),
        (
            rc_types::orders::OrderStatus::Processing,
            rc_types::orders::PaymentStatus::Paid
        )
    );
    let line = finance.get_credit_line(company).await.unwrap().account;
    assert_eq!(
        (line.available.amount, line.held.amount),
        (rust_decimal_macros::dec!(0.01), Decimal::ZERO),
        "spent exactly {fits} orders' worth"
    );
    balanced(&app);
}

#[tokio::test]
async fn concurrent_retries_with_one_idempotency_key_place_one_order() {
    use rc_types::checkout::PaymentMethod;

    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let company = company_named(&app, "BlueCloud_D");
    let buyer = app.login_demo(crate::fixtures::DISTRIBUTOR).await;
    let before = account_of(&app, AccountKey::rebate(company));
    let plan = crate::orders::priced_plan(&buyer).await;
    let customer = crate::orders::new_customer(&buyer, "retry").await;
    let mut input = crate::orders::checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.rebate_amount = Some(yuan(rust_decimal_macros::dec!(1)));
    let contract = buyer.create_contract(&input).await.unwrap();
    let placing = crate::orders::agree(&input, &contract);
    let buyers = [buyer];

    let outcomes = place_at_once(&buyers, vec![placing.clone(); 50], Some("one-order")).await;
    let answered: Vec<i64> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Placed(id) => Some(*id),
            Outcome::Refused(status, _) => {
                assert_eq!(*status, 409, "a retry racing the first is told to retry");
                None
            }
        })
        .collect();
    eprintln!(
        "50 retries with one key on {:?}: {} answered the order, {} got 409 in progress",
        app.db,
        answered.len(),
        50 - answered.len()
    );
    assert!(!answered.is_empty());
    assert!(answered.iter().all(|id| *id == answered[0]), "one order");
    assert_eq!(order_rows(&app, company), (1, 1));
    let after = account_of(&app, AccountKey::rebate(company));
    assert_eq!(after.held_fen, before.held_fen + 100, "held once");
    // A retry after the race answers with the order.
    let again = buyers[0].create_order(&placing, Some("one-order")).await.unwrap();
    assert_eq!(again.id, answered[0]);
    balanced(&app);
}

/// What must not change when a placing fails: (orders, lines), hold rows, entries, order mail,
/// the coupon's state and order, the rebate account, what credit holds.
type Untouched = (
    (i64, i64),
    i64,
    i64,
    i64,
    rc_types::assets::coupons::CouponState,
    Option<String>,
    ledger::AccountRow,
    i64,
);

fn untouched(app: &TestApp, company: i64, coupon: i64) -> Untouched {
    use diesel::prelude::*;
    use rc_store::schema::{ledger_entries, ledger_holds, outbox};
    let rows = order_rows(app, company);
    app.with_conn(|conn| {
        let holds: i64 = ledger_holds::table.count().get_result(conn).unwrap();
        let entries: i64 = ledger_entries::table
            .filter(ledger_entries::kind.ne("limit_change"))
            .count()
            .get_result(conn)
            .unwrap();
        let mail: i64 = outbox::table
            .filter(outbox::subject.like("%订单%").or(outbox::subject.like("%Order%")))
            .count()
            .get_result(conn)
            .unwrap();
        let coupon = coupons::get(conn, company, coupon).unwrap();
        let rebate = ledger::find_account(conn, AccountKey::rebate(company))
            .unwrap()
            .unwrap();
        let credit_held = ledger::find_account(conn, AccountKey::credit(company))
            .unwrap()
            .unwrap()
            .held_fen;
        (
            rows,
            holds,
            entries,
            mail,
            coupon.state,
            coupon.order_no,
            rebate,
            credit_held,
        )
    })
}

#[tokio::test]
async fn a_placing_that_fails_midway_leaves_no_half_order() {
    use rc_types::checkout::PaymentMethod;
    use rust_decimal_macros::dec;

    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let finance = app.login_demo(FINANCE).await;
    crate::orders::raise_credit(&finance).await;
    let company = company_named(&app, "TestCompany-A");
    let buyer = app.login_demo(crate::orders::TEST_A).await;
    let (coupon, solution) = unused_coupon(&buyer, "草稿").await;
    let plan = buyer.get_solution(solution).await.unwrap().plans[0].clone();
    let customer = crate::orders::new_customer(&buyer, "crash").await;
    let mut input = crate::orders::checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.coupon_id = Some(coupon);
    input.rebate_amount = Some(yuan(dec!(0.50)));
    input.use_credit = true;
    let contract = buyer.create_contract(&input).await.unwrap();
    assert_eq!(contract.quote.payable.amount, rust_decimal::Decimal::ZERO);
    let placing = crate::orders::agree(&input, &contract);
    let line = |limit: String| CreditLineInput {
        limit,
        term_days: 30,
        reason: "crash test".into(),
    };
    let credit = finance.get_credit_line(company).await.unwrap().account;
    let owed = credit.limit.amount - credit.available.amount;
    let before = untouched(&app, company, coupon);
    let unagreed = |app: &TestApp| {
        app.with_conn(|conn| {
            rc_store::orders::contracts::get(conn, contract.id)
                .unwrap()
                .agreed_at
        })
    };

    // 1. The finance desk lowers the line to what is owed after the contract was shown: placing
    // agrees the contract, then finds the credit short and rolls everything back.
    finance
        .update_credit_line(company, &line(owed.to_string()))
        .await
        .unwrap();
    let refused = buyer.create_order(&placing, Some("crash-1")).await.unwrap_err();
    assert_eq!(
        (refused.status(), crate::orders::fields(&refused)),
        (Some(422), vec!["use_credit".to_owned()])
    );
    assert_eq!(
        untouched(&app, company, coupon),
        before,
        "nothing of the order is left"
    );
    assert_eq!(unagreed(&app), None, "the contract is not agreed");

    // 2. The line is lowered while the placing runs (the change holds the credit account until
    // it commits): on PostgreSQL the placing has written its order, its lines and the coupon and
    // 零钱 holds when the credit hold finds the line short; on SQLite it waits for the change and
    // is refused when pricing. Either way nothing is left.
    finance
        .update_credit_line(company, &line(credit.limit.amount.to_string()))
        .await
        .unwrap();
    let actor = app.with_conn(|conn| rc_store::users::find_by_email(conn, FINANCE).unwrap().unwrap().id);
    let floor = Fen::from_yuan(owed).unwrap();
    let (pool, locked) = (app.pool.clone(), Arc::new(std::sync::Barrier::new(2)));
    let lowering = {
        let locked = locked.clone();
        std::thread::spawn(move || {
            pool.get()
                .unwrap()
                .atomic_write(|conn| {
                    credit::set_line(conn, company, floor, 30, "lowered meanwhile", actor)
                        .map_err(|e| rc_store::StoreError::Conflict(e.to_string()))?;
                    locked.wait();
                    std::thread::sleep(std::time::Duration::from_millis(1_500));
                    Ok::<_, rc_store::StoreError>(())
                })
                .unwrap();
        })
    };
    let before = untouched(&app, company, coupon);
    tokio::task::spawn_blocking(move || locked.wait()).await.unwrap();
    let started = std::time::Instant::now();
    let refused = buyer.create_order(&placing, Some("crash-2")).await.unwrap_err();
    let waited = started.elapsed();
    lowering.join().unwrap();
    eprintln!(
        "placing during the line change on {:?}: refused after {waited:?}",
        app.db
    );
    assert_eq!(
        (refused.status(), crate::orders::fields(&refused)),
        (Some(422), vec!["use_credit".to_owned()])
    );
    assert_eq!(
        untouched(&app, company, coupon),
        before,
        "nothing of the order is left"
    );
    assert_eq!(unagreed(&app), None, "the contract is not agreed");

    // 3. The line restored, the same contract is agreed and its order paid in full.
    finance
        .update_credit_line(company, &line(credit.limit.amount.to_string()))
        .await
        .unwrap();
    let order = buyer.create_order(&placing, Some("crash-3")).await.unwrap();
    assert_eq!(
        (order.status, order.payment_status),
        (
            rc_types::orders::OrderStatus::Processing,
            rc_types::orders::PaymentStatus::Paid
        )
    );
    assert!(unagreed(&app).is_some());
    assert_eq!(order_rows(&app, company), (1, 1));
    balanced(&app);
}

#[tokio::test]
async fn two_timeout_sweeps_at_once_cancel_each_overdue_order_once() {
    use diesel::prelude::*;
    use rc_store::schema::{ledger_entries, ledger_holds, order_events, orders};
    use rc_types::checkout::PaymentMethod;
    use rust_decimal_macros::dec;

    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    // TestCompany-A: two orders, each with a coupon and 零钱; BlueCloud_D: ten with 零钱.
    let test_a = app.login_demo(crate::orders::TEST_A).await;
    let customer = crate::orders::new_customer(&test_a, "sweep-a").await;
    let mut placings = Vec::new();
    let mut buyers = Vec::new();
    let drafts: Vec<(i64, i64)> = test_a
        .list_coupons(&rc_types::assets::coupons::CouponQuery {
            state: Some(rc_types::assets::coupons::CouponState::Unused),
            ..rc_types::assets::coupons::CouponQuery::default()
        })
        .await
        .unwrap()
        .items
        .iter()
        .filter(|c| c.terms.name == "草稿")
        .map(|c| (c.id, c.terms.solutions[0].id))
        .collect();
    assert_eq!(drafts.len(), 2, "the demo's two 草稿 coupons");
    for (coupon, solution) in drafts {
        let plan = test_a.get_solution(solution).await.unwrap().plans[0].clone();
        let mut input = crate::orders::checkout(plan.id, 1, customer, PaymentMethod::Online);
        input.coupon_id = Some(coupon);
        input.rebate_amount = Some(yuan(dec!(0.10)));
        let contract = test_a.create_contract(&input).await.unwrap();
        let order = test_a
            .create_order(&crate::orders::agree(&input, &contract), None)
            .await
            .unwrap();
        placings.push(order.id);
    }
    buyers.push(test_a);
    let distributor = app.login_demo(crate::fixtures::DISTRIBUTOR).await;
    let plan = crate::orders::priced_plan(&distributor).await;
    let customer = crate::orders::new_customer(&distributor, "sweep-d").await;
    let mut input = crate::orders::checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.rebate_amount = Some(yuan(dec!(1)));
    let shown = show_contracts(std::slice::from_ref(&distributor), &vec![input; 10]).await;
    for placing in shown {
        placings.push(distributor.create_order(&placing, None).await.unwrap().id);
    }
    buyers.push(distributor);
    let holds_before: i64 = app.with_conn(|conn| {
        ledger_holds::table
            .filter(ledger_holds::state.eq("pending"))
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(
        holds_before,
        2 * 2 + 10,
        "two holds each for TestCompany-A, one for BlueCloud_D"
    );

    // Two servers' sweeps at once, an hour after every deadline.
    let later = rc_store::db::now() + chrono::TimeDelta::hours(1);
    let (_, sealer) = crate::orders::server_tools();
    let start = Arc::new(std::sync::Barrier::new(2));
    let sweeps: Vec<_> = (0..2)
        .map(|_| {
            let (pool, sealer, start) = (app.pool.clone(), sealer.clone(), start.clone());
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                start.wait();
                rc_api::usecases::orders::cancel_overdue(&mut conn, &sealer, later)
            })
        })
        .collect();
    let cancelled: Vec<usize> = sweeps
        .into_iter()
        .map(|s| s.join().expect("no panic").expect("a sweep succeeds"))
        .collect();
    eprintln!("two sweeps on {:?} cancelled {cancelled:?}", app.db);
    assert_eq!(cancelled.iter().sum::<usize>(), placings.len(), "each order once");
    let again = app.with_conn(|conn| rc_api::usecases::orders::cancel_overdue(conn, &sealer, later).unwrap());
    assert_eq!(again, 0, "nothing left to cancel");

    app.with_conn(|conn| {
        for id in &placings {
            let (status, order_no): (String, String) = orders::table
                .find(id)
                .select((orders::status, orders::order_no))
                .first(conn)
                .unwrap();
            assert_eq!(status, "cancelled");
            let timed_out: i64 = order_events::table
                .filter(order_events::order_id.eq(id))
                .filter(order_events::kind.eq("timed_out"))
                .count()
                .get_result(conn)
                .unwrap();
            assert_eq!(timed_out, 1, "one timed_out event for {order_no}");
            let holds: Vec<(i64, String)> = ledger_holds::table
                .filter(ledger_holds::reference.eq(&order_no))
                .select((ledger_holds::account_id, ledger_holds::state))
                .load(conn)
                .unwrap();
            assert!(!holds.is_empty());
            for (account, state) in holds {
                assert_eq!(state, "released");
                let releases: i64 = ledger_entries::table
                    .filter(ledger_entries::account_id.eq(account))
                    .filter(ledger_entries::reference.eq(&order_no))
                    .filter(ledger_entries::kind.eq("release"))
                    .count()
                    .get_result(conn)
                    .unwrap();
                assert_eq!(releases, 1, "one release per hold of {order_no}");
            }
        }
    });
    // Everything held came back.
    let company = company_named(&app, "BlueCloud_D");
    assert_eq!(account_of(&app, AccountKey::rebate(company)).held_fen, 0);
    let order = buyers[0].get_order(placings[0]).await.unwrap();
    assert_eq!(order.status, rc_types::orders::OrderStatus::Cancelled);
    balanced(&app);
}

#[tokio::test]
async fn concurrent_desk_cancels_of_a_paid_order_refund_it_once() {
    use rc_types::checkout::PaymentMethod;

    let app = demo().await;
    app.with_conn(|conn| rc_store::seed_assets::demo_assets(conn).unwrap());
    let company = company_named(&app, "BlueCloud_D");
    let finance = app.login_demo(FINANCE).await;
    finance
        .update_credit_line(
            company,
            &CreditLineInput {
                limit: "100000.00".into(),
                term_days: 30,
                reason: "测试授信".into(),
            },
        )
        .await
        .unwrap();
    let buyer = app.login_demo(crate::fixtures::DISTRIBUTOR).await;
    let before = account_of(&app, AccountKey::rebate(company));
    let credit_before = account_of(&app, AccountKey::credit(company));
    let plan = crate::orders::priced_plan(&buyer).await;
    let customer = crate::orders::new_customer(&buyer, "cancel-race").await;
    // Paid in full by 零钱 and credit: cancelling refunds both.
    let mut input = crate::orders::checkout(plan.id, 1, customer, PaymentMethod::Online);
    input.rebate_amount = Some(Fen(100).to_money());
    input.use_credit = true;
    let contract = buyer.create_contract(&input).await.unwrap();
    let order = buyer
        .create_order(&crate::orders::agree(&input, &contract), None)
        .await
        .unwrap();
    assert_eq!(order.payment_status, rc_types::orders::PaymentStatus::Paid);
    let operator = app.login_demo(crate::fixtures::OPERATOR).await;
    let reason = rc_types::orders::ReasonInput {
        reason: "重复取消".into(),
    };
    let cancels = (0..20).map(|_| {
        let (operator, reason) = (operator.clone(), reason.clone());
        tokio::spawn(async move { operator.cancel_order_by_operator(order.id, &reason).await })
    });
    let outcomes = futures_util::future::join_all(cancels).await;
    let done = outcomes.iter().filter(|o| o.as_ref().unwrap().is_ok()).count();
    assert_eq!(done, 1, "one cancel wins; the others find the order moved on");
    for outcome in &outcomes {
        if let Err(error) = outcome.as_ref().unwrap() {
            assert_eq!(error.status(), Some(409));
        }
    }
    let after = account_of(&app, AccountKey::rebate(company));
    assert_eq!(
        after.posted_fen - after.held_fen,
        before.posted_fen - before.held_fen,
        "the 零钱 came back exactly once"
    );
    let credit_after = account_of(&app, AccountKey::credit(company));
    assert_eq!(
        credit_after.posted_fen - credit_after.held_fen,
        credit_before.posted_fen - credit_before.held_fen,
        "the credit came back exactly once"
    );
    balanced(&app);
}

//! The manual's asset figures for the demo (§10): TestCompany-A's rebate (¥41.25 after seven
//! entries), coupons (two unused, two used, one expired), a credit line of ¥1,500 over 365 days
//! with ¥745.5 owed (¥450 of it billed last month); BlueCloud_D's rebate of ¥1,488.39. Everything goes through the ledger core
//! (entries sum to balances); the entries are then dated over the last months so the period
//! filters have something to show. Idempotent: nothing happens once TestCompany-A has a rebate
//! account.

use chrono::{Datelike, TimeDelta};
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::ledger::HoldState;
use rc_types::assets::EntryKind;

use crate::assets::coupons::{self, TemplateValues};
use crate::assets::credit;
use crate::assets::ledger::{self, AccountKey, LedgerError, Posting};
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::{companies, ledger_entries, solutions, users};

fn store(error: LedgerError) -> StoreError {
    match error {
        LedgerError::Store(e) => e,
        other => StoreError::Conflict(other.to_string()),
    }
}

fn company(conn: &mut DbConn, name: &str) -> Result<Option<i64>, StoreError> {
    Ok(companies::table
        .filter(companies::name.eq(name))
        .select(companies::id)
        .first(conn)
        .optional()?)
}

/// Dates entry `id` `days` days ago.
fn backdate(conn: &mut DbConn, id: i64, days: i64) -> Result<(), StoreError> {
    diesel::update(ledger_entries::table.find(id))
        .set(ledger_entries::created_at.eq(now() - TimeDelta::days(days)))
        .execute(conn)?;
    Ok(())
}

fn grant(
    conn: &mut DbConn,
    account: i64,
    fen: i64,
    key: &str,
    actor: i64,
    days: i64,
) -> Result<(), StoreError> {
    let entry = ledger::post(
        conn,
        account,
        Posting {
            kind: EntryKind::Grant,
            amount: Fen(fen),
            op_key: key,
            reference: None,
            reason: Some("发云奖励奖励"),
            actor_id: Some(actor),
        },
    )
    .map_err(store)?
    .entry();
    backdate(conn, entry.id, days)
}

/// An order's spend: its hold, then its capture.
fn spend(conn: &mut DbConn, account: i64, fen: i64, order: &str, days: i64) -> Result<(), StoreError> {
    let hold = ledger::hold(conn, account, order, Fen(fen), None)
        .map_err(store)?
        .entry();
    let capture = ledger::resolve(conn, account, order, HoldState::Captured, None)
        .map_err(store)?
        .entry();
    backdate(conn, hold.id, days)?;
    backdate(conn, capture.id, days)
}

/// Loads the demo assets (after the demo accounts and catalog); returns whether it did.
pub fn demo_assets(conn: &mut DbConn) -> Result<bool, StoreError> {
    let (Some(test_a), Some(distributor)) = (company(conn, "TestCompany-A")?, company(conn, "BlueCloud_D")?)
    else {
        return Ok(false);
    };
    if ledger::find_account(conn, AccountKey::rebate(test_a))?.is_some() {
        return Ok(false);
    }
    let actor: i64 = users::table
        .filter(users::email.eq("finance@bluecloud.example"))
        .select(users::id)
        .first(conn)?;
    conn.atomic_write(|conn| {
        rebates(conn, test_a, distributor, actor)?;
        coupons_of(conn, test_a, actor)?;
        credit_line(conn, test_a, actor)?;
        Ok(true)
    })
}

/// 可抵扣优惠金额: TestCompany-A's two rewards and five purchases (¥41.25), BlueCloud_D's reward.
fn rebates(conn: &mut DbConn, test_a: i64, distributor: i64, actor: i64) -> Result<(), StoreError> {
    let rebate = ledger::account(conn, AccountKey::rebate(test_a))?.id;
    grant(conn, rebate, 5615, "seed:reward-1", actor, 80)?;
    grant(conn, rebate, 5000, "seed:reward-2", actor, 70)?;
    for (fen, order, days) in [
        (1990, "202001020826512140", 60),
        (1000, "202001130808102183", 40),
        (2200, "202002050718132234", 20),
        (300, "202002050839232236", 10),
        (1000, "202002050845362237", 3),
    ] {
        spend(conn, rebate, fen, order, days)?;
    }
    let blue = ledger::account(conn, AccountKey::rebate(distributor))?.id;
    grant(conn, blue, 148_839, "seed:reward-1", actor, 30)?;

    Ok(())
}

/// 优惠券: two unused (草稿), two used (双十一促销), one expired (10.1促销).
fn coupons_of(conn: &mut DbConn, test_a: i64, actor: i64) -> Result<(), StoreError> {
    let ids: Vec<i64> = solutions::table
        .filter(solutions::published.eq(true))
        .order(solutions::id)
        .limit(2)
        .select(solutions::id)
        .load(conn)?;
    let template = |name: &str, fen: i64, solution: i64, window: Option<(&str, &str)>| TemplateValues {
        name: name.to_owned(),
        face_value: Fen(fen),
        min_amount: Fen(0),
        min_quantity: 0,
        all_solutions: false,
        solution_ids: vec![solution],
        valid_from: window.and_then(|w| chrono::NaiveDateTime::parse_from_str(w.0, "%Y-%m-%d %H:%M:%S").ok()),
        valid_to: window.and_then(|w| chrono::NaiveDateTime::parse_from_str(w.1, "%Y-%m-%d %H:%M:%S").ok()),
        region: "中国大陆".to_owned(),
    };
    let first = ids.first().copied().unwrap_or(1);
    let second = ids.get(1).copied().unwrap_or(first);
    let draft = coupons::create_template(conn, &template("草稿", 100, first, None), actor)?;
    let promo = coupons::create_template(conn, &template("双十一促销", 1000, second, None), actor)?;
    let october = coupons::create_template(
        conn,
        &template(
            "10.1促销",
            2000,
            second,
            Some(("2019-10-01 00:00:00", "2019-10-07 00:00:00")),
        ),
        actor,
    )?;
    for (template_id, codes) in [
        (draft, vec!["4H835KXKM", "WERZE88J"]),
        (promo, vec!["AE5MXHZY", "D859S43R"]),
        (october, vec!["T39XUQQU"]),
    ] {
        let mut fixed = codes.into_iter().map(str::to_owned);
        let count = u32::try_from(fixed.len()).unwrap_or(0);
        coupons::issue(conn, template_id, &[test_a], count, actor, || {
            fixed.next().unwrap_or_default()
        })
        .map_err(store)?;
    }
    for (code, order) in [
        ("AE5MXHZY", "202011111000010001"),
        ("D859S43R", "202011111000010002"),
    ] {
        let coupon: i64 = crate::schema::coupons::table
            .filter(crate::schema::coupons::code.eq(code))
            .select(crate::schema::coupons::id)
            .first(conn)?;
        coupons::hold(conn, test_a, coupon, order).map_err(store)?;
        coupons::resolve(conn, test_a, coupon, order, HoldState::Captured).map_err(store)?;
    }

    Ok(())
}

/// 账期: ¥1,500 over 365 days; ¥300 used offline and three orders last month (billed), six
/// orders this month → ¥745.5 owed.
fn credit_line(conn: &mut DbConn, test_a: i64, actor: i64) -> Result<(), StoreError> {
    credit::set_line(conn, test_a, Fen(150_000), 365, "银行授信 1:1", actor)
        .map_err(|e| StoreError::Conflict(e.to_string()))?;
    let line = ledger::account(conn, AccountKey::credit(test_a))?.id;
    let into_month = i64::from(rc_domain::period::china_date(now()).day());
    let offline = credit::offline_spend(conn, test_a, Fen(30_000), "线下采购", "seed:offline-1", actor)
        .map_err(store)?
        .entry();
    backdate(conn, offline.id, into_month + 12)?;
    let this_month = |days: i64| days.min(into_month - 1);
    for (fen, order, days) in [
        (5000, "DD2002211044422199", into_month + 10),
        (5000, "DD2002211057181947", into_month + 9),
        (5000, "DD2002211059265191", into_month + 8),
        (10_000, "DD2002261846123905", this_month(12)),
        (10_000, "DD2002261846124078", this_month(11)),
        (2000, "DD2002281530198464", this_month(6)),
        (3050, "DD2002281530198553", this_month(5)),
        (1600, "DD2002281638562532", this_month(2)),
        (2900, "DD2002281638562513", this_month(1)),
    ] {
        spend(conn, line, fen, order, days)?;
    }
    credit::close_cycles(conn, test_a, now())?;
    Ok(())
}

//! Credit lines (账期): the line (授信总额, 账期天数) and its history, the credit account (balance =
//! the available amount: total − spent + repaid), monthly bills, and repayments that finance
//! confirms or rejects.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::credit::{self as rules, NOTICE};
use rc_domain::period::{Range, china_date, china_midnight};
use rc_types::assets::EntryKind;
use rc_types::assets::credit::{
    Bill, CreditAccount, CreditLineChange, Repayment, RepaymentMethod, RepaymentStatus,
};
use rc_types::{Page, PageQuery};

use super::ledger::{self, AccountKey, LedgerError, Posted, Posting};
use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::paging;
use crate::schema::{
    companies, credit_bills, credit_line_changes, credit_lines, credit_repayments, ledger_entries, users,
};

/// A company's line as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = credit_lines)]
pub struct LineRow {
    /// Company.
    pub company_id: i64,
    /// 授信总额, fen.
    pub limit_fen: i64,
    /// 账期天数.
    pub term_days: i32,
}

/// The company's line, if the operator ever set one.
pub fn line(conn: &mut DbConn, company_id: i64) -> Result<Option<LineRow>, StoreError> {
    Ok(credit_lines::table
        .find(company_id)
        .select(LineRow::as_select())
        .first(conn)
        .optional()?)
}

/// The part of the company's bills past due and not repaid, on `today`.
pub fn overdue(conn: &mut DbConn, company_id: i64, today: NaiveDate) -> Result<Fen, StoreError> {
    let rows: Vec<(i64, i64)> = credit_bills::table
        .filter(credit_bills::company_id.eq(company_id))
        .filter(credit_bills::due_date.lt(today))
        .select((credit_bills::amount_fen, credit_bills::repaid_fen))
        .load(conn)?;
    Ok(Fen(rows
        .into_iter()
        .map(|(amount, repaid)| amount - repaid)
        .sum()))
}

/// The company's credit page figures.
pub fn summary(conn: &mut DbConn, company_id: i64) -> Result<CreditAccount, StoreError> {
    let line = line(conn, company_id)?;
    let account = ledger::find_account(conn, AccountKey::credit(company_id))?;
    let (posted, held) = account.map_or((0, 0), |a| (a.posted_fen, a.held_fen));
    let limit = line.map_or(0, |l| l.limit_fen);
    let overdue = overdue(conn, company_id, china_date(now()))?;
    Ok(CreditAccount {
        limit: Fen(limit).to_money(),
        term_days: line.map_or(0, |l| u32::try_from(l.term_days).unwrap_or(0)),
        available: Fen(posted - held).to_money(),
        held: Fen(held).to_money(),
        outstanding: Fen(limit - posted).to_money(),
        overdue: overdue.to_money(),
        on_hold: overdue.0 > 0,
        notice: NOTICE.to_owned(),
    })
}

/// Why a line change was refused.
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    /// The new total is below what is owed plus what unpaid orders hold.
    #[error("the line can't go below {}", floor.to_yuan())]
    BelowOwed {
        /// The lowest total allowed now.
        floor: Fen,
    },
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<LedgerError> for LineError {
    fn from(error: LedgerError) -> Self {
        match error {
            LedgerError::Store(e) => LineError::Store(e),
            other => LineError::Store(StoreError::Conflict(other.to_string())),
        }
    }
}

/// Sets the company's line (creating it the first time) and writes its history and the ledger
/// entry of the change of total (the available amount moves by the same delta). A total below
/// what is owed and reserved is refused, by the same conditional update every spend goes
/// through. Returns the old line (0 / 0 the first time).
pub fn set_line(
    conn: &mut DbConn,
    company_id: i64,
    limit: Fen,
    term_days: u32,
    reason: &str,
    actor_id: i64,
) -> Result<(Fen, u32), LineError> {
    // Takes the line's row lock before reading it (PostgreSQL; SQLite writers are serialized), so
    // two changes at once each post the delta from the total the other left. Two first lines at
    // once: the primary key keeps one, the other is a conflict.
    diesel::update(credit_lines::table.find(company_id))
        .set(credit_lines::limit_fen.eq(credit_lines::limit_fen))
        .execute(conn)
        .map_err(StoreError::from)?;
    let old = line(conn, company_id)?;
    let (old_limit, old_term) = old.map_or((0, 0), |l| (l.limit_fen, l.term_days));
    let term = i32::try_from(term_days).unwrap_or(365);
    let stamp = now();
    if old.is_some() {
        diesel::update(credit_lines::table.find(company_id))
            .set((
                credit_lines::limit_fen.eq(limit.0),
                credit_lines::term_days.eq(term),
                credit_lines::updated_at.eq(stamp),
            ))
            .execute(conn)
            .map_err(StoreError::from)?;
    } else {
        diesel::insert_into(credit_lines::table)
            .values((
                credit_lines::company_id.eq(company_id),
                credit_lines::limit_fen.eq(limit.0),
                credit_lines::term_days.eq(term),
                credit_lines::created_at.eq(stamp),
                credit_lines::updated_at.eq(stamp),
            ))
            .execute(conn)
            .map_err(StoreError::from)?;
    }
    let change_id: i64 = diesel::insert_into(credit_line_changes::table)
        .values((
            credit_line_changes::company_id.eq(company_id),
            credit_line_changes::old_limit_fen.eq(old_limit),
            credit_line_changes::new_limit_fen.eq(limit.0),
            credit_line_changes::old_term_days.eq(old_term),
            credit_line_changes::new_term_days.eq(term),
            credit_line_changes::reason.eq(reason),
            credit_line_changes::actor_id.eq(actor_id),
            credit_line_changes::created_at.eq(stamp),
        ))
        .returning(credit_line_changes::id)
        .get_result(conn)
        .map_err(StoreError::from)?;
    let delta = limit.0 - old_limit;
    if delta != 0 {
        let account = ledger::account(conn, AccountKey::credit(company_id))?;
        let posted = ledger::post(
            conn,
            account.id,
            Posting {
                kind: EntryKind::LimitChange,
                amount: Fen(delta),
                op_key: &format!("limit:{change_id}"),
                reference: None,
                reason: Some(reason),
                actor_id: Some(actor_id),
            },
        );
        if let Err(LedgerError::Short(_)) = posted {
            let account =
                ledger::find_account(conn, AccountKey::credit(company_id))?.ok_or(StoreError::NotFound)?;
            let floor = rules::check_limit(limit, Fen(old_limit - account.posted_fen), Fen(account.held_fen))
                .err()
                .unwrap_or(Fen(old_limit - account.posted_fen + account.held_fen));
            return Err(LineError::BelowOwed { floor });
        }
        posted?;
    }
    Ok((Fen(old_limit), u32::try_from(old_term).unwrap_or(0)))
}

#[derive(Debug, Queryable)]
struct ChangeRow {
    old_limit_fen: i64,
    new_limit_fen: i64,
    old_term_days: i32,
    new_term_days: i32,
    reason: String,
    actor: Option<String>,
    created_at: NaiveDateTime,
}

/// The line's history, newest first.
pub fn history(conn: &mut DbConn, company_id: i64) -> Result<Vec<CreditLineChange>, StoreError> {
    let rows: Vec<ChangeRow> = credit_line_changes::table
        .left_join(users::table)
        .filter(credit_line_changes::company_id.eq(company_id))
        .order(credit_line_changes::id.desc())
        .select((
            credit_line_changes::old_limit_fen,
            credit_line_changes::new_limit_fen,
            credit_line_changes::old_term_days,
            credit_line_changes::new_term_days,
            credit_line_changes::reason,
            users::name.nullable(),
            credit_line_changes::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| CreditLineChange {
            old_limit: Fen(row.old_limit_fen).to_money(),
            new_limit: Fen(row.new_limit_fen).to_money(),
            old_term_days: u32::try_from(row.old_term_days).unwrap_or(0),
            new_term_days: u32::try_from(row.new_term_days).unwrap_or(0),
            reason: row.reason,
            actor: row.actor.unwrap_or_default(),
            created_at: row.created_at.and_utc(),
        })
        .collect())
}

/// Posts finance's offline consumption (额度线下使用) of `amount` against the company's line.
pub fn offline_spend(
    conn: &mut DbConn,
    company_id: i64,
    amount: Fen,
    reason: &str,
    op_key: &str,
    actor_id: i64,
) -> Result<Posted, LedgerError> {
    if line(conn, company_id)?.is_none() {
        return Err(LedgerError::Unusable("the company has no credit line".to_owned()));
    }
    let account = ledger::account(conn, AccountKey::credit(company_id))?;
    ledger::post(
        conn,
        account.id,
        Posting {
            kind: EntryKind::OfflineSpend,
            amount,
            op_key,
            reference: None,
            reason: Some(reason),
            actor_id: Some(actor_id),
        },
    )
}

/// Reserves `amount` of the company's line for order `order_no` (the checkout's call): refused
/// without a line, while the line is on hold for an overdue bill, or when short.
pub fn hold(conn: &mut DbConn, company_id: i64, order_no: &str, amount: Fen) -> Result<Posted, LedgerError> {
    conn.atomic_write(|conn| {
        if line(conn, company_id)?.is_none() {
            return Err(LedgerError::Unusable("the company has no credit line".to_owned()));
        }
        if overdue(conn, company_id, china_date(now()))?.0 > 0 {
            return Err(LedgerError::Unusable(
                "the credit line is on hold until the overdue bills are repaid".to_owned(),
            ));
        }
        let account = ledger::account(conn, AccountKey::credit(company_id))?;
        ledger::hold(conn, account.id, order_no, amount, None)
    })
}

/// A refund of a credit spend: what went back to the line, and what the company had already
/// repaid of it (cash the operator owes back; the line never grows past what was spent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditRefund {
    /// Given back to the line (a 退款 entry).
    pub to_line: Fen,
    /// Already repaid on the spend's bill: owed back in cash.
    pub repaid_in_cash: Fen,
}

/// Gives `amount` of order `reference`'s captured credit back, under the line's lock (so no
/// billing runs meanwhile). Ended cycles are billed first; then a spend of the current cycle is
/// refunded as a 退款 entry that nets in its cycle's bill, and a billed spend's refund is credited
/// to its bill like a repayment (the entry billed on it) up to what is still unpaid there — the
/// part already repaid comes back as cash, not as credit. Repeated with the same `op_key`:
/// nothing changes twice.
pub fn refund(
    conn: &mut DbConn,
    company_id: i64,
    reference: &str,
    amount: Fen,
    posting: (&str, &str, Option<i64>),
) -> Result<CreditRefund, LedgerError> {
    let (op_key, reason, actor_id) = posting;
    close_cycles_locked(conn, company_id, now())?;
    let account = ledger::account(conn, AccountKey::credit(company_id))?;
    let billed_on: Option<i64> = ledger_entries::table
        .filter(ledger_entries::account_id.eq(account.id))
        .filter(ledger_entries::kind.eq(EntryKind::Capture.as_db()))
        .filter(ledger_entries::reference.eq(reference))
        .select(ledger_entries::bill_id)
        .first::<Option<i64>>(conn)
        .optional()
        .map_err(StoreError::from)?
        .flatten();
    let to_line = match billed_on {
        None => amount,
        Some(bill_id) => {
            // The bill's row lock first (as a repayment's confirmation takes it), then its figures.
            diesel::update(credit_bills::table.find(bill_id))
                .set(credit_bills::repaid_fen.eq(credit_bills::repaid_fen))
                .execute(conn)
                .map_err(StoreError::from)?;
            let (billed, repaid, cycle_start): (i64, i64, NaiveDate) = credit_bills::table
                .find(bill_id)
                .select((
                    credit_bills::amount_fen,
                    credit_bills::repaid_fen,
                    credit_bills::cycle_start,
                ))
                .first(conn)
                .map_err(StoreError::from)?;
            if pending_by_bill(conn, &[bill_id])?.values().any(|&fen| fen > 0) {
                return Err(StoreError::Conflict(format!(
                    "a repayment of bill {} waits for finance: confirm or reject it first",
                    rules::bill_number(cycle_start, bill_id)
                ))
                .into());
            }
            Fen(amount.0.min((billed - repaid).max(0)))
        }
    };
    if to_line.0 > 0 {
        let posted = ledger::post(
            conn,
            account.id,
            Posting {
                kind: EntryKind::Refund,
                amount: to_line,
                op_key,
                reference: Some(reference),
                reason: Some(reason),
                actor_id,
            },
        )?;
        if let (Posted::New(entry), Some(bill_id)) = (posted, billed_on) {
            diesel::update(credit_bills::table.find(bill_id))
                .set(credit_bills::repaid_fen.eq(credit_bills::repaid_fen + to_line.0))
                .execute(conn)
                .map_err(StoreError::from)?;
            mark_billed(conn, &[entry.id], bill_id)?;
        }
    }
    Ok(CreditRefund {
        to_line,
        repaid_in_cash: Fen(amount.0 - to_line.0),
    })
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = credit_bills)]
struct BillRow {
    id: i64,
    cycle_start: NaiveDate,
    cycle_end: NaiveDate,
    due_date: NaiveDate,
    amount_fen: i64,
    repaid_fen: i64,
    created_at: NaiveDateTime,
}

fn pending_by_bill(
    conn: &mut DbConn,
    bill_ids: &[i64],
) -> Result<std::collections::HashMap<i64, i64>, StoreError> {
    let rows: Vec<(i64, i64)> = credit_repayments::table
        .filter(credit_repayments::bill_id.eq_any(bill_ids))
        .filter(credit_repayments::status.eq(RepaymentStatus::Pending.as_db()))
        .select((credit_repayments::bill_id, credit_repayments::amount_fen))
        .load(conn)?;
    let mut map = std::collections::HashMap::new();
    for (bill, amount) in rows {
        *map.entry(bill).or_insert(0) += amount;
    }
    Ok(map)
}

fn to_bill(row: &BillRow, pending: i64, today: NaiveDate) -> Bill {
    Bill {
        id: row.id,
        bill_no: rules::bill_number(row.cycle_start, row.id),
        cycle_start: row.cycle_start,
        cycle_end: row.cycle_end,
        due_date: row.due_date,
        amount: Fen(row.amount_fen).to_money(),
        repaid: Fen(row.repaid_fen).to_money(),
        pending: Fen(pending).to_money(),
        status: rules::bill_status(Fen(row.amount_fen), Fen(row.repaid_fen), row.due_date, today),
        created_at: row.created_at.and_utc(),
    }
}

/// The company's bills issued within `range`, newest cycle first.
pub fn bills(
    conn: &mut DbConn,
    company_id: i64,
    range: Range,
    paging: PageQuery,
) -> Result<Page<Bill>, StoreError> {
    let query = || {
        let mut query = credit_bills::table
            .filter(credit_bills::company_id.eq(company_id))
            .into_boxed();
        if let Some(from) = range.from {
            query = query.filter(credit_bills::created_at.ge(from));
        }
        if let Some(to) = range.to {
            query = query.filter(credit_bills::created_at.lt(to));
        }
        query
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<BillRow> = query()
        .order(credit_bills::cycle_start.desc())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select(BillRow::as_select())
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let pending = pending_by_bill(conn, &ids)?;
    let today = china_date(now());
    let items = rows
        .iter()
        .map(|r| to_bill(r, pending.get(&r.id).copied().unwrap_or(0), today))
        .collect();
    Ok(paging::page(items, total, paging))
}

/// One of the company's bills (another company's bill is not found).
pub fn bill(conn: &mut DbConn, company_id: i64, bill_id: i64) -> Result<Bill, StoreError> {
    let row: BillRow = credit_bills::table
        .filter(credit_bills::id.eq(bill_id))
        .filter(credit_bills::company_id.eq(company_id))
        .select(BillRow::as_select())
        .first(conn)?;
    let pending = pending_by_bill(conn, &[bill_id])?;
    Ok(to_bill(
        &row,
        pending.get(&bill_id).copied().unwrap_or(0),
        china_date(now()),
    ))
}

/// Closes every ended cycle of the company's line: the spends (captures and offline
/// consumption) not yet billed and made before the current cycle become one bill per cycle.
/// Safe to run from several servers at once: one write transaction that first takes the line's
/// row lock (PostgreSQL; SQLite writers are serialized), so a second run waits and then finds the
/// spends billed. Returns the bills made.
pub fn close_cycles(conn: &mut DbConn, company_id: i64, at: NaiveDateTime) -> Result<Vec<i64>, StoreError> {
    conn.atomic_write(|conn| close_cycles_locked(conn, company_id, at))
}

/// An unbilled credit entry as billing reads it: id, amount, time, kind, order reference.
type Spend = (i64, i64, NaiveDateTime, String, Option<String>);

fn close_cycles_locked(
    conn: &mut DbConn,
    company_id: i64,
    at: NaiveDateTime,
) -> Result<Vec<i64>, StoreError> {
    let locked = diesel::update(credit_lines::table.find(company_id))
        .set(credit_lines::limit_fen.eq(credit_lines::limit_fen))
        .execute(conn)?;
    let Some(line) = line(conn, company_id)?.filter(|_| locked == 1) else {
        return Ok(Vec::new());
    };
    let Some(account) = ledger::find_account(conn, AccountKey::credit(company_id))? else {
        return Ok(Vec::new());
    };
    let (current_start, _) = rules::cycle_of(china_date(at));
    let before = china_midnight(current_start);
    let columns = (
        ledger_entries::id,
        ledger_entries::amount_fen,
        ledger_entries::created_at,
        ledger_entries::kind,
        ledger_entries::reference,
    );
    let mut spends: Vec<Spend> = unbilled_spends(account.id, before).select(columns).load(conn)?;
    // A refund belongs to its spend's cycle, even when stamped after that cycle ended.
    let captured: std::collections::HashMap<String, NaiveDateTime> = spends
        .iter()
        .filter(|s| s.3 == EntryKind::Capture.as_db())
        .filter_map(|s| s.4.clone().map(|reference| (reference, s.2)))
        .collect();
    let late: Vec<Spend> = ledger_entries::table
        .filter(ledger_entries::account_id.eq(account.id))
        .filter(ledger_entries::bill_id.is_null())
        .filter(ledger_entries::kind.eq(EntryKind::Refund.as_db()))
        .filter(ledger_entries::created_at.ge(before))
        .filter(ledger_entries::reference.eq_any(captured.keys().cloned().collect::<Vec<_>>()))
        .select(columns)
        .load(conn)?;
    spends.extend(late);
    let mut cycles: std::collections::BTreeMap<NaiveDate, (NaiveDate, i64, Vec<i64>)> =
        std::collections::BTreeMap::new();
    for (id, amount, created_at, kind, reference) in spends {
        let at = match reference.as_ref().and_then(|r| captured.get(r)) {
            Some(capture) if kind == EntryKind::Refund.as_db() => *capture,
            _ => created_at,
        };
        let (start, end) = rules::cycle_of(china_date(at));
        let cycle = cycles.entry(start).or_insert((end, 0, Vec::new()));
        cycle.1 -= amount;
        cycle.2.push(id);
    }
    let term = u32::try_from(line.term_days).unwrap_or(0);
    let mut made = Vec::new();
    for (start, (end, amount, entries)) in cycles {
        // A cycle whose spends were all refunded within it owes nothing and gets no bill (its
        // entries stay unbilled, netting to zero). A billed spend's refund is credited to its own
        // bill ([`refund`]), so no cycle nets below zero.
        if amount == 0 {
            continue;
        }
        if amount < 0 {
            return Err(StoreError::Conflict(format!(
                "the credit cycle from {start} nets below zero"
            )));
        }
        // A spend that committed after its cycle was billed (a server's clock, a late commit)
        // joins that cycle's bill.
        let billed: Option<i64> = credit_bills::table
            .filter(credit_bills::company_id.eq(company_id))
            .filter(credit_bills::cycle_start.eq(start))
            .select(credit_bills::id)
            .first(conn)
            .optional()?;
        if let Some(bill_id) = billed {
            diesel::update(credit_bills::table.find(bill_id))
                .set(credit_bills::amount_fen.eq(credit_bills::amount_fen + amount))
                .execute(conn)?;
            mark_billed(conn, &entries, bill_id)?;
            made.push(bill_id);
            continue;
        }
        let bill_id: i64 = diesel::insert_into(credit_bills::table)
            .values((
                credit_bills::company_id.eq(company_id),
                credit_bills::cycle_start.eq(start),
                credit_bills::cycle_end.eq(end),
                credit_bills::due_date.eq(rules::due_date(end, term)),
                credit_bills::amount_fen.eq(amount),
                credit_bills::created_at.eq(now()),
            ))
            .returning(credit_bills::id)
            .get_result(conn)?;
        mark_billed(conn, &entries, bill_id)?;
        made.push(bill_id);
    }
    Ok(made)
}

/// Marks `entries` as billed on `bill_id`; all of them must still be unbilled (the line's lock
/// guarantees it), else the transaction is refused rather than billing a spend twice.
fn mark_billed(conn: &mut DbConn, entries: &[i64], bill_id: i64) -> Result<(), StoreError> {
    let marked = diesel::update(
        ledger_entries::table
            .filter(ledger_entries::id.eq_any(entries))
            .filter(ledger_entries::bill_id.is_null()),
    )
    .set(ledger_entries::bill_id.eq(bill_id))
    .execute(conn)?;
    if marked != entries.len() {
        return Err(StoreError::Conflict(
            "these spends were billed meanwhile".to_owned(),
        ));
    }
    Ok(())
}

/// Closes the company's ended cycles if it has spends left to bill from them, in its own write
/// transaction; a company with nothing to bill costs one read (what every credit page calls).
/// Billed by another server at the same moment: nothing more to do.
pub fn bill_due(conn: &mut DbConn, company_id: i64, at: NaiveDateTime) -> Result<Vec<i64>, StoreError> {
    let Some(account) = ledger::find_account(conn, AccountKey::credit(company_id))? else {
        return Ok(Vec::new());
    };
    let (current_start, _) = rules::cycle_of(china_date(at));
    // Spends refunded within their cycle net to zero and need no bill: only a net spend does.
    let unbilled: Option<i64> = unbilled_spends(account.id, china_midnight(current_start))
        .select(net_amount())
        .first(conn)?;
    if unbilled.unwrap_or(0) == 0 {
        return Ok(Vec::new());
    }
    match close_cycles(conn, company_id, at) {
        // Another server billed these spends at the same moment.
        Err(StoreError::Conflict(_)) => Ok(Vec::new()),
        other => other,
    }
}

/// The entries a bill sums: spends (captures, offline consumption) and the refunds of spends.
const BILLED_KINDS: [EntryKind; 3] = [EntryKind::Capture, EntryKind::OfflineSpend, EntryKind::Refund];

/// The account's spends (captures, offline consumption, refunds of spends) made before `before` and not yet billed.
fn unbilled_spends(
    account_id: i64,
    before: NaiveDateTime,
) -> ledger_entries::BoxedQuery<'static, <DbConn as diesel::Connection>::Backend> {
    ledger_entries::table
        .filter(ledger_entries::account_id.eq(account_id))
        .filter(ledger_entries::bill_id.is_null())
        .filter(ledger_entries::kind.eq_any(BILLED_KINDS.map(EntryKind::as_db)))
        .filter(ledger_entries::created_at.lt(before))
        .into_boxed()
}

/// Companies whose line has spends left to bill from before the current cycle (what the billing
/// job visits).
pub fn companies_to_bill(conn: &mut DbConn, at: NaiveDateTime) -> Result<Vec<i64>, StoreError> {
    use crate::schema::ledger_accounts;
    let (current_start, _) = rules::cycle_of(china_date(at));
    Ok(ledger_entries::table
        .inner_join(ledger_accounts::table)
        .filter(ledger_accounts::asset.eq(rc_types::assets::Asset::Credit.as_db()))
        .filter(ledger_entries::bill_id.is_null())
        .filter(ledger_entries::kind.eq_any(BILLED_KINDS.map(EntryKind::as_db)))
        .filter(ledger_entries::created_at.lt(china_midnight(current_start)))
        .group_by(ledger_accounts::company_id)
        .having(net_amount().ne(0))
        .select(ledger_accounts::company_id)
        .load(conn)?)
}

/// The sum of the selected entries' amounts, as a BIGINT on both databases (spends refunded
/// within their cycle sum to zero: nothing to bill).
fn net_amount() -> diesel::expression::SqlLiteral<diesel::sql_types::Nullable<diesel::sql_types::BigInt>> {
    diesel::dsl::sql("CAST(SUM(ledger_entries.amount_fen) AS BIGINT)")
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = credit_repayments)]
struct RepaymentRow {
    id: i64,
    company_id: i64,
    bill_id: i64,
    method: String,
    amount_fen: i64,
    payer_account: String,
    paid_on: NaiveDate,
    status: String,
    reject_reason: Option<String>,
    created_at: NaiveDateTime,
    reviewed_at: Option<NaiveDateTime>,
}

impl RepaymentRow {
    fn into_api(self, bill_no: String) -> Result<Repayment, StoreError> {
        Ok(Repayment {
            id: self.id,
            bill_id: self.bill_id,
            bill_no,
            method: RepaymentMethod::from_db(&self.method)?,
            amount: Fen(self.amount_fen).to_money(),
            payer_account: self.payer_account,
            paid_on: self.paid_on,
            status: RepaymentStatus::from_db(&self.status)?,
            reject_reason: self.reject_reason,
            created_at: self.created_at.and_utc(),
            reviewed_at: self.reviewed_at.map(|t| t.and_utc()),
        })
    }
}

/// A repayment to record.
#[derive(Debug, Clone, Copy)]
pub struct NewRepayment<'a> {
    /// The bill (the company's: checked by the caller).
    pub bill_id: i64,
    /// Method.
    pub method: RepaymentMethod,
    /// Amount.
    pub amount: Fen,
    /// Paying bank account.
    pub payer_account: &'a str,
    /// Day paid.
    pub paid_on: NaiveDate,
    /// Who submits it.
    pub submitted_by: i64,
}

/// Records a repayment awaiting finance's confirmation; refused (with what is left to repay)
/// when it is more than the bill still owes after the repayments already waiting. Call in a
/// write transaction.
pub fn submit_repayment(
    conn: &mut DbConn,
    company_id: i64,
    new: NewRepayment<'_>,
) -> Result<Repayment, LedgerError> {
    // Takes the bill's row lock (PostgreSQL; SQLite writers are serialized already), so two
    // submissions at once can't both fit in what the bill still owes.
    let locked = diesel::update(
        credit_bills::table
            .find(new.bill_id)
            .filter(credit_bills::company_id.eq(company_id)),
    )
    .set(credit_bills::repaid_fen.eq(credit_bills::repaid_fen))
    .execute(conn)
    .map_err(StoreError::from)?;
    if locked == 0 {
        return Err(StoreError::NotFound.into());
    }
    let bill = bill(conn, company_id, new.bill_id)?;
    let owed = Fen::from_yuan(bill.amount.amount - bill.repaid.amount - bill.pending.amount)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if new.amount > owed {
        return Err(LedgerError::Short(rc_domain::ledger::Short { available: owed }));
    }
    let id: i64 = diesel::insert_into(credit_repayments::table)
        .values((
            credit_repayments::company_id.eq(company_id),
            credit_repayments::bill_id.eq(new.bill_id),
            credit_repayments::method.eq(new.method.as_db()),
            credit_repayments::amount_fen.eq(new.amount.0),
            credit_repayments::payer_account.eq(new.payer_account.trim()),
            credit_repayments::paid_on.eq(new.paid_on),
            credit_repayments::status.eq(RepaymentStatus::Pending.as_db()),
            credit_repayments::submitted_by.eq(new.submitted_by),
            credit_repayments::created_at.eq(now()),
        ))
        .returning(credit_repayments::id)
        .get_result(conn)
        .map_err(StoreError::from)?;
    let row: RepaymentRow = credit_repayments::table
        .find(id)
        .select(RepaymentRow::as_select())
        .first(conn)
        .map_err(StoreError::from)?;
    Ok(row.into_api(bill.bill_no)?)
}

fn bill_numbers(
    conn: &mut DbConn,
    rows: &[RepaymentRow],
) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.bill_id).collect();
    Ok(credit_bills::table
        .filter(credit_bills::id.eq_any(ids))
        .select((credit_bills::id, credit_bills::cycle_start))
        .load::<(i64, NaiveDate)>(conn)?
        .into_iter()
        .map(|(id, start)| (id, rules::bill_number(start, id)))
        .collect())
}

/// The company's repayments submitted within `range`, newest first (还款记录).
pub fn repayments(
    conn: &mut DbConn,
    company_id: i64,
    range: Range,
    paging: PageQuery,
) -> Result<Page<Repayment>, StoreError> {
    let query = || {
        let mut query = credit_repayments::table
            .filter(credit_repayments::company_id.eq(company_id))
            .into_boxed();
        if let Some(from) = range.from {
            query = query.filter(credit_repayments::created_at.ge(from));
        }
        if let Some(to) = range.to {
            query = query.filter(credit_repayments::created_at.lt(to));
        }
        query
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<RepaymentRow> = query()
        .order(credit_repayments::id.desc())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select(RepaymentRow::as_select())
        .load(conn)?;
    let numbers = bill_numbers(conn, &rows)?;
    let items = rows
        .into_iter()
        .map(|r| {
            let no = numbers.get(&r.bill_id).cloned().unwrap_or_default();
            r.into_api(no)
        })
        .collect::<Result<_, _>>()?;
    Ok(paging::page(items, total, paging))
}

/// Finance's queue: repayments in `status`, oldest first, with their company.
pub fn queue(
    conn: &mut DbConn,
    status: RepaymentStatus,
    paging: PageQuery,
) -> Result<Page<(Repayment, i64, String)>, StoreError> {
    let total: i64 = credit_repayments::table
        .filter(credit_repayments::status.eq(status.as_db()))
        .count()
        .get_result(conn)?;
    let rows: Vec<(RepaymentRow, String)> = credit_repayments::table
        .inner_join(companies::table)
        .filter(credit_repayments::status.eq(status.as_db()))
        .order(credit_repayments::id.asc())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select((RepaymentRow::as_select(), companies::name))
        .load(conn)?;
    let plain: Vec<RepaymentRow> = rows.iter().map(|(r, _)| r.clone()).collect();
    let numbers = bill_numbers(conn, &plain)?;
    let items = rows
        .into_iter()
        .map(|(r, name)| {
            let company = r.company_id;
            let no = numbers.get(&r.bill_id).cloned().unwrap_or_default();
            r.into_api(no).map(|rep| (rep, company, name))
        })
        .collect::<Result<_, _>>()?;
    Ok(paging::page(items, total, paging))
}

/// A repayment and its company (for finance's actions).
pub fn repayment(conn: &mut DbConn, id: i64) -> Result<(Repayment, i64), StoreError> {
    let row: RepaymentRow = credit_repayments::table
        .find(id)
        .select(RepaymentRow::as_select())
        .first(conn)?;
    let company = row.company_id;
    let numbers = bill_numbers(conn, std::slice::from_ref(&row))?;
    let no = numbers.get(&row.bill_id).cloned().unwrap_or_default();
    Ok((row.into_api(no)?, company))
}

/// Finance decides on a pending repayment: confirming adds it to its bill and posts the
/// repayment to the credit account (restoring the available amount); rejecting records the
/// reason. Once only: a repayment no longer pending is a conflict.
pub fn review_repayment(
    conn: &mut DbConn,
    id: i64,
    confirm: bool,
    reason: Option<&str>,
    actor_id: i64,
) -> Result<Repayment, LedgerError> {
    let status = if confirm {
        RepaymentStatus::Confirmed
    } else {
        RepaymentStatus::Rejected
    };
    let updated: Option<i64> = diesel::update(
        credit_repayments::table
            .find(id)
            .filter(credit_repayments::status.eq(RepaymentStatus::Pending.as_db())),
    )
    .set((
        credit_repayments::status.eq(status.as_db()),
        credit_repayments::reject_reason.eq(reason),
        credit_repayments::reviewed_by.eq(actor_id),
        credit_repayments::reviewed_at.eq(now()),
    ))
    .returning(credit_repayments::id)
    .get_result(conn)
    .optional()
    .map_err(StoreError::from)?;
    if updated.is_none() {
        return Err(
            StoreError::Conflict("this repayment was already confirmed or rejected".to_owned()).into(),
        );
    }
    let row: RepaymentRow = credit_repayments::table
        .find(id)
        .select(RepaymentRow::as_select())
        .first(conn)
        .map_err(StoreError::from)?;
    if confirm {
        let updated = diesel::update(
            credit_bills::table
                .find(row.bill_id)
                .filter((credit_bills::repaid_fen + row.amount_fen).le(credit_bills::amount_fen)),
        )
        .set(credit_bills::repaid_fen.eq(credit_bills::repaid_fen + row.amount_fen))
        .execute(conn)
        .map_err(StoreError::from)?;
        if updated == 0 {
            return Err(
                StoreError::Conflict("the repayment is more than the bill still owes".to_owned()).into(),
            );
        }
        let account = ledger::account(conn, AccountKey::credit(row.company_id))?;
        let bill_no = bill_numbers(conn, std::slice::from_ref(&row))?
            .remove(&row.bill_id)
            .unwrap_or_default();
        ledger::post(
            conn,
            account.id,
            Posting {
                kind: EntryKind::Repayment,
                amount: Fen(row.amount_fen),
                op_key: &format!("repayment:{id}"),
                reference: Some(&bill_no),
                reason: None,
                actor_id: Some(actor_id),
            },
        )?;
    }
    let (repayment, _) = repayment(conn, id)?;
    Ok(repayment)
}

/// Records an online repayment (额度线上还款) of `amount` on the company's bill, confirmed at
/// once — the gateway's verified notification is the proof — restoring the available amount
/// with its ledger entry. `None` (nothing changed) when the bill owes less than `amount` now
/// (repayments waiting for finance count as paid): the caller gives the payment back. Call in a write transaction.
pub fn repay_online(
    conn: &mut DbConn,
    company_id: i64,
    bill_id: i64,
    amount: Fen,
    payer_account: &str,
    submitted_by: i64,
) -> Result<Option<Repayment>, StoreError> {
    let at = now();
    // The bill's row lock first (as submissions take it), then what waits for finance counts
    // as owed-and-covered too: an online payment never overpays with a pending transfer.
    let locked: Option<NaiveDate> = diesel::update(
        credit_bills::table
            .find(bill_id)
            .filter(credit_bills::company_id.eq(company_id)),
    )
    .set(credit_bills::repaid_fen.eq(credit_bills::repaid_fen))
    .returning(credit_bills::cycle_start)
    .get_result(conn)
    .optional()?;
    let Some(cycle_start) = locked else {
        return Ok(None);
    };
    let pending = pending_by_bill(conn, &[bill_id])?
        .get(&bill_id)
        .copied()
        .unwrap_or(0);
    let updated = diesel::update(
        credit_bills::table
            .find(bill_id)
            .filter(credit_bills::company_id.eq(company_id))
            .filter((credit_bills::repaid_fen + amount.0 + pending).le(credit_bills::amount_fen)),
    )
    .set(credit_bills::repaid_fen.eq(credit_bills::repaid_fen + amount.0))
    .execute(conn)?;
    if updated == 0 {
        return Ok(None);
    }
    let row = RepaymentRow {
        id: 0,
        company_id,
        bill_id,
        method: RepaymentMethod::Online.as_db().to_owned(),
        amount_fen: amount.0,
        payer_account: payer_account.to_owned(),
        paid_on: china_date(at),
        status: RepaymentStatus::Confirmed.as_db().to_owned(),
        reject_reason: None,
        created_at: at,
        reviewed_at: Some(at),
    };
    let id: i64 = diesel::insert_into(credit_repayments::table)
        .values((
            credit_repayments::company_id.eq(row.company_id),
            credit_repayments::bill_id.eq(row.bill_id),
            credit_repayments::method.eq(&row.method),
            credit_repayments::amount_fen.eq(row.amount_fen),
            credit_repayments::payer_account.eq(&row.payer_account),
            credit_repayments::paid_on.eq(row.paid_on),
            credit_repayments::status.eq(&row.status),
            credit_repayments::submitted_by.eq(submitted_by),
            credit_repayments::created_at.eq(at),
            credit_repayments::reviewed_at.eq(at),
        ))
        .returning(credit_repayments::id)
        .get_result(conn)?;
    // What was just written, without reading it back.
    let row = RepaymentRow { id, ..row };
    let bill_no = rules::bill_number(cycle_start, bill_id);
    let account = ledger::account(conn, AccountKey::credit(company_id))?;
    ledger::post(
        conn,
        account.id,
        Posting {
            kind: EntryKind::Repayment,
            amount,
            op_key: &format!("repayment:{id}"),
            reference: Some(&bill_no),
            reason: Some(payer_account),
            actor_id: Some(submitted_by),
        },
    )
    .map_err(into_store)?;
    Ok(Some(row.into_api(bill_no)?))
}

fn into_store(error: LedgerError) -> StoreError {
    match error {
        LedgerError::Store(store) => store,
        other => StoreError::Conflict(other.to_string()),
    }
}

/// What bill `bill_id` of the company still owes (amount − repaid), and its number.
pub fn bill_owed(conn: &mut DbConn, company_id: i64, bill_id: i64) -> Result<(Fen, String), StoreError> {
    let bill = bill(conn, company_id, bill_id)?;
    let owed = Fen::from_yuan(bill.amount.amount - bill.repaid.amount)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok((owed, bill.bill_no))
}

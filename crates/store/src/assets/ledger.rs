//! The ledger core: the only code that changes a balance. An account per (company, asset) — per
//! coupon for coupons —; every change is an entry written in the same statement sequence as the
//! account's new totals, so an account's totals always equal the sums of its entries.
//!
//! Concurrency: a change is one conditional `UPDATE … WHERE posted + amount - (held + hold) >= 0`
//! (PostgreSQL serializes on the row lock and re-checks the condition; SQLite writers run in
//! `BEGIN IMMEDIATE` transactions, see [`DbConn::atomic_write`]), and the database's CHECK
//! constraints refuse a negative available amount as a last line. Each operation carries an
//! `op_key`, unique per account: a retried grant, hold, capture or release finds its entry and
//! answers with it instead of applying twice.

use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::ledger::{Balance, Change, HoldState, Resolution, Short};
use rc_types::assets::{Asset, EntryKind, LedgerEntry};
use rc_types::{Page, PageQuery};

use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::paging;
use crate::schema::{ledger_accounts, ledger_entries, ledger_holds};

/// Which account: a company's rebate or credit account, or one coupon's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountKey {
    /// Owning company.
    pub company_id: i64,
    /// Asset.
    pub asset: Asset,
    /// The coupon, for coupon accounts.
    pub coupon_id: Option<i64>,
}

impl AccountKey {
    /// A company's rebate account.
    pub fn rebate(company_id: i64) -> AccountKey {
        AccountKey {
            company_id,
            asset: Asset::Rebate,
            coupon_id: None,
        }
    }

    /// A company's credit account (its balance is the line's available amount).
    pub fn credit(company_id: i64) -> AccountKey {
        AccountKey {
            company_id,
            asset: Asset::Credit,
            coupon_id: None,
        }
    }

    /// One coupon's account.
    pub fn coupon(company_id: i64, coupon_id: i64) -> AccountKey {
        AccountKey {
            company_id,
            asset: Asset::Coupon,
            coupon_id: Some(coupon_id),
        }
    }
}

/// An account's stored totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = ledger_accounts)]
pub struct AccountRow {
    /// Account id.
    pub id: i64,
    /// Owning company.
    pub company_id: i64,
    /// Posted balance, fen.
    pub posted_fen: i64,
    /// On hold, fen.
    pub held_fen: i64,
}

impl AccountRow {
    /// The totals in domain terms.
    pub fn balance(&self) -> Balance {
        Balance {
            posted: self.posted_fen,
            held: self.held_fen,
        }
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = ledger_entries)]
pub struct EntryRow {
    /// Entry id.
    pub id: i64,
    /// Account.
    pub account_id: i64,
    /// Kind (stored text).
    pub kind: String,
    /// Change of the posted balance.
    pub amount_fen: i64,
    /// Change of the amount on hold.
    pub held_fen: i64,
    /// Posted balance after.
    pub posted_after_fen: i64,
    /// On hold after.
    pub held_after_fen: i64,
    /// Order, bill or repayment reference.
    pub reference: Option<String>,
    /// The operator's reason.
    pub reason: Option<String>,
    /// When.
    pub created_at: chrono::NaiveDateTime,
}

impl EntryRow {
    /// The entry on the wire.
    pub fn into_api(self) -> Result<LedgerEntry, StoreError> {
        Ok(LedgerEntry {
            txn_no: rc_domain::ledger::transaction_number(self.created_at, self.id),
            id: self.id,
            created_at: self.created_at.and_utc(),
            kind: EntryKind::from_db(&self.kind)?,
            amount: Fen(self.amount_fen).to_money(),
            held_change: Fen(self.held_fen).to_money(),
            balance_after: Fen(self.posted_after_fen).to_money(),
            available_after: Fen(self.posted_after_fen - self.held_after_fen).to_money(),
            reference: self.reference,
            reason: self.reason,
        })
    }
}

/// One change to post.
#[derive(Debug, Clone, Copy)]
pub struct Posting<'a> {
    /// What it is.
    pub kind: EntryKind,
    /// How much (more than 0; the kind gives the sign).
    pub amount: Fen,
    /// Once-only key of the operation within the account.
    pub op_key: &'a str,
    /// The order, bill or repayment it belongs to.
    pub reference: Option<&'a str>,
    /// The operator's reason.
    pub reason: Option<&'a str>,
    /// Who (an operator or partner user), if a person.
    pub actor_id: Option<i64>,
}

/// Why the ledger refused a change.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// Not enough available.
    #[error(transparent)]
    Short(#[from] Short),
    /// Order `0` already holds a different amount on this account.
    #[error("order {0} already holds a different amount")]
    OtherAmount(String),
    /// The hold was already resolved the other way.
    #[error("the hold for {reference} is {state:?}")]
    Resolved {
        /// The hold's order.
        reference: String,
        /// Its state.
        state: HoldState,
    },
    /// No hold for this reference.
    #[error("no hold for {0}")]
    NoHold(String),
    /// The asset can't be used now (a used or expired coupon, a credit line on hold or not
    /// granted); says why.
    #[error("{0}")]
    Unusable(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for LedgerError {
    fn from(error: diesel::result::Error) -> Self {
        LedgerError::Store(error.into())
    }
}

/// The result of a posting: new, or the entry an earlier identical operation wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// Applied now.
    New(EntryRow),
    /// Applied before (a retry): nothing changed.
    Repeated(EntryRow),
}

impl Posted {
    /// The entry either way.
    pub fn entry(self) -> EntryRow {
        match self {
            Posted::New(entry) | Posted::Repeated(entry) => entry,
        }
    }
}

type Db = <DbConn as diesel::Connection>::Backend;

fn key_filter(key: AccountKey) -> ledger_accounts::BoxedQuery<'static, Db> {
    let query = ledger_accounts::table
        .filter(ledger_accounts::company_id.eq(key.company_id))
        .filter(ledger_accounts::asset.eq(key.asset.as_db()))
        .into_boxed();
    match key.coupon_id {
        Some(coupon) => query.filter(ledger_accounts::coupon_id.eq(coupon)),
        None => query.filter(ledger_accounts::coupon_id.is_null()),
    }
}

/// The account of `key`, if it was ever opened.
pub fn find_account(conn: &mut DbConn, key: AccountKey) -> Result<Option<AccountRow>, StoreError> {
    Ok(key_filter(key)
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?)
}

/// The account of `key`, opened (empty) on first use.
pub fn account(conn: &mut DbConn, key: AccountKey) -> Result<AccountRow, StoreError> {
    if let Some(found) = find_account(conn, key)? {
        return Ok(found);
    }
    // Two first uses at once: the unique index keeps one; the loser reads the winner's row.
    let inserted = conn.atomic(|conn| {
        diesel::insert_into(ledger_accounts::table)
            .values((
                ledger_accounts::company_id.eq(key.company_id),
                ledger_accounts::asset.eq(key.asset.as_db()),
                ledger_accounts::coupon_id.eq(key.coupon_id),
                ledger_accounts::created_at.eq(now()),
            ))
            .execute(conn)
            .map_err(StoreError::from)
    });
    match inserted {
        Ok(_) | Err(StoreError::Conflict(_)) => find_account(conn, key)?.ok_or(StoreError::NotFound),
        Err(other) => Err(other),
    }
}

fn entry_by_op(conn: &mut DbConn, account_id: i64, op_key: &str) -> Result<Option<EntryRow>, StoreError> {
    Ok(ledger_entries::table
        .filter(ledger_entries::account_id.eq(account_id))
        .filter(ledger_entries::op_key.eq(op_key))
        .select(EntryRow::as_select())
        .first(conn)
        .optional()?)
}

enum Refusal {
    Repeated(Box<EntryRow>),
    Short(Fen),
    Failed(StoreError),
}

impl From<diesel::result::Error> for Refusal {
    fn from(error: diesel::result::Error) -> Self {
        Refusal::Failed(error.into())
    }
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Self {
        Refusal::Failed(error)
    }
}

/// Applies `change` to the totals of account `account_id` in one conditional update, answering
/// the totals after, or — changing nothing — what is available when the change would leave less
/// than 0. On PostgreSQL the update takes the account's row lock until the transaction ends.
fn apply_totals(
    conn: &mut DbConn,
    account_id: i64,
    change: Change,
) -> Result<Result<(i64, i64), Fen>, StoreError> {
    use ledger_accounts::{held_fen, posted_fen};
    let totals: Option<(i64, i64)> = diesel::update(
        ledger_accounts::table
            .filter(ledger_accounts::id.eq(account_id))
            .filter((posted_fen + change.amount - held_fen - change.held).ge(0_i64))
            .filter((held_fen + change.held).ge(0_i64)),
    )
    .set((
        posted_fen.eq(posted_fen + change.amount),
        held_fen.eq(held_fen + change.held),
    ))
    .returning((posted_fen, held_fen))
    .get_result(conn)
    .optional()?;
    if let Some(totals) = totals {
        return Ok(Ok(totals));
    }
    let current: AccountRow = ledger_accounts::table
        .find(account_id)
        .select(AccountRow::as_select())
        .first(conn)?;
    Ok(Err(current.balance().available()))
}

/// Writes the entry of `posting` (`change` applied, `totals` after) and answers it as stored,
/// without reading it back.
fn insert_entry(
    conn: &mut DbConn,
    account_id: i64,
    posting: &Posting<'_>,
    change: Change,
    (posted_after, held_after): (i64, i64),
) -> Result<EntryRow, StoreError> {
    let created_at = now();
    let id: i64 = diesel::insert_into(ledger_entries::table)
        .values((
            ledger_entries::account_id.eq(account_id),
            ledger_entries::kind.eq(posting.kind.as_db()),
            ledger_entries::amount_fen.eq(change.amount),
            ledger_entries::held_fen.eq(change.held),
            ledger_entries::posted_after_fen.eq(posted_after),
            ledger_entries::held_after_fen.eq(held_after),
            ledger_entries::op_key.eq(posting.op_key),
            ledger_entries::reference.eq(posting.reference),
            ledger_entries::reason.eq(posting.reason),
            ledger_entries::actor_id.eq(posting.actor_id),
            ledger_entries::created_at.eq(created_at),
        ))
        .returning(ledger_entries::id)
        .get_result(conn)?;
    Ok(EntryRow {
        id,
        account_id,
        kind: posting.kind.as_db().to_owned(),
        amount_fen: change.amount,
        held_fen: change.held,
        posted_after_fen: posted_after,
        held_after_fen: held_after,
        reference: posting.reference.map(str::to_owned),
        reason: posting.reason.map(str::to_owned),
        created_at,
    })
}

/// Applies `posting` whose once-only-ness the caller already guarantees (a hold's row, claimed or
/// resolved in this transaction, stands for its `op_key`): totals and entry, or refused as short
/// with nothing written.
fn post_claimed(conn: &mut DbConn, account_id: i64, posting: &Posting<'_>) -> Result<EntryRow, LedgerError> {
    let change = Change::of(posting.kind, posting.amount);
    match apply_totals(conn, account_id, change)? {
        Ok(totals) => Ok(insert_entry(conn, account_id, posting, change, totals)?),
        Err(available) => Err(LedgerError::Short(Short { available })),
    }
}

/// Posts one change to account `account_id`: the conditional update of its totals and the entry
/// with the totals after, or nothing (a retry of `op_key` answers with the earlier entry; a change
/// that would leave less than 0 available is refused with what is available).
pub fn post(conn: &mut DbConn, account_id: i64, posting: Posting<'_>) -> Result<Posted, LedgerError> {
    let change = Change::of(posting.kind, posting.amount);
    let outcome = conn.atomic(|conn| {
        // The update first: on PostgreSQL it takes the account's row lock, so the op_key check
        // below sees every committed posting of this account.
        let totals = apply_totals(conn, account_id, change)?;
        if let Some(earlier) = entry_by_op(conn, account_id, posting.op_key)? {
            return Err(Refusal::Repeated(Box::new(earlier)));
        }
        match totals {
            Ok(totals) => Ok(insert_entry(conn, account_id, &posting, change, totals)?),
            Err(available) => Err(Refusal::Short(available)),
        }
    });
    match outcome {
        Ok(entry) => Ok(Posted::New(entry)),
        Err(Refusal::Repeated(entry)) => Ok(Posted::Repeated(*entry)),
        Err(Refusal::Short(available)) => Err(LedgerError::Short(Short { available })),
        Err(Refusal::Failed(error)) => Err(LedgerError::Store(error)),
    }
}

/// A hold as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = ledger_holds)]
struct HoldRow {
    id: i64,
    amount_fen: i64,
    state: String,
}

fn find_hold(conn: &mut DbConn, account_id: i64, reference: &str) -> Result<Option<HoldRow>, StoreError> {
    Ok(ledger_holds::table
        .filter(ledger_holds::account_id.eq(account_id))
        .filter(ledger_holds::reference.eq(reference))
        .select(HoldRow::as_select())
        .first(conn)
        .optional()?)
}

/// What order `reference` captured from account `account_id` (0 when its hold is not captured).
pub fn captured_amount(conn: &mut DbConn, account_id: i64, reference: &str) -> Result<i64, StoreError> {
    Ok(find_hold(conn, account_id, reference)?
        .filter(|hold| hold.state == HoldState::Captured.as_db())
        .map_or(0, |hold| hold.amount_fen))
}

/// Claims order `reference`'s hold row on `account_id`: false when it exists already. A
/// concurrent claim of the same order waits for the first to commit, then finds its row.
fn claim_hold(conn: &mut DbConn, account_id: i64, reference: &str, amount: Fen) -> Result<bool, StoreError> {
    let claim = diesel::insert_into(ledger_holds::table)
        .values((
            ledger_holds::account_id.eq(account_id),
            ledger_holds::reference.eq(reference),
            ledger_holds::amount_fen.eq(amount.0),
            ledger_holds::state.eq(HoldState::Pending.as_db()),
            ledger_holds::created_at.eq(now()),
        ))
        .on_conflict((ledger_holds::account_id, ledger_holds::reference))
        .do_nothing();
    // `ON CONFLICT` is not available through the MultiConnection: each dialect runs it itself.
    let inserted = match conn {
        DbConn::Pg(pg) => claim.execute(pg)?,
        DbConn::Sqlite(sqlite) => claim.execute(sqlite)?,
    };
    Ok(inserted == 1)
}

/// The answer to a repeated hold of order `reference`: the first hold's entry, when it is for
/// the same amount and not released.
fn repeated_hold(
    conn: &mut DbConn,
    account_id: i64,
    reference: &str,
    amount: Fen,
) -> Result<Posted, LedgerError> {
    let existing = find_hold(conn, account_id, reference)?.ok_or(StoreError::NotFound)?;
    let state = HoldState::from_db(&existing.state)?;
    if existing.amount_fen != amount.0 {
        return Err(LedgerError::OtherAmount(reference.to_owned()));
    }
    if state == HoldState::Released {
        return Err(LedgerError::Resolved {
            reference: reference.to_owned(),
            state,
        });
    }
    let entry = entry_by_op(conn, account_id, &format!("hold:{reference}"))?.ok_or(StoreError::NotFound)?;
    Ok(Posted::Repeated(entry))
}

/// Reserves `amount` of account `account_id` for order `reference` (冻结): fails with what is
/// available when short. Once per account and order: a retry with the same amount answers with
/// the first hold's entry; another amount for the same order is refused.
///
/// Three statements on the hot path — claim the hold row, update the totals, write the entry —
/// so the account's row lock is held for as short as possible. Joins the caller's transaction
/// (the checkout's holds commit with its order; see [`DbConn::joined_write`]). An amount of 0 or
/// less is refused.
pub fn hold(
    conn: &mut DbConn,
    account_id: i64,
    reference: &str,
    amount: Fen,
    actor_id: Option<i64>,
) -> Result<Posted, LedgerError> {
    if amount.0 <= 0 {
        return Err(LedgerError::Store(StoreError::Invalid {
            field: "amount",
            message: "a hold must be more than 0".to_owned(),
        }));
    }
    conn.joined_write(|conn| hold_in(conn, account_id, reference, amount, actor_id))
}

fn hold_in(
    conn: &mut DbConn,
    account_id: i64,
    reference: &str,
    amount: Fen,
    actor_id: Option<i64>,
) -> Result<Posted, LedgerError> {
    if !claim_hold(conn, account_id, reference, amount)? {
        return repeated_hold(conn, account_id, reference, amount);
    }
    let posting = Posting {
        kind: EntryKind::Hold,
        amount,
        op_key: &format!("hold:{reference}"),
        reference: Some(reference),
        reason: None,
        actor_id,
    };
    match post_claimed(conn, account_id, &posting) {
        Ok(entry) => Ok(Posted::New(entry)),
        Err(refused) => {
            // Short: give the claimed row back, so the refusal leaves nothing behind.
            diesel::delete(
                ledger_holds::table
                    .filter(ledger_holds::account_id.eq(account_id))
                    .filter(ledger_holds::reference.eq(reference)),
            )
            .execute(conn)?;
            Err(refused)
        }
    }
}

/// Resolves order `reference`'s hold on `account_id`: `Captured` turns it into a spend (支出),
/// `Released` gives it back (释放). At most once: the same resolution again answers with its
/// entry, the other one is refused. Joins the caller's transaction, like [`hold`].
pub fn resolve(
    conn: &mut DbConn,
    account_id: i64,
    reference: &str,
    target: HoldState,
    actor_id: Option<i64>,
) -> Result<Posted, LedgerError> {
    conn.joined_write(|conn| resolve_in(conn, account_id, reference, target, actor_id))
}

fn resolve_in(
    conn: &mut DbConn,
    account_id: i64,
    reference: &str,
    target: HoldState,
    actor_id: Option<i64>,
) -> Result<Posted, LedgerError> {
    let (kind, op) = match target {
        HoldState::Captured => (EntryKind::Capture, "capture"),
        _ => (EntryKind::Release, "release"),
    };
    let op_key = format!("{op}:{reference}");
    let hold =
        find_hold(conn, account_id, reference)?.ok_or_else(|| LedgerError::NoHold(reference.to_owned()))?;
    // The state change is the once-only claim: it takes the hold row's lock on PostgreSQL.
    let resolved = diesel::update(
        ledger_holds::table
            .find(hold.id)
            .filter(ledger_holds::state.eq(HoldState::Pending.as_db())),
    )
    .set((
        ledger_holds::state.eq(target.as_db()),
        ledger_holds::resolved_at.eq(now()),
    ))
    .execute(conn)?;
    if resolved == 0 {
        let state = HoldState::from_db(
            &ledger_holds::table
                .find(hold.id)
                .select(ledger_holds::state)
                .first::<String>(conn)?,
        )?;
        return match state.resolve(target) {
            Resolution::AlreadyDone => Ok(Posted::Repeated(
                entry_by_op(conn, account_id, &op_key)?.ok_or(StoreError::NotFound)?,
            )),
            Resolution::Apply | Resolution::Conflict(_) => Err(LedgerError::Resolved {
                reference: reference.to_owned(),
                state,
            }),
        };
    }
    // Capturing or releasing a hold never lowers what is available, so this is never short.
    let posting = Posting {
        kind,
        amount: Fen(hold.amount_fen),
        op_key: &op_key,
        reference: Some(reference),
        reason: None,
        actor_id,
    };
    Ok(Posted::New(post_claimed(conn, account_id, &posting)?))
}

/// Which entries a statement lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryFilter {
    /// Entries that changed the balance (收支明细: no holds, no releases).
    BalanceChanges,
    /// Only these kinds (e.g. 历史充值明细: grants and claw-backs).
    Kinds(&'static [EntryKind]),
}

/// One page of account `account_id`'s entries within `range`, newest first.
pub fn entries(
    conn: &mut DbConn,
    account_id: i64,
    filter: EntryFilter,
    range: rc_domain::period::Range,
    paging: PageQuery,
) -> Result<Page<LedgerEntry>, StoreError> {
    let query = || {
        let mut query = ledger_entries::table
            .filter(ledger_entries::account_id.eq(account_id))
            .into_boxed();
        query = match filter {
            EntryFilter::BalanceChanges => query.filter(ledger_entries::amount_fen.ne(0_i64)),
            EntryFilter::Kinds(kinds) => {
                query.filter(ledger_entries::kind.eq_any(kinds.iter().map(|k| k.as_db()).collect::<Vec<_>>()))
            }
        };
        if let Some(from) = range.from {
            query = query.filter(ledger_entries::created_at.ge(from));
        }
        if let Some(to) = range.to {
            query = query.filter(ledger_entries::created_at.lt(to));
        }
        query
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<EntryRow> = query()
        .order((ledger_entries::created_at.desc(), ledger_entries::id.desc()))
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select(EntryRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(EntryRow::into_api)
        .collect::<Result<_, _>>()?;
    Ok(paging::page(items, total, paging))
}

/// Whether every account's totals equal the sums of its entries (the invariant the race tests
/// and the bench check): the ids of the accounts that don't. Sums in Rust (a check, not a
/// report: both dialects load the same integers).
pub fn unbalanced_accounts(conn: &mut DbConn) -> Result<Vec<i64>, StoreError> {
    let accounts: Vec<AccountRow> = ledger_accounts::table
        .select(AccountRow::as_select())
        .load(conn)?;
    let changes: Vec<(i64, i64, i64)> = ledger_entries::table
        .select((
            ledger_entries::account_id,
            ledger_entries::amount_fen,
            ledger_entries::held_fen,
        ))
        .load(conn)?;
    let mut sums = std::collections::HashMap::<i64, (i64, i64)>::new();
    for (account, amount, held) in changes {
        let sum = sums.entry(account).or_default();
        sum.0 += amount;
        sum.1 += held;
    }
    Ok(accounts
        .into_iter()
        .filter(|account| {
            sums.get(&account.id).copied().unwrap_or((0, 0)) != (account.posted_fen, account.held_fen)
        })
        .map(|account| account.id)
        .collect())
}

/// One page of the statement of `key`'s account (see [`entries`]); an account never opened has
/// an empty statement.
pub fn statement(
    conn: &mut DbConn,
    key: AccountKey,
    filter: EntryFilter,
    range: rc_domain::period::Range,
    paging: PageQuery,
) -> Result<Page<LedgerEntry>, StoreError> {
    match find_account(conn, key)? {
        Some(account) => entries(conn, account.id, filter, range, paging),
        None => Ok(paging::page(Vec::new(), 0, paging)),
    }
}

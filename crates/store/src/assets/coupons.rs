//! Coupons (优惠券): templates, the coupons issued from them, the wallet tabs, and the hold /
//! capture / release of a coupon by an order — through its ledger account (face value posted at
//! issue, held whole by the order that uses it), so a coupon is used at most once.
//!
//! State is derived, never stored: used when `used_at` is set, expired when its template's window
//! has ended, held while its account has an amount on hold, otherwise unused. Expiry therefore
//! happens by itself at the window's end; a released hold gives the coupon back unless expired.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::coupon::{Line, Terms};
use rc_domain::ledger::HoldState;
use rc_types::assets::EntryKind;
use rc_types::assets::coupons::{
    Coupon, CouponCounts, CouponSolution, CouponState, CouponTemplate, CouponTemplateInput, CouponTerms,
    IssuedCoupon, Validity,
};
use rc_types::{Page, PageQuery};

use super::ledger::{self, AccountKey, LedgerError, Posted, Posting};
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::paging;
use crate::schema::{coupon_template_solutions, coupon_templates, coupons, ledger_accounts, solutions};

/// A template's stored values (amounts already in fen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateValues {
    /// 明细.
    pub name: String,
    /// Face value.
    pub face_value: Fen,
    /// 满 X 金额使用.
    pub min_amount: Fen,
    /// X 数量起用.
    pub min_quantity: u32,
    /// All solutions.
    pub all_solutions: bool,
    /// Or these.
    pub solution_ids: Vec<i64>,
    /// Window start.
    pub valid_from: Option<NaiveDateTime>,
    /// Window end.
    pub valid_to: Option<NaiveDateTime>,
    /// 使用区域.
    pub region: String,
}

impl TemplateValues {
    /// The values of a validated input with its amounts converted.
    pub fn of(input: &CouponTemplateInput, face_value: Fen, min_amount: Fen) -> TemplateValues {
        let (valid_from, valid_to) = match input.validity {
            Validity::Permanent => (None, None),
            Validity::Window { from, to } => (Some(from.naive_utc()), Some(to.naive_utc())),
        };
        let mut solution_ids = if input.all_solutions {
            Vec::new()
        } else {
            input.solution_ids.clone()
        };
        solution_ids.sort_unstable();
        solution_ids.dedup();
        TemplateValues {
            name: input.name.trim().to_owned(),
            face_value,
            min_amount,
            min_quantity: input.min_quantity,
            all_solutions: input.all_solutions,
            solution_ids,
            valid_from,
            valid_to,
            region: input.region.trim().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = coupon_templates)]
struct TemplateRow {
    id: i64,
    name: String,
    face_value_fen: i64,
    min_amount_fen: i64,
    min_quantity: i32,
    all_solutions: bool,
    valid_from: Option<NaiveDateTime>,
    valid_to: Option<NaiveDateTime>,
    region: String,
    created_at: NaiveDateTime,
}

impl TemplateRow {
    fn terms(&self, solutions: &[CouponSolution]) -> CouponTerms {
        CouponTerms {
            name: self.name.clone(),
            face_value: Fen(self.face_value_fen).to_money(),
            min_amount: Fen(self.min_amount_fen).to_money(),
            min_quantity: u32::try_from(self.min_quantity).unwrap_or(0),
            all_solutions: self.all_solutions,
            solutions: solutions.to_vec(),
            valid_from: self.valid_from.map(|t| t.and_utc()),
            valid_to: self.valid_to.map(|t| t.and_utc()),
            region: self.region.clone(),
        }
    }

    fn rules(&self, solutions: &[CouponSolution]) -> Terms {
        Terms {
            face_value: Fen(self.face_value_fen),
            min_amount: Fen(self.min_amount_fen),
            min_quantity: u32::try_from(self.min_quantity).unwrap_or(0),
            all_solutions: self.all_solutions,
            solutions: solutions.iter().map(|s| s.id).collect(),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            region: self.region.clone(),
        }
    }
}

/// The solutions of each template in `ids`.
fn template_solutions(
    conn: &mut DbConn,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<CouponSolution>>, StoreError> {
    let rows: Vec<(i64, i64, String)> = coupon_template_solutions::table
        .inner_join(solutions::table)
        .filter(coupon_template_solutions::template_id.eq_any(ids))
        .order((coupon_template_solutions::template_id, solutions::name))
        .select((
            coupon_template_solutions::template_id,
            solutions::id,
            solutions::name,
        ))
        .load(conn)?;
    let mut map: HashMap<i64, Vec<CouponSolution>> = HashMap::new();
    for (template, id, name) in rows {
        map.entry(template).or_default().push(CouponSolution { id, name });
    }
    Ok(map)
}

fn write_solutions(conn: &mut DbConn, template_id: i64, values: &TemplateValues) -> Result<(), StoreError> {
    diesel::delete(
        coupon_template_solutions::table.filter(coupon_template_solutions::template_id.eq(template_id)),
    )
    .execute(conn)?;
    let known: Vec<i64> = solutions::table
        .filter(solutions::id.eq_any(&values.solution_ids))
        .select(solutions::id)
        .load(conn)?;
    if let Some(missing) = values.solution_ids.iter().find(|id| !known.contains(id)) {
        return Err(StoreError::Invalid {
            field: "solution_ids",
            message: format!("no solution {missing}"),
        });
    }
    for id in &values.solution_ids {
        diesel::insert_into(coupon_template_solutions::table)
            .values((
                coupon_template_solutions::template_id.eq(template_id),
                coupon_template_solutions::solution_id.eq(*id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Creates a template; returns its id.
pub fn create_template(conn: &mut DbConn, values: &TemplateValues, actor_id: i64) -> Result<i64, StoreError> {
    conn.atomic(|conn| {
        let stamp = now();
        let id: i64 = diesel::insert_into(coupon_templates::table)
            .values((
                coupon_templates::name.eq(&values.name),
                coupon_templates::face_value_fen.eq(values.face_value.0),
                coupon_templates::min_amount_fen.eq(values.min_amount.0),
                coupon_templates::min_quantity.eq(i32::try_from(values.min_quantity).unwrap_or(i32::MAX)),
                coupon_templates::all_solutions.eq(values.all_solutions),
                coupon_templates::valid_from.eq(values.valid_from),
                coupon_templates::valid_to.eq(values.valid_to),
                coupon_templates::region.eq(&values.region),
                coupon_templates::created_by.eq(actor_id),
                coupon_templates::created_at.eq(stamp),
                coupon_templates::updated_at.eq(stamp),
            ))
            .returning(coupon_templates::id)
            .get_result(conn)?;
        write_solutions(conn, id, values)?;
        Ok(id)
    })
}

/// Takes the template's row lock (PostgreSQL; SQLite writers are serialized): an edit and an
/// issuance of one template run one after the other, so no coupon is issued with terms an
/// edit replaces. Not found: no such template.
fn lock_template(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    let locked = diesel::update(coupon_templates::table.find(id))
        .set(coupon_templates::updated_at.eq(coupon_templates::updated_at))
        .execute(conn)?;
    if locked == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Edits a template no coupon has been issued from yet (issued coupons keep the terms they were
/// issued with: 409 otherwise).
pub fn update_template(conn: &mut DbConn, id: i64, values: &TemplateValues) -> Result<(), StoreError> {
    conn.atomic_write(|conn| {
        // The lock first: an issuance running now either committed (and is counted) or waits.
        lock_template(conn, id)?;
        let issued: i64 = coupons::table
            .filter(coupons::template_id.eq(id))
            .count()
            .get_result(conn)?;
        if issued > 0 {
            return Err(StoreError::Conflict(
                "coupons were issued from this template: their terms can't change; create a new template"
                    .to_owned(),
            ));
        }
        let updated = diesel::update(coupon_templates::table.find(id))
            .set((
                coupon_templates::name.eq(&values.name),
                coupon_templates::face_value_fen.eq(values.face_value.0),
                coupon_templates::min_amount_fen.eq(values.min_amount.0),
                coupon_templates::min_quantity.eq(i32::try_from(values.min_quantity).unwrap_or(i32::MAX)),
                coupon_templates::all_solutions.eq(values.all_solutions),
                coupon_templates::valid_from.eq(values.valid_from),
                coupon_templates::valid_to.eq(values.valid_to),
                coupon_templates::region.eq(&values.region),
                coupon_templates::updated_at.eq(now()),
            ))
            .execute(conn)?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        write_solutions(conn, id, values)
    })
}

fn counts(
    conn: &mut DbConn,
    template_ids: &[i64],
    at: NaiveDateTime,
) -> Result<HashMap<i64, CouponCounts>, StoreError> {
    let rows: Vec<(i64, Option<NaiveDateTime>, Option<NaiveDateTime>)> = coupons::table
        .inner_join(coupon_templates::table)
        .filter(coupons::template_id.eq_any(template_ids))
        .select((coupons::template_id, coupons::used_at, coupon_templates::valid_to))
        .load(conn)?;
    let mut map: HashMap<i64, CouponCounts> = HashMap::new();
    for (template, used_at, valid_to) in rows {
        let count = map.entry(template).or_default();
        count.issued += 1;
        if used_at.is_some() {
            count.used += 1;
        } else if valid_to.is_some_and(|to| to <= at) {
            count.expired += 1;
        } else {
            count.unused += 1;
        }
    }
    Ok(map)
}

/// Templates, newest first, with how many of their coupons are in each state.
pub fn templates(conn: &mut DbConn, paging: PageQuery) -> Result<Page<CouponTemplate>, StoreError> {
    let total: i64 = coupon_templates::table.count().get_result(conn)?;
    let rows: Vec<TemplateRow> = coupon_templates::table
        .order(coupon_templates::id.desc())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select(TemplateRow::as_select())
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let solutions = template_solutions(conn, &ids)?;
    let counts = counts(conn, &ids, now())?;
    let items = rows
        .iter()
        .map(|row| CouponTemplate {
            id: row.id,
            terms: row.terms(solutions.get(&row.id).map_or(&[][..], Vec::as_slice)),
            counts: counts.get(&row.id).copied().unwrap_or_default(),
            created_at: row.created_at.and_utc(),
        })
        .collect();
    Ok(paging::page(items, total, paging))
}

/// One template with its counts.
pub fn template(conn: &mut DbConn, id: i64) -> Result<CouponTemplate, StoreError> {
    let row: TemplateRow = coupon_templates::table
        .find(id)
        .select(TemplateRow::as_select())
        .first(conn)?;
    let solutions = template_solutions(conn, &[id])?;
    let counts = counts(conn, &[id], now())?;
    Ok(CouponTemplate {
        id,
        terms: row.terms(solutions.get(&id).map_or(&[][..], Vec::as_slice)),
        counts: counts.get(&id).copied().unwrap_or_default(),
        created_at: row.created_at.and_utc(),
    })
}

/// Issues `quantity` coupons of template `template_id` to each company in `company_ids` (which
/// the caller checked are partner companies): each with a fresh code from `new_code`, its account
/// opened and its face value posted. Returns the codes per company, in order. Call in a write
/// transaction.
pub fn issue(
    conn: &mut DbConn,
    template_id: i64,
    company_ids: &[i64],
    quantity: u32,
    actor_id: i64,
    mut new_code: impl FnMut() -> String,
) -> Result<Vec<(i64, String)>, LedgerError> {
    lock_template(conn, template_id)?;
    let template: TemplateRow = coupon_templates::table
        .find(template_id)
        .select(TemplateRow::as_select())
        .first(conn)
        .map_err(StoreError::from)?;
    let mut issued = Vec::new();
    for &company_id in company_ids {
        for _ in 0..quantity {
            let (coupon_id, code) = insert_coupon(conn, template_id, company_id, actor_id, &mut new_code)?;
            let account = ledger::account(conn, AccountKey::coupon(company_id, coupon_id))?;
            ledger::post(
                conn,
                account.id,
                Posting {
                    kind: EntryKind::Grant,
                    amount: Fen(template.face_value_fen),
                    op_key: "issue",
                    reference: Some(&code),
                    reason: Some(&template.name),
                    actor_id: Some(actor_id),
                },
            )?;
            issued.push((company_id, code));
        }
    }
    Ok(issued)
}

fn insert_coupon(
    conn: &mut DbConn,
    template_id: i64,
    company_id: i64,
    actor_id: i64,
    new_code: &mut impl FnMut() -> String,
) -> Result<(i64, String), StoreError> {
    for _ in 0..5 {
        let code = new_code();
        let taken: i64 = coupons::table
            .filter(coupons::code.eq(&code))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            continue;
        }
        let id: i64 = diesel::insert_into(coupons::table)
            .values((
                coupons::code.eq(&code),
                coupons::template_id.eq(template_id),
                coupons::company_id.eq(company_id),
                coupons::issued_by.eq(actor_id),
                coupons::issued_at.eq(now()),
            ))
            .returning(coupons::id)
            .get_result(conn)?;
        return Ok((id, code));
    }
    Err(StoreError::Conflict(
        "could not find a free coupon code; try again".to_owned(),
    ))
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = coupons)]
struct CouponRow {
    id: i64,
    code: String,
    company_id: i64,
    issued_at: NaiveDateTime,
    order_no: Option<String>,
    used_at: Option<NaiveDateTime>,
}

type Joined = (CouponRow, TemplateRow, Option<i64>);

/// Coupons with their template and their account's amount on hold, boxed (a macro: the joined
/// query's type is not worth spelling).
macro_rules! joined {
    () => {
        coupons::table
            .inner_join(coupon_templates::table)
            .left_join(ledger_accounts::table.on(ledger_accounts::coupon_id.eq(coupons::id.nullable())))
            .select((
                CouponRow::as_select(),
                TemplateRow::as_select(),
                ledger_accounts::held_fen.nullable(),
            ))
            .into_boxed()
    };
}

/// `$query` narrowed to the coupons of one wallet tab at `$at`.
macro_rules! in_tab {
    ($query:expr, $state:expr, $at:expr) => {{
        let (query, at) = ($query, $at);
        match $state {
            CouponState::Used => query.filter(coupons::used_at.is_not_null()),
            CouponState::Expired => query
                .filter(coupons::used_at.is_null())
                .filter(coupon_templates::valid_to.le(at)),
            CouponState::Unused | CouponState::Held => query.filter(coupons::used_at.is_null()).filter(
                coupon_templates::valid_to
                    .is_null()
                    .or(coupon_templates::valid_to.gt(at)),
            ),
        }
    }};
}

fn state_of(coupon: &CouponRow, template: &TemplateRow, held: Option<i64>, at: NaiveDateTime) -> CouponState {
    if coupon.used_at.is_some() {
        CouponState::Used
    } else if template.valid_to.is_some_and(|to| to <= at) {
        CouponState::Expired
    } else if held.unwrap_or(0) > 0 {
        CouponState::Held
    } else {
        CouponState::Unused
    }
}

fn to_coupons(
    conn: &mut DbConn,
    rows: Vec<Joined>,
    at: NaiveDateTime,
) -> Result<Vec<(i64, Coupon)>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|(_, t, _)| t.id).collect();
    let solutions = template_solutions(conn, &ids)?;
    Ok(with_solutions(rows, &solutions, at))
}

/// The coupons of `rows`, their templates' solutions taken from `solutions`; with their owners.
fn with_solutions(
    rows: Vec<Joined>,
    solutions: &HashMap<i64, Vec<CouponSolution>>,
    at: NaiveDateTime,
) -> Vec<(i64, Coupon)> {
    rows.into_iter()
        .map(|(coupon, template, held)| {
            let state = state_of(&coupon, &template, held, at);
            let terms = template.terms(solutions.get(&template.id).map_or(&[][..], Vec::as_slice));
            (
                coupon.company_id,
                Coupon {
                    id: coupon.id,
                    code: coupon.code,
                    state,
                    terms,
                    issued_at: coupon.issued_at.and_utc(),
                    used_at: coupon.used_at.map(|t| t.and_utc()),
                    order_no: coupon.order_no,
                },
            )
        })
        .collect()
}

/// A company's coupons in one wallet tab (held coupons show under unused, marked), newest first.
pub fn wallet(
    conn: &mut DbConn,
    company_id: i64,
    state: CouponState,
    paging: PageQuery,
) -> Result<Page<Coupon>, StoreError> {
    let at = now();
    let total: i64 = in_tab!(joined!(), state, at)
        .filter(coupons::company_id.eq(company_id))
        .count()
        .get_result(conn)?;
    let rows: Vec<Joined> = in_tab!(joined!(), state, at)
        .filter(coupons::company_id.eq(company_id))
        .order((coupons::issued_at.desc(), coupons::id.desc()))
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .load(conn)?;
    let items = to_coupons(conn, rows, at)?.into_iter().map(|(_, c)| c).collect();
    Ok(paging::page(items, total, paging))
}

/// The coupons issued from a template (the finance desk), in one state tab, with their owners.
pub fn issued(
    conn: &mut DbConn,
    template_id: i64,
    state: Option<CouponState>,
    paging: PageQuery,
) -> Result<Page<IssuedCoupon>, StoreError> {
    let at = now();
    let filtered = || {
        let query = joined!().filter(coupons::template_id.eq(template_id));
        match state {
            Some(state) => in_tab!(query, state, at),
            None => query,
        }
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<Joined> = filtered()
        .order(coupons::id.desc())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .load(conn)?;
    let coupons = to_coupons(conn, rows, at)?;
    let company_ids: Vec<i64> = coupons.iter().map(|(c, _)| *c).collect();
    let names: HashMap<i64, String> = crate::schema::companies::table
        .filter(crate::schema::companies::id.eq_any(&company_ids))
        .select((crate::schema::companies::id, crate::schema::companies::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let items = coupons
        .into_iter()
        .map(|(company_id, coupon)| IssuedCoupon {
            coupon,
            company_id,
            company_name: names.get(&company_id).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(paging::page(items, total, paging))
}

/// How many unused coupons each company in `company_ids` has.
pub fn unused_counts(conn: &mut DbConn, company_ids: &[i64]) -> Result<HashMap<i64, u64>, StoreError> {
    let at = now();
    let rows: Vec<i64> = in_tab!(joined!(), CouponState::Unused, at)
        .filter(coupons::company_id.eq_any(company_ids.to_vec()))
        .load::<Joined>(conn)?
        .into_iter()
        .map(|(coupon, _, _)| coupon.company_id)
        .collect();
    let mut map = HashMap::new();
    for company in rows {
        *map.entry(company).or_insert(0) += 1;
    }
    Ok(map)
}

/// The company's usable coupons that apply to `lines`, each with its discount, best first.
pub fn applicable(
    conn: &mut DbConn,
    company_id: i64,
    lines: &[Line<'_>],
) -> Result<Vec<(Coupon, Fen)>, StoreError> {
    let at = now();
    let rows: Vec<Joined> = in_tab!(joined!(), CouponState::Unused, at)
        .filter(coupons::company_id.eq(company_id))
        .order(coupons::id)
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|(_, t, _)| t.id).collect();
    let solutions = template_solutions(conn, &ids)?;
    let mut discounts = HashMap::new();
    let mut usable = Vec::new();
    for row in rows {
        let (coupon, template, held) = &row;
        let list = solutions.get(&template.id).map_or(&[][..], Vec::as_slice);
        let discount = template.rules(list).discount(lines, at);
        if let (CouponState::Unused, Some(discount)) = (state_of(coupon, template, *held, at), discount) {
            discounts.insert(coupon.id, discount);
            usable.push(row);
        }
    }
    let mut coupons: Vec<(Coupon, Fen)> = with_solutions(usable, &solutions, at)
        .into_iter()
        .map(|(_, coupon)| {
            let discount = discounts[&coupon.id];
            (coupon, discount)
        })
        .collect();
    coupons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    Ok(coupons)
}

/// One of the company's coupons (another company's coupon is not found).
pub fn get(conn: &mut DbConn, company_id: i64, coupon_id: i64) -> Result<Coupon, StoreError> {
    let at = now();
    let row: Joined = joined!()
        .filter(coupons::id.eq(coupon_id))
        .filter(coupons::company_id.eq(company_id))
        .first(conn)?;
    let (_, coupon) = to_coupons(conn, vec![row], at)?
        .pop()
        .ok_or(StoreError::NotFound)?;
    Ok(coupon)
}

/// Reserves the company's coupon `coupon_id` for order `order_no`: its whole face value as issued
/// (its account's balance). Refused when it is not the company's, outside its window, used, or
/// held by another order; a retry of the same order answers with its hold. One transaction with
/// the coupon's order number.
pub fn hold(
    conn: &mut DbConn,
    company_id: i64,
    coupon_id: i64,
    order_no: &str,
) -> Result<Posted, LedgerError> {
    conn.atomic_write(|conn| {
        let coupon = get(conn, company_id, coupon_id)?;
        let other_order = coupon.order_no.as_deref().is_some_and(|held| held != order_no);
        let not_yet = coupon
            .terms
            .valid_from
            .is_some_and(|from| from.naive_utc() > now());
        let refusal = match coupon.state {
            CouponState::Used | CouponState::Held if other_order => Some("used by another order"),
            CouponState::Used if coupon.order_no.is_none() => Some("used"),
            CouponState::Expired => Some("expired"),
            _ if not_yet => Some("not valid yet"),
            _ => None,
        };
        if let Some(why) = refusal {
            return Err(LedgerError::Unusable(format!("coupon {} is {why}", coupon.code)));
        }
        let account = ledger::account(conn, AccountKey::coupon(company_id, coupon_id))?;
        // The face value as issued, whatever the account holds now (0 once this order captured
        // it: a retry then answers with the first hold).
        let face_value =
            Fen::from_yuan(coupon.terms.face_value.amount).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let posted = ledger::hold(conn, account.id, order_no, face_value, None)?;
        diesel::update(coupons::table.find(coupon_id))
            .set(coupons::order_no.eq(order_no))
            .execute(conn)
            .map_err(StoreError::from)?;
        Ok(posted)
    })
}

/// Resolves order `order_no`'s hold on the coupon: captured marks it used, released gives it back.
/// One transaction with the coupon's row; a retry repairs the row if an earlier attempt did not
/// get that far.
pub fn resolve(
    conn: &mut DbConn,
    company_id: i64,
    coupon_id: i64,
    order_no: &str,
    target: HoldState,
) -> Result<Posted, LedgerError> {
    conn.atomic_write(|conn| {
        let account = ledger::find_account(conn, AccountKey::coupon(company_id, coupon_id))?
            .ok_or(StoreError::NotFound)?;
        let posted = ledger::resolve(conn, account.id, order_no, target, None)?;
        let row = coupons::table.find(coupon_id);
        match target {
            HoldState::Captured => diesel::update(row.filter(coupons::used_at.is_null()))
                .set((coupons::used_at.eq(now()), coupons::order_no.eq(order_no)))
                .execute(conn),
            _ => diesel::update(row.filter(coupons::order_no.eq(order_no)))
                .set(coupons::order_no.eq(None::<String>))
                .execute(conn),
        }
        .map_err(StoreError::from)?;
        Ok(posted)
    })
}

//! My assets: the finance desk's money-moving workflows (rebate grants and claw-backs, credit
//! lines, offline consumption, repayment reviews, coupon templates and issuance) and the
//! company's own (repayments, coupon applicability). Each runs in one write transaction with its
//! ledger entries, its audit entry and the mail to the company admin.

use rand::Rng;
use rc_domain::Fen;
use rc_domain::coupon::{self, Line};
use rc_store::assets::ledger::{self, AccountKey, EntryRow, LedgerError, Posted, Posting};
use rc_store::assets::{coupons, credit};
use rc_store::db_text::DbText;
use rc_store::{DbConn, StoreError, audit, companies, users};
use rc_types::accounts::CompanyStatus;
use rc_types::assets::coupons::{
    ApplicableCoupon, CouponIssueInput, CouponIssueResult, CouponTemplate, CouponTemplateInput, IssuedCode,
    OrderLineInput,
};
use rc_types::assets::credit::{
    CreditLineInput, OfflineSpendInput, Repayment, RepaymentInput, RepaymentMethod,
};
use rc_types::assets::finance::CreditLineDetail;
use rc_types::assets::rebate::{RebateAdjustmentInput, RebateDirection};
use rc_types::assets::{EntryKind, LedgerEntry, parse_amount, parse_amount_or_zero};

use crate::error::ApiError;
use crate::mail::{self, Mail, templates::AssetMail};
use crate::sealing::Sealer;

/// The amount in a validated input, in fen.
pub fn fen(field: &str, text: &str) -> Result<Fen, ApiError> {
    in_fen(field, parse_amount(text))
}

/// Like [`fen`], also accepting zero.
pub fn fen_or_zero(field: &str, text: &str) -> Result<Fen, ApiError> {
    in_fen(field, parse_amount_or_zero(text))
}

fn in_fen(
    field: &str,
    parsed: Result<rust_decimal::Decimal, validator::ValidationError>,
) -> Result<Fen, ApiError> {
    let yuan = parsed.map_err(|e| {
        ApiError::field(
            field,
            "amount",
            &e.message.map(|m| m.to_string()).unwrap_or_default(),
        )
    })?;
    Fen::from_yuan(yuan).map_err(|e| ApiError::field(field, "amount", &e.to_string()))
}

/// `¥1,234.50`-style text for mail (`¥1234.50`).
fn yuan(fen: Fen) -> String {
    format!("¥{:.2}", fen.to_yuan())
}

/// The refusal of a ledger change as the API answers it: short or unusable → 422 on `field`,
/// a hold resolved the other way → 409.
pub fn refusal(field: &'static str) -> impl Fn(LedgerError) -> ApiError {
    move |error| match error {
        LedgerError::Short(short) => ApiError::field(
            field,
            "insufficient",
            &format!("only {} is available", yuan(short.available)),
        ),
        LedgerError::Unusable(why) => ApiError::field(field, "unusable", &why),
        LedgerError::Resolved { .. } | LedgerError::OtherAmount(_) | LedgerError::NoHold(_) => {
            ApiError::Conflict(error.to_string())
        }
        LedgerError::Store(store) => store.into(),
    }
}

/// The entry of a posting and whether it is new; a repeat of the operation key (a retry after the
/// idempotency record expired) must be the same change, else the key was reused for another one.
fn first_time(posted: Posted, kind: EntryKind, amount: Fen) -> Result<(EntryRow, bool), ApiError> {
    match posted {
        Posted::New(entry) => Ok((entry, true)),
        Posted::Repeated(entry) if entry.kind == kind.as_db() && entry.amount_fen.abs() == amount.0 => {
            Ok((entry, false))
        }
        Posted::Repeated(_) => Err(ApiError::field(
            "Idempotency-Key",
            "reused",
            "this Idempotency-Key was used for a different request",
        )),
    }
}

/// A store error as the API answers it, a missing row named as `what` (a 404 that says which).
pub fn missing(what: String) -> impl FnOnce(StoreError) -> ApiError {
    move |error| match error {
        StoreError::NotFound => ApiError::NotFound(format!("{what} not found")),
        other => other.into(),
    }
}

/// An active or disabled partner company the operator acts on (anything else: 404).
pub fn partner(conn: &mut DbConn, company_id: i64) -> Result<companies::CompanyRow, ApiError> {
    let company = companies::get_row(conn, company_id).map_err(missing(format!("company {company_id}")))?;
    if !matches!(company.status()?, CompanyStatus::Active | CompanyStatus::Disabled) {
        return Err(ApiError::NotFound(format!("company {company_id} not found")));
    }
    Ok(company)
}

/// Queues the mail about a change of `company`'s asset to its admin, if it has one.
fn notify(
    conn: &mut DbConn,
    sealer: &Sealer,
    company: &companies::CompanyRow,
    asset: AssetMail,
    change: &str,
    now: &str,
    reason: &str,
) -> Result<(), ApiError> {
    if let Some(admin) = users::company_admin(conn, company.id)? {
        let mail = Mail::AssetChanged {
            company: company.name(),
            asset,
            change,
            now,
            reason,
        };
        mail::queue(conn, sealer, &admin.email, &mail, &admin.locale)?;
    }
    Ok(())
}

fn record(
    conn: &mut DbConn,
    actor_id: i64,
    action: &str,
    company_id: i64,
    detail: &str,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        audit::Change::of(actor_id, action, (audit::TargetKind::Company, company_id), detail),
    )?;
    Ok(())
}

/// Grants or claws back rebate (发放 / 扣回) with a reason; `op_key` (see
/// `IdempotencyKey::op_key`) makes it once-only.
pub fn adjust_rebate(
    conn: &mut DbConn,
    sealer: &Sealer,
    actor_id: i64,
    company_id: i64,
    input: &RebateAdjustmentInput,
    op_key: &str,
) -> Result<LedgerEntry, ApiError> {
    let amount = fen("amount", &input.amount)?;
    let company = partner(conn, company_id)?;
    let kind = match input.direction {
        RebateDirection::Grant => EntryKind::Grant,
        RebateDirection::ClawBack => EntryKind::ClawBack,
    };
    let account = ledger::account(conn, AccountKey::rebate(company_id))?;
    let posted = ledger::post(
        conn,
        account.id,
        Posting {
            kind,
            amount,
            op_key,
            reference: None,
            reason: Some(input.reason.trim()),
            actor_id: Some(actor_id),
        },
    )
    .map_err(refusal("amount"))?;
    let (entry, new) = first_time(posted, kind, amount)?;
    if !new {
        return Ok(entry.into_api()?);
    }
    let sign = if kind == EntryKind::Grant { "+" } else { "-" };
    let action = if kind == EntryKind::Grant {
        "rebate.grant"
    } else {
        "rebate.claw_back"
    };
    let change = format!("{sign}{}", yuan(amount));
    record(
        conn,
        actor_id,
        action,
        company_id,
        &format!("{change} reason={}", input.reason.trim()),
    )?;
    let balance = yuan(Fen(entry.posted_after_fen));
    notify(
        conn,
        sealer,
        &company,
        AssetMail::Rebate,
        &change,
        &balance,
        input.reason.trim(),
    )?;
    Ok(entry.into_api()?)
}

/// Sets a company's credit line (授信总额, 账期天数) with a reason; refuses a total below what
/// is owed and reserved (422 on `limit`, naming the floor).
pub fn set_credit_line(
    conn: &mut DbConn,
    sealer: &Sealer,
    actor_id: i64,
    company_id: i64,
    input: &CreditLineInput,
) -> Result<CreditLineDetail, ApiError> {
    let limit = fen_or_zero("limit", &input.limit)?;
    let company = partner(conn, company_id)?;
    let (old_limit, old_term) = credit::set_line(
        conn,
        company_id,
        limit,
        input.term_days,
        input.reason.trim(),
        actor_id,
    )
    .map_err(|e| match e {
        credit::LineError::BelowOwed { floor } => ApiError::field(
            "limit",
            "below_owed",
            &format!(
                "the line can't go below what is owed and reserved: {}",
                yuan(floor)
            ),
        ),
        credit::LineError::Store(store) => store.into(),
    })?;
    let change = format!(
        "授信总额 {} → {}，账期 {old_term} → {} 天",
        yuan(old_limit),
        yuan(limit),
        input.term_days
    );
    record(
        conn,
        actor_id,
        "credit.set",
        company_id,
        &format!("{change} reason={}", input.reason.trim()),
    )?;
    let account = credit::summary(conn, company_id)?;
    let available = format!(
        "可用余额 {}",
        yuan(Fen::from_yuan(account.available.amount).unwrap_or_default())
    );
    notify(
        conn,
        sealer,
        &company,
        AssetMail::Credit,
        &change,
        &available,
        input.reason.trim(),
    )?;
    Ok(CreditLineDetail {
        account,
        history: credit::history(conn, company_id)?,
    })
}

/// Records finance's offline consumption (额度线下使用) against a company's line.
pub fn record_offline_spend(
    conn: &mut DbConn,
    sealer: &Sealer,
    actor_id: i64,
    company_id: i64,
    input: &OfflineSpendInput,
    op_key: &str,
) -> Result<LedgerEntry, ApiError> {
    let amount = fen("amount", &input.amount)?;
    let company = partner(conn, company_id)?;
    let posted = credit::offline_spend(conn, company_id, amount, input.reason.trim(), op_key, actor_id)
        .map_err(refusal("amount"))?;
    let (entry, new) = first_time(posted, EntryKind::OfflineSpend, amount)?;
    if !new {
        return Ok(entry.into_api()?);
    }
    let change = format!("线下使用 -{}", yuan(amount));
    record(
        conn,
        actor_id,
        "credit.offline_spend",
        company_id,
        &format!("{change} reason={}", input.reason.trim()),
    )?;
    let now = format!(
        "可用余额 {}",
        yuan(Fen(entry.posted_after_fen - entry.held_after_fen))
    );
    notify(
        conn,
        sealer,
        &company,
        AssetMail::Credit,
        &change,
        &now,
        input.reason.trim(),
    )?;
    Ok(entry.into_api()?)
}

/// The company repays (part of) one of its bills: offline, awaiting finance's confirmation.
pub fn submit_repayment(
    conn: &mut DbConn,
    user_id: i64,
    company_id: i64,
    input: &RepaymentInput,
    today: chrono::NaiveDate,
) -> Result<Repayment, ApiError> {
    let amount = fen("amount", &input.amount)?;
    if input.method == RepaymentMethod::Online {
        return Err(ApiError::field(
            "method",
            "unavailable",
            "online repayment is not available yet; repay offline",
        ));
    }
    if input.paid_on > today {
        return Err(ApiError::field(
            "paid_on",
            "future",
            "the repayment date can't be in the future",
        ));
    }
    credit::bill(conn, company_id, input.bill_id).map_err(missing(format!("bill {}", input.bill_id)))?;
    credit::submit_repayment(
        conn,
        company_id,
        credit::NewRepayment {
            bill_id: input.bill_id,
            method: input.method,
            amount,
            payer_account: &input.payer_account,
            paid_on: input.paid_on,
            submitted_by: user_id,
        },
    )
    .map_err(|e| match e {
        LedgerError::Short(short) => ApiError::field(
            "amount",
            "too_much",
            &format!(
                "the bill has {} left to repay (after the repayments awaiting confirmation)",
                yuan(short.available)
            ),
        ),
        other => refusal("amount")(other),
    })
}

/// Finance confirms (the available amount is restored) or rejects (with a reason) a repayment.
pub fn review_repayment(
    conn: &mut DbConn,
    sealer: &Sealer,
    actor_id: i64,
    repayment_id: i64,
    rejection: Option<&str>,
) -> Result<Repayment, ApiError> {
    let (before, company_id) =
        credit::repayment(conn, repayment_id).map_err(missing(format!("repayment {repayment_id}")))?;
    let company = partner(conn, company_id)?;
    let repayment = credit::review_repayment(conn, repayment_id, rejection.is_none(), rejection, actor_id)
        .map_err(refusal("amount"))?;
    let amount = yuan(Fen::from_yuan(before.amount.amount).unwrap_or_default());
    let (action, change, reason) = match rejection {
        None => (
            "repayment.confirm",
            format!("还款 {amount} 已确认（{}）", before.bill_no),
            "还款已确认".to_owned(),
        ),
        Some(why) => (
            "repayment.reject",
            format!("还款 {amount} 未通过（{}）", before.bill_no),
            why.trim().to_owned(),
        ),
    };
    record(
        conn,
        actor_id,
        action,
        company_id,
        &format!("{change} reason={reason}"),
    )?;
    let account = credit::summary(conn, company_id)?;
    let now = format!(
        "可用余额 {}",
        yuan(Fen::from_yuan(account.available.amount).unwrap_or_default())
    );
    notify(conn, sealer, &company, AssetMail::Credit, &change, &now, &reason)?;
    Ok(repayment)
}

fn template_values(input: &CouponTemplateInput) -> Result<coupons::TemplateValues, ApiError> {
    coupon::check_template(input).map_err(|(field, message)| ApiError::field(field, "invalid", message))?;
    let face = fen("face_value", &input.face_value)?;
    let min_amount = fen_or_zero("min_amount", &input.min_amount)?;
    Ok(coupons::TemplateValues::of(input, face, min_amount))
}

/// Creates a coupon template.
pub fn create_coupon_template(
    conn: &mut DbConn,
    actor_id: i64,
    input: &CouponTemplateInput,
) -> Result<CouponTemplate, ApiError> {
    let values = template_values(input)?;
    let id = coupons::create_template(conn, &values, actor_id)?;
    audit::record(
        conn,
        audit::Change::of(
            actor_id,
            "coupon.template",
            (audit::TargetKind::Company, 0),
            &format!("created template {id} {}", values.name),
        ),
    )?;
    Ok(coupons::template(conn, id)?)
}

/// Edits a template nothing was issued from.
pub fn update_coupon_template(
    conn: &mut DbConn,
    actor_id: i64,
    id: i64,
    input: &CouponTemplateInput,
) -> Result<CouponTemplate, ApiError> {
    let values = template_values(input)?;
    coupons::update_template(conn, id, &values).map_err(|e| match e {
        rc_store::StoreError::NotFound => ApiError::NotFound(format!("coupon template {id} not found")),
        other => other.into(),
    })?;
    audit::record(
        conn,
        audit::Change::of(
            actor_id,
            "coupon.template",
            (audit::TargetKind::Company, 0),
            &format!("edited template {id} {}", values.name),
        ),
    )?;
    Ok(coupons::template(conn, id)?)
}

/// Issues coupons of a template to partner companies, mailing each company's admin.
pub fn issue_coupons(
    conn: &mut DbConn,
    sealer: &Sealer,
    actor_id: i64,
    template_id: i64,
    input: &CouponIssueInput,
) -> Result<CouponIssueResult, ApiError> {
    let template =
        coupons::template(conn, template_id).map_err(missing(format!("coupon template {template_id}")))?;
    let mut seen = std::collections::HashSet::new();
    let company_ids: Vec<i64> = input
        .company_ids
        .iter()
        .copied()
        .filter(|id| seen.insert(*id))
        .collect();
    let mut partners = Vec::with_capacity(company_ids.len());
    for id in &company_ids {
        partners.push(
            partner(conn, *id).map_err(|_| {
                ApiError::field("company_ids", "unknown", &format!("no partner company {id}"))
            })?,
        );
    }
    let issued = coupons::issue(conn, template_id, &company_ids, input.quantity, actor_id, || {
        coupon::code_from(rand::rng().random())
    })
    .map_err(refusal("company_ids"))?;
    for company in &partners {
        let codes: Vec<&str> = issued
            .iter()
            .filter(|(c, _)| *c == company.id)
            .map(|(_, code)| code.as_str())
            .collect();
        let change = format!(
            "+{} 张「{}」（{}）",
            codes.len(),
            template.terms.name,
            codes.join("、")
        );
        record(conn, actor_id, "coupon.issue", company.id, &change)?;
        notify(
            conn,
            sealer,
            company,
            AssetMail::Coupons,
            &change,
            &format!("{} 张未使用", codes.len()),
            &template.terms.name,
        )?;
    }
    Ok(CouponIssueResult {
        codes: issued
            .into_iter()
            .map(|(company_id, code)| IssuedCode { company_id, code })
            .collect(),
    })
}

/// The company's coupons that apply to `lines` (priced from the catalog), best discount first.
pub fn applicable_coupons(
    conn: &mut DbConn,
    company_id: i64,
    lines: &[OrderLineInput],
) -> Result<Vec<ApplicableCoupon>, ApiError> {
    let mut plans = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let plan = rc_store::catalog::plan_price(conn, line.plan_id)
            .map_err(|_| ApiError::field(&format!("lines[{index}].plan_id"), "unknown", "no such plan"))?;
        plans.push(plan);
    }
    let priced: Vec<Line<'_>> = lines
        .iter()
        .zip(&plans)
        .map(|(line, (solution_id, unit_price, region))| Line {
            solution_id: *solution_id,
            region,
            quantity: line.quantity,
            amount: Fen(unit_price.0.saturating_mul(i64::from(line.quantity))),
        })
        .collect();
    Ok(coupons::applicable(conn, company_id, &priced)?
        .into_iter()
        .map(|(coupon, discount)| ApplicableCoupon {
            coupon,
            discount: discount.to_money(),
        })
        .collect())
}

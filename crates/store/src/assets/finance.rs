//! The operator's finance desk: every partner company's assets at a glance, the finance
//! settings, and the trail of finance actions (from the audit log).

use diesel::prelude::*;
use rc_domain::Fen;
use rc_domain::period::china_date;
use rc_types::accounts::{CompanyKind, CompanyStatus};
use rc_types::assets::Asset;
use rc_types::assets::finance::{CompanyAssets, CompanyAssetsQuery, FinanceAction, FinanceSettings};
use rc_types::{Page, PageQuery};

use super::coupons;
use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::paging::{self, like_pattern};
use crate::schema::{audit_log, companies, credit_bills, credit_lines, ledger_accounts, settings, users};

const SETTINGS: &str = "finance";

/// The rules text shown until the operator writes its own (the manual's 奖励规则).
pub const DEFAULT_RULES: &str = "**什么是可抵扣优惠金额?**\n\n为了广大会员购物安全、顺畅,平台推出了一种新型的电子帐户——可抵扣优惠金额,只要您为金牌或银牌级用户,就可立即拥有一个专属的可抵扣优惠金额帐户,可实现支付、余额查询等功能。\n\n**如何使用可抵扣优惠金额支付?**\n\n选择商品后,在“核对订单信息”页面选择“使用可抵扣优惠金额”即可。当余额大于或等于订单待支付金额,可对订单进行全额支付;如果可用余额小于该订单金额,也可抵扣部分金额,还需通过其他方式支付补足剩余金额。\n\n**如何获取可抵扣优惠金额?**\n\n平台将根据每个用户的下单金额每个固定周期(每半年)进行一次奖励核算,核算后将把奖励金额发放给对应的公司实体管理账户,可用于未来的购买行为。\n\n**温馨提示:** 如您对奖励金额存在疑问,请咨询平台工作人员。";

/// The finance settings (defaults until the operator saves them).
pub fn settings(conn: &mut DbConn) -> Result<FinanceSettings, StoreError> {
    let value: Option<String> = settings::table
        .find(SETTINGS)
        .select(settings::value)
        .first(conn)
        .optional()?;
    match value {
        Some(json) => {
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("setting {SETTINGS}: {e}")))
        }
        None => Ok(FinanceSettings {
            rebate_rules: DEFAULT_RULES.to_owned(),
            members_see_assets: false,
            offline_payment_hours: rc_types::assets::finance::default_offline_payment_hours(),
        }),
    }
}

/// Saves the finance settings.
pub fn set_settings(conn: &mut DbConn, value: &FinanceSettings) -> Result<(), StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    conn.atomic(|conn| {
        let updated = diesel::update(settings::table.find(SETTINGS))
            .set(settings::value.eq(&json))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(settings::table)
                .values((settings::name.eq(SETTINGS), settings::value.eq(&json)))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Active partner companies matching `query`, by name, with their three assets.
pub fn companies(conn: &mut DbConn, query: &CompanyAssetsQuery) -> Result<Page<CompanyAssets>, StoreError> {
    let filtered = || {
        let mut select = companies::table
            .filter(
                companies::status.eq_any([CompanyStatus::Active.as_db(), CompanyStatus::Disabled.as_db()]),
            )
            .into_boxed();
        if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
            select = select.filter(companies::name_key.like(like_pattern(q)).escape('\\'));
        }
        select
    };
    let paging = PageQuery::sized(query.page, query.per_page, 20);
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<(i64, String, Option<String>)> = filtered()
        .order(companies::name)
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select((companies::id, companies::name, companies::kind))
        .load(conn)?;
    Ok(paging::page(with_assets(conn, rows)?, total, paging))
}

/// One active or disabled partner company with its three assets.
pub fn company(conn: &mut DbConn, id: i64) -> Result<CompanyAssets, StoreError> {
    let row: (i64, String, Option<String>) = companies::table
        .filter(companies::id.eq(id))
        .filter(companies::status.eq_any([CompanyStatus::Active.as_db(), CompanyStatus::Disabled.as_db()]))
        .select((companies::id, companies::name, companies::kind))
        .first(conn)?;
    with_assets(conn, vec![row])?.pop().ok_or(StoreError::NotFound)
}

/// The assets of the companies `rows` (id, name, kind), in a fixed number of queries.
fn with_assets(
    conn: &mut DbConn,
    rows: Vec<(i64, String, Option<String>)>,
) -> Result<Vec<CompanyAssets>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let accounts: Vec<(i64, String, i64, i64)> = ledger_accounts::table
        .filter(ledger_accounts::company_id.eq_any(&ids))
        .filter(ledger_accounts::coupon_id.is_null())
        .select((
            ledger_accounts::company_id,
            ledger_accounts::asset,
            ledger_accounts::posted_fen,
            ledger_accounts::held_fen,
        ))
        .load(conn)?;
    let lines: std::collections::HashMap<i64, i64> = credit_lines::table
        .filter(credit_lines::company_id.eq_any(&ids))
        .select((credit_lines::company_id, credit_lines::limit_fen))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let unused = coupons::unused_counts(conn, &ids)?;
    let overdue: std::collections::HashSet<i64> = credit_bills::table
        .filter(credit_bills::company_id.eq_any(&ids))
        .filter(credit_bills::due_date.lt(china_date(now())))
        .filter(credit_bills::repaid_fen.lt(credit_bills::amount_fen))
        .select(credit_bills::company_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let mut items = Vec::with_capacity(rows.len());
    for (id, name, kind) in rows {
        let find = |asset: Asset| {
            accounts
                .iter()
                .find(|a| a.0 == id && a.1 == asset.as_db())
                .map_or((0, 0), |a| (a.2, a.3))
        };
        let (rebate, _) = find(Asset::Rebate);
        let (posted, held) = find(Asset::Credit);
        let limit = lines.get(&id).copied().unwrap_or(0);
        items.push(CompanyAssets {
            company_id: id,
            company_name: name,
            kind: kind
                .as_deref()
                .map(CompanyKind::from_db)
                .transpose()?
                .unwrap_or(CompanyKind::Reseller),
            rebate_balance: Fen(rebate).to_money(),
            coupons_unused: unused.get(&id).copied().unwrap_or(0),
            credit_limit: Fen(limit).to_money(),
            credit_available: Fen(posted - held).to_money(),
            credit_outstanding: Fen(limit - posted).to_money(),
            credit_on_hold: overdue.contains(&id),
        });
    }
    Ok(items)
}

/// The audit actions the finance desk writes.
pub const ACTION_PREFIXES: [&str; 4] = ["rebate.", "coupon.", "credit.", "repayment."];

/// Finance actions, newest first.
pub fn actions(conn: &mut DbConn, paging: PageQuery) -> Result<Page<FinanceAction>, StoreError> {
    let filtered = || {
        let mut select = audit_log::table.into_boxed();
        let mut condition: Box<
            dyn BoxableExpression<audit_log::table, _, SqlType = diesel::sql_types::Bool>,
        > = Box::new(audit_log::action.like(format!("{}%", ACTION_PREFIXES[0])));
        for prefix in &ACTION_PREFIXES[1..] {
            condition = Box::new(condition.or(audit_log::action.like(format!("{prefix}%"))));
        }
        select = select.filter(condition);
        select
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<(i64, String, Option<i64>, i64, String, chrono::NaiveDateTime)> = filtered()
        .order(audit_log::id.desc())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select((
            audit_log::id,
            audit_log::action,
            audit_log::actor_id,
            audit_log::target_id,
            audit_log::detail,
            audit_log::created_at,
        ))
        .load(conn)?;
    let actor_ids: Vec<i64> = rows.iter().filter_map(|r| r.2).collect();
    let company_ids: Vec<i64> = rows.iter().map(|r| r.3).collect();
    let actors: std::collections::HashMap<i64, String> = users::table
        .filter(users::id.eq_any(actor_ids))
        .select((users::id, users::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let names: std::collections::HashMap<i64, String> = companies::table
        .filter(companies::id.eq_any(company_ids))
        .select((companies::id, companies::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let items = rows
        .into_iter()
        .map(|(id, action, actor, company, detail, at)| FinanceAction {
            id,
            action,
            actor: actor.and_then(|a| actors.get(&a).cloned()).unwrap_or_default(),
            company_name: names.get(&company).cloned(),
            detail,
            created_at: at.and_utc(),
        })
        .collect();
    Ok(paging::page(items, total, paging))
}

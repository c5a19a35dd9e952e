//! My assets (我的资产, §10): the signed-in user's company's rebate balance, coupons and credit
//! line. Admins and co-admins see them; members only when the operator's finance settings allow.

use actix_web::{HttpResponse, get, post, web};
use rc_domain::Permission;
use rc_domain::period::{self, china_date};
use rc_store::assets::ledger::{self, AccountKey, EntryFilter};
use rc_store::assets::{coupons, credit, finance};
use rc_store::{DbConn, db::now};
use rc_types::assets::coupons::{ApplicableCoupon, ApplicableCouponsInput, Coupon, CouponQuery, CouponState};
use rc_types::assets::credit::{Bill, CreditAccount, Repayment, RepaymentInput};
use rc_types::assets::rebate::RebateAccount;
use rc_types::assets::{EntryKind, LedgerEntry, PeriodQuery};
use rc_types::{ErrorBody, Page, PageQuery};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::idempotency::IdempotencyKey;
use crate::state::AppState;
use crate::usecases::assets;

/// The kinds 历史充值明细 lists.
const RECHARGES: &[EntryKind] = &[EntryKind::Grant, EntryKind::ClawBack];

/// The user's company if the user may see its assets (403 otherwise).
fn assets_company(conn: &mut DbConn, user: &AuthUser) -> Result<i64, ApiError> {
    let company = user.company_id()?;
    let members = finance::settings(conn)?.members_see_assets;
    if rc_domain::permissions::may_view_assets(&user.actor, members) {
        Ok(company)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Bills the company's ended cycles first, so every read shows the bills due (the billing job
/// does the same for companies nobody looks at).
fn billed(conn: &mut DbConn, company: i64) -> Result<(), ApiError> {
    credit::bill_due(conn, company, now())?;
    Ok(())
}

/// 可抵扣优惠金额: balance, amount on hold, available, and the 奖励规则 text.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The company's rebate balance", body = RebateAccount),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff, or a member the operator doesn't let see assets", body = ErrorBody),
    )
)]
#[get("/assets/rebate")]
pub async fn get_rebate_account(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<RebateAccount>, ApiError> {
    let account = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            let balance = ledger::find_account(conn, AccountKey::rebate(company))?
                .map(|a| a.balance())
                .unwrap_or_default();
            Ok(RebateAccount {
                balance: rc_domain::Fen(balance.posted).to_money(),
                held: rc_domain::Fen(balance.held).to_money(),
                available: balance.available().to_money(),
                rules: finance::settings(conn)?.rebate_rules,
            })
        })
        .await?;
    Ok(web::Json(account))
}

fn entries_of(
    conn: &mut DbConn,
    key: AccountKey,
    filter: EntryFilter,
    query: &PeriodQuery,
) -> Result<Page<LedgerEntry>, ApiError> {
    Ok(ledger::statement(
        conn,
        key,
        filter,
        period::range(query, now()),
        query.paging(),
    )?)
}

/// 账户收支明细 of the rebate balance: every change of the balance in the period, newest first.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "Entries, newest first", body = Page<LedgerEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "No access to the company's assets", body = ErrorBody),
        (status = 422, description = "Invalid period or paging", body = ErrorBody),
    )
)]
#[get("/assets/rebate/entries")]
pub async fn list_rebate_entries(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<PeriodQuery>,
) -> Result<web::Json<Page<LedgerEntry>>, ApiError> {
    let page = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            let query = query.validate()?;
            entries_of(
                conn,
                AccountKey::rebate(company),
                EntryFilter::BalanceChanges,
                &query,
            )
        })
        .await?;
    Ok(web::Json(page))
}

/// 历史充值明细: the operator's grants and claw-backs in the period.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "Grants and claw-backs, newest first", body = Page<LedgerEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "No access to the company's assets", body = ErrorBody),
        (status = 422, description = "Invalid period or paging", body = ErrorBody),
    )
)]
#[get("/assets/rebate/recharges")]
pub async fn list_rebate_recharges(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<PeriodQuery>,
) -> Result<web::Json<Page<LedgerEntry>>, ApiError> {
    let page = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            let query = query.validate()?;
            entries_of(
                conn,
                AccountKey::rebate(company),
                EntryFilter::Kinds(RECHARGES),
                &query,
            )
        })
        .await?;
    Ok(web::Json(page))
}

/// 优惠券: one wallet tab (未使用, with held coupons marked; 已使用; 已过期).
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    params(CouponQuery),
    responses(
        (status = 200, description = "Coupons, newest first", body = Page<Coupon>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "No access to the company's assets", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/assets/coupons")]
pub async fn list_coupons(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<CouponQuery>,
) -> Result<web::Json<Page<Coupon>>, ApiError> {
    let page = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            let query = query.validate()?;
            let paging = PageQuery::sized(query.page, query.per_page, 10);
            Ok(coupons::wallet(
                conn,
                company,
                query.state.unwrap_or(CouponState::Unused),
                paging,
            )?)
        })
        .await?;
    Ok(web::Json(page))
}

/// The company's coupons that apply to these order lines (priced by the server), each with its
/// discount, best first: what the checkout offers.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    request_body = ApplicableCouponsInput,
    responses(
        (status = 200, description = "Applicable coupons, best discount first", body = Vec<ApplicableCoupon>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "No access to the company's assets", body = ErrorBody),
        (status = 422, description = "Invalid lines (an unknown plan names its line)", body = ErrorBody),
    )
)]
#[post("/assets/coupons/applicable")]
pub async fn search_applicable_coupons(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<ApplicableCouponsInput>,
) -> Result<web::Json<Vec<ApplicableCoupon>>, ApiError> {
    let found = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            let input = body.validate()?;
            assets::applicable_coupons(conn, company, &input.lines)
        })
        .await?;
    Ok(web::Json(found))
}

/// 账期余额: 授信总额, 账期天数, 可用余额, 待还款, what is overdue and whether the line is on hold.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The company's credit line", body = CreditAccount),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "No access to the company's assets", body = ErrorBody),
    )
)]
#[get("/assets/credit")]
pub async fn get_credit_account(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<CreditAccount>, ApiError> {
    let account = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            billed(conn, company)?;
            Ok(credit::summary(conn, company)?)
        })
        .await?;
    Ok(web::Json(account))
}

/// 全部明细 of the credit line: spends, offline consumption, repayments and changes of the total.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "Entries, newest first", body = Page<LedgerEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "No access to the company's assets", body = ErrorBody),
        (status = 422, description = "Invalid period or paging", body = ErrorBody),
    )
)]
#[get("/assets/credit/entries")]
pub async fn list_credit_entries(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<PeriodQuery>,
) -> Result<web::Json<Page<LedgerEntry>>, ApiError> {
    let page = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            let query = query.validate()?;
            entries_of(
                conn,
                AccountKey::credit(company),
                EntryFilter::BalanceChanges,
                &query,
            )
        })
        .await?;
    Ok(web::Json(page))
}

/// 已出账单: the bills issued in the period, newest cycle first.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "Bills", body = Page<Bill>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "No access to the company's assets", body = ErrorBody),
        (status = 422, description = "Invalid period or paging", body = ErrorBody),
    )
)]
#[get("/assets/credit/bills")]
pub async fn list_credit_bills(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<PeriodQuery>,
) -> Result<web::Json<Page<Bill>>, ApiError> {
    let page = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            let query = query.validate()?;
            billed(conn, company)?;
            Ok(credit::bills(
                conn,
                company,
                period::range(&query, now()),
                query.paging(),
            )?)
        })
        .await?;
    Ok(web::Json(page))
}

/// 还款记录: the repayments submitted in the period, newest first.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "Repayments", body = Page<Repayment>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "No access to the company's assets", body = ErrorBody),
        (status = 422, description = "Invalid period or paging", body = ErrorBody),
    )
)]
#[get("/assets/credit/repayments")]
pub async fn list_credit_repayments(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<PeriodQuery>,
) -> Result<web::Json<Page<Repayment>>, ApiError> {
    let page = state
        .run(move |conn| {
            let company = assets_company(conn, &user)?;
            let query = query.validate()?;
            let mut page = credit::repayments(conn, company, period::range(&query, now()), query.paging())?;
            if !rc_domain::permissions::may(&user.actor, Permission::ViewAssets) {
                // A member the operator lets see the assets: not the bank accounts.
                for repayment in &mut page.items {
                    repayment.payer_account = rc_domain::credit::masked_account(&repayment.payer_account);
                }
            }
            Ok(page)
        })
        .await?;
    Ok(web::Json(page))
}

/// 线下还款: repays (part of) one of the company's bills by bank transfer; finance confirms it.
/// Idempotent by `Idempotency-Key`.
#[utoipa::path(
    tag = "assets",
    security(("bearer" = [])),
    request_body = RepaymentInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first answer again")),
    responses(
        (status = 201, description = "The repayment, awaiting confirmation", body = Repayment),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the admin and co-admins repay", body = ErrorBody),
        (status = 404, description = "No such bill of your company", body = ErrorBody),
        (status = 409, description = "The same key is in use by a request in progress", body = ErrorBody),
        (status = 422, description = "Invalid fields, or more than the bill still owes", body = ErrorBody),
    )
)]
#[post("/assets/credit/repayments")]
pub async fn create_credit_repayment(
    user: AuthUser,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    body: Valid<RepaymentInput>,
) -> Result<HttpResponse, ApiError> {
    user.authorize(Permission::RepayCredit, None)?;
    let company = user.company_id()?;
    let input = body.validate()?;
    let user_id = user.id();
    let repayment = state
        .run(move |conn| {
            billed(conn, company)?;
            key.once(conn, &format!("repayment:{user_id}"), &input, |conn| {
                assets::submit_repayment(conn, user_id, company, &input, china_date(now()))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(repayment))
}

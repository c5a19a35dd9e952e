//! The operator's finance desk (财务): every partner's assets, rebate grants and claw-backs,
//! credit lines and offline consumption, coupon templates and issuance, the repayment queue,
//! settings and the trail of finance actions. Operator admin and finance staff only.

use actix_web::{HttpResponse, get, post, put, web};
use rc_domain::Permission;
use rc_domain::period;
use rc_store::assets::ledger::{self, AccountKey, EntryFilter};
use rc_store::assets::{coupons, credit, finance};
use rc_store::{DbConn, db::now};
use rc_types::assets::coupons::{
    Coupon, CouponIssueInput, CouponIssueResult, CouponQuery, CouponState, CouponTemplate,
    CouponTemplateInput, IssuedCoupon,
};
use rc_types::assets::credit::{
    Bill, CreditLineInput, OfflineSpendInput, RejectRepaymentInput, Repayment, RepaymentStatus,
};
use rc_types::assets::finance::{
    CompanyAssets, CompanyAssetsQuery, CreditLineDetail, FinanceAction, FinanceSettings, QueuedRepayment,
    RepaymentQueueQuery,
};
use rc_types::assets::rebate::RebateAdjustmentInput;
use rc_types::assets::{LedgerEntry, PeriodQuery};
use rc_types::{ErrorBody, Page, PageQuery};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::idempotency::IdempotencyKey;
use crate::state::AppState;
use crate::usecases::assets;

fn finance_staff(user: &AuthUser) -> Result<(), ApiError> {
    user.authorize(Permission::ManageFinance, None)
}

/// Every partner company's rebate balance, unused coupons and credit line.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(CompanyAssetsQuery),
    responses(
        (status = 200, description = "Companies by name", body = Page<CompanyAssets>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 422, description = "Invalid search or paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/companies")]
pub async fn list_finance_companies(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<CompanyAssetsQuery>,
) -> Result<web::Json<Page<CompanyAssets>>, ApiError> {
    finance_staff(&user)?;
    let query = query.validate()?;
    Ok(web::Json(
        state.db(move |conn| finance::companies(conn, &query)).await?,
    ))
}

/// One partner company's rebate balance, unused coupons and credit line.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    responses(
        (status = 200, description = "The company's assets", body = CompanyAssets),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
    )
)]
#[get("/admin/finance/companies/{id}")]
pub async fn get_finance_company(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> Result<web::Json<CompanyAssets>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let company = state
        .run(move |conn| finance::company(conn, id).map_err(assets::missing(format!("company {id}"))))
        .await?;
    Ok(web::Json(company))
}

fn company_entries(
    conn: &mut DbConn,
    id: i64,
    key: AccountKey,
    query: &PeriodQuery,
) -> Result<Page<LedgerEntry>, ApiError> {
    assets::partner(conn, id)?;
    Ok(ledger::statement(
        conn,
        key,
        EntryFilter::BalanceChanges,
        period::range(query, now()),
        query.paging(),
    )?)
}

/// A company's rebate entries in the period.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id"), PeriodQuery),
    responses(
        (status = 200, description = "Entries, newest first", body = Page<LedgerEntry>),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
        (status = 422, description = "Invalid period or paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/companies/{id}/rebate-entries")]
pub async fn list_company_rebate_entries(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: ValidQuery<PeriodQuery>,
) -> Result<web::Json<Page<LedgerEntry>>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let query = query.validate()?;
    Ok(web::Json(
        state
            .run(move |conn| company_entries(conn, id, AccountKey::rebate(id), &query))
            .await?,
    ))
}

/// Grants (发放) or claws back (扣回) rebate with a reason; the company admin is mailed.
/// Idempotent by `Idempotency-Key`.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id"), ("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first answer again")),
    request_body = RebateAdjustmentInput,
    responses(
        (status = 201, description = "The ledger entry", body = LedgerEntry),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
        (status = 409, description = "The same key is in use by a request in progress", body = ErrorBody),
        (status = 422, description = "Invalid amount or reason, or a claw-back over the balance", body = ErrorBody),
    )
)]
#[post("/admin/finance/companies/{id}/rebate-adjustments")]
pub async fn create_rebate_adjustment(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    key: IdempotencyKey,
    body: Valid<RebateAdjustmentInput>,
) -> Result<HttpResponse, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let input = body.validate()?;
    let (actor, sealer) = (user.id(), state.sealer.clone());
    let entry = state
        .run(move |conn| {
            let scope = format!("rebate:{actor}:{id}");
            let op_key = key.op_key(&scope);
            key.once(conn, &scope, &input, |conn| {
                assets::adjust_rebate(conn, &sealer, actor, id, &input, &op_key)
            })
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Created().json(entry))
}

/// A company's credit line and its history.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    responses(
        (status = 200, description = "The line", body = CreditLineDetail),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
    )
)]
#[get("/admin/finance/companies/{id}/credit-line")]
pub async fn get_credit_line(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> Result<web::Json<CreditLineDetail>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let detail = state
        .run(move |conn| {
            assets::partner(conn, id)?;
            credit::bill_due(conn, id, now())?;
            Ok(CreditLineDetail {
                account: credit::summary(conn, id)?,
                history: credit::history(conn, id)?,
            })
        })
        .await?;
    Ok(web::Json(detail))
}

/// Sets a company's 授信总额 and 账期天数 (never below what is owed and reserved); the company
/// admin is mailed.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    request_body = CreditLineInput,
    responses(
        (status = 200, description = "The line after the change", body = CreditLineDetail),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
        (status = 422, description = "Invalid fields, or a total below what is owed", body = ErrorBody),
    )
)]
#[put("/admin/finance/companies/{id}/credit-line")]
pub async fn update_credit_line(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    body: Valid<CreditLineInput>,
) -> Result<web::Json<CreditLineDetail>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let input = body.validate()?;
    let (actor, sealer) = (user.id(), state.sealer.clone());
    let detail = state
        .run(move |conn| conn.atomic_write(|conn| assets::set_credit_line(conn, &sealer, actor, id, &input)))
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(detail))
}

/// A company's credit entries in the period.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id"), PeriodQuery),
    responses(
        (status = 200, description = "Entries, newest first", body = Page<LedgerEntry>),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
        (status = 422, description = "Invalid period or paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/companies/{id}/credit-entries")]
pub async fn list_company_credit_entries(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: ValidQuery<PeriodQuery>,
) -> Result<web::Json<Page<LedgerEntry>>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let query = query.validate()?;
    Ok(web::Json(
        state
            .run(move |conn| company_entries(conn, id, AccountKey::credit(id), &query))
            .await?,
    ))
}

/// A company's bills in the period.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id"), PeriodQuery),
    responses(
        (status = 200, description = "Bills, newest cycle first", body = Page<Bill>),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
        (status = 422, description = "Invalid period or paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/companies/{id}/credit-bills")]
pub async fn list_company_credit_bills(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: ValidQuery<PeriodQuery>,
) -> Result<web::Json<Page<Bill>>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let query = query.validate()?;
    let page = state
        .run(move |conn| {
            assets::partner(conn, id)?;
            credit::bill_due(conn, id, now())?;
            Ok(credit::bills(
                conn,
                id,
                period::range(&query, now()),
                query.paging(),
            )?)
        })
        .await?;
    Ok(web::Json(page))
}

/// Records 额度线下使用 against a company's line (at most the available amount); the company
/// admin is mailed. Idempotent by `Idempotency-Key`.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id"), ("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first answer again")),
    request_body = OfflineSpendInput,
    responses(
        (status = 201, description = "The ledger entry", body = LedgerEntry),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
        (status = 409, description = "The same key is in use by a request in progress", body = ErrorBody),
        (status = 422, description = "Invalid fields, no line, or more than is available", body = ErrorBody),
    )
)]
#[post("/admin/finance/companies/{id}/credit-spends")]
pub async fn create_credit_spend(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    key: IdempotencyKey,
    body: Valid<OfflineSpendInput>,
) -> Result<HttpResponse, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let input = body.validate()?;
    let (actor, sealer) = (user.id(), state.sealer.clone());
    let entry = state
        .run(move |conn| {
            let scope = format!("credit-spend:{actor}:{id}");
            let op_key = key.op_key(&scope);
            key.once(conn, &scope, &input, |conn| {
                assets::record_offline_spend(conn, &sealer, actor, id, &input, &op_key)
            })
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Created().json(entry))
}

/// A company's coupons in one tab.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id"), CouponQuery),
    responses(
        (status = 200, description = "Coupons, newest first", body = Page<Coupon>),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such partner company", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/companies/{id}/coupons")]
pub async fn list_company_coupons(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: ValidQuery<CouponQuery>,
) -> Result<web::Json<Page<Coupon>>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let query = query.validate()?;
    let page = state
        .run(move |conn| {
            assets::partner(conn, id)?;
            let paging = PageQuery::sized(query.page, query.per_page, 10);
            Ok(coupons::wallet(
                conn,
                id,
                query.state.unwrap_or(CouponState::Unused),
                paging,
            )?)
        })
        .await?;
    Ok(web::Json(page))
}

/// Coupon templates, newest first, with how many of their coupons are unused, used and expired.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "Templates", body = Page<CouponTemplate>),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/coupon-templates")]
pub async fn list_coupon_templates(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<PageQuery>,
) -> Result<web::Json<Page<CouponTemplate>>, ApiError> {
    finance_staff(&user)?;
    let query = query.validate()?;
    Ok(web::Json(
        state.db(move |conn| coupons::templates(conn, query)).await?,
    ))
}

/// A new coupon template.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    request_body = CouponTemplateInput,
    responses(
        (status = 201, description = "The template", body = CouponTemplate),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 422, description = "Invalid fields (an unknown solution names `solution_ids`)", body = ErrorBody),
    )
)]
#[post("/admin/finance/coupon-templates")]
pub async fn create_coupon_template(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<CouponTemplateInput>,
) -> Result<HttpResponse, ApiError> {
    finance_staff(&user)?;
    let input = body.validate()?;
    let actor = user.id();
    let template = state
        .run(move |conn| conn.atomic_write(|conn| assets::create_coupon_template(conn, actor, &input)))
        .await?;
    Ok(HttpResponse::Created().json(template))
}

/// One coupon template.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Template id")),
    responses(
        (status = 200, description = "The template", body = CouponTemplate),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such template", body = ErrorBody),
    )
)]
#[get("/admin/finance/coupon-templates/{id}")]
pub async fn get_coupon_template(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> Result<web::Json<CouponTemplate>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let template = state
        .run(move |conn| {
            coupons::template(conn, id).map_err(assets::missing(format!("coupon template {id}")))
        })
        .await?;
    Ok(web::Json(template))
}

/// Edits a template no coupon was issued from (issued coupons keep their terms: 409).
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Template id")),
    request_body = CouponTemplateInput,
    responses(
        (status = 200, description = "The template", body = CouponTemplate),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such template", body = ErrorBody),
        (status = 409, description = "Coupons were issued from it", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[put("/admin/finance/coupon-templates/{id}")]
pub async fn update_coupon_template(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    body: Valid<CouponTemplateInput>,
) -> Result<web::Json<CouponTemplate>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let input = body.validate()?;
    let actor = user.id();
    let template = state
        .run(move |conn| conn.atomic_write(|conn| assets::update_coupon_template(conn, actor, id, &input)))
        .await?;
    Ok(web::Json(template))
}

/// The coupons issued from a template, with their owners (all states, or one).
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Template id"), CouponQuery),
    responses(
        (status = 200, description = "Coupons, newest first", body = Page<IssuedCoupon>),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such template", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/coupon-templates/{id}/coupons")]
pub async fn list_template_coupons(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: ValidQuery<CouponQuery>,
) -> Result<web::Json<Page<IssuedCoupon>>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let query = query.validate()?;
    let page = state
        .run(move |conn| {
            coupons::template(conn, id).map_err(assets::missing(format!("coupon template {id}")))?;
            let paging = PageQuery::sized(query.page, query.per_page, 20);
            Ok(coupons::issued(conn, id, query.state, paging)?)
        })
        .await?;
    Ok(web::Json(page))
}

/// Issues coupons of a template to partner companies (each admin is mailed). Idempotent by
/// `Idempotency-Key`.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Template id"), ("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first answer again")),
    request_body = CouponIssueInput,
    responses(
        (status = 201, description = "The codes issued", body = CouponIssueResult),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such template", body = ErrorBody),
        (status = 409, description = "The same key is in use by a request in progress", body = ErrorBody),
        (status = 422, description = "Invalid fields or an unknown company", body = ErrorBody),
    )
)]
#[post("/admin/finance/coupon-templates/{id}/issuances")]
pub async fn create_coupon_issuance(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    key: IdempotencyKey,
    body: Valid<CouponIssueInput>,
) -> Result<HttpResponse, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let input = body.validate()?;
    let (actor, sealer) = (user.id(), state.sealer.clone());
    let issued = state
        .run(move |conn| {
            key.once(conn, &format!("coupon-issue:{actor}:{id}"), &input, |conn| {
                assets::issue_coupons(conn, &sealer, actor, id, &input)
            })
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Created().json(issued))
}

/// The repayment queue: pending repayments (oldest first) or the decided ones.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(RepaymentQueueQuery),
    responses(
        (status = 200, description = "Repayments with their company", body = Page<QueuedRepayment>),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/repayments")]
pub async fn list_repayments(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<RepaymentQueueQuery>,
) -> Result<web::Json<Page<QueuedRepayment>>, ApiError> {
    finance_staff(&user)?;
    let query = query.validate()?;
    let page = state
        .db(move |conn| {
            let paging = PageQuery::sized(query.page, query.per_page, 20);
            credit::queue(conn, query.status.unwrap_or(RepaymentStatus::Pending), paging)
        })
        .await?;
    Ok(web::Json(Page {
        items: page
            .items
            .into_iter()
            .map(|(repayment, company_id, company_name)| QueuedRepayment {
                repayment,
                company_id,
                company_name,
            })
            .collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    }))
}

/// Confirms a pending repayment: its bill is repaid by the amount and the available amount is
/// restored; the company admin is mailed. Once only.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Repayment id")),
    responses(
        (status = 200, description = "The repayment, confirmed", body = Repayment),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such repayment", body = ErrorBody),
        (status = 409, description = "Already confirmed or rejected", body = ErrorBody),
    )
)]
#[post("/admin/finance/repayments/{id}/confirmation")]
pub async fn approve_repayment(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> Result<web::Json<Repayment>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let (actor, sealer) = (user.id(), state.sealer.clone());
    let repayment = state
        .run(move |conn| conn.atomic_write(|conn| assets::review_repayment(conn, &sealer, actor, id, None)))
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(repayment))
}

/// Rejects a pending repayment with a reason (shown to the company, mailed to its admin).
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Repayment id")),
    request_body = RejectRepaymentInput,
    responses(
        (status = 200, description = "The repayment, rejected", body = Repayment),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 404, description = "No such repayment", body = ErrorBody),
        (status = 409, description = "Already confirmed or rejected", body = ErrorBody),
        (status = 422, description = "No reason", body = ErrorBody),
    )
)]
#[post("/admin/finance/repayments/{id}/rejection")]
pub async fn reject_repayment(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    body: Valid<RejectRepaymentInput>,
) -> Result<web::Json<Repayment>, ApiError> {
    finance_staff(&user)?;
    let id = path.into_inner();
    let input = body.validate()?;
    let (actor, sealer) = (user.id(), state.sealer.clone());
    let repayment = state
        .run(move |conn| {
            conn.atomic_write(|conn| assets::review_repayment(conn, &sealer, actor, id, Some(&input.reason)))
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(repayment))
}

/// The finance settings: the 奖励规则 text and whether members see their company's assets.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = FinanceSettings),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
    )
)]
#[get("/admin/finance/settings")]
pub async fn get_finance_settings(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<FinanceSettings>, ApiError> {
    finance_staff(&user)?;
    Ok(web::Json(state.db(finance::settings).await?))
}

/// Saves the finance settings (audited).
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    request_body = FinanceSettings,
    responses(
        (status = 200, description = "The settings saved", body = FinanceSettings),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[put("/admin/finance/settings")]
pub async fn update_finance_settings(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<FinanceSettings>,
) -> Result<web::Json<FinanceSettings>, ApiError> {
    finance_staff(&user)?;
    let input = body.validate()?;
    let actor = user.id();
    let saved = state
        .db(move |conn| {
            conn.atomic(|conn| {
                finance::set_settings(conn, &input)?;
                let detail = format!(
                    "members_see_assets={} rules={} chars",
                    input.members_see_assets,
                    input.rebate_rules.chars().count()
                );
                rc_store::audit::record(
                    conn,
                    rc_store::audit::Change::of(
                        actor,
                        "rebate.settings",
                        (rc_store::audit::TargetKind::Company, 0),
                        &detail,
                    ),
                )?;
                finance::settings(conn)
            })
        })
        .await?;
    Ok(web::Json(saved))
}

/// The trail of finance actions: who granted, adjusted, issued, confirmed or rejected what, when
/// and why; newest first.
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "Actions, newest first", body = Page<FinanceAction>),
        (status = 403, description = "Not the operator admin or finance staff", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/admin/finance/actions")]
pub async fn list_finance_actions(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<PageQuery>,
) -> Result<web::Json<Page<FinanceAction>>, ApiError> {
    finance_staff(&user)?;
    let query = query.validate()?;
    Ok(web::Json(
        state.db(move |conn| finance::actions(conn, query)).await?,
    ))
}

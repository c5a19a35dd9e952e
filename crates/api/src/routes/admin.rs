//! The operator's back office: application review, all companies, the mailbox.

use actix_web::{get, post, web};
use chrono::Duration;
use rc_domain::Permission;
use rc_store::{audit, companies, outbox, tokens};
use rc_types::accounts::{
    Application, ApproveApplication, Company, CompanyQuery, CompanyStatus, RejectApplication, Role,
};
use rc_types::auth::TokenPurpose;
use rc_types::mail::MailMessage;
use rc_types::{ErrorBody, Page, PageQuery};
use serde::Deserialize;
use validator::Validate;

use crate::auth::{AuthUser, tokens as token_util};
use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::routes::auth::LINK_TTL_HOURS;
use crate::state::AppState;

/// Query of the review queue.
#[derive(Debug, Deserialize, Validate, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    /// `pending` (default), `active` or `rejected`.
    pub status: Option<CompanyStatus>,
    /// 1-based page number.
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    pub per_page: Option<u32>,
}

/// The review queue: applications with their registrant and files.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(ApplicationQuery),
    responses(
        (status = 200, description = "Applications, newest first", body = Page<Application>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with review rights", body = ErrorBody),
    )
)]
#[get("/admin/applications")]
pub async fn list_applications(
    user: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<ApplicationQuery>,
) -> Result<web::Json<Page<Application>>, ApiError> {
    query.validate()?;
    user.authorize(Permission::ReviewApplications, None)?;
    let status = query.status.unwrap_or(CompanyStatus::Pending);
    let (page, per_page) = rc_store::paging::resolve(query.page, query.per_page, 20);
    Ok(web::Json(
        state
            .db(move |conn| companies::applications(conn, status, page, per_page))
            .await?,
    ))
}

/// Approves an application as distributor or reseller; the registrant gets the activation mail.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    request_body = ApproveApplication,
    responses(
        (status = 200, description = "The approved company", body = Company),
        (status = 403, description = "Not operator staff with review rights", body = ErrorBody),
        (status = 404, description = "No such application", body = ErrorBody),
        (status = 409, description = "Already reviewed", body = ErrorBody),
        (status = 422, description = "Invalid parent distributor", body = ErrorBody),
    )
)]
#[post("/admin/applications/{id}/approve")]
pub async fn approve_application(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<ApproveApplication>,
) -> Result<web::Json<Company>, ApiError> {
    user.authorize(Permission::ReviewApplications, None)?;
    let (id, reviewer, decision) = (id.into_inner(), user.id(), body.into_inner());
    let token = token_util::random_token();
    let (hash, link) = (token_util::digest(&token), state.link("activate", &token));
    let sealer = state.sealer.clone();
    let company = state
        .db(move |conn| {
            conn.atomic(|conn| {
                let registrant = companies::approve(conn, id, decision.kind, decision.parent_id, reviewer)?;
                let detail = format!("kind={:?} parent={:?}", decision.kind, decision.parent_id);
                audit::record(
                    conn,
                    audit::Change::of(
                        reviewer,
                        "company.approve",
                        (audit::TargetKind::Company, id),
                        &detail,
                    ),
                )?;
                tokens::issue(
                    conn,
                    registrant.id,
                    TokenPurpose::Activation,
                    &hash,
                    Duration::hours(LINK_TTL_HOURS),
                )?;
                let company = companies::get(conn, id)?;
                let mail = Mail::Approved {
                    company: &company.name,
                    link: &link,
                };
                mail::queue(conn, &sealer, &registrant.email, &mail, &registrant.locale)?;
                Ok(company)
            })
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(company))
}

/// Rejects an application with a reason; the registrant is told by mail.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    request_body = RejectApplication,
    responses(
        (status = 200, description = "The rejected company", body = Company),
        (status = 403, description = "Not operator staff with review rights", body = ErrorBody),
        (status = 404, description = "No such application", body = ErrorBody),
        (status = 409, description = "Already reviewed", body = ErrorBody),
        (status = 422, description = "Missing reason", body = ErrorBody),
    )
)]
#[post("/admin/applications/{id}/reject")]
pub async fn reject_application(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<RejectApplication>,
) -> Result<web::Json<Company>, ApiError> {
    body.validate()?;
    user.authorize(Permission::ReviewApplications, None)?;
    let (id, reviewer, reason) = (id.into_inner(), user.id(), body.into_inner().reason);
    let sealer = state.sealer.clone();
    let company = state
        .db(move |conn| {
            conn.atomic(|conn| {
                let registrant = companies::reject(conn, id, &reason, reviewer)?;
                audit::record(
                    conn,
                    audit::Change::of(
                        reviewer,
                        "company.reject",
                        (audit::TargetKind::Company, id),
                        &reason,
                    ),
                )?;
                let company = companies::get(conn, id)?;
                let mail = Mail::Rejected {
                    company: &company.name,
                    reason: &reason,
                };
                mail::queue(conn, &sealer, &registrant.email, &mail, &registrant.locale)?;
                Ok(company)
            })
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(company))
}

/// Every partner company, searchable and filterable by status.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(CompanyQuery),
    responses(
        (status = 200, description = "One page of companies", body = Page<Company>),
        (status = 403, description = "Not operator staff with company rights", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/admin/companies")]
pub async fn list_all_companies(
    user: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<CompanyQuery>,
) -> Result<web::Json<Page<Company>>, ApiError> {
    query.validate()?;
    user.authorize(Permission::ManageAllCompanies, None)?;
    let query = query.into_inner();
    Ok(web::Json(
        state.db(move |conn| companies::list(conn, None, &query)).await?,
    ))
}

/// The mail outbox (dev mailbox when no SMTP server is configured), newest first.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "Messages", body = Page<MailMessage>),
        (status = 403, description = "Not operator staff with mailbox rights", body = ErrorBody),
    )
)]
#[get("/admin/mail")]
pub async fn list_mail(
    user: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<MailMessage>>, ApiError> {
    query.validate()?;
    user.authorize(Permission::ViewMailbox, None)?;
    let (page, per_page) = (query.page(), query.per_page());
    let reveal = state.mailbox_reveals_links && user.actor.role == Role::OperatorAdmin;
    let sealer = state.sealer.clone();
    Ok(web::Json(
        state
            .db(move |conn| {
                let open = |sealed: &str| if reveal { sealer.open(sealed) } else { None };
                outbox::list(conn, page, per_page, open, mail::LINK_WITHHELD)
            })
            .await?,
    ))
}

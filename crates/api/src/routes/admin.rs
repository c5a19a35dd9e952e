//! The operator's back office: application review, all companies, the mailbox.

use actix_web::{get, post, web};
use rc_domain::Permission;
use rc_store::{companies, outbox};
use rc_types::accounts::{
    Application, ApproveApplication, Company, CompanyQuery, CompanyStatus, RejectApplication, Role,
};
use rc_types::mail::MailMessage;
use rc_types::{ErrorBody, Page, PageQuery};
use serde::Deserialize;
use validator::Validate;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::mail;
use crate::state::AppState;
use crate::usecases::{NewLink, reviews};

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
    query: ValidQuery<ApplicationQuery>,
) -> Result<web::Json<Page<Application>>, ApiError> {
    user.authorize(Permission::ReviewApplications, None)?;
    let query = query.validate()?;
    let status = query.status.unwrap_or(CompanyStatus::Pending);
    let paging = PageQuery::sized(query.page, query.per_page, 20);
    Ok(web::Json(
        state
            .db(move |conn| companies::applications(conn, status, paging))
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
    let (sealer, link) = (state.sealer.clone(), NewLink::new(&state, "activate"));
    let company = state
        .run(move |conn| reviews::approve(conn, &sealer, (id, reviewer), &decision, &link))
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
    body: Valid<RejectApplication>,
) -> Result<web::Json<Company>, ApiError> {
    user.authorize(Permission::ReviewApplications, None)?;
    let (id, reviewer, reason) = (id.into_inner(), user.id(), body.validate()?.reason);
    let sealer = state.sealer.clone();
    let company = state
        .run(move |conn| reviews::reject(conn, &sealer, (id, reviewer), &reason))
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
    query: ValidQuery<CompanyQuery>,
) -> Result<web::Json<Page<Company>>, ApiError> {
    user.authorize(Permission::ManageAllCompanies, None)?;
    let query = query.validate()?;
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
    query: ValidQuery<PageQuery>,
) -> Result<web::Json<Page<MailMessage>>, ApiError> {
    user.authorize(Permission::ViewMailbox, None)?;
    let paging = query.validate()?;
    let reveal = state.mailbox_reveals_links && user.actor.role == Role::OperatorAdmin;
    let sealer = state.sealer.clone();
    Ok(web::Json(
        state
            .db(move |conn| {
                let open = |sealed: &str| if reveal { sealer.open(sealed) } else { None };
                outbox::list(conn, paging, open, mail::LINK_WITHHELD)
            })
            .await?,
    ))
}

//! Companies: details, users (§7), resellers of a distributor (§8), qualification files.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::Duration;
use rc_domain::Permission;
use rc_store::{audit, companies, files, tokens, users};
use rc_types::accounts::{
    Company, CompanyFile, CompanyInput, CompanyKind, CompanyQuery, InviteUser, Role, UserSummary,
};
use rc_types::auth::TokenPurpose;
use rc_types::{ErrorBody, Page};
use validator::Validate;

use crate::auth::{AuthUser, tokens as token_util};
use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::routes::auth::LINK_TTL_HOURS;
use crate::routes::support::locale;
use crate::state::AppState;

/// Loads a company's authorization target and checks `permission` on it (404 outside reach).
pub async fn authorize_company(
    state: &AppState,
    user: &AuthUser,
    company_id: i64,
    permission: Permission,
) -> Result<companies::CompanyRow, ApiError> {
    let row = state
        .db(move |conn| companies::get_row(conn, company_id))
        .await
        .map_err(|e| match e {
            ApiError::NotFound(_) => ApiError::NotFound(format!("company {company_id} not found")),
            other => other,
        })?;
    user.authorize(permission, Some(row.target()))
        .map_err(|e| match e {
            ApiError::NotFound(_) => ApiError::NotFound(format!("company {company_id} not found")),
            other => other,
        })?;
    Ok(row)
}

/// One company.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    responses(
        (status = 200, description = "The company", body = Company),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such company within reach", body = ErrorBody),
    )
)]
#[get("/companies/{id}")]
pub async fn get_company(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Company>, ApiError> {
    let id = id.into_inner();
    authorize_company(&state, &user, id, Permission::ViewCompany).await?;
    Ok(web::Json(state.db(move |conn| companies::get(conn, id)).await?))
}

/// Edits a reseller's (or, for the operator, any company's) name and address (§8 编辑经销商).
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    request_body = CompanyInput,
    responses(
        (status = 200, description = "The updated company", body = Company),
        (status = 403, description = "Role may not manage resellers", body = ErrorBody),
        (status = 404, description = "No such company within reach", body = ErrorBody),
        (status = 409, description = "Name already taken", body = ErrorBody),
        (status = 422, description = "Invalid fields, or a partner renaming a company the operator reviewed (field `name`)", body = ErrorBody),
    )
)]
#[patch("/companies/{id}")]
pub async fn update_company(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<CompanyInput>,
) -> Result<web::Json<Company>, ApiError> {
    body.validate()?;
    let id = id.into_inner();
    let row = authorize_company(&state, &user, id, Permission::ManageResellers).await?;
    let input = body.into_inner();
    let by_operator = user.actor.company.is_none();
    // A partner's own company and any company the operator reviewed keep the name the operator
    // approved; a distributor names the resellers it added itself.
    let own = user.actor.company.is_some_and(|c| c.id == id);
    if !by_operator && (own || row.reviewed()) && input.name.trim() != row.name() {
        return Err(ApiError::field(
            "name",
            "locked",
            "the operator reviewed this company's name; ask the operator to change it",
        ));
    }
    let actor_id = user.id();
    Ok(web::Json(
        state
            .db(move |conn| {
                conn.atomic(|conn| {
                    companies::update(conn, id, &input)?;
                    let detail = format!("name={} address={}", input.name.trim(), input.address.trim());
                    audit::record(
                        conn,
                        audit::Change::of(
                            actor_id,
                            "company.update",
                            (audit::TargetKind::Company, id),
                            &detail,
                        ),
                    )?;
                    companies::get(conn, id)
                })
            })
            .await?,
    ))
}

async fn set_company_enabled(
    user: AuthUser,
    state: web::Data<AppState>,
    id: i64,
    enabled: bool,
) -> Result<web::Json<Company>, ApiError> {
    authorize_company(&state, &user, id, Permission::ManageResellers).await?;
    if user.actor.company.is_some_and(|c| c.id == id) {
        return Err(ApiError::Conflict(
            "you cannot enable or disable your own company".to_owned(),
        ));
    }
    let (by_operator, actor_id) = (user.actor.company.is_none(), user.id());
    Ok(web::Json(
        state
            .db(move |conn| {
                conn.atomic(|conn| {
                    companies::set_enabled(conn, id, enabled, by_operator)?;
                    let action = if enabled {
                        "company.enable"
                    } else {
                        "company.disable"
                    };
                    let detail = if by_operator {
                        "by the operator"
                    } else {
                        "by the partner"
                    };
                    audit::record(
                        conn,
                        audit::Change::of(actor_id, action, (audit::TargetKind::Company, id), detail),
                    )?;
                    companies::get(conn, id)
                })
            })
            .await?,
    ))
}

/// Enables a company (启用).
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    responses(
        (status = 200, description = "The company, active", body = Company),
        (status = 403, description = "Role may not manage resellers", body = ErrorBody),
        (status = 404, description = "No such company within reach", body = ErrorBody),
        (status = 409, description = "Own company, not an approved company, or disabled by the operator (only the operator enables it)", body = ErrorBody),
    )
)]
#[post("/companies/{id}/enable")]
pub async fn enable_company(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Company>, ApiError> {
    set_company_enabled(user, state, id.into_inner(), true).await
}

/// Disables a company (禁用): its users can't sign in, and their sessions stop working at once.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    responses(
        (status = 200, description = "The company, disabled", body = Company),
        (status = 403, description = "Role may not manage resellers", body = ErrorBody),
        (status = 404, description = "No such company within reach", body = ErrorBody),
        (status = 409, description = "Own company, or not an approved company", body = ErrorBody),
    )
)]
#[post("/companies/{id}/disable")]
pub async fn disable_company(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Company>, ApiError> {
    set_company_enabled(user, state, id.into_inner(), false).await
}

/// Users of a company (§7 分销商用户, §8 用户 tab).
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    responses(
        (status = 200, description = "Users, oldest first", body = Vec<UserSummary>),
        (status = 403, description = "Role may not manage users", body = ErrorBody),
        (status = 404, description = "No such company within reach", body = ErrorBody),
    )
)]
#[get("/companies/{id}/users")]
pub async fn list_company_users(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<UserSummary>>, ApiError> {
    let id = id.into_inner();
    authorize_company(&state, &user, id, Permission::ManageCompanyUsers).await?;
    Ok(web::Json(
        state.db(move |conn| users::list_company(conn, id)).await?,
    ))
}

/// Invites a user by email (发送邀请邮件); they accept through the emailed link.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    request_body = InviteUser,
    responses(
        (status = 201, description = "Invited; the invitation mail is queued", body = UserSummary),
        (status = 403, description = "Role may not manage users", body = ErrorBody),
        (status = 404, description = "No such company within reach", body = ErrorBody),
        (status = 409, description = "Email already registered", body = ErrorBody),
        (status = 422, description = "Invalid email or role", body = ErrorBody),
    )
)]
#[post("/companies/{id}/users")]
pub async fn invite_user(
    req: HttpRequest,
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<InviteUser>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let id = id.into_inner();
    let role = body.role.unwrap_or(Role::Member);
    if !matches!(role, Role::CoAdmin | Role::Member) {
        return Err(ApiError::field("role", "invalid", "invite as co_admin or member"));
    }
    let company = authorize_company(&state, &user, id, Permission::ManageCompanyUsers).await?;
    let token = token_util::random_token();
    let (hash, link) = (
        token_util::digest(&token),
        state.link("accept-invitation", &token),
    );
    let locale = locale(&req);
    let email = body.into_inner().email;
    let (sealer, actor_id) = (state.sealer.clone(), user.id());
    let invited = state
        .db(move |conn| {
            conn.atomic(|conn| {
                let new_id = users::insert(
                    conn,
                    &users::NewUser {
                        company_id: Some(id),
                        email: &email,
                        name: "",
                        phone: "",
                        position: "",
                        role,
                        status: "invited",
                        is_registrant: false,
                        locale,
                    },
                )?;
                tokens::issue(
                    conn,
                    new_id,
                    TokenPurpose::Invitation,
                    &hash,
                    Duration::hours(LINK_TTL_HOURS),
                )?;
                let mail = Mail::Invitation {
                    company: company.name(),
                    link: &link,
                };
                mail::queue(conn, &sealer, &users::normalize_email(&email), &mail, locale)?;
                audit::record(
                    conn,
                    audit::Change::of(actor_id, "user.invite", (audit::TargetKind::User, new_id), &email),
                )?;
                users::get_row(conn, new_id)?.summary()
            })
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Created().json(invited))
}

/// Resellers of a distributor (§8 经销商管理), searchable by name, 15 per page.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Distributor id"), CompanyQuery),
    responses(
        (status = 200, description = "One page of resellers", body = Page<Company>),
        (status = 403, description = "Not a distributor manager", body = ErrorBody),
        (status = 404, description = "No such company within reach", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/companies/{id}/resellers")]
pub async fn list_resellers(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<CompanyQuery>,
) -> Result<web::Json<Page<Company>>, ApiError> {
    query.validate()?;
    let id = id.into_inner();
    authorize_company(&state, &user, id, Permission::ManageResellers).await?;
    let query = query.into_inner();
    Ok(web::Json(
        state
            .db(move |conn| companies::list(conn, Some(id), &query))
            .await?,
    ))
}

/// Adds a reseller under a distributor (§8 添加经销商); then invite its admin.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Distributor id")),
    request_body = CompanyInput,
    responses(
        (status = 201, description = "The new reseller", body = Company),
        (status = 403, description = "Not a distributor manager", body = ErrorBody),
        (status = 404, description = "No such company within reach", body = ErrorBody),
        (status = 409, description = "Name taken, or the company is not a distributor", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/companies/{id}/resellers")]
pub async fn create_reseller(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<CompanyInput>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let id = id.into_inner();
    let parent = authorize_company(&state, &user, id, Permission::ManageResellers).await?;
    if parent.kind()? != Some(CompanyKind::Distributor) {
        return Err(ApiError::Conflict("only distributors have resellers".to_owned()));
    }
    let (input, actor_id) = (body.into_inner(), user.id());
    let created = state
        .db(move |conn| {
            conn.atomic(|conn| {
                let new_id = companies::create_reseller(conn, id, &input)?;
                let detail = format!("parent={id} name={}", input.name.trim());
                audit::record(
                    conn,
                    audit::Change::of(
                        actor_id,
                        "company.create",
                        (audit::TargetKind::Company, new_id),
                        &detail,
                    ),
                )?;
                companies::get(conn, new_id)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Qualification files of a company (the company itself and the operator only).
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Company id")),
    responses(
        (status = 200, description = "Files", body = Vec<CompanyFile>),
        (status = 404, description = "No such company within reach", body = ErrorBody),
    )
)]
#[get("/companies/{id}/files")]
pub async fn list_company_files(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<CompanyFile>>, ApiError> {
    let id = id.into_inner();
    let row = authorize_company(&state, &user, id, Permission::ViewCompany).await?;
    own_or_staff(&user, row.id)?;
    Ok(web::Json(state.db(move |conn| files::list(conn, id)).await?))
}

/// Files are private to their company and the operator (not to a parent distributor).
fn own_or_staff(user: &AuthUser, company_id: i64) -> Result<(), ApiError> {
    match user.actor.company {
        None => Ok(()),
        Some(own) if own.id == company_id => Ok(()),
        Some(_) => Err(ApiError::NotFound("file not found".to_owned())),
    }
}

/// Downloads a qualification file.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "File id")),
    responses(
        (status = 200, description = "The file's bytes with its detected content type", content_type = "application/octet-stream"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such file within reach", body = ErrorBody),
    )
)]
#[get("/files/{id}")]
pub async fn download_file(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let not_found = || ApiError::NotFound(format!("file {id} not found"));
    let file = state
        .db(move |conn| files::get(conn, id))
        .await
        .map_err(|_| not_found())?;
    authorize_company(&state, &user, file.company_id, Permission::ViewCompany)
        .await
        .map_err(|_| not_found())?;
    own_or_staff(&user, file.company_id).map_err(|_| not_found())?;
    let bytes = state.files.get(&file.storage_key).await?;
    Ok(HttpResponse::Ok()
        .content_type(file.content_type.clone())
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(crate::uploads::attachment_disposition(&file.file_name))
        .body(bytes))
}

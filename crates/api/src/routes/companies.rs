//! Companies: details, users (§7), resellers of a distributor (§8), qualification files.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use rc_domain::Permission;
use rc_store::{companies, files, users};
use rc_types::accounts::{Company, CompanyFile, CompanyInput, CompanyQuery, InviteUser, UserSummary};
use rc_types::{ErrorBody, Page};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::routes::support::locale;
use crate::state::AppState;
use crate::usecases::{self, NewLink, invitations};

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
    body: Valid<CompanyInput>,
) -> Result<web::Json<Company>, ApiError> {
    let row = authorize_company(&state, &user, id.into_inner(), Permission::ManageResellers).await?;
    let (editor, input) = (editor(&user), body.validate()?);
    Ok(web::Json(
        state
            .run(move |conn| usecases::companies::update(conn, editor, &row, &input))
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
    let editor = editor(&user);
    Ok(web::Json(
        state
            .run(move |conn| usecases::companies::set_enabled(conn, editor, id, enabled))
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
    body: Valid<InviteUser>,
) -> Result<HttpResponse, ApiError> {
    let company = authorize_company(&state, &user, id.into_inner(), Permission::ManageCompanyUsers).await?;
    let body = body.validate()?;
    let role = invitations::check_role(body.role)?;
    let (link, locale) = (NewLink::new(&state, "accept-invitation"), locale(&req));
    let (sealer, actor_id) = (state.sealer.clone(), user.id());
    let invited = state
        .run(move |conn| {
            let invite = invitations::Invite {
                actor_id,
                company: &company,
                email: &body.email,
                role,
                locale,
                link: &link,
            };
            invitations::invite(conn, &sealer, &invite)
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
    query: ValidQuery<CompanyQuery>,
) -> Result<web::Json<Page<Company>>, ApiError> {
    let id = id.into_inner();
    authorize_company(&state, &user, id, Permission::ManageResellers).await?;
    let query = query.validate()?;
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
    body: Valid<CompanyInput>,
) -> Result<HttpResponse, ApiError> {
    let parent = authorize_company(&state, &user, id.into_inner(), Permission::ManageResellers).await?;
    let (input, actor_id) = (body.validate()?, user.id());
    let created = state
        .run(move |conn| usecases::companies::create_reseller(conn, actor_id, &parent, &input))
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

/// The acting user as a company editor.
pub fn editor(user: &AuthUser) -> usecases::companies::Editor {
    usecases::companies::Editor {
        user_id: user.id(),
        company_id: user.actor.company.map(|c| c.id),
    }
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

//! Registration (§2.1): the application form with qualification files.

use actix_multipart::form::MultipartForm;
use actix_multipart::form::tempfile::TempFile;
use actix_multipart::form::text::Text;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rc_store::companies;
use rc_store::files::NewFile;
use rc_types::ErrorBody;
use rc_types::accounts::{AccountManager, CompanyStatus, RegistrationForm, RegistrationReceipt};

use crate::error::ApiError;
use crate::extract;
use crate::routes::support::locale;
use crate::state::AppState;
use crate::{uploads, usecases};

/// Operator account managers to choose from in the registration form (业务负责人).
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, description = "Account managers by name", body = Vec<AccountManager>),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/account-managers")]
pub async fn list_account_managers(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<AccountManager>>, ApiError> {
    Ok(web::Json(state.db(companies::account_managers).await?))
}

/// The multipart body of `POST /api/v1/registrations`; files stream to temporary files.
#[derive(Debug, MultipartForm)]
#[multipart(deny_unknown_fields, duplicate_field = "deny")]
pub struct RegistrationUpload {
    /// `RegistrationForm` as JSON.
    #[multipart(limit = "64KB")]
    pub form: Text<String>,
    /// Qualification files (资质证明): 1–5 files of jpg/jpeg/png/gif/bmp/pdf, ≤ 10 MiB each (the
    /// field limit counts all of them together; each one's size is checked after).
    #[multipart(limit = "50MB")]
    pub files: Vec<TempFile>,
}

/// Documentation shape of [`RegistrationUpload`].
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code, reason = "documents the multipart body for OpenAPI only")]
pub struct RegistrationUploadDoc {
    /// `RegistrationForm` serialized as JSON.
    #[schema(value_type = RegistrationForm)]
    form: String,
    /// Qualification files: 1–5 of jpg/jpeg/png/gif/bmp/pdf (checked by content), ≤ 10 MiB each.
    #[schema(value_type = Vec<String>, format = Binary)]
    files: Vec<Vec<u8>>,
}

/// Submits a company application (云服务经销商申请表); the operator reviews it.
#[utoipa::path(
    tag = "accounts",
    request_body(content = RegistrationUploadDoc, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Application received, waiting for review", body = RegistrationReceipt),
        (status = 400, description = "Malformed multipart body or form JSON", body = ErrorBody),
        (status = 409, description = "Company name already registered (field `company_name`); an email that has an account gets the 201 of a new one, and its owner a mail", body = ErrorBody),
        (status = 413, description = "A file is larger than 10 MiB", body = ErrorBody),
        (status = 415, description = "A file is not jpg/png/gif/bmp/pdf by content", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
        (status = 429, description = "Too many submissions from this address", body = ErrorBody),
    )
)]
#[post("/registrations")]
pub async fn create_registration(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, actix_web::Error> {
    // The quota is spent before a byte of the body is read.
    state.limits.form(state.limits.client_ip(&req)).await?;
    let upload: RegistrationUpload = uploads::read_form(&req, payload).await?;
    Ok(register(&req, &state, upload).await?)
}

/// Checks, stores and records one application (see [`create_registration`]).
async fn register(
    req: &HttpRequest,
    state: &AppState,
    upload: RegistrationUpload,
) -> Result<HttpResponse, ApiError> {
    let form: RegistrationForm = serde_json::from_str(&upload.form).map_err(|e| {
        ApiError::BadRequest(format!("the `form` part is not a valid registration form: {e}"))
    })?;
    let form = extract::valid(form)?;
    let checked = uploads::check_qualification_files(&upload.files)?;
    let mut stored: Vec<NewFile> = Vec::with_capacity(checked.len());
    for (part, content_type) in upload.files.iter().zip(checked) {
        let key = format!("qualifications/{}", uuid::Uuid::new_v4());
        if let Err(error) = state.files.put_file(&key, part.file.path()).await {
            for done in &stored {
                state.files.delete(&done.storage_key).await;
            }
            return Err(error);
        }
        stored.push(NewFile {
            file_name: uploads::display_name(part.file_name.as_deref()),
            content_type: content_type.to_owned(),
            size_bytes: i64::try_from(part.size).unwrap_or(i64::MAX),
            storage_key: key,
        });
    }
    let locale = locale(req);
    let keys: Vec<String> = stored.iter().map(|f| f.storage_key.clone()).collect();
    let file_count = u32::try_from(stored.len()).unwrap_or(0);
    let email = form.email.clone();
    let result = state
        .db(move |conn| companies::create_application(conn, &form, &stored, locale))
        .await;
    let receipt = RegistrationReceipt {
        status: CompanyStatus::Pending,
        file_count,
    };
    match result {
        Ok(_) => Ok(HttpResponse::Created().json(receipt)),
        Err(error) => {
            for key in keys {
                state.files.delete(&key).await;
            }
            if !matches!(&error, ApiError::ConflictOn { field, .. } if field == "email") {
                return Err(error);
            }
            // The address has an account: answer as for a new one (no probing which addresses
            // are registered) and tell its owner instead.
            if !state
                .limits
                .account_mail(state.limits.client_ip(req), &email)
                .await
            {
                return Ok(HttpResponse::Created().json(receipt));
            }
            let sealer = state.sealer.clone();
            state
                .run(move |conn| usecases::registration::warn_owner(conn, &sealer, &email))
                .await?;
            state.mail_wakeup.notify_one();
            Ok(HttpResponse::Created().json(receipt))
        }
    }
}

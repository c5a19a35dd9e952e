//! Leads from the storefront (manual §4.8 在线咨询, §4.9 申请试用) and the submitter's own tickets.
//! Both forms are rate-limited per address, validated field by field, acknowledged by email, and
//! land in the operator's queue (`routes/admin_tickets.rs`).

use actix_multipart::form::MultipartForm;
use actix_multipart::form::tempfile::TempFile;
use actix_multipart::form::text::Text;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rc_store::tickets::{self, NewAttachment};
use rc_types::tickets::{ConsultInput, TicketDetail, TicketQuery, TicketReceipt, TicketSummary, TrialInput};
use rc_types::{ErrorBody, Page};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{self, ValidQuery};
use crate::routes::support::locale;
use crate::state::AppState;
use crate::usecases::tickets::{NewTicket, Submitter};
use crate::{uploads, usecases};

/// The multipart body of `POST /api/v1/tickets/consult`; the attachment streams to a temporary file.
#[derive(Debug, MultipartForm)]
#[multipart(deny_unknown_fields, duplicate_field = "deny")]
pub struct ConsultUpload {
    /// `ConsultInput` as JSON.
    #[multipart(limit = "16KB")]
    pub ticket: Text<String>,
    /// Optional attachment: jpg/png/gif/bmp/pdf by content, ≤ 10 MiB.
    #[multipart(limit = "10MB")]
    pub attachment: Option<TempFile>,
}

/// Documentation shape of [`ConsultUpload`].
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code, reason = "documents the multipart body for OpenAPI only")]
pub struct ConsultUploadDoc {
    /// `ConsultInput` serialized as JSON.
    #[schema(value_type = ConsultInput)]
    ticket: String,
    /// Optional attachment (jpg/png/gif/bmp/pdf, checked by content, ≤ 10 MiB).
    #[schema(value_type = Option<String>, format = Binary)]
    attachment: Option<Vec<u8>>,
}

/// Submits a consult ticket (在线创建工单) with an optional attachment; prefilled and linked to the
/// account when signed in. The operator answers within the promised time.
#[utoipa::path(
    tag = "leads",
    request_body(content = ConsultUploadDoc, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Ticket received; an acknowledgement was emailed", body = TicketReceipt),
        (status = 400, description = "Malformed multipart body or ticket JSON", body = ErrorBody),
        (status = 413, description = "Attachment larger than 10 MiB", body = ErrorBody),
        (status = 415, description = "Attachment is not jpg/png/gif/bmp/pdf by content", body = ErrorBody),
        (status = 422, description = "Invalid fields (details over 300 characters, bad phone or email…)", body = ErrorBody),
        (status = 429, description = "Too many submissions from this address", body = ErrorBody),
    )
)]
#[post("/tickets/consult")]
pub async fn create_consult(
    req: HttpRequest,
    user: Option<AuthUser>,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, actix_web::Error> {
    // The quota is spent before a byte of the body is read.
    state.limits.form(state.limits.client_ip(&req)).await?;
    let upload: ConsultUpload = uploads::read_form(&req, payload).await?;
    Ok(consult(&req, user, &state, upload).await?)
}

/// Checks, stores and records one consult ticket (see [`create_consult`]).
async fn consult(
    req: &HttpRequest,
    user: Option<AuthUser>,
    state: &AppState,
    upload: ConsultUpload,
) -> Result<HttpResponse, ApiError> {
    let input: ConsultInput = serde_json::from_str(&upload.ticket)
        .map_err(|e| ApiError::BadRequest(format!("the `ticket` part is not a valid consult ticket: {e}")))?;
    let input = extract::valid(input)?;
    let attachment = match &upload.attachment {
        Some(file) if file.size > 0 => {
            let content_type = uploads::detect_file(
                file,
                &uploads::ATTACHMENT_TYPES,
                "a jpg, png, gif, bmp or pdf file",
            )?;
            let key = format!("tickets/{}", uuid::Uuid::new_v4());
            state.files.put_file(&key, file.file.path()).await?;
            Some(NewAttachment {
                storage_key: key,
                file_name: uploads::display_name(file.file_name.as_deref()),
                content_type: content_type.to_owned(),
                size: file.size as u64,
            })
        }
        _ => None,
    };
    let (locale, user_id) = (locale(req), user.as_ref().map(AuthUser::id));
    let stored_key = attachment.as_ref().map(|a| a.storage_key.clone());
    let email = input.email.trim().to_lowercase();
    let sealer = state.sealer.clone();
    let result = state
        .run(move |conn| {
            let submitter = Submitter {
                user_id,
                email: &email,
                locale,
            };
            let ticket = NewTicket::Consult(&input, attachment.as_ref());
            usecases::tickets::submit(conn, &sealer, submitter, ticket)
        })
        .await;
    match result {
        Ok(receipt) => {
            state.mail_wakeup.notify_one();
            Ok(HttpResponse::Created().json(receipt))
        }
        Err(error) => {
            if let Some(key) = stored_key {
                state.files.delete(&key).await;
            }
            Err(error)
        }
    }
}

/// Requests a trial of a published solution (申请试用).
#[utoipa::path(
    tag = "leads",
    request_body = TrialInput,
    responses(
        (status = 201, description = "Request received; an acknowledgement was emailed", body = TicketReceipt),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 422, description = "Invalid fields or unknown solution", body = ErrorBody),
        (status = 429, description = "Too many submissions from this address", body = ErrorBody),
    )
)]
#[post("/tickets/trial")]
pub async fn create_trial(
    req: HttpRequest,
    user: Option<AuthUser>,
    state: web::Data<AppState>,
    body: web::Json<TrialInput>,
) -> Result<HttpResponse, ApiError> {
    // The quota is spent before the fields are checked (the body is parsed by then).
    state.limits.form(state.limits.client_ip(&req)).await?;
    let input = extract::valid(body.into_inner())?;
    let (locale, user_id) = (locale(&req), user.as_ref().map(AuthUser::id));
    let email = input.email.trim().to_lowercase();
    let sealer = state.sealer.clone();
    let receipt = state
        .run(move |conn| {
            let submitter = Submitter {
                user_id,
                email: &email,
                locale,
            };
            usecases::tickets::submit(conn, &sealer, submitter, NewTicket::Trial(&input))
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Created().json(receipt))
}

/// The signed-in user's own tickets, newest first.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(TicketQuery),
    responses(
        (status = 200, description = "One page of the user's tickets", body = Page<TicketSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "Out-of-range paging", body = ErrorBody),
    )
)]
#[get("/me/tickets")]
pub async fn list_my_tickets(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<TicketQuery>,
) -> Result<web::Json<Page<TicketSummary>>, ApiError> {
    let (query, user_id) = (query.validate()?, user.id());
    Ok(web::Json(
        state
            .db(move |conn| tickets::list(conn, &query, Some(user_id)))
            .await?,
    ))
}

/// One of the signed-in user's tickets with the operator's replies (internal notes stay internal).
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The ticket", body = TicketDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such ticket of this user", body = ErrorBody),
    )
)]
#[get("/me/tickets/{id}")]
pub async fn get_my_ticket(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<TicketDetail>, ApiError> {
    let (id, user_id) = (id.into_inner(), user.id());
    Ok(web::Json(
        state
            .db(move |conn| tickets::get(conn, id, Some(user_id)))
            .await?,
    ))
}

/// The attachment of one of the signed-in user's tickets, as a download.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such ticket of this user, or no attachment", body = ErrorBody),
    )
)]
#[get("/me/tickets/{id}/attachment")]
pub async fn download_my_ticket_attachment(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (id, user_id) = (id.into_inner(), user.id());
    let found = state
        .db(move |conn| tickets::attachment(conn, id, Some(user_id)))
        .await?;
    crate::routes::admin_tickets::attachment_download(&state, found).await
}

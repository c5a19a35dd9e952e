//! The operator's lead queue: consult tickets and trial requests, status (new → in progress →
//! closed), assignee, internal notes and replies emailed to the submitter.

use actix_web::{HttpResponse, get, post, put, web};
use rc_domain::Permission;
use rc_store::tickets;
use rc_types::tickets::{
    TicketAssignee, TicketDetail, TicketMessage, TicketQuery, TicketSummary, TicketUpdate,
};
use rc_types::{ErrorBody, Page};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::state::AppState;
use crate::usecases;

/// The queue, newest first, filtered by status and kind.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(TicketQuery),
    responses(
        (status = 200, description = "One page of tickets", body = Page<TicketSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff who handle leads", body = ErrorBody),
        (status = 422, description = "Out-of-range paging", body = ErrorBody),
    )
)]
#[get("/admin/tickets")]
pub async fn list_tickets(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<TicketQuery>,
) -> Result<web::Json<Page<TicketSummary>>, ApiError> {
    user.authorize(Permission::HandleLeads, None)?;
    let query = query.validate()?;
    Ok(web::Json(
        state.db(move |conn| tickets::list(conn, &query, None)).await?,
    ))
}

/// Operator staff who can take tickets.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Staff by name", body = Vec<TicketAssignee>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff who handle leads", body = ErrorBody),
    )
)]
#[get("/admin/tickets/assignees")]
pub async fn list_ticket_assignees(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<TicketAssignee>>, ApiError> {
    user.authorize(Permission::HandleLeads, None)?;
    Ok(web::Json(state.db(tickets::assignees).await?))
}

/// A ticket with everything submitted, notes and replies.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The ticket", body = TicketDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff who handle leads", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
    )
)]
#[get("/admin/tickets/{id}")]
pub async fn get_ticket(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<TicketDetail>, ApiError> {
    user.authorize(Permission::HandleLeads, None)?;
    let id = id.into_inner();
    Ok(web::Json(
        state.db(move |conn| tickets::get(conn, id, None)).await?,
    ))
}

/// Sets status and assignee (the change is recorded in the history).
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Ticket id")),
    request_body = TicketUpdate,
    responses(
        (status = 200, description = "Updated", body = TicketDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff who handle leads", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 422, description = "Assignee is not staff who handle leads", body = ErrorBody),
    )
)]
#[put("/admin/tickets/{id}")]
pub async fn update_ticket(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<TicketUpdate>,
) -> Result<web::Json<TicketDetail>, ApiError> {
    user.authorize(Permission::HandleLeads, None)?;
    let (id, update, actor) = (id.into_inner(), body.into_inner(), user.id());
    Ok(web::Json(
        state
            .db(move |conn| {
                tickets::update(conn, id, update.status, update.assignee_id, actor)?;
                tickets::get(conn, id, None)
            })
            .await?,
    ))
}

/// Adds an internal note, or a reply that is emailed to the submitter in the same transaction.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Ticket id")),
    request_body = TicketMessage,
    responses(
        (status = 200, description = "The ticket with the new entry", body = TicketDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff who handle leads", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 422, description = "Empty or over-long text", body = ErrorBody),
    )
)]
#[post("/admin/tickets/{id}/messages")]
pub async fn create_ticket_message(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<TicketMessage>,
) -> Result<web::Json<TicketDetail>, ApiError> {
    user.authorize(Permission::HandleLeads, None)?;
    let (id, message, actor) = (id.into_inner(), body.validate()?, user.id());
    let sealer = state.sealer.clone();
    let detail = state
        .run(move |conn| usecases::tickets::post_message(conn, &sealer, (id, actor), &message))
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(detail))
}

/// The ticket's attachment, as a download.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff who handle leads", body = ErrorBody),
        (status = 404, description = "No such ticket or no attachment", body = ErrorBody),
    )
)]
#[get("/admin/tickets/{id}/attachment")]
pub async fn download_ticket_attachment(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    user.authorize(Permission::HandleLeads, None)?;
    let id = id.into_inner();
    let found = state.db(move |conn| tickets::attachment(conn, id, None)).await?;
    attachment_download(&state, found).await
}

/// A stored ticket attachment (storage key, file name, type) as a download that browsers save
/// rather than render.
pub(crate) async fn attachment_download(
    state: &AppState,
    (key, name, content_type): (String, String, String),
) -> Result<HttpResponse, ApiError> {
    let bytes = state.files.get(&key).await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(crate::uploads::attachment_disposition(&name))
        .body(bytes))
}

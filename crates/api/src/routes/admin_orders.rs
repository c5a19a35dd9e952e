//! The operator's order desk: confirming or rejecting bank transfers (finance), delivering lines,
//! completing and cancelling orders (operator admin and account managers), the invoice queue, and
//! the development test clock. The list and detail are `GET /orders` and `GET /orders/{id}`.

use actix_web::{HttpResponse, get, post, put, web};
use rc_domain::Permission;
use rc_store::orders::lifecycle;
use rc_store::orders::{invoices, transfers};
use rc_types::orders::{DeliverInput, Invoice, IssueInvoiceInput, Order, ReasonInput, RefundPaidInput};
use rc_types::{ErrorBody, Page, PageQuery};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::mail::{self, Mail, templates::OrderMail};
use crate::state::AppState;
use crate::usecases::orders::{self as order_cases, change_error};

/// Confirms a waiting bank transfer (finance): the order is paid, its holds captured.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("transfer_id" = i64, Path, description = "Transfer id")),
    responses(
        (status = 200, description = "The paid order", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and finance staff confirm transfers", body = ErrorBody),
        (status = 404, description = "No such order", body = ErrorBody),
        (status = 409, description = "The transfer does not wait for review (decided already)", body = ErrorBody),
    )
)]
#[post("/admin/orders/{id}/transfers/{transfer_id}/confirm")]
pub async fn confirm_transfer(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<web::Json<Order>, ApiError> {
    user.authorize(Permission::ManageFinance, None)?;
    let ((id, transfer_id), actor, sealer) = (path.into_inner(), user.actor, state.sealer.clone());
    let order = state
        .run(move |conn| {
            order_cases::reach(conn, &actor, id)?;
            conn.atomic_write(|conn| {
                transfers::confirm(conn, id, transfer_id, actor.user_id).map_err(change_error)?;
                order_cases::notify(conn, &sealer, id, OrderMail::Paid, "线下转账已确认")?;
                Ok::<(), ApiError>(())
            })?;
            order_cases::view(conn, &actor, id)
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(order))
}

/// Rejects a waiting bank transfer with a reason (finance): the buyer may report another before
/// the deadline.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("transfer_id" = i64, Path, description = "Transfer id")),
    request_body = ReasonInput,
    responses(
        (status = 200, description = "The order, unpaid again", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and finance staff review transfers", body = ErrorBody),
        (status = 404, description = "No such order", body = ErrorBody),
        (status = 409, description = "The transfer does not wait for review", body = ErrorBody),
        (status = 422, description = "No reason given", body = ErrorBody),
    )
)]
#[post("/admin/orders/{id}/transfers/{transfer_id}/reject")]
pub async fn reject_transfer(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: Valid<ReasonInput>,
) -> Result<web::Json<Order>, ApiError> {
    user.authorize(Permission::ManageFinance, None)?;
    let ((id, transfer_id), actor, input) = (path.into_inner(), user.actor, body.validate()?);
    let at = state.clock.now();
    let order = state
        .run(move |conn| {
            order_cases::reach(conn, &actor, id)?;
            conn.atomic_write(|conn| {
                transfers::reject(conn, id, transfer_id, input.reason.trim(), actor.user_id, at)
                    .map_err(change_error)
            })?;
            order_cases::view(conn, &actor, id)
        })
        .await?;
    Ok(web::Json(order))
}

/// Delivers one line (发货): serial numbers, download links or the service milestone reached; a
/// product's delivery is mailed to the end customer. When every line is delivered the order is
/// 已交付.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("line_id" = i64, Path, description = "Order line id")),
    request_body = DeliverInput,
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and account managers deliver", body = ErrorBody),
        (status = 404, description = "No such order or line", body = ErrorBody),
        (status = 409, description = "The order is not paid and being processed", body = ErrorBody),
        (status = 422, description = "No delivery content", body = ErrorBody),
    )
)]
#[post("/admin/orders/{id}/lines/{line_id}/deliver")]
pub async fn deliver_line(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: Valid<DeliverInput>,
) -> Result<web::Json<Order>, ApiError> {
    user.authorize(Permission::ManageOrders, None)?;
    let ((id, line_id), actor, input, sealer) = (
        path.into_inner(),
        user.actor,
        body.validate()?,
        state.sealer.clone(),
    );
    let order = state
        .run(move |conn| {
            order_cases::reach(conn, &actor, id)?;
            conn.atomic_write(|conn| {
                let content = input.content.trim();
                let row = lifecycle::deliver_line(conn, id, line_id, content, actor.user_id)
                    .map_err(change_error)?;
                let order =
                    rc_store::orders::read::detail(conn, id)?.ok_or(rc_store::StoreError::NotFound)?;
                if let Some(line) = order.lines.iter().find(|l| l.id == line_id)
                    && line.priced.kind == rc_types::catalog::PlanKind::Product
                {
                    let mail = Mail::ProductDelivered {
                        order_no: &row.order_no,
                        plan: &line.priced.plan_name,
                        content,
                    };
                    mail::queue(conn, &sealer, &row.customer_email, &mail, "zh")?;
                }
                if row.status()? == rc_types::orders::OrderStatus::Delivered {
                    order_cases::notify(conn, &sealer, id, OrderMail::Delivered, "")?;
                }
                Ok::<(), ApiError>(())
            })?;
            order_cases::view(conn, &actor, id)
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(order))
}

/// Records that finance paid a cancelled order's cash refund back (退款已付) with the payout's bank
/// reference; once.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    request_body = RefundPaidInput,
    responses(
        (status = 200, description = "The order with its refund paid", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and finance staff pay refunds", body = ErrorBody),
        (status = 404, description = "No such order", body = ErrorBody),
        (status = 409, description = "No cash refund is due, it was paid already, or it goes back through the gateway", body = ErrorBody),
        (status = 422, description = "No reference given", body = ErrorBody),
    )
)]
#[post("/admin/orders/{id}/refund/confirm")]
pub async fn confirm_refund(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<RefundPaidInput>,
) -> Result<web::Json<Order>, ApiError> {
    user.authorize(Permission::ManageFinance, None)?;
    let (id, actor, input) = (id.into_inner(), user.actor, body.validate()?);
    let order = state
        .run(move |conn| {
            order_cases::reach(conn, &actor, id)?;
            conn.atomic_write(|conn| {
                if rc_store::payments::refunds::through_gateway(conn, id)? {
                    return Err(ApiError::Conflict(
                        "this refund goes back through the payment gateway".to_owned(),
                    ));
                }
                lifecycle::settle_refund(conn, id, input.reference.trim(), actor.user_id)
                    .map_err(change_error)
            })?;
            order_cases::view(conn, &actor, id)
        })
        .await?;
    Ok(web::Json(order))
}

/// Completes a delivered order (已完成): the buyer may then review it.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The completed order", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and account managers complete orders", body = ErrorBody),
        (status = 404, description = "No such order", body = ErrorBody),
        (status = 409, description = "Not every line is delivered", body = ErrorBody),
    )
)]
#[post("/admin/orders/{id}/complete")]
pub async fn complete_order(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Order>, ApiError> {
    user.authorize(Permission::ManageOrders, None)?;
    let (id, actor) = (id.into_inner(), user.actor);
    let order = state
        .run(move |conn| {
            order_cases::reach(conn, &actor, id)?;
            conn.atomic_write(|conn| lifecycle::complete(conn, id, actor.user_id).map_err(change_error))?;
            order_cases::view(conn, &actor, id)
        })
        .await?;
    Ok(web::Json(order))
}

/// Cancels an order not yet completed, with a reason: an unpaid order's holds are released, a
/// paid order's coupon, 零钱 and credit come back to their sources as 退款 entries, and what was
/// paid by transfer (or credit already repaid) is recorded as cash owed back (`refund_due`).
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    request_body = ReasonInput,
    responses(
        (status = 200, description = "The cancelled order", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and account managers cancel orders; a paid order (refunded) takes the finance permission too", body = ErrorBody),
        (status = 404, description = "No such order", body = ErrorBody),
        (status = 409, description = "Completed or cancelled already, or a bank transfer waits for finance", body = ErrorBody),
        (status = 422, description = "No reason given", body = ErrorBody),
    )
)]
#[post("/admin/orders/{id}/cancel")]
pub async fn cancel_order_by_operator(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<ReasonInput>,
) -> Result<web::Json<Order>, ApiError> {
    user.authorize(Permission::ManageOrders, None)?;
    let (id, actor, input, sealer, at) = (
        id.into_inner(),
        user.actor,
        body.validate()?,
        state.sealer.clone(),
        state.clock.now(),
    );
    let order = state
        .run(move |conn| {
            order_cases::cancel_by_operator(conn, &sealer, &actor, id, input.reason.trim(), at)?;
            order_cases::view(conn, &actor, id)
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(order))
}

/// Query of the invoice queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceQueueQuery {
    /// `requested` (default), `issued`, `rejected`, `reversed` or `all`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(nullable)]
    pub status: Option<String>,
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(nullable)]
    pub page: Option<u32>,
    /// Page size, 1–100 (default 15).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(nullable)]
    pub per_page: Option<u32>,
}

/// The invoice queue (finance): requests by status, oldest first.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(InvoiceQueueQuery),
    responses(
        (status = 200, description = "A page of invoice requests", body = Page<Invoice>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and finance staff issue invoices", body = ErrorBody),
        (status = 422, description = "Invalid query", body = ErrorBody),
    )
)]
#[get("/admin/invoices")]
pub async fn list_invoices(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<InvoiceQueueQuery>,
) -> Result<web::Json<Page<Invoice>>, ApiError> {
    user.authorize(Permission::ManageFinance, None)?;
    let query = query.validate()?;
    let status = match query.status.as_deref() {
        None | Some("requested") => Some("requested"),
        Some("issued") => Some("issued"),
        Some("rejected") => Some("rejected"),
        Some("reversed") => Some("reversed"),
        Some("all") => None,
        Some(_) => {
            return Err(ApiError::field(
                "status",
                "invalid",
                "use requested, issued, rejected, reversed or all",
            ));
        }
    };
    let paging = PageQuery::sized(query.page, query.per_page, 15);
    Ok(web::Json(
        state
            .db(move |conn| invoices::queue(conn, status, paging))
            .await?,
    ))
}

/// Issues a requested invoice (发票号码, 开票日期).
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Invoice request id")),
    request_body = IssueInvoiceInput,
    responses(
        (status = 200, description = "The issued invoice", body = Invoice),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and finance staff issue invoices", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
        (status = 409, description = "Decided already", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/admin/invoices/{id}/issue")]
pub async fn issue_invoice(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<IssueInvoiceInput>,
) -> Result<web::Json<Invoice>, ApiError> {
    user.authorize(Permission::ManageFinance, None)?;
    let (id, input, actor_id) = (id.into_inner(), body.validate()?, user.id());
    Ok(web::Json(
        state
            .run(move |conn| {
                conn.atomic_write(|conn| {
                    invoices::decide(conn, id, Ok((input.invoice_no.trim(), input.issued_on)), actor_id)
                        .map_err(change_error)
                })
            })
            .await
            .map_err(not_found(id))?,
    ))
}

/// Rejects a requested invoice with a reason.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Invoice request id")),
    request_body = ReasonInput,
    responses(
        (status = 200, description = "The rejected request", body = Invoice),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and finance staff review invoices", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
        (status = 409, description = "Decided already", body = ErrorBody),
        (status = 422, description = "No reason given", body = ErrorBody),
    )
)]
#[post("/admin/invoices/{id}/reject")]
pub async fn reject_invoice(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<ReasonInput>,
) -> Result<web::Json<Invoice>, ApiError> {
    user.authorize(Permission::ManageFinance, None)?;
    let (id, input, actor_id) = (id.into_inner(), body.validate()?, user.id());
    Ok(web::Json(
        state
            .run(move |conn| {
                conn.atomic_write(|conn| {
                    invoices::decide(conn, id, Err(input.reason.trim()), actor_id).map_err(change_error)
                })
            })
            .await
            .map_err(not_found(id))?,
    ))
}

/// The multipart body of `PUT /api/v1/admin/invoices/{id}/pdf`.
#[derive(Debug, actix_multipart::form::MultipartForm)]
#[multipart(deny_unknown_fields, duplicate_field = "deny")]
pub struct InvoicePdfUpload {
    /// The invoice as a PDF (by content), ≤ 10 MiB.
    #[multipart(limit = "10MB")]
    pub pdf: actix_multipart::form::tempfile::TempFile,
}

/// Documentation shape of [`InvoicePdfUpload`].
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code, reason = "documents the multipart body for OpenAPI only")]
pub struct InvoicePdfUploadDoc {
    /// The invoice (PDF, checked by content, ≤ 10 MiB).
    #[schema(value_type = String, format = Binary)]
    pdf: Vec<u8>,
}

/// Attaches the issued invoice's PDF (replacing one attached before); the buyer downloads it from
/// the order.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Invoice request id")),
    request_body(content = InvoicePdfUploadDoc, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The invoice with its PDF link", body = Invoice),
        (status = 400, description = "Malformed multipart body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and finance staff issue invoices", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
        (status = 409, description = "Not issued (issue it first)", body = ErrorBody),
        (status = 413, description = "Larger than 10 MiB", body = ErrorBody),
        (status = 415, description = "Not a PDF by content", body = ErrorBody),
    )
)]
#[put("/admin/invoices/{id}/pdf")]
pub async fn upload_invoice_pdf(
    req: actix_web::HttpRequest,
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    payload: web::Payload,
) -> Result<web::Json<Invoice>, actix_web::Error> {
    user.authorize(Permission::ManageFinance, None)?;
    let upload: InvoicePdfUpload = crate::uploads::read_form(&req, payload).await?;
    Ok(attach_pdf(&state, id.into_inner(), &upload).await?)
}

async fn attach_pdf(
    state: &AppState,
    id: i64,
    upload: &InvoicePdfUpload,
) -> Result<web::Json<Invoice>, ApiError> {
    crate::uploads::detect_file(&upload.pdf, &["application/pdf"], "a PDF file")?;
    let key = format!("invoices/{}", uuid::Uuid::new_v4());
    state.files.put_file(&key, upload.pdf.file.path()).await?;
    let stored = key.clone();
    let attached = state
        .run(move |conn| {
            conn.atomic_write(|conn| invoices::attach_pdf(conn, id, &stored).map_err(change_error))
        })
        .await
        .map_err(not_found(id));
    match attached {
        Ok((invoice, previous)) => {
            if let Some(previous) = previous {
                state.files.delete(&previous).await;
            }
            Ok(web::Json(invoice))
        }
        Err(error) => {
            state.files.delete(&key).await;
            Err(error)
        }
    }
}

fn not_found(id: i64) -> impl Fn(ApiError) -> ApiError {
    move |e| match e {
        ApiError::NotFound(_) => ApiError::NotFound(format!("invoice request {id} not found")),
        other => other,
    }
}

/// Moving the development test clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
pub struct ClockAdvance {
    /// Seconds to move this server's clock forward (1 to 30 days).
    #[validate(range(min = 1, max = 2_592_000, message = "give 1 to 2592000 seconds"))]
    pub seconds: i64,
}

/// Development only (`APP_ENV=development`): moves this server's deadline clock forward,
/// so an unpaid order can be seen timing out; the next sweep (within 5 s) cancels what is due.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    request_body = ClockAdvance,
    responses(
        (status = 204, description = "Moved"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and account managers; never outside development", body = ErrorBody),
        (status = 422, description = "Invalid seconds", body = ErrorBody),
    )
)]
#[post("/dev/clock")]
pub async fn advance_test_clock(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<ClockAdvance>,
) -> Result<HttpResponse, ApiError> {
    user.authorize(Permission::ManageOrders, None)?;
    if !state.test_clock {
        return Err(ApiError::Forbidden);
    }
    state.clock.advance(body.validate()?.seconds);
    Ok(HttpResponse::NoContent().finish())
}

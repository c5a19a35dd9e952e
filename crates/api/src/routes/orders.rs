//! Checkout and the buyer's orders (§5, §6.4, §11): the quote, the contract shown before the
//! order exists, placing it, the order list and detail (also read by distributors for their
//! resellers and by the operator's staff), cancelling, reporting a bank transfer, invoices and
//! reviews. Another company's order is not found.

use actix_multipart::form::{MultipartForm, tempfile::TempFile, text::Text};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rc_domain::Permission;
use rc_store::orders::lifecycle::CancelledBy;
use rc_store::orders::transfers::{self, NewTransfer};
use rc_store::orders::{contracts, invoices, read, reviews};
use rc_types::checkout::{CheckoutInput, ContractView, PlaceOrderInput, Quote};
use rc_types::orders::{Invoice, InvoiceInput, Order, OrderQuery, OrderSummary, ReviewInput, TransferInput};
use rc_types::{ErrorBody, Page};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{self, Valid, ValidQuery};
use crate::idempotency::IdempotencyKey;
use crate::state::AppState;
use crate::uploads;
use crate::usecases::checkout::{self, Buyer};
use crate::usecases::orders::{self as order_cases, change_error};

fn buyer(user: &AuthUser) -> Result<Buyer, ApiError> {
    user.authorize(Permission::PlaceOrders, None)?;
    Buyer::of(&user.actor).ok_or(ApiError::Forbidden)
}

/// The PDF response of a contract.
fn pdf(number: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(uploads::attachment_disposition(&format!("电子合同-{number}.pdf")))
        .body(bytes)
}

/// Prices a checkout (商品总金额, 优惠金额, 应付总额) and lists the coupons that apply; the client
/// shows these amounts as they are.
#[utoipa::path(
    tag = "checkout",
    security(("bearer" = [])),
    request_body = CheckoutInput,
    responses(
        (status = 200, description = "The amounts and the sources available", body = Quote),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff do not buy", body = ErrorBody),
        (status = 409, description = "A price changed since the one quoted in seen_unit_price", body = ErrorBody),
        (status = 422, description = "Invalid fields: a plan not for sale, a coupon that does not apply, 零钱 over the balance or what is left, credit short or on hold", body = ErrorBody),
    )
)]
#[post("/checkout/quote")]
pub async fn quote_checkout(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<CheckoutInput>,
) -> Result<web::Json<Quote>, ApiError> {
    let (buyer, input) = (buyer(&user)?, body.validate()?);
    let priced = state
        .run(move |conn| checkout::price(conn, buyer, &input))
        .await?;
    Ok(web::Json(priced.quote))
}

/// Shows the electronic contract of a checkout (生成电子订单): the parties, the end customer, the
/// terms and the tables, and its PDF; agree it within 30 minutes by placing the order.
#[utoipa::path(
    tag = "checkout",
    security(("bearer" = [])),
    request_body = CheckoutInput,
    responses(
        (status = 201, description = "The contract to read and agree", body = ContractView),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff do not buy", body = ErrorBody),
        (status = 409, description = "A price changed since the one quoted, or too many contracts wait for agreement (250 per user)", body = ErrorBody),
        (status = 422, description = "Invalid fields (as for the quote), or no end customer chosen", body = ErrorBody),
    )
)]
#[post("/checkout/contracts")]
pub async fn create_contract(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<CheckoutInput>,
) -> Result<HttpResponse, ApiError> {
    let (buyer, input) = (buyer(&user)?, body.validate()?);
    let (renderer, at) = (state.contracts.clone(), state.clock.now().and_utc());
    let view = state
        .run(move |conn| checkout::show_contract(conn, &renderer, buyer, &input, at))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The PDF of a contract shown to the signed-in user (before or after agreeing it).
#[utoipa::path(
    tag = "checkout",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Contract id")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such contract of yours", body = ErrorBody),
    )
)]
#[get("/checkout/contracts/{id}/pdf")]
pub async fn download_checkout_contract(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (user_id, id) = (user.id(), id.into_inner());
    let (number, bytes) = state
        .db(move |conn| {
            let row = contracts::own(conn, user_id, id)?;
            Ok((row.number, contracts::pdf(conn, id)?))
        })
        .await
        .map_err(|_| ApiError::NotFound(format!("contract {id} not found")))?;
    Ok(pdf(&number, bytes))
}

/// Places the order by agreeing its contract (同意): one transaction holds the coupon, 零钱 and
/// credit, stores the contract with the order and sets its state — 处理中 / 已付款 when paid in full
/// by them, else 待付款 until the deadline. Placing the same contract again answers with its order;
/// with `Idempotency-Key` the same key and body answer the first time's order, another body 422.
#[utoipa::path(
    tag = "checkout",
    security(("bearer" = [])),
    request_body = PlaceOrderInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first answer again")),
    responses(
        (status = 201, description = "The order", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff do not buy", body = ErrorBody),
        (status = 404, description = "No such contract of yours", body = ErrorBody),
        (status = 409, description = "The contract expired, prices or balances changed since it was shown, or the same key is in use", body = ErrorBody),
        (status = 422, description = "Not the contract's checkout or SHA-256, a source short or unusable, or the key reused for another body", body = ErrorBody),
    )
)]
#[post("/orders")]
pub async fn create_order(
    user: AuthUser,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    body: Valid<PlaceOrderInput>,
) -> Result<HttpResponse, ApiError> {
    let (buyer, input) = (buyer(&user)?, body.validate()?);
    let (sealer, actor, at) = (state.sealer.clone(), user.actor, state.clock.now().and_utc());
    let order = state
        .run(move |conn| {
            let order_id = key.once(conn, &checkout::scope(buyer), &input, |conn| {
                checkout::place(conn, &sealer, buyer, &input, at)
            })?;
            order_cases::view(conn, &actor, order_id)
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Created().json(order))
}

/// 客户订单: the orders the signed-in user may see — a company's admins and co-admins the
/// company's (a distributor's also its resellers'), a member those they placed, the operator's
/// staff every order — newest first; search 订单编号 / 客户公司 / 销售, filter by status.
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(OrderQuery),
    responses(
        (status = 200, description = "A page of orders", body = Page<OrderSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "This staff role does not see orders", body = ErrorBody),
        (status = 422, description = "Invalid query", body = ErrorBody),
    )
)]
#[get("/orders")]
pub async fn list_orders(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<OrderQuery>,
) -> Result<web::Json<Page<OrderSummary>>, ApiError> {
    let scope = order_cases::scope(&user.actor)?;
    let query = query.validate()?;
    Ok(web::Json(
        state.db(move |conn| read::list(conn, scope, &query)).await?,
    ))
}

/// One order in full (§6.4.2): 基本信息, 客户信息, 渠道商, the lines with 交付内容, the timeline,
/// transfers and invoices, and what the reader may do now.
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
    )
)]
#[get("/orders/{id}")]
pub async fn get_order(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Order>, ApiError> {
    let (actor, id) = (user.actor, id.into_inner());
    Ok(web::Json(
        state.run(move |conn| order_cases::view(conn, &actor, id)).await?,
    ))
}

/// 电子合同: the order's contract PDF exactly as agreed — for the buying company and the operator.
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The PDF as agreed", content_type = "application/pdf"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
    )
)]
#[get("/orders/{id}/contract")]
pub async fn download_order_contract(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id) = (user.actor, id.into_inner());
    let (number, bytes) = state
        .run(move |conn| {
            if order_cases::reach(conn, &actor, id)? == order_cases::Reach::Distributor {
                return Err(ApiError::NotFound(format!("order {id} not found")));
            }
            let order = rc_store::orders::lifecycle::get(conn, id)?;
            let contract = contracts::get(conn, order.contract_id)?;
            Ok((contract.number, contracts::pdf(conn, contract.id)?))
        })
        .await?;
    Ok(pdf(&number, bytes))
}

/// 取消订单: the buyer cancels an unpaid order; every hold is released.
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The cancelled order", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Read-only (a distributor reading a reseller's order)", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
        (status = 409, description = "The order is paid, cancelled, or its transfer waits for review", body = ErrorBody),
    )
)]
#[post("/orders/{id}/cancel")]
pub async fn cancel_order(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Order>, ApiError> {
    let (actor, id, sealer, at) = (
        user.actor,
        id.into_inner(),
        state.sealer.clone(),
        state.clock.now(),
    );
    let order = state
        .run(move |conn| {
            order_cases::as_buyer(conn, &actor, id)?;
            order_cases::cancel(
                conn,
                &sealer,
                id,
                CancelledBy::Buyer(actor.user_id),
                "用户取消订单",
                at,
            )?;
            order_cases::view(conn, &actor, id)
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(order))
}

/// The multipart body of `POST /api/v1/orders/{id}/transfers`.
#[derive(Debug, MultipartForm)]
#[multipart(deny_unknown_fields, duplicate_field = "deny")]
pub struct TransferUpload {
    /// `TransferInput` as JSON.
    #[multipart(limit = "8KB")]
    pub transfer: Text<String>,
    /// Optional receipt image: PNG or JPEG by content, ≤ 5 MiB.
    #[multipart(limit = "5MB")]
    pub receipt: Option<TempFile>,
}

/// Documentation shape of [`TransferUpload`].
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code, reason = "documents the multipart body for OpenAPI only")]
pub struct TransferUploadDoc {
    /// `TransferInput` serialized as JSON.
    #[schema(value_type = TransferInput)]
    transfer: String,
    /// Optional receipt image (PNG or JPEG, checked by content, ≤ 5 MiB).
    #[schema(value_type = Option<String>, format = Binary)]
    receipt: Option<Vec<u8>>,
}

/// Content types a transfer receipt may be.
const RECEIPT_TYPES: [&str; 2] = ["image/png", "image/jpeg"];

/// 线下支付: reports the bank transfer of an unpaid offline order (付款状态 → 待确认); the finance
/// staff confirm or reject it.
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    request_body(content = TransferUploadDoc, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "The order, its transfer waiting for confirmation", body = Order),
        (status = 400, description = "Malformed multipart body or transfer JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Read-only (a distributor reading a reseller's order)", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
        (status = 409, description = "The order does not wait for a transfer (paid, cancelled, online, a transfer waiting, past its deadline)", body = ErrorBody),
        (status = 413, description = "Receipt larger than 5 MiB", body = ErrorBody),
        (status = 415, description = "Receipt is not a PNG or JPEG image by content", body = ErrorBody),
        (status = 422, description = "Invalid fields, or not the amount payable", body = ErrorBody),
    )
)]
#[post("/orders/{id}/transfers")]
pub async fn create_transfer(
    req: HttpRequest,
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, actix_web::Error> {
    let upload: TransferUpload = uploads::read_form(&req, payload).await?;
    Ok(transfer(user, &state, id.into_inner(), upload).await?)
}

async fn transfer(
    user: AuthUser,
    state: &AppState,
    id: i64,
    upload: TransferUpload,
) -> Result<HttpResponse, ApiError> {
    let input: TransferInput = serde_json::from_str(&upload.transfer)
        .map_err(|e| ApiError::BadRequest(format!("the `transfer` part is not a valid transfer: {e}")))?;
    let input = extract::valid(input)?;
    let amount = rc_domain::Fen::from_yuan(input.amount.amount).map_err(|_| {
        ApiError::field(
            "amount",
            "invalid",
            "give the amount in yuan with at most 2 decimals",
        )
    })?;
    let actor = user.actor;
    state
        .run(move |conn| order_cases::as_buyer(conn, &actor, id))
        .await?;
    let receipt = match &upload.receipt {
        Some(file) if file.size > 0 => {
            let kind = uploads::detect_file(file, &RECEIPT_TYPES, "a PNG or JPEG image")?;
            let key = format!("transfers/{}", uuid::Uuid::new_v4());
            state.files.put_file(&key, file.file.path()).await?;
            Some((key, kind))
        }
        _ => None,
    };
    let stored = receipt.as_ref().map(|(key, _)| key.clone());
    let at = state.clock.now();
    let result = state
        .run(move |conn| {
            conn.atomic_write(|conn| {
                transfers::submit(
                    conn,
                    id,
                    &NewTransfer {
                        submitted_by: actor.user_id,
                        payer_name: input.payer_name.trim(),
                        bank: input.bank.trim(),
                        account: input.account.trim(),
                        amount,
                        transfer_date: input.transfer_date,
                        reference: input.reference.trim(),
                        receipt: receipt.as_ref().map(|(key, kind)| (key.as_str(), *kind)),
                    },
                    at,
                )
                .map_err(change_error)
            })?;
            order_cases::view(conn, &actor, id)
        })
        .await;
    match result {
        Ok(order) => Ok(HttpResponse::Created().json(order)),
        Err(error) => {
            // Nothing refers to the receipt of a refused report.
            if let Some(key) = stored {
                state.files.delete(&key).await;
            }
            Err(error)
        }
    }
}

/// A transfer's receipt image — for the buying company and the operator.
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Order id"),
        ("transfer_id" = i64, Path, description = "Transfer id"),
    ),
    responses(
        (status = 200, description = "The image", content_type = "application/octet-stream"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such receipt within reach", body = ErrorBody),
    )
)]
#[get("/orders/{id}/transfers/{transfer_id}/receipt")]
pub async fn download_transfer_receipt(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let ((id, transfer_id), actor) = (path.into_inner(), user.actor);
    let (key, kind) = state
        .run(move |conn| {
            if order_cases::reach(conn, &actor, id)? == order_cases::Reach::Distributor {
                return Err(ApiError::NotFound("receipt not found".to_owned()));
            }
            transfers::receipt(conn, id, transfer_id)
                .map_err(|_| ApiError::NotFound("receipt not found".to_owned()))
        })
        .await?;
    let bytes = state.files.get(&key).await?;
    Ok(HttpResponse::Ok()
        .content_type(kind)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}

/// An issued invoice's PDF — for the buying company and the operator.
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Order id"),
        ("invoice_id" = i64, Path, description = "Invoice request id"),
    ),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such invoice PDF within reach", body = ErrorBody),
    )
)]
#[get("/orders/{id}/invoices/{invoice_id}/pdf")]
pub async fn download_invoice_pdf(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let ((id, invoice_id), actor) = (path.into_inner(), user.actor);
    let missing = || ApiError::NotFound("invoice PDF not found".to_owned());
    let key = state
        .run(move |conn| {
            if order_cases::reach(conn, &actor, id)? == order_cases::Reach::Distributor {
                return Err(missing());
            }
            invoices::pdf_key(conn, id, invoice_id).map_err(|_| missing())
        })
        .await?;
    let bytes = state.files.get(&key).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(uploads::attachment_disposition(&format!("发票-{invoice_id}.pdf")))
        .body(bytes))
}

/// 申请开票: requests an invoice for a paid order (one open or issued request per order).
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    request_body = InvoiceInput,
    responses(
        (status = 201, description = "The request", body = Invoice),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Read-only (a distributor reading a reseller's order)", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
        (status = 409, description = "The order is not paid, or an invoice was already requested", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/orders/{id}/invoices")]
pub async fn create_invoice(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<InvoiceInput>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id, input) = (user.actor, id.into_inner(), body.validate()?);
    let invoice = state
        .run(move |conn| {
            order_cases::as_buyer(conn, &actor, id)?;
            conn.atomic_write(|conn| invoices::request(conn, id, actor.user_id, &input).map_err(change_error))
        })
        .await?;
    Ok(HttpResponse::Created().json(invoice))
}

/// 评价: reviews one line of a completed order (1–5 stars and a text; once per line). It shows
/// on the solution's 评价 tab and counts in its rating at once.
#[utoipa::path(
    tag = "orders",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Order id"),
        ("line_id" = i64, Path, description = "Order line id"),
    ),
    request_body = ReviewInput,
    responses(
        (status = 201, description = "The order with the review", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Read-only (a distributor reading a reseller's order)", body = ErrorBody),
        (status = 404, description = "No such order or line within reach", body = ErrorBody),
        (status = 409, description = "The order is not completed, or the line was reviewed already", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/orders/{id}/lines/{line_id}/review")]
pub async fn create_line_review(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: Valid<ReviewInput>,
) -> Result<HttpResponse, ApiError> {
    let ((id, line_id), actor, input) = (path.into_inner(), user.actor, body.validate()?);
    let order = state
        .run(move |conn| {
            order_cases::as_buyer(conn, &actor, id)?;
            conn.atomic_write(|conn| {
                reviews::create(conn, id, line_id, actor.user_id, &input).map_err(change_error)
            })?;
            order_cases::view(conn, &actor, id)
        })
        .await?;
    let storefront = state.storefront.clone();
    state.db(move |conn| storefront.sync(conn)).await?;
    Ok(HttpResponse::Created().json(order))
}

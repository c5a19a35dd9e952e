//! The shopping cart (购物车, §5.2): the signed-in company user's own lines; another user's line
//! is not found.

use actix_web::{HttpResponse, delete, get, post, put, web};
use rc_domain::Permission;
use rc_store::cart;
use rc_types::ErrorBody;
use rc_types::cart::{Cart, CartLine, CartLineInput, CartLineUpdate};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::Valid;
use crate::state::AppState;

fn buyer(user: &AuthUser) -> Result<i64, ApiError> {
    user.authorize(Permission::PlaceOrders, None)?;
    Ok(user.id())
}

fn not_found(id: i64) -> impl Fn(ApiError) -> ApiError {
    move |e| match e {
        ApiError::NotFound(_) => ApiError::NotFound(format!("cart line {id} not found")),
        other => other,
    }
}

/// The signed-in user's cart: every line with its current price and whether it can be settled.
#[utoipa::path(
    tag = "cart",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The cart, newest line first", body = Cart),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff do not buy", body = ErrorBody),
    )
)]
#[get("/cart")]
pub async fn get_cart(user: AuthUser, state: web::Data<AppState>) -> Result<web::Json<Cart>, ApiError> {
    let user_id = buyer(&user)?;
    Ok(web::Json(state.db(move |conn| cart::cart(conn, user_id)).await?))
}

/// Adds a plan to the cart (加入购物车); a plan already there gets the quantity added.
#[utoipa::path(
    tag = "cart",
    security(("bearer" = [])),
    request_body = CartLineInput,
    responses(
        (status = 201, description = "The line with the plan (a new line, or the plan's line with the quantity added)", body = CartLine),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff do not buy", body = ErrorBody),
        (status = 409, description = "The cart already holds 50 lines, or the plan's price is no longer the one quoted in seen_unit_price", body = ErrorBody),
        (status = 422, description = "Invalid quantity, or a plan that is not for sale", body = ErrorBody),
    )
)]
#[post("/cart/lines")]
pub async fn create_cart_line(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<CartLineInput>,
) -> Result<HttpResponse, ApiError> {
    let (user_id, input) = (buyer(&user)?, body.validate()?);
    let line = state.db(move |conn| cart::add(conn, user_id, &input)).await?;
    Ok(HttpResponse::Created().json(line))
}

/// Changes a line's quantity, or accepts the plan's changed terms (quoting the price shown).
#[utoipa::path(
    tag = "cart",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cart line id")),
    request_body = CartLineUpdate,
    responses(
        (status = 200, description = "The updated line", body = CartLine),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff do not buy", body = ErrorBody),
        (status = 404, description = "No such line in your cart", body = ErrorBody),
        (status = 409, description = "The price changed again since the one quoted in accept_unit_price", body = ErrorBody),
        (status = 422, description = "Invalid quantity, or accepting the terms of a plan no longer sold", body = ErrorBody),
    )
)]
#[put("/cart/lines/{id}")]
pub async fn update_cart_line(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<CartLineUpdate>,
) -> Result<web::Json<CartLine>, ApiError> {
    let (user_id, id, input) = (buyer(&user)?, id.into_inner(), body.validate()?);
    Ok(web::Json(
        state
            .db(move |conn| cart::update(conn, user_id, id, &input))
            .await
            .map_err(not_found(id))?,
    ))
}

/// Removes a line (删除).
#[utoipa::path(
    tag = "cart",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cart line id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff do not buy", body = ErrorBody),
        (status = 404, description = "No such line in your cart", body = ErrorBody),
    )
)]
#[delete("/cart/lines/{id}")]
pub async fn delete_cart_line(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (user_id, id) = (buyer(&user)?, id.into_inner());
    state
        .db(move |conn| cart::remove(conn, user_id, id))
        .await
        .map_err(not_found(id))?;
    Ok(HttpResponse::NoContent().finish())
}

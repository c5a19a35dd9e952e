//! My customers (我的客户, §6.3): the signed-in user's company's end customers.

use actix_web::{HttpResponse, delete, get, post, put, web};
use rc_domain::Permission;
use rc_store::customers;
use rc_types::customers::{Affected, BulkDelete, Customer, CustomerInput, CustomerQuery};
use rc_types::{ErrorBody, Page};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::state::AppState;

fn own_company(user: &AuthUser) -> Result<i64, ApiError> {
    user.authorize(Permission::ManageCustomers, None)?;
    user.company_id()
}

fn not_found(id: i64) -> impl Fn(ApiError) -> ApiError {
    move |e| match e {
        ApiError::NotFound(_) => ApiError::NotFound(format!("customer {id} not found")),
        other => other,
    }
}

/// Customers, searchable over company, name, email and phone; 15 per page by default.
#[utoipa::path(
    tag = "customers",
    security(("bearer" = [])),
    params(CustomerQuery),
    responses(
        (status = 200, description = "One page of customers, newest first", body = Page<Customer>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff have no customers", body = ErrorBody),
        (status = 422, description = "Invalid paging", body = ErrorBody),
    )
)]
#[get("/customers")]
pub async fn list_customers(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<CustomerQuery>,
) -> Result<web::Json<Page<Customer>>, ApiError> {
    let company = own_company(&user)?;
    let query = query.validate()?;
    Ok(web::Json(
        state
            .db(move |conn| customers::list(conn, company, &query))
            .await?,
    ))
}

/// Adds a customer (添加客户).
#[utoipa::path(
    tag = "customers",
    security(("bearer" = [])),
    request_body = CustomerInput,
    responses(
        (status = 201, description = "The new customer", body = Customer),
        (status = 403, description = "Operator staff have no customers", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/customers")]
pub async fn create_customer(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<CustomerInput>,
) -> Result<HttpResponse, ApiError> {
    let company = own_company(&user)?;
    let input = body.validate()?;
    let created = state
        .db(move |conn| customers::create(conn, company, &input))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// One customer.
#[utoipa::path(
    tag = "customers",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Customer id")),
    responses(
        (status = 200, description = "The customer", body = Customer),
        (status = 404, description = "No such customer in your company", body = ErrorBody),
    )
)]
#[get("/customers/{id}")]
pub async fn get_customer(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Customer>, ApiError> {
    let (company, id) = (own_company(&user)?, id.into_inner());
    Ok(web::Json(
        state
            .db(move |conn| customers::get(conn, company, id))
            .await
            .map_err(not_found(id))?,
    ))
}

/// Edits a customer (编辑客户).
#[utoipa::path(
    tag = "customers",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Customer id")),
    request_body = CustomerInput,
    responses(
        (status = 200, description = "The updated customer", body = Customer),
        (status = 404, description = "No such customer in your company", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[put("/customers/{id}")]
pub async fn update_customer(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<CustomerInput>,
) -> Result<web::Json<Customer>, ApiError> {
    let (company, id, input) = (own_company(&user)?, id.into_inner(), body.validate()?);
    Ok(web::Json(
        state
            .db(move |conn| customers::update(conn, company, id, &input))
            .await
            .map_err(not_found(id))?,
    ))
}

/// Deletes a customer (删除).
#[utoipa::path(
    tag = "customers",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Customer id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such customer in your company", body = ErrorBody),
    )
)]
#[delete("/customers/{id}")]
pub async fn delete_customer(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (company, id) = (own_company(&user)?, id.into_inner());
    let deleted = state
        .db(move |conn| customers::delete(conn, company, &[id]))
        .await?;
    if deleted == 0 {
        return Err(ApiError::NotFound(format!("customer {id} not found")));
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Deletes several customers (批量删除); ids outside the company are ignored.
#[utoipa::path(
    tag = "customers",
    security(("bearer" = [])),
    request_body = BulkDelete,
    responses(
        (status = 200, description = "How many were deleted", body = Affected),
        (status = 422, description = "No ids, or more than 100", body = ErrorBody),
    )
)]
#[post("/customers/bulk-delete")]
pub async fn bulk_delete_customers(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<BulkDelete>,
) -> Result<web::Json<Affected>, ApiError> {
    let (company, ids) = (own_company(&user)?, body.validate()?.ids);
    let count = state
        .db(move |conn| customers::delete(conn, company, &ids))
        .await?;
    Ok(web::Json(Affected { count }))
}

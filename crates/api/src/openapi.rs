//! The OpenAPI document, collected from the registered routes by utoipa-actix-web.

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope};

/// Document-level metadata; paths and schemas are collected from the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Reseller Center API",
        description = "REST API of Reseller Center (经销商中心), the B2B cloud-solutions marketplace. \
                       Conventions (paging, money, errors) are in docs/API-DESIGN.md.",
    ),
    tags(
        (name = "system", description = "Liveness and readiness"),
        (name = "catalog", description = "Public solution catalog"),
        (name = "accounts", description = "Registration and the signed-in user's profile"),
        (name = "auth", description = "Login with the slider check, tokens, emailed links"),
        (name = "companies", description = "Partner companies, their users, resellers and files"),
        (name = "users", description = "Actions on company users"),
        (name = "customers", description = "End customers of a partner company"),
        (name = "cart", description = "The shopping cart (购物车)"),
        (name = "checkout", description = "Quote, electronic contract and placing an order (结算, 电子合同)"),
        (name = "orders", description = "Customer orders (客户订单): detail, cancel, bank transfer, invoices, reviews"),
        (name = "payments", description = "Online payment: the cashier (蓝云支付平台), gateway attempts, notifications and returns"),
        (name = "order desk", description = "The operator's order desk: transfers, delivery, completion, cancellation, invoices"),
        (name = "operator", description = "The operator's back office"),
        (name = "assets", description = "My assets: rebate balance, coupons, credit line"),
        (name = "finance", description = "The operator's finance desk"),
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// Declares the `bearer` security scheme (JWT access tokens).
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Path prefix of every API route.
pub const API_PREFIX: &str = "/api/v1";

/// The full document, as served at `/api/v1/openapi.json` and committed in `api-spec/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope::scope(API_PREFIX).configure(crate::routes::configure))
        .split_for_parts();
    doc
}

/// The document as pretty JSON with a trailing newline (the committed file's exact form).
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("the OpenAPI document serializes");
    json.push('\n');
    json
}

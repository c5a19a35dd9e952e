//! HTTP routes under `/api/v1`, one module per area; each handler is documented with `#[utoipa::path]`.

pub mod admin;
pub mod auth;
pub mod catalog;
pub mod companies;
pub mod customers;
pub mod health;
pub mod me;
pub mod registration;
pub mod support;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every `/api/v1` route (through utoipa so the OpenAPI document cannot miss one).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::get_health)
        .service(health::get_readiness)
        .service(catalog::list_solutions)
        .service(catalog::get_solution)
        .service(catalog::list_vendors)
        .service(registration::list_account_managers)
        .service(registration::create_registration)
        .service(auth::create_challenge)
        .service(auth::create_session)
        .service(auth::refresh_token)
        .service(auth::end_session)
        .service(auth::inspect_link)
        .service(auth::complete_link)
        .service(auth::request_password_reset)
        .service(me::get_profile)
        .service(me::update_profile)
        .service(me::change_password)
        .service(companies::get_company)
        .service(companies::update_company)
        .service(companies::enable_company)
        .service(companies::disable_company)
        .service(companies::list_company_users)
        .service(companies::invite_user)
        .service(companies::list_resellers)
        .service(companies::create_reseller)
        .service(companies::list_company_files)
        .service(companies::download_file)
        .service(users::update_user)
        .service(users::enable_user)
        .service(users::disable_user)
        .service(users::delete_user)
        .service(users::resend_invitation)
        .service(users::transfer_admin)
        .service(admin::list_applications)
        .service(admin::approve_application)
        .service(admin::reject_application)
        .service(admin::list_all_companies)
        .service(admin::list_mail)
        .service(customers::list_customers)
        .service(customers::create_customer)
        .service(customers::bulk_delete_customers)
        .service(customers::get_customer)
        .service(customers::update_customer)
        .service(customers::delete_customer);
}

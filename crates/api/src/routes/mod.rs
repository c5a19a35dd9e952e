//! HTTP routes under `/api/v1`, one module per area; each handler is documented with `#[utoipa::path]`.

pub mod admin;
pub mod admin_catalog;
pub mod admin_content;
pub mod admin_finance;
pub mod admin_orders;
pub mod admin_payments;
pub mod admin_refunds;
pub mod admin_tickets;
pub mod assets;
pub mod auth;
pub mod cart;
pub mod catalog;
pub mod companies;
pub mod credit_pay;
pub mod customers;
pub mod health;
pub mod me;
pub mod orders;
pub mod payments;
pub mod registration;
pub mod storefront;
pub mod support;
pub mod tickets;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every `/api/v1` route (through utoipa so the OpenAPI document cannot miss one).
pub fn configure(cfg: &mut ServiceConfig) {
    storefront_routes(cfg);
    account_routes(cfg);
    asset_routes(cfg);
    order_routes(cfg);
}

/// The cart, checkout, orders and the operator's order desk.
fn order_routes(cfg: &mut ServiceConfig) {
    cfg.service(cart::get_cart)
        .service(cart::create_cart_line)
        .service(cart::update_cart_line)
        .service(cart::delete_cart_line)
        .service(orders::quote_checkout)
        .service(orders::create_contract)
        .service(orders::download_checkout_contract)
        .service(orders::create_order)
        .service(orders::list_orders)
        .service(orders::get_order)
        .service(orders::download_order_contract)
        .service(orders::cancel_order)
        .service(orders::create_transfer)
        .service(orders::download_transfer_receipt)
        .service(orders::create_invoice)
        .service(orders::download_invoice_pdf)
        .service(orders::create_line_review)
        .service(admin_orders::confirm_transfer)
        .service(admin_orders::reject_transfer)
        .service(admin_orders::deliver_line)
        .service(admin_orders::complete_order)
        .service(admin_orders::cancel_order_by_operator)
        .service(admin_orders::list_invoices)
        .service(admin_orders::issue_invoice)
        .service(admin_orders::upload_invoice_pdf)
        .service(admin_orders::confirm_refund)
        .service(admin_refunds::create_line_refund)
        .service(admin_refunds::confirm_line_refund)
        .service(admin_orders::reject_invoice)
        .service(admin_orders::advance_test_clock)
        .service(payments::get_order_cashier)
        .service(payments::create_order_payment)
        .service(payments::create_payment_notification)
        .service(payments::get_payment_return)
        .service(payments::create_payment_return)
        .service(payments::get_bill_cashier)
        .service(payments::create_bill_payment)
        .service(credit_pay::get_credit_password)
        .service(credit_pay::update_credit_password)
        .service(credit_pay::create_credit_pay_code)
        .service(credit_pay::create_credit_payment)
        .service(admin_payments::list_order_payments)
        .service(admin_payments::get_reconciliation);
}

/// My assets (rebate, coupons, credit line) and the operator's finance desk.
fn asset_routes(cfg: &mut ServiceConfig) {
    cfg.service(assets::get_rebate_account)
        .service(assets::list_rebate_entries)
        .service(assets::list_rebate_recharges)
        .service(assets::list_coupons)
        .service(assets::search_applicable_coupons)
        .service(assets::get_credit_account)
        .service(assets::list_credit_entries)
        .service(assets::list_credit_bills)
        .service(assets::list_credit_repayments)
        .service(assets::create_credit_repayment)
        .service(admin_finance::list_finance_companies)
        .service(admin_finance::get_finance_company)
        .service(admin_finance::list_company_rebate_entries)
        .service(admin_finance::create_rebate_adjustment)
        .service(admin_finance::get_credit_line)
        .service(admin_finance::update_credit_line)
        .service(admin_finance::list_company_credit_entries)
        .service(admin_finance::list_company_credit_bills)
        .service(admin_finance::create_credit_spend)
        .service(admin_finance::list_company_coupons)
        .service(admin_finance::list_coupon_templates)
        .service(admin_finance::create_coupon_template)
        .service(admin_finance::get_coupon_template)
        .service(admin_finance::update_coupon_template)
        .service(admin_finance::list_template_coupons)
        .service(admin_finance::create_coupon_issuance)
        .service(admin_finance::list_repayments)
        .service(admin_finance::approve_repayment)
        .service(admin_finance::reject_repayment)
        .service(admin_finance::get_finance_settings)
        .service(admin_finance::update_finance_settings)
        .service(admin_finance::list_finance_actions);
}

/// Health, the public storefront and catalog, leads, and the operator's catalog, content and ticket console.
fn storefront_routes(cfg: &mut ServiceConfig) {
    cfg.service(health::get_health)
        .service(health::get_readiness)
        .service(catalog::list_solutions)
        .service(catalog::search_solutions)
        .service(catalog::suggest_solutions)
        .service(catalog::get_solution)
        .service(catalog::list_reviews)
        .service(catalog::list_vendors)
        .service(storefront::get_home)
        .service(storefront::get_operator_contact)
        .service(storefront::list_news)
        .service(storefront::get_news)
        .service(storefront::list_partners)
        .service(storefront::list_ads)
        .service(storefront::list_help)
        .service(storefront::get_help)
        .service(storefront::download_media)
        .service(tickets::create_consult)
        .service(tickets::create_trial)
        .service(tickets::list_my_tickets)
        .service(tickets::get_my_ticket)
        .service(tickets::download_my_ticket_attachment)
        .service(admin_catalog::list_admin_solutions)
        .service(admin_catalog::create_solution)
        .service(admin_catalog::get_admin_solution)
        .service(admin_catalog::update_solution)
        .service(admin_catalog::publish_solution)
        .service(admin_catalog::unpublish_solution)
        .service(admin_content::upload_media)
        .service(admin_content::list_admin_banners)
        .service(admin_content::create_banner)
        .service(admin_content::update_banner)
        .service(admin_content::delete_banner)
        .service(admin_content::list_admin_ads)
        .service(admin_content::create_ad)
        .service(admin_content::update_ad)
        .service(admin_content::delete_ad)
        .service(admin_content::list_admin_partners)
        .service(admin_content::create_partner)
        .service(admin_content::update_partner)
        .service(admin_content::delete_partner)
        .service(admin_content::list_admin_brands)
        .service(admin_content::create_brand)
        .service(admin_content::update_brand)
        .service(admin_content::delete_brand)
        .service(admin_content::list_admin_news)
        .service(admin_content::get_news_source)
        .service(admin_content::create_news)
        .service(admin_content::update_news)
        .service(admin_content::delete_news)
        .service(admin_content::list_admin_help)
        .service(admin_content::get_help_source)
        .service(admin_content::create_help)
        .service(admin_content::update_help)
        .service(admin_content::delete_help)
        .service(admin_content::update_operator_contact)
        .service(admin_tickets::list_tickets)
        .service(admin_tickets::list_ticket_assignees)
        .service(admin_tickets::get_ticket)
        .service(admin_tickets::update_ticket)
        .service(admin_tickets::create_ticket_message)
        .service(admin_tickets::download_ticket_attachment);
}

/// Registration, sign-in, profiles, companies, users, the operator's reviews and mail, customers.
fn account_routes(cfg: &mut ServiceConfig) {
    cfg.service(registration::list_account_managers)
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

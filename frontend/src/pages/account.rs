//! The personal center (个人中心, §6–§8, §10): layout with the permission-filtered menu, profile,
//! my customers, customer orders, company users, resellers, my tickets, my assets.

pub mod assets;
pub mod cashier;
pub mod customer_form;
pub mod customers;
pub mod layout;
pub mod orders;
pub mod profile;
pub mod reseller_edit;
pub mod resellers;
pub mod tickets;
pub mod user_form;
pub mod users;

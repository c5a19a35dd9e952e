//! One module per route.

pub mod account;
pub mod admin;
pub mod auth;
pub mod brands;
pub mod detail;
pub mod help;
pub mod home;
pub mod news;
pub mod not_found;
pub mod solutions;

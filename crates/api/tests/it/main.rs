//! Integration tests: the real server on a fresh database per test, driven through the typed
//! client. `RC_TEST_DB=sqlite|postgres` selects the database; `make test` runs both.

#![allow(clippy::too_many_lines, reason = "journey tests read best top to bottom")]

mod accounts;
mod assets;
mod audit;
mod auth;
mod cart;
mod catalog;
mod cli;
mod console;
mod contract;
mod conventions;
mod credit_pay;
mod customers;
mod edge;
mod fixtures;
mod gateway_faults;
mod leads;
mod limits;
mod line_refunds;
mod order_rules;
mod orders;
mod payments;
mod races;
mod resellers;
mod security;
mod spa;
mod spec;
mod storefront;
mod system;
mod tenancy;
mod users;

//! The operator's back office (运营后台): application review, all companies, the dev mailbox, the
//! ticket queue, the catalog and storefront content editors, the finance desk, the order desk and
//! the invoice queue.

pub mod applications;
pub mod articles;
pub mod companies;
pub mod content;
pub mod finance;
pub mod invoices;
pub mod mail;
pub mod payments;
pub mod solutions;
pub mod tickets;

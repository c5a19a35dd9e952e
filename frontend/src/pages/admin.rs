//! The operator's back office (运营后台): application review, all companies, the dev mailbox, the
//! ticket queue, and the catalog and storefront content editors.

pub mod applications;
pub mod articles;
pub mod companies;
pub mod content;
pub mod mail;
pub mod solutions;
pub mod tickets;

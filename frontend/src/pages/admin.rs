//! The operator's back office (运营后台): application review, all companies, the dev mailbox.

pub mod applications;
pub mod companies;
pub mod mail;

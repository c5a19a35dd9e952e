//! Reusable view pieces shared by the pages.

pub mod category_tabs;
pub mod error_view;
pub mod footer;
pub mod header;
pub mod logo;
pub mod pagination;
pub mod roving;
pub mod skeleton;
pub mod solution_card;

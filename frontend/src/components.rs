//! Reusable view pieces shared by the pages.

pub mod ads;
pub mod carousel;
pub mod category_tabs;
pub mod confirm;
pub mod data_table;
pub mod editor;
pub mod error_view;
pub mod field;
pub mod footer;
pub mod header;
pub mod highlight;
pub mod leads;
pub mod listing;
pub mod logo;
pub mod media;
pub mod modal;
pub mod notice;
pub mod paged_table;
pub mod pagination;
pub mod roving;
pub mod skeleton;
pub mod slider;
pub mod solution_card;
pub mod tabs;

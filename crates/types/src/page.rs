//! Paged lists: `?page=1&per_page=20` → `{ items, total, page, per_page }`.

use serde::{Deserialize, Serialize};
use validator::Validate;

/// Largest page a client may ask for.
pub const MAX_PER_PAGE: u32 = 100;
/// Largest page number a client may ask for.
pub const MAX_PAGE: u32 = 1_000_000;
/// Page size when the client does not say.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// Paging parameters of every list endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PageQuery {
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable))]
    pub per_page: Option<u32>,
}

impl PageQuery {
    /// The page number, defaulted; never below 1, even for a query that skipped validation.
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).clamp(1, MAX_PAGE)
    }

    /// The page size, defaulted; within 1–[`MAX_PER_PAGE`], even for a query that skipped validation
    /// (no caller can turn a list into a table dump).
    pub fn per_page(&self) -> u32 {
        self.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE)
    }

    /// The paging of a list whose own query carries `page` and `per_page`, with its default
    /// page size filled in.
    pub fn sized(page: Option<u32>, per_page: Option<u32>, default_per_page: u32) -> PageQuery {
        PageQuery {
            page,
            per_page: Some(per_page.unwrap_or(default_per_page)),
        }
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// Items of this page.
    pub items: Vec<T>,
    /// Items across all pages.
    pub total: u64,
    /// This page's number (1-based).
    pub page: u32,
    /// Page size used.
    pub per_page: u32,
}

impl<T> Page<T> {
    /// Number of pages (at least 1, so an empty list still has a page 1).
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(u64::from(self.per_page.max(1))).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        let q = PageQuery::default();
        assert_eq!((q.page(), q.per_page()), (1, 20));
        let unchecked = PageQuery {
            page: Some(0),
            per_page: Some(4_000_000_000),
        };
        assert_eq!((unchecked.page(), unchecked.per_page()), (1, MAX_PER_PAGE));
    }

    #[test]
    fn rejects_out_of_range() {
        assert!(
            PageQuery {
                page: Some(0),
                per_page: None
            }
            .validate()
            .is_err()
        );
        assert!(
            PageQuery {
                page: None,
                per_page: Some(101)
            }
            .validate()
            .is_err()
        );
        assert!(
            PageQuery {
                page: Some(1),
                per_page: Some(100)
            }
            .validate()
            .is_ok()
        );
    }

    #[test]
    fn page_count_rounds_up() {
        let page = Page::<u8> {
            items: vec![],
            total: 31,
            page: 1,
            per_page: 15,
        };
        assert_eq!(page.page_count(), 3);
        let empty = Page::<u8> {
            items: vec![],
            total: 0,
            page: 1,
            per_page: 15,
        };
        assert_eq!(empty.page_count(), 1);
    }
}

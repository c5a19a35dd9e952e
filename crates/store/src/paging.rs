//! Paging and keyword helpers shared by list queries.

use rc_types::{Page, PageQuery};

/// Rows of one page (the SQL `LIMIT`).
pub fn limit(paging: PageQuery) -> i64 {
    i64::from(paging.per_page())
}

/// Rows to skip (the SQL `OFFSET`).
pub fn offset(paging: PageQuery) -> i64 {
    i64::from(paging.page().saturating_sub(1)) * i64::from(paging.per_page())
}

/// Assembles a page.
pub fn page<T>(items: Vec<T>, total: i64, paging: PageQuery) -> Page<T> {
    Page {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page: paging.page(),
        per_page: paging.per_page(),
    }
}

/// Escapes `%`, `_` and `\` so a keyword matches literally inside `LIKE … ESCAPE '\'`; lower-cased.
pub fn like_pattern(keyword: &str) -> String {
    let mut pattern = String::with_capacity(keyword.len() + 2);
    pattern.push('%');
    for ch in keyword.trim().to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern(" Azure "), "%azure%");
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
        assert_eq!(like_pattern("迁移"), "%迁移%");
    }

    #[test]
    fn offsets() {
        let paging = PageQuery::sized(None, None, 15);
        assert_eq!((limit(paging), offset(paging)), (15, 0));
        assert_eq!(offset(PageQuery::sized(Some(3), None, 15)), 30);
    }
}

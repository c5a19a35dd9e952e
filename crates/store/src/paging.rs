//! Paging and keyword helpers shared by list queries.

use rc_types::Page;

/// Page number and size with defaults; callers have validated the ranges.
pub fn resolve(page: Option<u32>, per_page: Option<u32>, default_per_page: u32) -> (u32, u32) {
    (
        page.unwrap_or(1).max(1),
        per_page.unwrap_or(default_per_page).clamp(1, 100),
    )
}

/// Rows to skip.
pub fn offset(page: u32, per_page: u32) -> i64 {
    i64::from(page.saturating_sub(1)) * i64::from(per_page)
}

/// Assembles a page.
pub fn page<T>(items: Vec<T>, total: i64, page: u32, per_page: u32) -> Page<T> {
    Page {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page,
        per_page,
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
        assert_eq!(resolve(None, None, 15), (1, 15));
        assert_eq!(offset(3, 15), 30);
    }
}

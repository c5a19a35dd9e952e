//! Bulma pagination with real links (handled by the router), so paging works with the back
//! button and new tabs.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::tr;

/// Page numbers to show: first, last, and the current one with two neighbours;
/// `None` marks an ellipsis.
pub fn page_window(current: u32, count: u32) -> Vec<Option<u32>> {
    let mut pages = Vec::new();
    let mut last = 0;
    for page in 1..=count {
        let near = page.abs_diff(current) <= 2;
        if page == 1 || page == count || near {
            if page > last + 1 {
                pages.push(None);
            }
            pages.push(Some(page));
            last = page;
        }
    }
    pages
}

/// Pagination links; hidden when everything fits on one page.
#[component]
pub fn Pagination(
    /// Current page (1-based).
    current: u32,
    /// Number of pages.
    count: u32,
    /// URL of a page.
    href: Callback<u32, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    (count > 1).then(|| {
        let prev = (current > 1).then(|| href.run(current - 1));
        let next = (current < count).then(|| href.run(current + 1));
        view! {
            <nav class="pagination is-centered is-small" aria-label=tr!(pagination.label)>
                {match prev {
                    Some(url) => view! { <a href=url class="pagination-previous">{tr!(pagination.prev)}</a> }.into_any(),
                    None => view! { <span class="pagination-previous is-disabled" aria-disabled="true">{tr!(pagination.prev)}</span> }.into_any(),
                }}
                {match next {
                    Some(url) => view! { <a href=url class="pagination-next">{tr!(pagination.next)}</a> }.into_any(),
                    None => view! { <span class="pagination-next is-disabled" aria-disabled="true">{tr!(pagination.next)}</span> }.into_any(),
                }}
                <ul class="pagination-list">
                    {page_window(current, count)
                        .into_iter()
                        .map(|page| match page {
                            None => view! { <li><span class="pagination-ellipsis">"…"</span></li> }.into_any(),
                            Some(page) => {
                                let is_current = page == current;
                                view! {
                                    <li>
                                        <a
                                            href=href.run(page)
                                            class=if is_current { "pagination-link is-current" } else { "pagination-link" }
                                            aria-label=move || t_string!(i18n, pagination.page, page).to_string()
                                            aria-current=is_current.then_some("page")
                                        >
                                            {page}
                                        </a>
                                    </li>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn window_has_ellipses_only_for_gaps() {
        assert_eq!(page_window(1, 1), vec![Some(1)]);
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(6, 12),
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(12)
            ]
        );
    }
}

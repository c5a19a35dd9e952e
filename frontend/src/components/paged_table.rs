//! A [`DataTable`] whose page lives in a signal instead of the URL, for lists whose filters are
//! not in the URL (a period, a tab) and for pages showing several paged lists at once. The
//! pager under it is buttons (共 N 条 and the page numbers of [`page_window`]).

use std::future::Future;

use leptos::prelude::*;
use rc_client::{Client, ClientError};
use rc_types::Page;

use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::pagination::page_window;
use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use crate::session::use_session;
use crate::tr;

/// The table (no box of its own) with its pager; a new page is loaded through `load`.
#[component]
pub fn PagedTable<T, F, Fut>(
    /// Loads one page (1-based).
    load: F,
    /// The columns, in order.
    columns: Vec<Column<T>>,
    /// Accessible name of the table.
    #[prop(into)]
    label: Signal<String>,
    /// Notified to load the current page again (after a change elsewhere on the page).
    #[prop(default = None)]
    reload: Option<Trigger>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Client, u32) -> Fut + Clone + 'static,
    Fut: Future<Output = Result<Page<T>, ClientError>> + 'static,
{
    let session = use_session();
    let page = RwSignal::new(1_u32);
    let data = LocalResource::new(move || {
        if let Some(reload) = reload {
            reload.track();
        }
        let (load, page) = (load.clone(), page.get());
        async move {
            session
                .call(move |api| load(api, page))
                .await
                .map_err(LoadError::from)
        }
    });
    let totals = move || {
        data.get()
            .and_then(Result::ok)
            .filter(|loaded| !loaded.items.is_empty())
            .map(|loaded| (loaded.total, loaded.page_count()))
    };
    view! {
        <DataTable data columns label unboxed=true hoverable=true />
        {move || totals().map(|(total, pages)| view! { <PageButtons total pages page /> })}
    }
}

/// 共 N 条 and the page buttons (hidden when everything fits on one page).
#[component]
fn PageButtons(
    /// Rows across all pages.
    total: u64,
    /// Number of pages.
    pages: u64,
    /// The current page.
    page: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = u32::try_from(pages).unwrap_or(u32::MAX);
    let current = page.get_untracked();
    let numbers = (count > 1).then(|| {
        let step = move |to: u32, class: &'static str, text: fn(Locale) -> &'static str| {
            let enabled = (1..=count).contains(&to) && to != current;
            view! {
                <button type="button" class=class disabled=!enabled on:click=move |_| page.set(to)>
                    {move || text(i18n.get_locale())}
                </button>
            }
        };
        view! {
            <nav class="pagination is-centered is-small" aria-label=tr!(pagination.label)>
                {step(current.saturating_sub(1), "pagination-previous", |l| td_string!(l, pagination.prev))}
                {step(current + 1, "pagination-next", |l| td_string!(l, pagination.next))}
                <ul class="pagination-list">
                    {page_window(current, count)
                        .into_iter()
                        .map(|number| match number {
                            None => view! { <li><span class="pagination-ellipsis">"…"</span></li> }.into_any(),
                            Some(number) => {
                                let is_current = number == current;
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class=if is_current { "pagination-link is-current" } else { "pagination-link" }
                                            aria-label=move || t_string!(i18n, pagination.page, page = number).to_string()
                                            aria-current=is_current.then_some("page")
                                            on:click=move |_| page.set(number)
                                        >
                                            {number}
                                        </button>
                                    </li>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    view! {
        <div class="list-footer">
            <span class="list-total">{t!(i18n, customers.total, count = total)}</span>
            {numbers}
        </div>
    }
}

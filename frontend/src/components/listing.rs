//! Pieces of the center's data lists (数据列表): the list state in the URL (`?q=…&status=…&page=…`),
//! the search box, the status filter, row selection with a select-all checkbox, and the footer with the total,
//! 15 条/页 and the page links.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use crate::components::pagination::Pagination;
use crate::i18n::{t, use_i18n};
use crate::tr;

/// Rows per page in the center's lists (the manual's 15 条/页).
pub const PER_PAGE: u32 = 15;

/// A list's state as carried by the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListState {
    /// Search text.
    pub q: Option<String>,
    /// Status filter or tab (wire name).
    pub status: Option<String>,
    /// 1-based page.
    pub page: u32,
}

impl ListState {
    /// Reads the parameters through `get` (URL query lookup by key).
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        ListState {
            q: text("q"),
            status: text("status"),
            page: get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The query parameters that differ from the defaults, in URL order.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        if let Some(status) = &self.status {
            pairs.push(("status", status.clone()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
    }

    /// The URL of this state under `base` (defaults left out, values percent-encoded).
    pub fn to_url(&self, base: &str) -> String {
        let query: ParamsMap = self.query_pairs().into_iter().collect();
        format!("{base}{}", query.to_query_string())
    }
}

/// The list state of the current URL (tracked).
pub fn use_list_state() -> Memo<ListState> {
    let query = use_query_map();
    Memo::new(move |_| ListState::parse(|key| query.read().get(key)))
}

/// The search box of a list: submits to `base?q=…` (page 1, other filters kept).
#[component]
pub fn SearchBar(
    /// Path of the list page.
    base: &'static str,
    /// Current state.
    state: Memo<ListState>,
    /// Accessible name of the box.
    #[prop(into)]
    label: Signal<String>,
    /// Placeholder (the manual's 请输入…进行搜索).
    #[prop(into)]
    placeholder: Signal<String>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    Effect::new(move |_| text.set(state.read().q.clone().unwrap_or_default()));
    let navigate = use_navigate();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let q = text.get_untracked().trim().to_owned();
        let next = ListState {
            q: (!q.is_empty()).then_some(q),
            page: 1,
            ..state.get_untracked()
        };
        navigate(&next.to_url(base), NavigateOptions::default());
    };
    view! {
        <form class="list-search" role="search" on:submit=on_submit>
            <div class="field has-addons">
                <div class="control is-expanded">
                    <input
                        class="input"
                        type="search"
                        maxlength="100"
                        aria-label=move || label.get()
                        placeholder=move || placeholder.get()
                        bind:value=text
                    />
                </div>
                <div class="control">
                    <button type="submit" class="button is-link">{tr!(customers.search_button)}</button>
                </div>
            </div>
        </form>
    }
}

/// A list's filter menu on `?status=…` (全部 first; choosing one goes back to page 1).
#[component]
pub fn StatusSelect(
    /// Path of the list page.
    base: &'static str,
    /// Current state.
    state: Memo<ListState>,
    /// Element id of the select (its label points at it).
    id: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Text of the "no filter" option (全部).
    #[prop(into)]
    all: Signal<String>,
    /// `(URL value, label)` of every option.
    options: Vec<(&'static str, Signal<String>)>,
) -> impl IntoView {
    let navigate = use_navigate();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let next = ListState {
            status: (!value.is_empty()).then_some(value),
            page: 1,
            ..state.get_untracked()
        };
        navigate(&next.to_url(base), NavigateOptions::default());
    };
    view! {
        <div class="field is-horizontal status-filter">
            <label class="label" for=id>{move || label.get()}</label>
            <div class="select">
                <select id=id prop:value=move || state.read().status.clone().unwrap_or_default() on:change=on_change>
                    <option value="">{move || all.get()}</option>
                    {options
                        .into_iter()
                        .map(|(value, text)| view! {
                            <option value=value selected=move || state.read().status.as_deref() == Some(value)>
                                {move || text.get()}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// Row selection of the current page.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Selected ids.
    pub ids: RwSignal<Vec<i64>>,
    /// Ids of the rows shown.
    pub shown: RwSignal<Vec<i64>>,
}

impl Selection {
    /// An empty selection.
    pub fn new() -> Self {
        Selection {
            ids: RwSignal::new(Vec::new()),
            shown: RwSignal::new(Vec::new()),
        }
    }

    /// Whether `id` is selected (tracked).
    pub fn has(self, id: i64) -> bool {
        self.ids.with(|ids| ids.contains(&id))
    }

    /// Selects or clears `id`.
    pub fn toggle(self, id: i64, on: bool) {
        self.ids.update(|ids| {
            ids.retain(|x| *x != id);
            if on {
                ids.push(id);
            }
        });
    }

    /// Whether every shown row is selected (tracked).
    pub fn all(self) -> bool {
        let shown = self.shown.get();
        !shown.is_empty() && self.ids.with(|ids| shown.iter().all(|id| ids.contains(id)))
    }

    /// Selects every shown row, or none.
    pub fn set_all(self, on: bool) {
        self.ids.set(if on {
            self.shown.get_untracked()
        } else {
            Vec::new()
        });
    }

    /// A new page of rows: remembers their ids and clears the selection.
    pub fn reset(self, shown: Vec<i64>) {
        self.shown.set(shown);
        self.ids.set(Vec::new());
    }
}

impl Default for Selection {
    fn default() -> Self {
        Self::new()
    }
}

/// The select-all checkbox of a table head.
#[component]
pub fn SelectAll(
    /// The selection.
    selection: Selection,
    /// Accessible name (全选).
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    view! {
        <input
            type="checkbox"
            aria-label=move || label.get()
            prop:checked=move || selection.all()
            on:change=move |ev| selection.set_all(event_target_checked(&ev))
        />
    }
}

/// The checkbox of one row.
#[component]
pub fn SelectRow(
    /// The selection.
    selection: Selection,
    /// Row id.
    id: i64,
    /// Accessible name (选择 <name>).
    label: String,
) -> impl IntoView {
    view! {
        <input
            type="checkbox"
            aria-label=label
            prop:checked=move || selection.has(id)
            on:change=move |ev| selection.toggle(id, event_target_checked(&ev))
        />
    }
}

/// Total, 15 条/页 and the page links under a list.
#[component]
pub fn ListFooter(
    /// Path of the list page.
    base: &'static str,
    /// Current state.
    state: Memo<ListState>,
    /// Rows across all pages.
    total: u64,
    /// Number of pages.
    pages: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = state.get_untracked().page;
    let count = u32::try_from(pages).unwrap_or(u32::MAX);
    let href = Callback::new(move |page: u32| {
        ListState {
            page,
            ..state.get_untracked()
        }
        .to_url(base)
    });
    view! {
        <div class="list-footer">
            <span class="list-total">{t!(i18n, customers.total, count = total)}</span>
            <span class="tag is-white page-size">{tr!(customers.per_page)}</span>
            <Pagination current count href />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> ListState {
        ListState::parse(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn state_reads_and_writes_only_non_defaults() {
        let state = parse(&[("q", " 世纪 "), ("page", "2"), ("status", "active")]);
        assert_eq!(state.q.as_deref(), Some("世纪"));
        assert_eq!(state.page, 2);
        assert_eq!(
            state.query_pairs(),
            vec![
                ("q", "世纪".to_owned()),
                ("status", "active".to_owned()),
                ("page", "2".to_owned()),
            ]
        );
        let default = ListState {
            page: 1,
            ..ListState::default()
        };
        assert_eq!(parse(&[("page", "0"), ("q", " ")]), default);
        assert!(default.query_pairs().is_empty());
    }
}

//! The center's data lists in one shape: [`DataTable`] draws a table from column descriptions
//! (header + cell renderer) over rows loaded by a resource, with the optional search box, row
//! selection with a select-all checkbox, bulk-action buttons, the loading, error and empty states
//! and the pager (total, 15 条/页, page links). [`ListBody`] is the same without the table, for
//! lists drawn as cards.

use std::sync::Arc;

use leptos::prelude::*;
use rc_types::Page;

use crate::api::LoadError;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::listing::{ListFooter, SearchBar, SelectAll, SelectRow, Selection, use_list_state};
use crate::components::skeleton::LinesSkeleton;

/// What a list loads: every row at once (`Vec<T>`, no pager) or one page (`Page<T>`, with pager).
pub trait TableData<T> {
    /// The rows, and for a page the total and the number of pages.
    fn into_rows(self) -> (Vec<T>, Option<(u64, u64)>);
}

impl<T> TableData<T> for Vec<T> {
    fn into_rows(self) -> (Vec<T>, Option<(u64, u64)>) {
        (self, None)
    }
}

impl<T> TableData<T> for Page<T> {
    fn into_rows(self) -> (Vec<T>, Option<(u64, u64)>) {
        let pages = self.page_count();
        (self.items, Some((self.total, pages)))
    }
}

/// Something computed from a row (a cell's view, a label, a flag).
pub type RowFn<T, R> = Arc<dyn Fn(&T) -> R + Send + Sync>;

/// A cell renderer.
type Cell<T> = RowFn<T, AnyView>;

/// One column of a [`DataTable`]: its header and how a row's cell is drawn.
pub struct Column<T> {
    header: Signal<String>,
    class: Option<&'static str>,
    cell: Cell<T>,
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        Column {
            header: self.header,
            class: self.class,
            cell: Arc::clone(&self.cell),
        }
    }
}

impl<T> Column<T> {
    /// A column headed `header` whose cells `cell` draws.
    pub fn new<V: IntoView + 'static>(
        header: Signal<String>,
        cell: impl Fn(&T) -> V + Send + Sync + 'static,
    ) -> Self {
        Column {
            header,
            class: None,
            cell: Arc::new(move |row| cell(row).into_any()),
        }
    }

    /// Sets the class of the column's `<td>` cells (`nowrap`, `cell-wrap`).
    #[must_use]
    pub fn class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }
}

/// Row selection of a [`DataTable`]: a checkbox per row and 全选 in the head.
pub struct Selectable<T> {
    /// The selection (reset when a new page of rows arrives).
    pub selection: Selection,
    /// Accessible name of the select-all checkbox (全选).
    pub all_label: Signal<String>,
    /// Id of a row.
    pub id: fn(&T) -> i64,
    /// Accessible name of a row's checkbox (选择 <name>).
    pub label: RowFn<T, String>,
}

impl<T> Clone for Selectable<T> {
    fn clone(&self) -> Self {
        Selectable {
            selection: self.selection,
            all_label: self.all_label,
            id: self.id,
            label: Arc::clone(&self.label),
        }
    }
}

/// A button acting on the selected rows (disabled while none is selected).
#[derive(Clone)]
pub struct BulkAction {
    /// Button text.
    pub label: Signal<String>,
    /// Button classes (`button`, `button is-danger is-outlined`).
    pub class: &'static str,
    /// Runs with the selected ids.
    pub run: Callback<Vec<i64>>,
}

/// Expandable rows: each row gets its own `<tbody>` with a full-width detail row under it.
pub struct Detail<T> {
    /// Class of each row's `<tbody>`.
    pub group_class: &'static str,
    /// Class of the detail row.
    pub row_class: &'static str,
    /// Element id of a row's detail row (for `aria-controls`).
    pub id: fn(&T) -> String,
    /// Whether a row's detail is shown.
    pub open: RowFn<T, Signal<bool>>,
    /// The detail's content.
    pub view: Cell<T>,
}

impl<T> Clone for Detail<T> {
    fn clone(&self) -> Self {
        Detail {
            group_class: self.group_class,
            row_class: self.row_class,
            id: self.id,
            open: Arc::clone(&self.open),
            view: Arc::clone(&self.view),
        }
    }
}

/// The search box of a list: its accessible name and placeholder.
#[derive(Debug, Clone, Copy)]
pub struct Search {
    /// Accessible name (搜索客户).
    pub label: Signal<String>,
    /// Placeholder (请输入…进行搜索).
    pub placeholder: Signal<String>,
}

/// Rows once loaded: the loading skeleton, the error with 重试, 暂无数据, or `rows` with the pager
/// under them (for `Page` data; needs `base`).
#[component]
pub fn ListBody<T, D>(
    /// The rows.
    data: LocalResource<Result<D, LoadError>>,
    /// Path of the list page (for the pager's links).
    #[prop(default = None)]
    base: Option<&'static str>,
    /// Lines of the loading skeleton.
    #[prop(default = 6)]
    skeleton: usize,
    /// Put 暂无数据 in a box and leave the pager out when there are no rows (card lists).
    #[prop(optional)]
    empty_boxed: bool,
    /// Draws the loaded rows.
    rows: Arc<dyn Fn(Vec<T>) -> AnyView + Send + Sync>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    D: TableData<T> + Clone + 'static,
{
    let state = use_list_state();
    let retry = Callback::new(move |()| data.refetch());
    view! {
        <Transition fallback=move || view! { <LinesSkeleton lines=skeleton /> }>
            {
                let rows = Arc::clone(&rows);
                move || {
                    let rows = Arc::clone(&rows);
                    Suspend::new(async move {
                        match data.await {
                            Ok(loaded) => {
                                let (items, paged) = loaded.into_rows();
                                let empty = items.is_empty();
                                let body = match (empty, empty_boxed) {
                                    (true, true) => return view! { <div class="box"><EmptyState /></div> }.into_any(),
                                    (true, false) => view! { <EmptyState /> }.into_any(),
                                    (false, _) => rows(items),
                                };
                                let footer = paged.zip(base).map(|((total, pages), base)| {
                                    view! { <ListFooter base state total pages /> }
                                });
                                view! { {body} {footer} }.into_any()
                            }
                            Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                        }
                    })
                }
            }
        </Transition>
    }
}

/// A data table over loaded rows, in a `box list-box` section with its toolbar (see the module).
#[component]
pub fn DataTable<T, D>(
    /// The rows (a `Vec` or a `Page`).
    data: LocalResource<Result<D, LoadError>>,
    /// The columns, in order.
    columns: Vec<Column<T>>,
    /// Accessible name of the table (客户列表).
    label: Signal<String>,
    /// Path of the list page: the search box and the pager link to it.
    #[prop(optional)]
    base: Option<&'static str>,
    /// The search box (needs `base`).
    #[prop(optional)]
    search: Option<Search>,
    /// Row selection.
    #[prop(optional)]
    select: Option<Selectable<T>>,
    /// Buttons acting on the selected rows (need `select`).
    #[prop(optional)]
    bulk: Vec<BulkAction>,
    /// Disables the bulk buttons while true (a bulk action running).
    #[prop(optional, into)]
    bulk_busy: Option<Signal<bool>>,
    /// More toolbar content after the search box (filters, hints).
    #[prop(optional, into)]
    toolbar: Option<ViewFn>,
    /// Buttons and links after the bulk actions (添加).
    #[prop(optional, into)]
    actions: Option<ViewFn>,
    /// Aligns the toolbar to the right.
    #[prop(optional)]
    toolbar_right: bool,
    /// A heading inside the box: its element id (names the section) and text.
    #[prop(optional)]
    heading: Option<(&'static str, Signal<String>)>,
    /// Leaves out the `box list-box` section (the table sits in the page's own box).
    #[prop(optional)]
    unboxed: bool,
    /// Hover highlight of rows.
    #[prop(optional)]
    hoverable: bool,
    /// Extra classes of the `<table>`.
    #[prop(optional)]
    class: &'static str,
    /// Expandable rows.
    #[prop(optional)]
    detail: Option<Detail<T>>,
    /// Lines of the loading skeleton.
    #[prop(default = 6)]
    skeleton: usize,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    D: TableData<T> + Clone + 'static,
{
    let state = use_list_state();
    let search = search.zip(base).map(|(search, base)| {
        view! { <SearchBar base state label=search.label placeholder=search.placeholder /> }
    });
    let selection = select.as_ref().map(|s| s.selection);
    let buttons = bulk_bar(bulk, selection, bulk_busy, actions);
    let has_toolbar = search.is_some() || toolbar.is_some() || buttons.is_some();
    let toolbar = has_toolbar.then(|| {
        view! {
            <div class="list-toolbar" class=("is-right", toolbar_right)>
                {search}
                {toolbar.map(|t| t.run())}
                {buttons}
            </div>
        }
    });
    let table_class = format!(
        "table is-fullwidth{} data-table{}{class}",
        if hoverable { " is-hoverable" } else { "" },
        if class.is_empty() { "" } else { " " }
    );
    let rows = table_rows(columns, select, detail, label, table_class);
    let list = view! {
        {toolbar}
        <ListBody data base skeleton rows />
    };
    if unboxed {
        list.into_any()
    } else {
        match heading {
            Some((id, text)) => view! {
                <section class="box list-box" aria-labelledby=id>
                    <h2 id=id class="title is-6">{move || text.get()}</h2>
                    {list}
                </section>
            }
            .into_any(),
            None => view! { <section class="box list-box">{list}</section> }.into_any(),
        }
    }
}

/// The bulk-action buttons and the extra actions, in one `buttons` group.
fn bulk_bar(
    bulk: Vec<BulkAction>,
    selection: Option<Selection>,
    busy: Option<Signal<bool>>,
    actions: Option<ViewFn>,
) -> Option<impl IntoView> {
    let buttons = bulk
        .into_iter()
        .map(|action| {
            let disabled =
                move || selection.is_none_or(|s| s.ids.with(Vec::is_empty)) || busy.is_some_and(|b| b.get());
            let run = action.run;
            view! {
                <button
                    type="button"
                    class=action.class
                    disabled=disabled
                    on:click=move |_| {
                        let ids = selection.map(|s| s.ids.get_untracked()).unwrap_or_default();
                        if !ids.is_empty() {
                            run.run(ids);
                        }
                    }
                >
                    {move || action.label.get()}
                </button>
            }
        })
        .collect::<Vec<_>>();
    (!buttons.is_empty() || actions.is_some())
        .then(|| view! { <div class="buttons">{buttons} {actions.map(|a| a.run())}</div> })
}

/// Draws loaded rows as the table: head, one row per item (or a `<tbody>` per item with its
/// detail row).
fn table_rows<T: Send + Sync + 'static>(
    columns: Vec<Column<T>>,
    select: Option<Selectable<T>>,
    detail: Option<Detail<T>>,
    label: Signal<String>,
    class: String,
) -> Arc<dyn Fn(Vec<T>) -> AnyView + Send + Sync> {
    Arc::new(move |items: Vec<T>| {
        if let Some(select) = &select {
            select.selection.reset(items.iter().map(select.id).collect());
        }
        let head = select.as_ref().map(|s| {
            view! {
                <th class="check-cell">
                    <SelectAll selection=s.selection label=s.all_label />
                </th>
            }
        });
        let headers = columns
            .iter()
            .map(|c| {
                let header = c.header;
                view! { <th>{move || header.get()}</th> }
            })
            .collect_view();
        let row = |item: &T| {
            let check = select.as_ref().map(|s| {
                view! {
                    <td class="check-cell">
                        <SelectRow selection=s.selection id=(s.id)(item) label=(s.label)(item) />
                    </td>
                }
            });
            let cells = columns
                .iter()
                .map(|c| view! { <td class=c.class>{(c.cell)(item)}</td> })
                .collect_view();
            view! { <tr>{check} {cells}</tr> }
        };
        let body = match &detail {
            None => view! { <tbody>{items.iter().map(row).collect_view()}</tbody> }.into_any(),
            Some(detail) => {
                let span = columns.len() + usize::from(select.is_some());
                items
                    .iter()
                    .map(|item| {
                        let open = (detail.open)(item);
                        view! {
                            <tbody class=detail.group_class>
                                {row(item)}
                                <tr class=detail.row_class id=(detail.id)(item) hidden=move || !open.get()>
                                    <td colspan=span>{(detail.view)(item)}</td>
                                </tr>
                            </tbody>
                        }
                    })
                    .collect_view()
                    .into_any()
            }
        };
        view! {
            <div class="table-container">
                <table class=class.clone() aria-label=move || label.get()>
                    <thead>
                        <tr>{head} {headers}</tr>
                    </thead>
                    {body}
                </table>
            </div>
        }
        .into_any()
    })
}

//! 我的客户 (§6.3.1): search, a table with checkboxes (公司 姓名 邮箱 电话 地址 操作), 删除 for the
//! selected rows (with confirmation), 添加, and paging at 15 条/页.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_types::customers::CustomerQuery;

use crate::api::LoadError;
use crate::components::confirm::{Confirm, asker};
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::listing::{
    ListFooter, PER_PAGE, SearchBar, SelectAll, SelectRow, Selection, use_list_state,
};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::failure_text;
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const BASE: &str = "/account/customers";

/// The customer list page.
#[component]
pub fn CustomersPage() -> impl IntoView {
    view! {
        <Guard need=Need::Company("manage_customers")>
            <CustomerList />
        </Guard>
    }
}

#[component]
fn CustomerList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let selection = Selection::new();
    let customers = LocalResource::new(move || {
        let state = state.get();
        async move {
            let query = CustomerQuery {
                page: Some(state.page),
                per_page: Some(PER_PAGE),
                q: state.q,
            };
            let page = session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_customers(&query).await }
                })
                .await
                .map_err(LoadError::from)?;
            selection.reset(page.items.iter().map(|c| c.id).collect());
            Ok::<_, LoadError>(page)
        }
    });
    let retry = Callback::new(move |()| customers.refetch());
    let ask = asker();
    let delete_selected = move |_| {
        let ids = selection.ids.get_untracked();
        if ids.is_empty() {
            return;
        }
        ask(Confirm {
            message: t_string!(i18n, confirm.delete_text).to_string(),
            action: t_string!(i18n, confirm.delete).to_string(),
            danger: true,
            run: Callback::new(move |()| {
                let ids = ids.clone();
                spawn_local(async move {
                    let result = session
                        .call(|api| {
                            let ids = ids.clone();
                            async move { api.bulk_delete_customers(&ids).await }
                        })
                        .await;
                    match result {
                        Ok(affected) => {
                            let count = affected.count;
                            session.notify(
                                NoticeKind::Success,
                                t_string!(i18n, customers.deleted, count).to_string(),
                            );
                            customers.refetch();
                        }
                        Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                    }
                });
            }),
        });
    };

    view! {
        <PageHead title=ts!(customers.title) />
        <section class="box list-box" aria-labelledby="customers-list">
            <h2 id="customers-list" class="title is-6">{tr!(customers.list)}</h2>
            <div class="list-toolbar">
                <SearchBar base=BASE state label=ts!(customers.search_label) placeholder=ts!(customers.search) />
                <div class="buttons">
                    <button
                        type="button"
                        class="button is-danger is-outlined"
                        disabled=move || selection.ids.with(Vec::is_empty)
                        on:click=delete_selected
                    >
                        {tr!(customers.delete)}
                    </button>
                    <A href="/account/customers/new" attr:class="button is-link">{tr!(customers.add)}</A>
                </div>
            </div>
            <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match customers.await {
                        Ok(page) => {
                            let (total, pages) = (page.total, page.page_count());
                            let body = if page.items.is_empty() {
                                view! { <EmptyState /> }.into_any()
                            } else {
                                view! {
                                    <div class="table-container">
                                        <table class="table is-fullwidth is-hoverable data-table" aria-label=tr!(customers.table)>
                                            <thead>
                                                <tr>
                                                    <th class="check-cell">
                                                        <SelectAll selection label=ts!(customers.select_all) />
                                                    </th>
                                                    <th>{tr!(customers.company)}</th>
                                                    <th>{tr!(customers.name)}</th>
                                                    <th>{tr!(customers.email)}</th>
                                                    <th>{tr!(customers.phone)}</th>
                                                    <th>{tr!(customers.address)}</th>
                                                    <th>{tr!(customers.actions)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {page
                                                    .items
                                                    .into_iter()
                                                    .map(|c| {
                                                        let select = t_string!(i18n, customers.select, name = c.name.clone()).to_string();
                                                        let edit = t_string!(i18n, customers.edit_named, name = c.name.clone()).to_string();
                                                        view! {
                                                            <tr>
                                                                <td class="check-cell">
                                                                    <SelectRow selection id=c.id label=select />
                                                                </td>
                                                                <td>{c.company_name}</td>
                                                                <td>{c.name}</td>
                                                                <td>{c.email}</td>
                                                                <td>{c.phone}</td>
                                                                <td class="cell-wrap">{c.address}</td>
                                                                <td>
                                                                    <A href=format!("{BASE}/{}", c.id) attr:aria-label=edit>
                                                                        {tr!(customers.edit)}
                                                                    </A>
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            };
                            view! {
                                {body}
                                <ListFooter base=BASE state total pages />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

//! 经销商管理 (§8 列表): a distributor's resellers — search by name, a table with checkboxes
//! (公司名称 地址 状态 创建日期 操作), 启用 / 禁用 for the selected rows, 添加.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_types::accounts::{CompanyQuery, CompanyStatus};

use crate::api::LoadError;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::listing::{
    ListFooter, PER_PAGE, SearchBar, SelectAll, SelectRow, Selection, use_list_state,
};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::failure_text;
use crate::i18n::{company_status_label, date, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const BASE: &str = "/account/resellers";

/// The reseller list page.
#[component]
pub fn ResellersPage() -> impl IntoView {
    view! {
        <Guard need=Need::Company("manage_resellers")>
            <ResellerList />
        </Guard>
    }
}

#[component]
fn ResellerList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let selection = Selection::new();
    let resellers = LocalResource::new(move || {
        let state = state.get();
        let company_id = session.company().map(|c| c.id).unwrap_or_default();
        async move {
            let query = CompanyQuery {
                page: Some(state.page),
                per_page: Some(PER_PAGE),
                q: state.q,
                status: None,
            };
            let page = session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_resellers(company_id, &query).await }
                })
                .await
                .map_err(LoadError::from)?;
            selection.reset(page.items.iter().map(|c| c.id).collect());
            Ok::<_, LoadError>(page)
        }
    });
    let retry = Callback::new(move |()| resellers.refetch());
    let busy = RwSignal::new(false);
    let set_enabled = move |enabled: bool| {
        let ids = selection.ids.get_untracked();
        if ids.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let mut done = 0_u32;
            let mut failure = None;
            for id in ids {
                match session
                    .call(|api| async move { api.set_company_enabled(id, enabled).await })
                    .await
                {
                    Ok(_) => done += 1,
                    Err(error) => failure = Some(failure_text(i18n, &error)),
                }
            }
            match failure {
                Some(text) => session.notify(NoticeKind::Danger, text),
                None if enabled => session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, resellers.enabled_n, count = done).to_string(),
                ),
                None => session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, resellers.disabled_n, count = done).to_string(),
                ),
            }
            busy.set(false);
            resellers.refetch();
        });
    };
    let none_selected = move || selection.ids.with(Vec::is_empty) || busy.get();

    view! {
        <PageHead title=ts!(resellers.title) />
        <section class="box list-box" aria-labelledby="resellers-list">
            <h2 id="resellers-list" class="title is-6">{tr!(resellers.list)}</h2>
            <div class="list-toolbar">
                <SearchBar base=BASE state label=ts!(resellers.search_label) placeholder=ts!(resellers.search) />
                <div class="buttons">
                    <button type="button" class="button" disabled=none_selected on:click=move |_| set_enabled(true)>
                        {tr!(resellers.enable)}
                    </button>
                    <button type="button" class="button" disabled=none_selected on:click=move |_| set_enabled(false)>
                        {tr!(resellers.disable)}
                    </button>
                    <A href="/account/resellers/new" attr:class="button is-link">{tr!(resellers.add)}</A>
                </div>
            </div>
            <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match resellers.await {
                        Ok(page) => {
                            let (total, pages) = (page.total, page.page_count());
                            let body = if page.items.is_empty() {
                                view! { <EmptyState /> }.into_any()
                            } else {
                                view! {
                                    <div class="table-container">
                                        <table class="table is-fullwidth is-hoverable data-table" aria-label=tr!(resellers.table)>
                                            <thead>
                                                <tr>
                                                    <th class="check-cell">
                                                        <SelectAll selection label=ts!(resellers.select_all) />
                                                    </th>
                                                    <th>{tr!(resellers.name)}</th>
                                                    <th>{tr!(resellers.address)}</th>
                                                    <th>{tr!(resellers.status)}</th>
                                                    <th>{tr!(resellers.created)}</th>
                                                    <th>{tr!(resellers.actions)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {page
                                                    .items
                                                    .into_iter()
                                                    .map(|c| {
                                                        let select = t_string!(i18n, resellers.select, name = c.name.clone()).to_string();
                                                        let edit = t_string!(i18n, resellers.edit_named, name = c.name.clone()).to_string();
                                                        let status = c.status;
                                                        let locked = c.locked_by_operator;
                                                        view! {
                                                            <tr>
                                                                <td class="check-cell">
                                                                    <SelectRow selection id=c.id label=select />
                                                                </td>
                                                                <td>{c.name}</td>
                                                                <td class="cell-wrap">{c.address}</td>
                                                                <td>
                                                                    <span class=if status == CompanyStatus::Active { "tag is-success is-light" } else { "tag is-light" }>
                                                                        {move || company_status_label(i18n, status)}
                                                                    </span>
                                                                    {locked.then(|| view! { <span class="tag is-warning is-light">{tr!(resellers.locked_by_operator)}</span> })}
                                                                </td>
                                                                <td>{date(c.created_at)}</td>
                                                                <td>
                                                                    <A href=format!("{BASE}/{}", c.id) attr:aria-label=edit>
                                                                        {tr!(resellers.edit)}
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

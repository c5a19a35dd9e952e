//! 经销商管理 (§8 列表): a distributor's resellers — search by name, a table with checkboxes
//! (公司名称 地址 状态 创建日期 操作), 启用 / 禁用 for the selected rows, 添加.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_types::accounts::{Company, CompanyQuery, CompanyStatus};

use crate::api::LoadError;
use crate::components::data_table::{BulkAction, Column, DataTable, Search, Selectable};
use crate::components::listing::{PER_PAGE, Selection, use_list_state};
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
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_resellers(company_id, &query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let busy = RwSignal::new(false);
    let set_enabled = move |ids: Vec<i64>, enabled: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let mut done = 0_u32;
            let mut failure = None;
            for id in ids {
                match session
                    .call(|api| async move {
                        if enabled {
                            api.enable_company(id).await
                        } else {
                            api.disable_company(id).await
                        }
                    })
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
    let columns = vec![
        Column::new(ts!(resellers.name), |c: &Company| c.name.clone()),
        Column::new(ts!(resellers.address), |c: &Company| c.address.clone()).class("cell-wrap"),
        Column::new(ts!(resellers.status), move |c: &Company| {
            let status = c.status;
            view! {
                <span class=if status == CompanyStatus::Active { "tag is-success is-light" } else { "tag is-light" }>
                    {move || company_status_label(i18n, status)}
                </span>
                {c.locked_by_operator.then(|| view! { <span class="tag is-warning is-light">{tr!(resellers.locked_by_operator)}</span> })}
            }
        }),
        Column::new(ts!(resellers.created), |c: &Company| date(c.created_at)),
        Column::new(ts!(resellers.actions), move |c: &Company| {
            let edit = t_string!(i18n, resellers.edit_named, name = c.name.clone()).to_string();
            view! {
                <A href=format!("{BASE}/{}", c.id) attr:aria-label=edit>
                    {tr!(resellers.edit)}
                </A>
            }
        }),
    ];
    let select = Selectable {
        selection,
        all_label: ts!(resellers.select_all),
        id: |c: &Company| c.id,
        label: Arc::new(move |c: &Company| {
            t_string!(i18n, resellers.select, name = c.name.clone()).to_string()
        }),
    };
    let bulk = vec![
        BulkAction {
            label: ts!(resellers.enable),
            class: "button",
            run: Callback::new(move |ids| set_enabled(ids, true)),
        },
        BulkAction {
            label: ts!(resellers.disable),
            class: "button",
            run: Callback::new(move |ids| set_enabled(ids, false)),
        },
    ];

    view! {
        <PageHead title=ts!(resellers.title) />
        <DataTable
            data=resellers
            columns
            label=ts!(resellers.table)
            base=BASE
            hoverable=true
            heading=("resellers-list", ts!(resellers.list))
            search=Search { label: ts!(resellers.search_label), placeholder: ts!(resellers.search) }
            select
            bulk
            bulk_busy=busy
            actions=|| view! { <A href="/account/resellers/new" attr:class="button is-link">{tr!(resellers.add)}</A> }
        />
    }
}

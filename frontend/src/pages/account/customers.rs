//! 我的客户 (§6.3.1): search, a table with checkboxes (公司 姓名 邮箱 电话 地址 操作), 删除 for the
//! selected rows (with confirmation), 添加, and paging at 15 条/页.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_types::customers::{Customer, CustomerQuery};

use crate::api::LoadError;
use crate::components::confirm::{Confirm, asker};
use crate::components::data_table::{BulkAction, Column, DataTable, Search, Selectable};
use crate::components::listing::{PER_PAGE, Selection, use_list_state};
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
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_customers(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let ask = asker();
    let delete_selected = Callback::new(move |ids: Vec<i64>| {
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
    });
    let columns = vec![
        Column::new(ts!(customers.company), |c: &Customer| c.company_name.clone()),
        Column::new(ts!(customers.name), |c: &Customer| c.name.clone()),
        Column::new(ts!(customers.email), |c: &Customer| c.email.clone()),
        Column::new(ts!(customers.phone), |c: &Customer| c.phone.clone()),
        Column::new(ts!(customers.address), |c: &Customer| c.address.clone()).class("cell-wrap"),
        Column::new(ts!(customers.actions), move |c: &Customer| {
            let edit = t_string!(i18n, customers.edit_named, name = c.name.clone()).to_string();
            view! {
                <A href=format!("{BASE}/{}", c.id) attr:aria-label=edit>
                    {tr!(customers.edit)}
                </A>
            }
        }),
    ];
    let select = Selectable {
        selection,
        all_label: ts!(customers.select_all),
        id: |c: &Customer| c.id,
        label: Arc::new(move |c: &Customer| {
            t_string!(i18n, customers.select, name = c.name.clone()).to_string()
        }),
    };
    let bulk = vec![BulkAction {
        label: ts!(customers.delete),
        class: "button is-danger is-outlined",
        run: delete_selected,
    }];

    view! {
        <PageHead title=ts!(customers.title) />
        <DataTable
            data=customers
            columns
            label=ts!(customers.table)
            base=BASE
            hoverable=true
            heading=("customers-list", ts!(customers.list))
            search=Search { label: ts!(customers.search_label), placeholder: ts!(customers.search) }
            select
            bulk
            actions=|| view! { <A href="/account/customers/new" attr:class="button is-link">{tr!(customers.add)}</A> }
        />
    }
}

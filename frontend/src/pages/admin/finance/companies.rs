//! Every partner company's assets at a glance (`/admin/finance`): 可抵扣优惠金额, 未使用优惠券,
//! 授信总额, 可用余额, 待还款 and the on-hold mark; each company links to its finance page.

use leptos::prelude::*;
use rc_types::assets::finance::{CompanyAssets, CompanyAssetsQuery};

use super::{COMPANIES, NEED, company_link};
use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable, Search};
use crate::components::listing::{PER_PAGE, use_list_state};
use crate::i18n::{kind_label, use_i18n};
use crate::pages::account::assets::money;
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The company list.
#[component]
pub fn FinanceCompaniesPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <FinanceCompaniesView />
        </Guard>
    }
}

/// The page's content, for a user the guard let in (its requests start only then).
#[component]
fn FinanceCompaniesView() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let list = LocalResource::new(move || {
        let state = state.get();
        async move {
            let query = CompanyAssetsQuery {
                q: state.q,
                page: Some(state.page),
                per_page: Some(PER_PAGE),
            };
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_finance_companies(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let columns = vec![
        Column::new(ts!(finance.company), |c: &CompanyAssets| {
            company_link(c.company_id, c.company_name.clone())
        })
        .class("cell-wrap"),
        Column::new(ts!(finance.kind), move |c: &CompanyAssets| {
            let kind = c.kind;
            move || kind_label(i18n, kind)
        }),
        Column::new(ts!(center.rebate), |c: &CompanyAssets| money(&c.rebate_balance)),
        Column::new(ts!(finance.coupons_unused), |c: &CompanyAssets| c.coupons_unused),
        Column::new(ts!(assets.limit), |c: &CompanyAssets| money(&c.credit_limit)),
        Column::new(ts!(assets.credit_available), |c: &CompanyAssets| {
            money(&c.credit_available)
        }),
        Column::new(ts!(assets.outstanding), |c: &CompanyAssets| {
            let hold = c
                .credit_on_hold
                .then(|| view! { " "<span class="tag is-danger is-light">{tr!(finance.on_hold)}</span> });
            view! { {money(&c.credit_outstanding)}{hold} }
        })
        .class("nowrap"),
    ];
    view! {
                    <PageHead title=ts!(finance.companies_title) />
            <DataTable
                data=list
                columns=columns.clone()
                label=ts!(finance.companies_table)
                base=COMPANIES
                hoverable=true
                search=Search { label: ts!(finance.search_label), placeholder: ts!(finance.search) }
            />


    }
}

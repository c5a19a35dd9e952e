//! 公司管理 (operator): every partner company — search, status filter, type, parent distributor,
//! and 启用 / 禁用.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_types::accounts::{Company, CompanyQuery, CompanyStatus};

use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable, Search};
use crate::components::listing::{PER_PAGE, StatusSelect, use_list_state};
use crate::forms::failure_text;
use crate::i18n::{company_status_label, date, kind_label, t_string, tier_label, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const BASE: &str = "/admin/companies";
/// Status filter values, in menu order.
const STATUSES: [(&str, CompanyStatus); 4] = [
    ("pending", CompanyStatus::Pending),
    ("active", CompanyStatus::Active),
    ("rejected", CompanyStatus::Rejected),
    ("disabled", CompanyStatus::Disabled),
];

/// The status a URL value filters by.
pub fn parse_status(value: Option<&str>) -> Option<CompanyStatus> {
    STATUSES
        .iter()
        .find(|(name, _)| Some(*name) == value)
        .map(|(_, status)| *status)
}

/// The company list page.
#[component]
pub fn CompaniesPage() -> impl IntoView {
    view! {
        <Guard need=Need::Staff("manage_all_companies")>
            <PageHead title=ts!(companies.title) />
            <CompanyList />
        </Guard>
    }
}

#[component]
fn CompanyList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let companies = LocalResource::new(move || {
        let state = state.get();
        async move {
            let query = CompanyQuery {
                page: Some(state.page),
                per_page: Some(PER_PAGE),
                q: state.q,
                status: parse_status(state.status.as_deref()),
            };
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_all_companies(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let toggle = move |company: Company, enabled: bool| {
        spawn_local(async move {
            let id = company.id;
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
                Ok(_) => {
                    let name = company.name;
                    let text = if enabled {
                        t_string!(i18n, companies.enabled, name).to_string()
                    } else {
                        t_string!(i18n, companies.disabled, name).to_string()
                    };
                    session.notify(NoticeKind::Success, text);
                    companies.refetch();
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    let action = move |company: &Company| {
        let enable = match company.status {
            CompanyStatus::Active => false,
            CompanyStatus::Disabled => true,
            _ => return None,
        };
        let (target, name) = (company.clone(), company.name.clone());
        Some(view! {
            <button
                type="button"
                class="button is-small"
                aria-label=move || {
                    if enable {
                        t_string!(i18n, companies.enable_named, name = name.clone()).to_string()
                    } else {
                        t_string!(i18n, companies.disable_named, name = name.clone()).to_string()
                    }
                }
                on:click=move |_| toggle(target.clone(), enable)
            >
                {move || if enable { t_string!(i18n, companies.enable) } else { t_string!(i18n, companies.disable) }}
            </button>
        })
    };
    let columns = vec![
        Column::new(ts!(companies.name), |c: &Company| c.name.clone()),
        Column::new(ts!(companies.kind), move |c: &Company| {
            let kind = c.kind;
            move || kind.map_or("—", |k| kind_label(i18n, k))
        }),
        Column::new(ts!(companies.parent), |c: &Company| {
            c.parent
                .as_ref()
                .map_or_else(|| "—".to_owned(), |p| p.name.clone())
        }),
        Column::new(ts!(companies.status), move |c: &Company| {
            let status = c.status;
            view! {
                <span class=if status == CompanyStatus::Active { "tag is-success is-light" } else { "tag is-light" }>
                    {move || company_status_label(i18n, status)}
                </span>
                {c.locked_by_operator.then(|| view! { <span class="tag is-warning is-light">{tr!(companies.locked_by_operator)}</span> })}
            }
        }),
        Column::new(ts!(companies.tier), move |c: &Company| {
            let tier = c.tier;
            move || tier_label(i18n, tier)
        }),
        Column::new(ts!(companies.manager), |c: &Company| {
            c.account_manager
                .as_ref()
                .map_or_else(|| "—".to_owned(), |m| m.name.clone())
        }),
        Column::new(ts!(companies.created), |c: &Company| date(c.created_at)),
        Column::new(ts!(companies.actions), action),
    ];
    let options = STATUSES
        .into_iter()
        .map(|(value, status)| {
            (
                value,
                Signal::derive(move || company_status_label(i18n, status).to_owned()),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <DataTable
            data=companies
            columns
            label=ts!(companies.table)
            base=BASE
            hoverable=true
            search=Search { label: ts!(companies.search_label), placeholder: ts!(companies.search) }
            toolbar=move || view! {
                <StatusSelect base=BASE state id="status-filter" label=ts!(companies.status_filter) all=ts!(companies.all) options=options.clone() />
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_filter_values() {
        assert_eq!(parse_status(Some("disabled")), Some(CompanyStatus::Disabled));
        assert_eq!(parse_status(Some("")), None);
        assert_eq!(parse_status(None), None);
    }
}

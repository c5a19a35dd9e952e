//! 公司管理 (operator): every partner company — search, status filter, type, parent distributor,
//! and 启用 / 禁用.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use rc_types::accounts::{Company, CompanyQuery, CompanyStatus};

use crate::api::LoadError;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::listing::{ListFooter, ListState, PER_PAGE, SearchBar, use_list_state};
use crate::components::skeleton::LinesSkeleton;
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
    let navigate = use_navigate();
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
    let retry = Callback::new(move |()| companies.refetch());
    let on_status = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let next = ListState {
            status: (!value.is_empty()).then_some(value),
            page: 1,
            ..state.get_untracked()
        };
        navigate(&next.to_url(BASE), NavigateOptions::default());
    };
    let toggle = move |company: Company, enabled: bool| {
        spawn_local(async move {
            let id = company.id;
            match session
                .call(|api| async move { api.set_company_enabled(id, enabled).await })
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

    let row = move |company: Company| {
        let status = company.status;
        let kind = company.kind;
        let tier = company.tier;
        let action = match status {
            CompanyStatus::Active => Some(false),
            CompanyStatus::Disabled => Some(true),
            _ => None,
        };
        let target = company.clone();
        let name = company.name.clone();
        view! {
            <tr>
                <td>{company.name.clone()}</td>
                <td>{move || kind.map_or("—", |k| kind_label(i18n, k))}</td>
                <td>{company.parent.map_or_else(|| "—".to_owned(), |p| p.name)}</td>
                <td>
                    <span class=if status == CompanyStatus::Active { "tag is-success is-light" } else { "tag is-light" }>
                        {move || company_status_label(i18n, status)}
                    </span>
                    {company.locked_by_operator.then(|| view! { <span class="tag is-warning is-light">{tr!(companies.locked_by_operator)}</span> })}
                </td>
                <td>{move || tier_label(i18n, tier)}</td>
                <td>{company.account_manager.map_or_else(|| "—".to_owned(), |m| m.name)}</td>
                <td>{date(company.created_at)}</td>
                <td>
                    {action.map(|enable| {
                        let target = target.clone();
                        let name = name.clone();
                        view! {
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
                        }
                    })}
                </td>
            </tr>
        }
    };

    view! {
        <section class="box list-box">
            <div class="list-toolbar">
                <SearchBar base=BASE state label=ts!(companies.search_label) placeholder=ts!(companies.search) />
                <div class="field is-horizontal status-filter">
                    <label class="label" for="status-filter">{tr!(companies.status_filter)}</label>
                    <div class="select">
                        <select id="status-filter" prop:value=move || state.read().status.clone().unwrap_or_default() on:change=on_status>
                            <option value="">{tr!(companies.all)}</option>
                            {STATUSES
                                .into_iter()
                                .map(|(value, status)| view! {
                                    <option value=value selected=move || state.read().status.as_deref() == Some(value)>
                                        {move || company_status_label(i18n, status)}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
            </div>
            <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match companies.await {
                        Ok(page) => {
                            let (total, pages) = (page.total, page.page_count());
                            let body = if page.items.is_empty() {
                                view! { <EmptyState /> }.into_any()
                            } else {
                                view! {
                                    <div class="table-container">
                                        <table class="table is-fullwidth is-hoverable data-table" aria-label=tr!(companies.table)>
                                            <thead>
                                                <tr>
                                                    <th>{tr!(companies.name)}</th>
                                                    <th>{tr!(companies.kind)}</th>
                                                    <th>{tr!(companies.parent)}</th>
                                                    <th>{tr!(companies.status)}</th>
                                                    <th>{tr!(companies.tier)}</th>
                                                    <th>{tr!(companies.manager)}</th>
                                                    <th>{tr!(companies.created)}</th>
                                                    <th>{tr!(companies.actions)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>{page.items.into_iter().map(row).collect_view()}</tbody>
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

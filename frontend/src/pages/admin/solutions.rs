//! 解决方案管理 (operator, `manage_catalog`): every solution, drafts included, with search and a
//! state filter (`/admin/solutions?q=…&status=draft|published`), publish / unpublish, and the
//! editor (`/admin/solutions/new`, `/admin/solutions/:id`, in [`editor`]) for every field of
//! `SolutionInput`: plans, features, success cases, resources, support contacts, the agreement
//! (markdown) and the logo.

mod editor;
mod sections;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_types::catalog::{AdminSolutionQuery, AdminSolutionRow, PublishState};

pub use editor::SolutionEditorPage;

use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable, Search};
use crate::components::listing::{PER_PAGE, StatusSelect, use_list_state};
use crate::forms::failure_text;
use crate::i18n::{category_label, datetime, publish_state_label, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const BASE: &str = "/admin/solutions";
/// What the pages need.
pub const NEED: Need = Need::Staff("manage_catalog");

/// State filter values.
const STATES: [(&str, PublishState); 2] = [
    ("draft", PublishState::Draft),
    ("published", PublishState::Published),
];

/// The state a URL value filters by.
pub fn parse_state(value: Option<&str>) -> Option<PublishState> {
    STATES
        .iter()
        .find(|(name, _)| Some(*name) == value)
        .map(|(_, s)| *s)
}

/// A tag for a publication state.
#[component]
pub fn StateTag(
    /// State.
    state: PublishState,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = if state == PublishState::Published {
        "tag is-success is-light"
    } else {
        "tag is-light"
    };
    view! { <span class=class>{move || publish_state_label(i18n, state)}</span> }
}

/// The list page.
#[component]
pub fn AdminSolutionsPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(admin_solutions.title)>
                <A href="/admin/solutions/new" attr:class="button is-link">{tr!(admin_solutions.add)}</A>
            </PageHead>
            <SolutionList />
        </Guard>
    }
}

#[component]
fn SolutionList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let rows = LocalResource::new(move || {
        let state = state.get();
        async move {
            let query = AdminSolutionQuery {
                page: Some(state.page),
                per_page: Some(PER_PAGE),
                q: state.q,
                state: parse_state(state.status.as_deref()),
            };
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_admin_solutions(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let toggle = move |id: i64, name: String, publish: bool| {
        spawn_local(async move {
            match session
                .call(|api| async move {
                    if publish {
                        api.publish_solution(id).await
                    } else {
                        api.unpublish_solution(id).await
                    }
                })
                .await
            {
                Ok(_) => {
                    let text = if publish {
                        t_string!(i18n, admin_solutions.published, name).to_string()
                    } else {
                        t_string!(i18n, admin_solutions.unpublished, name).to_string()
                    };
                    session.notify(NoticeKind::Success, text);
                    rows.refetch();
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    let actions = move |item: &AdminSolutionRow| {
        let published = item.state == PublishState::Published;
        let (id, name, label_name) = (item.id, item.name.clone(), item.name.clone());
        view! {
            <div class="row-actions">
                <A href=format!("{BASE}/{id}") attr:class="button is-small">{tr!(admin_solutions.edit)}</A>
                <button
                    type="button"
                    class="button is-small"
                    class=("is-link", !published)
                    aria-label=move || {
                        if published {
                            t_string!(i18n, admin_solutions.unpublish_named, name = label_name.clone()).to_string()
                        } else {
                            t_string!(i18n, admin_solutions.publish_named, name = label_name.clone()).to_string()
                        }
                    }
                    on:click=move |_| toggle(id, name.clone(), !published)
                >
                    {move || if published { t_string!(i18n, admin_solutions.unpublish) } else { t_string!(i18n, admin_solutions.publish) }}
                </button>
                {published.then(|| view! {
                    <a class="button is-small is-text" href=format!("/solutions/{id}")>{tr!(admin_solutions.view)}</a>
                })}
            </div>
        }
    };
    let columns = vec![
        Column::new(ts!(admin_solutions.name), |s: &AdminSolutionRow| {
            let (href, name) = (format!("{BASE}/{}", s.id), s.name.clone());
            view! { <A href>{name}</A> }
        })
        .class("cell-wrap"),
        Column::new(ts!(admin_solutions.vendor), |s: &AdminSolutionRow| {
            s.vendor.clone()
        }),
        Column::new(ts!(admin_solutions.category), move |s: &AdminSolutionRow| {
            let category = s.category;
            move || category_label(i18n, Some(category))
        })
        .class("nowrap"),
        Column::new(ts!(admin_solutions.price), |s: &AdminSolutionRow| {
            s.price_from.display_short()
        })
        .class("nowrap"),
        Column::new(ts!(admin_solutions.plans), |s: &AdminSolutionRow| s.plan_count),
        Column::new(
            ts!(admin_solutions.state),
            |s: &AdminSolutionRow| view! { <StateTag state=s.state /> },
        ),
        Column::new(ts!(admin_solutions.updated), |s: &AdminSolutionRow| {
            datetime(s.updated_at)
        })
        .class("nowrap"),
        Column::new(ts!(admin_solutions.actions), actions),
    ];
    let options = STATES
        .into_iter()
        .map(|(value, s)| {
            (
                value,
                Signal::derive(move || publish_state_label(i18n, s).to_owned()),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <DataTable
            data=rows
            columns
            label=ts!(admin_solutions.table)
            base=BASE
            hoverable=true
            search=Search { label: ts!(admin_solutions.search_label), placeholder: ts!(admin_solutions.search) }
            toolbar=move || view! {
                <StatusSelect base=BASE state id="state-filter" label=ts!(admin_solutions.state) all=ts!(tickets.all) options=options.clone() />
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_filter_values() {
        assert_eq!(parse_state(Some("draft")), Some(PublishState::Draft));
        assert_eq!(parse_state(Some("published")), Some(PublishState::Published));
        assert_eq!(parse_state(Some("x")), None);
    }
}

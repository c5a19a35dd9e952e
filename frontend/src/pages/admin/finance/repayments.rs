//! 还款审核 (`/admin/finance/repayments`): the companies' offline repayments by status (待确认 /
//! 已确认 / 已驳回), with 确认 (the available amount comes back) and 驳回 with a reason.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use rc_types::assets::credit::{RejectRepaymentInput, RepaymentStatus};
use rc_types::assets::finance::{QueuedRepayment, RepaymentQueueQuery};

use super::{NEED, ReasonField, company_link};
use crate::api::LoadError;
use crate::components::confirm::{Confirm, asker};
use crate::components::data_table::{Column, DataTable};
use crate::components::editor::{Editing, EditorDialog, EditorForm};
use crate::components::listing::{ListState, PER_PAGE, use_list_state};
use crate::components::tabs::Tabs;
use crate::forms::failure_text;
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::assets::bills::repayment_columns;
use crate::pages::account::assets::errors::AssetForm;
use crate::pages::account::assets::labels::repayment_status;
use crate::pages::account::assets::money;
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const BASE: &str = "/admin/finance/repayments";
/// The status tabs: URL value, status (待确认 first, the default).
const TABS: [(&str, RepaymentStatus); 3] = [
    ("pending", RepaymentStatus::Pending),
    ("confirmed", RepaymentStatus::Confirmed),
    ("rejected", RepaymentStatus::Rejected),
];

/// The tab a URL value selects (待确认 by default).
pub fn tab_of(value: Option<&str>) -> usize {
    TABS.iter()
        .position(|(name, _)| Some(*name) == value)
        .unwrap_or(0)
}

/// The queue page.
#[component]
pub fn RepaymentsPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(finance.repayments_title) />
            <RepaymentQueue />
        </Guard>
    }
}

#[component]
fn RepaymentQueue() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let navigate = use_navigate();
    let tab = Memo::new(move |_| tab_of(state.read().status.as_deref()));
    let list = LocalResource::new(move || {
        let (status, page) = (TABS[tab.get()].1, state.get().page);
        async move {
            let query = RepaymentQueueQuery {
                status: Some(status),
                page: Some(page),
                per_page: Some(PER_PAGE),
            };
            session
                .call(|api| async move { api.list_repayments(&query).await })
                .await
                .map_err(LoadError::from)
        }
    });
    let rejecting = Editing::<QueuedRepayment>::new();
    let rejected = Callback::new(move |()| {
        rejecting.close();
        list.refetch();
    });
    let ask = asker();
    let approve = move |row: QueuedRepayment| {
        let id = row.repayment.id;
        let amount = money(&row.repayment.amount);
        ask(Confirm {
            message: t_string!(
                i18n,
                finance.confirm_text,
                company = row.company_name.clone(),
                amount
            )
            .to_string(),
            action: t_string!(i18n, finance.approve).to_string(),
            danger: false,
            run: Callback::new(move |()| {
                spawn_local(async move {
                    match session
                        .call(|api| async move { api.approve_repayment(id).await })
                        .await
                    {
                        Ok(_) => {
                            session
                                .notify(NoticeKind::Success, t_string!(i18n, finance.approved).to_string());
                            list.refetch();
                        }
                        Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                    }
                });
            }),
        });
    };
    let mut columns = vec![Column::new(ts!(finance.company), |r: &QueuedRepayment| {
        company_link(r.company_id, r.company_name.clone())
    })];
    columns.extend(repayment_columns(|r: &QueuedRepayment| &r.repayment));
    columns.push(Column::new(ts!(assets.actions), move |r: &QueuedRepayment| {
        let (confirm, reject) = (r.clone(), r.clone());
        (r.repayment.status == RepaymentStatus::Pending).then(|| {
            view! {
                <div class="row-actions">
                    <button type="button" class="button is-small is-success" on:click=move |_| approve(confirm.clone())>
                        {tr!(finance.approve)}
                    </button>
                    <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| rejecting.edit(Some(reject.clone()))>
                        {tr!(finance.reject)}
                    </button>
                </div>
            }
        })
    }));
    let labels = TABS
        .into_iter()
        .map(|(_, status)| Signal::derive(move || repayment_status(i18n.get_locale(), status).to_owned()))
        .collect();
    let select = Callback::new(move |index: usize| {
        let next = ListState {
            q: None,
            status: (index > 0).then(|| TABS[index].0.to_owned()),
            page: 1,
        };
        navigate(&next.to_url(BASE), NavigateOptions::default());
    });
    view! {
            <Tabs label=ts!(finance.repayment_tabs) tabs=labels selected=tab on_select=select panel="repayments-panel">
                <DataTable data=list columns label=ts!(finance.repayments_title) base=BASE hoverable=true />
            </Tabs>
            <EditorDialog
                editing=rejecting
                title_id="reject-title"
                title=ts!(finance.reject_title)
                form=Arc::new(move |row: Option<QueuedRepayment>| {
                    row.map(|row| view! { <RejectForm id=row.repayment.id close=rejecting.closer() done=rejected /> }).into_any()
                })
            />
    }
}

/// 驳回: the reason, shown to the company.
#[component]
fn RejectForm(id: i64, close: Callback<()>, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let asset = AssetForm::new(&["reason"]);
    let form = asset.state;
    let errors = form.errors;
    let reason = RwSignal::new(String::new());
    let on_submit = Callback::new(move |()| {
        let input = RejectRepaymentInput {
            reason: reason.get_untracked().trim().to_owned(),
        };
        asset.submit(
            input,
            Vec::new(),
            move |api, input: RejectRepaymentInput| async move { api.reject_repayment(id, &input).await },
            move |_| {
                session.notify(NoticeKind::Success, t_string!(i18n, finance.rejected).to_string());
                done.run(());
            },
        );
    });
    view! {
        <EditorForm form on_submit on_cancel=close save_label=ts!(finance.reject) save_class="button is-danger">
            <ReasonField value=reason errors />
        </EditorForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_read_the_url() {
        assert_eq!(tab_of(None), 0);
        assert_eq!(tab_of(Some("confirmed")), 1);
        assert_eq!(tab_of(Some("rejected")), 2);
        assert_eq!(tab_of(Some("nope")), 0);
    }
}

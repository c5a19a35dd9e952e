//! A company's credit line on the finance desk: the figures, 调整授信 and 额度线下使用, the line's
//! history, and the bills and ledger of a period.

use std::sync::Arc;

use leptos::prelude::*;
use rc_client::Client;
use rc_types::assets::PeriodQuery;
use rc_types::assets::credit::{CreditAccount, CreditLineChange};

use super::adjust::{CreditLineForm, OfflineSpendForm};
use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::editor::{Editing, EditorDialog};
use crate::components::error_view::ErrorView;
use crate::components::skeleton::LinesSkeleton;
use crate::components::tabs::Tabs;
use crate::i18n::{datetime, t_string, use_i18n};
use crate::pages::account::assets::bills::BillTable;
use crate::pages::account::assets::credit::CreditFigures;
use crate::pages::account::assets::entries::{Balance, EntryTable};
use crate::pages::account::assets::money;
use crate::pages::account::assets::period::{PeriodChoice, PeriodFilter};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The credit tab of a company.
#[component]
pub fn CompanyCredit(
    /// Company id.
    id: i64,
    /// Notified after a change (and tracked: other tabs' changes reload the line too).
    changed: Trigger,
) -> impl IntoView {
    let session = use_session();
    let line = LocalResource::new(move || {
        changed.track();
        async move {
            session
                .call(|api| async move { api.get_credit_line(id).await })
                .await
                .map_err(LoadError::from)
        }
    });
    let history = LocalResource::new(move || async move { line.await.map(|detail| detail.history) });
    let setting = Editing::<CreditAccount>::new();
    let spending = Editing::<()>::new();
    let done = Callback::new(move |()| {
        setting.close();
        spending.close();
        changed.notify();
    });
    view! {
        <Transition fallback=|| view! { <LinesSkeleton lines=2 /> }>
            {move || Suspend::new(async move {
                match line.await {
                    Ok(detail) => {
                        let account = detail.account.clone();
                        view! {
                            <CreditFigures account=detail.account />
                            <div class="buttons is-right">
                                <button type="button" class="button is-link" on:click=move |_| setting.edit(Some(account.clone()))>
                                    {tr!(finance.set_line)}
                                </button>
                                <button type="button" class="button is-link is-outlined" on:click=move |_| spending.edit(None)>
                                    {tr!(finance.offline_spend)}
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| line.refetch()) /> }.into_any(),
                }
            })}
        </Transition>
        <CreditLedger id changed />
        <DataTable
            data=history
            columns=history_columns()
            label=ts!(finance.line_history)
            heading=("line-history", ts!(finance.line_history))
            skeleton=3
        />
        <EditorDialog
            editing=setting
            title_id="line-title"
            title=ts!(finance.set_line)
            form=Arc::new(move |account: Option<CreditAccount>| {
                account.map(|account| view! { <CreditLineForm id account close=setting.closer() done /> }).into_any()
            })
        />
        <EditorDialog
            editing=spending
            title_id="spend-title"
            title=ts!(finance.offline_spend)
            form=Arc::new(move |_| view! { <OfflineSpendForm id close=spending.closer() done /> }.into_any())
        />
    }
}

/// The line's changes: 授信总额 and 账期天数 before → after, why, who, when.
fn history_columns() -> Vec<Column<CreditLineChange>> {
    let i18n = use_i18n();
    vec![
        Column::new(ts!(finance.when), |c: &CreditLineChange| datetime(c.created_at)).class("nowrap"),
        Column::new(ts!(assets.limit), |c: &CreditLineChange| {
            format!("{} → {}", money(&c.old_limit), money(&c.new_limit))
        })
        .class("nowrap"),
        Column::new(ts!(assets.term_days), move |c: &CreditLineChange| {
            let (old, new) = (c.old_term_days, c.new_term_days);
            move || {
                format!(
                    "{} → {}",
                    t_string!(i18n, assets.days, days = old),
                    t_string!(i18n, assets.days, days = new)
                )
            }
        })
        .class("nowrap"),
        Column::new(ts!(finance.reason), |c: &CreditLineChange| c.reason.clone()).class("cell-wrap"),
        Column::new(ts!(finance.actor), |c: &CreditLineChange| c.actor.clone()),
    ]
}

/// The period filter over 已出账单 / 全部明细.
#[component]
fn CreditLedger(id: i64, changed: Trigger) -> impl IntoView {
    let period = RwSignal::new(PeriodChoice::default());
    let tab = RwSignal::new(0_usize);
    view! {
        <div class="mt-4">
            <PeriodFilter value=period />
            <Tabs
                label=ts!(assets.ledger_tabs)
                tabs=vec![ts!(assets.bills_tab), ts!(assets.all_entries_tab)]
                selected=tab
                on_select=Callback::new(move |index| tab.set(index))
                panel="company-credit-panel"
            >
                {move || {
                    let period = period.get();
                    if tab.get() == 0 {
                        view! {
                            <BillTable
                                load=move |api: Client, query: PeriodQuery| async move {
                                    api.list_company_credit_bills(id, &query).await
                                }
                                period
                                reload=Some(changed)
                            />
                        }
                            .into_any()
                    } else {
                        view! {
                            <EntryTable
                                load=move |api: Client, query: PeriodQuery| async move {
                                    api.list_company_credit_entries(id, &query).await
                                }
                                period
                                balance=Balance::Available
                                label=ts!(assets.all_entries_tab)
                                reload=Some(changed)
                            />
                        }
                            .into_any()
                    }
                }}
            </Tabs>
        </div>
    }
}

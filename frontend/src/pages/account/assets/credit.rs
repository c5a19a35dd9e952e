//! 账期余额 (§10.3, `/account/assets/credit`): 授信总额 账期天数 可用余额 待还款, and the period's
//! 全部明细 / 已出账单 (with 线下还款) / 还款记录.

use std::sync::Arc;

use leptos::prelude::*;
use rc_client::Client;
use rc_types::assets::PeriodQuery;
use rc_types::assets::credit::{Bill, CreditAccount};

use super::bills::{BillTable, RepaymentTable};
use super::credit_password::CreditPasswordBox;
use super::entries::{Balance, EntryTable};
use super::period::{PeriodChoice, PeriodFilter};
use super::repay::RepayForm;
use super::{Figure, NEED, money, positive};
use crate::api::LoadError;
use crate::components::editor::{Editing, EditorDialog};
use crate::components::error_view::ErrorView;
use crate::components::skeleton::LinesSkeleton;
use crate::components::tabs::Tabs;
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The line's figures, the on-hold warning and the notice.
#[component]
pub fn CreditFigures(
    /// The line.
    account: CreditAccount,
) -> impl IntoView {
    let i18n = use_i18n();
    let term = account.term_days;
    let overdue = positive(&account.overdue).then(|| {
        view! { <Figure label=ts!(assets.overdue) value=money(&account.overdue) class="has-text-danger" /> }
    });
    let held = positive(&account.held)
        .then(|| view! { <Figure label=ts!(assets.held) value=money(&account.held) /> });
    let notice = (!account.notice.trim().is_empty())
        .then(|| view! { <p class="help mt-3">{account.notice.clone()}</p> });
    view! {
        <section class="box">
            {account.on_hold.then(|| view! {
                <div class="notification is-warning is-light" role="alert">{tr!(assets.on_hold)}</div>
            })}
            <div class="level">
                <Figure label=ts!(assets.limit) value=money(&account.limit) />
                <Figure
                    label=ts!(assets.term_days)
                    value=t_string!(i18n, assets.days, days = term).to_string()
                />
                <Figure label=ts!(assets.credit_available) value=money(&account.available) />
                {held}
                <Figure label=ts!(assets.outstanding) value=money(&account.outstanding) />
                {overdue}
            </div>
            {notice}
        </section>
    }
}

/// The credit line page.
#[component]
pub fn CreditPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <CreditView />
        </Guard>
    }
}

/// The page's content, for a user the guard let in (its requests start only then).
#[component]
fn CreditView() -> impl IntoView {
    let session = use_session();
    let reload = Trigger::new();
    let account = LocalResource::new(move || {
        reload.track();
        async move {
            session
                .call(|api| async move { api.get_credit_account().await })
                .await
                .map_err(LoadError::from)
        }
    });
    let repay = Editing::<Bill>::new();
    let done = Callback::new(move |()| {
        repay.close();
        reload.notify();
    });
    view! {
        <PageHead title=ts!(assets.credit_title) />
            <Transition fallback=|| view! { <LinesSkeleton lines=2 /> }>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(account) => view! { <CreditFigures account /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| account.refetch()) /> }.into_any(),
                    }
                })}
            </Transition>
            <CreditLedger repay reload />
            <CreditPasswordBox />
            <EditorDialog
                editing=repay
                title_id="repay-title"
                title=ts!(assets.repay_title)
                form=Arc::new(move |bill: Option<Bill>| {
                    bill.map(|bill| view! { <RepayForm bill close=repay.closer() done /> }).into_any()
                })
            />
    }
}

/// The period filter and the three tabs; bills offer 线下还款 to users with `repay_credit`.
#[component]
fn CreditLedger(repay: Editing<Bill>, reload: Trigger) -> impl IntoView {
    let session = use_session();
    let period = RwSignal::new(PeriodChoice::default());
    let tab = RwSignal::new(0_usize);
    let may_repay = Memo::new(move |_| session.has("repay_credit"));
    view! {
        <section class="box list-box">
            <PeriodFilter value=period />
            <Tabs
                label=ts!(assets.ledger_tabs)
                tabs=vec![ts!(assets.all_entries_tab), ts!(assets.bills_tab), ts!(assets.repayments_tab)]
                selected=tab
                on_select=Callback::new(move |index| tab.set(index))
                panel="credit-panel"
            >
                {move || {
                    let period = period.get();
                    match tab.get() {
                        0 => view! {
                            <EntryTable
                                load=|api: Client, query: PeriodQuery| async move { api.list_credit_entries(&query).await }
                                period
                                balance=Balance::Available
                                label=ts!(assets.all_entries_tab)
                                reload=Some(reload)
                            />
                        }
                            .into_any(),
                        1 => view! {
                            <BillTable
                                load=|api: Client, query: PeriodQuery| async move { api.list_credit_bills(&query).await }
                                period
                                repay=may_repay.get().then_some(repay)
                                reload=Some(reload)
                            />
                        }
                            .into_any(),
                        _ => view! {
                            <RepaymentTable
                                load=|api: Client, query: PeriodQuery| async move { api.list_credit_repayments(&query).await }
                                period
                                reload=Some(reload)
                            />
                        }
                            .into_any(),
                    }
                }}
            </Tabs>
        </section>
    }
}

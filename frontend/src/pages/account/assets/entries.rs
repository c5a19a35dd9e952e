//! A ledger in a period (账户收支明细, 历史充值明细, 全部明细, and the finance desk's views of a
//! company's ledgers): 交易编号 日期 交易金额 余额 类型 对应订单号.

use std::future::Future;

use leptos::prelude::*;
use rc_client::{Client, ClientError};
use rc_types::Page;
use rc_types::assets::{LedgerEntry, PeriodQuery};

use super::labels::entry_kind;
use super::period::PeriodChoice;
use super::{money, signed};
use crate::components::data_table::Column;
use crate::components::paged_table::PagedTable;
use crate::i18n::{datetime, use_i18n};
use crate::tr;
use crate::ts;

/// Which amount the 余额 column shows after each entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Balance {
    /// 余额: the account's balance (rebate).
    Balance,
    /// 剩余金额: what is still available (credit: the line minus spends and holds).
    Available,
}

/// The columns of a ledger.
fn columns(balance: Balance) -> Vec<Column<LedgerEntry>> {
    let i18n = use_i18n();
    let balance_header = match balance {
        Balance::Balance => ts!(assets.balance_after),
        Balance::Available => ts!(assets.available_after),
    };
    vec![
        Column::new(ts!(assets.txn_no), |e: &LedgerEntry| e.txn_no.clone()).class("nowrap"),
        Column::new(ts!(assets.date), |e: &LedgerEntry| datetime(e.created_at)).class("nowrap"),
        Column::new(ts!(assets.amount), |e: &LedgerEntry| {
            let held = (!e.held_change.amount.is_zero()).then(|| {
                let change = signed(&e.held_change);
                view! { <span class="ticket-solution">{tr!(assets.held_change)}" "{change}</span> }
            });
            let class = if e.amount.amount.is_sign_negative() {
                "has-text-danger"
            } else {
                "has-text-success"
            };
            view! { <span class=class>{signed(&e.amount)}</span>{held} }
        })
        .class("nowrap"),
        Column::new(balance_header, move |e: &LedgerEntry| match balance {
            Balance::Balance => money(&e.balance_after),
            Balance::Available => money(&e.available_after),
        })
        .class("nowrap"),
        Column::new(ts!(assets.kind), move |e: &LedgerEntry| {
            let kind = e.kind;
            let reason = e
                .reason
                .clone()
                .map(|reason| view! { <span class="ticket-solution">{reason}</span> });
            view! { {move || entry_kind(i18n.get_locale(), kind)}{reason} }
        })
        .class("cell-wrap"),
        Column::new(ts!(assets.reference), |e: &LedgerEntry| {
            e.reference.clone().unwrap_or_else(|| "—".to_owned())
        }),
    ]
}

/// The ledger of one period, paged; `load` fetches a page of entries for a query.
#[component]
pub fn EntryTable<F, Fut>(
    /// Fetches entries.
    load: F,
    /// The period shown.
    period: PeriodChoice,
    /// Which amount the 余额 column shows.
    balance: Balance,
    /// Accessible name of the table.
    #[prop(into)]
    label: Signal<String>,
    /// Notified after a change that adds entries.
    #[prop(default = None)]
    reload: Option<Trigger>,
) -> impl IntoView
where
    F: Fn(Client, PeriodQuery) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Page<LedgerEntry>, ClientError>> + 'static,
{
    let load = move |api: Client, page: u32| load(api, period.query(page));
    view! { <PagedTable load columns=columns(balance) label reload /> }
}

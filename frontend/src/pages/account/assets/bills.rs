//! 已出账单 and 还款记录 of a credit line: the company's tabs, shared with the finance desk
//! (a company's bills, the repayment queue).

use std::future::Future;

use leptos::prelude::*;
use rc_client::{Client, ClientError};
use rc_types::Page;
use rc_types::assets::PeriodQuery;
use rc_types::assets::credit::{Bill, BillStatus, Repayment};

use super::labels::{
    bill_status, bill_status_class, repayment_method, repayment_status, repayment_status_class,
};
use super::money;
use super::period::PeriodChoice;
use crate::components::data_table::Column;
use crate::components::editor::Editing;
use crate::components::paged_table::PagedTable;
use crate::i18n::{datetime, t_string, use_i18n};
use crate::tr;
use crate::ts;

/// Whether a bill still takes repayments.
pub fn repayable(status: BillStatus) -> bool {
    status != BillStatus::Repaid
}

/// The bill columns; with `repay`, 线上还款 (the bill's cashier) and 线下还款 on each bill not yet
/// repaid.
fn bill_columns(repay: Option<Editing<Bill>>) -> Vec<Column<Bill>> {
    let i18n = use_i18n();
    let mut columns = vec![
        Column::new(ts!(assets.bill_no), |b: &Bill| b.bill_no.clone()).class("nowrap"),
        Column::new(ts!(assets.cycle), |b: &Bill| {
            format!("{} ~ {}", b.cycle_start, b.cycle_end)
        })
        .class("nowrap"),
        Column::new(ts!(assets.due_date), |b: &Bill| b.due_date.to_string()).class("nowrap"),
        Column::new(ts!(assets.bill_amount), |b: &Bill| money(&b.amount)),
        Column::new(ts!(assets.repaid), |b: &Bill| money(&b.repaid)),
        Column::new(ts!(assets.pending), |b: &Bill| money(&b.pending)),
        Column::new(ts!(assets.status), move |b: &Bill| {
            let status = b.status;
            view! { <span class=bill_status_class(status)>{move || bill_status(i18n.get_locale(), status)}</span> }
        }),
    ];
    if let Some(repay) = repay {
        columns.push(Column::new(ts!(assets.actions), move |b: &Bill| {
            let bill = b.clone();
            let name = b.bill_no.clone();
            let pay_href = format!("/account/assets/credit/bills/{}/pay", b.id);
            repayable(b.status).then(|| {
                view! {
                    <a class="button is-small is-link bill-pay-online" href=pay_href>{tr!(assets.repay_online)}</a>
                    " "
                    <button
                        type="button"
                        class="button is-small is-link is-outlined"
                        aria-label=move || t_string!(i18n, assets.repay_named, bill = name.clone()).to_string()
                        on:click=move |_| repay.edit(Some(bill.clone()))
                    >
                        {tr!(assets.repay_offline)}
                    </button>
                }
            })
        }));
    }
    columns
}

/// The bills of one period, paged.
#[component]
pub fn BillTable<F, Fut>(
    /// Fetches bills.
    load: F,
    /// The period shown.
    period: PeriodChoice,
    /// Opens the 线下还款 dialog on a bill (the company, with `repay_credit`).
    #[prop(default = None)]
    repay: Option<Editing<Bill>>,
    /// Notified after a change of the bills.
    #[prop(default = None)]
    reload: Option<Trigger>,
) -> impl IntoView
where
    F: Fn(Client, PeriodQuery) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Page<Bill>, ClientError>> + 'static,
{
    let load = move |api: Client, page: u32| load(api, period.query(page));
    view! { <PagedTable load columns=bill_columns(repay) label=ts!(assets.bills_tab) reload /> }
}

/// The repayment columns (账单编号 金额 还款账号 还款日期 提交时间 状态) of rows holding one.
pub fn repayment_columns<T: 'static>(repayment: fn(&T) -> &Repayment) -> Vec<Column<T>> {
    let i18n = use_i18n();
    vec![
        Column::new(ts!(assets.bill_no), move |row: &T| repayment(row).bill_no.clone()).class("nowrap"),
        Column::new(ts!(assets.repay_amount), move |row: &T| money(&repayment(row).amount)),
        Column::new(ts!(assets.repay_method), move |row: &T| {
            let method = repayment(row).method;
            view! { <span>{move || repayment_method(i18n.get_locale(), method)}</span> }
        })
        .class("nowrap"),
        Column::new(ts!(assets.payer_account), move |row: &T| repayment(row).payer_account.clone()),
        Column::new(ts!(assets.paid_on), move |row: &T| repayment(row).paid_on.to_string()).class("nowrap"),
        Column::new(ts!(assets.submitted), move |row: &T| datetime(repayment(row).created_at)).class("nowrap"),
        Column::new(ts!(assets.status), move |row: &T| {
            let r = repayment(row);
            let status = r.status;
            let reason = r.reject_reason.clone().map(|reason| {
                view! { <span class="ticket-solution">{tr!(assets.reject_reason)}" "{reason}</span> }
            });
            view! {
                <span class=repayment_status_class(status)>{move || repayment_status(i18n.get_locale(), status)}</span>
                {reason}
            }
        })
        .class("cell-wrap"),
    ]
}

/// The repayments of one period, paged.
#[component]
pub fn RepaymentTable<F, Fut>(
    /// Fetches repayments.
    load: F,
    /// The period shown.
    period: PeriodChoice,
    /// Notified after a repayment was submitted.
    #[prop(default = None)]
    reload: Option<Trigger>,
) -> impl IntoView
where
    F: Fn(Client, PeriodQuery) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Page<Repayment>, ClientError>> + 'static,
{
    let load = move |api: Client, page: u32| load(api, period.query(page));
    let columns = repayment_columns(|r: &Repayment| r);
    view! { <PagedTable load columns label=ts!(assets.repayments_tab) reload /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_open_bills_take_repayments() {
        assert!(repayable(BillStatus::Unpaid));
        assert!(repayable(BillStatus::PartlyRepaid));
        assert!(repayable(BillStatus::Overdue));
        assert!(!repayable(BillStatus::Repaid));
    }
}

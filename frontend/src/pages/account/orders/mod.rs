//! 客户订单 (§6.4.1): the list with the manual's columns — 方案, 单价, 数量, 订单总额, 信息 (渠道, 销售),
//! 订单状态, 操作 — under each order's 订单编号 / 客户公司 / 所在区域 / date; search by 订单编号 /
//! 客户公司 / 销售, a status filter, paging. The same list is the operator's order desk.

pub mod detail;
pub mod forms;
pub mod labels;
pub mod line_refund;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rc_types::orders::{OrderQuery, OrderStatus, OrderSummary};

use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable, Search};
use crate::components::listing::{PER_PAGE, StatusSelect, use_list_state};
use crate::forms::failure_text;
use crate::i18n::{datetime, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// Where a list lives: the partner's 客户订单 or the operator's desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desk {
    /// `/account/orders`.
    Partner,
    /// `/admin/orders`.
    Operator,
}

impl Desk {
    /// The list's path.
    pub fn base(self) -> &'static str {
        match self {
            Desk::Partner => "/account/orders",
            Desk::Operator => "/admin/orders",
        }
    }

    fn need(self) -> Need {
        match self {
            Desk::Partner => Need::Company("view_orders"),
            Desk::Operator => Need::Staff("view_orders"),
        }
    }
}

/// 客户订单 of the signed-in partner user.
#[component]
pub fn OrdersPage() -> impl IntoView {
    view! {
        <Guard need=Desk::Partner.need()>
            <OrderList desk=Desk::Partner />
        </Guard>
    }
}

/// The operator's order desk: every order.
#[component]
pub fn DeskOrdersPage() -> impl IntoView {
    view! {
        <Guard need=Desk::Operator.need()>
            <OrderList desk=Desk::Operator />
        </Guard>
    }
}

fn parse_status(text: Option<&str>) -> Option<OrderStatus> {
    OrderStatus::ALL
        .into_iter()
        .find(|s| Some(labels::status_param(*s)) == text)
}

#[component]
fn OrderList(desk: Desk) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let base = desk.base();
    let own_company = session.company().map(|c| c.id);
    let orders = LocalResource::new(move || {
        let state = state.get();
        async move {
            let query = OrderQuery {
                q: state.q.clone(),
                status: parse_status(state.status.as_deref()),
                page: Some(state.page),
                per_page: Some(PER_PAGE),
                ..OrderQuery::default()
            };
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_orders(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let columns = vec![
        Column::new(ts!(orders.col_solution), move |o: &OrderSummary| {
            let head = format!(
                "{} · {} · {} · {}",
                o.order_no,
                o.customer_company,
                o.region,
                datetime(o.created_at)
            );
            let names = o
                .lines
                .iter()
                .map(|l| view! { <li>{format!("{} {}", l.solution_name, l.plan_name)}</li> })
                .collect_view();
            view! {
                <p class="is-size-7 has-text-grey order-head">{head}</p>
                <ul class="order-lines">{names}</ul>
            }
        })
        .class("cell-wrap"),
        Column::new(ts!(orders.col_unit_price), |o: &OrderSummary| {
            o.lines
                .iter()
                .map(|l| view! { <div>{l.unit_price.display_short()}</div> })
                .collect_view()
        }),
        Column::new(ts!(orders.col_quantity), |o: &OrderSummary| {
            o.lines
                .iter()
                .map(|l| view! { <div>{l.quantity}</div> })
                .collect_view()
        }),
        Column::new(ts!(orders.col_total), |o: &OrderSummary| {
            view! { <span class="has-text-weight-semibold">{o.total.display_short()}</span> }
        }),
        Column::new(ts!(orders.col_info), move |o: &OrderSummary| {
            let (channel, sales) = (o.channel_company.clone(), o.salesperson.clone());
            view! {
                <div class="is-size-7">{tr!(orders.channel)}": "{channel}</div>
                <div class="is-size-7">{tr!(orders.sales)}": "{sales}</div>
            }
        }),
        Column::new(ts!(orders.col_status), move |o: &OrderSummary| {
            let (status, payment) = (o.status, o.payment_status);
            view! {
                <span class=labels::status_class(status)>{move || labels::status(i18n.get_locale(), status)}</span>
                <div class="is-size-7 has-text-grey">{move || labels::payment(i18n.get_locale(), payment)}</div>
            }
        }),
        Column::new(ts!(orders.col_actions), move |o: &OrderSummary| {
            let href = format!("{base}/{}", o.id);
            let invoice =
                (desk == Desk::Partner && o.can_request_invoice && Some(o.channel_company_id) == own_company)
                    .then(|| {
                        let href = format!("{base}/{}#invoice", o.id);
                        view! { <div><A href=href>{tr!(orders.invoice)}</A></div> }
                    });
            // 电子合同 for the buying company and the operator (a distributor reads only).
            let contract = (Some(o.channel_company_id) == own_company || desk == Desk::Operator).then(|| {
                view! { <div><detail::ContractButton order_id=o.id number=o.contract_number.clone() small=true /></div> }
            });
            view! {
                <div><A href=href attr:class="order-detail-link">{tr!(orders.detail)}</A></div>
                {contract}
                {invoice}
            }
        }),
    ];
    let options: Vec<(&'static str, Signal<String>)> = OrderStatus::ALL
        .into_iter()
        .map(|s| {
            (
                labels::status_param(s),
                Signal::derive(move || labels::status(i18n.get_locale(), s).to_owned()),
            )
        })
        .collect();
    let options = StoredValue::new(options);
    let title = match desk {
        Desk::Partner => ts!(orders.title),
        Desk::Operator => ts!(desk.title),
    };
    let clock = move |_| {
        spawn_local(async move {
            match session
                .call(|api| async move { api.advance_test_clock(16 * 60).await })
                .await
            {
                Ok(()) => session.notify(NoticeKind::Success, t_string!(i18n, desk.clock_moved).to_string()),
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    view! {
        <PageHead title>
            {(desk == Desk::Operator).then(|| view! {
                <button type="button" class="button is-small is-warning is-light test-clock" on:click=clock>{tr!(desk.clock)}</button>
            })}
        </PageHead>
        <DataTable
            data=orders
            columns
            label=ts!(orders.table)
            base=base
            hoverable=true
            heading=("orders-list", ts!(orders.list))
            search=Search { label: ts!(orders.search_label), placeholder: ts!(orders.search) }
            toolbar=move || view! {
                <StatusSelect
                    base
                    state
                    id="order-status"
                    label=ts!(orders.status_filter)
                    all=ts!(orders.all_status)
                    options=options.get_value()
                />
            }
        />
    }
}

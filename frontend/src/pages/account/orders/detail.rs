//! 客户订单详情 (§6.4.2): 基本信息, 客户信息 and 渠道商 side by side, the lines with 交付内容, the
//! 电子合同, transfers, invoices and the timeline; the buttons are the ones the server says the
//! reader may use (`Order::actions`): the buyer cancels, reports a transfer, requests an invoice and
//! reviews; the operator confirms or rejects transfers, delivers, completes and cancels.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use rc_types::orders::{Order, OrderLine};

use super::Desk;
use super::forms::{DeliverForm, InvoiceForm, ReasonForm, RefundPaidForm, ReviewForm, TransferForm};
use super::labels;
use super::line_refund::{LineRefundBox, LineRefundState};
use crate::api::LoadError;
use crate::components::confirm::{Confirm, asker};
use crate::components::error_view::ErrorView;
use crate::components::media::{blob_url, save_as};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::failure_text;
use crate::i18n::{datetime, kind_label, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::pages::admin::payments::OrderPayments;
use crate::session::{NoticeKind, Session, use_session};
use crate::tr;
use crate::ts;

/// The partner's order page (`/account/orders/:id`).
#[component]
pub fn OrderPage() -> impl IntoView {
    view! {
        <Guard need=Need::Company("view_orders")>
            <OrderLoader desk=Desk::Partner />
        </Guard>
    }
}

/// The operator's order page (`/admin/orders/:id`).
#[component]
pub fn DeskOrderPage() -> impl IntoView {
    view! {
        <Guard need=Need::Staff("view_orders")>
            <OrderLoader desk=Desk::Operator />
        </Guard>
    }
}

#[component]
fn OrderLoader(desk: Desk) -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let current = RwSignal::new(None::<Order>);
    let order = LocalResource::new(move || {
        let id = id.get();
        async move {
            session
                .call(|api| async move { api.get_order(id).await })
                .await
                .map_err(LoadError::from)
        }
    });
    let retry = Callback::new(move |()| order.refetch());
    view! {
        <PageHead title=ts!(orders.detail_title)>
            <A href=desk.base() attr:class="button is-light">{tr!(orders.back)}</A>
        </PageHead>
        <Transition fallback=|| view! { <LinesSkeleton lines=10 /> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(loaded) => {
                        let order_id = loaded.id;
                        current.set(Some(loaded));
                        view! {
                            <OrderView current />
                            {(desk == Desk::Operator).then(|| view! { <OrderPayments order_id /> })}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A labelled value of an info block.
fn row(label: Signal<String>, value: String) -> impl IntoView {
    view! {
        <div class="info-row">
            <span class="info-label">{move || label.get()}"："</span>
            <span class="info-value">{value}</span>
        </div>
    }
}

/// Runs `call` for the order page and shows its answer (or the failure).
fn act<F, Fut>(
    session: Session,
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    done_text: String,
    updated: Callback<Order>,
    call: F,
) where
    F: Fn(rc_client::Client) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<Order, rc_client::ClientError>> + 'static,
{
    spawn_local(async move {
        match session.call(call).await {
            Ok(order) => {
                session.notify(NoticeKind::Success, done_text);
                updated.run(order);
            }
            Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
        }
    });
}

#[component]
fn OrderView(current: RwSignal<Option<Order>>) -> impl IntoView {
    let i18n = use_i18n();
    let updated = Callback::new(move |order: Order| current.set(Some(order)));
    move || {
        let Some(order) = current.get() else {
            return ().into_any();
        };
        let locale = i18n.get_locale();
        let none = t_string!(i18n, orders.none).to_string();
        let basic = view! {
            {row(ts!(orders.order_no), order.order_no.clone())}
            {row(ts!(orders.created), datetime(order.created_at))}
            <div class="info-row">
                <span class="info-label">{tr!(orders.status)}"："</span>
                <span class=labels::status_class(order.status)>{labels::status(locale, order.status)}</span>
            </div>
            {row(ts!(orders.payment_status), labels::payment(locale, order.payment_status).to_owned())}
            {row(ts!(orders.delivery_status), labels::delivery(locale, order.delivery_status).to_owned())}
            {row(ts!(orders.total), order.total.display_short())}
            {row(ts!(orders.discount), order.discount.display_short())}
            {row(ts!(orders.received), order.received.display_short())}
            {row(ts!(orders.coupon_code), order.coupon_code.clone().unwrap_or_else(|| none.clone()))}
            {row(ts!(orders.rebate_used), order.rebate_used.display_short())}
            {row(ts!(orders.credit_used), order.credit_used.display_short())}
            {row(ts!(orders.payable), order.payable.display_short())}
            {row(ts!(orders.method), labels::method(locale, order.payment_method).to_owned())}
            {row(ts!(orders.expected), order.expected_close_date.map_or_else(|| none.clone(), |d| d.to_string()))}
            {row(ts!(orders.remark), if order.remark.is_empty() { none.clone() } else { order.remark.clone() })}
            {order.pay_deadline.map(|d| row(ts!(orders.deadline), datetime(d)))}
            {order.cancel_reason.clone().map(|r| row(ts!(orders.cancel_reason), r))}
            {(order.refund_due.amount > rust_decimal::Decimal::ZERO)
                .then(|| row(ts!(orders.refund_due), order.refund_due.display_short()))}
            {order.refund_paid_at.map(|at| row(
                ts!(orders.refund_paid),
                format!("{} · {}", datetime(at), order.refund_reference.clone().unwrap_or_default()),
            ))}
        };
        let customer = &order.customer;
        let customer_block = view! {
            {row(ts!(orders.customer_company), customer.company.clone())}
            {row(ts!(orders.customer_name), customer.name.clone())}
            {row(ts!(orders.customer_email), customer.email.clone())}
            {row(ts!(orders.customer_phone), customer.phone.clone())}
            {row(ts!(orders.customer_address), customer.address.clone())}
        };
        let channel = &order.channel;
        let channel_block = view! {
            {row(ts!(orders.kind), kind_label(i18n, channel.kind).to_owned())}
            {row(ts!(orders.company), channel.company.clone())}
            {row(ts!(orders.sales), channel.salesperson.clone())}
            {row(ts!(orders.email), channel.email.clone())}
            {row(ts!(orders.phone), channel.phone.clone())}
            {row(ts!(orders.address), channel.address.clone())}
            {row(ts!(orders.role), crate::i18n::role_label(i18n, channel.role).to_owned())}
        };
        view! {
            <div class="columns order-info">
                <section class="column" aria-labelledby="order-basic">
                    <div class="box">
                        <h2 id="order-basic" class="title is-6">{tr!(orders.basic)}</h2>
                        {basic}
                    </div>
                </section>
                <section class="column" aria-labelledby="order-customer">
                    <div class="box">
                        <h2 id="order-customer" class="title is-6">{tr!(orders.customer)}</h2>
                        {customer_block}
                    </div>
                </section>
                <section class="column" aria-labelledby="order-channel">
                    <div class="box">
                        <h2 id="order-channel" class="title is-6">{tr!(orders.channel_title)}</h2>
                        {channel_block}
                    </div>
                </section>
            </div>
            <Actions order=order.clone() updated />
            <Lines order=order.clone() updated />
            <Transfers order=order.clone() updated />
            <Invoices order=order.clone() updated />
            <Timeline order=order.clone() />
        }
        .into_any()
    }
}

/// Downloads the order's contract as agreed (电子合同).
#[component]
pub fn ContractButton(
    /// The order.
    order_id: i64,
    /// Its 合同编号 (the file's name).
    number: String,
    /// A small button (in the list).
    #[prop(optional)]
    small: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let busy = RwSignal::new(false);
    let file_name = StoredValue::new(format!("电子合同-{number}.pdf"));
    let on_click = move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| async move { api.download_order_contract(order_id).await })
                .await;
            busy.set(false);
            match result {
                Ok(bytes) => {
                    if let Some(url) = blob_url(&bytes, "application/pdf") {
                        save_as(&url, &file_name.get_value());
                        let _ = web_sys::Url::revoke_object_url(&url);
                    }
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    view! {
        <button type="button" class="button is-link is-light contract-download" class=("is-small", small) class=("is-loading", move || busy.get()) on:click=on_click>
            {tr!(orders.contract)}
        </button>
    }
}

/// The order's buttons: 电子合同, then the reader's actions.
#[component]
fn Actions(order: Order, updated: Callback<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let ask = asker();
    let id = order.id;
    let actions = order.actions;
    let cancel = move |_| {
        ask(Confirm {
            message: t_string!(i18n, orders.cancel_text).to_string(),
            action: t_string!(i18n, orders.cancel).to_string(),
            danger: true,
            run: Callback::new(move |()| {
                let text = t_string!(i18n, orders.cancelled).to_string();
                act(session, i18n, text, updated, move |api| async move {
                    api.cancel_order(id).await
                });
            }),
        });
    };
    let complete = move |_| {
        let text = t_string!(i18n, desk.completed).to_string();
        act(session, i18n, text, updated, move |api| async move {
            api.complete_order(id).await
        });
    };
    let operator_cancel = actions.operator_cancel.then(|| {
        view! {
            <details class="box operator-cancel">
                <summary class="has-text-danger">{tr!(desk.cancel)}</summary>
                <p class="help mb-2">{tr!(desk.cancel_hint)}</p>
                <ReasonForm
                    label=ts!(desk.cancel_reason)
                    action=ts!(desk.cancel)
                    send=move |api: rc_client::Client, input| async move { api.cancel_order_by_operator(id, &input).await }
                    done=updated
                />
            </details>
        }
    });
    let refund = actions.settle_refund.then(|| {
        view! {
            <section class="box refund-box" aria-labelledby="refund-title">
                <h2 id="refund-title" class="title is-6">{tr!(desk.refund_title)}</h2>
                <p class="help mb-2">{tr!(desk.refund_hint)}</p>
                <RefundPaidForm order_id=id line_id=None done=updated />
            </section>
        }
    });
    let transfer = actions.submit_transfer.then(|| {
        view! {
            <section class="box" aria-labelledby="transfer-title">
                <h2 id="transfer-title" class="title is-6">{tr!(orders.transfer)}</h2>
                <TransferForm order_id=id payable=order.payable done=updated />
            </section>
        }
    });
    view! {
        <div class="buttons order-actions">
            // The buying company's and the operator's (a distributor's copy has no link).
            {(!order.contract_url.is_empty()).then(|| view! { <ContractButton order_id=id number=order.contract_number.clone() /> })}
            {actions.cancel.then(|| view! {
                <button type="button" class="button is-danger is-light order-cancel" on:click=cancel>{tr!(orders.cancel)}</button>
            })}
            {actions.pay_online.then(|| view! {
                <A href=format!("/account/orders/{id}/pay") attr:class="button is-link order-pay">{tr!(orders.pay_online)}</A>
            })}
            {actions.complete.then(|| view! {
                <button type="button" class="button is-success order-complete" on:click=complete>{tr!(desk.complete)}</button>
            })}
        </div>
        {transfer}
        {operator_cancel}
        {refund}
    }
}

/// 方案 / 交付内容 / 价格 / 数量 / 小计, with the operator's 交付 and the buyer's 评价 per line.
#[component]
fn Lines(order: Order, updated: Callback<Order>) -> impl IntoView {
    let id = order.id;
    let deliver = order.actions.deliver;
    let rows = order
        .lines
        .into_iter()
        .map(|line| view! { <LineRow order_id=id line deliver updated /> })
        .collect_view();
    view! {
        <section class="box list-box" aria-labelledby="order-lines">
            <h2 id="order-lines" class="title is-6">{tr!(orders.lines)}</h2>
            <div class="table-container">
                <table class="table is-fullwidth order-lines-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(orders.lines)}</th>
                            <th scope="col">{tr!(orders.col_delivery)}</th>
                            <th scope="col">{tr!(orders.col_price)}</th>
                            <th scope="col">{tr!(orders.col_quantity)}</th>
                            <th scope="col">{tr!(orders.col_subtotal)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "components take their props by value"
)]
#[component]
fn LineRow(order_id: i64, line: OrderLine, deliver: bool, updated: Callback<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let priced = line.priced.clone();
    let link = priced.solution_id.map(|s| format!("/solutions/{s}"));
    let name = format!("{} · {}", priced.solution_name, priced.plan_name);
    let review = line.review.clone().map(|r| {
        view! {
            <p class="is-size-7 line-review">
                {"★".repeat(usize::try_from(r.rating).unwrap_or(0))}" "{r.body}
            </p>
        }
    });
    let line_id = line.id;
    let refunded = line.refund.is_some();
    let deliver = deliver && !refunded;
    let refund = line
        .refund
        .clone()
        .map(|refund| view! { <LineRefundState order_id line_id refund done=updated /> });
    let refund_box = line
        .refund_quote
        .clone()
        .map(|quote| view! { <LineRefundBox order_id line_id quote done=updated /> });
    view! {
        <tr class:line-is-refunded=refunded>
            <td>
                {match link {
                    Some(href) => view! { <a href=href>{name.clone()}</a> }.into_any(),
                    None => view! { <span>{name.clone()}</span> }.into_any(),
                }}
                <p class="is-size-7 has-text-grey">{format!("SKU: {} · {}", priced.sku_code, priced.region)}</p>
                {review}
                {refund}
                {refund_box}
                {line.can_review.then(|| view! {
                    <details class="review-box">
                        <summary>{tr!(orders.review)}</summary>
                        <ReviewForm order_id line_id done=updated />
                    </details>
                })}
            </td>
            <td class="cell-wrap delivery-cell">
                {match line.delivery.clone() {
                    Some(text) => view! { <pre class="delivery-text">{text}</pre> }.into_any(),
                    None if refunded => view! { <span class="has-text-grey">"—"</span> }.into_any(),
                    None => view! { <span class="has-text-grey">{move || t_string!(i18n, orders.not_delivered).to_string()}</span> }.into_any(),
                }}
                {deliver.then(|| view! {
                    <details class="deliver-box">
                        <summary>{tr!(desk.deliver)}</summary>
                        <DeliverForm order_id line_id done=updated />
                    </details>
                })}
            </td>
            <td>{priced.unit_price.display_short()}</td>
            <td>{priced.quantity}</td>
            <td class="has-text-weight-semibold">{priced.total.display_short()}</td>
        </tr>
    }
}

/// 转账记录 with the receipt and, for finance, 确认收款 / 驳回 on the waiting one.
#[component]
fn Transfers(order: Order, updated: Callback<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    if order.transfers.is_empty() {
        return ().into_any();
    }
    let id = order.id;
    let review = order.actions.review_transfer;
    let rows = order
        .transfers
        .into_iter()
        .map(|t| {
            let transfer_id = t.id;
            let waiting = review && t.status == "pending";
            let confirm = move |_| {
                let text = t_string!(i18n, desk.confirmed).to_string();
                act(session, i18n, text, updated, move |api| async move {
                    api.confirm_transfer(id, transfer_id).await
                });
            };
            let status = t.status.clone();
            let receipt = t.receipt_url.is_some().then(|| {
                let open = move |_| {
                    spawn_local(async move {
                        let result = session
                            .call(|api| async move { api.download_transfer_receipt(id, transfer_id).await })
                            .await;
                        match result {
                            Ok(bytes) => {
                                if let Some(url) = blob_url(&bytes, "image/png") {
                                    save_as(&url, &format!("receipt-{transfer_id}.png"));
                                    let _ = web_sys::Url::revoke_object_url(&url);
                                }
                            }
                            Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                        }
                    });
                };
                view! { <button type="button" class="button is-small is-light" on:click=open>{tr!(orders.view_receipt)}</button> }
            });
            view! {
                <tr>
                    <td>{t.payer_name.clone()}</td>
                    <td>{format!("{} {}", t.bank, t.account)}</td>
                    <td>{t.amount.display_short()}</td>
                    <td>{t.transfer_date.to_string()}</td>
                    <td>{t.reference.clone()}</td>
                    <td>
                        {move || labels::review_state(i18n.get_locale(), &status).to_owned()}
                        {t.reject_reason.clone().map(|r| view! { <p class="help is-danger">{r}</p> })}
                    </td>
                    <td>
                        {receipt}
                        {waiting.then(|| view! {
                            <button type="button" class="button is-small is-success transfer-confirm" on:click=confirm>{tr!(desk.confirm)}</button>
                            <details class="transfer-reject">
                                <summary>{tr!(desk.reject)}</summary>
                                <ReasonForm
                                    label=ts!(desk.reject_reason)
                                    action=ts!(desk.reject)
                                    send=move |api: rc_client::Client, input| async move { api.reject_transfer(id, transfer_id, &input).await }
                                    done=updated
                                />
                            </details>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="box list-box" aria-labelledby="order-transfers">
            <h2 id="order-transfers" class="title is-6">{tr!(orders.transfers)}</h2>
            <div class="table-container">
                <table class="table is-fullwidth">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(orders.payer)}</th>
                            <th scope="col">{tr!(orders.bank)}</th>
                            <th scope="col">{tr!(orders.amount)}</th>
                            <th scope="col">{tr!(orders.date)}</th>
                            <th scope="col">{tr!(orders.reference)}</th>
                            <th scope="col">{tr!(desk.inv_status)}</th>
                            <th scope="col">{tr!(orders.col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// 开票记录 and, for the buyer of a paid order without one, the 申请开票 form.
#[component]
fn Invoices(order: Order, updated: Callback<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = order.id;
    let no_invoices = order.invoices.is_empty();
    let rows = order
        .invoices
        .into_iter()
        .map(|inv| {
            let status = inv.status.clone();
            let invoice_id = inv.id;
            let pdf = inv.pdf_url.is_some().then(|| {
                let download = move |_| {
                    spawn_local(async move {
                        let result = session
                            .call(|api| async move { api.download_invoice_pdf(id, invoice_id).await })
                            .await;
                        match result {
                            Ok(bytes) => {
                                if let Some(url) = blob_url(&bytes, "application/pdf") {
                                    save_as(&url, &format!("发票-{invoice_id}.pdf"));
                                    let _ = web_sys::Url::revoke_object_url(&url);
                                }
                            }
                            Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                        }
                    });
                };
                view! { <button type="button" class="button is-small is-light invoice-pdf-download" on:click=download>{tr!(orders.inv_pdf_download)}</button> }
            });
            view! {
                <tr>
                    <td>{inv.request.title.clone()}</td>
                    <td>{inv.request.tax_number.clone()}</td>
                    <td>{inv.amount.display_short()}</td>
                    <td>{move || labels::review_state(i18n.get_locale(), &status).to_owned()}</td>
                    <td>{inv.invoice_no.clone().unwrap_or_default()}</td>
                    <td>{inv.issued_on.map(|d| d.to_string()).unwrap_or_default()}</td>
                    <td>{inv.reject_reason.clone().unwrap_or_default()}</td>
                    <td>{pdf}</td>
                </tr>
            }
        })
        .collect_view();
    // After a request the order is read again, so the request shows and the form goes.
    let done = Callback::new(move |()| {
        spawn_local(async move {
            if let Ok(order) = session.call(|api| async move { api.get_order(id).await }).await {
                updated.run(order);
            }
        });
    });
    view! {
        <section id="invoice" class="box list-box" aria-labelledby="order-invoices">
            <h2 id="order-invoices" class="title is-6">{tr!(orders.invoices)}</h2>
            <div class="table-container">
                <table class="table is-fullwidth">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(orders.inv_title)}</th>
                            <th scope="col">{tr!(orders.inv_tax)}</th>
                            <th scope="col">{tr!(orders.inv_amount)}</th>
                            <th scope="col">{tr!(desk.inv_status)}</th>
                            <th scope="col">{tr!(orders.inv_no)}</th>
                            <th scope="col">{tr!(orders.inv_date)}</th>
                            <th scope="col">{tr!(desk.reject_reason)}</th>
                            <th scope="col">{tr!(orders.inv_pdf)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {no_invoices.then(|| view! {
                            <tr><td colspan="8" class="has-text-grey has-text-centered">{tr!(orders.no_invoices)}</td></tr>
                        })}
                        {rows}
                    </tbody>
                </table>
            </div>
            {order.actions.request_invoice.then(|| view! {
                <h3 class="title is-6 mt-4">{tr!(orders.invoice_title)}</h3>
                <InvoiceForm order_id=id done />
            })}
        </section>
    }
}

/// 订单日志: every change, who and when, oldest first.
#[component]
fn Timeline(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let items = order
        .events
        .into_iter()
        .map(|e| {
            let kind = e.kind.clone();
            let actor = e.actor.clone();
            view! {
                <li class="timeline-item">
                    <span class="has-text-grey is-size-7">{datetime(e.at)}</span>" "
                    <strong>{move || labels::event(i18n.get_locale(), &kind)}</strong>" · "
                    <span>{move || actor.clone().unwrap_or_else(|| t_string!(i18n, orders.system).to_string())}</span>
                    {(!e.detail.is_empty()).then(|| view! { <span class="has-text-grey">" · "{e.detail.clone()}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="box" aria-labelledby="order-timeline">
            <h2 id="order-timeline" class="title is-6">{tr!(orders.timeline)}</h2>
            <ol class="order-timeline">{items}</ol>
        </section>
    }
}

//! 结算 (§5.1.3–5.1.6, §5.2.3–5.2.6, `/checkout`): 选择商品 → 填写信息 → 确认信息 → 订单完成. The lines
//! come from 立即购买 (`?plan=…&qty=…&price=…`) or the selected cart lines (`?cart=1,2`); every
//! amount is the server's quote, refreshed on each change; 生成订单 shows the electronic contract
//! and 同意 places the order (with an `Idempotency-Key` per contract, so a retried click places it
//! once).

mod contract;
mod customers;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use rc_types::Money;
use rc_types::cart::CartLineState;
use rc_types::checkout::{CheckoutInput, CheckoutItem, ContractView, PaymentMethod, PlaceOrderInput, Quote};
use rc_types::customers::Customer;
use rc_types::orders::Order;
use rust_decimal::Decimal;

use self::contract::ContractBody;
use self::customers::CustomerPicker;
use crate::api::LoadError;
use crate::app::PageTitle;
use crate::cart::use_cart_count;
use crate::components::error_view::ErrorView;
use crate::components::modal::Modal;
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{api_fields, failure_text, field_text};
use crate::i18n::{datetime, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, SignedIn};
use crate::pages::account::orders::labels;
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The checkout page, for a signed-in buyer.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, checkout.title).to_string() />
        <SignedIn>
            <div class="container page-body checkout-page">
                <Guard need=Need::Company("place_orders")>
                    <CheckoutLoader />
                </Guard>
            </div>
        </SignedIn>
    }
}

/// Where checkout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Fill,
    Confirm,
    Done,
}

/// 1 选择商品 — 2 填写信息 — 3 确认信息 — 4 订单完成.
#[component]
fn Steps(step: RwSignal<Step>) -> impl IntoView {
    let at = move |n: u8| {
        let current = match step.get() {
            Step::Fill => 2,
            Step::Confirm => 3,
            Step::Done => 4,
        };
        (n == current, n < current)
    };
    let item = move |n: u8, text: Signal<String>| {
        view! {
            <li class:is-current=move || at(n).0 class:is-done=move || at(n).1 aria-current=move || at(n).0.then_some("step")>
                {move || text.get()}
            </li>
        }
    };
    view! {
        <ol class="checkout-steps" aria-label=tr!(checkout.steps)>
            {item(1, ts!(checkout.step_select))}
            {item(2, ts!(checkout.step_fill))}
            {item(3, ts!(checkout.step_confirm))}
            {item(4, ts!(checkout.step_done))}
        </ol>
    }
}

/// The lines to buy from the address: one plan, or the chosen ready cart lines.
async fn items_of(
    session: crate::session::Session,
    plan: Option<i64>,
    quantity: i32,
    price: Option<Decimal>,
    cart: Vec<i64>,
) -> Result<(Vec<CheckoutItem>, bool), LoadError> {
    if let Some(plan_id) = plan {
        return Ok((
            vec![CheckoutItem {
                plan_id,
                quantity,
                seen_unit_price: price.map(Money::cny),
            }],
            false,
        ));
    }
    let loaded = session
        .call(|api| async move { api.get_cart().await })
        .await
        .map_err(LoadError::from)?;
    let items = loaded
        .lines
        .into_iter()
        .filter(|line| cart.contains(&line.id) && line.state == CartLineState::Ready)
        .filter_map(|line| {
            line.plan_id.map(|plan_id| CheckoutItem {
                plan_id,
                quantity: line.quantity,
                seen_unit_price: Some(line.unit_price),
            })
        })
        .collect();
    Ok((items, true))
}

#[component]
fn CheckoutLoader() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let lines = LocalResource::new(move || {
        let query = query.get();
        let plan = query.get("plan").and_then(|v| v.parse::<i64>().ok());
        let quantity = query.get("qty").and_then(|v| v.parse::<i32>().ok()).unwrap_or(1);
        let price = query.get("price").and_then(|v| v.parse::<Decimal>().ok());
        let cart: Vec<i64> = query
            .get("cart")
            .unwrap_or_default()
            .split(',')
            .filter_map(|v| v.trim().parse().ok())
            .collect();
        items_of(session, plan, quantity, price, cart)
    });
    view! {
        <h1 class="title is-4">{tr!(checkout.title)}</h1>
        <Transition fallback=|| view! { <LinesSkeleton lines=8 /> }>
            {move || Suspend::new(async move {
                match lines.await {
                    Ok((items, _)) if items.is_empty() => view! {
                        <section class="box has-text-centered">
                            <p class="mb-4">{tr!(checkout.from_cart_missing)}</p>
                            <a href="/cart" class="button is-link">{tr!(cart.title)}</a>
                        </section>
                    }
                    .into_any(),
                    Ok((items, from_cart)) => view! { <Checkout items from_cart /> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| lines.refetch()) /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Whether `field`'s error is among `errors`, and its text.
fn error_for(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    errors: &[rc_types::FieldError],
    field: &str,
) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| field_text(i18n, e))
}

#[component]
#[allow(
    clippy::too_many_lines,
    reason = "the checkout form reads top to bottom as the manual's page"
)]
fn Checkout(items: Vec<CheckoutItem>, from_cart: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let cart_count = use_cart_count();
    let step = RwSignal::new(Step::Fill);
    let items = StoredValue::new(items);
    let customer = RwSignal::new(None::<Customer>);
    let method = RwSignal::new(PaymentMethod::Online);
    let use_coupon = RwSignal::new(false);
    let coupon = RwSignal::new(None::<i64>);
    let use_credit = RwSignal::new(false);
    let use_rebate = RwSignal::new(false);
    let rebate_text = RwSignal::new(String::new());
    let expected = RwSignal::new(String::new());
    let remark = RwSignal::new(String::new());
    let input = Memo::new(move |_| CheckoutInput {
        items: items.get_value(),
        from_cart,
        customer_id: customer.read().as_ref().map(|c| c.id),
        payment_method: method.get(),
        coupon_id: if use_coupon.get() { coupon.get() } else { None },
        use_credit: use_credit.get(),
        rebate_amount: if use_rebate.get() {
            rebate_text.get().trim().parse::<Decimal>().ok().map(Money::cny)
        } else {
            None
        },
        expected_close_date: chrono::NaiveDate::parse_from_str(expected.get().trim(), "%Y-%m-%d").ok(),
        remark: remark.get(),
    });
    // What prices the checkout: typing the remark or the date asks for no new quote.
    let priced_input = Memo::new(move |_| CheckoutInput {
        remark: String::new(),
        expected_close_date: None,
        ..input.get()
    });
    // 零钱 typed but not an amount in yuan (at most 2 decimals): said at once, nothing quoted.
    let rebate_invalid = Memo::new(move |_| {
        let text = rebate_text.get();
        let text = text.trim();
        use_rebate.get()
            && !text.is_empty()
            && text
                .parse::<Decimal>()
                .map_or(true, |d| d.is_sign_negative() || d.scale() > 2)
    });
    // The last good quote stays on screen while a change is refused.
    let last = RwSignal::new(None::<Quote>);
    let quote_errors = RwSignal::new(Vec::<rc_types::FieldError>::new());
    let quote_failure = RwSignal::new(None::<String>);
    let quote = LocalResource::new(move || {
        let input = priced_input.get();
        async move {
            let result = session
                .call(|api| {
                    let input = input.clone();
                    async move { api.quote_checkout(&input).await }
                })
                .await;
            match result {
                Ok(quote) => {
                    quote_errors.set(Vec::new());
                    quote_failure.set(None);
                    last.set(Some(quote));
                }
                Err(error) => {
                    let fields = api_fields(&error);
                    if fields.is_empty() {
                        quote_failure.set(Some(failure_text(i18n, &error)));
                    }
                    quote_errors.set(fields);
                }
            }
        }
    });
    let contract = RwSignal::new(None::<ContractView>);
    let contract_open = RwSignal::new(false);
    let placing = RwSignal::new(false);
    let placed = RwSignal::new(None::<Order>);
    let generate = move |_| {
        let input = input.get_untracked();
        placing.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let input = input.clone();
                    async move { api.create_contract(&input).await }
                })
                .await;
            placing.set(false);
            match result {
                Ok(shown) => {
                    contract.set(Some(shown));
                    contract_open.set(true);
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    let agree = Callback::new(move |()| {
        let Some(shown) = contract.get_untracked() else {
            return;
        };
        let place = PlaceOrderInput {
            checkout: input.get_untracked(),
            contract_id: shown.id,
            contract_sha256: shown.sha256.clone(),
        };
        let key = format!("contract-{}", shown.id);
        placing.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let (place, key) = (place.clone(), key.clone());
                    async move { api.create_order(&place, Some(&key)).await }
                })
                .await;
            placing.set(false);
            match result {
                Ok(order) => {
                    contract_open.set(false);
                    placed.set(Some(order));
                    step.set(Step::Done);
                    if from_cart {
                        cart_count.reload();
                    }
                }
                Err(error) => {
                    contract_open.set(false);
                    session.notify(NoticeKind::Danger, failure_text(i18n, &error));
                    quote.refetch();
                }
            }
        });
    });
    let err = move |field: &'static str| move || error_for(i18n, &quote_errors.get(), field);
    let yes_no = move |name: &'static str, value: RwSignal<bool>, label: Signal<String>| {
        view! {
            <div class="field is-horizontal checkout-toggle">
                <span class="label mr-3">{move || label.get()}"："</span>
                <label class="radio">
                    <input type="radio" name=name prop:checked=move || value.get() on:change=move |_| value.set(true) />
                    " "{tr!(checkout.yes)}
                </label>
                <label class="radio ml-3">
                    <input type="radio" name=name prop:checked=move || !value.get() on:change=move |_| value.set(false) />
                    " "{tr!(checkout.no)}
                </label>
            </div>
        }
    };
    let remark_count = move || remark.read().chars().count();
    let fill = move || {
        view! {
            <section class="box" aria-labelledby="checkout-delivery">
                <h2 id="checkout-delivery" class="title is-6">{tr!(checkout.delivery)}</h2>
                <CustomerPicker chosen=customer />
            </section>
            <section class="box checkout-options" aria-label=tr!(checkout.payment)>
                <div class="field">
                    <p class="label">{tr!(checkout.payment)}</p>
                    <label class="radio">
                        <input type="radio" name="method" prop:checked=move || method.get() == PaymentMethod::Online on:change=move |_| method.set(PaymentMethod::Online) />
                        " "{tr!(checkout.online)}
                    </label>
                    <label class="radio ml-4">
                        <input type="radio" name="method" prop:checked=move || method.get() == PaymentMethod::Offline on:change=move |_| method.set(PaymentMethod::Offline) />
                        " "{tr!(checkout.offline)}
                    </label>
                    <p class="help">{move || if method.get() == PaymentMethod::Online { t_string!(i18n, checkout.online_hint).to_string() } else { t_string!(i18n, checkout.offline_hint).to_string() }}</p>
                </div>
                <h3 class="title is-6 mt-4">{tr!(checkout.coupon)}</h3>
                {yes_no("use_coupon", use_coupon, ts!(checkout.use_coupon))}
                <Show when=move || use_coupon.get()>
                    {move || {
                        let offered = last.get().map(|q| q.applicable_coupons).unwrap_or_default();
                        if offered.is_empty() {
                            return view! { <p class="help">{tr!(checkout.no_coupons)}</p> }.into_any();
                        }
                        if coupon.get_untracked().is_none() {
                            coupon.set(offered.first().map(|c| c.coupon.id));
                        }
                        let options = offered
                            .into_iter()
                            .map(|c| {
                                let id = c.coupon.id;
                                let text = t_string!(i18n, checkout.coupon_option, code = c.coupon.code.clone(), name = c.coupon.terms.name.clone(), discount = c.discount.display_short()).to_string();
                                view! { <option value=id.to_string() selected=move || coupon.get() == Some(id)>{text}</option> }
                            })
                            .collect_view();
                        view! {
                            <div class="select">
                                <select aria-label=tr!(checkout.use_coupon) on:change=move |ev| coupon.set(event_target_value(&ev).parse().ok())>
                                    {options}
                                </select>
                            </div>
                        }
                        .into_any()
                    }}
                </Show>
                <p class="help is-danger">{err("coupon_id")}</p>
                <h3 class="title is-6 mt-4">{tr!(checkout.credit)}</h3>
                {yes_no("use_credit", use_credit, ts!(checkout.use_credit))}
                <p class="help credit-offer">
                    {move || match last.get().and_then(|q| q.credit) {
                        None => t_string!(i18n, checkout.no_credit).to_string(),
                        Some(c) if c.on_hold => t_string!(i18n, checkout.credit_on_hold).to_string(),
                        Some(c) => t_string!(i18n, checkout.credit_available, amount = c.available.display_short()).to_string(),
                    }}
                </p>
                <p class="help is-danger">{err("use_credit")}</p>
                <h3 class="title is-6 mt-4">{tr!(checkout.rebate)}</h3>
                {yes_no("use_rebate", use_rebate, ts!(checkout.use_rebate))}
                <p class="help rebate-offer">
                    {move || last.get().map(|q| t_string!(i18n, checkout.rebate_available, amount = q.rebate_available.display_short()).to_string())}
                </p>
                <Show when=move || use_rebate.get()>
                    <div class="field">
                        <label class="label" for="f-rebate_amount">{tr!(checkout.rebate_amount)}</label>
                        <input id="f-rebate_amount" class="input rebate-input" type="text" inputmode="decimal" maxlength="16" bind:value=rebate_text />
                    </div>
                </Show>
                <p class="help is-danger">{err("rebate_amount")}</p>
                <Show when=move || rebate_invalid.get()>
                    <p class="help is-danger rebate-invalid">{tr!(checkout.rebate_invalid)}</p>
                </Show>
                <div class="field mt-4">
                    <label class="label" for="f-expected">{tr!(checkout.expected)}</label>
                    <input id="f-expected" class="input expected-input" type="date" bind:value=expected />
                    <p class="help">{tr!(checkout.expected_hint)}</p>
                </div>
                <div class="field">
                    <label class="label" for="f-remark">{tr!(checkout.remark)}</label>
                    <textarea id="f-remark" class="textarea" rows="2" maxlength="150" placeholder=tr!(checkout.remark_hint) bind:value=remark></textarea>
                    <p class="help has-text-right" aria-live="polite">{move || format!("{}/150", remark_count())}</p>
                    <p class="help is-danger">{err("remark")}</p>
                </div>
            </section>
        }
    };
    let goods = move || {
        let Some(q) = last.get() else {
            return view! { <p class="has-text-grey">{tr!(checkout.quoting)}</p> }.into_any();
        };
        let rows = q
            .lines
            .iter()
            .map(|l| {
                view! {
                    <tr>
                        <td>{format!("{} · {}", l.solution_name, l.plan_name)}<p class="is-size-7 has-text-grey">{format!("SKU: {}", l.sku_code)}</p></td>
                        <td>{l.quantity}</td>
                        <td>{l.unit_price.display_short()}</td>
                        <td>{l.total.display_short()}</td>
                    </tr>
                }
            })
            .collect_view();
        let count = q.item_count;
        view! {
            <table class="table is-fullwidth checkout-goods">
                <thead>
                    <tr>
                        <th scope="col">{tr!(checkout.col_item)}</th>
                        <th scope="col">{tr!(checkout.col_quantity)}</th>
                        <th scope="col">{tr!(checkout.col_unit_price)}</th>
                        <th scope="col">{tr!(checkout.col_total)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="checkout-sums has-text-right">
                <p>{move || t_string!(i18n, checkout.item_count, count).to_string()}" "<span class="goods-total">{q.goods_total.display_short()}</span></p>
                <p>{tr!(checkout.discount)}"："<span class="discount-total">{q.discount_total.display_short()}</span></p>
                <p>{tr!(checkout.credit_used)}"："<span class="credit-used">{q.credit_used.display_short()}</span></p>
                <p class="is-size-5">{tr!(checkout.payable)}"："<strong class="payable-total">{q.payable.display_short()}</strong></p>
            </div>
        }
        .into_any()
    };
    let ready = move || {
        customer.read().is_some()
            && quote_errors.read().is_empty()
            && last.read().is_some()
            && !rebate_invalid.get()
    };
    let confirm = move || {
        let c = customer.get();
        let q = last.get();
        let none = t_string!(i18n, checkout.none).to_string();
        let info = |label: Signal<String>, value: String| view! { <tr><th scope="row">{move || label.get()}</th><td>{value}</td></tr> };
        let lines = q.as_ref().map(|q| {
            q.lines
                .iter()
                .map(|l| view! { <tr><td>{l.plan_name.clone()}</td><td>{l.unit_price.amount.to_string()}</td><td>{l.region.clone()}</td><td>{l.quantity}</td></tr> })
                .collect_view()
        });
        let remark_text = if remark.get().trim().is_empty() {
            none.clone()
        } else {
            remark.get()
        };
        let expected_text = if expected.get().trim().is_empty() {
            none.clone()
        } else {
            expected.get()
        };
        view! {
            <section class="box" aria-labelledby="confirm-customer">
                <h2 id="confirm-customer" class="title is-6">{tr!(checkout.customer_info)}</h2>
                <table class="table is-narrow confirm-customer">
                    <tbody>
                        {info(ts!(checkout.customer_name), c.as_ref().map(|c| c.name.clone()).unwrap_or_default())}
                        {info(ts!(checkout.customer_email), c.as_ref().map(|c| c.email.clone()).unwrap_or_default())}
                        {info(ts!(checkout.customer_phone), c.as_ref().map(|c| c.phone.clone()).unwrap_or_default())}
                        {info(ts!(checkout.customer_company), c.as_ref().map(|c| c.company_name.clone()).unwrap_or_default())}
                        {info(ts!(checkout.payment), labels::method(i18n.get_locale(), method.get()).to_owned())}
                        {info(ts!(checkout.expected), expected_text)}
                        {info(ts!(checkout.remark), remark_text)}
                    </tbody>
                </table>
            </section>
            <section class="box" aria-labelledby="confirm-products">
                <h2 id="confirm-products" class="title is-6">{tr!(checkout.product_info)}</h2>
                <table class="table is-fullwidth confirm-products">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(checkout.col_plan)}</th>
                            <th scope="col">{tr!(checkout.col_unit_price)}</th>
                            <th scope="col">{tr!(checkout.col_region)}</th>
                            <th scope="col">{tr!(checkout.col_quantity)}</th>
                        </tr>
                    </thead>
                    <tbody>{lines}</tbody>
                </table>
                <p class="has-text-right is-size-5">{tr!(checkout.sum)}"："<strong class="confirm-sum">{q.map(|q| q.payable.display_short()).unwrap_or_default()}</strong></p>
            </section>
        }
    };
    view! {
        <Steps step />
        {move || match step.get() {
            Step::Fill => view! {
                {fill()}
                <section class="box" aria-labelledby="checkout-goods">
                    <h2 id="checkout-goods" class="title is-6">{tr!(checkout.goods)}</h2>
                    {move || { let _ = quote.get(); goods() }}
                    {move || quote_failure.get().map(|text| view! { <p class="notification is-danger is-light">{text}</p> })}
                </section>
                <div class="buttons is-right">
                    <a href="/cart" class="button">{tr!(checkout.back)}</a>
                    <button type="button" class="button is-link is-medium checkout-next" disabled=move || !ready() on:click=move |_| step.set(Step::Confirm)>
                        {tr!(checkout.next)}
                    </button>
                </div>
                <p class="help has-text-right">{move || customer.read().is_none().then(|| t_string!(i18n, checkout.pick_first).to_string())}</p>
            }
            .into_any(),
            Step::Confirm => view! {
                {confirm()}
                <div class="buttons is-right">
                    <button type="button" class="button" on:click=move |_| step.set(Step::Fill)>{tr!(checkout.back)}</button>
                    <button type="button" class="button is-link is-medium checkout-generate" class=("is-loading", move || placing.get()) disabled=move || placing.get() on:click=generate>
                        {tr!(checkout.generate)}
                    </button>
                </div>
            }
            .into_any(),
            Step::Done => view! { <Done order=placed.get() /> }.into_any(),
        }}
        <Modal open=contract_open title_id="contract-title" title=ts!(checkout.contract_title) wide=true>
            {move || contract.get().map(|shown| view! {
                <ContractBody contract=shown agree cancel=Callback::new(move |()| contract_open.set(false)) busy=placing />
            })}
        </Modal>
    }
}

/// 订单已生成: the order's number, status, payment, total and date, and where to go next.
#[component]
fn Done(order: Option<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(order) = order else {
        return ().into_any();
    };
    let locale = i18n.get_locale();
    let hint = match (order.pay_deadline, order.payment_method) {
        (Some(_), rc_types::checkout::PaymentMethod::Offline) => {
            Some(t_string!(i18n, checkout.transfer_hint).to_string())
        }
        (Some(deadline), _) => {
            Some(t_string!(i18n, checkout.pay_hint, deadline = datetime(deadline)).to_string())
        }
        _ => None,
    };
    view! {
        <section class="box has-text-centered order-done">
            <h2 class="title is-5">{tr!(checkout.done_title)}</h2>
            <p class="mb-4">
                <a href=format!("/account/orders/{}", order.id) class="button is-link">{tr!(checkout.view_detail)}</a>
                " "
                <a href="/" class="button">{tr!(checkout.home)}</a>
            </p>
            <table class="table is-narrow order-done-info" style="margin: 0 auto">
                <tbody>
                    <tr><th scope="row">{tr!(checkout.order_no)}</th><td class="done-order-no">{order.order_no.clone()}</td></tr>
                    <tr><th scope="row">{tr!(checkout.order_status)}</th><td class="done-status">{labels::status(locale, order.status)}</td></tr>
                    <tr><th scope="row">{tr!(checkout.payment_status)}</th><td class="done-payment">{labels::payment(locale, order.payment_status)}</td></tr>
                    <tr><th scope="row">{tr!(checkout.order_total)}</th><td>{order.total.display_short()}</td></tr>
                    <tr><th scope="row">{tr!(checkout.created)}</th><td>{datetime(order.created_at)}</td></tr>
                </tbody>
            </table>
            {hint.map(|text| view! { <p class="help mt-3">{text}</p> })}
        </section>
    }
    .into_any()
}

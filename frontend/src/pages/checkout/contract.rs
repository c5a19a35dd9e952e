//! 生成电子订单 (§5.1.4, §11.1): the contract as the server rendered it — parties, end user,
//! clauses, the 产品订单 and 服务/邮费订单 tables with totals in figures and 大写 — its PDF, and
//! 取消 / 同意. Agreeing places the order.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_types::checkout::{ContractTable, ContractView};

use crate::components::media::{blob_url, save_as};
use crate::forms::failure_text;
use crate::i18n::{t_string, use_i18n};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The contract's body and its buttons; `agree` runs on 同意, `cancel` on 取消.
#[component]
pub fn ContractBody(
    contract: ContractView,
    agree: Callback<()>,
    cancel: Callback<()>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = contract.id;
    let file_name = StoredValue::new(format!("电子合同-{}.pdf", contract.number));
    let download = move |_| {
        spawn_local(async move {
            match session
                .call(|api| async move { api.download_checkout_contract(id).await })
                .await
            {
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
    let c = &contract;
    let clauses = c
        .clauses
        .iter()
        .map(|text| view! { <p class="contract-clause">{text.clone()}</p> })
        .collect_view();
    let customer = &c.customer;
    let grand = format!(
        "{} {}",
        c.grand_total.display_short(),
        t_string!(i18n, checkout.uppercase, text = c.grand_total_uppercase.clone())
    );
    view! {
        <article class="contract" aria-label=tr!(checkout.contract_title)>
            <header class="contract-head">
                <p class="has-text-weight-bold">{c.operator.name.clone()}</p>
                <p class="is-size-7">{tr!(checkout.contract_no)}"："<span class="contract-number">{c.number.clone()}</span>" · "{c.issued_on.to_string()}</p>
            </header>
            <table class="table is-narrow contract-parties">
                <tbody>
                    {party(ts!(checkout.party_a), c.partner.name.clone())}
                    {party(ts!(checkout.party_a_contact), c.partner.contact_name.clone())}
                    {party(ts!(checkout.party_a_phone), c.partner.contact.clone())}
                    {party(ts!(checkout.party_b), c.operator.name.clone())}
                    {party(ts!(checkout.party_b_contact), c.operator.contact_name.clone())}
                    {party(ts!(checkout.party_b_phone), c.operator.contact.clone())}
                    {party(ts!(checkout.end_user), format!("{} · {} · {} · {} · {}", customer.company_name, customer.name, customer.email, customer.phone, customer.address))}
                </tbody>
            </table>
            <div class="contract-clauses">{clauses}</div>
            <ContractTableView caption=ts!(checkout.products_table) table=c.products.clone() />
            <ContractTableView caption=ts!(checkout.services_table) table=c.services.clone() />
            <p class="has-text-weight-semibold contract-grand">{tr!(checkout.grand_total)}"："{grand}</p>
            <p class="is-size-7 has-text-grey">{tr!(checkout.sha)}"："<code>{c.sha256.clone()}</code></p>
        </article>
        <p class="help mb-3">{tr!(checkout.contract_hint)}</p>
        <div class="buttons is-right">
            <button type="button" class="button is-light contract-pdf" on:click=download>{tr!(checkout.download_pdf)}</button>
            <button type="button" class="button" on:click=move |_| cancel.run(())>{tr!(checkout.cancel)}</button>
            <button type="button" class="button is-link contract-agree" class=("is-loading", move || busy.get()) disabled=move || busy.get() on:click=move |_| agree.run(())>
                {tr!(checkout.agree)}
            </button>
        </div>
    }
}

/// A row of the parties table.
fn party(label: Signal<String>, value: String) -> impl IntoView {
    view! { <tr><th scope="row">{move || label.get()}</th><td>{value}</td></tr> }
}

#[component]
fn ContractTableView(caption: Signal<String>, table: ContractTable) -> impl IntoView {
    let i18n = use_i18n();
    let rows = table
        .lines
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.solution_name.clone()}</td>
                    <td>{format!("{} SKU: {}", l.plan_name, l.sku_code)}</td>
                    <td>{l.quantity}</td>
                    <td>{l.unit_price.amount.to_string()}</td>
                    <td>{l.tax_rate.normalize().to_string()}</td>
                    <td>{l.total.amount.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let total = table.total.display_short();
    let upper = table.total_uppercase.clone();
    view! {
        <table class="table is-fullwidth is-bordered is-narrow contract-table">
            <caption class="has-text-left has-text-weight-semibold">{move || caption.get()}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr!(checkout.col_solution)}</th>
                    <th scope="col">{tr!(checkout.col_material)}</th>
                    <th scope="col">{tr!(checkout.col_quantity)}</th>
                    <th scope="col">{tr!(checkout.col_unit_price)}</th>
                    <th scope="col">{tr!(checkout.col_tax)}</th>
                    <th scope="col">{tr!(checkout.col_amount)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="3">{tr!(checkout.table_total)}"："</th>
                    <td colspan="3">{total}" "{move || t_string!(i18n, checkout.uppercase, text = upper.clone()).to_string()}</td>
                </tr>
            </tfoot>
        </table>
    }
}

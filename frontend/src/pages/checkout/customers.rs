//! 交付信息: choose the end customer (search, radio per row), 添加客户 and 修改 in a dialog without
//! leaving checkout (§5.1.3).

use leptos::prelude::*;
use rc_types::customers::{Customer, CustomerInput, CustomerQuery};

use crate::api::LoadError;
use crate::components::editor::{EditorForm, FormState};
use crate::components::error_view::ErrorView;
use crate::components::field::TextField;
use crate::components::modal::Modal;
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{t_string, use_i18n};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The customer table with search, the chosen one in `chosen`; the dialog edits `editing`
/// (None: a new customer).
#[component]
pub fn CustomerPicker(chosen: RwSignal<Option<Customer>>) -> impl IntoView {
    let session = use_session();
    let q = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<Customer>);
    let open = RwSignal::new(false);
    let customers = LocalResource::new(move || {
        let q = search.get();
        async move {
            let query = CustomerQuery {
                page: Some(1),
                per_page: Some(50),
                q: (!q.trim().is_empty()).then(|| q.trim().to_owned()),
            };
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.list_customers(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let saved = Callback::new(move |customer: Customer| {
        open.set(false);
        chosen.set(Some(customer));
        customers.refetch();
    });
    let add = move |_| {
        editing.set(None);
        open.set(true);
    };
    view! {
        <div class="level checkout-customer-bar">
            <div class="level-left">
                <form class="level-item" role="search" on:submit=move |ev| { ev.prevent_default(); search.set(q.get_untracked()); }>
                    <div class="field has-addons">
                        <div class="control">
                            <input class="input" type="search" maxlength="100" bind:value=q aria-label=tr!(checkout.customer_search) placeholder=tr!(checkout.customer_search) />
                        </div>
                        <div class="control">
                            <button type="submit" class="button">{tr!(customers.search_button)}</button>
                        </div>
                    </div>
                </form>
            </div>
            <div class="level-right">
                <button type="button" class="button is-link is-light level-item add-customer" on:click=add>"+ "{tr!(checkout.add_customer)}</button>
            </div>
        </div>
        <Transition fallback=|| view! { <LinesSkeleton lines=3 /> }>
            {move || Suspend::new(async move {
                match customers.await {
                    Ok(page) if page.items.is_empty() => view! { <p class="has-text-grey">{tr!(checkout.no_customers)}</p> }.into_any(),
                    Ok(page) => view! { <CustomerTable items=page.items chosen editing open /> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| customers.refetch()) /> }.into_any(),
                }
            })}
        </Transition>
        <Modal
            open
            title_id="customer-dialog"
            title=Signal::derive(move || {
                let i18n = use_i18n();
                if editing.read().is_some() {
                    t_string!(i18n, checkout.edit_customer).to_string()
                } else {
                    t_string!(i18n, checkout.add_customer).to_string()
                }
            })
        >
            {move || view! { <CustomerDialog current=editing.get() saved close=Callback::new(move |()| open.set(false)) /> }}
        </Modal>
    }
}

#[component]
fn CustomerTable(
    items: Vec<Customer>,
    chosen: RwSignal<Option<Customer>>,
    editing: RwSignal<Option<Customer>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = items
        .into_iter()
        .map(|customer| {
            let id = customer.id;
            let pick = StoredValue::new(customer.clone());
            let name = customer.name.clone();
            let edit_name = name.clone();
            view! {
                <tr class:is-selected=move || chosen.read().as_ref().is_some_and(|c| c.id == id)>
                    <td>
                        <input
                            type="radio"
                            name="customer"
                            aria-label=move || t_string!(i18n, checkout.pick_named, name = name.clone()).to_string()
                            prop:checked=move || chosen.read().as_ref().is_some_and(|c| c.id == id)
                            on:change=move |_| chosen.set(Some(pick.get_value()))
                        />
                    </td>
                    <td>{customer.name.clone()}</td>
                    <td>{customer.company_name.clone()}</td>
                    <td>{customer.address.clone()}</td>
                    <td>{customer.email.clone()}</td>
                    <td>{customer.phone.clone()}</td>
                    <td>
                        <button
                            type="button"
                            class="button is-small is-text"
                            aria-label=move || t_string!(i18n, checkout.edit_named, name = edit_name.clone()).to_string()
                            on:click=move |_| {
                                editing.set(Some(pick.get_value()));
                                open.set(true);
                            }
                        >
                            {tr!(checkout.edit_customer)}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-container">
            <table class="table is-fullwidth is-hoverable checkout-customers">
                <thead>
                    <tr>
                        <th scope="col">{tr!(checkout.choose)}</th>
                        <th scope="col">{tr!(checkout.col_name)}</th>
                        <th scope="col">{tr!(checkout.col_company)}</th>
                        <th scope="col">{tr!(checkout.col_address)}</th>
                        <th scope="col">{tr!(checkout.col_email)}</th>
                        <th scope="col">{tr!(checkout.col_phone)}</th>
                        <th scope="col">{tr!(checkout.col_actions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// 添加客户 (`current` None) or 修改 a customer; `saved` gets the stored customer.
#[component]
fn CustomerDialog(
    current: Option<Customer>,
    saved: Callback<Customer>,
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let errors = form.errors;
    let id = current.as_ref().map(|c| c.id);
    let field = |get: fn(&Customer) -> String| RwSignal::new(current.as_ref().map(get).unwrap_or_default());
    let name = field(|c| c.name.clone());
    let email = field(|c| c.email.clone());
    let company = field(|c| c.company_name.clone());
    let phone = field(|c| c.phone.clone());
    let address = field(|c| c.address.clone());
    let on_submit = Callback::new(move |()| {
        let input = CustomerInput {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            company_name: company.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
            address: address.get_untracked().trim().to_owned(),
        };
        form.submit(
            input,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_customer(id, &input).await,
                    None => api.create_customer(&input).await,
                }
            },
            move |customer| {
                session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, checkout.customer_saved).to_string(),
                );
                saved.run(customer);
            },
        );
    });
    view! {
        <EditorForm form on_submit on_cancel=close>
            <TextField name="name" label=ts!(customers.name) value=name errors required=true maxlength=50 />
            <TextField name="email" label=ts!(customers.email) value=email errors required=true kind="email" maxlength=254 />
            <TextField name="company_name" label=ts!(customers.company) value=company errors required=true maxlength=100 />
            <TextField name="phone" label=ts!(customers.phone) value=phone errors required=true kind="tel" maxlength=20 />
            <TextField name="address" label=ts!(customers.address) value=address errors maxlength=200 />
        </EditorForm>
    }
}

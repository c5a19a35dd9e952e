//! 添加客户 / 编辑客户 - <name> (§6.3.2–6.3.4): 姓名 邮箱 公司 电话 地址, 保存, 删除 (edit only,
//! with confirmation) and 返回列表.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use rc_types::customers::{Customer, CustomerInput};

use crate::api::LoadError;
use crate::components::confirm::{Confirm, asker};
use crate::components::error_view::ErrorView;
use crate::components::field::{FormAlert, TextField};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check, failure_text};
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const LIST: &str = "/account/customers";

/// `/account/customers/new` and `/account/customers/:id`.
#[component]
pub fn CustomerFormPage() -> impl IntoView {
    let id = crate::pages::id_param();
    view! {
        <Guard need=Need::Company("manage_customers")>
            {move || match id.get() {
                Some(id) => view! { <EditCustomer id /> }.into_any(),
                None => view! { <CustomerForm customer=None /> }.into_any(),
            }}
        </Guard>
    }
}

/// Loads the customer to edit.
#[component]
fn EditCustomer(
    /// Customer id.
    id: i64,
) -> impl IntoView {
    let session = use_session();
    let customer = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.get_customer(id).await })
            .await
            .map_err(LoadError::from)
    });
    let retry = Callback::new(move |()| customer.refetch());
    view! {
        <Suspense fallback=|| view! { <LinesSkeleton lines=6 /> }>
            {move || Suspend::new(async move {
                match customer.await {
                    Ok(customer) => view! { <CustomerForm customer=Some(customer) /> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form, empty (添加客户) or filled (编辑客户).
#[component]
fn CustomerForm(
    /// The customer being edited, `None` when adding.
    customer: Option<Customer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let id = customer.as_ref().map(|c| c.id);
    let original_name = customer.as_ref().map(|c| c.name.clone()).unwrap_or_default();
    let field = |pick: fn(&Customer) -> &String| {
        RwSignal::new(customer.as_ref().map(|c| pick(c).clone()).unwrap_or_default())
    };
    let name = field(|c| &c.name);
    let email = field(|c| &c.email);
    let company = field(|c| &c.company_name);
    let phone = field(|c| &c.phone);
    let address = field(|c| &c.address);
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = {
        let navigate = navigate.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            alert.set(None);
            let input = CustomerInput {
                name: name.get_untracked().trim().to_owned(),
                email: email.get_untracked().trim().to_owned(),
                company_name: company.get_untracked().trim().to_owned(),
                phone: phone.get_untracked().trim().to_owned(),
                address: address.get_untracked().trim().to_owned(),
            };
            let found = check(&input);
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            busy.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                let result = session
                    .call(|api| {
                        let input = input.clone();
                        async move {
                            match id {
                                Some(id) => api.update_customer(id, &input).await,
                                None => api.create_customer(&input).await,
                            }
                        }
                    })
                    .await;
                busy.set(false);
                match result {
                    Ok(_) => {
                        session.notify_at(
                            LIST,
                            NoticeKind::Success,
                            t_string!(i18n, customers.saved).to_string(),
                        );
                        navigate(LIST, NavigateOptions::default());
                    }
                    Err(error) if error.status() == Some(422) => errors.set(api_fields(&error)),
                    Err(error) => alert.set(Some(failure_text(i18n, &error))),
                }
            });
        }
    };

    let ask = asker();
    let on_delete = move |_| {
        let Some(id) = id else { return };
        let navigate = navigate.clone();
        ask(Confirm {
            message: t_string!(i18n, confirm.delete_text).to_string(),
            action: t_string!(i18n, confirm.delete).to_string(),
            danger: true,
            run: Callback::new(move |()| {
                let navigate = navigate.clone();
                spawn_local(async move {
                    match session
                        .call(|api| async move { api.delete_customer(id).await })
                        .await
                    {
                        Ok(()) => {
                            session.notify_at(
                                LIST,
                                NoticeKind::Success,
                                t_string!(i18n, customers.deleted_one).to_string(),
                            );
                            navigate(LIST, NavigateOptions::default());
                        }
                        Err(error) => alert.set(Some(failure_text(i18n, &error))),
                    }
                });
            }),
        });
    };

    let editing = id.is_some();
    let title = Signal::derive(move || {
        if editing {
            t_string!(i18n, customers.edit_title, name = original_name.clone()).to_string()
        } else {
            t_string!(i18n, customers.add_title).to_string()
        }
    });
    view! {
        <PageHead title>
            <A href=LIST attr:class="button is-text">{tr!(customers.back)}</A>
        </PageHead>
        <section class="box form-box">
            <form novalidate on:submit=on_submit>
                <FormAlert message=alert />
                <TextField name="name" label=ts!(customers.name) value=name errors required=true autocomplete="name" maxlength=50 />
                <TextField name="email" label=ts!(customers.email) value=email errors required=true kind="email" autocomplete="email" maxlength=254 />
                <TextField name="company_name" label=ts!(customers.company) value=company errors required=true autocomplete="organization" maxlength=100 />
                <TextField name="phone" label=ts!(customers.phone) value=phone errors required=true kind="tel" autocomplete="tel" maxlength=20 />
                <TextField name="address" label=ts!(customers.address) value=address errors autocomplete="street-address" />
                <div class="buttons">
                    <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                        {tr!(customers.save)}
                    </button>
                    {editing.then(|| view! {
                        <button type="button" class="button is-danger is-outlined" on:click=on_delete.clone()>
                            {tr!(customers.delete)}
                        </button>
                    })}
                </div>
            </form>
        </section>
    }
}

//! 发放优惠券: choose companies (searched by name) and how many coupons each gets; then the
//! codes issued. One `Idempotency-Key` per opening of the dialog.

use leptos::prelude::*;
use rc_types::assets::coupons::{CouponIssueInput, CouponIssueResult, CouponTemplate};
use rc_types::assets::finance::CompanyAssets;

use super::search_companies;
use crate::components::editor::EditorForm;
use crate::components::field::TextField;
use crate::forms::{Errors, error_of, local_error};
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::assets::coupons::ScopeCell;
use crate::pages::account::assets::errors::AssetForm;
use crate::pages::account::assets::idempotency_key;
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The issuance form, then its result.
#[component]
pub fn IssueForm(template: CouponTemplate, close: Callback<()>, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let asset = AssetForm::new(&["company_ids", "quantity"]);
    let form = asset.state;
    let errors = form.errors;
    let key = idempotency_key();
    let id = template.id;
    let chosen = RwSignal::new(Vec::<(i64, String)>::new());
    let quantity = RwSignal::new("1".to_owned());
    let result = RwSignal::new(None::<CouponIssueResult>);
    let on_submit = Callback::new(move |()| {
        let count = quantity.get_untracked().trim().parse::<u32>().ok();
        let extra = if count.is_some() {
            Vec::new()
        } else {
            vec![local_error("quantity", "number")]
        };
        let input = CouponIssueInput {
            company_ids: chosen.with_untracked(|list| list.iter().map(|(id, _)| *id).collect()),
            quantity: count.unwrap_or_default(),
        };
        let key = key.clone();
        let send = move |api: rc_client::Client, input: CouponIssueInput| {
            let key = key.clone();
            async move { api.create_coupon_issuance(id, &input, Some(&key)).await }
        };
        asset.submit(input, extra, send, move |answer| {
            result.set(Some(answer));
            done.run(());
        });
    });
    let terms = template.terms.clone();
    view! {
        <p class="mb-3"><strong>{template.terms.name.clone()}</strong>" "<ScopeCell terms /></p>
        {move || match result.get() {
            Some(answer) => view! { <IssuedCodes answer chosen=chosen.get_untracked() close /> }.into_any(),
            None => view! {
                <EditorForm form on_submit on_cancel=close save_label=ts!(finance.issue)>
                    <CompanyPicker chosen errors />
                    <TextField name="quantity" label=ts!(finance.quantity) value=quantity errors required=true maxlength=3 hint=ts!(finance.quantity_hint) />
                </EditorForm>
            }
                .into_any(),
        }}
        {move || result.with(Option::is_none).then(|| {
            let count = chosen.with(Vec::len);
            view! { <p class="help">{move || t_string!(i18n, finance.chosen_count, count).to_string()}</p> }
        })}
    }
}

/// Companies found by name, with a checkbox each; the chosen ones stay chosen across searches.
#[component]
fn CompanyPicker(chosen: RwSignal<Vec<(i64, String)>>, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let text = RwSignal::new(String::new());
    let q = RwSignal::new(None::<String>);
    let found = LocalResource::new(move || search_companies(session, q.get()));
    let toggle = move |company: &CompanyAssets, on: bool| {
        let (id, name) = (company.company_id, company.company_name.clone());
        chosen.update(|list| {
            list.retain(|(x, _)| *x != id);
            if on {
                list.push((id, name));
            }
        });
        crate::forms::clear(errors, "company_ids");
    };
    // Inside the issuance form: Enter searches instead of submitting it.
    let search = move || {
        let value = text.get_untracked().trim().to_owned();
        q.set((!value.is_empty()).then_some(value));
    };
    view! {
        <fieldset class="field">
            <legend class="label">{tr!(finance.companies_pick)}<span class="required-mark" aria-hidden="true">"*"</span></legend>
            <div class="field has-addons">
                <div class="control is-expanded">
                    <input
                        class="input"
                        type="search"
                        maxlength="100"
                        aria-label=tr!(finance.search_label)
                        placeholder=tr!(finance.search)
                        bind:value=text
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                search();
                            }
                        }
                    />
                </div>
                <div class="control">
                    <button type="button" class="button" on:click=move |_| search()>{tr!(customers.search_button)}</button>
                </div>
            </div>
            <div class="box" style="max-height: 14rem; overflow-y: auto">
                {move || match found.get() {
                    None => view! { <p class="help">{tr!(finance.loading)}</p> }.into_any(),
                    Some(Err(error)) => view! { <p class="help is-danger">{error.message}</p> }.into_any(),
                    Some(Ok(list)) => list
                        .into_iter()
                        .map(|company| {
                            let (id, name) = (company.company_id, company.company_name.clone());
                            view! {
                                <label class="checkbox is-block">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || chosen.with(|list| list.iter().any(|(x, _)| *x == id))
                                        on:change=move |ev| toggle(&company, event_target_checked(&ev))
                                    />
                                    " "{name}
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any(),
                }}
            </div>
            {move || error_of(i18n, errors, "company_ids").map(|text| view! { <p class="help is-danger">{text}</p> })}
        </fieldset>
    }
}

/// The codes issued, per company.
#[component]
fn IssuedCodes(answer: CouponIssueResult, chosen: Vec<(i64, String)>, close: Callback<()>) -> impl IntoView {
    let name_of = move |id: i64| {
        chosen
            .iter()
            .find(|(x, _)| *x == id)
            .map_or_else(|| format!("#{id}"), |(_, name)| name.clone())
    };
    let rows = answer
        .codes
        .into_iter()
        .map(|code| view! { <tr><td>{name_of(code.company_id)}</td><td><code>{code.code}</code></td></tr> })
        .collect_view();
    view! {
        <div class="notification is-success is-light" role="status">{tr!(finance.issued_done)}</div>
        <div class="table-container">
            <table class="table is-fullwidth is-narrow" aria-label=tr!(finance.issued_codes)>
                <thead><tr><th>{tr!(finance.company)}</th><th>{tr!(assets.code)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class="buttons is-right">
            <button type="button" class="button is-link" on:click=move |_| close.run(())>{tr!(assets.ok)}</button>
        </div>
    }
}

//! 品牌资料 (`/admin/brands`).

use std::sync::Arc;

use leptos::prelude::*;
use rc_types::storefront::{Brand, BrandInput};

use super::{edit_delete, reloader, saved};
use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::editor::{Editing, EditorDialog, EditorForm, FormState, ask_delete};
use crate::components::field::{TextArea, TextField};
use crate::components::media::MediaPicker;
use crate::pages::account::layout::{Guard, PageHead};
use crate::pages::admin::solutions::NEED;
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// 品牌资料.
#[component]
pub fn BrandsAdminPage() -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.list_admin_brands().await })
            .await
            .map_err(LoadError::from)
    });
    let reload = reloader(list);
    let editing = Editing::<Brand>::new();
    let columns = vec![
        Column::new(ts!(content.name), |b: &Brand| b.input.name.clone()),
        Column::new(ts!(content.description), |b: &Brand| {
            b.input.description.chars().take(60).collect::<String>()
        })
        .class("cell-wrap"),
        Column::new(ts!(content.website), |b: &Brand| {
            b.input.website.clone().unwrap_or_default()
        })
        .class("cell-wrap"),
        Column::new(ts!(content.actions), move |b: &Brand| {
            let (id, target) = (b.id, b.clone());
            let delete = ask_delete(move |api| async move { api.delete_brand(id).await }, reload);
            edit_delete(move || editing.edit(Some(target.clone())), delete)
        }),
    ];
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.brands)>
                <button type="button" class="button is-link" on:click=move |_| editing.edit(None)>{tr!(content.add_brand)}</button>
            </PageHead>
            <p class="help mb-3">{tr!(content.brands_hint)}</p>
            <DataTable data=list columns=columns.clone() label=ts!(content.brands) skeleton=5 />
            <EditorDialog
                editing
                title_id="brand-title"
                title=ts!(content.brand_dialog)
                wide=true
                form=Arc::new(move |existing| view! { <BrandForm existing editing reload /> }.into_any())
            />
        </Guard>
    }
}

#[component]
fn BrandForm(existing: Option<Brand>, editing: Editing<Brand>, reload: Callback<()>) -> impl IntoView {
    let form = FormState::new();
    let errors = form.errors;
    let id = existing.as_ref().map(|b| b.id);
    let input = existing.as_ref().map(|b| b.input.clone()).unwrap_or_default();
    let name = RwSignal::new(input.name);
    let description = RwSignal::new(input.description);
    let website = RwSignal::new(input.website.unwrap_or_default());
    let logo = RwSignal::new(input.logo_media_id);
    let logo_url = RwSignal::new(existing.as_ref().and_then(|b| b.logo_url.clone()));
    let done = saved(editing.closer(), reload);
    let on_submit = Callback::new(move |()| {
        let site = website.get_untracked().trim().to_owned();
        let input = BrandInput {
            name: name.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            logo_media_id: logo.get_untracked(),
            website: (!site.is_empty()).then_some(site),
        };
        form.submit(
            input,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_brand(id, &input).await,
                    None => api.create_brand(&input).await,
                }
            },
            move |_| done(()),
        );
    });
    view! {
        <EditorForm form on_submit on_cancel=editing.closer()>
            <TextField name="name" label=ts!(content.brand_name) value=name errors required=true maxlength=100 hint=ts!(content.brand_name_hint) />
            <TextArea name="description" label=ts!(content.description) value=description errors max=2000 counter=true rows=4 />
            <TextField name="website" label=ts!(content.website) value=website errors maxlength=500 placeholder=ts!(content.url_placeholder) />
            <MediaPicker name="logo" label=ts!(admin_solutions.logo) media_id=logo preview=logo_url />
        </EditorForm>
    }
}

//! 合作伙伴 (`/admin/partners`).

use std::sync::Arc;

use leptos::prelude::*;
use rc_types::catalog::PublishState;
use rc_types::storefront::{Partner, PartnerInput};

use super::{
    PositionField, edit_delete, parse_state, position_of, reloader, saved, state_name, state_options,
};
use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::editor::{Editing, EditorDialog, EditorForm, FormState, ask_delete};
use crate::components::field::{SelectField, TextField};
use crate::components::media::MediaPicker;
use crate::i18n::use_i18n;
use crate::pages::account::layout::{Guard, PageHead};
use crate::pages::admin::solutions::{NEED, StateTag};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// 合作伙伴.
#[component]
pub fn PartnersPage() -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.list_admin_partners().await })
            .await
            .map(|mut items| {
                items.sort_by_key(|p| p.position);
                items
            })
            .map_err(LoadError::from)
    });
    let reload = reloader(list);
    let editing = Editing::<Partner>::new();
    let columns = vec![
        Column::new(ts!(content.name), |p: &Partner| p.name.clone()),
        Column::new(ts!(content.website), |p: &Partner| {
            p.link.clone().unwrap_or_default()
        })
        .class("cell-wrap"),
        Column::new(ts!(content.position), |p: &Partner| p.position),
        Column::new(
            ts!(content.state),
            |p: &Partner| view! { <StateTag state=p.state /> },
        ),
        Column::new(ts!(content.actions), move |p: &Partner| {
            let (id, target) = (p.id, p.clone());
            let delete = ask_delete(move |api| async move { api.delete_partner(id).await }, reload);
            edit_delete(move || editing.edit(Some(target.clone())), delete)
        }),
    ];
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.partners)>
                <button type="button" class="button is-link" on:click=move |_| editing.edit(None)>{tr!(content.add_partner)}</button>
            </PageHead>
            <DataTable data=list columns=columns.clone() label=ts!(content.partners) skeleton=5 />
            <EditorDialog
                editing
                title_id="partner-title"
                title=ts!(content.partner_dialog)
                form=Arc::new(move |existing| view! { <PartnerForm existing editing reload /> }.into_any())
            />
        </Guard>
    }
}

#[component]
fn PartnerForm(existing: Option<Partner>, editing: Editing<Partner>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let errors = form.errors;
    let id = existing.as_ref().map(|p| p.id);
    let name = RwSignal::new(existing.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let link = RwSignal::new(existing.as_ref().and_then(|p| p.link.clone()).unwrap_or_default());
    let position = RwSignal::new(existing.as_ref().map_or(0, |p| p.position).to_string());
    let state =
        RwSignal::new(state_name(existing.as_ref().map_or(PublishState::Draft, |p| p.state)).to_owned());
    let logo_url = RwSignal::new(existing.as_ref().and_then(|p| p.logo_url.clone()));
    let logo = RwSignal::new(existing.as_ref().and_then(|p| p.logo_media_id));
    let done = saved(editing.closer(), reload);
    let on_submit = Callback::new(move |()| {
        let site = link.get_untracked().trim().to_owned();
        let input = PartnerInput {
            name: name.get_untracked().trim().to_owned(),
            logo_media_id: logo.get_untracked(),
            link: (!site.is_empty()).then_some(site),
            position: position_of(position),
            state: parse_state(&state.get_untracked()),
        };
        form.submit(
            input,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_partner(id, &input).await,
                    None => api.create_partner(&input).await,
                }
            },
            move |_| done(()),
        );
    });
    view! {
        <EditorForm form on_submit on_cancel=editing.closer()>
            <TextField name="name" label=ts!(content.name) value=name errors required=true maxlength=60 />
            <TextField name="link" label=ts!(content.website) value=link errors maxlength=500 placeholder=ts!(content.url_placeholder) />
            <MediaPicker name="logo" label=ts!(admin_solutions.logo) media_id=logo preview=logo_url />
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><PositionField value=position errors /></div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
        </EditorForm>
    }
}

//! 广告位 (`/admin/ads`).

use std::sync::Arc;

use leptos::prelude::*;
use rc_types::catalog::PublishState;
use rc_types::storefront::{Ad, AdInput, AdSlot};

use super::{
    PositionField, edit_delete, parse_state, position_of, reloader, saved, state_name, state_options,
};
use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::editor::{Editing, EditorDialog, EditorForm, FormState, ask_delete};
use crate::components::field::{SelectField, TextField};
use crate::components::media::MediaPicker;
use crate::i18n::{ad_slot_label, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::pages::admin::solutions::{NEED, StateTag};
use crate::session::use_session;
use crate::tr;
use crate::ts;

const SLOTS: [(&str, AdSlot); 3] = [
    ("home_strip", AdSlot::HomeStrip),
    ("list_side", AdSlot::ListSide),
    ("detail_side", AdSlot::DetailSide),
];

/// 广告位.
#[component]
pub fn AdsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.list_admin_ads().await })
            .await
            .map(|mut items| {
                items.sort_by_key(|a| (a.slot.as_str(), a.position));
                items
            })
            .map_err(LoadError::from)
    });
    let reload = reloader(list);
    let editing = Editing::<Ad>::new();
    let columns = vec![
        Column::new(ts!(content.slot), move |a: &Ad| {
            let slot = a.slot;
            move || ad_slot_label(i18n, slot)
        })
        .class("nowrap"),
        Column::new(ts!(content.title_field), |a: &Ad| {
            view! { {a.title.clone()}<span class="ticket-solution">{a.subtitle.clone()}</span> }
        })
        .class("cell-wrap"),
        Column::new(ts!(content.link), |a: &Ad| a.link.clone()).class("cell-wrap"),
        Column::new(ts!(content.position), |a: &Ad| a.position),
        Column::new(ts!(content.state), |a: &Ad| view! { <StateTag state=a.state /> }),
        Column::new(ts!(content.actions), move |a: &Ad| {
            let (id, target) = (a.id, a.clone());
            let delete = ask_delete(move |api| async move { api.delete_ad(id).await }, reload);
            edit_delete(move || editing.edit(Some(target.clone())), delete)
        }),
    ];
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.ads)>
                <button type="button" class="button is-link" on:click=move |_| editing.edit(None)>{tr!(content.add_ad)}</button>
            </PageHead>
            <DataTable data=list columns=columns.clone() label=ts!(content.ads) skeleton=5 />
            <EditorDialog
                editing
                title_id="ad-title"
                title=ts!(content.ad_dialog)
                wide=true
                form=Arc::new(move |existing| view! { <AdForm existing editing reload /> }.into_any())
            />
        </Guard>
    }
}

#[component]
fn AdForm(existing: Option<Ad>, editing: Editing<Ad>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let errors = form.errors;
    let id = existing.as_ref().map(|a| a.id);
    let slot = RwSignal::new(
        existing
            .as_ref()
            .map_or(AdSlot::HomeStrip, |a| a.slot)
            .as_str()
            .to_owned(),
    );
    let title = RwSignal::new(existing.as_ref().map(|a| a.title.clone()).unwrap_or_default());
    let subtitle = RwSignal::new(existing.as_ref().map(|a| a.subtitle.clone()).unwrap_or_default());
    let link = RwSignal::new(
        existing
            .as_ref()
            .map_or_else(|| "/solutions".to_owned(), |a| a.link.clone()),
    );
    let position = RwSignal::new(existing.as_ref().map_or(0, |a| a.position).to_string());
    let state =
        RwSignal::new(state_name(existing.as_ref().map_or(PublishState::Draft, |a| a.state)).to_owned());
    let image_url = RwSignal::new(existing.as_ref().and_then(|a| a.image_url.clone()));
    let image = RwSignal::new(existing.as_ref().and_then(|a| a.image_media_id));
    let done = saved(editing.closer(), reload);
    let on_submit = Callback::new(move |()| {
        let picked = slot.get_untracked();
        let input = AdInput {
            slot: SLOTS
                .iter()
                .find(|(w, _)| *w == picked)
                .map_or(AdSlot::HomeStrip, |(_, s)| *s),
            title: title.get_untracked().trim().to_owned(),
            subtitle: subtitle.get_untracked().trim().to_owned(),
            image_media_id: image.get_untracked(),
            link: link.get_untracked().trim().to_owned(),
            position: position_of(position),
            state: parse_state(&state.get_untracked()),
        };
        form.submit(
            input,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_ad(id, &input).await,
                    None => api.create_ad(&input).await,
                }
            },
            move |_| done(()),
        );
    });
    let slots: Vec<(&'static str, Signal<String>)> = SLOTS
        .into_iter()
        .map(|(wire, s)| (wire, Signal::derive(move || ad_slot_label(i18n, s).to_owned())))
        .collect();
    view! {
        <EditorForm form on_submit on_cancel=editing.closer()>
            <SelectField name="slot" label=ts!(content.slot) value=slot errors options=slots required=true />
            <TextField name="title" label=ts!(content.title_field) value=title errors required=true maxlength=60 />
            <TextField name="subtitle" label=ts!(content.subtitle) value=subtitle errors maxlength=120 />
            <TextField name="link" label=ts!(content.link) value=link errors required=true maxlength=500 hint=ts!(content.link_hint) />
            <MediaPicker name="image" label=ts!(content.image) media_id=image preview=image_url />
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><PositionField value=position errors /></div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
        </EditorForm>
    }
}

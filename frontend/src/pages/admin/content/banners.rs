//! 轮播广告 (`/admin/banners`).

use std::sync::Arc;

use leptos::prelude::*;
use rc_types::catalog::PublishState;
use rc_types::storefront::{Banner, BannerInput};

use super::{
    LocalTimeField, PositionField, edit_delete, from_local_input, parse_state, position_of, reloader, saved,
};
use super::{state_name, state_options, to_local_input};
use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::editor::{Editing, EditorDialog, EditorForm, FormState, ask_delete};
use crate::components::field::{SelectField, TextField};
use crate::components::media::MediaPicker;
use crate::i18n::{datetime, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::pages::admin::solutions::{NEED, StateTag};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// 轮播广告.
#[component]
pub fn BannersPage() -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.list_admin_banners().await })
            .await
            .map(|mut items| {
                items.sort_by_key(|b| b.position);
                items
            })
            .map_err(LoadError::from)
    });
    let reload = reloader(list);
    let editing = Editing::<Banner>::new();
    let columns = vec![
        Column::new(ts!(content.title_field), |b: &Banner| {
            view! { {b.title.clone()}<span class="ticket-solution">{b.subtitle.clone()}</span> }
        })
        .class("cell-wrap"),
        Column::new(ts!(content.link), |b: &Banner| b.link.clone()).class("cell-wrap"),
        Column::new(ts!(content.position), |b: &Banner| b.position),
        Column::new(ts!(content.window), |b: &Banner| {
            format!(
                "{} – {}",
                b.starts_at.map_or_else(|| "…".to_owned(), datetime),
                b.ends_at.map_or_else(|| "…".to_owned(), datetime)
            )
        })
        .class("nowrap"),
        Column::new(
            ts!(content.state),
            |b: &Banner| view! { <StateTag state=b.state /> },
        ),
        Column::new(ts!(content.actions), move |b: &Banner| {
            let (id, target) = (b.id, b.clone());
            let delete = ask_delete(move |api| async move { api.delete_banner(id).await }, reload);
            edit_delete(move || editing.edit(Some(target.clone())), delete)
        }),
    ];
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.banners)>
                <button type="button" class="button is-link" on:click=move |_| editing.edit(None)>{tr!(content.add_banner)}</button>
            </PageHead>
            <DataTable data=list columns=columns.clone() label=ts!(content.banners) skeleton=5 />
            <EditorDialog
                editing
                title_id="banner-title"
                title=ts!(content.banner_dialog)
                wide=true
                form=Arc::new(move |existing| view! { <BannerForm existing editing reload /> }.into_any())
            />
        </Guard>
    }
}

#[component]
fn BannerForm(existing: Option<Banner>, editing: Editing<Banner>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let errors = form.errors;
    let id = existing.as_ref().map(|b| b.id);
    let title = RwSignal::new(existing.as_ref().map(|b| b.title.clone()).unwrap_or_default());
    let subtitle = RwSignal::new(existing.as_ref().map(|b| b.subtitle.clone()).unwrap_or_default());
    let link = RwSignal::new(
        existing
            .as_ref()
            .map_or_else(|| "/solutions".to_owned(), |b| b.link.clone()),
    );
    let position = RwSignal::new(existing.as_ref().map_or(0, |b| b.position).to_string());
    let local =
        |at: Option<chrono::DateTime<chrono::Utc>>| RwSignal::new(at.map(to_local_input).unwrap_or_default());
    let starts = local(existing.as_ref().and_then(|b| b.starts_at));
    let ends = local(existing.as_ref().and_then(|b| b.ends_at));
    let state =
        RwSignal::new(state_name(existing.as_ref().map_or(PublishState::Draft, |b| b.state)).to_owned());
    let image_url = RwSignal::new(existing.as_ref().and_then(|b| b.image_url.clone()));
    let image = RwSignal::new(existing.as_ref().and_then(|b| b.image_media_id));
    let done = saved(editing.closer(), reload);
    let on_submit = Callback::new(move |()| {
        let input = BannerInput {
            title: title.get_untracked().trim().to_owned(),
            subtitle: subtitle.get_untracked().trim().to_owned(),
            image_media_id: image.get_untracked(),
            link: link.get_untracked().trim().to_owned(),
            position: position_of(position),
            starts_at: from_local_input(&starts.get_untracked()),
            ends_at: from_local_input(&ends.get_untracked()),
            state: parse_state(&state.get_untracked()),
        };
        form.submit(
            input,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_banner(id, &input).await,
                    None => api.create_banner(&input).await,
                }
            },
            move |_| done(()),
        );
    });
    view! {
        <EditorForm form on_submit on_cancel=editing.closer()>
            <TextField name="title" label=ts!(content.title_field) value=title errors required=true maxlength=60 />
            <TextField name="subtitle" label=ts!(content.subtitle) value=subtitle errors maxlength=120 />
            <TextField name="link" label=ts!(content.link) value=link errors required=true maxlength=500 hint=ts!(content.link_hint) />
            <MediaPicker name="image" label=ts!(content.image) media_id=image preview=image_url />
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><LocalTimeField name="starts_at" label=ts!(content.starts_at) value=starts /></div>
                <div class="column"><LocalTimeField name="ends_at" label=ts!(content.ends_at) value=ends /></div>
            </div>
            {move || errors.with(|list| list.iter().find(|e| e.field == "__all__" || e.code == "window").map(|_| view! {
                <p class="help is-danger">{tr!(content.window_order)}</p>
            }))}
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><PositionField value=position errors /></div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
        </EditorForm>
    }
}

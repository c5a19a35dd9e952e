//! Storefront content (operator, `manage_catalog`): 轮播广告 (banners), 广告位 (ads), 合作伙伴
//! (partners) and 品牌资料 (brand profiles). Each page lists the items with 编辑 / 删除 and edits one
//! in a dialog.

use chrono::{DateTime, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_client::{Client, ClientError};
use rc_types::FieldError;
use rc_types::catalog::PublishState;
use rc_types::storefront::{
    Ad, AdInput, AdSlot, Banner, BannerInput, Brand, BrandInput, Partner, PartnerInput,
};
use validator::Validate;

use crate::api::{LoadError, forget_content};
use crate::components::confirm::{Confirm, asker};
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::field::{FormAlert, SelectField, TextArea, TextField};
use crate::components::media::MediaPicker;
use crate::components::modal::Modal;
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check, failure_text};
use crate::i18n::{Locale, ad_slot_label, datetime, publish_state_label, t_string, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::pages::admin::solutions::{NEED, StateTag};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// A `datetime-local` value (`YYYY-MM-DDTHH:MM`, browser time) for a UTC time.
pub fn to_local_input(at: DateTime<Utc>) -> String {
    let text = datetime(at);
    text.replacen(' ', "T", 1)
}

/// The date and time of a `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds allowed); `None`
/// when empty or malformed. Read by hand: chrono's format parser would add its whole machinery
/// to the wasm.
pub fn parse_local(value: &str) -> Option<chrono::NaiveDateTime> {
    let (day, time) = value.trim().split_once('T')?;
    let mut date_parts = day.splitn(3, '-').map(str::parse::<u32>);
    let (year, month, dom) = (
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
    );
    let (hour, minute) = time.split_once(':')?;
    let minute = minute.get(..2).unwrap_or(minute);
    chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, dom)?.and_hms_opt(
        hour.parse().ok()?,
        minute.parse().ok()?,
        0,
    )
}

/// A UTC time from a `datetime-local` value in the browser's time zone; `None` when empty or
/// malformed.
pub fn from_local_input(value: &str) -> Option<DateTime<Utc>> {
    let naive = parse_local(value)?;
    // getTimezoneOffset: minutes to add to local time to get UTC.
    #[allow(clippy::cast_possible_truncation)]
    let offset = js_sys::Date::new_0().get_timezone_offset() as i64;
    Some(naive.and_utc() + chrono::Duration::minutes(offset))
}

/// Options of a publication state select.
fn state_options(i18n: leptos_i18n::I18nContext<Locale>) -> Vec<(&'static str, Signal<String>)> {
    [
        ("draft", PublishState::Draft),
        ("published", PublishState::Published),
    ]
    .into_iter()
    .map(|(wire, state)| {
        (
            wire,
            Signal::derive(move || publish_state_label(i18n, state).to_owned()),
        )
    })
    .collect()
}

fn parse_state(value: &str) -> PublishState {
    if value == "published" {
        PublishState::Published
    } else {
        PublishState::Draft
    }
}

fn state_name(state: PublishState) -> &'static str {
    match state {
        PublishState::Draft => "draft",
        PublishState::Published => "published",
    }
}

/// Validates, sends and reports a save; `Ok` closes the dialog and reloads the list.
fn submit<T, R, F, Fut>(
    input: T,
    errors: Errors,
    alert: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    send: F,
    done: impl Fn() + 'static,
) where
    T: Validate + Clone + 'static,
    R: 'static,
    F: Fn(Client, T) -> Fut + Copy + 'static,
    Fut: std::future::Future<Output = Result<R, ClientError>> + 'static,
{
    let i18n = use_i18n();
    let session = use_session();
    let found: Vec<FieldError> = check(&input);
    alert.set(None);
    if !found.is_empty() {
        errors.set(found);
        return;
    }
    busy.set(true);
    spawn_local(async move {
        let result = session
            .call(|api| {
                let input = input.clone();
                send(api, input)
            })
            .await;
        busy.set(false);
        match result {
            Ok(_) => {
                forget_content();
                session.notify(NoticeKind::Success, t_string!(i18n, content.saved).to_string());
                done();
            }
            Err(error) => {
                let fields = api_fields(&error);
                if fields.is_empty() {
                    alert.set(Some(failure_text(i18n, &error)));
                } else {
                    errors.set(fields);
                }
            }
        }
    });
}

/// Asks, then deletes through `send` and reloads.
fn confirm_delete<F, Fut>(send: F, reload: Callback<()>) -> impl Fn() + Copy + 'static
where
    F: Fn(Client) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), ClientError>> + 'static,
{
    let i18n = use_i18n();
    let session = use_session();
    let ask = asker();
    move || {
        ask(Confirm {
            message: t_string!(i18n, confirm.delete_text).to_string(),
            action: t_string!(i18n, confirm.delete).to_string(),
            danger: true,
            run: Callback::new(move |()| {
                spawn_local(async move {
                    match session.call(send).await {
                        Ok(()) => {
                            forget_content();
                            session.notify(NoticeKind::Success, t_string!(i18n, content.deleted).to_string());
                            reload.run(());
                        }
                        Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                    }
                });
            }),
        });
    }
}

/// The dialog's buttons.
#[component]
fn DialogButtons(open: RwSignal<bool>, busy: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="buttons is-right lead-actions">
            <button type="button" class="button" on:click=move |_| open.set(false)>{tr!(leads.cancel)}</button>
            <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                {tr!(content.save)}
            </button>
        </div>
    }
}

/// A number field (position).
#[component]
fn PositionField(value: RwSignal<String>, errors: Errors) -> impl IntoView {
    view! { <TextField name="position" label=ts!(content.position) value errors maxlength=5 hint=ts!(content.position_hint) /> }
}

fn position_of(value: RwSignal<String>) -> i32 {
    value.get_untracked().trim().parse().unwrap_or(0)
}

// ---------------------------------------------------------------- banners

/// 轮播广告.
#[component]
pub fn BannersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.admin_banners().await })
            .await
            .map_err(LoadError::from)
    });
    let reload = Callback::new(move |()| list.refetch());
    let open = RwSignal::new(false);
    let editing = RwSignal::new(None::<Banner>);
    let edit = move |banner: Option<Banner>| {
        editing.set(banner);
        open.set(true);
    };
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.banners)>
                <button type="button" class="button is-link" on:click=move |_| edit(None)>{tr!(content.add_banner)}</button>
            </PageHead>
            <section class="box list-box">
                <Transition fallback=|| view! { <LinesSkeleton lines=5 /> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(items) if items.is_empty() => view! { <EmptyState /> }.into_any(),
                            Ok(mut items) => {
                                items.sort_by_key(|b| b.position);
                                view! {
                                    <div class="table-container">
                                        <table class="table is-fullwidth data-table" aria-label=tr!(content.banners)>
                                            <thead>
                                                <tr>
                                                    <th>{tr!(content.title_field)}</th>
                                                    <th>{tr!(content.link)}</th>
                                                    <th>{tr!(content.position)}</th>
                                                    <th>{tr!(content.window)}</th>
                                                    <th>{tr!(content.state)}</th>
                                                    <th>{tr!(content.actions)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {items
                                                    .into_iter()
                                                    .map(|banner| {
                                                        let id = banner.id;
                                                        let window = format!(
                                                            "{} – {}",
                                                            banner.starts_at.map_or_else(|| "…".to_owned(), datetime),
                                                            banner.ends_at.map_or_else(|| "…".to_owned(), datetime)
                                                        );
                                                        let delete = confirm_delete(move |api| async move { api.delete_banner(id).await }, reload);
                                                        let target = banner.clone();
                                                        view! {
                                                            <tr>
                                                                <td class="cell-wrap">{banner.title.clone()}<span class="ticket-solution">{banner.subtitle.clone()}</span></td>
                                                                <td class="cell-wrap">{banner.link.clone()}</td>
                                                                <td>{banner.position}</td>
                                                                <td class="nowrap">{window}</td>
                                                                <td><StateTag state=banner.state /></td>
                                                                <td>
                                                                    <div class="row-actions">
                                                                        <button type="button" class="button is-small" on:click=move |_| edit(Some(target.clone()))>{tr!(content.edit)}</button>
                                                                        <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| delete()>{tr!(content.delete)}</button>
                                                                    </div>
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorView error on_retry=reload /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <Modal open title_id="banner-title" title=Signal::derive(move || t_string!(i18n, content.banner_dialog).to_string()) wide=true>
                <BannerForm existing=editing.get_untracked() open reload />
            </Modal>
        </Guard>
    }
}

#[component]
fn BannerForm(existing: Option<Banner>, open: RwSignal<bool>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = existing.as_ref().map(|b| b.id);
    let title = RwSignal::new(existing.as_ref().map(|b| b.title.clone()).unwrap_or_default());
    let subtitle = RwSignal::new(existing.as_ref().map(|b| b.subtitle.clone()).unwrap_or_default());
    let link = RwSignal::new(
        existing
            .as_ref()
            .map_or_else(|| "/solutions".to_owned(), |b| b.link.clone()),
    );
    let position = RwSignal::new(existing.as_ref().map_or(0, |b| b.position).to_string());
    let starts = RwSignal::new(
        existing
            .as_ref()
            .and_then(|b| b.starts_at)
            .map(to_local_input)
            .unwrap_or_default(),
    );
    let ends = RwSignal::new(
        existing
            .as_ref()
            .and_then(|b| b.ends_at)
            .map(to_local_input)
            .unwrap_or_default(),
    );
    let state =
        RwSignal::new(state_name(existing.as_ref().map_or(PublishState::Draft, |b| b.state)).to_owned());
    let image_url = RwSignal::new(existing.as_ref().and_then(|b| b.image_url.clone()));
    let image = RwSignal::new(existing.as_ref().and_then(|b| b.image_media_id));
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
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
        submit(
            input,
            errors,
            alert,
            busy,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_banner(id, &input).await,
                    None => api.create_banner(&input).await,
                }
            },
            move || {
                open.set(false);
                reload.run(());
            },
        );
    };
    view! {
        <form novalidate on:submit=on_submit>
            <FormAlert message=alert />
            <TextField name="title" label=ts!(content.title_field) value=title errors required=true maxlength=60 />
            <TextField name="subtitle" label=ts!(content.subtitle) value=subtitle errors maxlength=120 />
            <TextField name="link" label=ts!(content.link) value=link errors required=true maxlength=500 hint=ts!(content.link_hint) />
            <MediaPicker name="image" label=ts!(content.image) media_id=image preview=image_url />
            <div class="columns is-variable is-2 mb-0">
                <div class="column">
                    <div class="field">
                        <label class="label" for="f-starts_at">{tr!(content.starts_at)}</label>
                        <input id="f-starts_at" class="input" type="datetime-local" bind:value=starts />
                    </div>
                </div>
                <div class="column">
                    <div class="field">
                        <label class="label" for="f-ends_at">{tr!(content.ends_at)}</label>
                        <input id="f-ends_at" class="input" type="datetime-local" bind:value=ends />
                    </div>
                </div>
            </div>
            {move || errors.with(|list| list.iter().find(|e| e.field == "__all__" || e.code == "window").map(|_| view! {
                <p class="help is-danger">{tr!(content.window_order)}</p>
            }))}
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><PositionField value=position errors /></div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
            <DialogButtons open busy />
        </form>
    }
}

// ---------------------------------------------------------------- ads

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
            .call(|api| async move { api.admin_ads().await })
            .await
            .map_err(LoadError::from)
    });
    let reload = Callback::new(move |()| list.refetch());
    let open = RwSignal::new(false);
    let editing = RwSignal::new(None::<Ad>);
    let edit = move |ad: Option<Ad>| {
        editing.set(ad);
        open.set(true);
    };
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.ads)>
                <button type="button" class="button is-link" on:click=move |_| edit(None)>{tr!(content.add_ad)}</button>
            </PageHead>
            <section class="box list-box">
                <Transition fallback=|| view! { <LinesSkeleton lines=5 /> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(items) if items.is_empty() => view! { <EmptyState /> }.into_any(),
                            Ok(mut items) => {
                                items.sort_by_key(|a| (a.slot.as_str(), a.position));
                                view! {
                                    <div class="table-container">
                                        <table class="table is-fullwidth data-table" aria-label=tr!(content.ads)>
                                            <thead>
                                                <tr>
                                                    <th>{tr!(content.slot)}</th>
                                                    <th>{tr!(content.title_field)}</th>
                                                    <th>{tr!(content.link)}</th>
                                                    <th>{tr!(content.position)}</th>
                                                    <th>{tr!(content.state)}</th>
                                                    <th>{tr!(content.actions)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {items
                                                    .into_iter()
                                                    .map(|ad| {
                                                        let id = ad.id;
                                                        let slot = ad.slot;
                                                        let delete = confirm_delete(move |api| async move { api.delete_ad(id).await }, reload);
                                                        let target = ad.clone();
                                                        view! {
                                                            <tr>
                                                                <td class="nowrap">{move || ad_slot_label(i18n, slot)}</td>
                                                                <td class="cell-wrap">{ad.title.clone()}<span class="ticket-solution">{ad.subtitle.clone()}</span></td>
                                                                <td class="cell-wrap">{ad.link.clone()}</td>
                                                                <td>{ad.position}</td>
                                                                <td><StateTag state=ad.state /></td>
                                                                <td>
                                                                    <div class="row-actions">
                                                                        <button type="button" class="button is-small" on:click=move |_| edit(Some(target.clone()))>{tr!(content.edit)}</button>
                                                                        <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| delete()>{tr!(content.delete)}</button>
                                                                    </div>
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorView error on_retry=reload /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <Modal open title_id="ad-title" title=Signal::derive(move || t_string!(i18n, content.ad_dialog).to_string()) wide=true>
                <AdForm existing=editing.get_untracked() open reload />
            </Modal>
        </Guard>
    }
}

#[component]
fn AdForm(existing: Option<Ad>, open: RwSignal<bool>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
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
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
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
        submit(
            input,
            errors,
            alert,
            busy,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_ad(id, &input).await,
                    None => api.create_ad(&input).await,
                }
            },
            move || {
                open.set(false);
                reload.run(());
            },
        );
    };
    let slots: Vec<(&'static str, Signal<String>)> = SLOTS
        .into_iter()
        .map(|(wire, s)| (wire, Signal::derive(move || ad_slot_label(i18n, s).to_owned())))
        .collect();
    view! {
        <form novalidate on:submit=on_submit>
            <FormAlert message=alert />
            <SelectField name="slot" label=ts!(content.slot) value=slot errors options=slots required=true />
            <TextField name="title" label=ts!(content.title_field) value=title errors required=true maxlength=60 />
            <TextField name="subtitle" label=ts!(content.subtitle) value=subtitle errors maxlength=120 />
            <TextField name="link" label=ts!(content.link) value=link errors required=true maxlength=500 hint=ts!(content.link_hint) />
            <MediaPicker name="image" label=ts!(content.image) media_id=image preview=image_url />
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><PositionField value=position errors /></div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
            <DialogButtons open busy />
        </form>
    }
}

// ---------------------------------------------------------------- partners

/// 合作伙伴.
#[component]
pub fn PartnersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.admin_partners().await })
            .await
            .map_err(LoadError::from)
    });
    let reload = Callback::new(move |()| list.refetch());
    let open = RwSignal::new(false);
    let editing = RwSignal::new(None::<Partner>);
    let edit = move |partner: Option<Partner>| {
        editing.set(partner);
        open.set(true);
    };
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.partners)>
                <button type="button" class="button is-link" on:click=move |_| edit(None)>{tr!(content.add_partner)}</button>
            </PageHead>
            <section class="box list-box">
                <Transition fallback=|| view! { <LinesSkeleton lines=5 /> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(items) if items.is_empty() => view! { <EmptyState /> }.into_any(),
                            Ok(mut items) => {
                                items.sort_by_key(|p| p.position);
                                view! {
                                    <div class="table-container">
                                        <table class="table is-fullwidth data-table" aria-label=tr!(content.partners)>
                                            <thead>
                                                <tr>
                                                    <th>{tr!(content.name)}</th>
                                                    <th>{tr!(content.website)}</th>
                                                    <th>{tr!(content.position)}</th>
                                                    <th>{tr!(content.state)}</th>
                                                    <th>{tr!(content.actions)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {items
                                                    .into_iter()
                                                    .map(|partner| {
                                                        let id = partner.id;
                                                        let delete = confirm_delete(move |api| async move { api.delete_partner(id).await }, reload);
                                                        let target = partner.clone();
                                                        view! {
                                                            <tr>
                                                                <td>{partner.name.clone()}</td>
                                                                <td class="cell-wrap">{partner.link.clone().unwrap_or_default()}</td>
                                                                <td>{partner.position}</td>
                                                                <td><StateTag state=partner.state /></td>
                                                                <td>
                                                                    <div class="row-actions">
                                                                        <button type="button" class="button is-small" on:click=move |_| edit(Some(target.clone()))>{tr!(content.edit)}</button>
                                                                        <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| delete()>{tr!(content.delete)}</button>
                                                                    </div>
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorView error on_retry=reload /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <Modal open title_id="partner-title" title=Signal::derive(move || t_string!(i18n, content.partner_dialog).to_string())>
                <PartnerForm existing=editing.get_untracked() open reload />
            </Modal>
        </Guard>
    }
}

#[component]
fn PartnerForm(existing: Option<Partner>, open: RwSignal<bool>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = existing.as_ref().map(|p| p.id);
    let name = RwSignal::new(existing.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let link = RwSignal::new(existing.as_ref().and_then(|p| p.link.clone()).unwrap_or_default());
    let position = RwSignal::new(existing.as_ref().map_or(0, |p| p.position).to_string());
    let state =
        RwSignal::new(state_name(existing.as_ref().map_or(PublishState::Draft, |p| p.state)).to_owned());
    let logo_url = RwSignal::new(existing.as_ref().and_then(|p| p.logo_url.clone()));
    let logo = RwSignal::new(existing.as_ref().and_then(|p| p.logo_media_id));
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let site = link.get_untracked().trim().to_owned();
        let input = PartnerInput {
            name: name.get_untracked().trim().to_owned(),
            logo_media_id: logo.get_untracked(),
            link: (!site.is_empty()).then_some(site),
            position: position_of(position),
            state: parse_state(&state.get_untracked()),
        };
        submit(
            input,
            errors,
            alert,
            busy,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_partner(id, &input).await,
                    None => api.create_partner(&input).await,
                }
            },
            move || {
                open.set(false);
                reload.run(());
            },
        );
    };
    view! {
        <form novalidate on:submit=on_submit>
            <FormAlert message=alert />
            <TextField name="name" label=ts!(content.name) value=name errors required=true maxlength=60 />
            <TextField name="link" label=ts!(content.website) value=link errors maxlength=500 placeholder=ts!(content.url_placeholder) />
            <MediaPicker name="logo" label=ts!(admin_solutions.logo) media_id=logo preview=logo_url />
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><PositionField value=position errors /></div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
            <DialogButtons open busy />
        </form>
    }
}

// ---------------------------------------------------------------- brands

/// 品牌资料.
#[component]
pub fn BrandsAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.admin_brands().await })
            .await
            .map_err(LoadError::from)
    });
    let reload = Callback::new(move |()| list.refetch());
    let open = RwSignal::new(false);
    let editing = RwSignal::new(None::<Brand>);
    let edit = move |brand: Option<Brand>| {
        editing.set(brand);
        open.set(true);
    };
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.brands)>
                <button type="button" class="button is-link" on:click=move |_| edit(None)>{tr!(content.add_brand)}</button>
            </PageHead>
            <p class="help mb-3">{tr!(content.brands_hint)}</p>
            <section class="box list-box">
                <Transition fallback=|| view! { <LinesSkeleton lines=5 /> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(items) if items.is_empty() => view! { <EmptyState /> }.into_any(),
                            Ok(items) => view! {
                                <div class="table-container">
                                    <table class="table is-fullwidth data-table" aria-label=tr!(content.brands)>
                                        <thead>
                                            <tr>
                                                <th>{tr!(content.name)}</th>
                                                <th>{tr!(content.description)}</th>
                                                <th>{tr!(content.website)}</th>
                                                <th>{tr!(content.actions)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {items
                                                .into_iter()
                                                .map(|brand| {
                                                    let id = brand.id;
                                                    let delete = confirm_delete(move |api| async move { api.delete_brand(id).await }, reload);
                                                    let target = brand.clone();
                                                    view! {
                                                        <tr>
                                                            <td>{brand.input.name.clone()}</td>
                                                            <td class="cell-wrap">{brand.input.description.chars().take(60).collect::<String>()}</td>
                                                            <td class="cell-wrap">{brand.input.website.clone().unwrap_or_default()}</td>
                                                            <td>
                                                                <div class="row-actions">
                                                                    <button type="button" class="button is-small" on:click=move |_| edit(Some(target.clone()))>{tr!(content.edit)}</button>
                                                                    <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| delete()>{tr!(content.delete)}</button>
                                                                </div>
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                                .into_any(),
                            Err(error) => view! { <ErrorView error on_retry=reload /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <Modal open title_id="brand-title" title=Signal::derive(move || t_string!(i18n, content.brand_dialog).to_string()) wide=true>
                <BrandForm existing=editing.get_untracked() open reload />
            </Modal>
        </Guard>
    }
}

#[component]
fn BrandForm(existing: Option<Brand>, open: RwSignal<bool>, reload: Callback<()>) -> impl IntoView {
    let id = existing.as_ref().map(|b| b.id);
    let input = existing.as_ref().map(|b| b.input.clone()).unwrap_or_default();
    let name = RwSignal::new(input.name);
    let description = RwSignal::new(input.description);
    let website = RwSignal::new(input.website.unwrap_or_default());
    let logo = RwSignal::new(input.logo_media_id);
    let logo_url = RwSignal::new(existing.as_ref().and_then(|b| b.logo_url.clone()));
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let site = website.get_untracked().trim().to_owned();
        let input = BrandInput {
            name: name.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            logo_media_id: logo.get_untracked(),
            website: (!site.is_empty()).then_some(site),
        };
        submit(
            input,
            errors,
            alert,
            busy,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_brand(id, &input).await,
                    None => api.create_brand(&input).await,
                }
            },
            move || {
                open.set(false);
                reload.run(());
            },
        );
    };
    view! {
        <form novalidate on:submit=on_submit>
            <FormAlert message=alert />
            <TextField name="name" label=ts!(content.brand_name) value=name errors required=true maxlength=100 hint=ts!(content.brand_name_hint) />
            <TextArea name="description" label=ts!(content.description) value=description errors max=2000 counter=true rows=4 />
            <TextField name="website" label=ts!(content.website) value=website errors maxlength=500 placeholder=ts!(content.url_placeholder) />
            <MediaPicker name="logo" label=ts!(admin_solutions.logo) media_id=logo preview=logo_url />
            <DialogButtons open busy />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_inputs_parse() {
        let at = parse_local("2026-11-21T09:30").unwrap();
        assert_eq!(at.to_string(), "2026-11-21 09:30:00");
        assert_eq!(parse_local("2026-11-21T09:30:15"), Some(at));
        assert!(parse_local("").is_none());
        assert!(parse_local("2026-13-01T00:00").is_none());
        assert!(parse_local("tomorrow").is_none());
    }
}

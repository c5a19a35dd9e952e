//! Storefront content (operator, `manage_catalog`): 轮播广告 (banners), 广告位 (ads), 合作伙伴
//! (partners) and 品牌资料 (brand profiles). Each page lists the items with 编辑 / 删除 in a
//! [`DataTable`](crate::components::data_table::DataTable) and edits one in an
//! [`EditorDialog`](crate::components::editor::EditorDialog). The pieces here are shared with
//! the news and help editors.

mod ads;
mod banners;
mod brands;
mod partners;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use rc_types::catalog::PublishState;

pub use ads::AdsPage;
pub use banners::BannersPage;
pub use brands::BrandsAdminPage;
pub use partners::PartnersPage;

use crate::components::field::TextField;
use crate::forms::Errors;
use crate::i18n::{Locale, datetime, publish_state_label, t_string};
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

/// Options of a publication state select (草稿 / 已发布).
pub fn state_options(i18n: I18nContext<Locale>) -> Vec<(&'static str, Signal<String>)> {
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

/// The publication state of a select's value.
pub fn parse_state(value: &str) -> PublishState {
    if value == "published" {
        PublishState::Published
    } else {
        PublishState::Draft
    }
}

/// The select value of a publication state.
pub fn state_name(state: PublishState) -> &'static str {
    match state {
        PublishState::Draft => "draft",
        PublishState::Published => "published",
    }
}

/// After a dialog saved: say 已保存, close, reload the list.
fn saved(close: Callback<()>, reload: Callback<()>) -> impl FnOnce(()) + Copy + 'static {
    let i18n = crate::i18n::use_i18n();
    let session = use_session();
    move |()| {
        session.notify(NoticeKind::Success, t_string!(i18n, content.saved).to_string());
        close.run(());
        reload.run(());
    }
}

/// The 排序 field (position).
#[component]
fn PositionField(value: RwSignal<String>, errors: Errors) -> impl IntoView {
    view! { <TextField name="position" label=ts!(content.position) value errors maxlength=5 hint=ts!(content.position_hint) /> }
}

/// The number in a position field (0 when not a number).
fn position_of(value: RwSignal<String>) -> i32 {
    value.get_untracked().trim().parse().unwrap_or(0)
}

/// A `datetime-local` input with its label (`f-<name>`) and an optional hint.
#[component]
pub fn LocalTimeField(
    /// Field name (the input's id is `f-<name>`).
    name: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The value (`YYYY-MM-DDTHH:MM`).
    value: RwSignal<String>,
    /// Help text under the input.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label class="label" for=id.clone()>{move || label.get()}</label>
            <input id=id class="input" type="datetime-local" bind:value=value />
            {hint.map(|hint| view! { <p class="help">{move || hint.get()}</p> })}
        </div>
    }
}

/// The reload of a content list: the storefront's cached content is stale too.
fn reloader<T: 'static>(list: LocalResource<T>) -> Callback<()> {
    Callback::new(move |()| {
        crate::api::forget_content();
        list.refetch();
    })
}

/// The 编辑 / 删除 buttons of a row.
pub fn edit_delete(edit: impl Fn() + 'static, delete: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="row-actions">
            <button type="button" class="button is-small" on:click=move |_| edit()>{tr!(content.edit)}</button>
            <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| delete()>{tr!(content.delete)}</button>
        </div>
    }
}

/// The 编辑 link / 删除 button of a row whose editor is a page.
pub fn edit_link_delete(href: String, delete: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="row-actions">
            <leptos_router::components::A href=href attr:class="button is-small">{tr!(content.edit)}</leptos_router::components::A>
            <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| delete()>{tr!(content.delete)}</button>
        </div>
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
        assert_eq!(
            parse_state(state_name(PublishState::Published)),
            PublishState::Published
        );
        assert_eq!(parse_state("x"), PublishState::Draft);
    }
}

//! 财务设置 (`/admin/finance/settings`): the 奖励规则 text companies read on the rebate page, and
//! whether members (not only admins and co-admins) see their company's assets.

use leptos::prelude::*;
use rc_types::assets::finance::FinanceSettings;

use super::NEED;
use crate::api::LoadError;
use crate::components::editor::EditorForm;
use crate::components::error_view::ErrorView;
use crate::components::field::{TextArea, TextField};
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::assets::errors::AssetForm;
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The settings page.
#[component]
pub fn FinanceSettingsPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <FinanceSettingsView />
        </Guard>
    }
}

/// The page's content, for a user the guard let in (its requests start only then).
#[component]
fn FinanceSettingsView() -> impl IntoView {
    let session = use_session();
    let settings = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.get_finance_settings().await })
            .await
            .map_err(LoadError::from)
    });
    view! {
                    <PageHead title=ts!(finance.settings_title) />
            <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(current) => view! { <SettingsForm current /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| settings.refetch()) /> }.into_any(),
                    }
                })}
            </Transition>


    }
}

#[component]
fn SettingsForm(current: FinanceSettings) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let asset = AssetForm::new(&["rebate_rules", "members_see_assets", "offline_payment_hours"]);
    let form = asset.state;
    let errors = form.errors;
    let rules = RwSignal::new(current.rebate_rules);
    let members = RwSignal::new(current.members_see_assets);
    let offline_hours = RwSignal::new(current.offline_payment_hours.to_string());
    let on_submit = Callback::new(move |()| {
        let input = FinanceSettings {
            rebate_rules: rules.get_untracked().trim().to_owned(),
            members_see_assets: members.get_untracked(),
            // Not a number: 0, which the server refuses with the field's message.
            offline_payment_hours: offline_hours.get_untracked().trim().parse().unwrap_or(0),
        };
        asset.submit(
            input,
            Vec::new(),
            move |api, input: FinanceSettings| async move { api.update_finance_settings(&input).await },
            move |_| session.notify(NoticeKind::Success, t_string!(i18n, finance.saved).to_string()),
        );
    });
    view! {
        <section class="box form-box">
            <EditorForm form on_submit>
                <TextArea name="rebate_rules" label=ts!(assets.rules_title) value=rules errors required=true max=5000 counter=true rows=12 />
                <p class="help mb-4">{tr!(finance.rules_hint)}</p>
                <div class="field">
                    <label class="checkbox">
                        <input type="checkbox" prop:checked=move || members.get() on:change=move |ev| members.set(event_target_checked(&ev)) />
                        " "{tr!(finance.members_see_assets)}
                    </label>
                    <p class="help">{tr!(finance.members_hint)}</p>
                </div>
                <TextField name="offline_payment_hours" label=ts!(finance.offline_payment_hours) value=offline_hours errors required=true kind="number" maxlength=3 hint=ts!(finance.offline_payment_hours_hint) />
            </EditorForm>
        </section>
    }
}

//! 个人资料 (§6.1): 登录信息 and 注册信息 (company and registrant), editing one's name and phone,
//! and changing the password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_types::accounts::{Profile, UpdateProfile, UserStatus};
use rc_types::auth::ChangePassword;

use crate::api::LoadError;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormAlert, TextField};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check, failure_text, local_error};
use crate::i18n::{kind_label, role_label, t_string, tier_label, use_i18n};
use crate::pages::account::layout::PageHead;
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The profile page; reloads the profile so it is current.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    let profile = LocalResource::new(move || async move {
        let loaded = session
            .call(|api| async move { api.get_profile().await })
            .await
            .map_err(LoadError::from)?;
        session.set_profile(loaded.clone());
        Ok::<Profile, LoadError>(loaded)
    });
    let retry = Callback::new(move |()| profile.refetch());
    view! {
        <PageHead title=ts!(center.profile) />
        <Suspense fallback=|| view! { <LinesSkeleton lines=8 /> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(profile) => {
                        let user = profile.user.clone();
                        view! {
                            <ProfileView profile />
                            <div class="columns">
                                <div class="column">
                                    <EditDetails name=user.name phone=user.phone />
                                </div>
                                <div class="column">
                                    <ChangePasswordForm />
                                </div>
                            </div>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One row of a facts table.
fn fact(label: impl IntoView + 'static, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td>{value}</td>
        </tr>
    }
}

/// 登录信息 and 注册信息 as read-only tables (kept current from the session).
#[component]
fn ProfileView(
    /// The loaded profile.
    profile: Profile,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = Memo::new(move |_| session.profile().unwrap_or_else(|| profile.clone()));
    let dash = tr!(profile.none);
    view! {
        <section class="box" aria-labelledby="login-info">
            <h2 id="login-info" class="title is-5">{tr!(profile.login_info)}</h2>
            <table class="table is-fullwidth facts">
                <tbody>
                    {fact(tr!(profile.name), move || current.read().user.name.clone())}
                    {fact(tr!(profile.email), move || current.read().user.email.clone())}
                    {fact(tr!(profile.phone), move || current.read().user.phone.clone())}
                    {fact(tr!(profile.role), move || role_label(i18n, current.read().user.role))}
                    {fact(
                        tr!(profile.status),
                        move || {
                            if current.read().user.status == UserStatus::Active {
                                t_string!(i18n, profile.activated)
                            } else {
                                t_string!(i18n, profile.not_activated)
                            }
                        },
                    )}
                </tbody>
            </table>
        </section>
        <section class="box" aria-labelledby="registration-info">
            <h2 id="registration-info" class="title is-5">{tr!(profile.registration)}</h2>
            {move || match current.get().company {
                None => view! { <p class="has-text-grey">{tr!(profile.staff)}</p> }.into_any(),
                Some(company) => {
                    let registrant = current.get().registrant;
                    view! {
                        <div class="columns">
                            <div class="column">
                                <h3 class="title is-6">{tr!(profile.reg_company)}</h3>
                                <table class="table is-fullwidth facts">
                                    <tbody>
                                        {fact(tr!(profile.company), company.name.clone())}
                                        {fact(tr!(profile.address), company.address.clone())}
                                        {fact(
                                            tr!(profile.manager),
                                            company.account_manager.clone().map_or_else(|| dash().to_owned(), |m| format!("{} ({})", m.name, m.email)),
                                        )}
                                        {fact(tr!(profile.tier), move || tier_label(i18n, company.tier))}
                                        {fact(
                                            tr!(profile.kind),
                                            move || company.kind.map_or_else(dash, |kind| kind_label(i18n, kind)),
                                        )}
                                        {company.parent.clone().map(|parent| fact(tr!(profile.parent), parent.name))}
                                    </tbody>
                                </table>
                            </div>
                            <div class="column">
                                <h3 class="title is-6">{tr!(profile.registrant)}</h3>
                                {match registrant {
                                    None => view! { <p class="has-text-grey">{dash()}</p> }.into_any(),
                                    Some(person) => {
                                        view! {
                                            <table class="table is-fullwidth facts">
                                                <tbody>
                                                    {fact(tr!(profile.name), person.name.clone())}
                                                    {fact(tr!(profile.role), move || role_label(i18n, person.role))}
                                                    {fact(tr!(profile.reg_email), person.email.clone())}
                                                    {fact(tr!(profile.phone), person.phone.clone())}
                                                    {fact(tr!(profile.position), person.position.clone())}
                                                </tbody>
                                            </table>
                                        }
                                            .into_any()
                                    }
                                }}
                            </div>
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// 修改资料: one's own name and phone.
#[component]
fn EditDetails(
    /// Current name.
    name: String,
    /// Current phone.
    phone: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(name);
    let phone = RwSignal::new(phone);
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        let update = UpdateProfile {
            name: name.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
        };
        let found = check(&update);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let update = update.clone();
                    async move { api.update_profile(&update).await }
                })
                .await;
            match result {
                Ok(profile) => {
                    session.set_profile(profile);
                    session.notify(NoticeKind::Success, t_string!(i18n, profile.saved).to_string());
                }
                Err(error) if error.status() == Some(422) => errors.set(api_fields(&error)),
                Err(error) => alert.set(Some(failure_text(i18n, &error))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="box" aria-labelledby="edit-details">
            <h2 id="edit-details" class="title is-5">{tr!(profile.edit)}</h2>
            <form novalidate on:submit=on_submit>
                <FormAlert message=alert />
                <TextField name="name" label=ts!(profile.name) value=name errors required=true autocomplete="name" maxlength=50 />
                <TextField name="phone" label=ts!(profile.phone) value=phone errors required=true kind="tel" autocomplete="tel" maxlength=20 />
                <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                    {tr!(profile.save)}
                </button>
            </form>
        </section>
    }
}

/// 修改密码: current and new password (typed twice).
#[component]
fn ChangePasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        let change = ChangePassword {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let mut found = check(&change);
        if confirm.get_untracked() != change.new_password {
            found.push(local_error("confirm_password", "mismatch"));
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let change = change.clone();
                    async move { api.change_password(&change).await }
                })
                .await;
            match result {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    confirm.set(String::new());
                    session.notify(NoticeKind::Success, t_string!(i18n, profile.changed).to_string());
                }
                Err(error) if error.status() == Some(422) => errors.set(api_fields(&error)),
                Err(error) => alert.set(Some(failure_text(i18n, &error))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="box" aria-labelledby="change-password">
            <h2 id="change-password" class="title is-5">{tr!(profile.password)}</h2>
            <form novalidate on:submit=on_submit>
                <FormAlert message=alert />
                <TextField
                    name="current_password"
                    label=ts!(profile.current_password)
                    value=current
                    errors
                    required=true
                    kind="password"
                    autocomplete="current-password"
                    maxlength=128
                />
                <TextField
                    name="new_password"
                    label=ts!(profile.new_password)
                    value=new
                    errors
                    required=true
                    kind="password"
                    autocomplete="new-password"
                    hint=ts!(link.password_hint)
                    maxlength=128
                />
                <TextField
                    name="confirm_password"
                    label=ts!(profile.confirm_password)
                    value=confirm
                    errors
                    required=true
                    kind="password"
                    autocomplete="new-password"
                    maxlength=128
                />
                <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                    {tr!(profile.change)}
                </button>
            </form>
        </section>
    }
}

//! 添加用户 (invite by email, §7) / 添加经销商用户 (§8 邀请添加用户), and 编辑用户 / 编辑经销商用户
//! (姓名, 手机, 角色; 转移管理员 for the admin). Under `/account/resellers/:id/…` they act on that
//! reseller; otherwise on the user's own company.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use rc_types::accounts::{InviteUser, Role, UpdateUser, UserStatus, UserSummary};

use crate::api::LoadError;
use crate::components::confirm::asker;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormAlert, TextField};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check, clear, failure_text};
use crate::i18n::{role_label, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::pages::account::users::confirm_transfer;
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// Where a user page works: the own company, or a reseller of the user's distributor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scope {
    /// The reseller's id, `None` for the own company.
    reseller: Option<i64>,
}

impl Scope {
    fn from_params() -> Memo<Scope> {
        let params = use_params_map();
        Memo::new(move |_| Scope {
            reseller: params.read().get("id").and_then(|id| id.parse().ok()),
        })
    }

    fn need(self) -> Need {
        if self.reseller.is_some() {
            Need::Company("manage_resellers")
        } else {
            Need::Company("manage_company_users")
        }
    }

    /// The list this page returns to.
    fn back(self) -> String {
        match self.reseller {
            Some(id) => format!("/account/resellers/{id}?tab=users"),
            None => "/account/users".to_owned(),
        }
    }
}

/// A role `<select>` offering 协同管理员 and 成员.
#[component]
fn RoleSelect(
    /// `co_admin` or `member`.
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label class="label" for="f-role">{tr!(users.role)}</label>
            <div class="control">
                <div class="select">
                    <select
                        id="f-role"
                        prop:value=move || value.get()
                        on:change=move |ev| {
                            value.set(event_target_value(&ev));
                            clear(errors, "role");
                        }
                    >
                        {[Role::CoAdmin, Role::Member]
                            .into_iter()
                            .map(|role| {
                                view! {
                                    <option value=role.as_str() selected=move || value.get() == role.as_str()>
                                        {move || role_label(i18n, role)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
        </div>
    }
}

/// The invitation page: 邮箱 (+ 角色) and 发送邀请邮件.
#[component]
pub fn InviteUserPage() -> impl IntoView {
    let scope = Scope::from_params();
    view! {
        {move || {
            let scope = scope.get();
            view! {
                <Guard need=scope.need()>
                    <InviteForm scope />
                </Guard>
            }
        }}
    }
}

#[component]
fn InviteForm(scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Member.as_str().to_owned());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let back = scope.back();
    let on_submit = {
        let back = back.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            alert.set(None);
            let Some(company_id) = scope.reseller.or_else(|| session.company().map(|c| c.id)) else {
                return;
            };
            let invite = InviteUser {
                email: email.get_untracked().trim().to_owned(),
                role: Role::parse(&role.get_untracked()),
            };
            let found = check(&invite);
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            busy.set(true);
            let (navigate, back) = (navigate.clone(), back.clone());
            spawn_local(async move {
                let result = session
                    .call(|api| {
                        let invite = invite.clone();
                        async move { api.invite_user(company_id, &invite).await }
                    })
                    .await;
                busy.set(false);
                match result {
                    Ok(user) => {
                        session.notify_at(
                            &back,
                            NoticeKind::Success,
                            t_string!(i18n, users.invited, email = user.email).to_string(),
                        );
                        navigate(&back, NavigateOptions::default());
                    }
                    Err(error)
                        if matches!(error.status(), Some(409 | 422)) && !api_fields(&error).is_empty() =>
                    {
                        errors.set(api_fields(&error));
                    }
                    Err(error) => alert.set(Some(failure_text(i18n, &error))),
                }
            });
        }
    };
    let reseller = scope.reseller.is_some();
    let title = Signal::derive(move || {
        if reseller {
            t_string!(i18n, resellers.invite_title).to_string()
        } else {
            t_string!(i18n, users.invite_title).to_string()
        }
    });
    view! {
        <PageHead title>
            <A href=back attr:class="button is-text">
                {move || if reseller { t_string!(i18n, resellers.back_reseller) } else { t_string!(i18n, users.back) }}
            </A>
        </PageHead>
        <section class="box form-box">
            <p class="help mb-4">{tr!(users.invite_hint)}</p>
            <form novalidate on:submit=on_submit>
                <FormAlert message=alert />
                <TextField name="email" label=ts!(users.email) value=email errors required=true kind="email" autocomplete="email" maxlength=254 />
                <RoleSelect value=role errors />
                <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                    {tr!(users.send)}
                </button>
            </form>
        </section>
    }
}

/// The edit page of one user.
#[component]
pub fn EditUserPage() -> impl IntoView {
    let scope = Scope::from_params();
    let params = use_params_map();
    let uid = Memo::new(move |_| params.read().get("uid").and_then(|id| id.parse::<i64>().ok()));
    view! {
        {move || {
            let scope = scope.get();
            let uid = uid.get().unwrap_or_default();
            view! {
                <Guard need=scope.need()>
                    <LoadUser scope uid />
                </Guard>
            }
        }}
    }
}

/// Finds the user in their company's list (there is no single-user endpoint).
#[component]
fn LoadUser(scope: Scope, uid: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user = LocalResource::new(move || async move {
        let company_id = scope
            .reseller
            .or_else(|| session.company().map(|c| c.id))
            .unwrap_or_default();
        let list = session
            .call(|api| async move { api.list_company_users(company_id).await })
            .await
            .map_err(LoadError::from)?;
        list.into_iter().find(|u| u.id == uid).ok_or(LoadError {
            status: Some(404),
            message: t_string!(i18n, users.not_found).to_string(),
            network: false,
        })
    });
    let retry = Callback::new(move |()| user.refetch());
    view! {
        <Suspense fallback=|| view! { <LinesSkeleton lines=5 /> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(found) => view! { <EditUserForm scope user=found on_changed=retry /> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditUserForm(scope: Scope, user: UserSummary, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let id = user.id;
    let admin = user.role == Role::CompanyAdmin;
    let name = RwSignal::new(user.name.clone());
    let phone = RwSignal::new(user.phone.clone());
    let role = RwSignal::new(user.role.as_str().to_owned());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let back = scope.back();
    let on_submit = {
        let back = back.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            alert.set(None);
            let update = UpdateUser {
                name: name.get_untracked().trim().to_owned(),
                phone: phone.get_untracked().trim().to_owned(),
                role: if admin {
                    None
                } else {
                    Role::parse(&role.get_untracked())
                },
            };
            let found = check(&update);
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            busy.set(true);
            let (navigate, back) = (navigate.clone(), back.clone());
            spawn_local(async move {
                let result = session
                    .call(|api| {
                        let update = update.clone();
                        async move { api.update_user(id, &update).await }
                    })
                    .await;
                busy.set(false);
                match result {
                    Ok(_) => {
                        session.notify_at(
                            &back,
                            NoticeKind::Success,
                            t_string!(i18n, users.saved).to_string(),
                        );
                        navigate(&back, NavigateOptions::default());
                    }
                    Err(error) if error.status() == Some(422) => errors.set(api_fields(&error)),
                    Err(error) => alert.set(Some(failure_text(i18n, &error))),
                }
            });
        }
    };
    let ask = asker();
    let may_transfer = Memo::new(move |_| session.has("transfer_admin"));
    let can_transfer = !admin && user.status == UserStatus::Active;
    let transfer = move |_| confirm_transfer(i18n, session, ask, &user, on_changed);
    let reseller = scope.reseller.is_some();
    let title = Signal::derive(move || {
        if reseller {
            t_string!(i18n, resellers.edit_user_title).to_string()
        } else {
            t_string!(i18n, users.edit_title).to_string()
        }
    });
    view! {
        <PageHead title>
            {move || (can_transfer && may_transfer.get()).then(|| view! {
                <button type="button" class="button is-warning is-light" on:click=transfer.clone()>
                    {tr!(users.transfer)}
                </button>
            })}
            <A href=back attr:class="button is-text">
                {move || if reseller { t_string!(i18n, resellers.back_plain) } else { t_string!(i18n, users.back) }}
            </A>
        </PageHead>
        <section class="box form-box">
            <form novalidate on:submit=on_submit>
                <FormAlert message=alert />
                <TextField name="name" label=ts!(users.name) value=name errors required=true autocomplete="off" maxlength=50 />
                <TextField name="phone" label=ts!(users.mobile) value=phone errors required=true kind="tel" autocomplete="off" maxlength=20 />
                {(!admin).then(|| view! { <RoleSelect value=role errors /> })}
                <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                    {tr!(profile.save)}
                </button>
            </form>
        </section>
    }
}

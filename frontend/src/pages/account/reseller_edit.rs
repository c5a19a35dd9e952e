//! 添加经销商 (公司, 地址, 保存) and 编辑经销商 with the tabs 基本信息 (公司, 地址, 保存, 启用/禁用)
//! and 用户 (the reseller's users, 邀请添加用户, 转移管理员) — §8. The tab lives in the URL
//! (`?tab=users`).

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use rc_types::accounts::{Company, CompanyInput, CompanyStatus};

use crate::api::LoadError;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormAlert, TextField};
use crate::components::roving::{Axis, handle_key};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check, failure_text};
use crate::i18n::{company_status_label, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::pages::account::users::UserTable;
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const LIST: &str = "/account/resellers";

/// 添加经销商.
#[component]
pub fn NewResellerPage() -> impl IntoView {
    view! {
        <Guard need=Need::Company("manage_resellers")>
            <PageHead title=ts!(resellers.add_title)>
                <A href=LIST attr:class="button is-text">{tr!(resellers.back)}</A>
            </PageHead>
            <section class="box form-box">
                <CompanyForm company=None />
            </section>
        </Guard>
    }
}

/// 编辑经销商 with its two tabs.
#[component]
pub fn EditResellerPage() -> impl IntoView {
    let session = use_session();
    let param = crate::pages::id_param();
    let id = Memo::new(move |_| param.get().unwrap_or_default());
    let company = LocalResource::new(move || {
        let id = id.get();
        async move {
            session
                .call(|api| async move { api.get_company(id).await })
                .await
                .map_err(LoadError::from)
        }
    });
    let retry = Callback::new(move |()| company.refetch());
    view! {
        <Guard need=Need::Company("manage_resellers")>
            <PageHead title=ts!(resellers.edit_title)>
                <A href=LIST attr:class="button is-text">{tr!(resellers.back)}</A>
            </PageHead>
            <Suspense fallback=|| view! { <LinesSkeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match company.await {
                        Ok(company) => view! { <ResellerTabs company /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </Guard>
    }
}

/// The 基本信息 / 用户 tabs.
#[component]
fn ResellerTabs(
    /// The reseller.
    company: Company,
) -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let users_tab = Memo::new(move |_| query.read().get("tab").as_deref() == Some("users"));
    let id = company.id;
    let select = move |users: bool| {
        let url = if users {
            format!("{LIST}/{id}?tab=users")
        } else {
            format!("{LIST}/{id}")
        };
        navigate(&url, NavigateOptions::default());
    };
    let on_keydown = {
        let select = select.clone();
        move |ev: KeyboardEvent| {
            let current = usize::from(users_tab.get_untracked());
            handle_key(&ev, Axis::Horizontal, "[role=tab]", current, 2, |next| {
                select(next == 1);
            });
        }
    };
    let tab = {
        let select = select.clone();
        move |users: bool, label: Signal<String>, panel: &'static str| {
            let active = move || users_tab.get() == users;
            let select = select.clone();
            view! {
                <li class=("is-active", active)>
                    <button
                        type="button"
                        role="tab"
                        id=format!("{panel}-tab")
                        aria-selected=move || active().to_string()
                        aria-controls=panel
                        tabindex=move || if active() { "0" } else { "-1" }
                        on:click=move |_| select(users)
                    >
                        {move || label.get()}
                    </button>
                </li>
            }
        }
    };
    view! {
        <div class="tabs center-tabs">
            <ul role="tablist" aria-label=tr!(resellers.tabs) on:keydown=on_keydown>
                {tab(false, ts!(resellers.tab_basic), "basic-panel")}
                {tab(true, ts!(resellers.tab_users), "users-panel")}
            </ul>
        </div>
        {move || {
            if users_tab.get() {
                view! {
                    <section class="box" id="users-panel" role="tabpanel" aria-labelledby="users-panel-tab">
                        <p class="help mb-3">{tr!(resellers.no_admin)}</p>
                        <UserTable
                            company_id=id
                            edit_base=format!("{LIST}/{id}/users")
                            invite_href=format!("{LIST}/{id}/invite")
                            invite_label=ts!(resellers.invite)
                        />
                    </section>
                }
                    .into_any()
            } else {
                let company = company.clone();
                view! {
                    <section class="box form-box" id="basic-panel" role="tabpanel" aria-labelledby="basic-panel-tab">
                        <CompanyForm company=Some(company) />
                    </section>
                }
                    .into_any()
            }
        }}
    }
}

/// 公司 and 地址 with 保存; when editing, the status and 启用 / 禁用.
#[component]
fn CompanyForm(
    /// The reseller being edited, `None` when adding one.
    company: Option<Company>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let id = company.as_ref().map(|c| c.id);
    let name = RwSignal::new(company.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let address = RwSignal::new(company.as_ref().map(|c| c.address.clone()).unwrap_or_default());
    let status = RwSignal::new(company.as_ref().map(|c| c.status));
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        let input = CompanyInput {
            name: name.get_untracked().trim().to_owned(),
            address: address.get_untracked().trim().to_owned(),
        };
        let found = check(&input);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        let Some(parent) = session.company().map(|c| c.id) else {
            return;
        };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let input = input.clone();
                    async move {
                        match id {
                            Some(id) => api.update_company(id, &input).await,
                            None => api.create_reseller(parent, &input).await,
                        }
                    }
                })
                .await;
            busy.set(false);
            match result {
                Ok(saved) if id.is_some() => {
                    status.set(Some(saved.status));
                    session.notify(NoticeKind::Success, t_string!(i18n, resellers.saved).to_string());
                }
                Ok(created) => {
                    // On to the new reseller's users, to invite its first user.
                    let url = format!("{LIST}/{}?tab=users", created.id);
                    session.notify_at(
                        &url,
                        NoticeKind::Success,
                        t_string!(i18n, resellers.created_done).to_string(),
                    );
                    navigate(&url, NavigateOptions::default());
                }
                Err(error) if matches!(error.status(), Some(409 | 422)) && !api_fields(&error).is_empty() => {
                    errors.set(api_fields(&error));
                }
                Err(error) => alert.set(Some(failure_text(i18n, &error))),
            }
        });
    };
    let toggle = move |enabled: bool| {
        let Some(id) = id else { return };
        spawn_local(async move {
            match session
                .call(|api| async move {
                    if enabled {
                        api.enable_company(id).await
                    } else {
                        api.disable_company(id).await
                    }
                })
                .await
            {
                Ok(company) => {
                    status.set(Some(company.status));
                    let text = if enabled {
                        t_string!(i18n, resellers.enabled_one)
                    } else {
                        t_string!(i18n, resellers.disabled_one)
                    };
                    session.notify(NoticeKind::Success, text.to_string());
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };
    view! {
        <form novalidate on:submit=on_submit>
            <FormAlert message=alert />
            <TextField name="name" label=ts!(resellers.company) value=name errors required=true autocomplete="organization" maxlength=100 />
            <TextField name="address" label=ts!(resellers.address) value=address errors required=true autocomplete="street-address" />
            {move || {
                status
                    .get()
                    .map(|current| {
                        view! {
                            <p class="mb-4">
                                {tr!(resellers.status)} ": "
                                <span class=if current == CompanyStatus::Active { "tag is-success is-light" } else { "tag is-light" }>
                                    {move || company_status_label(i18n, current)}
                                </span>
                            </p>
                        }
                    })
            }}
            <div class="buttons">
                <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                    {tr!(resellers.save)}
                </button>
                {move || match status.get() {
                    Some(CompanyStatus::Active) => Some(view! {
                        <button type="button" class="button" on:click=move |_| toggle(false)>{tr!(resellers.disable)}</button>
                    }.into_any()),
                    Some(CompanyStatus::Disabled) => Some(view! {
                        <button type="button" class="button" on:click=move |_| toggle(true)>{tr!(resellers.enable)}</button>
                    }.into_any()),
                    _ => None,
                }}
            </div>
        </form>
    }
}

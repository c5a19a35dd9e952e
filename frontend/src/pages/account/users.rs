//! 用户管理 (§7 分销商用户, and the 用户 tab of §8): the company's users with 姓名 邮箱 手机号码 角色
//! 创建日期 最后登录日期 是否激活 状态 操作, and 添加, 编辑, 启用, 禁用, 删除, 重发邀请, 转移管理员.
//! Nobody acts on themselves or on the admin (the server refuses with 409; shown as a notice).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use rc_client::ClientError;
use rc_types::accounts::{Role, UserStatus, UserSummary};

use crate::api::LoadError;
use crate::components::confirm::{Confirm, asker};
use crate::components::data_table::{Column, DataTable};
use crate::forms::failure_text;
use crate::i18n::{Locale, date, datetime, role_label, t_string, use_i18n, user_status_label};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, Session, use_session};
use crate::tr;
use crate::ts;

/// 用户管理 of the user's own company.
#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Guard need=Need::Company("manage_company_users")>
            <PageHead title=ts!(users.title) />
            {move || {
                session
                    .company()
                    .map(|company| {
                        view! {
                            <section class="box list-box" aria-labelledby="users-list">
                                <h2 id="users-list" class="title is-6">{tr!(users.list)}</h2>
                                <UserTable company_id=company.id edit_base="/account/users".to_owned() invite_href="/account/users/invite".to_owned() />
                            </section>
                        }
                    })
            }}
        </Guard>
    }
}

/// After making someone else the admin, the signed-in user's own rights change: reload them.
pub async fn reload_profile(session: Session) {
    if let Ok(profile) = session.call(|api| async move { api.get_profile().await }).await {
        session.set_profile(profile);
    }
}

/// Asks to make `user` the company admin (确认该操作?), then does it.
pub fn confirm_transfer(
    i18n: I18nContext<Locale>,
    session: Session,
    ask: impl Fn(Confirm),
    user: &UserSummary,
    done: Callback<()>,
) {
    let who = if user.name.is_empty() {
        user.email.clone()
    } else {
        user.name.clone()
    };
    let id = user.id;
    ask(Confirm {
        message: t_string!(i18n, users.transfer_text, who = who.clone()).to_string(),
        action: t_string!(i18n, confirm.ok).to_string(),
        danger: false,
        run: Callback::new(move |()| {
            let who = who.clone();
            spawn_local(async move {
                match session
                    .call(|api| async move { api.transfer_admin(id).await })
                    .await
                {
                    Ok(_) => {
                        session.notify(
                            NoticeKind::Success,
                            t_string!(i18n, users.transferred, who).to_string(),
                        );
                        reload_profile(session).await;
                        done.run(());
                    }
                    Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                }
            });
        }),
    });
}

/// What a row button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Enable,
    Disable,
    Delete,
    Resend,
}

/// The users of `company_id` with their actions.
#[allow(clippy::too_many_lines, reason = "one table reads best in one piece")]
#[component]
pub fn UserTable(
    /// Company whose users are listed.
    company_id: i64,
    /// Edit links go to `<edit_base>/<user id>`.
    edit_base: String,
    /// Where 添加 leads.
    invite_href: String,
    /// Label of the invite link (添加; 邀请添加用户 on a reseller).
    #[prop(optional, into)]
    invite_label: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let users = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.list_company_users(company_id).await })
            .await
            .map_err(LoadError::from)
    });
    let add_label = tr!(users.add);
    let reload = Callback::new(move |()| users.refetch());
    let may_transfer = Memo::new(move |_| session.has("transfer_admin"));
    // Operator staff have no company; only they lift the operator's lock.
    let operator_view = session.profile().is_some() && session.company().is_none();
    let me = session.user_id();
    let ask = asker();

    let run = move |action: Action, id: i64| {
        spawn_local(async move {
            let result: Result<(), ClientError> = session
                .call(|api| async move {
                    match action {
                        Action::Enable => api.enable_user(id).await.map(drop),
                        Action::Disable => api.disable_user(id).await.map(drop),
                        Action::Delete => api.delete_user(id).await,
                        Action::Resend => api.resend_invitation(id).await,
                    }
                })
                .await;
            match result {
                Ok(()) => {
                    let text = match action {
                        Action::Enable => t_string!(i18n, users.enabled),
                        Action::Disable => t_string!(i18n, users.disabled),
                        Action::Delete => t_string!(i18n, users.deleted),
                        Action::Resend => t_string!(i18n, users.resent),
                    };
                    session.notify(NoticeKind::Success, text.to_string());
                    users.refetch();
                }
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
        });
    };

    let actions = move |user: &UserSummary| {
        let id = user.id;
        let myself = Some(id) == me;
        let admin = user.role == Role::CompanyAdmin;
        let protected = myself || admin;
        let status = user.status;
        let may_enable =
            !protected && status == UserStatus::Disabled && (!user.locked_by_operator || operator_view);
        let transfer_user = user.clone();
        let transfer = move |_| confirm_transfer(i18n, session, ask, &transfer_user, reload);
        let delete = move |_| {
            ask(Confirm {
                message: t_string!(i18n, confirm.delete_text).to_string(),
                action: t_string!(i18n, confirm.delete).to_string(),
                danger: true,
                run: Callback::new(move |()| run(Action::Delete, id)),
            });
        };
        view! {
            <div class="buttons are-small row-actions">
                <A href=format!("{edit_base}/{id}") attr:class="button is-small is-link is-light">
                    {tr!(users.edit)}
                </A>
                {may_enable.then(|| view! {
                    <button type="button" class="button is-small" on:click=move |_| run(Action::Enable, id)>
                        {tr!(users.enable)}
                    </button>
                })}
                {(!protected && status == UserStatus::Active).then(|| view! {
                    <button type="button" class="button is-small" on:click=move |_| run(Action::Disable, id)>
                        {tr!(users.disable)}
                    </button>
                })}
                {(status == UserStatus::Invited).then(|| view! {
                    <button type="button" class="button is-small" on:click=move |_| run(Action::Resend, id)>
                        {tr!(users.resend)}
                    </button>
                })}
                {move || (may_transfer.get() && !admin && status == UserStatus::Active).then(|| view! {
                    <button type="button" class="button is-small is-warning is-light" on:click=transfer.clone()>
                        {tr!(users.transfer)}
                    </button>
                })}
                {(!protected).then(|| view! {
                    <button type="button" class="button is-small is-danger is-light" on:click=delete>
                        {tr!(users.delete)}
                    </button>
                })}
            </div>
        }
    };
    let columns = vec![
        Column::new(ts!(users.name), move |user: &UserSummary| {
            let myself = Some(user.id) == me;
            let name = if user.name.is_empty() {
                t_string!(i18n, users.unnamed).to_string()
            } else {
                user.name.clone()
            };
            view! {
                {name}
                {myself.then(|| view! { <span class="has-text-grey">{tr!(users.you)}</span> })}
            }
        }),
        Column::new(ts!(users.email), |user: &UserSummary| user.email.clone()),
        Column::new(ts!(users.phone), |user: &UserSummary| user.phone.clone()),
        Column::new(ts!(users.role), move |user: &UserSummary| {
            let role = user.role;
            move || role_label(i18n, role)
        }),
        Column::new(ts!(users.created), |user: &UserSummary| date(user.created_at)),
        Column::new(ts!(users.last_login), |user: &UserSummary| {
            user.last_login_at.map_or_else(|| "—".to_owned(), datetime)
        }),
        Column::new(ts!(users.activated), move |user: &UserSummary| {
            let activated = user.activated;
            move || {
                if activated {
                    t_string!(i18n, users.yes)
                } else {
                    t_string!(i18n, users.no)
                }
            }
        }),
        Column::new(ts!(users.status), move |user: &UserSummary| {
            let status = user.status;
            view! {
                <span class=if status == UserStatus::Active { "tag is-success is-light" } else { "tag is-light" }>
                    {move || user_status_label(i18n, status)}
                </span>
                {user.locked_by_operator.then(|| view! { <span class="tag is-warning is-light">{tr!(users.locked_by_operator)}</span> })}
            }
        }),
        Column::new(ts!(users.actions), actions),
    ];

    view! {
        <DataTable
            data=users
            columns
            label=ts!(users.table)
            hoverable=true
            unboxed=true
            toolbar_right=true
            skeleton=5
            toolbar=move || {
                let invite_href = invite_href.clone();
                view! {
                    <A href=invite_href attr:class="button is-link">
                        {move || invite_label.map_or_else(|| add_label().to_owned(), |label| label.get())}
                    </A>
                }
            }
        />
    }
}

//! 入驻审核 (operator): applications by status (待审核 / 已通过 / 已拒绝), each with the company,
//! 业务负责人, the registrant and the qualification files (images inline, PDFs as downloads);
//! 通过 asks for the type (分销商 / 经销商, with an optional 上级分销商), 拒绝 for a reason.

use std::sync::Arc;

use leptos::ev::{Event, KeyboardEvent};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use rc_types::PageQuery;
use rc_types::accounts::{
    Application, ApproveApplication, CompanyFile, CompanyKind, CompanyQuery, CompanyStatus, RejectApplication,
};

use crate::api::LoadError;
use crate::components::data_table::ListBody;
use crate::components::editor::{Editing, EditorDialog, EditorForm, FormState};
use crate::components::field::FieldError;
use crate::components::listing::{ListState, PER_PAGE, use_list_state};
use crate::components::media::blob_url;
use crate::components::roving::{Axis, handle_key};
use crate::forms::{clear, error_of};
use crate::i18n::{datetime, kind_label, t, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

const BASE: &str = "/admin/applications";
/// The status tabs: URL value, wire status.
const TABS: [(&str, CompanyStatus); 3] = [
    ("pending", CompanyStatus::Pending),
    ("active", CompanyStatus::Active),
    ("rejected", CompanyStatus::Rejected),
];

/// The status a URL value selects (待审核 by default).
pub fn tab_status(value: Option<&str>) -> CompanyStatus {
    TABS.iter()
        .find(|(name, _)| Some(*name) == value)
        .map_or(CompanyStatus::Pending, |(_, status)| *status)
}

/// A company awaiting a decision: id and name.
type Pending = (i64, String);

/// The review page.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    view! {
        <Guard need=Need::Staff("review_applications")>
            <PageHead title=ts!(apps.title) />
            <Applications />
        </Guard>
    }
}

#[component]
fn Applications() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let navigate = use_navigate();
    let status = Memo::new(move |_| tab_status(state.read().status.as_deref()));
    let apps = LocalResource::new(move || {
        let (status, page) = (status.get(), state.get().page);
        async move {
            session
                .call(|api| async move {
                    api.list_applications(
                        Some(status),
                        PageQuery {
                            page: Some(page),
                            per_page: Some(PER_PAGE),
                        },
                    )
                    .await
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let approve = Editing::<Pending>::new();
    let reject = Editing::<Pending>::new();
    let decided = Callback::new(move |()| {
        approve.close();
        reject.close();
        apps.refetch();
    });

    let select = move |index: usize| {
        let next = ListState {
            q: None,
            status: (index > 0).then(|| TABS[index].0.to_owned()),
            page: 1,
        };
        navigate(&next.to_url(BASE), NavigateOptions::default());
    };
    let on_keydown = {
        let select = select.clone();
        move |ev: KeyboardEvent| {
            let current = TABS
                .iter()
                .position(|(_, s)| *s == status.get_untracked())
                .unwrap_or(0);
            handle_key(&ev, Axis::Horizontal, "[role=tab]", current, TABS.len(), &select);
        }
    };
    let tabs = TABS
        .iter()
        .enumerate()
        .map(|(index, (_, tab))| {
            let tab = *tab;
            let active = move || status.get() == tab;
            let select = select.clone();
            view! {
                <li class=("is-active", active)>
                    <button
                        type="button"
                        role="tab"
                        aria-selected=move || active().to_string()
                        aria-controls="applications-panel"
                        tabindex=move || if active() { "0" } else { "-1" }
                        on:click=move |_| select(index)
                    >
                        {move || match tab {
                            CompanyStatus::Active => t_string!(i18n, apps.approved),
                            CompanyStatus::Rejected => t_string!(i18n, apps.rejected),
                            _ => t_string!(i18n, apps.pending),
                        }}
                    </button>
                </li>
            }
        })
        .collect_view();

    view! {
        <div class="tabs center-tabs">
            <ul role="tablist" aria-label=tr!(apps.tabs) on:keydown=on_keydown>
                {tabs}
            </ul>
        </div>
        <div id="applications-panel" role="tabpanel">
            <ListBody
                data=apps
                base=Some(BASE)
                skeleton=8
                empty_boxed=true
                rows=Arc::new(move |items: Vec<Application>| {
                    items.into_iter().map(|app| view! { <ApplicationCard app approve reject /> }).collect_view().into_any()
                })
            />
        </div>
        <EditorDialog
            editing=approve
            title_id="decision-title"
            title=Signal::derive(move || {
                approve.item.with(|item| {
                    item.as_ref()
                        .map(|(_, name)| t_string!(i18n, apps.approve_title, name = name.clone()).to_string())
                        .unwrap_or_default()
                })
            })
            form=Arc::new(move |item: Option<Pending>| {
                let (id, name) = item.unwrap_or_default();
                view! { <ApproveForm id name close=approve.closer() done=decided /> }.into_any()
            })
        />
        <EditorDialog
            editing=reject
            title_id="decision-title"
            title=Signal::derive(move || {
                reject.item.with(|item| {
                    item.as_ref()
                        .map(|(_, name)| t_string!(i18n, apps.reject_title, name = name.clone()).to_string())
                        .unwrap_or_default()
                })
            })
            form=Arc::new(move |item: Option<Pending>| {
                let (id, name) = item.unwrap_or_default();
                view! { <RejectForm id name close=reject.closer() done=decided /> }.into_any()
            })
        />
    }
}

/// One application (an `article` named after the company).
#[component]
fn ApplicationCard(
    /// The application.
    app: Application,
    /// Opens the 通过 dialog.
    approve: Editing<Pending>,
    /// Opens the 拒绝 dialog.
    reject: Editing<Pending>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Application {
        company,
        registrant,
        files,
    } = app;
    let (id, name) = (company.id, company.name.clone());
    let heading = format!("app-{id}");
    let labelled_by = heading.clone();
    let pending = company.status == CompanyStatus::Pending;
    let facts: Vec<(Signal<String>, String)> = vec![
        (ts!(apps.address), company.address.clone()),
        (
            ts!(apps.manager),
            company.account_manager.map(|m| m.name).unwrap_or_default(),
        ),
        (ts!(apps.registrant), registrant.name),
        (ts!(apps.email), registrant.email),
        (ts!(apps.phone), registrant.phone),
        (ts!(apps.position), registrant.position),
        (ts!(apps.created), datetime(company.created_at)),
    ];
    let (approve_name, reject_name) = (name.clone(), name.clone());
    view! {
        <article class="box application" aria-labelledby=labelled_by>
            <div class="application-head">
                <h2 class="title is-5" id=heading>{name}</h2>
                {company.kind.map(|kind| view! {
                    <span class="tag is-link is-light">{move || kind_label(i18n, kind)}</span>
                })}
            </div>
            <dl class="application-facts">
                {facts
                    .into_iter()
                    .map(|(label, value)| view! {
                        <div>
                            <dt>{move || label.get()}</dt>
                            <dd>{value}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
            {company.reject_reason.map(|reason| view! {
                <p class="has-text-danger">{move || t!(i18n, apps.reject_reason, reason = reason.clone())}</p>
            })}
            <h3 class="title is-6 mt-3">{tr!(apps.files)}</h3>
            <ul class="file-thumbs">
                {files.into_iter().map(|file| view! { <li><FileThumb file /></li> }).collect_view()}
            </ul>
            {pending.then(|| view! {
                <div class="buttons mt-4">
                    <button
                        type="button"
                        class="button is-success"
                        on:click=move |_| approve.edit(Some((id, approve_name.clone())))
                    >
                        {tr!(apps.approve)}
                    </button>
                    <button
                        type="button"
                        class="button is-danger is-outlined"
                        on:click=move |_| reject.edit(Some((id, reject_name.clone())))
                    >
                        {tr!(apps.reject)}
                    </button>
                </div>
            })}
        </article>
    }
}

/// A qualification file, downloaded with the access token: an image thumbnail or a download link.
#[component]
fn FileThumb(
    /// The file.
    file: CompanyFile,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = file.id;
    let content_type = file.content_type.clone();
    let made = StoredValue::new(None::<String>);
    let url = LocalResource::new(move || {
        let content_type = content_type.clone();
        async move {
            let bytes = session
                .call(|api| async move { api.download_file(id).await })
                .await
                .map_err(LoadError::from)?;
            let url = blob_url(&bytes, &content_type).unwrap_or_default();
            made.set_value(Some(url.clone()));
            Ok::<String, LoadError>(url)
        }
    });
    on_cleanup(move || {
        if let Some(url) = made.try_get_value().flatten() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let image = file.content_type.starts_with("image/");
    let name = file.file_name;
    view! {
        <Suspense fallback=|| view! { <span class="skeleton-block file-thumb-skeleton"></span> }>
            {move || {
                let name = name.clone();
                Suspend::new(async move {
                    match url.await {
                        Ok(href) => {
                            let label = name.clone();
                            let alt = name.clone();
                            let download = name.clone();
                            let src = href.clone();
                            view! {
                                <a
                                    href=href
                                    download=download
                                    class="file-thumb"
                                    aria-label=move || t_string!(i18n, apps.download, name = label.clone()).to_string()
                                >
                                    {image.then(|| view! {
                                        <img src=src alt=move || t_string!(i18n, apps.preview, name = alt.clone()).to_string() />
                                    })}
                                    <span class="file-thumb-name">{name}</span>
                                </a>
                            }
                                .into_any()
                        }
                        Err(_) => view! { <span class="has-text-danger">{tr!(apps.file_error)}</span> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// 通过: 类型 分销商 / 经销商 and, for a reseller, an optional 上级分销商.
#[component]
fn ApproveForm(id: i64, name: String, close: Callback<()>, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let kind = RwSignal::new(CompanyKind::Reseller);
    let parent = RwSignal::new(String::new());
    let distributors = LocalResource::new(move || async move {
        let query = CompanyQuery {
            per_page: Some(100),
            status: Some(CompanyStatus::Active),
            ..CompanyQuery::default()
        };
        session
            .call(|api| {
                let query = query.clone();
                async move { api.list_all_companies(&query).await }
            })
            .await
            .map_err(LoadError::from)
            .map(|page| {
                page.items
                    .into_iter()
                    .filter(|c| c.kind == Some(CompanyKind::Distributor))
                    .collect::<Vec<_>>()
            })
    });
    let on_submit = Callback::new(move |()| {
        let approve = ApproveApplication {
            kind: kind.get_untracked(),
            parent_id: if kind.get_untracked() == CompanyKind::Reseller {
                parent.get_untracked().parse().ok()
            } else {
                None
            },
        };
        let name = name.clone();
        form.send_checked(
            Vec::new(),
            approve,
            move |api, approve| async move { api.approve_application(id, &approve).await },
            move |_| {
                session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, apps.approved_done, name).to_string(),
                );
                done.run(());
            },
        );
    });
    let radio = move |value: CompanyKind| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="kind"
                    prop:checked=move || kind.get() == value
                    on:change=move |_| kind.set(value)
                />
                " "
                {move || kind_label(i18n, value)}
            </label>
        }
    };
    view! {
        <EditorForm
            form
            on_submit
            on_cancel=close
            save_label=ts!(apps.confirm_approve)
            save_class="button is-success"
            cancel_label=ts!(apps.cancel)
        >
            <fieldset class="field">
                <legend class="label">{tr!(apps.kind)}</legend>
                <div class="control radios">
                    {radio(CompanyKind::Distributor)}
                    {radio(CompanyKind::Reseller)}
                </div>
            </fieldset>
            <Show when=move || kind.get() == CompanyKind::Reseller>
                <div class="field">
                    <label class="label" for="f-parent">{tr!(apps.parent)}</label>
                    <div class="control">
                        <div class="select is-fullwidth">
                            <select
                                id="f-parent"
                                aria-describedby="f-parent-hint"
                                prop:value=move || parent.get()
                                on:change=move |ev: Event| parent.set(event_target_value(&ev))
                            >
                                <option value="">{tr!(apps.parent_none)}</option>
                                {move || {
                                    distributors
                                        .get()
                                        .and_then(Result::ok)
                                        .unwrap_or_default()
                                        .into_iter()
                                        .map(|c| {
                                            let value = c.id.to_string();
                                            let selected = value.clone();
                                            view! { <option value=value selected=move || parent.get() == selected>{c.name}</option> }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </div>
                    </div>
                    <p class="help" id="f-parent-hint">{tr!(apps.parent_hint)}</p>
                </div>
            </Show>
        </EditorForm>
    }
}

/// 拒绝: the reason, mailed to the applicant.
#[component]
fn RejectForm(id: i64, name: String, close: Callback<()>, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let errors = form.errors;
    let reason = RwSignal::new(String::new());
    let error = Memo::new(move |_| error_of(i18n, errors, "reason"));
    let on_submit = Callback::new(move |()| {
        let reject = RejectApplication {
            reason: reason.get_untracked().trim().to_owned(),
        };
        let name = name.clone();
        form.submit(
            reject,
            move |api, reject| async move { api.reject_application(id, &reject.reason).await },
            move |_| {
                session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, apps.rejected_done, name).to_string(),
                );
                done.run(());
            },
        );
    });
    view! {
        <EditorForm
            form
            on_submit
            on_cancel=close
            save_label=ts!(apps.confirm_reject)
            save_class="button is-danger"
            cancel_label=ts!(apps.cancel)
        >
            <div class="field">
                <label class="label" for="f-reason">
                    {tr!(apps.reason)}
                    <span class="required-mark" aria-hidden="true">"*"</span>
                </label>
                <div class="control">
                    <textarea
                        id="f-reason"
                        class="textarea"
                        class=("is-danger", move || error.with(Option::is_some))
                        rows="3"
                        maxlength="500"
                        aria-required="true"
                        aria-describedby="f-reason-hint f-reason-error"
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        bind:value=reason
                        on:input=move |_| clear(errors, "reason")
                    ></textarea>
                </div>
                <p class="help" id="f-reason-hint">{tr!(apps.reason_hint)}</p>
                <FieldError id="f-reason-error".to_owned() error />
            </div>
        </EditorForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_read_the_url() {
        assert_eq!(tab_status(None), CompanyStatus::Pending);
        assert_eq!(tab_status(Some("active")), CompanyStatus::Active);
        assert_eq!(tab_status(Some("rejected")), CompanyStatus::Rejected);
        assert_eq!(tab_status(Some("nope")), CompanyStatus::Pending);
    }
}

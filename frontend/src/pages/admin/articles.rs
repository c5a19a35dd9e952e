//! Written content (operator, `manage_catalog`): 新闻动态 (news, markdown) and 帮助中心 pages
//! (markdown with headings for their table of contents), each a list plus an editor page, and the
//! contact card shown after consult and trial requests (联系方式).

use std::future::Future;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use rc_types::PageQuery;
use rc_types::storefront::{HelpPageInput, HelpPageSummary, NewsInput, NewsSummary, OperatorContact};

use crate::api::{LoadError, client, forget_content};
use crate::components::data_table::{Column, DataTable};
use crate::components::editor::{EditorForm, FormState, ask_delete};
use crate::components::error_view::ErrorView;
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::listing::{PER_PAGE, use_list_state};
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{date, t_string, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::pages::admin::content::{
    LocalTimeField, edit_link_delete, from_local_input, parse_state, state_name, state_options,
    to_local_input,
};
use crate::pages::admin::solutions::{NEED, StateTag};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

// ---------------------------------------------------------------- news

/// `/admin/news`.
#[component]
pub fn NewsAdminPage() -> impl IntoView {
    let session = use_session();
    let state = use_list_state();
    let list = LocalResource::new(move || {
        let page = state.get().page;
        async move {
            session
                .call(|api| async move {
                    api.list_admin_news(PageQuery {
                        page: Some(page),
                        per_page: Some(PER_PAGE),
                    })
                    .await
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let reload = Callback::new(move |()| list.refetch());
    let columns = vec![
        Column::new(ts!(content.title_field), |n: &NewsSummary| {
            let (href, title) = (format!("/admin/news/{}", n.id), n.title.clone());
            view! { <A href>{title}</A> }
        })
        .class("cell-wrap"),
        Column::new(ts!(content.published_at), |n: &NewsSummary| date(n.published_at)).class("nowrap"),
        Column::new(
            ts!(content.state),
            |n: &NewsSummary| view! { <StateTag state=n.state /> },
        ),
        Column::new(ts!(content.actions), move |n: &NewsSummary| {
            let id = n.id;
            let delete = ask_delete(move |api| async move { api.delete_news(id).await }, reload);
            edit_link_delete(format!("/admin/news/{id}"), delete)
        }),
    ];
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.news)>
                <A href="/admin/news/new" attr:class="button is-link">{tr!(content.add_news)}</A>
            </PageHead>
            <DataTable data=list columns=columns.clone() label=ts!(content.news) base="/admin/news" />
        </Guard>
    }
}

/// The item an editor page edits: loaded by the route's `:id`, `None` on `…/new`.
fn edited<T, F, Fut>(fetch: F) -> LocalResource<Result<Option<T>, LoadError>>
where
    T: Clone + 'static,
    F: Fn(rc_client::Client, i64) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, rc_client::ClientError>> + 'static,
{
    let session = use_session();
    let id = crate::pages::id_param();
    LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                None => Ok(None),
                Some(id) => session
                    .call(|api| fetch(api, id))
                    .await
                    .map(Some)
                    .map_err(LoadError::from),
            }
        }
    })
}

/// `/admin/news/new` and `/admin/news/:id`.
#[component]
pub fn NewsEditorPage() -> impl IntoView {
    let loaded = edited(|api, id| async move { api.get_news_source(id).await.map(|s| (s.id, s.input)) });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <Guard need=NEED>
            <Suspense fallback=|| view! { <LinesSkeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(existing) => view! { <NewsForm existing /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </Guard>
    }
}

/// After an editor page saved: 已保存 on the list, and back to it.
fn back_to(list: &'static str) -> impl Fn() + Clone + 'static {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    move || {
        session.notify_at(
            list,
            NoticeKind::Success,
            t_string!(i18n, content.saved).to_string(),
        );
        navigate(list, NavigateOptions::default());
    }
}

#[component]
fn NewsForm(existing: Option<(i64, NewsInput)>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let errors = form.errors;
    let id = existing.as_ref().map(|(id, _)| *id);
    let input = existing.map(|(_, input)| input).unwrap_or_default();
    let title = RwSignal::new(input.title);
    let summary = RwSignal::new(input.summary);
    let body = RwSignal::new(input.body);
    let published = RwSignal::new(input.published_at.map(to_local_input).unwrap_or_default());
    let state = RwSignal::new(state_name(input.state).to_owned());
    let done = back_to("/admin/news");
    let on_submit = Callback::new(move |()| {
        let input = NewsInput {
            title: title.get_untracked().trim().to_owned(),
            summary: summary.get_untracked().trim().to_owned(),
            body: body.get_untracked(),
            published_at: from_local_input(&published.get_untracked()),
            state: parse_state(&state.get_untracked()),
        };
        let done = done.clone();
        form.submit(
            input,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_news(id, &input).await,
                    None => api.create_news(&input).await,
                }
            },
            move |_| done(),
        );
    });
    let heading = if id.is_some() {
        ts!(content.edit_news)
    } else {
        ts!(content.add_news)
    };
    view! {
        <PageHead title=heading>
            <A href="/admin/news" attr:class="button is-small">{tr!(admin_solutions.back)}</A>
        </PageHead>
        <EditorForm form on_submit class="box">
            <TextField name="title" label=ts!(content.title_field) value=title errors required=true maxlength=120 />
            <TextArea name="summary" label=ts!(content.summary) value=summary errors max=300 counter=true rows=2 />
            <TextArea name="body" label=ts!(content.body_markdown) value=body errors required=true max=50000 rows=14 />
            <div class="columns is-variable is-2 mb-0">
                <div class="column">
                    <LocalTimeField name="published_at" label=ts!(content.published_at) value=published hint=ts!(content.published_hint) />
                </div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
        </EditorForm>
    }
}

// ---------------------------------------------------------------- help pages

/// `/admin/help`.
#[component]
pub fn HelpAdminPage() -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.list_admin_help().await })
            .await
            .map(|mut items| {
                items.sort_by_key(|p| p.position);
                items
            })
            .map_err(LoadError::from)
    });
    let reload = Callback::new(move |()| list.refetch());
    let columns = vec![
        Column::new(ts!(content.title_field), |p: &HelpPageSummary| {
            let (href, title) = (format!("/admin/help/{}", p.id), p.title.clone());
            view! { <A href>{title}</A> }
        })
        .class("cell-wrap"),
        Column::new(
            ts!(content.slug),
            |p: &HelpPageSummary| view! { <code>{p.slug.clone()}</code> },
        ),
        Column::new(ts!(content.position), |p: &HelpPageSummary| p.position),
        Column::new(
            ts!(content.state),
            |p: &HelpPageSummary| view! { <StateTag state=p.state /> },
        ),
        Column::new(ts!(content.actions), move |p: &HelpPageSummary| {
            let id = p.id;
            let delete = ask_delete(move |api| async move { api.delete_help(id).await }, reload);
            edit_link_delete(format!("/admin/help/{id}"), delete)
        }),
    ];
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.help)>
                <A href="/admin/help/new" attr:class="button is-link">{tr!(content.add_help)}</A>
            </PageHead>
            <DataTable data=list columns=columns.clone() label=ts!(content.help) />
        </Guard>
    }
}

/// `/admin/help/new` and `/admin/help/:id`.
#[component]
pub fn HelpEditorPage() -> impl IntoView {
    let loaded = edited(|api, id| async move { api.get_help_source(id).await.map(|s| (s.id, s.input)) });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <Guard need=NEED>
            <Suspense fallback=|| view! { <LinesSkeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(existing) => view! { <HelpForm existing /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </Guard>
    }
}

#[component]
fn HelpForm(existing: Option<(i64, HelpPageInput)>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let errors = form.errors;
    let id = existing.as_ref().map(|(id, _)| *id);
    let input = existing.map(|(_, input)| input).unwrap_or_default();
    let slug = RwSignal::new(input.slug);
    let title = RwSignal::new(input.title);
    let body = RwSignal::new(input.body);
    let position = RwSignal::new(input.position.to_string());
    let state = RwSignal::new(state_name(input.state).to_owned());
    let done = back_to("/admin/help");
    let on_submit = Callback::new(move |()| {
        let input = HelpPageInput {
            slug: slug.get_untracked().trim().to_owned(),
            title: title.get_untracked().trim().to_owned(),
            body: body.get_untracked(),
            position: position.get_untracked().trim().parse().unwrap_or(0),
            state: parse_state(&state.get_untracked()),
        };
        let done = done.clone();
        form.submit(
            input,
            move |api, input| async move {
                match id {
                    Some(id) => api.update_help(id, &input).await,
                    None => api.create_help(&input).await,
                }
            },
            move |_| done(),
        );
    });
    let heading = if id.is_some() {
        ts!(content.edit_help)
    } else {
        ts!(content.add_help)
    };
    view! {
        <PageHead title=heading>
            <A href="/admin/help" attr:class="button is-small">{tr!(admin_solutions.back)}</A>
        </PageHead>
        <EditorForm form on_submit class="box">
            <div class="columns is-variable is-2 mb-0">
                <div class="column is-8"><TextField name="title" label=ts!(content.title_field) value=title errors required=true maxlength=100 /></div>
                <div class="column"><TextField name="slug" label=ts!(content.slug) value=slug errors required=true maxlength=60 hint=ts!(content.slug_hint) /></div>
            </div>
            <TextArea name="body" label=ts!(content.body_markdown) value=body errors max=100_000 rows=16 />
            <p class="help mb-3">{tr!(content.help_body_hint)}</p>
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><TextField name="position" label=ts!(content.position) value=position errors maxlength=5 /></div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
        </EditorForm>
    }
}

// ---------------------------------------------------------------- contact card

/// `/admin/contact`: who answers consults and trials, shown in the confirmations.
#[component]
pub fn ContactSettingsPage() -> impl IntoView {
    let contact =
        LocalResource::new(|| async { client().get_operator_contact().await.map_err(LoadError::from) });
    let retry = Callback::new(move |()| contact.refetch());
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.contact) />
            <p class="help mb-3">{tr!(content.contact_hint)}</p>
            <Suspense fallback=|| view! { <LinesSkeleton lines=5 /> }>
                {move || Suspend::new(async move {
                    match contact.await {
                        Ok(current) => view! { <ContactForm current /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </Guard>
    }
}

#[component]
fn ContactForm(current: OperatorContact) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let errors = form.errors;
    let name = RwSignal::new(current.name);
    let phone = RwSignal::new(current.phone);
    let email = RwSignal::new(current.email);
    let response_time = RwSignal::new(current.response_time);
    let legal_name = RwSignal::new(current.legal_name);
    let legal_name_en = RwSignal::new(current.legal_name_en);
    let on_submit = Callback::new(move |()| {
        let input = OperatorContact {
            name: name.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            response_time: response_time.get_untracked().trim().to_owned(),
            legal_name: legal_name.get_untracked().trim().to_owned(),
            legal_name_en: legal_name_en.get_untracked().trim().to_owned(),
        };
        form.submit(
            input,
            |api, input| async move { api.update_operator_contact(&input).await },
            move |_| {
                forget_content();
                session.notify(NoticeKind::Success, t_string!(i18n, content.saved).to_string());
            },
        );
    });
    view! {
        <EditorForm form on_submit class="box form-box">
            <TextField name="name" label=ts!(content.contact_name) value=name errors required=true maxlength=60 />
            <TextField name="phone" label=ts!(leads.phone) value=phone errors required=true kind="tel" maxlength=20 />
            <TextField name="email" label=ts!(leads.email) value=email errors required=true kind="email" maxlength=254 />
            <TextField name="response_time" label=ts!(content.response_time) value=response_time errors required=true maxlength=60 hint=ts!(content.response_time_hint) />
            <TextField name="legal_name" label=ts!(content.legal_name) value=legal_name errors required=true maxlength=100 hint=ts!(content.legal_name_hint) />
            <TextField name="legal_name_en" label=ts!(content.legal_name_en) value=legal_name_en errors maxlength=100 />
        </EditorForm>
    }
}

//! Written content (operator, `manage_catalog`): 新闻动态 (news, markdown) and 帮助中心 pages
//! (markdown with headings for their table of contents), each a list plus an editor page, and the
//! contact card shown after consult and trial requests (联系方式).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use rc_types::PageQuery;
use rc_types::catalog::PublishState;
use rc_types::storefront::{HelpPageInput, NewsInput, OperatorContact};

use crate::api::{LoadError, client, forget_content};
use crate::components::confirm::{Confirm, asker};
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::field::{FormAlert, SelectField, TextArea, TextField};
use crate::components::listing::{ListFooter, PER_PAGE, use_list_state};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check, failure_text};
use crate::i18n::{date, publish_state_label, t_string, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::pages::admin::content::{from_local_input, to_local_input};
use crate::pages::admin::solutions::{NEED, StateTag};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

fn state_options(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>) -> Vec<(&'static str, Signal<String>)> {
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
    if state == PublishState::Published {
        "published"
    } else {
        "draft"
    }
}

// ---------------------------------------------------------------- news

/// `/admin/news`.
#[allow(clippy::too_many_lines, reason = "one page reads best in one piece")]
#[component]
pub fn NewsAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let list = LocalResource::new(move || {
        let page = state.get().page;
        async move {
            session
                .call(|api| async move {
                    api.admin_news(PageQuery {
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
    let ask = asker();
    let delete = move |id: i64| {
        ask(Confirm {
            message: t_string!(i18n, confirm.delete_text).to_string(),
            action: t_string!(i18n, confirm.delete).to_string(),
            danger: true,
            run: Callback::new(move |()| {
                spawn_local(async move {
                    match session.call(|api| async move { api.delete_news(id).await }).await {
                        Ok(()) => {
                            session.notify(NoticeKind::Success, t_string!(i18n, content.deleted).to_string());
                            reload.run(());
                        }
                        Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                    }
                });
            }),
        });
    };
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.news)>
                <A href="/admin/news/new" attr:class="button is-link">{tr!(content.add_news)}</A>
            </PageHead>
            <section class="box list-box">
                <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(page) => {
                                let (total, pages) = (page.total, page.page_count());
                                let body = if page.items.is_empty() {
                                    view! { <EmptyState /> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-container">
                                            <table class="table is-fullwidth data-table" aria-label=tr!(content.news)>
                                                <thead>
                                                    <tr>
                                                        <th>{tr!(content.title_field)}</th>
                                                        <th>{tr!(content.published_at)}</th>
                                                        <th>{tr!(content.state)}</th>
                                                        <th>{tr!(content.actions)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {page
                                                        .items
                                                        .into_iter()
                                                        .map(|item| {
                                                            let id = item.id;
                                                            view! {
                                                                <tr>
                                                                    <td class="cell-wrap"><A href=format!("/admin/news/{id}")>{item.title.clone()}</A></td>
                                                                    <td class="nowrap">{date(item.published_at)}</td>
                                                                    <td><StateTag state=item.state /></td>
                                                                    <td>
                                                                        <div class="row-actions">
                                                                            <A href=format!("/admin/news/{id}") attr:class="button is-small">{tr!(content.edit)}</A>
                                                                            <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| delete(id)>{tr!(content.delete)}</button>
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
                                };
                                view! {
                                    {body}
                                    <ListFooter base="/admin/news" state total pages />
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorView error on_retry=reload /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </Guard>
    }
}

/// `/admin/news/new` and `/admin/news/:id`.
#[component]
pub fn NewsEditorPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                None => Ok(None),
                Some(id) => session
                    .call(|api| async move { api.admin_news_item(id).await })
                    .await
                    .map(|s| Some((s.id, s.input)))
                    .map_err(LoadError::from),
            }
        }
    });
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

#[component]
fn NewsForm(existing: Option<(i64, NewsInput)>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let id = existing.as_ref().map(|(id, _)| *id);
    let input = existing.map(|(_, input)| input).unwrap_or_default();
    let title = RwSignal::new(input.title);
    let summary = RwSignal::new(input.summary);
    let body = RwSignal::new(input.body);
    let published = RwSignal::new(input.published_at.map(to_local_input).unwrap_or_default());
    let state = RwSignal::new(state_name(input.state).to_owned());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = NewsInput {
            title: title.get_untracked().trim().to_owned(),
            summary: summary.get_untracked().trim().to_owned(),
            body: body.get_untracked(),
            published_at: from_local_input(&published.get_untracked()),
            state: parse_state(&state.get_untracked()),
        };
        let found = check(&input);
        alert.set(None);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let input = input.clone();
                    async move {
                        match id {
                            Some(id) => api.update_news(id, &input).await,
                            None => api.create_news(&input).await,
                        }
                    }
                })
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    session.notify_at(
                        "/admin/news",
                        NoticeKind::Success,
                        t_string!(i18n, content.saved).to_string(),
                    );
                    navigate("/admin/news", NavigateOptions::default());
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
    };
    let heading = if id.is_some() {
        ts!(content.edit_news)
    } else {
        ts!(content.add_news)
    };
    view! {
        <PageHead title=heading>
            <A href="/admin/news" attr:class="button is-small">{tr!(admin_solutions.back)}</A>
        </PageHead>
        <form class="box" novalidate on:submit=on_submit>
            <FormAlert message=alert />
            <TextField name="title" label=ts!(content.title_field) value=title errors required=true maxlength=120 />
            <TextArea name="summary" label=ts!(content.summary) value=summary errors max=300 counter=true rows=2 />
            <TextArea name="body" label=ts!(content.body_markdown) value=body errors required=true max=50000 rows=14 />
            <div class="columns is-variable is-2 mb-0">
                <div class="column">
                    <div class="field">
                        <label class="label" for="f-published_at">{tr!(content.published_at)}</label>
                        <input id="f-published_at" class="input" type="datetime-local" bind:value=published />
                        <p class="help">{tr!(content.published_hint)}</p>
                    </div>
                </div>
                <div class="column"><SelectField name="state" label=ts!(content.state) value=state errors options=state_options(i18n) /></div>
            </div>
            <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>{tr!(content.save)}</button>
        </form>
    }
}

// ---------------------------------------------------------------- help pages

/// `/admin/help`.
#[allow(clippy::too_many_lines, reason = "one page reads best in one piece")]
#[component]
pub fn HelpAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.admin_help().await })
            .await
            .map_err(LoadError::from)
    });
    let reload = Callback::new(move |()| list.refetch());
    let ask = asker();
    let delete = move |id: i64| {
        ask(Confirm {
            message: t_string!(i18n, confirm.delete_text).to_string(),
            action: t_string!(i18n, confirm.delete).to_string(),
            danger: true,
            run: Callback::new(move |()| {
                spawn_local(async move {
                    match session.call(|api| async move { api.delete_help(id).await }).await {
                        Ok(()) => {
                            session.notify(NoticeKind::Success, t_string!(i18n, content.deleted).to_string());
                            reload.run(());
                        }
                        Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
                    }
                });
            }),
        });
    };
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(content.help)>
                <A href="/admin/help/new" attr:class="button is-link">{tr!(content.add_help)}</A>
            </PageHead>
            <section class="box list-box">
                <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(items) if items.is_empty() => view! { <EmptyState /> }.into_any(),
                            Ok(mut items) => {
                                items.sort_by_key(|p| p.position);
                                view! {
                                    <div class="table-container">
                                        <table class="table is-fullwidth data-table" aria-label=tr!(content.help)>
                                            <thead>
                                                <tr>
                                                    <th>{tr!(content.title_field)}</th>
                                                    <th>{tr!(content.slug)}</th>
                                                    <th>{tr!(content.position)}</th>
                                                    <th>{tr!(content.state)}</th>
                                                    <th>{tr!(content.actions)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {items
                                                    .into_iter()
                                                    .map(|page| {
                                                        let id = page.id;
                                                        view! {
                                                            <tr>
                                                                <td class="cell-wrap"><A href=format!("/admin/help/{id}")>{page.title.clone()}</A></td>
                                                                <td><code>{page.slug.clone()}</code></td>
                                                                <td>{page.position}</td>
                                                                <td><StateTag state=page.state /></td>
                                                                <td>
                                                                    <div class="row-actions">
                                                                        <A href=format!("/admin/help/{id}") attr:class="button is-small">{tr!(content.edit)}</A>
                                                                        <button type="button" class="button is-small is-danger is-outlined" on:click=move |_| delete(id)>{tr!(content.delete)}</button>
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
        </Guard>
    }
}

/// `/admin/help/new` and `/admin/help/:id`.
#[component]
pub fn HelpEditorPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                None => Ok(None),
                Some(id) => session
                    .call(|api| async move { api.admin_help_page(id).await })
                    .await
                    .map(|s| Some((s.id, s.input)))
                    .map_err(LoadError::from),
            }
        }
    });
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
    let session = use_session();
    let navigate = use_navigate();
    let id = existing.as_ref().map(|(id, _)| *id);
    let input = existing.map(|(_, input)| input).unwrap_or_default();
    let slug = RwSignal::new(input.slug);
    let title = RwSignal::new(input.title);
    let body = RwSignal::new(input.body);
    let position = RwSignal::new(input.position.to_string());
    let state = RwSignal::new(state_name(input.state).to_owned());
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = HelpPageInput {
            slug: slug.get_untracked().trim().to_owned(),
            title: title.get_untracked().trim().to_owned(),
            body: body.get_untracked(),
            position: position.get_untracked().trim().parse().unwrap_or(0),
            state: parse_state(&state.get_untracked()),
        };
        let found = check(&input);
        alert.set(None);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = session
                .call(|api| {
                    let input = input.clone();
                    async move {
                        match id {
                            Some(id) => api.update_help(id, &input).await,
                            None => api.create_help(&input).await,
                        }
                    }
                })
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    session.notify_at(
                        "/admin/help",
                        NoticeKind::Success,
                        t_string!(i18n, content.saved).to_string(),
                    );
                    navigate("/admin/help", NavigateOptions::default());
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
    };
    let heading = if id.is_some() {
        ts!(content.edit_help)
    } else {
        ts!(content.add_help)
    };
    view! {
        <PageHead title=heading>
            <A href="/admin/help" attr:class="button is-small">{tr!(admin_solutions.back)}</A>
        </PageHead>
        <form class="box" novalidate on:submit=on_submit>
            <FormAlert message=alert />
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
            <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>{tr!(content.save)}</button>
        </form>
    }
}

// ---------------------------------------------------------------- contact card

/// `/admin/contact`: who answers consults and trials, shown in the confirmations.
#[component]
pub fn ContactSettingsPage() -> impl IntoView {
    let contact = LocalResource::new(|| async { client().operator_contact().await.map_err(LoadError::from) });
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
    let name = RwSignal::new(current.name);
    let phone = RwSignal::new(current.phone);
    let email = RwSignal::new(current.email);
    let response_time = RwSignal::new(current.response_time);
    let errors: Errors = RwSignal::new(Vec::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = OperatorContact {
            name: name.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            response_time: response_time.get_untracked().trim().to_owned(),
        };
        let found = check(&input);
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
                    async move { api.update_operator_contact(&input).await }
                })
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    forget_content();
                    session.notify(NoticeKind::Success, t_string!(i18n, content.saved).to_string());
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
    };
    view! {
        <form class="box form-box" novalidate on:submit=on_submit>
            <FormAlert message=alert />
            <TextField name="name" label=ts!(content.contact_name) value=name errors required=true maxlength=60 />
            <TextField name="phone" label=ts!(leads.phone) value=phone errors required=true kind="tel" maxlength=20 />
            <TextField name="email" label=ts!(leads.email) value=email errors required=true kind="email" maxlength=254 />
            <TextField name="response_time" label=ts!(content.response_time) value=response_time errors required=true maxlength=60 hint=ts!(content.response_time_hint) />
            <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>{tr!(content.save)}</button>
        </form>
    }
}

//! 帮助中心: the operator's help pages. `/help` lists them (the table of contents); `/help/:slug`
//! shows one page (the server's sanitized HTML) with a side menu of every page and, under the
//! current one, its own headings as anchors.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rc_types::storefront::{HelpPage as HelpData, HelpPageSummary, TocEntry};

use crate::api::{LoadError, client};
use crate::app::PageTitle;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{date, t_string, use_i18n};
use crate::tr;

async fn contents() -> Result<Vec<HelpPageSummary>, LoadError> {
    let mut pages = client().list_help().await.map_err(LoadError::from)?;
    pages.sort_by_key(|p| p.position);
    Ok(pages)
}

/// Scrolls to the heading with id `anchor` (the router would treat `#…` as a navigation).
fn scroll_to(ev: &MouseEvent, anchor: &str) {
    let target = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(anchor));
    if let Some(target) = target {
        ev.prevent_default();
        target.scroll_into_view();
    }
}

/// `/help`: the table of contents.
#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let pages = LocalResource::new(contents);
    let retry = Callback::new(move |()| pages.refetch());
    view! {
        <PageTitle part=move || t_string!(i18n, help.title).to_string() />
        <section class="page-banner">
            <div class="container">
                <h1 class="title is-3">{tr!(help.title)}</h1>
                <p class="subtitle is-6">{tr!(help.subtitle)}</p>
            </div>
        </section>
        <div class="container page-body help-page">
            <Suspense fallback=|| view! { <div class="box"><LinesSkeleton lines=6 /></div> }>
                {move || Suspend::new(async move {
                    match pages.await {
                        Ok(list) if list.is_empty() => view! { <div class="box"><EmptyState /></div> }.into_any(),
                        Ok(list) => {
                            view! {
                                <nav class="box help-toc" aria-labelledby="help-toc-heading">
                                    <h2 id="help-toc-heading" class="title is-5">{tr!(help.toc)}</h2>
                                    <ol class="help-toc-list">
                                        {list
                                            .into_iter()
                                            .map(|page| {
                                                view! {
                                                    <li>
                                                        <a href=format!("/help/{}", page.slug)>{page.title.clone()}</a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                </nav>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
            <section class="box content" aria-labelledby="help-contact">
                <h2 id="help-contact" class="title is-5">{tr!(help.contact_title)}</h2>
                <p>{tr!(help.contact_text)}</p>
            </section>
        </div>
    }
}

/// `/help/:slug`: one help page.
#[component]
pub fn HelpArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let pages = LocalResource::new(contents);
    let page = LocalResource::new(move || {
        let slug = slug.get();
        async move { client().get_help(&slug).await.map_err(LoadError::from) }
    });
    let retry = Callback::new(move |()| page.refetch());
    view! {
        <div class="container page-body help-page">
            <div class="columns">
                <aside class="column is-3-desktop is-4-tablet">
                    <nav class="menu box help-menu" aria-label=tr!(help.toc)>
                        <p class="menu-label">{tr!(help.toc)}</p>
                        <Suspense fallback=|| view! { <LinesSkeleton lines=5 /> }>
                            {move || Suspend::new(async move {
                                let list = pages.await.unwrap_or_default();
                                let current_page = page.await.ok();
                                view! { <HelpMenu pages=list current=current_page /> }
                            })}
                        </Suspense>
                    </nav>
                </aside>
                <div class="column">
                    <Suspense fallback=move || view! {
                        <PageTitle part=move || t_string!(i18n, help.title).to_string() />
                        <div class="box"><LinesSkeleton lines=10 /></div>
                    }>
                        {move || Suspend::new(async move {
                            match page.await {
                                Ok(data) => view! { <HelpArticle page=data /> }.into_any(),
                                Err(error) if error.is_not_found() => view! { <HelpNotFound /> }.into_any(),
                                Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                            }
                        })}
                    </Suspense>
                </div>
            </div>
        </div>
    }
}

/// Every page; the current one (`aria-current`) with its headings.
#[component]
fn HelpMenu(pages: Vec<HelpPageSummary>, current: Option<HelpData>) -> impl IntoView {
    let current_slug = current.as_ref().map(|p| p.summary.slug.clone());
    let toc = current.map(|p| p.toc).unwrap_or_default();
    view! {
        <ul class="menu-list">
            {pages
                .into_iter()
                .map(|page| {
                    let is_current = current_slug.as_deref() == Some(page.slug.as_str());
                    view! {
                        <li>
                            <a
                                href=format!("/help/{}", page.slug)
                                class=("is-active", is_current)
                                aria-current=is_current.then_some("page")
                            >
                                {page.title.clone()}
                            </a>
                            {is_current.then(|| view! { <Toc entries=toc.clone() /> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The headings of a page as anchors.
#[component]
fn Toc(entries: Vec<TocEntry>) -> impl IntoView {
    (!entries.is_empty()).then(|| {
        view! {
            <ul class="help-headings">
                {entries
                    .into_iter()
                    .map(|entry| {
                        let anchor = entry.anchor.clone();
                        let level = if entry.level > 2 { "is-sub" } else { "" };
                        view! {
                            <li class=level>
                                <a href=format!("#{}", entry.anchor) on:click=move |ev| scroll_to(&ev, &anchor)>
                                    {entry.text.clone()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
fn HelpArticle(page: HelpData) -> impl IntoView {
    let title = page.summary.title.clone();
    let title_for_page = title.clone();
    view! {
        <PageTitle part=move || title_for_page.clone() />
        <nav class="breadcrumb" aria-label=tr!(nav.breadcrumb)>
            <ul>
                <li><a href="/">{tr!(nav.home)}</a></li>
                <li><a href="/help">{tr!(help.title)}</a></li>
                <li class="is-active"><a aria-current="page">{title.clone()}</a></li>
            </ul>
        </nav>
        <article class="box help-article">
            <h1 class="title is-3">{title}</h1>
            <p class="article-meta">{tr!(help.updated)}" "{date(page.updated_at)}</p>
            // Sanitized by the server when it rendered the markdown; headings carry the toc anchors.
            <div class="content rich-text" inner_html=page.body_html></div>
        </article>
    }
}

#[component]
fn HelpNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, help.not_found).to_string() />
        <section class="not-found box">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1 class="title is-4">{tr!(help.not_found)}</h1>
            <a href="/help" class="button is-link mt-4">{tr!(help.back)}</a>
        </section>
    }
}

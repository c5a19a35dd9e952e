//! 新闻动态 (§3.4): the paged news list (`/news?page=…`) and an article (`/news/:id`, the server's
//! sanitized HTML).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rc_types::PageQuery;
use rc_types::storefront::NewsArticle;

use crate::api::{LoadError, client};
use crate::app::PageTitle;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::pagination::Pagination;
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{date, t_string, use_i18n};
use crate::tr;

/// News items per page.
pub const NEWS_PER_PAGE: u32 = 10;

/// The news list page.
#[component]
pub fn NewsListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    let news = LocalResource::new(move || {
        let page = page.get();
        async move {
            client()
                .list_news(PageQuery {
                    page: Some(page),
                    per_page: Some(NEWS_PER_PAGE),
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let retry = Callback::new(move |()| news.refetch());
    view! {
        <PageTitle part=move || t_string!(i18n, news.title).to_string() />
        <section class="page-banner">
            <div class="container">
                <h1 class="title is-3">{tr!(news.title)}</h1>
                <p class="subtitle is-6">{tr!(home.news_desc)}</p>
            </div>
        </section>
        <div class="container page-body">
            <Transition fallback=|| view! { <div class="box"><LinesSkeleton lines=8 /></div> }>
                {move || Suspend::new(async move {
                    match news.await {
                        Ok(list) if list.items.is_empty() => view! { <div class="box"><EmptyState /></div> }.into_any(),
                        Ok(list) => {
                            let count = u32::try_from(list.page_count()).unwrap_or(u32::MAX);
                            let current = list.page;
                            let href = Callback::new(|n: u32| if n > 1 { format!("/news?page={n}") } else { "/news".to_owned() });
                            view! {
                                <ul class="news-list box is-page">
                                    {list
                                        .items
                                        .into_iter()
                                        .map(|item| {
                                            view! {
                                                <li class="news-item">
                                                    <a href=format!("/news/{}", item.id) class="news-title">{item.title.clone()}</a>
                                                    <time class="news-date" datetime=item.published_at.to_rfc3339()>{date(item.published_at)}</time>
                                                    {(!item.summary.is_empty()).then(|| view! { <p class="news-summary">{item.summary.clone()}</p> })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <Pagination current count href />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// One article.
#[component]
pub fn NewsArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::pages::id_param();
    let article = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => client().get_news(id).await.map_err(LoadError::from),
                None => Err(LoadError {
                    status: Some(404),
                    message: String::new(),
                    network: false,
                }),
            }
        }
    });
    let retry = Callback::new(move |()| article.refetch());
    view! {
        <div class="container page-body article-page">
            <Suspense fallback=move || view! {
                <PageTitle part=move || t_string!(i18n, news.title).to_string() />
                <div class="box"><LinesSkeleton lines=10 /></div>
            }>
                {move || Suspend::new(async move {
                    match article.await {
                        Ok(article) => view! { <ArticleView article /> }.into_any(),
                        Err(error) if error.is_not_found() => view! { <ArticleNotFound /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ArticleView(article: NewsArticle) -> impl IntoView {
    let title = article.summary.title.clone();
    let title_for_page = title.clone();
    let published = article.summary.published_at;
    view! {
        <PageTitle part=move || title_for_page.clone() />
        <nav class="breadcrumb" aria-label=tr!(nav.breadcrumb)>
            <ul>
                <li><a href="/">{tr!(nav.home)}</a></li>
                <li><a href="/news">{tr!(news.title)}</a></li>
                <li class="is-active"><a aria-current="page">{title.clone()}</a></li>
            </ul>
        </nav>
        <article class="box article">
            <h1 class="title is-3">{title}</h1>
            <p class="article-meta">
                {tr!(news.published)}" "
                <time datetime=published.to_rfc3339()>{date(published)}</time>
            </p>
            // Sanitized by the server when it rendered the markdown.
            <div class="content rich-text" inner_html=article.body_html></div>
            <p class="mt-5"><a href="/news" class="more-link">{tr!(news.back)}</a></p>
        </article>
    }
}

#[component]
fn ArticleNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, news.not_found).to_string() />
        <section class="not-found box">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1 class="title is-4">{tr!(news.not_found)}</h1>
            <a href="/news" class="button is-link mt-4">{tr!(news.back)}</a>
        </section>
    }
}

//! The tabs of the detail page (概述 / 成功案例 / 资源 / 技术支持 / 用户协议 / 评价) and their panels.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use rc_types::PageQuery;
use rc_types::catalog::{Resource, ReviewStats, SuccessCase, SupportInfo};

use super::{REVIEWS_PER_PAGE, Tab, percent, stars};
use crate::api::{LoadError, client};
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::roving::{Axis, handle_key};
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{date, t, t_string, use_i18n};
use crate::tr;

/// The tab list and the selected panel.
#[component]
pub(super) fn DetailTabs(
    solution_id: i64,
    description: String,
    features: Vec<String>,
    cases: Vec<SuccessCase>,
    resources: Vec<Resource>,
    support: SupportInfo,
    agreement_html: String,
    reviews: ReviewStats,
) -> impl IntoView {
    let i18n = use_i18n();
    let selected = RwSignal::new(Tab::Overview);
    let review_count = reviews.count;
    let on_keydown = move |ev: KeyboardEvent| {
        let current = Tab::ALL
            .iter()
            .position(|t| *t == selected.get_untracked())
            .unwrap_or(0);
        handle_key(
            &ev,
            Axis::Horizontal,
            "[role=tab]",
            current,
            Tab::ALL.len(),
            |next| selected.set(Tab::ALL[next]),
        );
    };
    let paragraphs: Vec<String> = description
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let overview = view! { <OverviewPanel paragraphs features /> }.into_any();
    let cases_view = view! { <CasesPanel cases /> }.into_any();
    let resources_view = view! { <ResourcesPanel resources /> }.into_any();
    let support_view = view! { <SupportPanel support /> }.into_any();
    let agreement_view = if agreement_html.trim().is_empty() {
        view! { <EmptyState /> }.into_any()
    } else {
        // Sanitized by the server when it rendered the operator's markdown.
        view! { <div class="content rich-text agreement" inner_html=agreement_html></div> }.into_any()
    };
    let panels = vec![
        (Tab::Overview, overview),
        (Tab::Cases, cases_view),
        (Tab::Resources, resources_view),
        (Tab::Support, support_view),
        (Tab::Agreement, agreement_view),
        (
            Tab::Reviews,
            view! { <ReviewsPanel solution_id stats=reviews /> }.into_any(),
        ),
    ];
    view! {
        <section class="box detail-tabs-box">
            <div class="tabs detail-tabs">
                <ul role="tablist" aria-label=tr!(detail.tabs) on:keydown=on_keydown>
                    {Tab::ALL
                        .into_iter()
                        .map(|tab| {
                            let active = move || selected.get() == tab;
                            view! {
                                <li class=("is-active", active)>
                                    <button
                                        type="button"
                                        role="tab"
                                        id=format!("tab-{}", tab.id())
                                        aria-selected=move || active().to_string()
                                        aria-controls=format!("panel-{}", tab.id())
                                        tabindex=move || if active() { "0" } else { "-1" }
                                        on:click=move |_| selected.set(tab)
                                    >
                                        {move || tab.label(i18n.get_locale())}
                                        {(tab == Tab::Reviews && review_count > 0).then(|| view! { <span class="tab-count">{review_count}</span> })}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
            {panels
                .into_iter()
                .map(|(tab, panel)| {
                    view! {
                        <div
                            role="tabpanel"
                            id=format!("panel-{}", tab.id())
                            aria-labelledby=format!("tab-{}", tab.id())
                            class="tab-panel"
                            hidden=move || selected.get() != tab
                        >
                            {panel}
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// 概述: description and 产品特点.
#[component]
fn OverviewPanel(paragraphs: Vec<String>, features: Vec<String>) -> impl IntoView {
    view! {
        {(!paragraphs.is_empty()).then(|| {
            view! {
                <h2 class="title is-5">{tr!(detail.overview)}</h2>
                <div class="content description">
                    {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                </div>
            }
        })}
        <h2 class="title is-5">{tr!(detail.features)}</h2>
        {if features.is_empty() {
            view! { <EmptyState /> }.into_any()
        } else {
            view! {
                <ul class="feature-list">
                    {features.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

/// 成功案例: one block per customer with 关于用户, 核心挑战, 解决方案 and 成果.
#[component]
fn CasesPanel(cases: Vec<SuccessCase>) -> impl IntoView {
    if cases.is_empty() {
        return view! { <EmptyState /> }.into_any();
    }
    let part = |label: AnyView, text: String| {
        (!text.trim().is_empty()).then(|| {
            view! {
                <div class="case-part">
                    <h4 class="case-label">{label}</h4>
                    {text
                        .split("\n\n")
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(|p| view! { <p>{p.to_owned()}</p> })
                        .collect_view()}
                </div>
            }
        })
    };
    view! {
        <div class="case-list">
            {cases
                .into_iter()
                .map(|case| {
                    view! {
                        <article class="case">
                            <h3 class="title is-5 case-customer">{case.customer.clone()}</h3>
                            {part(tr!(detail.case_about).into_any(), case.about)}
                            {part(tr!(detail.case_challenges).into_any(), case.challenges)}
                            {part(tr!(detail.case_solution).into_any(), case.solution)}
                            {part(tr!(detail.case_results).into_any(), case.results)}
                        </article>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// 资源: questions and resources that open to their answer.
#[component]
fn ResourcesPanel(resources: Vec<Resource>) -> impl IntoView {
    if resources.is_empty() {
        return view! { <EmptyState /> }.into_any();
    }
    view! {
        <div class="faq-list">
            {resources
                .into_iter()
                .map(|item| {
                    view! {
                        <details class="faq-item">
                            <summary class="faq-question">{item.title.clone()}</summary>
                            <div class="faq-answer">
                                {item
                                    .body
                                    .split("\n\n")
                                    .map(str::trim)
                                    .filter(|p| !p.is_empty())
                                    .map(|p| view! { <p>{p.to_owned()}</p> })
                                    .collect_view()}
                                {item.url.clone().map(|url| view! {
                                    <p><a href=url target="_blank" rel="noopener noreferrer">{tr!(detail.open_resource)}</a></p>
                                })}
                            </div>
                        </details>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// 技术支持: hotline, email and notes.
#[component]
fn SupportPanel(support: SupportInfo) -> impl IntoView {
    let SupportInfo { hotline, email, note } = support;
    if hotline.trim().is_empty() && email.trim().is_empty() && note.trim().is_empty() {
        return view! { <EmptyState /> }.into_any();
    }
    view! {
        <dl class="support-facts">
            {(!hotline.is_empty()).then(|| {
                let href = format!("tel:{}", hotline.replace(' ', ""));
                view! {
                    <div>
                        <dt>{tr!(detail.hotline)}</dt>
                        <dd><a href=href>{hotline.clone()}</a></dd>
                    </div>
                }
            })}
            {(!email.is_empty()).then(|| {
                let href = format!("mailto:{email}");
                view! {
                    <div>
                        <dt>{tr!(detail.support_email)}</dt>
                        <dd><a href=href>{email.clone()}</a></dd>
                    </div>
                }
            })}
            {(!note.is_empty()).then(|| view! {
                <div>
                    <dt>{tr!(detail.support_note)}</dt>
                    <dd>{note.clone()}</dd>
                </div>
            })}
        </dl>
    }
    .into_any()
}

/// 评价: average, count, the 5→1 star distribution and the reviews, newest first, paged.
#[component]
fn ReviewsPanel(solution_id: i64, stats: ReviewStats) -> impl IntoView {
    let i18n = use_i18n();
    if stats.count == 0 {
        return view! { <EmptyState /> }.into_any();
    }
    let page = RwSignal::new(1_u32);
    let list = LocalResource::new(move || {
        let page = page.get();
        async move {
            client()
                .list_reviews(
                    solution_id,
                    PageQuery {
                        page: Some(page),
                        per_page: Some(REVIEWS_PER_PAGE),
                    },
                )
                .await
                .map_err(LoadError::from)
        }
    });
    let retry = Callback::new(move |()| list.refetch());
    let total = stats.count;
    let average = stats
        .average
        .map_or_else(|| "—".to_owned(), |a| a.round_dp(1).to_string());
    let bars = (1..=5_u8)
        .rev()
        .map(|score| {
            let count = stats.distribution.get(usize::from(score - 1)).copied().unwrap_or(0);
            let share = percent(count, total);
            view! {
                <li class="review-bar">
                    <span class="review-bar-label">{move || t_string!(i18n, detail.stars_n, n = score).to_string()}</span>
                    <progress
                        class="progress is-warning is-small"
                        value=share
                        max="100"
                        aria-label=move || t_string!(i18n, detail.stars_share, n = score, count).to_string()
                    >
                        {format!("{share}%")}
                    </progress>
                    <span class="review-bar-count">{count}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="review-summary">
            <div class="review-average">
                <span class="review-score">{average}</span>
                <span class="review-stars" aria-hidden="true">
                    {stats.average.map(|a| stars(u8::try_from(a.round().mantissa()).unwrap_or(0))).unwrap_or_default()}
                </span>
                <span class="review-count">{t!(i18n, detail.review_count, count = total)}</span>
            </div>
            <ul class="review-bars" aria-label=tr!(detail.distribution)>{bars}</ul>
        </div>
        <Transition fallback=|| view! { <LinesSkeleton lines=4 /> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(reviews) => {
                        let pages = u32::try_from(reviews.page_count()).unwrap_or(1);
                        let current = reviews.page;
                        view! {
                            <ul class="review-list">
                                {reviews
                                    .items
                                    .into_iter()
                                    .map(|review| {
                                        let score = review.rating;
                                        view! {
                                            <li class="review">
                                                <p class="review-head">
                                                    <span class="review-stars" role="img" aria-label=move || t_string!(i18n, detail.stars_n, n = score).to_string()>
                                                        {stars(score)}
                                                    </span>
                                                    <span class="review-author">{review.author.clone()}</span>
                                                    <span class="review-company">{review.company.clone()}</span>
                                                    <time class="review-date" datetime=review.created_at.to_rfc3339()>{date(review.created_at)}</time>
                                                </p>
                                                <p class="review-body">{review.body.clone()}</p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            {(pages > 1).then(|| view! {
                                <nav class="review-pager buttons is-centered" aria-label=tr!(detail.review_pages)>
                                    <button type="button" class="button is-small" disabled=current <= 1 on:click=move |_| page.set(current - 1)>
                                        {tr!(pagination.prev)}
                                    </button>
                                    <span class="review-page">{format!("{current} / {pages}")}</span>
                                    <button type="button" class="button is-small" disabled=current >= pages on:click=move |_| page.set(current + 1)>
                                        {tr!(pagination.next)}
                                    </button>
                                </nav>
                            })}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

//! Solution detail (方案详情, §4.6): the head with plans (price, SKU, tax rate, region, quantity
//! and total; ordering arrives later), 在线咨询 and 申请试用, the tabs 概述 / 成功案例 / 资源 /
//! 技术支持 / 用户协议 / 评价, 相似产品 below, and in the side bar 联系我们, 相关推荐 and an ad.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rc_types::catalog::{
    Plan, Resource, ReviewStats, SolutionDetail, SolutionSummary, SuccessCase, SupportInfo,
};
use rc_types::storefront::AdSlot;
use rc_types::{Money, PageQuery};
use rust_decimal::Decimal;

use crate::api::{LoadError, client, operator_contact};
use crate::app::PageTitle;
use crate::components::ads::AdSlotView;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::leads::{ConsultDialog, TrialDialog};
use crate::components::logo::VendorTile;
use crate::components::roving::{Axis, handle_key};
use crate::components::skeleton::{DetailSkeleton, LinesSkeleton};
use crate::components::solution_card::SolutionGrid;
use crate::i18n::{Locale, category_label, date, plan_kind_label, t, t_string, use_i18n};
use crate::tr;

/// Largest quantity the form accepts.
pub const MAX_QUANTITY: u32 = 9999;
/// Reviews per page of the 评价 tab.
pub const REVIEWS_PER_PAGE: u32 = 5;

/// The tabs of the detail page, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 概述.
    Overview,
    /// 成功案例.
    Cases,
    /// 资源.
    Resources,
    /// 技术支持.
    Support,
    /// 用户协议.
    Agreement,
    /// 评价.
    Reviews,
}

impl Tab {
    /// Every tab in order.
    pub const ALL: [Tab; 6] = [
        Tab::Overview,
        Tab::Cases,
        Tab::Resources,
        Tab::Support,
        Tab::Agreement,
        Tab::Reviews,
    ];

    /// Id part of the tab and its panel.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::Cases => "cases",
            Tab::Resources => "resources",
            Tab::Support => "support",
            Tab::Agreement => "agreement",
            Tab::Reviews => "reviews",
        }
    }

    fn label(self, locale: Locale) -> &'static str {
        use crate::i18n::td_string;
        match self {
            Tab::Overview => td_string!(locale, detail.tab_overview),
            Tab::Cases => td_string!(locale, detail.tab_cases),
            Tab::Resources => td_string!(locale, detail.tab_resources),
            Tab::Support => td_string!(locale, detail.tab_support),
            Tab::Agreement => td_string!(locale, detail.tab_agreement),
            Tab::Reviews => td_string!(locale, detail.tab_reviews),
        }
    }
}

/// Stars for a 1–5 score: `★★★★☆`.
pub fn stars(score: u8) -> String {
    let full = usize::from(score.min(5));
    format!("{}{}", "★".repeat(full), "☆".repeat(5 - full))
}

/// Share of `count` in `total`, in whole percent (0 without reviews).
pub fn percent(count: u64, total: u64) -> u64 {
    (count * 100 + total / 2).checked_div(total).unwrap_or(0)
}

/// Unit price × quantity, in the plan's currency.
pub fn line_total(unit_price: Money, quantity: u32) -> Money {
    Money {
        amount: unit_price.amount * Decimal::from(quantity),
        currency: unit_price.currency,
    }
}

/// Parses the quantity field: whole numbers from 1 to [`MAX_QUANTITY`].
pub fn parse_quantity(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|q| (1..=MAX_QUANTITY).contains(q))
}

/// The detail page of `/solutions/:id`.
#[component]
pub fn DetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => client().get_solution(id).await.map_err(LoadError::from),
                None => Err(LoadError {
                    status: Some(404),
                    message: String::new(),
                    network: false,
                }),
            }
        }
    });
    let retry = Callback::new(move |()| detail.refetch());
    view! {
        <div class="container page-body detail-page">
            <Suspense fallback=move || {
                view! {
                    <PageTitle part=move || t_string!(i18n, detail.title).to_string() />
                    <DetailSkeleton />
                }
            }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(solution) => view! { <SolutionView solution /> }.into_any(),
                        Err(error) if error.is_not_found() => view! { <SolutionNotFound /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The API has no such (published) solution.
#[component]
fn SolutionNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, detail.not_found_title).to_string() />
        <section class="not-found box">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1 class="title is-4">{tr!(detail.not_found_title)}</h1>
            <p>{tr!(detail.not_found_text)}</p>
            <a href="/solutions" class="button is-link mt-4">{tr!(detail.back)}</a>
        </section>
    }
}

/// The loaded solution.
#[allow(clippy::too_many_lines, reason = "the page's layout reads best in one piece")]
#[component]
fn SolutionView(
    /// The solution with its plans.
    solution: SolutionDetail,
) -> impl IntoView {
    let i18n = use_i18n();
    let SolutionDetail {
        summary,
        description,
        features,
        plans,
        cases,
        resources,
        support,
        agreement_html,
        reviews,
        similar,
        related,
        ..
    } = solution;
    let name = summary.name.clone();
    let category = summary.category;
    let solution_id = summary.id;
    let rating = summary.rating.map(|r| format!("★ {}", r.normalize()));
    let title_name = name.clone();
    let consult_open = RwSignal::new(false);
    let trial_open = RwSignal::new(false);
    view! {
        <PageTitle part=move || title_name.clone() />
        <nav class="breadcrumb" aria-label=tr!(nav.breadcrumb)>
            <ul>
                <li><a href="/">{tr!(nav.home)}</a></li>
                <li><a href="/solutions">{tr!(nav.solutions)}</a></li>
                <li>
                    <a href=format!("/solutions?category={}", category.as_str())>
                        {move || category_label(i18n, Some(category))}
                    </a>
                </li>
                <li class="is-active"><a aria-current="page">{name.clone()}</a></li>
            </ul>
        </nav>
        <div class="columns">
            <div class="column is-9-desktop">
                <section class="box detail-head" aria-labelledby="solution-name">
                    <div class="media">
                        <div class="media-left">
                            <VendorTile vendor=summary.vendor.clone() size="is-large" logo=summary.logo_url.clone() />
                        </div>
                        <div class="media-content">
                            <h1 id="solution-name" class="title is-4">{name.clone()}</h1>
                            <p class="detail-meta">
                                <span>{tr!(detail.vendor)}": "{summary.vendor.clone()}</span>
                                <a class="tag is-link is-light" href=format!("/solutions?category={}", category.as_str())>
                                    {move || category_label(i18n, Some(category))}
                                </a>
                                {rating.map(|r| {
                                    view! {
                                        <span class="rating" title=tr!(detail.rating)>{r}</span>
                                    }
                                })}
                            </p>
                            <p class="detail-summary">{summary.summary.clone()}</p>
                            <div class="buttons lead-buttons">
                                <button type="button" class="button is-link is-outlined" aria-haspopup="dialog" on:click=move |_| consult_open.set(true)>
                                    {tr!(leads.consult)}
                                </button>
                                <button type="button" class="button is-warning is-light" aria-haspopup="dialog" on:click=move |_| trial_open.set(true)>
                                    {tr!(leads.trial)}" >>"
                                </button>
                            </div>
                        </div>
                    </div>
                    <dl class="detail-facts">
                        <div>
                            <dt>{tr!(detail.region)}</dt>
                            <dd>{summary.region.clone()}</dd>
                        </div>
                        <div>
                            <dt>{tr!(detail.price_from)}</dt>
                            <dd class="price-amount">{summary.price_from.display_short()}</dd>
                        </div>
                    </dl>
                    <PlanSelector plans />
                </section>
                <DetailTabs
                    solution_id
                    description
                    features
                    cases
                    resources
                    support
                    agreement_html
                    reviews
                />
                <section class="box similar" aria-labelledby="similar-heading">
                    <h2 id="similar-heading" class="title is-5">{tr!(detail.similar)}</h2>
                    {if similar.is_empty() {
                        view! { <EmptyState /> }.into_any()
                    } else {
                        view! { <SolutionGrid solutions=similar column="column is-4-desktop is-6-tablet is-12-mobile" /> }.into_any()
                    }}
                </section>
            </div>
            <aside class="column is-3-desktop detail-side">
                <ContactBox consult_open />
                <Related related />
                <AdSlotView placement=AdSlot::DetailSide layout="ad-column" />
            </aside>
        </div>
        <ConsultDialog open=consult_open solution_id=solution_id />
        <TrialDialog open=trial_open solution_id />
    }
}

/// The tab list and the selected panel.
#[component]
fn DetailTabs(
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

/// 联系我们: the operator's contact card with the 在线咨询 button.
#[component]
fn ContactBox(consult_open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let contact = LocalResource::new(operator_contact);
    view! {
        <section class="box contact-box" aria-labelledby="contact-heading">
            <h2 id="contact-heading" class="title is-6">{tr!(leads.contact_us)}</h2>
            <Suspense fallback=|| view! { <LinesSkeleton lines=3 /> }>
                {move || Suspend::new(async move {
                    contact.await.ok().map(|c| {
                        let tel = format!("tel:{}", c.phone.replace(' ', ""));
                        let mail = format!("mailto:{}", c.email);
                        let (name, time) = (c.name.clone(), c.response_time.clone());
                        view! {
                            <p class="contact-text">{move || t_string!(i18n, leads.contact_text, name = name.clone(), time = time.clone()).to_string()}</p>
                            <p class="contact-line">{tr!(leads.hotline)}" "<a href=tel>{c.phone.clone()}</a></p>
                            <p class="contact-line">{tr!(leads.mail)}" "<a href=mail>{c.email.clone()}</a></p>
                        }
                    })
                })}
            </Suspense>
            <button type="button" class="button is-link is-fullwidth mt-3" aria-haspopup="dialog" on:click=move |_| consult_open.set(true)>
                {tr!(leads.consult)}
            </button>
        </section>
    }
}

/// 购买计划: one radio button per plan; the chosen plan drives price, SKU, tax rate, region
/// and the total for the entered quantity. Ordering itself is not available yet.
#[component]
fn PlanSelector(
    /// Plans, cheapest first.
    plans: Vec<Plan>,
) -> impl IntoView {
    let i18n = use_i18n();
    if plans.is_empty() {
        return view! {
            <div class="purchase">
                <h2 class="purchase-label">{tr!(detail.plans)}</h2>
                <p class="has-text-grey">{tr!(detail.no_plans)}</p>
            </div>
        }
        .into_any();
    }
    let plans = StoredValue::new(plans);
    let selected = RwSignal::new(0_usize);
    let quantity = RwSignal::new(1_u32);
    let plan = move || plans.with_value(|plans| plans[selected.get().min(plans.len() - 1)].clone());
    let total = move || line_total(plan().unit_price, quantity.get()).display_short();

    let plan_count = plans.with_value(Vec::len);
    let on_keydown = move |ev: KeyboardEvent| {
        handle_key(
            &ev,
            Axis::Both,
            "[role=radio]",
            selected.get_untracked(),
            plan_count,
            |next| selected.set(next),
        );
    };
    let options = plans.with_value(|plans| {
        plans
            .iter()
            .enumerate()
            .map(|(index, plan)| {
                let checked = move || selected.get() == index;
                view! {
                    <button
                        type="button"
                        role="radio"
                        class="button plan-option"
                        class=("is-link", checked)
                        class=("is-outlined", checked)
                        aria-checked=move || checked().to_string()
                        tabindex=move || if checked() { "0" } else { "-1" }
                        on:click=move |_| selected.set(index)
                    >
                        {plan.name.clone()}
                    </button>
                }
            })
            .collect_view()
    });

    let set_quantity = move |value: u32| quantity.set(value.clamp(1, MAX_QUANTITY));
    view! {
        <div class="purchase">
            <p class="purchase-price" aria-live="polite">
                <span class="price-amount is-large">{move || plan().unit_price.display_short()}</span>
            </p>
            <h2 id="plans-label" class="purchase-label">{tr!(detail.plans)}</h2>
            <div class="buttons plan-options" role="radiogroup" aria-labelledby="plans-label" on:keydown=on_keydown>
                {options}
            </div>
            <table class="table is-fullwidth plan-facts">
                <tbody>
                    <tr>
                        <th scope="row">{tr!(detail.sku)}</th>
                        <td class="sku">{move || plan().sku_code}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr!(detail.unit_price)}</th>
                        <td class="unit-price">{move || plan().unit_price.display_short()}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr!(detail.tax_rate)}</th>
                        <td class="tax-rate">{move || format!("{}%", plan().tax_rate.normalize())}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr!(detail.plan_region)}</th>
                        <td class="plan-region">{move || plan().region}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr!(detail.kind)}</th>
                        <td>{move || plan_kind_label(i18n, plan().kind)}</td>
                    </tr>
                </tbody>
            </table>
            <div class="field quantity-field">
                <label class="label" for="quantity">{tr!(detail.quantity)}</label>
                <div class="field has-addons">
                    <div class="control">
                        <button
                            type="button"
                            class="button"
                            aria-label=tr!(detail.decrease)
                            disabled={move || quantity.get() <= 1}
                            on:click=move |_| set_quantity(quantity.get_untracked().saturating_sub(1))
                        >
                            "−"
                        </button>
                    </div>
                    <div class="control">
                        <input
                            id="quantity"
                            class="input quantity-input"
                            type="number"
                            inputmode="numeric"
                            min="1"
                            max=MAX_QUANTITY
                            step="1"
                            prop:value=move || quantity.get().to_string()
                            on:input=move |ev| {
                                if let Some(q) = parse_quantity(&event_target_value(&ev)) {
                                    quantity.set(q);
                                }
                            }
                            on:change=move |_| quantity.notify()
                        />
                    </div>
                    <div class="control">
                        <button
                            type="button"
                            class="button"
                            aria-label=tr!(detail.increase)
                            disabled={move || quantity.get() >= MAX_QUANTITY}
                            on:click=move |_| set_quantity(quantity.get_untracked() + 1)
                        >
                            "+"
                        </button>
                    </div>
                </div>
            </div>
            <p class="purchase-total">
                <span>{tr!(detail.total)}</span>
                <output for="quantity" class="price-amount is-large total-amount">{total}</output>
            </p>
            <div class="buttons purchase-actions">
                <button type="button" class="button is-link is-medium" disabled aria-describedby="ordering-note">
                    {tr!(detail.buy_now)}
                </button>
                <button type="button" class="button is-link is-light is-medium" disabled aria-describedby="ordering-note">
                    {tr!(detail.add_to_cart)}
                </button>
            </div>
            <p id="ordering-note" class="help ordering-note">{tr!(detail.ordering_soon)}</p>
        </div>
    }
    .into_any()
}

/// 相关推荐: the server's picks (same vendor first, then popular).
#[component]
fn Related(related: Vec<SolutionSummary>) -> impl IntoView {
    view! {
        <section class="box related" aria-labelledby="related-heading">
            <h2 id="related-heading" class="title is-6">{tr!(detail.related)}</h2>
            {if related.is_empty() {
                view! { <EmptyState /> }.into_any()
            } else {
                view! {
                    <ul class="related-list">
                        {related
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <li>
                                        <a href=format!("/solutions/{}", s.id) class="related-item">
                                            <VendorTile vendor=s.vendor.clone() size="is-small" logo=s.logo_url.clone() />
                                            <span class="related-text">
                                                <span class="related-name">{s.name.clone()}</span>
                                                <span class="related-price">{s.price_from.display_short()}</span>
                                            </span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn total_is_unit_price_times_quantity() {
        let unit = Money::cny(Decimal::from_str("64.20").unwrap());
        assert_eq!(line_total(unit, 3).display_short(), "¥192.6");
        assert_eq!(line_total(unit, 1), unit);
    }

    #[test]
    fn stars_and_shares() {
        assert_eq!(stars(4), "★★★★☆");
        assert_eq!(stars(9), "★★★★★");
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
    }

    #[test]
    fn quantity_must_be_a_positive_whole_number() {
        assert_eq!(parse_quantity(" 3 "), Some(3));
        assert_eq!(parse_quantity("0"), None);
        assert_eq!(parse_quantity("-1"), None);
        assert_eq!(parse_quantity("1.5"), None);
        assert_eq!(parse_quantity("10000"), None);
    }
}

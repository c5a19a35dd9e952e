//! Solution detail (方案详情, §4.6): the head with plans (price, SKU, tax rate, region, quantity
//! and total; ordering arrives later), 在线咨询 and 申请试用, the tabs 概述 / 成功案例 / 资源 /
//! 技术支持 / 用户协议 / 评价, 相似产品 below, and in the side bar 联系我们, 相关推荐 and an ad.

mod plans;
mod tabs;

use leptos::prelude::*;
use rc_types::Money;
use rc_types::catalog::{SolutionDetail, SolutionSummary};
use rc_types::storefront::AdSlot;
use rust_decimal::Decimal;

use crate::api::{LoadError, client, operator_contact};
use crate::app::PageTitle;
use crate::components::ads::AdSlotView;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::leads::{ConsultDialog, TrialDialog};
use crate::components::logo::VendorTile;
use crate::components::skeleton::{DetailSkeleton, LinesSkeleton};
use crate::components::solution_card::SolutionGrid;
use crate::i18n::{Locale, category_label, t_string, use_i18n};
use crate::tr;
use plans::PlanSelector;
use tabs::DetailTabs;

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
    let id = crate::pages::id_param();
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

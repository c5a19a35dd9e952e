//! Home page (首页, manual §3): 轮播广告, 热门解决方案, the home strip ad, 行业解决方案 with
//! category tabs, 新闻动态, 合作伙伴 and 产品与服务 (§12). Banners, hot solutions, news, partners,
//! ads and the product/service counts come in one call (`GET /storefront/home`).

use leptos::prelude::*;
use rc_types::Page;
use rc_types::catalog::{Category, ListSolutionsQuery, SolutionSort, SolutionSummary};
use rc_types::storefront::{AdSlot, HomePage as HomeData, NewsSummary, Partner};

use crate::api::{LoadError, client, remember_ads};
use crate::app::PageTitle;
use crate::components::ads::AdList;
use crate::components::carousel::Carousel;
use crate::components::category_tabs::CategoryTabs;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::logo::VendorTile;
use crate::components::skeleton::{CardGridSkeleton, LinesSkeleton};
use crate::components::solution_card::SolutionGrid;
use crate::i18n::{category_label, date, t, t_string, use_i18n};
use crate::tr;

/// Solutions in the 行业解决方案 grid.
const INDUSTRY_COUNT: u32 = 12;
/// News items on the home page.
const NEWS_COUNT: usize = 5;

async fn load(query: ListSolutionsQuery) -> Result<Page<SolutionSummary>, LoadError> {
    client().list_solutions(&query).await.map_err(LoadError::from)
}

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = LocalResource::new(|| async {
        let data = client().get_home().await.map_err(LoadError::from)?;
        remember_ads(&data.ads);
        Ok::<HomeData, LoadError>(data)
    });
    let retry = Callback::new(move |()| home.refetch());
    view! {
        <PageTitle part=move || t_string!(i18n, home.title).to_string() />
        <Suspense fallback=|| view! { <div class="carousel is-skeleton skeleton-block" role="status" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(data) if !data.banners.is_empty() => view! { <Carousel banners=data.banners /> }.into_any(),
                    _ => view! { <Hero /> }.into_any(),
                }
            })}
        </Suspense>
        <ValueStrip />
        <section class="section home-section" aria-labelledby="popular-heading">
            <div class="container">
                <div class="section-head">
                    <div>
                        <h2 id="popular-heading" class="title is-4">{tr!(home.popular)}</h2>
                        <p class="subtitle is-6">{tr!(home.popular_desc)}</p>
                    </div>
                    <a href="/solutions" class="more-link">{tr!(home.more)}</a>
                </div>
                <Suspense fallback=|| view! { <CardGridSkeleton count=8 /> }>
                    {move || Suspend::new(async move {
                        match home.await {
                            Ok(data) if data.hot.is_empty() => view! { <EmptyState /> }.into_any(),
                            Ok(data) => {
                                let strip: Vec<_> = data.ads.into_iter().filter(|ad| ad.slot == AdSlot::HomeStrip).collect();
                                view! {
                                    <SolutionGrid solutions=data.hot />
                                    <AdList ads=strip layout="ad-strip" />
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </section>
        <IndustrySection />
        <Suspense fallback=|| view! { <div class="container"><LinesSkeleton lines=5 /></div> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(data) => {
                        let partner_count = data.partners.len();
                        view! {
                            <NewsSection news=data.news />
                            <PartnersSection partners=data.partners />
                            <ProductsSection products=data.product_count services=data.service_count partners=partner_count />
                        }
                            .into_any()
                    }
                    // The error is shown once, above.
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// Static banner with the product description of manual §1 (when there are no banners).
#[component]
fn Hero() -> impl IntoView {
    view! {
        <section class="hero home-hero">
            <div class="hero-body">
                <div class="container">
                    <p class="hero-kicker">{tr!(home.hero_kicker)}</p>
                    <h1 class="title hero-title">{tr!(home.hero_title)}</h1>
                    <p class="hero-text">{tr!(home.hero_text)}</p>
                    <div class="buttons">
                        <a href="/solutions" class="button is-white is-medium has-text-link">{tr!(home.hero_cta)}</a>
                        <a href="/help" class="button is-link is-outlined is-inverted is-medium">{tr!(home.hero_help)}</a>
                    </div>
                </div>
            </div>
        </section>
    }
}

/// Four value propositions (manual §12.3).
#[component]
fn ValueStrip() -> impl IntoView {
    let item = |icon: &'static str, title: AnyView, text: AnyView| {
        view! {
            <li class="column value-item">
                <span class="value-icon" aria-hidden="true">{icon}</span>
                <div>
                    <p class="value-title">{title}</p>
                    <p class="value-text">{text}</p>
                </div>
            </li>
        }
    };
    view! {
        <section class="value-strip" aria-label=tr!(home.values)>
            <div class="container">
                <ul class="columns is-mobile is-multiline">
                    {item("☁", tr!(home.value_1_title).into_any(), tr!(home.value_1_text).into_any())}
                    {item("⚡", tr!(home.value_2_title).into_any(), tr!(home.value_2_text).into_any())}
                    {item("⇄", tr!(home.value_3_title).into_any(), tr!(home.value_3_text).into_any())}
                    {item("↗", tr!(home.value_4_title).into_any(), tr!(home.value_4_text).into_any())}
                </ul>
            </div>
        </section>
    }
}

/// 行业解决方案: category tabs filtering a compact grid of solutions.
#[component]
fn IndustrySection() -> impl IntoView {
    let category = RwSignal::new(None::<Category>);
    let solutions = LocalResource::new(move || {
        load(ListSolutionsQuery {
            category: category.get(),
            sort: Some(SolutionSort::Name),
            per_page: Some(INDUSTRY_COUNT),
            ..ListSolutionsQuery::default()
        })
    });
    let retry = Callback::new(move |()| solutions.refetch());
    view! {
        <section class="section home-section industry-section" aria-labelledby="industry-heading">
            <div class="container">
                <div class="section-head">
                    <div>
                        <h2 id="industry-heading" class="title is-4">{tr!(home.industry)}</h2>
                        <p class="subtitle is-6">{tr!(home.industry_desc)}</p>
                    </div>
                </div>
                <CategoryTabs
                    selected=category
                    on_select=Callback::new(move |picked| category.set(picked))
                    panel_id="industry-panel"
                />
                <div id="industry-panel" role="tabpanel" aria-labelledby="industry-heading">
                    <Transition fallback=|| view! { <CardGridSkeleton count=4 /> }>
                        {move || Suspend::new(async move {
                            match solutions.await {
                                Ok(page) if page.items.is_empty() => view! { <EmptyState hint=true /> }.into_any(),
                                Ok(page) => view! { <IndustryGrid solutions=page.items /> }.into_any(),
                                Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                            }
                        })}
                    </Transition>
                    <p class="has-text-centered mt-4">
                        <a href="/solutions" class="more-link">{tr!(home.more)}</a>
                    </p>
                </div>
            </div>
        </section>
    }
}

/// Compact tiles (logo, name, price) as in the manual's 行业解决方案 grid.
#[component]
fn IndustryGrid(
    /// Solutions of the selected category.
    solutions: Vec<SolutionSummary>,
) -> impl IntoView {
    view! {
        <ul class="columns is-multiline industry-grid">
            {solutions
                .into_iter()
                .map(|solution| {
                    view! {
                        <li class="column is-3-desktop is-6-tablet is-12-mobile">
                            <a class="industry-item" href=format!("/solutions/{}", solution.id)>
                                <VendorTile vendor=solution.vendor.clone() logo=solution.logo_url.clone() />
                                <span class="industry-text">
                                    <span class="industry-name">{solution.name.clone()}</span>
                                    <span class="industry-price">{solution.price_from.display_short()}</span>
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// 新闻动态: the latest news, linking to the articles and to the news page.
#[component]
fn NewsSection(
    /// Latest news, newest first.
    news: Vec<NewsSummary>,
) -> impl IntoView {
    view! {
        <section class="section home-section news-section" aria-labelledby="news-heading">
            <div class="container">
                <div class="section-head">
                    <div>
                        <h2 id="news-heading" class="title is-4">{tr!(home.news)}</h2>
                        <p class="subtitle is-6">{tr!(home.news_desc)}</p>
                    </div>
                    <a href="/news" class="more-link">{tr!(home.news_more)}</a>
                </div>
                {if news.is_empty() {
                    view! { <EmptyState /> }.into_any()
                } else {
                    view! {
                        <ul class="news-list box">
                            {news
                                .into_iter()
                                .take(NEWS_COUNT)
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
                    }
                        .into_any()
                }}
            </div>
        </section>
    }
}

/// 合作伙伴: logos (or names) of the ecosystem partners, linking to their sites.
#[component]
fn PartnersSection(
    /// Partners in order.
    partners: Vec<Partner>,
) -> impl IntoView {
    view! {
        <section id="partners" class="section home-section partners-section" aria-labelledby="partners-heading">
            <div class="container">
                <div class="section-head">
                    <div>
                        <h2 id="partners-heading" class="title is-4">{tr!(home.partners)}</h2>
                        <p class="subtitle is-6">{tr!(home.partners_desc)}</p>
                    </div>
                </div>
                {if partners.is_empty() {
                    view! { <EmptyState /> }.into_any()
                } else {
                    view! { <PartnerWall partners /> }.into_any()
                }}
            </div>
        </section>
    }
}

/// The partner tiles.
#[component]
pub fn PartnerWall(
    /// Partners in order.
    partners: Vec<Partner>,
) -> impl IntoView {
    view! {
        <ul class="partner-wall">
            {partners
                .into_iter()
                .map(|partner| {
                    let inner = match partner.logo_url.clone() {
                        Some(src) => view! { <img src=src alt=partner.name.clone() loading="lazy" /> }.into_any(),
                        None => view! { <span class="partner-name">{partner.name.clone()}</span> }.into_any(),
                    };
                    let body = match partner.link.clone() {
                        Some(link) => view! {
                            <a href=link class="partner-tile" target="_blank" rel="noopener noreferrer" title=partner.name.clone()>{inner}</a>
                        }
                            .into_any(),
                        None => view! { <span class="partner-tile" title=partner.name.clone()>{inner}</span> }.into_any(),
                    };
                    view! { <li>{body}</li> }
                })
                .collect_view()}
        </ul>
    }
}

/// 产品与服务 (§3.6, §12): counts of product and service offerings, the categories, the partners.
#[component]
fn ProductsSection(
    /// Published solutions offering products.
    products: u64,
    /// Published solutions offering services.
    services: u64,
    /// Partners on the wall.
    partners: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="section home-section products-section" aria-labelledby="products-heading">
            <div class="container">
                <div class="section-head">
                    <div>
                        <h2 id="products-heading" class="title is-4">{tr!(home.products)}</h2>
                        <p class="subtitle is-6">{tr!(home.products_desc)}</p>
                    </div>
                    <a href="/solutions" class="more-link">{tr!(home.more)}</a>
                </div>
                <div class="columns is-multiline">
                    <div class="column is-3-desktop is-6-tablet">
                        <a class="offer-tile" href="/solutions?kind=product">
                            <span class="offer-title">{tr!(home.offer_products)}</span>
                            <span class="offer-count">{move || t_string!(i18n, home.offer_count, count = products).to_string()}</span>
                            <span class="offer-text">{tr!(home.offer_products_text)}</span>
                        </a>
                    </div>
                    <div class="column is-3-desktop is-6-tablet">
                        <a class="offer-tile" href="/solutions?kind=service">
                            <span class="offer-title">{tr!(home.offer_services)}</span>
                            <span class="offer-count">{move || t_string!(i18n, home.offer_count, count = services).to_string()}</span>
                            <span class="offer-text">{tr!(home.offer_services_text)}</span>
                        </a>
                    </div>
                    <div class="column is-3-desktop is-6-tablet">
                        <div class="offer-tile">
                            <span class="offer-title">{tr!(home.offer_categories)}</span>
                            <ul class="offer-links">
                                {Category::ALL
                                    .into_iter()
                                    .map(|category| {
                                        view! {
                                            <li>
                                                <a href=format!("/solutions?category={}", category.as_str())>
                                                    {move || category_label(i18n, Some(category))}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    </div>
                    <div class="column is-3-desktop is-6-tablet">
                        <a class="offer-tile" href="#partners">
                            <span class="offer-title">{tr!(home.offer_partners)}</span>
                            <span class="offer-count">{t!(i18n, home.partner_count, count = partners)}</span>
                            <span class="offer-text">{tr!(home.offer_partners_text)}</span>
                        </a>
                    </div>
                </div>
            </div>
        </section>
    }
}

//! Home page (首页): hero banner, 热门解决方案 and 行业解决方案 (manual §3).

use leptos::prelude::*;
use rc_types::Page;
use rc_types::catalog::{Category, ListSolutionsQuery, SolutionSort, SolutionSummary};

use crate::api::{LoadError, client};
use crate::app::PageTitle;
use crate::components::category_tabs::CategoryTabs;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::logo::VendorTile;
use crate::components::skeleton::CardGridSkeleton;
use crate::components::solution_card::SolutionGrid;
use crate::i18n::{t_string, use_i18n};
use crate::tr;

/// Solutions in the 热门解决方案 grid.
const POPULAR_COUNT: u32 = 8;
/// Solutions in the 行业解决方案 grid.
const INDUSTRY_COUNT: u32 = 12;

async fn load(query: ListSolutionsQuery) -> Result<Page<SolutionSummary>, LoadError> {
    client().list_solutions(&query).await.map_err(LoadError::from)
}

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, home.title).to_string() />
        <Hero />
        <ValueStrip />
        <PopularSection />
        <IndustrySection />
    }
}

/// Static banner with the product description of manual §1.
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

/// 热门解决方案: the most popular solutions.
#[component]
fn PopularSection() -> impl IntoView {
    let popular = LocalResource::new(|| {
        load(ListSolutionsQuery {
            sort: Some(SolutionSort::Popular),
            per_page: Some(POPULAR_COUNT),
            ..ListSolutionsQuery::default()
        })
    });
    let retry = Callback::new(move |()| popular.refetch());
    view! {
        <section class="section home-section" aria-labelledby="popular-heading">
            <div class="container">
                <div class="section-head">
                    <div>
                        <h2 id="popular-heading" class="title is-4">{tr!(home.popular)}</h2>
                        <p class="subtitle is-6">{tr!(home.popular_desc)}</p>
                    </div>
                    <a href="/solutions" class="more-link">{tr!(home.more)}</a>
                </div>
                <Suspense fallback=|| view! { <CardGridSkeleton count=POPULAR_COUNT as usize /> }>
                    {move || Suspend::new(async move {
                        match popular.await {
                            Ok(page) if page.items.is_empty() => view! { <EmptyState /> }.into_any(),
                            Ok(page) => view! { <SolutionGrid solutions=page.items /> }.into_any(),
                            Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                        }
                    })}
                </Suspense>
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
                                <VendorTile vendor=solution.vendor.clone() />
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

//! Solution cards for the home page and the solution list.

use std::sync::Arc;

use leptos::prelude::*;
use rc_types::catalog::SolutionSummary;

use crate::components::highlight::Highlighted;
use crate::components::logo::VendorTile;
use crate::i18n::{category_label, t_string, use_i18n};
use crate::tr;

/// A solution card: vendor tile, name, vendor, two-line summary, starting price and a 查看 link.
#[component]
pub fn SolutionCard(
    /// The solution to show.
    solution: SolutionSummary,
    /// Search terms to highlight in the name and summary.
    #[prop(optional)]
    terms: Option<Arc<Vec<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let terms = terms.unwrap_or_default();
    let href = format!("/solutions/{}", solution.id);
    let name = solution.name.clone();
    let price = solution.price_from.display_short();
    let many_plans = solution.plan_count > 1;
    let category = solution.category;
    let rating = solution.rating.map(|r| format!("★ {}", r.normalize()));
    view! {
        <article class="card solution-card" aria-label=solution.name.clone()>
            <div class="card-content">
                <div class="media">
                    <div class="media-left">
                        <VendorTile vendor=solution.vendor.clone() logo=solution.logo_url.clone() />
                    </div>
                    <div class="media-content">
                        <h3 class="solution-name">
                            <a href=href.clone()>
                                <Highlighted text=solution.name.clone() terms=terms.clone() />
                            </a>
                        </h3>
                        <p class="solution-vendor">{solution.vendor.clone()}</p>
                    </div>
                </div>
                <p class="solution-summary" title=solution.summary.clone()>
                    <Highlighted text=solution.summary.clone() terms=terms />
                </p>
                <div class="solution-meta">
                    <span class="tag is-link is-light">{move || category_label(i18n, Some(category))}</span>
                    {rating.map(|r| view! { <span class="rating">{r}</span> })}
                </div>
            </div>
            <footer class="card-footer solution-footer">
                <p class="price">
                    {many_plans.then(|| view! { <span class="price-from">{tr!(card.from_prefix)}</span> })}
                    <span class="price-amount">{price}</span>
                    {many_plans.then(|| view! { <span class="price-from">{tr!(card.from_suffix)}</span> })}
                </p>
                <a
                    href=href
                    class="button is-link is-small"
                    aria-label=move || t_string!(i18n, card.view_named, name = name.clone()).to_string()
                >
                    {tr!(card.view)}
                </a>
            </footer>
        </article>
    }
}

/// A responsive grid of solution cards (4 per row on desktop, 2 on tablets, 1 on phones).
#[component]
pub fn SolutionGrid(
    /// The solutions to show.
    solutions: Vec<SolutionSummary>,
    /// Search terms to highlight.
    #[prop(optional)]
    terms: Option<Arc<Vec<String>>>,
    /// Column classes of one card (4 per row on desktop by default).
    #[prop(default = "column is-3-desktop is-6-tablet is-12-mobile")]
    column: &'static str,
) -> impl IntoView {
    view! {
        <div class="columns is-multiline solution-grid">
            {solutions
                .into_iter()
                .map(|solution| {
                    let terms = terms.clone();
                    view! {
                        <div class=column>
                            <SolutionCard solution terms=terms.unwrap_or_default() />
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

//! Loading placeholders built from Bulma's skeleton elements.

use leptos::prelude::*;

use crate::tr;

/// A grid of card-shaped skeletons, announced to assistive technology as "loading".
#[component]
pub fn CardGridSkeleton(
    /// Number of placeholder cards.
    count: usize,
) -> impl IntoView {
    view! {
        <div class="skeleton-grid" role="status" aria-busy="true">
            <span class="is-sr-only">{tr!(state.loading)}</span>
            <div class="columns is-multiline">
                {(0..count)
                    .map(|_| {
                        view! {
                            <div class="column is-3-desktop is-6-tablet is-12-mobile">
                                <div class="card solution-card is-skeleton-card">
                                    <div class="card-content">
                                        <div class="media">
                                            <div class="media-left">
                                                <div class="skeleton-block tile-skeleton"></div>
                                            </div>
                                            <div class="media-content">
                                                <div class="skeleton-lines">
                                                    <div></div>
                                                    <div></div>
                                                </div>
                                            </div>
                                        </div>
                                        <div class="skeleton-lines">
                                            <div></div>
                                            <div></div>
                                            <div></div>
                                        </div>
                                    </div>
                                </div>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// Skeleton of the solution detail page.
#[component]
pub fn DetailSkeleton() -> impl IntoView {
    view! {
        <div class="box detail-skeleton" role="status" aria-busy="true">
            <span class="is-sr-only">{tr!(state.loading)}</span>
            <div class="media">
                <div class="media-left">
                    <div class="skeleton-block tile-skeleton is-large"></div>
                </div>
                <div class="media-content">
                    <div class="skeleton-lines">
                        <div></div>
                        <div></div>
                        <div></div>
                    </div>
                </div>
            </div>
            <div class="skeleton-block" style="height: 8rem"></div>
            <div class="skeleton-lines">
                <div></div>
                <div></div>
                <div></div>
                <div></div>
            </div>
        </div>
    }
}

/// A few skeleton text lines (side lists, vendor grid).
#[component]
pub fn LinesSkeleton(
    /// Number of lines.
    lines: usize,
) -> impl IntoView {
    view! {
        <div class="lines-skeleton" role="status" aria-busy="true">
            <span class="is-sr-only">{tr!(state.loading)}</span>
            <div class="skeleton-lines">{(0..lines).map(|_| view! { <div></div> }).collect_view()}</div>
        </div>
    }
}

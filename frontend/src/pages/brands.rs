//! 品牌专区: every vendor with published solutions (logo, profile and website when the operator
//! wrote them), each linking to its filtered list.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use rc_types::catalog::VendorSummary;

use crate::api::{LoadError, client};
use crate::app::PageTitle;
use crate::components::error_view::{EmptyState, ErrorView};
use crate::components::logo::VendorTile;
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{t, t_string, use_i18n};
use crate::tr;

/// `/solutions?vendor=NAME`.
pub fn vendor_url(vendor: &str) -> String {
    let mut query = ParamsMap::new();
    query.insert("vendor", vendor.to_owned());
    format!("/solutions{}", query.to_query_string())
}

/// The brands page.
#[component]
pub fn BrandsPage() -> impl IntoView {
    let i18n = use_i18n();
    let vendors = LocalResource::new(|| async { client().list_vendors().await.map_err(LoadError::from) });
    let retry = Callback::new(move |()| vendors.refetch());
    view! {
        <PageTitle part=move || t_string!(i18n, brands.title).to_string() />
        <section class="page-banner">
            <div class="container">
                <h1 class="title is-3">{tr!(brands.title)}</h1>
                <p class="subtitle is-6">{tr!(brands.subtitle)}</p>
            </div>
        </section>
        <div class="container page-body">
            <Suspense fallback=|| view! { <div class="box"><LinesSkeleton lines=6 /></div> }>
                {move || Suspend::new(async move {
                    match vendors.await {
                        Ok(list) if list.is_empty() => view! { <EmptyState /> }.into_any(),
                        Ok(list) => view! { <VendorGrid vendors=list /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// One card per vendor: logo, name (linking to its solutions), count, profile and website.
#[component]
fn VendorGrid(
    /// Vendors to show.
    vendors: Vec<VendorSummary>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="columns is-multiline brand-grid">
            {vendors
                .into_iter()
                .map(|vendor| {
                    let count = vendor.solution_count;
                    let name = vendor.name.clone();
                    view! {
                        <li class="column is-4-desktop is-6-tablet is-12-mobile">
                            <article class="brand-card" aria-label=vendor.name.clone()>
                                <a class="brand-card-main" href=vendor_url(&vendor.name)>
                                    <VendorTile vendor=vendor.name.clone() logo=vendor.logo_url.clone() />
                                    <span class="brand-card-text">
                                        <span class="brand-card-name">{vendor.name.clone()}</span>
                                        <span class="brand-card-count">{t!(i18n, brands.count, count)}</span>
                                    </span>
                                </a>
                                {(!vendor.description.is_empty()).then(|| view! {
                                    <p class="brand-card-description" title=vendor.description.clone()>{vendor.description.clone()}</p>
                                })}
                                {vendor.website.clone().map(|site| view! {
                                    <a
                                        class="brand-card-site"
                                        href=site
                                        target="_blank"
                                        rel="noopener noreferrer"
                                        aria-label=move || t_string!(i18n, brands.website_named, name = name.clone()).to_string()
                                    >
                                        {tr!(brands.website)}" ↗"
                                    </a>
                                })}
                            </article>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

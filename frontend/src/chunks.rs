//! Route-level code splitting of the storefront.
//!
//! Built with the `split` feature (the release storefront bundle, see the Makefile), each page
//! below is moved by `wasm-split` into its own wasm chunk that the browser fetches the first time
//! the page is opened: a visitor landing on the home page downloads the home page and the shell,
//! not the catalog, the detail page or the help center. Without the feature (`trunk serve`, the
//! account and console bundles) the same routes render at once.

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::tr;

/// Declares, for each `Route: chunk, render => Page`, a [`LazyRoute`] that renders `Page` from
/// the wasm chunk `chunk`; `render`, the split function, needs a name of its own (the chunk's
/// export is derived from it).
macro_rules! lazy_pages {
    ($($(#[$doc:meta])* $route:ident: $chunk:ident, $render:ident => $page:path;)*) => {$(
        $(#[$doc])*
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_: Self) -> AnyView {
                #[cfg_attr(
                    feature = "split",
                    leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)
                )]
                fn $render() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
                    Ok(view! { <$page /> }.into_any())
                }

                #[cfg(feature = "split")]
                let page = $render().await;
                #[cfg(not(feature = "split"))]
                let page = $render();
                page.unwrap_or_else(|_| view! { <ChunkFailed /> }.into_any())
            }
        }
    )*};
}

lazy_pages! {
    /// 解决方案 list and keyword search (`/solutions`).
    SolutionsRoute: catalog, render_solutions => crate::pages::solutions::SolutionsPage;
    /// Solution detail (`/solutions/:id`).
    DetailRoute: detail, render_detail => crate::pages::detail::DetailPage;
    /// 品牌专区 (`/brands`).
    BrandsRoute: brands, render_brands => crate::pages::brands::BrandsPage;
    /// News list (`/news`).
    NewsListRoute: news, render_news_list => crate::pages::news::NewsListPage;
    /// One news article (`/news/:id`).
    NewsArticleRoute: news, render_news_article => crate::pages::news::NewsArticlePage;
    /// Help center contents (`/help`).
    HelpRoute: help, render_help => crate::pages::help::HelpPage;
    /// One help page (`/help/:slug`).
    HelpArticleRoute: help, render_help_article => crate::pages::help::HelpArticlePage;
}

/// A page's chunk could not be fetched (offline, or a deploy replaced it): say so and offer a reload.
#[component]
fn ChunkFailed() -> impl IntoView {
    let reload = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <div class="container section">
            <div class="message is-danger" role="alert">
                <div class="message-body">
                    <p class="has-text-weight-semibold">{tr!(state.chunk_failed)}</p>
                    <button type="button" class="button is-danger is-outlined is-small mt-3" on:click=reload>
                        {tr!(state.reload)}
                    </button>
                </div>
            </div>
        </div>
    }
}

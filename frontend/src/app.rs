//! The application shell: i18n and meta contexts, router, header, routes, footer.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::i18n::{I18nSubContextProvider, LocaleSync, stored_locale, t_string, use_i18n};
use crate::pages::brands::BrandsPage;
use crate::pages::detail::DetailPage;
use crate::pages::help::HelpPage;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::solutions::SolutionsPage;

/// Root component: provides the meta and i18n contexts and the router.
///
/// The i18n context starts from the language stored in this browser (zh by default) rather than
/// from the browser's preferred languages, hence the provider that takes an initial locale;
/// [`LocaleSync`] stores later choices and sets `<html lang>`.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nSubContextProvider initial_locale=stored_locale()>
            <LocaleSync />
            <Router>
                <Shell />
            </Router>
        </I18nSubContextProvider>
    }
}

/// Header, routed main area and footer.
#[component]
fn Shell() -> impl IntoView {
    view! {
        <Header />
        <main id="main" class="app-main">
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/solutions") view=SolutionsPage />
                <Route path=path!("/solutions/:id") view=DetailPage />
                <Route path=path!("/brands") view=BrandsPage />
                <Route path=path!("/help") view=HelpPage />
            </Routes>
        </main>
        <Footer />
    }
}

/// Sets the document title to `part - 经销商中心` in the current language.
///
/// `part` is a plain closure rather than a signal: leptos_meta may read the title after the page
/// that set it has been disposed, and a signal owned by that page would be gone by then.
#[component]
pub fn PageTitle<F>(
    /// The page's own part of the title.
    part: F,
) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! { <Title text=move || format!("{} - {}", part(), t_string!(i18n, app.name)) /> }
}

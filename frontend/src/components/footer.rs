//! Site footer: copyright, help link and contact text (only links to pages that exist).

use leptos::prelude::*;

use crate::components::logo::LogoMark;
use crate::i18n::{t, use_i18n};
use crate::tr;

/// The page footer (`contentinfo` landmark).
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let year = js_sys::Date::new_0().get_full_year();
    view! {
        <footer class="app-footer">
            <div class="container">
                <div class="columns">
                    <div class="column is-5">
                        <p class="footer-brand">
                            <LogoMark />
                            <span>{tr!(app.name)}</span>
                        </p>
                        <p class="footer-tagline">{tr!(footer.tagline)}</p>
                    </div>
                    <div class="column">
                        <p class="footer-contact">{tr!(footer.contact)}</p>
                        <p class="footer-links">
                            <a href="/help">{tr!(footer.help)}</a>
                        </p>
                    </div>
                </div>
                <p class="footer-copyright">{t!(i18n, footer.copyright, year)}</p>
            </div>
        </footer>
    }
}

//! The 404 page for every path the router does not know.

use leptos::prelude::*;

use crate::app::PageTitle;
use crate::i18n::{t_string, use_i18n};
use crate::tr;

/// Page not found, with a link home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, not_found.title).to_string() />
        <div class="container page-body">
            <section class="not-found box">
                <p class="not-found-code" aria-hidden="true">"404"</p>
                <h1 class="title is-4">{tr!(not_found.title)}</h1>
                <p>{tr!(not_found.text)}</p>
                <a href="/" class="button is-link mt-4">{tr!(not_found.home)}</a>
            </section>
        </div>
    }
}

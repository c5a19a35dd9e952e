//! 帮助中心: a static, translated guide to the marketplace.

use leptos::prelude::*;

use crate::app::PageTitle;
use crate::i18n::{t_string, use_i18n};
use crate::tr;

/// The help page.
#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, help.title).to_string() />
        <section class="page-banner">
            <div class="container">
                <h1 class="title is-3">{tr!(help.title)}</h1>
                <p class="subtitle is-6">{tr!(help.subtitle)}</p>
            </div>
        </section>
        <div class="container page-body help-page">
            <div class="columns is-multiline">
                <section class="column is-12" aria-labelledby="help-about">
                    <div class="box content">
                        <h2 id="help-about" class="title is-5">{tr!(help.about_title)}</h2>
                        <p>{tr!(help.about_text)}</p>
                    </div>
                </section>
                <section class="column is-6" aria-labelledby="help-find">
                    <div class="box content help-box">
                        <h2 id="help-find" class="title is-5">{tr!(help.find_title)}</h2>
                        <ol>
                            <li>{tr!(help.find_1)}</li>
                            <li>{tr!(help.find_2)}</li>
                            <li>{tr!(help.find_3)}</li>
                            <li>{tr!(help.find_4)}</li>
                            <li>{tr!(help.find_5)}</li>
                        </ol>
                        <a href="/solutions" class="button is-link is-light">{tr!(nav.solutions)}</a>
                    </div>
                </section>
                <section class="column is-6" aria-labelledby="help-plans">
                    <div class="box content help-box">
                        <h2 id="help-plans" class="title is-5">{tr!(help.plans_title)}</h2>
                        <ul>
                            <li>{tr!(help.plans_1)}</li>
                            <li>{tr!(help.plans_2)}</li>
                            <li>{tr!(help.plans_3)}</li>
                            <li>{tr!(help.plans_4)}</li>
                        </ul>
                    </div>
                </section>
                <section class="column is-12" aria-labelledby="help-contact">
                    <div class="box content">
                        <h2 id="help-contact" class="title is-5">{tr!(help.contact_title)}</h2>
                        <p>{tr!(help.contact_text)}</p>
                    </div>
                </section>
            </div>
        </div>
    }
}

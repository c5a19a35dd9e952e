//! Site header: logo, main navigation (with 入驻 leading to the registration form), keyword search,
//! the cart with its count, the language switch, and 登录 / 注册 or the signed-in user's menu
//! (个人中心, 退出); collapses into a burger menu on small screens.

use std::time::Duration;

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::task::spawn_local;
use rc_types::catalog::Suggestion;

use crate::api::client;
use crate::cart::use_cart_count;
use crate::forms::search_problem;

use crate::components::logo::LogoMark;
use crate::i18n::{Locale, t_string, use_i18n};
use crate::session::{Auth, use_session};
use crate::tr;

/// The page header (`banner` landmark) with the main navigation.
#[component]
pub fn Header() -> impl IntoView {
    let menu_open = RwSignal::new(false);

    // Close the mobile menu whenever the route changes.
    let location = use_location();
    Effect::new(move |_| {
        // Read (not just track) both memos so they are computed and compared on every change.
        let _route = (location.pathname.get(), location.search.get());
        menu_open.set(false);
    });

    view! {
        <header class="app-header">
            <nav class="navbar" aria-label=tr!(nav.main)>
                <div class="container">
                    <div class="navbar-brand">
                        <a href="/" class="navbar-item brand" aria-label=tr!(app.home_link)>
                            <LogoMark />
                            <span class="brand-text">
                                <span class="brand-name">{tr!(app.name)}</span>
                                <span class="brand-alt">{tr!(app.name_alt)}</span>
                            </span>
                        </a>
                        <button
                            type="button"
                            class="navbar-burger"
                            class=("is-active", move || menu_open.get())
                            aria-label=tr!(nav.menu)
                            aria-expanded=move || menu_open.get().to_string()
                            aria-controls="main-menu"
                            on:click=move |_| menu_open.update(|open| *open = !*open)
                        >
                            <span aria-hidden="true"></span>
                            <span aria-hidden="true"></span>
                            <span aria-hidden="true"></span>
                            <span aria-hidden="true"></span>
                        </button>
                    </div>
                    <div id="main-menu" class="navbar-menu" class=("is-active", move || menu_open.get())>
                        <div class="navbar-start">
                            <A href="/solutions" attr:class="navbar-item nav-link">{tr!(nav.solutions)}</A>
                            <A href="/brands" attr:class="navbar-item nav-link">{tr!(nav.brands)}</A>
                            <A href="/help" attr:class="navbar-item nav-link">{tr!(nav.help)}</A>
                            <A href="/register" attr:class="navbar-item nav-link">{tr!(nav.join)}</A>
                        </div>
                        <div class="navbar-end">
                            <div class="navbar-item search-item">
                                <SearchBox />
                            </div>
                            <div class="navbar-item">
                                <CartButton />
                            </div>
                            <div class="navbar-item">
                                <LanguageSwitch />
                            </div>
                            <AuthArea />
                        </div>
                    </div>
                </div>
            </nav>
        </header>
    }
}

/// The shopping-cart entry (购物车) with the number of lines in the buyer's cart; visitors see 0
/// and are asked to sign in on the way; operator staff, who don't buy, don't see it.
#[component]
fn CartButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let cart = use_cart_count();
    let staff = move || matches!(session.auth.get(), Auth::SignedIn(_)) && session.company().is_none();
    let count = move || cart.get().unwrap_or(0);
    view! {
        <Show when=move || !staff()>
            <a
                href="/cart"
                class="button is-white cart-button"
                aria-label=move || t_string!(i18n, cart.count_label, count = count()).to_string()
            >
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                    <path
                        d="M3 4h2l2.4 10.2a1.5 1.5 0 0 0 1.5 1.1h8.3a1.5 1.5 0 0 0 1.4-1.1L20.5 8H6.2"
                        fill="none"
                        stroke="currentColor"
                        stroke-width="1.8"
                        stroke-linecap="round"
                        stroke-linejoin="round"
                    />
                    <circle cx="9.5" cy="19.5" r="1.5" fill="currentColor" />
                    <circle cx="17" cy="19.5" r="1.5" fill="currentColor" />
                </svg>
                <span class="cart-label">{tr!(nav.cart)}</span>
                <span class="cart-badge" aria-hidden="true">{count}</span>
            </a>
        </Show>
    }
}

/// Longest keyword text the API accepts.
pub const MAX_KEYWORDS: usize = 100;
/// Wait after the last keystroke before asking for suggestions.
const SUGGEST_DELAY: Duration = Duration::from_millis(200);

/// Whether a keyword text has something to search for (a letter, digit or CJK character).
pub fn searchable(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Keyword box with type-ahead (an ARIA combobox): suggestions from the search index after a
/// short pause in typing; ↑/↓ move through them, Enter opens the highlighted one (or searches
/// for the text), Escape closes the list. Blank or punctuation-only text gets an inline message.
#[component]
fn SearchBox() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = use_location();
    let keyword = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let message = RwSignal::new(None::<String>);
    // Only the answer to the latest request is shown.
    let generation = StoredValue::new(0_u64);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);

    // Show the current keyword while on a search result list; close everything on navigation.
    Effect::new(move |_| {
        let _path = location.pathname.get();
        keyword.set(query.read().get("q").unwrap_or_default());
        open.set(false);
        message.set(None);
    });

    let close = move || {
        open.set(false);
        active.set(None);
    };
    let cancel_timer = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
    };
    let request = move |text: String| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        spawn_local(async move {
            let answer = client().suggest_solutions(&text).await;
            if generation.get_value() != mine {
                return;
            }
            match answer {
                Ok(list) => {
                    message.set(None);
                    active.set(None);
                    open.set(!list.is_empty());
                    suggestions.set(list);
                }
                Err(error) if error.status() == Some(422) => {
                    suggestions.set(Vec::new());
                    close();
                    let text = error.body().map(|b| b.message.clone()).unwrap_or_default();
                    message.set(Some(search_problem(i18n, &text)));
                }
                // Suggestions are a convenience: other failures just show none.
                Err(_) => {
                    suggestions.set(Vec::new());
                    close();
                }
            }
        });
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        keyword.set(text.clone());
        message.set(None);
        cancel_timer();
        let trimmed = text.trim().to_owned();
        if trimmed.is_empty() {
            generation.update_value(|g| *g += 1);
            suggestions.set(Vec::new());
            close();
            return;
        }
        if let Ok(handle) = set_timeout_with_handle(move || request(trimmed), SUGGEST_DELAY) {
            timer.set_value(Some(handle));
        }
    };

    let navigate = use_navigate();
    let go = Callback::new(move |path: String| {
        cancel_timer();
        generation.update_value(|g| *g += 1);
        close();
        navigate(&path, NavigateOptions::default());
    });
    let submit = move || {
        if let Some(index) = active.get_untracked()
            && let Some(pick) = suggestions.with_untracked(|list| list.get(index).cloned())
        {
            go.run(format!("/solutions/{}", pick.id));
            return;
        }
        let text = keyword.get_untracked().trim().to_owned();
        if text.is_empty() {
            message.set(Some(t_string!(i18n, search.empty).to_string()));
            return;
        }
        if !searchable(&text) {
            message.set(Some(t_string!(i18n, search.no_words).to_string()));
            return;
        }
        let mut params = ParamsMap::new();
        params.insert("q", text);
        go.run(format!("/solutions{}", params.to_query_string()));
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let count = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Escape" => {
                if open.get_untracked() {
                    ev.prevent_default();
                }
                close();
                message.set(None);
            }
            _ => {}
        }
    };
    let expanded = move || open.get() && suggestions.with(|s| !s.is_empty());

    view! {
        <form class="search-form" role="search" novalidate on:submit=on_submit>
            <div class="field has-addons">
                <div class="control is-expanded search-control">
                    <input
                        id="site-search"
                        class="input is-small"
                        class=("is-danger", move || message.with(Option::is_some))
                        type="search"
                        role="combobox"
                        autocomplete="off"
                        maxlength=MAX_KEYWORDS
                        aria-label=tr!(search.label)
                        aria-autocomplete="list"
                        aria-controls="search-suggestions"
                        aria-expanded=move || expanded().to_string()
                        aria-activedescendant=move || active.get().filter(|_| expanded()).map(|i| format!("search-option-{i}"))
                        aria-describedby="search-message"
                        aria-invalid=move || message.with(Option::is_some).then_some("true")
                        placeholder=tr!(search.placeholder)
                        prop:value=move || keyword.get()
                        on:input=on_input
                        on:keydown=on_keydown
                        on:blur=move |_| {
                            // Let a click on a suggestion land before the list closes.
                            set_timeout(close, Duration::from_millis(150));
                        }
                    />
                    <ul
                        id="search-suggestions"
                        class="search-suggestions"
                        role="listbox"
                        aria-label=tr!(search.suggestions)
                        hidden=move || !expanded()
                    >
                        {move || {
                            suggestions
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(index, item)| {
                                    let href = format!("/solutions/{}", item.id);
                                    view! {
                                        <li
                                            id=format!("search-option-{index}")
                                            role="option"
                                            class="search-option"
                                            class=("is-active", move || active.get() == Some(index))
                                            aria-selected=move || (active.get() == Some(index)).to_string()
                                            on:mousedown=move |ev| ev.prevent_default()
                                            on:mouseenter=move |_| active.set(Some(index))
                                            on:click=move |_| go.run(href.clone())
                                        >
                                            {item
                                                .logo_url
                                                .clone()
                                                .map(|src| view! { <img class="search-option-logo" src=src alt="" /> })}
                                            <span class="search-option-text">
                                                <span class="search-option-name">{item.name.clone()}</span>
                                                <span class="search-option-vendor">{item.vendor.clone()}</span>
                                            </span>
                                            <span class="search-option-price">{item.price_from.display_short()}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
                <div class="control">
                    <button type="submit" class="button is-small is-link" aria-label=tr!(search.submit)>
                        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                            <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" stroke-width="2" />
                            <path d="M16 16l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                        </svg>
                    </button>
                </div>
            </div>
            <p id="search-message" class="help is-danger search-message" role="alert">
                {move || message.get()}
            </p>
        </form>
    }
}

/// 中文 / English switch; [`crate::i18n::LocaleSync`] keeps the choice and sets `<html lang>`.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let option = move |locale: Locale, label: &'static str, lang: &'static str| {
        let active = move || i18n.get_locale() == locale;
        view! {
            <button
                type="button"
                class="button is-small"
                class=("is-link", active)
                class=("is-selected", active)
                lang=lang
                aria-pressed=move || active().to_string()
                on:click=move |_| i18n.set_locale(locale)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="buttons has-addons lang-switch" role="group" aria-label=tr!(lang.label)>
            {option(Locale::zh, "中文", "zh-CN")}
            {option(Locale::en, "English", "en")}
        </div>
    }
}

/// 登录 / 注册 when signed out; the user's name with a dropdown (个人中心, 退出) when signed in.
#[component]
fn AuthArea() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let open = RwSignal::new(false);
    let location = use_location();
    Effect::new(move |_| {
        let _route = location.pathname.get();
        open.set(false);
    });
    let logout = move |_| {
        open.set(false);
        spawn_local(session.logout());
    };
    view! {
        {move || match session.auth.get() {
            Auth::Restoring => view! { <div class="navbar-item auth-placeholder" aria-hidden="true"></div> }.into_any(),
            Auth::Anonymous => {
                view! {
                    <div class="navbar-item auth-links">
                        <div class="buttons">
                            <A href="/login" attr:class="button is-link is-small">{tr!(nav.login)}</A>
                            <A href="/register" attr:class="button is-small">{tr!(nav.register)}</A>
                        </div>
                    </div>
                }
                    .into_any()
            }
            Auth::SignedIn(profile) => {
                let name = if profile.user.name.is_empty() { profile.user.email.clone() } else { profile.user.name.clone() };
                let label = name.clone();
                view! {
                    <div class="navbar-item has-dropdown user-menu" class=("is-active", move || open.get())>
                        <button
                            type="button"
                            class="navbar-link user-menu-button"
                            aria-haspopup="true"
                            aria-expanded=move || open.get().to_string()
                            aria-controls="user-menu"
                            aria-label=move || t_string!(i18n, nav.user_menu, name = label.clone()).to_string()
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            <span class="user-avatar" aria-hidden="true">{name.chars().next().map(String::from).unwrap_or_default()}</span>
                            <span class="user-name">{name.clone()}</span>
                        </button>
                        <div id="user-menu" class="navbar-dropdown is-right">
                            <A href="/account/profile" attr:class="navbar-item">{tr!(nav.account)}</A>
                            <hr class="navbar-divider" />
                            <button type="button" class="navbar-item" on:click=logout>{tr!(nav.logout)}</button>
                        </div>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}

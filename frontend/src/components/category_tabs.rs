//! The industry category tabs (全部方案 / 商务服务 / 云与应用 / 备份与迁移 / 安全服务 / 其他).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use rc_types::catalog::Category;

use crate::components::roving::{Axis, handle_key};
use crate::i18n::{category_label, use_i18n};
use crate::tr;

/// A tab list over `None` (all) and every [`Category`]; the caller decides what selecting does.
/// Arrow keys, Home and End move between tabs (roving tabindex).
#[component]
pub fn CategoryTabs(
    /// The selected tab (`None` = all).
    #[prop(into)]
    selected: Signal<Option<Category>>,
    /// Called with the tab the user picked.
    on_select: Callback<Option<Category>>,
    /// Id of the tab panel these tabs control.
    panel_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let tabs: Vec<Option<Category>> = std::iter::once(None)
        .chain(Category::ALL.into_iter().map(Some))
        .collect();
    let count = tabs.len();
    let on_keydown = {
        let tabs = tabs.clone();
        move |ev: KeyboardEvent| {
            let current = tabs
                .iter()
                .position(|c| *c == selected.get_untracked())
                .unwrap_or(0);
            handle_key(&ev, Axis::Horizontal, "[role=tab]", current, count, |next| {
                on_select.run(tabs[next]);
            });
        }
    };
    view! {
        <div class="tabs category-tabs">
            <ul role="tablist" aria-label=tr!(category.label) on:keydown=on_keydown>
                {tabs
                    .into_iter()
                    .map(|category| {
                        let active = move || selected.get() == category;
                        view! {
                            <li class=("is-active", active)>
                                <button
                                    type="button"
                                    role="tab"
                                    aria-selected=move || active().to_string()
                                    aria-controls=panel_id
                                    tabindex=move || if active() { "0" } else { "-1" }
                                    on:click=move |_| on_select.run(category)
                                >
                                    {move || category_label(i18n, category)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

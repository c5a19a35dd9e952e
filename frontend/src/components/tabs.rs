//! A tab list over one panel (`role="tablist"` with a roving tabindex, arrow keys, Home/End):
//! the caller keeps which tab is selected (a signal, or the URL) and draws the panel's content.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use crate::components::roving::{Axis, handle_key};

/// The center's tabs (`tabs center-tabs`) and the panel they control.
#[component]
pub fn Tabs(
    /// Accessible name of the tab list.
    #[prop(into)]
    label: Signal<String>,
    /// The tabs' labels, in order.
    tabs: Vec<Signal<String>>,
    /// Index of the selected tab (tracked).
    #[prop(into)]
    selected: Signal<usize>,
    /// Selects a tab by index.
    on_select: Callback<usize>,
    /// Element id of the panel; the tabs are `<panel>-tab-<index>`.
    panel: &'static str,
    /// The panel's content (reactive on the selection as the caller needs).
    children: Children,
) -> impl IntoView {
    let count = tabs.len();
    let on_keydown = move |ev: KeyboardEvent| {
        handle_key(
            &ev,
            Axis::Horizontal,
            "[role=tab]",
            selected.get_untracked(),
            count,
            |next| {
                on_select.run(next);
            },
        );
    };
    let items = tabs
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            let active = move || selected.get() == index;
            view! {
                <li class=("is-active", active)>
                    <button
                        type="button"
                        role="tab"
                        id=format!("{panel}-tab-{index}")
                        aria-selected=move || active().to_string()
                        aria-controls=panel
                        tabindex=move || if active() { "0" } else { "-1" }
                        on:click=move |_| on_select.run(index)
                    >
                        {move || text.get()}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="tabs center-tabs">
            <ul role="tablist" aria-label=move || label.get() on:keydown=on_keydown>
                {items}
            </ul>
        </div>
        <div id=panel role="tabpanel" aria-labelledby=move || format!("{panel}-tab-{}", selected.get())>
            {children()}
        </div>
    }
}

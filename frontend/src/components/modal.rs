//! A modal dialog (Bulma `modal-card`): named by its title, closed by Escape, the background or
//! the × button; focus moves into it when it opens, stays inside while Tab cycles, and returns
//! to the button that opened it.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::tr;

/// Elements that take the keyboard focus.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

fn focusables(root: &web_sys::Element) -> Vec<HtmlElement> {
    root.query_selector_all(FOCUSABLE)
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn active_element() -> Option<HtmlElement> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// A dialog shown while `open` is true. Its content is built each time it opens (fresh forms).
#[component]
pub fn Modal(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// Element id of the title (the dialog's accessible name).
    title_id: &'static str,
    /// The title text.
    #[prop(into)]
    title: Signal<String>,
    /// Wider card for long forms.
    #[prop(optional)]
    wide: bool,
    /// The dialog's body (and its own buttons).
    children: ChildrenFn,
) -> impl IntoView {
    let card = NodeRef::<html::Div>::new();
    // The element that had the focus before opening, to return to on close.
    let opener = StoredValue::new_local(None::<HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open && was_open != Some(true) {
            opener.set_value(active_element());
        }
        if !is_open
            && was_open == Some(true)
            && let Some(element) = opener.get_value()
        {
            let _ = element.focus();
        }
        is_open
    });
    // Focus the first field once the card is in the page.
    Effect::new(move |_| {
        if let Some(card) = card.get()
            && let Some(first) = focusables(&card)
                .into_iter()
                .find(|e| !e.class_list().contains("delete"))
        {
            let _ = first.focus();
        }
    });
    // Escape closes from anywhere (the focus may be on the page body after the content changed).
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    // Tab and Shift+Tab cycle inside the dialog.
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(card) = card.get_untracked() else { return };
        let items = focusables(&card);
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return;
        };
        let active = active_element();
        if ev.shift_key() && active.as_ref() == Some(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && active.as_ref() == Some(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="modal is-active app-modal" on:keydown=on_keydown>
                <div class="modal-background" on:click=move |_| open.set(false)></div>
                <div
                    class="modal-card"
                    class=("is-wide", wide)
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby=title_id
                    node_ref=card
                >
                    <header class="modal-card-head">
                        <h2 id=title_id class="modal-card-title">{move || title.get()}</h2>
                        <button
                            type="button"
                            class="delete"
                            aria-label=tr!(modal.close)
                            on:click=move |_| open.set(false)
                        ></button>
                    </header>
                    <section class="modal-card-body">{children()}</section>
                </div>
            </div>
        </Show>
    }
}

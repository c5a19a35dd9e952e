//! The page notice (saved, invited, failed…): shown above the page it belongs to, cleared when
//! the user moves to another page or closes it.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::session::{NoticeKind, use_session};
use crate::tr;

/// Renders the session's notice when it belongs to the current page.
#[component]
pub fn NoticeHost() -> impl IntoView {
    let notice = use_session().notice;
    let pathname = use_location().pathname;
    // Leaving the page a notice belongs to drops it.
    Effect::new(move |_| {
        let path = pathname.get();
        if notice.with_untracked(|n| n.as_ref().is_some_and(|n| n.path != path)) {
            notice.set(None);
        }
    });
    view! {
        {move || {
            let path = pathname.get();
            notice
                .get()
                .filter(|n| n.path == path)
                .map(|n| {
                    let success = n.kind == NoticeKind::Success;
                    view! {
                        <div class="container notice-host">
                            <div
                                class=if success { "notification is-success is-light" } else { "notification is-danger is-light" }
                                role=if success { "status" } else { "alert" }
                            >
                                <button
                                    type="button"
                                    class="delete"
                                    aria-label=tr!(notice.close)
                                    on:click=move |_| notice.set(None)
                                ></button>
                                {n.text}
                            </div>
                        </div>
                    }
                })
        }}
    }
}

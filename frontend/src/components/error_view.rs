//! Error and empty states shared by every data view.

use leptos::prelude::*;

use crate::api::LoadError;
use crate::tr;

/// A failed load: the message and a retry button.
#[component]
pub fn ErrorView(
    /// What went wrong.
    error: LoadError,
    /// Runs the request again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let network = error.network;
    let message = error.message;
    view! {
        <div class="message is-danger error-view" role="alert">
            <div class="message-body">
                <p class="has-text-weight-semibold">{tr!(state.error_title)}</p>
                {network.then(|| view! { <p>{tr!(state.network)}</p> })}
                <p class="error-detail">{message}</p>
                <button type="button" class="button is-danger is-outlined is-small mt-3" on:click=move |_| on_retry.run(())>
                    {tr!(state.retry)}
                </button>
            </div>
        </div>
    }
}

/// Nothing to show (暂无数据).
#[component]
pub fn EmptyState(
    /// Show the "try another filter" hint under the message.
    #[prop(optional)]
    hint: bool,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <svg viewBox="0 0 64 41" width="64" height="41" aria-hidden="true" focusable="false">
                <g transform="translate(0 1)" fill="none" fill-rule="evenodd">
                    <ellipse fill="#f5f5f5" cx="32" cy="33" rx="32" ry="7" />
                    <g fill-rule="nonzero" stroke="#d9d9d9">
                        <path d="M55 12.8L44.9 1.3C44.4.5 43.7 0 43 0H21c-.7 0-1.4.5-1.9 1.3L9 12.8V22h46v-9.2z" />
                        <path
                            d="M41.6 15.9c0-1.6 1-2.9 2.2-2.9H55v18.1c0 2.1-1.3 3.9-3 3.9H12c-1.7 0-3-1.7-3-3.9V13h11.2c1.2 0 2.2 1.3 2.2 2.9 0 1.6 1 2.9 2.2 2.9h14.8c1.2 0 2.2-1.3 2.2-2.9z"
                            fill="#fafafa"
                        />
                    </g>
                </g>
            </svg>
            <p class="empty-title">{tr!(state.empty)}</p>
            {hint.then(|| view! { <p class="empty-hint">{tr!(state.empty_hint)}</p> })}
        </div>
    }
}

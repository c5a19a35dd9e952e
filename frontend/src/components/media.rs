//! An image upload for the operator's editors (logos, banners, ads, partners): picks a file,
//! uploads it (`POST /admin/media`, checked by content on the server) and keeps its id, with a
//! preview and a remove button.

use leptos::ev::Event;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_client::Upload;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::forms::failure_text;
use crate::i18n::{t_string, use_i18n};
use crate::session::use_session;
use crate::tr;

/// Accepted image types.
pub const IMAGE_TYPES: &str = ".jpg,.jpeg,.png,.gif,.bmp,.webp";
/// Largest image in bytes (10 MiB).
pub const MAX_IMAGE: f64 = 10.0 * 1024.0 * 1024.0;

/// The image field.
#[component]
pub fn MediaPicker(
    /// Input id (`f-<name>`).
    name: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Uploaded media id.
    media_id: RwSignal<Option<i64>>,
    /// URL for the preview.
    preview: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let id = format!("f-{name}");
    let error_id = format!("f-{name}-error");
    let on_change = move |ev: Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        input.set_value("");
        let file_name = file.name();
        if file.size() > MAX_IMAGE {
            problem.set(Some(
                t_string!(i18n, err.file_too_big, name = file_name).to_string(),
            ));
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
                busy.set(false);
                problem.set(Some(t_string!(i18n, err.file_read, name = file_name).to_string()));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let upload = Upload { file_name, bytes };
            let result = session
                .call(|api| {
                    let upload = upload.clone();
                    async move { api.upload_media(upload).await }
                })
                .await;
            busy.set(false);
            match result {
                Ok(media) => {
                    media_id.set(Some(media.id));
                    preview.set(Some(media.url));
                }
                Err(error) => problem.set(Some(failure_text(i18n, &error))),
            }
        });
    };
    view! {
        <div class="field media-picker">
            <label class="label" for=id.clone()>{move || label.get()}</label>
            <div class="media-picker-row">
                {move || preview.get().map(|src| view! { <img class="media-preview" src=src alt="" /> })}
                <div class="file is-small is-link" class=("is-loading", move || busy.get())>
                    <label class="file-label">
                        <input
                            id=id.clone()
                            class="file-input"
                            type="file"
                            accept=IMAGE_TYPES
                            aria-describedby=error_id.clone()
                            on:change=on_change
                        />
                        <span class="file-cta">
                            <span class="file-label">
                                {move || if busy.get() { t_string!(i18n, media.uploading) } else { t_string!(i18n, media.choose) }}
                            </span>
                        </span>
                    </label>
                </div>
                {move || media_id.get().map(|_| view! {
                    <button
                        type="button"
                        class="button is-small is-text"
                        on:click=move |_| {
                            media_id.set(None);
                            preview.set(None);
                        }
                    >
                        {tr!(media.remove)}
                    </button>
                })}
            </div>
            <p class="help">{tr!(media.hint)}</p>
            <p class="help is-danger" id=error_id>{move || problem.get()}</p>
        </div>
    }
}

/// A `blob:` URL for downloaded bytes, typed so the browser shows images and PDFs.
pub fn blob_url(bytes: &[u8], content_type: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Clicks a temporary `<a download>` for `url`.
pub fn save_as(url: &str, file_name: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(link) = document.create_element("a") else {
        return;
    };
    let _ = link.set_attribute("href", url);
    let _ = link.set_attribute("download", file_name);
    if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
        link.click();
    }
}

//! 轮播广告 (§3.1): the home page's banners, one at a time, advancing every five seconds
//! (paused while the pointer or the keyboard focus is on it, or by its pause button), with
//! previous/next buttons and one dot per slide; a click on a slide follows its link.

use std::time::Duration;

use leptos::prelude::*;
use rc_types::storefront::Banner;

use crate::components::ads::PromoLink;
use crate::i18n::{t_string, use_i18n};
use crate::tr;

/// Time each slide stays.
pub const SLIDE_INTERVAL: Duration = Duration::from_secs(5);

/// Background gradients of slides without an image.
const GRADIENTS: [&str; 4] = [
    "linear-gradient(120deg, #0958d9 0%, #1677ff 55%, #69b1ff 100%)",
    "linear-gradient(120deg, #08979c 0%, #13c2c2 60%, #87e8de 100%)",
    "linear-gradient(120deg, #391085 0%, #722ed1 55%, #b37feb 100%)",
    "linear-gradient(120deg, #ad2102 0%, #fa541c 60%, #ffbb96 100%)",
];

/// The slide's background: its image over a dark wash for legible text, or a gradient.
pub fn slide_background(index: usize, image_url: Option<&str>) -> String {
    match image_url {
        Some(url) => format!(
            "background-image: linear-gradient(90deg, rgba(0,0,0,.55), rgba(0,0,0,.05)), url(\"{}\")",
            url.replace('"', "%22")
        ),
        None => format!("background-image: {}", GRADIENTS[index % GRADIENTS.len()]),
    }
}

/// The carousel; nothing when there are no banners.
#[allow(clippy::too_many_lines, reason = "one widget reads best in one piece")]
#[component]
pub fn Carousel(
    /// Active banners in order.
    banners: Vec<Banner>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = banners.len();
    let current = RwSignal::new(0_usize);
    let hovered = RwSignal::new(false);
    let focused = RwSignal::new(false);
    let stopped = RwSignal::new(false);
    if count == 0 {
        return ().into_any();
    }
    let go = move |index: usize| current.set(index % count);
    if count > 1 {
        let advance = move || {
            if !hovered.get_untracked() && !focused.get_untracked() && !stopped.get_untracked() {
                current.update(|i| *i = (*i + 1) % count);
            }
        };
        if let Ok(handle) = set_interval_with_handle(advance, SLIDE_INTERVAL) {
            on_cleanup(move || handle.clear());
        }
    }
    let slides = banners
        .into_iter()
        .enumerate()
        .map(|(index, banner)| {
            let style = slide_background(index, banner.image_url.as_deref());
            let active = move || current.get() == index;
            view! {
                <div
                    class="carousel-slide"
                    class=("is-active", active)
                    role="group"
                    aria-roledescription=tr!(carousel.slide)
                    aria-label=move || format!("{} / {count}", index + 1)
                    aria-hidden=move || (!active()).then_some("true")
                    style=style
                >
                    <PromoLink link=banner.link.clone() look="carousel-link" tabindex=Signal::derive(move || if active() { 0 } else { -1 })>
                        <span class="carousel-title">{banner.title.clone()}</span>
                        {(!banner.subtitle.is_empty()).then(|| view! { <span class="carousel-subtitle">{banner.subtitle.clone()}</span> })}
                        <span class="carousel-cta">{tr!(carousel.more)}</span>
                    </PromoLink>
                </div>
            }
        })
        .collect_view();
    view! {
        <section
            class="carousel"
            aria-roledescription=tr!(carousel.label)
            aria-label=tr!(carousel.name)
            on:mouseenter=move |_| hovered.set(true)
            on:mouseleave=move |_| hovered.set(false)
            on:focusin=move |_| focused.set(true)
            on:focusout=move |_| focused.set(false)
        >
            <div class="carousel-track" aria-live=move || if stopped.get() { "polite" } else { "off" }>{slides}</div>
            {(count > 1)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="carousel-arrow is-prev"
                            aria-label=tr!(carousel.prev)
                            on:click=move |_| go(current.get_untracked() + count - 1)
                        >
                            "‹"
                        </button>
                        <button
                            type="button"
                            class="carousel-arrow is-next"
                            aria-label=tr!(carousel.next)
                            on:click=move |_| go(current.get_untracked() + 1)
                        >
                            "›"
                        </button>
                        <div class="carousel-controls">
                            <button
                                type="button"
                                class="carousel-pause"
                                aria-label=move || if stopped.get() { t_string!(i18n, carousel.play) } else { t_string!(i18n, carousel.pause) }
                                on:click=move |_| stopped.update(|s| *s = !*s)
                            >
                                {move || if stopped.get() { "▶" } else { "❚❚" }}
                            </button>
                            <div class="carousel-dots">
                                {(0..count)
                                    .map(|index| {
                                        view! {
                                            <button
                                                type="button"
                                                class="carousel-dot"
                                                class=("is-active", move || current.get() == index)
                                                aria-label=move || t_string!(i18n, carousel.go_to, n = index + 1).to_string()
                                                aria-current=move || (current.get() == index).then_some("true")
                                                on:click=move |_| go(index)
                                            ></button>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </div>
                    }
                })}
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slides_without_image_get_a_gradient() {
        assert!(slide_background(0, None).contains("linear-gradient(120deg, #0958d9"));
        assert_eq!(slide_background(4, None), slide_background(0, None));
        let with_image = slide_background(1, Some("/api/v1/media/3"));
        assert!(with_image.ends_with("url(\"/api/v1/media/3\")"));
        assert!(!slide_background(1, Some("x\"); color: red")).contains("\");"));
    }
}

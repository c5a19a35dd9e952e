//! 广告位 (§4.4): the operator's ads in their slots (home strip, list and detail side columns),
//! and the link used by ads and banners (site paths stay in the app, other sites open in a new tab).

use leptos::prelude::*;
use rc_types::storefront::{Ad, AdSlot};

use crate::api::ads_of;
use crate::components::carousel::slide_background;
use crate::tr;

/// Whether a link leaves the site (`https://…`) rather than being a path here (`/solutions/3`).
pub fn is_external(link: &str) -> bool {
    link.starts_with("http://") || link.starts_with("https://")
}

/// A link to `link`: routed inside the app for site paths, a new tab for other sites.
#[component]
pub fn PromoLink(
    /// Target.
    link: String,
    /// Classes (named `look`: `class` on a component is view-macro syntax).
    look: &'static str,
    /// Tab order (`-1` for hidden slides).
    #[prop(optional, into)]
    tabindex: Option<Signal<i32>>,
    /// Content.
    children: Children,
) -> impl IntoView {
    let external = is_external(&link);
    view! {
        <a
            href=link
            class=look
            tabindex=move || tabindex.map(|t| t.get())
            target=external.then_some("_blank")
            rel=external.then_some("noopener noreferrer")
        >
            {children()}
        </a>
    }
}

/// One ad as a card: image or gradient, headline and smaller line, marked 广告.
#[component]
pub fn AdCard(
    /// The ad.
    ad: Ad,
    /// Position in its slot (picks the gradient).
    index: usize,
) -> impl IntoView {
    let style = slide_background(index + 1, ad.image_url.as_deref());
    view! {
        <PromoLink link=ad.link.clone() look="ad-card">
            <span class="ad-visual" style=style aria-hidden="true"></span>
            <span class="ad-text">
                <span class="ad-title">{ad.title.clone()}</span>
                {(!ad.subtitle.is_empty()).then(|| view! { <span class="ad-subtitle">{ad.subtitle.clone()}</span> })}
            </span>
            <span class="ad-tag">{tr!(ads.tag)}</span>
        </PromoLink>
    }
}

/// The ads given, in a `complementary` region named 推广 (nothing when there are none).
#[component]
pub fn AdList(
    /// Ads in order.
    ads: Vec<Ad>,
    /// Layout class (`ad-strip` or `ad-column`).
    layout: &'static str,
) -> impl IntoView {
    (!ads.is_empty()).then(|| {
        view! {
            <aside class=format!("ad-list {layout}") aria-label=tr!(ads.label)>
                {ads
                    .into_iter()
                    .enumerate()
                    .map(|(index, ad)| view! { <AdCard ad index /> })
                    .collect_view()}
            </aside>
        }
    })
}

/// The ads of a slot, loaded once per page load; a failed load just leaves the slot empty
/// (ads never block the page).
#[component]
pub fn AdSlotView(
    /// Slot (named `placement`: `slot` is view-macro syntax).
    placement: AdSlot,
    /// Layout class.
    layout: &'static str,
) -> impl IntoView {
    let ads = LocalResource::new(move || ads_of(placement));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match ads.await {
                    Ok(list) => view! { <AdList ads=list layout /> }.into_any(),
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::is_external;

    #[test]
    fn external_links() {
        assert!(is_external("https://example.com"));
        assert!(is_external("http://example.com/x"));
        assert!(!is_external("/solutions/3"));
        assert!(!is_external("//evil.example"));
    }
}

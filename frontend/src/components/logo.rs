//! The brand mark and the coloured initials tiles that stand in for vendor logos.

use leptos::prelude::*;

/// The inline SVG brand mark (a cloud on a blue tile); decorative, the text next to it names the site.
#[component]
pub fn LogoMark() -> impl IntoView {
    view! {
        <svg class="logo-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" fill="#1677ff" />
            <path
                d="M10.5 22.5h11a4.5 4.5 0 0 0 .6-8.96A6 6 0 0 0 10.6 12.2a5.2 5.2 0 0 0-.1 10.3z"
                fill="#fff"
            />
            <path d="M13 18.5l2.2 2.2 4.3-4.4" fill="none" stroke="#1677ff" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

/// Background colours of vendor tiles (Ant Design's palette, readable with white text).
const TILE_COLOURS: [&str; 8] = [
    "#1677ff", "#13a8a8", "#722ed1", "#eb2f96", "#fa8c16", "#52c41a", "#2f54eb", "#d4380d",
];

/// Up to two initials of a vendor name: the first letters of the first two Latin words
/// (`Unify Cloud` → `UC`, `OneSight 一网互通` → `ON`), the first two letters of a single Latin
/// word (`safein` → `SA`), or the first two characters of a Chinese name (`听云`).
pub fn initials(vendor: &str) -> String {
    let latin: Vec<&str> = vendor
        .split_whitespace()
        .filter(|word| word.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()))
        .collect();
    match latin.as_slice() {
        [first, second, ..] => [first, second]
            .iter()
            .filter_map(|word| word.chars().next())
            .flat_map(char::to_uppercase)
            .collect(),
        [only] => only
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(2)
            .flat_map(char::to_uppercase)
            .collect(),
        [] => vendor.chars().filter(|c| !c.is_whitespace()).take(2).collect(),
    }
}

/// A stable tile colour for a vendor.
pub fn tile_colour(vendor: &str) -> &'static str {
    let hash = vendor
        .bytes()
        .fold(0_u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    TILE_COLOURS[(hash % 8) as usize]
}

/// The vendor's logo image when the operator uploaded one, else a coloured square with its
/// initials; decorative (the name is always written next to it).
#[component]
pub fn VendorTile(
    /// Vendor (brand) name.
    #[prop(into)]
    vendor: String,
    /// Extra size class (`is-large` on the detail page).
    #[prop(optional)]
    size: &'static str,
    /// Uploaded logo.
    #[prop(default = None)]
    logo: Option<String>,
) -> impl IntoView {
    if let Some(src) = logo {
        return view! {
            <span class=format!("vendor-tile has-logo {size}") aria-hidden="true">
                <img src=src alt="" loading="lazy" />
            </span>
        }
        .into_any();
    }
    let style = format!("background-color: {}", tile_colour(&vendor));
    view! {
        <span class=format!("vendor-tile {size}") style=style aria-hidden="true">
            {initials(&vendor)}
        </span>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_of_latin_and_chinese_names() {
        assert_eq!(initials("Binary Tree"), "BT");
        assert_eq!(initials("OneSight 一网互通"), "ON");
        assert_eq!(initials("InfoCore 信核"), "IN");
        assert_eq!(initials("safein"), "SA");
        assert_eq!(initials("5Nine"), "5N");
        assert_eq!(initials("听云"), "听云");
        assert_eq!(initials("蓝云咨询"), "蓝云");
    }
}

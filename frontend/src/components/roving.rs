//! Keyboard support for ARIA composite widgets with a roving tabindex (tab lists, radio groups):
//! arrow keys move the selection and the focus, Home/End jump to the ends.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// Which arrow keys move through the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Left/right only (a horizontal tab list; up/down keep scrolling the page).
    Horizontal,
    /// All four arrows (a radio group).
    Both,
}

/// The item a key moves to in a list of `count` items (wrapping), or `None` for other keys.
pub fn next_index(key: &str, axis: Axis, current: usize, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let vertical = axis == Axis::Both;
    match key {
        "ArrowRight" => Some((current + 1) % count),
        "ArrowDown" if vertical => Some((current + 1) % count),
        "ArrowLeft" => Some((current + count - 1) % count),
        "ArrowUp" if vertical => Some((current + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
}

/// Focuses the `index`-th element matching `selector` inside the element the handler is on.
pub fn focus_item(ev: &KeyboardEvent, selector: &str, index: usize) {
    let container = ev
        .current_target()
        .and_then(|target| target.dyn_into::<Element>().ok());
    let item = container
        .and_then(|container| container.query_selector_all(selector).ok())
        .and_then(|items| items.item(u32::try_from(index).ok()?))
        .and_then(|node| node.dyn_into::<HtmlElement>().ok());
    if let Some(item) = item {
        // Focus can only fail for elements that cannot take it; tabs and radios can.
        let _ = item.focus();
    }
}

/// Handles a key on a roving-tabindex widget: moves to the next item, selects it through
/// `select`, focuses it, and swallows the key. Other keys are left alone.
pub fn handle_key(
    ev: &KeyboardEvent,
    axis: Axis,
    selector: &str,
    current: usize,
    count: usize,
    select: impl FnOnce(usize),
) {
    if let Some(next) = next_index(&ev.key(), axis, current, count) {
        ev.prevent_default();
        select(next);
        focus_item(ev, selector, next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(next_index("ArrowRight", Axis::Horizontal, 5, 6), Some(0));
        assert_eq!(next_index("ArrowLeft", Axis::Horizontal, 0, 6), Some(5));
        assert_eq!(next_index("ArrowDown", Axis::Horizontal, 0, 6), None);
        assert_eq!(next_index("ArrowDown", Axis::Both, 0, 3), Some(1));
        assert_eq!(next_index("ArrowUp", Axis::Both, 0, 3), Some(2));
        assert_eq!(next_index("Home", Axis::Both, 2, 3), Some(0));
        assert_eq!(next_index("End", Axis::Horizontal, 0, 3), Some(2));
        assert_eq!(next_index("Enter", Axis::Both, 0, 3), None);
        assert_eq!(next_index("ArrowRight", Axis::Both, 0, 0), None);
    }
}

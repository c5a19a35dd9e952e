//! The login slider (滑块, §2.2.2): drag the handle to the right end of the track. Every pointer
//! move is recorded as `{x: fraction of the track, t: ms since grabbing}`; the server checks the
//! trace against a single-use challenge. Arrow keys move the handle too (uneven steps, like a hand).

use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::html;
use leptos::prelude::*;
use rc_types::auth::SliderPoint;

use crate::i18n::{t_string, use_i18n};
use crate::tr;

/// Position that counts as "at the right end" (the server's threshold).
pub const END: f64 = 0.97;
/// Most samples kept (the server takes up to 2000).
const MAX_POINTS: usize = 1_500;
/// Keyboard steps, deliberately uneven (a perfectly regular trace is refused as robotic).
const KEY_STEPS: [f64; 7] = [0.13, 0.09, 0.12, 0.1, 0.14, 0.08, 0.11];

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// Position of the pointer as a fraction of the track, clamped to 0–1.
pub fn fraction(start_x: f64, x: f64, width: f64) -> f64 {
    if width <= 0.0 {
        return 0.0;
    }
    ((x - start_x) / width).clamp(0.0, 1.0)
}

/// A drag in progress.
#[derive(Debug, Clone, Default)]
struct Drag {
    /// `performance.now()` when grabbed.
    start_ms: f64,
    /// Pointer x when grabbed (unused for keyboard drags).
    start_x: f64,
    /// Usable track width in px.
    width: f64,
    /// Samples so far.
    trace: Vec<SliderPoint>,
}

impl Drag {
    fn record(&mut self, x: f64) {
        if self.trace.len() < MAX_POINTS {
            let elapsed = (now_ms() - self.start_ms).max(0.0).round();
            // Whole milliseconds well inside u32 (a drag lasts seconds).
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let t = elapsed as u32;
            self.trace.push(SliderPoint { x, t });
        }
    }
}

/// The slider. `proof` becomes the trace once the handle reaches the end; set it to `None` to
/// put the handle back (after a failed login, with a new challenge).
#[allow(clippy::too_many_lines, reason = "one view reads best in one piece")]
#[component]
pub fn Slider(
    /// The finished drag.
    proof: RwSignal<Option<Vec<SliderPoint>>>,
    /// Error shown under the slider (translated).
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let position = RwSignal::new(0.0_f64);
    let drag: StoredValue<Option<Drag>> = StoredValue::new(None);
    let dragging = RwSignal::new(false);
    let track_ref = NodeRef::<html::Div>::new();
    let handle_ref = NodeRef::<html::Div>::new();

    // A reset from outside puts the handle back.
    Effect::new(move |_| {
        if proof.with(Option::is_none) && !dragging.get_untracked() {
            position.set(0.0);
        }
    });

    let begin = move |start_x: f64| {
        let width = match (track_ref.get_untracked(), handle_ref.get_untracked()) {
            (Some(track), Some(handle)) => f64::from(track.client_width() - handle.offset_width()),
            _ => 0.0,
        };
        let mut started = Drag {
            start_ms: now_ms(),
            start_x,
            width,
            trace: Vec::new(),
        };
        started.record(0.0);
        drag.set_value(Some(started));
        dragging.set(true);
    };
    let finish = move || {
        let done = drag.try_update_value(Option::take).flatten();
        dragging.set(false);
        match done {
            Some(mut done) if position.get_untracked() >= END => {
                done.record(position.get_untracked());
                position.set(1.0);
                proof.set(Some(done.trace));
            }
            _ => position.set(0.0),
        }
    };

    let on_pointerdown = move |ev: PointerEvent| {
        if proof.with_untracked(Option::is_some) || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(handle) = handle_ref.get_untracked() {
            let _ = handle.set_pointer_capture(ev.pointer_id());
            let _ = handle.focus();
        }
        begin(f64::from(ev.client_x()));
    };
    let on_pointermove = move |ev: PointerEvent| {
        if !dragging.get_untracked() {
            return;
        }
        let x = drag.try_update_value(|drag| {
            drag.as_mut().map(|drag| {
                let x = fraction(drag.start_x, f64::from(ev.client_x()), drag.width);
                drag.record(x);
                x
            })
        });
        if let Some(Some(x)) = x {
            position.set(x);
        }
    };
    let on_pointerup = move |_: PointerEvent| {
        if dragging.get_untracked() {
            finish();
        }
    };
    let on_keydown = move |ev: KeyboardEvent| {
        if proof.with_untracked(Option::is_some) {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" | "PageUp" => {
                ev.prevent_default();
                if !dragging.get_untracked() {
                    begin(0.0);
                }
                let x = drag.try_update_value(|drag| {
                    drag.as_mut().map(|drag| {
                        let step = KEY_STEPS[drag.trace.len() % KEY_STEPS.len()];
                        let x = (drag.trace.last().map_or(0.0, |p| p.x) + step).min(1.0);
                        drag.record(x);
                        x
                    })
                });
                if let Some(Some(x)) = x {
                    position.set(x);
                    if x >= 1.0 {
                        finish();
                    }
                }
            }
            "Home" | "Escape" => {
                ev.prevent_default();
                drag.set_value(None);
                dragging.set(false);
                position.set(0.0);
            }
            _ => {}
        }
    };

    let done = move || proof.with(Option::is_some);
    let text = move || {
        if done() {
            t_string!(i18n, login.slider_done)
        } else {
            t_string!(i18n, login.slider_hint)
        }
    };
    view! {
        <div class="field slider-field">
            <div
                class="slider-track"
                class=("is-done", done)
                class=("is-dragging", move || dragging.get())
                class=("is-danger", move || error.with(Option::is_some))
                node_ref=track_ref
                style=move || format!("--slider-pos: {}", position.get())
            >
                <div class="slider-fill" aria-hidden="true"></div>
                <span class="slider-text" aria-hidden="true">{text}</span>
                <div
                    class="slider-handle"
                    node_ref=handle_ref
                    role="slider"
                    tabindex="0"
                    aria-label=tr!(login.slider_label)
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=move || format!("{:.0}", position.get() * 100.0)
                    aria-valuetext=text
                    aria-describedby="slider-error"
                    on:pointerdown=on_pointerdown
                    on:pointermove=on_pointermove
                    on:pointerup=on_pointerup
                    on:pointercancel=on_pointerup
                    on:keydown=on_keydown
                >
                    {move || if done() { "✓" } else { "»" }}
                </div>
            </div>
            <p class="is-sr-only" aria-live="polite">
                {move || done().then_some(tr!(login.slider_done))}
            </p>
            {move || error.get().map(|text| view! { <p class="help is-danger" id="slider-error">{text}</p> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_is_clamped_to_the_track() {
        assert!((fraction(100.0, 150.0, 200.0) - 0.25).abs() < 1e-9);
        assert!((fraction(100.0, 50.0, 200.0)).abs() < 1e-9);
        assert!((fraction(100.0, 500.0, 200.0) - 1.0).abs() < 1e-9);
        assert!(fraction(0.0, 10.0, 0.0).abs() < 1e-9);
    }

    #[test]
    fn keyboard_steps_are_uneven_and_reach_the_end() {
        let mut x = 0.0;
        let mut steps = 0;
        while x < 1.0 {
            x = (x + KEY_STEPS[steps % KEY_STEPS.len()]).min(1.0);
            steps += 1;
        }
        assert!(steps >= 3);
        assert!(KEY_STEPS.windows(2).any(|w| (w[0] - w[1]).abs() > 1e-6));
    }
}

//! The login slider (滑块, §2.2.2): a drag to the right end of the track, verified server-side
//! against a single-use challenge. A client that skips the drag or fakes an instant one is refused.

use rc_types::auth::SliderPoint;

/// Seconds a challenge stays valid.
pub const CHALLENGE_TTL_SECS: u32 = 120;
/// Position (fraction of the track) that counts as "at the right end".
const END: f64 = 0.97;
/// Shortest plausible human drag, in ms.
const MIN_DRAG_MS: u32 = 150;
/// Longest drag we accept, in ms.
const MAX_DRAG_MS: u32 = 60_000;

/// Why a drag was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SliderError {
    /// Too few samples, out of order, or outside the track.
    #[error("the slider drag is malformed")]
    Malformed,
    /// Did not reach the right end.
    #[error("drag the slider all the way to the right")]
    NotAtEnd,
    /// Faster than a person, or longer than the challenge has existed.
    #[error("the slider drag is not plausible")]
    Implausible,
}

/// Verifies a drag trace for a challenge issued `issued_ms_ago` milliseconds ago.
pub fn verify_drag(trace: &[SliderPoint], issued_ms_ago: u64) -> Result<(), SliderError> {
    if trace.len() < 3 || trace.len() > 2_000 {
        return Err(SliderError::Malformed);
    }
    let ordered = trace.windows(2).all(|w| w[1].t >= w[0].t);
    let on_track = trace
        .iter()
        .all(|p| p.x.is_finite() && (-0.01..=1.01).contains(&p.x));
    if !ordered || !on_track {
        return Err(SliderError::Malformed);
    }
    let (first, last) = (trace[0], trace[trace.len() - 1]);
    if first.x > 0.1 {
        return Err(SliderError::Malformed);
    }
    if last.x < END {
        return Err(SliderError::NotAtEnd);
    }
    let duration = last.t - first.t;
    if !(MIN_DRAG_MS..=MAX_DRAG_MS).contains(&duration) || u64::from(duration) > issued_ms_ago {
        return Err(SliderError::Implausible);
    }
    // A person's drag has uneven steps; a scripted one is often perfectly regular.
    let steps: Vec<f64> = trace.windows(2).map(|w| w[1].x - w[0].x).collect();
    let uneven = steps.iter().any(|s| (s - steps[0]).abs() > 1e-6);
    if !uneven {
        return Err(SliderError::Implausible);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn human() -> Vec<SliderPoint> {
        [
            (0.0, 0),
            (0.05, 40),
            (0.2, 90),
            (0.45, 150),
            (0.7, 210),
            (0.9, 260),
            (1.0, 320),
        ]
        .into_iter()
        .map(|(x, t)| SliderPoint { x, t })
        .collect()
    }

    #[test]
    fn a_human_drag_passes() {
        assert_eq!(verify_drag(&human(), 2_000), Ok(()));
    }

    #[test]
    fn skipping_or_stopping_short_fails() {
        assert_eq!(verify_drag(&[], 2_000), Err(SliderError::Malformed));
        let mut short = human();
        short.last_mut().unwrap().x = 0.6;
        assert_eq!(verify_drag(&short, 2_000), Err(SliderError::NotAtEnd));
    }

    #[test]
    fn instant_or_regular_drags_fail() {
        let instant: Vec<_> = human()
            .into_iter()
            .map(|p| SliderPoint { t: p.t / 10, ..p })
            .collect();
        assert_eq!(verify_drag(&instant, 2_000), Err(SliderError::Implausible));
        assert_eq!(
            verify_drag(&human(), 100),
            Err(SliderError::Implausible),
            "older than its challenge"
        );
        let regular: Vec<_> = (0..=10)
            .map(|i| SliderPoint {
                x: f64::from(i) / 10.0,
                t: i * 50,
            })
            .collect();
        assert_eq!(verify_drag(&regular, 2_000), Err(SliderError::Implausible));
    }

    #[test]
    fn malformed_traces_fail() {
        let mut backwards = human();
        backwards[3].t = 10;
        assert_eq!(verify_drag(&backwards, 2_000), Err(SliderError::Malformed));
        let mut off_track = human();
        off_track[2].x = 3.0;
        assert_eq!(verify_drag(&off_track, 2_000), Err(SliderError::Malformed));
    }
}

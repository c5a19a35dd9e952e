//! Cart rules (购物车, §5.2): whether a line can be settled, and what it costs.

use rc_types::cart::CartLineState;

use crate::Fen;

/// The plan behind a cart line as it is now: None when the plan was deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanNow {
    /// Its unit price now.
    pub unit_price: Fen,
    /// Whether its solution is published.
    pub published: bool,
}

/// A line can be settled when its plan is still sold at the price the user last saw; a changed
/// price needs the user's review first, a plan no longer sold can only be removed.
pub fn line_state(seen: Fen, now: Option<PlanNow>) -> CartLineState {
    match now {
        Some(plan) if plan.published && plan.unit_price == seen => CartLineState::Ready,
        Some(plan) if plan.published => CartLineState::PriceChanged,
        _ => CartLineState::Unavailable,
    }
}

/// Unit price × quantity, in fen (quantities are at most 9999 and prices fit in an i64, so this
/// saturates rather than overflows for absurd prices).
pub fn line_total(unit_price: Fen, quantity: i32) -> Fen {
    Fen(unit_price.0.saturating_mul(i64::from(quantity)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_ready_only_at_the_seen_price_of_a_sold_plan() {
        let sold = |fen| {
            Some(PlanNow {
                unit_price: Fen(fen),
                published: true,
            })
        };
        assert_eq!(line_state(Fen(10_700), sold(10_700)), CartLineState::Ready);
        assert_eq!(line_state(Fen(10_700), sold(12_000)), CartLineState::PriceChanged);
        assert_eq!(line_state(Fen(10_700), sold(9_000)), CartLineState::PriceChanged);
        let unpublished = Some(PlanNow {
            unit_price: Fen(10_700),
            published: false,
        });
        assert_eq!(line_state(Fen(10_700), unpublished), CartLineState::Unavailable);
        assert_eq!(line_state(Fen(10_700), None), CartLineState::Unavailable);
    }

    #[test]
    fn totals_multiply_and_saturate() {
        assert_eq!(line_total(Fen(10_700), 3), Fen(32_100));
        assert_eq!(line_total(Fen(1), 9_999), Fen(9_999));
        assert_eq!(line_total(Fen(i64::MAX / 2), 9_999), Fen(i64::MAX));
    }
}

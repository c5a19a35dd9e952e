//! Cart rules (购物车, §5.2): whether a line can be settled, and what it costs.

use rc_types::cart::CartLineState;

use crate::Fen;

/// The terms of a plan a buyer agrees to: what the line recorded when added (or last reviewed),
/// and what the plan says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTerms {
    /// Unit price, tax included.
    pub unit_price: Fen,
    /// SKU code.
    pub sku_code: String,
    /// Region sold in (所售地区).
    pub region: String,
    /// `product` or `service`.
    pub kind: String,
    /// Tax rate in basis points.
    pub tax_rate_bp: i32,
}

/// The plan behind a line as it is now: its terms and whether its solution is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanNow {
    /// Current terms.
    pub terms: PlanTerms,
    /// Whether its solution is on sale.
    pub published: bool,
}

/// A line can be settled when its plan is still sold on the terms the user last saw; a changed
/// price or other terms (SKU, region, kind, tax rate) need the user's review first, a plan no
/// longer sold (deleted, or its solution unpublished) can only be removed.
pub fn line_state(seen: &PlanTerms, now: Option<&PlanNow>) -> CartLineState {
    match now {
        Some(plan) if !plan.published => CartLineState::Unavailable,
        Some(plan) if plan.terms.unit_price != seen.unit_price => CartLineState::PriceChanged,
        Some(plan) if plan.terms != *seen => CartLineState::PlanChanged,
        Some(_) => CartLineState::Ready,
        None => CartLineState::Unavailable,
    }
}

/// Unit price × quantity, in fen (saturating rather than overflowing for absurd prices).
pub fn line_total(unit_price: Fen, quantity: i32) -> Fen {
    Fen(unit_price.0.saturating_mul(i64::from(quantity)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(fen: i64) -> PlanTerms {
        PlanTerms {
            unit_price: Fen(fen),
            sku_code: "S-1".into(),
            region: "中国大陆".into(),
            kind: "product".into(),
            tax_rate_bp: 600,
        }
    }

    fn sold(terms: PlanTerms) -> PlanNow {
        PlanNow {
            terms,
            published: true,
        }
    }

    #[test]
    fn a_line_is_ready_only_on_the_terms_seen_of_a_sold_plan() {
        let seen = terms(10_700);
        assert_eq!(
            line_state(&seen, Some(&sold(terms(10_700)))),
            CartLineState::Ready
        );
        assert_eq!(
            line_state(&seen, Some(&sold(terms(12_000)))),
            CartLineState::PriceChanged
        );
        assert_eq!(
            line_state(&seen, Some(&sold(terms(9_000)))),
            CartLineState::PriceChanged
        );
        let moved = PlanTerms {
            region: "华北".into(),
            ..terms(10_700)
        };
        assert_eq!(line_state(&seen, Some(&sold(moved))), CartLineState::PlanChanged);
        let taxed = PlanTerms {
            tax_rate_bp: 1_300,
            ..terms(10_700)
        };
        assert_eq!(line_state(&seen, Some(&sold(taxed))), CartLineState::PlanChanged);
        let unpublished = PlanNow {
            terms: terms(10_700),
            published: false,
        };
        assert_eq!(line_state(&seen, Some(&unpublished)), CartLineState::Unavailable);
        assert_eq!(line_state(&seen, None), CartLineState::Unavailable);
    }

    #[test]
    fn totals_multiply_and_saturate() {
        assert_eq!(line_total(Fen(10_700), 3), Fen(32_100));
        assert_eq!(line_total(Fen(1), 9_999), Fen(9_999));
        assert_eq!(line_total(Fen(i64::MAX / 2), 9_999), Fen(i64::MAX));
    }
}

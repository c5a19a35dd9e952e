//! Refunding one line of a paid order: how the line's total splits over what paid for the order.
//!
//! An order is paid from four sources — the coupon's discount, 零钱 (rebate), the credit line and
//! cash (online or by transfer) — which add up to its goods total. A refunded line takes the coupon's
//! share in proportion to its part of the lines the coupon applied to, and the rest of its total
//! from 零钱, credit and cash in proportion to what each paid (whole fen, the remainders going to
//! the sources whose exact share lost most), never more than a source has left; the last line
//! refunded takes exactly what is left, so refunding every line gives back each source to the fen.
//! The coupon's share is never given back in money: the coupon itself comes back, unused, once the
//! whole order is refunded (cancelled, or every line refunded).

use crate::Fen;

/// What paid for an order, or what one refund gives back from each source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sources {
    /// The coupon's discount (forfeited when a line is refunded).
    pub coupon: Fen,
    /// 零钱 spent.
    pub rebate: Fen,
    /// Put on the credit line.
    pub credit: Fen,
    /// Paid online or by bank transfer.
    pub cash: Fen,
}

impl Sources {
    fn as_array(self) -> [i64; 4] {
        [self.coupon.0, self.rebate.0, self.credit.0, self.cash.0]
    }

    fn from_array(fen: [i64; 4]) -> Self {
        Sources {
            coupon: Fen(fen[0]),
            rebate: Fen(fen[1]),
            credit: Fen(fen[2]),
            cash: Fen(fen[3]),
        }
    }

    /// All four together.
    #[must_use]
    pub fn total(self) -> Fen {
        Fen(self.as_array().iter().sum())
    }

    /// What goes back to the buyer: everything but the coupon's share.
    #[must_use]
    pub fn given_back(self) -> Fen {
        Fen(self.rebate.0 + self.credit.0 + self.cash.0)
    }

    /// Source by source, `self` plus `other`.
    #[must_use]
    pub fn plus(self, other: Sources) -> Sources {
        let (a, b) = (self.as_array(), other.as_array());
        Sources::from_array(std::array::from_fn(|i| a[i] + b[i]))
    }
}

/// Why a line cannot be refunded as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// The line's total is more than what is left to refund of the order.
    #[error("the line's total {line} is more than the {left} left to refund on the order")]
    MoreThanLeft {
        /// The line's total.
        line: Fen,
        /// What the order has left.
        left: Fen,
    },
    /// A negative amount was given.
    #[error("amounts must not be negative")]
    Negative,
}

/// The line being refunded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Its total (unit price × quantity).
    pub total: Fen,
    /// Whether the order's coupon applied to it (its solution and region).
    pub coupon_applies: bool,
}

/// Splits `line`'s total over the order's `paid` sources, given what earlier line refunds took
/// (`refunded`): the coupon's share in proportion to the line's part of `coupon_base` (the total
/// of the lines the coupon applied to), the rest over 零钱, credit and cash in proportion to what
/// each paid. `last` when no other line is left to refund: it then takes exactly what is left,
/// which must equal its total.
pub fn split_line(
    paid: Sources,
    refunded: Sources,
    line: Line,
    coupon_base: Fen,
    last: bool,
) -> Result<Sources, SplitError> {
    let (paid, refunded) = (paid.as_array(), refunded.as_array());
    let total = line.total.0;
    if total < 0 || coupon_base.0 < 0 || paid.iter().chain(&refunded).any(|&fen| fen < 0) {
        return Err(SplitError::Negative);
    }
    let left: [i64; 4] = std::array::from_fn(|i| paid[i] - refunded[i]);
    if left.iter().any(|&fen| fen < 0) {
        return Err(SplitError::Negative);
    }
    let left_total: i64 = left.iter().sum();
    if total > left_total || (last && total != left_total) {
        return Err(SplitError::MoreThanLeft {
            line: line.total,
            left: Fen(left_total),
        });
    }
    if last {
        return Ok(Sources::from_array(left));
    }
    let mut share = [0_i64; 4];
    // The coupon's share, to the nearest fen.
    let money: i64 = paid[1..].iter().sum();
    share[0] = if money == 0 {
        total
    } else if line.coupon_applies && coupon_base.0 > 0 {
        let (t, c, b) = (i128::from(total), i128::from(paid[0]), i128::from(coupon_base.0));
        i64::try_from((2 * t * c + b) / (2 * b))
            .unwrap_or(i64::MAX)
            .min(total)
    } else {
        0
    };
    // The rest over 零钱, credit and cash: whole fen of each exact share, then the fen left over
    // to the largest remainders.
    let rest = total - share[0];
    if money > 0 {
        let mut remainder = [0_i128; 4];
        for i in 1..4 {
            let exact = i128::from(rest) * i128::from(paid[i]);
            share[i] = i64::try_from(exact / i128::from(money)).unwrap_or(i64::MAX);
            remainder[i] = exact % i128::from(money);
        }
        let mut short = rest - share[1..].iter().sum::<i64>();
        let mut by_remainder: Vec<usize> = (1..4).collect();
        by_remainder.sort_by(|&a, &b| remainder[b].cmp(&remainder[a]).then(a.cmp(&b)));
        for &i in &by_remainder {
            if short == 0 {
                break;
            }
            if remainder[i] > 0 {
                share[i] += 1;
                short -= 1;
            }
        }
    }
    // No source gives more than it has left; the excess moves to sources that still have some
    // (cash first, then credit, 零钱 and the coupon).
    let mut excess = 0;
    for i in 0..4 {
        if share[i] > left[i] {
            excess += share[i] - left[i];
            share[i] = left[i];
        }
    }
    for i in (0..4).rev() {
        let room = (left[i] - share[i]).min(excess);
        share[i] += room;
        excess -= room;
    }
    Ok(Sources::from_array(share))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(coupon: i64, rebate: i64, credit: i64, cash: i64) -> Sources {
        Sources {
            coupon: Fen(coupon),
            rebate: Fen(rebate),
            credit: Fen(credit),
            cash: Fen(cash),
        }
    }

    fn line(total: i64, coupon_applies: bool) -> Line {
        Line {
            total: Fen(total),
            coupon_applies,
        }
    }

    #[test]
    fn a_cash_only_order_refunds_cash() {
        let paid = sources(0, 0, 0, 30_000);
        let split = split_line(paid, Sources::default(), line(10_000, false), Fen(0), false).unwrap();
        assert_eq!(split, sources(0, 0, 0, 10_000));
        assert_eq!(split.given_back(), Fen(10_000));
    }

    #[test]
    fn the_coupon_share_follows_its_lines_and_the_rest_is_proportional() {
        // ¥1,000 of goods: a ¥100 coupon on one ¥500 line; ¥150 零钱, ¥300 credit, ¥450 cash.
        let paid = sources(10_000, 15_000, 30_000, 45_000);
        let with_coupon =
            split_line(paid, Sources::default(), line(50_000, true), Fen(50_000), false).unwrap();
        assert_eq!(with_coupon, sources(10_000, 6_667, 13_333, 20_000));
        assert_eq!(with_coupon.given_back(), Fen(40_000));
        let without = split_line(paid, Sources::default(), line(50_000, false), Fen(50_000), false).unwrap();
        assert_eq!(without, sources(0, 8_333, 16_667, 25_000));
        assert_eq!(
            without.given_back(),
            Fen(50_000),
            "nothing of a line the coupon did not touch is forfeited"
        );
    }

    #[test]
    fn odd_fen_go_to_the_largest_remainders_and_sum_to_the_line() {
        let paid = sources(0, 333, 100, 567);
        let split = split_line(paid, Sources::default(), line(333, false), Fen(0), false).unwrap();
        assert_eq!(split.total(), Fen(333));
        // Exact shares 110.889, 33.3, 188.811.
        assert_eq!(split, sources(0, 111, 33, 189));
    }

    #[test]
    fn refunding_every_line_gives_back_each_source_exactly() {
        let paid = sources(1_001, 2_003, 0, 7_007);
        let lines = [line(3_337, true), line(3_337, false), line(3_337, true)];
        let mut refunded = Sources::default();
        for (n, l) in lines.iter().enumerate() {
            let split = split_line(paid, refunded, *l, Fen(6_674), n == lines.len() - 1).unwrap();
            assert_eq!(split.total(), l.total);
            refunded = refunded.plus(split);
        }
        assert_eq!(refunded, paid);
    }

    #[test]
    fn many_tiny_lines_never_overdraw_a_small_source() {
        // A 1-fen rebate over 5 lines of 1 fen: at most one line takes it.
        let paid = sources(0, 1, 0, 4);
        let mut refunded = Sources::default();
        for n in 0..5 {
            let split = split_line(paid, refunded, line(1, false), Fen(0), n == 4).unwrap();
            assert_eq!(split.total(), Fen(1));
            refunded = refunded.plus(split);
            assert!(refunded.rebate <= paid.rebate);
        }
        assert_eq!(refunded, paid);
    }

    #[test]
    fn an_order_paid_by_the_coupon_alone_forfeits_it_all() {
        let paid = sources(500, 0, 0, 0);
        let split = split_line(paid, Sources::default(), line(200, true), Fen(500), false).unwrap();
        assert_eq!(split, sources(200, 0, 0, 0));
        assert_eq!(split.given_back(), Fen(0));
    }

    #[test]
    fn a_line_larger_than_what_is_left_is_refused() {
        let paid = sources(0, 0, 0, 1_000);
        let refunded = sources(0, 0, 0, 800);
        assert_eq!(
            split_line(paid, refunded, line(300, false), Fen(0), false),
            Err(SplitError::MoreThanLeft {
                line: Fen(300),
                left: Fen(200)
            })
        );
        assert!(split_line(paid, refunded, line(100, false), Fen(0), true).is_err());
        assert_eq!(
            split_line(paid, refunded, line(200, false), Fen(0), true).unwrap(),
            sources(0, 0, 0, 200)
        );
    }

    #[test]
    fn negative_input_is_refused() {
        assert_eq!(
            split_line(
                sources(0, 0, 0, 10),
                Sources::default(),
                line(-1, false),
                Fen(0),
                false
            ),
            Err(SplitError::Negative)
        );
        assert_eq!(
            split_line(
                sources(0, 0, 0, 10),
                sources(0, 0, 0, 11),
                line(0, false),
                Fen(0),
                false
            ),
            Err(SplitError::Negative)
        );
    }

    #[test]
    fn a_free_order_refunds_nothing() {
        let split = split_line(
            Sources::default(),
            Sources::default(),
            line(0, false),
            Fen(0),
            false,
        )
        .unwrap();
        assert_eq!(split, Sources::default());
    }
}

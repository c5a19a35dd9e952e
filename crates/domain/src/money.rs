//! Money in the domain: `Decimal` yuan at the edges, integer fen ([`Fen`]) in storage.
//!
//! Rounding rule: amounts are rounded half-up (away from zero at .5) to whole fen exactly once,
//! when a computed `Decimal` becomes a [`Fen`] via [`Fen::round_from_yuan`].

use rc_types::Money;
use rust_decimal::{Decimal, RoundingStrategy};

/// Why an amount can't be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// More than two decimal places where an exact fen amount is required.
    #[error("amount {0} has more than two decimal places")]
    SubFen(Decimal),
    /// Outside what a BIGINT column of fen can hold.
    #[error("amount {0} is out of range")]
    OutOfRange(Decimal),
}

/// An amount in fen (分, 1/100 yuan): the storage representation (BIGINT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fen(pub i64);

impl Fen {
    /// Exact conversion: fails when the amount has sub-fen digits.
    pub fn from_yuan(yuan: Decimal) -> Result<Fen, MoneyError> {
        if yuan.normalize().scale() > 2 {
            return Err(MoneyError::SubFen(yuan));
        }
        Self::round_from_yuan(yuan)
    }

    /// Rounds a computed amount half-up to whole fen: the one documented rounding step.
    pub fn round_from_yuan(yuan: Decimal) -> Result<Fen, MoneyError> {
        let fen = yuan
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(MoneyError::OutOfRange(yuan))?
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        i64::try_from(fen)
            .map(Fen)
            .map_err(|_| MoneyError::OutOfRange(yuan))
    }

    /// A lower price bound in fen (rounded up, saturating), for filters.
    pub fn from_yuan_ceil(yuan: Decimal) -> i64 {
        Self::bound(yuan, RoundingStrategy::ToPositiveInfinity)
    }

    /// An upper price bound in fen (rounded down, saturating), for filters.
    pub fn from_yuan_floor(yuan: Decimal) -> i64 {
        Self::bound(yuan, RoundingStrategy::ToNegativeInfinity)
    }

    fn bound(yuan: Decimal, strategy: RoundingStrategy) -> i64 {
        yuan.checked_mul(Decimal::ONE_HUNDRED)
            .map(|fen| fen.round_dp_with_strategy(0, strategy))
            .and_then(|fen| i64::try_from(fen).ok())
            .unwrap_or(if yuan.is_sign_negative() {
                i64::MIN
            } else {
                i64::MAX
            })
    }

    /// The amount in yuan with two decimal places.
    pub fn to_yuan(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// The amount as CNY on the wire.
    pub fn to_money(self) -> Money {
        Money::cny(self.to_yuan())
    }
}

impl std::fmt::Display for Fen {
    /// As yuan with two decimals and the ¥ sign, e.g. `¥107.00`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "¥{}", self.to_yuan())
    }
}

/// A tax rate stored as basis points of a percent (6% = 600) and shown as a percent decimal.
pub fn tax_rate_percent(basis_points: i32) -> Decimal {
    Decimal::new(i64::from(basis_points), 2)
}

/// Converts a percent decimal (e.g. `6.00`) into basis points; at most two decimal places, 0–100 %.
pub fn tax_rate_basis_points(percent: Decimal) -> Option<i32> {
    if percent.is_sign_negative() || percent > Decimal::ONE_HUNDRED || percent.normalize().scale() > 2 {
        return None;
    }
    i32::try_from(percent * Decimal::ONE_HUNDRED).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn exact_conversion_round_trips() {
        assert_eq!(Fen::from_yuan(dec!(107)).unwrap(), Fen(10_700));
        assert_eq!(
            (
                Fen::from_yuan_ceil(dec!(0.001)),
                Fen::from_yuan_floor(dec!(0.019))
            ),
            (1, 1)
        );
        assert_eq!(Fen::from_yuan(dec!(64.2)).unwrap(), Fen(6_420));
        assert_eq!(Fen::from_yuan(dec!(0.01)).unwrap(), Fen(1));
        assert_eq!(Fen(6_420).to_yuan().to_string(), "64.20");
        assert_eq!(
            Fen::from_yuan(dec!(1.230)).unwrap(),
            Fen(123),
            "trailing zeros are exact"
        );
    }

    #[test]
    fn exact_conversion_rejects_sub_fen() {
        assert_eq!(Fen::from_yuan(dec!(0.001)), Err(MoneyError::SubFen(dec!(0.001))));
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(Fen::round_from_yuan(dec!(0.005)).unwrap(), Fen(1));
        assert_eq!(Fen::round_from_yuan(dec!(0.015)).unwrap(), Fen(2));
        assert_eq!(Fen::round_from_yuan(dec!(0.0049)).unwrap(), Fen(0));
        assert_eq!(Fen::round_from_yuan(dec!(-0.005)).unwrap(), Fen(-1));
    }

    #[test]
    fn out_of_range_is_an_error() {
        assert!(matches!(
            Fen::round_from_yuan(Decimal::MAX),
            Err(MoneyError::OutOfRange(_))
        ));
    }

    #[test]
    fn tax_rates() {
        assert_eq!(tax_rate_percent(600), dec!(6.00));
        assert_eq!(tax_rate_basis_points(dec!(13)), Some(1300));
        assert_eq!(tax_rate_basis_points(dec!(6.5)), Some(650));
        assert_eq!(tax_rate_basis_points(dec!(101)), None);
        assert_eq!(tax_rate_basis_points(dec!(-1)), None);
        assert_eq!(tax_rate_basis_points(dec!(6.125)), None);
    }
}

//! Coupon rules (优惠券, §10.2): which coupons apply to an order's lines and what they take off,
//! the template's cross-field rules and the coupon codes.

use chrono::NaiveDateTime;
use rc_types::assets::coupons::{CouponTemplateInput, Validity};

use crate::Fen;

/// Coupon codes use letters and digits that can't be mistaken for each other (no 0/O, 1/I/L).
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Length of a new coupon code.
pub const CODE_LENGTH: usize = 9;

/// A code from `CODE_LENGTH` random bytes (each picks a letter; the alphabet is short enough
/// that the bias of `byte % 31` does not matter for a code that is also checked for uniqueness).
pub fn code_from(random: [u8; CODE_LENGTH]) -> String {
    random
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect()
}

/// A template's rules in domain terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    /// Face value.
    pub face_value: Fen,
    /// 满 X 金额使用.
    pub min_amount: Fen,
    /// X 数量起用.
    pub min_quantity: u32,
    /// Applies to every solution.
    pub all_solutions: bool,
    /// Otherwise these solution ids.
    pub solutions: Vec<i64>,
    /// Window start (included), if any.
    pub valid_from: Option<NaiveDateTime>,
    /// Window end (excluded), if any.
    pub valid_to: Option<NaiveDateTime>,
    /// 使用区域: the plans' region it applies to (blank: any).
    pub region: String,
}

/// One priced order line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The plan's solution.
    pub solution_id: i64,
    /// The plan's region (区域).
    pub region: &'a str,
    /// Units.
    pub quantity: u32,
    /// The line's amount (unit price × quantity).
    pub amount: Fen,
}

impl Terms {
    /// Whether the coupon may be used at `now` (its window, if any, contains `now`).
    pub fn valid_at(&self, now: NaiveDateTime) -> bool {
        self.valid_from.is_none_or(|from| from <= now) && self.valid_to.is_none_or(|to| now < to)
    }

    /// The discount this coupon gives on `lines` at `now`: min(face value, the applicable lines'
    /// amount), or `None` when it does not apply (outside its window, no applicable line, below
    /// its minimum amount or quantity).
    pub fn discount(&self, lines: &[Line], now: NaiveDateTime) -> Option<Fen> {
        if !self.valid_at(now) {
            return None;
        }
        let applicable = lines
            .iter()
            .filter(|line| self.all_solutions || self.solutions.contains(&line.solution_id))
            .filter(|line| self.region.trim().is_empty() || line.region == self.region.trim());
        let (amount, quantity) = applicable.fold((0_i64, 0_u64), |(amount, quantity), line| {
            (
                amount.saturating_add(line.amount.0),
                quantity + u64::from(line.quantity),
            )
        });
        if quantity == 0
            || amount <= 0
            || amount < self.min_amount.0
            || quantity < u64::from(self.min_quantity)
        {
            return None;
        }
        Some(Fen(amount.min(self.face_value.0)))
    }
}

/// The template rules across fields: chosen solutions unless all, a window that ends after it
/// starts. `Err((field, message))` names the failing field.
pub fn check_template(input: &CouponTemplateInput) -> Result<(), (&'static str, &'static str)> {
    if !input.all_solutions && !(1..=100).contains(&input.solution_ids.len()) {
        return Err(("solution_ids", "choose 1 to 100 solutions, or all solutions"));
    }
    if let Validity::Window { from, to } = input.validity
        && from >= to
    {
        return Err(("validity", "the window must end after it starts"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, day)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    }

    fn terms() -> Terms {
        Terms {
            face_value: Fen(1000),
            min_amount: Fen(5000),
            min_quantity: 2,
            all_solutions: false,
            solutions: vec![7],
            valid_from: Some(at(1)),
            valid_to: Some(at(10)),
            region: "中国大陆".to_owned(),
        }
    }

    fn line(solution_id: i64, quantity: u32, amount: i64) -> Line<'static> {
        Line {
            solution_id,
            region: "中国大陆",
            quantity,
            amount: Fen(amount),
        }
    }

    #[test]
    fn applies_to_its_solutions_above_its_minimums() {
        let t = terms();
        assert_eq!(
            t.discount(&[line(7, 2, 6000), line(8, 5, 90_000)], at(2)),
            Some(Fen(1000))
        );
        assert_eq!(t.discount(&[line(7, 1, 6000)], at(2)), None, "below min quantity");
        assert_eq!(t.discount(&[line(7, 2, 4999)], at(2)), None, "below min amount");
        assert_eq!(
            t.discount(&[line(8, 9, 90_000)], at(2)),
            None,
            "no applicable line"
        );
    }

    #[test]
    fn only_lines_of_its_region_count() {
        let t = terms();
        let abroad = Line {
            region: "海外",
            ..line(7, 2, 6000)
        };
        assert_eq!(
            t.discount(&[abroad], at(2)),
            None,
            "a plan sold in another region"
        );
        let anywhere = Terms {
            region: String::new(),
            ..terms()
        };
        assert_eq!(anywhere.discount(&[abroad], at(2)), Some(Fen(1000)));
    }

    #[test]
    fn never_more_than_the_applicable_amount() {
        let t = Terms {
            min_amount: Fen(0),
            min_quantity: 0,
            all_solutions: true,
            ..terms()
        };
        assert_eq!(
            t.discount(&[line(3, 1, 100)], at(2)),
            Some(Fen(100)),
            "¥1 order, ¥10 coupon: payable 0"
        );
        assert_eq!(
            t.discount(&[line(3, 1, 0)], at(2)),
            None,
            "a free line gives nothing to discount"
        );
    }

    #[test]
    fn windows() {
        let t = terms();
        let lines = [line(7, 2, 6000)];
        assert_eq!(t.discount(&lines, at(1)), Some(Fen(1000)), "start included");
        assert_eq!(t.discount(&lines, at(10)), None, "end excluded");
        let permanent = Terms {
            valid_from: None,
            valid_to: None,
            ..terms()
        };
        assert!(permanent.valid_at(at(31)));
    }

    #[test]
    fn codes_avoid_look_alikes() {
        let code = code_from([0, 1, 2, 30, 31, 255, 100, 7, 8]);
        assert_eq!(code.len(), CODE_LENGTH);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert!(!CODE_ALPHABET.iter().any(|b| b"01ILO".contains(b)));
    }
}

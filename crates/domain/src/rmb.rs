//! 人民币大写: the Chinese uppercase form of an amount, as printed on contracts (PBoC rules).

use rust_decimal::{Decimal, RoundingStrategy};

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/// Units inside a group of four digits, from the lowest position.
const SMALL_UNITS: [&str; 4] = ["", "拾", "佰", "仟"];
/// Units of each group of four digits, from the lowest group.
const GROUP_UNITS: [&str; 4] = ["", "万", "亿", "万亿"];

/// Writes `amount` (yuan; rounded half-up to fen) in Chinese uppercase, e.g. 107 → 壹佰零柒元整.
///
/// Rules: a run of zeros inside the integer part is one 零; 壹拾 keeps its 壹; an amount ending at
/// 元 or 角 gets 整; a zero 角 before a non-zero 分 is written 零; negatives are prefixed 负.
/// Amounts of 10^16 yuan or more are outside the table and return `None`.
pub fn rmb_uppercase(amount: Decimal) -> Option<String> {
    let fen_total = amount
        .abs()
        .checked_mul(Decimal::ONE_HUNDRED)?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let fen_total = u64::try_from(fen_total).ok()?;
    let yuan = fen_total / 100;
    if yuan >= 10_u64.pow(16) {
        return None;
    }
    let jiao = usize::try_from((fen_total / 10) % 10).ok()?;
    let fen = usize::try_from(fen_total % 10).ok()?;

    let mut out = String::new();
    if amount.is_sign_negative() && fen_total > 0 {
        out.push('负');
    }
    out.push_str(&integer_part(yuan));
    out.push('元');
    match (jiao, fen) {
        (0, 0) => out.push('整'),
        (j, 0) => {
            out.push(DIGITS[j]);
            out.push_str("角整");
        }
        (0, f) => {
            if yuan > 0 {
                out.push('零');
            }
            out.push(DIGITS[f]);
            out.push('分');
        }
        (j, f) => {
            out.push(DIGITS[j]);
            out.push('角');
            out.push(DIGITS[f]);
            out.push('分');
        }
    }
    Some(out)
}

/// The integer yuan part without the 元 suffix; zero is 零.
fn integer_part(yuan: u64) -> String {
    if yuan == 0 {
        return DIGITS[0].to_string();
    }
    let digits: Vec<usize> = yuan.to_string().bytes().map(|b| usize::from(b - b'0')).collect();
    let len = digits.len();
    let mut out = String::new();
    let mut pending_zero = false;
    let mut group_has_digit = false;
    for (i, &digit) in digits.iter().enumerate() {
        let position = len - 1 - i;
        let (group, small) = (position / 4, position % 4);
        if digit == 0 {
            pending_zero = !out.is_empty();
        } else {
            if pending_zero {
                out.push(DIGITS[0]);
                pending_zero = false;
            }
            out.push(DIGITS[digit]);
            out.push_str(SMALL_UNITS[small]);
            group_has_digit = true;
        }
        if small == 0 {
            if group_has_digit {
                out.push_str(GROUP_UNITS[group]);
            }
            group_has_digit = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn pboc_vectors() {
        let cases = [
            (dec!(107), "壹佰零柒元整"),
            (dec!(0), "零元整"),
            (dec!(1024), "壹仟零贰拾肆元整"),
            (dec!(2421.02), "贰仟肆佰贰拾壹元零贰分"),
            (dec!(1409.50), "壹仟肆佰零玖元伍角整"),
            (dec!(6007.14), "陆仟零柒元壹角肆分"),
            (dec!(325.04), "叁佰贰拾伍元零肆分"),
            (dec!(10), "壹拾元整"),
            (dec!(100_350_089), "壹亿零叁拾伍万零捌拾玖元整"),
            (dec!(50142), "伍万零壹佰肆拾贰元整"),
        ];
        for (amount, expected) in cases {
            assert_eq!(rmb_uppercase(amount).as_deref(), Some(expected), "{amount}");
        }
    }

    #[test]
    fn small_and_edge_amounts() {
        assert_eq!(rmb_uppercase(dec!(0.01)).as_deref(), Some("零元壹分"));
        assert_eq!(rmb_uppercase(dec!(0.5)).as_deref(), Some("零元伍角整"));
        assert_eq!(rmb_uppercase(dec!(64.2)).as_deref(), Some("陆拾肆元贰角整"));
        assert_eq!(rmb_uppercase(dec!(240000)).as_deref(), Some("贰拾肆万元整"));
        assert_eq!(rmb_uppercase(dec!(100000000)).as_deref(), Some("壹亿元整"));
        assert_eq!(rmb_uppercase(dec!(10000.5)).as_deref(), Some("壹万元伍角整"));
        assert_eq!(rmb_uppercase(dec!(-107)).as_deref(), Some("负壹佰零柒元整"));
        assert_eq!(
            rmb_uppercase(dec!(0.005)).as_deref(),
            Some("零元壹分"),
            "rounds half-up"
        );
        assert_eq!(rmb_uppercase(dec!(1_0000_0000_0000_0000)), None);
        assert_eq!(rmb_uppercase(Decimal::MAX), None);
    }
}

//! Credit line rules (账期, §10.3): monthly billing cycles, due dates, bill status and how far a
//! line may be lowered.

use chrono::{Datelike, Days, NaiveDate};
use rc_types::assets::credit::BillStatus;

use crate::Fen;

/// The text the credit page shows under the figures (the manual's).
pub const NOTICE: &str = "根据您的银行授信额度,享有1:1的账期额度,以及15~30天不等的还款账期。";

/// The monthly cycle containing `day`: its first and last day.
pub fn cycle_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = day.with_day(1).unwrap_or(day);
    let next = start.checked_add_months(chrono::Months::new(1)).unwrap_or(start);
    (start, next.pred_opt().unwrap_or(start))
}

/// A bill's due date: its cycle's last day plus the line's term.
pub fn due_date(cycle_end: NaiveDate, term_days: u32) -> NaiveDate {
    cycle_end
        .checked_add_days(Days::new(u64::from(term_days)))
        .unwrap_or(cycle_end)
}

/// A bill's status on `today`: repaid in full, overdue (past due and not repaid), partly repaid
/// or unpaid.
pub fn bill_status(amount: Fen, repaid: Fen, due: NaiveDate, today: NaiveDate) -> BillStatus {
    if repaid >= amount {
        BillStatus::Repaid
    } else if today > due {
        BillStatus::Overdue
    } else if repaid.0 > 0 {
        BillStatus::PartlyRepaid
    } else {
        BillStatus::Unpaid
    }
}

/// What a line must keep: a new total may not fall below what is owed plus what unpaid orders
/// hold. `Err` carries that floor.
pub fn check_limit(new_limit: Fen, outstanding: Fen, held: Fen) -> Result<(), Fen> {
    let floor = Fen(outstanding.0 + held.0);
    if new_limit < floor { Err(floor) } else { Ok(()) }
}

/// 账单编号: `ZD` + the cycle's year and month + the bill id, e.g. `ZD202611-0042`.
pub fn bill_number(cycle_start: NaiveDate, bill_id: i64) -> String {
    format!("ZD{}-{bill_id:04}", cycle_start.format("%Y%m"))
}

/// A bank account as shown to members (who see the company's assets but don't handle its
/// money): its last four characters only.
pub fn masked_account(account: &str) -> String {
    let chars: Vec<char> = account.chars().filter(|c| !c.is_whitespace()).collect();
    let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("**** {tail}")
}

/// An email address as a page may show it to its own user: the first letter of the local part,
/// then `***`, then the domain (`a***@bluecloud.example`).
pub fn masked_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_masked_to_their_first_letter_and_domain() {
        assert_eq!(masked_email("an@bluecloud-d.example"), "a***@bluecloud-d.example");
        assert_eq!(masked_email("not-an-address"), "***");
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn monthly_cycles() {
        assert_eq!(cycle_of(day(2026, 2, 14)), (day(2026, 2, 1), day(2026, 2, 28)));
        assert_eq!(cycle_of(day(2024, 2, 29)), (day(2024, 2, 1), day(2024, 2, 29)));
        assert_eq!(cycle_of(day(2026, 12, 31)), (day(2026, 12, 1), day(2026, 12, 31)));
        assert_eq!(due_date(day(2026, 11, 30), 30), day(2026, 12, 30));
    }

    #[test]
    fn statuses() {
        let due = day(2026, 12, 30);
        assert_eq!(
            bill_status(Fen(100), Fen(0), due, day(2026, 12, 30)),
            BillStatus::Unpaid
        );
        assert_eq!(
            bill_status(Fen(100), Fen(40), due, day(2026, 12, 1)),
            BillStatus::PartlyRepaid
        );
        assert_eq!(
            bill_status(Fen(100), Fen(40), due, day(2026, 12, 31)),
            BillStatus::Overdue
        );
        assert_eq!(
            bill_status(Fen(100), Fen(100), due, day(2027, 1, 31)),
            BillStatus::Repaid
        );
    }

    #[test]
    fn a_line_never_drops_below_what_is_owed() {
        assert_eq!(check_limit(Fen(74_550), Fen(74_550), Fen(0)), Ok(()));
        assert_eq!(check_limit(Fen(74_549), Fen(74_550), Fen(0)), Err(Fen(74_550)));
        assert_eq!(
            check_limit(Fen(80_000), Fen(74_550), Fen(10_000)),
            Err(Fen(84_550))
        );
        assert_eq!(bill_number(day(2026, 11, 1), 42), "ZD202611-0042");
        assert_eq!(masked_account("6222 0000 1111 2222"), "**** 2222");
        assert_eq!(masked_account("123"), "**** 123");
    }
}

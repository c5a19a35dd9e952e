//! The ledger's rules, shared by every asset (rebate, credit line, coupon): an account has a
//! posted balance and an amount on hold; what may be spent is the difference. A hold (reserve for
//! an unpaid order) resolves at most once: captured (spent) or released (given back). The store
//! applies these rules in one conditional statement per change (`rc_store::ledger`).

use rc_types::assets::EntryKind;

use crate::Fen;

/// An account's two totals, in fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Balance {
    /// The sum of every entry's amount.
    pub posted: i64,
    /// The sum of every entry's hold change: reserved by unpaid orders.
    pub held: i64,
}

impl Balance {
    /// What may be held or spent now.
    pub fn available(self) -> Fen {
        Fen(self.posted - self.held)
    }

    /// The totals after `change`, or the refusal: nothing may leave the available amount below 0
    /// or the amount on hold below 0.
    pub fn apply(self, change: Change) -> Result<Balance, Short> {
        let posted = self.posted.checked_add(change.amount).ok_or(Short {
            available: self.available(),
        })?;
        let held = self.held.checked_add(change.held).ok_or(Short {
            available: self.available(),
        })?;
        if held < 0 || posted - held < 0 {
            return Err(Short {
                available: self.available(),
            });
        }
        Ok(Balance { posted, held })
    }
}

/// The effect of one entry on its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Signed change of the posted balance.
    pub amount: i64,
    /// Signed change of the amount on hold.
    pub held: i64,
}

impl Change {
    /// The change an entry of `kind` for `amount` fen (> 0) makes.
    pub fn of(kind: EntryKind, amount: Fen) -> Change {
        let x = amount.0;
        match kind {
            // A change of a credit line's total carries its signed delta.
            EntryKind::Grant | EntryKind::Repayment | EntryKind::LimitChange | EntryKind::Refund => {
                Change { amount: x, held: 0 }
            }
            EntryKind::ClawBack | EntryKind::OfflineSpend => Change { amount: -x, held: 0 },
            EntryKind::Hold => Change { amount: 0, held: x },
            EntryKind::Capture => Change { amount: -x, held: -x },
            EntryKind::Release => Change { amount: 0, held: -x },
        }
    }
}

/// Refused: the account has only `available`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("only {} available", available.to_yuan())]
pub struct Short {
    /// What the account could give.
    pub available: Fen,
}

/// Where a hold stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HoldState {
    /// Reserved, unresolved.
    Pending,
    /// Spent.
    Captured,
    /// Given back.
    Released,
}

/// What resolving a hold does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Apply the resolution.
    Apply,
    /// Already resolved this way: a retry, answered with the earlier result.
    AlreadyDone,
    /// Resolved the other way: refuse.
    Conflict(HoldState),
}

impl HoldState {
    /// Whether a hold in this state may now become `target` (captured or released).
    pub fn resolve(self, target: HoldState) -> Resolution {
        match (self, target) {
            (HoldState::Pending, HoldState::Captured | HoldState::Released) => Resolution::Apply,
            (current, target) if current == target => Resolution::AlreadyDone,
            (current, _) => Resolution::Conflict(current),
        }
    }
}

/// 交易编号: the entry's China-time date and its number, e.g. `2026120200000042`.
pub fn transaction_number(created_at: chrono::NaiveDateTime, entry_id: i64) -> String {
    format!(
        "{}{entry_id:08}",
        crate::period::china_date(created_at).format("%Y%m%d")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_reserve_and_resolve_once() {
        let start = Balance {
            posted: 4125,
            held: 0,
        };
        let held = start.apply(Change::of(EntryKind::Hold, Fen(1000))).unwrap();
        assert_eq!(held.available(), Fen(3125));
        assert_eq!(held.posted, 4125);
        let spent = held.apply(Change::of(EntryKind::Capture, Fen(1000))).unwrap();
        assert_eq!(
            spent,
            Balance {
                posted: 3125,
                held: 0
            }
        );
        let released = held.apply(Change::of(EntryKind::Release, Fen(1000))).unwrap();
        assert_eq!(released, start);
    }

    #[test]
    fn nothing_goes_below_zero() {
        let balance = Balance {
            posted: 500,
            held: 200,
        };
        assert_eq!(
            balance.apply(Change::of(EntryKind::Hold, Fen(301))),
            Err(Short { available: Fen(300) })
        );
        assert!(balance.apply(Change::of(EntryKind::Hold, Fen(300))).is_ok());
        assert!(balance.apply(Change::of(EntryKind::ClawBack, Fen(301))).is_err());
        assert!(
            balance.apply(Change::of(EntryKind::Release, Fen(201))).is_err(),
            "release more than held"
        );
        assert!(
            balance
                .apply(Change {
                    amount: i64::MAX,
                    held: 0
                })
                .is_err(),
            "overflow"
        );
    }

    #[test]
    fn a_hold_resolves_at_most_once() {
        use HoldState::{Captured, Pending, Released};
        assert_eq!(Pending.resolve(Captured), Resolution::Apply);
        assert_eq!(Pending.resolve(Released), Resolution::Apply);
        assert_eq!(Captured.resolve(Captured), Resolution::AlreadyDone);
        assert_eq!(Released.resolve(Released), Resolution::AlreadyDone);
        assert_eq!(Captured.resolve(Released), Resolution::Conflict(Captured));
        assert_eq!(Released.resolve(Captured), Resolution::Conflict(Released));
    }

    #[test]
    fn transaction_numbers_use_china_dates() {
        let utc = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(17, 0, 0)
            .unwrap();
        assert_eq!(transaction_number(utc, 42), "2026120200000042");
    }
}

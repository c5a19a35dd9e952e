//! Texts of the asset wire enums (entry kinds, bill and repayment statuses, coupon states), by
//! language so views can re-read them when the language changes.

use rc_types::assets::EntryKind;
use rc_types::assets::coupons::CouponState;
use rc_types::assets::credit::{BillStatus, RepaymentMethod, RepaymentStatus};

use crate::i18n::{Locale, td_string};

/// 类型 of a ledger entry (发放奖励, 扣回, 购买商品, …).
pub fn entry_kind(locale: Locale, kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Grant => td_string!(locale, assets.kind_grant),
        EntryKind::ClawBack => td_string!(locale, assets.kind_claw_back),
        EntryKind::Hold => td_string!(locale, assets.kind_hold),
        EntryKind::Capture => td_string!(locale, assets.kind_capture),
        EntryKind::Release => td_string!(locale, assets.kind_release),
        EntryKind::LimitChange => td_string!(locale, assets.kind_limit_change),
        EntryKind::OfflineSpend => td_string!(locale, assets.kind_offline_spend),
        EntryKind::Repayment => td_string!(locale, assets.kind_repayment),
        EntryKind::Refund => td_string!(locale, assets.kind_refund),
    }
}

/// 状态 of a bill (未还, 部分还款, 已还清, 逾期).
pub fn bill_status(locale: Locale, status: BillStatus) -> &'static str {
    match status {
        BillStatus::Unpaid => td_string!(locale, assets.bill_unpaid),
        BillStatus::PartlyRepaid => td_string!(locale, assets.bill_partly_repaid),
        BillStatus::Repaid => td_string!(locale, assets.bill_repaid),
        BillStatus::Overdue => td_string!(locale, assets.bill_overdue),
    }
}

/// Bulma tag class of a bill status.
pub fn bill_status_class(status: BillStatus) -> &'static str {
    match status {
        BillStatus::Unpaid => "tag is-warning is-light",
        BillStatus::PartlyRepaid => "tag is-info is-light",
        BillStatus::Repaid => "tag is-success is-light",
        BillStatus::Overdue => "tag is-danger is-light",
    }
}

/// 还款方式 of a repayment (线下还款, 线上还款).
pub fn repayment_method(locale: Locale, method: RepaymentMethod) -> &'static str {
    match method {
        RepaymentMethod::Offline => td_string!(locale, assets.repay_offline),
        RepaymentMethod::Online => td_string!(locale, assets.repay_online),
    }
}

/// 状态 of a repayment (待确认, 已确认, 已驳回).
pub fn repayment_status(locale: Locale, status: RepaymentStatus) -> &'static str {
    match status {
        RepaymentStatus::Pending => td_string!(locale, assets.repayment_pending),
        RepaymentStatus::Confirmed => td_string!(locale, assets.repayment_confirmed),
        RepaymentStatus::Rejected => td_string!(locale, assets.repayment_rejected),
    }
}

/// Bulma tag class of a repayment status.
pub fn repayment_status_class(status: RepaymentStatus) -> &'static str {
    match status {
        RepaymentStatus::Pending => "tag is-warning is-light",
        RepaymentStatus::Confirmed => "tag is-success is-light",
        RepaymentStatus::Rejected => "tag is-danger is-light",
    }
}

/// A wallet tab (未使用, 已使用, 已过期); held coupons are listed under 未使用.
pub fn coupon_state(locale: Locale, state: CouponState) -> &'static str {
    match state {
        CouponState::Unused | CouponState::Held => td_string!(locale, assets.coupons_unused),
        CouponState::Used => td_string!(locale, assets.coupons_used),
        CouponState::Expired => td_string!(locale, assets.coupons_expired),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_manual() {
        assert_eq!(entry_kind(Locale::zh, EntryKind::Grant), "发放奖励");
        assert_eq!(entry_kind(Locale::zh, EntryKind::Capture), "购买商品");
        assert_eq!(bill_status(Locale::zh, BillStatus::PartlyRepaid), "部分还款");
        assert_eq!(repayment_status(Locale::zh, RepaymentStatus::Rejected), "已驳回");
        assert_eq!(coupon_state(Locale::zh, CouponState::Held), "未使用");
        assert_eq!(entry_kind(Locale::en, EntryKind::ClawBack), "Claw-back");
    }
}

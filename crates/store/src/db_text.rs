//! Enums stored in text columns: one mapping per enum between its variants and the stored
//! strings, used by every query that filters or writes the column and every row conversion
//! that reads it, so no query spells a status as a string literal.
//!
//! A plain trait rather than diesel `AsExpression`/`FromSql` impls: the enums are `rc_types`'
//! wire types (foreign to this crate, so they can't take diesel's `AsExpression<Text>`), and a
//! `&'static str` binds the same on both backends of the `MultiConnection`. The strings are the
//! ones the migrations and existing rows use (the wire's snake_case names).

use rc_types::accounts::{CompanyKind, CompanyStatus, Role, Tier, UserStatus};
use rc_types::auth::TokenPurpose;
use rc_types::mail::MailStatus;
use rc_types::tickets::{ServiceType, SupportCategory, TicketEventKind, TicketKind, TicketStatus};

use rc_domain::ledger::HoldState;
use rc_types::assets::credit::{RepaymentMethod, RepaymentStatus};
use rc_types::assets::{Asset, EntryKind};
use rc_types::checkout::PaymentMethod;
use rc_types::orders::{OrderStatus, PaymentStatus};
use rc_types::payments::{AttemptOutcome, AttemptStatus, Gateway, GatewayRefundStatus, PaymentEventKind};

use crate::error::StoreError;

/// An enum kept in a text column.
pub trait DbText: Sized + Copy {
    /// The stored string.
    fn as_db(self) -> &'static str;

    /// The variant of a stored string; anything else is a corrupt row.
    fn from_db(text: &str) -> Result<Self, StoreError>;
}

/// Implements [`DbText`] for `$ty` from one list of `variant => "stored string"`; `$what` names
/// the column in a corrupt-row error.
macro_rules! db_text {
    ($ty:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl DbText for $ty {
            fn as_db(self) -> &'static str {
                match self {
                    $($ty::$variant => $text,)+
                }
            }

            fn from_db(text: &str) -> Result<Self, StoreError> {
                match text {
                    $($text => Ok($ty::$variant),)+
                    other => Err(StoreError::Corrupt(format!("{} {other}", $what))),
                }
            }
        }
    };
}

db_text!(CompanyStatus, "company status" {
    Pending => "pending",
    Active => "active",
    Rejected => "rejected",
    Disabled => "disabled",
});

db_text!(CompanyKind, "company kind" {
    Distributor => "distributor",
    Reseller => "reseller",
});

db_text!(Tier, "company tier" {
    Registered => "registered",
    Silver => "silver",
    Gold => "gold",
});

db_text!(UserStatus, "user status" {
    Pending => "pending",
    Invited => "invited",
    Active => "active",
    Disabled => "disabled",
});

db_text!(TokenPurpose, "token purpose" {
    Activation => "activation",
    Invitation => "invitation",
    PasswordReset => "password_reset",
});

db_text!(MailStatus, "mail status" {
    Pending => "pending",
    Sent => "sent",
    Failed => "failed",
});

db_text!(OrderStatus, "order status" {
    PendingPayment => "pending_payment",
    Processing => "processing",
    Delivered => "delivered",
    Completed => "completed",
    Cancelled => "cancelled",
});

db_text!(PaymentStatus, "payment status" {
    Unpaid => "unpaid",
    AwaitingConfirmation => "awaiting_confirmation",
    Paid => "paid",
    Refunded => "refunded",
});

db_text!(PaymentMethod, "payment method" {
    Online => "online",
    Offline => "offline",
});

db_text!(TicketKind, "ticket kind" {
    Consult => "consult",
    Trial => "trial",
});

db_text!(TicketStatus, "ticket status" {
    New => "new",
    InProgress => "in_progress",
    Closed => "closed",
});

db_text!(TicketEventKind, "ticket event kind" {
    Reply => "reply",
    Note => "note",
    Change => "change",
});

db_text!(ServiceType, "ticket service type" {
    PreSales => "pre_sales",
    AfterSales => "after_sales",
    Partnership => "partnership",
});

db_text!(SupportCategory, "ticket support category" {
    Product => "product",
    Pricing => "pricing",
    Technical => "technical",
    Billing => "billing",
    Other => "other",
});

/// Roles keep the one name list of `rc_types` (`Role::as_str`), shared with the wire.
impl DbText for Role {
    fn as_db(self) -> &'static str {
        self.as_str()
    }

    fn from_db(text: &str) -> Result<Self, StoreError> {
        Role::parse(text).ok_or_else(|| StoreError::Corrupt(format!("user role {text}")))
    }
}

db_text!(Asset, "ledger asset" {
    Rebate => "rebate",
    Credit => "credit",
    Coupon => "coupon",
});

db_text!(EntryKind, "ledger entry kind" {
    Grant => "grant",
    ClawBack => "claw_back",
    Hold => "hold",
    Capture => "capture",
    Release => "release",
    LimitChange => "limit_change",
    OfflineSpend => "offline_spend",
    Repayment => "repayment",
    Refund => "refund",
});

db_text!(HoldState, "hold state" {
    Pending => "pending",
    Captured => "captured",
    Released => "released",
});

db_text!(RepaymentMethod, "repayment method" {
    Offline => "offline",
    Online => "online",
});

db_text!(RepaymentStatus, "repayment status" {
    Pending => "pending",
    Confirmed => "confirmed",
    Rejected => "rejected",
});

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    /// The stored strings are the wire names (what the rows written before this mapping hold).
    fn same_as_wire<T: DbText + Serialize + PartialEq + std::fmt::Debug>(all: &[T]) {
        for &value in all {
            assert_eq!(serde_json::to_value(value).unwrap(), value.as_db());
            assert_eq!(T::from_db(value.as_db()).unwrap(), value);
        }
        assert!(matches!(T::from_db("lost"), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn stored_strings_are_the_wire_names() {
        use CompanyStatus as C;
        use UserStatus as U;
        same_as_wire(&[C::Pending, C::Active, C::Rejected, C::Disabled]);
        same_as_wire(&[CompanyKind::Distributor, CompanyKind::Reseller]);
        same_as_wire(&[Tier::Registered, Tier::Silver, Tier::Gold]);
        same_as_wire(&[U::Pending, U::Invited, U::Active, U::Disabled]);
        same_as_wire(&[
            TokenPurpose::Activation,
            TokenPurpose::Invitation,
            TokenPurpose::PasswordReset,
        ]);
        same_as_wire(&[MailStatus::Pending, MailStatus::Sent, MailStatus::Failed]);
        same_as_wire(&[TicketKind::Consult, TicketKind::Trial]);
        same_as_wire(&[TicketStatus::New, TicketStatus::InProgress, TicketStatus::Closed]);
        same_as_wire(&[
            TicketEventKind::Reply,
            TicketEventKind::Note,
            TicketEventKind::Change,
        ]);
        same_as_wire(&[
            ServiceType::PreSales,
            ServiceType::AfterSales,
            ServiceType::Partnership,
        ]);
        same_as_wire(&[
            SupportCategory::Product,
            SupportCategory::Pricing,
            SupportCategory::Technical,
            SupportCategory::Billing,
            SupportCategory::Other,
        ]);
        same_as_wire(&Role::ALL);
    }

    #[test]
    fn asset_strings_are_the_wire_names() {
        same_as_wire(&[Asset::Rebate, Asset::Credit, Asset::Coupon]);
        same_as_wire(&[
            EntryKind::Grant,
            EntryKind::ClawBack,
            EntryKind::Hold,
            EntryKind::Capture,
            EntryKind::Release,
            EntryKind::LimitChange,
            EntryKind::OfflineSpend,
            EntryKind::Repayment,
            EntryKind::Refund,
        ]);
        same_as_wire(&[RepaymentMethod::Offline, RepaymentMethod::Online]);
        same_as_wire(&[
            RepaymentStatus::Pending,
            RepaymentStatus::Confirmed,
            RepaymentStatus::Rejected,
        ]);
        for state in [HoldState::Pending, HoldState::Captured, HoldState::Released] {
            assert_eq!(HoldState::from_db(state.as_db()).unwrap(), state);
        }
    }
}

db_text!(Gateway, "payment gateway" {
    Alipay => "alipay",
    Unionpay => "unionpay",
});

db_text!(AttemptStatus, "payment attempt status" {
    Pending => "pending",
    Paid => "paid",
    Closed => "closed",
});

db_text!(AttemptOutcome, "payment attempt outcome" {
    Applied => "applied",
    Refunded => "refunded",
});

db_text!(PaymentEventKind, "payment event kind" {
    Attempt => "attempt",
    Notification => "notification",
    Return => "return",
    Query => "query",
    Refund => "refund",
});

db_text!(GatewayRefundStatus, "gateway refund status" {
    Pending => "pending",
    Succeeded => "succeeded",
    Refused => "refused",
});

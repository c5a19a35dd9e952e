//! The order's rules (manual §5.1.6, §6.4): its number, its payment deadline and which change each
//! status allows.

use chrono::{DateTime, TimeDelta, Utc};
use rc_types::checkout::PaymentMethod;
use rc_types::orders::{OrderStatus, PaymentStatus};

/// How long an order placed for online payment waits to be paid (15 minutes, §5).
pub const ONLINE_PAYMENT_WINDOW: TimeDelta = TimeDelta::minutes(15);

/// After a rejected transfer the buyer has at least this long to report a new one.
pub const RESUBMIT_GRACE: TimeDelta = TimeDelta::hours(1);

/// The order or contract number in the manual's style: the UTC time to the millisecond,
/// `yyyyMMddHHmmssSSS` (20190624090204300), `bump` milliseconds later when that one is taken.
pub fn document_number(at: DateTime<Utc>, bump: u32) -> String {
    (at + TimeDelta::milliseconds(i64::from(bump)))
        .format("%Y%m%d%H%M%S%3f")
        .to_string()
}

/// When an unpaid order is cancelled by itself: 15 minutes for online payment, the operator's
/// `offline_hours` for a bank transfer.
pub fn pay_deadline(placed: DateTime<Utc>, method: PaymentMethod, offline_hours: u32) -> DateTime<Utc> {
    match method {
        PaymentMethod::Online => placed + ONLINE_PAYMENT_WINDOW,
        PaymentMethod::Offline => placed + TimeDelta::hours(i64::from(offline_hours)),
    }
}

/// The deadline after a rejected transfer: unchanged, but never less than [`RESUBMIT_GRACE`] away.
pub fn deadline_after_rejection(deadline: DateTime<Utc>, rejected: DateTime<Utc>) -> DateTime<Utc> {
    deadline.max(rejected + RESUBMIT_GRACE)
}

/// Whether the buyer may cancel: only an unpaid order with no transfer waiting for review.
pub fn buyer_may_cancel(status: OrderStatus, payment: PaymentStatus) -> bool {
    status == OrderStatus::PendingPayment && payment == PaymentStatus::Unpaid
}

/// Whether the payment deadline cancels the order at `now`: unpaid, past the deadline, and no
/// transfer waiting for the finance staff.
pub fn times_out(
    status: OrderStatus,
    payment: PaymentStatus,
    deadline: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    buyer_may_cancel(status, payment) && deadline.is_some_and(|d| d <= now)
}

/// Whether the operator may deliver lines: the order is paid and being processed.
pub fn may_deliver(status: OrderStatus) -> bool {
    status == OrderStatus::Processing
}

/// Whether the operator may complete it: every line delivered.
pub fn may_complete(status: OrderStatus) -> bool {
    status == OrderStatus::Delivered
}

/// Whether the operator may cancel it: anything not yet completed or cancelled (a paid order is
/// refunded to its sources).
pub fn operator_may_cancel(status: OrderStatus) -> bool {
    matches!(
        status,
        OrderStatus::PendingPayment | OrderStatus::Processing | OrderStatus::Delivered
    )
}

/// Whether an invoice may be requested: paid and not cancelled.
pub fn may_request_invoice(status: OrderStatus, payment: PaymentStatus) -> bool {
    payment == PaymentStatus::Paid && status != OrderStatus::Cancelled
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn numbers_follow_the_manual() {
        let at = Utc.with_ymd_and_hms(2019, 6, 24, 9, 2, 4).unwrap() + TimeDelta::milliseconds(300);
        assert_eq!(document_number(at, 0), "20190624090204300");
        assert_eq!(document_number(at, 1), "20190624090204301");
        assert_eq!(document_number(at, 700), "20190624090205000");
    }

    #[test]
    fn deadlines() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        assert_eq!(
            pay_deadline(at, PaymentMethod::Online, 72),
            at + TimeDelta::minutes(15)
        );
        assert_eq!(
            pay_deadline(at, PaymentMethod::Offline, 72),
            at + TimeDelta::hours(72)
        );
        let late = at + TimeDelta::minutes(30);
        assert_eq!(
            deadline_after_rejection(at + TimeDelta::minutes(15), late),
            late + RESUBMIT_GRACE
        );
        assert_eq!(
            deadline_after_rejection(at + TimeDelta::hours(72), late),
            at + TimeDelta::hours(72)
        );
    }

    #[test]
    fn the_status_flow() {
        use OrderStatus::{Cancelled, Completed, Delivered, PendingPayment, Processing};
        use PaymentStatus::{AwaitingConfirmation, Paid, Unpaid};
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        assert!(buyer_may_cancel(PendingPayment, Unpaid));
        assert!(!buyer_may_cancel(PendingPayment, AwaitingConfirmation));
        assert!(!buyer_may_cancel(Processing, Paid));
        assert!(times_out(PendingPayment, Unpaid, Some(at), at));
        assert!(!times_out(
            PendingPayment,
            Unpaid,
            Some(at + TimeDelta::seconds(1)),
            at
        ));
        assert!(!times_out(PendingPayment, AwaitingConfirmation, Some(at), at));
        assert!(!times_out(Cancelled, Unpaid, Some(at), at));
        assert!(may_deliver(Processing) && !may_deliver(PendingPayment) && !may_deliver(Delivered));
        assert!(may_complete(Delivered) && !may_complete(Processing));
        assert!(
            operator_may_cancel(Processing)
                && !operator_may_cancel(Completed)
                && !operator_may_cancel(Cancelled)
        );
        assert!(may_request_invoice(Completed, Paid) && !may_request_invoice(PendingPayment, Unpaid));
    }
}

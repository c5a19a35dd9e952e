//! Texts and tag classes of the order wire enums and timeline events, by language.

use rc_types::checkout::PaymentMethod;
use rc_types::orders::{DeliveryStatus, OrderStatus, PaymentStatus};

use crate::i18n::{Locale, td_string};

/// 订单状态.
pub fn status(locale: Locale, status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingPayment => td_string!(locale, orders.st_pending_payment),
        OrderStatus::Processing => td_string!(locale, orders.st_processing),
        OrderStatus::Delivered => td_string!(locale, orders.st_delivered),
        OrderStatus::Completed => td_string!(locale, orders.st_completed),
        OrderStatus::Cancelled => td_string!(locale, orders.st_cancelled),
    }
}

/// The `?status=` value of a status.
pub fn status_param(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingPayment => "pending_payment",
        OrderStatus::Processing => "processing",
        OrderStatus::Delivered => "delivered",
        OrderStatus::Completed => "completed",
        OrderStatus::Cancelled => "cancelled",
    }
}

/// Bulma tag class of a status.
pub fn status_class(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingPayment => "tag is-warning is-light",
        OrderStatus::Processing => "tag is-info is-light",
        OrderStatus::Delivered => "tag is-link is-light",
        OrderStatus::Completed => "tag is-success is-light",
        OrderStatus::Cancelled => "tag is-light",
    }
}

/// 付款状态.
pub fn payment(locale: Locale, status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Unpaid => td_string!(locale, orders.pay_unpaid),
        PaymentStatus::AwaitingConfirmation => td_string!(locale, orders.pay_awaiting_confirmation),
        PaymentStatus::Paid => td_string!(locale, orders.pay_paid),
        PaymentStatus::Refunded => td_string!(locale, orders.pay_refunded),
    }
}

/// 发货状态.
pub fn delivery(locale: Locale, status: DeliveryStatus) -> &'static str {
    match status {
        DeliveryStatus::Pending => td_string!(locale, orders.ship_pending),
        DeliveryStatus::Partial => td_string!(locale, orders.ship_partial),
        DeliveryStatus::Shipped => td_string!(locale, orders.ship_shipped),
    }
}

/// 支付方式.
pub fn method(locale: Locale, method: PaymentMethod) -> &'static str {
    match method {
        PaymentMethod::Online => td_string!(locale, checkout.online),
        PaymentMethod::Offline => td_string!(locale, checkout.offline),
    }
}

/// A timeline event's name (the stored kind when unknown).
pub fn event(locale: Locale, kind: &str) -> String {
    match kind {
        "placed" => td_string!(locale, orders.ev_placed),
        "paid" => td_string!(locale, orders.ev_paid),
        "transfer_submitted" => td_string!(locale, orders.ev_transfer_submitted),
        "transfer_rejected" => td_string!(locale, orders.ev_transfer_rejected),
        "line_delivered" => td_string!(locale, orders.ev_line_delivered),
        "delivered" => td_string!(locale, orders.ev_delivered),
        "completed" => td_string!(locale, orders.ev_completed),
        "cancelled" => td_string!(locale, orders.ev_cancelled),
        "timed_out" => td_string!(locale, orders.ev_timed_out),
        "refund_due" => td_string!(locale, orders.ev_refund_due),
        "refund_paid" => td_string!(locale, orders.ev_refund_paid),
        "late_payment" => td_string!(locale, orders.ev_late_payment),
        "line_refunded" => td_string!(locale, orders.ev_line_refunded),
        "line_refund_paid" => td_string!(locale, orders.ev_line_refund_paid),
        "refunded" => td_string!(locale, orders.ev_refunded),
        "invoice_requested" => td_string!(locale, orders.ev_invoice_requested),
        "invoice_issued" => td_string!(locale, orders.ev_invoice_issued),
        "invoice_rejected" => td_string!(locale, orders.ev_invoice_rejected),
        "invoice_reversed" => td_string!(locale, orders.ev_invoice_reversed),
        "reviewed" => td_string!(locale, orders.ev_reviewed),
        other => return other.to_owned(),
    }
    .to_owned()
}

/// A transfer's or an invoice's stored status.
pub fn review_state(locale: Locale, status: &str) -> &'static str {
    match status {
        "pending" => td_string!(locale, orders.tr_pending),
        "confirmed" => td_string!(locale, orders.tr_confirmed),
        "rejected" => td_string!(locale, orders.tr_rejected),
        "requested" => td_string!(locale, orders.inv_requested),
        "issued" => td_string!(locale, orders.inv_issued),
        "reversed" => td_string!(locale, orders.inv_reversed),
        _ => "",
    }
}

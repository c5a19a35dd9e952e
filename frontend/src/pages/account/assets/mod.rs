//! 我的资产 (§10): 可抵扣优惠金额 (the rebate balance and its ledger), 优惠券 (the coupon wallet)
//! and 账期余额 (the credit line, its bills and repayments). The pieces showing a ledger, a
//! period filter, coupons and bills are shared with the operator's finance desk.
//!
//! Every amount shown is one the server sent: the SPA formats money, it never computes it.

pub mod bills;
pub mod coupons;
pub mod credit;
mod credit_password;
pub mod entries;
pub mod errors;
pub mod labels;
pub mod period;
pub mod rebate;
mod repay;

use leptos::prelude::*;
use rc_types::Money;
use rust_decimal::Decimal;

use crate::pages::account::layout::Need;

/// What the asset pages need.
pub const NEED: Need = Need::Company("view_assets");

/// An amount as the manual shows it: `¥60`, `¥19.9`, `-¥10` (no sign change, no rounding).
pub fn money(value: &Money) -> String {
    if value.amount.is_sign_negative() && !value.amount.is_zero() {
        format!("-{}", abs(value).display_short())
    } else {
        value.display_short()
    }
}

/// A ledger change with its sign spaced out: `+ ¥60`, `- ¥10`, `¥0`.
pub fn signed(value: &Money) -> String {
    if value.amount.is_zero() {
        abs(value).display_short()
    } else if value.amount.is_sign_negative() {
        format!("- {}", abs(value).display_short())
    } else {
        format!("+ {}", value.display_short())
    }
}

fn abs(value: &Money) -> Money {
    Money {
        amount: value.amount.abs(),
        currency: value.currency,
    }
}

/// Whether an amount is above zero.
pub fn positive(value: &Money) -> bool {
    value.amount > Decimal::ZERO
}

/// A fresh `Idempotency-Key` for one money-moving action (one dialog opening): retries and
/// double clicks send the same key, so the server moves the money once.
pub fn idempotency_key() -> String {
    // Unique enough for its purpose (one caller's retries); the server scopes keys per caller.
    // Both are non-negative and below 2^53: the casts keep every bit.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (now, a, b) = (
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 4_294_967_296.0) as u64,
        (js_sys::Math::random() * 4_294_967_296.0) as u64,
    );
    format!("rc-{now:x}-{a:08x}{b:08x}")
}

/// One figure of an account (授信总额 ¥100000): a label over a large value.
#[component]
pub fn Figure(
    /// What it is.
    #[prop(into)]
    label: Signal<String>,
    /// The formatted value.
    value: String,
    /// Classes of the value (`has-text-danger` for an overdue amount).
    #[prop(default = "")]
    class: &'static str,
) -> impl IntoView {
    view! {
        <div class="level-item has-text-centered">
            <div>
                <p class="heading">{move || label.get()}</p>
                <p class=format!("title is-4 {class}").trim_end().to_owned()>{value}</p>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny(text: &str) -> Money {
        Money::cny(text.parse().unwrap())
    }

    #[test]
    fn amounts_keep_the_servers_value() {
        assert_eq!(money(&cny("60.00")), "¥60");
        assert_eq!(money(&cny("19.90")), "¥19.9");
        assert_eq!(money(&cny("-10.00")), "-¥10");
        assert_eq!(money(&cny("0.00")), "¥0");
    }

    #[test]
    fn signed_changes() {
        assert_eq!(signed(&cny("60.00")), "+ ¥60");
        assert_eq!(signed(&cny("-10.00")), "- ¥10");
        assert_eq!(signed(&cny("-0.01")), "- ¥0.01");
        assert_eq!(signed(&cny("0.00")), "¥0");
        assert!(positive(&cny("0.01")));
        assert!(!positive(&cny("0.00")));
    }
}

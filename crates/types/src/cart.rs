//! The shopping cart (购物车, manual §5.2): per user, kept across sessions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::Money;
use crate::catalog::PlanKind;

/// The most of one plan a line can hold.
pub const MAX_QUANTITY: i32 = 9_999;

/// The most lines a cart can hold.
pub const MAX_LINES: i64 = 50;

/// Whether a line can be settled (结算).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CartLineState {
    /// Priced as when it was added (or last reviewed): can be settled.
    Ready,
    /// The plan's price changed since: accept the new price before settling.
    PriceChanged,
    /// The plan's SKU, region, kind or tax rate changed since: review them before settling.
    PlanChanged,
    /// The plan or its solution is no longer sold: can only be removed.
    Unavailable,
}

/// One line of the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartLine {
    /// Line id.
    pub id: i64,
    /// The solution (None once its plan is gone).
    pub solution_id: Option<i64>,
    /// The solution's name when added.
    pub solution_name: String,
    /// The plan (购买计划; None once deleted).
    pub plan_id: Option<i64>,
    /// The plan's name when added.
    pub plan_name: String,
    /// SKU (the plan's current one while it exists).
    pub sku_code: String,
    /// Region the plan is sold in (所售地区), current while the plan exists.
    pub region: String,
    /// Product or service, current while the plan exists.
    pub kind: PlanKind,
    /// Tax rate in percent as a decimal string, e.g. `"6.00"`, current while the plan exists.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "6.00"))]
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_rate: rust_decimal::Decimal,
    /// Quantity (数量), 1–9999.
    pub quantity: i32,
    /// The plan's unit price now (单价); the price last seen when unavailable.
    pub unit_price: Money,
    /// The unit price the user saw when adding or last reviewing the line.
    pub seen_unit_price: Money,
    /// Unit price × quantity (总价).
    pub line_total: Money,
    /// Whether it can be settled.
    pub state: CartLineState,
    /// When it was added.
    pub added_at: DateTime<Utc>,
}

/// The signed-in user's cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cart {
    /// Lines, newest first.
    pub lines: Vec<CartLine>,
    /// Number of lines (the header's 购物车 count).
    pub count: i64,
}

/// Adding a plan to the cart (加入购物车): a plan already in the cart gets the quantity added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartLineInput {
    /// The plan (购买计划) of a published solution.
    pub plan_id: i64,
    /// How many, 1–9999.
    #[validate(range(min = 1, max = 9_999, message = "quantity must be between 1 and 9999"))]
    pub quantity: i32,
    /// The unit price the user was shown, if any: refused (409) when the plan's price is no
    /// longer that, so nobody adds at a price they never saw. Only compared, never stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_unit_price: Option<Money>,
}

/// Changing a line: its quantity and, after a change of the plan, the user's acceptance of its
/// current terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartLineUpdate {
    /// How many, 1–9999.
    #[validate(range(min = 1, max = 9_999, message = "quantity must be between 1 and 9999"))]
    pub quantity: i32,
    /// Accepts the plan's current terms, quoting the unit price the user was shown; refused
    /// (409) if the price changed again meanwhile. Only compared, never stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_unit_price: Option<Money>,
}

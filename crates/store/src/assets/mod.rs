//! My assets (我的资产): the ledger core every balance change goes through, and the three assets
//! built on it — the rebate balance (an account per company), coupons (an account per coupon)
//! and credit lines (an account per company whose balance is the available amount).

pub mod coupons;
pub mod credit;
pub mod finance;
pub mod ledger;

//! Pure business rules of Reseller Center. No IO: every function here is testable in isolation.

pub mod cart;
pub mod checkout;
pub mod coupon;
pub mod credit;
pub mod ledger;
pub mod markdown;
pub mod money;
pub mod orders;
pub mod password;
pub mod period;
pub mod permissions;
pub mod refund;
pub mod rmb;
pub mod slider;

pub use money::{Fen, MoneyError};
pub use permissions::{Actor, ActorCompany, Denied, Permission, Target, authorize};
pub use rmb::rmb_uppercase;

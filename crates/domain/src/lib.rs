//! Pure business rules of Reseller Center. No IO: every function here is testable in isolation.

pub mod money;
pub mod rmb;

pub use money::{Fen, MoneyError};
pub use rmb::rmb_uppercase;

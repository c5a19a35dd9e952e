//! Online payment's books: attempts at a gateway, the payments ledger (every message to and
//! from a gateway), applying a verified notification once, refunds through the gateway, credit
//! pay's password and emailed codes, the reconciliation, and the sandbox gateway's own books.

pub mod attempts;
pub mod credit_pay;
pub mod events;
pub mod notify;
pub mod reconcile;
pub mod refunds;
pub mod sandbox;

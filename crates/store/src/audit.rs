//! The audit log: who changed what about a company or a user, and when.

use diesel::prelude::*;

use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::audit_log;

/// What an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// A company.
    Company,
    /// A user.
    User,
}

impl TargetKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Company => "company",
            TargetKind::User => "user",
        }
    }
}

/// One change to record.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// Who made it.
    pub actor_id: i64,
    /// What was done (`company.disable`, `user.update`, …).
    pub action: &'a str,
    /// What it was done to.
    pub target: (TargetKind, i64),
    /// Details (the new values, the reason).
    pub detail: &'a str,
}

impl<'a> Change<'a> {
    /// A change `actor_id` made to `target` (its kind and id).
    pub fn of(actor_id: i64, action: &'a str, target: (TargetKind, i64), detail: &'a str) -> Change<'a> {
        Change {
            actor_id,
            action,
            target,
            detail,
        }
    }
}

/// Records `change`; call in the transaction that makes it.
pub fn record(conn: &mut DbConn, change: Change<'_>) -> Result<(), StoreError> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_id.eq(change.actor_id),
            audit_log::action.eq(change.action),
            audit_log::target_kind.eq(change.target.0.as_str()),
            audit_log::target_id.eq(change.target.1),
            audit_log::detail.eq(change.detail),
            audit_log::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

//! The operator's review of applications: approval (with the activation mail) and rejection.

use chrono::Duration;
use rc_store::{DbConn, audit, companies, tokens};
use rc_types::accounts::{ApproveApplication, Company};
use rc_types::auth::TokenPurpose;

use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::sealing::Sealer;
use crate::usecases::NewLink;
use crate::usecases::links::LINK_TTL_HOURS;

/// Approves application `id` as `decision` says; the registrant gets an activation link. One
/// transaction with its audit entry.
pub fn approve(
    conn: &mut DbConn,
    sealer: &Sealer,
    (id, reviewer): (i64, i64),
    decision: &ApproveApplication,
    link: &NewLink,
) -> Result<Company, ApiError> {
    conn.atomic(|conn| {
        let registrant = companies::approve(conn, id, decision.kind, decision.parent_id, reviewer)?;
        let detail = format!("kind={:?} parent={:?}", decision.kind, decision.parent_id);
        audit::record(
            conn,
            audit::Change::of(
                reviewer,
                "company.approve",
                (audit::TargetKind::Company, id),
                &detail,
            ),
        )?;
        tokens::issue(
            conn,
            registrant.id,
            TokenPurpose::Activation,
            &link.hash,
            Duration::hours(LINK_TTL_HOURS),
        )?;
        let company = companies::get(conn, id)?;
        let mail = Mail::Approved {
            company: &company.name,
            link: &link.url,
        };
        mail::queue(conn, sealer, &registrant.email, &mail, &registrant.locale)?;
        Ok(company)
    })
}

/// Rejects application `id` with `reason`; the registrant is told by mail. One transaction with
/// its audit entry.
pub fn reject(
    conn: &mut DbConn,
    sealer: &Sealer,
    (id, reviewer): (i64, i64),
    reason: &str,
) -> Result<Company, ApiError> {
    conn.atomic(|conn| {
        let registrant = companies::reject(conn, id, reason, reviewer)?;
        audit::record(
            conn,
            audit::Change::of(
                reviewer,
                "company.reject",
                (audit::TargetKind::Company, id),
                reason,
            ),
        )?;
        let company = companies::get(conn, id)?;
        let mail = Mail::Rejected {
            company: &company.name,
            reason,
        };
        mail::queue(conn, sealer, &registrant.email, &mail, &registrant.locale)?;
        Ok(company)
    })
}

//! Invitations: a company user invited by email, and a fresh link for one who hasn't accepted.

use chrono::Duration;
use rc_store::{DbConn, audit, companies, tokens, users};
use rc_types::accounts::{Role, UserStatus, UserSummary};
use rc_types::auth::TokenPurpose;

use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::sealing::Sealer;
use crate::usecases::NewLink;
use crate::usecases::links::LINK_TTL_HOURS;

/// An invitation to send.
#[derive(Debug)]
pub struct Invite<'a> {
    /// Who invites (for the audit log).
    pub actor_id: i64,
    /// The company the invitee joins.
    pub company: &'a companies::CompanyRow,
    /// The invitee's address.
    pub email: &'a str,
    /// `co_admin` or `member`.
    pub role: Role,
    /// Mail language.
    pub locale: &'static str,
    /// The link in the mail.
    pub link: &'a NewLink,
}

/// Only co-admins and members are invited; the admin role changes by transfer.
pub fn check_role(role: Option<Role>) -> Result<Role, ApiError> {
    let role = role.unwrap_or(Role::Member);
    if matches!(role, Role::CoAdmin | Role::Member) {
        Ok(role)
    } else {
        Err(ApiError::field("role", "invalid", "invite as co_admin or member"))
    }
}

/// Creates the invited user, issues the link, queues the mail and records the audit entry, in
/// one transaction.
pub fn invite(conn: &mut DbConn, sealer: &Sealer, invite: &Invite<'_>) -> Result<UserSummary, ApiError> {
    conn.atomic(|conn| {
        let new_id = users::insert(
            conn,
            &users::NewUser {
                company_id: Some(invite.company.id),
                email: invite.email,
                name: "",
                phone: "",
                position: "",
                role: invite.role,
                status: UserStatus::Invited,
                is_registrant: false,
                locale: invite.locale,
            },
        )?;
        tokens::issue(
            conn,
            new_id,
            TokenPurpose::Invitation,
            &invite.link.hash,
            Duration::hours(LINK_TTL_HOURS),
        )?;
        let mail = Mail::Invitation {
            company: invite.company.name(),
            link: &invite.link.url,
        };
        mail::queue(
            conn,
            sealer,
            &users::normalize_email(invite.email),
            &mail,
            invite.locale,
        )?;
        audit::record(
            conn,
            audit::Change::of(
                invite.actor_id,
                "user.invite",
                (audit::TargetKind::User, new_id),
                invite.email,
            ),
        )?;
        Ok(users::get_row(conn, new_id)?.summary()?)
    })
}

/// Sends `target` (invited, not yet accepted) a fresh invitation; earlier links stop working.
pub fn resend(
    conn: &mut DbConn,
    sealer: &Sealer,
    target: &users::UserRow,
    link: &NewLink,
) -> Result<(), ApiError> {
    if target.status()? != UserStatus::Invited || target.password_hash.is_some() {
        return Err(ApiError::Conflict(
            "this user has already accepted the invitation".to_owned(),
        ));
    }
    let company_id = target.company_id.unwrap_or_default();
    conn.atomic(|conn| {
        let company = companies::get_row(conn, company_id)?;
        tokens::issue(
            conn,
            target.id,
            TokenPurpose::Invitation,
            &link.hash,
            Duration::hours(LINK_TTL_HOURS),
        )?;
        let mail = Mail::Invitation {
            company: company.name(),
            link: &link.url,
        };
        mail::queue(conn, sealer, &target.email, &mail, &target.locale)?;
        Ok(())
    })
}

//! Changes to one company user: edit, enable or disable, delete, appoint as admin — each with its
//! audit entry in the same transaction.

use rc_store::users::UserRow;
use rc_store::{DbConn, audit, sessions, users};
use rc_types::accounts::{Role, UpdateUser, UserSummary};

use crate::error::ApiError;
use crate::usecases::companies::Editor;

/// Nobody acts on their own account or on the company admin (who changes only by transfer).
fn guard_self_and_admin(editor: Editor, target: &UserRow, action: &str) -> Result<(), ApiError> {
    if target.id == editor.user_id {
        return Err(ApiError::Conflict(format!(
            "you cannot {action} your own account"
        )));
    }
    if target.role()? == Role::CompanyAdmin {
        return Err(ApiError::Conflict(format!(
            "the company admin cannot be {action}d; transfer the admin role first"
        )));
    }
    Ok(())
}

/// Edits `target`'s name and phone and optionally role (`co_admin` / `member`; not the admin's).
pub fn update(
    conn: &mut DbConn,
    editor: Editor,
    target: &UserRow,
    input: &UpdateUser,
) -> Result<UserSummary, ApiError> {
    if let Some(role) = input.role {
        if !matches!(role, Role::CoAdmin | Role::Member) {
            return Err(ApiError::field(
                "role",
                "invalid",
                "the role can be co_admin or member",
            ));
        }
        if target.role()? == Role::CompanyAdmin {
            return Err(ApiError::Conflict(
                "the admin's role changes only by transferring the admin role".to_owned(),
            ));
        }
    }
    let id = target.id;
    conn.atomic(|conn| {
        users::update(conn, id, &input.name, &input.phone, input.role)?;
        let detail = format!(
            "name={} phone={} role={}",
            input.name,
            input.phone,
            input.role.map_or("unchanged", Role::as_str)
        );
        audit::record(
            conn,
            audit::Change::of(
                editor.user_id,
                "user.update",
                (audit::TargetKind::User, id),
                &detail,
            ),
        )?;
        Ok(users::get_row(conn, id)?.summary()?)
    })
}

/// Enables or disables `target`; disabling ends their sessions. Operator staff lock the user:
/// only they enable them again.
pub fn set_enabled(
    conn: &mut DbConn,
    editor: Editor,
    target: &UserRow,
    enabled: bool,
) -> Result<UserSummary, ApiError> {
    guard_self_and_admin(editor, target, if enabled { "enable" } else { "disable" })?;
    let (id, by_operator) = (target.id, editor.is_operator());
    conn.atomic(|conn| {
        users::set_enabled(conn, id, enabled, by_operator)?;
        if !enabled {
            sessions::revoke_user(conn, id, "user disabled")?;
        }
        editor.record_toggle(conn, (audit::TargetKind::User, id), enabled)?;
        Ok(users::get_row(conn, id)?.summary()?)
    })
}

/// Deletes `target` (or revokes a pending invitation); a partner can't delete a user the
/// operator locked.
pub fn delete(conn: &mut DbConn, editor: Editor, target: &UserRow) -> Result<(), ApiError> {
    guard_self_and_admin(editor, target, "delete")?;
    let id = target.id;
    conn.atomic(|conn| {
        users::delete_unlocked(conn, id, editor.is_operator())?;
        audit::record(
            conn,
            audit::Change::of(
                editor.user_id,
                "user.delete",
                (audit::TargetKind::User, id),
                &target.email,
            ),
        )?;
        Ok(())
    })
}

/// Makes `target` the company admin; the previous admin becomes a co-admin. One transaction and
/// a unique index of one admin per company: two transfers at once can't leave two admins.
pub fn appoint_admin(conn: &mut DbConn, actor_id: i64, target: &UserRow) -> Result<UserSummary, ApiError> {
    let (company_id, id) = (target.company_id.unwrap_or_default(), target.id);
    conn.atomic(|conn| {
        users::appoint_admin(conn, company_id, id)?;
        audit::record(
            conn,
            audit::Change::of(actor_id, "user.appoint_admin", (audit::TargetKind::User, id), ""),
        )?;
        Ok(users::get_row(conn, id)?.summary()?)
    })
}

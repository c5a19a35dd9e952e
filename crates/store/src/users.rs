//! Users: operator staff and company users; invitations, roles, status, passwords, logins.

use diesel::prelude::*;
use rc_types::accounts::{Role, UserStatus, UserSummary};

use crate::companies::CompanyRow;
use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::{companies, users};

/// A stored user.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    /// Id.
    pub id: i64,
    /// Company (None for operator staff).
    pub company_id: Option<i64>,
    /// Login email (lower-case).
    pub email: String,
    /// Name.
    pub name: String,
    phone: String,
    position: String,
    role: String,
    status: String,
    /// argon2id PHC string, once a password is set.
    pub password_hash: Option<String>,
    /// Preferred language of mail: `zh` or `en`.
    pub locale: String,
    created_at: chrono::NaiveDateTime,
    activated_at: Option<chrono::NaiveDateTime>,
    last_login_at: Option<chrono::NaiveDateTime>,
    /// Disabled by the operator (only the operator enables the user again).
    pub operator_locked: bool,
}

impl UserRow {
    /// Parsed role.
    pub fn role(&self) -> Result<Role, StoreError> {
        Role::from_db(&self.role)
    }

    /// Parsed status.
    pub fn status(&self) -> Result<UserStatus, StoreError> {
        UserStatus::from_db(&self.status)
    }

    /// As the API shows it.
    pub fn summary(&self) -> Result<UserSummary, StoreError> {
        Ok(UserSummary {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            position: self.position.clone(),
            role: self.role()?,
            status: self.status()?,
            created_at: self.created_at.and_utc(),
            last_login_at: self.last_login_at.map(|t| t.and_utc()),
            activated: self.activated_at.is_some(),
            locked_by_operator: self.operator_locked,
        })
    }
}

/// Emails are compared and stored lower-case and trimmed.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A user to insert.
#[derive(Debug)]
pub struct NewUser<'a> {
    /// Company (None for staff).
    pub company_id: Option<i64>,
    /// Login email.
    pub email: &'a str,
    /// Name.
    pub name: &'a str,
    /// Phone.
    pub phone: &'a str,
    /// Position.
    pub position: &'a str,
    /// Role.
    pub role: Role,
    /// Pending, invited or active.
    pub status: UserStatus,
    /// Registered the company.
    pub is_registrant: bool,
    /// Preferred language of mail: `zh` or `en`.
    pub locale: &'a str,
}

/// True when some user already has this email.
pub fn users_email_taken(conn: &mut DbConn, email: &str) -> Result<bool, StoreError> {
    let count: i64 = users::table
        .filter(users::email.eq(normalize_email(email)))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Inserts a user; a taken email is [`StoreError::Duplicate`].
pub fn insert(conn: &mut DbConn, new: &NewUser<'_>) -> Result<i64, StoreError> {
    if users_email_taken(conn, new.email)? {
        return Err(StoreError::Duplicate { field: "email" });
    }
    Ok(diesel::insert_into(users::table)
        .values((
            users::company_id.eq(new.company_id),
            users::email.eq(normalize_email(new.email)),
            users::name.eq(new.name),
            users::phone.eq(new.phone),
            users::position.eq(new.position),
            users::role.eq(new.role.as_db()),
            users::status.eq(new.status.as_db()),
            users::is_registrant.eq(new.is_registrant),
            users::locale.eq(new.locale),
            users::created_at.eq(now()),
        ))
        .returning(users::id)
        .get_result(conn)?)
}

/// One user by id.
pub fn get_row(conn: &mut DbConn, id: i64) -> Result<UserRow, StoreError> {
    Ok(users::table.find(id).select(UserRow::as_select()).first(conn)?)
}

/// One user by login email.
pub fn find_by_email(conn: &mut DbConn, email: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(users::table
        .filter(users::email.eq(normalize_email(email)))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// The user who registered `company_id`.
pub fn registrant_row(conn: &mut DbConn, company_id: i64) -> Result<UserRow, StoreError> {
    Ok(users::table
        .filter(
            users::company_id
                .eq(company_id)
                .and(users::is_registrant.eq(true)),
        )
        .select(UserRow::as_select())
        .first(conn)?)
}

/// The registrant as the API shows it.
pub fn registrant(conn: &mut DbConn, company_id: i64) -> Result<UserSummary, StoreError> {
    registrant_row(conn, company_id)?.summary()
}

/// Users of a company, oldest first.
pub fn list_company(conn: &mut DbConn, company_id: i64) -> Result<Vec<UserSummary>, StoreError> {
    users::table
        .filter(users::company_id.eq(company_id))
        .order((users::created_at.asc(), users::id.asc()))
        .select(UserRow::as_select())
        .load::<UserRow>(conn)?
        .iter()
        .map(UserRow::summary)
        .collect()
}

/// Edits name and phone, and the role when given.
pub fn update(
    conn: &mut DbConn,
    id: i64,
    name: &str,
    phone: &str,
    role: Option<Role>,
) -> Result<(), StoreError> {
    let target = users::table.find(id);
    match role {
        // The admin's role changes only by a transfer: decided in the statement itself, so a
        // transfer committing meanwhile can't leave the company without an admin.
        Some(role) => {
            let updated = diesel::update(target.filter(users::role.ne(Role::CompanyAdmin.as_db())))
                .set((
                    users::name.eq(name.trim()),
                    users::phone.eq(phone.trim()),
                    users::role.eq(role.as_db()),
                ))
                .execute(conn)?;
            if updated == 0 {
                get_row(conn, id)?;
                return Err(admin_untouchable("given another role"));
            }
        }
        None => {
            diesel::update(target)
                .set((users::name.eq(name.trim()), users::phone.eq(phone.trim())))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The conflict of acting on a company's admin (deleting, disabling, demoting).
fn admin_untouchable(done: &str) -> StoreError {
    StoreError::Conflict(format!(
        "the company admin cannot be {done}; transfer the admin role first"
    ))
}

/// Why a guarded write on `id` changed nothing: the user is the company admin, or locked by the
/// operator (`locked` explains that case).
fn refusal(conn: &mut DbConn, id: i64, done: &str, locked: &str) -> StoreError {
    match get_row(conn, id) {
        Ok(row) if row.role == Role::CompanyAdmin.as_db() => admin_untouchable(done),
        Ok(_) => StoreError::Conflict(locked.to_owned()),
        Err(e) => e,
    }
}

/// Enables (back to active, or invited if never activated) or disables a user.
pub fn set_enabled(conn: &mut DbConn, id: i64, enabled: bool, by_operator: bool) -> Result<(), StoreError> {
    let row = get_row(conn, id)?;
    let status = match (enabled, row.activated_at.is_some()) {
        (false, _) => UserStatus::Disabled,
        (true, true) => UserStatus::Active,
        (true, false) => UserStatus::Invited,
    }
    .as_db();
    // One conditional update decides (see `companies::set_enabled`): the operator's disable
    // locks, its enable unlocks; a partner's change never touches the lock nor a locked user;
    // nobody's touches the company admin (also not one a transfer made meanwhile).
    let target = users::table
        .find(id)
        .filter(users::role.ne(Role::CompanyAdmin.as_db()));
    let updated = if by_operator {
        diesel::update(target)
            .set((users::status.eq(status), users::operator_locked.eq(!enabled)))
            .execute(conn)?
    } else {
        diesel::update(target.filter(users::operator_locked.eq(false)))
            .set(users::status.eq(status))
            .execute(conn)?
    };
    if updated == 0 {
        return Err(refusal(
            conn,
            id,
            if enabled { "enabled" } else { "disabled" },
            "the operator disabled this user: only the operator can enable them again",
        ));
    }
    Ok(())
}

/// Deletes a user (their sessions and tokens go with them) who is not the company admin nor, unless
/// `by_operator`, under an operator lock.
pub fn delete_unlocked(conn: &mut DbConn, id: i64, by_operator: bool) -> Result<(), StoreError> {
    let target = users::table
        .find(id)
        .filter(users::role.ne(Role::CompanyAdmin.as_db()));
    let deleted = if by_operator {
        diesel::delete(target).execute(conn)?
    } else {
        diesel::delete(target.filter(users::operator_locked.eq(false))).execute(conn)?
    };
    if deleted == 0 {
        return Err(refusal(
            conn,
            id,
            "deleted",
            "the operator disabled this user: only the operator can delete them",
        ));
    }
    Ok(())
}

/// Makes `to` (an active user of `company_id` who is not its admin) the company's admin and the
/// current admin, if any, a co-admin, atomically. A unique index allows one admin per company,
/// so of two concurrent transfers one wins and the other is a conflict.
pub fn appoint_admin(conn: &mut DbConn, company_id: i64, to: i64) -> Result<(), StoreError> {
    conn.atomic(|conn| {
        diesel::update(
            users::table
                .filter(users::company_id.eq(company_id))
                .filter(users::role.eq(Role::CompanyAdmin.as_db()))
                .filter(users::id.ne(to)),
        )
        .set(users::role.eq(Role::CoAdmin.as_db()))
        .execute(conn)?;
        let promoted = diesel::update(
            users::table
                .find(to)
                .filter(users::company_id.eq(company_id))
                .filter(users::status.eq(UserStatus::Active.as_db()))
                .filter(users::role.ne(Role::CompanyAdmin.as_db())),
        )
        .set(users::role.eq(Role::CompanyAdmin.as_db()))
        .execute(conn)?;
        if promoted == 0 {
            return Err(StoreError::Conflict(
                "only an active user who is not the admin can become the admin".to_owned(),
            ));
        }
        Ok(())
    })
}

/// Sets the password of an activation/invitation/reset; the account becomes active.
pub fn activate(
    conn: &mut DbConn,
    id: i64,
    password_hash: &str,
    name: Option<&str>,
    phone: Option<&str>,
) -> Result<(), StoreError> {
    let row = get_row(conn, id)?;
    let stamp = now();
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::status.eq(if row.status()? == UserStatus::Disabled {
                UserStatus::Disabled
            } else {
                UserStatus::Active
            }
            .as_db()),
            users::activated_at.eq(row.activated_at.unwrap_or(stamp)),
            users::name.eq(name.map_or(row.name.as_str(), str::trim)),
            users::phone.eq(phone.map_or(row.phone.as_str(), str::trim)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Replaces the password hash (password change).
pub fn set_password(conn: &mut DbConn, id: i64, password_hash: &str) -> Result<(), StoreError> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(password_hash))
        .execute(conn)?;
    Ok(())
}

/// Records a successful login.
pub fn record_login(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    diesel::update(users::table.find(id))
        .set(users::last_login_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// Everything a request's authentication needs about its user, in one query.
#[derive(Debug, Clone)]
pub struct AuthRecord {
    /// The user.
    pub user: UserRow,
    /// The company, for company users.
    pub company: Option<CompanyRow>,
}

/// Loads the user and their company.
pub fn auth_record(conn: &mut DbConn, user_id: i64) -> Result<AuthRecord, StoreError> {
    let user = get_row(conn, user_id)?;
    let company = match user.company_id {
        Some(company_id) => Some(
            companies::table
                .find(company_id)
                .select(CompanyRow::as_select())
                .first(conn)?,
        ),
        None => None,
    };
    Ok(AuthRecord { user, company })
}

/// The company's admin (管理员), who gets the mail about the company's assets.
pub fn company_admin(conn: &mut DbConn, company_id: i64) -> Result<Option<UserRow>, StoreError> {
    Ok(users::table
        .filter(users::company_id.eq(company_id))
        .filter(users::role.eq(Role::CompanyAdmin.as_db()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

//! Partner companies: applications and their review, resellers of a distributor, enable/disable.

use std::collections::HashMap;

use diesel::prelude::*;
use rc_domain::Target;
use rc_types::accounts::{
    AccountManager, Application, Company, CompanyInput, CompanyKind, CompanyQuery, CompanyRef, CompanyStatus,
    RegistrationForm, Role, Tier, UserStatus,
};
use rc_types::{Page, PageQuery};

use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::files::{self, NewFile};
use crate::paging::{self, like_pattern};
use crate::schema::{companies, users};
use crate::users::{self as user_store, UserRow};

/// A stored company.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = companies)]
pub struct CompanyRow {
    /// Id.
    pub id: i64,
    name: String,
    kind: Option<String>,
    /// Parent distributor.
    pub parent_id: Option<i64>,
    status: String,
    address: String,
    account_manager_id: Option<i64>,
    tier: String,
    reject_reason: Option<String>,
    created_at: chrono::NaiveDateTime,
    reviewed_at: Option<chrono::NaiveDateTime>,
    /// Disabled by the operator (only the operator enables it again).
    pub operator_locked: bool,
}

impl CompanyRow {
    /// Parsed status.
    pub fn status(&self) -> Result<CompanyStatus, StoreError> {
        CompanyStatus::from_db(&self.status)
    }

    /// Parsed kind (None while pending).
    pub fn kind(&self) -> Result<Option<CompanyKind>, StoreError> {
        self.kind.as_deref().map(CompanyKind::from_db).transpose()
    }

    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the operator reviewed the company's application (its name is then the
    /// operator's to change).
    pub fn reviewed(&self) -> bool {
        self.reviewed_at.is_some()
    }

    /// The authorization target this company represents.
    pub fn target(&self) -> Target {
        Target {
            company_id: self.id,
            parent_id: self.parent_id,
        }
    }
}

/// An account manager (业务负责人) as a company shows it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct ManagerRow {
    id: i64,
    name: String,
    email: String,
}

impl From<ManagerRow> for AccountManager {
    fn from(row: ManagerRow) -> Self {
        AccountManager {
            id: row.id,
            name: row.name,
            email: row.email,
        }
    }
}

/// Unique key of a company name: trimmed, case-folded, inner whitespace collapsed.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The name key of `name`, or [`StoreError::Duplicate`] on `field` when another company (other than
/// `except`) already has it.
fn unique_name_key(
    conn: &mut DbConn,
    name: &str,
    except: Option<i64>,
    field: &'static str,
) -> Result<String, StoreError> {
    let key = name_key(name);
    let taken: i64 = companies::table
        .filter(companies::name_key.eq(&key))
        .filter(companies::id.ne(except.unwrap_or(0)))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        Err(StoreError::Duplicate { field })
    } else {
        Ok(key)
    }
}

/// Turns rows into API companies, loading parents and account managers in two queries.
pub fn to_companies(conn: &mut DbConn, rows: Vec<CompanyRow>) -> Result<Vec<Company>, StoreError> {
    let parent_ids: Vec<i64> = rows.iter().filter_map(|r| r.parent_id).collect();
    let parents: HashMap<i64, String> = companies::table
        .filter(companies::id.eq_any(parent_ids))
        .select((companies::id, companies::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let manager_ids: Vec<i64> = rows.iter().filter_map(|r| r.account_manager_id).collect();
    let managers: HashMap<i64, AccountManager> = users::table
        .filter(users::id.eq_any(manager_ids))
        .select(ManagerRow::as_select())
        .load::<ManagerRow>(conn)?
        .into_iter()
        .map(|row| (row.id, AccountManager::from(row)))
        .collect();
    rows.into_iter()
        .map(|row| {
            Ok(Company {
                id: row.id,
                kind: row.kind()?,
                status: row.status()?,
                parent: row.parent_id.and_then(|id| {
                    parents.get(&id).map(|name| CompanyRef {
                        id,
                        name: name.clone(),
                    })
                }),
                account_manager: row.account_manager_id.and_then(|id| managers.get(&id).cloned()),
                tier: Tier::from_db(&row.tier)?,
                name: row.name,
                address: row.address,
                reject_reason: row.reject_reason,
                created_at: row.created_at.and_utc(),
                locked_by_operator: row.operator_locked,
            })
        })
        .collect()
}

/// One company by id.
pub fn get_row(conn: &mut DbConn, id: i64) -> Result<CompanyRow, StoreError> {
    Ok(companies::table
        .find(id)
        .select(CompanyRow::as_select())
        .first(conn)?)
}

/// One company by id, as the API shows it.
pub fn get(conn: &mut DbConn, id: i64) -> Result<Company, StoreError> {
    let row = get_row(conn, id)?;
    Ok(to_companies(conn, vec![row])?.remove(0))
}

/// Operator staff who can be chosen as 业务负责人.
pub fn account_managers(conn: &mut DbConn) -> Result<Vec<AccountManager>, StoreError> {
    Ok(users::table
        .filter(users::role.eq(Role::AccountManager.as_db()))
        .filter(users::status.eq(UserStatus::Active.as_db()))
        .order(users::name.asc())
        .select(ManagerRow::as_select())
        .load::<ManagerRow>(conn)?
        .into_iter()
        .map(AccountManager::from)
        .collect())
}

/// Stores a registration: the pending company, its registrant and the file records, atomically.
/// The files' bytes must already be in storage under their keys.
pub fn create_application(
    conn: &mut DbConn,
    form: &RegistrationForm,
    new_files: &[NewFile],
    locale: &str,
) -> Result<(i64, i64), StoreError> {
    conn.atomic(|conn| {
        let manager: i64 = users::table
            .filter(users::id.eq(form.account_manager_id))
            .filter(users::role.eq(Role::AccountManager.as_db()))
            .filter(users::status.eq(UserStatus::Active.as_db()))
            .count()
            .get_result(conn)?;
        if manager == 0 {
            return Err(StoreError::Invalid {
                field: "account_manager_id",
                message: "choose an account manager from the list".to_owned(),
            });
        }
        let key = unique_name_key(conn, &form.company_name, None, "company_name")?;
        if user_store::users_email_taken(conn, &form.email)? {
            return Err(StoreError::Duplicate { field: "email" });
        }
        let stamp = now();
        let company_id: i64 = diesel::insert_into(companies::table)
            .values((
                companies::name.eq(form.company_name.trim()),
                companies::name_key.eq(key),
                companies::status.eq(CompanyStatus::Pending.as_db()),
                companies::address.eq(form.address.trim()),
                companies::account_manager_id.eq(form.account_manager_id),
                companies::created_at.eq(stamp),
                companies::updated_at.eq(stamp),
            ))
            .returning(companies::id)
            .get_result(conn)?;
        let user_id = user_store::insert(
            conn,
            &user_store::NewUser {
                company_id: Some(company_id),
                email: &form.email,
                name: form.contact_name.trim(),
                phone: form.phone.trim(),
                position: form.position.trim(),
                role: Role::CompanyAdmin,
                status: UserStatus::Pending,
                is_registrant: true,
                locale,
            },
        )?;
        for file in new_files {
            files::insert(conn, company_id, file)?;
        }
        Ok((company_id, user_id))
    })
}

/// Applications with their registrant and files, newest first; `status` defaults to pending.
pub fn applications(
    conn: &mut DbConn,
    status: CompanyStatus,
    paging: PageQuery,
) -> Result<Page<Application>, StoreError> {
    let filter = companies::status.eq(status.as_db());
    let total: i64 = companies::table.filter(filter).count().get_result(conn)?;
    let rows: Vec<CompanyRow> = companies::table
        .filter(filter)
        .order((companies::created_at.desc(), companies::id.desc()))
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select(CompanyRow::as_select())
        .load(conn)?;
    let companies = to_companies(conn, rows)?;
    let mut items = Vec::with_capacity(companies.len());
    for company in companies {
        let registrant = user_store::registrant(conn, company.id)?;
        let files = files::list(conn, company.id)?;
        items.push(Application {
            company,
            registrant,
            files,
        });
    }
    Ok(paging::page(items, total, paging))
}

/// Approves a pending application: the company becomes active with `kind` (under `parent_id`),
/// its registrant becomes the company admin awaiting activation. Returns the registrant.
pub fn approve(
    conn: &mut DbConn,
    company_id: i64,
    kind: CompanyKind,
    parent_id: Option<i64>,
    reviewer: i64,
) -> Result<UserRow, StoreError> {
    conn.atomic(|conn| {
        if let Some(parent) = parent_id {
            let parent_row = get_row(conn, parent).map_err(|_| invalid_parent())?;
            let ok = kind == CompanyKind::Reseller
                && parent_row.kind()? == Some(CompanyKind::Distributor)
                && parent_row.status()? == CompanyStatus::Active;
            if !ok {
                return Err(invalid_parent());
            }
        }
        let stamp = now();
        let updated = diesel::update(
            companies::table
                .find(company_id)
                .filter(companies::status.eq(CompanyStatus::Pending.as_db())),
        )
        .set((
            companies::status.eq(CompanyStatus::Active.as_db()),
            companies::kind.eq(kind.as_db()),
            companies::parent_id.eq(parent_id),
            companies::reviewed_by.eq(reviewer),
            companies::reviewed_at.eq(stamp),
            companies::updated_at.eq(stamp),
        ))
        .execute(conn)?;
        if updated == 0 {
            get_row(conn, company_id)?;
            return Err(StoreError::Conflict(
                "this application has already been reviewed".to_owned(),
            ));
        }
        let registrant = user_store::registrant_row(conn, company_id)?;
        diesel::update(users::table.find(registrant.id))
            .set(users::status.eq(UserStatus::Invited.as_db()))
            .execute(conn)?;
        user_store::get_row(conn, registrant.id)
    })
}

fn invalid_parent() -> StoreError {
    StoreError::Invalid {
        field: "parent_id",
        message: "the parent must be an active distributor, and only resellers have one".to_owned(),
    }
}

/// Rejects a pending application with a reason. Returns the registrant.
pub fn reject(
    conn: &mut DbConn,
    company_id: i64,
    reason: &str,
    reviewer: i64,
) -> Result<UserRow, StoreError> {
    conn.atomic(|conn| {
        let stamp = now();
        let updated = diesel::update(
            companies::table
                .find(company_id)
                .filter(companies::status.eq(CompanyStatus::Pending.as_db())),
        )
        .set((
            companies::status.eq(CompanyStatus::Rejected.as_db()),
            companies::reject_reason.eq(reason.trim()),
            companies::reviewed_by.eq(reviewer),
            companies::reviewed_at.eq(stamp),
            companies::updated_at.eq(stamp),
        ))
        .execute(conn)?;
        if updated == 0 {
            get_row(conn, company_id)?;
            return Err(StoreError::Conflict(
                "this application has already been reviewed".to_owned(),
            ));
        }
        user_store::registrant_row(conn, company_id)
    })
}

/// Companies filtered by `query`: the resellers of `parent_id`, or every company when None.
pub fn list(
    conn: &mut DbConn,
    parent_id: Option<i64>,
    query: &CompanyQuery,
) -> Result<Page<Company>, StoreError> {
    let filtered = || {
        let mut select = companies::table.into_boxed();
        if let Some(parent) = parent_id {
            select = select.filter(companies::parent_id.eq(parent));
        }
        if let Some(status) = query.status {
            select = select.filter(companies::status.eq(status.as_db()));
        }
        if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
            select = select.filter(companies::name_key.like(like_pattern(q)).escape('\\'));
        }
        select
    };
    let paging = PageQuery::sized(query.page, query.per_page, 15);
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((companies::created_at.desc(), companies::id.desc()))
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select(CompanyRow::as_select())
        .load(conn)?;
    Ok(paging::page(to_companies(conn, rows)?, total, paging))
}

/// Adds an active reseller under `parent_id` (§8 添加经销商).
pub fn create_reseller(conn: &mut DbConn, parent_id: i64, input: &CompanyInput) -> Result<i64, StoreError> {
    conn.atomic(|conn| {
        let key = unique_name_key(conn, &input.name, None, "name")?;
        let manager = get_row(conn, parent_id)?.account_manager_id;
        let stamp = now();
        Ok(diesel::insert_into(companies::table)
            .values((
                companies::name.eq(input.name.trim()),
                companies::name_key.eq(key),
                companies::kind.eq(CompanyKind::Reseller.as_db()),
                companies::parent_id.eq(parent_id),
                companies::status.eq(CompanyStatus::Active.as_db()),
                companies::address.eq(input.address.trim()),
                companies::account_manager_id.eq(manager),
                companies::created_at.eq(stamp),
                companies::updated_at.eq(stamp),
            ))
            .returning(companies::id)
            .get_result(conn)?)
    })
}

/// Edits a company's name and address.
pub fn update(conn: &mut DbConn, id: i64, input: &CompanyInput) -> Result<(), StoreError> {
    conn.atomic(|conn| {
        let key = unique_name_key(conn, &input.name, Some(id), "name")?;
        let updated = diesel::update(companies::table.find(id))
            .set((
                companies::name.eq(input.name.trim()),
                companies::name_key.eq(key),
                companies::address.eq(input.address.trim()),
                companies::updated_at.eq(now()),
            ))
            .execute(conn)?;
        if updated == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(())
        }
    })
}

/// Enables or disables an approved company. Pending or rejected companies can't be toggled.
pub fn set_enabled(conn: &mut DbConn, id: i64, enabled: bool, by_operator: bool) -> Result<(), StoreError> {
    let (from, to) = if enabled {
        (CompanyStatus::Disabled, CompanyStatus::Active)
    } else {
        (CompanyStatus::Active, CompanyStatus::Disabled)
    };
    let (from, to) = (from.as_db(), to.as_db());
    // One conditional update decides, so a partner's enable racing the operator's disable can't
    // lift the lock: the operator's disable locks and its enable unlocks; a partner's change
    // never touches the lock and never applies to a locked company.
    let target = companies::table
        .find(id)
        .filter(companies::status.eq_any([from, to]));
    let updated = if by_operator {
        diesel::update(target)
            .set((
                companies::status.eq(to),
                companies::operator_locked.eq(!enabled),
                companies::updated_at.eq(now()),
            ))
            .execute(conn)?
    } else {
        diesel::update(target.filter(companies::operator_locked.eq(false)))
            .set((companies::status.eq(to), companies::updated_at.eq(now())))
            .execute(conn)?
    };
    if updated == 0 {
        let row = get_row(conn, id)?;
        if row.operator_locked && !by_operator {
            return Err(StoreError::Conflict(
                "the operator disabled this company: only the operator can enable it again".to_owned(),
            ));
        }
        return Err(StoreError::Conflict(
            "only approved companies can be enabled or disabled".to_owned(),
        ));
    }
    Ok(())
}

/// The id of the company named exactly `name`.
pub fn id_by_name(conn: &mut DbConn, name: &str) -> Result<i64, StoreError> {
    Ok(companies::table
        .filter(companies::name.eq(name))
        .select(companies::id)
        .first(conn)?)
}

//! A partner company's own changes: edits, enabling and disabling, new resellers — each with its
//! audit entry in the same transaction.

use rc_store::{DbConn, audit, companies};
use rc_types::accounts::{Company, CompanyInput, CompanyKind};

use crate::error::ApiError;

/// Who changes a company.
#[derive(Debug, Clone, Copy)]
pub struct Editor {
    /// The acting user.
    pub user_id: i64,
    /// The acting user's company (`None` for operator staff).
    pub company_id: Option<i64>,
}

impl Editor {
    /// Operator staff, not a partner.
    pub fn is_operator(self) -> bool {
        self.company_id.is_none()
    }

    /// Records the editor's enabling or disabling of `target` (a company or a user), saying
    /// whether the operator or the partner did it; call in the transaction of the change.
    pub fn record_toggle(
        self,
        conn: &mut DbConn,
        target: (audit::TargetKind, i64),
        enabled: bool,
    ) -> Result<(), rc_store::StoreError> {
        let action = match (target.0, enabled) {
            (audit::TargetKind::Company, true) => "company.enable",
            (audit::TargetKind::Company, false) => "company.disable",
            (audit::TargetKind::User, true) => "user.enable",
            (audit::TargetKind::User, false) => "user.disable",
        };
        let detail = if self.is_operator() {
            "by the operator"
        } else {
            "by the partner"
        };
        audit::record(conn, audit::Change::of(self.user_id, action, target, detail))
    }
}

/// Edits `company`'s name and address. A partner's own company and any company the operator
/// reviewed keep the name the operator approved (422 on `name`); a distributor names the resellers
/// it added itself.
pub fn update(
    conn: &mut DbConn,
    editor: Editor,
    company: &companies::CompanyRow,
    input: &CompanyInput,
) -> Result<Company, ApiError> {
    let own = editor.company_id == Some(company.id);
    if !editor.is_operator() && (own || company.reviewed()) && input.name.trim() != company.name() {
        return Err(ApiError::field(
            "name",
            "locked",
            "the operator reviewed this company's name; ask the operator to change it",
        ));
    }
    let id = company.id;
    conn.atomic(|conn| {
        companies::update(conn, id, input)?;
        let detail = format!("name={} address={}", input.name.trim(), input.address.trim());
        audit::record(
            conn,
            audit::Change::of(
                editor.user_id,
                "company.update",
                (audit::TargetKind::Company, id),
                &detail,
            ),
        )?;
        Ok(companies::get(conn, id)?)
    })
}

/// Enables or disables company `id` (not the editor's own). Operator staff lock it: only they
/// enable it again.
pub fn set_enabled(conn: &mut DbConn, editor: Editor, id: i64, enabled: bool) -> Result<Company, ApiError> {
    if editor.company_id == Some(id) {
        return Err(ApiError::Conflict(
            "you cannot enable or disable your own company".to_owned(),
        ));
    }
    let by_operator = editor.is_operator();
    conn.atomic(|conn| {
        companies::set_enabled(conn, id, enabled, by_operator)?;
        editor.record_toggle(conn, (audit::TargetKind::Company, id), enabled)?;
        Ok(companies::get(conn, id)?)
    })
}

/// Adds a reseller under distributor `parent` (409 when it is no distributor).
pub fn create_reseller(
    conn: &mut DbConn,
    actor_id: i64,
    parent: &companies::CompanyRow,
    input: &CompanyInput,
) -> Result<Company, ApiError> {
    if parent.kind()? != Some(CompanyKind::Distributor) {
        return Err(ApiError::Conflict("only distributors have resellers".to_owned()));
    }
    let parent_id = parent.id;
    conn.atomic(|conn| {
        let new_id = companies::create_reseller(conn, parent_id, input)?;
        let detail = format!("parent={parent_id} name={}", input.name.trim());
        audit::record(
            conn,
            audit::Change::of(
                actor_id,
                "company.create",
                (audit::TargetKind::Company, new_id),
                &detail,
            ),
        )?;
        Ok(companies::get(conn, new_id)?)
    })
}

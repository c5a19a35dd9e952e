//! Leads: consult tickets and trial requests with their history (replies, internal notes, changes).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_types::accounts::{Role, UserStatus};
use rc_types::tickets::{
    ConsultInput, ServiceType, SupportCategory, TicketAssignee, TicketAttachment, TicketChange, TicketDetail,
    TicketEvent, TicketEventKind, TicketKind, TicketQuery, TicketSolution, TicketStatus, TicketSummary,
    TrialInput,
};
use rc_types::{Page, PageQuery};

use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::paging;
use crate::schema::{solutions, ticket_events, tickets, users};

/// A stored attachment of a new consult.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    /// Key in the file store.
    pub storage_key: String,
    /// Original name.
    pub file_name: String,
    /// Detected content type.
    pub content_type: String,
    /// Size in bytes.
    pub size: u64,
}

/// What a change event's text (`status=in_progress assignee=王工`, written by
/// [`update`]) set; `-` is unassigned.
fn change_of(body: &str) -> Option<TicketChange> {
    let (status, who) = body.strip_prefix("status=")?.split_once(" assignee=")?;
    Some(TicketChange {
        status: TicketStatus::from_db(status).ok()?,
        assignee: Some(who.trim())
            .filter(|w| !w.is_empty() && *w != "-")
            .map(str::to_owned),
    })
}

/// The human reference of a ticket: `ZX-000042` for consults, `SY-000043` for trials.
pub fn number(kind: TicketKind, id: i64) -> String {
    let prefix = match kind {
        TicketKind::Consult => "ZX",
        TicketKind::Trial => "SY",
    };
    format!("{prefix}-{id:06}")
}

fn published_solution(conn: &mut DbConn, id: i64) -> Result<String, StoreError> {
    solutions::table
        .filter(solutions::id.eq(id).and(solutions::published.eq(true)))
        .select(solutions::name)
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::Invalid {
            field: "solution_id",
            message: format!("solution {id} does not exist"),
        })
}

/// Records a consult ticket from `user_id` (when signed in).
pub fn create_consult(
    conn: &mut DbConn,
    input: &ConsultInput,
    attachment: Option<&NewAttachment>,
    user_id: Option<i64>,
) -> Result<i64, StoreError> {
    if let Some(id) = input.solution_id {
        published_solution(conn, id)?;
    }
    let stamp = now();
    Ok(diesel::insert_into(tickets::table)
        .values((
            tickets::kind.eq(TicketKind::Consult.as_db()),
            tickets::status.eq(TicketStatus::New.as_db()),
            tickets::solution_id.eq(input.solution_id),
            tickets::service_type.eq(Some(input.service_type.as_db())),
            tickets::support_category.eq(Some(input.support_category.as_db())),
            tickets::topic.eq(input.topic.trim()),
            tickets::details.eq(input.details.trim()),
            tickets::name.eq(input.name.trim()),
            tickets::phone.eq(input.phone.trim()),
            tickets::email.eq(input.email.trim().to_lowercase()),
            tickets::company.eq(input.company.trim()),
            tickets::user_id.eq(user_id),
            tickets::attachment_key.eq(attachment.map(|a| a.storage_key.clone())),
            tickets::attachment_name.eq(attachment.map(|a| a.file_name.clone())),
            tickets::attachment_type.eq(attachment.map(|a| a.content_type.clone())),
            tickets::attachment_size.eq(attachment.map(|a| i64::try_from(a.size).unwrap_or(i64::MAX))),
            tickets::created_at.eq(stamp),
            tickets::updated_at.eq(stamp),
        ))
        .returning(tickets::id)
        .get_result(conn)?)
}

/// Records a trial request from `user_id` (when signed in).
pub fn create_trial(conn: &mut DbConn, input: &TrialInput, user_id: Option<i64>) -> Result<i64, StoreError> {
    let solution = published_solution(conn, input.solution_id)?;
    let stamp = now();
    Ok(diesel::insert_into(tickets::table)
        .values((
            tickets::kind.eq(TicketKind::Trial.as_db()),
            tickets::status.eq(TicketStatus::New.as_db()),
            tickets::solution_id.eq(Some(input.solution_id)),
            tickets::topic.eq(format!("申请试用 {solution}")),
            tickets::details.eq(input.note.trim()),
            tickets::name.eq(input.name.trim()),
            tickets::phone.eq(input.phone.trim()),
            tickets::email.eq(input.email.trim().to_lowercase()),
            tickets::company.eq(input.company.trim()),
            tickets::user_id.eq(user_id),
            tickets::created_at.eq(stamp),
            tickets::updated_at.eq(stamp),
        ))
        .returning(tickets::id)
        .get_result(conn)?)
}

/// A ticket list row with its solution's name (selected from tickets left-joined to solutions).
#[derive(Queryable, Selectable)]
#[diesel(table_name = tickets)]
struct SummaryRow {
    id: i64,
    kind: String,
    status: String,
    solution_id: Option<i64>,
    topic: String,
    name: String,
    company: String,
    email: String,
    assignee_id: Option<i64>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    #[diesel(select_expression = solutions::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<solutions::name>)]
    solution: Option<String>,
}

/// What a ticket's detail adds to its summary.
#[derive(Queryable, Selectable)]
#[diesel(table_name = tickets)]
struct DetailRow {
    service_type: Option<String>,
    support_category: Option<String>,
    details: String,
    phone: String,
    attachment_name: Option<String>,
    attachment_type: Option<String>,
    attachment_size: Option<i64>,
}

/// An event of a ticket with its author's name (ticket events left-joined to users).
#[derive(Queryable, Selectable)]
#[diesel(table_name = ticket_events)]
struct EventRow {
    id: i64,
    kind: String,
    body: String,
    #[diesel(select_expression = users::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<users::name>)]
    author: Option<String>,
    created_at: NaiveDateTime,
}

/// Names of the assignees of `rows`, in one query.
fn assignee_names(conn: &mut DbConn, rows: &[SummaryRow]) -> Result<HashMap<i64, String>, StoreError> {
    let ids: Vec<i64> = rows.iter().filter_map(|row| row.assignee_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let names: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(conn)?;
    Ok(names.into_iter().collect())
}

fn assignee(id: Option<i64>, names: &HashMap<i64, String>) -> Option<TicketAssignee> {
    id.and_then(|id| {
        names.get(&id).map(|name| TicketAssignee {
            id,
            name: name.clone(),
        })
    })
}

fn summary(row: SummaryRow, names: &HashMap<i64, String>) -> Result<TicketSummary, StoreError> {
    let kind = TicketKind::from_db(&row.kind)?;
    Ok(TicketSummary {
        id: row.id,
        number: number(kind, row.id),
        kind,
        status: TicketStatus::from_db(&row.status)?,
        topic: row.topic,
        solution: row
            .solution_id
            .zip(row.solution)
            .map(|(id, name)| TicketSolution { id, name }),
        name: row.name,
        company: row.company,
        email: row.email,
        assignee: assignee(row.assignee_id, names),
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// Tickets matching `query`, newest first; only `user_id`'s when given.
pub fn list(
    conn: &mut DbConn,
    query: &TicketQuery,
    user_id: Option<i64>,
) -> Result<Page<TicketSummary>, StoreError> {
    let filtered = || {
        let mut select = tickets::table.left_join(solutions::table).into_boxed();
        if let Some(user_id) = user_id {
            select = select.filter(tickets::user_id.eq(user_id));
        }
        if let Some(status) = query.status {
            select = select.filter(tickets::status.eq(status.as_db()));
        }
        if let Some(kind) = query.kind {
            select = select.filter(tickets::kind.eq(kind.as_db()));
        }
        select
    };
    let paging = PageQuery::sized(query.page, query.per_page, 20);
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<SummaryRow> = filtered()
        .order((tickets::created_at.desc(), tickets::id.desc()))
        .select(SummaryRow::as_select())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .load(conn)?;
    let names = assignee_names(conn, &rows)?;
    let items = rows
        .into_iter()
        .map(|row| summary(row, &names))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(paging::page(items, total, paging))
}

/// Ticket `id` (only when it belongs to `user_id`, if given); internal notes only for the operator.
pub fn get(conn: &mut DbConn, id: i64, user_id: Option<i64>) -> Result<TicketDetail, StoreError> {
    let mut select = tickets::table
        .left_join(solutions::table)
        .filter(tickets::id.eq(id))
        .into_boxed();
    if let Some(user_id) = user_id {
        select = select.filter(tickets::user_id.eq(user_id));
    }
    let row: SummaryRow = select.select(SummaryRow::as_select()).first(conn)?;
    let names = assignee_names(conn, std::slice::from_ref(&row))?;

    let detail: DetailRow = tickets::table
        .find(id)
        .select(DetailRow::as_select())
        .first(conn)?;
    let mut events = ticket_events::table
        .left_join(users::table)
        .filter(ticket_events::ticket_id.eq(id))
        .into_boxed();
    if user_id.is_some() {
        events = events.filter(ticket_events::kind.eq(TicketEventKind::Reply.as_db()));
    }
    let events: Vec<EventRow> = events
        .order(ticket_events::id.asc())
        .select(EventRow::as_select())
        .load(conn)?;
    Ok(TicketDetail {
        summary: summary(row, &names)?,
        service_type: detail
            .service_type
            .as_deref()
            .map(ServiceType::from_db)
            .transpose()?,
        support_category: detail
            .support_category
            .as_deref()
            .map(SupportCategory::from_db)
            .transpose()?,
        details: detail.details,
        phone: detail.phone,
        attachment: detail.attachment_name.map(|file_name| TicketAttachment {
            file_name,
            content_type: detail.attachment_type.unwrap_or_default(),
            size: detail
                .attachment_size
                .and_then(|s| u64::try_from(s).ok())
                .unwrap_or(0),
        }),
        events: events
            .into_iter()
            .map(|event| {
                let kind = TicketEventKind::from_db(&event.kind)?;
                Ok(TicketEvent {
                    id: event.id,
                    kind,
                    change: (kind == TicketEventKind::Change)
                        .then(|| change_of(&event.body))
                        .flatten(),
                    body: event.body,
                    author: event.author.unwrap_or_default(),
                    created_at: event.created_at.and_utc(),
                })
            })
            .collect::<Result<_, StoreError>>()?,
    })
}

/// The topic of ticket `id` (trials: `申请试用 <solution>`).
pub fn topic(conn: &mut DbConn, id: i64) -> Result<String, StoreError> {
    Ok(tickets::table.find(id).select(tickets::topic).first(conn)?)
}

/// Storage key, name and type of ticket `id`'s attachment (only when it belongs to `user_id`, if given).
pub fn attachment(
    conn: &mut DbConn,
    id: i64,
    user_id: Option<i64>,
) -> Result<(String, String, String), StoreError> {
    let mut select = tickets::table.filter(tickets::id.eq(id)).into_boxed();
    if let Some(user_id) = user_id {
        select = select.filter(tickets::user_id.eq(user_id));
    }
    let (key, name, content_type): (Option<String>, Option<String>, Option<String>) = select
        .select((
            tickets::attachment_key,
            tickets::attachment_name,
            tickets::attachment_type,
        ))
        .first(conn)?;
    match (key, name, content_type) {
        (Some(key), Some(name), Some(content_type)) => Ok((key, name, content_type)),
        _ => Err(StoreError::NotFound),
    }
}

fn add_event(
    conn: &mut DbConn,
    id: i64,
    kind: TicketEventKind,
    body: &str,
    author_id: i64,
) -> Result<(), StoreError> {
    let stamp = now();
    diesel::insert_into(ticket_events::table)
        .values((
            ticket_events::ticket_id.eq(id),
            ticket_events::kind.eq(kind.as_db()),
            ticket_events::body.eq(body),
            ticket_events::author_id.eq(Some(author_id)),
            ticket_events::created_at.eq(stamp),
        ))
        .execute(conn)?;
    diesel::update(tickets::table.find(id))
        .set(tickets::updated_at.eq(stamp))
        .execute(conn)?;
    Ok(())
}

/// Operator staff who can take tickets, by name.
pub fn assignees(conn: &mut DbConn) -> Result<Vec<TicketAssignee>, StoreError> {
    let rows: Vec<(i64, String)> = users::table
        .filter(users::company_id.is_null())
        .filter(users::status.eq(UserStatus::Active.as_db()))
        .filter(
            users::role
                .eq_any([Role::OperatorAdmin, Role::CatalogManager, Role::AccountManager].map(Role::as_db)),
        )
        .order((users::name.asc(), users::id.asc()))
        .select((users::id, users::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| TicketAssignee { id, name })
        .collect())
}

/// Sets status and assignee, recording the change.
pub fn update(
    conn: &mut DbConn,
    id: i64,
    status: TicketStatus,
    assignee_id: Option<i64>,
    actor_id: i64,
) -> Result<(), StoreError> {
    conn.atomic(|conn| {
        if let Some(assignee_id) = assignee_id
            && !assignees(conn)?.iter().any(|a| a.id == assignee_id)
        {
            return Err(StoreError::Invalid {
                field: "assignee_id",
                message: format!("user {assignee_id} is not operator staff who can take tickets"),
            });
        }
        let (old_status, old_assignee): (String, Option<i64>) = tickets::table
            .find(id)
            .select((tickets::status, tickets::assignee_id))
            .first(conn)?;
        let new_status = status.as_db();
        if old_status == new_status && old_assignee == assignee_id {
            return Ok(());
        }
        diesel::update(tickets::table.find(id))
            .set((
                tickets::status.eq(new_status),
                tickets::assignee_id.eq(assignee_id),
            ))
            .execute(conn)?;
        let who = match assignee_id {
            Some(id) => users::table.find(id).select(users::name).first::<String>(conn)?,
            None => "-".to_owned(),
        };
        add_event(
            conn,
            id,
            TicketEventKind::Change,
            &format!("status={new_status} assignee={who}"),
            actor_id,
        )
    })
}

/// Adds an internal note or a reply (the caller emails replies in the same transaction).
pub fn add_message(
    conn: &mut DbConn,
    id: i64,
    body: &str,
    internal: bool,
    actor_id: i64,
) -> Result<(), StoreError> {
    let kind = if internal {
        TicketEventKind::Note
    } else {
        TicketEventKind::Reply
    };
    add_event(conn, id, kind, body.trim(), actor_id)?;
    if !internal {
        // Answering a new ticket means it is being handled.
        diesel::update(
            tickets::table
                .find(id)
                .filter(tickets::status.eq(TicketStatus::New.as_db())),
        )
        .set(tickets::status.eq(TicketStatus::InProgress.as_db()))
        .execute(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_events_are_read() {
        assert_eq!(
            change_of("status=in_progress assignee=-"),
            Some(TicketChange {
                status: TicketStatus::InProgress,
                assignee: None
            })
        );
        assert_eq!(
            change_of("status=closed assignee=平台 管理员"),
            Some(TicketChange {
                status: TicketStatus::Closed,
                assignee: Some("平台 管理员".to_owned())
            })
        );
        assert_eq!(change_of("status=lost assignee=-"), None);
        assert_eq!(change_of("something else"), None);
    }
}

//! End customers (我的客户), always scoped to one company: another company's customer is not found.

use diesel::prelude::*;
use rc_types::customers::{Customer, CustomerInput, CustomerQuery};
use rc_types::{Page, PageQuery};

use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::paging::{self, like_pattern};
use crate::schema::customers;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = customers)]
struct CustomerRow {
    id: i64,
    name: String,
    company_name: String,
    email: String,
    phone: String,
    address: String,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl From<CustomerRow> for Customer {
    fn from(row: CustomerRow) -> Self {
        Customer {
            id: row.id,
            name: row.name,
            company_name: row.company_name,
            email: row.email,
            phone: row.phone,
            address: row.address,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        }
    }
}

fn search_text(input: &CustomerInput) -> String {
    format!(
        "{} {} {} {}",
        input.company_name, input.name, input.email, input.phone
    )
    .to_lowercase()
}

/// A company's customers matching `query`, newest first (15 per page by default).
pub fn list(conn: &mut DbConn, company_id: i64, query: &CustomerQuery) -> Result<Page<Customer>, StoreError> {
    let filtered = || {
        let mut select = customers::table
            .filter(customers::company_id.eq(company_id))
            .into_boxed();
        if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
            select = select.filter(customers::search_text.like(like_pattern(q)).escape('\\'));
        }
        select
    };
    let paging = PageQuery::sized(query.page, query.per_page, 15);
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<CustomerRow> = filtered()
        .order((customers::created_at.desc(), customers::id.desc()))
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .select(CustomerRow::as_select())
        .load(conn)?;
    Ok(paging::page(
        rows.into_iter().map(Customer::from).collect(),
        total,
        paging,
    ))
}

/// One customer of the company.
pub fn get(conn: &mut DbConn, company_id: i64, id: i64) -> Result<Customer, StoreError> {
    Ok(customers::table
        .filter(customers::id.eq(id).and(customers::company_id.eq(company_id)))
        .select(CustomerRow::as_select())
        .first::<CustomerRow>(conn)?
        .into())
}

/// Adds a customer to the company.
pub fn create(conn: &mut DbConn, company_id: i64, input: &CustomerInput) -> Result<Customer, StoreError> {
    let stamp = now();
    let id: i64 = diesel::insert_into(customers::table)
        .values((
            customers::company_id.eq(company_id),
            customers::name.eq(input.name.trim()),
            customers::company_name.eq(input.company_name.trim()),
            customers::email.eq(input.email.trim()),
            customers::phone.eq(input.phone.trim()),
            customers::address.eq(input.address.trim()),
            customers::search_text.eq(search_text(input)),
            customers::created_at.eq(stamp),
            customers::updated_at.eq(stamp),
        ))
        .returning(customers::id)
        .get_result(conn)?;
    get(conn, company_id, id)
}

/// Edits a customer of the company.
pub fn update(
    conn: &mut DbConn,
    company_id: i64,
    id: i64,
    input: &CustomerInput,
) -> Result<Customer, StoreError> {
    let updated = diesel::update(
        customers::table.filter(customers::id.eq(id).and(customers::company_id.eq(company_id))),
    )
    .set((
        customers::name.eq(input.name.trim()),
        customers::company_name.eq(input.company_name.trim()),
        customers::email.eq(input.email.trim()),
        customers::phone.eq(input.phone.trim()),
        customers::address.eq(input.address.trim()),
        customers::search_text.eq(search_text(input)),
        customers::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Err(StoreError::NotFound);
    }
    get(conn, company_id, id)
}

/// Deletes customers of the company among `ids`; returns how many were deleted.
pub fn delete(conn: &mut DbConn, company_id: i64, ids: &[i64]) -> Result<u64, StoreError> {
    let deleted = diesel::delete(
        customers::table
            .filter(customers::company_id.eq(company_id))
            .filter(customers::id.eq_any(ids)),
    )
    .execute(conn)?;
    Ok(deleted as u64)
}

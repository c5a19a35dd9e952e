//! Ecosystem partners (§3.5).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_types::storefront::{Partner, PartnerInput};

use super::{edit, insert, published, state};
use crate::catalog::media_url;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::partners;

#[derive(Queryable, Selectable)]
#[diesel(table_name = partners)]
struct PartnerRow {
    id: i64,
    name: String,
    logo_media_id: Option<i64>,
    link: Option<String>,
    position: i32,
    published: bool,
}

impl From<PartnerRow> for Partner {
    fn from(row: PartnerRow) -> Partner {
        Partner {
            id: row.id,
            name: row.name,
            logo_url: row.logo_media_id.map(media_url),
            logo_media_id: row.logo_media_id,
            link: row.link,
            position: row.position,
            state: state(row.published),
        }
    }
}

/// The columns an edit writes (an insert adds `created_at`).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = partners, treat_none_as_null = true)]
struct PartnerChanges<'a> {
    name: &'a str,
    logo_media_id: Option<i64>,
    link: Option<String>,
    position: i32,
    published: bool,
    updated_at: NaiveDateTime,
}

impl<'a> PartnerChanges<'a> {
    fn of(input: &'a PartnerInput, at: NaiveDateTime) -> Self {
        PartnerChanges {
            name: input.name.trim(),
            logo_media_id: input.logo_media_id,
            link: input.link.as_deref().map(|v| v.trim().to_owned()),
            position: input.position,
            published: published(input.state),
            updated_at: at,
        }
    }
}

/// Partners in order; drafts only when not `public`.
pub fn list_partners(conn: &mut DbConn, public: bool) -> Result<Vec<Partner>, StoreError> {
    let mut select = partners::table.into_boxed();
    if public {
        select = select.filter(partners::published.eq(true));
    }
    let rows: Vec<PartnerRow> = select
        .order((partners::position.asc(), partners::id.asc()))
        .select(PartnerRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Partner::from).collect())
}

fn get_partner(conn: &mut DbConn, id: i64) -> Result<Partner, StoreError> {
    Ok(partners::table
        .find(id)
        .select(PartnerRow::as_select())
        .first(conn)?
        .into())
}

/// Adds a partner.
pub fn create_partner(conn: &mut DbConn, input: &PartnerInput) -> Result<Partner, StoreError> {
    crate::media::check(conn, input.logo_media_id, "logo_media_id")?;
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(partners::table)
            .values((PartnerChanges::of(input, stamp), partners::created_at.eq(stamp)))
            .returning(partners::id)
            .get_result(conn)
    })?;
    get_partner(conn, id)
}

/// Edits a partner.
pub fn update_partner(conn: &mut DbConn, id: i64, input: &PartnerInput) -> Result<Partner, StoreError> {
    crate::media::check(conn, input.logo_media_id, "logo_media_id")?;
    edit(conn, |conn| {
        diesel::update(partners::table.find(id))
            .set(PartnerChanges::of(input, now()))
            .execute(conn)
    })?;
    get_partner(conn, id)
}

/// Deletes a partner.
pub fn delete_partner(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| {
        diesel::delete(partners::table.find(id)).execute(conn)
    })
}

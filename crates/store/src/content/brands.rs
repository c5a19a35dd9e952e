//! Brand profiles of vendors (品牌专区).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_types::storefront::{Brand, BrandInput};

use super::{duplicate, edit, insert};
use crate::catalog::media_url;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::brands;

#[derive(Queryable, Selectable)]
#[diesel(table_name = brands)]
struct BrandRow {
    id: i64,
    name: String,
    description: String,
    logo_media_id: Option<i64>,
    website: Option<String>,
}

impl From<BrandRow> for Brand {
    fn from(row: BrandRow) -> Brand {
        Brand {
            id: row.id,
            logo_url: row.logo_media_id.map(media_url),
            input: BrandInput {
                name: row.name,
                description: row.description,
                logo_media_id: row.logo_media_id,
                website: row.website,
            },
        }
    }
}

/// The columns an edit writes (an insert adds `created_at`).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = brands, treat_none_as_null = true)]
struct BrandChanges<'a> {
    name: &'a str,
    description: &'a str,
    logo_media_id: Option<i64>,
    website: Option<String>,
    updated_at: NaiveDateTime,
}

impl<'a> BrandChanges<'a> {
    fn of(input: &'a BrandInput, at: NaiveDateTime) -> Self {
        BrandChanges {
            name: input.name.trim(),
            description: input.description.trim(),
            logo_media_id: input.logo_media_id,
            website: input.website.as_deref().map(|v| v.trim().to_owned()),
            updated_at: at,
        }
    }
}

/// Every brand profile, by name.
pub fn list_brands(conn: &mut DbConn) -> Result<Vec<Brand>, StoreError> {
    let rows: Vec<BrandRow> = brands::table
        .order(brands::name.asc())
        .select(BrandRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Brand::from).collect())
}

fn get_brand(conn: &mut DbConn, id: i64) -> Result<Brand, StoreError> {
    Ok(brands::table
        .find(id)
        .select(BrandRow::as_select())
        .first(conn)?
        .into())
}

/// Adds a brand profile; names are unique.
pub fn create_brand(conn: &mut DbConn, input: &BrandInput) -> Result<Brand, StoreError> {
    crate::media::check(conn, input.logo_media_id, "logo_media_id")?;
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(brands::table)
            .values((BrandChanges::of(input, stamp), brands::created_at.eq(stamp)))
            .returning(brands::id)
            .get_result(conn)
    })
    .map_err(duplicate("name"))?;
    get_brand(conn, id)
}

/// Edits a brand profile.
pub fn update_brand(conn: &mut DbConn, id: i64, input: &BrandInput) -> Result<Brand, StoreError> {
    crate::media::check(conn, input.logo_media_id, "logo_media_id")?;
    edit(conn, |conn| {
        diesel::update(brands::table.find(id))
            .set(BrandChanges::of(input, now()))
            .execute(conn)
    })
    .map_err(duplicate("name"))?;
    get_brand(conn, id)
}

/// Deletes a brand profile (its solutions stay).
pub fn delete_brand(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| diesel::delete(brands::table.find(id)).execute(conn))
}

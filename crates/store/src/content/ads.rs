//! Ad slots (§4.4): the home strip, beside the list and beside a detail page.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_types::storefront::{Ad, AdInput, AdSlot};

use super::{edit, insert, published, state};
use crate::catalog::media_url;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::ads;

#[derive(Queryable, Selectable)]
#[diesel(table_name = ads)]
struct AdRow {
    id: i64,
    slot: String,
    title: String,
    subtitle: String,
    image_media_id: Option<i64>,
    link: String,
    position: i32,
    published: bool,
}

impl TryFrom<AdRow> for Ad {
    type Error = StoreError;

    fn try_from(row: AdRow) -> Result<Ad, StoreError> {
        let slot = [AdSlot::HomeStrip, AdSlot::ListSide, AdSlot::DetailSide]
            .into_iter()
            .find(|s| s.as_str() == row.slot)
            .ok_or_else(|| StoreError::Corrupt(format!("ad {} slot {}", row.id, row.slot)))?;
        Ok(Ad {
            id: row.id,
            slot,
            title: row.title,
            subtitle: row.subtitle,
            image_url: row.image_media_id.map(media_url),
            image_media_id: row.image_media_id,
            link: row.link,
            position: row.position,
            state: state(row.published),
        })
    }
}

/// The columns an edit writes (an insert adds `created_at`).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = ads, treat_none_as_null = true)]
struct AdChanges<'a> {
    slot: &'static str,
    title: &'a str,
    subtitle: &'a str,
    image_media_id: Option<i64>,
    link: &'a str,
    position: i32,
    published: bool,
    updated_at: NaiveDateTime,
}

impl<'a> AdChanges<'a> {
    fn of(input: &'a AdInput, at: NaiveDateTime) -> Self {
        AdChanges {
            slot: input.slot.as_str(),
            title: input.title.trim(),
            subtitle: input.subtitle.trim(),
            image_media_id: input.image_media_id,
            link: input.link.trim(),
            position: input.position,
            published: published(input.state),
            updated_at: at,
        }
    }
}

/// Ads, published only when `public`, by slot and position.
pub fn list_ads(conn: &mut DbConn, public: bool) -> Result<Vec<Ad>, StoreError> {
    let mut select = ads::table.into_boxed();
    if public {
        select = select.filter(ads::published.eq(true));
    }
    let rows: Vec<AdRow> = select
        .order((ads::slot.asc(), ads::position.asc(), ads::id.asc()))
        .select(AdRow::as_select())
        .load(conn)?;
    rows.into_iter().map(Ad::try_from).collect()
}

fn get_ad(conn: &mut DbConn, id: i64) -> Result<Ad, StoreError> {
    ads::table
        .find(id)
        .select(AdRow::as_select())
        .first(conn)?
        .try_into()
}

/// Adds an ad.
pub fn create_ad(conn: &mut DbConn, input: &AdInput) -> Result<Ad, StoreError> {
    crate::media::check(conn, input.image_media_id, "image_media_id")?;
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(ads::table)
            .values((AdChanges::of(input, stamp), ads::created_at.eq(stamp)))
            .returning(ads::id)
            .get_result(conn)
    })?;
    get_ad(conn, id)
}

/// Edits an ad.
pub fn update_ad(conn: &mut DbConn, id: i64, input: &AdInput) -> Result<Ad, StoreError> {
    crate::media::check(conn, input.image_media_id, "image_media_id")?;
    edit(conn, |conn| {
        diesel::update(ads::table.find(id))
            .set(AdChanges::of(input, now()))
            .execute(conn)
    })?;
    get_ad(conn, id)
}

/// Deletes an ad.
pub fn delete_ad(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| diesel::delete(ads::table.find(id)).execute(conn))
}

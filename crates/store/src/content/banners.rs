//! Banners of the home carousel (§3.1), shown inside their time window.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_types::storefront::{Banner, BannerInput};

use super::{edit, insert, naive, published, state};
use crate::catalog::media_url;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::banners;

#[derive(Queryable, Selectable)]
#[diesel(table_name = banners)]
struct BannerRow {
    id: i64,
    title: String,
    subtitle: String,
    image_media_id: Option<i64>,
    link: String,
    position: i32,
    starts_at: Option<NaiveDateTime>,
    ends_at: Option<NaiveDateTime>,
    published: bool,
}

impl From<BannerRow> for Banner {
    fn from(row: BannerRow) -> Banner {
        Banner {
            id: row.id,
            title: row.title,
            subtitle: row.subtitle,
            image_url: row.image_media_id.map(media_url),
            image_media_id: row.image_media_id,
            link: row.link,
            position: row.position,
            starts_at: row.starts_at.map(|t| t.and_utc()),
            ends_at: row.ends_at.map(|t| t.and_utc()),
            state: state(row.published),
        }
    }
}

/// The columns an edit writes (an insert adds `created_at`).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = banners, treat_none_as_null = true)]
struct BannerChanges<'a> {
    title: &'a str,
    subtitle: &'a str,
    image_media_id: Option<i64>,
    link: &'a str,
    position: i32,
    starts_at: Option<NaiveDateTime>,
    ends_at: Option<NaiveDateTime>,
    published: bool,
    updated_at: NaiveDateTime,
}

impl<'a> BannerChanges<'a> {
    fn of(input: &'a BannerInput, at: NaiveDateTime) -> Self {
        BannerChanges {
            title: input.title.trim(),
            subtitle: input.subtitle.trim(),
            image_media_id: input.image_media_id,
            link: input.link.trim(),
            position: input.position,
            starts_at: naive(input.starts_at),
            ends_at: naive(input.ends_at),
            published: published(input.state),
            updated_at: at,
        }
    }
}

/// Banners on show now, in order.
pub fn active_banners(conn: &mut DbConn) -> Result<Vec<Banner>, StoreError> {
    let at = now();
    let rows: Vec<BannerRow> = banners::table
        .filter(banners::published.eq(true))
        .filter(banners::starts_at.is_null().or(banners::starts_at.le(at)))
        .filter(banners::ends_at.is_null().or(banners::ends_at.gt(at)))
        .order((banners::position.asc(), banners::id.asc()))
        .select(BannerRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Banner::from).collect())
}

/// Every banner, for the operator.
pub fn all_banners(conn: &mut DbConn) -> Result<Vec<Banner>, StoreError> {
    let rows: Vec<BannerRow> = banners::table
        .order((banners::position.asc(), banners::id.asc()))
        .select(BannerRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Banner::from).collect())
}

fn get_banner(conn: &mut DbConn, id: i64) -> Result<Banner, StoreError> {
    Ok(banners::table
        .find(id)
        .select(BannerRow::as_select())
        .first(conn)?
        .into())
}

/// Adds a banner.
pub fn create_banner(conn: &mut DbConn, input: &BannerInput) -> Result<Banner, StoreError> {
    crate::media::check(conn, input.image_media_id, "image_media_id")?;
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(banners::table)
            .values((BannerChanges::of(input, stamp), banners::created_at.eq(stamp)))
            .returning(banners::id)
            .get_result(conn)
    })?;
    get_banner(conn, id)
}

/// Edits a banner.
pub fn update_banner(conn: &mut DbConn, id: i64, input: &BannerInput) -> Result<Banner, StoreError> {
    crate::media::check(conn, input.image_media_id, "image_media_id")?;
    edit(conn, |conn| {
        diesel::update(banners::table.find(id))
            .set(BannerChanges::of(input, now()))
            .execute(conn)
    })?;
    get_banner(conn, id)
}

/// Deletes a banner.
pub fn delete_banner(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| diesel::delete(banners::table.find(id)).execute(conn))
}

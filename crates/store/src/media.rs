//! Public images uploaded by the operator (logos, banners, partners).

use diesel::prelude::*;
use rc_types::storefront::Media;

use crate::catalog::media_url;
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::media;

/// Records an image already stored under `storage_key`.
pub fn create(
    conn: &mut DbConn,
    storage_key: &str,
    content_type: &str,
    size: u64,
) -> Result<Media, StoreError> {
    let id: i64 = diesel::insert_into(media::table)
        .values((
            media::storage_key.eq(storage_key),
            media::content_type.eq(content_type),
            media::size_bytes.eq(i64::try_from(size).unwrap_or(i64::MAX)),
            media::created_at.eq(now()),
        ))
        .returning(media::id)
        .get_result(conn)?;
    Ok(Media {
        id,
        url: media_url(id),
        content_type: content_type.to_owned(),
        size,
    })
}

/// Storage key and content type of image `id`.
pub fn locate(conn: &mut DbConn, id: i64) -> Result<(String, String), StoreError> {
    Ok(media::table
        .find(id)
        .select((media::storage_key, media::content_type))
        .first(conn)?)
}

/// Fails with a field error when `id` is not an uploaded image.
pub fn check(conn: &mut DbConn, id: Option<i64>, field: &'static str) -> Result<(), StoreError> {
    let Some(id) = id else { return Ok(()) };
    match locate(conn, id) {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound) => Err(StoreError::Invalid {
            field,
            message: format!("image {id} does not exist; upload it first"),
        }),
        Err(other) => Err(other),
    }
}

//! Cache epochs: a counter bumped in the same transaction as every storefront edit, so each server
//! (there may be several) notices the change and drops its read caches.

use diesel::prelude::*;

use crate::db::DbConn;
use crate::error::StoreError;
use crate::schema::cache_epochs;

const STOREFRONT: &str = "storefront";

/// Marks the storefront's cached reads stale.
pub fn bump_storefront(conn: &mut DbConn) -> Result<(), StoreError> {
    diesel::update(cache_epochs::table.find(STOREFRONT))
        .set(cache_epochs::epoch.eq(cache_epochs::epoch + 1))
        .execute(conn)?;
    Ok(())
}

/// The storefront's current epoch.
pub fn storefront(conn: &mut DbConn) -> Result<i64, StoreError> {
    Ok(cache_epochs::table
        .find(STOREFRONT)
        .select(cache_epochs::epoch)
        .first(conn)?)
}

//! Storefront content the operator manages: banners, ads, news, partners, brand profiles and help
//! pages. Public readers see published items only (banners also inside their time window); every
//! write bumps the storefront cache epoch in its transaction. Each kind reads one `Selectable` row
//! struct and writes one `Insertable` + `AsChangeset` struct, so its columns are listed once.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use rc_types::catalog::PublishState;

use crate::db::DbConn;
use crate::epochs::bump_storefront;
use crate::error::StoreError;

mod ads;
mod banners;
mod brands;
mod help;
mod news;
mod partners;

pub use ads::{create_ad, delete_ad, list_ads, update_ad};
pub use banners::{active_banners, all_banners, create_banner, delete_banner, update_banner};
pub use brands::{create_brand, delete_brand, list_brands, update_brand};
pub use help::{create_help, delete_help, help_page, help_source, list_help, update_help};
pub use news::{create_news, delete_news, list_news, news_article, news_source, update_news};
pub use partners::{create_partner, delete_partner, list_partners, update_partner};

fn published(state: PublishState) -> bool {
    state == PublishState::Published
}

fn state(published: bool) -> PublishState {
    if published {
        PublishState::Published
    } else {
        PublishState::Draft
    }
}

fn naive(at: Option<DateTime<Utc>>) -> Option<NaiveDateTime> {
    at.map(|t| t.naive_utc())
}

/// Runs an edit and bumps the epoch in one transaction; zero rows touched is `NotFound`.
fn edit(conn: &mut DbConn, work: impl FnOnce(&mut DbConn) -> QueryResult<usize>) -> Result<(), StoreError> {
    conn.atomic(|conn| {
        if work(conn)? == 0 {
            return Err(StoreError::NotFound);
        }
        bump_storefront(conn)
    })
}

/// Inserts and bumps the epoch in one transaction; returns the new id.
fn insert(conn: &mut DbConn, work: impl FnOnce(&mut DbConn) -> QueryResult<i64>) -> Result<i64, StoreError> {
    conn.atomic(|conn| {
        let id = work(conn)?;
        bump_storefront(conn)?;
        Ok(id)
    })
}

/// A unique-name conflict as a duplicate of the input field `field`.
fn duplicate(field: &'static str) -> impl Fn(StoreError) -> StoreError {
    move |error| match error {
        StoreError::Conflict(_) => StoreError::Duplicate { field },
        other => other,
    }
}

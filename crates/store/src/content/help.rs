//! Help pages (帮助中心 / 产品手册): markdown with a table of contents.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::markdown;
use rc_types::storefront::{HelpPage, HelpPageInput, HelpPageSource, HelpPageSummary, TocEntry};

use super::{duplicate, edit, insert, published, state};
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::help_pages;

#[derive(Queryable, Selectable)]
#[diesel(table_name = help_pages)]
struct HelpRow {
    id: i64,
    slug: String,
    title: String,
    position: i32,
    published: bool,
}

impl From<HelpRow> for HelpPageSummary {
    fn from(row: HelpRow) -> HelpPageSummary {
        HelpPageSummary {
            id: row.id,
            slug: row.slug,
            title: row.title,
            position: row.position,
            state: state(row.published),
        }
    }
}

/// The columns an edit writes (an insert adds `created_at`).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = help_pages)]
struct HelpChanges<'a> {
    slug: &'a str,
    title: &'a str,
    body: &'a str,
    position: i32,
    published: bool,
    updated_at: NaiveDateTime,
}

impl<'a> HelpChanges<'a> {
    fn of(input: &'a HelpPageInput, at: NaiveDateTime) -> Self {
        HelpChanges {
            slug: &input.slug,
            title: input.title.trim(),
            body: &input.body,
            position: input.position,
            published: published(input.state),
            updated_at: at,
        }
    }
}

/// Help pages in table-of-contents order; drafts only when not `public`.
pub fn list_help(conn: &mut DbConn, public: bool) -> Result<Vec<HelpPageSummary>, StoreError> {
    let mut select = help_pages::table.into_boxed();
    if public {
        select = select.filter(help_pages::published.eq(true));
    }
    let rows: Vec<HelpRow> = select
        .order((help_pages::position.asc(), help_pages::id.asc()))
        .select(HelpRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(HelpPageSummary::from).collect())
}

/// A published help page by slug, rendered.
pub fn help_page(conn: &mut DbConn, slug: &str) -> Result<HelpPage, StoreError> {
    let (row, body, updated_at): (HelpRow, String, NaiveDateTime) = help_pages::table
        .filter(help_pages::slug.eq(slug).and(help_pages::published.eq(true)))
        .select((HelpRow::as_select(), help_pages::body, help_pages::updated_at))
        .first(conn)?;
    let (body_html, headings) = markdown::render_with_toc(&body);
    Ok(HelpPage {
        summary: row.into(),
        body_html,
        toc: headings
            .into_iter()
            .map(|h| TocEntry {
                level: h.level,
                anchor: h.anchor,
                text: h.text,
            })
            .collect(),
        updated_at: updated_at.and_utc(),
    })
}

/// A help page's markdown source, for the operator.
pub fn help_source(conn: &mut DbConn, id: i64) -> Result<HelpPageSource, StoreError> {
    let (row, body): (HelpRow, String) = help_pages::table
        .find(id)
        .select((HelpRow::as_select(), help_pages::body))
        .first(conn)?;
    Ok(HelpPageSource {
        id,
        input: HelpPageInput {
            slug: row.slug,
            title: row.title,
            body,
            position: row.position,
            state: state(row.published),
        },
    })
}

/// Adds a help page; slugs are unique.
pub fn create_help(conn: &mut DbConn, input: &HelpPageInput) -> Result<HelpPageSource, StoreError> {
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(help_pages::table)
            .values((HelpChanges::of(input, stamp), help_pages::created_at.eq(stamp)))
            .returning(help_pages::id)
            .get_result(conn)
    })
    .map_err(duplicate("slug"))?;
    help_source(conn, id)
}

/// Edits a help page.
pub fn update_help(conn: &mut DbConn, id: i64, input: &HelpPageInput) -> Result<HelpPageSource, StoreError> {
    edit(conn, |conn| {
        diesel::update(help_pages::table.find(id))
            .set(HelpChanges::of(input, now()))
            .execute(conn)
    })
    .map_err(duplicate("slug"))?;
    help_source(conn, id)
}

/// Deletes a help page.
pub fn delete_help(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| {
        diesel::delete(help_pages::table.find(id)).execute(conn)
    })
}

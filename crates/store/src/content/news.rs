//! News (§3.4 新闻动态): a paged list and markdown articles.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rc_domain::markdown;
use rc_types::storefront::{NewsArticle, NewsInput, NewsSource, NewsSummary};
use rc_types::{Page, PageQuery};

use super::{edit, insert, naive, published, state};
use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::paging;
use crate::schema::news;

#[derive(Queryable, Selectable)]
#[diesel(table_name = news)]
struct NewsRow {
    id: i64,
    title: String,
    summary: String,
    published_at: NaiveDateTime,
    published: bool,
}

impl From<NewsRow> for NewsSummary {
    fn from(row: NewsRow) -> NewsSummary {
        NewsSummary {
            id: row.id,
            title: row.title,
            summary: row.summary,
            published_at: row.published_at.and_utc(),
            state: state(row.published),
        }
    }
}

/// The columns an edit writes (an insert adds `created_at`); an item without a publication time
/// is published at the time of the edit.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = news)]
struct NewsChanges<'a> {
    title: &'a str,
    summary: &'a str,
    body: &'a str,
    published_at: NaiveDateTime,
    published: bool,
    updated_at: NaiveDateTime,
}

impl<'a> NewsChanges<'a> {
    fn of(input: &'a NewsInput, at: NaiveDateTime) -> Self {
        NewsChanges {
            title: input.title.trim(),
            summary: input.summary.trim(),
            body: &input.body,
            published_at: naive(input.published_at).unwrap_or(at),
            published: published(input.state),
            updated_at: at,
        }
    }
}

/// A page of news, newest first; drafts only when not `public`.
pub fn list_news(
    conn: &mut DbConn,
    public: bool,
    paging: PageQuery,
) -> Result<Page<NewsSummary>, StoreError> {
    let filtered = || {
        let mut select = news::table.into_boxed();
        if public {
            select = select.filter(news::published.eq(true));
        }
        select
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<NewsRow> = filtered()
        .order((news::published_at.desc(), news::id.desc()))
        .select(NewsRow::as_select())
        .limit(paging::limit(paging))
        .offset(paging::offset(paging))
        .load(conn)?;
    Ok(paging::page(
        rows.into_iter().map(NewsSummary::from).collect(),
        total,
        paging,
    ))
}

/// A published news article.
pub fn news_article(conn: &mut DbConn, id: i64) -> Result<NewsArticle, StoreError> {
    let (row, body): (NewsRow, String) = news::table
        .filter(news::id.eq(id).and(news::published.eq(true)))
        .select((NewsRow::as_select(), news::body))
        .first(conn)?;
    Ok(NewsArticle {
        summary: row.into(),
        body_html: markdown::render(&body),
    })
}

/// A news item's markdown source, for the operator.
pub fn news_source(conn: &mut DbConn, id: i64) -> Result<NewsSource, StoreError> {
    let (row, body): (NewsRow, String) = news::table
        .find(id)
        .select((NewsRow::as_select(), news::body))
        .first(conn)?;
    Ok(NewsSource {
        id,
        input: NewsInput {
            title: row.title,
            summary: row.summary,
            body,
            published_at: Some(row.published_at.and_utc()),
            state: state(row.published),
        },
    })
}

/// Adds news.
pub fn create_news(conn: &mut DbConn, input: &NewsInput) -> Result<NewsSource, StoreError> {
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(news::table)
            .values((NewsChanges::of(input, stamp), news::created_at.eq(stamp)))
            .returning(news::id)
            .get_result(conn)
    })?;
    news_source(conn, id)
}

/// Edits news.
pub fn update_news(conn: &mut DbConn, id: i64, input: &NewsInput) -> Result<NewsSource, StoreError> {
    edit(conn, |conn| {
        diesel::update(news::table.find(id))
            .set(NewsChanges::of(input, now()))
            .execute(conn)
    })?;
    news_source(conn, id)
}

/// Deletes news.
pub fn delete_news(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| diesel::delete(news::table.find(id)).execute(conn))
}

//! Storefront content the operator manages: banners, ads, news, partners, brand profiles and help
//! pages. Public readers see published items only (banners also inside their time window); every
//! write bumps the storefront cache epoch in its transaction.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use rc_domain::markdown;
use rc_types::Page;
use rc_types::catalog::PublishState;
use rc_types::storefront::{
    Ad, AdInput, AdSlot, Banner, BannerInput, Brand, BrandInput, HelpPage, HelpPageInput, HelpPageSource,
    HelpPageSummary, NewsArticle, NewsInput, NewsSource, NewsSummary, Partner, PartnerInput, TocEntry,
};

use crate::catalog::media_url;
use crate::db::{DbConn, now};
use crate::epochs::bump_storefront;
use crate::error::StoreError;
use crate::paging;
use crate::schema::{ads, banners, brands, help_pages, news, partners};

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

// ------------------------------------------------------------------ banners

type BannerRow = (
    i64,
    String,
    String,
    Option<i64>,
    String,
    i32,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    bool,
);

fn banner(row: BannerRow) -> Banner {
    Banner {
        id: row.0,
        title: row.1,
        subtitle: row.2,
        image_url: row.3.map(media_url),
        image_media_id: row.3,
        link: row.4,
        position: row.5,
        starts_at: row.6.map(|t| t.and_utc()),
        ends_at: row.7.map(|t| t.and_utc()),
        state: state(row.8),
    }
}

fn banner_columns() -> (
    banners::id,
    banners::title,
    banners::subtitle,
    banners::image_media_id,
    banners::link,
    banners::position,
    banners::starts_at,
    banners::ends_at,
    banners::published,
) {
    (
        banners::id,
        banners::title,
        banners::subtitle,
        banners::image_media_id,
        banners::link,
        banners::position,
        banners::starts_at,
        banners::ends_at,
        banners::published,
    )
}

/// Banners on show now, in order.
pub fn active_banners(conn: &mut DbConn) -> Result<Vec<Banner>, StoreError> {
    let at = now();
    let rows: Vec<BannerRow> = banners::table
        .filter(banners::published.eq(true))
        .filter(banners::starts_at.is_null().or(banners::starts_at.le(at)))
        .filter(banners::ends_at.is_null().or(banners::ends_at.gt(at)))
        .order((banners::position.asc(), banners::id.asc()))
        .select(banner_columns())
        .load(conn)?;
    Ok(rows.into_iter().map(banner).collect())
}

/// Every banner, for the operator.
pub fn all_banners(conn: &mut DbConn) -> Result<Vec<Banner>, StoreError> {
    let rows: Vec<BannerRow> = banners::table
        .order((banners::position.asc(), banners::id.asc()))
        .select(banner_columns())
        .load(conn)?;
    Ok(rows.into_iter().map(banner).collect())
}

fn get_banner(conn: &mut DbConn, id: i64) -> Result<Banner, StoreError> {
    Ok(banner(
        banners::table.find(id).select(banner_columns()).first(conn)?,
    ))
}

/// Adds a banner.
pub fn create_banner(conn: &mut DbConn, input: &BannerInput) -> Result<Banner, StoreError> {
    crate::media::check(conn, input.image_media_id, "image_media_id")?;
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(banners::table)
            .values((
                banners::title.eq(input.title.trim()),
                banners::subtitle.eq(input.subtitle.trim()),
                banners::image_media_id.eq(input.image_media_id),
                banners::link.eq(input.link.trim()),
                banners::position.eq(input.position),
                banners::starts_at.eq(naive(input.starts_at)),
                banners::ends_at.eq(naive(input.ends_at)),
                banners::published.eq(published(input.state)),
                banners::created_at.eq(stamp),
                banners::updated_at.eq(stamp),
            ))
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
            .set((
                banners::title.eq(input.title.trim()),
                banners::subtitle.eq(input.subtitle.trim()),
                banners::image_media_id.eq(input.image_media_id),
                banners::link.eq(input.link.trim()),
                banners::position.eq(input.position),
                banners::starts_at.eq(naive(input.starts_at)),
                banners::ends_at.eq(naive(input.ends_at)),
                banners::published.eq(published(input.state)),
                banners::updated_at.eq(now()),
            ))
            .execute(conn)
    })?;
    get_banner(conn, id)
}

/// Deletes a banner.
pub fn delete_banner(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| diesel::delete(banners::table.find(id)).execute(conn))
}

// ------------------------------------------------------------------ ads

type AdRow = (i64, String, String, String, Option<i64>, String, i32, bool);

fn ad(row: AdRow) -> Result<Ad, StoreError> {
    let slot = [AdSlot::HomeStrip, AdSlot::ListSide, AdSlot::DetailSide]
        .into_iter()
        .find(|s| s.as_str() == row.1)
        .ok_or_else(|| StoreError::Corrupt(format!("ad {} slot {}", row.0, row.1)))?;
    Ok(Ad {
        id: row.0,
        slot,
        title: row.2,
        subtitle: row.3,
        image_url: row.4.map(media_url),
        image_media_id: row.4,
        link: row.5,
        position: row.6,
        state: state(row.7),
    })
}

fn ad_columns() -> (
    ads::id,
    ads::slot,
    ads::title,
    ads::subtitle,
    ads::image_media_id,
    ads::link,
    ads::position,
    ads::published,
) {
    (
        ads::id,
        ads::slot,
        ads::title,
        ads::subtitle,
        ads::image_media_id,
        ads::link,
        ads::position,
        ads::published,
    )
}

/// Ads, published only when `public`, by slot and position.
pub fn list_ads(conn: &mut DbConn, public: bool) -> Result<Vec<Ad>, StoreError> {
    let mut select = ads::table.into_boxed();
    if public {
        select = select.filter(ads::published.eq(true));
    }
    let rows: Vec<AdRow> = select
        .order((ads::slot.asc(), ads::position.asc(), ads::id.asc()))
        .select(ad_columns())
        .load(conn)?;
    rows.into_iter().map(ad).collect()
}

fn get_ad(conn: &mut DbConn, id: i64) -> Result<Ad, StoreError> {
    ad(ads::table.find(id).select(ad_columns()).first(conn)?)
}

/// Adds an ad.
pub fn create_ad(conn: &mut DbConn, input: &AdInput) -> Result<Ad, StoreError> {
    crate::media::check(conn, input.image_media_id, "image_media_id")?;
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(ads::table)
            .values((
                ads::slot.eq(input.slot.as_str()),
                ads::title.eq(input.title.trim()),
                ads::subtitle.eq(input.subtitle.trim()),
                ads::image_media_id.eq(input.image_media_id),
                ads::link.eq(input.link.trim()),
                ads::position.eq(input.position),
                ads::published.eq(published(input.state)),
                ads::created_at.eq(stamp),
                ads::updated_at.eq(stamp),
            ))
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
            .set((
                ads::slot.eq(input.slot.as_str()),
                ads::title.eq(input.title.trim()),
                ads::subtitle.eq(input.subtitle.trim()),
                ads::image_media_id.eq(input.image_media_id),
                ads::link.eq(input.link.trim()),
                ads::position.eq(input.position),
                ads::published.eq(published(input.state)),
                ads::updated_at.eq(now()),
            ))
            .execute(conn)
    })?;
    get_ad(conn, id)
}

/// Deletes an ad.
pub fn delete_ad(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| diesel::delete(ads::table.find(id)).execute(conn))
}

// ------------------------------------------------------------------ news

type NewsRow = (i64, String, String, NaiveDateTime, bool);

fn news_summary(row: NewsRow) -> NewsSummary {
    NewsSummary {
        id: row.0,
        title: row.1,
        summary: row.2,
        published_at: row.3.and_utc(),
        state: state(row.4),
    }
}

/// A page of news, newest first; drafts only when not `public`.
pub fn list_news(
    conn: &mut DbConn,
    public: bool,
    page: u32,
    per_page: u32,
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
        .select((
            news::id,
            news::title,
            news::summary,
            news::published_at,
            news::published,
        ))
        .limit(i64::from(per_page))
        .offset(paging::offset(page, per_page))
        .load(conn)?;
    Ok(paging::page(
        rows.into_iter().map(news_summary).collect(),
        total,
        page,
        per_page,
    ))
}

/// A published news article.
pub fn news_article(conn: &mut DbConn, id: i64) -> Result<NewsArticle, StoreError> {
    let (row, body): (NewsRow, String) = news::table
        .filter(news::id.eq(id).and(news::published.eq(true)))
        .select((
            (
                news::id,
                news::title,
                news::summary,
                news::published_at,
                news::published,
            ),
            news::body,
        ))
        .first(conn)?;
    Ok(NewsArticle {
        summary: news_summary(row),
        body_html: markdown::render(&body),
    })
}

/// A news item's markdown source, for the operator.
pub fn news_source(conn: &mut DbConn, id: i64) -> Result<NewsSource, StoreError> {
    let (title, summary, body, published_at, is_published): (String, String, String, NaiveDateTime, bool) =
        news::table
            .find(id)
            .select((
                news::title,
                news::summary,
                news::body,
                news::published_at,
                news::published,
            ))
            .first(conn)?;
    Ok(NewsSource {
        id,
        input: NewsInput {
            title,
            summary,
            body,
            published_at: Some(published_at.and_utc()),
            state: state(is_published),
        },
    })
}

/// Adds news.
pub fn create_news(conn: &mut DbConn, input: &NewsInput) -> Result<NewsSource, StoreError> {
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(news::table)
            .values((
                news::title.eq(input.title.trim()),
                news::summary.eq(input.summary.trim()),
                news::body.eq(&input.body),
                news::published_at.eq(naive(input.published_at).unwrap_or(stamp)),
                news::published.eq(published(input.state)),
                news::created_at.eq(stamp),
                news::updated_at.eq(stamp),
            ))
            .returning(news::id)
            .get_result(conn)
    })?;
    news_source(conn, id)
}

/// Edits news.
pub fn update_news(conn: &mut DbConn, id: i64, input: &NewsInput) -> Result<NewsSource, StoreError> {
    edit(conn, |conn| {
        diesel::update(news::table.find(id))
            .set((
                news::title.eq(input.title.trim()),
                news::summary.eq(input.summary.trim()),
                news::body.eq(&input.body),
                news::published_at.eq(naive(input.published_at).unwrap_or_else(now)),
                news::published.eq(published(input.state)),
                news::updated_at.eq(now()),
            ))
            .execute(conn)
    })?;
    news_source(conn, id)
}

/// Deletes news.
pub fn delete_news(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| diesel::delete(news::table.find(id)).execute(conn))
}

// ------------------------------------------------------------------ partners

type PartnerRow = (i64, String, Option<i64>, Option<String>, i32, bool);

fn partner(row: PartnerRow) -> Partner {
    Partner {
        id: row.0,
        name: row.1,
        logo_url: row.2.map(media_url),
        logo_media_id: row.2,
        link: row.3,
        position: row.4,
        state: state(row.5),
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
        .select((
            partners::id,
            partners::name,
            partners::logo_media_id,
            partners::link,
            partners::position,
            partners::published,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(partner).collect())
}

fn get_partner(conn: &mut DbConn, id: i64) -> Result<Partner, StoreError> {
    Ok(partner(
        partners::table
            .find(id)
            .select((
                partners::id,
                partners::name,
                partners::logo_media_id,
                partners::link,
                partners::position,
                partners::published,
            ))
            .first(conn)?,
    ))
}

/// Adds a partner.
pub fn create_partner(conn: &mut DbConn, input: &PartnerInput) -> Result<Partner, StoreError> {
    crate::media::check(conn, input.logo_media_id, "logo_media_id")?;
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(partners::table)
            .values((
                partners::name.eq(input.name.trim()),
                partners::logo_media_id.eq(input.logo_media_id),
                partners::link.eq(input.link.as_deref().map(str::trim)),
                partners::position.eq(input.position),
                partners::published.eq(published(input.state)),
                partners::created_at.eq(stamp),
                partners::updated_at.eq(stamp),
            ))
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
            .set((
                partners::name.eq(input.name.trim()),
                partners::logo_media_id.eq(input.logo_media_id),
                partners::link.eq(input.link.as_deref().map(str::trim)),
                partners::position.eq(input.position),
                partners::published.eq(published(input.state)),
                partners::updated_at.eq(now()),
            ))
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

// ------------------------------------------------------------------ brands

type BrandRow = (i64, String, String, Option<i64>, Option<String>);

fn brand(row: BrandRow) -> Brand {
    Brand {
        id: row.0,
        logo_url: row.3.map(media_url),
        input: BrandInput {
            name: row.1,
            description: row.2,
            logo_media_id: row.3,
            website: row.4,
        },
    }
}

fn brand_columns() -> (
    brands::id,
    brands::name,
    brands::description,
    brands::logo_media_id,
    brands::website,
) {
    (
        brands::id,
        brands::name,
        brands::description,
        brands::logo_media_id,
        brands::website,
    )
}

/// Every brand profile, by name.
pub fn list_brands(conn: &mut DbConn) -> Result<Vec<Brand>, StoreError> {
    let rows: Vec<BrandRow> = brands::table
        .order(brands::name.asc())
        .select(brand_columns())
        .load(conn)?;
    Ok(rows.into_iter().map(brand).collect())
}

fn duplicate_name(error: StoreError) -> StoreError {
    match error {
        StoreError::Conflict(_) => StoreError::Duplicate { field: "name" },
        other => other,
    }
}

/// Adds a brand profile; names are unique.
pub fn create_brand(conn: &mut DbConn, input: &BrandInput) -> Result<Brand, StoreError> {
    crate::media::check(conn, input.logo_media_id, "logo_media_id")?;
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(brands::table)
            .values((
                brands::name.eq(input.name.trim()),
                brands::description.eq(input.description.trim()),
                brands::logo_media_id.eq(input.logo_media_id),
                brands::website.eq(input.website.as_deref().map(str::trim)),
                brands::created_at.eq(stamp),
                brands::updated_at.eq(stamp),
            ))
            .returning(brands::id)
            .get_result(conn)
    })
    .map_err(duplicate_name)?;
    Ok(brand(brands::table.find(id).select(brand_columns()).first(conn)?))
}

/// Edits a brand profile.
pub fn update_brand(conn: &mut DbConn, id: i64, input: &BrandInput) -> Result<Brand, StoreError> {
    crate::media::check(conn, input.logo_media_id, "logo_media_id")?;
    edit(conn, |conn| {
        diesel::update(brands::table.find(id))
            .set((
                brands::name.eq(input.name.trim()),
                brands::description.eq(input.description.trim()),
                brands::logo_media_id.eq(input.logo_media_id),
                brands::website.eq(input.website.as_deref().map(str::trim)),
                brands::updated_at.eq(now()),
            ))
            .execute(conn)
    })
    .map_err(duplicate_name)?;
    Ok(brand(brands::table.find(id).select(brand_columns()).first(conn)?))
}

/// Deletes a brand profile (its solutions stay).
pub fn delete_brand(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| diesel::delete(brands::table.find(id)).execute(conn))
}

// ------------------------------------------------------------------ help pages

type HelpRow = (i64, String, String, i32, bool);

fn help_summary(row: HelpRow) -> HelpPageSummary {
    HelpPageSummary {
        id: row.0,
        slug: row.1,
        title: row.2,
        position: row.3,
        state: state(row.4),
    }
}

fn help_columns() -> (
    help_pages::id,
    help_pages::slug,
    help_pages::title,
    help_pages::position,
    help_pages::published,
) {
    (
        help_pages::id,
        help_pages::slug,
        help_pages::title,
        help_pages::position,
        help_pages::published,
    )
}

/// Help pages in table-of-contents order; drafts only when not `public`.
pub fn list_help(conn: &mut DbConn, public: bool) -> Result<Vec<HelpPageSummary>, StoreError> {
    let mut select = help_pages::table.into_boxed();
    if public {
        select = select.filter(help_pages::published.eq(true));
    }
    let rows: Vec<HelpRow> = select
        .order((help_pages::position.asc(), help_pages::id.asc()))
        .select(help_columns())
        .load(conn)?;
    Ok(rows.into_iter().map(help_summary).collect())
}

/// A published help page by slug, rendered.
pub fn help_page(conn: &mut DbConn, slug: &str) -> Result<HelpPage, StoreError> {
    let (row, body, updated_at): (HelpRow, String, NaiveDateTime) = help_pages::table
        .filter(help_pages::slug.eq(slug).and(help_pages::published.eq(true)))
        .select((help_columns(), help_pages::body, help_pages::updated_at))
        .first(conn)?;
    let (body_html, headings) = markdown::render_with_toc(&body);
    Ok(HelpPage {
        summary: help_summary(row),
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
        .select((help_columns(), help_pages::body))
        .first(conn)?;
    Ok(HelpPageSource {
        id,
        input: HelpPageInput {
            slug: row.1,
            title: row.2,
            body,
            position: row.3,
            state: state(row.4),
        },
    })
}

fn duplicate_slug(error: StoreError) -> StoreError {
    match error {
        StoreError::Conflict(_) => StoreError::Duplicate { field: "slug" },
        other => other,
    }
}

/// Adds a help page; slugs are unique.
pub fn create_help(conn: &mut DbConn, input: &HelpPageInput) -> Result<HelpPageSource, StoreError> {
    let stamp = now();
    let id = insert(conn, |conn| {
        diesel::insert_into(help_pages::table)
            .values((
                help_pages::slug.eq(&input.slug),
                help_pages::title.eq(input.title.trim()),
                help_pages::body.eq(&input.body),
                help_pages::position.eq(input.position),
                help_pages::published.eq(published(input.state)),
                help_pages::created_at.eq(stamp),
                help_pages::updated_at.eq(stamp),
            ))
            .returning(help_pages::id)
            .get_result(conn)
    })
    .map_err(duplicate_slug)?;
    help_source(conn, id)
}

/// Edits a help page.
pub fn update_help(conn: &mut DbConn, id: i64, input: &HelpPageInput) -> Result<HelpPageSource, StoreError> {
    edit(conn, |conn| {
        diesel::update(help_pages::table.find(id))
            .set((
                help_pages::slug.eq(&input.slug),
                help_pages::title.eq(input.title.trim()),
                help_pages::body.eq(&input.body),
                help_pages::position.eq(input.position),
                help_pages::published.eq(published(input.state)),
                help_pages::updated_at.eq(now()),
            ))
            .execute(conn)
    })
    .map_err(duplicate_slug)?;
    help_source(conn, id)
}

/// Deletes a help page.
pub fn delete_help(conn: &mut DbConn, id: i64) -> Result<(), StoreError> {
    edit(conn, |conn| {
        diesel::delete(help_pages::table.find(id)).execute(conn)
    })
}

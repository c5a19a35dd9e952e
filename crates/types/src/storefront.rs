//! Storefront content the operator manages: banners (轮播广告, §3.1), ad slots (广告位, §4.4), news
//! (新闻动态, §3.4), partners (合作伙伴, §3.5, §12.3), brand profiles (品牌专区), help pages
//! (帮助中心 / 产品手册), the operator's contact card and uploaded images.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::catalog::{PublishState, SolutionSummary};
use crate::validation::{http_url, not_blank};

/// Everything the home page shows, in one cached call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HomePage {
    /// Active banners in order.
    pub banners: Vec<Banner>,
    /// Hot solutions (热门解决方案): best sellers, then best rated.
    pub hot: Vec<SolutionSummary>,
    /// Latest news.
    pub news: Vec<NewsSummary>,
    /// Partners wall.
    pub partners: Vec<Partner>,
    /// Active ads of every slot.
    pub ads: Vec<Ad>,
    /// Published solutions offering products (产品与服务, §3.6).
    pub product_count: u64,
    /// Published solutions offering services.
    pub service_count: u64,
}

/// A carousel banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Banner {
    /// Banner id.
    pub id: i64,
    /// Headline shown on the slide.
    pub title: String,
    /// Smaller line under the headline.
    pub subtitle: String,
    /// Slide image, when uploaded (otherwise the SPA draws a gradient).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// The uploaded image's media id (what an edit sends back to keep it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_media_id: Option<i64>,
    /// Where a click goes (`/solutions/3` or `https://…`).
    pub link: String,
    /// Order, lowest first.
    pub position: i32,
    /// Shown from (inclusive); always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<DateTime<Utc>>,
    /// Shown until (exclusive); always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<DateTime<Utc>>,
    /// Draft or published.
    pub state: PublishState,
}

/// Creating or editing a banner.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[validate(schema(function = window_is_ordered))]
pub struct BannerInput {
    /// Headline.
    #[validate(custom(function = not_blank), length(max = 60, message = "title must be at most 60 characters"))]
    pub title: String,
    /// Smaller line.
    #[validate(length(max = 120, message = "subtitle must be at most 120 characters"))]
    #[serde(default)]
    pub subtitle: String,
    /// Image id from `POST /api/v1/admin/media`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_media_id: Option<i64>,
    /// Click target.
    #[validate(custom(function = http_url))]
    pub link: String,
    /// Order, lowest first.
    #[validate(range(min = 0, max = 10_000, message = "position must be between 0 and 10000"))]
    #[serde(default)]
    pub position: i32,
    /// Shown from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<DateTime<Utc>>,
    /// Shown until.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<DateTime<Utc>>,
    /// Draft or published.
    pub state: PublishState,
}

fn window_is_ordered(input: &BannerInput) -> Result<(), validator::ValidationError> {
    match (input.starts_at, input.ends_at) {
        (Some(start), Some(end)) if end <= start => {
            Err(validator::ValidationError::new("window")
                .with_message("ends_at must be after starts_at".into()))
        }
        _ => Ok(()),
    }
}

/// Where an ad is shown (广告位).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdSlot {
    /// A wide strip on the home page between hot and industry solutions.
    HomeStrip,
    /// Side column of the solution list.
    ListSide,
    /// Side column of a solution's detail page (the manual's promotional banners).
    DetailSide,
}

impl AdSlot {
    /// The stable wire/database name.
    pub fn as_str(self) -> &'static str {
        match self {
            AdSlot::HomeStrip => "home_strip",
            AdSlot::ListSide => "list_side",
            AdSlot::DetailSide => "detail_side",
        }
    }
}

/// An ad in a slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ad {
    /// Ad id.
    pub id: i64,
    /// Slot.
    pub slot: AdSlot,
    /// Headline.
    pub title: String,
    /// Smaller line.
    pub subtitle: String,
    /// Image, when uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// The uploaded image's media id (what an edit sends back to keep it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_media_id: Option<i64>,
    /// Click target.
    pub link: String,
    /// Order within the slot.
    pub position: i32,
    /// Draft or published.
    pub state: PublishState,
}

/// Creating or editing an ad.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdInput {
    /// Slot.
    pub slot: AdSlot,
    /// Headline.
    #[validate(custom(function = not_blank), length(max = 60, message = "title must be at most 60 characters"))]
    pub title: String,
    /// Smaller line.
    #[validate(length(max = 120, message = "subtitle must be at most 120 characters"))]
    #[serde(default)]
    pub subtitle: String,
    /// Image id from `POST /api/v1/admin/media`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_media_id: Option<i64>,
    /// Click target.
    #[validate(custom(function = http_url))]
    pub link: String,
    /// Order within the slot.
    #[validate(range(min = 0, max = 10_000, message = "position must be between 0 and 10000"))]
    #[serde(default)]
    pub position: i32,
    /// Draft or published.
    pub state: PublishState,
}

/// A news item in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewsSummary {
    /// News id.
    pub id: i64,
    /// Headline.
    pub title: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Publication date shown.
    pub published_at: DateTime<Utc>,
    /// Draft or published (drafts only in the operator's list).
    pub state: PublishState,
}

/// A news article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewsArticle {
    /// List fields.
    #[serde(flatten)]
    pub summary: NewsSummary,
    /// Body as sanitized HTML rendered from markdown.
    pub body_html: String,
}

/// Creating or editing news.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewsInput {
    /// Headline.
    #[validate(custom(function = not_blank), length(max = 120, message = "title must be at most 120 characters"))]
    pub title: String,
    /// Summary.
    #[validate(length(max = 300, message = "summary must be at most 300 characters"))]
    #[serde(default)]
    pub summary: String,
    /// Body in markdown.
    #[validate(custom(function = not_blank), length(max = 50000, message = "body must be at most 50000 characters"))]
    pub body: String,
    /// Publication date shown (default: now).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    /// Draft or published.
    pub state: PublishState,
}

/// A news item for the operator's editor (markdown source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewsSource {
    /// News id.
    pub id: i64,
    /// The editable fields.
    pub input: NewsInput,
}

/// An ecosystem partner (生态合作伙伴).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    /// Partner id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Logo, when uploaded (otherwise the SPA shows the name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// The uploaded logo's media id (what an edit sends back to keep it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_media_id: Option<i64>,
    /// Website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Order.
    pub position: i32,
    /// Draft or published.
    pub state: PublishState,
}

/// Creating or editing a partner.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerInput {
    /// Name.
    #[validate(custom(function = not_blank), length(max = 60, message = "name must be at most 60 characters"))]
    pub name: String,
    /// Logo image id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_media_id: Option<i64>,
    /// Website.
    #[validate(custom(function = http_url))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Order.
    #[validate(range(min = 0, max = 10_000, message = "position must be between 0 and 10000"))]
    #[serde(default)]
    pub position: i32,
    /// Draft or published.
    pub state: PublishState,
}

/// A brand profile shown in the brand zone (品牌专区).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandInput {
    /// Vendor name exactly as on its solutions.
    #[validate(custom(function = not_blank), length(max = 100, message = "name must be at most 100 characters"))]
    pub name: String,
    /// Profile text.
    #[validate(length(max = 2000, message = "description must be at most 2000 characters"))]
    #[serde(default)]
    pub description: String,
    /// Logo image id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_media_id: Option<i64>,
    /// Website.
    #[validate(custom(function = http_url))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A brand profile in the operator's console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Brand {
    /// Brand id.
    pub id: i64,
    /// The editable fields.
    pub input: BrandInput,
    /// Logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

/// A help center page in the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpPageSummary {
    /// Page id.
    pub id: i64,
    /// URL name, e.g. `getting-started`.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Order in the table of contents.
    pub position: i32,
    /// Draft or published.
    pub state: PublishState,
}

/// A heading inside a help page, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TocEntry {
    /// Heading level (2 or 3).
    pub level: u8,
    /// Anchor id of the heading in `body_html`.
    pub anchor: String,
    /// Heading text.
    pub text: String,
}

/// A help center page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpPage {
    /// Summary fields.
    #[serde(flatten)]
    pub summary: HelpPageSummary,
    /// Sanitized HTML rendered from markdown; headings carry the anchors of `toc`.
    pub body_html: String,
    /// Headings of the page.
    pub toc: Vec<TocEntry>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Creating or editing a help page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpPageInput {
    /// URL name: 1–60 lower-case letters, digits and dashes.
    #[validate(custom(function = slug))]
    pub slug: String,
    /// Title.
    #[validate(custom(function = not_blank), length(max = 100, message = "title must be at most 100 characters"))]
    pub title: String,
    /// Body in markdown.
    #[validate(length(max = 100_000, message = "body must be at most 100000 characters"))]
    pub body: String,
    /// Order in the table of contents.
    #[validate(range(min = 0, max = 10_000, message = "position must be between 0 and 10000"))]
    #[serde(default)]
    pub position: i32,
    /// Draft or published.
    pub state: PublishState,
}

/// A help page for the operator's editor (markdown source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpPageSource {
    /// Page id.
    pub id: i64,
    /// The editable fields.
    pub input: HelpPageInput,
}

/// URL names: 1–60 characters of lower-case ASCII letters, digits and `-`.
pub fn slug(value: &str) -> Result<(), validator::ValidationError> {
    let ok = (1..=60).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(validator::ValidationError::new("slug")
            .with_message("use 1 to 60 lower-case letters, digits or dashes".into()))
    }
}

/// Who contacts a visitor after a consult or trial request (a setting, shown in confirmations).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorContact {
    /// The operator's name, e.g. `蓝云`.
    #[validate(custom(function = not_blank), length(max = 60, message = "name must be at most 60 characters"))]
    pub name: String,
    /// Hotline.
    #[validate(custom(function = crate::validation::phone))]
    pub phone: String,
    /// Email.
    #[validate(custom(function = crate::validation::email))]
    pub email: String,
    /// How soon they answer, e.g. `1 个工作日内`.
    #[validate(custom(function = not_blank), length(max = 60, message = "at most 60 characters"))]
    pub response_time: String,
    /// The operator's legal name: 乙方 on every contract, e.g. `上海蓝云网络科技有限公司`.
    #[validate(length(max = 100, message = "at most 100 characters"))]
    #[serde(default = "default_legal_name")]
    pub legal_name: String,
    /// Its English name under it on contracts (optional).
    #[validate(length(max = 100, message = "at most 100 characters"))]
    #[serde(default)]
    pub legal_name_en: String,
}

/// The legal name a card saved before contracts existed gets.
pub fn default_legal_name() -> String {
    "上海蓝云网络科技有限公司".to_owned()
}

/// An uploaded image (logos, banners, partners).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Media {
    /// Media id, used by the `*_media_id` fields.
    pub id: i64,
    /// Public URL.
    pub url: String,
    /// Detected content type.
    pub content_type: String,
    /// Size in bytes.
    pub size: u64,
}

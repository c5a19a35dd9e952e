//! The operator's content console: banners (轮播广告), ads (广告位), partners (合作伙伴), brand
//! profiles (品牌专区), news (新闻动态), help pages (产品手册), the contact card and image uploads.
//! Every edit is validated, goes live at once (cache and index sync) and drafts never show publicly.

use actix_multipart::form::MultipartForm;
use actix_multipart::form::bytes::Bytes as FilePart;
use actix_web::{HttpResponse, delete, get, post, put, web};
use rc_domain::Permission;
use rc_store::{content, media, settings};
use rc_types::storefront::{
    Ad, AdInput, Banner, BannerInput, Brand, BrandInput, HelpPageInput, HelpPageSource, HelpPageSummary,
    Media, NewsInput, NewsSource, NewsSummary, OperatorContact, Partner, PartnerInput,
};
use rc_types::{ErrorBody, Page, PageQuery};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::state::AppState;
use crate::uploads;

/// Generates the create / update / delete handlers of a content kind.
macro_rules! content_crud {
    (
        $what:literal, $path:literal, $item_path:literal, $item:ty, $input:ty,
        $create:ident => $store_create:path,
        $update:ident => $store_update:path,
        $delete:ident => $store_delete:path
    ) => {
        #[doc = concat!("Adds a ", $what, ".")]
        #[utoipa::path(
            tag = "operator",
            security(("bearer" = [])),
            request_body = $input,
            responses(
                (status = 201, description = "Created", body = $item),
                (status = 401, description = "Not signed in", body = ErrorBody),
                (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
                (status = 409, description = "Name or slug already used", body = ErrorBody),
                (status = 422, description = "Invalid fields or unknown image", body = ErrorBody),
            )
        )]
        #[post($path)]
        pub async fn $create(
            user: AuthUser,
            state: web::Data<AppState>,
            body: Valid<$input>,
        ) -> Result<HttpResponse, ApiError> {
            user.authorize(Permission::ManageCatalog, None)?;
            let input = body.validate()?;
            let item = state.edit(move |conn| $store_create(conn, &input)).await?;
            Ok(HttpResponse::Created().json(item))
        }

        #[doc = concat!("Edits a ", $what, ".")]
        #[utoipa::path(
            tag = "operator",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "Item id")),
            request_body = $input,
            responses(
                (status = 200, description = "Updated", body = $item),
                (status = 401, description = "Not signed in", body = ErrorBody),
                (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
                (status = 404, description = "No such item", body = ErrorBody),
                (status = 409, description = "Name or slug already used", body = ErrorBody),
                (status = 422, description = "Invalid fields or unknown image", body = ErrorBody),
            )
        )]
        #[put($item_path)]
        pub async fn $update(
            user: AuthUser,
            state: web::Data<AppState>,
            id: web::Path<i64>,
            body: Valid<$input>,
        ) -> Result<web::Json<$item>, ApiError> {
            user.authorize(Permission::ManageCatalog, None)?;
            let (id, input) = (id.into_inner(), body.validate()?);
            Ok(web::Json(state.edit(move |conn| $store_update(conn, id, &input)).await?))
        }

        #[doc = concat!("Deletes a ", $what, ".")]
        #[utoipa::path(
            tag = "operator",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "Item id")),
            responses(
                (status = 204, description = "Deleted"),
                (status = 401, description = "Not signed in", body = ErrorBody),
                (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
                (status = 404, description = "No such item", body = ErrorBody),
            )
        )]
        #[delete($item_path)]
        pub async fn $delete(
            user: AuthUser,
            state: web::Data<AppState>,
            id: web::Path<i64>,
        ) -> Result<HttpResponse, ApiError> {
            user.authorize(Permission::ManageCatalog, None)?;
            let id = id.into_inner();
            state.edit(move |conn| $store_delete(conn, id)).await?;
            Ok(HttpResponse::NoContent().finish())
        }
    };
}

content_crud!("banner", "/admin/banners", "/admin/banners/{id}", Banner, BannerInput,
    create_banner => content::create_banner,
    update_banner => content::update_banner,
    delete_banner => content::delete_banner);
content_crud!("ad", "/admin/ads", "/admin/ads/{id}", Ad, AdInput,
    create_ad => content::create_ad,
    update_ad => content::update_ad,
    delete_ad => content::delete_ad);
content_crud!("partner", "/admin/partners", "/admin/partners/{id}", Partner, PartnerInput,
    create_partner => content::create_partner,
    update_partner => content::update_partner,
    delete_partner => content::delete_partner);
content_crud!("brand profile", "/admin/brands", "/admin/brands/{id}", Brand, BrandInput,
    create_brand => content::create_brand,
    update_brand => content::update_brand,
    delete_brand => content::delete_brand);
content_crud!("help page", "/admin/help", "/admin/help/{id}", HelpPageSource, HelpPageInput,
    create_help => content::create_help,
    update_help => content::update_help,
    delete_help => content::delete_help);
content_crud!("news item", "/admin/news", "/admin/news/{id}", NewsSource, NewsInput,
    create_news => content::create_news,
    update_news => content::update_news,
    delete_news => content::delete_news);

/// Every banner, drafts and expired ones included.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Banners in order", body = Vec<Banner>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
    )
)]
#[get("/admin/banners")]
pub async fn list_admin_banners(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Banner>>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    Ok(web::Json(state.db(content::all_banners).await?))
}

/// Every ad, drafts included.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Ads by slot and position", body = Vec<Ad>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
    )
)]
#[get("/admin/ads")]
pub async fn list_admin_ads(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Ad>>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    Ok(web::Json(state.db(|conn| content::list_ads(conn, false)).await?))
}

/// Every partner, drafts included.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Partners in order", body = Vec<Partner>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
    )
)]
#[get("/admin/partners")]
pub async fn list_admin_partners(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Partner>>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    Ok(web::Json(
        state.db(|conn| content::list_partners(conn, false)).await?,
    ))
}

/// Every brand profile.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Brand profiles by name", body = Vec<Brand>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
    )
)]
#[get("/admin/brands")]
pub async fn list_admin_brands(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Brand>>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    Ok(web::Json(state.db(content::list_brands).await?))
}

/// News, drafts included, newest first.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of news", body = Page<NewsSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 422, description = "Out-of-range paging", body = ErrorBody),
    )
)]
#[get("/admin/news")]
pub async fn list_admin_news(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<PageQuery>,
) -> Result<web::Json<Page<NewsSummary>>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let paging = query.validate()?;
    Ok(web::Json(
        state
            .db(move |conn| content::list_news(conn, false, paging))
            .await?,
    ))
}

/// A news item's markdown source.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "News id")),
    responses(
        (status = 200, description = "The source", body = NewsSource),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 404, description = "No such news", body = ErrorBody),
    )
)]
#[get("/admin/news/{id}")]
pub async fn get_news_source(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<NewsSource>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let id = id.into_inner();
    Ok(web::Json(
        state.db(move |conn| content::news_source(conn, id)).await?,
    ))
}

/// Help pages, drafts included, in table-of-contents order.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Help pages", body = Vec<HelpPageSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
    )
)]
#[get("/admin/help")]
pub async fn list_admin_help(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<HelpPageSummary>>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    Ok(web::Json(state.db(|conn| content::list_help(conn, false)).await?))
}

/// A help page's markdown source.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Help page id")),
    responses(
        (status = 200, description = "The source", body = HelpPageSource),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 404, description = "No such page", body = ErrorBody),
    )
)]
#[get("/admin/help/{id}")]
pub async fn get_help_source(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<HelpPageSource>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let id = id.into_inner();
    Ok(web::Json(
        state.db(move |conn| content::help_source(conn, id)).await?,
    ))
}

/// Sets who answers consults and trials (shown in confirmations and acknowledgement mail).
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    request_body = OperatorContact,
    responses(
        (status = 200, description = "Saved", body = OperatorContact),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[put("/admin/settings/contact")]
pub async fn update_operator_contact(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<OperatorContact>,
) -> Result<web::Json<OperatorContact>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let card = body.validate()?;
    Ok(web::Json(
        state.edit(move |conn| settings::set_contact(conn, &card)).await?,
    ))
}

/// The multipart body of `POST /api/v1/admin/media`.
#[derive(Debug, MultipartForm)]
pub struct MediaUpload {
    /// The image: jpg/png/gif/webp/bmp by content, ≤ 10 MiB (the upload limit everywhere).
    #[multipart(limit = "10MB")]
    pub file: FilePart,
}

/// Documentation shape of [`MediaUpload`].
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code, reason = "documents the multipart body for OpenAPI only")]
pub struct MediaUploadDoc {
    /// jpg/png/gif/webp/bmp (checked by content), ≤ 10 MiB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Uploads an image for logos, banners, ads and partners; refer to it by the returned id.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    request_body(content = MediaUploadDoc, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = Media),
        (status = 400, description = "Malformed multipart body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 413, description = "Larger than 10 MiB", body = ErrorBody),
        (status = 415, description = "Not a jpg/png/gif/webp/bmp image by content", body = ErrorBody),
    )
)]
#[post("/admin/media")]
pub async fn upload_media(
    user: AuthUser,
    state: web::Data<AppState>,
    upload: MultipartForm<MediaUpload>,
) -> Result<HttpResponse, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let file = upload.into_inner().file;
    let content_type = uploads::detect(
        &file.data,
        &uploads::IMAGE_TYPES,
        file.file_name.as_deref(),
        "a jpg, png, gif, webp or bmp image",
    )?;
    let key = format!("media/{}", uuid::Uuid::new_v4());
    state.files.put(&key, file.data.to_vec()).await?;
    let size = file.data.len() as u64;
    let stored_key = key.clone();
    match state
        .db(move |conn| media::create(conn, &key, content_type, size))
        .await
    {
        Ok(item) => Ok(HttpResponse::Created().json(item)),
        Err(error) => {
            state.files.delete(&stored_key).await;
            Err(error)
        }
    }
}

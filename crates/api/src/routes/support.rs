//! Small helpers shared by route modules.

use actix_web::HttpRequest;
use actix_web::http::header::ACCEPT_LANGUAGE;
use rc_domain::{Actor, permissions};
use rc_store::{DbConn, StoreError, companies, users};
use rc_types::accounts::Profile;

/// The mail language of a request: `en` when the client prefers English, else `zh`.
pub fn locale(req: &HttpRequest) -> &'static str {
    let preferred = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if preferred.trim_start().to_ascii_lowercase().starts_with("en") {
        "en"
    } else {
        "zh"
    }
}

/// The profile of `actor` (个人资料): login info, company registration info and permissions.
pub fn profile(conn: &mut DbConn, actor: &Actor) -> Result<Profile, StoreError> {
    let user = users::get_row(conn, actor.user_id)?.summary()?;
    let (company, registrant) = match actor.company {
        Some(company) => {
            let registrant = match users::registrant(conn, company.id) {
                Ok(registrant) => Some(registrant),
                Err(StoreError::NotFound) => None,
                Err(other) => return Err(other),
            };
            (Some(companies::get(conn, company.id)?), registrant)
        }
        None => (None, None),
    };
    let mut permissions: Vec<String> = permissions::granted(actor)
        .into_iter()
        .map(|p| p.as_str().to_owned())
        .collect();
    // Members see the company's assets when the operator's finance settings say so.
    let view_assets = rc_domain::Permission::ViewAssets.as_str();
    if !permissions.iter().any(|p| p == view_assets)
        && permissions::may_view_assets(
            actor,
            rc_store::assets::finance::settings(conn)?.members_see_assets,
        )
    {
        permissions.push(view_assets.to_owned());
    }
    Ok(Profile {
        user,
        company,
        registrant,
        permissions,
    })
}

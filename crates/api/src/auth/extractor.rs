//! `AuthUser`: the signed-in user of a request, checked against the database on every request so
//! logout, disabling a user or a company, and session revocation take effect at once.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};
use rc_domain::{Actor, ActorCompany, Permission, Target};
use rc_store::{sessions, users};
use rc_types::accounts::{CompanyStatus, UserStatus};

use crate::error::ApiError;
use crate::state::AppState;

/// The authenticated user of a request.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// Who, for permission checks.
    pub actor: Actor,
    /// The session the access token belongs to.
    pub session_id: String,
}

impl AuthUser {
    /// User id.
    pub fn id(&self) -> i64 {
        self.actor.user_id
    }

    /// The user's company id, or 403 for operator staff.
    pub fn company_id(&self) -> Result<i64, ApiError> {
        self.actor.company.map(|c| c.id).ok_or(ApiError::Forbidden)
    }

    /// The one permission check (see `rc_domain::permissions`).
    pub fn authorize(&self, permission: Permission, target: Option<Target>) -> Result<(), ApiError> {
        rc_domain::authorize(&self.actor, permission, target).map_err(ApiError::from)
    }
}

fn unauthenticated() -> ApiError {
    ApiError::Unauthenticated("sign in to continue (the session is missing, expired or ended)".to_owned())
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim().to_owned())
}

/// Loads the actor of a verified token: the session must be live, the user and company active.
pub fn load_actor(
    conn: &mut rc_store::DbConn,
    user_id: i64,
    session_id: &str,
) -> Result<Option<Actor>, rc_store::StoreError> {
    if sessions::active_user(conn, session_id)? != Some(user_id) {
        return Ok(None);
    }
    let record = match users::auth_record(conn, user_id) {
        Ok(record) => record,
        Err(rc_store::StoreError::NotFound) => return Ok(None),
        Err(other) => return Err(other),
    };
    if record.user.status()? != UserStatus::Active {
        return Ok(None);
    }
    let company = match record.company {
        None => None,
        Some(company) => {
            // A company still pending (no kind yet), not active, or unreadable signs nobody in.
            let (Ok(Some(kind)), Ok(CompanyStatus::Active)) = (company.kind(), company.status()) else {
                return Ok(None);
            };
            Some(ActorCompany { id: company.id, kind })
        }
    };
    Ok(Some(Actor {
        user_id,
        role: record.user.role()?,
        company,
    }))
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<AuthUser, ApiError>>>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal("app state missing".to_owned()))?;
            let claims = token
                .and_then(|t| state.jwt.verify(&t))
                .ok_or_else(unauthenticated)?;
            let user_id: i64 = claims.sub.parse().map_err(|_| unauthenticated())?;
            let session_id = claims.sid;
            let sid = session_id.clone();
            let actor = state
                .db(move |conn| load_actor(conn, user_id, &sid))
                .await?
                .ok_or_else(unauthenticated)?;
            Ok(AuthUser { actor, session_id })
        })
    }
}

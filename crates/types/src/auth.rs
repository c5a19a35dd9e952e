//! Login with the slider check (§2.2), tokens, activation, invitations and password resets.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::accounts::{Profile, Role};
use crate::validation::not_blank;

/// Minimum password length (ASVS: at least 8; no composition rules).
pub const MIN_PASSWORD_LEN: u64 = 8;
/// Maximum password length.
pub const MAX_PASSWORD_LEN: u64 = 128;

/// A slider challenge (滑块) issued by the server; single use, short-lived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SliderChallenge {
    /// Challenge id to send back with the login.
    pub id: String,
    /// Seconds until it expires.
    pub expires_in: u32,
}

/// One sample of the slider drag: position as a fraction of the track (0–1) at `t` ms after grabbing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SliderPoint {
    /// Position, 0.0 (left) to 1.0 (right end).
    pub x: f64,
    /// Milliseconds since the drag started.
    pub t: u32,
}

/// The drag result proving the slider was moved to the right end.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SliderProof {
    /// The challenge's id.
    pub challenge_id: String,
    /// Drag samples in time order.
    pub trace: Vec<SliderPoint>,
}

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// 邮箱.
    #[validate(custom(function = crate::validation::email))]
    pub email: String,
    /// 密码.
    #[validate(length(min = 1, max = 128, message = "enter your password"))]
    pub password: String,
    /// 滑块 result.
    pub slider: SliderProof,
}

/// A fresh access token; the refresh token travels in an HttpOnly cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// JWT for `Authorization: Bearer …`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Who signed in.
    pub profile: Profile,
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TokenPurpose {
    /// Activating an approved company's admin.
    Activation,
    /// Accepting an invitation to a company.
    Invitation,
    /// Resetting a forgotten password.
    PasswordReset,
}

/// `POST /api/v1/auth/links/inspect`: what a link is for, before the user fills the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkToken {
    /// The token from the emailed link.
    #[validate(length(min = 16, max = 128, message = "the link is invalid"))]
    pub token: String,
}

/// A valid link's purpose and account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkInfo {
    /// What the link does.
    pub purpose: TokenPurpose,
    /// The account's email.
    pub email: String,
    /// The company the account belongs to.
    pub company_name: Option<String>,
    /// The role the account will have.
    pub role: Role,
}

/// Completing a link: set the password (activation, reset) and, for invitations, name and phone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompleteLink {
    /// The token from the emailed link.
    #[validate(length(min = 16, max = 128, message = "the link is invalid"))]
    pub token: String,
    /// New password: at least 8 characters, not a common password.
    #[validate(length(min = 8, max = 128, message = "password must be 8 to 128 characters"))]
    pub password: String,
    /// Name (required when accepting an invitation).
    #[validate(custom(function = not_blank), length(max = 50, message = "name must be at most 50 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Phone (required when accepting an invitation).
    #[validate(custom(function = crate::validation::phone))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// `POST /api/v1/auth/password-reset-requests`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    /// The account's email; the answer is the same whether or not it exists.
    #[validate(custom(function = crate::validation::email))]
    pub email: String,
}

/// `POST /api/v1/me/password`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    /// Current password.
    #[validate(length(min = 1, max = 128, message = "enter your current password"))]
    pub current_password: String,
    /// New password: at least 8 characters, not a common password.
    #[validate(length(min = 8, max = 128, message = "password must be 8 to 128 characters"))]
    pub new_password: String,
}

//! Authentication: argon2id passwords, short-lived JWT access tokens (HS256 pinned), rotating
//! refresh tokens in an HttpOnly cookie, one-time link tokens, and the authenticated-user extractor.

pub mod cookies;
pub mod extractor;
pub mod jwt;
pub mod passwords;
pub mod tokens;

pub use extractor::AuthUser;
pub use jwt::JwtKeys;

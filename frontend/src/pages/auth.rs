//! Signing in and everything before it: login with the slider, registration, forgotten password,
//! and the emailed links (activation, invitation, password reset).

pub mod forgot;
pub mod link;
pub mod login;
pub mod register;

//! Registration: the mail to the owner of an address that already has an account (the
//! application itself is one store transaction, `companies::create_application`).

use rc_store::{DbConn, users};

use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::sealing::Sealer;

/// Tells the owner of `email` that someone tried to register it (the form answers as for a new
/// address, so nobody learns which are registered).
pub fn warn_owner(conn: &mut DbConn, sealer: &Sealer, email: &str) -> Result<(), ApiError> {
    let Some(owner) = users::find_by_email(conn, email)? else {
        return Ok(());
    };
    mail::queue(
        conn,
        sealer,
        &owner.email,
        &Mail::RegistrationAttempt,
        &owner.locale,
    )?;
    Ok(())
}

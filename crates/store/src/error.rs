//! Store errors, with database constraint violations mapped to domain meanings.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// What the store can report to its callers.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No row matched.
    #[error("not found")]
    NotFound,
    /// A unique or foreign-key constraint (or a state rule) refused the change; carries a message
    /// for the client, never the database's own text.
    #[error("conflict: {0}")]
    Conflict(String),
    /// No connection could be had from the pool.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(DieselError),
    /// A unique value is already taken; names the input field.
    #[error("{field} is already registered")]
    Duplicate {
        /// Input field whose value is taken.
        field: &'static str,
    },
    /// An input refers to something that doesn't exist or can't be used.
    #[error("{message}")]
    Invalid {
        /// Input field at fault.
        field: &'static str,
        /// Explanation.
        message: String,
    },
    /// Stored data that doesn't parse (a bug or a manual edit).
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

impl From<DieselError> for StoreError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => StoreError::NotFound,
            DieselError::DatabaseError(
                kind @ (DatabaseErrorKind::UniqueViolation | DatabaseErrorKind::ForeignKeyViolation),
                info,
            ) => {
                tracing::debug!(constraint = ?info.constraint_name(), message = info.message(), "constraint refused a change");
                StoreError::Conflict(
                    conflict_message(kind, info.constraint_name(), info.message()).to_owned(),
                )
            }
            other => StoreError::Database(other),
        }
    }
}

/// What a client is told when a constraint refuses a change: a known constraint in words, any
/// other in general terms (the database's text names tables and columns; it stays in the log).
fn conflict_message(kind: DatabaseErrorKind, constraint: Option<&str>, message: &str) -> &'static str {
    let named = |part: &str| constraint.is_some_and(|c| c.contains(part)) || message.contains(part);
    match kind {
        DatabaseErrorKind::UniqueViolation if named("users_one_admin") => "the company already has an admin",
        DatabaseErrorKind::UniqueViolation if named("email") => "this email is already registered",
        DatabaseErrorKind::UniqueViolation if named("name_key") => "this name is already taken",
        DatabaseErrorKind::UniqueViolation => "this change conflicts with an existing record",
        _ => "this change refers to a record that does not exist or is still in use",
    }
}

impl From<diesel::r2d2::PoolError> for StoreError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        StoreError::Unavailable(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_never_carry_database_text() {
        let unique = DatabaseErrorKind::UniqueViolation;
        assert_eq!(
            conflict_message(unique, None, "UNIQUE constraint failed: users.email"),
            "this email is already registered"
        );
        assert_eq!(
            conflict_message(
                unique,
                Some("users_one_admin"),
                "duplicate key value violates unique constraint"
            ),
            "the company already has an admin"
        );
        let other = conflict_message(unique, Some("media_sha256_key"), "duplicate key value in media");
        assert!(!other.contains("media"));
        let fk = conflict_message(
            DatabaseErrorKind::ForeignKeyViolation,
            None,
            "FOREIGN KEY constraint failed",
        );
        assert!(!fk.contains("FOREIGN"));
    }
}

//! Store errors, with database constraint violations mapped to domain meanings.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// What the store can report to its callers.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No row matched.
    #[error("not found")]
    NotFound,
    /// A unique or foreign-key constraint refused the change; carries the constraint's message.
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
                DatabaseErrorKind::UniqueViolation | DatabaseErrorKind::ForeignKeyViolation,
                info,
            ) => StoreError::Conflict(info.message().to_owned()),
            other => StoreError::Database(other),
        }
    }
}

impl From<diesel::r2d2::PoolError> for StoreError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        StoreError::Unavailable(error.to_string())
    }
}

//! Records of uploaded company files; the bytes live in the storage backend under `storage_key`.

use diesel::prelude::*;
use rc_types::accounts::CompanyFile;

use crate::db::{DbConn, now};
use crate::error::StoreError;
use crate::schema::company_files;

/// A file to record.
#[derive(Debug, Clone)]
pub struct NewFile {
    /// Name as uploaded.
    pub file_name: String,
    /// Detected content type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Key in the storage backend.
    pub storage_key: String,
}

/// A stored file record.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = company_files)]
pub struct FileRow {
    id: i64,
    /// Owning company.
    pub company_id: i64,
    /// Name as uploaded.
    pub file_name: String,
    /// Detected content type.
    pub content_type: String,
    size_bytes: i64,
    /// Key in the storage backend.
    pub storage_key: String,
    created_at: chrono::NaiveDateTime,
}

impl FileRow {
    fn into_api(self) -> CompanyFile {
        CompanyFile {
            id: self.id,
            file_name: self.file_name,
            content_type: self.content_type,
            size_bytes: u64::try_from(self.size_bytes).unwrap_or(0),
            created_at: self.created_at.and_utc(),
        }
    }
}

/// Records a file of `company_id`.
pub fn insert(conn: &mut DbConn, company_id: i64, file: &NewFile) -> Result<(), StoreError> {
    diesel::insert_into(company_files::table)
        .values((
            company_files::company_id.eq(company_id),
            company_files::file_name.eq(&file.file_name),
            company_files::content_type.eq(&file.content_type),
            company_files::size_bytes.eq(file.size_bytes),
            company_files::storage_key.eq(&file.storage_key),
            company_files::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Files of a company.
pub fn list(conn: &mut DbConn, company_id: i64) -> Result<Vec<CompanyFile>, StoreError> {
    Ok(company_files::table
        .filter(company_files::company_id.eq(company_id))
        .order(company_files::id.asc())
        .select(FileRow::as_select())
        .load::<FileRow>(conn)?
        .into_iter()
        .map(FileRow::into_api)
        .collect())
}

/// One file record.
pub fn get(conn: &mut DbConn, id: i64) -> Result<FileRow, StoreError> {
    Ok(company_files::table
        .find(id)
        .select(FileRow::as_select())
        .first(conn)?)
}

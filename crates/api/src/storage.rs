//! File storage behind the `object_store` abstraction: a local folder by default; the same
//! interface serves object stores when the deployment scales out.

use std::path::Path;
use std::sync::Arc;

use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::error::ApiError;

/// Where uploaded files live.
#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileStore({})", self.inner)
    }
}

impl FileStore {
    /// A store rooted at `dir` (created when missing).
    pub fn local(dir: &Path) -> anyhow::Result<FileStore> {
        std::fs::create_dir_all(dir)?;
        Ok(FileStore {
            inner: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
        })
    }

    /// Stores `bytes` under `key`.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), ApiError> {
        self.inner
            .put(&ObjectPath::from(key), PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(|e| ApiError::Internal(format!("storing {key}: {e}")))
    }

    /// Removes `key` (best effort: used to undo a failed registration).
    pub async fn delete(&self, key: &str) {
        if let Err(e) = self.inner.delete(&ObjectPath::from(key)).await {
            tracing::warn!(key, error = %e, "could not delete an orphaned upload");
        }
    }

    /// Reads the bytes under `key`.
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, ApiError> {
        let result = self
            .inner
            .get(&ObjectPath::from(key))
            .await
            .map_err(|e| match e {
                object_store::Error::NotFound { .. } => ApiError::NotFound("file not found".to_owned()),
                other => ApiError::Internal(format!("reading {key}: {other}")),
            })?;
        let bytes = result
            .bytes()
            .await
            .map_err(|e| ApiError::Internal(format!("reading {key}: {e}")))?;
        Ok(bytes.to_vec())
    }
}

//! File storage behind the `object_store` abstraction: a local folder by default, an S3-compatible
//! object store (`UPLOAD_URL=s3://bucket/prefix`) when several servers share the files.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::config::Settings;
use crate::error::ApiError;

/// Where uploaded files live.
#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
    /// Key prefix inside the store (the path part of `UPLOAD_URL`).
    prefix: ObjectPath,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileStore({})", self.inner)
    }
}

impl FileStore {
    /// The store the settings ask for: `upload_url` when set, else the `upload_dir` folder.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<FileStore> {
        match &settings.upload_url {
            Some(url) => {
                // The standard AWS_* variables (keys, region, endpoint, allow-http), then the
                // settings' own options, which win.
                let mut options: Vec<(String, String)> = std::env::vars()
                    .filter(|(key, _)| key.starts_with("AWS_"))
                    .collect();
                options.extend(settings.upload_options.iter().cloned());
                FileStore::from_url(url, options)
            }
            None => FileStore::local(&settings.upload_dir),
        }
    }

    /// A store rooted at `dir` (created when missing).
    pub fn local(dir: &Path) -> anyhow::Result<FileStore> {
        std::fs::create_dir_all(dir)?;
        Ok(FileStore {
            inner: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
            prefix: ObjectPath::default(),
        })
    }

    /// A store at `url` (`s3://bucket/prefix`, `file:///abs/dir`, `memory:///`) configured by
    /// `options` such as `aws_endpoint` or `aws_access_key_id`.
    pub fn from_url(url: &str, options: Vec<(String, String)>) -> anyhow::Result<FileStore> {
        let parsed = url::Url::parse(url).with_context(|| format!("UPLOAD_URL {url:?} is not a URL"))?;
        let (store, prefix) = object_store::parse_url_opts(&parsed, options)
            .with_context(|| format!("UPLOAD_URL {url:?}: unsupported or misconfigured store"))?;
        Ok(FileStore {
            inner: Arc::from(store),
            prefix,
        })
    }

    fn path(&self, key: &str) -> ObjectPath {
        self.prefix.parts().chain(ObjectPath::from(key).parts()).collect()
    }

    /// Stores `bytes` under `key`.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), ApiError> {
        self.inner
            .put(&self.path(key), PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(|e| ApiError::Internal(format!("storing {key}: {e}")))
    }

    /// Streams the file at `path` to `key` in chunks (an upload is never held whole in memory).
    pub async fn put_file(&self, key: &str, path: &Path) -> Result<(), ApiError> {
        use tokio::io::AsyncReadExt as _;
        let failed = |e: &dyn std::fmt::Display| ApiError::Internal(format!("storing {key}: {e}"));
        let mut file = tokio::fs::File::open(path).await.map_err(|e| failed(&e))?;
        let upload = self
            .inner
            .put_multipart(&self.path(key))
            .await
            .map_err(|e| failed(&e))?;
        let mut writer = object_store::WriteMultipart::new(upload);
        let mut buffer = vec![0_u8; 1024 * 1024];
        loop {
            let read = match file.read(&mut buffer).await {
                Ok(read) => read,
                Err(e) => {
                    let _ = writer.abort().await;
                    return Err(failed(&e));
                }
            };
            if read == 0 {
                break;
            }
            writer.wait_for_capacity(2).await.map_err(|e| failed(&e))?;
            writer.write(&buffer[..read]);
        }
        writer.finish().await.map(|_| ()).map_err(|e| failed(&e))
    }

    /// Removes `key` (best effort: used to undo a failed registration).
    pub async fn delete(&self, key: &str) {
        if let Err(e) = self.inner.delete(&self.path(key)).await {
            tracing::warn!(key, error = %e, "could not delete an orphaned upload");
        }
    }

    /// Reads the bytes under `key`.
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, ApiError> {
        let result = self.inner.get(&self.path(key)).await.map_err(|e| match e {
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

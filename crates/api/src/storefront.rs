//! The storefront's read side at speed: an in-memory keyword index and a cache of serialized
//! responses, both kept fresh by the storefront epoch.
//!
//! Every operator edit bumps the epoch in its own transaction. The server that made the edit syncs
//! at once; every server also polls the epoch each second, so a fleet converges within a second.
//! A sync drops the cache (entries are keyed by epoch, so a response computed before the edit can't
//! be served after it) and re-indexes the solutions changed since the last sync.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use actix_web::web::Bytes;
use chrono::NaiveDateTime;
use quick_cache::sync::Cache;
use rc_search::SearchIndex;
use rc_store::{DbConn, Pool, StoreError, catalog, epochs};

/// Responses kept at most (list pages, details, home, searches).
const CACHE_ENTRIES: usize = 20_000;
/// Re-index solutions changed this long before the previous sync too (clock skew between servers).
const SYNC_OVERLAP_SECS: i64 = 5;

/// Index, cache and the epoch they reflect.
pub struct Storefront {
    /// Keyword index of published solutions.
    pub index: SearchIndex,
    cache: Cache<String, Bytes>,
    epoch: AtomicI64,
    last_sync: Mutex<NaiveDateTime>,
}

impl std::fmt::Debug for Storefront {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Storefront(epoch {}, {:?})",
            self.epoch.load(Ordering::Relaxed),
            self.index
        )
    }
}

fn index_error(e: rc_search::SearchError) -> StoreError {
    StoreError::Corrupt(format!("search index: {e}"))
}

impl Storefront {
    /// Indexes every published solution.
    pub fn load(conn: &mut DbConn) -> Result<Storefront, StoreError> {
        let started = chrono::Utc::now().naive_utc();
        let epoch = epochs::storefront(conn)?;
        let (docs, _) = catalog::search_feed(conn, None)?;
        let index = SearchIndex::new().map_err(index_error)?;
        let count = docs.len();
        index.rebuild(docs).map_err(index_error)?;
        tracing::info!(solutions = count, "search index built");
        Ok(Storefront {
            index,
            cache: Cache::new(CACHE_ENTRIES),
            epoch: AtomicI64::new(epoch),
            last_sync: Mutex::new(started),
        })
    }

    /// The cache key of `uri` at the current epoch.
    pub fn key(&self, uri: &str) -> String {
        format!("{}|{uri}", self.epoch.load(Ordering::Acquire))
    }

    /// The cached body under `key`, or `compute`'s, cached. Concurrent misses of one key wait
    /// for a single computation instead of all hitting the database.
    pub async fn get_or_compute<E>(
        &self,
        key: &str,
        compute: impl Future<Output = Result<Bytes, E>>,
    ) -> Result<Bytes, E> {
        self.cache.get_or_insert_async(key, compute).await
    }

    /// Catches up with the database's epoch: clears the cache and re-indexes changed solutions.
    /// Cheap when nothing changed (one indexed read).
    pub fn sync(&self, conn: &mut DbConn) -> Result<(), StoreError> {
        let current = epochs::storefront(conn)?;
        if current == self.epoch.load(Ordering::Acquire) {
            return Ok(());
        }
        let started = chrono::Utc::now().naive_utc();
        let since = {
            let last = self
                .last_sync
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *last - chrono::Duration::seconds(SYNC_OVERLAP_SECS)
        };
        let (docs, removed) = catalog::search_feed(conn, Some(since))?;
        self.index.update(&docs, &removed).map_err(index_error)?;
        *self
            .last_sync
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = started;
        self.epoch.store(current, Ordering::Release);
        self.cache.clear();
        tracing::debug!(
            epoch = current,
            reindexed = docs.len(),
            removed = removed.len(),
            "storefront synced"
        );
        Ok(())
    }
}

/// Polls the epoch every second (other servers' edits) until the runtime stops.
pub async fn poll(pool: Pool, storefront: std::sync::Arc<Storefront>) {
    let mut ticker = tokio::time::interval(Duration::from_secs(1));
    loop {
        ticker.tick().await;
        let (pool, storefront) = (pool.clone(), storefront.clone());
        let result = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            storefront.sync(&mut conn)
        })
        .await;
        if let Ok(Err(e)) = result {
            tracing::warn!(error = %e, "storefront sync failed");
        }
    }
}

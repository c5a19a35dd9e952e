//! The storefront's read side at speed: an in-memory keyword index, the published solutions'
//! summaries ([`shelf`]) and a cache of serialized responses, all kept fresh by the storefront epoch.
//!
//! Every operator edit bumps the epoch in its own transaction. The server that made the edit syncs
//! at once; every server also polls the epoch each second, so a fleet converges within a second.
//! A sync drops the cache (entries are keyed by epoch, so a response computed before the edit can't
//! be served after it) and re-indexes the solutions changed since the last sync.

pub mod shelf;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use actix_web::web::Bytes;
use chrono::NaiveDateTime;
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use rc_search::SearchIndex;
use rc_store::{DbConn, Pool, StoreError, catalog, epochs};

use self::shelf::Shelf;

/// Responses the cache's tables are sized for (it grows past this if the memory allows).
const CACHE_ITEMS: usize = 100_000;
/// Re-index solutions changed this long before the previous sync too (clock skew between servers).
const SYNC_OVERLAP_SECS: i64 = 5;

/// Weighs a cached response by its bytes: a large detail page costs more room than a small list page.
#[derive(Debug, Clone, Copy)]
struct ResponseBytes;

impl Weighter<String, Bytes> for ResponseBytes {
    fn weight(&self, key: &String, body: &Bytes) -> u64 {
        u64::try_from(key.len() + body.len()).unwrap_or(u64::MAX)
    }
}

/// Index, cache and the epoch they reflect.
pub struct Storefront {
    /// Keyword index of published solutions.
    pub index: SearchIndex,
    shelf: RwLock<Arc<Shelf>>,
    cache: Cache<String, Bytes, ResponseBytes>,
    epoch: AtomicI64,
    /// When the last sync started; held while a sync runs.
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
    /// Indexes and shelves every published solution; responses are cached in up to `cache_bytes`.
    pub fn load(conn: &mut DbConn, cache_bytes: u64) -> Result<Storefront, StoreError> {
        let started = chrono::Utc::now().naive_utc();
        let epoch = epochs::storefront(conn)?;
        let (items, _) = catalog::search_feed(conn, None)?;
        let index = SearchIndex::new().map_err(index_error)?;
        let count = items.len();
        index
            .rebuild(items.iter().map(|item| &item.doc))
            .map_err(index_error)?;
        let shelf = Shelf::new(items);
        tracing::info!(solutions = count, "search index built");
        Ok(Storefront {
            index,
            shelf: RwLock::new(Arc::new(shelf)),
            cache: Cache::with_weighter(CACHE_ITEMS, cache_bytes, ResponseBytes),
            epoch: AtomicI64::new(epoch),
            last_sync: Mutex::new(started),
        })
    }

    /// The published solutions' summaries as of the last sync.
    pub fn shelf(&self) -> Arc<Shelf> {
        self.shelf
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
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

    /// Catches up with the database's epoch: re-indexes and re-shelves changed solutions and
    /// clears the cache. Cheap when nothing changed (one indexed read); one sync runs at a time.
    pub fn sync(&self, conn: &mut DbConn) -> Result<(), StoreError> {
        let mut last_sync = self
            .last_sync
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let current = epochs::storefront(conn)?;
        if current == self.epoch.load(Ordering::Acquire) {
            return Ok(());
        }
        let started = chrono::Utc::now().naive_utc();
        let since = *last_sync - chrono::Duration::seconds(SYNC_OVERLAP_SECS);
        let (items, removed) = catalog::search_feed(conn, Some(since))?;
        let reindexed = items.len();
        let docs: Vec<&rc_search::SearchDoc> = items.iter().map(|item| &item.doc).collect();
        self.index.update(&docs, &removed).map_err(index_error)?;
        let next_shelf = self.shelf().with_changes(items, &removed);
        *self
            .shelf
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(next_shelf);
        *last_sync = started;
        self.epoch.store(current, Ordering::Release);
        self.cache.clear();
        tracing::debug!(
            epoch = current,
            reindexed,
            removed = removed.len(),
            "storefront synced"
        );
        Ok(())
    }
}

/// Polls the epoch every second (other servers' edits) until the runtime stops.
pub async fn poll(pool: Pool, storefront: Arc<Storefront>) {
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

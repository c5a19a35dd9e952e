//! The time the order deadlines are judged by: the real clock, moved forward only by the
//! development test clock (`POST /api/v1/dev/clock`, `APP_ENV=development` only), so an e2e
//! journey can see an unpaid order time out without waiting 15 minutes.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{NaiveDateTime, TimeDelta};

/// The real time plus a test offset (0 outside development).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// Now, as the deadlines see it.
    pub fn now(&self) -> NaiveDateTime {
        rc_store::db::now() + TimeDelta::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    /// Moves this server's clock forward by `seconds` (development only; the caller checks).
    pub fn advance(&self, seconds: i64) {
        self.offset_seconds.fetch_add(seconds, Ordering::Relaxed);
    }
}

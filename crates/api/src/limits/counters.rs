//! The counters behind the rate limits: in this process's memory (the embedded default, when no
//! `REDIS_URL` is set) or in Redis, shared by every server. Every key expires when idle. Should
//! Redis fail, the counters fall back to memory (logged) rather than refuse every request.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use redis::aio::ConnectionManager;

/// Hits in the current fixed window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Hits so far, this one included.
    pub count: u64,
    /// Until the window ends.
    pub resets_in: Duration,
}

/// A run of failures (failed logins of one account).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// Failures in the run.
    pub count: u64,
    /// When the last one happened (Unix milliseconds).
    pub last_ms: u64,
}

/// Where the counters live.
pub enum Counters {
    /// This process only.
    Memory(Memory),
    /// Redis, shared by every server; `fallback` serves while Redis is unreachable.
    Redis {
        /// The connection (reconnects by itself).
        connection: ConnectionManager,
        /// Key prefix (one deployment, or one test, per prefix).
        prefix: String,
        /// Used while Redis fails.
        fallback: Memory,
    },
}

impl std::fmt::Debug for Counters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Counters::Memory(_) => "Counters::Memory",
            Counters::Redis { .. } => "Counters::Redis",
        })
    }
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// INCR with the window's expiry set on the first hit; returns the count and the time left.
const HIT: &str = r"
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}";

/// Counts a failure, stamps it, and keeps the run for ARGV[2] ms after the last one.
const FAIL: &str = r"
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('HSET', KEYS[1], 'last', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return n";

impl Counters {
    /// Counters in this process's memory.
    pub fn memory() -> Counters {
        Counters::Memory(Memory::default())
    }

    /// Counters in the Redis at `url`, under `prefix`; connects lazily (and again after a failure).
    pub fn redis(url: &str, prefix: &str) -> anyhow::Result<Counters> {
        let client = redis::Client::open(url).map_err(|e| anyhow::anyhow!("REDIS_URL is invalid: {e}"))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(Duration::from_millis(500)))
            .set_number_of_retries(1);
        let connection = client
            .get_connection_manager_lazy(config)
            .map_err(|e| anyhow::anyhow!("Redis connection: {e}"))?;
        Ok(Counters::Redis {
            connection,
            prefix: format!("{prefix}:"),
            fallback: Memory::default(),
        })
    }

    /// Counts a hit on `key` in its fixed window of `window`.
    pub async fn hit(&self, key: &str, window: Duration) -> Window {
        match self {
            Counters::Memory(memory) => memory.hit(key, window),
            Counters::Redis {
                connection,
                prefix,
                fallback,
            } => {
                let script = redis::Script::new(HIT);
                let mut connection = connection.clone();
                let answer: redis::RedisResult<(u64, i64)> = script
                    .key(format!("{prefix}{key}"))
                    .arg(millis(window))
                    .invoke_async(&mut connection)
                    .await;
                match answer {
                    Ok((count, ttl_ms)) => Window {
                        count,
                        resets_in: Duration::from_millis(u64::try_from(ttl_ms).unwrap_or(0)),
                    },
                    Err(error) => {
                        tracing::warn!(%error, "Redis unavailable: rate limits counted in memory");
                        fallback.hit(key, window)
                    }
                }
            }
        }
    }

    /// The current run of failures of `key`, if any.
    pub async fn failures(&self, key: &str) -> Option<Failures> {
        match self {
            Counters::Memory(memory) => memory.failures(key),
            Counters::Redis {
                connection,
                prefix,
                fallback,
            } => {
                let mut connection = connection.clone();
                let answer: redis::RedisResult<(Option<u64>, Option<u64>)> = redis::cmd("HMGET")
                    .arg(format!("{prefix}{key}"))
                    .arg("n")
                    .arg("last")
                    .query_async(&mut connection)
                    .await;
                match answer {
                    Ok((Some(count), Some(last_ms))) => Some(Failures { count, last_ms }),
                    Ok(_) => None,
                    Err(error) => {
                        tracing::warn!(%error, "Redis unavailable: failures counted in memory");
                        fallback.failures(key)
                    }
                }
            }
        }
    }

    /// Adds a failure to `key`'s run, forgotten `keep` after the last one.
    pub async fn record_failure(&self, key: &str, keep: Duration) {
        match self {
            Counters::Memory(memory) => memory.record_failure(key, keep),
            Counters::Redis {
                connection,
                prefix,
                fallback,
            } => {
                let mut connection = connection.clone();
                let answer: redis::RedisResult<u64> = redis::Script::new(FAIL)
                    .key(format!("{prefix}{key}"))
                    .arg(now_ms())
                    .arg(millis(keep))
                    .invoke_async(&mut connection)
                    .await;
                if let Err(error) = answer {
                    tracing::warn!(%error, "Redis unavailable: failures counted in memory");
                    fallback.record_failure(key, keep);
                }
            }
        }
    }

    /// Forgets `key` (a run of failures after a success).
    pub async fn clear(&self, key: &str) {
        match self {
            Counters::Memory(memory) => memory.clear(key),
            Counters::Redis {
                connection,
                prefix,
                fallback,
            } => {
                fallback.clear(key);
                let mut connection = connection.clone();
                let answer: redis::RedisResult<()> = redis::cmd("DEL")
                    .arg(format!("{prefix}{key}"))
                    .query_async(&mut connection)
                    .await;
                if let Err(error) = answer {
                    tracing::warn!(%error, "Redis unavailable: could not clear a counter");
                }
            }
        }
    }

    /// Sets `key` for `keep` (an address a user signed in from).
    pub async fn flag(&self, key: &str, keep: Duration) {
        match self {
            Counters::Memory(memory) => memory.flag(key, keep),
            Counters::Redis {
                connection,
                prefix,
                fallback,
            } => {
                let mut connection = connection.clone();
                let answer: redis::RedisResult<()> = redis::cmd("SET")
                    .arg(format!("{prefix}{key}"))
                    .arg(1)
                    .arg("PX")
                    .arg(millis(keep))
                    .query_async(&mut connection)
                    .await;
                if let Err(error) = answer {
                    tracing::warn!(%error, "Redis unavailable: flag kept in memory");
                    fallback.flag(key, keep);
                }
            }
        }
    }

    /// Whether `key` is set.
    pub async fn flagged(&self, key: &str) -> bool {
        match self {
            Counters::Memory(memory) => memory.flagged(key),
            Counters::Redis {
                connection,
                prefix,
                fallback,
            } => {
                let mut connection = connection.clone();
                let answer: redis::RedisResult<bool> = redis::cmd("EXISTS")
                    .arg(format!("{prefix}{key}"))
                    .query_async(&mut connection)
                    .await;
                answer.unwrap_or_else(|_| fallback.flagged(key))
            }
        }
    }
}

/// One key's state in memory.
#[derive(Debug, Clone, Copy)]
struct Entry {
    count: u64,
    last_ms: u64,
    expires: Instant,
}

/// In-process counters; expired keys are swept at most once a minute.
#[derive(Debug)]
pub struct Memory {
    entries: Mutex<(HashMap<String, Entry>, Instant)>,
}

impl Default for Memory {
    fn default() -> Memory {
        Memory {
            entries: Mutex::new((HashMap::new(), Instant::now())),
        }
    }
}

impl Memory {
    /// Runs `f` on the live entries, sweeping expired ones first when a minute has passed.
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, Entry>, Instant) -> T) -> T {
        let mut guard = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        let (entries, swept) = &mut *guard;
        if now.duration_since(*swept) >= Duration::from_secs(60) {
            entries.retain(|_, entry| entry.expires > now);
            *swept = now;
        }
        f(entries, now)
    }

    fn live(entries: &mut HashMap<String, Entry>, key: &str, now: Instant) -> Option<Entry> {
        match entries.get(key) {
            Some(entry) if entry.expires > now => Some(*entry),
            Some(_) => {
                entries.remove(key);
                None
            }
            None => None,
        }
    }

    fn hit(&self, key: &str, window: Duration) -> Window {
        self.with(|entries, now| {
            let mut entry = Self::live(entries, key, now).unwrap_or(Entry {
                count: 0,
                last_ms: 0,
                expires: now + window,
            });
            entry.count += 1;
            entries.insert(key.to_owned(), entry);
            Window {
                count: entry.count,
                resets_in: entry.expires.duration_since(now),
            }
        })
    }

    fn failures(&self, key: &str) -> Option<Failures> {
        self.with(|entries, now| {
            Self::live(entries, key, now).map(|entry| Failures {
                count: entry.count,
                last_ms: entry.last_ms,
            })
        })
    }

    fn record_failure(&self, key: &str, keep: Duration) {
        self.with(|entries, now| {
            let count = Self::live(entries, key, now).map_or(0, |entry| entry.count) + 1;
            entries.insert(
                key.to_owned(),
                Entry {
                    count,
                    last_ms: now_ms(),
                    expires: now + keep,
                },
            );
        });
    }

    fn clear(&self, key: &str) {
        self.with(|entries, _| entries.remove(key));
    }

    fn flag(&self, key: &str, keep: Duration) {
        self.with(|entries, now| {
            entries.insert(
                key.to_owned(),
                Entry {
                    count: 1,
                    last_ms: now_ms(),
                    expires: now + keep,
                },
            );
        });
    }

    fn flagged(&self, key: &str) -> bool {
        self.with(|entries, now| Self::live(entries, key, now).is_some())
    }

    /// Keys held (expired ones not yet swept included); for tests of the sweep.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.with(|entries, _| entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_count_and_expire() {
        let memory = Memory::default();
        assert_eq!(memory.hit("a", Duration::from_secs(60)).count, 1);
        assert_eq!(memory.hit("a", Duration::from_secs(60)).count, 2);
        assert_eq!(memory.hit("b", Duration::from_millis(1)).count, 1);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(memory.hit("b", Duration::from_millis(1)).count, 1, "a new window");
        memory.record_failure("f", Duration::from_secs(60));
        memory.record_failure("f", Duration::from_secs(60));
        assert_eq!(memory.failures("f").map(|f| f.count), Some(2));
        memory.clear("f");
        assert_eq!(memory.failures("f"), None);
    }

    #[test]
    fn idle_keys_are_swept() {
        let memory = Memory::default();
        for i in 0..100 {
            memory.hit(&format!("k{i}"), Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(5));
        memory.entries.lock().unwrap().1 = Instant::now().checked_sub(Duration::from_secs(61)).unwrap();
        memory.hit("fresh", Duration::from_secs(60));
        assert_eq!(memory.len(), 1, "expired keys are gone");
    }
}

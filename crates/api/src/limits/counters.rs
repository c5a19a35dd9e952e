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

/// A turn in a run of attempts (ARGV: now ms, keep ms, free attempts, longest delay ms): after
/// the free ones each attempt waits 1 s doubling since the last; returns 0 and counts the attempt,
/// or the milliseconds still to wait (counting nothing). Check and count are one step.
const TURN: &str = r"
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
local now = tonumber(ARGV[1])
local free = tonumber(ARGV[3])
local delay = 0
if n >= free then delay = math.min(math.pow(2, math.min(n - free, 16)) * 1000, tonumber(ARGV[4])) end
if now < last + delay then return math.floor(last + delay - now) end
redis.call('HSET', KEYS[1], 'n', n + 1, 'last', now)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0";

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

    /// Takes a turn in `key`'s run of attempts, forgotten `keep` after the last one: `None` when
    /// it may go ahead (and is counted), else how long to wait. `delay` maps the attempts so far
    /// to the wait after the last one ([`super::delay_after`]).
    pub async fn take_turn(&self, key: &str, keep: Duration) -> Option<Duration> {
        match self {
            Counters::Memory(memory) => memory.take_turn(key, keep),
            Counters::Redis {
                connection,
                prefix,
                fallback,
            } => {
                let mut connection = connection.clone();
                let answer: redis::RedisResult<u64> = redis::Script::new(TURN)
                    .key(format!("{prefix}{key}"))
                    .arg(now_ms())
                    .arg(millis(keep))
                    .arg(super::FREE_FAILURES)
                    .arg(millis(super::MAX_DELAY))
                    .invoke_async(&mut connection)
                    .await;
                match answer {
                    Ok(0) => None,
                    Ok(wait_ms) => Some(Duration::from_millis(wait_ms)),
                    Err(error) => {
                        tracing::warn!(%error, "Redis unavailable: login delays counted in memory");
                        fallback.take_turn(key, keep)
                    }
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
        if now.duration_since(*swept) >= Duration::from_mins(1) {
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

    fn take_turn(&self, key: &str, keep: Duration) -> Option<Duration> {
        self.with(|entries, now| {
            let (count, last_ms) = Self::live(entries, key, now).map_or((0, 0), |e| (e.count, e.last_ms));
            let ready_at = last_ms.saturating_add(millis(super::delay_after(count)));
            let now_ms = now_ms();
            if now_ms < ready_at {
                return Some(Duration::from_millis(ready_at - now_ms));
            }
            entries.insert(
                key.to_owned(),
                Entry {
                    count: count + 1,
                    last_ms: now_ms,
                    expires: now + keep,
                },
            );
            None
        })
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
        assert_eq!(memory.hit("a", Duration::from_mins(1)).count, 1);
        assert_eq!(memory.hit("a", Duration::from_mins(1)).count, 2);
        assert_eq!(memory.hit("b", Duration::from_millis(1)).count, 1);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(memory.hit("b", Duration::from_millis(1)).count, 1, "a new window");
        for _ in 0..super::super::FREE_FAILURES {
            assert_eq!(
                memory.take_turn("f", Duration::from_mins(1)),
                None,
                "free attempts"
            );
        }
        let wait = memory
            .take_turn("f", Duration::from_mins(1))
            .expect("the sixth waits");
        assert!(
            wait <= Duration::from_secs(1) && wait > Duration::from_millis(500),
            "{wait:?}"
        );
        memory.clear("f");
        assert_eq!(memory.take_turn("f", Duration::from_mins(1)), None);
    }

    #[test]
    fn idle_keys_are_swept() {
        let memory = Memory::default();
        for i in 0..100 {
            memory.hit(&format!("k{i}"), Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(5));
        memory.entries.lock().unwrap().1 = Instant::now().checked_sub(Duration::from_mins(2)).unwrap();
        memory.hit("fresh", Duration::from_mins(1));
        assert_eq!(memory.len(), 1, "expired keys are gone");
    }
}

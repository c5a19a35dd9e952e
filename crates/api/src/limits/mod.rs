//! Rate limits, per visitor and per account, that hold behind a proxy and across servers:
//! fixed one-minute windows per client address (from `X-Forwarded-For` only through trusted
//! proxies), per address and account for logins, and per account across all addresses a growing
//! delay after repeated failed logins — skipped for an address the user signed in from before, so
//! an attacker elsewhere slows only themselves and never locks the real user out. Counters live in
//! Redis when `REDIS_URL` is set (shared by every server), otherwise in memory.

mod client_ip;
mod counters;

use std::net::IpAddr;
use std::time::Duration;

pub use client_ip::TrustedProxies;
pub use counters::Counters;

use crate::error::ApiError;

/// The window every per-minute quota counts in.
const WINDOW: Duration = Duration::from_mins(1);
/// Logins of one account, from addresses it never signed in from, before delays start (a
/// success ends the run).
pub const FREE_FAILURES: u64 = 5;
/// The longest delay between failed logins of one account.
pub const MAX_DELAY: Duration = Duration::from_mins(5);
/// A run of attempts is forgotten this long after its last one.
const FAILURES_KEPT: Duration = Duration::from_hours(1);
/// An address a user signed in from counts as theirs this long.
const KNOWN_ADDRESS_KEPT: Duration = Duration::from_hours(30 * 24);

/// Mails to one account per hour triggered by anonymous requests (password resets).
pub const ACCOUNT_MAILS_PER_HOUR: u64 = 3;

/// Per-minute quotas.
#[derive(Debug, Clone, Copy)]
pub struct Quotas {
    /// Login attempts per address.
    pub login_ip: u64,
    /// Login attempts per address and account.
    pub login_account: u64,
    /// Public form submissions per address.
    pub forms_ip: u64,
    /// Slider challenges per address.
    pub challenges_ip: u64,
}

/// The server's rate limits.
#[derive(Debug)]
pub struct Limits {
    quotas: Quotas,
    counters: Counters,
    proxies: TrustedProxies,
}

impl Limits {
    /// Production limits: 30 login attempts/min per address, 5/min per address and account,
    /// 10 forms/min per address (slider challenges: twice the login rate), in memory.
    pub fn standard() -> Limits {
        Limits::with(30, 5, 10)
    }

    /// Custom limits in memory (tests use small ones).
    pub fn with(login_ip: u32, login_account: u32, forms_ip: u32) -> Limits {
        Limits {
            quotas: Quotas {
                login_ip: u64::from(login_ip),
                login_account: u64::from(login_account),
                forms_ip: u64::from(forms_ip),
                challenges_ip: u64::from(login_ip) * 2,
            },
            counters: Counters::memory(),
            proxies: TrustedProxies::default(),
        }
    }

    /// The same quotas counted in `counters` (Redis, shared by every server).
    #[must_use]
    pub fn counted_in(mut self, counters: Counters) -> Limits {
        self.counters = counters;
        self
    }

    /// The same limits, believing `X-Forwarded-For` from `proxies`.
    #[must_use]
    pub fn behind(mut self, proxies: TrustedProxies) -> Limits {
        self.proxies = proxies;
        self
    }

    /// The client's address (see [`TrustedProxies::client`]).
    pub fn client_ip(&self, req: &actix_web::HttpRequest) -> IpAddr {
        let peer = req
            .peer_addr()
            .map_or(IpAddr::from([127, 0, 0, 1]), |addr| addr.ip());
        let forwarded: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|value| value.to_str().ok())
            .collect();
        self.proxies.client(peer, &forwarded)
    }

    async fn check(&self, key: &str, quota: u64) -> Result<(), ApiError> {
        let window = self.counters.hit(key, WINDOW).await;
        if window.count > quota {
            return Err(ApiError::RateLimited(window.resets_in.as_secs().max(1)));
        }
        Ok(())
    }

    /// One login attempt from `ip` for `email`: the per-address and per-address-and-account
    /// quotas, then the account's delay after repeated failures (not for an address it signed
    /// in from before).
    pub async fn login(&self, ip: IpAddr, email: &str) -> Result<(), ApiError> {
        let (account, ip) = (account_key(email), ip_key(ip));
        self.check(&format!("login-ip:{ip}"), self.quotas.login_ip)
            .await?;
        self.check(&format!("login-acct:{ip}:{account}"), self.quotas.login_account)
            .await?;
        if self.counters.flagged(&known_key(ip, &account)).await {
            return Ok(());
        }
        // Checked and counted in one step, so parallel guesses can't all slip through a gap.
        match self
            .counters
            .take_turn(&attempts_key(&account), FAILURES_KEPT)
            .await
        {
            Some(wait) => Err(ApiError::RateLimited(wait.as_secs().max(1))),
            None => Ok(()),
        }
    }

    /// A login for `email` from `ip` succeeded: the run of failures ends and the address is the
    /// user's own from now on.
    pub async fn login_succeeded(&self, ip: IpAddr, email: &str) {
        let account = account_key(email);
        self.counters.clear(&attempts_key(&account)).await;
        self.counters
            .flag(&known_key(ip_key(ip), &account), KNOWN_ADDRESS_KEPT)
            .await;
    }

    /// Whether another anonymously requested mail (a reset link, a registration notice) may go
    /// to the account `email` this hour; a request from an address the user signed in from is
    /// neither limited nor counted, so strangers can't use up the owner's own resets.
    pub async fn account_mail(&self, ip: IpAddr, email: &str) -> bool {
        let account = account_key(email);
        if self.counters.flagged(&known_key(ip_key(ip), &account)).await {
            return true;
        }
        let key = format!("account-mail:{account}");
        self.counters.hit(&key, Duration::from_hours(1)).await.count <= ACCOUNT_MAILS_PER_HOUR
    }

    /// One slider challenge for `ip`.
    pub async fn challenge(&self, ip: IpAddr) -> Result<(), ApiError> {
        self.check(&format!("challenge-ip:{}", ip_key(ip)), self.quotas.challenges_ip)
            .await
    }

    /// One public form submission (registration, consult, trial, password-reset request) from `ip`.
    pub async fn form(&self, ip: IpAddr) -> Result<(), ApiError> {
        self.check(&format!("form-ip:{}", ip_key(ip)), self.quotas.forms_ip)
            .await
    }
}

impl Limits {
    /// One credit-pay code asked for by user `user_id` (any order): at most
    /// [`CREDIT_CHECKS_PER_MINUTE`] a minute.
    pub async fn credit_code(&self, user_id: i64) -> Result<(), ApiError> {
        self.check(&format!("credit-code-min:{user_id}"), CREDIT_CHECKS_PER_MINUTE)
            .await
    }

    /// One check of user `user_id`'s credit-centre password (paying or changing it): at most [`CREDIT_CHECKS_PER_MINUTE`] a minute, and after
    /// [`FREE_FAILURES`] wrong ones in a row a growing delay, as for logins.
    pub async fn credit_password(&self, user_id: i64) -> Result<(), ApiError> {
        self.check(&format!("credit-pw-min:{user_id}"), CREDIT_CHECKS_PER_MINUTE)
            .await?;
        match self
            .counters
            .take_turn(&format!("credit-pw:{user_id}"), FAILURES_KEPT)
            .await
        {
            Some(wait) => Err(ApiError::RateLimited(wait.as_secs().max(1))),
            None => Ok(()),
        }
    }

    /// Whether a payer's browser return may query the gateway about attempt `out_trade_no` now:
    /// at most [`RETURN_QUERIES_PER_MINUTE`] a minute (the return is anonymous; beyond that the
    /// browser is sent on without a query, and the notification still settles the payment).
    pub async fn return_query(&self, out_trade_no: &str) -> bool {
        self.check(&format!("return-query:{out_trade_no}"), RETURN_QUERIES_PER_MINUTE)
            .await
            .is_ok()
    }

    /// User `user_id` gave the right credit-centre password: the run of failures ends.
    pub async fn credit_password_succeeded(&self, user_id: i64) {
        self.counters.clear(&format!("credit-pw:{user_id}")).await;
    }
}

/// Credit-centre password checks (and code requests) per user and minute.
pub const CREDIT_CHECKS_PER_MINUTE: u64 = 10;

/// Gateway queries browser returns may trigger per attempt and minute.
pub const RETURN_QUERIES_PER_MINUTE: u64 = 5;

/// The account part of a key: the normalized email.
fn account_key(email: &str) -> String {
    email.trim().to_lowercase()
}

fn attempts_key(account: &str) -> String {
    format!("login-attempts:{account}")
}

fn known_key(ip: impl std::fmt::Display, account: &str) -> String {
    format!("login-known:{ip}:{account}")
}

/// An address as counters key it: IPv4 as is, IPv6 by its /64 (one subscriber's network, which
/// would otherwise hand out endless fresh addresses).
fn ip_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// How long an account waits after its `failures`-th failed login in a row: nothing for the
/// first [`FREE_FAILURES`], then 1 s doubling each time, at most [`MAX_DELAY`].
pub fn delay_after(failures: u64) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = u32::try_from(failures - FREE_FAILURES)
        .unwrap_or(u32::MAX)
        .min(16);
    Duration::from_secs(1_u64 << doublings).min(MAX_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_counts_by_network() {
        assert_eq!(
            ip_key("2001:db8:1:2:aaaa::1".parse().unwrap()),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            ip_key("2001:db8:1:2:bbbb::9".parse().unwrap()),
            "2001:db8:1:2::/64"
        );
        assert_eq!(ip_key(IpAddr::from([10, 0, 0, 1])), "10.0.0.1");
    }

    #[test]
    fn delays_grow_and_stay_bounded() {
        assert_eq!(delay_after(4), Duration::ZERO);
        assert_eq!(delay_after(5), Duration::from_secs(1));
        assert_eq!(delay_after(6), Duration::from_secs(2));
        assert_eq!(delay_after(9), Duration::from_secs(16));
        assert_eq!(delay_after(100), MAX_DELAY);
        assert_eq!(delay_after(u64::MAX), MAX_DELAY);
    }

    #[tokio::test]
    async fn per_account_limit_does_not_lock_out_other_ips() {
        let limits = Limits::with(100, 2, 10);
        let attacker = IpAddr::from([10, 0, 0, 1]);
        let owner = IpAddr::from([10, 0, 0, 2]);
        assert!(limits.login(attacker, "a@x.cn").await.is_ok());
        assert!(limits.login(attacker, "A@x.cn ").await.is_ok());
        assert!(matches!(
            limits.login(attacker, "a@x.cn").await,
            Err(ApiError::RateLimited(_))
        ));
        assert!(
            limits.login(owner, "a@x.cn").await.is_ok(),
            "the owner from elsewhere still gets in"
        );
    }

    #[tokio::test]
    async fn one_mailbox_gets_a_few_reset_mails_an_hour() {
        let limits = Limits::standard();
        let (stranger, owner) = (IpAddr::from([10, 0, 0, 9]), IpAddr::from([10, 0, 0, 2]));
        limits.login_succeeded(owner, "a@x.cn").await;
        for _ in 0..ACCOUNT_MAILS_PER_HOUR {
            assert!(limits.account_mail(stranger, "a@x.cn").await);
        }
        assert!(!limits.account_mail(stranger, " A@x.cn").await);
        assert!(
            limits.account_mail(owner, "a@x.cn").await,
            "the owner's own address still gets one"
        );
        assert!(
            limits.account_mail(stranger, "b@x.cn").await,
            "other accounts unaffected"
        );
    }

    #[tokio::test]
    async fn failures_slow_every_address_but_the_owners_own() {
        let limits = Limits::with(1_000, 1_000, 10);
        let (owner, attacker, other) = (
            IpAddr::from([10, 0, 0, 2]),
            IpAddr::from([10, 0, 0, 1]),
            IpAddr::from([10, 0, 0, 3]),
        );
        limits.login_succeeded(owner, "a@x.cn").await;
        for _ in 0..FREE_FAILURES {
            assert!(
                limits.login(attacker, "a@x.cn").await.is_ok(),
                "a failing attempt, counted"
            );
        }
        assert!(
            matches!(limits.login(other, "A@x.cn").await, Err(ApiError::RateLimited(1))),
            "a new address waits after five failures"
        );
        assert!(
            limits.login(owner, "a@x.cn").await.is_ok(),
            "the owner's own address is not slowed"
        );
        limits.login_succeeded(owner, "a@x.cn").await;
        assert!(
            limits.login(other, "a@x.cn").await.is_ok(),
            "a success ends the run"
        );
    }
}

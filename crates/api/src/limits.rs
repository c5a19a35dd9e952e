//! Rate limits (governor, in memory): per client IP, and per IP + account for logins, so an
//! attacker elsewhere can never lock a real user out of their account.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// The server's rate limiters.
#[derive(Debug)]
pub struct Limits {
    login_ip: DefaultKeyedRateLimiter<IpAddr>,
    login_account: DefaultKeyedRateLimiter<(IpAddr, String)>,
    forms_ip: DefaultKeyedRateLimiter<IpAddr>,
    challenges_ip: DefaultKeyedRateLimiter<IpAddr>,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).expect("non-zero quota"))
}

impl Limits {
    /// Production limits: 30 login attempts/min per IP, 5/min per IP and account, 10 forms/min per IP
    /// (slider challenges: twice the login rate).
    pub fn standard() -> Limits {
        Limits::with(30, 5, 10)
    }

    /// Custom limits (tests use small ones).
    pub fn with(login_ip: u32, login_account: u32, forms_ip: u32) -> Limits {
        Limits {
            login_ip: RateLimiter::keyed(per_minute(login_ip)),
            login_account: RateLimiter::keyed(per_minute(login_account)),
            forms_ip: RateLimiter::keyed(per_minute(forms_ip)),
            challenges_ip: RateLimiter::keyed(per_minute(login_ip.saturating_mul(2))),
        }
    }

    /// One login attempt from `ip` for `email`.
    pub fn login(&self, ip: IpAddr, email: &str) -> Result<(), ApiError> {
        check(&self.login_ip, &ip)?;
        check(&self.login_account, &(ip, email.trim().to_lowercase()))
    }

    /// One slider challenge for `ip`.
    pub fn challenge(&self, ip: IpAddr) -> Result<(), ApiError> {
        check(&self.challenges_ip, &ip)
    }

    /// One public form submission (registration, password-reset request) from `ip`.
    pub fn form(&self, ip: IpAddr) -> Result<(), ApiError> {
        check(&self.forms_ip, &ip)
    }
}

fn check<K: std::hash::Hash + Eq + Clone>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
) -> Result<(), ApiError> {
    limiter.check_key(key).map_err(|not_until| {
        let wait: Duration = not_until.wait_time_from(DefaultClock::default().now());
        ApiError::RateLimited(wait.as_secs().max(1))
    })
}

/// The client's IP: the TCP peer (proxy headers are not trusted).
pub fn client_ip(req: &actix_web::HttpRequest) -> IpAddr {
    req.peer_addr()
        .map_or(IpAddr::from([127, 0, 0, 1]), |addr| addr.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_account_limit_does_not_lock_out_other_ips() {
        let limits = Limits::with(100, 2, 10);
        let attacker = IpAddr::from([10, 0, 0, 1]);
        let owner = IpAddr::from([10, 0, 0, 2]);
        assert!(limits.login(attacker, "a@x.cn").is_ok());
        assert!(limits.login(attacker, "A@x.cn ").is_ok());
        assert!(matches!(
            limits.login(attacker, "a@x.cn"),
            Err(ApiError::RateLimited(_))
        ));
        assert!(
            limits.login(owner, "a@x.cn").is_ok(),
            "the owner from elsewhere still gets in"
        );
    }
}

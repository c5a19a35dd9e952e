//! The client's address: the TCP peer, or — only when the peer is a configured trusted proxy —
//! the nearest untrusted address in `X-Forwarded-For`.

use std::net::IpAddr;

use ipnet::IpNet;

/// The proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`: addresses or CIDRs).
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a list of addresses (`10.0.0.5`) and networks (`10.0.0.0/8`).
    pub fn parse(entries: &[String]) -> anyhow::Result<TrustedProxies> {
        entries
            .iter()
            .map(|entry| entry.trim())
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| anyhow::anyhow!("TRUSTED_PROXIES: {entry:?} is not an address or CIDR"))
            })
            .collect::<anyhow::Result<_>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`: walks `forwarded_for` (every header value, in order) from the
    /// right while the hops are trusted proxies; the first other address is the client. A
    /// malformed hop ends the walk at the last trusted one.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let hops = forwarded_for.iter().flat_map(|value| value.split(',')).rev();
        for hop in hops {
            let Some(ip) = parse_hop(hop) else { break };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

/// An `X-Forwarded-For` element: an address, possibly bracketed or with a port.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    if let Ok(socket) = hop.parse::<std::net::SocketAddr>() {
        return Some(canonical(socket.ip()));
    }
    hop.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(ip, _)| ip.parse().ok())
        .map(canonical)
}

/// IPv4-mapped IPv6 addresses as IPv4, so one client has one key.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(&list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn headers_from_untrusted_peers_are_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(none.client(ip("203.0.113.9"), &["1.2.3.4"]), ip("203.0.113.9"));
        let lb = proxies(&["10.0.0.0/8"]);
        assert_eq!(lb.client(ip("198.51.100.7"), &["1.2.3.4"]), ip("198.51.100.7"));
    }

    #[test]
    fn the_nearest_untrusted_hop_is_the_client() {
        let lb = proxies(&["10.0.0.0/8", "192.168.1.1"]);
        // A spoofed left-most entry does not win over what our proxies appended.
        assert_eq!(
            lb.client(ip("10.0.0.2"), &["6.6.6.6, 203.0.113.9", "192.168.1.1"]),
            ip("203.0.113.9")
        );
        assert_eq!(
            lb.client(ip("10.0.0.2"), &["203.0.113.9:5555"]),
            ip("203.0.113.9")
        );
        assert_eq!(
            lb.client(ip("10.0.0.2"), &["[2001:db8::1]:443"]),
            ip("2001:db8::1")
        );
        assert_eq!(
            lb.client(ip("10.0.0.2"), &[]),
            ip("10.0.0.2"),
            "no header: the proxy itself"
        );
        assert_eq!(
            lb.client(ip("10.0.0.2"), &["garbage, 10.1.1.1"]),
            ip("10.1.1.1"),
            "a malformed hop stops at the last trusted one"
        );
        assert_eq!(
            lb.client(ip("::ffff:10.0.0.2"), &["203.0.113.9"]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn bad_entries_are_refused() {
        assert!(TrustedProxies::parse(&["10.0.0.0/33".to_owned()]).is_err());
        assert!(TrustedProxies::parse(&["proxy.local".to_owned()]).is_err());
    }
}

//! The client's address for throttling. Behind a reverse proxy every request arrives from the
//! proxy, so keying on the TCP peer would let one attacker lock everyone out; but a header anyone
//! can send must not be believed either. Only when the peer is a configured trusted proxy is the
//! forwarding header read, right to left, skipping the trusted proxies themselves.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

/// Which proxies are trusted, and the header they put the client's address in.
#[derive(Debug, Clone)]
pub struct ClientAddress {
    pub trusted_proxies: Vec<IpAddr>,
    /// Lower-case header name, e.g. `x-forwarded-for`.
    pub header: String,
}

impl Default for ClientAddress {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            header: "x-forwarded-for".into(),
        }
    }
}

impl ClientAddress {
    /// The address to throttle on for a request from `peer`.
    pub fn of(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.ip();
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let hops: Vec<IpAddr> = headers
            .get_all(self.header.as_str())
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .collect();
        hops.into_iter()
            .rev()
            .find(|ip| !self.trusted_proxies.contains(ip))
            .unwrap_or(peer)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn headers(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().unwrap());
        h
    }

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address() {
        let c = ClientAddress::default();
        let peer: SocketAddr = "203.0.113.9:5000".parse().unwrap();
        assert_eq!(c.of(peer, &headers("198.51.100.1")), peer.ip());
    }

    #[test]
    fn behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client() {
        let c = ClientAddress {
            trusted_proxies: vec!["10.0.0.2".parse().unwrap(), "10.0.0.3".parse().unwrap()],
            ..Default::default()
        };
        let peer: SocketAddr = "10.0.0.2:5000".parse().unwrap();
        // The client may prepend anything; only the hop the proxies saw counts.
        let h = headers("1.1.1.1, 198.51.100.7, 10.0.0.3");
        assert_eq!(c.of(peer, &h), "198.51.100.7".parse::<IpAddr>().unwrap());
        assert_eq!(c.of(peer, &HeaderMap::new()), peer.ip());
        assert_eq!(c.of(peer, &headers("garbage")), peer.ip());
    }
}

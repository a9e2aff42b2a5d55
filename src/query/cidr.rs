//! Address blocks (`10.0.0.0/8`, `2001:db8::/32`, a bare address as its own block) and the
//! test whether an address lies in one. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what
//! a dual-stack socket logs) lies in the IPv4 blocks that hold its IPv4 address.

use std::net::IpAddr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// `ADDRESS[/PREFIX]`; IPv6 addresses may be written in brackets.
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let bad = |why: &str| format!("bad address block '{text}': {why}");
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address = address
            .strip_prefix('[')
            .and_then(|a| a.strip_suffix(']'))
            .unwrap_or(address);
        let network: IpAddr = address
            .parse()
            .map_err(|_| bad("give an IPv4 or IPv6 address, as in 10.0.0.0/8 or 2001:db8::/32"))?;
        let max = match network {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|&p| p <= max)
                .ok_or_else(|| bad(&format!("the prefix length must be 0 to {max}")))?,
        };
        Ok(Cidr { network, prefix })
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, address) {
            (IpAddr::V4(net), IpAddr::V4(addr)) => {
                same_prefix(&net.octets(), &addr.octets(), self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(addr)) => {
                same_prefix(&net.octets(), &addr.octets(), self.prefix)
            }
            (IpAddr::V4(net), IpAddr::V6(addr)) => addr
                .to_ipv4_mapped()
                .is_some_and(|v4| same_prefix(&net.octets(), &v4.octets(), self.prefix)),
            (IpAddr::V6(_), IpAddr::V4(_)) => false,
        }
    }
}

/// Whether the first `bits` bits of `a` and `b` agree.
fn same_prefix(a: &[u8], b: &[u8], bits: u8) -> bool {
    let whole = (bits / 8) as usize;
    if a[..whole] != b[..whole] {
        return false;
    }
    let rest = bits % 8;
    rest == 0 || (a[whole] ^ b[whole]) >> (8 - rest) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn ipv4_blocks() {
        let block = Cidr::parse("10.0.0.0/8").unwrap();
        assert!(block.contains(ip("10.255.1.2")));
        assert!(!block.contains(ip("11.0.0.1")));
        let odd = Cidr::parse("192.0.2.64/27").unwrap();
        assert!(odd.contains(ip("192.0.2.95")));
        assert!(!odd.contains(ip("192.0.2.96")));
        assert!(!odd.contains(ip("192.0.2.63")));
        assert!(
            Cidr::parse("0.0.0.0/0")
                .unwrap()
                .contains(ip("203.0.113.7"))
        );
        let single = Cidr::parse("10.0.0.1").unwrap();
        assert!(single.contains(ip("10.0.0.1")));
        assert!(!single.contains(ip("10.0.0.2")));
    }

    #[test]
    fn ipv6_blocks_and_mapped_ipv4() {
        let block = Cidr::parse("2001:db8::/32").unwrap();
        assert!(block.contains(ip("2001:db8:ffff::1")));
        assert!(!block.contains(ip("2001:db9::1")));
        assert!(!block.contains(ip("10.0.0.1")));
        let bracketed = Cidr::parse("[fe80::]/10").unwrap();
        assert!(bracketed.contains(ip("febf::1")));
        assert!(!bracketed.contains(ip("fec0::1")));
        // A dual-stack socket's peer 192.0.2.33 is logged as ::ffff:192.0.2.33.
        let v4 = Cidr::parse("192.0.2.0/24").unwrap();
        assert!(v4.contains(ip("::ffff:192.0.2.33")));
        assert!(!v4.contains(ip("::ffff:198.51.100.1")));
    }

    #[test]
    fn bad_blocks_are_refused_with_the_reason() {
        assert!(Cidr::parse("10.0.0.0/33").unwrap_err().contains("0 to 32"));
        assert!(Cidr::parse("::/129").unwrap_err().contains("0 to 128"));
        assert!(
            Cidr::parse("example.net")
                .unwrap_err()
                .contains("IPv4 or IPv6")
        );
        assert!(Cidr::parse("10.0.0.0/x").is_err());
    }
}

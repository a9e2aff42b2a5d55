//! Which rows the network view keeps: families, address blocks, ports, directions and
//! outcomes. The shared filters (time, node, key, user, exe, …) have chosen the events before.

use super::row::{Direction, Endpoint, NetRow, Outcome};
use crate::query::cidr::Cidr;

const AF_INET: u16 = 2;
const AF_INET6: u16 = 10;

/// The address families shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Families {
    /// inet and inet6, and calls whose event names no family (listen(), a send on a
    /// connected socket): they may be internet sockets, and hiding a listen() would hide the
    /// clearest sign of a backdoor.
    #[default]
    Internet,
    /// These families only.
    Only(Vec<u16>),
    All,
}

impl Families {
    fn accepts(&self, family: Option<u16>) -> bool {
        match (self, family) {
            (Families::All, _) => true,
            (Families::Internet, None) => true,
            (Families::Internet, Some(f)) => f == AF_INET || f == AF_INET6,
            (Families::Only(wanted), f) => f.is_some_and(|f| wanted.contains(&f)),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct RowFilter {
    pub families: Families,
    /// Peers (of connections made or accepted) in one of these blocks.
    pub remote: Vec<Cidr>,
    /// Any address (peer or bound) in one of these blocks.
    pub addr: Vec<Cidr>,
    pub ports: Vec<u16>,
    pub directions: Vec<Direction>,
    /// Only calls that failed (an error other than a connect still under way).
    pub failed: bool,
}

impl RowFilter {
    pub fn accepts(&self, row: &NetRow) -> bool {
        self.accepts_outcome(row) && self.accepts_endpoint(&row.endpoint, row.direction)
    }

    /// The tests that need no address: direction and outcome.
    pub fn accepts_outcome(&self, row: &NetRow) -> bool {
        (self.directions.is_empty() || self.directions.contains(&row.direction))
            && (!self.failed || matches!(row.outcome, Outcome::Failed(_)))
    }

    /// The tests of the address: family, blocks and port.
    pub fn accepts_endpoint(&self, endpoint: &Endpoint, direction: Direction) -> bool {
        if !self.families.accepts(endpoint.family()) {
            return false;
        }
        let address = match endpoint {
            Endpoint::Address(address) => Some(address),
            _ => None,
        };
        let ip = address.and_then(|a| a.ip());
        let in_blocks = |blocks: &[Cidr]| {
            blocks.is_empty() || ip.is_some_and(|ip| blocks.iter().any(|b| b.contains(ip)))
        };
        let peer = matches!(direction, Direction::Out | Direction::In);
        (self.remote.is_empty() || peer && in_blocks(&self.remote))
            && in_blocks(&self.addr)
            && (self.ports.is_empty()
                || address
                    .and_then(|a| a.port())
                    .is_some_and(|p| self.ports.contains(&p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::sockaddr::SockAddr;
    use std::net::Ipv4Addr;

    fn inet(a: [u8; 4], port: u16) -> Endpoint {
        Endpoint::Address(SockAddr::Inet {
            addr: Ipv4Addr::from(a),
            port,
        })
    }

    #[test]
    fn internet_families_by_default_and_calls_without_a_family() {
        let all = RowFilter::default();
        assert!(all.accepts_endpoint(&inet([10, 0, 0, 1], 1234), Direction::Out));
        assert!(all.accepts_endpoint(&Endpoint::None, Direction::Listen));
        let unix = Endpoint::Address(SockAddr::Unix {
            path: b"/run/x".to_vec(),
            is_abstract: false,
        });
        assert!(!all.accepts_endpoint(&unix, Direction::Out));
        let only_unix = RowFilter {
            families: Families::Only(vec![1]),
            ..RowFilter::default()
        };
        assert!(only_unix.accepts_endpoint(&unix, Direction::Out));
        assert!(!only_unix.accepts_endpoint(&Endpoint::None, Direction::Listen));
    }

    #[test]
    fn remote_blocks_hold_only_peers() {
        let filter = RowFilter {
            remote: vec![Cidr::parse("10.0.0.0/8").unwrap()],
            ..RowFilter::default()
        };
        assert!(filter.accepts_endpoint(&inet([10, 1, 2, 3], 80), Direction::Out));
        assert!(filter.accepts_endpoint(&inet([10, 1, 2, 3], 80), Direction::In));
        // A bound address is no peer; --addr takes it.
        assert!(!filter.accepts_endpoint(&inet([10, 1, 2, 3], 80), Direction::Listen));
        assert!(!filter.accepts_endpoint(&inet([192, 0, 2, 1], 80), Direction::Out));
        let addr = RowFilter {
            addr: vec![Cidr::parse("10.0.0.0/8").unwrap()],
            ports: vec![80, 443],
            ..RowFilter::default()
        };
        assert!(addr.accepts_endpoint(&inet([10, 1, 2, 3], 80), Direction::Listen));
        assert!(!addr.accepts_endpoint(&inet([10, 1, 2, 3], 22), Direction::Listen));
        assert!(!addr.accepts_endpoint(&Endpoint::None, Direction::Listen));
    }
}

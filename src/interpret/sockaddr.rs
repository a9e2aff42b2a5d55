//! SOCKADDR decoding: the hex `saddr=` of a record is the raw `struct sockaddr` the process
//! passed. Multi-byte fields other than ports are in the byte order of the machine that wrote
//! the log, which the event's `arch=` tells (a ppc64 or s390x log is big-endian); ports and
//! IP addresses are in network order. Family numbers are those of linux/socket.h.

use super::Arch;
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

const AF_UNSPEC: u16 = 0;
const AF_UNIX: u16 = 1;
const AF_INET: u16 = 2;
const AF_INET6: u16 = 10;
const AF_NETLINK: u16 = 16;
const AF_PACKET: u16 = 17;
const AF_VSOCK: u16 = 40;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SockAddr {
    Unspec,
    /// A path, or an abstract name (its leading NUL removed) when `is_abstract`.
    Unix {
        path: Vec<u8>,
        is_abstract: bool,
    },
    Inet {
        addr: Ipv4Addr,
        port: u16,
    },
    Inet6 {
        addr: Ipv6Addr,
        port: u16,
        flowinfo: u32,
        scope_id: u32,
    },
    Netlink {
        pid: u32,
        groups: u32,
    },
    Packet {
        protocol: u16,
        ifindex: i32,
    },
    Vsock {
        cid: u32,
        port: u32,
    },
    /// A family this decoder does not know, with the bytes after the family field.
    Other {
        family: u16,
        data: Vec<u8>,
    },
    /// Too few bytes for the family's structure.
    Truncated {
        family: u16,
    },
}

/// Decodes a `saddr=` hex value. `arch` gives the byte order; without it, little-endian (the
/// order of nearly every machine that writes audit logs).
pub fn decode(hex: &[u8], arch: Option<Arch>) -> Option<SockAddr> {
    let bytes = crate::record::fields::decode_hex(hex)?;
    let little = arch.is_none_or(Arch::is_little_endian);
    // An unsigned field of `width` bytes, in the writer's order or in network order.
    let uint = |at: usize, width: usize, little: bool| -> Option<u64> {
        let field = bytes.get(at..at + width)?;
        let fold = |v: u64, &b: &u8| v << 8 | b as u64;
        Some(if little {
            field.iter().rev().fold(0, fold)
        } else {
            field.iter().fold(0, fold)
        })
    };
    let u16_at = |at| uint(at, 2, little).map(|v| v as u16);
    let u32_at = |at| uint(at, 4, little).map(|v| v as u32);
    let net_u16 = |at| uint(at, 2, false).map(|v| v as u16);
    let family = u16_at(0)?;
    let truncated = SockAddr::Truncated { family };
    Some(match family {
        AF_UNSPEC => SockAddr::Unspec,
        AF_UNIX => unix(&bytes[2..]),
        AF_INET => match (net_u16(2), bytes.get(4..8)) {
            (Some(port), Some(ip)) => SockAddr::Inet {
                addr: Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]),
                port,
            },
            _ => truncated,
        },
        AF_INET6 => match (net_u16(2), bytes.get(8..24)) {
            (Some(port), Some(ip)) => SockAddr::Inet6 {
                addr: Ipv6Addr::from(<[u8; 16]>::try_from(ip).expect("16 bytes")),
                port,
                flowinfo: bytes
                    .get(4..8)
                    .map_or(0, |f| u32::from_be_bytes(f.try_into().expect("4 bytes"))),
                scope_id: u32_at(24).unwrap_or(0),
            },
            _ => truncated,
        },
        AF_NETLINK => match (u32_at(4), u32_at(8)) {
            (Some(pid), Some(groups)) => SockAddr::Netlink { pid, groups },
            _ => truncated,
        },
        AF_PACKET => match (net_u16(2), u32_at(4)) {
            (Some(protocol), Some(ifindex)) => SockAddr::Packet {
                protocol,
                ifindex: ifindex as i32,
            },
            _ => truncated,
        },
        AF_VSOCK => match (u32_at(4), u32_at(8)) {
            (Some(port), Some(cid)) => SockAddr::Vsock { cid, port },
            _ => truncated,
        },
        other => SockAddr::Other {
            family: other,
            data: bytes[2..].to_vec(),
        },
    })
}

/// `sun_path`: up to the first NUL; a leading NUL marks an abstract name, which runs to the
/// end of what the process passed (the kernel logs only the bytes given).
fn unix(path: &[u8]) -> SockAddr {
    match path.split_first() {
        Some((0, name)) => SockAddr::Unix {
            path: name.to_vec(),
            is_abstract: true,
        },
        _ => SockAddr::Unix {
            path: path.split(|&b| b == 0).next().unwrap_or_default().to_vec(),
            is_abstract: false,
        },
    }
}

impl SockAddr {
    /// The family's name as auparse prints it.
    pub fn family_name(&self) -> String {
        match self {
            SockAddr::Unspec => "unspec".into(),
            SockAddr::Unix { .. } => "local".into(),
            SockAddr::Inet { .. } => "inet".into(),
            SockAddr::Inet6 { .. } => "inet6".into(),
            SockAddr::Netlink { .. } => "netlink".into(),
            SockAddr::Packet { .. } => "packet".into(),
            SockAddr::Vsock { .. } => "vsock".into(),
            SockAddr::Other { family, .. } | SockAddr::Truncated { family } => {
                format!("unknown-family({family})")
            }
        }
    }
}

/// auparse's form: `{ saddr_fam=inet laddr=192.0.2.1 lport=80 }`.
impl fmt::Display for SockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{ saddr_fam={} ", self.family_name())?;
        match self {
            SockAddr::Unspec | SockAddr::Truncated { .. } => {}
            SockAddr::Unix { path, is_abstract } => {
                let at = if *is_abstract { "@" } else { "" };
                write!(f, "path={at}{} ", String::from_utf8_lossy(path))?;
            }
            SockAddr::Inet { addr, port } => write!(f, "laddr={addr} lport={port} ")?,
            SockAddr::Inet6 { addr, port, .. } => write!(f, "laddr={addr} lport={port} ")?,
            SockAddr::Netlink { pid, .. } => write!(f, "nlnk-fam=16 nlnk-pid={pid} ")?,
            SockAddr::Packet { protocol, ifindex } => {
                write!(f, "proto={protocol:#06x} ifindex={ifindex} ")?
            }
            SockAddr::Vsock { cid, port } => write!(f, "cid={cid} port={port} ")?,
            SockAddr::Other { data, .. } => {
                write!(f, "data=")?;
                for b in data {
                    write!(f, "{b:02X}")?;
                }
                write!(f, " ")?;
            }
        }
        write!(f, "}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x86() -> Option<Arch> {
        Arch::from_field(b"c000003e")
    }

    #[test]
    fn inet_and_inet6() {
        let v4 = decode(b"02000050C0A801010000000000000000", x86()).unwrap();
        assert_eq!(
            v4,
            SockAddr::Inet {
                addr: Ipv4Addr::new(192, 168, 1, 1),
                port: 80
            }
        );
        assert_eq!(
            v4.to_string(),
            "{ saddr_fam=inet laddr=192.168.1.1 lport=80 }"
        );
        let v6 = decode(
            b"0A0001BB0000000020010DB8000000000000000000000001000000000",
            x86(),
        );
        // An odd number of hex digits is no sockaddr.
        assert_eq!(v6, None);
        let v6 = decode(
            b"0A0001BB0000000020010DB800000000000000000000000100000000",
            x86(),
        )
        .unwrap();
        assert_eq!(
            v6.to_string(),
            "{ saddr_fam=inet6 laddr=2001:db8::1 lport=443 }"
        );
        let mapped = decode(
            b"0A0015380000000000000000000000000000FFFFC000022100000000",
            x86(),
        );
        assert_eq!(
            mapped.unwrap().to_string(),
            "{ saddr_fam=inet6 laddr=::ffff:192.0.2.33 lport=5432 }"
        );
    }

    #[test]
    fn big_endian_family_comes_from_the_arch() {
        // A ppc64 bind to 192.0.2.50:8080: the family is written 00 02.
        let ppc64 = Arch::from_field(b"80000015");
        let addr = decode(b"00021F90C00002320000000000000000", ppc64).unwrap();
        assert_eq!(
            addr,
            SockAddr::Inet {
                addr: Ipv4Addr::new(192, 0, 2, 50),
                port: 8080
            }
        );
        // Read little-endian, the same bytes are family 512, as ausearch shows them.
        assert_eq!(
            decode(b"00021F90C00002320000000000000000", x86())
                .unwrap()
                .family_name(),
            "unknown-family(512)"
        );
    }

    #[test]
    fn unix_paths_abstract_names_and_trailing_bytes() {
        let path = decode(b"01002F72756E2F646275732F736F636B657400", x86()).unwrap();
        assert_eq!(
            path.to_string(),
            "{ saddr_fam=local path=/run/dbus/socket }"
        );
        // Bytes after the terminating NUL are not part of the path.
        let trailing = decode(b"01002F746D702F7800FFEE", x86()).unwrap();
        assert_eq!(
            trailing,
            SockAddr::Unix {
                path: b"/tmp/x".to_vec(),
                is_abstract: false
            }
        );
        let abstract_name = decode(b"0100006162", x86()).unwrap();
        assert_eq!(abstract_name.to_string(), "{ saddr_fam=local path=@ab }");
    }

    #[test]
    fn netlink_vsock_and_unknown_families() {
        let netlink = decode(b"100000000000000001000000", x86()).unwrap();
        assert_eq!(netlink, SockAddr::Netlink { pid: 0, groups: 1 });
        assert_eq!(
            netlink.to_string(),
            "{ saddr_fam=netlink nlnk-fam=16 nlnk-pid=0 }"
        );
        let vsock = decode(b"280000001027000003000000", x86()).unwrap();
        assert_eq!(
            vsock,
            SockAddr::Vsock {
                cid: 3,
                port: 10000
            }
        );
        assert_eq!(
            decode(b"0200", x86()).unwrap(),
            SockAddr::Truncated { family: 2 }
        );
        assert_eq!(
            decode(b"2A00AB", x86()).unwrap().to_string(),
            "{ saddr_fam=unknown-family(42) data=AB }"
        );
    }
}

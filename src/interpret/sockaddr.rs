//! SOCKADDR decoding: the hex `saddr=` of a record is the raw `struct sockaddr` the process
//! passed. Multi-byte fields other than ports are in the byte order of the machine that wrote
//! the log, which the event's `arch=` tells (a ppc64 or s390x log is big-endian); ports and
//! IP addresses are in network order. Family numbers are those of glibc's bits/socket.h.
//!
//! The text form is ausearch's (`{ saddr_fam=inet laddr=192.0.2.1 lport=80 }`), with more
//! detail where ausearch has none: abstract unix names are marked with `@`, an unnamed unix
//! socket is called so, packet and vsock addresses are spelled out, and an IPv6 scope is the
//! number the log holds (ausearch looks the interface up on the analysing machine).

use super::Arch;
use super::tables::values::ADDRESS_FAMILIES;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

const AF_UNSPEC: u16 = 0;
const AF_UNIX: u16 = 1;
const AF_INET: u16 = 2;
const AF_AX25: u16 = 3;
const AF_ATMPVC: u16 = 8;
const AF_X25: u16 = 9;
const AF_INET6: u16 = 10;
const AF_NETLINK: u16 = 16;
const AF_PACKET: u16 = 17;
const AF_VSOCK: u16 = 40;

/// The longest `sun_path`, which ausearch also prints no more of.
const UNIX_PATH_MAX: usize = 108;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SockAddr {
    Unspec,
    /// A path, or an abstract name (its leading NUL removed) when `is_abstract`.
    Unix {
        path: Vec<u8>,
        is_abstract: bool,
    },
    /// A unix address with no path at all: the socket has no name (autobind, socketpair).
    UnixUnnamed,
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
    Ax25 {
        call: [u8; 7],
    },
    AtmPvc {
        itf: i16,
    },
    X25 {
        addr: Vec<u8>,
    },
    /// A family this decoder does not take apart, with the bytes after the family field.
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
    Some(decode_bytes(&bytes, arch))
}

/// Decodes the bytes of a `struct sockaddr`.
pub fn decode_bytes(bytes: &[u8], arch: Option<Arch>) -> SockAddr {
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
    // A single byte still names a family: the missing high byte reads as zero.
    let family = u16_at(0).unwrap_or_else(|| bytes.first().map_or(0, |&b| b as u16));
    let truncated = SockAddr::Truncated { family };
    match family {
        AF_UNSPEC => SockAddr::Unspec,
        AF_UNIX => match bytes.len() {
            2 => SockAddr::UnixUnnamed,
            0..4 => truncated,
            _ => unix(&bytes[2..]),
        },
        AF_INET => match (net_u16(2), bytes.get(4..8)) {
            (Some(port), Some(ip)) => SockAddr::Inet {
                addr: Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]),
                port,
            },
            _ => truncated,
        },
        // 24 bytes is the RFC 2133 sockaddr_in6 without a scope, which the kernel accepts.
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
        AF_AX25 => match bytes.get(2..9) {
            Some(call) => SockAddr::Ax25 {
                call: call.try_into().expect("7 bytes"),
            },
            None => truncated,
        },
        AF_ATMPVC => match u16_at(2) {
            Some(itf) => SockAddr::AtmPvc { itf: itf as i16 },
            None => truncated,
        },
        AF_X25 => SockAddr::X25 {
            addr: until_nul(bytes.get(2..).unwrap_or_default(), 15).to_vec(),
        },
        other => SockAddr::Other {
            family: other,
            data: bytes.get(2..).unwrap_or_default().to_vec(),
        },
    }
}

/// `sun_path`: up to the first NUL; a leading NUL marks an abstract name, which runs to the
/// end of what the process passed (the kernel logs only the bytes given), less the NUL padding
/// some programs pass.
fn unix(path: &[u8]) -> SockAddr {
    match path.split_first() {
        Some((0, name)) => {
            let end = name.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
            SockAddr::Unix {
                path: name[..end.min(UNIX_PATH_MAX - 1)].to_vec(),
                is_abstract: true,
            }
        }
        _ => SockAddr::Unix {
            path: until_nul(path, UNIX_PATH_MAX).to_vec(),
            is_abstract: false,
        },
    }
}

fn until_nul(bytes: &[u8], max: usize) -> &[u8] {
    let bytes = &bytes[..bytes.len().min(max)];
    bytes.split(|&b| b == 0).next().unwrap_or_default()
}

/// The name of an address family as ausearch prints it (`inet`, `local`, `netlink`).
pub fn family_name(family: u16) -> Option<&'static str> {
    ADDRESS_FAMILIES
        .binary_search_by_key(&(family as u64), |&(v, _)| v)
        .ok()
        .map(|i| ADDRESS_FAMILIES[i].1)
}

impl SockAddr {
    pub fn family(&self) -> u16 {
        match self {
            SockAddr::Unspec => AF_UNSPEC,
            SockAddr::Unix { .. } | SockAddr::UnixUnnamed => AF_UNIX,
            SockAddr::Inet { .. } => AF_INET,
            SockAddr::Inet6 { .. } => AF_INET6,
            SockAddr::Netlink { .. } => AF_NETLINK,
            SockAddr::Packet { .. } => AF_PACKET,
            SockAddr::Vsock { .. } => AF_VSOCK,
            SockAddr::Ax25 { .. } => AF_AX25,
            SockAddr::AtmPvc { .. } => AF_ATMPVC,
            SockAddr::X25 { .. } => AF_X25,
            SockAddr::Other { family, .. } | SockAddr::Truncated { family } => *family,
        }
    }

    /// The family's name as ausearch prints it, or `unknown-family(N)`.
    pub fn family_name(&self) -> String {
        let family = self.family();
        match family_name(family) {
            Some(name) => name.to_string(),
            None => format!("unknown-family({family})"),
        }
    }

    /// The IP address of an inet or inet6 address.
    pub fn ip(&self) -> Option<IpAddr> {
        match self {
            SockAddr::Inet { addr, .. } => Some(IpAddr::V4(*addr)),
            SockAddr::Inet6 { addr, .. } => Some(IpAddr::V6(*addr)),
            _ => None,
        }
    }

    /// The port of an inet or inet6 address.
    pub fn port(&self) -> Option<u16> {
        match self {
            SockAddr::Inet { port, .. } | SockAddr::Inet6 { port, .. } => Some(*port),
            _ => None,
        }
    }

    /// The IP address alone as [`fmt::Display`] writes it (`2001:db8::1`, `fe80::1%2`).
    pub fn ip_text(&self) -> Option<String> {
        match self {
            SockAddr::Inet { addr, .. } => Some(addr.to_string()),
            SockAddr::Inet6 { addr, scope_id, .. } => Some(match scope_id {
                0 => Ipv6Text(addr).to_string(),
                scope => format!("{}%{scope}", Ipv6Text(addr)),
            }),
            _ => None,
        }
    }

    /// The address as bytes: [`fmt::Display`]'s text, except that path bytes which are not
    /// UTF-8 are kept as they are.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(48);
        let Some(name) = family_name(self.family()) else {
            out.extend_from_slice(format!("unknown-family({})", self.family()).as_bytes());
            return out;
        };
        out.extend_from_slice(b"{ saddr_fam=");
        out.extend_from_slice(name.as_bytes());
        out.push(b' ');
        match self {
            SockAddr::Unix { path, is_abstract } => {
                out.extend_from_slice(b"path=");
                if *is_abstract {
                    out.push(b'@');
                }
                out.extend_from_slice(path);
                out.push(b' ');
            }
            SockAddr::X25 { addr } => {
                out.extend_from_slice(b"laddr=");
                out.extend_from_slice(addr);
                out.push(b' ');
            }
            SockAddr::Ax25 { call } => {
                out.extend_from_slice(b"call=");
                out.extend_from_slice(call);
                out.push(b' ');
            }
            SockAddr::Unspec => {}
            other => {
                use std::io::Write;
                let _ = write!(out, "{} ", Details(other));
            }
        }
        out.push(b'}');
        out
    }
}

/// The part of the text after the family name, for the families whose details are text.
struct Details<'a>(&'a SockAddr);

impl fmt::Display for Details<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            SockAddr::Unspec => Ok(()),
            SockAddr::UnixUnnamed => write!(f, "unnamed socket"),
            SockAddr::Truncated { family: AF_NETLINK } => write!(f, "len too short"),
            SockAddr::Truncated { family: AF_INET6 } => write!(f, "sockaddr6 len too short"),
            SockAddr::Truncated { .. } => write!(f, "sockaddr len too short"),
            SockAddr::Unix { path, is_abstract } => {
                let at = if *is_abstract { "@" } else { "" };
                write!(f, "path={at}{}", String::from_utf8_lossy(path))
            }
            SockAddr::Inet { addr, port } => write!(f, "laddr={addr} lport={port}"),
            SockAddr::Inet6 {
                addr,
                port,
                scope_id,
                ..
            } => {
                write!(f, "laddr={}", Ipv6Text(addr))?;
                if *scope_id != 0 {
                    write!(f, "%{scope_id}")?;
                }
                write!(f, " lport={port}")
            }
            SockAddr::Netlink { pid, .. } => write!(f, "nlnk-fam={AF_NETLINK} nlnk-pid={pid}"),
            SockAddr::Packet { protocol, ifindex } => {
                write!(f, "proto={protocol:#06x} ifindex={ifindex}")
            }
            SockAddr::Vsock { cid, port } => write!(f, "cid={cid} port={port}"),
            SockAddr::Ax25 { call } => write!(f, "call={}", String::from_utf8_lossy(call)),
            SockAddr::AtmPvc { itf } => write!(f, "int={itf}"),
            SockAddr::X25 { addr } => write!(f, "laddr={}", String::from_utf8_lossy(addr)),
            SockAddr::Other { .. } => write!(f, "(unsupported)"),
        }
    }
}

/// An IPv6 address in the text of [`write_ipv6`].
struct Ipv6Text<'a>(&'a Ipv6Addr);

impl fmt::Display for Ipv6Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_ipv6(f, self.0)
    }
}

/// An IPv6 address as glibc's inet_ntop writes it: the longest run of two or more zero groups
/// (the first of equal runs) becomes `::`, and only IPv4-mapped addresses end in dotted form.
fn write_ipv6(f: &mut fmt::Formatter<'_>, addr: &Ipv6Addr) -> fmt::Result {
    let groups = addr.segments();
    if let Some(v4) = addr.to_ipv4_mapped() {
        return write!(f, "::ffff:{v4}");
    }
    let (mut best, mut best_len, mut run, mut run_len) = (0, 0, 0, 0);
    for (i, &g) in groups.iter().enumerate() {
        if g == 0 {
            if run_len == 0 {
                run = i;
            }
            run_len += 1;
            if run_len > best_len {
                (best, best_len) = (run, run_len);
            }
        } else {
            run_len = 0;
        }
    }
    if best_len < 2 {
        best_len = 0;
        best = groups.len();
    }
    let mut i = 0;
    while i < groups.len() {
        if i == best {
            write!(f, "::")?;
            i += best_len;
            continue;
        }
        if i > 0 && i != best + best_len {
            write!(f, ":")?;
        }
        write!(f, "{:x}", groups[i])?;
        i += 1;
    }
    Ok(())
}

/// ausearch's form: `{ saddr_fam=inet laddr=192.0.2.1 lport=80 }`, or `unknown-family(N)`.
impl fmt::Display for SockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match family_name(self.family()) {
            Some(name) if *self == SockAddr::Unspec => write!(f, "{{ saddr_fam={name} }}"),
            Some(name) => write!(f, "{{ saddr_fam={name} {} }}", Details(self)),
            None => write!(f, "unknown-family({})", self.family()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x86() -> Option<Arch> {
        Arch::from_field(b"c000003e")
    }

    fn text(hex: &[u8], arch: Option<Arch>) -> String {
        String::from_utf8(decode(hex, arch).unwrap().to_bytes()).unwrap()
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
        // An odd number of hex digits is no sockaddr.
        let odd = decode(
            b"0A0001BB0000000020010DB8000000000000000000000001000000000",
            x86(),
        );
        assert_eq!(odd, None);
        assert_eq!(
            text(
                b"0A0001BB0000000020010DB800000000000000000000000100000000",
                x86()
            ),
            "{ saddr_fam=inet6 laddr=2001:db8::1 lport=443 }"
        );
        assert_eq!(
            text(
                b"0A0015380000000000000000000000000000FFFFC000022100000000",
                x86()
            ),
            "{ saddr_fam=inet6 laddr=::ffff:192.0.2.33 lport=5432 }"
        );
    }

    #[test]
    fn ipv6_text_follows_inet_ntop() {
        let cases: [(&[u8], &str); 5] = [
            (b"00000000000000000000000000000000", "::"),
            (b"00000000000000000000000000000002", "::2"),
            (b"00010000000100000000000000000001", "1:0:1::1"),
            (b"00010000000000010000000000010001", "1::1:0:0:1:1"),
            (b"20010db8000100020003000400050006", "2001:db8:1:2:3:4:5:6"),
        ];
        for (hex, want) in cases {
            let mut full = b"0A00001600000000".to_vec();
            full.extend_from_slice(hex);
            full.extend_from_slice(b"00000000");
            assert_eq!(
                text(&full, x86()),
                format!("{{ saddr_fam=inet6 laddr={want} lport=22 }}")
            );
        }
        let scoped = decode(
            b"0A00001600000000FE80000000000000000000000000000102000000",
            x86(),
        )
        .unwrap();
        assert_eq!(scoped.ip_text().as_deref(), Some("fe80::1%2"));
        assert_eq!(scoped.port(), Some(22));
        // A link-local address keeps its scope as the number the log holds.
        assert_eq!(
            text(
                b"0A00001600000000FE80000000000000000000000000000102000000",
                x86()
            ),
            "{ saddr_fam=inet6 laddr=fe80::1%2 lport=22 }"
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
                .to_string(),
            "unknown-family(512)"
        );
        // An s390x netlink address: family and pid are both big-endian.
        let s390x = Arch::from_field(b"80000016");
        assert_eq!(
            text(b"001000000000047B00000000", s390x),
            "{ saddr_fam=netlink nlnk-fam=16 nlnk-pid=1147 }"
        );
    }

    #[test]
    fn unix_paths_abstract_names_and_trailing_bytes() {
        assert_eq!(
            text(b"01002F72756E2F646275732F736F636B657400", x86()),
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
        assert_eq!(text(b"0100006162", x86()), "{ saddr_fam=local path=@ab }");
        // Abstract names may hold NULs; only the padding after the name is dropped.
        let padded = decode(b"010000610062000000", x86()).unwrap();
        assert_eq!(
            padded,
            SockAddr::Unix {
                path: b"a\0b".to_vec(),
                is_abstract: true
            }
        );
        assert_eq!(text(b"0100", x86()), "{ saddr_fam=local unnamed socket }");
        assert_eq!(
            text(b"010041", x86()),
            "{ saddr_fam=local sockaddr len too short }"
        );
        // Path bytes that are not UTF-8 are kept as bytes.
        assert_eq!(
            decode(b"01002FFF00", x86()).unwrap().to_bytes(),
            b"{ saddr_fam=local path=/\xff }"
        );
    }

    #[test]
    fn netlink_vsock_and_other_families() {
        let netlink = decode(b"100000000000000001000000", x86()).unwrap();
        assert_eq!(netlink, SockAddr::Netlink { pid: 0, groups: 1 });
        assert_eq!(
            netlink.to_string(),
            "{ saddr_fam=netlink nlnk-fam=16 nlnk-pid=0 }"
        );
        assert_eq!(
            text(b"1000000000000000", x86()),
            "{ saddr_fam=netlink len too short }"
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
            text(b"0200", x86()),
            "{ saddr_fam=inet sockaddr len too short }"
        );
        assert_eq!(
            text(b"0A00", x86()),
            "{ saddr_fam=inet6 sockaddr6 len too short }"
        );
        assert_eq!(text(b"1D00AB", x86()), "{ saddr_fam=can (unsupported) }");
        assert_eq!(text(b"FF00AB", x86()), "unknown-family(255)");
        assert_eq!(text(b"0000", x86()), "{ saddr_fam=unspec }");
    }
}

//! The columns of the network view: every field of a row for CSV and JSON Lines, the ones a
//! responder reads first for the table, and the columns of each summary.

use super::SummaryBy;
use super::row::{Endpoint, NetRow, family_name, socket_names};
use super::summary::{Capped, Tally, key_parts};
use crate::interpret::Arch;
use crate::interpret::sockaddr::SockAddr;
use crate::output::rows::Cell;
use crate::output::time::write_iso;
use crate::query::time::Zone;
use crate::record::Stamp;
use std::borrow::Cow;

/// Every field of a row, for CSV and JSON Lines.
pub const ROW_COLUMNS: &[&str] = &[
    "time",
    "node",
    "event",
    "session",
    "auid",
    "auid_name",
    "uid",
    "uid_name",
    "pid",
    "ppid",
    "exe",
    "comm",
    "syscall",
    "direction",
    "family",
    "address",
    "port",
    "path",
    "netlink_pid",
    "netlink_groups",
    "socket_type",
    "socket_protocol",
    "fd",
    "result",
    "exit",
    "key",
    "proctitle",
];

/// The table's columns: the address, path or netlink pid in one column, names for users.
pub const TABLE_COLUMNS: &[&str] = &[
    "time", "node", "event", "auid", "uid", "pid", "ppid", "exe", "syscall", "dir", "family",
    "address", "port", "result", "key", "command",
];

pub fn time_text(stamp: Option<Stamp>, zone: Zone) -> Cell<'static> {
    match stamp {
        Some(s) => {
            let mut out = Vec::with_capacity(29);
            write_iso(&mut out, s.sec, s.msec, zone);
            Cell::text(out)
        }
        None => Cell::Empty,
    }
}

fn event_id(stamp: Option<Stamp>) -> Cell<'static> {
    match stamp {
        Some(s) => Cell::owned(format!("{}.{:03}:{}", s.sec, s.msec, s.serial)),
        None => Cell::Empty,
    }
}

fn family_cell(family: Option<u16>) -> Cell<'static> {
    match family {
        Some(f) => Cell::text(family_name(f).into_owned().into_bytes()),
        None => Cell::Empty,
    }
}

/// The address of a row in one text: the IP address (the port has its own column), the unix
/// path (`@` before an abstract name), the netlink pid, or socket()'s type and protocol.
pub fn address_text(endpoint: &Endpoint, arch: Option<Arch>) -> Cow<'_, [u8]> {
    match endpoint {
        Endpoint::None => Cow::Borrowed(b""),
        Endpoint::Socket {
            domain,
            kind,
            protocol,
        } => {
            let (kind, protocol) = socket_names(*domain, *kind, *protocol, arch);
            Cow::Owned(format!("{kind} {protocol}").into_bytes())
        }
        Endpoint::Address(address) => match address {
            SockAddr::Inet { .. } | SockAddr::Inet6 { .. } => {
                Cow::Owned(address.ip_text().unwrap_or_default().into_bytes())
            }
            SockAddr::Unix { path, is_abstract } => match is_abstract {
                true => Cow::Owned([&b"@"[..], path].concat()),
                false => Cow::Borrowed(path),
            },
            SockAddr::UnixUnnamed => Cow::Borrowed(b"(unnamed)"),
            // connect() to AF_UNSPEC dissolves a datagram socket's association: no peer.
            SockAddr::Unspec => Cow::Borrowed(b""),
            SockAddr::Netlink { pid, groups: 0 } => Cow::Owned(format!("pid={pid}").into_bytes()),
            SockAddr::Netlink { pid, groups } => {
                Cow::Owned(format!("pid={pid} groups={groups:#x}").into_bytes())
            }
            other => Cow::Owned(other.to_bytes()),
        },
    }
}

fn port_of(endpoint: &Endpoint) -> Option<u16> {
    match endpoint {
        Endpoint::Address(address) => address.port(),
        _ => None,
    }
}

/// The cells of [`ROW_COLUMNS`].
pub fn row_cells<'r>(row: &'r NetRow, zone: Zone) -> Vec<Cell<'r>> {
    let endpoint = &row.endpoint;
    let (address, path, netlink) = match endpoint {
        Endpoint::Address(a @ (SockAddr::Inet { .. } | SockAddr::Inet6 { .. })) => (
            Cell::opt_text(a.ip_text().map(|t| t.into_bytes().into())),
            Cell::Empty,
            None,
        ),
        Endpoint::Address(SockAddr::Unix { .. } | SockAddr::UnixUnnamed) => (
            Cell::Empty,
            Cell::text(address_text(endpoint, row.arch)),
            None,
        ),
        Endpoint::Address(SockAddr::Netlink { pid, groups }) => {
            (Cell::Empty, Cell::Empty, Some((*pid, *groups)))
        }
        Endpoint::Address(_) => (
            Cell::text(address_text(endpoint, row.arch)),
            Cell::Empty,
            None,
        ),
        Endpoint::None | Endpoint::Socket { .. } => (Cell::Empty, Cell::Empty, None),
    };
    let (socket_type, socket_protocol) = match endpoint {
        Endpoint::Socket {
            domain,
            kind,
            protocol,
        } => {
            let (kind, protocol) = socket_names(*domain, *kind, *protocol, row.arch);
            (Cell::owned(kind), Cell::owned(protocol))
        }
        _ => (Cell::Empty, Cell::Empty),
    };
    vec![
        time_text(row.stamp, zone),
        Cell::opt_text(row.node.map(Cow::Borrowed)),
        event_id(row.stamp),
        Cell::opt_int(row.session),
        Cell::opt_int(row.auid.id),
        Cell::opt_text(row.auid.name.clone()),
        Cell::opt_int(row.uid.id),
        Cell::opt_text(row.uid.name.clone()),
        Cell::opt_int(row.pid),
        Cell::opt_int(row.ppid),
        Cell::opt_text(row.exe.clone()),
        Cell::opt_text(row.comm.clone()),
        Cell::str(row.call),
        Cell::opt_text(Some(Cow::Borrowed(row.direction.name().as_bytes()))),
        family_cell(endpoint.family()),
        address,
        Cell::opt_int(port_of(endpoint)),
        path,
        Cell::opt_int(netlink.map(|n| n.0)),
        Cell::opt_int(netlink.map(|n| n.1)),
        socket_type,
        socket_protocol,
        Cell::opt_int(row.fd),
        Cell::text(row.outcome.text().into_owned().into_bytes()),
        Cell::opt_int(row.exit),
        Cell::opt_text(row.key.clone()),
        Cell::opt_text(row.proctitle.clone()),
    ]
}

/// The table's columns on a terminal, which must fit its width.
pub const TERMINAL_COLUMNS: &[&str] = &[
    "time", "node", "auid", "pid", "exe", "syscall", "address", "port", "result", "command",
];

/// The cells of [`TABLE_COLUMNS`].
pub fn table_cells<'r>(row: &'r NetRow, zone: Zone) -> Vec<Cell<'r>> {
    vec![
        time_text(row.stamp, zone),
        Cell::opt_text(row.node.map(Cow::Borrowed)),
        event_id(row.stamp),
        Cell::text(row.auid.text().into_owned()),
        Cell::text(row.uid.text().into_owned()),
        Cell::opt_int(row.pid),
        Cell::opt_int(row.ppid),
        Cell::opt_text(row.exe.clone().or_else(|| row.comm.clone())),
        Cell::str(row.call),
        Cell::opt_text(Some(Cow::Borrowed(row.direction.name().as_bytes()))),
        family_cell(row.endpoint.family()),
        Cell::opt_text(Some(address_text(&row.endpoint, row.arch))),
        Cell::opt_int(port_of(&row.endpoint)),
        Cell::text(row.outcome.text().into_owned().into_bytes()),
        Cell::opt_text(row.key.clone()),
        Cell::opt_text(row.proctitle.clone()),
    ]
}

/// The summary's key parts, in the order [`summary_columns`] names them.
pub fn key_names(by: SummaryBy) -> &'static [&'static str] {
    match by {
        SummaryBy::Flow => &["exe", "direction", "family", "address", "port"],
        SummaryBy::Host => &["family", "address"],
        SummaryBy::Exe => &["exe"],
        SummaryBy::Listening => &["node", "exe", "family", "address", "port"],
    }
}

/// The figures after the key parts.
fn figure_names(by: SummaryBy) -> &'static [&'static str] {
    match by {
        SummaryBy::Flow => &["count", "ok", "pending", "failed", "pids", "first", "last"],
        SummaryBy::Host => &[
            "count", "ok", "pending", "failed", "ports", "programs", "first", "last",
        ],
        SummaryBy::Exe => &[
            "count", "ok", "pending", "failed", "pids", "peers", "first", "last",
        ],
        SummaryBy::Listening => &["binds", "listens", "failed", "pids", "first", "last"],
    }
}

pub fn summary_columns(by: SummaryBy) -> Vec<&'static str> {
    key_names(by)
        .iter()
        .chain(figure_names(by))
        .copied()
        .collect()
}

/// The family part of a key: the number as text, empty when unknown.
pub fn family_key(family: Option<u16>) -> Vec<u8> {
    family.map_or_else(Vec::new, |f| f.to_string().into_bytes())
}

fn count(n: u64) -> Cell<'static> {
    Cell::Int(n as i64)
}

fn capped_count<T: Ord>(set: &Capped<T>) -> Cell<'static> {
    match set.is_complete() {
        true => Cell::Int(set.len() as i64),
        false => Cell::owned(set.count_text()),
    }
}

fn capped_list<'t, T: Ord>(set: &'t Capped<T>, show: impl Fn(&'t T) -> Cow<'t, [u8]>) -> Cell<'t> {
    let mut items: Vec<Cow<[u8]>> = set.items().map(show).collect();
    if !set.is_complete() {
        items.push(Cow::Borrowed("…".as_bytes()));
    }
    Cell::List(items)
}

/// The cells of one summary row.
pub fn summary_cells<'t>(
    by: SummaryBy,
    key: &'t [u8],
    tally: &'t Tally,
    zone: Zone,
) -> Vec<Cell<'t>> {
    let mut cells: Vec<Cell> = key_parts(key)
        .into_iter()
        .zip(key_names(by))
        .map(|(part, name)| match *name {
            "family" => family_cell(std::str::from_utf8(part).ok().and_then(|f| f.parse().ok())),
            "port" => Cell::opt_int(
                std::str::from_utf8(part)
                    .ok()
                    .and_then(|p| p.parse::<u16>().ok()),
            ),
            _ => Cell::opt_text(Some(Cow::Borrowed(part))),
        })
        .collect();
    for name in figure_names(by) {
        cells.push(match *name {
            "count" => count(tally.count),
            "ok" => count(tally.ok),
            "pending" => count(tally.pending),
            "failed" => count(tally.failed),
            "binds" => count(tally.binds),
            "listens" => count(tally.listens),
            "pids" => capped_count(&tally.pids),
            "ports" => capped_list(&tally.ports, |p| Cow::Owned(p.to_string().into_bytes())),
            "programs" | "peers" => capped_list(&tally.related, |r| Cow::Borrowed(&r[..])),
            "first" => time_text(tally.first, zone),
            _ => time_text(tally.last, zone),
        });
    }
    cells
}

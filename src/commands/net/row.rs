//! One row of the network view from one event: the socket call its SYSCALL record made, the
//! address of its SOCKADDR record, and the process that made the call.
//!
//! On i386, s390 and ppc, programs may reach every socket call through `socketcall`, whose
//! first argument names the call (include/uapi/linux/net.h) and whose own arguments the kernel
//! logs in a SOCKETCALL record; such an event gives the same row as the direct syscall.

use crate::event::Event;
use crate::interpret::args::{self, Arg, ArgContext};
use crate::interpret::names::NameLookup;
use crate::interpret::sockaddr::{self, SockAddr};
use crate::interpret::tables::values::{self, record_type};
use crate::interpret::{Arch, EventContext, Interpreted, encoding, interpret_field};
use crate::record::{Record, Stamp, Value};
use std::borrow::Cow;

const SOCKETCALL: u32 = 1304;
const PROCTITLE: u32 = 1327;
const EINPROGRESS: u32 = 115;

/// Which way a call points: out to a peer, in from one, or a local address offered to peers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    Out,
    In,
    Listen,
    /// socket(): no peer yet.
    None,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
            Direction::Listen => "listen",
            Direction::None => "",
        }
    }

    pub fn parse(text: &str) -> Result<Direction, String> {
        match text.to_ascii_lowercase().as_str() {
            "out" => Ok(Direction::Out),
            "in" => Ok(Direction::In),
            "listen" => Ok(Direction::Listen),
            _ => Err(format!(
                "bad direction '{text}': give out (connect, send), in (accept, receive) or \
                 listen (bind, listen)"
            )),
        }
    }
}

/// The direction of a socket call, or `None` for calls that are not part of the view.
pub fn direction_of(call: &str) -> Option<Direction> {
    Some(match call {
        "connect" | "send" | "sendto" | "sendmsg" | "sendmmsg" => Direction::Out,
        "accept" | "accept4" | "recv" | "recvfrom" | "recvmsg" | "recvmmsg" => Direction::In,
        "bind" | "listen" => Direction::Listen,
        "socket" => Direction::None,
        _ => return None,
    })
}

/// What the call names besides the process: an address, or socket()'s arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// No SOCKADDR record (listen(), a send on a connected socket, a failed accept).
    None,
    Address(SockAddr),
    /// socket()'s domain, type and protocol.
    Socket {
        domain: u64,
        kind: u64,
        protocol: u64,
    },
}

impl Endpoint {
    /// The address family, where the event tells it.
    pub fn family(&self) -> Option<u16> {
        match self {
            Endpoint::None => None,
            Endpoint::Address(address) => Some(address.family()),
            Endpoint::Socket { domain, .. } => u16::try_from(*domain).ok(),
        }
    }
}

/// How the call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// A non-blocking connect() under way (EINPROGRESS): neither made nor refused yet.
    Pending,
    /// Failed with this errno (0 when the record gives none).
    Failed(u32),
}

impl Outcome {
    fn of(success: Option<&[u8]>, exit: Option<i64>) -> Outcome {
        let failed = |exit: Option<i64>| match exit {
            Some(e) if e < 0 && -e <= u32::MAX as i64 => match (-e) as u32 {
                EINPROGRESS => Outcome::Pending,
                errno => Outcome::Failed(errno),
            },
            _ => Outcome::Failed(0),
        };
        match success {
            Some(b"yes") => Outcome::Success,
            Some(_) => failed(exit),
            None if exit.is_some_and(|e| e < 0) => failed(exit),
            None => Outcome::Success,
        }
    }

    /// `success`, or the errno name (`EINPROGRESS`, `ECONNREFUSED`).
    pub fn text(self) -> Cow<'static, str> {
        match self {
            Outcome::Success => Cow::Borrowed("success"),
            Outcome::Pending => Cow::Borrowed("EINPROGRESS"),
            Outcome::Failed(0) => Cow::Borrowed("failed"),
            Outcome::Failed(errno) => match crate::interpret::errno::name(errno) {
                Some(name) => Cow::Borrowed(name),
                None => Cow::Owned(format!("errno {errno}")),
            },
        }
    }
}

/// A user id and its name from the evidence (the ENRICHED part, or the evidence host's
/// databases); `id` is `None` for the unset id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity<'a> {
    pub id: Option<u32>,
    pub name: Option<Cow<'a, [u8]>>,
}

impl Identity<'_> {
    /// The name, else the number, else `unset`.
    pub fn text(&self) -> Cow<'_, [u8]> {
        match (&self.name, self.id) {
            (Some(name), _) => Cow::Borrowed(name),
            (None, Some(id)) => Cow::Owned(id.to_string().into_bytes()),
            (None, None) => Cow::Borrowed(b"unset"),
        }
    }
}

/// One socket call, borrowed from its event where the log holds the text as it is shown.
#[derive(Clone, Debug)]
pub struct NetRow<'a> {
    pub stamp: Option<Stamp>,
    pub node: Option<&'a [u8]>,
    pub arch: Option<Arch>,
    /// The call made, `socketcall` taken apart (`connect`, not `socketcall`).
    pub call: &'static str,
    pub direction: Direction,
    pub endpoint: Endpoint,
    /// The socket: the first argument, or what socket() returned.
    pub fd: Option<u64>,
    pub outcome: Outcome,
    pub exit: Option<i64>,
    pub pid: Option<u64>,
    pub ppid: Option<u64>,
    pub session: Option<u64>,
    pub auid: Identity<'a>,
    pub uid: Identity<'a>,
    pub exe: Option<Cow<'a, [u8]>>,
    pub comm: Option<Cow<'a, [u8]>>,
    /// Keys joined by commas.
    pub key: Option<Cow<'a, [u8]>>,
    /// The command line, arguments separated by blanks (the kernel keeps its first 128 bytes).
    pub proctitle: Option<Cow<'a, [u8]>>,
}

/// The call an event's SYSCALL record made, with its arguments: `socketcall`'s own first
/// argument names the call, and its arguments are those of its SOCKETCALL record.
fn socket_call(event: &Event, ctx: &EventContext) -> Option<(&'static str, [Option<u64>; 4])> {
    let name = ctx.syscall_name()?;
    if name != "socketcall" {
        return direction_of(name).map(|_| (name, ctx.args));
    }
    let call = ctx.args[0].and_then(|n| {
        values::SOCKETCALLS
            .binary_search_by_key(&n, |&(v, _)| v)
            .ok()
            .map(|i| values::SOCKETCALLS[i].1)
    })?;
    direction_of(call)?;
    let mut args = [None; 4];
    if let Some(record) = event.records().find(|r| r.type_code() == Some(SOCKETCALL)) {
        for field in record.fields() {
            let index = match field.key {
                b"a0" => 0,
                b"a1" => 1,
                b"a2" => 2,
                b"a3" => 3,
                _ => continue,
            };
            args[index] = parse_hex(field.value.raw());
        }
    }
    Some((call, args))
}

fn parse_hex(raw: &[u8]) -> Option<u64> {
    if raw.is_empty() || raw.len() > 16 {
        return None;
    }
    raw.iter().try_fold(0u64, |v, &b| {
        Some(v << 4 | (b as char).to_digit(16)? as u64)
    })
}

/// How much of a row to read.
#[derive(Clone, Copy)]
pub enum Detail<'n> {
    /// Everything; user names the records do not carry are looked up in these databases.
    Full(&'n dyn NameLookup),
    /// What the summaries count: no user names, command line or keys.
    Counted,
}

/// The row of `event`, if its SYSCALL record made a socket call of the view.
pub fn row_of<'a>(event: &'a Event, detail: Detail<'a>) -> Option<NetRow<'a>> {
    let syscall = event
        .records()
        .find(|r| r.type_code() == Some(record_type::SYSCALL))?;
    if !may_be_socket_call(&syscall) {
        return None;
    }
    let ctx = EventContext::of(std::iter::once(syscall));
    let (call, args) = socket_call(event, &ctx)?;
    let direction = direction_of(call)?;
    let mut row = NetRow {
        stamp: event.stamp(),
        node: event.node(),
        arch: ctx.arch,
        call,
        direction,
        endpoint: Endpoint::None,
        fd: None,
        outcome: Outcome::Success,
        exit: None,
        pid: None,
        ppid: None,
        session: None,
        auid: Identity::default(),
        uid: Identity::default(),
        exe: None,
        comm: None,
        key: None,
        proctitle: None,
    };
    read_process(&mut row, &syscall, &ctx, detail);
    row.fd = match call {
        "socket" => row.exit.and_then(|e| u64::try_from(e).ok()),
        _ => args[0],
    };
    for record in event.records() {
        match record.type_code() {
            Some(record_type::SOCKADDR) if row.endpoint == Endpoint::None => {
                if let Some(Value::Bare(hex)) = record.field(b"saddr")
                    && let Some(address) = sockaddr::decode(hex, ctx.arch)
                {
                    row.endpoint = Endpoint::Address(address);
                }
            }
            Some(PROCTITLE) if row.proctitle.is_none() => {
                if let Detail::Full(names) = detail {
                    row.proctitle = record
                        .field(b"proctitle")
                        .map(|v| shown(interpret_field(&ctx, &record, b"proctitle", v, names), v));
                }
            }
            _ => {}
        }
    }
    if call == "socket"
        && row.endpoint == Endpoint::None
        && let [Some(domain), Some(kind), Some(protocol), _] = args
    {
        row.endpoint = Endpoint::Socket {
            domain,
            kind,
            protocol,
        };
    }
    Some(row)
}

/// Whether a SYSCALL record's syscall may be a socket call: read from its first fields
/// (`arch=`, `syscall=`), so that most events are passed over before their arguments are read.
fn may_be_socket_call(record: &Record) -> bool {
    let (mut arch, mut number) = (None, None);
    for field in record.fields() {
        match field.key {
            b"arch" => arch = Arch::from_field(field.value.raw()),
            b"syscall" => number = field.value.as_u64(),
            _ => {}
        }
        if let (Some(arch), Some(number)) = (arch, number) {
            let name = u32::try_from(number)
                .ok()
                .and_then(|n| arch.syscall_name(n));
            return name.is_some_and(|n| n == "socketcall" || direction_of(n).is_some());
        }
    }
    // Without both, the full reading decides.
    true
}

/// The SYSCALL record's process fields and result, in one pass over its fields.
fn read_process<'a>(
    row: &mut NetRow<'a>,
    record: &Record<'a>,
    ctx: &EventContext,
    detail: Detail<'a>,
) {
    let mut success = None;
    for field in record.fields() {
        let value = field.value;
        match field.key {
            b"success" => success = Some(value.raw()),
            b"exit" => row.exit = value.as_i64(),
            b"pid" => row.pid = value.as_u64(),
            b"ppid" => row.ppid = value.as_u64(),
            b"ses" => row.session = value.as_u64().filter(|&s| s != u32::MAX as u64),
            b"auid" | b"uid" => {
                let Detail::Full(names) = detail else {
                    continue;
                };
                let who = identity(value, interpret_field(ctx, record, field.key, value, names));
                match field.key {
                    b"auid" => row.auid = who,
                    _ => row.uid = who,
                }
            }
            b"comm" => {
                row.comm = Some(encoding::decode(Some(record_type::SYSCALL), b"comm", value))
            }
            b"exe" => row.exe = Some(encoding::decode(Some(record_type::SYSCALL), b"exe", value)),
            b"key" if value.raw() != b"(null)" && matches!(detail, Detail::Full(_)) => {
                row.key = Some(keys(value))
            }
            _ => {}
        }
    }
    row.outcome = Outcome::of(success, row.exit);
}

/// A user id and the name its interpretation gives (ENRICHED part first, then `names`).
fn identity<'a>(value: Value<'a>, interpreted: Interpreted<'a>) -> Identity<'a> {
    let id = value
        .as_i64()
        .and_then(|v| u32::try_from(v).ok())
        .filter(|&v| v != u32::MAX);
    let shown = match interpreted {
        Interpreted::Text(text) => Some(text),
        _ => None,
    };
    // "unknown(1000)" and "unset" say nothing the number does not.
    let name =
        shown.filter(|t| id.is_some() && !t.starts_with(b"unknown(") && t[..] != b"unset"[..]);
    Identity { id, name }
}

/// `key=` values, several keys (joined by 0x01 in the log) separated by commas.
fn keys(value: Value<'_>) -> Cow<'_, [u8]> {
    let decoded = encoding::decode(Some(record_type::SYSCALL), b"key", value);
    if !decoded.contains(&0x01) {
        return decoded;
    }
    Cow::Owned(
        decoded
            .iter()
            .map(|&b| if b == 0x01 { b',' } else { b })
            .collect(),
    )
}

/// The text an interpretation shows, given the value as written.
fn shown<'a>(interpreted: Interpreted<'a>, value: Value<'a>) -> Cow<'a, [u8]> {
    match interpreted {
        Interpreted::Text(text) | Interpreted::Keys(text) => text,
        Interpreted::Hex(_) | Interpreted::Raw => Cow::Borrowed(value.raw()),
    }
}

/// socket()'s type and protocol as names (`SOCK_STREAM`, `tcp`), read as auparse reads
/// socket()'s arguments.
pub fn socket_names(domain: u64, kind: u64, protocol: u64, arch: Option<Arch>) -> (String, String) {
    let hex = [
        format!("{domain:x}"),
        format!("{kind:x}"),
        format!("{protocol:x}"),
    ];
    let ctx = ArgContext {
        syscall: "socket",
        arch,
        args: [Some(domain), Some(kind), Some(protocol), None],
    };
    let names = crate::interpret::names::NoNames;
    let text = |rule: Arg, raw: &str| {
        let interpreted = args::render(rule, raw.as_bytes(), &ctx, &names);
        String::from_utf8_lossy(&interpreted.text(raw.as_bytes())).into_owned()
    };
    (
        text(Arg::SocketType, &hex[1]),
        text(Arg::SocketProtocol, &hex[2]),
    )
}

/// The family's name: ausearch's (`inet`, `inet6`, `netlink`), but `unix` for AF_UNIX, the
/// name responders use (ausearch says `local`).
pub fn family_name(family: u16) -> Cow<'static, str> {
    match family {
        1 => Cow::Borrowed("unix"),
        f => match sockaddr::family_name(f) {
            Some(name) => Cow::Borrowed(name),
            None => Cow::Owned(format!("family {f}")),
        },
    }
}

/// The number of a family name (`inet`, `unix` or `local`, `netlink`, …) or number.
pub fn family_number(name: &str) -> Option<u16> {
    let lower = name.to_ascii_lowercase();
    if let Ok(n) = lower.parse::<u16>() {
        return Some(n);
    }
    let wanted = match lower.as_str() {
        "unix" | "file" => "local",
        "ipv4" => "inet",
        "ipv6" => "inet6",
        other => other,
    };
    values::ADDRESS_FAMILIES
        .iter()
        .find(|&&(_, n)| n == wanted)
        .map(|&(v, _)| v as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_from_success_and_exit() {
        assert_eq!(Outcome::of(Some(b"yes"), Some(3)), Outcome::Success);
        assert_eq!(Outcome::of(Some(b"no"), Some(-115)), Outcome::Pending);
        assert_eq!(Outcome::of(Some(b"no"), Some(-111)), Outcome::Failed(111));
        assert_eq!(Outcome::of(None, Some(-2)), Outcome::Failed(2));
        assert_eq!(Outcome::of(Some(b"no"), None), Outcome::Failed(0));
        assert_eq!(Outcome::Failed(111).text(), "ECONNREFUSED");
        assert_eq!(Outcome::Pending.text(), "EINPROGRESS");
    }

    #[test]
    fn calls_and_their_directions() {
        assert_eq!(direction_of("connect"), Some(Direction::Out));
        assert_eq!(direction_of("sendmsg"), Some(Direction::Out));
        assert_eq!(direction_of("accept4"), Some(Direction::In));
        assert_eq!(direction_of("bind"), Some(Direction::Listen));
        assert_eq!(direction_of("socket"), Some(Direction::None));
        assert_eq!(direction_of("getsockopt"), None);
        assert_eq!(direction_of("execve"), None);
    }

    #[test]
    fn family_names_both_ways() {
        assert_eq!(family_name(1), "unix");
        assert_eq!(family_name(2), "inet");
        assert_eq!(family_name(10), "inet6");
        assert_eq!(family_name(16), "netlink");
        assert_eq!(family_number("unix"), Some(1));
        assert_eq!(family_number("local"), Some(1));
        assert_eq!(family_number("INET6"), Some(10));
        assert_eq!(family_number("netlink"), Some(16));
        assert_eq!(family_number("17"), Some(17));
        assert_eq!(family_number("nosuch"), None);
    }

    #[test]
    fn socket_arguments_by_name() {
        let (kind, protocol) = socket_names(2, 0x80001, 6, None);
        assert_eq!(kind, "SOCK_STREAM|SOCK_CLOEXEC");
        assert_eq!(protocol, "tcp");
        let (kind, protocol) = socket_names(16, 3, 9, None);
        assert_eq!(kind, "SOCK_RAW");
        assert_eq!(protocol, "NETLINK_AUDIT");
    }
}

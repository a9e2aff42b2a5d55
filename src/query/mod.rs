//! The filter engine every subcommand shares. A [`Filter`] is a list of conditions combined
//! with AND; each condition lists values combined with OR. A condition holds for an event
//! when any record of the event satisfies it (ausearch keeps one value per event, the last
//! record's, and so misses multi-record matches; we do not).

pub mod time;

use crate::event::Event;
use crate::interpret::{encoding, errno, Arch};
use crate::record::{Record, Value};

pub use time::{TimeBound, TimeSpec};

/// How string values are compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StringMatch {
    /// The value contains the pattern (ausearch's default).
    #[default]
    Substring,
    /// The value equals the pattern (ausearch `-w`).
    Exact,
}

/// A syscall given by name (resolved per record arch) or number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyscallSpec {
    Name(String),
    Number(u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Any key of the event (`key=`, several keys joined by 0x01 counted each).
    Key(Vec<String>),
    /// Any record of one of these types (numbers; `UNKNOWN[n]` is n).
    MessageType(Vec<u32>),
    Pid(Vec<u64>),
    Ppid(Vec<u64>),
    Exe(Vec<String>),
    Comm(Vec<String>),
    Uid(Vec<u64>),
    Auid(Vec<u64>),
    Euid(Vec<u64>),
    Syscall(Vec<SyscallSpec>),
    /// `success=yes|no` of a syscall, or `res=` of a user-space record.
    Success(bool),
    /// Event time within [start, end], in milliseconds since the epoch, both inclusive.
    Time {
        start: Option<i64>,
        end: Option<i64>,
    },
    /// The event serial (`-a`).
    EventId(Vec<u64>),
    /// The `node=` name, compared exactly.
    Node(Vec<String>),
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub conditions: Vec<Condition>,
    pub string_match: StringMatch,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    pub fn matches(&self, event: &Event) -> bool {
        self.conditions
            .iter()
            .all(|c| condition_holds(c, event, self.string_match))
    }
}

fn condition_holds(condition: &Condition, event: &Event, how: StringMatch) -> bool {
    match condition {
        Condition::Key(wanted) => event.records().any(|r| keys_match(&r, wanted, how)),
        Condition::MessageType(types) => event
            .records()
            .any(|r| r.type_code().is_some_and(|c| types.contains(&c))),
        Condition::Pid(values) => any_number(event, b"pid", values),
        Condition::Ppid(values) => any_number(event, b"ppid", values),
        Condition::Uid(values) => any_number(event, b"uid", values),
        Condition::Auid(values) => any_number(event, b"auid", values),
        Condition::Euid(values) => any_number(event, b"euid", values),
        Condition::Exe(wanted) => any_text(event, b"exe", wanted, how),
        Condition::Comm(wanted) => any_text(event, b"comm", wanted, how),
        Condition::Syscall(specs) => event.records().any(|r| syscall_matches(&r, specs)),
        Condition::Success(wanted) => event
            .records()
            .any(|r| record_success(&r) == Some(*wanted)),
        Condition::Time { start, end } => event.stamp().is_some_and(|s| {
            let ms = s.millis() as i64;
            start.is_none_or(|t| ms >= t) && end.is_none_or(|t| ms <= t)
        }),
        Condition::EventId(serials) => event.stamp().is_some_and(|s| serials.contains(&s.serial)),
        Condition::Node(nodes) => event
            .node()
            .is_some_and(|n| nodes.iter().any(|w| w.as_bytes() == n)),
    }
}

fn text_matches(value: &[u8], wanted: &str, how: StringMatch) -> bool {
    match how {
        StringMatch::Exact => value == wanted.as_bytes(),
        StringMatch::Substring => memchr::memmem::find(value, wanted.as_bytes()).is_some(),
    }
}

fn keys_match(record: &Record, wanted: &[String], how: StringMatch) -> bool {
    record.fields_named(b"key").any(|value| {
        let decoded = encoding::decode(record.type_code(), b"key", value);
        encoding::split_keys(&decoded).any(|k| wanted.iter().any(|w| text_matches(k, w, how)))
    })
}

fn any_number(event: &Event, name: &[u8], values: &[u64]) -> bool {
    event.records().any(|r| {
        r.fields_named(name)
            .any(|v| v.as_u64().is_some_and(|n| values.contains(&n)))
    })
}

fn any_text(event: &Event, name: &[u8], wanted: &[String], how: StringMatch) -> bool {
    event.records().any(|r| {
        r.fields_named(name).any(|v| {
            let decoded = encoding::decode(r.type_code(), name, v);
            wanted.iter().any(|w| text_matches(&decoded, w, how))
        })
    })
}

fn syscall_matches(record: &Record, specs: &[SyscallSpec]) -> bool {
    let Some(number) = record.field(b"syscall").and_then(|v| v.as_u64()) else {
        return false;
    };
    let arch = record.field(b"arch").and_then(|v| Arch::from_field(v.raw()));
    specs.iter().any(|spec| match spec {
        SyscallSpec::Number(n) => number == *n as u64,
        SyscallSpec::Name(name) => arch
            .and_then(|a| a.syscall_number(name))
            .is_some_and(|n| n as u64 == number),
    })
}

/// Whether a record says its action succeeded: `success=` of a syscall, else `res=`.
pub fn record_success(record: &Record) -> Option<bool> {
    if let Some(value) = record.field(b"success") {
        return yes_no(value);
    }
    record.field(b"res").and_then(yes_no)
}

fn yes_no(value: Value) -> Option<bool> {
    match value.raw() {
        b"yes" | b"success" | b"1" => Some(true),
        b"no" | b"failed" | b"0" => Some(false),
        _ => None,
    }
}

/// A syscall as the user gave it: a number, or a name that some architecture knows.
pub fn parse_syscall(text: &str) -> Result<SyscallSpec, String> {
    if let Ok(n) = text.parse() {
        return Ok(SyscallSpec::Number(n));
    }
    if Arch::all().any(|a| a.syscall_number(text).is_some()) {
        Ok(SyscallSpec::Name(text.to_string()))
    } else {
        Err(format!("unknown syscall '{text}' (give a name such as execve, or a number)"))
    }
}

/// An exit value given as a number or an errno name (`EACCES` means -13).
pub fn parse_exit(text: &str) -> Result<i64, String> {
    if let Ok(n) = text.parse() {
        return Ok(n);
    }
    // An errno name means the failing return value, -EACCES, with or without the sign
    // (ausearch takes `EACCES` as +13 and so never matches it).
    let name = text.strip_prefix('-').unwrap_or(text);
    let n = errno::number(name).ok_or_else(|| format!("unknown errno name '{text}'"))?;
    Ok(-(n as i64))
}

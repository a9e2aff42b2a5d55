//! The filter engine every subcommand shares. A [`Filter`] is a list of conditions combined
//! with AND; each condition lists values combined with OR. A condition holds for an event
//! when any record of the event satisfies it (ausearch keeps one value per event, the last
//! record's, and so misses multi-record matches; we do not).

pub mod checkpoint;
pub mod cidr;
pub mod expr;
mod files;
pub mod time;

use crate::event::{Event, Mark, Marker};
use crate::interpret::names::{NameLookup, NoNames};
use crate::interpret::tables::values;
use crate::interpret::{Arch, EventContext, encoding, errno, interpret_field};
use crate::record::{FieldName, Record, Value};
use std::sync::Arc;

pub use files::normalize_path;
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
    Uid(Vec<IdSpec>),
    Auid(Vec<IdSpec>),
    Euid(Vec<IdSpec>),
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
    /// A syscall's `exit=` value (`-e`; errno names are given as their negative numbers).
    Exit(Vec<i64>),
    /// A file the event names (`-f`): PATH `name=` (relative names joined to the event's
    /// `cwd=` and normalised), `cwd=`, `path=` of AVC and CONFIG_CHANGE records, and unix
    /// socket paths of SOCKADDR records. Given paths are normalised the same way.
    File(Vec<String>),
    Gid(Vec<IdSpec>),
    Egid(Vec<IdSpec>),
    /// `gid=` or `egid=` (`-ga`).
    AnyGid(Vec<IdSpec>),
    /// `uid=`, `euid=` or `auid=` (`-ua`).
    AnyUid(Vec<IdSpec>),
    /// A host the event names (`-hn`): `hostname=` (or `addr=` when the hostname is `?`), and
    /// the address of an inet or inet6 SOCKADDR record.
    Host(Vec<String>),
    /// `tty=` of a syscall or `terminal=` of a user-space record (`-tm`).
    Terminal(Vec<String>),
    /// The login session `ses=` (`--session`; 4294967295 is "unset").
    Session(Vec<u64>),
    /// SELinux subject context `subj=` or `scontext=` (`-su`).
    Subject(Vec<String>),
    /// SELinux object context `tcontext=` (`-o`).
    Object(Vec<String>),
    /// Subject or object context (`-se`).
    Context(Vec<String>),
    /// A virtual machine's `uuid=` (`-uu`).
    Uuid(Vec<String>),
    /// A virtual machine's name `vm=` (`-vm`).
    VmName(Vec<String>),
    /// The syscall's architecture (`--arch`): an exact `arch=` value, or any 32-bit or
    /// 64-bit one.
    Arch(Vec<ArchSpec>),
    /// A `--where` expression.
    Where(expr::Expr),
    /// The condition does not hold (`--not`).
    Not(Box<Condition>),
}

/// A user or group as given: a number, or a name compared with the name the event gives the
/// id (its ENRICHED part, else the name lookup; `root` and `unset` always).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdSpec {
    Number(u64),
    Name(String),
}

impl IdSpec {
    /// A number, `-1` for unset (4294967295, as the kernel writes it), or a name.
    pub fn parse(text: &str) -> Result<IdSpec, String> {
        match text {
            "" => Err("an empty user or group: give a number or a name".into()),
            "-1" => Ok(IdSpec::Number(u32::MAX as u64)),
            _ => Ok(match text.parse() {
                Ok(n) => IdSpec::Number(n),
                Err(_) => IdSpec::Name(text.to_string()),
            }),
        }
    }
}

/// Where user and group names come from, for filters given names: the evidence host's
/// databases once given, else only what the records carry.
#[derive(Clone)]
pub struct Names(pub Arc<dyn NameLookup + Send>);

impl Default for Names {
    fn default() -> Self {
        Names(Arc::new(NoNames))
    }
}

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Names")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArchSpec {
    Exact(Arch),
    Bits32,
    Bits64,
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub conditions: Vec<Condition>,
    pub string_match: StringMatch,
    pub names: Names,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// The filter compiled for matching many events.
    pub fn matcher(&self) -> Matcher {
        let mut tests: Vec<Test> = self.conditions.iter().map(Test::compile).collect();
        // The first text test whose values are all non-empty lends its needles to the
        // marker (an empty value matches anything, so no byte search can rule events out).
        let marker = tests.iter_mut().find_map(|test| match test {
            Test::Text {
                wanted,
                prefilter,
                marks,
                ..
            } if wanted.iter().all(|w| !w.is_empty()) => {
                *marks = true;
                Some(prefilter.needles.clone())
            }
            _ => None,
        });
        Matcher {
            tests,
            env: Env {
                how: self.string_match,
                names: self.names.clone(),
            },
            marker_needles: marker,
        }
    }
}

/// A compiled [`Filter`]: field names with their searchers, and byte prefilters that reject
/// most events before any field is parsed.
pub struct Matcher {
    tests: Vec<Test>,
    env: Env,
    marker_needles: Option<Vec<Vec<u8>>>,
}

/// What every test may need besides the event.
struct Env {
    how: StringMatch,
    names: Names,
}

impl Matcher {
    /// Needles for the parser to mark events by; events marked [`Mark::Lacks`] are then
    /// rejected at once. Events of a run without this marker must be [`Mark::Unknown`].
    pub fn marker(&self) -> Option<Marker> {
        self.marker_needles.clone().and_then(Marker::new)
    }

    pub fn matches(&self, event: &Event) -> bool {
        self.tests.iter().all(|t| t.holds(event, &self.env))
    }
}

enum Test {
    /// Text fields, possibly hex-encoded (`key`, `exe`, `comm`, …), any of `names`.
    Text {
        names: Vec<FieldName>,
        wanted: Vec<String>,
        prefilter: Prefilter,
        keys: bool,
        /// This test's needles are the run's marker.
        marks: bool,
    },
    Number {
        names: Vec<FieldName>,
        values: Vec<u64>,
    },
    /// User or group ids, by number or name.
    Id {
        names: Vec<FieldName>,
        numbers: Vec<u64>,
        wanted_names: Vec<String>,
        /// Also `id=` of group-management records, which names the group (as ausearch does).
        group_id: Option<FieldName>,
    },
    Where(Box<expr::CompiledExpr>),
    Signed {
        name: FieldName,
        values: Vec<i64>,
    },
    File(Box<files::FileTest>),
    Host(Box<files::HostTest>),
    Arch {
        specs: Vec<ArchSpec>,
        arch: FieldName,
    },
    Not(Box<Test>),
    Types(Vec<u32>),
    Syscall {
        specs: Vec<SyscallSpec>,
        syscall: FieldName,
        arch: FieldName,
    },
    Success {
        wanted: bool,
        success: FieldName,
        res: FieldName,
    },
    Time {
        start: Option<i64>,
        end: Option<i64>,
    },
    EventId(Vec<u64>),
    Node(Vec<String>),
}

impl Test {
    fn compile(condition: &Condition) -> Test {
        let names = |names: &[&[u8]]| names.iter().map(|n| FieldName::new(n)).collect();
        let text = |fields: &[&[u8]], wanted: &[String], keys: bool| Test::Text {
            names: names(fields),
            wanted: wanted.to_vec(),
            prefilter: Prefilter::new(wanted),
            keys,
            marks: false,
        };
        let number = |fields: &[&[u8]], values: &[u64]| Test::Number {
            names: names(fields),
            values: values.to_vec(),
        };
        let id = |fields: &[&[u8]], specs: &[IdSpec], group: bool| Test::Id {
            names: names(fields),
            numbers: specs
                .iter()
                .filter_map(|s| match s {
                    IdSpec::Number(n) => Some(*n),
                    IdSpec::Name(_) => None,
                })
                .collect(),
            wanted_names: specs
                .iter()
                .filter_map(|s| match s {
                    IdSpec::Name(n) => Some(n.clone()),
                    IdSpec::Number(_) => None,
                })
                .collect(),
            group_id: group.then(|| FieldName::new(b"id")),
        };
        match condition {
            Condition::Key(wanted) => text(&[b"key"], wanted, true),
            Condition::Exe(wanted) => text(&[b"exe"], wanted, false),
            Condition::Comm(wanted) => text(&[b"comm"], wanted, false),
            Condition::Terminal(wanted) => text(&[b"tty", b"terminal"], wanted, false),
            Condition::Subject(wanted) => text(&[b"subj", b"scontext"], wanted, false),
            Condition::Object(wanted) => text(&[b"tcontext"], wanted, false),
            Condition::Context(wanted) => text(&[b"subj", b"scontext", b"tcontext"], wanted, false),
            Condition::Uuid(wanted) => text(&[b"uuid"], wanted, false),
            Condition::VmName(wanted) => text(&[b"vm"], wanted, false),
            Condition::Pid(values) => number(&[b"pid"], values),
            Condition::Ppid(values) => number(&[b"ppid"], values),
            Condition::Uid(specs) => id(&[b"uid"], specs, false),
            // LOGIN records of old kernels say `loginuid=`.
            Condition::Auid(specs) => id(&[b"auid", b"loginuid"], specs, false),
            Condition::Euid(specs) => id(&[b"euid"], specs, false),
            Condition::Gid(specs) => id(&[b"gid"], specs, true),
            Condition::Egid(specs) => id(&[b"egid"], specs, false),
            Condition::AnyGid(specs) => id(&[b"gid", b"egid"], specs, true),
            Condition::AnyUid(specs) => id(&[b"uid", b"euid", b"auid"], specs, false),
            Condition::Where(expr) => Test::Where(Box::new(expr::CompiledExpr::new(expr))),
            Condition::Session(values) => number(&[b"ses"], values),
            Condition::Exit(values) => Test::Signed {
                name: FieldName::new(b"exit"),
                values: values.clone(),
            },
            Condition::File(paths) => Test::File(Box::new(files::FileTest::new(paths))),
            Condition::Host(hosts) => Test::Host(Box::new(files::HostTest::new(hosts))),
            Condition::Arch(specs) => Test::Arch {
                specs: specs.clone(),
                arch: FieldName::new(b"arch"),
            },
            Condition::Not(inner) => Test::Not(Box::new(Test::compile(inner))),
            Condition::MessageType(types) => Test::Types(types.clone()),
            Condition::Syscall(specs) => Test::Syscall {
                specs: specs.clone(),
                syscall: FieldName::new(b"syscall"),
                arch: FieldName::new(b"arch"),
            },
            Condition::Success(wanted) => Test::Success {
                wanted: *wanted,
                success: FieldName::new(b"success"),
                res: FieldName::new(b"res"),
            },
            Condition::Time { start, end } => Test::Time {
                start: *start,
                end: *end,
            },
            Condition::EventId(serials) => Test::EventId(serials.clone()),
            Condition::Node(nodes) => Test::Node(nodes.clone()),
        }
    }

    fn holds(&self, event: &Event, env: &Env) -> bool {
        let how = env.how;
        match self {
            Test::Text {
                names,
                wanted,
                prefilter,
                keys,
                marks,
            } => {
                let may_match = match event.mark {
                    Mark::Holds if *marks => true,
                    Mark::Lacks if *marks => false,
                    _ => prefilter.may_match(event),
                };
                may_match
                    && event.records().any(|r| {
                        names
                            .iter()
                            .any(|name| text_field_matches(&r, name, wanted, *keys, how))
                    })
            }
            Test::Number { names, values } => event.records().any(|r| {
                names.iter().any(|name| {
                    r.fields_by(name)
                        .any(|v| v.as_u64().is_some_and(|n| values.contains(&n)))
                })
            }),
            Test::Id {
                names,
                numbers,
                wanted_names,
                group_id,
            } => event.records().any(|r| {
                let holds = |name: &FieldName| {
                    r.fields_by(name).any(|v| {
                        v.as_u64().is_some_and(|n| numbers.contains(&n))
                            || id_name_matches(&r, name, v, wanted_names, &*env.names.0)
                    })
                };
                names.iter().any(holds)
                    || group_id
                        .as_ref()
                        .is_some_and(|id| is_group_record(&r) && holds(id))
            }),
            Test::Where(expr) => expr.holds(event, &*env.names.0),
            Test::Signed { name, values } => event.records().any(|r| {
                r.fields_by(name)
                    .any(|v| v.as_i64().is_some_and(|n| values.contains(&n)))
            }),
            Test::File(test) => test.holds(event, how),
            Test::Host(test) => test.holds(event, how),
            Test::Arch { specs, arch } => event.records().any(|r| {
                r.fields_by(arch)
                    .filter_map(|v| Arch::from_field(v.raw()))
                    .any(|a| specs.iter().any(|s| s.accepts(a)))
            }),
            Test::Not(inner) => !inner.holds(event, env),
            Test::Types(types) => event
                .records()
                .any(|r| r.type_code().is_some_and(|c| types.contains(&c))),
            Test::Syscall {
                specs,
                syscall,
                arch,
            } => event
                .records()
                .any(|r| syscall_matches(&r, specs, syscall, arch)),
            Test::Success {
                wanted,
                success,
                res,
            } => event
                .records()
                .any(|r| success_of(&r, success, res) == Some(*wanted)),
            Test::Time { start, end } => event.stamp().is_some_and(|s| {
                let ms = s.millis() as i64;
                start.is_none_or(|t| ms >= t) && end.is_none_or(|t| ms <= t)
            }),
            Test::EventId(serials) => event.stamp().is_some_and(|s| serials.contains(&s.serial)),
            Test::Node(nodes) => event
                .node()
                .is_some_and(|n| nodes.iter().any(|w| w.as_bytes() == n)),
        }
    }
}

/// Rejects an event whose bytes hold neither a wanted text nor its hex form (auditd writes a
/// value hex-encoded when it holds spaces or odd bytes, and a substring of the text is a
/// substring of the hex): a byte search over the event, usually one call, before any field
/// is parsed.
struct Prefilter {
    needles: Vec<Vec<u8>>,
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Prefilter {
    fn new(wanted: &[String]) -> Self {
        let mut needles = Vec::new();
        for w in wanted {
            needles.push(w.as_bytes().to_vec());
            // auditd and the kernel write hex in upper case.
            let hex: String = w.bytes().map(|b| format!("{b:02X}")).collect();
            needles.push(hex.into_bytes());
        }
        let finders = needles
            .iter()
            .map(|n| memchr::memmem::Finder::new(n).into_owned())
            .collect();
        Prefilter { needles, finders }
    }

    fn may_match(&self, event: &Event) -> bool {
        event
            .byte_runs()
            .any(|run| self.finders.iter().any(|n| n.find(run).is_some()))
    }
}

impl ArchSpec {
    /// `b32`, `b64`, or a machine name as `uname -m` gives it (`x86_64`, `i686`, `aarch64`).
    pub fn parse(text: &str) -> Result<ArchSpec, String> {
        match text {
            "b32" => Ok(ArchSpec::Bits32),
            "b64" => Ok(ArchSpec::Bits64),
            _ => Arch::by_name(text).map(ArchSpec::Exact).ok_or_else(|| {
                format!("unknown architecture '{text}' (give b32, b64 or a name such as x86_64, i386, aarch64)")
            }),
        }
    }

    fn accepts(self, arch: Arch) -> bool {
        match self {
            ArchSpec::Exact(a) => a == arch,
            ArchSpec::Bits32 => !arch.is_64bit(),
            ArchSpec::Bits64 => arch.is_64bit(),
        }
    }
}

/// Whether the name the event gives an id (ENRICHED part, else the lookup) is a wanted one.
fn id_name_matches(
    record: &Record,
    name: &FieldName,
    value: Value,
    wanted: &[String],
    names: &dyn NameLookup,
) -> bool {
    if wanted.is_empty() {
        return false;
    }
    // Ids need no event context: they are read alone.
    let context = EventContext::default();
    let shown = interpret_field(&context, record, name.as_bytes(), value, names);
    let text = shown.text(value.raw());
    wanted.iter().any(|w| w.as_bytes() == text.as_ref())
}

/// ADD_GROUP, DEL_GROUP and GRP_MGMT: their `id=` is the group's id.
fn is_group_record(record: &Record) -> bool {
    matches!(record.type_code(), Some(1116 | 1117 | 1132))
}

/// A string value against a wanted text, as substring or whole value.
pub(crate) fn text_matches(value: &[u8], wanted: &str, how: StringMatch) -> bool {
    match how {
        StringMatch::Exact => value == wanted.as_bytes(),
        StringMatch::Substring => memchr::memmem::find(value, wanted.as_bytes()).is_some(),
    }
}

fn text_field_matches(
    record: &Record,
    name: &FieldName,
    wanted: &[String],
    keys: bool,
    how: StringMatch,
) -> bool {
    record.fields_by(name).any(|value| {
        let decoded = encoding::decode_in(record, name.as_bytes(), value);
        if keys {
            encoding::split_keys(&decoded).any(|k| wanted.iter().any(|w| text_matches(k, w, how)))
        } else {
            wanted.iter().any(|w| text_matches(&decoded, w, how))
        }
    })
}

fn syscall_matches(
    record: &Record,
    specs: &[SyscallSpec],
    syscall: &FieldName,
    arch: &FieldName,
) -> bool {
    let Some(number) = record.fields_by(syscall).next().and_then(|v| v.as_u64()) else {
        return false;
    };
    let arch = record
        .fields_by(arch)
        .next()
        .and_then(|v| Arch::from_field(v.raw()));
    // i386's socketcall() and ipc() make the call their first argument names.
    let multiplexed = || {
        let name = arch.and_then(|a| a.syscall_name(u32::try_from(number).ok()?))?;
        let (table, mask) = match name {
            "socketcall" => (values::SOCKETCALLS, u64::MAX),
            "ipc" => (values::IPC_CALLS, 0xffff),
            _ => return None,
        };
        let a0 = record
            .field(b"a0")
            .and_then(|v| u64::from_str_radix(std::str::from_utf8(v.raw()).ok()?, 16).ok())?;
        table
            .iter()
            .find(|(n, _)| *n == a0 & mask)
            .map(|(_, call)| *call)
    };
    specs.iter().any(|spec| match spec {
        SyscallSpec::Number(n) => number == *n as u64,
        SyscallSpec::Name(name) => {
            arch.and_then(|a| a.syscall_number(name))
                .is_some_and(|n| n as u64 == number)
                || multiplexed().is_some_and(|call| call == name)
        }
    })
}

fn success_of(record: &Record, success: &FieldName, res: &FieldName) -> Option<bool> {
    match record.fields_by(success).next() {
        Some(value) => yes_no(value),
        None => record.fields_by(res).next().and_then(yes_no),
    }
}

/// `yes`/`no` of `success=`, `success`/`failed` or `1`/`0` of `res=`.
pub(crate) fn yes_no(value: Value) -> Option<bool> {
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
    let multiplexed = values::SOCKETCALLS
        .iter()
        .chain(values::IPC_CALLS)
        .any(|(_, call)| *call == text);
    if multiplexed || Arch::all().any(|a| a.syscall_number(text).is_some()) {
        Ok(SyscallSpec::Name(text.to_string()))
    } else {
        Err(format!(
            "unknown syscall '{text}' (give a name such as execve, or a number)"
        ))
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

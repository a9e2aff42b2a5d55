//! What `ausift exec` keeps of an event: an exec (execve, execveat), a fork (clone, fork, vfork,
//! clone3 that made a process) or a login-session record, as one compact owned [`Activity`].
//!
//! Events are read in parallel and most are dropped at once; what is kept outlives its chunk,
//! so its texts are copied out, all into one buffer per event, already decoded and with user
//! names resolved (ENRICHED part first, then the name database given).

use crate::event::Event;
use crate::interpret::Arch;
use crate::interpret::args::{self, Arg};
use crate::interpret::execve::Argv;
use crate::interpret::names::NameLookup;
use crate::interpret::tables::values::record_type;
use crate::interpret::{EventContext, Interpreted, encoding, interpret_field};
use crate::record::{ENRICHMENT_SEPARATOR, FieldName, Record, Stamp, Value};
use std::sync::LazyLock;

/// LOGIN: the kernel gives a process its login uid and session.
pub const LOGIN: u32 = 1006;
const CRED_ACQ: u32 = 1103;
const CRED_DISP: u32 = 1104;
const USER_START: u32 = 1105;
const USER_END: u32 = 1106;
const CRED_REFR: u32 = 1110;
const USER_LOGIN: u32 = 1112;
const USER_LOGOUT: u32 = 1113;
const CWD: u32 = 1307;

/// The kinds of login-session records `exec` shows in a session.
pub const SESSION_TYPES: &[u32] = &[
    LOGIN,
    CRED_ACQ,
    CRED_DISP,
    USER_START,
    USER_END,
    CRED_REFR,
    USER_LOGIN,
    USER_LOGOUT,
];

/// What an activity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An execve or execveat call, successful or not.
    Exec,
    /// The process `pid` made the process `child`.
    Fork { child: u32 },
    /// A login-session record of this type.
    Session { record_type: u32 },
}

/// The texts an activity may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Node,
    Exe,
    Comm,
    Cwd,
    Tty,
    /// Audit keys, joined by 0x01.
    Keys,
    AuidName,
    UidName,
    EuidName,
    /// The file a failed exec tried to run (PATH item 0).
    Target,
    /// Session records: the PAM operation, account, remote host and address, terminal.
    Op,
    Acct,
    Host,
    Addr,
    Terminal,
}

const TEXTS: usize = Text::Terminal as usize + 1;

/// One exec, fork or session record, owned.
#[derive(Clone, Debug)]
pub struct Activity {
    pub kind: Kind,
    pub stamp: Stamp,
    /// Whether the run's filters accept it (set by the caller).
    pub matched: bool,
    pub syscall: Option<&'static str>,
    pub success: Option<bool>,
    pub exit: Option<i64>,
    pub pid: Option<u32>,
    pub ppid: Option<u32>,
    pub auid: Option<u32>,
    pub uid: Option<u32>,
    pub euid: Option<u32>,
    /// The login session; `None` when unset (4294967295) or absent.
    pub ses: Option<u32>,
    pub argv: Argv,
    text: Vec<u8>,
    spans: [(u32, u32); TEXTS],
}

/// The id written for "unset" in auid, uid and ses fields.
pub const UNSET: u32 = u32::MAX;

impl Activity {
    fn new(kind: Kind, stamp: Stamp) -> Self {
        Activity {
            kind,
            stamp,
            matched: false,
            syscall: None,
            success: None,
            exit: None,
            pid: None,
            ppid: None,
            auid: None,
            uid: None,
            euid: None,
            ses: None,
            argv: Argv::default(),
            text: Vec::with_capacity(192),
            spans: [(0, 0); TEXTS],
        }
    }

    /// A text, empty when the event had none.
    pub fn text(&self, which: Text) -> &[u8] {
        let (start, end) = self.spans[which as usize];
        &self.text[start as usize..end as usize]
    }

    pub fn has(&self, which: Text) -> bool {
        let (start, end) = self.spans[which as usize];
        end > start
    }

    fn set(&mut self, which: Text, value: &[u8]) {
        let start = self.text.len() as u32;
        self.text.extend_from_slice(value);
        self.spans[which as usize] = (start, self.text.len() as u32);
    }

    pub fn node(&self) -> Option<&[u8]> {
        self.has(Text::Node).then(|| self.text(Text::Node))
    }

    pub fn is_exec(&self) -> bool {
        self.kind == Kind::Exec
    }

    /// The audit keys of the event.
    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        encoding::split_keys(self.text(Text::Keys))
    }

    /// The errno name of a failed call (`ENOENT`), if its exit value names one.
    pub fn errno(&self) -> Option<&'static str> {
        let exit = self.exit?;
        (exit < 0)
            .then(|| u32::try_from(-exit).ok())
            .flatten()
            .and_then(crate::interpret::errno::name)
    }

    /// The program: the executable of a successful exec, the file a failed one tried.
    pub fn program(&self) -> &[u8] {
        if self.success == Some(false) && self.has(Text::Target) {
            self.text(Text::Target)
        } else {
            self.text(Text::Exe)
        }
    }
}

/// The `ses=` value as a session, `None` for unset.
fn session(raw: Option<u64>) -> Option<u32> {
    raw.and_then(|v| u32::try_from(v).ok())
        .filter(|&v| v != UNSET)
}

/// What extraction needs besides the event.
pub struct Extract<'n> {
    pub names: &'n dyn NameLookup,
    /// Whether login-session records are wanted.
    pub sessions: bool,
}

impl Extract<'_> {
    /// The activity of an event, if it is one `exec` keeps.
    pub fn activity(&self, event: &Event) -> Option<Activity> {
        let stamp = event.stamp()?;
        let first = event.first();
        let code = first.type_code();
        if self.sessions && code.is_some_and(|c| SESSION_TYPES.contains(&c)) {
            return Some(self.session(event, &first, code?, stamp));
        }
        let syscall = match code {
            Some(record_type::SYSCALL) => first,
            _ => event
                .records()
                .find(|r| r.type_code() == Some(record_type::SYSCALL))?,
        };
        // Most events are neither execs nor forks: their syscall's name alone rules them out,
        // before the record is read field by field.
        let name = syscall_name(&syscall)?;
        if !matches!(
            name,
            "execve" | "execveat" | "clone" | "clone2" | "clone3" | "fork" | "vfork"
        ) {
            return None;
        }
        let ctx = EventContext::of(std::iter::once(syscall));
        let kind = match name {
            "execve" | "execveat" => Kind::Exec,
            "clone" | "clone2" | "clone3" | "fork" | "vfork" => Kind::Fork {
                child: forked_child(&syscall, &ctx, name)?,
            },
            _ => return None,
        };
        let mut activity = Activity::new(kind, stamp);
        activity.syscall = Some(name);
        if let Some(node) = event.node() {
            activity.set(Text::Node, node);
        }
        self.syscall_fields(&mut activity, &ctx, &syscall);
        if kind == Kind::Exec {
            exec_records(&mut activity, event);
        }
        Some(activity)
    }

    fn syscall_fields(&self, activity: &mut Activity, ctx: &EventContext, record: &Record) {
        for field in record.fields() {
            let value = field.value;
            match field.key {
                b"success" => activity.success = crate::query::yes_no(value),
                b"exit" => activity.exit = value.as_i64(),
                b"pid" => activity.pid = number(value),
                b"ppid" => activity.ppid = number(value),
                b"ses" => activity.ses = session(value.as_u64()),
                b"auid" => {
                    activity.auid = number(value);
                    self.name(activity, Text::AuidName, ctx, record, field.key, value);
                }
                b"uid" => {
                    activity.uid = number(value);
                    self.name(activity, Text::UidName, ctx, record, field.key, value);
                }
                b"euid" => {
                    activity.euid = number(value);
                    self.name(activity, Text::EuidName, ctx, record, field.key, value);
                }
                b"tty" => activity.set(Text::Tty, value.raw()),
                b"comm" => activity.set(Text::Comm, &encoding::decode_in(record, b"comm", value)),
                b"exe" => activity.set(Text::Exe, &encoding::decode_in(record, b"exe", value)),
                b"key" => {
                    let keys = encoding::decode_in(record, b"key", value);
                    if &*keys != b"(null)" {
                        activity.set(Text::Keys, &keys);
                    }
                }
                _ => {}
            }
        }
    }

    /// The user name for an id field, when the record's enrichment or the name database has
    /// one (not for `unset` or an unknown id).
    fn name(
        &self,
        activity: &mut Activity,
        which: Text,
        ctx: &EventContext,
        record: &Record,
        key: &[u8],
        value: Value,
    ) {
        // Without an enrichment part the name can only come from the database: ask it
        // directly rather than have an unknown id spelled out first.
        if memchr::memchr(ENRICHMENT_SEPARATOR, record.text).is_none() {
            let name = match number(value) {
                Some(0) => Some("root"),
                Some(UNSET) | None => None,
                Some(id) => self.names.user(id),
            };
            if let Some(name) = name {
                activity.set(which, name.as_bytes());
            }
            return;
        }
        let shown = interpret_field(ctx, record, key, value, self.names);
        if let Interpreted::Text(text) = &shown
            && !text.starts_with(b"unknown(")
            && &text[..] != b"unset"
            && !text.is_empty()
        {
            activity.set(which, text);
        }
    }

    fn session(&self, event: &Event, first: &Record, code: u32, stamp: Stamp) -> Activity {
        let mut activity = Activity::new(Kind::Session { record_type: code }, stamp);
        if let Some(node) = event.node() {
            activity.set(Text::Node, node);
        }
        let ctx = EventContext::default();
        for field in first.fields() {
            let value = field.value;
            let decoded = || encoding::decode_in(first, field.key, value);
            match field.key {
                b"pid" => activity.pid = number(value),
                b"ses" => activity.ses = session(value.as_u64()),
                b"auid" => {
                    activity.auid = number(value);
                    self.name(&mut activity, Text::AuidName, &ctx, first, field.key, value);
                }
                b"uid" => {
                    activity.uid = number(value);
                    self.name(&mut activity, Text::UidName, &ctx, first, field.key, value);
                }
                b"res" => activity.success = crate::query::yes_no(value),
                b"op" => activity.set(Text::Op, &decoded()),
                b"acct" => activity.set(Text::Acct, &decoded()),
                b"exe" => activity.set(Text::Exe, &decoded()),
                b"hostname" => activity.set(Text::Host, &decoded()),
                b"addr" => activity.set(Text::Addr, &decoded()),
                b"terminal" => activity.set(Text::Terminal, &decoded()),
                b"tty" => activity.set(Text::Tty, value.raw()),
                _ => {}
            }
        }
        activity
    }
}

/// The child a fork-like call made: its return value, unless the call failed or made a thread
/// (CLONE_THREAD; clone3 hides its flags, so it counts as a process).
fn forked_child(record: &Record, ctx: &EventContext, name: &str) -> Option<u32> {
    const CLONE_THREAD: u64 = 0x10000;
    let child = record
        .field(b"exit")
        .and_then(|v| v.as_i64())
        .filter(|&v| v > 0)?;
    let flags_at = args::rules(name, ctx.arch)
        .iter()
        .position(|&a| a == Arg::CloneFlags);
    let thread = flags_at
        .and_then(|i| ctx.args[i])
        .is_some_and(|flags| flags & CLONE_THREAD != 0);
    (!thread).then(|| u32::try_from(child).ok()).flatten()
}

/// The exec's arguments, working directory and, for a failed one, the file it tried to run.
fn exec_records(activity: &mut Activity, event: &Event) {
    activity.argv = Argv::of(event.records());
    let mut target = None;
    for record in event.records() {
        match record.type_code() {
            Some(CWD) => {
                if let Some(cwd) = record.field(b"cwd") {
                    activity.set(Text::Cwd, &encoding::decode_in(&record, b"cwd", cwd));
                }
            }
            Some(record_type::PATH) if target.is_none() => {
                if record.field(b"item").is_some_and(|i| i.raw() == b"0")
                    && let Some(name) = record.field(b"name")
                {
                    target = Some(encoding::decode_in(&record, b"name", name).into_owned());
                }
            }
            _ => {}
        }
    }
    if let Some(target) = target {
        let joined = join_to_cwd(activity.text(Text::Cwd), &target);
        activity.set(Text::Target, &joined);
    }
}

/// A relative path joined to the working directory it was given in.
fn join_to_cwd(cwd: &[u8], path: &[u8]) -> Vec<u8> {
    if path.starts_with(b"/") || cwd.is_empty() {
        return path.to_vec();
    }
    let mut joined = cwd.to_vec();
    if !joined.ends_with(b"/") {
        joined.push(b'/');
    }
    joined.extend_from_slice(path.strip_prefix(b"./").unwrap_or(path));
    joined
}

static SYSCALL_FIELD: LazyLock<FieldName> = LazyLock::new(|| FieldName::new(b"syscall"));
static ARCH_FIELD: LazyLock<FieldName> = LazyLock::new(|| FieldName::new(b"arch"));

/// The name of a SYSCALL record's call on its architecture, found without tokenizing.
fn syscall_name(record: &Record) -> Option<&'static str> {
    let number = record.fields_by(&SYSCALL_FIELD).next()?.as_u64()?;
    let arch = Arch::from_field(record.fields_by(&ARCH_FIELD).next()?.raw())?;
    arch.syscall_name(u32::try_from(number).ok()?)
}

fn number(value: Value) -> Option<u32> {
    value.as_u64().and_then(|v| u32::try_from(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_targets_join_the_working_directory() {
        assert_eq!(join_to_cwd(b"/srv/app", b"./run.sh"), b"/srv/app/run.sh");
        assert_eq!(join_to_cwd(b"/", b"x"), b"/x");
        assert_eq!(join_to_cwd(b"/srv", b"/tmp/.x"), b"/tmp/.x");
        assert_eq!(join_to_cwd(b"", b"x"), b"x");
    }

    #[test]
    fn unset_sessions_are_none() {
        assert_eq!(session(Some(4294967295)), None);
        assert_eq!(session(Some(42)), Some(42));
        assert_eq!(session(None), None);
    }
}

//! The process behind an event, read from its records: ids, program, command line, working
//! directory and syscall outcome, decoded once for the writers that show them side by side
//! (`ausift export`).

use super::encoding;
use super::execve;
use super::field::EventContext;
use super::normalize::EventFields;
use super::render;
use super::tables::values::record_type;
use crate::record::{Record, Value};
use smallvec::SmallVec;
use std::borrow::Cow;

/// The record type of a working directory.
const CWD: u32 = 1307;

/// What the event's records say about the process that caused it. Strings are decoded (hex
/// undone) but not otherwise interpreted; ids are numbers when the log writes numbers.
#[derive(Clone, Debug, Default)]
pub struct ProcessFacts<'a> {
    pub pid: Option<u32>,
    pub ppid: Option<u32>,
    pub auid: Option<u32>,
    pub uid: Option<u32>,
    pub ses: Option<u32>,
    pub exe: Option<Cow<'a, [u8]>>,
    pub comm: Option<Cow<'a, [u8]>>,
    pub tty: Option<&'a [u8]>,
    pub cwd: Option<Cow<'a, [u8]>>,
    /// The EXECVE arguments, whole; `None` when the event has no EXECVE record.
    pub argv: Option<Vec<Vec<u8>>>,
    /// The syscall's name on the event's architecture, else its number.
    pub syscall: Option<Cow<'static, str>>,
    /// The syscall's return value as written (a pid for fork and clone, an errno when negative).
    pub exit: Option<i64>,
    /// The SYSCALL record's `success=`.
    pub success: Option<bool>,
    /// Whether the facts come from a SYSCALL record (rather than a user-space record).
    pub from_syscall: bool,
    /// Which of the event's records they come from.
    pub record: usize,
}

impl<'a> ProcessFacts<'a> {
    /// Reads the facts from the event's SYSCALL record, else from its first record that names
    /// a pid; `None` when no record does.
    pub fn of(records: &[Record<'a>], ctx: &EventContext) -> Option<Self> {
        let cwd = records
            .iter()
            .find(|r| r.type_code() == Some(CWD))
            .and_then(|r| r.field(b"cwd"));
        let types: SmallVec<[Option<u32>; 8]> = records.iter().map(Record::type_code).collect();
        let fields = |i: usize| records[i].fields().map(|f| (f.key, f.value));
        Self::read(records, &types, ctx, fields, cwd)
    }

    /// As [`ProcessFacts::of`], reading the fields from the event's field table instead of
    /// splitting the records again.
    pub fn of_table(
        records: &[Record<'a>],
        table: &EventFields<'a>,
        ctx: &EventContext,
    ) -> Option<Self> {
        let fields = |i| table.record_fields(i).iter().map(|f| (f.name, f.value));
        let types: SmallVec<[Option<u32>; 8]> =
            (0..records.len()).map(|i| table.record_type(i)).collect();
        Self::read(records, &types, ctx, fields, table.cwd)
    }

    fn read<I>(
        records: &[Record<'a>],
        types: &[Option<u32>],
        ctx: &EventContext,
        fields: impl Fn(usize) -> I,
        cwd: Option<Value<'a>>,
    ) -> Option<Self>
    where
        I: Iterator<Item = (&'a [u8], Value<'a>)>,
    {
        let syscall = types.iter().position(|&t| t == Some(record_type::SYSCALL));
        let at = syscall
            .or_else(|| (0..records.len()).find(|&i| fields(i).any(|(key, _)| key == b"pid")))?;
        let mut facts = ProcessFacts {
            from_syscall: types[at] == Some(record_type::SYSCALL),
            record: at,
            ..ProcessFacts::default()
        };
        facts.read_fields(&records[at], fields(at));
        if facts.from_syscall {
            facts.syscall = ctx
                .syscall_name()
                .map(Cow::Borrowed)
                .or_else(|| ctx.syscall.map(|n| Cow::Owned(n.to_string())));
        }
        facts.cwd = cwd.map(|v| encoding::decode(Some(CWD), b"cwd", v));
        if types.contains(&Some(record_type::EXECVE)) {
            facts.argv = Some(execve::arguments(records.iter().copied()));
        }
        Some(facts)
    }

    fn read_fields(
        &mut self,
        record: &Record<'a>,
        fields: impl Iterator<Item = (&'a [u8], Value<'a>)>,
    ) {
        let number = |v: Value| render::dec(v.raw()).and_then(|n| u32::try_from(n).ok());
        let text = |key: &[u8], v: Value<'a>| encoding::decode_in(record, key, v);
        for (key, value) in fields {
            match key {
                b"pid" => self.pid = self.pid.or(number(value)),
                b"ppid" => self.ppid = self.ppid.or(number(value)),
                b"auid" => self.auid = self.auid.or(number(value)),
                b"uid" => self.uid = self.uid.or(number(value)),
                b"ses" => self.ses = self.ses.or(number(value)),
                b"exe" if self.exe.is_none() => self.exe = Some(text(b"exe", value)),
                b"comm" if self.comm.is_none() => self.comm = Some(text(b"comm", value)),
                b"tty" if self.tty.is_none() => self.tty = Some(value.raw()),
                b"exit" => self.exit = self.exit.or(signed(value.raw())),
                b"success" => {
                    self.success = self.success.or(match value.raw() {
                        b"yes" => Some(true),
                        b"no" => Some(false),
                        _ => None,
                    })
                }
                _ => {}
            }
        }
    }

    /// Whether the event replaced the process's program: a successful execve or execveat.
    pub fn executed(&self) -> bool {
        self.success != Some(false)
            && self.argv.is_some()
            && matches!(self.syscall.as_deref(), Some("execve" | "execveat"))
    }

    /// The pid of the child a successful fork, vfork, clone or clone3 made.
    pub fn child(&self) -> Option<u32> {
        let forks = matches!(
            self.syscall.as_deref(),
            Some("fork" | "vfork" | "clone" | "clone3")
        );
        match self.exit {
            Some(pid) if forks && pid > 0 => u32::try_from(pid).ok(),
            _ => None,
        }
    }
}

/// A decimal that may be negative (`exit=-13`).
fn signed(raw: &[u8]) -> Option<i64> {
    std::str::from_utf8(raw).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::parse_record;

    fn records(lines: &[&'static str]) -> Vec<Record<'static>> {
        lines
            .iter()
            .map(|l| {
                let parsed = parse_record(l.as_bytes()).unwrap();
                Record::from_header(l.as_bytes(), &parsed.header)
            })
            .collect()
    }

    #[test]
    fn execve_event_gives_program_arguments_and_directory() {
        let records = records(&[
            r#"type=SYSCALL msg=audit(1.000:7): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=100 pid=200 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="cat" exe="/usr/bin/cat" key=(null)"#,
            r#"type=EXECVE msg=audit(1.000:7): argc=2 a0="cat" a1=2F6574632F736861646F77"#,
            r#"type=CWD msg=audit(1.000:7): cwd=2F746D7020646972"#,
        ]);
        let ctx = EventContext::of(records.iter().copied());
        let facts = ProcessFacts::of(&records, &ctx).unwrap();
        assert_eq!((facts.pid, facts.ppid), (Some(200), Some(100)));
        assert_eq!(
            (facts.auid, facts.uid, facts.ses),
            (Some(1000), Some(0), Some(3))
        );
        assert_eq!(facts.exe.as_deref(), Some(&b"/usr/bin/cat"[..]));
        assert_eq!(facts.cwd.as_deref(), Some(&b"/tmp dir"[..]));
        assert_eq!(
            facts.argv,
            Some(vec![b"cat".to_vec(), b"/etc/shadow".to_vec()])
        );
        assert_eq!(facts.syscall.as_deref(), Some("execve"));
        assert!(facts.executed());
        assert_eq!(facts.child(), None);
    }

    #[test]
    fn clone_names_its_child_and_a_failed_call_none() {
        let line = |exit: &str| {
            format!(
                "type=SYSCALL msg=audit(1.000:8): arch=c000003e syscall=56 success=yes exit={exit} pid=5 ppid=1 exe=\"/bin/sh\""
            )
        };
        for (exit, child) in [("4242", Some(4242)), ("-11", None)] {
            let text: &'static str = Box::leak(line(exit).into_boxed_str());
            let records = records(&[text]);
            let ctx = EventContext::of(records.iter().copied());
            let facts = ProcessFacts::of(&records, &ctx).unwrap();
            assert_eq!(facts.child(), child, "exit={exit}");
            assert!(!facts.executed());
        }
    }

    #[test]
    fn user_space_record_without_syscall() {
        let records = records(&[
            r#"type=USER_LOGIN msg=audit(1.000:9): pid=77 uid=0 auid=1000 ses=2 msg='op=login id=1000 exe="/usr/sbin/sshd" hostname=h addr=10.0.0.1 terminal=ssh res=success'"#,
        ]);
        let ctx = EventContext::of(records.iter().copied());
        let facts = ProcessFacts::of(&records, &ctx).unwrap();
        assert!(!facts.from_syscall);
        assert_eq!(facts.pid, Some(77));
        assert_eq!(facts.exe.as_deref(), Some(&b"/usr/sbin/sshd"[..]));
        assert_eq!(facts.syscall, None);
    }
}

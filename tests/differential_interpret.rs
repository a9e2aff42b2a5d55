//! Field interpretation against `ausearch -if FILE -i` over every file of the shared corpus:
//! each field ausearch prints is compared with [`ausift::interpret::interpret_field`] for the
//! same record (found through `ausearch --raw`, which prints the same events in the same
//! order), after ausearch's own output escaping (control bytes as `\ooo`).
//!
//! User and group names: ausearch takes them from the analysing machine when a record carries
//! no ENRICHED translation. Those fields are compared with a name lookup that reads this
//! machine's /etc/passwd and /etc/group, and counted as `host-user-db`; fields with a
//! translation or the value 0 or -1 need no database and are counted as compared.
//!
//! Where ausearch 3.0.9 is wrong, the difference is a named, counted exception, each checked
//! by a predicate narrow enough to recognise only that error; any other difference fails.

mod common;

use ausift::interpret::field::written;
use ausift::interpret::field_type::{FieldType, field_type};
use ausift::interpret::names::NameLookup;
use ausift::interpret::{Arch, EventContext, Interpreted, interpret_field};
use ausift::record::{Record, Value, parse_record, types};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::Path;
use std::process::Command;

/// This machine's user and group names, as ausearch's getpwuid()/getgrgid() find them.
struct HostNames {
    users: HashMap<u32, String>,
    groups: HashMap<u32, String>,
}

impl HostNames {
    fn read() -> Self {
        let table = |path: &str| -> HashMap<u32, String> {
            std::fs::read_to_string(path)
                .unwrap_or_default()
                .lines()
                .filter_map(|line| {
                    let mut parts = line.split(':');
                    let name = parts.next()?;
                    let id = parts.nth(1)?.parse().ok()?;
                    Some((id, name.to_string()))
                })
                .collect()
        };
        HostNames {
            users: table("/etc/passwd"),
            groups: table("/etc/group"),
        }
    }
}

impl NameLookup for HostNames {
    fn user(&self, uid: u32) -> Option<&str> {
        self.users.get(&uid).map(String::as_str)
    }

    fn group(&self, gid: u32) -> Option<&str> {
        self.groups.get(&gid).map(String::as_str)
    }
}

fn run_ausearch(ausearch: &Path, file: &Path, format: &str) -> Vec<u8> {
    Command::new(ausearch)
        .arg("-if")
        .arg(file)
        .arg(format)
        .env("LC_ALL", "C")
        .env("TZ", "UTC")
        .output()
        .expect("ausearch runs")
        .stdout
}

/// One record line of `ausearch -i`: its node, serial, type number and the text after
/// `) : `.
struct Printed<'a> {
    key: (Vec<u8>, u64, Option<u32>),
    fields: &'a [u8],
}

fn printed_record(line: &[u8]) -> Option<Printed<'_>> {
    let (node, rest) = match line.strip_prefix(b"node=") {
        Some(rest) => {
            let space = memchr::memchr(b' ', rest)?;
            (rest[..space].to_vec(), &rest[space + 1..])
        }
        None => (Vec::new(), line),
    };
    let rest = rest.strip_prefix(b"type=")?;
    let type_end = memchr::memmem::find(rest, b" msg=audit(")?;
    let type_code = types::code_of(&rest[..type_end]);
    let after = &rest[type_end + 11..];
    let close = memchr::memchr(b')', after)?;
    let serial = std::str::from_utf8(&after[..close])
        .ok()?
        .rsplit(':')
        .next()?
        .parse()
        .ok()?;
    let fields = after[close + 1..]
        .strip_prefix(b" : ")
        .unwrap_or(&after[close + 1..]);
    Some(Printed {
        key: (node, serial, type_code),
        fields,
    })
}

/// The key of one raw line, as [`printed_record`] gives it for the printed form.
fn raw_key(record: &Record) -> Option<(Vec<u8>, u64, Option<u32>)> {
    Some((
        record.node().unwrap_or_default().to_vec(),
        record.stamp()?.serial,
        record.type_code(),
    ))
}

/// ausearch's escaping of interpreted text: bytes below 0x20 as three octal digits.
fn tty_escape(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for &b in text {
        if b < 0x20 {
            out.extend_from_slice(&[b'\\', b'0' + (b >> 6), b'0' + (b >> 3 & 7), b'0' + (b & 7)]);
        } else {
            out.push(b);
        }
    }
    out
}

/// What ausearch would print for the field, from our interpretation.
fn expected(shown: &Interpreted, written: &[u8], kind: FieldType) -> Vec<u8> {
    match shown {
        Interpreted::Raw if kind == FieldType::Unclassified => written.to_vec(),
        Interpreted::Keys(_) => {
            let keys: Vec<Vec<u8>> = shown.keys().map(tty_escape).collect();
            keys.join(&b" key="[..])
        }
        other => tty_escape(&other.text(written)),
    }
}

/// Where a field `name=` starts at or after `from`: at a token start (after a blank, a
/// quote or a parenthesis).
fn find_field(text: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while at <= text.len() {
        let found = at + memchr::memmem::find(&text[at..], name)?;
        let end = found + name.len();
        let starts_token =
            found == 0 || found == from || matches!(text[found - 1], b' ' | b'\'' | b'(' | b',');
        if starts_token && text.get(end) == Some(&b'=') {
            return Some(end + 1);
        }
        at = found + 1;
    }
    None
}

/// Where `part`, a slice of `whole`, ends in it.
fn span_end(whole: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize + part.len()).saturating_sub(whole.as_ptr() as usize)
}

/// The record's text from `from` to the next field's name (or the end).
fn raw_between<'a>(body: &'a [u8], from: usize, next_key: Option<&[u8]>) -> &'a [u8] {
    let to = next_key.map_or(body.len(), |k| {
        (k.as_ptr() as usize).saturating_sub(body.as_ptr() as usize)
    });
    body.get(from.min(body.len())..to.min(body.len()).max(from.min(body.len())))
        .unwrap_or_default()
}

/// The words of a gap between two fields, without the quotes, commas and parentheses
/// around them.
fn words(gap: &[u8]) -> Vec<&[u8]> {
    gap.split(|b| b.is_ascii_whitespace())
        .map(|w| {
            let start = w
                .iter()
                .position(|b| !b"'\",()".contains(b))
                .unwrap_or(w.len());
            let end = w
                .iter()
                .rposition(|b| !b"'\",()".contains(b))
                .map_or(start, |e| e + 1);
            &w[start..end.max(start)]
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[derive(Default)]
struct Tally {
    compared: usize,
    exceptions: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

struct Field<'r> {
    record_type: Option<u32>,
    name: &'r [u8],
    value: Value<'r>,
    kind: FieldType,
    ours: Vec<u8>,
    theirs: Vec<u8>,
    ctx: &'r EventContext,
    enriched: bool,
}

/// The named ausearch error a difference is, if it is one.
fn exception(f: &Field) -> Option<&'static str> {
    let raw = f.value.raw();
    let ours = &f.ours[..];
    let theirs = &f.theirs[..];
    let syscall = f.ctx.syscall_name().unwrap_or("");
    let arg = |n: u8| f.name == [b'a', b'0' + n];
    let in_syscall = f.record_type == types::code_of(b"SYSCALL");
    let big_endian = f.ctx.arch.is_some_and(|a| !a.is_little_endian());
    let x86 = f.ctx.arch.is_none_or(|a| {
        matches!(
            a.header_arch(),
            ausift::interpret::tables::arch_values::HeaderArch::X86
        )
    });
    let hex_arg = [b"0x", raw].concat();
    // Ours with every `|NAME` that `theirs` lacks removed.
    let without = |extra: &[u8]| -> Vec<u8> {
        let mut out = ours.to_vec();
        while let Some(at) = memchr::memmem::find(&out, extra) {
            out.drain(at..at + extra.len());
        }
        out
    };
    if f.record_type == types::code_of(b"SOCKETCALL")
        && theirs == hex_arg
        && syscall == "socketcall"
    {
        // ausift reads a SOCKETCALL record's arguments by the call socketcall() makes.
        return Some("socketcall-arguments-by-call");
    }
    if in_syscall && syscall == "clone" && (arg(0) || arg(2)) {
        // 3.0.9 reads clone()'s flags from a2; they are a0 (auparse moved them later).
        return Some("clone-flags-argument");
    }
    if in_syscall && !x86 && theirs.starts_with(b"O_") && ours.starts_with(b"O_") {
        return Some("open-flags-of-another-arch");
    }
    if theirs.starts_with(b"O_") && without(b"|O_LARGEFILE") == theirs {
        return Some("open-flags-largefile");
    }
    if in_syscall && syscall == "socket" && arg(1) && ours.starts_with(theirs) {
        return Some("socket-type-flags");
    }
    if f.kind == FieldType::CapBitmap && theirs == b"none" && ours == raw && raw.contains(&b':') {
        // A key fingerprint (`fp=SHA256:…`) is no capability set; ausearch reads it as 0.
        return Some("fingerprint-read-as-capabilities");
    }
    if let Some(cut) = unnamed_bits_at(ours)
        && &ours[..cut] == theirs
    {
        // Bits no table names: ausearch drops them, ausift shows them in hex.
        return Some("unnamed-bits-shown");
    }
    if !theirs.is_empty()
        && ours.len() > theirs.len()
        && ours.starts_with(theirs)
        && ours[theirs.len()] == b'|'
        && ours[theirs.len() + 1..]
            .iter()
            .all(|&b| b.is_ascii_uppercase() || b"_|".contains(&b))
    {
        // Flags that ausearch's table lacks (PROT_GROWSDOWN, READ_IMPLIES_EXEC, …).
        return Some("flags-missing-from-ausearch-table");
    }
    if in_syscall && syscall == "socket" && arg(2) && ours.starts_with(b"NETLINK_") {
        return Some("netlink-protocol");
    }
    if f.kind == FieldType::Sockaddr && big_endian && theirs.starts_with(b"unknown-family(") {
        return Some("sockaddr-byte-order");
    }
    if f.kind == FieldType::Sockaddr
        && ours.starts_with(b"{ saddr_fam=local path=@")
        && theirs.starts_with(b"{ saddr_fam=local path=")
    {
        return Some("abstract-unix-name");
    }
    if f.kind == FieldType::Sockaddr
        && ours == b"{ saddr_fam=local unnamed socket }"
        && theirs == b"{ saddr_fam=local sockaddr len too short }"
    {
        return Some("unix-unnamed-socket");
    }
    if f.kind == FieldType::Sockaddr
        && theirs == b"unknown-family(0)"
        && ours == b"{ saddr_fam=unspec }"
    {
        return Some("af-unspec");
    }
    if f.kind == FieldType::Sockaddr
        && theirs.ends_with(b" (unsupported) }")
        && ours.starts_with(&theirs[..theirs.len() - 16])
    {
        return Some("sockaddr-detail");
    }
    if matches!(f.kind, FieldType::Uid | FieldType::Gid) && !f.enriched && dec(raw).is_none() {
        // strtoul() reads a word as 0, so ausearch shows `uid=?` as root.
        return Some("id-not-a-number");
    }
    if f.name == b"arch" && theirs == b"armeb" && ours == b"arm" {
        return Some("arm-arch-name");
    }
    if f.name == b"uring_op" && theirs == raw {
        return Some("uring-op-unknown-to-3.0.9");
    }
    if f.kind == FieldType::Exit && theirs.starts_with(b"(null)(Unknown error ") {
        return Some("exit-value-is-no-errno");
    }
    if f.kind == FieldType::Syscall && f.ctx.arch.is_none() && ours == raw {
        // Without arch= ausearch reads the number on the analysing machine's architecture.
        return Some("syscall-without-arch");
    }
    if f.kind == FieldType::Seccomp && theirs == b"kill" && ours.starts_with(b"kill-") {
        return Some("seccomp-kill-action");
    }
    if theirs == b"IGPWR" && ours == b"SIGPWR" {
        return Some("sigpwr-misspelt");
    }
    if in_syscall && syscall == "ipc" && arg(0) && theirs == hex_arg {
        // 3.0.9 looks for a syscall called "ipccall", which no table has.
        return Some("ipc-call-argument");
    }
    if in_syscall && syscall.starts_with("exit") && arg(0) && theirs == b"UNKNOWN" {
        return Some("exit-status");
    }
    let index = (f.name.len() == 2 && f.name[0] == b'a').then(|| (f.name[1] - b'0') as usize);
    if in_syscall
        && theirs == hex_arg
        && ours != hex_arg
        && index.is_some_and(|n| !rule_in_3_0_9(syscall, n))
    {
        // A rule 3.0.9 lacks: the `*32` id calls, mmap2, fstatat64, openat's mode…
        return Some("argument-rule-missing-in-3.0.9");
    }
    if in_syscall && syscall == "ioctl" && arg(1) && theirs == hex_arg {
        return Some("value-missing-from-ausearch-table");
    }
    if theirs.starts_with(b"unknown-") && !ours.starts_with(b"unknown-") {
        return Some("value-missing-from-ausearch-table");
    }
    if in_syscall && (syscall == "fchownat" || syscall == "readlinkat") && (arg(1) || arg(2)) {
        return Some("argument-read-from-the-wrong-position");
    }
    if in_syscall && syscall == "mknodat" && arg(2) {
        return Some("mknodat-mode-has-a-file-type");
    }
    if in_syscall && syscall.starts_with("fcntl") && arg(2) && f.ctx.args[1] == Some(8) {
        // F_SETOWN's argument is a process, which ausearch shows as a user.
        return Some("fcntl-owner-is-no-user");
    }
    if f.kind == FieldType::Flags {
        return Some("path-lookup-flags");
    }
    None
}

/// Whether ausearch 3.0.9 has a rule for argument `n` of `syscall`: its print_a0..print_a3,
/// branch for branch (a name caught by an earlier branch never reaches a later one, so
/// chown() and fchown() never get their group decoded, nor lchown() its owner).
fn rule_in_3_0_9(syscall: &str, n: usize) -> bool {
    let s = syscall;
    let first = s.as_bytes().first().copied().unwrap_or(0);
    let tail = s.get(1..).unwrap_or("");
    match n {
        0 => {
            matches!(
                s,
                "rt_sigaction"
                    | "readlinkat"
                    | "clock_settime"
                    | "personality"
                    | "ptrace"
                    | "prctl"
                    | "mkdirat"
                    | "mknodat"
                    | "fchownat"
                    | "futimesat"
                    | "fchmodat"
                    | "futimensat"
                    | "unshare"
                    | "unlinkat"
                    | "utimensat"
                    | "setuid"
                    | "setreuid"
                    | "setresuid"
                    | "setfsuid"
                    | "setgid"
                    | "setregid"
                    | "setresgid"
                    | "socket"
                    | "setfsgid"
                    | "socketcall"
                    | "linkat"
                    | "newfstatat"
                    | "name_to_handle_at"
                    | "bpf"
            ) || s.starts_with("renameat")
                || s.starts_with("faccessat")
                || s.starts_with("openat")
                || s.starts_with("exit")
                || tail == "etrlimit"
        }
        1 => {
            (first == b'f' && (s == "fchmod" || s.starts_with("fcntl")))
                || (first == b'c' && (s == "chmod" || s.contains("chown") || s == "creat"))
                || tail == "etsockopt"
                || matches!(
                    s,
                    "setreuid"
                        | "setresuid"
                        | "setregid"
                        | "setresgid"
                        | "socket"
                        | "setns"
                        | "sched_setscheduler"
                        | "mkdir"
                        | "mknod"
                        | "mq_open"
                        | "open"
                        | "access"
                        | "epoll_ctl"
                        | "kill"
                        | "prctl"
                        | "tkill"
                        | "umount2"
                        | "ioctl"
                )
        }
        2 => {
            s.starts_with("fcntl")
                || tail == "etsockopt"
                || matches!(
                    s,
                    "openat"
                        | "open"
                        | "open_by_handle_at"
                        | "fchmodat"
                        | "setresuid"
                        | "setresgid"
                        | "socket"
                        | "sendmsg"
                        | "shmget"
                        | "mmap"
                        | "mkdirat"
                        | "mknodat"
                        | "mprotect"
                        | "mq_open"
                        | "recvmsg"
                        | "readlinkat"
                        | "linkat"
                        | "lseek"
                        | "clone"
                        | "clone2"
                        | "tgkill"
                )
                || s.starts_with("faccessat")
                || s.starts_with("renameat")
                || (!b"fsmrlco".contains(&first) && s.contains("chown"))
        }
        3 => matches!(
            s,
            "mmap" | "mount" | "recv" | "recvfrom" | "recvmmsg" | "send" | "sendto" | "sendmmsg"
        ),
        _ => false,
    }
}

/// Where a trailing `|0x…` or `,0x…` of unnamed bits starts.
fn unnamed_bits_at(text: &[u8]) -> Option<usize> {
    let at = memchr::memmem::rfind(text, b"0x")?;
    (at > 0
        && matches!(text[at - 1], b'|' | b',')
        && text[at + 2..].iter().all(u8::is_ascii_hexdigit))
    .then_some(at - 1)
}

fn dec(raw: &[u8]) -> Option<u64> {
    std::str::from_utf8(raw).ok()?.parse().ok()
}

fn compare_file(ausearch: &Path, file: &Path, names: &HostNames, tally: &mut Tally) -> String {
    let interpreted = run_ausearch(ausearch, file, "-i");
    let raw = run_ausearch(ausearch, file, "--raw");
    let raw_records: Vec<Record> = raw
        .split(|&b| b == b'\n')
        .filter_map(|line| {
            let parsed = parse_record(line).ok()?;
            let text = &line[parsed.start..parsed.start + parsed.len];
            Some(Record::from_header(text, &parsed.header))
        })
        .collect();
    let mut queues: HashMap<(Vec<u8>, u64, Option<u32>), VecDeque<Record>> = HashMap::new();
    for record in &raw_records {
        if let Some(key) = raw_key(record) {
            queues.entry(key).or_default().push_back(*record);
        }
    }
    let (before_compared, before_exceptions) =
        (tally.compared, tally.exceptions.values().sum::<usize>());
    let mut file_exceptions: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut bounds: Vec<usize> = memchr::memmem::find_iter(&interpreted, b"----\n").collect();
    bounds.push(interpreted.len());
    let events = bounds.windows(2).map(|w| &interpreted[w[0] + 5..w[1]]);
    for event in events {
        // ausearch prints an event's records last one first.
        let printed: Vec<Printed> = event
            .split(|&b| b == b'\n')
            .filter_map(printed_record)
            .collect();
        let mut pairs: Vec<(Printed, Record)> = Vec::new();
        for p in printed.into_iter().rev() {
            let Some(record) = queues.get_mut(&p.key).and_then(VecDeque::pop_front) else {
                tally.failures.push(format!(
                    "{}: no raw record for {:?}",
                    file.display(),
                    String::from_utf8_lossy(p.fields)
                ));
                continue;
            };
            pairs.push((p, record));
        }
        let ctx = EventContext::of(pairs.iter().map(|(_, r)| *r));
        for (p, record) in &pairs {
            compare_record(file, p, record, &ctx, names, tally, &mut file_exceptions);
        }
    }
    format!(
        "{}: {} fields compared, {} exceptions {:?}",
        file.file_name().unwrap().to_string_lossy(),
        tally.compared - before_compared,
        tally.exceptions.values().sum::<usize>() - before_exceptions,
        file_exceptions
    )
}

fn compare_record(
    file: &Path,
    printed: &Printed,
    record: &Record,
    ctx: &EventContext,
    names: &HostNames,
    tally: &mut Tally,
    file_exceptions: &mut BTreeMap<&'static str, usize>,
) {
    let text = printed.fields;
    let record_type = record.type_code();
    let enriched = memchr::memchr(0x1d, record.text).is_some_and(|at| at + 1 < record.text.len());
    let fields: Vec<_> = record.fields().collect();
    let mut cursor = 0;
    for (i, field) in fields.iter().enumerate() {
        let Some(start) = find_field(text, cursor, field.key) else {
            tally.failures.push(format!(
                "{}: {}: ausearch prints no {}= in {:?}",
                file.display(),
                String::from_utf8_lossy(record.text),
                String::from_utf8_lossy(field.key),
                String::from_utf8_lossy(text)
            ));
            continue;
        };
        let kind = field_type(record_type, field.key, field.value);
        let shown = interpret_field(ctx, record, field.key, field.value, names);
        let ours = expected(&shown, written(record, field.value), kind);
        let next_start = fields[i + 1..]
            .iter()
            .find_map(|next| find_field(text, start, next.key).map(|at| at - next.key.len() - 1));
        cursor = start;
        let end = next_start.unwrap_or(text.len()).max(start);
        // Equal when ours fills the gap up to the next field but for what stands between
        // the two fields in the record itself (`msg='`, the words of old records).
        let value_end = span_end(record.body(), written(record, field.value));
        let next_key = fields.get(i + 1).map(|next| next.key);
        let between = raw_between(record.body(), value_end, next_key);
        let matches = text[start..end].starts_with(&ours)
            && words(&text[start + ours.len()..end]) == words(between);
        if matches {
            cursor = start + ours.len();
            count_match(kind, field.value, enriched, &shown, tally, file_exceptions);
            continue;
        }
        let mut theirs = &text[start..end];
        while let Some((&last, rest)) = theirs.split_last() {
            let opened = theirs.iter().filter(|&&b| b == b'(').count();
            let closed = theirs.iter().filter(|&&b| b == b')').count();
            if matches!(last, b' ' | b',' | b'\'') || (last == b')' && closed > opened) {
                theirs = rest;
            } else {
                break;
            }
        }
        let difference = Field {
            record_type,
            name: field.key,
            value: field.value,
            kind,
            ours: ours.clone(),
            theirs: theirs.to_vec(),
            ctx,
            enriched,
        };
        match exception(&difference) {
            Some(name) => {
                if std::env::var_os("SHOW_EXCEPTIONS").is_some() {
                    println!(
                        "  {name}: {}={}: ours {:?}, ausearch {:?} ({:?})",
                        String::from_utf8_lossy(field.key),
                        String::from_utf8_lossy(field.value.raw()),
                        String::from_utf8_lossy(&ours),
                        String::from_utf8_lossy(theirs),
                        ctx.syscall_name()
                    );
                }
                *tally.exceptions.entry(name).or_default() += 1;
                *file_exceptions.entry(name).or_default() += 1;
            }
            None => tally.failures.push(format!(
                "{}: {}={}: ours {:?}, ausearch {:?} (arch {:?}, syscall {:?})",
                file.file_name().unwrap().to_string_lossy(),
                String::from_utf8_lossy(field.key),
                String::from_utf8_lossy(field.value.raw()),
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(theirs),
                ctx.arch.and_then(Arch::name),
                ctx.syscall_name()
            )),
        }
    }
}

fn count_match(
    kind: FieldType,
    value: Value,
    enriched: bool,
    shown: &Interpreted,
    tally: &mut Tally,
    file_exceptions: &mut BTreeMap<&'static str, usize>,
) {
    let needs_host_db = matches!(kind, FieldType::Uid | FieldType::Gid)
        && !enriched
        && !matches!(value.raw(), b"0" | b"4294967295" | b"-1")
        && !shown.is_raw();
    if needs_host_db {
        *tally.exceptions.entry("host-user-db").or_default() += 1;
        *file_exceptions.entry("host-user-db").or_default() += 1;
    } else {
        tally.compared += 1;
    }
}

#[test]
fn interpretation_matches_ausearch() {
    let Some(corpus) = common::corpus_dir("differential_interpret") else {
        return;
    };
    let Some(ausearch) = common::reference_tool("ausearch", "differential_interpret") else {
        return;
    };
    let names = HostNames::read();
    let mut tally = Tally::default();
    for file in common::corpus_files(&corpus) {
        let line = compare_file(&ausearch, &file, &names, &mut tally);
        println!("{line}");
    }
    println!(
        "fields compared: {}; named exceptions: {:?}",
        tally.compared, tally.exceptions
    );
    assert!(
        tally.failures.is_empty(),
        "{} differences:\n{}",
        tally.failures.len(),
        tally.failures[..tally.failures.len().min(200)].join("\n")
    );
}

//! What the reports read from one event: the values aureport keeps per event (login uid, exe,
//! terminal, host, …), taken in one pass over the event's fields and borrowed from its bytes.
//!
//! Where several records of an event carry a field, the last one wins, as in aureport (a
//! SYSCALL record usually comes first, so a LOGIN event's auid is the SYSCALL's). Lists (files,
//! keys, AVC denials) keep every value once.

use crate::event::Event;
use crate::interpret::tables::values::record_type;
use crate::interpret::{Arch, EventContext, encoding, sockaddr};
use crate::query::normalize_path;
use crate::record::fields::FieldName;
use crate::record::{Record, Value};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::sync::LazyLock;

pub const CWD: u32 = 1307;
pub const AVC_PATH: u32 = 1402;
pub const CONFIG_CHANGE: u32 = 1305;
pub const USER_AVC: u32 = 1107;
const PROCTITLE: u32 = 1327;

/// A field's value together with the record that holds it (needed to interpret it).
#[derive(Clone, Copy)]
pub struct Held<'a> {
    pub record: Record<'a>,
    pub value: Value<'a>,
}

impl<'a> Held<'a> {
    /// The value as text, hex-decoded where auditd may have encoded it.
    pub fn text(&self, name: &[u8]) -> Cow<'a, [u8]> {
        encoding::decode_in(&self.record, name, self.value)
    }
}

/// One SELinux or AppArmor access decision of an AVC or USER_AVC record.
pub struct Avc<'a> {
    pub subject: Cow<'a, [u8]>,
    pub class: Cow<'a, [u8]>,
    pub permission: Cow<'a, [u8]>,
    pub object: Cow<'a, [u8]>,
    pub result: Cow<'a, [u8]>,
}

/// A file the event names, and whether it is a PATH item of nametype PARENT (the directory of
/// the file acted on).
pub struct FileName<'a> {
    pub path: Cow<'a, [u8]>,
    pub parent: bool,
}

#[derive(Default)]
pub struct Facts<'a> {
    /// Record types in record order, each once.
    pub types: SmallVec<[u32; 8]>,
    pub auid: Option<Held<'a>>,
    pub uid: Option<Held<'a>>,
    pub pid: Option<u64>,
    /// `syscall=` of the SYSCALL record.
    pub syscall: Option<Held<'a>>,
    pub success: Option<bool>,
    pub exe: Option<Cow<'a, [u8]>>,
    pub comm: Option<Cow<'a, [u8]>>,
    pub terminal: Option<Cow<'a, [u8]>>,
    pub host: Option<Cow<'a, [u8]>>,
    pub acct: Option<Cow<'a, [u8]>>,
    pub keys: SmallVec<[Cow<'a, [u8]>; 2]>,
    pub files: Vec<FileName<'a>>,
    pub avcs: Vec<Avc<'a>>,
}

/// What reading an event's records leaves for the end: its working directory and the relative
/// PATH names to join to it; its architecture, once a SOCKADDR record needed it.
#[derive(Default)]
struct Reading<'a> {
    cwd: Option<Cow<'a, [u8]>>,
    relative: Vec<usize>,
    arch: Option<Option<Arch>>,
}

/// The facts a report reads: the others are not looked for, which spares tokenizing every
/// field of every record when a report shows two of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs(u16);

/// The facts one by one, to combine with `|`.
pub mod fact {
    use super::Needs;

    pub const AUID: Needs = Needs(1);
    pub const UID: Needs = Needs(1 << 1);
    pub const PID: Needs = Needs(1 << 2);
    pub const SYSCALL: Needs = Needs(1 << 3);
    pub const SUCCESS: Needs = Needs(1 << 4);
    pub const EXE: Needs = Needs(1 << 5);
    pub const COMM: Needs = Needs(1 << 6);
    pub const TERMINAL: Needs = Needs(1 << 7);
    pub const HOST: Needs = Needs(1 << 8);
    pub const ACCT: Needs = Needs(1 << 9);
    pub const KEYS: Needs = Needs(1 << 10);
    pub const FILES: Needs = Needs(1 << 11);
    pub const AVCS: Needs = Needs(1 << 12);
}

impl std::ops::BitOr for Needs {
    type Output = Needs;

    fn bitor(self, other: Needs) -> Needs {
        Needs(self.0 | other.0)
    }
}

impl Needs {
    pub const NONE: Needs = Needs(0);
    pub const ALL: Needs = Needs((1 << 13) - 1);

    pub const fn without(self, fact: Needs) -> Needs {
        Needs(self.0 & !fact.0)
    }

    /// Whether any of `fact` is needed.
    pub const fn has(self, fact: Needs) -> bool {
        self.0 & fact.0 != 0
    }

    /// Whether finding each field by its name costs less than tokenizing every field: when
    /// few names are looked for, as each search scans the record's text. Measured on
    /// generated logs: by name costs less up to the six names of `logins --summary`,
    /// tokenizing from the seven of the exe report's rows.
    pub fn by_name(self) -> bool {
        const MOST_NAMES: u32 = 6;
        // How many field names each fact is found by (see `FACT_NAMES`).
        const NAMES_PER_FACT: [(Needs, u32); 12] = [
            (fact::AUID, 2),
            (fact::UID, 1),
            (fact::PID, 1),
            (fact::SYSCALL, 1),
            (fact::SUCCESS, 3),
            (fact::EXE, 1),
            (fact::COMM, 1),
            (fact::TERMINAL, 2),
            (fact::HOST, 2),
            (fact::ACCT, 1),
            (fact::KEYS, 1),
            (fact::FILES, 2),
        ];
        let names: u32 = NAMES_PER_FACT
            .iter()
            .filter(|(fact, _)| self.has(*fact))
            .map(|(_, n)| n)
            .sum();
        names <= MOST_NAMES
    }
}

impl<'a> Facts<'a> {
    pub fn of(event: &'a Event, needs: Needs) -> Facts<'a> {
        Facts::read(event, needs, needs.by_name())
    }

    /// The facts `needs` asks for, each field found by its name or every field tokenized.
    pub(super) fn read(event: &'a Event, needs: Needs, by_name: bool) -> Facts<'a> {
        let mut facts = Facts::default();
        let mut reading = Reading::default();
        for record in event.records() {
            let Some(code) = record.type_code() else {
                continue;
            };
            if !facts.types.contains(&code) {
                facts.types.push(code);
            }
            facts.read_record(event, &record, code, needs, by_name, &mut reading);
        }
        // Relative PATH names are joined to the event's working directory, wherever its CWD
        // record stands.
        if let Some(cwd) = reading.cwd {
            for &i in &reading.relative {
                let file = &mut facts.files[i];
                let mut joined = cwd.to_vec();
                joined.push(b'/');
                joined.extend_from_slice(&file.path);
                file.path = Cow::Owned(normalize_path(&joined));
            }
        }
        facts
    }

    fn read_record(
        &mut self,
        event: &'a Event,
        record: &Record<'a>,
        code: u32,
        needs: Needs,
        by_name: bool,
        reading: &mut Reading<'a>,
    ) {
        let files = needs.has(fact::FILES);
        match code {
            record_type::EXECVE | PROCTITLE => return,
            record_type::PATH | CWD if !files => return,
            record_type::SOCKADDR => {
                if needs.has(fact::HOST | fact::FILES) {
                    let arch = *reading
                        .arch
                        .get_or_insert_with(|| EventContext::of(event.records()).arch);
                    self.read_sockaddr(record, arch, needs);
                }
                return;
            }
            record_type::AVC | USER_AVC if needs.has(fact::AVCS) => {
                if let Some(avc) = avc_of(record) {
                    self.avcs.push(avc);
                }
            }
            _ => {}
        }
        if by_name {
            self.read_named(record, code, needs);
            if files {
                self.read_files(record, code, reading);
            }
        } else {
            self.read_fields(record, code, files, reading);
        }
    }

    /// Every fact of one record from one pass over all its fields: cheaper than finding each
    /// by name when a report needs many.
    fn read_fields(
        &mut self,
        record: &Record<'a>,
        code: u32,
        files: bool,
        reading: &mut Reading<'a>,
    ) {
        let mut hostname: Option<Value<'a>> = None;
        let mut addr: Option<Value<'a>> = None;
        let mut parent = false;
        let mut name: Option<Cow<'a, [u8]>> = None;
        for field in record.fields() {
            let held = Held {
                record: *record,
                value: field.value,
            };
            match field.key {
                b"auid" | b"loginuid" => self.auid = Some(held),
                b"uid" => self.uid = Some(held),
                b"pid" => self.pid = field.value.as_u64().or(self.pid),
                b"syscall" if code == record_type::SYSCALL => self.syscall = Some(held),
                // A SECCOMP record names the syscall it stopped (its event has no SYSCALL).
                b"syscall" if code == record_type::SECCOMP && self.syscall.is_none() => {
                    self.syscall = Some(held)
                }
                b"success" if code == record_type::SYSCALL => {
                    self.success = yes_no(field.value.raw()).or(self.success)
                }
                b"res" | b"result" => self.success = yes_no(field.value.raw()).or(self.success),
                b"exe" => self.exe = Some(held.text(b"exe")),
                b"comm" => self.comm = Some(held.text(b"comm")),
                b"tty" | b"terminal" => self.terminal = Some(held.text(field.key)),
                b"hostname" => hostname = Some(field.value),
                b"addr" => addr = Some(field.value),
                b"acct" => self.acct = Some(acct_text(record, field.value)),
                // An AVC's `key=` is an IPC key, not an audit rule's.
                b"key" if !matches!(code, record_type::AVC | USER_AVC) => {
                    self.add_keys(held.text(b"key"))
                }
                // The file an AVC decision is about, by its last path component.
                b"name" if files && code == record_type::AVC => {
                    self.add_file(held.text(b"name"), false)
                }
                b"name" if files && code == record_type::PATH => name = Some(held.text(b"name")),
                b"nametype" if code == record_type::PATH => parent = field.value.raw() == b"PARENT",
                b"cwd" if files && code == CWD => reading.cwd = Some(held.text(b"cwd")),
                b"path" if files && matches!(code, record_type::AVC | AVC_PATH | CONFIG_CHANGE) => {
                    let path = held.text(b"path");
                    self.add_file(Cow::Owned(normalize_path(&path)), false);
                }
                _ => {}
            }
        }
        if let Some(name) = name {
            self.add_path_item(name, parent, &mut reading.relative);
        }
        self.set_host(hostname, addr);
    }

    /// The files a record names: a PATH item (by its `name=`, relative ones noted to be
    /// joined to the working directory), the working directory of a CWD record, the objects
    /// of an AVC decision, the paths of other records.
    fn read_files(&mut self, record: &Record<'a>, code: u32, reading: &mut Reading<'a>) {
        let names = &*FACT_NAMES;
        let text = |name: &FieldName, value: Value<'a>| {
            encoding::decode_in(record, name.as_bytes(), value)
        };
        let last = |name: &FieldName| record.fields_by(name).last();
        match code {
            record_type::PATH => {
                let parent = last(&names.nametype).is_some_and(|v| v.raw() == b"PARENT");
                if let Some(name) = last(&names.name) {
                    self.add_path_item(text(&names.name, name), parent, &mut reading.relative);
                }
            }
            CWD => {
                if let Some(value) = last(&names.cwd) {
                    reading.cwd = Some(text(&names.cwd, value));
                }
            }
            // An AVC decision names its file by the last path component, or by its path.
            record_type::AVC => {
                for (i, value) in in_order(record, &names.avc_files) {
                    let file = text(&names.avc_files[i], value);
                    match i {
                        0 => self.add_file(file, false),
                        _ => self.add_file(Cow::Owned(normalize_path(&file)), false),
                    }
                }
            }
            AVC_PATH | CONFIG_CHANGE => {
                for value in record.fields_by(&names.path) {
                    let path = text(&names.path, value);
                    self.add_file(Cow::Owned(normalize_path(&path)), false);
                }
            }
            _ => {}
        }
    }

    /// The facts `needs` asks for (files aside) from one record. Each field is found by its
    /// name, far cheaper than tokenizing every field of the record when a report needs two.
    fn read_named(&mut self, record: &Record<'a>, code: u32, needs: Needs) {
        let names = &*FACT_NAMES;
        let held = |value: Value<'a>| Held {
            record: *record,
            value,
        };
        let last = |name: &FieldName| record.fields_by(name).last();
        if needs.has(fact::AUID)
            && let Some((_, value)) = last_of(record, &names.auid)
        {
            self.auid = Some(held(value));
        }
        if needs.has(fact::UID)
            && let Some(value) = last(&names.uid)
        {
            self.uid = Some(held(value));
        }
        if needs.has(fact::PID) {
            for value in record.fields_by(&names.pid) {
                self.pid = value.as_u64().or(self.pid);
            }
        }
        if needs.has(fact::SYSCALL) {
            let found = match code {
                record_type::SYSCALL => last(&names.syscall),
                record_type::SECCOMP if self.syscall.is_none() => {
                    record.fields_by(&names.syscall).next()
                }
                _ => None,
            };
            if let Some(value) = found {
                self.syscall = Some(held(value));
            }
        }
        if needs.has(fact::SUCCESS) {
            // `success=` (the first name) counts in a SYSCALL record only.
            for (i, value) in in_order(record, &names.success) {
                if i > 0 || code == record_type::SYSCALL {
                    self.success = yes_no(value.raw()).or(self.success);
                }
            }
        }
        if needs.has(fact::EXE)
            && let Some(value) = last(&names.exe)
        {
            self.exe = Some(held(value).text(b"exe"));
        }
        if needs.has(fact::COMM)
            && let Some(value) = last(&names.comm)
        {
            self.comm = Some(held(value).text(b"comm"));
        }
        if needs.has(fact::TERMINAL)
            && let Some((i, value)) = last_of(record, &names.terminal)
        {
            self.terminal = Some(held(value).text(names.terminal[i].as_bytes()));
        }
        if needs.has(fact::HOST) {
            self.set_host(last(&names.hostname), last(&names.addr));
        }
        if needs.has(fact::ACCT)
            && let Some(value) = last(&names.acct)
        {
            self.acct = Some(acct_text(record, value));
        }
        if needs.has(fact::KEYS) && !matches!(code, record_type::AVC | USER_AVC) {
            for value in record.fields_by(&names.key) {
                self.add_keys(held(value).text(b"key"));
            }
        }
    }

    /// The file of a PATH item; a relative one is noted, to be joined to the working
    /// directory.
    fn add_path_item(&mut self, name: Cow<'a, [u8]>, parent: bool, relative: &mut Vec<usize>) {
        if *name == *b"(null)" || name.is_empty() {
            return;
        }
        if name.first() == Some(&b'/') {
            self.add_file(Cow::Owned(normalize_path(&name)), parent);
        } else {
            relative.push(self.files.len());
            self.files.push(FileName { path: name, parent });
        }
    }

    /// A user-space record names the remote host in `hostname=`, or in `addr=` when it could
    /// not resolve one (both `?` for a local login).
    fn set_host(&mut self, hostname: Option<Value<'a>>, addr: Option<Value<'a>>) {
        let known = |v: &Option<Value<'a>>| v.filter(|v| !matches!(v.raw(), b"?" | b""));
        if let Some(host) = known(&hostname).or(known(&addr)).or(hostname).or(addr) {
            self.host = Some(Cow::Borrowed(host.raw()));
        }
    }

    fn read_sockaddr(&mut self, record: &Record<'a>, arch: Option<Arch>, needs: Needs) {
        let Some(saddr) = record.field(b"saddr") else {
            return;
        };
        match sockaddr::decode(saddr.raw(), arch) {
            Some(sockaddr::SockAddr::Inet { addr, .. }) if needs.has(fact::HOST) => {
                self.host = Some(Cow::Owned(addr.to_string().into_bytes()))
            }
            Some(sockaddr::SockAddr::Inet6 { addr, .. }) if needs.has(fact::HOST) => {
                self.host = Some(Cow::Owned(addr.to_string().into_bytes()))
            }
            Some(sockaddr::SockAddr::Unix { path, .. })
                if needs.has(fact::FILES) && !path.is_empty() =>
            {
                self.add_file(Cow::Owned(path), false)
            }
            _ => {}
        }
    }

    fn add_keys(&mut self, decoded: Cow<'a, [u8]>) {
        for key in encoding::split_keys(&decoded) {
            if !self.keys.iter().any(|k| **k == *key) {
                self.keys.push(Cow::Owned(key.to_vec()));
            }
        }
    }

    fn add_file(&mut self, path: Cow<'a, [u8]>, parent: bool) {
        // An abstract socket's name starts with a NUL byte.
        let path = match path {
            Cow::Owned(mut bytes) if bytes.first() == Some(&0) => {
                bytes.remove(0);
                Cow::Owned(bytes)
            }
            Cow::Borrowed(bytes) if bytes.first() == Some(&0) => Cow::Borrowed(&bytes[1..]),
            path => path,
        };
        self.files.push(FileName { path, parent });
    }

    pub fn has_type(&self, wanted: impl Fn(u32) -> bool) -> Option<u32> {
        self.types.iter().copied().find(|&t| wanted(t))
    }

    /// The file an event is about: the first that is not a PARENT directory item, as aureport
    /// shows it.
    pub fn main_file(&self) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|f| !f.parent)
            .or(self.files.first())
            .map(|f| &*f.path)
    }

    /// Every file once.
    pub fn distinct_files(&self) -> impl Iterator<Item = &[u8]> {
        self.files
            .iter()
            .enumerate()
            .filter(|(i, f)| !self.files[..*i].iter().any(|g| g.path == f.path))
            .map(|(_, f)| &*f.path)
    }
}

/// The field names the facts are read from, each with its searcher built once.
struct FactNames {
    auid: [FieldName; 2],
    uid: FieldName,
    pid: FieldName,
    syscall: FieldName,
    success: [FieldName; 3],
    exe: FieldName,
    comm: FieldName,
    terminal: [FieldName; 2],
    hostname: FieldName,
    addr: FieldName,
    acct: FieldName,
    key: FieldName,
    name: FieldName,
    nametype: FieldName,
    cwd: FieldName,
    path: FieldName,
    /// The fields an AVC record names its object by.
    avc_files: [FieldName; 2],
}

static FACT_NAMES: LazyLock<FactNames> = LazyLock::new(|| FactNames {
    auid: [FieldName::new(b"auid"), FieldName::new(b"loginuid")],
    uid: FieldName::new(b"uid"),
    pid: FieldName::new(b"pid"),
    syscall: FieldName::new(b"syscall"),
    success: [
        FieldName::new(b"success"),
        FieldName::new(b"res"),
        FieldName::new(b"result"),
    ],
    exe: FieldName::new(b"exe"),
    comm: FieldName::new(b"comm"),
    terminal: [FieldName::new(b"tty"), FieldName::new(b"terminal")],
    hostname: FieldName::new(b"hostname"),
    addr: FieldName::new(b"addr"),
    acct: FieldName::new(b"acct"),
    key: FieldName::new(b"key"),
    name: FieldName::new(b"name"),
    nametype: FieldName::new(b"nametype"),
    cwd: FieldName::new(b"cwd"),
    path: FieldName::new(b"path"),
    avc_files: [FieldName::new(b"name"), FieldName::new(b"path")],
});

/// Where a value stands in its record: values borrow from the record's text, so the order of
/// their addresses is the order they were written in.
fn position(value: &Value) -> usize {
    value.raw().as_ptr() as usize
}

/// The fields called by any of `names`, in the order written, each with the index of its name.
fn in_order<'a>(record: &Record<'a>, names: &[FieldName]) -> SmallVec<[(usize, Value<'a>); 4]> {
    let mut found: SmallVec<[(usize, Value<'a>); 4]> = names
        .iter()
        .enumerate()
        .flat_map(|(i, name)| record.fields_by(name).map(move |value| (i, value)))
        .collect();
    found.sort_by_key(|(_, value)| position(value));
    found
}

/// The last field called by any of `names`, with the index of its name.
fn last_of<'a>(record: &Record<'a>, names: &[FieldName]) -> Option<(usize, Value<'a>)> {
    names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| record.fields_by(name).last().map(|value| (i, value)))
        .max_by_key(|(_, value)| position(value))
}

/// `acct=` as text: hex-decoded, quotes removed; the old PAM form's trailing colon dropped.
fn acct_text<'a>(record: &Record<'a>, value: Value<'a>) -> Cow<'a, [u8]> {
    match value {
        Value::Bare(raw) if raw.ends_with(b":") && raw.len() > 1 => {
            Cow::Borrowed(&raw[..raw.len() - 1])
        }
        _ => encoding::decode_in(record, b"acct", value),
    }
}

/// `success=` or `res=` as written by the kernel (yes/no) or user space (success/failed, 1/0).
pub fn yes_no(raw: &[u8]) -> Option<bool> {
    match raw {
        b"yes" | b"success" | b"1" => Some(true),
        b"no" | b"failed" | b"0" => Some(false),
        _ => None,
    }
}

/// The access decision of one AVC record: SELinux `avc: denied { read } … scontext= tcontext=
/// tclass=`, or AppArmor `apparmor="DENIED" operation= profile= name= requested_mask=`.
fn avc_of<'a>(record: &Record<'a>) -> Option<Avc<'a>> {
    let body = record.body();
    let text = |name: &[u8]| {
        record
            .field(name)
            .map(|v| encoding::decode_in(record, name, v))
    };
    if let Some(result) = text(b"apparmor") {
        return Some(Avc {
            subject: text(b"profile").unwrap_or(Cow::Borrowed(b"?")),
            class: text(b"operation").unwrap_or(Cow::Borrowed(b"?")),
            permission: text(b"requested_mask")
                .or_else(|| text(b"denied_mask"))
                .or_else(|| text(b"capname"))
                .unwrap_or(Cow::Borrowed(b"?")),
            object: text(b"name")
                .or_else(|| text(b"peer"))
                .unwrap_or(Cow::Borrowed(b"?")),
            result: Cow::Owned(result.to_ascii_lowercase()),
        });
    }
    let verdict = if memchr::memmem::find(body, b"denied").is_some() {
        &b"denied"[..]
    } else if memchr::memmem::find(body, b"granted").is_some() {
        b"granted"
    } else {
        return None;
    };
    let open = memchr::memchr(b'{', body)?;
    let close = open + memchr::memchr(b'}', &body[open..])?;
    let perms: Vec<u8> = body[open + 1..close]
        .split(|&b| b == b' ')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(&b' ');
    Some(Avc {
        subject: text(b"scontext").unwrap_or(Cow::Borrowed(b"?")),
        class: text(b"tclass").unwrap_or(Cow::Borrowed(b"?")),
        permission: Cow::Owned(perms),
        object: text(b"tcontext").unwrap_or(Cow::Borrowed(b"?")),
        result: Cow::Borrowed(verdict),
    })
}

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
use crate::record::{Record, Value};
use smallvec::SmallVec;
use std::borrow::Cow;

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
    pub ses: Option<Held<'a>>,
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

/// Which of the costlier facts a report needs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Needs {
    pub files: bool,
    pub avcs: bool,
    pub hosts: bool,
}

impl<'a> Facts<'a> {
    pub fn of(event: &'a Event, needs: Needs) -> Facts<'a> {
        let mut facts = Facts::default();
        let mut cwd: Option<Cow<'a, [u8]>> = None;
        let mut relative: Vec<usize> = Vec::new();
        let mut arch: Option<Option<Arch>> = None;
        for record in event.records() {
            let Some(code) = record.type_code() else {
                continue;
            };
            if !facts.types.contains(&code) {
                facts.types.push(code);
            }
            match code {
                record_type::EXECVE | PROCTITLE => continue,
                record_type::PATH | CWD if !needs.files => continue,
                record_type::SOCKADDR => {
                    if needs.hosts || needs.files {
                        let arch =
                            *arch.get_or_insert_with(|| EventContext::of(event.records()).arch);
                        facts.read_sockaddr(&record, arch, needs);
                    }
                    continue;
                }
                record_type::AVC | USER_AVC if needs.avcs => {
                    if let Some(avc) = avc_of(&record) {
                        facts.avcs.push(avc);
                    }
                }
                _ => {}
            }
            facts.read_fields(&record, code, needs, &mut cwd, &mut relative);
        }
        // Relative PATH names are joined to the event's working directory, wherever its CWD
        // record stands.
        if let Some(cwd) = cwd {
            for &i in &relative {
                let file = &mut facts.files[i];
                let mut joined = cwd.to_vec();
                joined.push(b'/');
                joined.extend_from_slice(&file.path);
                file.path = Cow::Owned(normalize_path(&joined));
            }
        }
        facts
    }

    fn read_fields(
        &mut self,
        record: &Record<'a>,
        code: u32,
        needs: Needs,
        cwd: &mut Option<Cow<'a, [u8]>>,
        relative: &mut Vec<usize>,
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
                b"ses" => self.ses = Some(held),
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
                b"name" if needs.files && code == record_type::AVC => {
                    self.add_file(held.text(b"name"), false)
                }
                b"name" if needs.files && code == record_type::PATH => {
                    name = Some(held.text(b"name"))
                }
                b"nametype" if code == record_type::PATH => parent = field.value.raw() == b"PARENT",
                b"cwd" if needs.files && code == CWD => *cwd = Some(held.text(b"cwd")),
                b"path"
                    if needs.files
                        && matches!(code, record_type::AVC | AVC_PATH | CONFIG_CHANGE) =>
                {
                    let path = held.text(b"path");
                    self.add_file(Cow::Owned(normalize_path(&path)), false);
                }
                _ => {}
            }
        }
        if let Some(name) = name.filter(|n| **n != *b"(null)" && !n.is_empty()) {
            if name.first() == Some(&b'/') {
                self.add_file(Cow::Owned(normalize_path(&name)), parent);
            } else {
                relative.push(self.files.len());
                self.files.push(FileName { path: name, parent });
            }
        }
        // A user-space record names the remote host in `hostname=`, or in `addr=` when it
        // could not resolve one (both `?` for a local login).
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
            Some(sockaddr::SockAddr::Inet { addr, .. }) if needs.hosts => {
                self.host = Some(Cow::Owned(addr.to_string().into_bytes()))
            }
            Some(sockaddr::SockAddr::Inet6 { addr, .. }) if needs.hosts => {
                self.host = Some(Cow::Owned(addr.to_string().into_bytes()))
            }
            Some(sockaddr::SockAddr::Unix { path, .. }) if needs.files && !path.is_empty() => {
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

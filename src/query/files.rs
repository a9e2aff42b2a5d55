//! The file (`-f`) and host (`-hn`) tests: values gathered from several record types of an
//! event, paths normalised, socket addresses decoded.

use super::{StringMatch, text_matches};
use crate::event::Event;
use crate::interpret::{Arch, EventContext, encoding, sockaddr};
use crate::record::{FieldName, Record};
use std::borrow::Cow;
use std::cell::OnceCell;

const CONFIG_CHANGE: u32 = 1305;
const PATH: u32 = 1302;
const SOCKADDR: u32 = 1306;
const CWD: u32 = 1307;
const AVC: u32 = 1400;
const AVC_PATH: u32 = 1402;

/// Lexical normalisation: `//` and `/./` collapse, `dir/..` goes away (`/..` stays `/`).
/// Symbolic links are not resolved: the evidence host's file system is not at hand.
pub fn normalize_path(path: &[u8]) -> Vec<u8> {
    let absolute = path.first() == Some(&b'/');
    let mut parts: Vec<&[u8]> = Vec::new();
    for part in path.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." if parts.last().is_some_and(|p| *p != b"..") => {
                parts.pop();
            }
            b".." if absolute => {}
            _ => parts.push(part),
        }
    }
    let mut out = Vec::with_capacity(path.len());
    if absolute {
        out.push(b'/');
    }
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(part);
    }
    if out.is_empty() {
        out.push(b'.');
    }
    out
}

pub struct FileTest {
    wanted: Vec<String>,
    name: FieldName,
    cwd: FieldName,
    path: FieldName,
    saddr: FieldName,
}

impl FileTest {
    pub fn new(paths: &[String]) -> Self {
        let wanted = paths
            .iter()
            .map(|p| String::from_utf8_lossy(&normalize_path(p.as_bytes())).into_owned())
            .collect();
        FileTest {
            wanted,
            name: FieldName::new(b"name"),
            cwd: FieldName::new(b"cwd"),
            path: FieldName::new(b"path"),
            saddr: FieldName::new(b"saddr"),
        }
    }

    pub fn holds(&self, event: &Event, how: StringMatch) -> bool {
        let matches = |value: &[u8]| self.wanted.iter().any(|w| text_matches(value, w, how));
        // Looked up only for an event with a relative name or a socket address.
        let cwd = OnceCell::new();
        let cwd = || {
            cwd.get_or_init(|| {
                event
                    .records()
                    .filter(|r| r.type_code() == Some(CWD))
                    .find_map(|r| first_text(&r, &self.cwd).map(Cow::into_owned))
            })
        };
        let arch = OnceCell::new();
        let arch = || *arch.get_or_init(|| event_arch(event));
        event.records().any(|record| match record.type_code() {
            Some(PATH) => record.fields_by(&self.name).any(|value| {
                let name = encoding::decode_in(&record, b"name", value);
                if *name == *b"(null)" {
                    return false;
                }
                let full = match cwd() {
                    Some(cwd) if name.first() != Some(&b'/') => {
                        let mut joined = cwd.clone();
                        joined.push(b'/');
                        joined.extend_from_slice(&name);
                        joined
                    }
                    _ => name.to_vec(),
                };
                matches(&normalize_path(&full)) || matches(&name)
            }),
            Some(CWD) => {
                first_text(&record, &self.cwd).is_some_and(|c| matches(&normalize_path(&c)))
            }
            Some(AVC | AVC_PATH | CONFIG_CHANGE) => record
                .fields_by(&self.path)
                .any(|v| matches(&normalize_path(&encoding::decode_in(&record, b"path", v)))),
            Some(SOCKADDR) => record
                .fields_by(&self.saddr)
                .filter_map(|v| sockaddr::decode(v.raw(), arch()))
                .any(|addr| match addr {
                    sockaddr::SockAddr::Unix { path, .. } => {
                        matches(&normalize_path(&path)) || matches(&path)
                    }
                    _ => false,
                }),
            _ => false,
        })
    }
}

pub struct HostTest {
    wanted: Vec<String>,
    hostname: FieldName,
    addr: FieldName,
    saddr: FieldName,
}

impl HostTest {
    pub fn new(hosts: &[String]) -> Self {
        HostTest {
            wanted: hosts.to_vec(),
            hostname: FieldName::new(b"hostname"),
            addr: FieldName::new(b"addr"),
            saddr: FieldName::new(b"saddr"),
        }
    }

    pub fn holds(&self, event: &Event, how: StringMatch) -> bool {
        let matches = |value: &[u8]| self.wanted.iter().any(|w| text_matches(value, w, how));
        event.records().any(|record| {
            if record.type_code() == Some(SOCKADDR) {
                let arch = event_arch(event);
                return record
                    .fields_by(&self.saddr)
                    .filter_map(|v| sockaddr::decode(v.raw(), arch))
                    .any(|addr| match addr {
                        sockaddr::SockAddr::Inet { addr, .. } => {
                            matches(addr.to_string().as_bytes())
                        }
                        sockaddr::SockAddr::Inet6 { addr, .. } => {
                            matches(addr.to_string().as_bytes())
                        }
                        _ => false,
                    });
            }
            // A user-space record names the remote host in `hostname=`, or in `addr=` when it
            // could not resolve one; daemon records carry `addr=` alone.
            match first_text(&record, &self.hostname).filter(|h| !is_unknown(h)) {
                Some(host) => matches(&host),
                None => {
                    first_text(&record, &self.addr).is_some_and(|a| !is_unknown(&a) && matches(&a))
                }
            }
        })
    }
}

fn is_unknown(value: &[u8]) -> bool {
    value == b"?" || value.is_empty() || value == b"(none)"
}

fn first_text<'a>(record: &Record<'a>, name: &FieldName) -> Option<Cow<'a, [u8]>> {
    record
        .fields_by(name)
        .next()
        .map(|v| encoding::decode_in(record, name.as_bytes(), v))
}

/// The architecture of the event's syscall, which gives the byte order of its SOCKADDR.
fn event_arch(event: &Event) -> Option<Arch> {
    EventContext::of(event.records()).arch
}

#[cfg(test)]
mod tests {
    use super::normalize_path;

    #[test]
    fn paths_normalise_lexically() {
        let n = |p: &str| String::from_utf8(normalize_path(p.as_bytes())).unwrap();
        assert_eq!(n("/etc/ssh/../shadow"), "/etc/shadow");
        assert_eq!(n("//etc///passwd"), "/etc/passwd");
        assert_eq!(n("/./tmp/./x"), "/tmp/x");
        assert_eq!(n("/.."), "/");
        assert_eq!(n("../a/b/.."), "../a");
        assert_eq!(n("a/../../b"), "../b");
        assert_eq!(n("."), ".");
        assert_eq!(n("/"), "/");
    }
}

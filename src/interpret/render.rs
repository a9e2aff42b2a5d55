//! The text of each kind of field value, as `ausearch -i` shows it where ausearch is right:
//! numbers to names (signals, capabilities, protocols), bit sets to `A|B` lists, modes to
//! `file,644`, hex strings to bytes.
//!
//! Values that are not what their kind expects (`uid=?`, a mode that is no octal number) are
//! shown as written rather than guessed at. Flag bits that no table names are appended as
//! `0x…` so that nothing in the evidence is dropped.

use super::field::Interpreted;
use super::names::NameLookup;
use super::tables::arch_values::{self, HeaderArch};
use super::tables::tty_keys::TTY_NAMED_KEYS;
use super::tables::values;
use super::{Arch, errno, sockaddr};
use crate::record::Value;
use std::borrow::Cow;
use std::fmt::Write;
use std::sync::LazyLock;

/// The name a sorted (value, name) table gives `value`.
pub(crate) fn name_of(table: &[(u64, &'static str)], value: u64) -> Option<&'static str> {
    table
        .binary_search_by_key(&value, |&(v, _)| v)
        .ok()
        .map(|i| table[i].1)
}

/// Appends the names of the bits of `value` that `table` names, joined by `sep`, after what
/// `out` holds already; returns the bits no entry names.
pub(crate) fn push_flags(
    out: &mut String,
    table: &[(u64, &'static str)],
    value: u64,
    sep: &str,
) -> u64 {
    let mut left = value;
    for &(bit, name) in table {
        if value & bit != 0 {
            if !out.is_empty() {
                out.push_str(sep);
            }
            out.push_str(name);
            left &= !bit;
        }
    }
    left
}

/// Appends bits no table names, in hex, so that they are not lost.
pub(crate) fn push_unnamed(out: &mut String, left: u64, sep: &str) {
    if left != 0 {
        if !out.is_empty() {
            out.push_str(sep);
        }
        let _ = write!(out, "{left:#x}");
    }
}

/// A decimal number, all digits.
pub(crate) fn dec(raw: &[u8]) -> Option<u64> {
    crate::record::fields::parse_u64(raw)
}

/// A hexadecimal number, with or without `0x`.
pub(crate) fn hex(raw: &[u8]) -> Option<u64> {
    let digits = raw
        .strip_prefix(b"0x")
        .or_else(|| raw.strip_prefix(b"0X"))
        .unwrap_or(raw);
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let mut value = 0u64;
    for &b in digits {
        value = value << 4 | (b as char).to_digit(16)? as u64;
    }
    Some(value)
}

/// The base a number is written in: decimal in fields, hex in syscall arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Base {
    Dec,
    Hex,
}

impl Base {
    pub(crate) fn parse(self, raw: &[u8]) -> Option<u64> {
        match self {
            Base::Dec => dec(raw),
            Base::Hex => hex(raw),
        }
    }

    /// How an unknown value is quoted back: arguments get their `0x`.
    fn prefix(self) -> &'static str {
        match self {
            Base::Dec => "",
            Base::Hex => "0x",
        }
    }
}

pub(crate) fn name(text: &'static str) -> Interpreted<'static> {
    Interpreted::Text(Cow::Borrowed(text.as_bytes()))
}

pub(crate) fn owned(text: String) -> Interpreted<'static> {
    Interpreted::Text(Cow::Owned(text.into_bytes()))
}

/// `what(raw)`: ausearch's form for a value its table lacks, e.g. `unknown-family(0x2a)`.
pub(crate) fn unknown(what: &str, prefix: &str, raw: &[u8]) -> Interpreted<'static> {
    let mut out = Vec::with_capacity(what.len() + raw.len() + 4);
    out.extend_from_slice(what.as_bytes());
    out.push(b'(');
    out.extend_from_slice(prefix.as_bytes());
    out.extend_from_slice(raw);
    out.push(b')');
    Interpreted::Text(Cow::Owned(out))
}

/// A value looked up in a table, `what(raw)` when the table lacks it.
pub(crate) fn table_value(
    table: &[(u64, &'static str)],
    raw: &[u8],
    base: Base,
    what: &str,
) -> Interpreted<'static> {
    match base.parse(raw) {
        Some(v) => match name_of(table, v) {
            Some(n) => name(n),
            None => unknown(what, base.prefix(), raw),
        },
        None => Interpreted::Raw,
    }
}

/// Flags joined by `|`; `0x…` as written when no bit is named.
pub(crate) fn flag_list(
    table: &[(u64, &'static str)],
    raw: &[u8],
    base: Base,
) -> Interpreted<'static> {
    let Some(v) = base.parse(raw) else {
        return Interpreted::Raw;
    };
    let mut out = String::new();
    let left = push_flags(&mut out, table, v, "|");
    if out.is_empty() {
        return as_hex_arg(raw, base);
    }
    push_unnamed(&mut out, left, "|");
    owned(out)
}

/// A value shown as the syscall-argument `0x…` form, or as written for a field.
fn as_hex_arg(raw: &[u8], base: Base) -> Interpreted<'static> {
    match base {
        Base::Hex => unknown_hex(raw),
        Base::Dec => Interpreted::Raw,
    }
}

fn unknown_hex(raw: &[u8]) -> Interpreted<'static> {
    let mut out = b"0x".to_vec();
    out.extend_from_slice(raw);
    Interpreted::Text(Cow::Owned(out))
}

// ---------------------------------------------------------------------------------------------
// Identities.

/// A user id: `unset` for -1, the name the lookup gives, `root` for 0 without one, else
/// `unknown(N)`.
pub(crate) fn user<'a>(raw: &[u8], base: Base, names: &'a dyn NameLookup) -> Interpreted<'a> {
    identity(raw, base, |id| names.user(id))
}

/// A group id, as [`user`].
pub(crate) fn group<'a>(raw: &[u8], base: Base, names: &'a dyn NameLookup) -> Interpreted<'a> {
    identity(raw, base, |id| names.group(id))
}

fn identity<'a>(
    raw: &[u8],
    base: Base,
    lookup: impl Fn(u32) -> Option<&'a str>,
) -> Interpreted<'a> {
    // The old PAM form ends a value inside msg='…' with a colon: `msg='uid=500: exe=…'`.
    let raw = raw.strip_suffix(b":").unwrap_or(raw);
    let id = match (raw, base.parse(raw)) {
        (b"-1", _) => u32::MAX,
        (_, Some(v)) if v <= u32::MAX as u64 => v as u32,
        // 64-bit syscall arguments carry -1 sign-extended.
        (_, Some(u64::MAX)) => u32::MAX,
        _ => return Interpreted::Raw,
    };
    if id == u32::MAX {
        return name("unset");
    }
    match lookup(id) {
        Some(found) => Interpreted::Text(Cow::Borrowed(found.as_bytes())),
        None if id == 0 => name("root"),
        None => {
            let mut text = Vec::with_capacity(20);
            text.extend_from_slice(b"unknown(");
            text.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
            text.push(b')');
            Interpreted::Text(Cow::Owned(text))
        }
    }
}

/// `ses=`: `unset` for 4294967295.
pub(crate) fn session(raw: &[u8]) -> Interpreted<'static> {
    if raw == b"4294967295" {
        name("unset")
    } else {
        Interpreted::Raw
    }
}

// ---------------------------------------------------------------------------------------------
// Results.

/// `arch=c000003e` as `x86_64`.
pub(crate) fn arch(raw: &[u8]) -> Interpreted<'static> {
    match Arch::from_field(raw) {
        Some(arch) => match arch.name() {
            Some(n) => name(n),
            None => unknown("unknown-elf-type", "", raw),
        },
        None => Interpreted::Raw,
    }
}

/// Names and messages of every errno, `EACCES(Permission denied)`, built once.
static EXIT_TEXTS: LazyLock<Vec<(u32, String)>> = LazyLock::new(|| {
    super::tables::errno::ERRNO
        .iter()
        .map(|&(n, name, message)| (n, format!("{name}({message})")))
        .collect()
});

/// `exit=-13` as `EACCES(Permission denied)`; other values as written.
pub(crate) fn exit(raw: &[u8]) -> Interpreted<'static> {
    let Some(digits) = raw.strip_prefix(b"-") else {
        return Interpreted::Raw;
    };
    let Some(n) = dec(digits).filter(|&n| n <= u32::MAX as u64) else {
        return Interpreted::Raw;
    };
    match EXIT_TEXTS.binary_search_by_key(&(n as u32), |e| e.0) {
        Ok(i) => Interpreted::Text(Cow::Borrowed(EXIT_TEXTS[i].1.as_bytes())),
        Err(_) => Interpreted::Raw,
    }
}

/// `errno=13` (IMA records) as `EACCES`.
pub(crate) fn errno_name(raw: &[u8]) -> Interpreted<'static> {
    match dec(raw).filter(|&n| n <= u32::MAX as u64) {
        Some(n) => name(errno::name(n as u32).unwrap_or("UNKNOWN")),
        None => Interpreted::Raw,
    }
}

/// `res=1`/`success=0` as `yes`/`no`; words as written.
pub(crate) fn success(raw: &[u8]) -> Interpreted<'static> {
    if !raw.first().is_some_and(u8::is_ascii_digit) {
        return Interpreted::Raw;
    }
    match dec(raw) {
        Some(0) => name("no"),
        Some(1) => name("yes"),
        Some(_) => name("unset"),
        None => Interpreted::Raw,
    }
}

// ---------------------------------------------------------------------------------------------
// Strings.

/// The bytes of a hex-encoded value as auditd writes them: leading hex digits in pairs (a
/// lone last digit is a high nibble), after the `00` that marks an abstract socket name.
/// `None` for `(null)`-like words and anything with fewer than two hex digits.
fn unhex(raw: &[u8]) -> Option<Vec<u8>> {
    if raw.first() == Some(&b'(') {
        return None;
    }
    let raw = raw.strip_prefix(b"00").unwrap_or(raw);
    let digits = raw.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits < 2 {
        return None;
    }
    let nibble = |b: u8| (b as char).to_digit(16).expect("hex digit") as u8;
    Some(
        raw[..digits]
            .chunks(2)
            .map(|pair| nibble(pair[0]) << 4 | pair.get(1).map_or(0, |&b| nibble(b)))
            .collect(),
    )
}

/// A string field: quotes removed, hex decoded up to the first NUL (strings end there).
pub(crate) fn escaped(value: Value<'_>) -> Interpreted<'_> {
    match value {
        Value::Quoted(inner) => Interpreted::Text(Cow::Borrowed(inner)),
        Value::Bare(raw) => match unhex(raw) {
            Some(mut bytes) => {
                if let Some(nul) = memchr::memchr(0, &bytes) {
                    bytes.truncate(nul);
                }
                Interpreted::Text(Cow::Owned(bytes))
            }
            None => Interpreted::Raw,
        },
        Value::Braced(_) | Value::Nested(_) => Interpreted::Raw,
    }
}

/// `key=`: decoded as [`escaped`]; several keys are joined by 0x01.
pub(crate) fn keys(value: Value<'_>) -> Interpreted<'_> {
    match escaped(value) {
        Interpreted::Text(text) => Interpreted::Keys(text),
        other => other,
    }
}

/// `proctitle=`: the command line, its NUL separators shown as spaces.
pub(crate) fn proctitle(value: Value<'_>) -> Interpreted<'_> {
    match value {
        Value::Quoted(inner) => Interpreted::Text(Cow::Borrowed(inner)),
        Value::Bare(raw) => match unhex(raw) {
            Some(mut bytes) => {
                for b in &mut bytes {
                    if *b == 0 {
                        *b = b' ';
                    }
                }
                Interpreted::Text(Cow::Owned(bytes))
            }
            None => Interpreted::Raw,
        },
        Value::Braced(_) | Value::Nested(_) => Interpreted::Raw,
    }
}

/// TTY `data=`: printable runs in double quotes (control and non-ASCII bytes as `\ooo`),
/// known key sequences as `<name>`, joined by commas.
pub(crate) fn tty_data(raw: &[u8]) -> Interpreted<'static> {
    if !raw.iter().all(u8::is_ascii_hexdigit) {
        return Interpreted::Raw;
    }
    let Some(bytes) = unhex(raw) else {
        return Interpreted::Raw;
    };
    let bytes = &bytes[..(raw.len() / 2).min(bytes.len())];
    let mut out = Vec::with_capacity(bytes.len() * 2);
    let mut in_text = false;
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let named = (!(rest[0] >= b' ' && (rest[0] < 0x7f || rest[0] >= 0xa0)))
            .then(|| TTY_NAMED_KEYS.iter().find(|(seq, _)| rest.starts_with(seq)))
            .flatten();
        if let Some((seq, key)) = named {
            if in_text {
                out.push(b'"');
                in_text = false;
            }
            if !out.is_empty() {
                out.push(b',');
            }
            out.push(b'<');
            out.extend_from_slice(key.as_bytes());
            out.push(b'>');
            at += seq.len();
            continue;
        }
        if !in_text {
            if !out.is_empty() {
                out.push(b',');
            }
            out.push(b'"');
            in_text = true;
        }
        let c = rest[0];
        if !(0x20..=0x7e).contains(&c) {
            out.extend_from_slice(&[b'\\', b'0' + (c >> 6), b'0' + (c >> 3 & 7), b'0' + (c & 7)]);
        } else {
            if c == b'\\' || c == b'"' {
                out.push(b'\\');
            }
            out.push(c);
        }
        at += 1;
    }
    if in_text {
        out.push(b'"');
    }
    Interpreted::Text(Cow::Owned(out))
}

// ---------------------------------------------------------------------------------------------
// Files and permissions.

const S_IFMT: u64 = 0o170000;
const S_ISUID: u64 = 0o4000;
const S_ISGID: u64 = 0o2000;
const S_ISVTX: u64 = 0o1000;

fn push_special_bits(out: &mut String, mode: u64) {
    for (bit, word) in [(S_ISUID, "suid"), (S_ISGID, "sgid"), (S_ISVTX, "sticky")] {
        if mode & bit != 0 {
            if !out.is_empty() {
                out.push(',');
            }
            out.push_str(word);
        }
    }
}

fn parse_mode(raw: &[u8], base: Base) -> Option<u64> {
    match base {
        Base::Hex => hex(raw),
        Base::Dec => {
            // Modes are written in octal.
            let text = std::str::from_utf8(raw).ok()?;
            u64::from_str_radix(text, 8).ok()
        }
    }
}

/// A full mode: `file,755`, `dir,sticky,777`; an unknown file type as its octal digit(s).
pub(crate) fn mode(raw: &[u8], base: Base) -> Interpreted<'static> {
    let Some(mode) = parse_mode(raw, base) else {
        return Interpreted::Raw;
    };
    let mut out = String::new();
    match name_of(values::FILE_TYPES, mode & S_IFMT) {
        Some(kind) => out.push_str(kind),
        None => {
            let _ = write!(out, "{:03o}", (mode & S_IFMT) >> S_IFMT.trailing_zeros());
        }
    }
    push_special_bits(&mut out, mode);
    let _ = write!(out, ",{:03o}", mode & 0o777);
    owned(out)
}

/// The permission part of a mode: `0644`, `suid,0755`.
pub(crate) fn mode_short_value(mode: u64) -> String {
    let mut out = String::new();
    push_special_bits(&mut out, mode);
    if !out.is_empty() {
        out.push(',');
    }
    let _ = write!(out, "0{:03o}", mode & 0o777);
    out
}

pub(crate) fn mode_short(raw: &[u8], base: Base) -> Interpreted<'static> {
    match parse_mode(raw, base) {
        Some(mode) => owned(mode_short_value(mode)),
        None => Interpreted::Raw,
    }
}

/// Watch permissions: `read,write,exec,attr`; 0 means all of them.
pub(crate) fn perm(raw: &[u8]) -> Interpreted<'static> {
    let Some(mut v) = dec(raw) else {
        return Interpreted::Raw;
    };
    if v == 0 {
        v = values::AUDIT_PERMS
            .iter()
            .fold(0, |all, &(bit, _)| all | bit);
    }
    let mut out = String::new();
    let left = push_flags(&mut out, values::AUDIT_PERMS, v, ",");
    push_unnamed(&mut out, left, ",");
    owned(out)
}

// ---------------------------------------------------------------------------------------------
// Capabilities and signals.

pub(crate) fn capability(raw: &[u8], base: Base) -> Interpreted<'static> {
    table_value(values::CAPABILITIES, raw, base, "unknown-capability")
}

/// A capability set: the names of its bits joined by commas, `none` when empty.
pub(crate) fn cap_bitmap(raw: &[u8]) -> Interpreted<'static> {
    let Some(set) = hex(raw) else {
        return Interpreted::Raw;
    };
    if set == 0 {
        return name("none");
    }
    let mut out = String::new();
    let mut left = set;
    for &(bit, cap) in values::CAPABILITIES {
        if bit < 64 && set & 1 << bit != 0 {
            if !out.is_empty() {
                out.push(',');
            }
            out.push_str(cap);
            left &= !(1 << bit);
        }
    }
    push_unnamed(&mut out, left, ",");
    owned(out)
}

/// A signal number: its name below 32 (`SIG0` for 0), else `unknown-signal(N)`.
pub(crate) fn signal(raw: &[u8], base: Base, arch: HeaderArch) -> Interpreted<'static> {
    match base.parse(raw) {
        Some(0) => name("SIG0"),
        Some(v) => match name_of(arch_values::signals(arch), v) {
            Some(n) => name(n),
            None => unknown("unknown-signal", base.prefix(), raw),
        },
        None => Interpreted::Raw,
    }
}

// ---------------------------------------------------------------------------------------------
// Network.

pub(crate) fn sockaddr(raw: &[u8], arch: Option<Arch>) -> Interpreted<'static> {
    let Some(bytes) = unhex_all(raw) else {
        return unknown("malformed-host", "", raw);
    };
    Interpreted::Text(Cow::Owned(sockaddr::decode_bytes(&bytes, arch).to_bytes()))
}

/// Hex digits decoded as [`unhex`] does, without the abstract-name `00` rule: a sockaddr
/// starts with its family.
fn unhex_all(raw: &[u8]) -> Option<Vec<u8>> {
    let digits = raw.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits < 2 {
        return None;
    }
    let nibble = |b: u8| (b as char).to_digit(16).expect("hex digit") as u8;
    Some(
        raw[..digits]
            .chunks(2)
            .map(|pair| nibble(pair[0]) << 4 | pair.get(1).map_or(0, |&b| nibble(b)))
            .collect(),
    )
}

/// An IP protocol number as netbase names it (`tcp`).
pub(crate) fn protocol_name(number: u64) -> Option<&'static str> {
    name_of(values::PROTOCOLS, number)
}

/// `proto=6` as `tcp`.
pub(crate) fn protocol(raw: &[u8]) -> Interpreted<'static> {
    match dec(raw) {
        Some(v) => name(protocol_name(v).unwrap_or("undefined protocol")),
        None => Interpreted::Raw,
    }
}

pub(crate) fn promisc(raw: &[u8]) -> Interpreted<'static> {
    match dec(raw) {
        Some(0) => name("no"),
        Some(_) => name("yes"),
        None => Interpreted::Raw,
    }
}

pub(crate) fn nfproto(raw: &[u8]) -> Interpreted<'static> {
    table_value(
        values::NFPROTOS,
        raw,
        Base::Dec,
        "unknown-netfilter-protocol",
    )
}

pub(crate) fn icmptype(raw: &[u8]) -> Interpreted<'static> {
    table_value(values::ICMP_TYPES, raw, Base::Dec, "unknown-icmp-type")
}

pub(crate) fn hook(raw: &[u8]) -> Interpreted<'static> {
    match hex(raw) {
        Some(v) => match name_of(values::NETFILTER_HOOKS, v) {
            Some(n) => name(n),
            None => unknown("unknown-hook", "", raw),
        },
        None => Interpreted::Raw,
    }
}

pub(crate) fn netaction(raw: &[u8]) -> Interpreted<'static> {
    match hex(raw) {
        Some(v) => match name_of(values::NETFILTER_ACTIONS, v) {
            Some(n) => name(n),
            None => unknown("unknown-action", "", raw),
        },
        None => Interpreted::Raw,
    }
}

/// An Ethernet protocol id (`macproto=0x0800`) as `IP`, `ARP`, `IPV6`…
pub(crate) fn macproto(raw: &[u8]) -> Interpreted<'static> {
    match hex(raw) {
        Some(v) => name(name_of(values::ETHER_TYPES, v).unwrap_or("UNKNOWN")),
        None => Interpreted::Raw,
    }
}

// ---------------------------------------------------------------------------------------------
// Processes, files, memory.

/// A personality: the domain's name, then the flags set beyond the domain's own.
pub(crate) fn personality(raw: &[u8], base: Base) -> Interpreted<'static> {
    const PER_MASK: u64 = 0xff;
    let Some(v) = base.parse(raw) else {
        return Interpreted::Raw;
    };
    if let Some(n) = name_of(values::PERSONALITIES, v) {
        return name(n);
    }
    let Some(domain) = name_of(values::PERSONALITIES, v & PER_MASK) else {
        return unknown("unknown-personality", "0x", raw);
    };
    let mut out = domain.to_string();
    let left = push_flags(&mut out, values::PERSONALITY_FLAGS, v & !PER_MASK, "|");
    push_unnamed(&mut out, left, "|");
    owned(out)
}

/// A seccomp action (`code=0x50000` is `errno`): the value less its data bits.
pub(crate) fn seccomp(raw: &[u8]) -> Interpreted<'static> {
    const SECCOMP_RET_DATA: u64 = 0xffff;
    match hex(raw) {
        Some(v) => match name_of(values::SECCOMP_ACTIONS, v & 0xffff_ffff & !SECCOMP_RET_DATA) {
            Some(n) => name(n),
            None => unknown("unknown-seccomp-code", "", raw),
        },
        None => Interpreted::Raw,
    }
}

/// open() flags: `O_RDONLY|O_CLOEXEC`, the bits as `arch` numbers them.
pub(crate) fn open_flags(raw: &[u8], base: Base, arch: HeaderArch) -> Interpreted<'static> {
    match base.parse(raw) {
        Some(v) => owned(open_flags_value(v, arch)),
        None => Interpreted::Raw,
    }
}

pub(crate) fn open_flags_value(v: u64, arch: HeaderArch) -> String {
    const O_ACCMODE: u64 = 3;
    let mut out = String::new();
    if v & O_ACCMODE == 0 {
        out.push_str("O_RDONLY");
    }
    let left = push_flags(&mut out, arch_values::open_flags(arch), v, "|");
    push_unnamed(&mut out, left, "|");
    out
}

/// The value of an open() flag on `arch` (`O_CREAT` moves on mips).
pub(crate) fn open_flag(arch: HeaderArch, flag: &str) -> u64 {
    arch_values::open_flags(arch)
        .iter()
        .find(|(_, n)| *n == flag)
        .map_or(0, |&(v, _)| v)
}

/// mmap() flags: the mapping type (`MAP_FILE` for none), then the flag bits.
pub(crate) fn mmap_flags(raw: &[u8], base: Base, arch: HeaderArch) -> Interpreted<'static> {
    let Some(v) = base.parse(raw) else {
        return Interpreted::Raw;
    };
    let types = arch_values::mmap_types(arch);
    let type_mask = types
        .iter()
        .find(|(_, n)| *n == "MAP_TYPE")
        .map_or(0xf, |&(v, _)| v);
    let mut out = String::new();
    match v & type_mask {
        0 => out.push_str("MAP_FILE"),
        t => match types.iter().find(|&&(tv, n)| tv == t && n != "MAP_TYPE") {
            Some(&(_, n)) => out.push_str(n),
            None => {
                let _ = write!(out, "{t:#x}");
            }
        },
    }
    let left = push_flags(&mut out, arch_values::mmap_flags(arch), v & !type_mask, "|");
    push_unnamed(&mut out, left, "|");
    owned(out)
}

/// mmap() and mprotect() protection: `PROT_NONE` when nothing may be read, written or run.
pub(crate) fn prot(raw: &[u8], arch: HeaderArch) -> Interpreted<'static> {
    const PROT_RWX: u64 = 7;
    let Some(v) = hex(raw) else {
        return Interpreted::Raw;
    };
    if v & PROT_RWX == 0 {
        return name("PROT_NONE");
    }
    let mut out = String::new();
    let left = push_flags(&mut out, arch_values::prot_flags(arch), v, "|");
    push_unnamed(&mut out, left, "|");
    owned(out)
}

pub(crate) fn ioctl(raw: &[u8], base: Base) -> Interpreted<'static> {
    let Some(v) = base.parse(raw) else {
        return Interpreted::Raw;
    };
    let request = v & 0xffff_ffff;
    match name_of(values::IOCTL_REQUESTS, request) {
        Some(n) => name(n),
        None => owned(format!("{request:#x}")),
    }
}

pub(crate) fn resolve(raw: &[u8]) -> Interpreted<'static> {
    flag_list(values::RESOLVE_FLAGS, raw, Base::Hex)
}

/// An audit rule list (`list=4` is `exit`).
pub(crate) fn list(raw: &[u8]) -> Interpreted<'static> {
    table_value(values::AUDIT_FILTER_LISTS, raw, Base::Dec, "unknown-list")
}

pub(crate) fn fanotify(raw: &[u8]) -> Interpreted<'static> {
    if !raw.first().is_some_and(u8::is_ascii_digit) {
        return Interpreted::Raw;
    }
    match dec(raw) {
        Some(v) => name(name_of(values::FANOTIFY_RESPONSES, v).unwrap_or("unknown")),
        None => Interpreted::Raw,
    }
}

pub(crate) fn nlmcgrp(raw: &[u8]) -> Interpreted<'static> {
    match hex(raw) {
        Some(v) => name(
            name_of(values::NETLINK_MULTICAST_GROUPS, v)
                .filter(|_| v != 0)
                .unwrap_or(values::NETLINK_MULTICAST_GROUPS[0].1),
        ),
        None => Interpreted::Raw,
    }
}

/// `subj_trust=`/`obj_trust=`: 0 and 1 as `no` and `yes`.
pub(crate) fn trust(raw: &[u8]) -> Interpreted<'static> {
    name(match raw {
        b"0" => "no",
        b"1" => "yes",
        _ => "unknown",
    })
}

/// `fan_type=`: which kind of information `fan_info` carries.
pub(crate) fn fan_type(raw: &[u8]) -> Interpreted<'static> {
    name(match raw {
        b"0" => "none",
        b"1" => "rule_info",
        _ => "unknown",
    })
}

/// `fan_info=`: the rule number, in decimal, when `fan_type` says it is one.
pub(crate) fn fan_info(raw: &[u8], fan_type: Option<&[u8]>) -> Interpreted<'static> {
    match (fan_type, hex(raw)) {
        (Some(b"1"), Some(v)) => owned(v.to_string()),
        _ => Interpreted::Raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::names::NoNames;

    /// Every lookup is a binary search, so every table must be sorted by value, one name per
    /// value; bit tables must hold single bits.
    #[test]
    fn tables_are_sorted_and_bit_tables_hold_bits() {
        use values::*;
        let sorted: [(&str, &[(u64, &str)]); 49] = [
            ("CAPABILITIES", CAPABILITIES),
            ("CLONE_FLAGS", CLONE_FLAGS),
            ("PERSONALITIES", PERSONALITIES),
            ("PERSONALITY_FLAGS", PERSONALITY_FLAGS),
            ("PRCTL_OPTIONS", PRCTL_OPTIONS),
            ("SECCOMP_ACTIONS", SECCOMP_ACTIONS),
            ("MOUNT_FLAGS", MOUNT_FLAGS),
            ("MOUNT_ATTR_FLAGS", MOUNT_ATTR_FLAGS),
            ("FSCONFIG_COMMANDS", FSCONFIG_COMMANDS),
            ("UMOUNT_FLAGS", UMOUNT_FLAGS),
            ("SCHED_POLICIES", SCHED_POLICIES),
            ("SCHED_FLAGS", SCHED_FLAGS),
            ("ADDRESS_FAMILIES", ADDRESS_FAMILIES),
            ("MSG_FLAGS", MSG_FLAGS),
            ("SOCKET_LEVELS", SOCKET_LEVELS),
            ("SOCKET_TYPES", SOCKET_TYPES),
            ("SOCKET_TYPE_FLAGS", SOCKET_TYPE_FLAGS),
            ("ACCESS_MODES", ACCESS_MODES),
            ("SOCKETCALLS", SOCKETCALLS),
            ("IPC_CALLS", IPC_CALLS),
            ("IPC_FLAGS", IPC_FLAGS),
            ("SHM_FLAGS", SHM_FLAGS),
            ("IP_OPTIONS", IP_OPTIONS),
            ("IPT_SET_OPTIONS", IPT_SET_OPTIONS),
            ("IPT_GET_OPTIONS", IPT_GET_OPTIONS),
            ("IPV6_OPTIONS", IPV6_OPTIONS),
            ("IP6T_SET_OPTIONS", IP6T_SET_OPTIONS),
            ("IP6T_GET_OPTIONS", IP6T_GET_OPTIONS),
            ("TCP_OPTIONS", TCP_OPTIONS),
            ("UDP_OPTIONS", UDP_OPTIONS),
            ("PACKET_OPTIONS", PACKET_OPTIONS),
            ("NETLINK_PROTOCOLS", NETLINK_PROTOCOLS),
            ("NFPROTOS", NFPROTOS),
            ("NETFILTER_HOOKS", NETFILTER_HOOKS),
            ("NETFILTER_ACTIONS", NETFILTER_ACTIONS),
            ("ICMP_TYPES", ICMP_TYPES),
            ("ETHER_TYPES", ETHER_TYPES),
            ("BPF_COMMANDS", BPF_COMMANDS),
            ("EPOLL_CTL_OPS", EPOLL_CTL_OPS),
            ("CLOCK_IDS", CLOCK_IDS),
            ("SEEK_WHENCE", SEEK_WHENCE),
            ("AT_FLAGS", AT_FLAGS),
            ("RESOLVE_FLAGS", RESOLVE_FLAGS),
            ("FANOTIFY_RESPONSES", FANOTIFY_RESPONSES),
            ("AUDIT_FILTER_LISTS", AUDIT_FILTER_LISTS),
            ("NETLINK_MULTICAST_GROUPS", NETLINK_MULTICAST_GROUPS),
            ("FILE_TYPES", FILE_TYPES),
            ("IO_URING_OPS", IO_URING_OPS),
            ("PROTOCOLS", PROTOCOLS),
        ];
        let check = |name: &str, table: &[(u64, &str)]| {
            assert!(!table.is_empty(), "{name} is empty");
            assert!(
                table.windows(2).all(|w| w[0].0 < w[1].0),
                "{name} is not sorted by value"
            );
            if name.ends_with("FLAGS") {
                assert!(
                    table.iter().all(|&(v, _)| v.is_power_of_two()),
                    "{name} holds a value that is not one bit"
                );
            }
        };
        for (name, table) in sorted
            .iter()
            .chain([("IOCTL_REQUESTS", IOCTL_REQUESTS)].iter())
        {
            check(name, table);
        }
        use HeaderArch::*;
        for arch in [
            X86, Arm, Aarch64, Powerpc, Powerpc64, S390, Mips, Mips64, Riscv,
        ] {
            check("open_flags", arch_values::open_flags(arch));
            check("fcntl_commands", arch_values::fcntl_commands(arch));
            check("mmap_flags", arch_values::mmap_flags(arch));
            check("mmap_types", arch_values::mmap_types(arch));
            check("prot_flags", arch_values::prot_flags(arch));
            check("signals", arch_values::signals(arch));
            check("rlimits", arch_values::rlimits(arch));
            check("socket_options", arch_values::socket_options(arch));
            check("ptrace_requests", arch_values::ptrace_requests(arch));
            assert_eq!(arch_values::sol_socket(arch).len(), 1);
        }
        // Spot checks against the headers' well-known numbers.
        assert_eq!(name_of(CAPABILITIES, 21), Some("sys_admin"));
        assert_eq!(name_of(ADDRESS_FAMILIES, 1), Some("local"));
        assert_eq!(name_of(PROTOCOLS, 6), Some("tcp"));
        assert_eq!(name_of(SECCOMP_ACTIONS, 0x50000), Some("errno"));
        assert_eq!(name_of(ICMP_TYPES, 3), Some("destination-unreachable"));
        assert_eq!(name_of(IO_URING_OPS, 18), Some("openat"));
        assert_eq!(
            name_of(arch_values::open_flags(X86), 0x4000),
            Some("O_DIRECT")
        );
        assert_eq!(
            name_of(arch_values::open_flags(Arm), 0x4000),
            Some("O_DIRECTORY")
        );
        assert_eq!(
            name_of(arch_values::open_flags(Powerpc64), 0x20000),
            Some("O_DIRECT")
        );
        assert_eq!(name_of(arch_values::signals(Mips), 10), Some("SIGBUS"));
        assert_eq!(arch_values::sol_socket(Mips)[0].0, 0xffff);
        assert_eq!(
            name_of(arch_values::socket_options(Powerpc), 16),
            Some("SO_RCVLOWAT")
        );
    }

    fn text(i: Interpreted<'_>) -> String {
        match i {
            Interpreted::Text(t) | Interpreted::Keys(t) => String::from_utf8_lossy(&t).into(),
            Interpreted::Raw => "<raw>".into(),
            Interpreted::Hex(h) => format!("0x{}", String::from_utf8_lossy(h)),
        }
    }

    struct Passwd;
    impl NameLookup for Passwd {
        fn user(&self, uid: u32) -> Option<&str> {
            (uid == 1000).then_some("alice")
        }
        fn group(&self, gid: u32) -> Option<&str> {
            (gid == 0).then_some("wheel")
        }
    }

    #[test]
    fn identities() {
        assert_eq!(text(user(b"4294967295", Base::Dec, &NoNames)), "unset");
        assert_eq!(text(user(b"-1", Base::Dec, &NoNames)), "unset");
        assert_eq!(text(user(b"0", Base::Dec, &NoNames)), "root");
        assert_eq!(text(user(b"1000", Base::Dec, &NoNames)), "unknown(1000)");
        assert_eq!(text(user(b"1000", Base::Dec, &Passwd)), "alice");
        assert_eq!(text(user(b"3e8", Base::Hex, &Passwd)), "alice");
        assert_eq!(text(user(b"ffffffffffffffff", Base::Hex, &Passwd)), "unset");
        assert_eq!(text(group(b"0", Base::Dec, &Passwd)), "wheel");
        assert_eq!(text(user(b"?", Base::Dec, &NoNames)), "<raw>");
        assert_eq!(text(session(b"4294967295")), "unset");
        assert_eq!(text(session(b"3")), "<raw>");
    }

    #[test]
    fn results() {
        assert_eq!(text(arch(b"c000003e")), "x86_64");
        assert_eq!(text(arch(b"40000003")), "i386");
        assert_eq!(text(arch(b"c0000099")), "unknown-elf-type(c0000099)");
        assert_eq!(text(exit(b"-13")), "EACCES(Permission denied)");
        assert_eq!(
            text(exit(b"-115")),
            "EINPROGRESS(Operation now in progress)"
        );
        assert_eq!(text(exit(b"3")), "<raw>");
        assert_eq!(text(exit(b"-512")), "<raw>");
        assert_eq!(text(success(b"1")), "yes");
        assert_eq!(text(success(b"0")), "no");
        assert_eq!(text(success(b"success")), "<raw>");
        assert_eq!(text(errno_name(b"2")), "ENOENT");
    }

    #[test]
    fn strings() {
        assert_eq!(text(escaped(Value::Quoted(b"/bin/ls"))), "/bin/ls");
        assert_eq!(
            text(escaped(Value::Bare(b"2F746D702F61206220"))),
            "/tmp/a b "
        );
        // A NUL ends the string; (null) and words stay as written.
        assert_eq!(text(escaped(Value::Bare(b"41004243"))), "A");
        assert_eq!(text(escaped(Value::Bare(b"(null)"))), "<raw>");
        assert_eq!(text(escaped(Value::Bare(b"?"))), "<raw>");
        // A leading 00 marks an abstract socket name and is dropped.
        assert_eq!(text(escaped(Value::Bare(b"00616263"))), "abc");
        assert_eq!(text(escaped(Value::Bare(b"414"))), "A@");
        assert_eq!(
            text(proctitle(Value::Bare(b"6C73002D6C00"))),
            "ls -l ",
            "NULs between and after the arguments become spaces"
        );
        assert_eq!(
            text(keys(Value::Bare(b"6578656301543130353901616263"))),
            "exec\u{1}T1059\u{1}abc"
        );
        assert_eq!(text(keys(Value::Quoted(b"netconn"))), "netconn");
        assert_eq!(text(keys(Value::Bare(b"(null)"))), "<raw>");
    }

    #[test]
    fn tty_data_names_keys_and_quotes_text() {
        assert_eq!(
            text(tty_data(b"6C730D1B5B417F7E22005C")),
            r#""ls",<ret>,<up>,<backspace>,"~\"\000\\""#
        );
        assert_eq!(text(tty_data(b"not-hex")), "<raw>");
    }

    #[test]
    fn modes_and_permissions() {
        assert_eq!(text(mode(b"0100644", Base::Dec)), "file,644");
        assert_eq!(text(mode(b"041777", Base::Dec)), "dir,sticky,777");
        assert_eq!(text(mode(b"0140755", Base::Dec)), "socket,755");
        assert_eq!(text(mode(b"0104755", Base::Dec)), "file,suid,755");
        assert_eq!(text(mode(b"0755", Base::Dec)), "000,755");
        assert_eq!(text(mode(b"21b6", Base::Hex)), "character,666");
        assert_eq!(text(mode_short(b"1b6", Base::Hex)), "0666");
        assert_eq!(text(mode_short(b"4755", Base::Dec)), "suid,0755");
        assert_eq!(text(mode_short(b"6755", Base::Dec)), "suid,sgid,0755");
        assert_eq!(text(perm(b"0")), "read,write,exec,attr");
        assert_eq!(text(perm(b"6")), "read,write");
        assert_eq!(text(perm(b"1")), "exec");
    }

    #[test]
    fn capabilities_and_signals() {
        assert_eq!(text(capability(b"21", Base::Dec)), "sys_admin");
        assert_eq!(text(capability(b"99", Base::Dec)), "unknown-capability(99)");
        assert_eq!(
            text(capability(b"63", Base::Hex)),
            "unknown-capability(0x63)"
        );
        assert_eq!(text(cap_bitmap(b"0")), "none");
        assert_eq!(text(cap_bitmap(b"2000000000")), "audit_read");
        assert_eq!(text(cap_bitmap(b"3")), "chown,dac_override");
        assert_eq!(
            text(cap_bitmap(b"8000000000000001")),
            "chown,0x8000000000000000"
        );
        assert_eq!(text(signal(b"9", Base::Dec, HeaderArch::X86)), "SIGKILL");
        assert_eq!(text(signal(b"0", Base::Dec, HeaderArch::X86)), "SIG0");
        assert_eq!(text(signal(b"1e", Base::Hex, HeaderArch::X86)), "SIGPWR");
        assert_eq!(text(signal(b"a", Base::Hex, HeaderArch::Mips)), "SIGBUS");
        assert_eq!(
            text(signal(b"40", Base::Hex, HeaderArch::X86)),
            "unknown-signal(0x40)"
        );
    }

    #[test]
    fn network_values() {
        assert_eq!(text(protocol(b"6")), "tcp");
        assert_eq!(text(protocol(b"254")), "undefined protocol");
        assert_eq!(text(nfproto(b"10")), "ipv6");
        assert_eq!(text(icmptype(b"8")), "echo");
        assert_eq!(text(hook(b"1")), "INPUT");
        assert_eq!(text(netaction(b"2")), "REJECT");
        assert_eq!(text(macproto(b"0x0800")), "IP");
        assert_eq!(text(macproto(b"0x86dd")), "IPV6");
        assert_eq!(text(macproto(b"0x0001")), "UNKNOWN");
        assert_eq!(text(promisc(b"256")), "yes");
        assert_eq!(text(sockaddr(b"0", None)), "malformed-host(0)");
    }

    #[test]
    fn flags_per_architecture() {
        // 0x4000 is O_DIRECT on x86 and O_DIRECTORY on arm and aarch64.
        assert_eq!(
            text(open_flags(b"4241", Base::Hex, HeaderArch::X86)),
            "O_WRONLY|O_CREAT|O_TRUNC|O_DIRECT"
        );
        assert_eq!(
            text(open_flags(b"4241", Base::Hex, HeaderArch::Aarch64)),
            "O_WRONLY|O_CREAT|O_TRUNC|O_DIRECTORY"
        );
        assert_eq!(
            text(open_flags(b"80000", Base::Hex, HeaderArch::X86)),
            "O_RDONLY|O_CLOEXEC"
        );
        // mips moves nearly every bit: 0x100 is O_CREAT there.
        assert_eq!(
            text(open_flags(b"301", Base::Hex, HeaderArch::Mips)),
            "O_WRONLY|O_CREAT|O_TRUNC"
        );
        assert_eq!(
            text(open_flags(b"80000000", Base::Hex, HeaderArch::X86)),
            "O_RDONLY|0x80000000"
        );
        assert_eq!(
            text(mmap_flags(b"22", Base::Hex, HeaderArch::X86)),
            "MAP_PRIVATE|MAP_ANONYMOUS"
        );
        assert_eq!(
            text(mmap_flags(b"802", Base::Hex, HeaderArch::Mips)),
            "MAP_PRIVATE|MAP_ANONYMOUS"
        );
        assert_eq!(
            text(mmap_flags(b"20", Base::Hex, HeaderArch::X86)),
            "MAP_FILE|MAP_ANONYMOUS"
        );
        assert_eq!(text(prot(b"0", HeaderArch::X86)), "PROT_NONE");
        assert_eq!(text(prot(b"5", HeaderArch::X86)), "PROT_READ|PROT_EXEC");
    }

    #[test]
    fn process_values() {
        assert_eq!(text(personality(b"0", Base::Hex)), "PER_LINUX");
        assert_eq!(
            text(personality(b"40000", Base::Hex)),
            "PER_LINUX|ADDR_NO_RANDOMIZE"
        );
        assert_eq!(text(personality(b"4100001", Base::Hex)), "PER_SVR4");
        assert_eq!(
            text(personality(b"ffffffff", Base::Hex)),
            "unknown-personality(0xffffffff)"
        );
        assert_eq!(text(seccomp(b"0x50000")), "errno");
        assert_eq!(text(seccomp(b"0x50001")), "errno");
        assert_eq!(text(seccomp(b"0x80000000")), "kill-process");
        assert_eq!(text(seccomp(b"0x7fff0000")), "allow");
        assert_eq!(text(ioctl(b"5401", Base::Hex)), "TCGETS");
        assert_eq!(text(ioctl(b"1234abcd", Base::Hex)), "0x1234abcd");
        assert_eq!(text(resolve(b"c")), "RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH");
        assert_eq!(text(list(b"4")), "exit");
        assert_eq!(text(list(b"9")), "unknown-list(9)");
        assert_eq!(text(fanotify(b"2")), "deny");
        assert_eq!(text(fanotify(b"7")), "unknown");
        assert_eq!(text(nlmcgrp(b"1")), "audit-netlink-multicast");
        assert_eq!(text(nlmcgrp(b"0")), "audit-none");
        assert_eq!(text(trust(b"1")), "yes");
        assert_eq!(text(fan_info(b"a", Some(b"1"))), "10");
        assert_eq!(text(fan_info(b"a", Some(b"0"))), "<raw>");
    }
}

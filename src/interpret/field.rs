//! The one entry point the output code calls for every field of every printed event:
//! [`interpret_field`], which gives what `ausearch -i` shows for the field, where ausearch is
//! right, from the evidence alone.
//!
//! A record's ENRICHED part (after 0x1d) wins, as in auparse: a field whose upper-cased name
//! it carries (`UID="alice"`, `SYSCALL=openat`, `SADDR={ … }`) shows that text, unless the text
//! starts with `unknown-` (auditd did not know it; ausift may). Otherwise the field's kind
//! ([`FieldType`]) picks a renderer; syscall arguments follow the rules of [`super::args`],
//! for the syscall of the event's SYSCALL record.
//!
//! Nothing is allocated for a field shown as written, and names and fixed texts are borrowed.

use super::args::{self, Arg, ArgContext};
use super::field_type::{FieldType, field_type};
use super::names::NameLookup;
use super::render::{self, Base};
use super::tables::values::{self, record_type};
use super::{Arch, render::name_of};
use crate::record::{Field, Record, Value, fields::FlatFields};
use std::borrow::Cow;

/// The record of an i386 socketcall() that holds the call's own arguments.
const SOCKETCALL: u32 = 1304;

/// What to show for a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Interpreted<'a> {
    /// The value as written in the record, quotes and all.
    Raw,
    /// This text (bytes: decoded strings need not be UTF-8).
    Text(Cow<'a, [u8]>),
    /// `0x` followed by these hex digits as written: a syscall argument without a rule.
    Hex(&'a [u8]),
    /// Audit keys, separated by 0x01; `ausearch -i` prints one `key=` per key.
    Keys(Cow<'a, [u8]>),
}

impl<'a> Interpreted<'a> {
    pub fn is_raw(&self) -> bool {
        matches!(self, Interpreted::Raw)
    }

    /// The text to show, given the value as written (see [`written`]). Keys stay joined by
    /// 0x01.
    pub fn text<'b>(&'b self, written: &'b [u8]) -> Cow<'b, [u8]> {
        match self {
            Interpreted::Raw => Cow::Borrowed(written),
            Interpreted::Text(t) | Interpreted::Keys(t) => Cow::Borrowed(t),
            Interpreted::Hex(digits) => {
                let mut out = Vec::with_capacity(digits.len() + 2);
                out.extend_from_slice(b"0x");
                out.extend_from_slice(digits);
                Cow::Owned(out)
            }
        }
    }

    /// Appends the text to show to `out`, given the value as written.
    pub fn write_to(&self, written: &[u8], out: &mut Vec<u8>) {
        match self {
            Interpreted::Raw => out.extend_from_slice(written),
            Interpreted::Text(t) | Interpreted::Keys(t) => out.extend_from_slice(t),
            Interpreted::Hex(digits) => {
                out.extend_from_slice(b"0x");
                out.extend_from_slice(digits);
            }
        }
    }

    /// The keys of a `key=` value; one item for any other interpretation.
    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        let (text, split) = match self {
            Interpreted::Keys(t) => (&t[..], true),
            Interpreted::Text(t) => (&t[..], false),
            _ => (&b""[..], false),
        };
        text.split(move |&b| split && b == 0x01)
    }
}

/// The value of a field as it stands in the record: with its double quotes, single quotes or
/// braces (the tokenizer hands out what lies between them).
pub fn written<'a>(record: &Record<'a>, value: Value<'a>) -> &'a [u8] {
    let text = record.text;
    let inner = value.raw();
    let base = text.as_ptr() as usize;
    let at = inner.as_ptr() as usize;
    if at < base || at + inner.len() > base + text.len() {
        return inner;
    }
    let (start, end) = (at - base, at - base + inner.len());
    match value {
        Value::Bare(_) => inner,
        Value::Quoted(_) | Value::Nested(_) => {
            let end = (end + 1).min(text.len());
            &text[start.saturating_sub(1)..end]
        }
        Value::Braced(_) => {
            let open = text[..start]
                .iter()
                .rposition(|&b| b == b'{')
                .unwrap_or(start);
            let close = memchr::memchr(b'}', &text[end..]).map_or(end, |i| end + i + 1);
            &text[open..close]
        }
    }
}

/// What the rules for one event need: the architecture and syscall of its SYSCALL record (or
/// of its SECCOMP record, without one), and the syscall's first arguments.
#[derive(Clone, Debug, Default)]
pub struct EventContext {
    pub arch: Option<Arch>,
    pub syscall: Option<u32>,
    /// a0–a3 of the SYSCALL record.
    pub args: [Option<u64>; 4],
    syscall_name: Option<&'static str>,
    rules: [Option<Arg>; 4],
}

impl EventContext {
    pub fn new(arch: Option<Arch>, syscall: Option<u32>, args: [Option<u64>; 4]) -> Self {
        let syscall_name = arch.zip(syscall).and_then(|(a, n)| a.syscall_name(n));
        let rules = syscall_name.map_or([None; 4], |n| args::rules(n, arch).map(Some));
        EventContext {
            arch,
            syscall,
            args,
            syscall_name,
            rules,
        }
    }

    /// The context of the event these records form.
    pub fn of<'a>(records: impl IntoIterator<Item = Record<'a>>) -> Self {
        Self::of_split(records.into_iter().map(|r| (r.type_code(), r.fields())))
    }

    /// As [`EventContext::of`], from each record's type and key=value fields.
    pub fn of_split<'a, F>(records: impl IntoIterator<Item = (Option<u32>, F)>) -> Self
    where
        F: IntoIterator<Item = Field<'a>>,
    {
        let mut seccomp = None;
        for (record_type, fields) in records {
            match record_type {
                Some(record_type::SYSCALL) => return Self::of_syscall(fields),
                Some(record_type::SECCOMP) if seccomp.is_none() => {
                    seccomp = Some(Self::of_syscall(fields));
                }
                _ => {}
            }
        }
        seccomp.unwrap_or_default()
    }

    /// Arch, syscall and a0–a3 of one record, read in one pass that stops after a3.
    fn of_syscall<'a>(fields: impl IntoIterator<Item = Field<'a>>) -> Self {
        let (mut arch, mut syscall, mut args) = (None, None, [None; 4]);
        for field in fields {
            let raw = field.value.raw();
            match field.key {
                b"arch" => arch = Arch::from_field(raw),
                b"syscall" => syscall = render::dec(raw).and_then(|n| u32::try_from(n).ok()),
                b"a0" => args[0] = render::hex(raw),
                b"a1" => args[1] = render::hex(raw),
                b"a2" => args[2] = render::hex(raw),
                b"a3" => {
                    args[3] = render::hex(raw);
                    break;
                }
                _ => {}
            }
        }
        Self::new(arch, syscall, args)
    }

    /// The syscall's name on the event's architecture.
    pub fn syscall_name(&self) -> Option<&'static str> {
        self.syscall_name
    }
}

/// What to show for the field `name=value` of `record`, in the event `ctx` describes.
/// `names` is asked for user and group names the record does not carry itself.
pub fn interpret_field<'a>(
    ctx: &EventContext,
    record: &Record<'a>,
    name: &[u8],
    value: Value<'a>,
    names: &'a dyn NameLookup,
) -> Interpreted<'a> {
    interpret_with_kind(ctx, record.type_code(), record, name, value, names).1
}

/// [`interpret_field`] for a caller that knows the record's type number already, with the
/// field's kind (for writers that print some kinds their own way: one lookup serves both).
pub fn interpret_with_kind<'a>(
    ctx: &EventContext,
    record_type: Option<u32>,
    record: &Record<'a>,
    name: &[u8],
    value: Value<'a>,
    names: &'a dyn NameLookup,
) -> (FieldType, Interpreted<'a>) {
    // The old PAM form ends `acct=` with a colon: `acct=root : exe=…`, `acct=root: exe=…`.
    let (value, trimmed) = match (name, value) {
        (b"acct", Value::Bare(raw)) if raw.len() > 1 && raw.ends_with(b":") => {
            (Value::Bare(&raw[..raw.len() - 1]), true)
        }
        _ => (value, false),
    };
    let kind = field_type(record_type, name, value);
    if matches!(kind, FieldType::Unclassified | FieldType::MacLabel) {
        return match trimmed {
            true => (kind, Interpreted::Text(Cow::Borrowed(value.raw()))),
            false => (kind, Interpreted::Raw),
        };
    }
    if let Some(enriched) = enriched(record, name, kind) {
        return (kind, enriched);
    }
    let shown = render_kind(ctx, record_type, record, name, value, kind, names);
    (kind, shown)
}

/// The field's ENRICHED translation, unless auditd did not know it either.
fn enriched<'a>(record: &Record<'a>, name: &[u8], kind: FieldType) -> Option<Interpreted<'a>> {
    let translations = record.enrichment()?;
    let field = FlatFields::new(translations).find(|f| f.key.eq_ignore_ascii_case(name))?;
    let text = match field.value {
        // The translation of a sockaddr is itself in braces, with blanks: take it whole.
        Value::Braced(_) => {
            let at = field.value.raw().as_ptr() as usize - translations.as_ptr() as usize;
            let open = translations[..at].iter().rposition(|&b| b == b'{')?;
            let close = memchr::memchr(b'}', &translations[at..])
                .map_or(translations.len(), |i| at + i + 1);
            &translations[open..close]
        }
        Value::Quoted(inner) => {
            let at = inner.as_ptr() as usize - translations.as_ptr() as usize;
            &translations[at - 1..(at + inner.len() + 1).min(translations.len())]
        }
        other => other.raw(),
    };
    if text.starts_with(b"unknown-") {
        return None;
    }
    Some(match kind {
        FieldType::Uid | FieldType::Gid => match render::escaped(field.value) {
            Interpreted::Raw => Interpreted::Text(Cow::Borrowed(text)),
            decoded => decoded,
        },
        _ => Interpreted::Text(Cow::Borrowed(text)),
    })
}

fn render_kind<'a>(
    ctx: &EventContext,
    record_type: Option<u32>,
    record: &Record<'a>,
    name: &[u8],
    value: Value<'a>,
    kind: FieldType,
    names: &'a dyn NameLookup,
) -> Interpreted<'a> {
    let raw = value.raw();
    let header_arch = ctx.arch.map_or(
        super::tables::arch_values::HeaderArch::X86,
        Arch::header_arch,
    );
    match kind {
        FieldType::Unclassified | FieldType::MacLabel | FieldType::Addr | FieldType::Flags => {
            Interpreted::Raw
        }
        FieldType::Uid => render::user(raw, Base::Dec, names),
        FieldType::Gid => render::group(raw, Base::Dec, names),
        FieldType::Syscall if name == b"uring_op" => match render::dec(raw) {
            Some(op) => match name_of(values::IO_URING_OPS, op) {
                Some(n) => render::name(n),
                None => render::unknown("unknown-uring-op", "", raw),
            },
            None => Interpreted::Raw,
        },
        FieldType::Syscall => syscall(ctx, record_type, record, raw),
        FieldType::Arch => render::arch(raw),
        FieldType::Exit => render::exit(raw),
        FieldType::Escaped | FieldType::EscapedFile => render::escaped(value),
        FieldType::EscapedKey => render::keys(value),
        FieldType::Proctitle => render::proctitle(value),
        FieldType::TtyData => match value {
            Value::Bare(_) => render::tty_data(raw),
            _ => Interpreted::Raw,
        },
        FieldType::Perm => render::perm(raw),
        FieldType::Mode => render::mode(raw, Base::Dec),
        FieldType::ModeShort => render::mode_short(raw, Base::Dec),
        FieldType::Sockaddr => match value {
            Value::Bare(_) => render::sockaddr(raw, ctx.arch),
            _ => Interpreted::Raw,
        },
        FieldType::Promisc => render::promisc(raw),
        FieldType::Capability => render::capability(raw, Base::Dec),
        FieldType::Success => render::success(raw),
        FieldType::A0 | FieldType::A1 | FieldType::A2 | FieldType::A3 => {
            let index = match kind {
                FieldType::A0 => 0,
                FieldType::A1 => 1,
                FieldType::A2 => 2,
                _ => 3,
            };
            argument(ctx, record_type, record, index, raw, names)
        }
        FieldType::Signal => render::signal(raw, Base::Dec, header_arch),
        FieldType::List => render::list(raw),
        FieldType::Session => render::session(raw),
        FieldType::CapBitmap => render::cap_bitmap(raw),
        FieldType::Nfproto => render::nfproto(raw),
        FieldType::Icmptype => render::icmptype(raw),
        FieldType::Protocol => render::protocol(raw),
        FieldType::Personality => render::personality(raw, Base::Hex),
        FieldType::Seccomp => render::seccomp(raw),
        FieldType::Oflag => render::open_flags(raw, Base::Hex, header_arch),
        FieldType::Mmap => render::mmap_flags(raw, Base::Hex, header_arch),
        FieldType::Hook => render::hook(raw),
        FieldType::Netaction => render::netaction(raw),
        FieldType::Macproto => render::macproto(raw),
        FieldType::IoctlReq => render::ioctl(raw, Base::Hex),
        FieldType::Fanotify => render::fanotify(raw),
        FieldType::Nlmcgrp => render::nlmcgrp(raw),
        FieldType::Resolve => render::resolve(raw),
        FieldType::Trust => render::trust(raw),
        FieldType::FanType => render::fan_type(raw),
        FieldType::FanInfo => {
            let fan_type = record.field(b"fan_type").map(|v| v.raw());
            render::fan_info(raw, fan_type)
        }
        FieldType::Errno => render::errno_name(raw),
    }
}

/// `syscall=`: the name on the record's architecture; a SYSCALL record's `socketcall` and
/// `ipc` name the call its first argument selects.
fn syscall<'a>(
    ctx: &EventContext,
    record_type: Option<u32>,
    record: &Record<'a>,
    raw: &'a [u8],
) -> Interpreted<'a> {
    let Some(number) = render::dec(raw).and_then(|n| u32::try_from(n).ok()) else {
        return Interpreted::Raw;
    };
    let in_syscall_record = record_type == Some(record_type::SYSCALL);
    let arch = if in_syscall_record {
        ctx.arch
    } else {
        record
            .field(b"arch")
            .and_then(|a| Arch::from_field(a.raw()))
            .or(ctx.arch)
    };
    // Without the architecture the number could be any syscall.
    let Some(arch) = arch else {
        return Interpreted::Raw;
    };
    if arch.syscall_table().is_none() {
        return Interpreted::Raw;
    }
    let Some(name) = arch.syscall_name(number) else {
        return render::owned(format!("unknown-syscall({number})"));
    };
    let selector = match name {
        "socketcall" => Some(values::SOCKETCALLS),
        "ipc" => Some(values::IPC_CALLS),
        _ => None,
    };
    let call = selector
        .zip(ctx.args[0].filter(|_| in_syscall_record))
        .and_then(|(table, a0)| name_of(table, if name == "ipc" { a0 & 0xffff } else { a0 }));
    match call {
        Some(call) => render::owned(format!("{name}({call})")),
        None => render::name(name),
    }
}

/// `a0`–`a3`: by the event's syscall rules in its SYSCALL record, and in the SOCKETCALL
/// record of an i386 socketcall() by the rules of the call it makes (the arguments of
/// `socket` are a domain, a type and a protocol); `0x…` elsewhere.
fn argument<'a>(
    ctx: &EventContext,
    record_type: Option<u32>,
    record: &Record<'a>,
    index: usize,
    raw: &'a [u8],
    names: &'a dyn NameLookup,
) -> Interpreted<'a> {
    if record_type == Some(SOCKETCALL)
        && ctx.syscall_name == Some("socketcall")
        && let Some(call) = ctx.args[0].and_then(|a0| name_of(values::SOCKETCALLS, a0))
    {
        let mut call_args = [None; 4];
        for field in record.fields() {
            if let [b'a', n @ b'0'..=b'3'] = field.key {
                call_args[(n - b'0') as usize] = render::hex(field.value.raw());
            }
        }
        let arg_ctx = ArgContext {
            syscall: call,
            arch: ctx.arch,
            args: call_args,
        };
        return match args::rules(call, ctx.arch)[index] {
            Arg::Plain => Interpreted::Hex(raw),
            kind => args::render(kind, raw, &arg_ctx, names),
        };
    }
    let rule = match record_type {
        Some(record_type::SYSCALL) => ctx.rules[index],
        _ => None,
    };
    match (rule, ctx.syscall_name) {
        (Some(kind), Some(syscall)) => {
            let arg_ctx = ArgContext {
                syscall,
                arch: ctx.arch,
                args: ctx.args,
            };
            args::render(kind, raw, &arg_ctx, names)
        }
        _ if raw.iter().all(u8::is_ascii_hexdigit) && !raw.is_empty() => Interpreted::Hex(raw),
        _ => Interpreted::Raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::names::NoNames;
    use crate::record::parse_record;

    fn record(line: &[u8]) -> Record<'_> {
        let parsed = parse_record(line).expect("a record");
        Record::from_header(&line[..parsed.len], &parsed.header)
    }

    /// Every field of the last record of `lines` as `name=shown`, in the event of all lines.
    fn shown(lines: &[&[u8]]) -> String {
        let records: Vec<Record> = lines.iter().map(|l| record(l)).collect();
        let ctx = EventContext::of(records.iter().copied());
        let last = records.last().unwrap();
        let mut out = Vec::new();
        for field in last.fields() {
            let shown = interpret_field(&ctx, last, field.key, field.value, &NoNames);
            if let Interpreted::Keys(_) = shown {
                for key in shown.keys() {
                    out.extend_from_slice(b"key=");
                    out.extend_from_slice(key);
                    out.push(b' ');
                }
                continue;
            }
            out.extend_from_slice(field.key);
            out.push(b'=');
            shown.write_to(written(last, field.value), &mut out);
            out.push(b' ');
        }
        String::from_utf8_lossy(&out).trim_end().to_string()
    }

    #[test]
    fn a_syscall_record_reads_as_ausearch_shows_it() {
        let line = b"type=SYSCALL msg=audit(1700000000.000:1): arch=c000003e syscall=257 \
            success=no exit=-13 a0=ffffff9c a1=7ffc1a2b a2=80000 a3=0 items=1 ppid=1 pid=2 \
            auid=1000 uid=0 gid=0 euid=4294967295 tty=(none) ses=4294967295 comm=\"cat\" \
            exe=2F7573722F62696E2F636174 subj=unconfined key=(null)";
        assert_eq!(
            shown(&[line]),
            "arch=x86_64 syscall=openat success=no exit=EACCES(Permission denied) \
             a0=AT_FDCWD a1=0x7ffc1a2b a2=O_RDONLY|O_CLOEXEC a3=0x0 items=1 ppid=1 pid=2 \
             auid=unknown(1000) uid=root gid=root euid=unset tty=(none) ses=unset comm=cat \
             exe=/usr/bin/cat subj=unconfined key=(null)"
        );
    }

    #[test]
    fn enrichment_wins_unless_it_is_unknown() {
        let line = b"type=SYSCALL msg=audit(1700000000.000:1): arch=c000003e syscall=42 \
            success=yes exit=0 a0=3 a1=0 a2=10 a3=0 items=0 auid=1000 uid=1000 \
            key=6578656301543130353901616263\x1dARCH=x86_64 SYSCALL=connect AUID=\"alice\" \
            UID=unknown-user";
        assert_eq!(
            shown(&[line]),
            "arch=x86_64 syscall=connect success=yes exit=0 a0=0x3 a1=0x0 a2=0x10 a3=0x0 \
             items=0 auid=alice uid=unknown(1000) key=exec key=T1059 key=abc"
        );
    }

    #[test]
    fn sockaddr_follows_the_events_byte_order() {
        let syscall = b"type=SYSCALL msg=audit(1700000000.000:1): arch=80000015 syscall=102 \
            success=yes exit=0 a0=3 a1=3fffe a2=0 a3=0";
        let sockaddr =
            b"type=SOCKADDR msg=audit(1700000000.000:1): saddr=00021F90C00002320000000000000000";
        assert_eq!(
            shown(&[syscall, sockaddr]),
            "saddr={ saddr_fam=inet laddr=192.0.2.50 lport=8080 }"
        );
        assert_eq!(
            shown(&[syscall]),
            "arch=ppc64 syscall=socketcall(connect) success=yes exit=0 a0=connect a1=0x3fffe \
             a2=0x0 a3=0x0"
        );
        // The SADDR translation auditd wrote is shown as it is.
        let enriched = b"type=SOCKADDR msg=audit(1700000000.000:1): saddr=0200\x1dSADDR={ \
            saddr_fam=inet laddr=10.0.0.1 lport=22 }";
        assert_eq!(
            shown(&[enriched]),
            "saddr={ saddr_fam=inet laddr=10.0.0.1 lport=22 }"
        );
    }

    #[test]
    fn socketcall_arguments_follow_the_call_and_others_are_hex() {
        let syscall = b"type=SYSCALL msg=audit(1700000000.000:1): arch=40000003 syscall=102 \
            success=yes exit=0 a0=1 a1=bfd0 a2=0 a3=0";
        let socketcall = b"type=SOCKETCALL msg=audit(1700000000.000:1): nargs=3 a0=2 a1=1 a2=6";
        // socketcall(socket): the SOCKETCALL record holds socket()'s arguments.
        assert_eq!(
            shown(&[syscall, socketcall]),
            "nargs=3 a0=inet a1=SOCK_STREAM a2=tcp"
        );
        let execve = b"type=EXECVE msg=audit(1700000000.000:1): argc=2 a0=\"ls\" a1=2D6C";
        assert_eq!(shown(&[syscall, execve]), "argc=2 a0=ls a1=-l");
    }

    #[test]
    fn a_seccomp_record_uses_its_own_arch() {
        let seccomp = b"type=SECCOMP msg=audit(1700000000.000:1): auid=1000 uid=1000 gid=1000 \
            ses=2 pid=3 comm=\"chrome\" sig=0 arch=40000003 syscall=102 compat=1 ip=0x7f \
            code=0x50000";
        assert_eq!(
            shown(&[seccomp]),
            "auid=unknown(1000) uid=unknown(1000) gid=unknown(1000) ses=2 pid=3 comm=chrome \
             sig=SIG0 arch=i386 syscall=socketcall compat=1 ip=0x7f code=errno"
        );
    }

    #[test]
    fn written_keeps_delimiters() {
        let line = b"type=X msg=audit(1700000000.000:1): a=\"q\" b=bare c={ x y } d='n=1'";
        let r = record(line);
        let tokens: Vec<_> = r.tokens().collect();
        let values: Vec<&[u8]> = tokens
            .iter()
            .filter_map(|t| match t {
                crate::record::Token::Field(f) => Some(written(&r, f.value)),
                _ => None,
            })
            .collect();
        assert_eq!(values, [&b"\"q\""[..], b"bare", b"{ x y }", b"'n=1'"]);
    }
}

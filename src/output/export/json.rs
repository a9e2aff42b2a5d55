//! The JSON Lines of `ausift export`: one object per event, schema `docs/json-schema.md` and
//! `docs/ausift-export.schema.json`. Strings go through [`crate::output::json::write_str`], so
//! bytes that are not UTF-8 come out as `%XX` and a literal `%` as `%25`.

use super::{EventView, SCHEMA_VERSION, address_text};
use crate::interpret::process::ProcessFacts;
use crate::interpret::sockaddr::{self, SockAddr};
use crate::interpret::tables::values::record_type;
use crate::interpret::{EventContext, Interpreted, encoding, interpret_with_kind, written};
use crate::output::json::{KeyGroups, write_grouped, write_object, write_str, write_str_array};
use crate::output::time::write_iso_utc;
use crate::record::{Field, Record, Token, Tokens, Value};
use smallvec::SmallVec;

/// Appends the event without its parent; the parent goes at `split`.
pub(crate) fn write_event(out: &mut Vec<u8>, view: &EventView) -> usize {
    let event = view.event;
    out.extend_from_slice(format!("{{\"schema\":{SCHEMA_VERSION},\"id\":").as_bytes());
    match event.stamp() {
        Some(s) => {
            out.extend_from_slice(format!("\"{}.{:03}:{}\"", s.sec, s.msec, s.serial).as_bytes());
            out.extend_from_slice(format!(",\"serial\":{},\"time\":\"", s.serial).as_bytes());
            write_iso_utc(out, s.sec, s.msec);
            out.extend_from_slice(format!("\",\"epoch_ms\":{}", s.millis()).as_bytes());
        }
        None => out.extend_from_slice(b"null,\"serial\":null,\"time\":null,\"epoch_ms\":null"),
    }
    out.extend_from_slice(b",\"node\":");
    write_opt(out, event.node());
    out.extend_from_slice(b",\"source\":{\"file\":");
    write_str(out, view.file);
    out.extend_from_slice(format!(",\"offset\":{}}}", view.offset).as_bytes());
    out.extend_from_slice(b",\"record_types\":");
    write_str_array(out, view.records.iter().map(Record::type_name));
    write_summary(out, view);
    out.extend_from_slice(b",\"process\":");
    match &view.facts {
        Some(facts) => write_process(out, facts),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"parent\":");
    let split = out.len();
    out.extend_from_slice(b",\"records\":[");
    for (i, record) in view.records.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_record(out, record, &view.sentence.ctx, view);
    }
    out.extend_from_slice(b"]}\n");
    split
}

/// How a process is shown as the parent of a later one: `{"exe":…,"argv":[…]}`.
pub(super) fn parent_fragment(facts: &ProcessFacts) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(b"{\"exe\":");
    write_opt(&mut out, facts.exe.as_deref());
    out.extend_from_slice(b",\"argv\":");
    write_argv(&mut out, facts.argv.as_deref());
    out.push(b'}');
    out
}

fn write_summary(out: &mut Vec<u8>, view: &EventView) {
    let sentence = &view.sentence;
    let parts = &sentence.parts;
    out.extend_from_slice(b",\"summary\":{\"category\":");
    write_opt(out, parts.kind.map(str::as_bytes));
    out.extend_from_slice(b",\"actor\":{\"primary\":");
    write_opt(out, sentence.subject().as_deref());
    out.extend_from_slice(b",\"secondary\":");
    write_opt(
        out,
        parts
            .subject_secondary
            .map(|p| sentence.field(p))
            .as_deref(),
    );
    let facts = view.facts.as_ref();
    for key in ["auid", "uid"] {
        let id = facts.and_then(|f| if key == "auid" { f.auid } else { f.uid });
        out.extend_from_slice(format!(",\"{key}\":").as_bytes());
        write_opt_number(out, id.map(u64::from));
        out.extend_from_slice(format!(",\"{key}_name\":").as_bytes());
        write_opt(out, view.id_name(key.as_bytes()).as_deref());
    }
    out.extend_from_slice(b"},\"action\":");
    write_opt(out, sentence.action().as_deref());
    out.extend_from_slice(b",\"object\":{\"type\":");
    write_opt(out, parts.object_kind.map(str::as_bytes));
    out.extend_from_slice(b",\"primary\":");
    write_opt(out, sentence.object(false).as_deref());
    out.extend_from_slice(b",\"secondary\":");
    write_opt(
        out,
        parts.object_secondary.map(|p| sentence.field(p)).as_deref(),
    );
    out.extend_from_slice(b"},\"how\":");
    write_opt(out, parts.how.map(|h| sentence.part(h)).as_deref());
    out.extend_from_slice(b",\"result\":");
    write_opt(out, view.result().map(str::as_bytes));
    out.extend_from_slice(b",\"address\":");
    write_opt(out, view.address().as_deref());
    out.extend_from_slice(b",\"keys\":");
    write_str_array(out, view.keys().iter().map(Vec::as_slice));
    out.push(b'}');
}

fn write_process(out: &mut Vec<u8>, facts: &ProcessFacts) {
    let numbers = [
        ("pid", facts.pid),
        ("ppid", facts.ppid),
        ("auid", facts.auid),
        ("uid", facts.uid),
        ("ses", facts.ses),
    ];
    for (i, (name, value)) in numbers.into_iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{\"" } else { b",\"" });
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
        write_opt_number(out, value.map(u64::from));
    }
    let texts = [
        ("tty", facts.tty),
        ("comm", facts.comm.as_deref()),
        ("exe", facts.exe.as_deref()),
        ("cwd", facts.cwd.as_deref()),
        ("syscall", facts.syscall.as_deref().map(str::as_bytes)),
    ];
    for (name, value) in texts {
        out.extend_from_slice(format!(",\"{name}\":").as_bytes());
        write_opt(out, value);
    }
    out.extend_from_slice(b",\"argv\":");
    write_argv(out, facts.argv.as_deref());
    out.extend_from_slice(b",\"exit\":");
    match facts.exit {
        Some(exit) => out.extend_from_slice(exit.to_string().as_bytes()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"success\":");
    out.extend_from_slice(match facts.success {
        Some(true) => b"true",
        Some(false) => b"false",
        None => b"null",
    });
    out.push(b'}');
}

fn write_record(out: &mut Vec<u8>, record: &Record, ctx: &EventContext, view: &EventView) {
    let record_type = record.type_code();
    let parts = RecordParts::of(record.body());
    out.extend_from_slice(b"{\"type\":");
    write_str(out, record.type_name());
    let groups = KeyGroups::of(&parts.fields);
    out.extend_from_slice(b",\"raw\":");
    write_grouped(out, &parts.fields, &groups, |out, field| {
        write_str(out, field.value.raw())
    });
    out.extend_from_slice(b",\"interpreted\":");
    let names = &*view.sentence.options.names;
    write_grouped(out, &parts.fields, &groups, |out, field| {
        let shown = interpret_with_kind(ctx, record_type, record, field.key, field.value, names).1;
        match &shown {
            Interpreted::Raw => write_str(out, field.value.raw()),
            Interpreted::Keys(_) => write_str_array(out, shown.keys()),
            other => write_str(out, &other.text(written(record, field.value))),
        }
    });
    match record_type {
        Some(record_type::EXECVE) if is_first_execve(view.records, record) => {
            out.extend_from_slice(b",\"argv\":");
            write_argv(out, view.facts.as_ref().and_then(|f| f.argv.as_deref()));
        }
        Some(record_type::SOCKADDR) => {
            if let Some(addr) = record
                .field(b"saddr")
                .and_then(|v| sockaddr::decode(v.raw(), ctx.arch))
            {
                out.extend_from_slice(b",\"sockaddr\":");
                write_sockaddr(out, &addr);
            }
        }
        _ => {}
    }
    if let Some(enrichment) = record.enrichment() {
        let enriched = RecordParts::of(enrichment);
        out.extend_from_slice(b",\"enriched\":");
        write_object(out, &enriched.fields, |out, field| {
            write_str(out, &encoding::decode(record_type, field.key, field.value))
        });
    }
    if !parts.words.is_empty() {
        out.extend_from_slice(b",\"words\":");
        write_str_array(out, parts.words.iter().copied());
    }
    out.push(b'}');
}

/// Whether `record` is the event's first EXECVE record, which carries the whole argv.
fn is_first_execve(records: &[Record], record: &Record) -> bool {
    records
        .iter()
        .find(|r| r.type_code() == Some(record_type::EXECVE))
        .is_some_and(|first| std::ptr::eq(first.text, record.text))
}

fn write_sockaddr(out: &mut Vec<u8>, addr: &SockAddr) {
    out.extend_from_slice(b"{\"family\":");
    write_str(out, addr.family_name().as_bytes());
    out.extend_from_slice(b",\"ip\":");
    write_opt(out, addr.ip_text().as_deref().map(str::as_bytes));
    out.extend_from_slice(b",\"port\":");
    write_opt_number(out, addr.port().map(u64::from));
    out.extend_from_slice(b",\"path\":");
    let path = match addr {
        SockAddr::Unix { .. } => Some(address_text(addr)),
        _ => None,
    };
    write_opt(out, path.as_deref());
    out.extend_from_slice(b",\"text\":");
    write_str(out, &addr.to_bytes());
    out.push(b'}');
}

/// The key=value fields of a record body, those inside `msg='…'` in its place, and the
/// tokens without a key (AVC's `avc:  denied  { read }`).
struct RecordParts<'a> {
    fields: SmallVec<[Field<'a>; 32]>,
    words: SmallVec<[&'a [u8]; 4]>,
}

impl<'a> RecordParts<'a> {
    fn of(body: &'a [u8]) -> Self {
        let mut parts = RecordParts {
            fields: SmallVec::new(),
            words: SmallVec::new(),
        };
        parts.take(body, true);
        parts
    }

    fn take(&mut self, text: &'a [u8], outer: bool) {
        for token in Tokens::new(text) {
            match token {
                Token::Field(Field {
                    value: Value::Nested(inner),
                    ..
                }) if outer && inner.contains(&b'=') => self.take(inner, false),
                Token::Field(field) => self.fields.push(field),
                Token::Word(word) | Token::Group(word) => self.words.push(word),
            }
        }
    }
}

fn write_argv(out: &mut Vec<u8>, argv: Option<&[Vec<u8>]>) {
    match argv {
        Some(argv) => write_str_array(out, argv.iter().map(Vec::as_slice)),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_opt(out: &mut Vec<u8>, text: Option<&[u8]>) {
    match text {
        Some(text) => write_str(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_opt_number(out: &mut Vec<u8>, number: Option<u64>) {
    match number {
        Some(n) => out.extend_from_slice(n.to_string().as_bytes()),
        None => out.extend_from_slice(b"null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_become_arrays_in_first_order() {
        let parts = RecordParts::of(b"b=1 a=2 b=3 c=4 b=5");
        let mut out = Vec::new();
        write_object(&mut out, &parts.fields, |out, f| {
            write_str(out, f.value.raw())
        });
        assert_eq!(out, br#"{"b":["1","3","5"],"a":"2","c":"4"}"#);
    }

    #[test]
    fn msg_fields_stand_in_the_record_and_words_are_kept() {
        let parts =
            RecordParts::of(b"pid=1 uid=0 msg='avc:  denied  { read } for op=x res=success'");
        let keys: Vec<&[u8]> = parts.fields.iter().map(|f| f.key).collect();
        assert_eq!(keys, [&b"pid"[..], b"uid", b"op", b"res"]);
        assert_eq!(parts.words.len(), 4, "{:?}", parts.words);
        let plain = RecordParts::of(b"pid=1 msg='just text'");
        assert_eq!(plain.fields.len(), 2);
    }
}

//! The JSON Lines of `ausift export`: one object per event, schema `docs/json-schema.md` and
//! `docs/ausift-export.schema.json`. Strings go through [`crate::output::json::write_str`], so
//! bytes that are not UTF-8 come out as `%XX` and a literal `%` as `%25`.

use super::parts::EventParts;
use super::{EventView, SCHEMA_VERSION, address_text};
use crate::interpret::process::ProcessFacts;
use crate::interpret::sockaddr::{self, SockAddr};
use crate::interpret::tables::values::record_type;
use crate::interpret::{EventContext, Interpreted, encoding, interpret_with_kind, written};
use crate::output::json::{
    KeyGroups, write_grouped_by, write_int, write_object, write_opt_int, write_str, write_str_array,
};
use crate::output::time::write_iso_utc;
use crate::record::Record;
use smallvec::SmallVec;

/// Appends the event without its parent; the parent goes at `split`.
pub(crate) fn write_event(out: &mut Vec<u8>, view: &EventView) -> usize {
    let event = view.event;
    out.extend_from_slice(b"{\"schema\":");
    write_int(out, SCHEMA_VERSION);
    out.extend_from_slice(b",\"id\":");
    match event.stamp() {
        Some(s) => {
            out.push(b'"');
            write_int(out, s.sec);
            out.extend_from_slice(&[
                b'.',
                b'0' + (s.msec / 100 % 10) as u8,
                b'0' + (s.msec / 10 % 10) as u8,
                b'0' + (s.msec % 10) as u8,
                b':',
            ]);
            write_int(out, s.serial);
            out.extend_from_slice(b"\",\"serial\":");
            write_int(out, s.serial);
            out.extend_from_slice(b",\"time\":\"");
            write_iso_utc(out, s.sec, s.msec);
            out.extend_from_slice(b"\",\"epoch_ms\":");
            write_int(out, s.millis());
        }
        None => out.extend_from_slice(b"null,\"serial\":null,\"time\":null,\"epoch_ms\":null"),
    }
    out.extend_from_slice(b",\"node\":");
    write_opt(out, event.node());
    out.extend_from_slice(b",\"source\":{\"file\":");
    write_str(out, view.file);
    out.extend_from_slice(b",\"offset\":");
    write_int(out, view.offset);
    out.push(b'}');
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
        write_record(out, i, record, &view.sentence.ctx, view);
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
    let ids = [
        (
            &b",\"auid\":"[..],
            facts.and_then(|f| f.auid),
            &b",\"auid_name\":"[..],
            &b"auid"[..],
        ),
        (
            b",\"uid\":",
            facts.and_then(|f| f.uid),
            b",\"uid_name\":",
            b"uid",
        ),
    ];
    for (label, id, name_label, key) in ids {
        out.extend_from_slice(label);
        write_opt_int(out, id);
        out.extend_from_slice(name_label);
        write_opt(out, view.id_name(key).as_deref());
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
        (&b"{\"pid\":"[..], facts.pid),
        (b",\"ppid\":", facts.ppid),
        (b",\"auid\":", facts.auid),
        (b",\"uid\":", facts.uid),
        (b",\"ses\":", facts.ses),
    ];
    for (label, value) in numbers {
        out.extend_from_slice(label);
        write_opt_int(out, value);
    }
    let texts = [
        (&b",\"tty\":"[..], facts.tty),
        (b",\"comm\":", facts.comm.as_deref()),
        (b",\"exe\":", facts.exe.as_deref()),
        (b",\"cwd\":", facts.cwd.as_deref()),
        (
            b",\"syscall\":",
            facts.syscall.as_deref().map(str::as_bytes),
        ),
    ];
    for (label, value) in texts {
        out.extend_from_slice(label);
        write_opt(out, value);
    }
    out.extend_from_slice(b",\"argv\":");
    write_argv(out, facts.argv.as_deref());
    out.extend_from_slice(b",\"exit\":");
    write_opt_int(out, facts.exit);
    out.extend_from_slice(b",\"success\":");
    out.extend_from_slice(match facts.success {
        Some(true) => b"true",
        Some(false) => b"false",
        None => b"null",
    });
    out.push(b'}');
}

fn write_record(
    out: &mut Vec<u8>,
    index: usize,
    record: &Record,
    ctx: &EventContext,
    view: &EventView,
) {
    let record_type = record.type_code();
    let fields = view.parts.fields(index);
    out.extend_from_slice(b"{\"type\":");
    write_str(out, record.type_name());
    let groups = KeyGroups::of(fields);
    out.extend_from_slice(b",\"raw\":");
    // Where each key's and raw value's JSON lies: the interpreted object copies the keys, and
    // the values where the interpretation is the raw value.
    let mut keys: SmallVec<[(usize, usize); 32]> = SmallVec::from_elem((0, 0), fields.len());
    let mut written_raw: SmallVec<[(usize, usize); 32]> = SmallVec::from_elem((0, 0), fields.len());
    let span = |out: &mut Vec<u8>, text: &[u8]| {
        let start = out.len();
        write_str(out, text);
        (start, out.len())
    };
    write_grouped_by(
        out,
        &groups,
        |out, i| keys[i] = span(out, fields[i].key),
        |out, i| written_raw[i] = span(out, fields[i].value.raw()),
    );
    out.extend_from_slice(b",\"interpreted\":");
    let names = &*view.sentence.options.names;
    let copy_key = |out: &mut Vec<u8>, i: usize| out.extend_from_within(keys[i].0..keys[i].1);
    write_grouped_by(out, &groups, copy_key, |out, i| {
        let field = &fields[i];
        let shown = interpret_with_kind(ctx, record_type, record, field.key, field.value, names).1;
        match &shown {
            Interpreted::Raw => out.extend_from_within(written_raw[i].0..written_raw[i].1),
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
        let mut enriched = EventParts::default();
        enriched.push_record(enrichment);
        out.extend_from_slice(b",\"enriched\":");
        let fields = enriched.fields(0);
        write_object(out, fields, |out, i| {
            let field = &fields[i];
            write_str(out, &encoding::decode(record_type, field.key, field.value))
        });
    }
    let words = view.parts.words(index);
    if !words.is_empty() {
        out.extend_from_slice(b",\"words\":");
        write_str_array(out, words.iter().copied());
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
    write_opt_int(out, addr.port());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_become_arrays_in_first_order() {
        let mut parts = EventParts::default();
        parts.push_record(b"b=1 a=2 b=3 c=4 b=5");
        let mut out = Vec::new();
        let fields = parts.fields(0);
        write_object(&mut out, fields, |out, i| {
            write_str(out, fields[i].value.raw())
        });
        assert_eq!(out, br#"{"b":["1","3","5"],"a":"2","c":"4"}"#);
    }
}

//! `--format interpreted`: what `ausearch -i` prints. Each event opens with `----`; each
//! record is a line `[node=N ]type=T msg=audit(TIME:SERIAL) : name=value …` with every value
//! interpreted (`syscall=openat`, `exit=EACCES(Permission denied)`, `uid=root`), the records
//! in ausearch's order (the last first).
//!
//! The time is ISO-8601 with milliseconds in the chosen zone (ausearch prints `%x %T` in local
//! time). The text between values is kept as the record has it (`msg='`, AVC's
//! `avc:  denied  { read } for `), as ausearch keeps it. Values ausearch leaves as they are
//! (numbers, contexts, unknown fields) are printed as written; interpreted ones are escaped
//! as `--escape` says. A record without fields prints no blank line after it (ausearch does).

use super::WriterOptions;
use super::default::{shown_records, without_enrichment};
use super::escape::write_escaped;
use super::time::write_iso;
use crate::event::Event;
use crate::interpret::{EventContext, FieldType, Interpreted, interpret_with_kind};
use crate::record::Record;

pub fn write_event(out: &mut Vec<u8>, event: &Event, options: &WriterOptions) {
    let records: Vec<Record> = event.records().collect();
    let ctx = EventContext::of(records.iter().copied());
    let mut stamp = Vec::with_capacity(40);
    match event.stamp() {
        Some(s) => {
            write_iso(&mut stamp, s.sec, s.msec, options.zone);
            stamp.push(b':');
            stamp.extend_from_slice(s.serial.to_string().as_bytes());
        }
        None => stamp.push(b'?'),
    }
    out.extend_from_slice(b"----\n");
    for record in shown_records(&records) {
        if let Some(node) = event.node() {
            out.extend_from_slice(b"node=");
            out.extend_from_slice(node);
            out.push(b' ');
        }
        out.extend_from_slice(b"type=");
        // `UNKNOWN[1323]` from an older auditd (or `1400` in a syslog line) is named when the
        // number is known now.
        let written = record.type_name();
        let numbered =
            written.starts_with(b"UNKNOWN[") || written.first().is_some_and(u8::is_ascii_digit);
        match numbered.then(|| record.type_code().and_then(crate::record::types::name_of)) {
            Some(Some(name)) => out.extend_from_slice(name.as_bytes()),
            _ => out.extend_from_slice(written),
        }
        out.extend_from_slice(b" msg=audit(");
        out.extend_from_slice(&stamp);
        out.extend_from_slice(b") ");
        write_fields(out, record, &ctx, options);
        out.push(b'\n');
    }
}

/// Where `part`, a slice of `whole`, starts in it.
fn offset_in(whole: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The record after its header: the text between values as written, each value interpreted
/// and followed by one blank.
fn write_fields(out: &mut Vec<u8>, record: &Record, ctx: &EventContext, options: &WriterOptions) {
    let text = without_enrichment(record);
    let body = record.body();
    let body_start = offset_in(text, body).min(text.len());
    // From the `)` that closes the header: its `: ` is printed as written.
    let mut cursor = memchr::memrchr(b')', &text[..body_start]).map_or(body_start, |p| p + 1);
    let record_type = record.type_code();
    let names = &*options.names;
    let mut any = false;
    for field in record.fields() {
        let written = crate::interpret::written(record, field.value);
        let start = offset_in(text, written);
        if start < cursor || start > text.len() {
            continue;
        }
        any = true;
        out.extend_from_slice(&text[cursor..start]);
        let (kind, shown) =
            interpret_with_kind(ctx, record_type, record, field.key, field.value, names);
        write_value(out, &shown, written, kind, options);
        cursor = (start + written.len()).min(text.len());
        // What sticks to the value: the `'` closing msg='…', an old record's `,` or `)`.
        let stuck = text[cursor..]
            .iter()
            .position(|&b| b == b' ')
            .unwrap_or(text.len() - cursor);
        out.extend_from_slice(&text[cursor..cursor + stuck]);
        cursor += stuck;
        if kind != FieldType::TtyData {
            out.push(b' ');
        }
        if text.get(cursor) == Some(&b' ') {
            cursor += 1;
        }
    }
    let rest = &text[cursor..];
    if !any || rest.iter().any(|&b| b != b' ') {
        out.extend_from_slice(rest);
    }
}

fn write_value(
    out: &mut Vec<u8>,
    shown: &Interpreted,
    written: &[u8],
    kind: FieldType,
    options: &WriterOptions,
) {
    match shown {
        Interpreted::Raw if kind == FieldType::Unclassified => out.extend_from_slice(written),
        Interpreted::Keys(_) => {
            for (i, key) in shown.keys().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b" key=");
                }
                write_escaped(out, key, options.escape);
            }
        }
        Interpreted::Raw => write_escaped(out, written, options.escape),
        other => write_escaped(out, &other.text(written), options.escape),
    }
}

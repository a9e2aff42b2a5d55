//! `--format jsonl`: one object per event with its id, time, node and records. Each field is
//! an object holding its value as written (`raw`, between its quotes, hex undecoded) and what
//! `ausearch -i` would show (`interpreted`: hex decoded, numbers named, ids as user names);
//! several keys joined by 0x01 are an array of keys. A repeated field is an array of such
//! objects and `msg='…'` holding fields is an object of its fields. The ENRICHED part stays
//! apart under `enriched`, so no name differs from another only by case. The full export
//! schema is `ausift export`'s.

use super::WriterOptions;
use super::json::{write_str, write_str_array};
use super::time::write_iso;
use crate::event::Event;
use crate::interpret::{EventContext, Interpreted, encoding, interpret_with_kind, written};
use crate::record::{Field, Record, Token, Tokens, Value};

pub fn write_event(out: &mut Vec<u8>, event: &Event, options: &WriterOptions) {
    out.extend_from_slice(b"{\"id\":");
    match event.stamp() {
        Some(s) => {
            let id = format!("{}.{:03}:{}", s.sec, s.msec, s.serial);
            write_str(out, id.as_bytes());
            out.extend_from_slice(b",\"time\":\"");
            write_iso(out, s.sec, s.msec, options.zone);
            out.extend_from_slice(format!("\",\"epoch_ms\":{}", s.millis()).as_bytes());
        }
        None => out.extend_from_slice(b"null,\"time\":null,\"epoch_ms\":null"),
    }
    out.extend_from_slice(b",\"node\":");
    match event.node() {
        Some(node) => write_str(out, node),
        None => out.extend_from_slice(b"null"),
    }
    let ctx = EventContext::of(event.records());
    out.extend_from_slice(b",\"records\":[");
    for (i, record) in event.records().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_record(out, &record, &ctx, options);
    }
    out.extend_from_slice(b"]}\n");
}

fn write_record(out: &mut Vec<u8>, record: &Record, ctx: &EventContext, options: &WriterOptions) {
    out.extend_from_slice(b"{\"type\":");
    write_str(out, record.type_name());
    out.extend_from_slice(b",\"fields\":");
    let interpreter = Interpreter {
        record,
        ctx,
        options,
    };
    write_fields(out, record.body(), &|out, field| {
        interpreter.write(out, field)
    });
    if let Some(enrichment) = record.enrichment() {
        out.extend_from_slice(b",\"enriched\":");
        let record_type = record.type_code();
        write_fields(out, enrichment, &|out, field| {
            write_str(out, &encoding::decode(record_type, field.key, field.value))
        });
    }
    let words = unlabeled(record.body());
    if !words.is_empty() {
        out.extend_from_slice(b",\"words\":");
        write_str_array(out, words.iter().copied());
    }
    out.push(b'}');
}

/// Writes one field's value of a record body: raw and interpreted.
struct Interpreter<'r, 'a> {
    record: &'r Record<'a>,
    ctx: &'r EventContext,
    options: &'r WriterOptions,
}

impl Interpreter<'_, '_> {
    fn write(&self, out: &mut Vec<u8>, field: &Field) {
        if let Value::Nested(inner) = field.value
            && inner.contains(&b'=')
        {
            return write_fields(out, inner, &|out, f| self.write(out, f));
        }
        let record = self.record;
        let shown = interpret_with_kind(
            self.ctx,
            record.type_code(),
            record,
            field.key,
            field.value,
            &*self.options.names,
        )
        .1;
        out.extend_from_slice(b"{\"raw\":");
        write_str(out, field.value.raw());
        out.extend_from_slice(b",\"interpreted\":");
        match &shown {
            Interpreted::Raw => write_str(out, field.value.raw()),
            Interpreted::Keys(_) => super::json::write_str_array(out, shown.keys()),
            other => write_str(out, &other.text(written(record, field.value))),
        }
        out.push(b'}');
    }
}

/// Writes the fields of `text` as an object; a repeated key becomes an array of its values,
/// each written by `value`.
fn write_fields(out: &mut Vec<u8>, text: &[u8], value: &dyn Fn(&mut Vec<u8>, &Field)) {
    let fields: Vec<Field> = Tokens::new(text)
        .filter_map(|t| match t {
            Token::Field(f) => Some(f),
            _ => None,
        })
        .collect();
    super::json::write_object(out, &fields, |out, i| value(out, &fields[i]));
}

/// Tokens without a key: AVC's `avc:`, `denied`, `{ read write }`; old daemon free text.
fn unlabeled(body: &[u8]) -> Vec<&[u8]> {
    Tokens::new(body)
        .filter_map(|t| match t {
            Token::Word(w) => Some(w),
            Token::Group(g) => Some(g),
            Token::Field(_) => None,
        })
        .collect()
}

//! `--format jsonl` for search: one object per event with its id, time, node and records,
//! values decoded (hex to text). The full export schema is `ausift export`'s.

use super::json::{write_str, write_str_array};
use super::time::write_iso;
use crate::event::Event;
use crate::interpret::encoding;
use crate::query::time::Zone;
use crate::record::{Field, Record, Token, Tokens, Value};

pub fn write_event(out: &mut Vec<u8>, event: &Event, zone: Zone) {
    out.extend_from_slice(b"{\"id\":");
    match event.stamp() {
        Some(s) => {
            let id = format!("{}.{:03}:{}", s.sec, s.msec, s.serial);
            write_str(out, id.as_bytes());
            out.extend_from_slice(b",\"time\":\"");
            write_iso(out, s.sec, s.msec, zone);
            out.extend_from_slice(format!("\",\"epoch_ms\":{}", s.millis()).as_bytes());
        }
        None => out.extend_from_slice(b"null,\"time\":null,\"epoch_ms\":null"),
    }
    out.extend_from_slice(b",\"node\":");
    match event.node() {
        Some(node) => write_str(out, node),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"records\":[");
    for (i, record) in event.records().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_record(out, &record);
    }
    out.extend_from_slice(b"]}\n");
}

fn write_record(out: &mut Vec<u8>, record: &Record) {
    out.extend_from_slice(b"{\"type\":");
    write_str(out, record.type_name());
    out.extend_from_slice(b",\"fields\":");
    write_fields(out, record.type_code(), record.body());
    if let Some(enrichment) = record.enrichment() {
        out.extend_from_slice(b",\"enriched\":");
        write_fields(out, record.type_code(), enrichment);
    }
    let words = unlabeled(record.body());
    if !words.is_empty() {
        out.extend_from_slice(b",\"words\":");
        write_str_array(out, words.iter().copied());
    }
    out.push(b'}');
}

/// Writes the fields of `text` as an object; a repeated key becomes an array of its values,
/// and `msg='…'` holding fields becomes a nested object.
fn write_fields(out: &mut Vec<u8>, record_type: Option<u32>, text: &[u8]) {
    let fields: Vec<Field> = Tokens::new(text)
        .filter_map(|t| match t {
            Token::Field(f) => Some(f),
            _ => None,
        })
        .collect();
    out.push(b'{');
    let mut first = true;
    for (i, field) in fields.iter().enumerate() {
        if fields[..i].iter().any(|f| f.key == field.key) {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        write_str(out, field.key);
        out.push(b':');
        let repeated: Vec<&Field> = fields[i..].iter().filter(|f| f.key == field.key).collect();
        if repeated.len() > 1 {
            out.push(b'[');
            for (j, f) in repeated.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                write_value(out, record_type, f);
            }
            out.push(b']');
        } else {
            write_value(out, record_type, field);
        }
    }
    out.push(b'}');
}

fn write_value(out: &mut Vec<u8>, record_type: Option<u32>, field: &Field) {
    match field.value {
        Value::Nested(inner) if inner.contains(&b'=') => write_fields(out, record_type, inner),
        value => write_str(out, &encoding::decode(record_type, field.key, value)),
    }
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

//! Drivers that run one stage of the engine over arbitrary bytes and check what must hold
//! whatever the input: no panic, no record lost or invented. The fuzz targets in `fuzz/` and
//! the replay of their corpora in `tests/fuzz_corpus.rs` call these, so both test the same.

use crate::event::{Event, Grouper, ParsedChunk, Window, parse_chunk};
use crate::input::Chunk;
use crate::input::decode::{Compression, decoder};
use crate::interpret::arch::Arch;
use crate::interpret::field::{EventContext, interpret_field};
use crate::interpret::names::NoNames;
use crate::interpret::{encoding, sockaddr};
use crate::record::{self, Record, Token, Tokens, Value};
use std::io::Read;
use std::sync::Arc;

/// The most a decompressor may produce from one input, so a small bomb cannot stall a run.
const DECODED_LIMIT: u64 = 16 << 20;

/// Every line through the record parser, and every field of what it accepts through the
/// value decoders.
pub fn line_parser(data: &[u8]) {
    for line in data.split(|&b| b == b'\n') {
        parse_line(line);
    }
}

fn parse_line(line: &[u8]) {
    let mut at = 0;
    while at < line.len() {
        let Ok(parsed) = record::parse_record(&line[at..]) else {
            return;
        };
        let text = &line[at + parsed.start..];
        assert!(parsed.len <= text.len(), "a record runs past its line");
        let header = parsed.header;
        assert!(header.body.0 <= header.body.1 && header.body.1 as usize <= parsed.len);
        walk_record(&Record::from_header(&text[..parsed.len], &header));
        match parsed.next {
            Some(next) => {
                assert!(next > 0, "a further record must start past this one");
                at += next;
            }
            None => return,
        }
    }
}

/// Reads every token, field and value of a record, decoded and interpreted.
fn walk_record(record: &Record) {
    let _ = (
        record.node(),
        record.type_name(),
        record.type_code(),
        record.stamp(),
    );
    walk_tokens(record.type_code(), record.body());
    if let Some(enrichment) = record.enrichment() {
        walk_tokens(record.type_code(), enrichment);
    }
    let ctx = EventContext::of([*record]);
    for field in record.fields() {
        let shown = interpret_field(&ctx, record, field.key, field.value, &NoNames);
        let mut out = Vec::new();
        shown.write_to(field.value.raw(), &mut out);
    }
}

fn walk_tokens(record_type: Option<u32>, text: &[u8]) {
    for token in Tokens::new(text) {
        if let Token::Field(field) = token {
            let decoded = encoding::decode(record_type, field.key, field.value);
            let _ = encoding::split_keys(&decoded).count();
            let _ = (field.value.as_u64(), field.value.as_i64());
            if let Value::Nested(inner) = field.value {
                walk_tokens(record_type, inner);
            }
        }
    }
}

/// Arbitrary bytes as the body of a record of each common type, through every decoder.
pub fn field_decoder(data: &[u8]) {
    for record_type in [
        "SYSCALL",
        "EXECVE",
        "PATH",
        "USER_CMD",
        "SOCKADDR",
        "AVC",
        "PROCTITLE",
    ] {
        let mut line = format!("type={record_type} msg=audit(1700000000.123:42): ").into_bytes();
        line.extend_from_slice(data);
        parse_line(&line);
    }
    let _ = record::fields::decode_hex(data);
}

/// Arbitrary bytes as a socket address, under every byte order and word size.
pub fn sockaddr(data: &[u8]) {
    for arch in [
        None,
        Arch::from_field(b"c000003e"),
        Arch::from_field(b"80000015"),
    ] {
        let decoded = sockaddr::decode_bytes(data, arch);
        let _ = (decoded.family(), decoded.family_name(), decoded.to_bytes());
        let _ = sockaddr::decode(data, arch);
    }
}

/// Arbitrary bytes cut into chunks at line ends (the first byte says how many), parsed and
/// grouped as the pipeline does: every record parsed comes out in exactly one event.
pub fn event_assembly(data: &[u8]) {
    let Some((&cuts, text)) = data.split_first() else {
        return;
    };
    let chunks = cut_at_lines(text, usize::from(cuts % 8) + 1);
    let window = Window {
        records: u64::from(cuts % 5) * 3 + 1,
        event_records: u64::from(cuts / 5 % 7) + 1,
    };
    let parsed: Vec<ParsedChunk> = chunks
        .into_iter()
        .map(|chunk| parse_chunk(Arc::new(chunk), window, None))
        .collect();
    let records_in: usize = parsed.iter().map(|p| p.records.recs.len()).sum();
    let mut grouper = Grouper::new(window);
    let mut events: Vec<Event> = Vec::new();
    for (i, chunk) in parsed.iter().enumerate() {
        let following: Vec<&ParsedChunk> = parsed[i + 1..].iter().collect();
        grouper.push_chunk(chunk, &following, i + 1 == parsed.len());
        grouper.drain(&mut events, false);
    }
    grouper.drain(&mut events, true);
    let records_out: usize = events.iter().map(Event::record_count).sum();
    assert_eq!(
        records_in, records_out,
        "records lost or invented by grouping"
    );
    for event in &events {
        for record in event.records() {
            walk_record(&record);
        }
    }
}

fn cut_at_lines(text: &[u8], pieces: usize) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut start = 0;
    for piece in 1..pieces {
        let aim = (text.len() * piece / pieces).max(start);
        let end = match memchr::memchr(b'\n', &text[aim..]) {
            Some(i) => aim + i + 1,
            None => break,
        };
        chunks.push(Chunk::owned(0, start as u64, text[start..end].to_vec()));
        start = end;
    }
    chunks.push(Chunk::owned(0, start as u64, text[start..].to_vec()));
    chunks
}

/// Arbitrary bytes through one decompressor, and what comes out through the line parser. A
/// damaged stream must end in an error, never a panic.
pub fn decompress(compression: Compression, data: &[u8]) {
    let Ok(reader) = decoder(compression, data) else {
        return;
    };
    let mut decoded = Vec::new();
    let _ = reader.take(DECODED_LIMIT).read_to_end(&mut decoded);
    line_parser(&decoded);
}

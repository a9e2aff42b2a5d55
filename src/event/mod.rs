//! Events: the records that share (node, seconds, milliseconds, serial), wherever they stand in
//! the input.
//!
//! Chunks are parsed in parallel ([`parse_chunk`]); one [`Grouper`] then sees every record in
//! input order and gathers them by key. There is no time window that cuts an event in two:
//! an event stays open until the input has moved far past its last record, by records *and*
//! by log time (see [`Window`]). Only the open events are held, so memory is bounded by that
//! window, not by the input size. A record whose event was already closed is still output, as
//! a late fragment of that event, and counted; on real logs that count stays zero.
//!
//! Events leave in the order of their first record, so output order follows the input.

mod grouper;

pub use grouper::{Grouper, Window};

use crate::input::Chunk;
use crate::record::{self, Header, Record, SkipReason, Stamp};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Where a record lies: its chunk, its place in it, and its parsed header.
#[derive(Clone)]
pub struct RecordLoc {
    pub chunk: Arc<Chunk>,
    pub start: usize,
    pub len: u32,
    /// Line of the record, counted from the chunk's first line.
    pub line: u32,
    pub header: Header,
}

impl RecordLoc {
    pub fn record(&self) -> Record<'_> {
        Record {
            text: &self.chunk.bytes()[self.start..self.start + self.len as usize],
            header: &self.header,
        }
    }

    /// Byte offset of the record in its (uncompressed) source.
    pub fn offset(&self) -> u64 {
        self.chunk.offset + self.start as u64
    }
}

/// The records of one event, in input order.
#[derive(Clone)]
pub struct Event {
    pub records: Vec<RecordLoc>,
    /// Records that arrived after the rest of their event had been output.
    pub late: bool,
}

impl Event {
    pub fn first(&self) -> &RecordLoc {
        &self.records[0]
    }

    pub fn stamp(&self) -> Option<Stamp> {
        self.first().header.stamp
    }

    pub fn node(&self) -> Option<&[u8]> {
        self.first().record().node()
    }

    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        self.records.iter().map(RecordLoc::record)
    }
}

/// A line that holds no record.
#[derive(Clone, Debug)]
pub struct SkippedLine {
    pub line: u32,
    pub reason: SkipReason,
}

/// The records and skipped lines of one chunk, the records already gathered into the events
/// they form within the chunk (in order of their first record).
pub struct ParsedChunk {
    pub chunk: Arc<Chunk>,
    pub events: Vec<Vec<RecordLoc>>,
    pub records: u64,
    pub skipped: Vec<SkippedLine>,
    pub lines: u32,
}

/// The key records are grouped by inside one chunk: node name, seconds, milliseconds, serial.
#[derive(Clone, Copy, Hash)]
struct LocalKey<'a> {
    sec: u64,
    serial: u64,
    msec: u16,
    node: &'a [u8],
}

impl PartialEq for LocalKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        // Numbers first; node bytes only when there are some (most logs have none).
        self.sec == other.sec
            && self.serial == other.serial
            && self.msec == other.msec
            && self.node.len() == other.node.len()
            && (self.node.is_empty() || self.node == other.node)
    }
}

impl Eq for LocalKey<'_> {}

/// Splits a chunk into lines, parses every record header and groups the chunk's records by
/// event. Runs in parallel over chunks; the grouper joins events that cross chunks.
pub fn parse_chunk(chunk: Arc<Chunk>) -> ParsedChunk {
    let bytes = chunk.bytes();
    let mut events: Vec<Vec<RecordLoc>> = Vec::with_capacity(bytes.len() / 600);
    let mut index: FxHashMap<LocalKey, usize> = FxHashMap::default();
    let mut last: Option<(LocalKey, usize)> = None;
    let mut skipped = Vec::new();
    let mut records = 0u64;
    let mut line_no: u32 = 0;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let mut at = start;
        loop {
            match record::parse_record(&bytes[at..end]) {
                Ok(parsed) => {
                    records += 1;
                    let next = parsed.next;
                    let loc = RecordLoc {
                        chunk: chunk.clone(),
                        start: at + parsed.start,
                        len: parsed.len as u32,
                        line: line_no,
                        header: parsed.header,
                    };
                    place(loc, &mut events, &mut index, &mut last, bytes);
                    match next {
                        Some(next) => at += next,
                        None => break,
                    }
                }
                Err(reason) => {
                    skipped.push(SkippedLine { line: line_no, reason });
                    break;
                }
            }
        }
        line_no += 1;
        start = end + 1;
    }
    ParsedChunk {
        chunk: chunk.clone(),
        events,
        records,
        skipped,
        lines: line_no,
    }
}

/// Adds a record to its event within the chunk, or starts one.
fn place<'a>(
    loc: RecordLoc,
    events: &mut Vec<Vec<RecordLoc>>,
    index: &mut FxHashMap<LocalKey<'a>, usize>,
    last: &mut Option<(LocalKey<'a>, usize)>,
    bytes: &'a [u8],
) {
    let Some(stamp) = loc.header.stamp else {
        events.push(vec![loc]);
        return;
    };
    let node: &'a [u8] = match loc.header.node {
        Some((s, e)) => &bytes[loc.start + s as usize..loc.start + e as usize],
        None => b"",
    };
    let key = LocalKey {
        sec: stamp.sec,
        serial: stamp.serial,
        msec: stamp.msec,
        node,
    };
    let slot = match *last {
        Some((k, slot)) if k == key => slot,
        _ => match index.get(&key) {
            Some(&slot) => slot,
            None => {
                events.push(Vec::with_capacity(6));
                index.insert(key, events.len() - 1);
                events.len() - 1
            }
        },
    };
    events[slot].push(loc);
    *last = Some((key, slot));
}

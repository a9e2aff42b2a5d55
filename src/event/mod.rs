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

/// The records and skipped lines of one chunk.
pub struct ParsedChunk {
    pub chunk: Arc<Chunk>,
    pub records: Vec<RecordLoc>,
    pub skipped: Vec<SkippedLine>,
    pub lines: u32,
}

/// Splits a chunk into lines and parses every record header in it.
pub fn parse_chunk(chunk: Arc<Chunk>) -> ParsedChunk {
    let bytes = chunk.bytes();
    let mut records = Vec::with_capacity(bytes.len() / 160);
    let mut skipped = Vec::new();
    let mut line_no: u32 = 0;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        parse_line(&chunk, start, end, line_no, &mut records, &mut skipped);
        line_no += 1;
        start = end + 1;
    }
    ParsedChunk {
        chunk: chunk.clone(),
        records,
        skipped,
        lines: line_no,
    }
}

fn parse_line(
    chunk: &Arc<Chunk>,
    start: usize,
    end: usize,
    line: u32,
    records: &mut Vec<RecordLoc>,
    skipped: &mut Vec<SkippedLine>,
) {
    let bytes = chunk.bytes();
    let mut at = start;
    loop {
        match record::parse_record(&bytes[at..end]) {
            Ok(parsed) => {
                records.push(RecordLoc {
                    chunk: chunk.clone(),
                    start: at,
                    len: parsed.len as u32,
                    line,
                    header: parsed.header,
                });
                match parsed.next {
                    Some(next) => at += next,
                    None => return,
                }
            }
            Err(reason) => {
                skipped.push(SkippedLine { line, reason });
                return;
            }
        }
    }
}

//! Events: the records that share (node, seconds, milliseconds, serial), wherever they stand in
//! the input.
//!
//! Chunks are parsed in parallel ([`parse_chunk`]): each record becomes a 28-byte [`Rec`] in
//! one array per chunk, and the chunk's records are grouped by event there already, the array
//! reordered so that each event's records are adjacent. One [`Grouper`] then sees these local
//! events in input order and joins those that cross chunks. An [`Event`] is one span of a
//! chunk's array, or a few spans when its records lie in several chunks: no allocation per
//! event or per record.
//!
//! There is no time window that cuts an event in two (ausearch's 2 s one does): an event stays
//! open until the input has moved [`Window::records`] records past its last record. Only the
//! open events are held, so memory is bounded by that window, not by the input size. A record
//! whose event was already closed is still output, as a late fragment of that event, and
//! counted; on real logs that count stays zero. The window is counted in records, never in
//! chunks or log time, so the grouping is the same for any chunking, read path or thread count.
//!
//! Events leave in the order of their first record, so output order follows the input.

mod grouper;
#[cfg(test)]
mod tests;

pub use grouper::{Grouper, Window};

use crate::input::Chunk;
use crate::record::{self, Record, SkipReason, Stamp};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::sync::Arc;

/// Whether the `(` at `paren` ends a ` msg=audit(` header: every record header but the syslog
/// form has one, and two on one line mean two records. Found through its `(`, a rare byte in
/// audit text, in the same pass that finds line ends.
fn is_header_paren(bytes: &[u8], paren: usize) -> bool {
    const MARK: &[u8; 10] = b" msg=audit";
    paren >= MARK.len() && &bytes[paren - MARK.len()..paren] == MARK
}

/// One record: where it lies in its chunk and what the filters need without parsing again.
#[derive(Clone, Copy, Debug)]
pub struct Rec {
    pub start: u32,
    pub len: u32,
    /// Line of the record, counted from the chunk's first line.
    pub line: u32,
    /// The type name, relative to the record.
    pub type_name: (u32, u32),
    /// Body start and end, relative to the record.
    pub body: (u32, u32),
}

/// A chunk with its records, in event order.
pub struct ChunkRecords {
    pub chunk: Arc<Chunk>,
    pub recs: Vec<Rec>,
}

impl ChunkRecords {
    pub fn record(&self, rec: &Rec) -> Record<'_> {
        let bytes = self.chunk.bytes();
        let text = &bytes[rec.start as usize..rec.start as usize + rec.len as usize];
        Record::new(text, rec.type_name, rec.body)
    }
}

/// Adjacent records of one event in one chunk.
#[derive(Clone)]
pub struct Span {
    pub records: Arc<ChunkRecords>,
    pub first: u32,
    pub count: u32,
}

impl Span {
    pub fn recs(&self) -> &[Rec] {
        &self.records.recs[self.first as usize..(self.first + self.count) as usize]
    }
}

/// The records of one event, in input order.
#[derive(Clone)]
pub struct Event {
    pub spans: SmallVec<[Span; 1]>,
    pub stamp: Option<Stamp>,
    /// The node name's place in the first span's chunk (empty for none).
    pub node: (u32, u32),
    /// Records that arrived after the rest of their event had been output.
    pub late: bool,
    /// Whether the event's records hold one of the run's [`Marker`] needles.
    pub mark: Mark,
}

/// Byte strings one of which every event a filter can match must contain. Parsing searches
/// each chunk for them in one pass and marks the events whose lines hold one, so the filter
/// rejects the other events without searching their bytes one by one.
#[derive(Debug)]
pub struct Marker {
    search: NeedleSearch,
}

#[derive(Debug)]
enum NeedleSearch {
    /// Every needle in one pass.
    Packed(aho_corasick::packed::Searcher),
    /// One pass per needle, where the packed searcher cannot be built.
    EachNeedle(Vec<memchr::memmem::Finder<'static>>),
}

impl Marker {
    /// `None` when no needle could rule a line out: an empty needle matches anywhere, and one
    /// holding a line end could hide another needle's hit on the next line.
    pub fn new(needles: Vec<Vec<u8>>) -> Option<Self> {
        if needles.is_empty() || needles.iter().any(|n| n.is_empty() || n.contains(&b'\n')) {
            return None;
        }
        // One or two needles (a value and its hex form): memmem's rare-byte search, a pass
        // each, costs fewer instructions than one Teddy pass for both (6% of a -k search).
        let packed = (needles.len() > 2)
            .then(|| aho_corasick::packed::Searcher::new(needles.iter()))
            .flatten();
        let search = match packed {
            Some(searcher) => NeedleSearch::Packed(searcher),
            None => NeedleSearch::EachNeedle(
                needles
                    .iter()
                    .map(|n| memchr::memmem::Finder::new(n).into_owned())
                    .collect(),
            ),
        };
        Some(Marker { search })
    }

    /// Where needles start in `bytes`, in order (at least one per line that holds any).
    fn hits(&self, bytes: &[u8]) -> Vec<usize> {
        match &self.search {
            NeedleSearch::Packed(searcher) => {
                searcher.find_iter(bytes).map(|m| m.start()).collect()
            }
            NeedleSearch::EachNeedle(finders) => {
                let mut hits: Vec<usize> =
                    finders.iter().flat_map(|f| f.find_iter(bytes)).collect();
                hits.sort_unstable();
                hits
            }
        }
    }
}

/// What is known of an event's bytes and the run's [`Marker`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// No marker was searched for.
    Unknown,
    /// A line of the event holds a needle.
    Holds,
    /// No line of the event holds one.
    Lacks,
}

impl Mark {
    /// The mark of an event made of parts marked `self` and `other`.
    pub fn join(self, other: Mark) -> Mark {
        match (self, other) {
            (Mark::Holds, _) | (_, Mark::Holds) => Mark::Holds,
            (Mark::Lacks, Mark::Lacks) => Mark::Lacks,
            _ => Mark::Unknown,
        }
    }
}

impl Event {
    pub fn stamp(&self) -> Option<Stamp> {
        self.stamp
    }

    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        self.spans
            .iter()
            .flat_map(|span| span.recs().iter().map(|rec| span.records.record(rec)))
    }

    pub fn first(&self) -> Record<'_> {
        let span = &self.spans[0];
        span.records.record(&span.recs()[0])
    }

    pub fn node(&self) -> Option<&[u8]> {
        let (start, end) = self.node;
        (end > start).then(|| &self.spans[0].records.chunk.bytes()[start as usize..end as usize])
    }

    pub fn record_count(&self) -> usize {
        self.spans.iter().map(|s| s.count as usize).sum()
    }

    /// The event's bytes as a few runs: records that follow each other in the input form one
    /// run, so a byte search over an event is usually a single call.
    pub fn byte_runs(&self) -> impl Iterator<Item = &[u8]> {
        self.spans.iter().flat_map(|span| {
            let bytes = span.records.chunk.bytes();
            let recs = span.recs();
            let mut i = 0;
            std::iter::from_fn(move || {
                let first = recs.get(i)?;
                let start = first.start as usize;
                let mut end = start + first.len as usize;
                i += 1;
                while let Some(next) = recs.get(i)
                    && next.start as usize > end
                    && next.start as usize <= end + 2
                {
                    end = next.start as usize + next.len as usize;
                    i += 1;
                }
                Some(&bytes[start..end])
            })
        })
    }

    /// The source index and byte offset of the event's first record.
    pub fn origin(&self) -> (u32, u64) {
        let span = &self.spans[0];
        let chunk = &span.records.chunk;
        (chunk.source, chunk.offset + span.recs()[0].start as u64)
    }
}

/// A line that holds no record.
#[derive(Clone, Debug)]
pub struct SkippedLine {
    pub line: u32,
    pub reason: SkipReason,
}

/// An event as found within one chunk.
#[derive(Clone, Copy, Debug)]
pub struct LocalEvent {
    pub stamp: Option<Stamp>,
    /// The node name's place in the chunk (empty for none).
    pub node: (u32, u32),
    /// The event's records in the chunk's array (after reordering).
    pub first: u32,
    pub count: u32,
    /// Input order of the event's first and last record within the chunk.
    pub first_index: u32,
    pub last_index: u32,
    /// False when the event's key also names another event of this chunk (one beyond the
    /// window): the grouper must then see the key to tell the late fragment.
    pub sealable: bool,
    pub mark: Mark,
}

/// The serials of one node's records in a chunk, lowest and highest. Serials grow through a
/// log, so neighbouring chunks rarely overlap: an event whose serial lies outside every
/// neighbour's range cannot have records there.
#[derive(Clone, Debug)]
pub struct SerialRange {
    /// The node name (empty for none), copied out: ranges outlive their chunk.
    pub node: Box<[u8]>,
    pub min: u64,
    pub max: u64,
}

/// The records and skipped lines of one chunk, the records grouped into the events they form
/// within the chunk (in order of their first record).
pub struct ParsedChunk {
    pub records: Arc<ChunkRecords>,
    pub events: Arc<Vec<LocalEvent>>,
    /// Per node, the range of the serials of the chunk's records.
    pub serials: Vec<SerialRange>,
    pub skipped: Vec<SkippedLine>,
    pub lines: u32,
}

impl ParsedChunk {
    pub fn node_name(&self, event: &LocalEvent) -> &[u8] {
        &self.records.chunk.bytes()[event.node.0 as usize..event.node.1 as usize]
    }

    pub fn span(&self, event: &LocalEvent) -> Span {
        Span {
            records: self.records.clone(),
            first: event.first,
            count: event.count,
        }
    }
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

/// Gathers a chunk's records into events as they are parsed.
struct LocalGrouping<'a> {
    bytes: &'a [u8],
    /// The grouper's window: a record farther than this from its event's last record starts
    /// a new one, exactly as the grouper would decide.
    window: u64,
    recs: Vec<Rec>,
    /// The local event of each record, in input order.
    event_of: Vec<u32>,
    events: Vec<LocalEvent>,
    index: FxHashMap<LocalKey<'a>, u32>,
    last: Option<(LocalKey<'a>, u32)>,
    interleaved: bool,
    serials: Vec<SerialRange>,
    /// Marker hits in the chunk, and the first not yet behind the current line.
    hits: Vec<usize>,
    next_hit: usize,
    /// Whether the line being parsed holds a hit (`Unknown` without a marker).
    line_mark: Mark,
}

impl<'a> LocalGrouping<'a> {
    fn add(&mut self, rec: Rec, header: &record::Header) {
        let node = header
            .node
            .map_or((0, 0), |(s, e)| (rec.start + s, rec.start + e));
        let event = match header.stamp {
            None => self.new_event(None, node),
            Some(stamp) => {
                let key = LocalKey {
                    sec: stamp.sec,
                    serial: stamp.serial,
                    msec: stamp.msec,
                    node: &self.bytes[node.0 as usize..node.1 as usize],
                };
                let here = self.recs.len() as u32;
                let found = match self.last {
                    Some((k, e)) if k == key => Some(e),
                    _ => self.index.get(&key).copied(),
                };
                let event = match found {
                    Some(e)
                        if ((here - self.events[e as usize].last_index) as u64) < self.window =>
                    {
                        if self.last.is_none_or(|(_, last)| last != e) {
                            self.interleaved = true;
                        }
                        e
                    }
                    _ => {
                        let e = self.new_event(Some(stamp), node);
                        if let Some(earlier) = found {
                            self.interleaved = true;
                            self.events[earlier as usize].sealable = false;
                            self.events[e as usize].sealable = false;
                        }
                        self.index.insert(key, e);
                        self.note_serial(key.node, stamp.serial);
                        e
                    }
                };
                self.last = Some((key, event));
                event
            }
        };
        let here = self.recs.len() as u32;
        let local = &mut self.events[event as usize];
        local.count += 1;
        local.last_index = here;
        local.mark = local.mark.join(self.line_mark);
        self.event_of.push(event);
        self.recs.push(rec);
    }

    fn new_event(&mut self, stamp: Option<Stamp>, node: (u32, u32)) -> u32 {
        let here = self.recs.len() as u32;
        self.events.push(LocalEvent {
            stamp,
            node,
            first: 0,
            count: 0,
            first_index: here,
            last_index: here,
            sealable: true,
            mark: self.line_mark,
        });
        self.last = None;
        (self.events.len() - 1) as u32
    }

    /// Sets the mark of the line `start..end` from the marker hits.
    fn mark_line(&mut self, start: usize, end: usize, marked: bool) {
        if !marked {
            return;
        }
        while self.next_hit < self.hits.len() && self.hits[self.next_hit] < start {
            self.next_hit += 1;
        }
        self.line_mark = if self.hits.get(self.next_hit).is_some_and(|&h| h < end) {
            Mark::Holds
        } else {
            Mark::Lacks
        };
    }

    fn note_serial(&mut self, node: &[u8], serial: u64) {
        // Lengths first: most logs have no node names, and a call to memcmp per event showed.
        let same = |r: &&mut SerialRange| {
            r.node.len() == node.len() && (node.is_empty() || *r.node == *node)
        };
        match self.serials.iter_mut().find(same) {
            Some(range) => {
                range.min = range.min.min(serial);
                range.max = range.max.max(serial);
            }
            None => self.serials.push(SerialRange {
                node: node.into(),
                min: serial,
                max: serial,
            }),
        }
    }

    /// Orders the records by event (a counting sort), so that each event is one span.
    fn finish(mut self) -> (Vec<Rec>, Vec<LocalEvent>) {
        let mut next = 0u32;
        for event in &mut self.events {
            event.first = next;
            next += event.count;
        }
        if !self.interleaved {
            return (self.recs, self.events);
        }
        let mut fill: Vec<u32> = self.events.iter().map(|e| e.first).collect();
        let mut ordered = self.recs.clone();
        for (rec, &event) in self.recs.iter().zip(&self.event_of) {
            ordered[fill[event as usize] as usize] = *rec;
            fill[event as usize] += 1;
        }
        (ordered, self.events)
    }
}

/// Splits a chunk into lines, parses every record header and groups the chunk's records by
/// event. Runs in parallel over chunks; the grouper joins events that cross chunks.
/// With a `marker`, events are marked by whether their lines hold one of its needles.
pub fn parse_chunk(chunk: Arc<Chunk>, window: Window, marker: Option<&Marker>) -> ParsedChunk {
    let bytes = chunk.bytes();
    let mut grouping = LocalGrouping {
        bytes,
        window: window.records.max(1),
        recs: Vec::with_capacity(bytes.len() / 160),
        event_of: Vec::with_capacity(bytes.len() / 160),
        events: Vec::with_capacity(bytes.len() / 600),
        index: FxHashMap::with_capacity_and_hasher(bytes.len() / 600, Default::default()),
        last: None,
        interleaved: false,
        serials: Vec::new(),
        hits: marker.map(|m| m.hits(bytes)).unwrap_or_default(),
        next_hit: 0,
        line_mark: Mark::Unknown,
    };
    let mut skipped = Vec::new();
    let mut line: u32 = 0;
    let mut start = 0;
    let enriched = memchr::memchr(record::ENRICHMENT_SEPARATOR, bytes).is_some();
    // One pass finds both the line ends and the `(` of every ` msg=audit(` header.
    let mut headers_in_line = 0;
    let marks = memchr::memchr2_iter(b'\n', b'(', bytes).chain(std::iter::once(bytes.len()));
    for at in marks {
        if at < bytes.len() && bytes[at] == b'(' {
            headers_in_line += usize::from(is_header_paren(bytes, at));
            continue;
        }
        if at == bytes.len() && start >= bytes.len() {
            break;
        }
        let hints = record::LineHints {
            may_hold_two: headers_in_line > 1,
            may_be_enriched: enriched,
        };
        grouping.mark_line(start, at, marker.is_some());
        if let Err(reason) = parse_line(&mut grouping, start, at, line, hints) {
            skipped.push(SkippedLine { line, reason });
        }
        line += 1;
        start = at + 1;
        headers_in_line = 0;
    }
    let serials = std::mem::take(&mut grouping.serials);
    let (recs, events) = grouping.finish();
    ParsedChunk {
        records: Arc::new(ChunkRecords { chunk, recs }),
        events: Arc::new(events),
        serials,
        skipped,
        lines: line,
    }
}

/// Parses the records of one line (usually one) into `grouping`.
fn parse_line(
    grouping: &mut LocalGrouping,
    start: usize,
    end: usize,
    line: u32,
    hints: record::LineHints,
) -> Result<(), SkipReason> {
    if end > u32::MAX as usize {
        return Err(SkipReason::TooLong);
    }
    let bytes = grouping.bytes;
    let mut at = start;
    loop {
        let parsed = match record::parse_record_with(&bytes[at..end], hints) {
            Ok(parsed) => parsed,
            // Damage after a first record leaves that record standing.
            Err(_) if at > start => return Ok(()),
            Err(reason) => return Err(reason),
        };
        let rec = Rec {
            start: (at + parsed.start) as u32,
            len: parsed.len as u32,
            line,
            type_name: parsed.header.type_name,
            body: parsed.header.body,
        };
        grouping.add(rec, &parsed.header);
        match parsed.next {
            Some(next) => at += next,
            None => return Ok(()),
        }
    }
}

/// The events of a small log held in memory, as one chunk: for tests of what reads events.
#[cfg(test)]
pub(crate) fn events_in(log: &[u8]) -> Vec<Event> {
    let chunk = Chunk::owned(0, 0, log.to_vec());
    let parsed = parse_chunk(Arc::new(chunk), Window::default(), None);
    let mut grouper = Grouper::new(Window::default());
    grouper.push_chunk(&parsed, &[], true);
    let mut events = Vec::new();
    grouper.drain(&mut events, true);
    events
}

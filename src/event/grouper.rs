//! The grouper: local events of each chunk in input order in, events in first-record order out.
//!
//! The one rule: a record joins the event with its key if that event's last record is fewer
//! than [`Window::records`] records before it; otherwise the event is closed and the record
//! starts a late fragment. The rule depends on record positions alone, and the chunk-local
//! grouping applies the same rule, so the result is the same however the input is cut into
//! chunks or files and whatever the number of threads.
//!
//! Most events need no lookup at all. Serials grow through a log, so each chunk's serials
//! (per node) span a narrow range; an event whose serial lies outside the ranges of every
//! chunk within the window on either side can have no records elsewhere, and is *sealed*:
//! it is complete as the chunk found it, skips the key map and leaves as soon as it reaches
//! the head of the queue. Only events near chunk edges, or in logs whose serials restart or
//! interleave, go through the map. The result is the same either way.

use super::{ChunkRecords, Event, LocalEvent, Mark, ParsedChunk, SerialRange, Span};
use rustc_hash::FxHashMap;
use smallvec::{SmallVec, smallvec};
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

/// How far the input must move past an event's last record before the event is closed.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// Records after an event's last record within which a record with its key still joins.
    /// This also bounds the events open at once.
    pub records: u64,
    /// The most records one event takes; further records with its key start a new piece.
    /// A hostile log repeating one key would otherwise hold every chunk after the event's
    /// first record in memory until the key stops.
    pub event_records: u64,
}

impl Window {
    pub const DEFAULT_EVENT_RECORDS: u64 = 100_000;

    pub fn of_records(records: u64) -> Window {
        Window {
            records,
            event_records: Self::DEFAULT_EVENT_RECORDS,
        }
    }
}

impl Default for Window {
    fn default() -> Self {
        // Real logs interleave events by up to thousands of records; this is far more, and
        // still bounds memory (about 10 MB of text for average records). Real events have
        // at most a few hundred records (a 2 MiB argv in EXECVE pieces).
        Window::of_records(50_000)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct Key {
    node: u32,
    sec: u64,
    msec: u16,
    serial: u64,
}

impl Key {
    fn stamp(self) -> crate::record::Stamp {
        crate::record::Stamp {
            sec: self.sec,
            msec: self.msec,
            serial: self.serial,
        }
    }
}

impl OpenEvent {
    /// Adds a span of records; past `cap` records the event goes on in a new piece (the cut
    /// falls on the same record however the input was split into chunks).
    fn add(&mut self, mut span: Span, cap: u64, cut_events: &mut u64) {
        loop {
            let (head, rest) = split_span(span, cap.max(1) - self.records);
            if let Some(head) = head {
                self.records += u64::from(head.count);
                self.spans.push(head);
            }
            let Some(rest) = rest else { return };
            self.full.push(std::mem::take(&mut self.spans));
            self.records = 0;
            *cut_events += 1;
            span = rest;
        }
    }
}

/// What waits in the queue: an event that may still grow, or a run of sealed events of one
/// chunk (kept as a range of its local events, so a sealed event costs no queue entry).
enum Queued {
    Open(OpenEvent),
    Sealed {
        records: Arc<ChunkRecords>,
        events: Arc<Vec<LocalEvent>>,
        range: Range<u32>,
    },
}

struct OpenEvent {
    /// The event's key in `open`; none for an event without a time.
    key: Option<Key>,
    node: (u32, u32),
    spans: SmallVec<[Span; 1]>,
    /// Records in `spans`.
    records: u64,
    /// Earlier pieces of an event that reached `Window::event_records`, each output as an
    /// event of its own just before this one.
    full: Vec<SmallVec<[Span; 1]>>,
    /// Input position of the event's last record.
    last_position: u64,
    late: bool,
    mark: Mark,
}

/// Marks a closed event in `open`: its key stays as a tombstone for a while, so a late record
/// is recognised as late. Tombstones are swept in bulk, so whether a record far beyond the
/// window is still counted as late can vary with chunking; the count is a diagnostic for
/// `--stats` and never changes the output.
const CLOSED: u64 = 1 << 63;

pub struct Grouper {
    window: Window,
    /// Events by key: the sequence number of an open event, or `CLOSED` for a recent one.
    open: FxHashMap<Key, u64>,
    tombstones: usize,
    /// Events not yet emitted, by sequence number from `base`.
    queue: VecDeque<Queued>,
    base: u64,
    nodes: FxHashMap<Vec<u8>, u32>,
    /// Records seen before the chunk being added.
    position: u64,
    late_records: u64,
    /// Pieces started because an event reached `Window::event_records`.
    cut_events: u64,
    /// Serial ranges of the chunks that may still lie within the window.
    history: VecDeque<ChunkSerials>,
}

/// A chunk's end in the input (in records) and its serial ranges.
struct ChunkSerials {
    end: u64,
    ranges: Vec<SerialRange>,
}

/// The first `room` records of `span`, and the rest if any.
fn split_span(span: Span, room: u64) -> (Option<Span>, Option<Span>) {
    let take = room.min(u64::from(span.count)) as u32;
    if take == span.count {
        return (Some(span), None);
    }
    let rest = Span {
        records: span.records.clone(),
        first: span.first + take,
        count: span.count - take,
    };
    let head = (take > 0).then(|| Span {
        count: take,
        ..span
    });
    (head, Some(rest))
}

/// Whether `serial` of `node` lies in one of `ranges`.
fn ranges_hold(ranges: &[SerialRange], node: &[u8], serial: u64) -> bool {
    ranges
        .iter()
        .any(|r| (r.min..=r.max).contains(&serial) && *r.node == *node)
}

impl Grouper {
    pub fn new(window: Window) -> Self {
        Grouper {
            window,
            open: FxHashMap::default(),
            tombstones: 0,
            queue: VecDeque::new(),
            base: 0,
            nodes: FxHashMap::default(),
            position: 0,
            late_records: 0,
            cut_events: 0,
            history: VecDeque::new(),
        }
    }

    /// Records that arrived after their event had been closed.
    pub fn late_records(&self) -> u64 {
        self.late_records
    }

    /// Pieces started because an event had reached the record cap.
    pub fn cut_events(&self) -> u64 {
        self.cut_events
    }

    pub fn open_events(&self) -> usize {
        self.queue.len()
    }

    /// Adds the events of a parsed chunk, in order. `following` are the chunks that come next
    /// in the input, as far as they are known; `end` says that nothing follows them.
    pub fn push_chunk(&mut self, chunk: &ParsedChunk, following: &[&ParsedChunk], end: bool) {
        let known_end = if end {
            u64::MAX
        } else {
            self.position
                + chunk.records.recs.len() as u64
                + following
                    .iter()
                    .map(|c| c.records.recs.len() as u64)
                    .sum::<u64>()
        };
        let window = self.window.records;
        while self
            .history
            .front()
            .is_some_and(|h| h.end + window <= self.position)
        {
            self.history.pop_front();
        }
        for (index, event) in chunk.events.iter().enumerate() {
            if self.is_sealed(chunk, event, following, known_end) {
                self.push_sealed(chunk, index as u32);
            } else {
                self.push(chunk, event);
            }
        }
        self.position += chunk.records.recs.len() as u64;
        self.history.push_back(ChunkSerials {
            end: self.position,
            ranges: chunk.serials.clone(),
        });
    }

    /// Whether no record of another chunk within the window can share the event's key.
    fn is_sealed(
        &self,
        chunk: &ParsedChunk,
        event: &LocalEvent,
        following: &[&ParsedChunk],
        known_end: u64,
    ) -> bool {
        let Some(stamp) = event.stamp else {
            return false;
        };
        let window = self.window.records;
        let first = self.position + event.first_index as u64;
        let last = self.position + event.last_index as u64;
        if !event.sealable
            || last.saturating_add(window) > known_end
            || u64::from(event.count) > self.window.event_records
        {
            return false;
        }
        let node = chunk.node_name(event);
        let before = self
            .history
            .iter()
            .rev()
            .take_while(|h| h.end + window > first)
            .any(|h| ranges_hold(&h.ranges, node, stamp.serial));
        if before {
            return false;
        }
        let mut start = self.position + chunk.records.recs.len() as u64;
        for next in following {
            if start >= last + window {
                break;
            }
            if ranges_hold(&next.serials, node, stamp.serial) {
                return false;
            }
            start += next.records.recs.len() as u64;
        }
        true
    }

    fn push_sealed(&mut self, chunk: &ParsedChunk, index: u32) {
        if let Some(Queued::Sealed { events, range, .. }) = self.queue.back_mut()
            && Arc::ptr_eq(events, &chunk.events)
            && range.end == index
        {
            range.end += 1;
            return;
        }
        self.queue.push_back(Queued::Sealed {
            records: chunk.records.clone(),
            events: chunk.events.clone(),
            range: index..index + 1,
        });
    }

    /// Adds one event as gathered within a chunk.
    fn push(&mut self, chunk: &ParsedChunk, local: &LocalEvent) {
        let first = self.position + local.first_index as u64;
        let last = self.position + local.last_index as u64;
        let span = chunk.span(local);
        let Some(stamp) = local.stamp else {
            // No timestamp (`msg=?`): nothing to group by, an event of its own.
            self.push_new(None, local, span, last, false);
            return;
        };
        let key = Key {
            node: self.node_id(chunk.node_name(local)),
            sec: stamp.sec,
            msec: stamp.msec,
            serial: stamp.serial,
        };
        let next_seq = self.base + self.queue.len() as u64;
        let slot = *self.open.entry(key).or_insert(next_seq);
        if slot < CLOSED
            && slot != next_seq
            && let Queued::Open(event) = &mut self.queue[(slot - self.base) as usize]
            && first - event.last_position < self.window.records
        {
            event.add(span, self.window.event_records, &mut self.cut_events);
            event.last_position = last;
            event.mark = event.mark.join(local.mark);
            return;
        }
        // A new event, or a late fragment of one closed (emitted, or out of the window).
        let late = slot != next_seq;
        if slot == CLOSED {
            self.tombstones -= 1;
        }
        if late {
            self.late_records += local.count as u64;
        }
        self.open.insert(key, next_seq);
        self.push_new(Some(key), local, span, last, late);
    }

    fn push_new(
        &mut self,
        key: Option<Key>,
        local: &LocalEvent,
        span: Span,
        last_position: u64,
        late: bool,
    ) {
        let mut event = OpenEvent {
            key,
            node: local.node,
            spans: SmallVec::new(),
            records: 0,
            full: Vec::new(),
            last_position,
            late,
            mark: local.mark,
        };
        event.add(span, self.window.event_records, &mut self.cut_events);
        self.queue.push_back(Queued::Open(event));
    }

    fn node_id(&mut self, node: &[u8]) -> u32 {
        if node.is_empty() {
            return 0;
        }
        if let Some(&id) = self.nodes.get(node) {
            return id;
        }
        let id = self.nodes.len() as u32 + 1;
        self.nodes.insert(node.to_vec(), id);
        id
    }

    /// Forgets closed keys once they outnumber the open ones well: late records for them are
    /// then no longer recognised as late (they are still output).
    fn sweep(&mut self) {
        if self.tombstones > 2 * self.queue.len() + 4096 {
            self.open.retain(|_, slot| *slot != CLOSED);
            self.tombstones = 0;
        }
    }

    /// Moves the events that are closed to `out`, in first-record order; with `all`, every
    /// event (end of input).
    pub fn drain(&mut self, out: &mut Vec<Event>, all: bool) {
        self.sweep();
        while let Some(head) = self.queue.front() {
            if let Queued::Open(head) = head
                && !all
                && head.key.is_some()
                && self.position - head.last_position < self.window.records
            {
                break;
            }
            let seq = self.base;
            self.base += 1;
            match self.queue.pop_front().expect("front exists") {
                Queued::Open(event) => {
                    if let Some(key) = event.key
                        && let Some(slot) = self.open.get_mut(&key)
                        && *slot == seq
                    {
                        *slot = CLOSED;
                        self.tombstones += 1;
                    }
                    for spans in event.full {
                        out.push(Event {
                            spans,
                            node: event.node,
                            stamp: event.key.map(Key::stamp),
                            late: event.late,
                            mark: event.mark,
                        });
                    }
                    out.push(Event {
                        spans: event.spans,
                        node: event.node,
                        stamp: event.key.map(Key::stamp),
                        late: event.late,
                        mark: event.mark,
                    });
                }
                Queued::Sealed {
                    records,
                    events,
                    range,
                } => out.extend(events[range.start as usize..range.end as usize].iter().map(
                    |local| Event {
                        spans: smallvec![Span {
                            records: records.clone(),
                            first: local.first,
                            count: local.count,
                        }],
                        node: local.node,
                        stamp: local.stamp,
                        late: false,
                        mark: local.mark,
                    },
                )),
            }
        }
    }
}

//! The grouper: records in input order in, events in first-record order out.

use super::{Event, LocalEvent, ParsedChunk, Span};
use rustc_hash::FxHashMap;
use smallvec::{SmallVec, smallvec};
use std::collections::VecDeque;

/// How far the input must move past an event's last record before the event is closed.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// Close only after this many further records…
    pub min_records: u64,
    /// …and once the log time of the event's node has moved this many seconds away (either
    /// direction: a clock set back must not keep old events open).
    pub seconds: u64,
    /// Close regardless after this many further records: bounds memory when one node's
    /// clock stops (its files are done while another host's are read).
    pub max_records: u64,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            min_records: 10_000,
            seconds: 10,
            max_records: 1_000_000,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct Key {
    node: u32,
    sec: u64,
    msec: u16,
    serial: u64,
}

struct OpenEvent {
    key: Option<Key>,
    stamp: Option<crate::record::Stamp>,
    spans: SmallVec<[Span; 1]>,
    last_position: u64,
    last_sec: u64,
    late: bool,
}

/// Marks a closed event in `open`: its key stays as a tombstone for a while, so a late record
/// is recognised as late. Tombstones are swept in bulk.
const CLOSED: u64 = 1 << 63;

pub struct Grouper {
    window: Window,
    /// Events by key: the sequence number of an open event, or `CLOSED` for a recent one.
    open: FxHashMap<Key, u64>,
    tombstones: usize,
    /// Events not yet emitted, by sequence number from `base`.
    queue: VecDeque<OpenEvent>,
    base: u64,
    nodes: FxHashMap<Vec<u8>, u32>,
    /// Per node: the seconds of its most recent record.
    clocks: Vec<u64>,
    position: u64,
    late_records: u64,
    events_out: u64,
}

impl Grouper {
    pub fn new(window: Window) -> Self {
        Grouper {
            window,
            open: FxHashMap::default(),
            queue: VecDeque::new(),
            base: 0,
            nodes: FxHashMap::default(),
            clocks: vec![0],
            position: 0,
            tombstones: 0,
            late_records: 0,
            events_out: 0,
        }
    }

    /// Records that arrived after their event had been output.
    pub fn late_records(&self) -> u64 {
        self.late_records
    }

    pub fn open_events(&self) -> usize {
        self.queue.len()
    }

    /// Adds the events of a parsed chunk, in order.
    pub fn push_chunk(&mut self, chunk: &ParsedChunk) {
        for event in &chunk.events {
            self.push(chunk, event);
        }
    }

    /// Adds one event as gathered within a chunk.
    fn push(&mut self, chunk: &ParsedChunk, local: &LocalEvent) {
        self.position += local.count as u64;
        let span = chunk.span(local);
        let Some(stamp) = local.stamp else {
            // No timestamp (`msg=?`): nothing to group by, an event of its own.
            self.push_new(None, span, 0);
            return;
        };
        let node = self.node_id(chunk.node_name(local));
        self.clocks[node as usize] = stamp.sec;
        let key = Key {
            node,
            sec: stamp.sec,
            msec: stamp.msec,
            serial: stamp.serial,
        };
        let next_seq = self.base + self.queue.len() as u64;
        let slot = self.open.entry(key).or_insert(next_seq);
        if *slot < CLOSED && *slot != next_seq {
            let position = self.position;
            let event = &mut self.queue[(*slot - self.base) as usize];
            event.spans.push(span);
            event.last_position = position;
            return;
        }
        let late = *slot == CLOSED;
        *slot = next_seq;
        if late {
            self.tombstones -= 1;
            self.late_records += local.count as u64;
        }
        self.push_new(Some(key), span, stamp.sec);
        self.queue.back_mut().expect("just pushed").late = late;
    }

    fn push_new(&mut self, key: Option<Key>, span: Span, sec: u64) {
        let stamp = key.map(|k| crate::record::Stamp {
            sec: k.sec,
            msec: k.msec,
            serial: k.serial,
        });
        self.queue.push_back(OpenEvent {
            key,
            stamp,
            spans: smallvec![span],
            last_position: self.position,
            last_sec: sec,
            late: false,
        });
    }

    fn node_id(&mut self, node: &[u8]) -> u32 {
        if node.is_empty() {
            return 0;
        }
        if let Some(&id) = self.nodes.get(node) {
            return id;
        }
        let id = self.clocks.len() as u32;
        self.nodes.insert(node.to_vec(), id);
        self.clocks.push(0);
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

    fn closable(&self, event: &OpenEvent) -> bool {
        let Some(key) = event.key else {
            return true;
        };
        let behind = self.position - event.last_position;
        if behind >= self.window.max_records {
            return true;
        }
        let drift = self.clocks[key.node as usize].abs_diff(event.last_sec);
        behind >= self.window.min_records && drift >= self.window.seconds
    }

    /// Moves the events that can be closed to `out`; with `all`, every open event (end of input).
    pub fn drain(&mut self, out: &mut Vec<Event>, all: bool) {
        self.sweep();
        while let Some(head) = self.queue.front() {
            if !all && !self.closable(head) {
                break;
            }
            let event = self.queue.pop_front().expect("front exists");
            let seq = self.base;
            self.base += 1;
            if let Some(key) = event.key
                && let Some(slot) = self.open.get_mut(&key)
                && *slot == seq
            {
                *slot = CLOSED;
                self.tombstones += 1;
            }
            self.events_out += 1;
            out.push(Event {
                spans: event.spans,
                stamp: event.stamp,
                late: event.late,
            });
        }
    }
}

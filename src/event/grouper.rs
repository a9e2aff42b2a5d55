//! The grouper: records in input order in, events in first-record order out.

use super::{Event, RecordLoc};
use rustc_hash::{FxHashMap, FxHashSet};
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
            seconds: 30,
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
    records: Vec<RecordLoc>,
    last_position: u64,
    last_sec: u64,
    late: bool,
}

/// Keys of recently closed events, to recognise late records.
struct RecentKeys {
    set: FxHashSet<Key>,
    order: VecDeque<Key>,
    capacity: usize,
}

impl RecentKeys {
    fn insert(&mut self, key: Key) {
        if self.set.insert(key) {
            self.order.push_back(key);
            if self.order.len() > self.capacity
                && let Some(old) = self.order.pop_front()
            {
                self.set.remove(&old);
            }
        }
    }
}

pub struct Grouper {
    window: Window,
    /// Open events by key: the sequence number of the event.
    open: FxHashMap<Key, u64>,
    /// Events not yet emitted, by sequence number from `base`.
    queue: VecDeque<OpenEvent>,
    base: u64,
    nodes: FxHashMap<Vec<u8>, u32>,
    /// Per node: the seconds of its most recent record.
    clocks: Vec<u64>,
    position: u64,
    last: Option<(Key, u64)>,
    recent: RecentKeys,
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
            last: None,
            recent: RecentKeys {
                set: FxHashSet::default(),
                order: VecDeque::new(),
                capacity: 1 << 18,
            },
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

    pub fn push(&mut self, record: RecordLoc) {
        self.position += 1;
        let Some(stamp) = record.header.stamp else {
            // No timestamp (`msg=?`): nothing to group by, an event of its own.
            self.push_new(None, record, 0);
            return;
        };
        let node = self.node_id(&record);
        self.clocks[node as usize] = stamp.sec;
        let key = Key {
            node,
            sec: stamp.sec,
            msec: stamp.msec,
            serial: stamp.serial,
        };
        let seq = match self.last {
            Some((last_key, seq)) if last_key == key => Some(seq),
            _ => self.open.get(&key).copied(),
        };
        match seq {
            Some(seq) => {
                let position = self.position;
                let event = &mut self.queue[(seq - self.base) as usize];
                event.records.push(record);
                event.last_position = position;
                self.last = Some((key, seq));
            }
            None => {
                let late = self.recent.set.contains(&key);
                if late {
                    self.late_records += 1;
                }
                let seq = self.push_new(Some(key), record, stamp.sec);
                self.queue.back_mut().expect("just pushed").late = late;
                self.open.insert(key, seq);
                self.last = Some((key, seq));
            }
        }
    }

    fn push_new(&mut self, key: Option<Key>, record: RecordLoc, sec: u64) -> u64 {
        let seq = self.base + self.queue.len() as u64;
        self.queue.push_back(OpenEvent {
            key,
            records: vec![record],
            last_position: self.position,
            last_sec: sec,
            late: false,
        });
        seq
    }

    fn node_id(&mut self, record: &RecordLoc) -> u32 {
        let Some(node) = record.record().node() else {
            return 0;
        };
        if let Some(&id) = self.nodes.get(node) {
            return id;
        }
        let id = self.clocks.len() as u32;
        self.nodes.insert(node.to_vec(), id);
        self.clocks.push(0);
        id
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
        while let Some(head) = self.queue.front() {
            if !all && !self.closable(head) {
                break;
            }
            let event = self.queue.pop_front().expect("front exists");
            let seq = self.base;
            self.base += 1;
            if let Some(key) = event.key {
                if self.open.get(&key) == Some(&seq) {
                    self.open.remove(&key);
                }
                if self.last.is_some_and(|(_, s)| s == seq) {
                    self.last = None;
                }
                self.recent.insert(key);
            }
            self.events_out += 1;
            out.push(Event {
                records: event.records,
                late: event.late,
            });
        }
    }
}

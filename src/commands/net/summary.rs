//! The summary views: rows of the network view counted per key (exe and peer, peer alone,
//! exe alone, or bound port), each batch of events counted apart and the counts merged in
//! input order. Memory grows with the distinct keys, not with the events; the sets a key
//! keeps (pids, ports, programs) stop growing at a cap and say so.

use crate::record::Stamp;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// Most pids a key counts one by one; beyond, the count shows as `N+`.
pub const PID_CAP: usize = 1024;
/// Most ports, programs or peers a key lists.
pub const LIST_CAP: usize = 8;

/// A set that stops growing at `cap` and remembers that it did.
#[derive(Clone, Debug, Default)]
pub struct Capped<T: Ord> {
    items: BTreeSet<T>,
    overflow: bool,
}

impl<T: Ord> Capped<T> {
    pub fn insert(&mut self, item: T, cap: usize) {
        if self.items.len() < cap {
            self.items.insert(item);
        } else if !self.items.contains(&item) {
            self.overflow = true;
        }
    }

    pub fn merge(&mut self, other: Capped<T>, cap: usize) {
        self.overflow |= other.overflow;
        for item in other.items {
            self.insert(item, cap);
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.items.iter()
    }

    /// The count, `N+` when the cap was reached.
    pub fn count_text(&self) -> String {
        match self.overflow {
            true => format!("{}+", self.items.len()),
            false => self.items.len().to_string(),
        }
    }

    pub fn is_complete(&self) -> bool {
        !self.overflow
    }
}

/// What is known of one key.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub count: u64,
    pub ok: u64,
    pub pending: u64,
    pub failed: u64,
    /// bind() and listen() calls (the listening view).
    pub binds: u64,
    pub listens: u64,
    pub first: Option<Stamp>,
    pub last: Option<Stamp>,
    pub pids: Capped<u64>,
    pub ports: Capped<u16>,
    /// Programs (per host) or peers (per program).
    pub related: Capped<Vec<u8>>,
}

impl Tally {
    pub fn note_time(&mut self, stamp: Option<Stamp>) {
        let Some(stamp) = stamp else { return };
        if self.first.is_none_or(|f| stamp < f) {
            self.first = Some(stamp);
        }
        if self.last.is_none_or(|l| stamp > l) {
            self.last = Some(stamp);
        }
    }

    pub fn merge(&mut self, other: Tally) {
        self.count += other.count;
        self.ok += other.ok;
        self.pending += other.pending;
        self.failed += other.failed;
        self.binds += other.binds;
        self.listens += other.listens;
        self.note_time(other.first);
        self.note_time(other.last);
        self.pids.merge(other.pids, PID_CAP);
        self.ports.merge(other.ports, LIST_CAP);
        self.related.merge(other.related, LIST_CAP);
    }
}

/// Keys built from several byte strings, written into one buffer (each part behind its
/// length) so that a key already known costs no allocation.
#[derive(Clone, Debug, Default)]
pub struct KeyBuf {
    bytes: Vec<u8>,
}

impl KeyBuf {
    pub fn clear(&mut self) {
        self.bytes.clear();
    }

    pub fn part(&mut self, part: &[u8]) -> &mut Self {
        self.bytes
            .extend_from_slice(&(part.len() as u32).to_le_bytes());
        self.bytes.extend_from_slice(part);
        self
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// The parts of a key made by [`KeyBuf`].
pub fn key_parts(mut key: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    while key.len() >= 4 {
        let len = u32::from_le_bytes(key[..4].try_into().expect("4 bytes")) as usize;
        let end = (4 + len).min(key.len());
        parts.push(&key[4..end]);
        key = &key[end..];
    }
    parts
}

/// Tallies by key.
#[derive(Debug, Default)]
pub struct Tallies {
    map: FxHashMap<Box<[u8]>, Tally>,
}

impl Tallies {
    /// The tally of `key`, made on first use.
    pub fn entry(&mut self, key: &KeyBuf) -> &mut Tally {
        if !self.map.contains_key(key.as_bytes()) {
            self.map.insert(key.as_bytes().into(), Tally::default());
        }
        self.map.get_mut(key.as_bytes()).expect("inserted")
    }

    pub fn merge(&mut self, other: Tallies) {
        for (key, tally) in other.map {
            match self.map.get_mut(&key) {
                Some(mine) => mine.merge(tally),
                None => {
                    self.map.insert(key, tally);
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// The calls counted under every key.
    pub fn total(&self) -> u64 {
        self.map.values().map(|t| t.count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Most calls first; ties by key, so the order never depends on hashing.
    pub fn sorted(&self) -> Vec<(&[u8], &Tally)> {
        let mut all: Vec<(&[u8], &Tally)> = self.map.iter().map(|(k, t)| (&k[..], t)).collect();
        all.sort_by(|a, b| {
            b.1.count
                .cmp(&a.1.count)
                .then_with(|| key_parts(a.0).cmp(&key_parts(b.0)))
        });
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(sec: u64) -> Option<Stamp> {
        Some(Stamp {
            sec,
            msec: 0,
            serial: 1,
        })
    }

    #[test]
    fn keys_round_trip_and_tallies_merge() {
        let mut key = KeyBuf::default();
        key.part(b"/usr/bin/curl").part(b"").part(b"443");
        assert_eq!(
            key_parts(key.as_bytes()),
            vec![&b"/usr/bin/curl"[..], b"", b"443"]
        );
        let mut first = Tallies::default();
        let tally = first.entry(&key);
        tally.count += 1;
        tally.note_time(stamp(20));
        tally.pids.insert(7, PID_CAP);
        let mut second = Tallies::default();
        let tally = second.entry(&key);
        tally.count += 2;
        tally.note_time(stamp(10));
        tally.note_time(stamp(30));
        tally.pids.insert(7, PID_CAP);
        tally.pids.insert(8, PID_CAP);
        first.merge(second);
        let sorted = first.sorted();
        assert_eq!(sorted.len(), 1);
        let merged = sorted[0].1;
        assert_eq!(merged.count, 3);
        assert_eq!(merged.first.unwrap().sec, 10);
        assert_eq!(merged.last.unwrap().sec, 30);
        assert_eq!(merged.pids.count_text(), "2");
    }

    #[test]
    fn capped_sets_say_when_they_stopped() {
        let mut set = Capped::default();
        for pid in 0..5u64 {
            set.insert(pid, 3);
        }
        assert_eq!(set.count_text(), "3+");
        assert!(!set.is_complete());
        let mut small = Capped::default();
        small.insert(1u64, 3);
        small.insert(1u64, 3);
        assert_eq!(small.count_text(), "1");
    }
}

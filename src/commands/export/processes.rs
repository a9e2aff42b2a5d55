//! The processes seen so far in the input, for the parent of each later SYSCALL event: per
//! node and pid, the program it ran and its command line, as the output format shows them.
//!
//! The table learns in input order: a SYSCALL event tells the program of its pid (an execve
//! also the command line, which later calls of the same program keep), and a fork or clone
//! gives its child the parent's entry, since the child runs the same program until it execs.
//!
//! Memory is bounded by processes, not by input: at most [`TRACKED_PROCESSES`] entries and
//! [`TRACKED_BYTES`] of programs and command lines. Past either bound the entry learnt
//! longest ago goes first (the newest wins), so a parent whose only trace lies far back in a
//! very busy log may be shown as unknown.

use crate::output::export::Lineage;
use rustc_hash::FxHashMap;
use std::collections::VecDeque;

/// The most processes remembered: the kernel's classic `pid_max` (newer systems allow more
/// pids, but few of them are alive at once).
pub const TRACKED_PROCESSES: usize = 32_768;
/// The most bytes of programs and command lines remembered.
pub const TRACKED_BYTES: usize = 16 << 20;

struct Entry {
    exe: Vec<u8>,
    /// The process as the parent of another, rendered.
    fragment: Vec<u8>,
    /// When the entry was learnt, to tell stale places in `order` apart.
    learnt: u64,
}

impl Entry {
    fn size(&self) -> usize {
        self.exe.len() + self.fragment.len()
    }
}

/// A node (as an index into the table's node names) and a pid.
type Key = (u32, u32);

pub struct ProcessTable {
    nodes: FxHashMap<Vec<u8>, u32>,
    entries: FxHashMap<Key, Entry>,
    /// Keys in the order their entries were learnt; places whose entry was learnt again
    /// later are stale and passed over.
    order: VecDeque<(Key, u64)>,
    learnt: u64,
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
}

impl Default for ProcessTable {
    fn default() -> Self {
        ProcessTable::with_bounds(TRACKED_PROCESSES, TRACKED_BYTES)
    }
}

impl ProcessTable {
    pub fn with_bounds(max_entries: usize, max_bytes: usize) -> Self {
        ProcessTable {
            nodes: FxHashMap::default(),
            entries: FxHashMap::default(),
            order: VecDeque::new(),
            learnt: 0,
            bytes: 0,
            max_entries: max_entries.max(1),
            max_bytes,
        }
    }

    /// The rendered parent of a process whose parent is `ppid` on `node`, when known.
    pub fn parent(&self, node: &[u8], ppid: u32) -> Option<&[u8]> {
        let node = *self.nodes.get(node)?;
        self.entries.get(&(node, ppid)).map(|e| &e.fragment[..])
    }

    /// Learns from an event, after its own parent was looked up.
    pub fn learn(&mut self, lineage: Lineage) {
        let node = self.node_index(&lineage.node);
        let key = (node, lineage.pid);
        let known_program = self.entries.get(&key).is_some_and(|e| e.exe == lineage.exe);
        // A later call of the same program keeps the command line its execve gave.
        if lineage.executed || !known_program {
            self.insert(key, lineage.exe, lineage.fragment);
        }
        if let Some(child) = lineage.child
            && let Some(entry) = self.entries.get(&key)
        {
            let (exe, fragment) = (entry.exe.clone(), entry.fragment.clone());
            self.insert((node, child), exe, fragment);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn node_index(&mut self, node: &[u8]) -> u32 {
        if let Some(&index) = self.nodes.get(node) {
            return index;
        }
        let index = self.nodes.len() as u32;
        self.nodes.insert(node.to_vec(), index);
        index
    }

    fn insert(&mut self, key: Key, exe: Vec<u8>, fragment: Vec<u8>) {
        self.learnt += 1;
        let entry = Entry {
            exe,
            fragment,
            learnt: self.learnt,
        };
        self.bytes += entry.size();
        if let Some(old) = self.entries.insert(key, entry) {
            self.bytes -= old.size();
        }
        self.order.push_back((key, self.learnt));
        while self.entries.len() > self.max_entries || self.bytes > self.max_bytes {
            if !self.forget_oldest() {
                break;
            }
        }
        if self.order.len() > 2 * self.entries.len() + 1024 {
            let entries = &self.entries;
            self.order
                .retain(|(key, learnt)| entries.get(key).is_some_and(|e| e.learnt == *learnt));
        }
    }

    /// Forgets the entry learnt longest ago; false when there is none.
    fn forget_oldest(&mut self) -> bool {
        while let Some((key, learnt)) = self.order.pop_front() {
            if self.entries.get(&key).is_some_and(|e| e.learnt == learnt) {
                let entry = self.entries.remove(&key).expect("just found");
                self.bytes -= entry.size();
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lineage(pid: u32, exe: &str, executed: bool, child: Option<u32>) -> Lineage {
        Lineage {
            node: b"host".to_vec(),
            pid,
            ppid: None,
            exe: exe.as_bytes().to_vec(),
            executed,
            child,
            fragment: format!("{exe}{}", if executed { " with argv" } else { "" }).into_bytes(),
        }
    }

    #[test]
    fn execve_sets_the_command_line_and_later_calls_keep_it() {
        let mut table = ProcessTable::default();
        table.learn(lineage(10, "/bin/bash", true, None));
        table.learn(lineage(10, "/bin/bash", false, None));
        assert_eq!(table.parent(b"host", 10), Some(&b"/bin/bash with argv"[..]));
        table.learn(lineage(10, "/usr/bin/python3", false, None));
        assert_eq!(table.parent(b"host", 10), Some(&b"/usr/bin/python3"[..]));
        assert_eq!(table.parent(b"other", 10), None);
    }

    #[test]
    fn a_fork_gives_the_child_its_parents_entry() {
        let mut table = ProcessTable::default();
        table.learn(lineage(10, "/bin/bash", true, None));
        table.learn(lineage(10, "/bin/bash", false, Some(11)));
        assert_eq!(table.parent(b"host", 11), Some(&b"/bin/bash with argv"[..]));
    }

    #[test]
    fn bounded_by_entries_and_bytes_newest_wins() {
        let mut table = ProcessTable::with_bounds(3, usize::MAX);
        for pid in 1..=10 {
            table.learn(lineage(pid, "/bin/x", true, None));
            table.learn(lineage(1, "/bin/keep", true, None));
        }
        assert_eq!(table.len(), 3);
        assert!(table.parent(b"host", 1).is_some(), "relearnt, so kept");
        assert!(table.parent(b"host", 10).is_some());
        assert!(table.parent(b"host", 2).is_none());
        assert!(table.order.len() <= 2 * 3 + 1024);

        let mut small = ProcessTable::with_bounds(100, 40);
        for pid in 1..=10 {
            small.learn(lineage(pid, "/bin/ten", true, None));
        }
        assert!(small.bytes <= 40, "{} bytes", small.bytes);
        assert!(small.parent(b"host", 10).is_some());
    }
}

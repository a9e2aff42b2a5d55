//! Process trees rebuilt from the log alone: never from the analysing machine's `/proc`, whose
//! processes have nothing to do with an archived log's.
//!
//! Each host (`node=` name) has its own table: pid → the latest process seen with that pid.
//! Activities arrive in input order (the pipeline's `consume`), which is the log's order:
//! - A fork (clone, fork, vfork; the call's return value is the child) makes a process that
//!   shows the same image as its parent until it execs.
//! - An exec whose pid's latest process is a fork of its ppid, with no children yet, is that
//!   fork running a new image. A fork that already has children keeps them: the exec becomes
//!   its child (a subshell that ran `id` and then exec'd `awk` shows both under the subshell).
//! - An exec whose pid's latest process has the same ppid is the same process exec'ing again
//!   (`env`, `exec` in a shell): shown as a child of the image it replaced.
//! - Otherwise the pid was reused: the exec is a new process whose parent is the latest process
//!   with its ppid seen before it started; a pid never seen before gets a placeholder, so
//!   that its children still share one parent.
//! - A fork written after its child's exec (the clone returned later than the child ran) does
//!   not replace the child.
//!
//! Memory is bounded by processes, never by events. With `history` (the tree views) every
//! process stays, a few dozen bytes each plus its exec's texts; without (the timeline), a
//! process leaves once its pid has a newer one, and only the latest per pid remain.

use super::activity::{Activity, Kind};
use crate::record::Stamp;
use rustc_hash::FxHashMap;
use std::sync::Arc;

pub type ProcId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcKind {
    /// Runs the image of an exec seen in the log.
    Exec,
    /// A fork that has not exec'd: the image of its parent.
    Fork,
    /// Seen only calling fork (its own exec is not in the log), or only named as a parent.
    Seen,
    /// An exec that failed: the process kept its image. A leaf, for the tree views.
    FailedExec,
}

#[derive(Clone, Debug)]
pub struct Proc {
    pub kind: ProcKind,
    pub pid: u32,
    pub ppid: Option<u32>,
    pub parent: Option<ProcId>,
    /// When the process (or this image of it) started: its fork or exec, or when first seen.
    pub start: Option<Stamp>,
    /// The event that made this entry: the exec, the fork, or the fork the process called.
    pub event: Option<Arc<Activity>>,
    /// The image it runs: its exec; for a fork, its parent's image.
    pub image: Option<Arc<Activity>>,
    pub first_child: Option<ProcId>,
    last_child: Option<ProcId>,
    pub next_sibling: Option<ProcId>,
}

impl Proc {
    /// Whether the run's filters accepted the exec this entry stands for.
    pub fn matched(&self) -> bool {
        matches!(self.kind, ProcKind::Exec | ProcKind::FailedExec)
            && self.event.as_ref().is_some_and(|e| e.matched)
    }

    pub fn node(&self) -> Option<&[u8]> {
        self.event.as_deref().and_then(Activity::node)
    }
}

/// Where an exec landed: its entry and the image of its parent process at that moment.
pub struct Placement {
    pub proc: ProcId,
    pub parent_image: Option<Arc<Activity>>,
}

/// pid → the latest process with it, on one host.
type PidMap = FxHashMap<u32, ProcId>;

pub struct ProcessTable {
    /// Per host, pid → its latest process. A list: logs hold a few hosts, and a lookup by
    /// length first skips a byte comparison (a call to memcmp) for logs without node names.
    hosts: Vec<(Box<[u8]>, PidMap)>,
    procs: Vec<Proc>,
    history: bool,
    /// Entries no table points to any more, for reuse (without history only).
    free: Vec<ProcId>,
}

impl ProcessTable {
    pub fn new(history: bool) -> Self {
        ProcessTable {
            hosts: Vec::new(),
            procs: Vec::new(),
            history,
            free: Vec::new(),
        }
    }

    pub fn get(&self, id: ProcId) -> &Proc {
        &self.procs[id as usize]
    }

    pub fn len(&self) -> usize {
        self.procs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.procs.is_empty()
    }

    /// Takes in one activity; an exec returns where it landed.
    pub fn add(&mut self, activity: Arc<Activity>) -> Option<Placement> {
        match activity.kind {
            Kind::Exec if activity.success == Some(false) => Some(self.failed_exec(activity)),
            Kind::Exec => Some(self.exec(activity)),
            Kind::Fork { child } => {
                self.fork(activity, child);
                None
            }
            Kind::Session { .. } => None,
        }
    }

    fn exec(&mut self, activity: Arc<Activity>) -> Placement {
        let owner = activity.clone();
        let host = host_of(&owner);
        let pid = activity.pid.unwrap_or_default();
        let ppid = activity.ppid;
        let parent_image = ppid
            .and_then(|p| self.current(host, p))
            .and_then(|id| self.get(id).image.clone());
        let previous = self
            .current(host, pid)
            .filter(|&id| self.get(id).ppid == ppid);
        if let Some(id) = previous {
            let prev = self.get(id);
            if prev.kind == ProcKind::Fork && prev.first_child.is_none() {
                let prev = &mut self.procs[id as usize];
                prev.kind = ProcKind::Exec;
                prev.start = Some(activity.stamp);
                prev.image = Some(activity.clone());
                prev.event = Some(activity);
                return Placement {
                    proc: id,
                    parent_image,
                };
            }
        }
        let parent = previous.or_else(|| ppid.map(|p| self.parent_for(host, p)));
        let proc = self.insert(Proc {
            kind: ProcKind::Exec,
            pid,
            ppid,
            parent,
            start: Some(activity.stamp),
            event: Some(activity.clone()),
            image: Some(activity),
            first_child: None,
            last_child: None,
            next_sibling: None,
        });
        self.set_current(host, pid, proc);
        Placement { proc, parent_image }
    }

    /// A failed exec changes nothing; with history it is noted under the process that tried.
    fn failed_exec(&mut self, activity: Arc<Activity>) -> Placement {
        let owner = activity.clone();
        let host = host_of(&owner);
        let pid = activity.pid.unwrap_or_default();
        let parent_image = activity
            .ppid
            .and_then(|p| self.current(host, p))
            .and_then(|id| self.get(id).image.clone());
        let tried_by = self.current(host, pid).or_else(|| {
            activity
                .ppid
                .is_some()
                .then(|| self.seen(host, pid, &activity))
        });
        let proc = if self.history {
            self.insert(Proc {
                kind: ProcKind::FailedExec,
                pid,
                ppid: activity.ppid,
                parent: tried_by,
                start: Some(activity.stamp),
                event: Some(activity),
                image: None,
                first_child: None,
                last_child: None,
                next_sibling: None,
            })
        } else {
            tried_by.unwrap_or(ProcId::MAX)
        };
        Placement { proc, parent_image }
    }

    fn fork(&mut self, activity: Arc<Activity>, child: u32) {
        let owner = activity.clone();
        let host = host_of(&owner);
        let Some(pid) = activity.pid else {
            return;
        };
        let parent = match self.current(host, pid) {
            Some(id) if self.get(id).ppid == activity.ppid || activity.ppid.is_none() => id,
            Some(id) if self.get(id).event.is_none() => self.fill_placeholder(id, host, &activity),
            _ => self.seen(host, pid, &activity),
        };
        if let Some(known) = self.current(host, child) {
            let known = self.get(known);
            let later = known.start.is_some_and(|s| s >= activity.stamp);
            if known.ppid == Some(pid) && later {
                return;
            }
        }
        let image = self.get(parent).image.clone();
        let proc = self.insert(Proc {
            kind: ProcKind::Fork,
            pid: child,
            ppid: Some(pid),
            parent: Some(parent),
            start: Some(activity.stamp),
            event: Some(activity),
            image,
            first_child: None,
            last_child: None,
            next_sibling: None,
        });
        self.set_current(host, child, proc);
    }

    /// A placeholder (a parent named by its children) that now shows itself in a call of its
    /// own: the same process, which the call's record describes.
    fn fill_placeholder(&mut self, id: ProcId, host: &[u8], activity: &Arc<Activity>) -> ProcId {
        let parent = activity.ppid.map(|p| self.parent_for(host, p));
        let proc = &mut self.procs[id as usize];
        proc.ppid = activity.ppid;
        proc.start = Some(activity.stamp);
        proc.event = Some(activity.clone());
        proc.image = Some(activity.clone());
        if self.history
            && let Some(parent) = parent
        {
            self.procs[id as usize].parent = Some(parent);
            self.link(parent, id);
        }
        id
    }

    /// A process known only from a call it made: its exe and comm are in that call's record.
    fn seen(&mut self, host: &[u8], pid: u32, activity: &Arc<Activity>) -> ProcId {
        let parent = activity.ppid.map(|p| self.parent_for(host, p));
        let proc = self.insert(Proc {
            kind: ProcKind::Seen,
            pid,
            ppid: activity.ppid,
            parent,
            start: Some(activity.stamp),
            event: Some(activity.clone()),
            image: Some(activity.clone()),
            first_child: None,
            last_child: None,
            next_sibling: None,
        });
        self.set_current(host, pid, proc);
        proc
    }

    /// The latest process with pid `ppid`, or a placeholder for a parent the log never shows.
    fn parent_for(&mut self, host: &[u8], ppid: u32) -> ProcId {
        if let Some(id) = self.current(host, ppid) {
            return id;
        }
        let proc = self.insert(Proc {
            kind: ProcKind::Seen,
            pid: ppid,
            ppid: None,
            parent: None,
            start: None,
            event: None,
            image: None,
            first_child: None,
            last_child: None,
            next_sibling: None,
        });
        self.set_current(host, ppid, proc);
        proc
    }

    fn current(&self, host: &[u8], pid: u32) -> Option<ProcId> {
        let index = self.host_index(host)?;
        self.hosts[index].1.get(&pid).copied()
    }

    fn host_index(&self, host: &[u8]) -> Option<usize> {
        self.hosts
            .iter()
            .position(|(h, _)| h.len() == host.len() && (host.is_empty() || **h == *host))
    }

    fn set_current(&mut self, host: &[u8], pid: u32, proc: ProcId) {
        let index = self.host_index(host).unwrap_or_else(|| {
            self.hosts.push((host.into(), PidMap::default()));
            self.hosts.len() - 1
        });
        let pids = &mut self.hosts[index].1;
        let replaced = pids.insert(pid, proc);
        if !self.history
            && let Some(old) = replaced
            && old != proc
        {
            // Without history nothing looks back at a replaced process: its slot is reused.
            self.procs[old as usize].image = None;
            self.procs[old as usize].event = None;
            self.free.push(old);
        }
    }

    fn insert(&mut self, proc: Proc) -> ProcId {
        let parent = proc.parent;
        let id = match self.free.pop() {
            Some(id) => {
                self.procs[id as usize] = proc;
                id
            }
            None => {
                self.procs.push(proc);
                (self.procs.len() - 1) as ProcId
            }
        };
        if self.history
            && let Some(parent) = parent
        {
            self.link(parent, id);
        }
        id
    }

    fn link(&mut self, parent: ProcId, child: ProcId) {
        match self.procs[parent as usize].last_child {
            Some(last) => self.procs[last as usize].next_sibling = Some(child),
            None => self.procs[parent as usize].first_child = Some(child),
        }
        self.procs[parent as usize].last_child = Some(child);
    }

    /// The children of a process, in the order they appeared (with history).
    pub fn children(&self, id: ProcId) -> impl Iterator<Item = ProcId> + '_ {
        std::iter::successors(self.get(id).first_child, |&c| self.get(c).next_sibling)
    }

    /// Every process of the tables with this pid, oldest first (with history).
    pub fn with_pid(&self, pid: u32) -> impl Iterator<Item = ProcId> + '_ {
        (0..self.procs.len() as ProcId).filter(move |&id| self.get(id).pid == pid)
    }

    /// The process and its ancestors, up to the root.
    pub fn ancestry(&self, id: ProcId) -> impl Iterator<Item = ProcId> + '_ {
        std::iter::successors(Some(id), |&p| self.get(p).parent)
    }
}

fn host_of(activity: &Activity) -> &[u8] {
    activity.node().unwrap_or_default()
}

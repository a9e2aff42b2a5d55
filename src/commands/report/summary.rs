//! The summary report (`ausift report` with no name, aureport with no report option): the time
//! range and how many events of each kind, and how many distinct users, terminals, hosts,
//! executables, commands, files, keys and process ids. Every count is of events: an event
//! with several records counts once.

use super::facts::{Needs, fact};
use super::kinds::{self, EventView};
use rustc_hash::FxHashSet;

#[derive(Default)]
pub struct Totals {
    pub first: Option<(u64, u16)>,
    pub last: Option<(u64, u16)>,
    pub changes: u64,
    pub account_changes: u64,
    pub logins: u64,
    pub failed_logins: u64,
    pub authentications: u64,
    pub failed_authentications: u64,
    pub avcs: u64,
    pub mac: u64,
    pub failed_syscalls: u64,
    pub anomalies: u64,
    pub responses: u64,
    pub crypto: u64,
    pub integrity: u64,
    pub virt: u64,
    pub events: u64,
    pub users: FxHashSet<Vec<u8>>,
    pub terminals: FxHashSet<Vec<u8>>,
    pub hosts: FxHashSet<Vec<u8>>,
    pub exes: FxHashSet<Vec<u8>>,
    pub comms: FxHashSet<Vec<u8>>,
    pub files: FxHashSet<Vec<u8>>,
    pub keys: FxHashSet<Vec<u8>>,
    pub pids: FxHashSet<u64>,
}

/// Every fact but the AVC decisions, the uid and the account.
pub const NEEDS: Needs = Needs::ALL
    .without(fact::AVCS)
    .without(fact::UID)
    .without(fact::ACCT);

fn insert(set: &mut FxHashSet<Vec<u8>>, value: Option<&[u8]>) {
    if let Some(value) = value
        && !set.contains(value)
    {
        set.insert(value.to_vec());
    }
}

impl Totals {
    pub fn add(&mut self, view: &EventView) {
        let f = &view.facts;
        let has = |test: fn(u32) -> bool| u64::from(f.has_type(test).is_some());
        if let Some((sec, msec)) = view.event.stamp().map(|s| (s.sec, s.msec)) {
            self.first = self.first.min(Some((sec, msec))).or(Some((sec, msec)));
            self.last = self.last.max(Some((sec, msec)));
        }
        self.events += 1;
        self.changes += has(kinds::is_config_change);
        self.account_changes += has(kinds::is_account_change);
        self.avcs += has(kinds::is_avc);
        self.mac += has(kinds::is_mac);
        self.anomalies += has(kinds::is_anomaly);
        self.responses += has(kinds::is_response);
        self.crypto += has(kinds::is_crypto);
        self.integrity += has(kinds::is_integrity);
        self.virt += has(kinds::is_virt);
        let is = |t: u32| f.types.contains(&t);
        if is(kinds::USER_LOGIN) {
            match f.success {
                Some(true) => self.logins += 1,
                Some(false) => self.failed_logins += 1,
                None => {}
            }
        }
        if is(kinds::USER_AUTH) || is(kinds::GRP_AUTH) {
            match f.success {
                Some(true) => self.authentications += 1,
                Some(false) => self.failed_authentications += 1,
                None => {}
            }
        } else if is(kinds::USER_MGMT) && f.success == Some(false) {
            self.failed_authentications += 1;
        }
        if f.success == Some(false) && f.syscall.is_some() {
            self.failed_syscalls += 1;
        }
        insert(&mut self.users, f.auid.map(|a| a.value.raw()));
        insert(&mut self.terminals, f.terminal.as_deref());
        insert(&mut self.hosts, f.host.as_deref());
        insert(&mut self.exes, f.exe.as_deref());
        insert(&mut self.comms, f.comm.as_deref());
        for file in f.distinct_files() {
            insert(&mut self.files, Some(file));
        }
        for key in &f.keys {
            insert(&mut self.keys, Some(key));
        }
        if let Some(pid) = f.pid {
            self.pids.insert(pid);
        }
    }

    pub fn merge(&mut self, other: Totals) {
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = self.last.max(other.last);
        for (mine, theirs) in self.counters_mut().into_iter().zip(other.counters()) {
            *mine += theirs;
        }
        self.users.extend(other.users);
        self.terminals.extend(other.terminals);
        self.hosts.extend(other.hosts);
        self.exes.extend(other.exes);
        self.comms.extend(other.comms);
        self.files.extend(other.files);
        self.keys.extend(other.keys);
        self.pids.extend(other.pids);
    }

    fn counters(&self) -> [u64; 15] {
        [
            self.changes,
            self.account_changes,
            self.logins,
            self.failed_logins,
            self.authentications,
            self.failed_authentications,
            self.avcs,
            self.mac,
            self.failed_syscalls,
            self.anomalies,
            self.responses,
            self.crypto,
            self.integrity,
            self.virt,
            self.events,
        ]
    }

    fn counters_mut(&mut self) -> [&mut u64; 15] {
        [
            &mut self.changes,
            &mut self.account_changes,
            &mut self.logins,
            &mut self.failed_logins,
            &mut self.authentications,
            &mut self.failed_authentications,
            &mut self.avcs,
            &mut self.mac,
            &mut self.failed_syscalls,
            &mut self.anomalies,
            &mut self.responses,
            &mut self.crypto,
            &mut self.integrity,
            &mut self.virt,
            &mut self.events,
        ]
    }

    /// The figures in aureport's order, each with a short name for machine formats and
    /// aureport's label.
    pub fn figures(&self) -> Vec<(&'static str, &'static str, u64)> {
        let n = |set: &FxHashSet<Vec<u8>>| set.len() as u64;
        vec![
            (
                "changes",
                "Number of changes in configuration",
                self.changes,
            ),
            (
                "account_changes",
                "Number of changes to accounts, groups, or roles",
                self.account_changes,
            ),
            ("logins", "Number of logins", self.logins),
            (
                "failed_logins",
                "Number of failed logins",
                self.failed_logins,
            ),
            (
                "authentications",
                "Number of authentications",
                self.authentications,
            ),
            (
                "failed_authentications",
                "Number of failed authentications",
                self.failed_authentications,
            ),
            ("users", "Number of users", n(&self.users)),
            ("terminals", "Number of terminals", n(&self.terminals)),
            ("hosts", "Number of host names", n(&self.hosts)),
            ("executables", "Number of executables", n(&self.exes)),
            ("commands", "Number of commands", n(&self.comms)),
            ("files", "Number of files", n(&self.files)),
            ("avcs", "Number of AVC's", self.avcs),
            ("mac", "Number of MAC events", self.mac),
            (
                "failed_syscalls",
                "Number of failed syscalls",
                self.failed_syscalls,
            ),
            ("anomalies", "Number of anomaly events", self.anomalies),
            (
                "responses",
                "Number of responses to anomaly events",
                self.responses,
            ),
            ("crypto", "Number of crypto events", self.crypto),
            ("integrity", "Number of integrity events", self.integrity),
            ("virt", "Number of virt events", self.virt),
            ("keys", "Number of keys", n(&self.keys)),
            ("pids", "Number of process IDs", self.pids.len() as u64),
            ("events", "Number of events", self.events),
        ]
    }
}

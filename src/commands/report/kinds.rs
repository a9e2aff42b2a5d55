//! The named reports: which events each selects, the columns of its rows and the item its
//! `--summary` counts events by (aureport's reports, ausearch.md §2.2).

use super::facts::{self, Facts, Held, Needs};
use super::row::RowBuilder;
use crate::event::Event;
use crate::interpret::names::NameLookup;
use crate::interpret::{EventContext, interpret_field};
use crate::record::types;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportKind {
    Auth,
    Avc,
    Comm,
    Config,
    Crypto,
    Events,
    Exe,
    Files,
    Hosts,
    Integrity,
    Keys,
    Logins,
    Mac,
    Mods,
    Anomaly,
    Pids,
    Responses,
    Syscalls,
    Terminals,
    Users,
    Virt,
    Time,
}

/// Every named report with its name and aureport's option.
pub const REPORTS: &[(ReportKind, &str, &str)] = &[
    (ReportKind::Auth, "auth", "-au"),
    (ReportKind::Avc, "avc", "-a"),
    (ReportKind::Comm, "comm", "--comm"),
    (ReportKind::Config, "config", "-c"),
    (ReportKind::Crypto, "crypto", "-cr"),
    (ReportKind::Events, "events", "-e"),
    (ReportKind::Exe, "exe", "-x"),
    (ReportKind::Files, "files", "-f"),
    (ReportKind::Hosts, "hosts", "-h"),
    (ReportKind::Integrity, "integrity", "--integrity"),
    (ReportKind::Keys, "keys", "-k"),
    (ReportKind::Logins, "logins", "-l"),
    (ReportKind::Mac, "mac", "-ma"),
    (ReportKind::Mods, "mods", "-m"),
    (ReportKind::Anomaly, "anomaly", "-n"),
    (ReportKind::Pids, "pids", "-p"),
    (ReportKind::Responses, "responses", "-r"),
    (ReportKind::Syscalls, "syscalls", "-s"),
    (ReportKind::Terminals, "terminals", "-tm"),
    (ReportKind::Users, "users", "-u"),
    (ReportKind::Virt, "virt", "--virt"),
    (ReportKind::Time, "time", "-t"),
];

pub const USER_AUTH: u32 = 1100;
pub const USER_MGMT: u32 = 1102;
pub const USER_CHAUTHTOK: u32 = 1108;
pub const USYS_CONFIG: u32 = 1111;
pub const USER_LOGIN: u32 = 1112;
pub const GRP_AUTH: u32 = 1126;
pub const GRP_MGMT: u32 = 1132;
pub const DAEMON_CONFIG: u32 = 1203;
pub const NETFILTER_CFG: u32 = 1325;
pub const FEATURE_CHANGE: u32 = 1328;
pub const SECCOMP: u32 = 1326;
pub const USER_MAC_CONFIG_CHANGE: u32 = 2312;

/// Account, group and role changes (the `mods` report).
pub fn is_account_change(t: u32) -> bool {
    matches!(t, USER_CHAUTHTOK | 1114..=1117 | USER_MGMT | GRP_MGMT | 2301..=2302)
}

/// Changes of the audit, netfilter or MAC configuration (the `config` report).
pub fn is_config_change(t: u32) -> bool {
    matches!(
        t,
        facts::CONFIG_CHANGE
            | DAEMON_CONFIG
            | USYS_CONFIG
            | NETFILTER_CFG
            | FEATURE_CHANGE
            | USER_MAC_CONFIG_CHANGE
            | 1403..=1417
    )
}

pub fn is_mac(t: u32) -> bool {
    matches!(t, 1403..=1417 | 2300..=2399)
}

pub fn is_anomaly(t: u32) -> bool {
    matches!(t, 2100..=2199 | 1700..=1799 | SECCOMP)
}

pub fn is_response(t: u32) -> bool {
    matches!(t, 2200..=2299)
}

pub fn is_crypto(t: u32) -> bool {
    matches!(t, 1600..=1699 | 2400..=2499)
}

pub fn is_integrity(t: u32) -> bool {
    matches!(t, 1800..=1899)
}

pub fn is_virt(t: u32) -> bool {
    matches!(t, 2500..=2599)
}

pub fn is_avc(t: u32) -> bool {
    matches!(
        t,
        crate::interpret::tables::values::record_type::AVC | facts::USER_AVC
    )
}

impl ReportKind {
    /// A report by its name, or by aureport's long option without the dashes (`login`,
    /// `executable`, `log`, …).
    pub fn by_name(name: &str) -> Option<ReportKind> {
        const ALIASES: &[(&str, &str)] = &[
            ("authentication", "auth"),
            ("login", "logins"),
            ("key", "keys"),
            ("file", "files"),
            ("host", "hosts"),
            ("pid", "pids"),
            ("syscall", "syscalls"),
            ("terminal", "terminals"),
            ("user", "users"),
            ("event", "events"),
            ("executable", "exe"),
            ("executables", "exe"),
            ("command", "comm"),
            ("commands", "comm"),
            ("response", "responses"),
            ("log", "time"),
        ];
        let name = ALIASES
            .iter()
            .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
            .map_or(name, |(_, canonical)| canonical);
        REPORTS
            .iter()
            .find(|(_, n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(k, _, _)| k)
    }

    pub fn name(self) -> &'static str {
        REPORTS.iter().find(|(k, _, _)| *k == self).unwrap().1
    }

    /// aureport's title of the report.
    pub fn title(self, summary: bool) -> &'static str {
        use ReportKind::*;
        match (self, summary) {
            (Auth, false) => "Authentication Report",
            (Auth, true) => "Authentication Summary Report",
            (Avc, false) => "AVC Report",
            (Avc, true) => "Avc Object Summary Report",
            (Comm, false) => "Command Report",
            (Comm, true) => "Command Summary Report",
            (Config, false) => "Config Change Report",
            (Config, true) => "Config Change Summary Report",
            (Crypto, false) => "Crypto Report",
            (Crypto, true) => "Crypto Summary Report",
            (Events, false) => "Event Report",
            (Events, true) => "Event Summary Report",
            (Exe, false) => "Executable Report",
            (Exe, true) => "Executable Summary Report",
            (Files, false) => "File Report",
            (Files, true) => "File Summary Report",
            (Hosts, false) => "Host Report",
            (Hosts, true) => "Host Summary Report",
            (Integrity, false) => "Integrity Report",
            (Integrity, true) => "Integrity Summary Report",
            (Keys, false) => "Key Report",
            (Keys, true) => "Key Summary Report",
            (Logins, false) => "Login Report",
            (Logins, true) => "Login Summary Report",
            (Mac, false) => "MAC Report",
            (Mac, true) => "MAC Summary Report",
            (Mods, false) => "Account Modifications Report",
            (Mods, true) => "Acct Modification Summary Report",
            (Anomaly, false) => "Anomaly Report",
            (Anomaly, true) => "Anomaly Summary Report",
            (Pids, false) => "Process ID Report",
            (Pids, true) => "Pid Summary Report",
            (Responses, false) => "Response to Anomaly Report",
            (Responses, true) => "Anomaly Response Summary Report",
            (Syscalls, false) => "Syscall Report",
            (Syscalls, true) => "Syscall Summary Report",
            (Terminals, false) => "Terminal Report",
            (Terminals, true) => "Terminal Summary Report",
            (Users, false) => "User ID Report",
            (Users, true) => "User Summary Report",
            (Virt, false) => "Virtualization Report",
            (Virt, true) => "Virtualization Summary Report",
            (Time, _) => "Log Time Range Report",
        }
    }

    /// The columns of a row after the date and time.
    pub fn columns(self) -> &'static [&'static str] {
        use ReportKind::*;
        match self {
            Auth => &["acct", "host", "term", "exe", "success", "event"],
            Avc => &[
                "comm",
                "subj",
                "syscall",
                "class",
                "permission",
                "obj",
                "result",
                "event",
            ],
            Comm => &["comm", "term", "host", "auid", "event"],
            Config => &["type", "auid", "success", "event"],
            Crypto | Mac => &["auid", "type", "success", "event"],
            Events => &["event", "type", "auid", "success"],
            Exe => &["exe", "term", "host", "auid", "event"],
            Files => &["file", "syscall", "success", "exe", "auid", "event"],
            Hosts => &["host", "syscall", "auid", "event"],
            Integrity | Virt | Responses => &["type", "success", "event"],
            Keys => &["key", "success", "exe", "auid", "event"],
            Logins => &["auid", "host", "term", "exe", "success", "event"],
            Mods => &["auid", "addr", "term", "exe", "acct", "success", "event"],
            Anomaly => &["type", "exe", "term", "host", "auid", "event"],
            Pids => &["pid", "exe", "syscall", "auid", "event"],
            Syscalls => &["syscall", "pid", "comm", "auid", "event"],
            Terminals => &["term", "host", "exe", "auid", "event"],
            Users => &["auid", "term", "host", "exe", "event"],
            Time => &["file", "first", "last"],
        }
    }

    /// The name of what `--summary` counts events by.
    pub fn summary_item(self) -> &'static str {
        use ReportKind::*;
        match self {
            Auth => "acct",
            Avc => "obj",
            Comm => "command",
            Exe | Files => "file",
            Hosts => "host",
            Keys => "key",
            Logins | Users => "auid",
            Pids => "pid",
            Syscalls => "syscall",
            Terminals => "terminal",
            _ => "type",
        }
    }

    /// The facts the report reads of an event: to select it, and for its row or, with
    /// `summary`, for the items it counts.
    pub fn needs(self, summary: bool) -> Needs {
        use ReportKind::*;
        use facts::fact::*;
        const NONE: Needs = Needs::NONE;
        let (selecting, row, items) = match self {
            Auth => (SUCCESS, HOST | TERMINAL | EXE, ACCT | UID),
            Avc => (NONE, COMM | SYSCALL, AVCS),
            Comm => (COMM, TERMINAL | HOST | AUID, NONE),
            Config | Crypto | Mac | Events => (NONE, AUID | SUCCESS, NONE),
            Integrity | Virt | Responses => (NONE, SUCCESS, NONE),
            Exe => (EXE, TERMINAL | HOST | AUID, NONE),
            Files => (FILES, SYSCALL | SUCCESS | EXE | AUID, NONE),
            Hosts => (HOST, SYSCALL | AUID, NONE),
            Keys => (KEYS, SUCCESS | EXE | AUID, NONE),
            Logins => (NONE, HOST | TERMINAL | EXE, ACCT | SUCCESS | AUID),
            Mods => (NONE, AUID | HOST | TERMINAL | EXE | ACCT | SUCCESS, NONE),
            Anomaly => (NONE, EXE | COMM | TERMINAL | HOST | AUID, NONE),
            Pids => (PID, EXE | SYSCALL | AUID, NONE),
            Syscalls => (SYSCALL, PID | COMM | AUID, NONE),
            Terminals => (TERMINAL, HOST | EXE | AUID, NONE),
            Users => (UID, AUID | TERMINAL | HOST | EXE, AUID),
            Time => (NONE, NONE, NONE),
        };
        // A row shows what the summary counts, and more.
        let shown = if summary { items } else { row | items };
        selecting | shown
    }

    /// The record type an event is selected by, for the reports that select by type.
    fn selecting_type(self, facts: &Facts) -> Option<Option<u32>> {
        use ReportKind::*;
        let found = match self {
            Config => facts.has_type(is_config_change),
            Mods => facts.has_type(is_account_change),
            Anomaly => facts.has_type(is_anomaly),
            Responses => facts.has_type(is_response),
            Crypto => facts.has_type(is_crypto),
            Mac => facts.has_type(is_mac),
            Integrity => facts.has_type(is_integrity),
            Virt => facts.has_type(is_virt),
            Logins => facts.has_type(|t| t == USER_LOGIN),
            Auth => facts.has_type(|t| t == USER_AUTH).or_else(|| {
                facts
                    .has_type(|t| t == USER_MGMT)
                    .filter(|_| facts.success == Some(false))
            }),
            _ => return None,
        };
        Some(found)
    }
}

/// What the rows and summary items of one event are made from.
pub struct EventView<'e> {
    pub event: &'e Event,
    pub facts: Facts<'e>,
    pub names: Option<&'e dyn NameLookup>,
    context: std::cell::OnceCell<EventContext>,
}

impl<'e> EventView<'e> {
    pub fn new(event: &'e Event, needs: Needs, names: Option<&'e dyn NameLookup>) -> Self {
        EventView {
            event,
            facts: Facts::of(event, needs),
            names,
            context: std::cell::OnceCell::new(),
        }
    }

    /// A user id: a number (4294967295 as -1, as aureport), or its name with `-i`.
    pub fn user(&self, held: Option<&Held<'e>>) -> Cow<'e, [u8]> {
        let Some(held) = held else {
            return Cow::Borrowed(b"?");
        };
        if let Some(names) = self.names {
            let shown = interpret_field(
                &EventContext::default(),
                &held.record,
                b"auid",
                held.value,
                names,
            );
            return match shown.text(held.value.raw()) {
                Cow::Borrowed(b) if std::ptr::eq(b, held.value.raw()) => {
                    Cow::Borrowed(held.value.raw())
                }
                other => Cow::Owned(other.into_owned()),
            };
        }
        match held.value.raw() {
            b"4294967295" => Cow::Borrowed(b"-1"),
            raw => Cow::Borrowed(raw),
        }
    }

    pub fn auid(&self) -> Cow<'e, [u8]> {
        self.user(self.facts.auid.as_ref())
    }

    /// The syscall: its number, or its name on the event's architecture with `-i`.
    pub fn syscall(&self) -> Cow<'e, [u8]> {
        let Some(held) = self.facts.syscall else {
            return Cow::Borrowed(b"?");
        };
        let Some(names) = self.names else {
            return Cow::Borrowed(held.value.raw());
        };
        let ctx = self
            .context
            .get_or_init(|| EventContext::of(self.event.records()));
        let shown = interpret_field(ctx, &held.record, b"syscall", held.value, names);
        Cow::Owned(shown.text(held.value.raw()).into_owned())
    }

    pub fn success(&self) -> &'static [u8] {
        match self.facts.success {
            Some(true) => b"yes",
            Some(false) => b"no",
            None => b"unset",
        }
    }

    fn or_unknown<'a>(value: &'a Option<Cow<'e, [u8]>>) -> &'a [u8] {
        value.as_deref().unwrap_or(b"?")
    }

    pub fn exe(&self) -> &[u8] {
        Self::or_unknown(&self.facts.exe)
    }

    pub fn comm(&self) -> &[u8] {
        Self::or_unknown(&self.facts.comm)
    }

    pub fn term(&self) -> &[u8] {
        Self::or_unknown(&self.facts.terminal)
    }

    pub fn host(&self) -> &[u8] {
        Self::or_unknown(&self.facts.host)
    }

    pub fn acct(&self) -> &[u8] {
        Self::or_unknown(&self.facts.acct)
    }

    /// The account an authentication is for: `acct=`, else the uid.
    fn auth_account(&self) -> Cow<'e, [u8]> {
        match &self.facts.acct {
            Some(acct) => Cow::Owned(acct.to_vec()),
            None => self.user(self.facts.uid.as_ref()),
        }
    }

    /// Who a login is for: the auid, or on a failed login (no auid yet) the account tried.
    fn login_account(&self) -> Cow<'e, [u8]> {
        match (&self.facts.acct, self.facts.success) {
            (Some(acct), Some(false)) => Cow::Owned(acct.to_vec()),
            _ => self.auid(),
        }
    }

    fn serial(&self) -> Vec<u8> {
        self.event
            .stamp()
            .map_or_else(|| b"?".to_vec(), |s| s.serial.to_string().into_bytes())
    }
}

/// The name of a record type (`UNKNOWN[n]` for a number without one).
pub fn type_name(code: u32) -> Cow<'static, [u8]> {
    match types::name_of(code) {
        Some(name) => Cow::Borrowed(name.as_bytes()),
        None => Cow::Owned(format!("UNKNOWN[{code}]").into_bytes()),
    }
}

impl ReportKind {
    /// Whether the report shows the event at all (the time report sees every event).
    pub fn selects(self, view: &EventView) -> bool {
        use ReportKind::*;
        if let Some(found) = self.selecting_type(&view.facts) {
            return found.is_some();
        }
        let f = &view.facts;
        match self {
            Avc => f.has_type(is_avc).is_some(),
            Comm => f.comm.is_some(),
            Exe => f.exe.is_some(),
            Files => !f.files.is_empty(),
            Hosts => f.host.is_some(),
            Keys => !f.keys.is_empty(),
            Pids => f.pid.is_some(),
            Syscalls => f.syscall.is_some(),
            Terminals => f.terminal.is_some(),
            // aureport's user report is of events run under a set uid.
            Users => f.uid.is_some_and(|u| u.value.raw() != b"4294967295"),
            Events | Time => true,
            _ => false,
        }
    }

    /// The type shown in the `type` column: the record type the event was selected by, or
    /// the type of its first record.
    fn shown_type(self, view: &EventView) -> Cow<'static, [u8]> {
        let selected = self.selecting_type(&view.facts).flatten();
        type_name(selected.or(view.facts.types.first().copied()).unwrap_or(0))
    }

    /// Appends the event's rows (one per AVC decision for the AVC report, else one).
    pub fn rows(self, view: &EventView, out: &mut RowBuilder) {
        use ReportKind::*;
        let serial = view.serial();
        if self == Avc {
            for avc in &view.facts.avcs {
                out.start(view.event);
                for cell in [
                    view.comm(),
                    &avc.subject,
                    &view.syscall(),
                    &avc.class,
                    &avc.permission,
                    &avc.object,
                    &avc.result,
                    &serial,
                ] {
                    out.cell(cell);
                }
            }
            return;
        }
        out.start(view.event);
        let auid = || view.auid();
        let kind = || self.shown_type(view);
        let cells: Vec<Cow<[u8]>> = match self {
            Auth => vec![
                view.auth_account(),
                view.host().into(),
                view.term().into(),
                view.exe().into(),
                view.success().into(),
            ],
            Logins => vec![
                view.login_account(),
                view.host().into(),
                view.term().into(),
                view.exe().into(),
                view.success().into(),
            ],
            Mods => vec![
                auid(),
                view.host().into(),
                view.term().into(),
                view.exe().into(),
                view.acct().into(),
                view.success().into(),
            ],
            Config => vec![kind(), auid(), view.success().into()],
            Crypto | Mac => vec![auid(), kind(), view.success().into()],
            Integrity | Virt | Responses => vec![kind(), view.success().into()],
            Events => vec![kind(), auid(), view.success().into()],
            Keys => vec![
                view.facts.keys[0].clone(),
                view.success().into(),
                view.exe().into(),
                auid(),
            ],
            Exe => vec![
                view.exe().into(),
                view.term().into(),
                view.host().into(),
                auid(),
            ],
            Comm => vec![
                view.comm().into(),
                view.term().into(),
                view.host().into(),
                auid(),
            ],
            Files => vec![
                view.facts.main_file().unwrap_or(b"?").into(),
                view.syscall(),
                view.success().into(),
                view.exe().into(),
                auid(),
            ],
            Hosts => vec![view.host().into(), view.syscall(), auid()],
            Pids => vec![
                pid_text(view.facts.pid).into(),
                view.exe().into(),
                view.syscall(),
                auid(),
            ],
            Syscalls => vec![
                view.syscall(),
                pid_text(view.facts.pid).into(),
                view.comm().into(),
                auid(),
            ],
            Terminals => vec![
                view.term().into(),
                view.host().into(),
                view.exe().into(),
                auid(),
            ],
            Users => vec![
                auid(),
                view.term().into(),
                view.host().into(),
                view.exe().into(),
            ],
            Anomaly => vec![
                kind(),
                view.facts
                    .exe
                    .as_deref()
                    .or(view.facts.comm.as_deref())
                    .unwrap_or(b"?")
                    .into(),
                view.term().into(),
                view.host().into(),
                auid(),
            ],
            Avc | Time => Vec::new(),
        };
        if self == Events {
            out.cell(&serial);
        }
        for cell in &cells {
            out.cell(cell);
        }
        if self != Events {
            out.cell(&serial);
        }
    }

    /// Calls `item` with each item the event counts for in the summary (each at most once).
    pub fn summary_items(self, view: &EventView, item: &mut impl FnMut(&[u8])) {
        use ReportKind::*;
        let f = &view.facts;
        match self {
            Auth => item(&view.auth_account()),
            Logins => item(&view.login_account()),
            Users => item(&view.auid()),
            Avc => {
                for (i, avc) in f.avcs.iter().enumerate() {
                    if !f.avcs[..i].iter().any(|a| a.object == avc.object) {
                        item(&avc.object);
                    }
                }
            }
            Comm => item(view.comm()),
            Exe => item(view.exe()),
            Files => f.distinct_files().for_each(item),
            Hosts => item(view.host()),
            Keys => f.keys.iter().for_each(|k| item(k)),
            Pids => item(&pid_text(f.pid)),
            Syscalls => item(&view.syscall()),
            Terminals => item(view.term()),
            Config | Mods | Anomaly | Responses | Crypto | Mac | Integrity | Virt | Events => {
                item(&self.shown_type(view))
            }
            Time => {}
        }
    }
}

fn pid_text(pid: Option<u64>) -> Vec<u8> {
    pid.map_or_else(|| b"?".to_vec(), |p| p.to_string().into_bytes())
}

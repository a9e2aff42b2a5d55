//! `ausift report` against `aureport -if FILE` over every file of the shared corpus: the
//! summary report's figures, and for every named report its rows and its `--summary` counts,
//! after normalising the date format and aureport's numeric type names.
//!
//! How events count. ausift counts events: an event with several records (SYSCALL, CWD,
//! PATH, PATH, PROCTITLE) is one row and adds one to each distinct item it names. aureport
//! counts the same, except where an exception below says otherwise.
//!
//! Every corpus file is compared whole (the largest is 3.2 MB; anything over 8 MiB would be
//! cut at a line end). Differences are allowed only as these named exceptions, each counted
//! where it applies (the counts are printed); everything else fails the test:
//!
//! - `split-event`: aureport closes an event at once when its first record is a "last
//!   record" type (LOGIN, USER_*, DAEMON_*), so the rest (SYSCALL, PROCTITLE) becomes a second
//!   event with the same serial (ausearch.md §4.3), which then has no syscall (shown as 0).
//! - `dropped-event`: aureport drops whole events it finds malformed (AppArmor AVCs, records
//!   without a timestamp, fields out of its order; ausearch.md §1.2); we report them.
//! - `split-or-dropped-counts`: in a file with split, dropped or unread events, summary
//!   counts may differ.
//! - `unread-field`: aureport reads no exe, terminal, uid or pid from some record types
//!   (USER_AVC's `msg='avc: …'`, URINGOP, NETFILTER_CFG, a LOGIN's tty, old DAEMON_* text, an
//!   AVC's `name=`), and shows `?` or no row where we show the value.
//! - `no-syscall`: a missing value: aureport shows a syscall-less event's syscall as 0
//!   (`read` on x86_64), a missing host as `(null)`, a missing auid as -1; we show `?`.
//! - `syscall-0`: aureport's syscall report leaves out syscall 0 (`read` on x86_64).
//! - `quoted-value`, `quoted-success`: a value written in quotes (`tty="(none)"`,
//!   `success="yes"`) keeps its quotes in aureport, which so reads `success="yes"` as failed.
//! - `assumed-success`: aureport shows `yes` for an event without `success=` or `res=` (old
//!   LOGIN, CONFIG_CHANGE); we show `unset`.
//! - `old-pam-colon`: the old PAM form's `acct=root:` keeps its colon in aureport.
//! - `head-type`: aureport's type column is the event's first record type; ours is the type
//!   the report selected the event by (MAC_POLICY_LOAD rather than the AVC before it).
//! - `avc-subject`: for a USER_AVC aureport shows the daemon's `subj=`, we the decision's
//!   `scontext=`.
//! - `no-decision`: a USER_AVC without an access decision (a policy load notice) is a row of
//!   `(null)`s in aureport and no row in ours.
//! - `raw-path`: aureport glues a relative PATH name to the cwd without normalising it
//!   (`/etc/ssh/../shadow`), shows names without a `./` unjoined (`.` itself too, where we
//!   show the cwd), and counts `(null)` names.
//! - `per-record`: aureport adds a file, key or AVC object once per record naming it; we
//!   count each event once per distinct item, so only these summaries may count lower.
//! - `users-selection`: aureport's user rows are events with a uid, its user summary counts
//!   events with an auid; ours counts the events of the rows, so never more.
//! - `seccomp-anomaly`: aureport's anomaly report shows SECCOMP events but its summary report
//!   does not count them; ours counts them in both.
//! - `time-range`: aureport's range is its first and last event in read order and its
//!   selected range drops the milliseconds; ours is the earliest and latest.

mod common;

use ausift::commands::report::{self, ReportFormat, ReportKind, ReportOptions};
use ausift::input::DiscoverOptions;
use ausift::interpret::names::NoNames;
use ausift::output::Sink;
use ausift::pipeline::PipelineOptions;
use ausift::query::Filter;
use ausift::query::time::Zone;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

/// A `Write` into a shared buffer, for a sink whose bytes the test reads back.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn ausift_report(file: &Path, kind: Option<ReportKind>, summary: bool) -> String {
    let options = ReportOptions {
        inputs: vec![file.display().to_string()],
        filter: Filter::default(),
        report: kind,
        summary,
        interpret: false,
        names: Arc::new(NoNames),
        top: None,
        format: ReportFormat::Text,
        color: false,
        zone: Zone::Utc,
        outcome: None,
        selected: (None, None),
        pipeline: PipelineOptions {
            threads: 1,
            ..PipelineOptions::default()
        },
        discover: DiscoverOptions::default(),
    };
    let buffer = Shared::default();
    let mut sink = Sink::new(
        Box::new(buffer.clone()),
        false,
        ausift::output::sink::TerminalEscape::Nothing,
    );
    report::run(&options, &mut sink);
    drop(sink);
    let bytes = buffer.0.lock().unwrap().clone();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn aureport(tool: &Path, file: &Path, option: Option<&str>, summary: bool) -> String {
    let mut cmd = Command::new(tool);
    cmd.env("TZ", "UTC").env("LC_ALL", "C").arg("-if").arg(file);
    cmd.args(option);
    if summary {
        cmd.arg("--summary");
    }
    let output = cmd.output().expect("aureport runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// aureport's `MM/DD/YY` as `20YY-MM-DD`.
fn iso_date(date: &str) -> String {
    let parts: Vec<&str> = date.split('/').collect();
    if parts.len() != 3 {
        return date.to_string();
    }
    let year: u32 = parts[2].parse().unwrap_or(0);
    let century = if year >= 70 { 1900 } else { 2000 };
    format!("{}-{}-{}", century + year, parts[0], parts[1])
}

/// A detailed report's rows without their numbers, dates in ISO form.
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|line| {
            let (number, rest) = line.split_once(". ")?;
            number.parse::<u64>().ok()?;
            let mut cells: Vec<String> = rest.split(' ').map(str::to_string).collect();
            cells[0] = iso_date(&cells[0]);
            Some(cells)
        })
        .collect()
}

/// A summary's counts per item.
fn counts(text: &str, numeric_types: bool) -> BTreeMap<String, u64> {
    text.lines()
        .filter_map(|line| {
            let (count, item) = line.split_once(' ')?;
            let count = count.parse::<u64>().ok()?;
            let item = item.trim_start();
            let item = match item.parse::<u32>() {
                Ok(code) if numeric_types => type_name(code),
                _ => item.to_string(),
            };
            Some((item, count))
        })
        .collect()
}

fn type_name(code: u32) -> String {
    ausift::record::types::name_of(code).map_or_else(|| format!("UNKNOWN[{code}]"), str::to_string)
}

/// The summary report's figures by label.
fn figures(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let (label, value) = line.split_once(": ")?;
            Some((label.to_string(), value.to_string()))
        })
        .collect()
}

const TYPE_SUMMARIES: &[ReportKind] = &[
    ReportKind::Config,
    ReportKind::Mods,
    ReportKind::Anomaly,
    ReportKind::Responses,
    ReportKind::Crypto,
    ReportKind::Mac,
    ReportKind::Integrity,
    ReportKind::Virt,
    ReportKind::Events,
];

/// Reports whose summary may count an item once per record (aureport) rather than once per
/// event (ausift).
const PER_RECORD: &[ReportKind] = &[ReportKind::Files, ReportKind::Avc, ReportKind::Keys];

/// What the events report of both tools says about a file's events.
struct EventSets {
    /// Serials aureport shows more than once: events it split.
    split: BTreeSet<String>,
    /// Serials only ausift shows: events aureport dropped.
    dropped: BTreeSet<String>,
    /// The type of each event, as our events report shows it.
    types: BTreeMap<String, String>,
}

/// Record types aureport reads few or no fields of: it finds no exe, terminal, uid or pid in
/// them (the `msg='avc: …'` of a USER_AVC, URINGOP, NETFILTER_CFG, the ENRICHED user records
/// of some auditd versions).
const UNREAD_TYPES: &[&str] = &["USER_AVC", "URINGOP", "NETFILTER_CFG"];

impl EventSets {
    /// Whether aureport reads the fields `kind` shows from this event: not from the types
    /// above, nor the terminal of a LOGIN record, nor the text of an old DAEMON_* record, nor
    /// (sometimes) the `name=` of an AVC.
    fn unread(&self, serial: &str, kind: ReportKind) -> bool {
        self.types.get(serial).is_some_and(|t| {
            UNREAD_TYPES.contains(&t.as_str())
                || (t == "LOGIN" && kind == ReportKind::Terminals)
                || (t == "AVC" && kind == ReportKind::Files)
                || t.starts_with("DAEMON_")
        })
    }

    fn has_unread(&self) -> bool {
        self.types
            .values()
            .any(|t| UNREAD_TYPES.contains(&t.as_str()))
    }
}

/// An event's identity in a row: serial, date and time (serials restart with the daemon).
fn serial_of(kind: ReportKind, row: &[String]) -> String {
    let serial = if kind == ReportKind::Events {
        &row[2]
    } else {
        row.last().unwrap()
    };
    format!("{serial}@{} {}", row[0], row[1])
}

fn event_sets(ours: &[Vec<String>], theirs: &[Vec<String>]) -> EventSets {
    let mut seen = BTreeMap::<String, usize>::new();
    for row in theirs {
        *seen.entry(serial_of(ReportKind::Events, row)).or_default() += 1;
    }
    let split = seen
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(s, _)| s.clone())
        .collect();
    let dropped = ours
        .iter()
        .map(|r| serial_of(ReportKind::Events, r))
        .filter(|s| !seen.contains_key(s))
        .collect();
    let types = ours
        .iter()
        .map(|r| (serial_of(ReportKind::Events, r), r[3].clone()))
        .collect();
    EventSets {
        split,
        dropped,
        types,
    }
}

/// The named exception a differing cell falls under, if any.
fn cell_exception(column: &str, ours: &str, theirs: &str) -> Option<&'static str> {
    let normalised = String::from_utf8(ausift::query::normalize_path(theirs.as_bytes())).unwrap();
    match (column, ours, theirs) {
        ("syscall", "?", "0") => Some("no-syscall"),
        // aureport reads no syscall in an event it split off from its SYSCALL record.
        ("syscall", _, "0") => Some("split-event"),
        (_, ours, theirs) if theirs.trim_matches('"') == ours => Some("quoted-value"),
        // aureport reads fewer fields of some record types (exe of a USER_AVC, tty of a
        // USER_* record).
        (_, _, "?") => Some("unread-field"),
        // For USER_AVC aureport shows the subject of the record (the daemon), not the
        // decision's scontext.
        ("subj", _, _) => Some("avc-subject"),
        // aureport shows PATH names as written; we join relative names to the cwd.
        ("file", ours, theirs) if ours.ends_with(&format!("/{theirs}")) => Some("raw-path"),
        ("file", ours, "." | "..") if ours.starts_with('/') => Some("raw-path"),
        (_, "?", "(null)" | "-1" | "-2" | "0" | "unset") => Some("no-syscall"),
        ("success", "unset", "yes" | "no") => Some("assumed-success"),
        ("success", "yes", "no") => Some("quoted-success"),
        ("type", _, _) => Some("head-type"),
        (_, ours, theirs) if theirs.strip_suffix(':') == Some(ours) => Some("old-pam-colon"),
        ("file" | "obj", ours, _) if ours == normalised || theirs == "(null)" => Some("raw-path"),
        _ => None,
    }
}

/// Whether two rows of one event agree once every named exception is allowed, counting the
/// exceptions used.
fn rows_agree(
    columns: &[&str],
    ours: &[String],
    theirs: &[String],
    used: &mut BTreeMap<&'static str, u64>,
) -> bool {
    if ours.len() != theirs.len() {
        return false;
    }
    let mut found = Vec::new();
    for (i, (a, b)) in ours.iter().zip(theirs).enumerate().skip(2) {
        if a == b {
            continue;
        }
        match cell_exception(columns[i - 2], a, b) {
            Some(name) => found.push(name),
            None => return false,
        }
    }
    for name in found {
        *used.entry(name).or_default() += 1;
    }
    true
}

/// Outcome of comparing one file.
#[derive(Default)]
struct FileResult {
    agreeing_rows: u64,
    exceptions: BTreeMap<&'static str, u64>,
    unexplained: Vec<String>,
}

fn compare_rows(
    kind: ReportKind,
    sets: &EventSets,
    ours: &[Vec<String>],
    theirs: &[Vec<String>],
    result: &mut FileResult,
    label: &str,
) {
    let group = |rows: &[Vec<String>]| {
        let mut map = BTreeMap::<String, Vec<Vec<String>>>::new();
        for row in rows {
            map.entry(serial_of(kind, row))
                .or_default()
                .push(row.clone());
        }
        map
    };
    let (ours, theirs) = (group(ours), group(theirs));
    let columns = kind.columns();
    let serials: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    for serial in serials {
        let a = ours.get(serial).map_or(&[][..], Vec::as_slice);
        let b = theirs.get(serial).map_or(&[][..], Vec::as_slice);
        // aureport's syscall report leaves out syscall 0 (read on x86_64).
        if b.is_empty() && kind == ReportKind::Syscalls && a.iter().all(|r| r[2] == "0") {
            *result.exceptions.entry("syscall-0").or_default() += 1;
            continue;
        }
        if a.is_empty() && sets.split.contains(serial) {
            *result.exceptions.entry("split-event").or_default() += 1;
            continue;
        }
        // A USER_AVC without an access decision (a policy load notice): aureport prints a row
        // of (null)s.
        if a.is_empty() && kind == ReportKind::Avc && b.iter().all(|r| r[5] == "(null)") {
            *result.exceptions.entry("no-decision").or_default() += 1;
            continue;
        }
        if b.is_empty() && sets.dropped.contains(serial) {
            *result.exceptions.entry("dropped-event").or_default() += a.len() as u64;
            continue;
        }
        if sets.unread(serial, kind) {
            *result.exceptions.entry("unread-field").or_default() += 1;
            continue;
        }
        let mut used = BTreeMap::new();
        // Each of our rows must match one of aureport's for the event (aureport may have more
        // for a split event, or one per AVC record).
        let agree = !a.is_empty()
            && a.iter()
                .all(|row| b.iter().any(|t| rows_agree(columns, row, t, &mut used)))
            && (a.len() >= b.len() || sets.split.contains(serial));
        if agree {
            result.agreeing_rows += a.len() as u64;
            for (name, n) in used {
                *result.exceptions.entry(name).or_default() += n;
            }
            if b.len() > a.len() {
                *result.exceptions.entry("split-event").or_default() += 1;
            }
        } else {
            let kind_of = sets.types.get(serial).cloned().unwrap_or_default();
            result.unexplained.push(format!(
                "{label}: event {serial} ({kind_of}): ausift {a:?} aureport {b:?}"
            ));
        }
    }
}

fn compare_counts(
    kind: ReportKind,
    sets: &EventSets,
    ours: &BTreeMap<String, u64>,
    theirs: &BTreeMap<String, u64>,
    result: &mut FileResult,
    label: &str,
) {
    let mut ours = ours.clone();
    if kind == ReportKind::Syscalls && ours.remove("0").is_some() {
        *result.exceptions.entry("syscall-0").or_default() += 1;
    }
    let ours = &ours;
    let mut theirs_normalised = BTreeMap::<String, u64>::new();
    for (item, n) in theirs {
        let item = match kind {
            ReportKind::Files if item == "(null)" => continue,
            ReportKind::Files => {
                String::from_utf8(ausift::query::normalize_path(item.as_bytes())).unwrap()
            }
            ReportKind::Logins | ReportKind::Auth => item.trim_end_matches(':').to_string(),
            _ => item.trim_matches('"').to_string(),
        };
        *theirs_normalised.entry(item).or_default() += n;
    }
    if *ours == theirs_normalised {
        return;
    }
    // Counts may differ only where events were split or dropped, or where aureport counts
    // records; and then never in the direction those cannot explain.
    let unread_logins = kind == ReportKind::Terminals && sets.types.values().any(|t| t == "LOGIN");
    let irregular =
        !sets.split.is_empty() || !sets.dropped.is_empty() || sets.has_unread() || unread_logins;
    // aureport's user summary counts events with an auid, its user rows events with a uid;
    // ours counts the events of the rows.
    if kind == ReportKind::Users
        && ours
            .iter()
            .all(|(item, n)| theirs_normalised.get(item).is_some_and(|t| n <= t))
    {
        *result.exceptions.entry("users-selection").or_default() += 1;
        return;
    }
    let per_record = PER_RECORD.contains(&kind);
    let mixed_types = TYPE_SUMMARIES.contains(&kind);
    if irregular || per_record || mixed_types {
        let name = if irregular {
            "split-or-dropped-counts"
        } else if per_record {
            "per-record"
        } else {
            "head-type"
        };
        *result.exceptions.entry(name).or_default() += 1;
        return;
    }
    result.unexplained.push(format!(
        "{label} --summary: ausift {ours:?} aureport {theirs_normalised:?}"
    ));
}

fn compare_file(tool: &Path, file: &Path) -> FileResult {
    let mut result = FileResult::default();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let event_rows = (
        rows(&ausift_report(file, Some(ReportKind::Events), false)),
        rows(&aureport(tool, file, Some("-e"), false)),
    );
    let sets = event_sets(&event_rows.0, &event_rows.1);
    compare_summary_report(tool, file, &sets, &mut result, &name);
    for &(kind, _, option) in report::REPORTS {
        if kind == ReportKind::Time {
            continue;
        }
        let label = format!("{name} {option}");
        let ours = rows(&ausift_report(file, Some(kind), false));
        let theirs = if kind == ReportKind::Events {
            event_rows.1.clone()
        } else {
            rows(&aureport(tool, file, Some(option), false))
        };
        compare_rows(kind, &sets, &ours, &theirs, &mut result, &label);
        let our_counts = counts(&ausift_report(file, Some(kind), true), false);
        if ours.is_empty() && theirs.is_empty() {
            // Neither tool selects an event, so neither summary has an item.
            assert!(
                our_counts.is_empty(),
                "{label}: a summary without rows: {our_counts:?}"
            );
            continue;
        }
        let their_counts = counts(
            &aureport(tool, file, Some(option), true),
            TYPE_SUMMARIES.contains(&kind),
        );
        compare_counts(kind, &sets, &our_counts, &their_counts, &mut result, &label);
    }
    result
}

fn compare_summary_report(
    tool: &Path,
    file: &Path,
    sets: &EventSets,
    result: &mut FileResult,
    name: &str,
) {
    let ours = figures(&ausift_report(file, None, false));
    let theirs = figures(&aureport(tool, file, None, false));
    let irregular = !sets.split.is_empty() || !sets.dropped.is_empty() || sets.has_unread();
    for (label, value) in &theirs {
        let mine = ours.get(label).cloned().unwrap_or_default();
        if mine == *value {
            continue;
        }
        if label == "Number of events" {
            let expected = value.parse::<usize>().unwrap() - sets.split.len() + sets.dropped.len();
            if mine.parse::<usize>().unwrap() == expected {
                *result.exceptions.entry("split-event").or_default() += 1;
                continue;
            }
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let has = |t: &str| sets.types.values().any(|v| v == t);
        let name_of_exception = if label.contains("time") {
            "time-range"
        } else if label.contains("failed syscalls") && text.contains("success=\"") {
            "quoted-success"
        } else if label.contains("anomaly") && has("SECCOMP") {
            // aureport's anomaly report shows SECCOMP events, its summary does not count them.
            "seccomp-anomaly"
        } else if label.contains("terminals") && has("LOGIN") {
            "unread-field"
        } else if label.contains("time") {
            "time-range"
        } else if irregular {
            "split-or-dropped-counts"
        } else if label.contains("files") {
            "raw-path"
        } else {
            ""
        };
        if name_of_exception.is_empty() {
            result.unexplained.push(format!(
                "{name}: summary {label}: ausift {mine}, aureport {value}"
            ));
        } else {
            *result.exceptions.entry(name_of_exception).or_default() += 1;
        }
    }
}

/// Inputs larger than this are compared on their first lines up to this size, which bounds
/// the test's time (both tools run 40-odd times per file, ausift as a debug build).
const LARGEST_INPUT: usize = 8 << 20;

/// `file`, or a copy of its first lines in `scratch` when it is large.
fn bounded(file: &Path, scratch: &Path) -> PathBuf {
    let bytes = std::fs::read(file).unwrap();
    if bytes.len() <= LARGEST_INPUT {
        return file.to_path_buf();
    }
    let end = bytes[..LARGEST_INPUT]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let copy = scratch.join(file.file_name().unwrap());
    std::fs::write(&copy, &bytes[..end]).unwrap();
    copy
}

#[test]
fn reports_agree_with_aureport_on_the_corpus() {
    let test = "reports_agree_with_aureport_on_the_corpus";
    let Some(dir) = common::corpus_dir(test) else {
        return;
    };
    let Some(tool) = common::reference_tool("aureport", test) else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = common::corpus_files(&dir)
        .into_iter()
        .map(|file| bounded(&file, scratch.path()))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let all = Mutex::new(FileResult::default());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while let Some(file) =
                    files.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    let result = compare_file(&tool, file);
                    let mut all = all.lock().unwrap();
                    all.agreeing_rows += result.agreeing_rows;
                    for (name, n) in result.exceptions {
                        *all.exceptions.entry(name).or_default() += n;
                    }
                    all.unexplained.extend(result.unexplained);
                }
            });
        }
    });
    let all = all.into_inner().unwrap();
    println!(
        "rows agreeing: {}; named exceptions: {:?}",
        all.agreeing_rows, all.exceptions
    );
    // Most rows must agree outright: the exceptions are the irregular corners.
    assert!(
        all.agreeing_rows > 10_000,
        "only {} rows agree",
        all.agreeing_rows
    );
    assert!(
        all.unexplained.is_empty(),
        "{} differences no named exception explains:\n{}",
        all.unexplained.len(),
        all.unexplained
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

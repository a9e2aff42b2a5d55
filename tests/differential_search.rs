//! `ausift search` against `ausearch -if FILE … --raw` over every file of the shared corpus:
//! the set of event ids each finds must be equal, except where ausearch is known to be wrong,
//! and each such exception is asserted by name:
//!
//! - `apparmor`: ausearch drops whole events holding an AppArmor AVC (`apparmor="…"` without
//!   `avc:`), even with no filter (ausearch.md §1.2, audit-userspace#351); kernel syslog lines
//!   (`audit: type=1400 …`) carry such records too.
//! - `no-header`: ausearch drops records without a timestamp (`type=UNKNOWN[1329] msg=?`); we
//!   output them, and they have no id to compare, so they are counted instead.
//! - `last-record-wins`: ausearch keeps one value per field per event, the last record's
//!   (ausearch.md §1.2, audit-userspace#94); an event whose records carry different values of
//!   the filtered field is found by us and missed by ausearch.
//! - `unread-type`: ausearch 3.0.9 reads no fields of record types it does not know, such as
//!   URINGOP (io_uring), so `-p` misses a URINGOP event that carries the pid.
//! - `no-syscall-is-0`: ausearch gives an event without a `syscall=` field the syscall number 0,
//!   so `-sc 0` (read on x86_64) also finds CONFIG_CHANGE and other syscall-less events.
//! - `question-mark-is-0`: ausearch reads an unset id written `?` (`auid=?` in DAEMON_END) as 0
//!   (and so as root).
//! - `tty-record-uid`: ausearch gives a TTY record uid 0 whatever its `uid=` says.
//! - `no-uid-is-0`: ausearch gives an event without any `uid=` (a NETFILTER_CFG record) uid 0,
//!   so `-ui 0` and `-ui root` find it.
//! - `old-form-record`: ausearch drops as malformed an event holding a record of an older form
//!   than its parser expects (ANOM_PROMISCUOUS without `uid=`, NETFILTER_CFG without `pid=`)
//!   as soon as a filter reads fields.
//! - `daemon-name`: ausearch compares a user name (`-ui root`) with the name it interprets for
//!   the event, and interprets none for DAEMON_* records, though it finds them by number.
//! - `unsupported-year`: ausearch rejects -ts/-te before 2004 and reads 2-digit years, so time
//!   ranges are only compared for files dated 2004–2099.

mod common;

use regex::bytes::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

type Id = (String, String);

static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:node=(\S+) )?.*?audit\((\d+\.\d+:\d+)\)").unwrap());

fn id_of(line: &[u8]) -> Option<Id> {
    let caps = ID.captures(line)?;
    let node = caps
        .get(1)
        .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned())
        .unwrap_or_default();
    Some((node, String::from_utf8_lossy(&caps[2]).into_owned()))
}

fn ids(output: &[u8]) -> BTreeSet<Id> {
    output.split(|&b| b == b'\n').filter_map(id_of).collect()
}

/// The input's records, grouped by event id.
fn events_of(file: &Path) -> BTreeMap<Id, Vec<Vec<u8>>> {
    let bytes = std::fs::read(file).unwrap();
    let mut events: BTreeMap<Id, Vec<Vec<u8>>> = BTreeMap::new();
    for line in bytes.split(|&b| b == b'\n') {
        if let Some(id) = id_of(line) {
            events.entry(id).or_default().push(line.to_vec());
        }
    }
    events
}

/// The values of `name=` in a record, also the first one inside `msg='…'`.
fn field_values<'a>(line: &'a [u8], name: &str) -> Vec<&'a [u8]> {
    let pattern = format!("{name}=");
    let mut values = Vec::new();
    let mut rest = line;
    while let Some(at) = memchr::memmem::find(rest, pattern.as_bytes()) {
        let value = &rest[at + pattern.len()..];
        let end = value
            .iter()
            .position(|&b| b == b' ' || b == 0x1d)
            .unwrap_or(value.len());
        if at > 0 && matches!(rest[at - 1], b' ' | b'\'') {
            values.push(value[..end].strip_suffix(b":").unwrap_or(&value[..end]));
        }
        rest = &value[end..];
    }
    values
}

/// Records of an older form than ausearch's parser for their type expects (no `uid=` in
/// ANOM_PROMISCUOUS, no `pid=` in NETFILTER_CFG): ausearch drops the whole event as
/// malformed once a filter needs its fields.
fn has_old_form_record(records: &[Vec<u8>]) -> bool {
    records.iter().any(|r| {
        (r.starts_with(b"type=ANOM_PROMISCUOUS ") && field_values(r, "uid").is_empty())
            || (r.starts_with(b"type=NETFILTER_CFG ") && field_values(r, "pid").is_empty())
    })
}

/// Whether only DAEMON_* records of the event carry these fields: ausearch compares a user
/// name given to -ui/-ua with the name it interprets, which it does not for daemon records.
fn only_daemon_records_carry(records: &[Vec<u8>], fields: &[&str]) -> bool {
    let carriers: Vec<&Vec<u8>> = records
        .iter()
        .filter(|r| fields.iter().any(|f| !field_values(r, f).is_empty()))
        .collect();
    !carriers.is_empty() && carriers.iter().all(|r| r.starts_with(b"type=DAEMON_"))
}

/// Whether the event's records give the fields more than one value in all (ausearch keeps
/// one, the last).
fn several_values(records: &[Vec<u8>], fields: &[&str]) -> bool {
    let all: BTreeSet<Vec<u8>> = fields
        .iter()
        .flat_map(|f| distinct_values(records, f))
        .collect();
    all.len() > 1
}

fn distinct_values(records: &[Vec<u8>], name: &str) -> BTreeSet<Vec<u8>> {
    records
        .iter()
        .flat_map(|r| field_values(r, name).into_iter().map(<[u8]>::to_vec))
        .collect()
}

/// Record types whose fields ausearch 3.0.9 does not read.
const UNREAD_TYPES: &[&[u8]] = &[b"type=URINGOP "];

fn only_in_unread_types(records: &[Vec<u8>], field: &str) -> bool {
    let carriers: Vec<&Vec<u8>> = records
        .iter()
        .filter(|r| !field_values(r, field).is_empty())
        .collect();
    !carriers.is_empty()
        && carriers.iter().all(|r| {
            UNREAD_TYPES
                .iter()
                .any(|t| memchr::memmem::find(r, t).is_some())
        })
}

struct Case {
    label: String,
    ausearch: Vec<String>,
    ausift: Vec<String>,
    /// The fields whose multiple values per event ausearch mishandles.
    field: Option<&'static [&'static str]>,
}

fn case(label: &str, args: &[String], field: Option<&'static [&'static str]>) -> Case {
    Case {
        label: label.to_string(),
        ausearch: args.to_vec(),
        ausift: args.to_vec(),
        field,
    }
}

/// The file's most common value of a field, skipping some values.
type MostCommon<'a> = dyn Fn(&str, &[&[u8]]) -> Option<String> + 'a;

/// A case for `option` with the file's most common value of `field` (quotes removed), if
/// any value passes `usable`.
fn value_case(
    most_common: &MostCommon,
    option: &str,
    fields: &'static [&'static str],
    usable: fn(&str) -> bool,
) -> Option<Case> {
    let value = most_common(fields[0], &[b"?", b"(none)", b"\"?\""])?;
    let value = value.trim_matches('"').to_string();
    usable(&value).then(|| case(option, &[option.to_string(), value], Some(fields)))
}

/// The filters to compare on one file, with values taken from the file itself.
fn cases(events: &BTreeMap<Id, Vec<Vec<u8>>>) -> Vec<Case> {
    let mut cases = vec![case("no filter", &[], None)];
    let all: Vec<&Vec<u8>> = events.values().flatten().collect();
    let most_common = |name: &str, skip: &[&[u8]]| {
        let mut counts: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
        for line in &all {
            for v in field_values(line, name) {
                if !skip.contains(&v) {
                    *counts.entry(v.to_vec()).or_default() += 1;
                }
            }
        }
        counts
            .into_iter()
            .max_by_key(|(v, n)| (*n, std::cmp::Reverse(v.clone())))
            .map(|(v, _)| String::from_utf8_lossy(&v).into_owned())
    };
    if let Some(key) = most_common("key", &[b"(null)"]) {
        let key = key.trim_matches('"').to_string();
        if !key.chars().all(|c| c.is_ascii_hexdigit()) {
            cases.push(case("-k", &["-k".into(), key], None));
        }
    }
    let types: BTreeMap<String, usize> = all.iter().fold(BTreeMap::new(), |mut m, line| {
        if let Some(t) = field_values(&[b" ", line.as_slice()].concat(), "type").first() {
            *m.entry(String::from_utf8_lossy(t).into_owned())
                .or_default() += 1;
        }
        m
    });
    let named: Vec<(&String, &usize)> = types
        .iter()
        .filter(|(t, _)| !t.starts_with(|c: char| c.is_ascii_digit()) && !t.starts_with("UNKNOWN"))
        .collect();
    if let Some((t, _)) = named
        .iter()
        .max_by_key(|(t, n)| (**n, std::cmp::Reverse((*t).clone())))
    {
        cases.push(case("-m common", &["-m".into(), (*t).clone()], None));
    }
    if let Some((t, _)) = named.iter().min_by_key(|(t, n)| (**n, (*t).clone())) {
        cases.push(case("-m rare", &["-m".into(), (*t).clone()], None));
    }
    if let Some(pid) = most_common("pid", &[]) {
        cases.push(case("-p", &["-p".into(), pid.clone()], Some(&["pid"])));
        cases.push(Case {
            label: "--where pid".into(),
            ausearch: vec!["-p".into(), pid.clone()],
            ausift: vec!["--where".into(), format!("pid = {pid}")],
            field: Some(&["pid"]),
        });
    }
    if let Some(comm) = most_common("comm", &[]) {
        let comm = comm.trim_matches('"');
        if comm
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '\'' && c != '"')
        {
            // ausearch -c with -w compares whole values, as = does.
            cases.push(Case {
                label: "--where comm".into(),
                ausearch: vec!["-c".into(), comm.into(), "-w".into()],
                ausift: vec!["--where".into(), format!("comm = '{comm}'")],
                field: Some(&["comm"]),
            });
        }
    }
    if most_common("uid", &[]).is_none_or(|u| u != "?") {
        // Names: ausearch looks root up here and compares the event's interpreted name.
        cases.push(case("-ui", &["-ui".into(), "root".into()], Some(&["uid"])));
        cases.push(case(
            "-ga",
            &["-ga".into(), "root".into()],
            Some(&["egid", "gid", "id"]),
        ));
    }
    if let Some(exe) = most_common("exe", &[]) {
        let exe = exe.trim_matches('"');
        if exe.starts_with('/') {
            let tail = exe.rsplit('/').next().unwrap_or(exe).to_string();
            cases.push(case("-x", &["-x".into(), tail], Some(&["exe"])));
        }
    }
    if let Some(nr) = most_common("syscall", &[]) {
        let x86_64 = all
            .iter()
            .any(|l| field_values(l, "arch").contains(&&b"c000003e"[..]));
        let spec = if x86_64 && nr == "59" {
            "execve".to_string()
        } else {
            nr
        };
        cases.push(case("--syscall", &["-sc".into(), spec], Some(&["syscall"])));
    }
    let number = |v: &str| v.parse::<u32>().is_ok();
    let text = |v: &str| !v.is_empty() && !v.chars().all(|c| c.is_ascii_hexdigit());
    let more = [
        value_case(&most_common, "-gi", &["gid", "id"], number),
        value_case(&most_common, "-ge", &["egid"], number),
        value_case(&most_common, "-ga", &["egid", "gid", "id"], number),
        value_case(&most_common, "-ua", &["euid", "uid", "auid"], number),
        value_case(&most_common, "--session", &["ses"], number),
        value_case(&most_common, "-tm", &["terminal", "tty"], text),
        value_case(&most_common, "-tm", &["tty", "terminal"], text),
        value_case(&most_common, "-hn", &["hostname", "addr"], text),
        value_case(&most_common, "-su", &["subj", "scontext"], text),
        value_case(&most_common, "-o", &["tcontext"], text),
        value_case(&most_common, "-se", &["scontext", "subj", "tcontext"], text),
        value_case(&most_common, "-uu", &["uuid"], text),
        value_case(&most_common, "-vm", &["vm"], text),
        value_case(&most_common, "-e", &["exit"], |v| v.parse::<i64>().is_ok()),
    ];
    cases.extend(more.into_iter().flatten());
    if let Some(exit) = most_common("exit", &[])
        && let Some(name) = errno_name(&exit)
    {
        // ausearch reads an errno name as the positive number; its -e -13 is our -e EACCES.
        cases.push(Case {
            label: "-e ERRNO".into(),
            ausearch: vec!["-e".into(), exit.clone()],
            ausift: vec!["-e".into(), name.into()],
            field: Some(&["exit"]),
        });
    }
    if let Some(name) = most_common("name", &[b"(null)"]) {
        let name = name.trim_matches('"');
        if name.starts_with('/') && !name.contains("..") && !name.contains("//") {
            cases.push(case(
                "-f",
                &["-f".into(), name.to_string()],
                Some(&["name"]),
            ));
        }
    }
    if let Some(key) = most_common("key", &[b"(null)"]) {
        let key = key.trim_matches('"').to_string();
        if text(&key) && key.len() > 2 {
            let part = key[..key.len() - 1].to_string();
            cases.push(case("-k part -w", &["-k".into(), part, "-w".into()], None));
        }
    }
    if let Some(range) = time_range(events) {
        cases.push(range);
    }
    cases
}

/// The errno name of a failing exit value (`-13` → `EACCES`).
fn errno_name(exit: &str) -> Option<&'static str> {
    let number: i64 = exit.parse().ok()?;
    ausift::interpret::errno::name(u32::try_from(-number).ok()?)
}

/// -ts/-te around the middle half of the file's events, in ausearch's C-locale form.
fn time_range(events: &BTreeMap<Id, Vec<Vec<u8>>>) -> Option<Case> {
    let mut secs: Vec<i64> = events
        .keys()
        .filter_map(|(_, id)| id.split('.').next()?.parse().ok())
        .collect();
    secs.sort();
    let (start, end) = (secs.get(secs.len() / 4)?, secs.get(secs.len() * 3 / 4)?);
    let format = |s: i64| {
        chrono::DateTime::from_timestamp(s, 0).map(|t| t.format("%m/%d/%y %H:%M:%S").to_string())
    };
    let year = |s: i64| chrono::DateTime::from_timestamp(s, 0).map(|t| chrono::Datelike::year(&t));
    if !(2004..2100).contains(&year(*start)?) || !(2004..2100).contains(&year(*end)?) {
        return None;
    }
    let (s, e) = (format(*start)?, format(*end)?);
    let (sd, st) = s.split_once(' ')?;
    let (ed, et) = e.split_once(' ')?;
    let args: Vec<String> = ["-ts", sd, st, "-te", ed, et]
        .iter()
        .map(|a| a.to_string())
        .collect();
    Some(case("-ts/-te", &args, None))
}

fn run_ausearch(ausearch: &Path, file: &Path, args: &[String]) -> Vec<u8> {
    let output = Command::new(ausearch)
        .arg("-if")
        .arg(file)
        .args(args)
        .arg("--raw")
        .env("LC_ALL", "C")
        .env("TZ", "UTC")
        .output()
        .expect("ausearch runs");
    output.stdout
}

fn run_ausift(file: &Path, args: &[String]) -> Vec<u8> {
    let output = common::ausift()
        .arg("search")
        .args(args)
        .arg(file)
        .arg("--format")
        .arg("raw")
        .output()
        .expect("ausift runs");
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "ausift failed on {}: {:?}",
        file.display(),
        output
    );
    output.stdout
}

#[test]
fn search_finds_the_events_ausearch_finds() {
    let Some(corpus) = common::corpus_dir("differential_search") else {
        return;
    };
    let Some(ausearch) = common::reference_tool("ausearch", "differential_search") else {
        return;
    };
    let mut compared = 0;
    let mut per_option: BTreeMap<String, usize> = BTreeMap::new();
    let mut exceptions: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for file in common::corpus_files(&corpus) {
        let events = events_of(&file);
        let apparmor: BTreeSet<&Id> = events
            .iter()
            .filter(|(_, records)| {
                records
                    .iter()
                    .any(|r| memchr::memmem::find(r, b"apparmor=").is_some())
            })
            .map(|(id, _)| id)
            .collect();
        for case in cases(&events) {
            let theirs = ids(&run_ausearch(&ausearch, &file, &case.ausearch));
            let ours_raw = run_ausift(&file, &case.ausift);
            let ours = ids(&ours_raw);
            compared += 1;
            *per_option.entry(case.label.clone()).or_default() += 1;
            for id in ours.difference(&theirs) {
                let records = &events[id];
                if apparmor.contains(id) {
                    *exceptions.entry("apparmor").or_default() += 1;
                } else if case.field.is_some() && has_old_form_record(records) {
                    *exceptions.entry("old-form-record").or_default() += 1;
                } else if case.ausearch.last().is_some_and(|v| v == "root")
                    && case
                        .field
                        .is_some_and(|f| only_daemon_records_carry(records, f))
                {
                    *exceptions.entry("daemon-name").or_default() += 1;
                } else if case
                    .field
                    .is_some_and(|fields| several_values(records, fields))
                {
                    *exceptions.entry("last-record-wins").or_default() += 1;
                } else if case
                    .field
                    .is_some_and(|f| f.iter().any(|f| only_in_unread_types(records, f)))
                {
                    *exceptions.entry("unread-type").or_default() += 1;
                } else {
                    failures.push(format!(
                        "{} [{}]: only ausift finds {:?}",
                        file.display(),
                        case.label,
                        id
                    ));
                }
            }
            for id in theirs.difference(&ours) {
                let records = &events[id];
                let uid_option = ["-ui", "-ua", "-ul"].contains(&case.label.as_str());
                let root = case
                    .ausearch
                    .last()
                    .is_some_and(|v| v == "0" || v == "root");
                if uid_option && root {
                    let unset = ["auid", "uid", "euid"].iter().any(|f| {
                        records
                            .iter()
                            .any(|r| field_values(r, f).contains(&&b"?"[..]))
                    });
                    if unset {
                        *exceptions.entry("question-mark-is-0").or_default() += 1;
                        continue;
                    }
                    if records.iter().all(|r| r.starts_with(b"type=TTY ")) {
                        *exceptions.entry("tty-record-uid").or_default() += 1;
                        continue;
                    }
                    if records.iter().all(|r| field_values(r, "uid").is_empty()) {
                        *exceptions.entry("no-uid-is-0").or_default() += 1;
                        continue;
                    }
                }
                let syscall_less = distinct_values(records, "syscall").is_empty();
                if case.label == "--syscall"
                    && case.ausift.last().is_some_and(|s| s == "0")
                    && syscall_less
                {
                    *exceptions.entry("no-syscall-is-0").or_default() += 1;
                    continue;
                }
                failures.push(format!(
                    "{} [{}]: only ausearch finds {:?}",
                    file.display(),
                    case.label,
                    id
                ));
            }
            if case.label == "no filter" {
                let headerless = ours_raw
                    .split(|&b| b == b'\n')
                    .filter(|l| l.ends_with(b"msg=?"))
                    .count();
                let input_headerless = std::fs::read(&file)
                    .unwrap()
                    .split(|&b| b == b'\n')
                    .filter(|l| l.ends_with(b"msg=?"))
                    .count();
                assert_eq!(
                    headerless,
                    input_headerless,
                    "{}: every record without a header is output",
                    file.display()
                );
                *exceptions.entry("no-header").or_default() += headerless;
            }
        }
    }
    println!("compared {compared} searches; named exceptions: {exceptions:?}");
    println!("searches per option: {per_option:?}");
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        compared > 100,
        "the corpus gave too few comparisons: {compared}"
    );
}

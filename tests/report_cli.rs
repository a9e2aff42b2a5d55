//! `ausift report` from the command line: golden output on the testdata samples, the time
//! report across a rotated set, aureport's spellings, and counts on a generated rotated,
//! gzipped, multi-host archive checked against counts computed here from the raw lines.

mod common;

use common::{assert_code, run, stdout_text, testdata};
use std::collections::{BTreeMap, BTreeSet};

/// Compares with a golden file under testdata/report/ (the golden files were checked by
/// reading them against aureport's output on the same sample).
#[track_caller]
fn assert_golden(args: &[&str], golden: &str) {
    let output = run(args);
    assert_code(&output, 0, golden);
    let expected = std::fs::read_to_string(testdata(&format!("report/{golden}"))).unwrap();
    assert_eq!(stdout_text(&output), expected, "{golden}");
}

#[test]
fn golden_reports_of_the_sample() {
    let sample = testdata("sample/audit.log");
    let text = ["--format", "text"];
    let with = |args: &[&str]| -> Vec<String> {
        args.iter().chain(&text).map(|s| s.to_string()).collect()
    };
    let run_golden = |args: Vec<String>, golden: &str| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_golden(&args, golden);
    };
    run_golden(with(&["report", &sample]), "sample-summary.txt");
    run_golden(with(&["report", "logins", &sample]), "sample-logins.txt");
    run_golden(
        with(&["report", "keys", "--summary", &sample]),
        "sample-keys-summary.txt",
    );
    assert_golden(
        &[
            "report",
            "exe",
            "--summary",
            "--top",
            "3",
            "--format",
            "csv",
            &sample,
        ],
        "sample-exe-top3.csv",
    );
    // -i takes names from the records' ENRICHED part, never from this machine.
    assert_golden(
        &[
            "report",
            "-i",
            "-au",
            "--format",
            "jsonl",
            &testdata("irregular/enriched.log"),
        ],
        "enriched-auth.jsonl",
    );
}

#[test]
fn aureport_spellings_and_names_give_the_same_report() {
    let sample = testdata("sample/audit.log");
    let by_name = run(&["report", "exe", "--summary", "--format", "csv", &sample]);
    let spelled = run(&[
        "report",
        "-x",
        "--summary",
        "--format",
        "csv",
        "-if",
        &sample,
    ]);
    assert_eq!(stdout_text(&by_name), stdout_text(&spelled));
    // With a value, -x is the search filter: the logins of sshd only.
    let filtered = run(&[
        "report",
        "-l",
        "-x",
        "/usr/sbin/sshd",
        "--failed",
        "--format",
        "csv",
        &sample,
    ]);
    let rows = stdout_text(&filtered);
    assert_eq!(
        rows.lines().count(),
        4,
        "heading and 3 failed sshd logins:\n{rows}"
    );
    assert!(rows.lines().skip(1).all(|l| l.contains(",no,")), "{rows}");
    let two = run(&["report", "exe", "-k", "-if", &sample]);
    assert_code(&two, 2, "two reports");
}

/// Earliest and latest `audit(SEC.MS:` of a log, as `SEC.MS`.
fn time_range(bytes: &[u8]) -> (String, String) {
    let times: BTreeSet<(u64, u64)> = common::lines_of(bytes)
        .iter()
        .filter_map(|line| common::record_id(line))
        .map(|(_, id)| {
            let ms = common::millis_of(&id);
            (ms / 1000, ms % 1000)
        })
        .collect();
    let text = |(s, ms): &(u64, u64)| {
        let (date, clock, _) = ausift::commands::report::output::date_time(
            *s,
            *ms as u16,
            ausift::query::time::Zone::Utc,
        );
        format!("{date} {clock}.{ms:03}")
    };
    (text(times.first().unwrap()), text(times.last().unwrap()))
}

#[test]
fn time_report_gives_each_rotated_file_its_own_range() {
    let dir = testdata("rotated");
    let output = run(&["report", "time", "--format", "text", &dir]);
    assert_code(&output, 0, "time report");
    let text = stdout_text(&output);
    for name in [
        "audit.log.3.gz",
        "audit.log.2.gz",
        "audit.log.1",
        "audit.log",
    ] {
        let path = format!("{dir}/{name}");
        let bytes = if name.ends_with(".gz") {
            common::gunzip(&path)
        } else {
            std::fs::read(&path).unwrap()
        };
        let (first, last) = time_range(&bytes);
        let expected = format!("{path}: {first} - {last}");
        assert!(
            text.lines().any(|l| l == expected),
            "missing '{expected}' in:\n{text}"
        );
    }
    // aureport -t ends audit.log.1 at 03:20:51.090, the last event it completed there; the
    // file's last record (event 730448, continued in audit.log) is at 03:21:03.847.
    assert!(text.contains("audit.log.1: 2023-11-26 02:48:03.201 - 2023-11-26 03:21:03.847"));
}

/// The events of raw lines, by node and id, with their records' types and fields.
fn events_of(bytes: &[u8]) -> BTreeMap<(Option<String>, String), Vec<String>> {
    let mut events: BTreeMap<(Option<String>, String), Vec<String>> = BTreeMap::new();
    for line in common::lines_of(bytes) {
        if let Some(id) = common::record_id(line) {
            events
                .entry(id)
                .or_default()
                .push(String::from_utf8_lossy(line).into_owned());
        }
    }
    events
}

fn field<'a>(record: &'a str, name: &str) -> Option<&'a str> {
    let at = record.find(&format!(" {name}="))? + name.len() + 2;
    let rest = &record[at..];
    let end = rest.find([' ', '\x1d', '\'']).unwrap_or(rest.len());
    Some(rest[..end].trim_matches('"'))
}

#[test]
fn reports_of_a_generated_rotated_archive_match_counts_from_its_lines() {
    let args = "--size 2M --rotate 3 --hosts 3 --enriched --seed 5 --gzip-from 2";
    let Some(dir) = common::generated_archive("report archive", args) else {
        return;
    };
    let mut all = Vec::new();
    for name in [
        "audit.log.3.gz",
        "audit.log.2.gz",
        "audit.log.1",
        "audit.log",
    ] {
        let path = dir.path().join(name).display().to_string();
        all.extend(if name.ends_with(".gz") {
            common::gunzip(&path)
        } else {
            std::fs::read(&path).unwrap()
        });
    }
    let events = events_of(&all);
    let path = dir.path().display().to_string();

    // The summary report's events, logins and failed logins.
    let output = run(&["report", "--format", "jsonl", &path]);
    assert_code(&output, 0, "summary report");
    let summary = &common::jsonl(&output.stdout)[0];
    assert_eq!(summary["events"], events.len() as u64);
    let logins = |res: &str| {
        events
            .values()
            .filter(|records| {
                records
                    .iter()
                    .any(|r| r.contains("type=USER_LOGIN ") && field(r, "res") == Some(res))
            })
            .count() as u64
    };
    assert_eq!(summary["logins"], logins("success"));
    assert_eq!(summary["failed_logins"], logins("failed"));
    assert!(logins("failed") > 0, "the archive has failed logins");

    // Executables: events per exe, each event once.
    let output = run(&["report", "exe", "--summary", "--format", "jsonl", &path]);
    let ours: BTreeMap<String, u64> = common::jsonl(&output.stdout)
        .iter()
        .map(|o| {
            (
                o["file"].as_str().unwrap().to_string(),
                o["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for records in events.values() {
        if let Some(exe) = records.iter().rev().find_map(|r| field(r, "exe")) {
            *expected.entry(exe.to_string()).or_default() += 1;
        }
    }
    assert_eq!(ours, expected);

    // Failed logins from one host, by a search filter aureport lacks.
    let host = events
        .values()
        .flatten()
        .find(|r| r.contains("type=USER_LOGIN ") && field(r, "res") == Some("failed"))
        .and_then(|r| field(r, "addr"))
        .unwrap()
        .to_string();
    let output = run(&[
        "report",
        "logins",
        "--success",
        "no",
        "--host",
        &host,
        "--format",
        "csv",
        &path,
    ]);
    let from_host = events
        .values()
        .filter(|records| {
            records.iter().any(|r| {
                r.contains("type=USER_LOGIN ")
                    && field(r, "res") == Some("failed")
                    && (field(r, "addr") == Some(&host)
                        || field(r, "hostname").is_some_and(|h| h.contains(&host)))
            })
        })
        .count();
    assert_eq!(stdout_text(&output).lines().count(), from_host + 1);
}

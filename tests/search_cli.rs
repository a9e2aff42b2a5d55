//! `ausift search` end to end: exit statuses, stdin, a closed pipe, time filters, the filters
//! on the quick-start sample, the irregular samples of `testdata/irregular/` and the JSON Lines
//! output. Expected values come from the input files themselves or from testdata/README.md.

mod common;

use common::{
    assert_code, code, event_ids, jsonl, lines_of, run, run_with_stdin, serials, stat, stderr_text,
    stdout_text, testdata,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

const SAMPLE: &str = "sample/audit.log";

fn irregular(name: &str) -> String {
    testdata(&format!("irregular/{name}"))
}

fn sample() -> String {
    testdata(SAMPLE)
}

/// The serials of the events `search ARGS FILE` prints, in output order.
fn found(args: &[&str], file: &str) -> Vec<u64> {
    let mut all: Vec<&str> = vec!["search"];
    all.extend_from_slice(args);
    all.push(file);
    let output = run(&all);
    assert!(
        code(&output) <= 1,
        "search {args:?} {file}: status {}, stderr:\n{}",
        code(&output),
        stderr_text(&output)
    );
    serials(&output.stdout)
}

/// The `--count` of `search ARGS FILE`.
fn count(args: &[&str], file: &str) -> u64 {
    let mut all: Vec<&str> = vec!["search", "--count"];
    all.extend_from_slice(args);
    all.push(file);
    let output = run(&all);
    stdout_text(&output)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("--count {args:?} {file}: {output:?}"))
}

// ---------------------------------------------------------------------------------------------
// 1. Exit statuses.

#[test]
fn exit_0_when_an_event_matches() {
    let output = run(&["search", "-k", "exec", &sample()]);
    assert_code(&output, 0, "-k exec");
    assert_eq!(serials(&output.stdout).len(), 24);
}

#[test]
fn exit_1_when_nothing_matches() {
    let output = run(&["search", "-k", "no-such-key", &sample()]);
    assert_code(&output, 1, "-k no-such-key");
    assert!(output.stdout.is_empty(), "no output expected");
    assert!(
        output.stderr.is_empty(),
        "no message expected: {}",
        stderr_text(&output)
    );

    let output = run(&["search", "--count", "-k", "no-such-key", &sample()]);
    assert_code(&output, 1, "--count with no match");
    assert_eq!(stdout_text(&output), "0\n");
}

#[test]
fn exit_2_for_a_missing_file_which_the_message_names() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-audit.log");
    let missing = missing.to_str().unwrap();
    let output = run(&["search", missing]);
    assert_code(&output, 2, "missing file");
    assert!(
        stderr_text(&output).contains(missing),
        "the message must name {missing}: {}",
        stderr_text(&output)
    );

    // The other inputs are still read, and their events printed.
    let output = run(&["search", missing, &sample()]);
    assert_code(&output, 2, "missing file beside a good one");
    assert!(stderr_text(&output).contains(missing));
    assert_eq!(serials(&output.stdout), (18231..=18353).collect::<Vec<_>>());
}

#[test]
fn exit_2_for_a_bad_start_time_with_a_one_line_error() {
    for args in [
        &["--start", "not-a-time"][..],
        &["--end", "2023-13-45"],
        &["-ts", "tomorrowish"],
    ] {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push(SAMPLE);
        let output = common::ausift()
            .args(&all)
            .current_dir(testdata(""))
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_code(&output, 2, &format!("{args:?}"));
        let stderr = stderr_text(&output);
        assert_eq!(
            stderr.lines().count(),
            1,
            "{args:?}: one line expected:\n{stderr}"
        );
        assert!(
            stderr.contains(args[1]),
            "{args:?}: the message quotes the value: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{args:?}: nothing is searched");
    }
}

#[test]
fn exit_2_for_bad_filter_values() {
    for args in [
        &["-m", "NOT_A_TYPE"][..],
        &["--syscall", "no_such_syscall"],
        &["--success", "maybe"],
        &["--tz", "Mars/Olympus"],
    ] {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        let file = sample();
        all.push(&file);
        let output = run(&all);
        assert_code(&output, 2, &format!("{args:?}"));
        assert!(output.stdout.is_empty(), "{args:?}: nothing is searched");
        assert!(!output.stderr.is_empty(), "{args:?}: a message is expected");
    }
}

#[test]
fn exit_2_for_an_unknown_option() {
    let output = run(&["search", "--no-such-option", &sample()]);
    assert_code(&output, 2, "unknown option");
    let stderr = stderr_text(&output);
    assert!(stderr.contains("--no-such-option"), "{stderr}");
    assert!(
        stderr.contains("Usage"),
        "clap's usage line expected: {stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn help_exits_0() {
    for args in [&["search", "--help"][..], &["--help"], &["search", "-h"]] {
        let output = run(args);
        assert_code(&output, 0, &format!("{args:?}"));
        let text = stdout_text(&output);
        assert!(text.contains("Usage"), "{args:?}: {text}");
    }
    let text = stdout_text(&run(&["search", "--help"]));
    for option in ["--start", "--key", "--format", "--no-mmap", "--threads"] {
        assert!(text.contains(option), "search --help lacks {option}");
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Stdin.

#[test]
fn stdin_gives_what_the_file_gives() {
    let file = sample();
    let bytes = std::fs::read(&file).unwrap();
    let from_file = run(&["search", "-k", "exec", &file]);
    assert_code(&from_file, 0, "file");

    let piped = run_with_stdin(&["search", "-k", "exec"], bytes.clone());
    assert_code(&piped, 0, "stdin");
    assert_eq!(piped.stdout, from_file.stdout, "stdin without a path");

    let dash = run_with_stdin(&["search", "-k", "exec", "-"], bytes.clone());
    assert_code(&dash, 0, "-");
    assert_eq!(dash.stdout, from_file.stdout, "`-` as the path");

    // Redirected from the file itself (a regular file on fd 0, not a pipe).
    let redirected = common::ausift()
        .args(["search", "-k", "exec"])
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .unwrap();
    assert_code(&redirected, 0, "< file");
    assert_eq!(
        redirected.stdout, from_file.stdout,
        "stdin redirected from the file"
    );
}

#[test]
fn compressed_stdin_is_decompressed() {
    let file = sample();
    let bytes = std::fs::read(&file).unwrap();
    let expected = run(&["search", "-k", "exec", &file]).stdout;
    for (tool, args) in [
        ("gzip", &["-c", "-n"][..]),
        ("zstd", &["-q", "-c"]),
        ("xz", &["-c"]),
        ("bzip2", &["-c"]),
    ] {
        let packed = common::filter_through(tool, args, &bytes);
        let output = run_with_stdin(&["search", "-k", "exec"], packed.clone());
        assert_code(&output, 0, tool);
        assert_eq!(output.stdout, expected, "{tool} data on stdin");
        let output = run_with_stdin(&["search", "-k", "exec", "-"], packed);
        assert_eq!(output.stdout, expected, "{tool} data on stdin given as -");
    }
}

#[test]
fn stdin_and_a_file_form_one_stream_of_events() {
    // The straddling event 730448 begins in audit.log.1 (on stdin) and ends in audit.log.
    let older = std::fs::read(testdata("rotated/audit.log.1")).unwrap();
    let output = run_with_stdin(
        &[
            "search",
            "--format",
            "jsonl",
            "-a",
            "730448",
            "-",
            &testdata("rotated/audit.log"),
        ],
        older,
    );
    assert_code(&output, 0, "stdin + file");
    let events = jsonl(&output.stdout);
    assert_eq!(events.len(), 1, "one event: {}", stdout_text(&output));
    assert_eq!(events[0]["records"].as_array().unwrap().len(), 6);
}

// ---------------------------------------------------------------------------------------------
// 6. A closed pipe.

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(sample()).unwrap();
    // 400 copies: about 24 MB, more than one 8 MiB mapped chunk and far more than a pipe and
    // the output buffer hold (repeated events are fine here). JSON, which is rendered a wave
    // of chunks at a time, gets 40 copies: still megabytes of output.
    let big = dir.path().join("big.log");
    std::fs::write(&big, sample.repeat(400)).unwrap();
    let medium = dir.path().join("medium.log");
    std::fs::write(&medium, sample.repeat(40)).unwrap();
    for (extra, input) in [
        (&[][..], &big),
        (&["--sort", "time"], &big),
        (&["--no-mmap", "-j1"], &big),
        (&["--format", "jsonl"], &medium),
    ] {
        let mut child = common::ausift()
            .arg("search")
            .args(extra)
            .arg(input)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut head = [0u8; 100];
        stdout.read_exact(&mut head).unwrap();
        drop(stdout);
        let mut stderr = child.stderr.take().unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(60) {
                child.kill().unwrap();
                panic!("{extra:?}: ausift still runs 60 s after its reader went away");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut message = String::new();
        stderr.read_to_string(&mut message).unwrap();
        assert_eq!(
            status.code(),
            Some(0),
            "{extra:?}: status; stderr:\n{message}"
        );
        assert!(
            !message.contains("panicked"),
            "{extra:?}: a panic:\n{message}"
        );
        assert!(
            message.is_empty(),
            "{extra:?}: a closed pipe is no error:\n{message}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 9. Time filters.

/// The events of the sample with their time in milliseconds, from the file itself.
fn sample_events() -> BTreeMap<u64, u64> {
    let bytes = std::fs::read(sample()).unwrap();
    let mut events = BTreeMap::new();
    for line in lines_of(&bytes) {
        let (_, id) = common::record_id(line).unwrap();
        events.insert(common::serial_of(&id), common::millis_of(&id));
    }
    assert_eq!(events.len(), 123);
    events
}

fn iso(millis: u64, format: &str) -> String {
    chrono::DateTime::from_timestamp_millis(millis as i64)
        .unwrap()
        .format(format)
        .to_string()
}

#[test]
fn start_and_end_select_exactly_the_events_in_range() {
    let events = sample_events();
    let serials_in = |from_ms: u64, to_ms: u64| -> Vec<u64> {
        events
            .iter()
            .filter(|(_, t)| (from_ms..=to_ms).contains(t))
            .map(|(s, _)| *s)
            .collect()
    };
    // Ranges whose bounds fall on the very second of an event (both ends are inclusive; an end
    // given to the second covers that whole second), and the README's 10:40–10:45.
    let at = |serial: u64| events[&serial] / 1000 * 1000;
    let mut ranges = vec![
        (at(18231), at(18353)),
        (at(18253), at(18254)),
        (at(18300), at(18327)),
        (at(18320), at(18320)),
        (1_700_995_200_000, 1_700_995_500_000),
    ];
    ranges.push((at(18353) + 1000, at(18353) + 60_000));
    for (from, to) in ranges {
        let expected = serials_in(from, to + 999);
        let start = iso(from, "%Y-%m-%dT%H:%M:%SZ");
        let end = iso(to, "%Y-%m-%dT%H:%M:%SZ");
        let got = found(&["--start", &start, "--end", &end], &sample());
        assert_eq!(got, expected, "--start {start} --end {end}");
        // Each bound alone.
        let got = found(&["--start", &start], &sample());
        assert_eq!(got, serials_in(from, u64::MAX), "--start {start}");
        let got = found(&["--end", &end], &sample());
        assert_eq!(got, serials_in(0, to + 999), "--end {end}");
    }
    assert_eq!(
        serials_in(1_700_995_200_000, 1_700_995_500_999).len(),
        16,
        "README: 16 events"
    );
}

#[test]
fn every_spelling_of_a_time_gives_the_same_events() {
    let file = sample();
    let expected = found(
        &[
            "--start",
            "2023-11-26T10:40:00Z",
            "--end",
            "2023-11-26T10:45:00Z",
        ],
        &file,
    );
    assert_eq!(expected.len(), 16);
    for args in [
        &[
            "-ts",
            "11/26/2023",
            "10:40:00",
            "-te",
            "11/26/2023",
            "10:45:00",
        ][..],
        &["-ts", "11/26/23", "10:40:00", "-te", "10:45:00", "11/26/23"],
        &[
            "--start",
            "11/26/2023 10:40:00",
            "--end",
            "11/26/2023 10:45:00",
        ],
        &[
            "--start",
            "2023-11-26 10:40:00",
            "--end",
            "2023-11-26 10:45:00",
        ],
        &[
            "--start",
            "2023-11-26 10:40",
            "--end",
            "2023-11-26T10:45:00",
        ],
        &[
            "--start",
            "2023-11-26T11:40:00+01:00",
            "--end",
            "2023-11-26T05:45:00-05:00",
        ],
        &["--start", "1700995200", "--end", "1700995500"],
        &[
            "--start",
            "2023-11-26T10:40:00Z",
            "--end",
            "2023-11-26T10:45:00.999Z",
        ],
    ] {
        assert_eq!(found(args, &file), expected, "{args:?}");
    }
}

#[test]
fn an_end_date_alone_includes_that_whole_day() {
    let file = sample();
    // The sample is the morning of 2023-11-26.
    assert_eq!(count(&["--end", "2023-11-26"], &file), 123);
    assert_eq!(count(&["-te", "11/26/2023"], &file), 123);
    assert_eq!(
        count(&["--start", "2023-11-26", "--end", "2023-11-26"], &file),
        123
    );
    let output = run(&["search", "--end", "2023-11-25", &file]);
    assert_code(&output, 1, "--end the day before");

    // rotated-dated spans 2023-11-23 22:17 to 2023-11-25 00:17: compute each day's events.
    let dir = testdata("rotated-dated");
    let mut bytes = common::gunzip(&testdata("rotated-dated/audit.log-20231124.gz"));
    bytes.extend(std::fs::read(testdata("rotated-dated/audit.log-20231125")).unwrap());
    bytes.extend(std::fs::read(testdata("rotated-dated/audit.log")).unwrap());
    let mut by_day: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for line in lines_of(&bytes) {
        let (_, id) = common::record_id(line).unwrap();
        let day = iso(common::millis_of(&id), "%Y-%m-%d");
        by_day
            .entry(day)
            .or_default()
            .insert(common::serial_of(&id));
    }
    let day = |d: &str| by_day[d].iter().copied().collect::<Vec<_>>();
    assert_eq!(by_day.len(), 3, "{by_day:?}");
    let mut until_24 = day("2023-11-23");
    until_24.extend(day("2023-11-24"));
    assert_eq!(found(&["--end", "2023-11-24"], &dir), until_24);
    assert_eq!(found(&["-te", "11/24/2023"], &dir), until_24);
    assert_eq!(
        found(&["--start", "2023-11-24", "--end", "2023-11-24"], &dir),
        day("2023-11-24")
    );
    assert_eq!(found(&["--start", "2023-11-25"], &dir), day("2023-11-25"));
}

// ---------------------------------------------------------------------------------------------
// The filters on the sample, against the table of testdata/README.md.

#[test]
fn sample_filters_find_the_documented_events() {
    let exec = vec![
        18235, 18236, 18239, 18241, 18265, 18266, 18267, 18268, 18269, 18276, 18281, 18286, 18299,
        18300, 18312, 18319, 18320, 18322, 18323, 18325, 18326, 18341, 18342, 18345,
    ];
    let cases: Vec<(&[&str], Vec<u64>)> = vec![
        (&["-k", "exec"], exec.clone()),
        (&["--syscall", "execve"], exec.clone()),
        (&["-sc", "59"], exec),
        (&["-k", "network"], vec![18321, 18327]),
        (&["--syscall", "connect"], vec![18321, 18327]),
        (
            &["-k", "shadow"],
            vec![18240, 18242, 18248, 18270, 18307, 18313],
        ),
        (&["-k", "perm_mod"], vec![18324]),
        (&["-m", "USER_LOGIN"], vec![18263, 18304, 18306, 18309]),
        (&["-m", "1112"], vec![18263, 18304, 18306, 18309]),
        (
            &["-m", "USER_LOGIN", "--success", "no"],
            vec![18304, 18306, 18309],
        ),
        (&["-m", "USER_AUTH", "-sv", "no"], vec![18303, 18305, 18308]),
        (&["-m", "USER_CMD"], vec![18244, 18273, 18283, 18316]),
        (&["-m", "AVC"], vec![18292]),
        (&["-m", "CONFIG_CHANGE"], vec![18287]),
        (&["-m", "LOGIN"], vec![18233, 18253, 18258, 18297, 18339]),
        (&["-x", "/usr/bin/nc.openbsd"], vec![18326, 18327]),
        (&["-p", "4330"], vec![18325, 18326, 18327]),
        (
            &["--ppid", "4302"],
            vec![18320, 18321, 18323, 18324, 18325, 18326, 18327],
        ),
        (
            &["-pp", "4302"],
            vec![18320, 18321, 18323, 18324, 18325, 18326, 18327],
        ),
        (
            &["--success", "no"],
            vec![
                18240, 18244, 18292, 18303, 18304, 18305, 18306, 18308, 18309, 18321,
            ],
        ),
        (&["-a", "18321"], vec![18321]),
        (&["-k", "network", "-p", "4330"], vec![18327]),
    ];
    for (args, expected) in cases {
        assert_eq!(found(args, &sample()), expected, "{args:?}");
    }
}

#[test]
fn interleaved_events_of_the_sample_come_out_whole() {
    // LOGIN 18253 is interleaved with SERVICE_START 18254, connect 18321 with ps 18322.
    let output = run(&["search", &sample()]);
    let ids = event_ids(&output.stdout);
    let unique: BTreeSet<_> = ids.iter().collect();
    assert_eq!(
        ids.len(),
        unique.len(),
        "every event's records are together"
    );
    assert_eq!(ids.len(), 123);
    let jsonl_out = jsonl(&run(&["search", "--format", "jsonl", "-a", "18253", &sample()]).stdout);
    let types: Vec<&str> = jsonl_out[0]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["LOGIN", "SYSCALL", "PROCTITLE"]);
}

#[test]
fn limit_stops_after_n_events() {
    let all = found(&[], &sample());
    assert_eq!(found(&["--limit", "5"], &sample()), all[..5]);
    assert_eq!(
        found(&["-k", "exec", "--limit", "2"], &sample()),
        [18235, 18236]
    );
    assert_eq!(count(&["--limit", "7"], &sample()), 7);
}

#[test]
fn limit_with_sort_time_keeps_the_earliest_events() {
    // Odd events in one file, even ones in another: the first 5 read are 18231, 18233, …
    let dir = common::odd_and_even_files();
    let dir = dir.path().to_str().unwrap();
    let sorted = found(&["--sort", "time"], dir);
    assert_eq!(sorted[..5], [18231, 18232, 18233, 18234, 18235]);
    // The first 5 of the sorted output, as `--sort time | head` would give.
    assert_eq!(found(&["--sort", "time", "--limit", "5"], dir), sorted[..5]);
}

#[test]
fn times_without_an_offset_are_read_in_tz() {
    let file = sample();
    let utc = found(
        &[
            "--start",
            "2023-11-26T10:40:00Z",
            "--end",
            "2023-11-26T10:45:00Z",
        ],
        &file,
    );
    for (zone, start, end) in [
        (
            "Europe/Berlin",
            "2023-11-26 11:40:00",
            "2023-11-26 11:45:00",
        ),
        ("Asia/Tokyo", "2023-11-26 19:40:00", "2023-11-26 19:45:00"),
        ("+01:00", "11/26/2023 11:40:00", "11/26/2023 11:45:00"),
        ("-05:00", "11/26/2023 05:40:00", "11/26/2023 05:45:00"),
    ] {
        // `=`: see negative_tz_offsets_are_accepted_as_a_separate_word.
        let tz = format!("--tz={zone}");
        let got = found(&[&tz, "--start", start, "--end", end], &file);
        assert_eq!(got, utc, "--tz {zone}");
    }
    // A bare end date is the end of that day in the zone: 2023-11-25 in Honolulu (UTC-10)
    // ends at 2023-11-26 10:00 UTC, in the middle of the sample.
    let until = found(&["--tz", "Pacific/Honolulu", "--end", "2023-11-25"], &file);
    let expected: Vec<u64> = sample_events()
        .into_iter()
        .filter(|(_, t)| *t < 1_700_992_800_000)
        .map(|(s, _)| s)
        .collect();
    assert!(!expected.is_empty() && expected.len() < 123);
    assert_eq!(until, expected);
    // Times shown are in the zone, and denote the same instant.
    let events = jsonl(
        &run(&[
            "search", "--format", "jsonl", "--tz", "+05:30", "-a", "18231", &file,
        ])
        .stdout,
    );
    let time = events[0]["time"].as_str().unwrap();
    assert!(time.ends_with("+05:30"), "{time}");
    let instant = chrono::DateTime::parse_from_rfc3339(time).unwrap();
    assert_eq!(
        Some(instant.timestamp_millis()),
        events[0]["epoch_ms"].as_i64()
    );
}

#[test]
fn negative_tz_offsets_are_accepted_as_a_separate_word() {
    for zone in ["-05:00", "-0500", "-5"] {
        let output = run(&["search", "--count", "--tz", zone, &sample()]);
        assert_code(&output, 0, &format!("--tz {zone}"));
        assert_eq!(stdout_text(&output), "123\n");
    }
}

#[test]
fn an_output_error_is_status_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("an_output_error_is_status_2: skipped, no /dev/full");
        return;
    };
    for extra in [
        &[][..],
        &["--format", "jsonl"],
        &["--count"],
        &["--sort", "time"],
    ] {
        let output = common::ausift()
            .arg("search")
            .args(extra)
            .arg(sample())
            .stdin(Stdio::null())
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_code(&output, 2, &format!("{extra:?} into /dev/full"));
        assert!(
            stderr_text(&output).contains("cannot write"),
            "{}",
            stderr_text(&output)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 7. The irregular samples.

#[test]
fn node_prefix_keeps_same_serial_on_two_nodes_apart() {
    let file = irregular("node-prefix.log");
    assert_eq!(count(&[], &file), 6);
    let output = run(&["search", "--format", "jsonl", "-a", "5021", &file]);
    let events = jsonl(&output.stdout);
    let nodes: Vec<&str> = events.iter().map(|e| e["node"].as_str().unwrap()).collect();
    assert_eq!(nodes, ["web01.example.net", "db01.example.net"]);
    for event in &events {
        assert_eq!(event["id"], "1700992800.120:5021");
        assert_eq!(event["records"].as_array().unwrap().len(), 6, "{event}");
    }
    // Raw: each node's records together, and only its own.
    let output = run(&["search", "-a", "5021", &file]);
    let lines = lines_of(&output.stdout);
    assert_eq!(lines.len(), 12);
    assert!(
        lines[..6]
            .iter()
            .all(|l| l.starts_with(b"node=web01.example.net "))
    );
    assert!(
        lines[6..]
            .iter()
            .all(|l| l.starts_with(b"node=db01.example.net "))
    );

    // -n compares the name exactly.
    let ids = |args: &[&str]| -> Vec<(Option<String>, String)> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push(&file);
        event_ids(&run(&all).stdout)
    };
    let web: Vec<_> = ids(&["-n", "web01.example.net"]);
    assert_eq!(
        web.iter()
            .map(|(_, id)| common::serial_of(id))
            .collect::<Vec<_>>(),
        [5019, 5021, 5022]
    );
    assert!(
        web.iter()
            .all(|(n, _)| n.as_deref() == Some("web01.example.net"))
    );
    let db: Vec<_> = ids(&["-n", "db01.example.net"]);
    assert_eq!(
        db.iter()
            .map(|(_, id)| common::serial_of(id))
            .collect::<Vec<_>>(),
        [5020, 5021, 5024]
    );
    assert!(
        db.iter()
            .all(|(n, _)| n.as_deref() == Some("db01.example.net"))
    );
    assert_code(
        &run(&["search", "-n", "web01", &file]),
        1,
        "-n with a prefix of the name",
    );
    assert_code(
        &run(&["search", "-n", "example.net", &file]),
        1,
        "-n with a suffix",
    );
}

#[test]
fn host_prefix_is_read_as_the_node() {
    let file = irregular("host-prefix.log");
    assert_eq!(count(&[], &file), 3);
    assert_eq!(count(&["-n", "web02.example.net"], &file), 3);
    for event in jsonl(&run(&["search", "--format", "jsonl", &file]).stdout) {
        assert_eq!(event["node"], "web02.example.net");
    }
}

#[test]
fn two_records_on_one_line_are_both_found() {
    let file = irregular("two-per-line.log");
    let bytes = std::fs::read(&file).unwrap();
    let input = lines_of(&bytes);
    let shared = input
        .iter()
        .find(|l| l.starts_with(b"type=USER_START"))
        .expect("the USER_START + USER_LOGIN line");
    let at = memchr::memmem::find(shared, b" type=USER_LOGIN").unwrap();
    let (first, second) = (&shared[..at], &shared[at + 1..]);

    // The second record of the line is an event of its own, found by its own type.
    let output = run(&["search", "-m", "USER_LOGIN", &file]);
    assert_code(&output, 0, "-m USER_LOGIN");
    assert_eq!(lines_of(&output.stdout), [second]);
    assert_eq!(serials(&output.stdout), [20415]);
    // The first one, without the second.
    let output = run(&["search", "-m", "USER_START", &file]);
    assert_eq!(lines_of(&output.stdout), [first]);
    // SYSCALL+SOCKADDR of 20412 on one line, PROCTITLE on the next: one event of 3 records.
    let output = run(&["search", "--format", "jsonl", "-m", "SOCKADDR", &file]);
    let events = jsonl(&output.stdout);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["id"], "1701002403.778:20412");
    let types = common::record_types(&events[0]);
    assert_eq!(types, ["SYSCALL", "SOCKADDR", "PROCTITLE"]);
    // The SYSCALL's fields end before the SOCKADDR record.
    let syscall = &events[0]["records"][0]["fields"];
    assert!(syscall.get("saddr").is_none(), "{syscall}");
    assert_eq!(syscall["key"]["raw"], "(null)");
    assert_eq!(syscall["syscall"]["raw"], "42");
    assert_eq!(syscall["syscall"]["interpreted"], "connect");

    let output = run(&["search", "--count", "--stats", &file]);
    assert_eq!(stdout_text(&output), "6\n");
    let stats = stderr_text(&output);
    assert_eq!(stat(&stats, "lines"), 11);
    assert_eq!(stat(&stats, "records"), 14);
    assert_eq!(stat(&stats, "events"), 6);
}

#[test]
fn kernel_syslog_records_are_read_and_kept_as_they_are() {
    let file = irregular("syslog-embedded.log");
    let bytes = std::fs::read(&file).unwrap();
    let input = lines_of(&bytes);
    let avc_lines: Vec<&[u8]> = input
        .iter()
        .copied()
        .filter(|l| memchr::memmem::find(l, b"audit: type=1400 ").is_some())
        .collect();
    assert_eq!(avc_lines.len(), 3);
    for types in ["AVC", "1400", "avc"] {
        let output = run(&["search", "-m", types, &file]);
        assert_code(&output, 0, types);
        // The whole syslog line, prefix and all, byte for byte.
        assert_eq!(lines_of(&output.stdout), avc_lines, "-m {types}");
    }
    // Numeric types of syslog lines: SYSCALL 1300 and PROCTITLE 1327 of event 348 group.
    let events = jsonl(&run(&["search", "--format", "jsonl", "-a", "348", &file]).stdout);
    assert_eq!(events.len(), 1);
    let types = common::record_types(&events[0]);
    assert_eq!(types, ["1300", "1327"]);
    assert_eq!(found(&["-m", "SYSCALL"], &file), [347, 348]);
    assert_eq!(found(&["-m", "USER_AVC"], &file), [346, 349]);
    // 7 syslog records + 7 plain ones; the one non-audit kernel line is skipped.
    let output = run(&["search", "--count", "--stats", &file]);
    let stats = stderr_text(&output);
    assert_eq!(stat(&stats, "records"), 14);
    assert_eq!(stat(&stats, "lines skipped"), 1);
    assert_eq!(stdout_text(&output), "10\n");
}

#[test]
fn garbage_is_skipped_reported_and_the_record_after_nul_junk_found() {
    let file = irregular("garbage.log");
    let output = run(&["search", "--stats", "--debug", &file]);
    assert_code(&output, 0, "garbage.log with no filter");
    let stderr = stderr_text(&output);
    let listed: BTreeSet<u64> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{file}:")))
        .map(|rest| {
            let (n, reason) = rest.split_once(": ").expect("file:LINE: reason");
            assert!(!reason.trim().is_empty(), "a reason: {rest}");
            n.parse().expect("a line number")
        })
        .collect();
    // Binary junk (7), a cut header (8), pasted ausearch output, JSON and a prompt (19–22);
    // line 23 has a 4-digit millisecond field, which ausift reports as unreadable.
    let junk: BTreeSet<u64> = [7, 8, 19, 20, 21, 22].into();
    assert!(listed.is_superset(&junk), "listed {listed:?}\n{stderr}");
    assert!(
        listed.difference(&junk).all(|n| *n == 23),
        "listed {listed:?}"
    );
    assert_eq!(stat(&stderr, "lines"), 27);

    // The CRED_ACQ after 64 NUL bytes on line 10: found, and printed without the NULs.
    let output = run(&["search", "-m", "CRED_ACQ", &file]);
    assert_code(&output, 0, "-m CRED_ACQ");
    let lines = lines_of(&output.stdout);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with(b"type=CRED_ACQ msg=audit(1701005430.904:77122): "));
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        lines_of(&bytes)[9].ends_with(lines[0]),
        "the record is the end of line 10"
    );
    // The valid events around the junk are all there.
    let got = found(&[], &file);
    for serial in [77120, 77121, 77122, 77123, 77124, 77126, 77127] {
        assert!(got.contains(&serial), "{serial} missing from {got:?}");
    }
}

#[test]
fn comments_blank_lines_crlf_and_a_last_line_without_newline() {
    let file = irregular("comments-blank.log");
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        !bytes.ends_with(b"\n"),
        "fixture: the last line has no newline"
    );
    let output = run(&["search", "--stats", &file]);
    assert_code(&output, 0, "no filter");
    let stats = stderr_text(&output);
    assert_eq!(stat(&stats, "lines"), 15);
    assert_eq!(stat(&stats, "records"), 7);
    assert_eq!(stat(&stats, "lines skipped"), 8);
    let out = lines_of(&output.stdout);
    assert_eq!(out.len(), 7);
    assert!(
        out.iter().all(|l| l.starts_with(b"type=")),
        "no comment or blank line output"
    );
    // The last line, without its newline in the input, is output (with one).
    let last = lines_of(&bytes).last().copied().unwrap();
    assert!(last.starts_with(b"type=PROCTITLE"));
    assert_eq!(*out.last().unwrap(), last);
    assert!(output.stdout.ends_with(b"\n"));
    // The CRLF record is found and output as it is.
    let output = run(&["search", "-m", "EXECVE", &file]);
    let execve = lines_of(&output.stdout);
    assert_eq!(execve.len(), 6, "the EXECVE's whole event");
    let crlf = execve
        .iter()
        .find(|l| l.starts_with(b"type=EXECVE"))
        .unwrap();
    assert!(
        crlf.ends_with(b"a4=\"today\"\r"),
        "{}",
        String::from_utf8_lossy(crlf)
    );
    // …and its last value does not carry the carriage return.
    let events = jsonl(&run(&["search", "--format", "jsonl", "-m", "EXECVE", &file]).stdout);
    let record = events[0]["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "EXECVE")
        .unwrap();
    assert_eq!(record["fields"]["a4"]["interpreted"], "today");
    // The commented-out record is not one.
    assert_eq!(count(&["-m", "PROCTITLE"], &file), 1);
    assert_eq!(
        lines_of(&run(&["search", "-m", "PROCTITLE", &file]).stdout)
            .iter()
            .filter(|l| l.starts_with(b"type=PROCTITLE"))
            .count(),
        1
    );
}

#[test]
fn a_long_line_comes_out_byte_identical() {
    let file = irregular("long-line.log");
    let bytes = std::fs::read(&file).unwrap();
    let long = lines_of(&bytes)
        .into_iter()
        .find(|l| l.len() > 100 * 1024)
        .expect("fixture: a line over 100 KiB");
    let output = run(&["search", &file]);
    assert_code(&output, 0, "no filter");
    assert_eq!(output.stdout, bytes, "the whole file, unchanged");
    for args in [
        &["-a", "81231"][..],
        &["-a", "81231", "--no-mmap"],
        &["-m", "EXECVE"],
    ] {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push(&file);
        let output = run(&all);
        assert!(
            lines_of(&output.stdout).contains(&long),
            "{args:?}: the long record, whole"
        );
    }
    let output = run_with_stdin(&["search", "-a", "81231"], bytes.clone());
    assert!(lines_of(&output.stdout).contains(&long), "from stdin");
}

#[test]
fn wrapped_and_restarted_serials_stay_distinct_events() {
    let file = irregular("serial-wrap.log");
    assert_eq!(count(&[], &file), 11);
    assert_eq!(
        found(&[], &file),
        [
            4294967293, 4294967294, 4294967295, 0, 1, 2, 5, 2087, 1, 2, 3
        ]
    );
    // Serials 1 and 2 before and after the restart: two events each, at different times.
    for serial in ["1", "2"] {
        let events = jsonl(&run(&["search", "--format", "jsonl", "-a", serial, &file]).stdout);
        assert_eq!(events.len(), 2, "-a {serial}");
        assert_ne!(events[0]["id"], events[1]["id"]);
    }
    let events = jsonl(&run(&["search", "--format", "jsonl", "-a", "4294967295", &file]).stdout);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["records"].as_array().unwrap().len(), 3);
}

#[test]
fn unknown_record_types_by_number_and_by_name() {
    let file = irregular("unknown-type.log");
    let bytes = std::fs::read(&file).unwrap();
    let input = lines_of(&bytes);
    let unknown_1999: Vec<&[u8]> = input
        .iter()
        .copied()
        .filter(|l| l.starts_with(b"type=UNKNOWN[1999] "))
        .collect();
    assert_eq!(unknown_1999.len(), 1);
    for spelling in ["1999", "UNKNOWN[1999]", "unknown[1999]"] {
        let output = run(&["search", "-m", spelling, &file]);
        assert_code(&output, 0, spelling);
        assert_eq!(lines_of(&output.stdout), unknown_1999, "-m {spelling}");
    }
    // UNKNOWN[1420] is one record of the SERVICE_START + SYSCALL event 22410.
    let events = jsonl(&run(&["search", "--format", "jsonl", "-m", "1420", &file]).stdout);
    assert_eq!(events.len(), 1);
    let types = common::record_types(&events[0]);
    assert_eq!(
        types,
        ["SERVICE_START", "SYSCALL", "SOCKADDR", "UNKNOWN[1420]"]
    );
    assert_eq!(count(&["-m", "UNKNOWN[1334]"], &file), 2);
    // With no filter every line is output, the headerless `msg=?` record included.
    let output = run(&["search", &file]);
    let out = lines_of(&output.stdout);
    assert_eq!(out.len(), 9);
    assert!(
        out.contains(&&b"type=UNKNOWN[1329] msg=?"[..]),
        "the msg=? record"
    );
    let events = jsonl(&run(&["search", "--format", "jsonl", "-m", "1329", &file]).stdout);
    assert_eq!(events.len(), 1);
    assert!(events[0]["id"].is_null() && events[0]["time"].is_null());
    assert_eq!(events[0]["records"][0]["type"], "UNKNOWN[1329]");
}

#[test]
fn joined_hex_keys_are_matched_one_by_one() {
    let file = irregular("multi-key.log");
    let bytes = std::fs::read(&file).unwrap();
    let holding = |hex: &str| -> Vec<u64> {
        let mut serials: Vec<u64> = lines_of(&bytes)
            .iter()
            .filter(|l| memchr::memmem::find(l, format!("key={hex}").as_bytes()).is_some())
            .map(|l| common::serial_of(&common::record_id(l).unwrap().1))
            .collect();
        serials.dedup();
        serials
    };
    let hex = |text: &str| text.bytes().map(|b| format!("{b:02X}")).collect::<String>();
    let exec_t1059 = holding(&hex("exec\x01T1059"));
    assert_eq!(exec_t1059, [30512, 30513, 30514], "fixture");
    assert_eq!(found(&["-k", "T1059"], &file), exec_t1059);
    assert_eq!(found(&["-k", "exec"], &file), exec_t1059);
    let network = holding(&hex("network\x01T1071\x01c2"));
    assert_eq!(found(&["-k", "c2"], &file), network);
    assert_eq!(found(&["-k", "T1071"], &file), network);
    assert_eq!(found(&["-k", "network"], &file), network);
    assert_eq!(found(&["-k", "my key"], &file), holding(&hex("my key")));
    assert_eq!(
        found(&["-k", "T1059,c2"], &file),
        [30512, 30513, 30514, 30515]
    );
    assert_code(&run(&["search", "-k", "T9999", &file]), 1, "-k T9999");
    // The separator is not part of a key.
    assert_code(
        &run(&["search", "-k", "exec\x01T1059", &file]),
        1,
        "-k with the 0x01",
    );
}

#[test]
fn enriched_fields_are_shown_under_enriched() {
    let file = irregular("enriched.log");
    let output = run(&["search", "--format", "jsonl", &file]);
    assert_code(&output, 0, "jsonl");
    let events = jsonl(&output.stdout);
    assert_eq!(events.len(), 13);
    let event = |id: &str| events.iter().find(|e| e["id"] == id).unwrap().clone();
    let record = |e: &serde_json::Value, t: &str| -> serde_json::Value {
        e["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["type"] == t)
            .unwrap()
            .clone()
    };
    let execve = event("1700996452.871:61209");
    let syscall = record(&execve, "SYSCALL");
    assert_eq!(syscall["enriched"]["ARCH"], "x86_64");
    assert_eq!(syscall["enriched"]["SYSCALL"], "execve");
    assert_eq!(syscall["enriched"]["AUID"], "alice");
    assert_eq!(syscall["fields"]["uid"]["raw"], "1000");
    // The enrichment names the user; the interpretation takes its name.
    assert_eq!(syscall["fields"]["uid"]["interpreted"], "alice");
    assert!(
        syscall["fields"].get("UID").is_none(),
        "enrichment kept apart from the fields"
    );
    assert!(
        record(&execve, "EXECVE").get("enriched").is_none(),
        "EXECVE has no enrichment"
    );
    assert_eq!(record(&execve, "PATH")["enriched"]["OUID"], "root");
    let connect = event("1700996452.893:61210");
    assert_eq!(
        record(&connect, "SOCKADDR")["enriched"]["SADDR"],
        "saddr_fam=inet laddr=192.0.2.10 lport=443"
    );
    assert_eq!(
        record(&connect, "SOCKADDR")["fields"]["saddr"]["raw"],
        "020001BBC000020A0000000000000000"
    );
    let daemon = event("1700996430.112:3117");
    assert_eq!(record(&daemon, "DAEMON_START")["enriched"]["UID"], "root");
    // The raw output keeps the 0x1D separators: the file comes out unchanged.
    let raw = run(&["search", &file]);
    let bytes = std::fs::read(&file).unwrap();
    let mut out: Vec<&[u8]> = lines_of(&raw.stdout);
    let mut input: Vec<&[u8]> = lines_of(&bytes);
    out.sort();
    input.sort();
    assert_eq!(out, input);
}

/// The events whose SYSCALL record has `syscall=NUMBER`, from the file.
fn with_syscall_number(file: &str, number: u64) -> Vec<u64> {
    let bytes = std::fs::read(file).unwrap();
    let mut serials: Vec<u64> = lines_of(&bytes)
        .iter()
        .filter(|l| {
            std::str::from_utf8(l)
                .unwrap()
                .split(' ')
                .any(|w| w == format!("syscall={number}"))
        })
        .map(|l| common::serial_of(&common::record_id(l).unwrap().1))
        .collect();
    serials.dedup();
    serials
}

#[test]
fn syscall_names_resolve_per_record_arch() {
    let i386 = irregular("i386-socketcall.log");
    let ppc64 = irregular("bigendian-ppc64.log");
    // (file, name, number on that arch): i386 and ppc64 numbers, from the logs' arch tables.
    let cases = [
        (&i386, "execve", 11),
        (&i386, "socketcall", 102),
        (&i386, "connect", 362),
        (&i386, "bind", 361),
        (&ppc64, "execve", 11),
        (&ppc64, "bind", 327),
        (&ppc64, "connect", 328),
        (&ppc64, "sendto", 335),
    ];
    for (file, name, number) in cases {
        let mut expected = with_syscall_number(file, number);
        // i386 also connects and binds through socketcall(), whose a0 names the call.
        match (file == &i386, name) {
            (true, "connect") => expected.insert(0, 3303),
            (true, "bind") => expected.insert(0, 3304),
            _ => {}
        }
        let by_name = found(&["--syscall", name], file);
        let by_number = found(&["--syscall", &number.to_string()], file);
        assert_eq!(by_name, expected, "--syscall {name} on {file}");
        assert_eq!(
            by_number,
            with_syscall_number(file, number),
            "--syscall {number} on {file}"
        );
    }
    assert_eq!(
        with_syscall_number(&ppc64, 328),
        [12203, 12204, 12205],
        "fixture"
    );
    assert_eq!(with_syscall_number(&i386, 362), [3305], "fixture");
    assert_eq!(
        with_syscall_number(&i386, 102),
        [3302, 3303, 3304],
        "fixture"
    );
    // Both files at once: connect is 362 (or socketcall with a0=3) on one and 328 on the
    // other, and neither number matches on the other arch.
    let output = run(&["search", "--syscall", "connect", &i386, &ppc64]);
    let mut got = serials(&output.stdout);
    got.sort();
    assert_eq!(got, [3303, 3305, 12203, 12204, 12205]);
    assert_code(
        &run(&["search", "--syscall", "362", &ppc64]),
        1,
        "362 on ppc64",
    );
    assert_code(
        &run(&["search", "--syscall", "328", &i386]),
        1,
        "328 on i386",
    );
}

#[test]
fn event_counts_of_the_irregular_samples() {
    // From testdata/README.md's "events" column. Three differ on purpose: unknown-type.log's
    // headerless `msg=?` record is an event of its own (5 + 1), syslog-embedded.log's 6
    // kernel-line events are read too (4 + 6), and garbage.log's 77125, whose millisecond
    // field has 4 digits, is reported as unreadable (8 - 1).
    let expected = [
        ("apparmor-labels.log", 5),
        ("avc.log", 7),
        ("bigendian-ppc64.log", 6),
        ("comments-blank.log", 2),
        ("duplicate-keys.log", 3),
        ("enriched.log", 13),
        ("execve-split.log", 5),
        ("garbage.log", 7),
        ("host-prefix.log", 3),
        ("i386-socketcall.log", 5),
        ("interleaved.log", 16),
        ("long-line.log", 3),
        ("multi-key.log", 6),
        ("nested-msg.log", 17),
        ("node-prefix.log", 6),
        ("old-formats.log", 13),
        ("serial-wrap.log", 11),
        ("sockaddr.log", 12),
        ("syslog-embedded.log", 10),
        ("two-per-line.log", 6),
        ("unknown-type.log", 6),
        ("uringop.log", 3),
        ("values.log", 6),
    ];
    for (name, events) in expected {
        assert_eq!(count(&[], &irregular(name)), events, "{name}");
    }
    // interleaved.log: 9146's PROCTITLE, 40 records late, still joins its event.
    let events = jsonl(
        &run(&[
            "search",
            "--format",
            "jsonl",
            "-a",
            "9146",
            &irregular("interleaved.log"),
        ])
        .stdout,
    );
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0]["records"].as_array().unwrap().last().unwrap()["type"],
        "PROCTITLE"
    );
}

// ---------------------------------------------------------------------------------------------
// 10. JSON Lines.

#[test]
fn jsonl_of_every_irregular_file_parses_and_has_the_schema() {
    let dir = testdata("irregular");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 23);
    for path in files {
        let file = path.to_str().unwrap();
        let output = run(&["search", "--format", "jsonl", file]);
        assert_code(&output, 0, file);
        let events = jsonl(&output.stdout);
        assert_eq!(
            events.len() as u64,
            count(&[], file),
            "{file}: one line per event"
        );
        for event in &events {
            let object = event
                .as_object()
                .unwrap_or_else(|| panic!("{file}: {event}"));
            for key in ["id", "time", "epoch_ms", "node", "records"] {
                assert!(object.contains_key(key), "{file}: no {key} in {event}");
            }
            assert!(
                event["node"].is_null() || event["node"].is_string(),
                "{file}: {event}"
            );
            match event["id"].as_str() {
                Some(id) => {
                    let (time, serial) = id.split_once(':').unwrap();
                    let (sec, msec) = time.split_once('.').unwrap();
                    assert_eq!(msec.len(), 3, "{file}: {id}");
                    serial.parse::<u64>().unwrap();
                    let millis = sec.parse::<i64>().unwrap() * 1000 + msec.parse::<i64>().unwrap();
                    assert_eq!(event["epoch_ms"].as_i64(), Some(millis), "{file}: {event}");
                    let time = event["time"].as_str().unwrap();
                    let parsed = chrono::DateTime::parse_from_rfc3339(time)
                        .unwrap_or_else(|e| panic!("{file}: time {time}: {e}"));
                    assert_eq!(parsed.timestamp_millis(), millis, "{file}: {time} vs {id}");
                }
                None => {
                    assert!(event["id"].is_null(), "{file}: {event}");
                    assert!(event["time"].is_null() && event["epoch_ms"].is_null());
                }
            }
            let records = event["records"].as_array().unwrap();
            assert!(!records.is_empty(), "{file}: {event}");
            for record in records {
                assert!(record["type"].is_string(), "{file}: {record}");
                assert!(record["fields"].is_object(), "{file}: {record}");
            }
        }
    }
}

#[test]
fn jsonl_of_the_corpus_parses() {
    let Some(dir) = common::corpus_dir("jsonl_of_the_corpus_parses") else {
        return;
    };
    // The two largest files are left to the thread tests of input_formats.rs (time).
    for path in common::corpus_files(&dir) {
        if std::fs::metadata(&path).unwrap().len() > 1_500_000 {
            continue;
        }
        let file = path.to_str().unwrap();
        let output = run(&["search", "--format", "jsonl", "--stats", file]);
        assert_code(&output, 0, file);
        let events = jsonl(&output.stdout);
        assert_eq!(
            events.len() as u64,
            stat(&stderr_text(&output), "events"),
            "{file}"
        );
        for event in &events {
            assert!(
                event["records"].as_array().is_some_and(|r| !r.is_empty()),
                "{file}"
            );
        }
    }
}

#[test]
fn jsonl_decodes_hex_encoded_values() {
    let file = irregular("values.log");
    let events = jsonl(&run(&["search", "--format", "jsonl", &file]).stdout);
    let record = |id: &str, t: &str| -> serde_json::Value {
        let fields = events
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no event {id}"))["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["type"] == t)
            .unwrap_or_else(|| panic!("no {t} in {id}"))["fields"]
            .clone();
        interpreted(&fields)
    };
    let e1 = "1700995200.412:7301";
    assert_eq!(record(e1, "SYSCALL")["exe"], "/opt/acme tools/bin/run job");
    assert_eq!(record(e1, "SYSCALL")["comm"], "run job");
    // Syscall arguments are hex numbers, not text; a uid without a name says so.
    assert_eq!(record(e1, "SYSCALL")["a0"], "0x5590f3a1b2c0");
    assert_eq!(record(e1, "SYSCALL")["uid"], "unknown(1000)");
    assert_eq!(record(e1, "EXECVE")["a0"], "/opt/acme tools/bin/run job");
    assert_eq!(record(e1, "EXECVE")["a2"], "cfg \"prod\".yml");
    assert_eq!(record(e1, "EXECVE")["argc"], "4");
    assert_eq!(record(e1, "CWD")["cwd"], "/home/alice/my dir");
    assert_eq!(record(e1, "PATH")["name"], "/opt/acme tools/bin/run job");
    assert_eq!(
        record(e1, "PROCTITLE")["proctitle"],
        "/opt/acme tools/bin/run job --config cfg \"prod\".yml --dry-run"
    );
    let e2 = "1700995207.055:7302";
    assert_eq!(record(e2, "SYSCALL")["exe"], "/home/alice/bin/café");
    assert_eq!(record(e2, "SYSCALL")["comm"], "café");
    assert_eq!(record(e2, "EXECVE")["a1"], "/tmp/report\nfinal.txt");
    assert_eq!(
        record(e2, "PROCTITLE")["proctitle"],
        "café /tmp/report\nfinal.txt"
    );
    // Special values stay as written; quotes are removed.
    assert_eq!(record("1700995213.930:7303", "PATH")["name"], "(null)");
    assert_eq!(record("1700995220.318:7304", "SYSCALL")["success"], "yes");
    assert_eq!(record("1700995220.318:7304", "SYSCALL")["tty"], "(none)");
    assert_eq!(record("1700995231.774:7305", "CWD")["cwd"], "/");
    assert_eq!(
        record("1700995231.774:7305", "PROCTITLE")["proctitle"],
        "/usr/bin/containerd"
    );

    // Hex inside a user-space msg='…': the sample's failed ssh login of an invalid user.
    let events = jsonl(&run(&["search", "--format", "jsonl", "-a", "18304", &sample()]).stdout);
    let msg = interpreted(&events[0]["records"][0]["fields"]["msg"]);
    assert_eq!(msg["acct"], "(invalid user)", "{msg}");
    assert_eq!(msg["res"], "failed");
}

/// A jsonl record's fields with each value's interpretation in place of the value.
fn interpreted(fields: &serde_json::Value) -> serde_json::Value {
    match fields {
        serde_json::Value::Object(map) if map.contains_key("interpreted") => {
            map["interpreted"].clone()
        }
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), interpreted(v)))
                .collect(),
        ),
        serde_json::Value::Array(items) => items.iter().map(interpreted).collect(),
        other => other.clone(),
    }
}

/// Reverses the `%XX` escape of ausift's JSON strings (bytes that are not UTF-8, and `%`).
fn unpercent(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn jsonl_stays_valid_for_any_bytes_and_keeps_them_recoverable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bytes.log");
    let mut log = Vec::new();
    log.extend_from_slice(b"type=SYSCALL msg=audit(1700990221.000:1): arch=c000003e syscall=59 ");
    log.extend_from_slice(b"comm=\"50%\xffok\" exe=2F746D702FFF1B5B316D01 key=(null)\n");
    log.extend_from_slice(b"type=PROCTITLE msg=audit(1700990221.000:1): proctitle=FFFE00C3A9\n");
    log.extend_from_slice(b"type=CWD msg=audit(1700990221.000:1): cwd=\"/tab\there\"\n");
    std::fs::write(&path, &log).unwrap();
    let output = run(&["search", "--format", "jsonl", path.to_str().unwrap()]);
    assert_code(&output, 0, "jsonl");
    let events = jsonl(&output.stdout);
    let records = events[0]["records"].as_array().unwrap();
    let value = |i: usize, key: &str, which: &str| {
        unpercent(records[i]["fields"][key][which].as_str().unwrap())
    };
    assert_eq!(value(0, "comm", "interpreted"), b"50%\xffok");
    assert_eq!(value(0, "exe", "interpreted"), b"/tmp/\xff\x1b[1m\x01");
    assert_eq!(value(0, "exe", "raw"), b"2F746D702FFF1B5B316D01");
    // The raw proctitle keeps the NULs between arguments; the interpretation shows blanks.
    assert_eq!(value(1, "proctitle", "raw"), b"FFFE00C3A9");
    assert_eq!(value(1, "proctitle", "interpreted"), b"\xff\xfe \xc3\xa9");
    assert_eq!(value(2, "cwd", "interpreted"), b"/tab\there");
}

#[test]
fn jsonl_and_raw_agree_on_the_events() {
    for name in [
        "interleaved.log",
        "node-prefix.log",
        "two-per-line.log",
        "execve-split.log",
    ] {
        let file = irregular(name);
        let raw = run(&["search", &file]);
        let events = jsonl(&run(&["search", "--format", "jsonl", &file]).stdout);
        let from_jsonl: Vec<(Option<String>, String)> = events
            .iter()
            .map(|e| {
                (
                    e["node"].as_str().map(str::to_string),
                    e["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(from_jsonl, event_ids(&raw.stdout), "{name}");
        let records: usize = events
            .iter()
            .map(|e| e["records"].as_array().unwrap().len())
            .sum();
        assert_eq!(records, lines_of(&raw.stdout).len(), "{name}");
    }
}

#[test]
fn file_names_in_messages_cannot_drive_the_terminal() {
    // A file name from the evidence holding an escape sequence is reported escaped.
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("x\u{1b}]0;pwned\u{7}.log");
    std::fs::write(&name, "not an audit record\n").unwrap();
    let output = run(&["search", "--stats", "--debug", name.to_str().unwrap()]);
    assert!(!output.stderr.contains(&0x1b) && !output.stderr.contains(&0x07));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("x\\x1b]0;pwned\\x07.log:1: not an audit record"),
        "{stderr}"
    );
}

//! `ausift export` through the binary: every line validates against the published JSON
//! Schema, nothing is lost (records exported + lines skipped = lines read), odd bytes survive
//! the escape, output is the same for any thread count, parents are tracked in input order, the
//! csv has its fixed columns, and `-o`, `--force` and `--gzip` behave.

mod common;

use ausift::output::json::unescape_percent;
use common::{
    assert_code, corpus_dir, corpus_files, csv_cells, jsonl, lines_of, repo_path, run,
    run_with_stdin, stat, stderr_text, testdata,
};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Files where one input line is not one record (see tests/conservation.rs).
const SEVERAL_RECORDS_PER_LINE: &[&str] = &["two-per-line.log"];

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo_path("docs/ausift-export.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// Exports `paths` with --stats; checks every line against the schema and returns the
/// events, the lines read and the lines skipped.
fn export_checked(validator: &jsonschema::Validator, paths: &[&str]) -> (Vec<Value>, u64, u64) {
    let mut args = vec!["export", "--stats", "-j", "2"];
    args.extend_from_slice(paths);
    let output = run(&args);
    let status = output.status.code();
    assert!(
        matches!(status, Some(0 | 1)),
        "{paths:?}: status {status:?}; stderr:\n{}",
        stderr_text(&output)
    );
    let events = jsonl(&output.stdout);
    for (i, event) in events.iter().enumerate() {
        if let Some(error) = validator.iter_errors(event).next() {
            panic!(
                "{paths:?}: line {} does not follow the schema: {error} at {}\n{event}",
                i + 1,
                error.instance_path()
            );
        }
    }
    let stderr = stderr_text(&output);
    (
        events,
        stat(&stderr, "lines"),
        stat(&stderr, "lines skipped"),
    )
}

fn record_count(events: &[Value]) -> u64 {
    events
        .iter()
        .map(|e| e["records"].as_array().unwrap().len() as u64)
        .sum()
}

fn local_logs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["irregular", "sample", "filters", "net"] {
        let Ok(entries) = std::fs::read_dir(testdata(dir)) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md" && e != "sh")),
        );
    }
    files.sort();
    files
}

fn check_conservation(validator: &jsonschema::Validator, path: &Path) {
    let name = path.file_name().unwrap().to_str().unwrap();
    let file = path.to_str().unwrap();
    let (events, lines, skipped) = export_checked(validator, &[file]);
    let bytes = std::fs::read(path).unwrap();
    let input_lines = if file.ends_with(".gz") {
        lines_of(&common::gunzip(file)).len()
    } else {
        lines_of(&bytes).len()
    } as u64;
    assert_eq!(lines, input_lines, "{file}: lines read");
    if SEVERAL_RECORDS_PER_LINE.contains(&name) {
        assert!(record_count(&events) + skipped > lines, "{file}");
        return;
    }
    assert_eq!(
        record_count(&events) + skipped,
        lines,
        "{file}: records exported + lines skipped = lines read"
    );
}

#[test]
fn every_line_follows_the_schema_and_nothing_is_lost_in_testdata() {
    let validator = validator();
    let files = local_logs();
    assert!(files.len() > 20, "testdata holds the logs");
    for path in files {
        check_conservation(&validator, &path);
    }
}

#[test]
fn every_line_follows_the_schema_and_nothing_is_lost_in_the_corpus() {
    let Some(dir) = corpus_dir("export corpus") else {
        return;
    };
    let validator = validator();
    for path in corpus_files(&dir) {
        check_conservation(&validator, &path);
    }
}

#[test]
fn generated_archive_conserves_records_and_is_the_same_for_any_thread_count() {
    let args = "--size 2M --rotate 3 --hosts 2 --enriched --seed 5";
    let Some(dir) = common::generated_archive("export archive", args) else {
        return;
    };
    let path = dir.path().to_str().unwrap();
    let validator = validator();
    let (events, lines, skipped) = export_checked(&validator, &[path]);
    let mut input_lines = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let file = entry.unwrap().path();
        let file = file.to_str().unwrap();
        input_lines += if file.ends_with(".gz") {
            lines_of(&common::gunzip(file)).len()
        } else {
            lines_of(&std::fs::read(file).unwrap()).len()
        } as u64;
    }
    assert_eq!(lines, input_lines);
    assert_eq!(record_count(&events) + skipped, lines);
    assert!(
        events
            .iter()
            .any(|e| !e["records"][0]["enriched"].is_null())
    );

    let outputs: Vec<Vec<u8>> = ["1", "2", "3"]
        .iter()
        .map(|threads| {
            let output = run(&["export", "-j", threads, path]);
            assert_code(&output, 0, "export");
            output.stdout
        })
        .collect();
    assert!(outputs[0] == outputs[1] && outputs[1] == outputs[2]);
    let csv: Vec<Vec<u8>> = ["1", "3"]
        .iter()
        .map(|threads| run(&["export", "--format", "csv", "-j", threads, path]).stdout)
        .collect();
    assert_eq!(csv[0], csv[1]);
}

/// Hex of `bytes`, as auditd writes a value holding odd bytes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn exec_event(serial: u32, pid: u32, ppid: u32, exe: &str, argv: &[&[u8]], key: &str) -> String {
    let mut args = String::new();
    for (i, arg) in argv.iter().enumerate() {
        args.push_str(&format!(" a{i}={}", hex(arg)));
    }
    format!(
        "type=SYSCALL msg=audit(1700000000.{serial:03}:{serial}): arch=c000003e syscall=59 \
         success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid={ppid} pid={pid} auid=1000 uid=0 \
         gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm=\"x\" \
         exe=\"{exe}\" key=\"{key}\"\n\
         type=EXECVE msg=audit(1700000000.{serial:03}:{serial}): argc={}{args}\n\
         type=CWD msg=audit(1700000000.{serial:03}:{serial}): cwd=\"/root\"\n",
        argv.len()
    )
}

fn clone_event(serial: u32, pid: u32, child: u32, exe: &str) -> String {
    format!(
        "type=SYSCALL msg=audit(1700000000.{serial:03}:{serial}): arch=c000003e syscall=56 \
         success=yes exit={child} a0=1 a1=2 a2=3 a3=4 items=0 ppid=1 pid={pid} auid=1000 \
         uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm=\"x\" \
         exe=\"{exe}\" key=\"fork\"\n"
    )
}

#[test]
fn odd_bytes_round_trip_through_the_escape() {
    let odd: &[u8] = b"a\x00b\x1b[31m\x07\x7f\xc2\x9b caf\xc3\xa9 \xff\xfe 100% \"q\" \\ \n";
    let comm = hex(b"evil\x1b]0;title\x07\xff");
    let log = exec_event(1, 10, 1, "/bin/sh", &[b"sh", odd], "k")
        .replace("comm=\"x\"", &format!("comm={comm}"));
    let output = run_with_stdin(&["export", "-"], log.into_bytes());
    assert_code(&output, 0, "export");
    assert!(
        !output.stdout[..output.stdout.len() - 1]
            .iter()
            .any(|&b| b < 0x20 || b == 0x7f),
        "a raw control byte in the output"
    );
    assert!(!output.stdout.windows(2).any(|w| w == b"\xc2\x9b"));
    let events = jsonl(&output.stdout);
    let argv = events[0]["process"]["argv"].as_array().unwrap();
    assert_eq!(unescape_percent(argv[1].as_str().unwrap()), odd);
    let comm = events[0]["process"]["comm"].as_str().unwrap();
    assert_eq!(unescape_percent(comm), b"evil\x1b]0;title\x07\xff");
    assert_eq!(
        events[0]["records"][1]["argv"],
        events[0]["process"]["argv"]
    );
    validator().validate(&events[0]).unwrap();
}

#[test]
fn parents_come_from_earlier_events_even_those_filtered_out() {
    let log = [
        exec_event(1, 100, 1, "/bin/bash", &[b"bash", b"-l"], "shell"),
        clone_event(2, 100, 101, "/bin/bash"),
        exec_event(
            3,
            101,
            100,
            "/usr/bin/nc",
            &[b"nc", b"-e", b"/bin/sh"],
            "exec",
        ),
        exec_event(4, 555, 999, "/usr/bin/id", &[b"id"], "exec"),
        exec_event(5, 101, 100, "/usr/bin/nc", &[b"nc"], "exec"),
    ]
    .concat();
    let output = run_with_stdin(&["export", "-k", "exec", "-"], log.into_bytes());
    assert_code(&output, 0, "export");
    let events = jsonl(&output.stdout);
    assert_eq!(events.len(), 3, "the filter applies");
    let parent = &events[0]["parent"];
    assert_eq!(parent["exe"], "/bin/bash");
    assert_eq!(parent["argv"], serde_json::json!(["bash", "-l"]));
    assert!(events[1]["parent"].is_null(), "pid 999 was never seen");
    assert_eq!(events[2]["parent"]["exe"], "/bin/bash");
    assert_eq!(events[0]["summary"]["action"], "executed");
    assert_eq!(events[0]["summary"]["actor"]["auid"], 1000);
    assert_eq!(events[0]["summary"]["keys"], serde_json::json!(["exec"]));
    assert_eq!(events[0]["process"]["cwd"], "/root");
}

#[test]
fn csv_has_the_fixed_columns_on_every_row() {
    let log = [
        exec_event(
            1,
            100,
            1,
            "/bin/bash",
            &[b"bash", b"-c", b"a,b \"c\""],
            "shell",
        ),
        exec_event(2, 101, 100, "/usr/bin/nc", &[b"nc", b"10.0.0.1"], "exec"),
    ]
    .concat();
    let output = run_with_stdin(&["export", "--format", "csv", "-"], log.into_bytes());
    assert_code(&output, 0, "export csv");
    let text = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<Vec<String>> = text.lines().map(csv_cells).collect();
    assert_eq!(
        rows[0].join(","),
        ausift::output::export::csv::COLUMNS.join(",")
    );
    assert_eq!(rows.len(), 3);
    let column = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    for row in &rows {
        assert_eq!(row.len(), rows[0].len(), "{row:?}");
    }
    assert_eq!(rows[1][column("argv")], "bash -c a,b \"c\"");
    assert_eq!(rows[2][column("parent_exe")], "/bin/bash");
    assert_eq!(rows[2][column("parent_argv")], "bash -c a,b \"c\"");
    assert_eq!(rows[2][column("time")], "2023-11-14T22:13:20.002Z");
    assert_eq!(rows[2][column("syscall")], "execve");
    assert_eq!(rows[2][column("result")], "success");
    assert_eq!(rows[2][column("key")], "exec");
}

#[test]
fn output_file_is_not_overwritten_without_force_and_gzip_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.jsonl.gz");
    let out = out.to_str().unwrap();
    let log = testdata("sample/audit.log");
    let plain = run(&["export", &log]);
    assert_code(&plain, 0, "export");

    let first = run(&["export", "--gzip", "-o", out, &log]);
    assert_code(&first, 0, "export -o");
    assert!(first.stdout.is_empty());
    let written = std::fs::read(out).unwrap();
    assert_eq!(&written[..2], b"\x1f\x8b", "gzip magic");
    assert_eq!(common::gunzip(out), plain.stdout);

    let again = run(&["export", "-o", out, &log]);
    assert_code(&again, 2, "export -o over a file");
    assert!(
        stderr_text(&again).contains("--force"),
        "{}",
        stderr_text(&again)
    );
    assert_eq!(std::fs::read(out).unwrap(), written, "left alone");

    let forced = run(&["export", "--force", "-o", out, &log]);
    assert_code(&forced, 0, "export --force");
    assert_eq!(std::fs::read(out).unwrap(), plain.stdout);

    // Into a directory that is read: the export would read itself back.
    let inside = dir.path().join("x.jsonl");
    let inside = inside.to_str().unwrap();
    let refused = run(&["export", "-o", inside, &log, dir.path().to_str().unwrap()]);
    assert_code(&refused, 2, "export into an input directory");
    assert!(!Path::new(inside).exists());
}

#[test]
fn object_filter_keeps_its_long_name_and_o_is_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("avc.jsonl");
    let output = run(&[
        "export",
        "--object",
        "shadow_t",
        "-o",
        out.to_str().unwrap(),
        &testdata("irregular/avc.log"),
    ]);
    let status = output.status.code().unwrap();
    assert!(status <= 1, "{}", stderr_text(&output));
    let text = std::fs::read(&out).unwrap();
    for event in jsonl(&text) {
        assert!(event.to_string().contains("shadow_t"), "{event}");
    }
}

#[test]
fn the_documented_examples_are_what_export_prints() {
    let Some(dir) = corpus_dir("export doc examples") else {
        return;
    };
    let doc = std::fs::read_to_string(repo_path("docs/json-schema.md")).unwrap();
    let validator = validator();
    let mut checked = 0;
    for block in doc.split("<!-- example: ").skip(1) {
        let (head, rest) = block
            .split_once(" -->\n```json\n")
            .expect("an example block");
        let (file, id) = head.split_once(' ').unwrap();
        let shown: Value = serde_json::from_str(rest.split_once("\n```").unwrap().0).unwrap();
        let output = ausift_in(&dir, &["export", file]);
        let event = jsonl(&output)
            .into_iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{file}: no event {id}"));
        assert_eq!(event, shown, "docs/json-schema.md, {file} {id}");
        validator.validate(&shown).unwrap();
        checked += 1;
    }
    assert!(checked >= 5, "{checked} examples");
}

/// ausift's stdout, run in `dir`.
fn ausift_in(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = common::ausift()
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_code(&output, 0, "export");
    output.stdout
}

//! Helpers shared by the integration tests: the binary, the shared corpus, the reference tools.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn ausift() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ausift"));
    cmd.env("TZ", "UTC").env_remove("NO_COLOR");
    cmd
}

/// Runs ausift with `args`, stdin closed.
pub fn run(args: &[&str]) -> Output {
    ausift()
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("ausift runs")
}

pub fn stdout_text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn testdata(relative: &str) -> String {
    repo_path("testdata").join(relative).display().to_string()
}

/// The shared corpus beside the repository, or `None` (with a notice) where it is absent, as
/// on a user's machine.
pub fn corpus_dir(test: &str) -> Option<PathBuf> {
    let dir = repo_path("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("{test}: skipped, {} is absent", dir.display());
        None
    }
}

/// Every log file of the corpus, sorted.
pub fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

/// A reference tool (`ausearch`, `aureport`): required in CI, else skipped with a notice.
pub fn reference_tool(name: &str, test: &str) -> Option<PathBuf> {
    for dir in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
        let path = Path::new(dir).join(name);
        if path.is_file() {
            return Some(path);
        }
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {name} is not installed; .ci/run installs the auditd package");
    }
    println!("{test}: skipped, {name} is not installed (apt-get install auditd)");
    None
}

// ---------------------------------------------------------------------------------------------
// Helpers for the search, input and conservation tests.

/// Runs ausift with `args`, `input` written to its stdin (from a thread, so a large input
/// cannot dead-lock against a full stdout pipe).
pub fn run_with_stdin(args: &[&str], input: Vec<u8>) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = ausift()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ausift starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || {
        // ausift may stop reading early (an error); a broken pipe here is not the test's concern.
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("ausift runs");
    writer.join().expect("stdin writer");
    output
}

pub fn stderr_text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit status; panics on a death by signal.
pub fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .unwrap_or_else(|| panic!("ausift died by a signal: {:?}", output.status))
}

/// Asserts the exit status, showing stderr on failure.
#[track_caller]
pub fn assert_code(output: &Output, expected: i32, what: &str) {
    assert_eq!(
        code(output),
        expected,
        "{what}: exit status; stderr:\n{}",
        stderr_text(output)
    );
}

/// The lines of `bytes` without their newlines; a last line without a newline counts.
pub fn lines_of(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// The identity of an audit record line: its node (`node=`/`host=` prefix) and its
/// `SEC.MSEC:SERIAL`, from the first `audit(SEC.MSEC:SERIAL)` in it. `None` for lines
/// without a timestamp. (Byte work rather than a regex: it runs on millions of lines in a
/// debug build.)
pub fn record_id(line: &[u8]) -> Option<(Option<String>, String)> {
    let stamp = memchr::memmem::find_iter(line, b"audit(").find_map(|at| {
        let rest = &line[at + 6..];
        let close = memchr::memchr(b')', &rest[..rest.len().min(48)])?;
        let inner = &rest[..close];
        let dot = memchr::memchr(b'.', inner)?;
        let colon = memchr::memchr(b':', inner)?;
        let digits = |b: &[u8]| !b.is_empty() && b.iter().all(u8::is_ascii_digit);
        (dot < colon
            && digits(&inner[..dot])
            && digits(&inner[dot + 1..colon])
            && digits(&inner[colon + 1..]))
        .then_some(inner)
    })?;
    let node = [&b"node="[..], b"host="].iter().find_map(|prefix| {
        let rest = line.strip_prefix(*prefix)?;
        let end = memchr::memchr(b' ', rest)?;
        Some(String::from_utf8_lossy(&rest[..end]).into_owned())
    });
    Some((node, String::from_utf8_lossy(stamp).into_owned()))
}

/// The event ids of raw output in output order: one entry per run of records with the same id.
pub fn event_ids(raw: &[u8]) -> Vec<(Option<String>, String)> {
    let mut ids: Vec<(Option<String>, String)> = Vec::new();
    for line in lines_of(raw) {
        if let Some(id) = record_id(line)
            && ids.last() != Some(&id)
        {
            ids.push(id);
        }
    }
    ids
}

/// The serial of an id `SEC.MSEC:SERIAL`.
pub fn serial_of(id: &str) -> u64 {
    id.rsplit(':').next().unwrap().parse().unwrap()
}

/// Milliseconds since the epoch of an id `SEC.MSEC:SERIAL`.
pub fn millis_of(id: &str) -> u64 {
    let (time, _) = id.split_once(':').unwrap();
    let (sec, msec) = time.split_once('.').unwrap();
    sec.parse::<u64>().unwrap() * 1000 + msec.parse::<u64>().unwrap()
}

/// The serials of the events of raw output, in output order.
pub fn serials(raw: &[u8]) -> Vec<u64> {
    event_ids(raw).iter().map(|(_, id)| serial_of(id)).collect()
}

/// The events of `--format jsonl` output, parsed.
pub fn jsonl(stdout: &[u8]) -> Vec<serde_json::Value> {
    lines_of(stdout)
        .iter()
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_slice(line).unwrap_or_else(|e| {
                panic!(
                    "jsonl line {} does not parse ({e}): {}",
                    i + 1,
                    String::from_utf8_lossy(line)
                )
            })
        })
        .collect()
}

/// A figure of the `--stats` report (`lines`, `records`, `events`, `matched events`, …).
pub fn stat(stderr: &str, name: &str) -> u64 {
    let prefix = format!("{name}:");
    stderr
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no '{name}' in the --stats report:\n{stderr}"))
}

/// Runs an external tool (gzip, zstd, xz, bzip2) with `input` on stdin; returns its stdout.
pub fn filter_through(tool: &str, args: &[&str], input: &[u8]) -> Vec<u8> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool} runs: {e}"));
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "{tool} {args:?} failed");
    output.stdout
}

/// The decompressed bytes of a testdata file (gzip is the only format testdata uses).
pub fn gunzip(path: &str) -> Vec<u8> {
    filter_through("gzip", &["-dc"], &std::fs::read(path).unwrap())
}

/// `copies` copies of an audit log, each moved `shift_secs` seconds and 1 000 000 serials
/// further than the previous one: a large input whose events are all distinct. Only the first
/// `audit(SEC.MSC:SERIAL)` of a line is moved (plain byte work: this runs in debug builds).
pub fn shifted_copies(log: &[u8], copies: u64, shift_secs: u64) -> Vec<u8> {
    struct Line<'a> {
        head: &'a [u8],
        stamp: Option<(u64, &'a [u8], u64)>,
        tail: &'a [u8],
    }
    let number = |b: &[u8]| -> u64 { std::str::from_utf8(b).unwrap().parse().unwrap() };
    let parsed: Vec<Line> = log
        .split_inclusive(|&b| b == b'\n')
        .map(|line| {
            let found = memchr::memmem::find(line, b"audit(").and_then(|at| {
                let start = at + 6;
                let close = start + memchr::memchr(b')', &line[start..])?;
                let colon = start + memchr::memchr(b':', &line[start..close])?;
                let (time, serial) = (&line[start..colon], &line[colon + 1..close]);
                let dot = memchr::memchr(b'.', time)?;
                let digits = |b: &[u8]| !b.is_empty() && b.iter().all(u8::is_ascii_digit);
                if !digits(&time[..dot]) || !digits(&time[dot + 1..]) || !digits(serial) {
                    return None;
                }
                Some((
                    start,
                    close,
                    number(&time[..dot]),
                    &time[dot + 1..],
                    number(serial),
                ))
            });
            match found {
                Some((start, close, sec, msec, serial)) => Line {
                    head: &line[..start],
                    stamp: Some((sec, msec, serial)),
                    tail: &line[close..],
                },
                None => Line {
                    head: line,
                    stamp: None,
                    tail: b"",
                },
            }
        })
        .collect();
    let mut out = Vec::with_capacity(log.len() * copies as usize + 1024);
    for k in 0..copies {
        for line in &parsed {
            out.extend_from_slice(line.head);
            if let Some((sec, msec, serial)) = line.stamp {
                use std::io::Write;
                write!(out, "{}.", sec + k * shift_secs).unwrap();
                out.extend_from_slice(msec);
                write!(out, ":{}", serial + k * 1_000_000).unwrap();
            }
            out.extend_from_slice(line.tail);
        }
    }
    out
}

/// Writes the sample's odd and even events into two files of a new directory, so that input
/// order (one file after the other) and time order differ.
pub fn odd_and_even_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(testdata("sample/audit.log")).unwrap();
    let (mut odd, mut even) = (Vec::new(), Vec::new());
    for line in lines_of(&bytes) {
        let serial = serial_of(&record_id(line).unwrap().1);
        let part = if serial % 2 == 1 { &mut odd } else { &mut even };
        part.extend_from_slice(line);
        part.push(b'\n');
    }
    std::fs::write(dir.path().join("odd.log"), odd).unwrap();
    std::fs::write(dir.path().join("even.log"), even).unwrap();
    dir
}

/// The record types of one event of `--format jsonl` output.
pub fn record_types(event: &serde_json::Value) -> Vec<&str> {
    event["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect()
}

/// RFC 4180 fields of one line.
pub fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

/// An archive made by the benchmark generator with `args` (blank-separated, besides `--out`)
/// in a new directory, or `None` (with a notice) where the generator is absent.
pub fn generated_archive(test: &str, args: &str) -> Option<tempfile::TempDir> {
    let generator = repo_path("../shared/bench/gen-audit-log");
    if !generator.is_file() {
        println!("{test}: skipped, {} is absent", generator.display());
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(&generator)
        .args(args.split_whitespace())
        .arg("--out")
        .arg(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the generator runs");
    assert!(status.success(), "gen-audit-log {args:?}");
    Some(dir)
}

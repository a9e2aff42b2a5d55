//! Nothing is lost and nothing invented: with no filter, `search --format raw` gives back every
//! record of its input, byte for byte, and `--stats` accounts for every line.
//!
//! Checked on every file of `testdata/irregular/` and `testdata/sample/`, and on every file of
//! the shared corpus when it is present:
//!
//! - `--stats` counts as many lines as the file has (a last line without a newline counts);
//! - the lines listed as skipped (`--stats --debug`, `file:LINE: reason`) hold no readable
//!   record header, and the report lists all of them;
//! - the multiset of output lines equals the multiset of input lines minus the blank, comment
//!   and skipped lines (the strict comparison);
//! - `records` equals the number of output lines and every event is matched.
//!
//! The strict comparison does not hold where one input line is not one record. Those files are
//! compared after cutting their lines into records (see [`records_of_line`]):
//!
//! - `irregular/two-per-line.log`: two records written on one line come out as two lines;
//! - `irregular/garbage.log`: the CRED_ACQ record written after 64 NUL bytes comes out without
//!   the junk before it.
//!
//! [`EXCLUDED`] names them; the test also checks that no other file needs the cutting, so the
//! list cannot grow silently.

mod common;

use common::{code, lines_of, run, stat, stderr_text, testdata};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Files excluded from the strict line comparison, and why.
const EXCLUDED: &[(&str, &str)] = &[
    (
        "two-per-line.log",
        "two records on one line are output as two lines",
    ),
    (
        "garbage.log",
        "a record after NUL junk is output without the junk",
    ),
];

/// A well-formed record header: `type=NAME msg=audit(S.MMM:N)` or the kernel's syslog form
/// `type=NNNN audit(S.MMM:N)`. A skipped line must not hold one.
fn has_record_header(line: &[u8]) -> bool {
    static HEADER: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r"type=[A-Za-z0-9_\[\]]+ (?:msg=)?audit\(\d+\.\d{3}:\d+\)")
            .unwrap()
    });
    HEADER.is_match(line)
}

/// Where a record header starts in `line`: `[node=X ]type=NAME msg=audit(`.
fn header_starts(line: &[u8]) -> Vec<usize> {
    static START: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r"(?:(?:node|host)=\S+ )?type=\S+ msg=audit\(").unwrap()
    });
    START.find_iter(line).map(|m| m.start()).collect()
}

/// The records of one input line as they should be output: the line itself, unless junk
/// precedes its first header (then from the header on) or it holds several records (then cut
/// before each further header, the separating blank dropped). Kernel syslog lines, whose
/// records keep their prefix, are left whole.
fn records_of_line(line: &[u8]) -> Vec<&[u8]> {
    let starts = header_starts(line);
    let syslog = memchr::memmem::find(line, b"audit: type=").is_some();
    if starts.is_empty() || syslog {
        return vec![line];
    }
    let mut records = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(line.len(), |&next| next - 1);
        records.push(&line[start..end]);
    }
    records
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    let trimmed: Vec<u8> = line
        .iter()
        .copied()
        .skip_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
        .collect();
    trimmed.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) || trimmed.starts_with(b"#")
}

fn sorted(mut lines: Vec<&[u8]>) -> Vec<&[u8]> {
    lines.sort_unstable();
    lines
}

/// Checks one file; returns whether it needed the cutting into records.
fn check(path: &Path) -> bool {
    let file = path.to_str().unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let bytes = std::fs::read(path).unwrap();
    let input = lines_of(&bytes);
    let output = run(&["search", "--format", "raw", "--stats", "--debug", file]);
    assert_eq!(
        code(&output),
        0,
        "{file}: status; stderr:\n{}",
        stderr_text(&output)
    );
    let stderr = stderr_text(&output);
    assert_eq!(stat(&stderr, "lines"), input.len() as u64, "{file}: lines");

    // The skipped lines, as listed.
    let prefix = format!("{file}:");
    let listed: BTreeSet<usize> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(|rest| rest.split_once(": ").unwrap().0.parse().unwrap())
        .collect();
    let blank_or_comment: BTreeSet<usize> = (1..=input.len())
        .filter(|&n| is_blank_or_comment(input[n - 1]))
        .collect();
    assert_eq!(
        stat(&stderr, "lines skipped"),
        (listed.len() + blank_or_comment.len()) as u64,
        "{file}: every damaged line is listed, the others are blank or comments"
    );
    for &n in &listed {
        assert!(
            !has_record_header(input[n - 1]),
            "{file}:{n}: skipped, yet it holds a record: {}",
            String::from_utf8_lossy(input[n - 1])
        );
        assert!(
            !blank_or_comment.contains(&n),
            "{file}:{n}: a blank line listed as damage"
        );
    }
    let kept: Vec<&[u8]> = (1..=input.len())
        .filter(|n| !listed.contains(n) && !blank_or_comment.contains(n))
        .map(|n| input[n - 1])
        .collect();

    let out = lines_of(&output.stdout);
    assert_eq!(
        stat(&stderr, "records"),
        out.len() as u64,
        "{file}: one line per record"
    );
    assert_eq!(
        stat(&stderr, "matched events"),
        stat(&stderr, "events"),
        "{file}: no filter matches every event"
    );
    let cut: Vec<&[u8]> = kept.iter().flat_map(|l| records_of_line(l)).collect();
    let needs_cutting = cut != kept;
    let excluded = EXCLUDED.iter().any(|(n, _)| *n == name);
    let got = sorted(out);
    if excluded || needs_cutting {
        assert_eq!(
            got,
            sorted(cut),
            "{file}: the output records are the input records"
        );
    } else {
        assert_eq!(
            got,
            sorted(kept),
            "{file}: the output lines are the input lines"
        );
    }
    needs_cutting
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_record_of_the_testdata_comes_out_once() {
    let mut files = files_in(&common::repo_path("testdata/irregular"));
    files.extend(files_in(&common::repo_path("testdata/sample")));
    assert!(files.len() >= 24, "{files:?}");
    let mut cut = BTreeSet::new();
    for file in &files {
        if check(file) {
            cut.insert(file.file_name().unwrap().to_str().unwrap().to_string());
        }
    }
    let excluded: BTreeSet<String> = EXCLUDED.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        cut, excluded,
        "the files that need cutting into records are the excluded ones"
    );
}

#[test]
fn every_record_of_the_corpus_comes_out_once() {
    let Some(dir) = common::corpus_dir("every_record_of_the_corpus_comes_out_once") else {
        return;
    };
    let files = common::corpus_files(&dir);
    assert!(!files.is_empty());
    for file in &files {
        if check(file) {
            // Not expected in the corpus today; the comparison above still ran on the records.
            println!("{}: compared record by record", file.display());
        }
    }
}

#[test]
fn a_last_line_without_a_newline_is_counted_and_read() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(testdata("sample/audit.log")).unwrap();
    let cut = &sample[..sample.len() - 1];
    assert!(!cut.ends_with(b"\n"));
    let path = dir.path().join("no-final-newline.log");
    std::fs::write(&path, cut).unwrap();
    let file = path.to_str().unwrap();
    // Records come out grouped by event, so compare with the output for the whole sample.
    let expected = run(&["search", &testdata("sample/audit.log")]).stdout;
    assert!(expected.ends_with(b"\n"));
    for extra in [&[][..], &["--no-mmap"]] {
        let mut args = vec!["search", "--stats"];
        args.extend_from_slice(extra);
        args.push(file);
        let output = run(&args);
        assert_eq!(stat(&stderr_text(&output), "lines"), 286, "{extra:?}");
        assert!(
            output.stdout == expected,
            "{extra:?}: the last record, with a newline"
        );
    }
    let output = common::run_with_stdin(&["search", "--stats"], cut.to_vec());
    assert_eq!(stat(&stderr_text(&output), "lines"), 286, "stdin");
    assert!(
        output.stdout == expected,
        "stdin: the last record, with a newline"
    );
    assert!(!check(&path), "one record per line");
}

#[test]
fn the_line_cutting_of_this_test_is_right() {
    let two = b"type=A msg=audit(1.000:1): a=1 type=B msg=audit(1.000:2): b=2";
    assert_eq!(
        records_of_line(two),
        [
            &b"type=A msg=audit(1.000:1): a=1"[..],
            b"type=B msg=audit(1.000:2): b=2"
        ]
    );
    let junk = b"\0\0\0type=C msg=audit(1.000:3): c=3";
    assert_eq!(
        records_of_line(junk),
        [&b"type=C msg=audit(1.000:3): c=3"[..]]
    );
    let syslog = b"Nov 26 web01 kernel: [1.0] audit: type=1400 audit(1.000:4): x=1";
    assert_eq!(records_of_line(syslog), [&syslog[..]]);
    let nodes = b"node=a type=D msg=audit(1.000:5): d=4 node=b type=E msg=audit(1.000:5): e=5";
    assert_eq!(
        records_of_line(nodes),
        [
            &b"node=a type=D msg=audit(1.000:5): d=4"[..],
            b"node=b type=E msg=audit(1.000:5): e=5"
        ]
    );
    assert!(has_record_header(
        b"type=SYSCALL msg=audit(1700000000.123:5): x"
    ));
    assert!(!has_record_header(
        b"type=SYSCALL msg=audit(1700000000.1234:5): x"
    ));
    assert!(!has_record_header(b"type=SYSCALL msg=audit(17009"));
    assert!(is_blank_or_comment(b"   \r") && is_blank_or_comment(b"  # note"));
    assert!(!is_blank_or_comment(b"type=X msg=audit(1.000:1): #"));
}

/// A generated rotated archive (several hosts, ENRICHED, interleaved events), kept plain so
/// each file can be compared line by line: each file alone, and the whole set at once.
#[test]
fn every_record_of_a_generated_archive_comes_out_once() {
    let generator = common::repo_path("../shared/bench/gen-audit-log");
    if !generator.is_file() {
        println!(
            "every_record_of_a_generated_archive_comes_out_once: skipped, {} is absent",
            generator.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("python3")
        .arg(&generator)
        .args([
            "--size",
            "3M",
            "--rotate",
            "3",
            "--hosts",
            "3",
            "--enriched",
        ])
        .args([
            "--interleave",
            "0.3",
            "--seed",
            "13",
            "--gzip-from",
            "99",
            "--out",
        ])
        .arg(dir.path())
        .status()
        .expect("python3 runs the generator");
    assert!(status.success());
    let files = files_in(dir.path());
    assert_eq!(files.len(), 4, "{files:?}");
    let mut all_lines = Vec::new();
    for file in &files {
        check(file);
        all_lines.extend(
            lines_of(&std::fs::read(file).unwrap())
                .into_iter()
                .map(<[u8]>::to_vec),
        );
    }
    let output = run(&[
        "search",
        "--format",
        "raw",
        "--stats",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr_text(&output));
    let stderr = stderr_text(&output);
    assert_eq!(stat(&stderr, "lines"), all_lines.len() as u64);
    assert_eq!(stat(&stderr, "lines skipped"), 0);
    let mut expected: Vec<&[u8]> = all_lines.iter().map(Vec::as_slice).collect();
    expected.sort_unstable();
    assert_eq!(
        sorted(lines_of(&output.stdout)),
        expected,
        "the archive's records, each once"
    );
}

//! `--where`, names for the id options, `--checkpoint`, the `boot` and `checkpoint` times,
//! `--sort event` and `--debug`, through the binary: what they find, what they write, and
//! the message and exit status of each mistake.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

const SAMPLE: &str = "filters/forensics.log";

fn serials_of(output: &Output) -> Vec<u64> {
    common::stdout_text(output)
        .lines()
        .filter_map(|l| l.split(':').nth(1)?.split(')').next()?.parse().ok())
        .collect::<BTreeSet<u64>>()
        .into_iter()
        .collect()
}

/// The serials `ausift search ARGS FILE` prints; it must not fail.
fn found_in(file: &str, args: &[&str]) -> Vec<u64> {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    full.push(file);
    let output = common::run(&full);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "ausift {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serials_of(&output)
}

fn found(args: &[&str]) -> Vec<u64> {
    found_in(&common::testdata(SAMPLE), args)
}

/// Runs a search that must fail, giving its status and stderr.
fn failing(args: &[&str]) -> (i32, String) {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    let output = common::run(&full);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn where_matches_raw_and_interpreted_values() {
    assert_eq!(found(&["--where", "exit = EACCES"]), [501]);
    assert_eq!(found(&["--where", "exit = -13"]), [501]);
    assert_eq!(
        found(&["--where", "uid = root and syscall = socketcall"]),
        [502]
    );
    assert_eq!(
        found(&["--where", "syscall = 'socketcall(connect)'"]),
        [502]
    );
    assert_eq!(
        found(&["--where", "SOCKADDR.laddr ~ '^198\\.51\\.'"]),
        [502]
    );
    assert_eq!(found(&["--where", "lport = 8080"]), [502]);
    assert_eq!(found(&["--where", "proctitle = 'cat ../shadow'"]), [501]);
    // Repeated --where are ANDed; --not negates one.
    assert_eq!(
        found(&["--where", "uid = 0", "--where", "pid = 902"]),
        [502]
    );
    assert_eq!(
        found(&["--where", "auid = 1000", "--not", "--where", "success = no"]),
        [502, 505, 506]
    );
}

#[test]
fn where_reads_the_whole_command_line_of_an_execve() {
    let file = common::testdata("irregular/execve-split.log");
    let all = found_in(&file, &[]);
    let with_argv = found_in(&file, &["--where", "EXECVE.argv ~ '.'"]);
    assert!(!with_argv.is_empty() && with_argv.len() <= all.len());
    assert_eq!(
        found_in(&file, &["--where", "argv ~ 'no such words'"]),
        Vec::<u64>::new()
    );
}

#[test]
fn id_options_take_names() {
    assert_eq!(found(&["-ui", "root"]), found(&["-ui", "0"]));
    assert_eq!(found(&["-ui", "root"]), [502, 503, 504, 505]);
    assert_eq!(found(&["-ul", "unset"]), [504]);
    assert_eq!(found(&["-ul", "-1"]), [504]);
    assert_eq!(found(&["-ua", "nobody-here"]), Vec::<u64>::new());
    // Names from the ENRICHED part of the records.
    let enriched = common::testdata("irregular/enriched.log");
    let by_number = found_in(&enriched, &["-ui", "0"]);
    assert!(!by_number.is_empty());
    assert_eq!(found_in(&enriched, &["-ui", "root"]), by_number);
}

#[test]
fn where_mistakes_are_status_2_with_the_place() {
    let file = common::testdata(SAMPLE);
    let cases = [
        (
            "uid 0",
            "--where: expected an operator (=, !=, ~, !~, <, <=, >, >=) after 'uid', found '0' \
             (column 5)\n  uid 0\n      ^",
        ),
        ("uidd = 0", "unknown field 'uidd' (did you mean 'uid'?)"),
        ("SOCKADR.laddr ~ x", "did you mean 'SOCKADDR'?"),
        (
            "exe ~ '(unclosed'",
            "bad regular expression '(unclosed': unclosed group",
        ),
        ("(uid = 0", "expected ')' to close the '(' of column 1"),
    ];
    for (expr, message) in cases {
        let (code, stderr) = failing(&["--where", expr, &file]);
        assert_eq!(code, 2, "{expr}");
        assert!(stderr.contains(message), "{expr}: {stderr}");
    }
    assert!(
        !common::run(&["search", "--where", "uid = 0", &file])
            .stdout
            .is_empty()
    );
}

#[test]
fn sort_event_orders_by_serial() {
    let file = common::testdata("irregular/serial-wrap.log");
    let output = common::run(&["search", "--sort", "event", &file]);
    let serials: Vec<u64> = common::stdout_text(&output)
        .lines()
        .filter_map(|l| l.split(':').nth(1)?.split(')').next()?.parse().ok())
        .collect();
    let mut sorted = serials.clone();
    sorted.sort();
    assert!(serials.len() > 2);
    assert_eq!(serials, sorted);
    assert_ne!(
        common::stdout_text(&output),
        common::stdout_text(&common::run(&["search", &file]))
    );
}

#[test]
fn debug_lists_each_skipped_line_without_the_statistics() {
    let file = common::testdata("irregular/garbage.log");
    let output = common::run(&["search", "--debug", "--count", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{file}:7: not an audit record")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{file}:8: unreadable")),
        "{stderr}"
    );
    assert!(!stderr.contains("records:"), "no statistics: {stderr}");
}

#[test]
fn line_buffered_output_is_the_same_output() {
    let file = common::testdata(SAMPLE);
    assert_eq!(
        common::run(&["search", "--line-buffered", &file]).stdout,
        common::run(&["search", &file]).stdout
    );
    assert_eq!(
        common::run(&["search", "-l", &file]).stdout,
        common::run(&["search", &file]).stdout
    );
}

#[test]
fn boot_is_the_last_start_the_logs_record() {
    let file = common::testdata("irregular/enriched.log");
    let text = std::fs::read_to_string(&file).unwrap();
    // The DAEMON_START of enriched.log is its last start; events from it on.
    let boot: u64 = 1700996430;
    let expected: Vec<u64> = found_in(&file, &["--start", &format!("{boot}.112")]);
    assert!(!expected.is_empty());
    assert!(text.contains("type=DAEMON_START msg=audit(1700996430.112:3117)"));
    assert_eq!(found_in(&file, &["-ts", "boot"]), expected);
    let (code, stderr) = {
        let output = common::run_with_stdin(&["search", "-ts", "boot"], text.into_bytes());
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    assert_eq!(code, Some(2));
    assert!(stderr.contains("needs files, not stdin"), "{stderr}");
    let (code, stderr) = failing(&["-ts", "boot", &common::testdata(SAMPLE)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("the logs record no boot"), "{stderr}");
}

fn copy_to(dir: &Path, name: &str, from: &str) -> String {
    let path = dir.join(name);
    std::fs::copy(common::testdata(from), &path).unwrap();
    path.display().to_string()
}

fn append(path: &str, from: &str) {
    use std::io::Write;
    let more = std::fs::read(common::testdata(from)).unwrap();
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(&more).unwrap();
}

#[test]
fn checkpoint_resumes_after_the_last_event_read() {
    let dir = tempfile::tempdir().unwrap();
    let log = copy_to(dir.path(), "audit.log", SAMPLE);
    let checkpoint = dir.path().join("checkpoint").display().to_string();
    let all = found(&[]);
    let first = common::run(&["search", "--checkpoint", &checkpoint, &log]);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(serials_of(&first), all, "a first run reads everything");
    let written = std::fs::read_to_string(&checkpoint).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines.len(), 3, "{written}");
    assert!(lines[0].starts_with("dev=0x"), "{written}");
    assert!(lines[1].starts_with("inode="), "{written}");
    assert_eq!(lines[2], "output=- 1700000105.000:506 0x514");
    // Nothing new: nothing output, status 1, the same checkpoint.
    let again = common::run(&["search", "--checkpoint", &checkpoint, &log]);
    assert_eq!(again.status.code(), Some(1));
    assert!(again.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&checkpoint).unwrap(), written);
    // New events are found, and only they.
    append(&log, "irregular/enriched.log");
    let enriched = found_in(&common::testdata("irregular/enriched.log"), &[]);
    let resumed = common::run(&["search", "--checkpoint", &checkpoint, &log]);
    assert_eq!(serials_of(&resumed), enriched);
    // --start checkpoint: from the checkpoint's time, whatever the file.
    let by_time = common::run(&[
        "search",
        "-ts",
        "checkpoint",
        "--checkpoint",
        &checkpoint,
        &log,
    ]);
    assert!(by_time.status.code().is_some_and(|c| c <= 1));
}

/// Writes a checkpoint as ausearch does, naming `log` and the event `output`.
fn write_checkpoint(path: &str, log: &str, output: &str) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(log).unwrap();
    let text = format!(
        "dev=0x{:X}\ninode={}\noutput={output}\n",
        meta.dev(),
        meta.ino()
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_ausearch_checkpoint_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let log = copy_to(dir.path(), "audit.log", SAMPLE);
    let cp = dir.path().join("cp").display().to_string();
    write_checkpoint(&cp, &log, "- 1700000102.000:503 0x458");
    let output = common::run(&["search", "--checkpoint", &cp, &log]);
    assert_eq!(serials_of(&output), [504, 505, 506]);
    // With a filter, the events passed over are not counted either.
    write_checkpoint(&cp, &log, "- 1700000102.000:503 0x458");
    let args = [
        "search",
        "--count",
        "-ui",
        "root",
        "--checkpoint",
        &cp,
        &log,
    ];
    assert_eq!(common::stdout_text(&common::run(&args)), "2\n");
}

#[test]
fn checkpoint_mistakes_have_ausearchs_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let log = copy_to(dir.path(), "audit.log", SAMPLE);
    let other = copy_to(dir.path(), "other.log", "irregular/enriched.log");
    let cp = dir.path().join("cp").display().to_string();
    // Not `cp.replace(…)`: the scratch directory's random name may hold "cp" too.
    let cp2 = dir.path().join("cp2").display().to_string();
    std::fs::write(&cp, "garbage\n").unwrap();
    let (code, stderr) = failing(&["--checkpoint", &cp, &log]);
    assert_eq!(code, 10);
    assert!(
        stderr.contains("cannot read the line 'garbage'"),
        "{stderr}"
    );
    // A checkpoint of another file.
    assert_eq!(
        common::run(&["search", "--checkpoint", &cp2, &other])
            .status
            .code(),
        Some(0)
    );
    let (code, stderr) = failing(&["--checkpoint", &cp2, &log]);
    assert_eq!(code, 10);
    assert!(stderr.contains("is not among the inputs"), "{stderr}");
    // The right file without the event.
    write_checkpoint(&cp, &log, "- 1700000100.000:999 0x514");
    let (code, stderr) = failing(&["--checkpoint", &cp, &log]);
    assert_eq!(code, 12);
    assert!(stderr.contains("came before it"), "{stderr}");
    let before = std::fs::read_to_string(&cp).unwrap();
    assert!(before.contains(":999 "), "the checkpoint is left as it was");
    // stdin cannot be checkpointed.
    let output = common::run_with_stdin(
        &["search", "--checkpoint", &cp],
        std::fs::read(&log).unwrap(),
    );
    assert_eq!(output.status.code(), Some(10));
    // checkpoint is a start time, and needs the file.
    let (code, _) = failing(&["-te", "checkpoint", "--checkpoint", &cp, &log]);
    assert_eq!(code, 2);
    let (code, stderr) = failing(&["-ts", "checkpoint", &log]);
    assert_eq!(code, 2);
    assert!(stderr.contains("needs --checkpoint FILE"), "{stderr}");
}

//! The output formats and their options end to end: interpreted, default, text, csv and jsonl,
//! `--escape`, the user databases (`--passwd`, `--group`, `--root`, `--local-names`) and the
//! csv `--extra-*` columns.

mod common;

use common::{assert_code, run, run_with_stdin, stderr_text, stdout_text, testdata};

fn values() -> String {
    testdata("irregular/values.log")
}

#[test]
fn interpreted_has_three_spellings_and_shows_records_last_first() {
    let long = run(&["search", "--format", "interpreted", "-a", "7301", &values()]);
    assert_code(&long, 0, "--format interpreted");
    let alias = run(&["search", "--format", "interpret", "-a", "7301", &values()]);
    let short = run(&["search", "-i", "-a", "7301", &values()]);
    assert_eq!(long.stdout, alias.stdout);
    assert_eq!(long.stdout, short.stdout);
    let text = stdout_text(&long);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "----");
    // ausearch's order: the SYSCALL record, logged first, comes last.
    assert!(
        lines.last().unwrap().starts_with(
            "type=SYSCALL msg=audit(2023-11-26T10:40:00.412Z:7301) : arch=x86_64 syscall=execve "
        ),
        "{text}"
    );
    assert!(text.contains(" cwd=/home/alice/my dir "), "{text}");
    assert!(
        text.contains("a0=/opt/acme tools/bin/run job a1=--config "),
        "{text}"
    );
}

#[test]
fn interpreted_and_raw_flags_exclude_each_other() {
    let output = run(&["search", "-i", "--format", "csv", &values()]);
    assert_code(&output, 2, "-i with --format");
    let output = run(&["search", "-i", "-r", &values()]);
    assert_code(&output, 2, "-i with -r");
}

#[test]
fn escape_modes_apply_to_interpreted_values() {
    let shown = |mode: &str| {
        stdout_text(&run(&[
            "search",
            "-i",
            "--escape",
            mode,
            "-a",
            "7301",
            "-m",
            "CWD",
            &values(),
        ]))
    };
    assert!(shown("tty").contains(" cwd=/home/alice/my dir "));
    assert!(shown("shell").contains(" cwd=/home/alice/my\\ dir "));
    assert!(shown("shell_quote").contains(" cwd=/home/alice/my\\ dir "));
    // A control character in a decoded value: octal in tty mode, as it is in raw mode.
    let log = b"type=SYSCALL msg=audit(1700990221.000:1): arch=c000003e syscall=59 success=yes \
exit=0 comm=\"x\" exe=2F746D702F1B5B316D key=(null)\n"
        .to_vec();
    let tty = run_with_stdin(&["search", "-i", "-"], log.clone());
    assert!(
        stdout_text(&tty).contains("exe=/tmp/\\033[1m "),
        "{}",
        stdout_text(&tty)
    );
    let raw = run_with_stdin(&["search", "-i", "--escape", "raw", "-"], log);
    assert!(raw.stdout.windows(2).any(|w| w == b"\x1b["));
}

#[test]
fn names_come_from_the_evidence_hosts_files_and_enrichment_wins() {
    let passwd = testdata("userdb/etc/passwd");
    let group = testdata("userdb/etc/group");
    let root = testdata("userdb");
    let ids = |extra: &[&str]| {
        let mut args = vec!["search", "-i", "-a", "7301", "-m", "SYSCALL"];
        args.extend_from_slice(extra);
        let v = values();
        args.push(&v);
        stdout_text(&run(&args))
    };
    let none = ids(&[]);
    assert!(
        none.contains(" uid=unknown(1000) gid=unknown(1000) "),
        "{none}"
    );
    let files = ids(&["--passwd", &passwd, "--group", &group]);
    assert!(files.contains(" uid=alice gid=alice "), "{files}");
    let image = ids(&["--root", &root]);
    assert!(image.contains(" uid=alice "), "{image}");
    // Two sources of names at once are refused.
    let both = run(&["search", "-i", "--root", &root, "--local-names", &values()]);
    assert_code(&both, 2, "--root with --local-names");
    let missing = run(&["search", "-i", "--passwd", "/nonexistent/passwd", &values()]);
    assert_code(&missing, 2, "missing passwd");
    assert!(stderr_text(&missing).contains("/nonexistent/passwd"));
    // An ENRICHED record's own name beats the file's.
    let log = b"type=SYSCALL msg=audit(1700990221.000:1): arch=c000003e syscall=59 success=yes \
exit=0 uid=1000 key=(null)\x1dARCH=x86_64 SYSCALL=execve UID=\"mallory\"\n"
        .to_vec();
    let enriched = run_with_stdin(&["search", "-i", "--passwd", &passwd, "-"], log);
    assert!(stdout_text(&enriched).contains(" uid=mallory "));
}

#[test]
fn text_is_one_sentence_per_event() {
    let output = run(&[
        "search",
        "--format",
        "text",
        "--passwd",
        &testdata("userdb/etc/passwd"),
        "-a",
        "7301",
        &values(),
    ]);
    assert_eq!(
        stdout_text(&output),
        "At 2023-11-26T10:40:00Z alice successfully executed /opt/acme tools/bin/run job \
using /opt/acme tools/bin/run job\n"
    );
}

#[test]
fn csv_quotes_as_rfc_4180_and_adds_the_extra_columns() {
    let log = b"type=SYSCALL msg=audit(1700990221.250:7): arch=c000003e syscall=257 success=no \
exit=-13 a0=ffffff9c a1=1 a2=0 a3=0 items=1 ppid=1 pid=2 auid=0 uid=0 gid=0 euid=0 suid=0 \
fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1 comm=\"cat\" exe=\"/usr/bin/cat\" key=\"files\"\n\
type=CWD msg=audit(1700990221.250:7): cwd=\"/srv\"\n\
type=PATH msg=audit(1700990221.250:7): item=0 name=\"a,b\" inode=1 dev=08:01 mode=0100644 \
ouid=0 ogid=0 rdev=00:00 nametype=NORMAL\n"
        .to_vec();
    let output = run_with_stdin(
        &[
            "search",
            "--format",
            "csv",
            "--extra-time",
            "--extra-keys",
            "--extra-obj2",
            "--extra-labels",
            "--tz",
            "+05:30",
            "-",
        ],
        log,
    );
    assert_code(&output, 0, "csv");
    let text = stdout_text(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "NODE,EVENT,DATE,TIME,YEAR,MONTH,DAY,WEEKDAY,HOUR,MILLI,GMT_OFFSET,SERIAL_NUM,\
EVENT_KIND,SESSION,SUBJ_PRIME,SUBJ_SEC,SUBJ_KIND,SUBJ_LABEL,ACTION,RESULT,OBJ_PRIME,OBJ_SEC,\
OBJ2,OBJ_LABEL,OBJ_KIND,HOW,KEY"
    );
    // 2023-11-26 09:17:01 UTC is 14:47:01 at +05:30, a Sunday (7); TIME says its zone. The
    // name with a comma is quoted, and joined to the working directory.
    assert_eq!(
        lines[1],
        ",SYSCALL,2023-11-26,14:47:01+05:30,2023,11,26,7,14,250,+05:30,7,audit-rule,1,root,root,\
privileged-acct,,opened-file,failed,\"/srv/a,b\",1,,,file,/usr/bin/cat,files"
    );
    // The extra columns belong to csv.
    let output = run(&["search", "--format", "text", "--extra-keys", &values()]);
    assert_code(&output, 2, "--extra-keys without csv");
}

#[test]
fn default_format_is_ausearchs_with_iso_times() {
    let output = run(&["search", "--format", "default", "-a", "7301", &values()]);
    let text = stdout_text(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "----");
    assert_eq!(lines[1], "time->2023-11-26T10:40:00Z");
    assert!(
        lines[2].starts_with("type=PROCTITLE msg=audit(1700995200.412:7301): "),
        "{text}"
    );
    assert!(lines.last().unwrap().starts_with("type=SYSCALL "), "{text}");
}

#[test]
fn socketcall_events_are_found_and_read_by_their_call() {
    let file = testdata("irregular/i386-socketcall.log");
    let output = run(&["search", "-i", "--syscall", "connect", "-a", "3303", &file]);
    assert_code(&output, 0, "socketcall connect");
    let text = stdout_text(&output);
    assert!(text.contains(" syscall=socketcall(connect) "), "{text}");
    let socket = stdout_text(&run(&["search", "-i", "-a", "3302", &file]));
    // socket(AF_INET, SOCK_STREAM, 0) through socketcall: the record holds socket()'s arguments.
    assert!(
        socket.contains("type=SOCKETCALL") && socket.contains(" a0=inet a1=SOCK_STREAM "),
        "{socket}"
    );
    let sentence = stdout_text(&run(&["search", "--format", "text", "-a", "3303", &file]));
    assert!(
        sentence.contains(" unsuccessfully connected-to 198.51.100.9 "),
        "{sentence}"
    );
}

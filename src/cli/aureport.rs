//! aureport's spellings for `ausift report`, translated before clap sees them: a report option
//! (`-x`, `-au`, `--login`, …) becomes `--report NAME`, `--failed` and a bare `--success`
//! become `--success no|yes`, `-nc` becomes `--no-config`.
//!
//! Several aureport options are also search filters that take a value (`-x EXE`, `-k KEY`,
//! `-m TYPE`, `-p PID`, `-f FILE`, `-c COMM`, `-e EXIT`, `-n NODE`, `-a SERIAL`, `-tm TTY`):
//! such an option is the report when nothing follows it, when an option follows, or when a
//! file that exists follows (aureport takes no value there); otherwise it is the filter.

/// aureport option → report name, for options that are never filters.
const REPORT_ONLY: &[(&str, &str)] = &[
    ("-au", "auth"),
    ("--auth", "auth"),
    ("--avc", "avc"),
    ("--config", "config"),
    ("-cr", "crypto"),
    ("--crypto", "crypto"),
    ("-h", "hosts"),
    ("--integrity", "integrity"),
    ("-l", "logins"),
    ("--login", "logins"),
    ("--mods", "mods"),
    ("-ma", "mac"),
    ("--mac", "mac"),
    ("--anomaly", "anomaly"),
    ("-r", "responses"),
    ("--response", "responses"),
    ("-s", "syscalls"),
    ("-t", "time"),
    ("--log", "time"),
    ("-u", "users"),
    ("--user", "users"),
    ("--virt", "virt"),
    ("--executable", "exe"),
];

/// aureport options that `search`'s filters also spell, with a value.
const REPORT_OR_FILTER: &[(&str, &str)] = &[
    ("-a", "avc"),
    ("-c", "config"),
    ("--comm", "comm"),
    ("-e", "events"),
    ("--event", "events"),
    ("-f", "files"),
    ("--file", "files"),
    ("--host", "hosts"),
    ("-k", "keys"),
    ("--key", "keys"),
    ("-m", "mods"),
    ("-n", "anomaly"),
    ("-p", "pids"),
    ("--pid", "pids"),
    ("--syscall", "syscalls"),
    ("-tm", "terminals"),
    ("--terminal", "terminals"),
    ("-x", "exe"),
];

/// aureport options ausift has no use for, with whether they take a value: ausift groups
/// records without a time window and escapes output by where it goes.
const IGNORED: &[(&str, bool)] = &[("--eoe-timeout", true), ("--escape", true)];

/// Rewrites `args` when the subcommand is `report`; anything else is left alone.
pub fn translate(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).is_none_or(|a| a != "report") {
        return args;
    }
    let mut out = Vec::with_capacity(args.len() + 2);
    let mut iter = args.into_iter().peekable();
    out.extend(iter.by_ref().take(2));
    while let Some(arg) = iter.next() {
        let text = arg.to_str().unwrap_or_default().to_string();
        if text == "--" {
            out.push(arg);
            out.extend(iter);
            break;
        }
        let next = iter.peek().and_then(|n| n.to_str()).map(str::to_string);
        if let Some(name) = report_of(&text, next.as_deref()) {
            out.push("--report".into());
            out.push(name.into());
            continue;
        }
        match text.as_str() {
            "--failed" => out.extend(["--success".into(), "no".into()]),
            "--success" if !next.as_deref().is_some_and(is_yes_no) => {
                out.extend(["--success".into(), "yes".into()])
            }
            "-nc" => out.push("--no-config".into()),
            "-v" => out.push("--version".into()),
            _ => match IGNORED.iter().find(|(o, _)| *o == text) {
                Some((_, true)) => {
                    iter.next();
                }
                Some((_, false)) => {}
                None => out.push(arg),
            },
        }
    }
    out
}

fn is_yes_no(text: &str) -> bool {
    matches!(text, "yes" | "no")
}

/// The report an aureport option names here, given the word after it.
fn report_of(option: &str, next: Option<&str>) -> Option<&'static str> {
    if let Some(&(_, name)) = REPORT_ONLY.iter().find(|(o, _)| *o == option) {
        return Some(name);
    }
    let &(_, name) = REPORT_OR_FILTER.iter().find(|(o, _)| *o == option)?;
    let is_value = match next {
        None => false,
        // A negative exit value is a value (`-e -13`).
        Some(n) if n.starts_with('-') => {
            option == "-e" && n.len() > 1 && n[1..].bytes().all(|b| b.is_ascii_alphanumeric())
        }
        Some(n) => !std::path::Path::new(n).exists(),
    };
    (!is_value).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Vec<String> {
        crate::cli::translated(translate, args)
    }

    #[test]
    fn report_options_become_report_names() {
        assert_eq!(
            run(&["ausift", "report", "-x", "--summary", "-if", "dir"]),
            [
                "ausift",
                "report",
                "--report",
                "exe",
                "--summary",
                "-if",
                "dir"
            ]
        );
        assert_eq!(
            run(&["ausift", "report", "-if", "dir", "-au"]),
            ["ausift", "report", "-if", "dir", "--report", "auth"]
        );
        assert_eq!(
            run(&["ausift", "report", "-h"]),
            ["ausift", "report", "--report", "hosts"]
        );
    }

    #[test]
    fn an_option_with_a_value_stays_a_filter() {
        assert_eq!(
            run(&["ausift", "report", "-k", "network", "-x"]),
            ["ausift", "report", "-k", "network", "--report", "exe"]
        );
        assert_eq!(
            run(&["ausift", "report", "-e", "-13", "-f"]),
            ["ausift", "report", "-e", "-13", "--report", "files"]
        );
        // An existing file after the option is an input, not the option's value.
        let here = env!("CARGO_MANIFEST_DIR");
        assert_eq!(
            run(&["ausift", "report", "-k", here]),
            ["ausift", "report", "--report", "keys", here]
        );
    }

    #[test]
    fn failed_and_success_become_the_success_filter() {
        assert_eq!(
            run(&["ausift", "report", "--failed", "-l"]),
            ["ausift", "report", "--success", "no", "--report", "logins"]
        );
        assert_eq!(
            run(&["ausift", "report", "--success"]),
            ["ausift", "report", "--success", "yes"]
        );
        assert_eq!(
            run(&["ausift", "report", "--success", "no", "--eoe-timeout", "5"]),
            ["ausift", "report", "--success", "no"]
        );
    }

    #[test]
    fn other_subcommands_are_left_alone() {
        assert_eq!(run(&["ausift", "search", "-x"]), ["ausift", "search", "-x"]);
    }
}

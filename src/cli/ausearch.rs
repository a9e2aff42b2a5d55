//! ausearch's spellings, translated before clap sees them: its two-letter single-dash options
//! (`-ts`, `-if`, `-sc`, …) become our long options, and `-ts DATE TIME` (two words) becomes
//! one value.

/// ausearch option → ausift long option.
const SPELLINGS: &[(&str, &str)] = &[
    ("-if", "--input"),
    ("-ts", "--start"),
    ("-te", "--end"),
    ("-sc", "--syscall"),
    ("-sv", "--success"),
    ("-pp", "--ppid"),
    ("-ui", "--uid"),
    ("-ue", "--euid"),
    ("-ul", "--auid"),
    ("-ua", "--uid-all"),
    ("-gi", "--gid"),
    ("-ge", "--egid"),
    ("-ga", "--gid-all"),
    ("-hn", "--host"),
    ("-tm", "--terminal"),
    ("-se", "--context"),
    ("-su", "--subject"),
    ("-uu", "--uuid"),
    ("-vm", "--vm-name"),
];

/// Rewrites ausearch spellings in `args` (the program name and subcommand included).
pub fn translate(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter().peekable();
    let mut after_double_dash = false;
    while let Some(arg) = iter.next() {
        let text = arg.to_str().unwrap_or_default();
        if after_double_dash || text.is_empty() {
            out.push(arg);
            continue;
        }
        if text == "--" {
            after_double_dash = true;
            out.push(arg);
            continue;
        }
        let Some(&(_, long)) = SPELLINGS.iter().find(|(short, _)| *short == text) else {
            out.push(arg);
            continue;
        };
        out.push(long.into());
        if long == "--start" || long == "--end" {
            join_date_and_time(&mut iter, &mut out);
        }
    }
    out
}

/// The ausearch spelling nearest to `word` (one letter added, left out, changed or swapped),
/// for the message about an unknown option such as `-tss`; `None` when none is that near or
/// `word` is a spelling already.
pub fn nearest_spelling(word: &str) -> Option<(&'static str, &'static str)> {
    if word.starts_with("--") || !word.starts_with('-') || word.len() < 3 {
        return None;
    }
    if SPELLINGS.iter().any(|(short, _)| *short == word) {
        return None;
    }
    SPELLINGS
        .iter()
        .copied()
        .find(|(short, _)| one_edit_apart(short.as_bytes(), word.as_bytes()))
}

/// Whether `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours.
fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    match (a_rest.len(), b_rest.len()) {
        (x, y) if x == y + 1 => a_rest[1..] == *b_rest,
        (x, y) if y == x + 1 => b_rest[1..] == *a_rest,
        (x, y) if x == y && x > 0 => {
            a_rest[1..] == b_rest[1..]
                || (x >= 2
                    && a_rest[0] == b_rest[1]
                    && a_rest[1] == b_rest[0]
                    && a_rest[2..] == b_rest[2..])
        }
        _ => false,
    }
}

/// ausearch takes `-ts 11/14/23 22:15:00` as two words (either order); join them.
fn join_date_and_time(
    iter: &mut std::iter::Peekable<impl Iterator<Item = std::ffi::OsString>>,
    out: &mut Vec<std::ffi::OsString>,
) {
    let Some(first) = iter.next() else {
        return;
    };
    let first_text = first.to_str().unwrap_or_default().to_string();
    let second = iter
        .peek()
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .unwrap_or_default();
    let pair =
        (is_date(&first_text) && is_clock(&second)) || (is_clock(&first_text) && is_date(&second));
    if pair {
        iter.next();
        let (date, clock) = if is_date(&first_text) {
            (first_text, second)
        } else {
            (second, first_text)
        };
        out.push(format!("{date} {clock}").into());
    } else {
        out.push(first);
    }
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['/', '-']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_clock(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Vec<String> {
        crate::cli::translated(translate, args)
    }

    #[test]
    fn near_misses_of_a_spelling_find_it() {
        assert_eq!(nearest_spelling("-tss"), Some(("-ts", "--start")));
        assert_eq!(nearest_spelling("-t"), None);
        assert_eq!(nearest_spelling("-st"), Some(("-ts", "--start")));
        assert_eq!(nearest_spelling("-iff"), Some(("-if", "--input")));
        assert_eq!(nearest_spelling("-ts"), None);
        assert_eq!(nearest_spelling("-zzzz"), None);
        assert_eq!(nearest_spelling("--tss"), None);
    }

    #[test]
    fn two_letter_options_become_long_ones() {
        assert_eq!(
            run(&[
                "ausift", "search", "-ts", "today", "-k", "exec", "-if", "dir"
            ]),
            [
                "ausift", "search", "--start", "today", "-k", "exec", "--input", "dir"
            ]
        );
    }

    #[test]
    fn date_and_time_words_join_in_either_order() {
        assert_eq!(
            run(&[
                "a",
                "-ts",
                "11/14/23",
                "22:15:00",
                "-te",
                "23:00",
                "11/14/2023"
            ]),
            [
                "a",
                "--start",
                "11/14/23 22:15:00",
                "--end",
                "11/14/2023 23:00"
            ]
        );
        assert_eq!(
            run(&["a", "-ts", "recent", "x.log"]),
            ["a", "--start", "recent", "x.log"]
        );
    }

    #[test]
    fn nothing_changes_after_a_double_dash() {
        assert_eq!(run(&["a", "--", "-ts"]), ["a", "--", "-ts"]);
    }
}

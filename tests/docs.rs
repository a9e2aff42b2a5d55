//! The committed man page and completions are what the binary generates from its clap
//! definitions: a change to the options without regenerating them fails here.
//! Regenerate with `AUSIFT_WRITE_DOCS=1 cargo test --test docs`.

mod common;

use common::{repo_path, run};

const GENERATED: [(&[&str], &str); 5] = [
    (&["man"], "man/ausift.1"),
    (&["completions", "bash"], "completions/ausift.bash"),
    (&["completions", "zsh"], "completions/_ausift"),
    (&["completions", "fish"], "completions/ausift.fish"),
    (&["completions", "powershell"], "completions/_ausift.ps1"),
];

#[test]
fn committed_man_page_and_completions_match_the_binary() {
    let write = std::env::var_os("AUSIFT_WRITE_DOCS").is_some();
    for (args, path) in GENERATED {
        let output = run(args);
        assert_eq!(output.status.code(), Some(0), "ausift {args:?}");
        let file = repo_path(path);
        if write {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &output.stdout).unwrap();
            continue;
        }
        let committed = std::fs::read(&file).unwrap_or_default();
        assert!(
            committed == output.stdout,
            "{path} differs from `ausift {}`: regenerate with AUSIFT_WRITE_DOCS=1 cargo test --test docs",
            args.join(" ")
        );
    }
}

#[test]
fn the_man_page_covers_every_subcommand_and_its_options() {
    let page = String::from_utf8(run(&["man"]).stdout).unwrap();
    for section in ["AUSIFT SEARCH", "AUSIFT REPORT", "EXIT STATUS"] {
        assert!(
            page.contains(&format!(".SH \"{section}\""))
                || page.contains(&format!(".SH {section}")),
            "{section}"
        );
    }
    for option in [
        "\\-\\-key",
        "\\-\\-where",
        "\\-\\-summary",
        "\\-\\-max\\-event\\-records",
    ] {
        assert!(page.contains(option), "{option} is not in the man page");
    }
}

#[test]
fn completions_offer_the_options() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = String::from_utf8(run(&["completions", shell]).stdout).unwrap();
        for word in ["--key", "--format", "search", "report"] {
            let word = if shell == "fish" {
                word.trim_start_matches('-')
            } else {
                word
            };
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
}

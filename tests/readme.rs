//! The README's examples are real: every command in a ```` ```console ```` block is run on the
//! shipped sample and must print exactly the output shown under it (trailing blanks aside,
//! which Markdown tools strip). Also: each subcommand has an example, the Set up section keeps
//! its two commands, and the performance table is the one in BENCHMARKS.md.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).unwrap()
}

/// A command shown in the README and the output shown under it.
struct Example {
    command: String,
    output: String,
}

/// The `$ ` lines of the console blocks, each with the lines up to the next command or the
/// end of the block.
fn examples(readme: &str) -> Vec<Example> {
    let mut found: Vec<Example> = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        if !in_block {
            in_block = line == "```console";
            continue;
        }
        if line == "```" {
            in_block = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            found.push(Example {
                command: command.to_string(),
                output: String::new(),
            });
        } else {
            let example = found
                .last_mut()
                .expect("a console block starts with a command");
            example.output.push_str(line);
            example.output.push('\n');
        }
    }
    found
}

fn without_trailing_blanks(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end_matches('\n').to_string()
}

/// Runs `ausift ARGS` as the README shows it (words split at blanks; the examples use no quotes).
fn run(command: &str) -> String {
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(
        words[0], "ausift",
        "README example is not an ausift command: {command}"
    );
    assert!(
        !command.contains(['\'', '"', '|', '>']),
        "README example needs a shell: {command}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_ausift"))
        .args(&words[1..])
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("TZ")
        .output()
        .unwrap();
    assert!(
        output.status.code() == Some(0),
        "`{command}` ended with {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let examples = examples(&read("README.md"));
    assert!(
        examples.len() >= 5,
        "only {} examples found",
        examples.len()
    );
    for example in &examples {
        let printed = run(&example.command);
        assert_eq!(
            without_trailing_blanks(&printed),
            without_trailing_blanks(&example.output),
            "README example `{}` prints something else",
            example.command
        );
    }
}

#[test]
fn each_subcommand_has_an_example_on_the_sample() {
    let examples = examples(&read("README.md"));
    for subcommand in ["search", "report", "net", "exec", "export"] {
        assert!(
            examples.iter().any(|e| {
                e.command.starts_with(&format!("ausift {subcommand} "))
                    && e.command.contains("testdata/sample/")
                    && !e.output.trim().is_empty()
            }),
            "no README example of ausift {subcommand} with its output"
        );
    }
}

#[test]
fn set_up_keeps_its_two_commands() {
    let readme = read("README.md");
    let start = readme
        .find("## Set up")
        .expect("README has a Set up section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |n| n + 3)];
    let commands: Vec<&str> = section
        .split("```sh\n")
        .skip(1)
        .map(|block| block[..block.find("```").unwrap()].trim())
        .collect();
    assert_eq!(
        commands,
        [
            "cargo install --locked --path . && ausift search --key network --stats testdata/sample/audit.log",
            "cargo test"
        ]
    );
}

#[test]
fn the_performance_table_is_the_benchmarks_one() {
    let readme = read("README.md");
    let benchmarks = read("BENCHMARKS.md");
    let rows: Vec<&str> = readme
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains('×'))
        .collect();
    assert!(rows.len() >= 5, "README shows no performance table");
    for row in rows {
        assert!(
            benchmarks.lines().any(|l| l == row),
            "README's performance row is not in BENCHMARKS.md: {row}"
        );
    }
    assert!(
        readme.contains("](docs/json-schema.md)"),
        "README links the JSON schema"
    );
}

//! The man page and the shell completions, generated from the clap definitions so that they
//! always describe the options the binary has (`man/` and `completions/` hold copies, checked
//! against these by a test).

use super::args::{Cli, Shell};
use crate::error::UsageError;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::PowerShell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(generator, &mut command, "ausift", &mut out);
    out
}

/// One roff page: the top-level command, then each subcommand's options and examples.
pub fn man_page() -> Vec<u8> {
    let command = Cli::command();
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(command.clone());
    page.render_title(&mut out).expect("writing to a Vec");
    page.render_name_section(&mut out)
        .expect("writing to a Vec");
    page.render_synopsis_section(&mut out)
        .expect("writing to a Vec");
    page.render_description_section(&mut out)
        .expect("writing to a Vec");
    out.extend_from_slice(b".SH COMMANDS\n");
    let subcommands: Vec<&clap::Command> = command
        .get_subcommands()
        .filter(|s| s.get_name() != "help")
        .collect();
    for sub in &subcommands {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let entry = format!(
            ".TP\n\\fBausift {}\\fR\n{}\n",
            sub.get_name(),
            roff_escape(&about)
        );
        out.extend_from_slice(entry.as_bytes());
    }
    // Every subcommand in this one page, its parts as subsections.
    for sub in subcommands {
        let name = format!("ausift {}", sub.get_name());
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let sub_page = clap_mangen::Man::new(sub.clone().bin_name(name));
        let mut part = Vec::new();
        sub_page
            .render_synopsis_section(&mut part)
            .expect("writing to a Vec");
        sub_page
            .render_options_section(&mut part)
            .expect("writing to a Vec");
        let part = String::from_utf8(part).expect("clap_mangen writes UTF-8");
        let part = part
            .replace(".SH SYNOPSIS", ".SS Synopsis")
            .replace(".SH OPTIONS", ".SS Options");
        out.extend_from_slice(part.as_bytes());
        if let Some(after) = sub.get_after_help() {
            out.extend_from_slice(b".PP\n.nf\n");
            out.extend_from_slice(roff_escape(&after.to_string()).as_bytes());
            out.extend_from_slice(b"\n.fi\n");
        }
    }
    page.render_version_section(&mut out)
        .expect("writing to a Vec");
    out.extend_from_slice(EXIT_STATUS.as_bytes());
    out
}

const EXIT_STATUS: &str = ".SH \"EXIT STATUS\"
.TP
0
something matched (or the report was written)
.TP
1
nothing matched
.TP
2
an error: bad arguments, or an input that could not be read fully (the rest was still read)
";

/// Backslashes doubled and a leading dot or quote guarded, so text reads as text in roff.
fn roff_escape(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\\\");
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn print(bytes: &[u8]) -> Result<ExitCode, UsageError> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(err) => Err(UsageError(format!("cannot write the output: {err}"))),
    }
}

//! Helpers shared by the integration tests: the binary, the shared corpus, the reference tools.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn ausift() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ausift"));
    cmd.env("TZ", "UTC").env_remove("NO_COLOR");
    cmd
}

/// Runs ausift with `args`, stdin closed.
pub fn run(args: &[&str]) -> Output {
    ausift()
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("ausift runs")
}

pub fn stdout_text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn testdata(relative: &str) -> String {
    repo_path("testdata").join(relative).display().to_string()
}

/// The shared corpus beside the repository, or `None` (with a notice) where it is absent, as
/// on a user's machine.
pub fn corpus_dir(test: &str) -> Option<PathBuf> {
    let dir = repo_path("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("{test}: skipped, {} is absent", dir.display());
        None
    }
}

/// Every log file of the corpus, sorted.
pub fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

/// A reference tool (`ausearch`, `aureport`): required in CI, else skipped with a notice.
pub fn reference_tool(name: &str, test: &str) -> Option<PathBuf> {
    for dir in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
        let path = Path::new(dir).join(name);
        if path.is_file() {
            return Some(path);
        }
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {name} is not installed; .ci/run installs the auditd package");
    }
    println!("{test}: skipped, {name} is not installed (apt-get install auditd)");
    None
}

//! Turns the paths a user gave into an ordered list of log sources.
//!
//! Directories are walked recursively (symbolic links are not followed unless asked, so a walk
//! never leaves the tree it was given and cannot loop); files found there are kept only when
//! their first lines are audit records. Rotation sets (`audit.log.3.gz … audit.log.1`,
//! `audit.log`, or dated `audit.log-20231121.gz`) are read oldest first by name; sets and files
//! whose names cannot tell are ordered by the time of their first record.

use super::InputError;
use super::decode::{self, Compression};
use crate::record::{self, Stamp};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Stdin,
    File(PathBuf),
}

#[derive(Clone, Debug)]
pub struct Source {
    pub kind: SourceKind,
    /// The name used in messages: the path as given or found, `-` for stdin.
    pub name: String,
    pub compression: Compression,
    /// Size on disk (compressed), 0 for stdin.
    pub size: u64,
    /// Time of the first record, used to order files whose names cannot tell.
    pub first_stamp: Option<Stamp>,
}

#[derive(Clone, Debug, Default)]
pub struct DiscoverOptions {
    /// Follow symbolic links met while walking directories.
    pub follow_links: bool,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub sources: Vec<Source>,
    pub errors: Vec<InputError>,
    /// Files passed over during directory walks, with the reason.
    pub passed_over: Vec<String>,
}

/// Finds the sources behind `paths` (`-` is stdin) and orders them.
pub fn discover(paths: &[String], options: &DiscoverOptions) -> Discovery {
    let mut discovery = Discovery::default();
    let mut candidates: Vec<(PathBuf, bool)> = Vec::new();
    let mut stdin = false;
    for path in paths {
        if path == "-" {
            stdin = true;
            continue;
        }
        collect(
            Path::new(path),
            true,
            options,
            &mut candidates,
            &mut discovery,
        );
    }
    let probed: Vec<Result<Option<Source>, InputError>> = candidates
        .par_iter()
        .map(|(path, explicit)| probe(path, *explicit))
        .collect();
    let mut files = Vec::new();
    for (result, (path, _)) in probed.into_iter().zip(&candidates) {
        match result {
            Ok(Some(source)) => files.push(source),
            Ok(None) => discovery
                .passed_over
                .push(format!("{}: not an audit log", path.display())),
            Err(err) => discovery.errors.push(err),
        }
    }
    dedup_same_file(&mut files);
    if stdin {
        discovery.sources.push(Source {
            kind: SourceKind::Stdin,
            name: "-".into(),
            compression: Compression::None,
            size: 0,
            first_stamp: None,
        });
    }
    discovery.sources.extend(order_sources(files));
    discovery
}

/// Adds `path` (a file, or the files below a directory) to `out`.
fn collect(
    path: &Path,
    explicit: bool,
    options: &DiscoverOptions,
    out: &mut Vec<(PathBuf, bool)>,
    discovery: &mut Discovery,
) {
    let meta = if explicit || options.follow_links {
        fs::metadata(path)
    } else {
        fs::symlink_metadata(path)
    };
    let meta = match meta {
        Ok(meta) => meta,
        Err(err) => {
            discovery.errors.push(InputError::io(path, &err));
            return;
        }
    };
    if meta.file_type().is_symlink() {
        discovery.passed_over.push(format!(
            "{}: symbolic link not followed (use --follow)",
            path.display()
        ));
    } else if meta.is_dir() {
        walk(path, options, out, discovery);
    } else if meta.is_file() || explicit {
        out.push((path.to_path_buf(), explicit));
    } else {
        discovery
            .passed_over
            .push(format!("{}: not a regular file", path.display()));
    }
}

fn walk(
    dir: &Path,
    options: &DiscoverOptions,
    out: &mut Vec<(PathBuf, bool)>,
    discovery: &mut Discovery,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            discovery.errors.push(InputError::io(dir, &err));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        collect(&path, false, options, out, discovery);
    }
}

/// Opens a file, detects its compression and reads its first record's time. A file found in
/// a directory walk that does not start with audit records yields `None`.
fn probe(path: &Path, explicit: bool) -> Result<Option<Source>, InputError> {
    let file = fs::File::open(path).map_err(|e| InputError::io(path, &e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut magic = [0u8; 6];
    let magic_len = read_up_to(&file, &mut magic).map_err(|e| InputError::io(path, &e))?;
    let compression = Compression::sniff(&magic[..magic_len]);
    let reopened = fs::File::open(path).map_err(|e| InputError::io(path, &e))?;
    let head = match decode::decoder(compression, reopened) {
        Ok(reader) => decode::read_head(reader, 256 * 1024),
        Err(_) => Vec::new(),
    };
    if !explicit && size > 0 && !looks_like_audit_log(&head) {
        return Ok(None);
    }
    Ok(Some(Source {
        kind: SourceKind::File(path.to_path_buf()),
        name: path.display().to_string(),
        compression,
        size,
        first_stamp: first_stamp(&head),
    }))
}

fn read_up_to(mut file: &fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Most of the first lines must be audit records: a syslog file that merely contains a few
/// `audit:` lines is not taken for an audit log.
fn looks_like_audit_log(head: &[u8]) -> bool {
    let mut records = 0;
    let mut others = 0;
    for line in head.split(|&b| b == b'\n').take(40) {
        match record::parse_record(line) {
            Ok(_) => records += 1,
            Err(reason) if reason.is_damage() => others += 1,
            Err(_) => {}
        }
    }
    records > 0 && records >= others
}

fn first_stamp(head: &[u8]) -> Option<Stamp> {
    head.split(|&b| b == b'\n')
        .filter_map(|line| record::parse_record(line).ok())
        .find_map(|parsed| parsed.header.stamp)
}

/// The same file named twice (a path and its directory) is read once.
fn dedup_same_file(files: &mut Vec<Source>) {
    let mut seen = std::collections::HashSet::new();
    files.retain(|source| match &source.kind {
        SourceKind::File(path) => {
            let key = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            seen.insert(key)
        }
        SourceKind::Stdin => true,
    });
}

/// Where a file stands in its rotation set: `audit.log.N` is older the larger N is, dated
/// names are older the earlier the date, and the bare name is the newest.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Numbered(std::cmp::Reverse<u64>),
    Dated(String),
    Current,
}

/// The rotation set (directory and base name) and rank of a path.
fn rotation_key(path: &Path) -> (PathBuf, String, Rank) {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = [".gz", ".zst", ".zstd", ".xz", ".bz2"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name);
    if let Some((base, number)) = stem.rsplit_once('.')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = number.parse()
    {
        return (dir, base.to_string(), Rank::Numbered(std::cmp::Reverse(n)));
    }
    if let Some((base, date)) = stem.rsplit_once('-')
        && (8..=14).contains(&date.len())
        && date.bytes().all(|b| b.is_ascii_digit())
    {
        return (dir, base.to_string(), Rank::Dated(date.to_string()));
    }
    (dir, stem.to_string(), Rank::Current)
}

/// Orders files: each rotation set oldest first by name, and the sets (or lone files) by the
/// first record time of their oldest member.
fn order_sources(files: Vec<Source>) -> Vec<Source> {
    let mut sets: std::collections::BTreeMap<(PathBuf, String), Vec<(Rank, Source)>> =
        Default::default();
    for source in files {
        let SourceKind::File(path) = &source.kind else {
            continue;
        };
        let (dir, base, rank) = rotation_key(path);
        sets.entry((dir, base)).or_default().push((rank, source));
    }
    let mut sets: Vec<Vec<(Rank, Source)>> = sets.into_values().collect();
    for set in &mut sets {
        set.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    }
    sets.sort_by(|a, b| {
        let first = |set: &Vec<(Rank, Source)>| set.iter().find_map(|(_, s)| s.first_stamp);
        first(a)
            .cmp(&first(b))
            .then_with(|| a[0].1.name.cmp(&b[0].1.name))
    });
    sets.into_iter()
        .flat_map(|set| set.into_iter().map(|(_, source)| source))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank_of(name: &str) -> Rank {
        rotation_key(Path::new(name)).2
    }

    #[test]
    fn rotation_names_rank_oldest_first() {
        let mut names = vec![
            "audit.log",
            "audit.log.1",
            "audit.log.10.gz",
            "audit.log.2.gz",
        ];
        names.sort_by_key(|n| rank_of(n));
        assert_eq!(
            names,
            [
                "audit.log.10.gz",
                "audit.log.2.gz",
                "audit.log.1",
                "audit.log"
            ]
        );
    }

    #[test]
    fn dated_names_share_the_set_of_the_bare_name() {
        let (_, base, rank) = rotation_key(Path::new("/x/audit.log-20231121.gz"));
        assert_eq!(base, "audit.log");
        assert_eq!(rank, Rank::Dated("20231121".into()));
        assert!(rank < Rank::Current);
    }

    #[test]
    fn a_log_of_kernel_lines_is_not_an_audit_log() {
        let syslog = b"Nov 26 10:00:00 web01 kernel: eth0 up\nNov 26 10:00:01 web01 sshd[1]: ok\n\
Nov 26 10:00:02 web01 kernel: [1.0] audit: type=1400 audit(1700992801.123:345): apparmor=\"DENIED\"\n";
        assert!(!looks_like_audit_log(syslog));
        assert!(looks_like_audit_log(
            b"type=SYSCALL msg=audit(1700992801.123:345): arch=c000003e\n"
        ));
    }
}

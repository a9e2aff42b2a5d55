//! User and group names from the evidence host's passwd(5) and group(5) files: read as
//! forgivingly as damaged evidence needs, and never silently from the analysing machine.

use super::names::NameLookup;
use rustc_hash::FxHashMap;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Problem lines and duplicate ids beyond this many are counted but not listed: a wrong file
/// given as passwd (a log, a binary) must not fill memory with line numbers.
const LISTED_LIMIT: usize = 32;

/// Names for uids and gids, from one host's databases.
#[derive(Debug)]
pub struct UserDb {
    users: FxHashMap<u32, Name>,
    groups: FxHashMap<u32, Name>,
    passwd: Option<FileReport>,
    group: Option<FileReport>,
}

impl UserDb {
    /// Reads the given passwd and group files, as the user named them (links followed: the
    /// user chose the file). Either may be left out; its names are then unknown.
    pub fn from_files(passwd: Option<&Path>, group: Option<&Path>) -> Result<UserDb, UserDbError> {
        let mut db = UserDb::empty();
        if let Some(path) = passwd {
            let data = read_named(path, Origin::Files, Database::Passwd)?;
            db.load(Database::Passwd, path, &data);
        }
        if let Some(path) = group {
            let data = read_named(path, Origin::Files, Database::Group)?;
            db.load(Database::Group, path, &data);
        }
        Ok(db)
    }

    /// Reads `DIR/etc/passwd` and `DIR/etc/group` of a mounted image of the evidence host. A
    /// missing group file is allowed (its report says so); a missing passwd is an error. A
    /// path whose links lead out of DIR is refused: an image's absolute link
    /// `/etc/passwd` would otherwise read the analysing machine's file.
    pub fn from_root(dir: &Path) -> Result<UserDb, UserDbError> {
        let root = fs_root(dir)?;
        let mut db = UserDb::empty();
        for database in [Database::Passwd, Database::Group] {
            let shown = dir.join(database.path_in_root());
            match read_in_root(&root, dir, &shown, database)? {
                Some(data) => db.load(database, &shown, &data),
                None => *db.report_slot(database) = Some(FileReport::missing(shown, database)),
            }
        }
        Ok(db)
    }

    /// The analysing machine's `/etc/passwd` and `/etc/group`: only for `--local-names`,
    /// when the responder knows this machine shares the evidence host's accounts.
    pub fn local() -> Result<UserDb, UserDbError> {
        let mut db = UserDb::empty();
        for database in [Database::Passwd, Database::Group] {
            let path = Path::new("/").join(database.path_in_root());
            match read_named(&path, Origin::Local, database) {
                Ok(data) => db.load(database, &path, &data),
                Err(error) if database == Database::Group && error.is_not_found() => {
                    db.group = Some(FileReport::missing(path, database));
                }
                Err(error) => return Err(error),
            }
        }
        Ok(db)
    }

    /// The exact bytes of a user's name, for writers that can show any byte unambiguously
    /// (the `&str` of [`NameLookup::user`] escapes names that are not UTF-8).
    pub fn user_bytes(&self, uid: u32) -> Option<&[u8]> {
        self.users.get(&uid).map(Name::bytes)
    }

    /// The exact bytes of a group's name; see [`UserDb::user_bytes`].
    pub fn group_bytes(&self, gid: u32) -> Option<&[u8]> {
        self.groups.get(&gid).map(Name::bytes)
    }

    /// What was read from the passwd file, if one was given.
    pub fn passwd_report(&self) -> Option<&FileReport> {
        self.passwd.as_ref()
    }

    /// What was read from the group file, if one was given or looked for.
    pub fn group_report(&self) -> Option<&FileReport> {
        self.group.as_ref()
    }

    fn empty() -> UserDb {
        UserDb {
            users: FxHashMap::default(),
            groups: FxHashMap::default(),
            passwd: None,
            group: None,
        }
    }

    fn report_slot(&mut self, database: Database) -> &mut Option<FileReport> {
        match database {
            Database::Passwd => &mut self.passwd,
            Database::Group => &mut self.group,
        }
    }

    fn load(&mut self, database: Database, path: &Path, data: &[u8]) {
        let (names, report) = parse(database, path, data);
        match database {
            Database::Passwd => self.users = names,
            Database::Group => self.groups = names,
        }
        *self.report_slot(database) = Some(report);
    }
}

impl NameLookup for UserDb {
    fn user(&self, uid: u32) -> Option<&str> {
        self.users.get(&uid).map(|name| &*name.shown)
    }

    fn group(&self, gid: u32) -> Option<&str> {
        self.groups.get(&gid).map(|name| &*name.shown)
    }

    /// The lowest uid with this name (a duplicate name is as ambiguous on the host).
    fn uid_of(&self, name: &str) -> Option<u32> {
        self.users
            .iter()
            .filter(|(_, n)| &*n.shown == name)
            .map(|(&uid, _)| uid)
            .min()
    }
}

/// A name as shown and, when showing needed escapes, as it is.
#[derive(Debug)]
struct Name {
    /// The name itself when it is UTF-8. Otherwise each byte that is not UTF-8 is written
    /// `\xNN` and each backslash `\\`, so the bytes can still be told apart.
    shown: Box<str>,
    /// The bytes, kept only when `shown` is an escaped form of them.
    exact: Option<Box<[u8]>>,
}

impl Name {
    fn new(bytes: &[u8]) -> Name {
        match std::str::from_utf8(bytes) {
            Ok(text) => Name {
                shown: text.into(),
                exact: None,
            },
            Err(_) => Name {
                shown: escape_non_utf8(bytes).into(),
                exact: Some(bytes.into()),
            },
        }
    }

    fn bytes(&self) -> &[u8] {
        self.exact.as_deref().unwrap_or(self.shown.as_bytes())
    }
}

fn escape_non_utf8(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        text.push_str(&chunk.valid().replace('\\', "\\\\"));
        for &b in chunk.invalid() {
            let _ = write!(text, "\\x{b:02x}");
        }
    }
    text
}

/// Which of the two databases a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Database {
    Passwd,
    Group,
}

impl Database {
    fn path_in_root(self) -> &'static str {
        match self {
            Database::Passwd => "etc/passwd",
            Database::Group => "etc/group",
        }
    }

    fn id_name(self) -> &'static str {
        match self {
            Database::Passwd => "uid",
            Database::Group => "gid",
        }
    }
}

/// What one database file gave, for the command line to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub path: PathBuf,
    /// False when the file does not exist and that was allowed (a group file under a root).
    pub present: bool,
    /// Ids that now have a name: the first entry for each.
    pub entries: usize,
    /// Comments and blank lines.
    pub comment_lines: usize,
    /// NIS `+`/`-` lines: the host also took names from NIS, which the file does not hold.
    pub nis_lines: usize,
    /// Entries for an id an earlier line already named. getpwuid(3) returns the first match,
    /// so the host never showed these names either; the accounts could still log in, and a
    /// second uid 0 is worth a look.
    pub duplicate_ids: usize,
    /// Lines that could not be read as an entry.
    pub bad_lines: usize,
    /// The first [`LISTED_LIMIT`] duplicates, in file order.
    pub duplicates: Vec<DuplicateId>,
    /// The first [`LISTED_LIMIT`] bad lines, in file order.
    pub bad: Vec<BadLine>,
    database: Database,
}

impl FileReport {
    fn missing(path: PathBuf, database: Database) -> FileReport {
        FileReport {
            present: false,
            ..FileReport::new(path, database)
        }
    }

    fn new(path: PathBuf, database: Database) -> FileReport {
        FileReport {
            path,
            present: true,
            entries: 0,
            comment_lines: 0,
            nis_lines: 0,
            duplicate_ids: 0,
            bad_lines: 0,
            duplicates: Vec::new(),
            bad: Vec::new(),
            database,
        }
    }

    /// Lines with content that gave no name: NIS lines, duplicate ids and bad lines.
    pub fn skipped(&self) -> usize {
        self.nis_lines + self.duplicate_ids + self.bad_lines
    }
}

impl fmt::Display for FileReport {
    /// One line, e.g. `/x/etc/passwd: 8 entries; skipped 3 NIS lines (…), 1 duplicate uid
    /// (line 10: uid 0 toor, named root earlier), 2 bad lines (line 15: …; line 20: …)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if !self.present {
            return write!(f, "{path}: not found, no {} names", self.database.id_name());
        }
        write!(f, "{path}: {}", counted(self.entries, "entry"))?;
        if self.skipped() == 0 {
            return Ok(());
        }
        f.write_str("; skipped")?;
        let mut separator = " ";
        if self.nis_lines > 0 {
            write!(
                f,
                "{separator}{} (names from NIS are unknown)",
                counted(self.nis_lines, "NIS line")
            )?;
            separator = ", ";
        }
        if self.duplicate_ids > 0 {
            let what = format!("duplicate {}", self.database.id_name());
            write!(f, "{separator}{} (", counted(self.duplicate_ids, &what))?;
            write_listed(f, &self.duplicates, self.duplicate_ids)?;
            f.write_str(")")?;
            separator = ", ";
        }
        if self.bad_lines > 0 {
            write!(f, "{separator}{} (", counted(self.bad_lines, "bad line"))?;
            write_listed(f, &self.bad, self.bad_lines)?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

fn counted(n: usize, what: &str) -> String {
    match (n, what.strip_suffix('y')) {
        (1, _) => format!("1 {what}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {what}s"),
    }
}

fn write_listed<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    items: &[T],
    total: usize,
) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str("; ")?;
        }
        write!(f, "{item}")?;
    }
    if total > items.len() {
        write!(f, "; {} more", total - items.len())?;
    }
    Ok(())
}

/// A later entry for an id that already has a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateId {
    pub line: usize,
    pub id: u32,
    /// The name on this line, which lookups do not return.
    pub ignored: String,
    /// The name lookups return, from an earlier line.
    pub kept: String,
    database: Database,
}

impl fmt::Display for DuplicateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: {} {} {}, named {} earlier",
            self.line,
            self.database.id_name(),
            self.id,
            self.ignored,
            self.kept
        )
    }
}

/// A line that is neither an entry, a comment nor a NIS line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub reason: BadReason,
}

impl fmt::Display for BadLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadReason {
    /// Fewer than the three fields (name, password, id) a lookup needs.
    TooFewFields,
    EmptyName,
    /// The id is not a decimal number from 0 to 4294967295.
    BadId,
}

impl fmt::Display for BadReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadReason::TooFewFields => "fewer than 3 fields",
            BadReason::EmptyName => "empty name",
            BadReason::BadId => "id is not a number from 0 to 4294967295",
        })
    }
}

/// Reads a passwd or group file: both have the name in field 1 and the id in field 3, and
/// nothing after the id matters for naming, so a line cut after the id still counts.
fn parse(database: Database, path: &Path, data: &[u8]) -> (FxHashMap<u32, Name>, FileReport) {
    let mut names: FxHashMap<u32, Name> = FxHashMap::default();
    let mut report = FileReport::new(path.to_path_buf(), database);
    let data = data.strip_suffix(b"\n").unwrap_or(data);
    for (index, line) in data.split(|&b| b == b'\n').enumerate() {
        let number = index + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        // glibc's files backend skips leading blanks before looking at a line.
        let line = line.trim_ascii_start();
        match line.first() {
            None | Some(b'#') => {
                report.comment_lines += 1;
                continue;
            }
            Some(b'+' | b'-') => {
                report.nis_lines += 1;
                continue;
            }
            _ => {}
        }
        let mut fields = line.splitn(4, |&b| b == b':');
        let (Some(name), Some(_password), Some(id)) = (fields.next(), fields.next(), fields.next())
        else {
            report.bad(number, BadReason::TooFewFields);
            continue;
        };
        if name.is_empty() {
            report.bad(number, BadReason::EmptyName);
            continue;
        }
        let Some(id) = parse_id(id) else {
            report.bad(number, BadReason::BadId);
            continue;
        };
        match names.entry(id) {
            std::collections::hash_map::Entry::Occupied(kept) => {
                report.duplicate_ids += 1;
                if report.duplicates.len() < LISTED_LIMIT {
                    report.duplicates.push(DuplicateId {
                        line: number,
                        id,
                        ignored: Name::new(name).shown.into(),
                        kept: kept.get().shown.to_string(),
                        database,
                    });
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(Name::new(name));
                report.entries += 1;
            }
        }
    }
    (names, report)
}

impl FileReport {
    fn bad(&mut self, line: usize, reason: BadReason) {
        self.bad_lines += 1;
        if self.bad.len() < LISTED_LIMIT {
            self.bad.push(BadLine { line, reason });
        }
    }
}

/// Decimal digits only. A sign, a blank or a value past u32 is damage: strtoul, which glibc
/// uses, would turn `-1` into 4294967295, and guessing like that could give a line a wrong id.
fn parse_id(field: &[u8]) -> Option<u32> {
    if field.is_empty() || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    field.iter().try_fold(0u32, |id, &digit| {
        id.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
    })
}

/// Where the databases were asked to come from, which decides what an error advises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Files,
    Root,
    Local,
}

fn advice(origin: Origin, database: Database) -> &'static str {
    match (origin, database) {
        (Origin::Files | Origin::Root, Database::Passwd) => {
            "give --passwd FILE or --root DIR of the evidence host"
        }
        (Origin::Files | Origin::Root, Database::Group) => {
            "give --group FILE or --root DIR of the evidence host"
        }
        (Origin::Local, _) => {
            "--local-names reads this machine's files; give --passwd FILE or --root DIR of the evidence host instead"
        }
    }
}

const ROOT_ADVICE: &str =
    "give --root the directory where the evidence host's file system is mounted";

const OUTSIDE_ADVICE: &str = "a symbolic link in the image; give the evidence host's own copy with --passwd FILE or --group FILE";

/// A database that cannot be used, in one line: what, which file, what to do.
#[derive(Debug)]
pub struct UserDbError {
    path: PathBuf,
    kind: UserDbErrorKind,
    advice: &'static str,
}

#[derive(Debug)]
pub enum UserDbErrorKind {
    /// The file cannot be opened or read.
    Unreadable(io::Error),
    /// A directory, device or pipe where a file was expected.
    NotAFile,
    /// Its symbolic links lead to `resolved`, outside the evidence root `root`.
    OutsideRoot { resolved: PathBuf, root: PathBuf },
    /// The evidence root itself cannot be used.
    BadRoot(io::Error),
    /// The evidence root is not a directory.
    RootNotADirectory,
}

impl UserDbError {
    /// The file (or root directory) the error is about.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn kind(&self) -> &UserDbErrorKind {
        &self.kind
    }

    fn is_not_found(&self) -> bool {
        matches!(&self.kind, UserDbErrorKind::Unreadable(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for UserDbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        let advice = self.advice;
        match &self.kind {
            UserDbErrorKind::Unreadable(error) => {
                write!(f, "cannot read {path}: {} ({advice})", reason(error))
            }
            UserDbErrorKind::NotAFile => {
                write!(f, "cannot read {path}: not a regular file ({advice})")
            }
            UserDbErrorKind::OutsideRoot { resolved, root } => write!(
                f,
                "refusing to read {path}: it leads to {}, outside the evidence root {} ({advice})",
                resolved.display(),
                root.display()
            ),
            UserDbErrorKind::BadRoot(error) => write!(
                f,
                "cannot use {path} as the evidence root: {} ({advice})",
                reason(error)
            ),
            UserDbErrorKind::RootNotADirectory => write!(
                f,
                "cannot use {path} as the evidence root: not a directory ({advice})"
            ),
        }
    }
}

impl std::error::Error for UserDbError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            UserDbErrorKind::Unreadable(error) | UserDbErrorKind::BadRoot(error) => Some(error),
            _ => None,
        }
    }
}

/// The system's message without Rust's ` (os error N)` tail, which tells a responder nothing.
fn reason(error: &io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(cut) if text.ends_with(')') => text[..cut].to_string(),
        _ => text,
    }
}

/// A file the user named: opened as named, links and all.
fn read_named(path: &Path, origin: Origin, database: Database) -> Result<Vec<u8>, UserDbError> {
    let error = |kind| UserDbError {
        path: path.to_path_buf(),
        kind,
        advice: advice(origin, database),
    };
    let mut file = File::open(path).map_err(|e| error(UserDbErrorKind::Unreadable(e)))?;
    // A pipe is allowed (`--passwd <(ssh host cat /etc/passwd)`); a directory is not.
    let metadata = file
        .metadata()
        .map_err(|e| error(UserDbErrorKind::Unreadable(e)))?;
    if metadata.is_dir() {
        return Err(error(UserDbErrorKind::NotAFile));
    }
    read_all(&mut file).map_err(|e| error(UserDbErrorKind::Unreadable(e)))
}

/// The canonical form of the evidence root, which contained paths must stay under.
fn fs_root(dir: &Path) -> Result<PathBuf, UserDbError> {
    let error = |kind| UserDbError {
        path: dir.to_path_buf(),
        kind,
        advice: ROOT_ADVICE,
    };
    let root = dir
        .canonicalize()
        .map_err(|e| error(UserDbErrorKind::BadRoot(e)))?;
    if !root.is_dir() {
        return Err(error(UserDbErrorKind::RootNotADirectory));
    }
    Ok(root)
}

/// Reads `shown` (a path under `dir`, whose canonical form is `root`) after resolving every
/// link and checking the result is still under the root. `None` when a group file is missing.
fn read_in_root(
    root: &Path,
    dir: &Path,
    shown: &Path,
    database: Database,
) -> Result<Option<Vec<u8>>, UserDbError> {
    let error = |kind| UserDbError {
        path: shown.to_path_buf(),
        kind,
        advice: advice(Origin::Root, database),
    };
    let resolved = match shown.canonicalize() {
        Ok(resolved) => resolved,
        Err(e) if e.kind() == io::ErrorKind::NotFound && database == Database::Group => {
            return Ok(None);
        }
        Err(e) => return Err(error(UserDbErrorKind::Unreadable(e))),
    };
    if !resolved.starts_with(root) {
        return Err(UserDbError {
            path: shown.to_path_buf(),
            kind: UserDbErrorKind::OutsideRoot {
                resolved,
                root: dir.to_path_buf(),
            },
            advice: OUTSIDE_ADVICE,
        });
    }
    // The resolved path has no links left; O_NOFOLLOW refuses one swapped in since. A pipe or
    // device in an image would block or never end, so only a regular file is read, and
    // O_NONBLOCK keeps even opening a pipe from waiting for a writer.
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&resolved)
        .map_err(|e| error(UserDbErrorKind::Unreadable(e)))?;
    let metadata = file
        .metadata()
        .map_err(|e| error(UserDbErrorKind::Unreadable(e)))?;
    if !metadata.is_file() {
        return Err(error(UserDbErrorKind::NotAFile));
    }
    read_all(&mut file)
        .map(Some)
        .map_err(|e| error(UserDbErrorKind::Unreadable(e)))
}

fn read_all(file: &mut File) -> io::Result<Vec<u8>> {
    let mut data = Vec::new();
    file.read_to_end(&mut data)?;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::symlink;

    fn testdata(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/userdb")
            .join(path)
    }

    fn damaged_passwd() -> UserDb {
        UserDb::from_files(Some(&testdata("damaged/passwd")), None).unwrap()
    }

    fn damaged_group() -> UserDb {
        UserDb::from_files(None, Some(&testdata("damaged/group"))).unwrap()
    }

    /// A scratch root holding `etc/passwd` (one entry, uid 7 `image`) and, if asked, `etc/group`.
    fn scratch_root(with_group: bool) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("etc")).unwrap();
        fs::write(dir.path().join("etc/passwd"), "image:x:7:7::/:/bin/sh\n").unwrap();
        if with_group {
            fs::write(dir.path().join("etc/group"), "imagegrp:x:7:\n").unwrap();
        }
        dir
    }

    /// A passwd file outside any root, standing in for the analysing machine's.
    fn outside_passwd() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("passwd");
        fs::write(&path, "analyst:x:7:7::/:/bin/sh\n").unwrap();
        (dir, path)
    }

    #[test]
    fn a_mounted_image_gives_its_users_and_groups() {
        let db = UserDb::from_root(&testdata("")).unwrap();
        assert_eq!(db.user(0), Some("root"));
        assert_eq!(db.user(1000), Some("alice"));
        assert_eq!(db.user(1002), Some("carol"));
        assert_eq!(db.user(65534), Some("nobody"));
        assert_eq!(db.user(4242), None);
        assert_eq!(db.group(27), Some("sudo"));
        assert_eq!(db.group(1001), Some("bob"));
        assert_eq!(db.group(5), None);
        let passwd = db.passwd_report().unwrap();
        assert_eq!((passwd.entries, passwd.skipped()), (8, 0));
        assert!(passwd.present && passwd.path.ends_with("etc/passwd"));
        let group = db.group_report().unwrap();
        assert_eq!((group.entries, group.skipped()), (10, 0));
        assert!(
            passwd.to_string().ends_with("etc/passwd: 8 entries"),
            "{passwd}"
        );
    }

    #[test]
    fn damaged_passwd_keeps_every_readable_entry() {
        let db = damaged_passwd();
        assert_eq!(db.user(0), Some("root"), "CRLF line");
        assert_eq!(db.user(1), Some("daemon"), "leading blanks");
        assert_eq!(db.user(1000), Some("alice"));
        assert_eq!(db.user(1001), Some("bob"), "no fields after the uid");
        assert_eq!(
            db.user(1002),
            Some("carol"),
            "no fields after the uid, then CRLF"
        );
        assert_eq!(db.user(1004), Some("erin"), "leading zero");
        assert_eq!(db.user(1006), Some("frank"), "last line without a newline");
        assert_eq!(db.user(1099), None, "commented out");
        assert_eq!(db.user(1003), None, "empty name");
        let report = db.passwd_report().unwrap();
        assert_eq!(report.entries, 8);
        assert_eq!(report.comment_lines, 4);
        assert_eq!(report.nis_lines, 3);
        assert_eq!(report.duplicate_ids, 2);
        assert_eq!(report.bad_lines, 6);
        assert_eq!(report.skipped(), 11);
        assert!(db.group_report().is_none());
    }

    #[test]
    fn lines_whose_id_does_not_parse_are_skipped_and_listed() {
        let report = damaged_passwd().passwd_report().unwrap().clone();
        let bad: Vec<(usize, BadReason)> = report.bad.iter().map(|b| (b.line, b.reason)).collect();
        assert_eq!(
            bad,
            [
                (15, BadReason::BadId),
                (16, BadReason::BadId),
                (17, BadReason::BadId),
                (18, BadReason::BadId),
                (19, BadReason::EmptyName),
                (20, BadReason::TooFewFields),
            ]
        );
    }

    #[test]
    fn the_first_entry_for_an_id_wins_as_in_getpwuid() {
        let db = damaged_passwd();
        assert_eq!(db.user(0), Some("root"));
        assert_eq!(db.user(1000), Some("alice"));
        let report = db.passwd_report().unwrap();
        let first = &report.duplicates[0];
        assert_eq!((first.line, first.id), (10, 0));
        assert_eq!(
            (first.ignored.as_str(), first.kept.as_str()),
            ("toor", "root")
        );
        assert_eq!(first.to_string(), "line 10: uid 0 toor, named root earlier");
        assert_eq!(report.duplicates[1].ignored, "alice2");
    }

    #[test]
    fn names_that_are_not_utf8_are_escaped_and_kept_exactly() {
        let db = damaged_passwd();
        assert_eq!(db.user(1005), Some("j\\xfcrgen"));
        assert_eq!(db.user_bytes(1005), Some(&b"j\xfcrgen"[..]));
        assert_eq!(db.user_bytes(1000), Some(&b"alice"[..]));
        assert_eq!(db.user_bytes(4242), None);
        let group = damaged_group();
        assert_eq!(group.group(1005), Some("j\\xfcrgen"));
        assert_eq!(group.group_bytes(1005), Some(&b"j\xfcrgen"[..]));
    }

    #[test]
    fn backslashes_are_doubled_only_where_bytes_are_escaped() {
        let escaped = Name::new(b"a\\xff\xff");
        assert_eq!(&*escaped.shown, "a\\\\xff\\xff");
        assert_eq!(escaped.bytes(), b"a\\xff\xff");
        let plain = Name::new("a\\b café".as_bytes());
        assert_eq!(&*plain.shown, "a\\b café");
        assert!(plain.exact.is_none());
    }

    #[test]
    fn damaged_group_keeps_every_readable_entry() {
        let db = damaged_group();
        assert_eq!(db.group(0), Some("root"));
        assert_eq!(db.group(10), Some("wheel"), "first of two gid 10");
        assert_eq!(db.group(100), Some("users"), "no members field, CRLF");
        assert_eq!(db.group(1006), Some("frank"));
        assert_eq!(db.user(0), None, "no passwd given");
        let report = db.group_report().unwrap();
        assert_eq!(report.entries, 5);
        assert_eq!(report.comment_lines, 2);
        assert_eq!(report.nis_lines, 1);
        assert_eq!(report.duplicate_ids, 1);
        assert_eq!(report.bad_lines, 2);
        assert_eq!(
            report.to_string(),
            format!(
                "{}: 5 entries; skipped 1 NIS line (names from NIS are unknown), 1 duplicate gid \
                 (line 6: gid 10 adm, named wheel earlier), 2 bad lines (line 8: id is not a \
                 number from 0 to 4294967295; line 9: fewer than 3 fields)",
                testdata("damaged/group").display()
            )
        );
    }

    #[test]
    fn ids_are_plain_decimal_u32() {
        assert_eq!(parse_id(b"0"), Some(0));
        assert_eq!(parse_id(b"007"), Some(7));
        assert_eq!(parse_id(b"4294967295"), Some(u32::MAX));
        for bad in [
            &b""[..],
            b"4294967296",
            b"99999999999999999999",
            b"-1",
            b"+1",
            b" 1",
            b"1 ",
            b"10o1",
            b"0x10",
        ] {
            assert_eq!(parse_id(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn only_the_first_bad_lines_are_listed_but_all_are_counted() {
        let data = "nocolon\n".repeat(100);
        let (names, report) = parse(Database::Passwd, Path::new("p"), data.as_bytes());
        assert!(names.is_empty());
        assert_eq!((report.bad_lines, report.bad.len()), (100, LISTED_LIMIT));
        assert!(report.to_string().ends_with("; 68 more)"), "{report}");
    }

    #[test]
    fn a_missing_group_file_is_allowed_under_a_root() {
        let root = scratch_root(false);
        let db = UserDb::from_root(root.path()).unwrap();
        assert_eq!(db.user(7), Some("image"));
        assert_eq!(db.group(7), None);
        let group = db.group_report().unwrap();
        assert!(!group.present);
        assert_eq!(
            group.to_string(),
            format!(
                "{}: not found, no gid names",
                root.path().join("etc/group").display()
            )
        );
        let with_group = scratch_root(true);
        assert_eq!(
            UserDb::from_root(with_group.path()).unwrap().group(7),
            Some("imagegrp")
        );
    }

    #[test]
    fn a_missing_passwd_under_a_root_is_an_error_naming_it() {
        let root = tempfile::tempdir().unwrap();
        let error = UserDb::from_root(root.path()).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "cannot read {}/etc/passwd: No such file or directory (give --passwd FILE or \
                 --root DIR of the evidence host)",
                root.path().display()
            )
        );
        assert_eq!(error.path(), root.path().join("etc/passwd"));
    }

    #[test]
    fn a_link_out_of_the_root_is_refused() {
        let (_outside, analyst) = outside_passwd();
        let root = tempfile::tempdir().unwrap();
        fs::create_dir(root.path().join("etc")).unwrap();
        symlink(&analyst, root.path().join("etc/passwd")).unwrap();
        let error = UserDb::from_root(root.path()).unwrap_err();
        assert!(
            matches!(error.kind(), UserDbErrorKind::OutsideRoot { resolved, .. } if *resolved == analyst.canonicalize().unwrap()),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.starts_with("refusing to read "), "{message}");
        assert!(message.contains("outside the evidence root"), "{message}");
        assert!(!message.contains('\n'));
    }

    #[test]
    fn an_absolute_link_to_etc_passwd_is_refused() {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir(root.path().join("etc")).unwrap();
        symlink("/etc/passwd", root.path().join("etc/passwd")).unwrap();
        let error = UserDb::from_root(root.path()).unwrap_err();
        if Path::new("/etc/passwd").exists() {
            assert!(
                matches!(error.kind(), UserDbErrorKind::OutsideRoot { .. }),
                "{error}"
            );
        } else {
            assert!(error.to_string().starts_with("cannot read "), "{error}");
        }
    }

    #[test]
    fn a_linked_etc_directory_out_of_the_root_is_refused() {
        let (outside, _) = outside_passwd();
        let root = tempfile::tempdir().unwrap();
        symlink(outside.path(), root.path().join("etc")).unwrap();
        let error = UserDb::from_root(root.path()).unwrap_err();
        assert!(
            matches!(error.kind(), UserDbErrorKind::OutsideRoot { .. }),
            "{error}"
        );
    }

    #[test]
    fn a_group_link_out_of_the_root_is_refused_not_ignored() {
        let (outside, _) = outside_passwd();
        fs::write(outside.path().join("group"), "analysts:x:7:\n").unwrap();
        let root = scratch_root(false);
        symlink(outside.path().join("group"), root.path().join("etc/group")).unwrap();
        let error = UserDb::from_root(root.path()).unwrap_err();
        assert!(
            matches!(error.kind(), UserDbErrorKind::OutsideRoot { .. }),
            "{error}"
        );
        assert_eq!(error.path(), root.path().join("etc/group"));
    }

    #[test]
    fn links_that_stay_inside_the_root_are_followed() {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("etc")).unwrap();
        fs::create_dir_all(root.path().join("usr/share/base")).unwrap();
        fs::write(
            root.path().join("usr/share/base/passwd"),
            "linked:x:9:9::/:/bin/sh\n",
        )
        .unwrap();
        symlink("../usr/share/base/passwd", root.path().join("etc/passwd")).unwrap();
        // A dangling group link is a missing group file.
        symlink("../usr/share/base/group", root.path().join("etc/group")).unwrap();
        let db = UserDb::from_root(root.path()).unwrap();
        assert_eq!(db.user(9), Some("linked"));
        assert!(!db.group_report().unwrap().present);
    }

    #[test]
    fn a_root_reached_through_a_link_is_fine() {
        let image = scratch_root(true);
        let holder = tempfile::tempdir().unwrap();
        let mount = holder.path().join("mnt");
        symlink(image.path(), &mount).unwrap();
        assert_eq!(UserDb::from_root(&mount).unwrap().user(7), Some("image"));
    }

    #[test]
    fn a_pipe_in_the_image_is_refused_without_waiting() {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir(root.path().join("etc")).unwrap();
        let fifo = root.path().join("etc/passwd");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: c_path is a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let error = UserDb::from_root(root.path()).unwrap_err();
        assert!(matches!(error.kind(), UserDbErrorKind::NotAFile), "{error}");
        assert!(
            error.to_string().contains(": not a regular file ("),
            "{error}"
        );
    }

    #[test]
    fn an_unusable_root_is_an_error_naming_it() {
        let holder = tempfile::tempdir().unwrap();
        let absent = holder.path().join("absent");
        let error = UserDb::from_root(&absent).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "cannot use {} as the evidence root: No such file or directory (give --root the \
                 directory where the evidence host's file system is mounted)",
                absent.display()
            )
        );
        let file = holder.path().join("file");
        fs::write(&file, "").unwrap();
        let error = UserDb::from_root(&file).unwrap_err();
        assert!(
            matches!(error.kind(), UserDbErrorKind::RootNotADirectory),
            "{error}"
        );
    }

    #[test]
    fn files_that_cannot_be_read_are_errors_with_advice() {
        let holder = tempfile::tempdir().unwrap();
        let absent = holder.path().join("passwd");
        let error = UserDb::from_files(Some(&absent), None).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "cannot read {}: No such file or directory (give --passwd FILE or --root DIR of \
                 the evidence host)",
                absent.display()
            )
        );
        let error = UserDb::from_files(None, Some(holder.path())).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "cannot read {}: not a regular file (give --group FILE or --root DIR of the \
                 evidence host)",
                holder.path().display()
            )
        );
    }

    #[test]
    fn named_files_may_be_links_anywhere() {
        let (_outside, analyst) = outside_passwd();
        let holder = tempfile::tempdir().unwrap();
        let link = holder.path().join("passwd");
        symlink(&analyst, &link).unwrap();
        let db = UserDb::from_files(Some(&link), None).unwrap();
        assert_eq!(db.user(7), Some("analyst"));
    }

    #[test]
    fn no_files_means_no_names() {
        let db = UserDb::from_files(None, None).unwrap();
        let lookup: &dyn NameLookup = &db;
        assert_eq!((lookup.user(0), lookup.group(0)), (None, None));
        assert!(db.passwd_report().is_none() && db.group_report().is_none());
    }

    #[test]
    fn local_reads_this_machines_files() {
        match UserDb::local() {
            Ok(db) => {
                let report = db.passwd_report().unwrap();
                assert_eq!(report.path, Path::new("/etc/passwd"));
                assert!(report.present);
            }
            Err(error) => {
                assert!(!Path::new("/etc/passwd").exists());
                assert!(error.to_string().contains("--local-names"), "{error}");
            }
        }
    }
}

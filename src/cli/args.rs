//! The clap definitions: what a user can type. Kept apart from the library, which takes plain
//! structs built from these in `cli::build`.

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "ausift",
    version,
    about = "Fast offline forensics on Linux audit logs",
    long_about = "Fast offline forensics on Linux audit logs: search rotated, compressed, \
multi-host audit.log archives with ausearch's options and more.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Find the events that match every filter (ausearch's options are accepted as they are).
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// What ran, who ran it, from what, in which session: the exec timeline, process trees
    /// rebuilt from the log, login sessions (every search filter applies).
    #[command(after_help = EXEC_EXAMPLES)]
    Exec(ExecArgs),
}

const SEARCH_EXAMPLES: &str = "\
Examples:
  ausift search -k network --format raw /var/log/audit
  ausift search -ts today -m USER_LOGIN --success no -if /evidence/host1
  ausift search --syscall connect --auid 1000 --format jsonl audit.log.3.gz audit.log.2.gz
  zcat audit.log.1.gz | ausift search -x /usr/bin/nc --stats

Options written the ausearch way (-ts, -te, -if, -sc, -sv, -pp, -ui, -ue, -ul, -ua, -gi, -ge,
-ga, -hn, -tm, -se, -su, -uu, -vm) mean the same. --not before a filter negates it:
  ausift search --not -k cron -m USER_CMD
Times without an offset are read in --tz (UTC by default). An --end date without a time
means the end of that day.";

const EXEC_EXAMPLES: &str = "\
Examples:
  ausift exec /var/log/audit                          every exec, oldest first
  ausift exec --format text --auid 1000 audit.log      shell-like: TIME NODE USER CWD$ ARGV
  ausift exec --tree --argv 'nc .*-e' audit.log        the chain that led to each match
  ausift exec --pid 4170 --ancestors audit.log         sshd → bash → sudo → bash → nc
  ausift exec --user alice --format text audit.log     her sessions: login, commands, end
  ausift exec --failed --cwd /tmp --format csv audit.log

Parents come from the log alone: a child's parent is the latest process with its ppid seen
before it started, so reused pids do not mix up. A fork that did not exec shows its parent's
image, marked (fork). Times are shown in --tz (UTC by default).";

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Log files or directories (searched recursively); `-` is stdin. With none: stdin when it
    /// is a pipe or file, else /var/log/audit.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// A log file or directory to read, as ausearch's -if; may be repeated [ausearch: -if]
    #[arg(long = "input", value_name = "FILE|DIR")]
    pub input: Vec<String>,

    /// Read the system's logs (/var/log/audit) even when stdin is a pipe
    #[arg(long = "input-logs")]
    pub input_logs: bool,

    /// Read plain files with read(2) instead of memory-mapping them (safe for logs that are
    /// being rotated or truncated while ausift reads them)
    #[arg(long)]
    pub no_mmap: bool,

    /// Follow symbolic links met while walking directories
    #[arg(long = "follow", short = 'L')]
    pub follow: bool,

    /// Worker threads (default: the number of CPUs); output is the same for any number
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Keep an event open until this many further records have been read, so that its records
    /// written late still join it (larger holds more in memory)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 50_000,
        hide_short_help = true
    )]
    pub window_records: u64,

    /// Print what was read, skipped and found to stderr when done
    #[arg(long)]
    pub stats: bool,

    /// Report every skipped line (file:line: reason) on stderr
    #[arg(long)]
    pub debug: bool,
}

#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Events with this key (substring); repeat or comma-separate to accept several
    #[arg(short = 'k', long = "key", value_name = "KEY", value_delimiter = ',')]
    pub key: Vec<String>,

    /// Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])
    #[arg(
        short = 'm',
        long = "message",
        value_name = "TYPE",
        value_delimiter = ','
    )]
    pub message: Vec<String>,

    /// Events of this process id
    #[arg(short = 'p', long = "pid", value_name = "PID", value_delimiter = ',')]
    pub pid: Vec<u64>,

    /// Events whose parent process id is this [ausearch: -pp]
    #[arg(long = "ppid", value_name = "PID", value_delimiter = ',')]
    pub ppid: Vec<u64>,

    /// Events whose executable contains this text
    #[arg(short = 'x', long = "exe", value_name = "PATH")]
    pub exe: Vec<String>,

    /// Events whose command name (comm) contains this text
    #[arg(short = 'c', long = "comm", value_name = "NAME")]
    pub comm: Vec<String>,

    /// Events of this user id (uid=) [ausearch: -ui]
    #[arg(long = "uid", value_name = "UID", value_delimiter = ',')]
    pub uid: Vec<u64>,

    /// Events of this login user id (auid=) [ausearch: -ul]
    #[arg(long = "auid", value_name = "AUID", value_delimiter = ',')]
    pub auid: Vec<u64>,

    /// Events of this effective user id (euid=) [ausearch: -ue]
    #[arg(long = "euid", value_name = "EUID", value_delimiter = ',')]
    pub euid: Vec<u64>,

    /// Events of this syscall, by name (resolved for each record's architecture) or number
    /// [ausearch: -sc]
    #[arg(long = "syscall", value_name = "NAME|NUMBER", value_delimiter = ',')]
    pub syscall: Vec<String>,

    /// Only events that succeeded (yes) or failed (no) [ausearch: -sv]
    #[arg(long = "success", value_name = "yes|no")]
    pub success: Option<YesNo>,

    /// Events at or after this time [ausearch: -ts]
    #[arg(long = "start", value_name = "TIME", allow_hyphen_values = true)]
    pub start: Option<String>,

    /// Events at or before this time; a date alone means the end of that day [ausearch: -te]
    #[arg(long = "end", value_name = "TIME", allow_hyphen_values = true)]
    pub end: Option<String>,

    /// Events with this serial number (the part after the colon in audit(…:SERIAL))
    #[arg(
        short = 'a',
        long = "event",
        value_name = "SERIAL",
        value_delimiter = ','
    )]
    pub event: Vec<u64>,

    /// Events from this node (node= name, compared exactly)
    #[arg(short = 'n', long = "node", value_name = "NODE")]
    pub node: Vec<String>,

    /// Events whose syscall returned this exit value: a number or an errno name (EACCES
    /// means -13, the failing return value)
    #[arg(
        short = 'e',
        long = "exit",
        value_name = "N|ERRNO",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub exit: Vec<String>,

    /// Events that name this file (substring of the path, `..` and `//` normalised; relative
    /// names are joined to the event's working directory)
    #[arg(short = 'f', long = "file", value_name = "PATH")]
    pub file: Vec<String>,

    /// Events of this group id (gid=) [ausearch: -gi]
    #[arg(long = "gid", value_name = "GID", value_delimiter = ',')]
    pub gid: Vec<u64>,

    /// Events of this effective group id (egid=) [ausearch: -ge]
    #[arg(long = "egid", value_name = "GID", value_delimiter = ',')]
    pub egid: Vec<u64>,

    /// Events whose gid or egid is this [ausearch: -ga]
    #[arg(long = "gid-all", value_name = "GID", value_delimiter = ',')]
    pub gid_all: Vec<u64>,

    /// Events whose uid, euid or auid is this [ausearch: -ua]
    #[arg(long = "uid-all", value_name = "UID", value_delimiter = ',')]
    pub uid_all: Vec<u64>,

    /// Events naming this host (substring of hostname=, addr= or a socket address)
    /// [ausearch: -hn]
    #[arg(long = "host", value_name = "HOST")]
    pub host: Vec<String>,

    /// Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]
    #[arg(long = "terminal", value_name = "TTY")]
    pub terminal: Vec<String>,

    /// Events of this login session (ses=); -1 means unset
    #[arg(
        long = "session",
        value_name = "SES",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub session: Vec<i64>,

    /// Events whose SELinux subject context contains this [ausearch: -su]
    #[arg(long = "subject", value_name = "CONTEXT")]
    pub subject: Vec<String>,

    /// Events whose SELinux object context (tcontext) contains this
    #[arg(short = 'o', long = "object", value_name = "CONTEXT")]
    pub object: Vec<String>,

    /// Events whose subject or object context contains this [ausearch: -se]
    #[arg(long = "context", value_name = "CONTEXT")]
    pub context: Vec<String>,

    /// Events of the virtual machine with this uuid [ausearch: -uu]
    #[arg(long = "uuid", value_name = "UUID")]
    pub uuid: Vec<String>,

    /// Events of the virtual machine with this name [ausearch: -vm]
    #[arg(long = "vm-name", value_name = "NAME")]
    pub vm_name: Vec<String>,

    /// Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the
    /// table --syscall names are looked up in
    #[arg(long = "arch", value_name = "ARCH", value_delimiter = ',')]
    pub arch: Vec<String>,

    /// Compare text values whole instead of as substrings (-k net then misses netconn)
    #[arg(short = 'w', long = "word")]
    pub word: bool,

    /// Time zone for times without an offset and for times shown: UTC, local, an IANA name
    /// (Europe/Berlin) or an offset (+05:30)
    #[arg(
        long = "tz",
        value_name = "ZONE",
        default_value = "UTC",
        allow_hyphen_values = true
    )]
    pub tz: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SearchFormatArg {
    /// The records exactly as in the input
    Raw,
    /// One JSON object per event, values decoded
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// The order of each event's first record in the inputs
    Input,
    /// By time, serial and node, across all inputs
    Time,
}

#[derive(Args, Debug, Clone)]
pub struct SearchArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Output format
    #[arg(long, value_enum, default_value = "raw")]
    pub format: SearchFormatArg,

    /// Same as --format raw [ausearch: -r]
    #[arg(short = 'r', long = "raw")]
    pub raw: bool,

    /// Event order
    #[arg(long, value_enum, default_value = "input")]
    pub sort: SortArg,

    /// Stop after this many matching events
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    /// Stop after the first matching event (same as --limit 1)
    #[arg(long = "just-one")]
    pub just_one: bool,

    /// Print only the number of matching events
    #[arg(long)]
    pub count: bool,

    /// Flush output after every batch of events, even into a pipe [ausearch: -l]
    #[arg(long = "line-buffered", short = 'l')]
    pub line_buffered: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExecFormatArg {
    /// A table fitted to the terminal; plain columns when the output is not a terminal
    Table,
    /// Shell-like lines: TIME NODE USER CWD$ ARGV
    Text,
    /// Comma-separated values with a header (RFC 4180)
    Csv,
    /// One JSON object per line
    Jsonl,
}

#[derive(Args, Debug, Clone)]
pub struct ExecArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ExecFormatArg,

    /// Lay the table out boxed for this many columns, even when the output is not a terminal
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u16>,

    /// The matching processes as a tree: the chain that led to each, and all they started
    #[arg(long)]
    pub tree: bool,

    /// With --pid: the processes that led to it, up to the first the log shows
    #[arg(long, requires = "pid")]
    pub ancestors: bool,

    /// With --pid: every process it started, and theirs
    #[arg(long, requires = "pid")]
    pub descendants: bool,

    /// Everything the login sessions of this user did: login, commands, end (a name or a
    /// login uid); --session picks sessions by number
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Execs whose arguments, joined by single spaces, match this regular expression
    #[arg(long, value_name = "REGEX")]
    pub argv: Option<String>,

    /// Execs run in this directory or below it
    #[arg(long, value_name = "PATH")]
    pub cwd: Vec<String>,

    /// Only execs that failed (same as --success no)
    #[arg(long)]
    pub failed: bool,

    /// Row order of the timeline: by time, or as read (written at once, not held)
    #[arg(long, value_enum, default_value = "time")]
    pub sort: SortArg,

    /// Flush output after every batch of events, even into a pipe
    #[arg(long = "line-buffered", short = 'l')]
    pub line_buffered: bool,
}

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
    /// Who connected where, who accepted whom, who listened: every socket call with its
    /// decoded address and the process that made it.
    #[command(after_help = NET_EXAMPLES)]
    Net(NetArgs),
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

const NET_EXAMPLES: &str = "\
Examples:
  ausift net /var/log/audit                          every connect, accept, bind, listen, send
  ausift net --remote 203.0.113.0/24 --format csv audit.log.*
  ausift net --summary -ts today                     per program, direction, peer and port
  ausift net --by host --direction out               per peer
  ausift net --listening --all-families              ports bound or listened on, per program
  ausift net --failed --port 22,4444 -x /usr/bin/nc

Rows: one per socket call (connect, sendto, sendmsg: out; accept, accept4, recvfrom, recvmsg:
in; bind, listen: listen; socket: the socket's type and protocol). i386 socketcall gives the
same rows as the direct calls. By default only inet and inet6 addresses are shown, and calls
whose event names no address (listen, a send on a connected socket). EINPROGRESS marks a
non-blocking connect under way: --failed leaves it out, the summaries count it as pending.
Every search filter applies (-ts/-te, -k, -x, --auid, -n, …).";

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
pub enum NetFormatArg {
    /// Aligned columns (a bordered table fitted to the width on a terminal)
    Table,
    /// Comma-separated values with a header line, every field
    Csv,
    /// One JSON object per line, every field
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    /// connect, send, sendto, sendmsg
    Out,
    /// accept, accept4, recvfrom, recvmsg
    In,
    /// bind, listen
    Listen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NetByArg {
    /// One row per address
    Host,
    /// One row per program
    Exe,
}

#[derive(Args, Debug, Clone)]
pub struct NetArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Address families to show: inet, inet6, unix, netlink, packet, … or numbers
    /// [default: inet, inet6, and calls naming no address]
    #[arg(long, value_name = "FAMILY", value_delimiter = ',')]
    pub family: Vec<String>,

    /// Show every address family
    #[arg(long, conflicts_with = "family")]
    pub all_families: bool,

    /// Peers (of connections made or accepted) in this address block: 10.0.0.0/8,
    /// 2001:db8::/32 or one address
    #[arg(long, value_name = "CIDR", value_delimiter = ',')]
    pub remote: Vec<String>,

    /// Any address (peer or bound) in this address block
    #[arg(long, value_name = "CIDR", value_delimiter = ',')]
    pub addr: Vec<String>,

    /// Calls with this port
    #[arg(long, value_name = "PORT", value_delimiter = ',')]
    pub port: Vec<u16>,

    /// Calls of this direction
    #[arg(long, value_enum, value_name = "DIRECTION", value_delimiter = ',')]
    pub direction: Vec<DirectionArg>,

    /// Only calls that failed (EINPROGRESS, a connect under way, is no failure); --success
    /// keeps those that succeeded
    #[arg(long)]
    pub failed: bool,

    /// One row per program, direction, address and port, with counts, first and last time
    #[arg(long)]
    pub summary: bool,

    /// Summarise per address (host) or per program (exe) instead
    #[arg(long, value_enum, value_name = "host|exe")]
    pub by: Option<NetByArg>,

    /// Addresses and ports bound or listened on, per host and program (a listen() takes the
    /// address of the bind() before it on the same socket)
    #[arg(long, conflicts_with_all = ["summary", "by"])]
    pub listening: bool,

    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: NetFormatArg,
}

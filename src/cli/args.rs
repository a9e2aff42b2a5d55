//! The clap definitions: what a user can type. Kept apart from the library, which takes plain
//! structs built from these in `cli::build`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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

    /// Summaries of the events: aureport's reports, after every search filter
    /// (aureport's options are accepted as they are)
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),

    /// Who connected where, who accepted whom, who listened: every socket call with its
    /// decoded address and the process that made it.
    #[command(after_help = NET_EXAMPLES)]
    Net(NetArgs),

    /// What ran, who ran it, from what, in which session: the exec timeline, process trees
    /// rebuilt from the log, login sessions (every search filter applies).
    #[command(after_help = EXEC_EXAMPLES)]
    Exec(ExecArgs),

    /// Every matching event as one JSON object per line (or a csv row), decoded and with its
    /// process and parent, for SIEMs and data tools (schema: docs/json-schema.md)
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),

    /// Print the completion script for a shell (bash, zsh, fish, powershell)
    #[command(
        after_help = "Examples:\n  ausift completions bash > /etc/bash_completion.d/ausift\n  \
ausift completions zsh > \"${fpath[1]}/_ausift\""
    )]
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the man page (roff)
    #[command(
        after_help = "Examples:\n  ausift man | man -l -\n  ausift man > /usr/local/share/man/man1/ausift.1"
    )]
    Man,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    #[value(name = "powershell")]
    PowerShell,
}

const REPORT_EXAMPLES: &str = "\
Reports: auth, avc, comm, config, crypto, events, exe, files, hosts, integrity, keys, logins,
mac, mods, anomaly, pids, responses, syscalls, terminals, users, virt, time. With none, the
summary report (counts of logins, authentications, files, executables, … and the time range).

Examples:
  ausift report /var/log/audit
  ausift report exe --summary --top 10 audit.log.3.gz audit.log.2.gz
  ausift report logins --success no --host 198.51.100.23 --start week-ago -if /evidence
  ausift report -x --summary -if /evidence/host1        (aureport's spelling)
  ausift report keys --format csv -k exec --auid 1000 audit.log
  ausift report logins --tz Europe/Berlin -q /evidence/host1

aureport's report options (-au -a -c -cr -e -f -h -k -l -m -ma -n -p -r -s -t -tm -u -x,
--comm, --virt, --integrity and the long forms) name the report; those that are also search
filters (-x -k -m -p -f -c -e -n -a -tm) filter instead when a value follows them (-x
/usr/bin/nc). --failed and --success without a value keep failed or successful events; -h is
the hosts report (use --help for help). Counts are of events: an event with several records
counts once, and once per distinct item it names.";

const SEARCH_EXAMPLES: &str = "\
Examples:
  ausift search -k network --format raw /var/log/audit
  ausift search -ts today -m USER_LOGIN --success no -if /evidence/host1
  ausift search --syscall connect --auid 1000 --format jsonl audit.log.3.gz audit.log.2.gz
  zcat audit.log.1.gz | ausift search -x /usr/bin/nc --stats
  ausift search --where 'EXECVE.argv ~ \"base64 -d\" or SOCKADDR.laddr ~ \"^10\\.\"' /evidence
  ausift search --checkpoint ~/.ausift-cp -k identity /var/log/audit
  ausift search -i --color always -k network /evidence | less -R

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

const EXPORT_EXAMPLES: &str = "\
Examples:
  ausift export /var/log/audit > events.jsonl
  ausift export -o events.jsonl.gz --gzip --root /mnt/evidence /mnt/evidence/var/log/audit
  ausift export -k exec --format csv -o exec.csv audit.log*
  ausift export -ts 2024-03-01 -m EXECVE audit.log | jq -c '.process.argv'

Each line is one event: id, time (UTC, ISO-8601 and epoch milliseconds), node, input file and
byte offset, record types, a summary (actor, action, object, how, result, address, keys), the
process (pid, ppid, ids, exe, argv, cwd, syscall, exit) and its parent as seen earlier in the
input, then every record with its raw and interpreted fields. Bytes that are not UTF-8 are
written as %XX and a literal % as %25. Every search filter applies. -o is the output file here
(ausearch's -o, the object context, is --object).";

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

    /// The most records one event may have; a log that repeats one event id beyond this gets
    /// the rest as further events of the same id, and a warning (bounds memory on hostile input)
    #[arg(
        long,
        value_name = "N",
        default_value_t = crate::event::Window::DEFAULT_EVENT_RECORDS,
        hide_short_help = true
    )]
    pub max_event_records: u64,

    /// Print what was read, skipped and found to stderr when done
    #[arg(long)]
    pub stats: bool,

    /// Report every skipped line on stderr, as file:line: reason
    #[arg(long)]
    pub debug: bool,

    /// Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When stdout is a terminal, NO_COLOR is unset or empty and TERM is not dumb
    Auto,
    Always,
    Never,
}

/// Colour, shared by every subcommand that prints for a reader.
#[derive(Args, Debug, Clone)]
pub struct ColorArgs {
    /// Colour record types, failures and matched keys (search), table headings and failures
    /// (report, net)
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorArg,
}

impl ColorArgs {
    /// Whether this run's output is coloured.
    pub fn colored(&self) -> bool {
        use crate::output::color::{ColorChoice, decide_here};
        decide_here(match self.color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        })
    }
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

    /// Events of this user (uid=): a number, or a name as the event names it (its ENRICHED
    /// part; root and unset always) [ausearch: -ui]
    #[arg(
        long = "uid",
        value_name = "UID|NAME",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub uid: Vec<String>,

    /// Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]
    #[arg(
        long = "auid",
        value_name = "AUID|NAME",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub auid: Vec<String>,

    /// Events of this effective user (euid=), number or name [ausearch: -ue]
    #[arg(
        long = "euid",
        value_name = "EUID|NAME",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub euid: Vec<String>,

    /// Events of this syscall, by name (resolved for each record's architecture) or number
    /// [ausearch: -sc]
    #[arg(long = "syscall", value_name = "NAME|NUMBER", value_delimiter = ',')]
    pub syscall: Vec<String>,

    /// Only events that succeeded (yes) or failed (no) [ausearch: -sv]
    #[arg(long = "success", value_name = "yes|no")]
    pub success: Option<YesNo>,

    /// Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last
    /// boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not
    /// this machine's), checkpoint (the time of the --checkpoint event), now, recent, today,
    /// yesterday, this-week, week-ago, this-month, this-year
    #[arg(long = "start", value_name = "TIME", allow_hyphen_values = true)]
    pub start: Option<String>,

    /// Events at or before this time; a date alone means the end of that day (not, as with
    /// ausearch, that date at the current time of day) [ausearch: -te]
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

    /// Events of this group (gid=), number or name [ausearch: -gi]
    #[arg(
        long = "gid",
        value_name = "GID|NAME",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub gid: Vec<String>,

    /// Events of this effective group (egid=), number or name [ausearch: -ge]
    #[arg(
        long = "egid",
        value_name = "GID|NAME",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub egid: Vec<String>,

    /// Events whose gid or egid is this group, number or name [ausearch: -ga]
    #[arg(
        long = "gid-all",
        value_name = "GID|NAME",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub gid_all: Vec<String>,

    /// Events whose uid, euid or auid is this user, number or name [ausearch: -ua]
    #[arg(
        long = "uid-all",
        value_name = "UID|NAME",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub uid_all: Vec<String>,

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

    /// Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <,
    /// <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field
    /// for one record type. Values are compared as written and as interpreted (uid = root,
    /// exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type,
    /// node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several
    #[arg(long = "where", value_name = "EXPR", allow_hyphen_values = true)]
    pub r#where: Vec<String>,

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

/// Where user and group names come from when a record does not carry them (ENRICHED logs
/// do, and their names always win). Without any of these, ids are shown as `unknown(N)`:
/// the analysing machine's accounts are not the evidence host's.
#[derive(Args, Debug, Clone, Default)]
pub struct NamesArgs {
    /// The evidence host's passwd file, for user names
    #[arg(long, value_name = "FILE", help_heading = "Names")]
    pub passwd: Option<PathBuf>,

    /// The evidence host's group file, for group names
    #[arg(long, value_name = "FILE", help_heading = "Names")]
    pub group: Option<PathBuf>,

    /// A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with_all = ["passwd", "group"],
        help_heading = "Names"
    )]
    pub root: Option<PathBuf>,

    /// Names from this machine's /etc/passwd and /etc/group (only right when it shares the
    /// evidence host's accounts)
    #[arg(
        long,
        conflicts_with_all = ["passwd", "group", "root"],
        help_heading = "Names"
    )]
    pub local_names: bool,
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
    /// ausearch's default: a `----` line, the event's time, its records as logged
    Default,
    /// What `ausearch -i` prints: every value readable, times in ISO-8601
    #[value(alias = "interpret")]
    Interpreted,
    /// One English sentence per event, as `ausearch --format text`
    Text,
    /// The columns of `ausearch --format csv`, quoted as RFC 4180 says
    Csv,
    /// One JSON object per event, each field with its raw and its interpreted value
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// aureport's layout, one line per row
    Text,
    /// A table fitted to the terminal's width
    Table,
    /// Comma-separated values (RFC 4180), times in ISO 8601
    Csv,
    /// One JSON object per row
    Jsonl,
}

#[derive(Args, Debug, Clone)]
pub struct ReportArgs {
    /// The report (see below); none gives the summary report. A path here is read as input.
    #[arg(value_name = "REPORT")]
    pub report: Option<String>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// The report named by an aureport option (-x, -au, …)
    #[arg(long = "report", hide = true)]
    pub report_option: Vec<String>,

    /// Counts per item, most frequent first, instead of one row per event
    #[arg(long)]
    pub summary: bool,

    /// Only the N most frequent items of a --summary
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// User ids and syscalls as names (names from the records' ENRICHED part, else from
    /// --passwd/--group/--root)
    #[arg(short = 'i', long = "interpret")]
    pub interpret: bool,

    #[command(flatten)]
    pub names: NamesArgs,

    /// Leave out configuration-change events (CONFIG_CHANGE) [aureport: -nc]
    #[arg(long = "no-config")]
    pub no_config: bool,

    /// Output format [default: table on a terminal, else text]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormatArg>,

    #[command(flatten)]
    pub color: ColorArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EscapeArg {
    /// Values as they are
    Raw,
    /// Control characters as octal escapes (\033)
    Tty,
    /// As tty, and a backslash before the characters a shell treats specially
    Shell,
    /// As shell, for use inside a quoted shell word
    #[value(name = "shell_quote", alias = "shell-quote")]
    ShellQuote,
}

/// The output options that every subcommand printing events shares.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format [default: raw]
    #[arg(long, value_enum)]
    pub format: Option<SearchFormatArg>,

    /// Same as --format raw [ausearch: -r]
    #[arg(short = 'r', long = "raw", conflicts_with = "format")]
    pub raw: bool,

    /// Same as --format interpreted [ausearch: -i]
    #[arg(
        short = 'i',
        long = "interpret",
        conflicts_with_all = ["raw", "format"]
    )]
    pub interpret: bool,

    /// How interpreted values are escaped (interpreted, default, text and csv formats);
    /// control characters are escaped on a terminal whatever this says
    #[arg(long, value_enum, default_value = "tty")]
    pub escape: EscapeArg,

    /// csv: add a KEY column (the event's first key)
    #[arg(long = "extra-keys")]
    pub extra_keys: bool,

    /// csv: add YEAR, MONTH, DAY, WEEKDAY, HOUR, MILLI and GMT_OFFSET columns
    #[arg(long = "extra-time")]
    pub extra_time: bool,

    /// csv: add SUBJ_LABEL and OBJ_LABEL columns (SELinux contexts)
    #[arg(long = "extra-labels")]
    pub extra_labels: bool,

    /// csv: add an OBJ2 column (a second object: a rename's target, a new owner, …)
    #[arg(long = "extra-obj2")]
    pub extra_obj2: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// The order of each event's first record in the inputs
    Input,
    /// By time, serial and node, across all inputs
    Time,
    /// By event id (the serial), then time and node
    Event,
}

#[derive(Args, Debug, Clone)]
pub struct SearchArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub color: ColorArgs,

    #[command(flatten)]
    pub names: NamesArgs,

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

    /// Flush output after every event, even into a pipe [ausearch: -l]
    #[arg(long = "line-buffered", short = 'l')]
    pub line_buffered: bool,

    /// Resume after the last event the previous run with this file read, and write the
    /// file when done (ausearch's format; with --start checkpoint only its time counts).
    /// Exit status 10: the file is unusable or its log is not among the inputs; 11: it
    /// cannot be written; 12: its event is not in the logs
    #[arg(long, value_name = "FILE")]
    pub checkpoint: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// One JSON object per event (JSON Lines), the documented schema
    Jsonl,
    /// One row per event with a fixed set of columns (RFC 4180)
    Csv,
}

#[derive(Args, Debug, Clone)]
// -o names the output file here, as in most export tools; the object filter keeps --object.
#[command(mut_arg("object", |arg| arg.short(None)))]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub names: NamesArgs,

    /// Output format
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormatArg,

    /// Write to FILE instead of standard output; an existing file is left alone unless
    /// --force is given
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the -o file when it exists
    #[arg(long, requires = "output")]
    pub force: bool,

    /// Compress the output with gzip
    #[arg(long)]
    pub gzip: bool,
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

    #[command(flatten)]
    pub names: NamesArgs,

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

    #[command(flatten)]
    pub color: ColorArgs,
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

    #[command(flatten)]
    pub names: NamesArgs,

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

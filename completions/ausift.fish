# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ausift_global_optspecs
    string join \n h/help V/version
end

function __fish_ausift_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ausift_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ausift_using_subcommand
    set -l cmd (__fish_ausift_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ausift -n "__fish_ausift_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ausift -n "__fish_ausift_needs_command" -s V -l version -d 'Print version'
complete -c ausift -n "__fish_ausift_needs_command" -f -a "search" -d 'Find the events that match every filter (ausearch\'s options are accepted as they are)'
complete -c ausift -n "__fish_ausift_needs_command" -f -a "report" -d 'Summaries of the events: aureport\'s reports, after every search filter (aureport\'s options are accepted as they are)'
complete -c ausift -n "__fish_ausift_needs_command" -f -a "net" -d 'Who connected where, who accepted whom, who listened: every socket call with its decoded address and the process that made it'
complete -c ausift -n "__fish_ausift_needs_command" -f -a "exec" -d 'What ran, who ran it, from what, in which session: the exec timeline, process trees rebuilt from the log, login sessions (every search filter applies)'
complete -c ausift -n "__fish_ausift_needs_command" -f -a "export" -d 'Every matching event as one JSON object per line (or a csv row), decoded and with its process and parent, for SIEMs and data tools (schema: docs/json-schema.md)'
complete -c ausift -n "__fish_ausift_needs_command" -f -a "completions" -d 'Print the completion script for a shell (bash, zsh, fish, powershell)'
complete -c ausift -n "__fish_ausift_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c ausift -n "__fish_ausift_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l input -d 'A log file or directory to read, as ausearch\'s -if; may be repeated [ausearch: -if]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s j -l threads -d 'Worker threads (default: the number of CPUs); output is the same for any number' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l window-records -d 'Keep an event open until this many further records have been read, so that its records written late still join it (larger holds more in memory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l max-event-records -d 'The most records one event may have; a log that repeats one event id beyond this gets the rest as further events of the same id, and a warning (bounds memory on hostile input)' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s k -l key -d 'Events with this key (substring); repeat or comma-separate to accept several' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s m -l message -d 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s p -l pid -d 'Events of this process id' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l ppid -d 'Events whose parent process id is this [ausearch: -pp]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s x -l exe -d 'Events whose executable contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s c -l comm -d 'Events whose command name (comm) contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l uid -d 'Events of this user (uid=): a number, or a name as the event names it (its ENRICHED part; root and unset always) [ausearch: -ui]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l auid -d 'Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l euid -d 'Events of this effective user (euid=), number or name [ausearch: -ue]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l syscall -d 'Events of this syscall, by name (resolved for each record\'s architecture) or number [ausearch: -sc]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l success -d 'Only events that succeeded (yes) or failed (no) [ausearch: -sv]' -r -f -a "yes\t''
no\t''"
complete -c ausift -n "__fish_ausift_using_subcommand search" -l start -d 'Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not this machine\'s), checkpoint (the time of the --checkpoint event), now, recent, today, yesterday, this-week, week-ago, this-month, this-year' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l end -d 'Events at or before this time; a date alone means the end of that day (not, as with ausearch, that date at the current time of day) [ausearch: -te]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s a -l event -d 'Events with this serial number (the part after the colon in audit(…:SERIAL))' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s n -l node -d 'Events from this node (node= name, compared exactly)' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s e -l exit -d 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s f -l file -d 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event\'s working directory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l gid -d 'Events of this group (gid=), number or name [ausearch: -gi]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l egid -d 'Events of this effective group (egid=), number or name [ausearch: -ge]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l gid-all -d 'Events whose gid or egid is this group, number or name [ausearch: -ga]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l uid-all -d 'Events whose uid, euid or auid is this user, number or name [ausearch: -ua]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l host -d 'Events naming this host (substring of hostname=, addr= or a socket address) [ausearch: -hn]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l terminal -d 'Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l session -d 'Events of this login session (ses=); -1 means unset' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l subject -d 'Events whose SELinux subject context contains this [ausearch: -su]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -s o -l object -d 'Events whose SELinux object context (tcontext) contains this' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l context -d 'Events whose subject or object context contains this [ausearch: -se]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l uuid -d 'Events of the virtual machine with this uuid [ausearch: -uu]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l vm-name -d 'Events of the virtual machine with this name [ausearch: -vm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l arch -d 'Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the table --syscall names are looked up in' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l where -d 'Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <, <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field for one record type. Values are compared as written and as interpreted (uid = root, exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type, node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l tz -d 'Time zone for times without an offset and for times shown: UTC, local, an IANA name (Europe/Berlin) or an offset (+05:30)' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l format -d 'Output format [default: raw]' -r -f -a "raw\t'The records exactly as in the input'
default\t'ausearch\'s default: a `----` line, the event\'s time, its records as logged'
interpreted\t'What `ausearch -i` prints: every value readable, times in ISO-8601'
text\t'One English sentence per event, as `ausearch --format text`'
csv\t'The columns of `ausearch --format csv`, quoted as RFC 4180 says'
jsonl\t'One JSON object per event, each field with its raw and its interpreted value'"
complete -c ausift -n "__fish_ausift_using_subcommand search" -l escape -d 'How interpreted values are escaped (interpreted, default, text and csv formats); control characters are escaped on a terminal whatever this says' -r -f -a "raw\t'Values as they are'
tty\t'Control characters as octal escapes (\\033)'
shell\t'As tty, and a backslash before the characters a shell treats specially'
shell_quote\t'As shell, for use inside a quoted shell word'"
complete -c ausift -n "__fish_ausift_using_subcommand search" -l color -d 'Colour record types, failures and matched keys (search), table headings and failures (report, net)' -r -f -a "auto\t'When stdout is a terminal, NO_COLOR is unset or empty and TERM is not dumb'
always\t''
never\t''"
complete -c ausift -n "__fish_ausift_using_subcommand search" -l passwd -d 'The evidence host\'s passwd file, for user names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand search" -l group -d 'The evidence host\'s group file, for group names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand search" -l root -d 'A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand search" -l sort -d 'Event order' -r -f -a "input\t'The order of each event\'s first record in the inputs'
time\t'By time, serial and node, across all inputs'
event\t'By event id (the serial), then time and node'"
complete -c ausift -n "__fish_ausift_using_subcommand search" -l limit -d 'Stop after this many matching events' -r
complete -c ausift -n "__fish_ausift_using_subcommand search" -l checkpoint -d 'Resume after the last event the previous run with this file read, and write the file when done (ausearch\'s format; with --start checkpoint only its time counts). Exit status 10: the file is unusable or its log is not among the inputs; 11: it cannot be written; 12: its event is not in the logs' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand search" -l input-logs -d 'Read the system\'s logs (/var/log/audit) even when stdin is a pipe'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l no-mmap -d 'Read plain files with read(2) instead of memory-mapping them (safe for logs that are being rotated or truncated while ausift reads them)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -s L -l follow -d 'Follow symbolic links met while walking directories'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l stats -d 'Print what was read, skipped and found to stderr when done'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l debug -d 'Report every skipped line on stderr, as file:line: reason'
complete -c ausift -n "__fish_ausift_using_subcommand search" -s q -l quiet -d 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -s w -l word -d 'Compare text values whole instead of as substrings (-k net then misses netconn)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -s r -l raw -d 'Same as --format raw [ausearch: -r]'
complete -c ausift -n "__fish_ausift_using_subcommand search" -s i -l interpret -d 'Same as --format interpreted [ausearch: -i]'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l extra-keys -d 'csv: add a KEY column (the event\'s first key)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l extra-time -d 'csv: add YEAR, MONTH, DAY, WEEKDAY, HOUR, MILLI and GMT_OFFSET columns'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l extra-labels -d 'csv: add SUBJ_LABEL and OBJ_LABEL columns (SELinux contexts)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l extra-obj2 -d 'csv: add an OBJ2 column (a second object: a rename\'s target, a new owner, …)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l local-names -d 'Names from this machine\'s /etc/passwd and /etc/group (only right when it shares the evidence host\'s accounts)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l just-one -d 'Stop after the first matching event (same as --limit 1)'
complete -c ausift -n "__fish_ausift_using_subcommand search" -l count -d 'Print only the number of matching events'
complete -c ausift -n "__fish_ausift_using_subcommand search" -s l -l line-buffered -d 'Flush output after every event, even into a pipe [ausearch: -l]'
complete -c ausift -n "__fish_ausift_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ausift -n "__fish_ausift_using_subcommand search" -s V -l version -d 'Print version'
complete -c ausift -n "__fish_ausift_using_subcommand report" -l input -d 'A log file or directory to read, as ausearch\'s -if; may be repeated [ausearch: -if]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s j -l threads -d 'Worker threads (default: the number of CPUs); output is the same for any number' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l window-records -d 'Keep an event open until this many further records have been read, so that its records written late still join it (larger holds more in memory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l max-event-records -d 'The most records one event may have; a log that repeats one event id beyond this gets the rest as further events of the same id, and a warning (bounds memory on hostile input)' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s k -l key -d 'Events with this key (substring); repeat or comma-separate to accept several' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s m -l message -d 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s p -l pid -d 'Events of this process id' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l ppid -d 'Events whose parent process id is this [ausearch: -pp]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s x -l exe -d 'Events whose executable contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s c -l comm -d 'Events whose command name (comm) contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l uid -d 'Events of this user (uid=): a number, or a name as the event names it (its ENRICHED part; root and unset always) [ausearch: -ui]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l auid -d 'Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l euid -d 'Events of this effective user (euid=), number or name [ausearch: -ue]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l syscall -d 'Events of this syscall, by name (resolved for each record\'s architecture) or number [ausearch: -sc]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l success -d 'Only events that succeeded (yes) or failed (no) [ausearch: -sv]' -r -f -a "yes\t''
no\t''"
complete -c ausift -n "__fish_ausift_using_subcommand report" -l start -d 'Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not this machine\'s), checkpoint (the time of the --checkpoint event), now, recent, today, yesterday, this-week, week-ago, this-month, this-year' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l end -d 'Events at or before this time; a date alone means the end of that day (not, as with ausearch, that date at the current time of day) [ausearch: -te]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s a -l event -d 'Events with this serial number (the part after the colon in audit(…:SERIAL))' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s n -l node -d 'Events from this node (node= name, compared exactly)' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s e -l exit -d 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s f -l file -d 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event\'s working directory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l gid -d 'Events of this group (gid=), number or name [ausearch: -gi]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l egid -d 'Events of this effective group (egid=), number or name [ausearch: -ge]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l gid-all -d 'Events whose gid or egid is this group, number or name [ausearch: -ga]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l uid-all -d 'Events whose uid, euid or auid is this user, number or name [ausearch: -ua]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l host -d 'Events naming this host (substring of hostname=, addr= or a socket address) [ausearch: -hn]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l terminal -d 'Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l session -d 'Events of this login session (ses=); -1 means unset' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l subject -d 'Events whose SELinux subject context contains this [ausearch: -su]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -s o -l object -d 'Events whose SELinux object context (tcontext) contains this' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l context -d 'Events whose subject or object context contains this [ausearch: -se]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l uuid -d 'Events of the virtual machine with this uuid [ausearch: -uu]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l vm-name -d 'Events of the virtual machine with this name [ausearch: -vm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l arch -d 'Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the table --syscall names are looked up in' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l where -d 'Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <, <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field for one record type. Values are compared as written and as interpreted (uid = root, exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type, node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l tz -d 'Time zone for times without an offset and for times shown: UTC, local, an IANA name (Europe/Berlin) or an offset (+05:30)' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l report -d 'The report named by an aureport option (-x, -au, …)' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l top -d 'Only the N most frequent items of a --summary' -r
complete -c ausift -n "__fish_ausift_using_subcommand report" -l passwd -d 'The evidence host\'s passwd file, for user names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand report" -l group -d 'The evidence host\'s group file, for group names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand report" -l root -d 'A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand report" -l format -d 'Output format [default: table on a terminal, else text]' -r -f -a "text\t'aureport\'s layout, one line per row'
table\t'A table fitted to the terminal\'s width'
csv\t'Comma-separated values (RFC 4180), times in ISO 8601'
jsonl\t'One JSON object per row'"
complete -c ausift -n "__fish_ausift_using_subcommand report" -l color -d 'Colour record types, failures and matched keys (search), table headings and failures (report, net)' -r -f -a "auto\t'When stdout is a terminal, NO_COLOR is unset or empty and TERM is not dumb'
always\t''
never\t''"
complete -c ausift -n "__fish_ausift_using_subcommand report" -l input-logs -d 'Read the system\'s logs (/var/log/audit) even when stdin is a pipe'
complete -c ausift -n "__fish_ausift_using_subcommand report" -l no-mmap -d 'Read plain files with read(2) instead of memory-mapping them (safe for logs that are being rotated or truncated while ausift reads them)'
complete -c ausift -n "__fish_ausift_using_subcommand report" -s L -l follow -d 'Follow symbolic links met while walking directories'
complete -c ausift -n "__fish_ausift_using_subcommand report" -l stats -d 'Print what was read, skipped and found to stderr when done'
complete -c ausift -n "__fish_ausift_using_subcommand report" -l debug -d 'Report every skipped line on stderr, as file:line: reason'
complete -c ausift -n "__fish_ausift_using_subcommand report" -s q -l quiet -d 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)'
complete -c ausift -n "__fish_ausift_using_subcommand report" -s w -l word -d 'Compare text values whole instead of as substrings (-k net then misses netconn)'
complete -c ausift -n "__fish_ausift_using_subcommand report" -l summary -d 'Counts per item, most frequent first, instead of one row per event'
complete -c ausift -n "__fish_ausift_using_subcommand report" -s i -l interpret -d 'User ids and syscalls as names (names from the records\' ENRICHED part, else from --passwd/--group/--root)'
complete -c ausift -n "__fish_ausift_using_subcommand report" -l local-names -d 'Names from this machine\'s /etc/passwd and /etc/group (only right when it shares the evidence host\'s accounts)'
complete -c ausift -n "__fish_ausift_using_subcommand report" -l no-config -d 'Leave out configuration-change events (CONFIG_CHANGE) [aureport: -nc]'
complete -c ausift -n "__fish_ausift_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ausift -n "__fish_ausift_using_subcommand report" -s V -l version -d 'Print version'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l input -d 'A log file or directory to read, as ausearch\'s -if; may be repeated [ausearch: -if]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s j -l threads -d 'Worker threads (default: the number of CPUs); output is the same for any number' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l window-records -d 'Keep an event open until this many further records have been read, so that its records written late still join it (larger holds more in memory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l max-event-records -d 'The most records one event may have; a log that repeats one event id beyond this gets the rest as further events of the same id, and a warning (bounds memory on hostile input)' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s k -l key -d 'Events with this key (substring); repeat or comma-separate to accept several' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s m -l message -d 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s p -l pid -d 'Events of this process id' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l ppid -d 'Events whose parent process id is this [ausearch: -pp]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s x -l exe -d 'Events whose executable contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s c -l comm -d 'Events whose command name (comm) contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l uid -d 'Events of this user (uid=): a number, or a name as the event names it (its ENRICHED part; root and unset always) [ausearch: -ui]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l auid -d 'Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l euid -d 'Events of this effective user (euid=), number or name [ausearch: -ue]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l syscall -d 'Events of this syscall, by name (resolved for each record\'s architecture) or number [ausearch: -sc]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l success -d 'Only events that succeeded (yes) or failed (no) [ausearch: -sv]' -r -f -a "yes\t''
no\t''"
complete -c ausift -n "__fish_ausift_using_subcommand net" -l start -d 'Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not this machine\'s), checkpoint (the time of the --checkpoint event), now, recent, today, yesterday, this-week, week-ago, this-month, this-year' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l end -d 'Events at or before this time; a date alone means the end of that day (not, as with ausearch, that date at the current time of day) [ausearch: -te]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s a -l event -d 'Events with this serial number (the part after the colon in audit(…:SERIAL))' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s n -l node -d 'Events from this node (node= name, compared exactly)' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s e -l exit -d 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s f -l file -d 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event\'s working directory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l gid -d 'Events of this group (gid=), number or name [ausearch: -gi]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l egid -d 'Events of this effective group (egid=), number or name [ausearch: -ge]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l gid-all -d 'Events whose gid or egid is this group, number or name [ausearch: -ga]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l uid-all -d 'Events whose uid, euid or auid is this user, number or name [ausearch: -ua]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l host -d 'Events naming this host (substring of hostname=, addr= or a socket address) [ausearch: -hn]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l terminal -d 'Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l session -d 'Events of this login session (ses=); -1 means unset' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l subject -d 'Events whose SELinux subject context contains this [ausearch: -su]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -s o -l object -d 'Events whose SELinux object context (tcontext) contains this' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l context -d 'Events whose subject or object context contains this [ausearch: -se]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l uuid -d 'Events of the virtual machine with this uuid [ausearch: -uu]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l vm-name -d 'Events of the virtual machine with this name [ausearch: -vm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l arch -d 'Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the table --syscall names are looked up in' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l where -d 'Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <, <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field for one record type. Values are compared as written and as interpreted (uid = root, exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type, node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l tz -d 'Time zone for times without an offset and for times shown: UTC, local, an IANA name (Europe/Berlin) or an offset (+05:30)' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l passwd -d 'The evidence host\'s passwd file, for user names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand net" -l group -d 'The evidence host\'s group file, for group names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand net" -l root -d 'A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand net" -l family -d 'Address families to show: inet, inet6, unix, netlink, packet, … or numbers [default: inet, inet6, and calls naming no address]' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l remote -d 'Peers (of connections made or accepted) in this address block: 10.0.0.0/8, 2001:db8::/32 or one address' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l addr -d 'Any address (peer or bound) in this address block' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l port -d 'Calls with this port' -r
complete -c ausift -n "__fish_ausift_using_subcommand net" -l direction -d 'Calls of this direction' -r -f -a "out\t'connect, send, sendto, sendmsg'
in\t'accept, accept4, recvfrom, recvmsg'
listen\t'bind, listen'"
complete -c ausift -n "__fish_ausift_using_subcommand net" -l by -d 'Summarise per address (host) or per program (exe) instead' -r -f -a "host\t'One row per address'
exe\t'One row per program'"
complete -c ausift -n "__fish_ausift_using_subcommand net" -l format -d 'Output format' -r -f -a "table\t'Aligned columns (a bordered table fitted to the width on a terminal)'
csv\t'Comma-separated values with a header line, every field'
jsonl\t'One JSON object per line, every field'"
complete -c ausift -n "__fish_ausift_using_subcommand net" -l color -d 'Colour record types, failures and matched keys (search), table headings and failures (report, net)' -r -f -a "auto\t'When stdout is a terminal, NO_COLOR is unset or empty and TERM is not dumb'
always\t''
never\t''"
complete -c ausift -n "__fish_ausift_using_subcommand net" -l input-logs -d 'Read the system\'s logs (/var/log/audit) even when stdin is a pipe'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l no-mmap -d 'Read plain files with read(2) instead of memory-mapping them (safe for logs that are being rotated or truncated while ausift reads them)'
complete -c ausift -n "__fish_ausift_using_subcommand net" -s L -l follow -d 'Follow symbolic links met while walking directories'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l stats -d 'Print what was read, skipped and found to stderr when done'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l debug -d 'Report every skipped line on stderr, as file:line: reason'
complete -c ausift -n "__fish_ausift_using_subcommand net" -s q -l quiet -d 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)'
complete -c ausift -n "__fish_ausift_using_subcommand net" -s w -l word -d 'Compare text values whole instead of as substrings (-k net then misses netconn)'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l local-names -d 'Names from this machine\'s /etc/passwd and /etc/group (only right when it shares the evidence host\'s accounts)'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l all-families -d 'Show every address family'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l failed -d 'Only calls that failed (EINPROGRESS, a connect under way, is no failure); --success keeps those that succeeded'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l summary -d 'One row per program, direction, address and port, with counts, first and last time'
complete -c ausift -n "__fish_ausift_using_subcommand net" -l listening -d 'Addresses and ports bound or listened on, per host and program (a listen() takes the address of the bind() before it on the same socket)'
complete -c ausift -n "__fish_ausift_using_subcommand net" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ausift -n "__fish_ausift_using_subcommand net" -s V -l version -d 'Print version'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l input -d 'A log file or directory to read, as ausearch\'s -if; may be repeated [ausearch: -if]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s j -l threads -d 'Worker threads (default: the number of CPUs); output is the same for any number' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l window-records -d 'Keep an event open until this many further records have been read, so that its records written late still join it (larger holds more in memory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l max-event-records -d 'The most records one event may have; a log that repeats one event id beyond this gets the rest as further events of the same id, and a warning (bounds memory on hostile input)' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s k -l key -d 'Events with this key (substring); repeat or comma-separate to accept several' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s m -l message -d 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s p -l pid -d 'Events of this process id' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l ppid -d 'Events whose parent process id is this [ausearch: -pp]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s x -l exe -d 'Events whose executable contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s c -l comm -d 'Events whose command name (comm) contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l uid -d 'Events of this user (uid=): a number, or a name as the event names it (its ENRICHED part; root and unset always) [ausearch: -ui]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l auid -d 'Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l euid -d 'Events of this effective user (euid=), number or name [ausearch: -ue]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l syscall -d 'Events of this syscall, by name (resolved for each record\'s architecture) or number [ausearch: -sc]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l success -d 'Only events that succeeded (yes) or failed (no) [ausearch: -sv]' -r -f -a "yes\t''
no\t''"
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l start -d 'Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not this machine\'s), checkpoint (the time of the --checkpoint event), now, recent, today, yesterday, this-week, week-ago, this-month, this-year' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l end -d 'Events at or before this time; a date alone means the end of that day (not, as with ausearch, that date at the current time of day) [ausearch: -te]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s a -l event -d 'Events with this serial number (the part after the colon in audit(…:SERIAL))' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s n -l node -d 'Events from this node (node= name, compared exactly)' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s e -l exit -d 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s f -l file -d 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event\'s working directory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l gid -d 'Events of this group (gid=), number or name [ausearch: -gi]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l egid -d 'Events of this effective group (egid=), number or name [ausearch: -ge]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l gid-all -d 'Events whose gid or egid is this group, number or name [ausearch: -ga]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l uid-all -d 'Events whose uid, euid or auid is this user, number or name [ausearch: -ua]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l host -d 'Events naming this host (substring of hostname=, addr= or a socket address) [ausearch: -hn]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l terminal -d 'Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l session -d 'Events of this login session (ses=); -1 means unset' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l subject -d 'Events whose SELinux subject context contains this [ausearch: -su]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s o -l object -d 'Events whose SELinux object context (tcontext) contains this' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l context -d 'Events whose subject or object context contains this [ausearch: -se]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l uuid -d 'Events of the virtual machine with this uuid [ausearch: -uu]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l vm-name -d 'Events of the virtual machine with this name [ausearch: -vm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l arch -d 'Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the table --syscall names are looked up in' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l where -d 'Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <, <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field for one record type. Values are compared as written and as interpreted (uid = root, exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type, node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l tz -d 'Time zone for times without an offset and for times shown: UTC, local, an IANA name (Europe/Berlin) or an offset (+05:30)' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l passwd -d 'The evidence host\'s passwd file, for user names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l group -d 'The evidence host\'s group file, for group names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l root -d 'A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l format -d 'Output format' -r -f -a "table\t'A table fitted to the terminal; plain columns when the output is not a terminal'
text\t'Shell-like lines: TIME NODE USER CWD$ ARGV'
csv\t'Comma-separated values with a header (RFC 4180)'
jsonl\t'One JSON object per line'"
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l width -d 'Lay the table out boxed for this many columns, even when the output is not a terminal' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l user -d 'Everything the login sessions of this user did: login, commands, end (a name or a login uid); --session picks sessions by number' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l argv -d 'Execs whose arguments, joined by single spaces, match this regular expression' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l cwd -d 'Execs run in this directory or below it' -r
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l sort -d 'Row order of the timeline: by time, or as read (written at once, not held)' -r -f -a "input\t'The order of each event\'s first record in the inputs'
time\t'By time, serial and node, across all inputs'
event\t'By event id (the serial), then time and node'"
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l input-logs -d 'Read the system\'s logs (/var/log/audit) even when stdin is a pipe'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l no-mmap -d 'Read plain files with read(2) instead of memory-mapping them (safe for logs that are being rotated or truncated while ausift reads them)'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s L -l follow -d 'Follow symbolic links met while walking directories'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l stats -d 'Print what was read, skipped and found to stderr when done'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l debug -d 'Report every skipped line on stderr, as file:line: reason'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s q -l quiet -d 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s w -l word -d 'Compare text values whole instead of as substrings (-k net then misses netconn)'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l local-names -d 'Names from this machine\'s /etc/passwd and /etc/group (only right when it shares the evidence host\'s accounts)'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l tree -d 'The matching processes as a tree: the chain that led to each, and all they started'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l ancestors -d 'With --pid: the processes that led to it, up to the first the log shows'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l descendants -d 'With --pid: every process it started, and theirs'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -l failed -d 'Only execs that failed (same as --success no)'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s l -l line-buffered -d 'Flush output after every batch of events, even into a pipe'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ausift -n "__fish_ausift_using_subcommand exec" -s V -l version -d 'Print version'
complete -c ausift -n "__fish_ausift_using_subcommand export" -l input -d 'A log file or directory to read, as ausearch\'s -if; may be repeated [ausearch: -if]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s j -l threads -d 'Worker threads (default: the number of CPUs); output is the same for any number' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l window-records -d 'Keep an event open until this many further records have been read, so that its records written late still join it (larger holds more in memory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l max-event-records -d 'The most records one event may have; a log that repeats one event id beyond this gets the rest as further events of the same id, and a warning (bounds memory on hostile input)' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s k -l key -d 'Events with this key (substring); repeat or comma-separate to accept several' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s m -l message -d 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s p -l pid -d 'Events of this process id' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l ppid -d 'Events whose parent process id is this [ausearch: -pp]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s x -l exe -d 'Events whose executable contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s c -l comm -d 'Events whose command name (comm) contains this text' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l uid -d 'Events of this user (uid=): a number, or a name as the event names it (its ENRICHED part; root and unset always) [ausearch: -ui]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l auid -d 'Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l euid -d 'Events of this effective user (euid=), number or name [ausearch: -ue]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l syscall -d 'Events of this syscall, by name (resolved for each record\'s architecture) or number [ausearch: -sc]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l success -d 'Only events that succeeded (yes) or failed (no) [ausearch: -sv]' -r -f -a "yes\t''
no\t''"
complete -c ausift -n "__fish_ausift_using_subcommand export" -l start -d 'Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not this machine\'s), checkpoint (the time of the --checkpoint event), now, recent, today, yesterday, this-week, week-ago, this-month, this-year' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l end -d 'Events at or before this time; a date alone means the end of that day (not, as with ausearch, that date at the current time of day) [ausearch: -te]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s a -l event -d 'Events with this serial number (the part after the colon in audit(…:SERIAL))' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s n -l node -d 'Events from this node (node= name, compared exactly)' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s e -l exit -d 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -s f -l file -d 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event\'s working directory)' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l gid -d 'Events of this group (gid=), number or name [ausearch: -gi]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l egid -d 'Events of this effective group (egid=), number or name [ausearch: -ge]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l gid-all -d 'Events whose gid or egid is this group, number or name [ausearch: -ga]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l uid-all -d 'Events whose uid, euid or auid is this user, number or name [ausearch: -ua]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l host -d 'Events naming this host (substring of hostname=, addr= or a socket address) [ausearch: -hn]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l terminal -d 'Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l session -d 'Events of this login session (ses=); -1 means unset' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l subject -d 'Events whose SELinux subject context contains this [ausearch: -su]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l context -d 'Events whose subject or object context contains this [ausearch: -se]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l uuid -d 'Events of the virtual machine with this uuid [ausearch: -uu]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l vm-name -d 'Events of the virtual machine with this name [ausearch: -vm]' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l arch -d 'Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the table --syscall names are looked up in' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l where -d 'Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <, <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field for one record type. Values are compared as written and as interpreted (uid = root, exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type, node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l tz -d 'Time zone for times without an offset and for times shown: UTC, local, an IANA name (Europe/Berlin) or an offset (+05:30)' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l passwd -d 'The evidence host\'s passwd file, for user names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand export" -l group -d 'The evidence host\'s group file, for group names' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand export" -l root -d 'A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand export" -l format -d 'Output format' -r -f -a "jsonl\t'One JSON object per event (JSON Lines), the documented schema'
csv\t'One row per event with a fixed set of columns (RFC 4180)'"
complete -c ausift -n "__fish_ausift_using_subcommand export" -s o -l output -d 'Write to FILE instead of standard output; an existing file is left alone unless --force is given' -r -F
complete -c ausift -n "__fish_ausift_using_subcommand export" -l object -d 'Events whose SELinux object context (tcontext) contains this' -r
complete -c ausift -n "__fish_ausift_using_subcommand export" -l input-logs -d 'Read the system\'s logs (/var/log/audit) even when stdin is a pipe'
complete -c ausift -n "__fish_ausift_using_subcommand export" -l no-mmap -d 'Read plain files with read(2) instead of memory-mapping them (safe for logs that are being rotated or truncated while ausift reads them)'
complete -c ausift -n "__fish_ausift_using_subcommand export" -s L -l follow -d 'Follow symbolic links met while walking directories'
complete -c ausift -n "__fish_ausift_using_subcommand export" -l stats -d 'Print what was read, skipped and found to stderr when done'
complete -c ausift -n "__fish_ausift_using_subcommand export" -l debug -d 'Report every skipped line on stderr, as file:line: reason'
complete -c ausift -n "__fish_ausift_using_subcommand export" -s q -l quiet -d 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)'
complete -c ausift -n "__fish_ausift_using_subcommand export" -s w -l word -d 'Compare text values whole instead of as substrings (-k net then misses netconn)'
complete -c ausift -n "__fish_ausift_using_subcommand export" -l local-names -d 'Names from this machine\'s /etc/passwd and /etc/group (only right when it shares the evidence host\'s accounts)'
complete -c ausift -n "__fish_ausift_using_subcommand export" -l force -d 'Replace the -o file when it exists'
complete -c ausift -n "__fish_ausift_using_subcommand export" -l gzip -d 'Compress the output with gzip'
complete -c ausift -n "__fish_ausift_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ausift -n "__fish_ausift_using_subcommand export" -s V -l version -d 'Print version'
complete -c ausift -n "__fish_ausift_using_subcommand completions" -s h -l help -d 'Print help'
complete -c ausift -n "__fish_ausift_using_subcommand completions" -s V -l version -d 'Print version'
complete -c ausift -n "__fish_ausift_using_subcommand man" -s h -l help -d 'Print help'
complete -c ausift -n "__fish_ausift_using_subcommand man" -s V -l version -d 'Print version'
complete -c ausift -n "__fish_ausift_using_subcommand help; and not __fish_seen_subcommand_from search report net exec export completions man help" -f -a "search" -d 'Find the events that match every filter (ausearch\'s options are accepted as they are)'
complete -c ausift -n "__fish_ausift_using_subcommand help; and not __fish_seen_subcommand_from search report net exec export completions man help" -f -a "report" -d 'Summaries of the events: aureport\'s reports, after every search filter (aureport\'s options are accepted as they are)'
complete -c ausift -n "__fish_ausift_using_subcommand help; and not __fish_seen_subcommand_from search report net exec export completions man help" -f -a "net" -d 'Who connected where, who accepted whom, who listened: every socket call with its decoded address and the process that made it'
complete -c ausift -n "__fish_ausift_using_subcommand help; and not __fish_seen_subcommand_from search report net exec export completions man help" -f -a "exec" -d 'What ran, who ran it, from what, in which session: the exec timeline, process trees rebuilt from the log, login sessions (every search filter applies)'
complete -c ausift -n "__fish_ausift_using_subcommand help; and not __fish_seen_subcommand_from search report net exec export completions man help" -f -a "export" -d 'Every matching event as one JSON object per line (or a csv row), decoded and with its process and parent, for SIEMs and data tools (schema: docs/json-schema.md)'
complete -c ausift -n "__fish_ausift_using_subcommand help; and not __fish_seen_subcommand_from search report net exec export completions man help" -f -a "completions" -d 'Print the completion script for a shell (bash, zsh, fish, powershell)'
complete -c ausift -n "__fish_ausift_using_subcommand help; and not __fish_seen_subcommand_from search report net exec export completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c ausift -n "__fish_ausift_using_subcommand help; and not __fish_seen_subcommand_from search report net exec export completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

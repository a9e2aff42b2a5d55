
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ausift' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ausift'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ausift' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find the events that match every filter (ausearch''s options are accepted as they are)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Summaries of the events: aureport''s reports, after every search filter (aureport''s options are accepted as they are)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell (bash, zsh, fish, powershell)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('net', 'net', [CompletionResultType]::ParameterValue, 'Who connected where, who accepted whom, who listened: every socket call with its decoded address and the process that made it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ausift;search' {
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'A log file or directory to read, as ausearch''s -if; may be repeated [ausearch: -if]')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads (default: the number of CPUs); output is the same for any number')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads (default: the number of CPUs); output is the same for any number')
            [CompletionResult]::new('--window-records', '--window-records', [CompletionResultType]::ParameterName, 'Keep an event open until this many further records have been read, so that its records written late still join it (larger holds more in memory)')
            [CompletionResult]::new('--max-event-records', '--max-event-records', [CompletionResultType]::ParameterName, 'The most records one event may have; a log that repeats one event id beyond this gets the rest as further events of the same id, and a warning (bounds memory on hostile input)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Events with this key (substring); repeat or comma-separate to accept several')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Events with this key (substring); repeat or comma-separate to accept several')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Events of this process id')
            [CompletionResult]::new('--pid', '--pid', [CompletionResultType]::ParameterName, 'Events of this process id')
            [CompletionResult]::new('--ppid', '--ppid', [CompletionResultType]::ParameterName, 'Events whose parent process id is this [ausearch: -pp]')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Events whose executable contains this text')
            [CompletionResult]::new('--exe', '--exe', [CompletionResultType]::ParameterName, 'Events whose executable contains this text')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Events whose command name (comm) contains this text')
            [CompletionResult]::new('--comm', '--comm', [CompletionResultType]::ParameterName, 'Events whose command name (comm) contains this text')
            [CompletionResult]::new('--uid', '--uid', [CompletionResultType]::ParameterName, 'Events of this user (uid=): a number, or a name as the event names it (its ENRICHED part; root and unset always) [ausearch: -ui]')
            [CompletionResult]::new('--auid', '--auid', [CompletionResultType]::ParameterName, 'Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]')
            [CompletionResult]::new('--euid', '--euid', [CompletionResultType]::ParameterName, 'Events of this effective user (euid=), number or name [ausearch: -ue]')
            [CompletionResult]::new('--syscall', '--syscall', [CompletionResultType]::ParameterName, 'Events of this syscall, by name (resolved for each record''s architecture) or number [ausearch: -sc]')
            [CompletionResult]::new('--success', '--success', [CompletionResultType]::ParameterName, 'Only events that succeeded (yes) or failed (no) [ausearch: -sv]')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not this machine''s), checkpoint (the time of the --checkpoint event), now, recent, today, yesterday, this-week, week-ago, this-month, this-year')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'Events at or before this time; a date alone means the end of that day (not, as with ausearch, that date at the current time of day) [ausearch: -te]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Events with this serial number (the part after the colon in audit(…:SERIAL))')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Events with this serial number (the part after the colon in audit(…:SERIAL))')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Events from this node (node= name, compared exactly)')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Events from this node (node= name, compared exactly)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)')
            [CompletionResult]::new('--exit', '--exit', [CompletionResultType]::ParameterName, 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event''s working directory)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event''s working directory)')
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'Events of this group (gid=), number or name [ausearch: -gi]')
            [CompletionResult]::new('--egid', '--egid', [CompletionResultType]::ParameterName, 'Events of this effective group (egid=), number or name [ausearch: -ge]')
            [CompletionResult]::new('--gid-all', '--gid-all', [CompletionResultType]::ParameterName, 'Events whose gid or egid is this group, number or name [ausearch: -ga]')
            [CompletionResult]::new('--uid-all', '--uid-all', [CompletionResultType]::ParameterName, 'Events whose uid, euid or auid is this user, number or name [ausearch: -ua]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Events naming this host (substring of hostname=, addr= or a socket address) [ausearch: -hn]')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Events of this login session (ses=); -1 means unset')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Events whose SELinux subject context contains this [ausearch: -su]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Events whose SELinux object context (tcontext) contains this')
            [CompletionResult]::new('--object', '--object', [CompletionResultType]::ParameterName, 'Events whose SELinux object context (tcontext) contains this')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Events whose subject or object context contains this [ausearch: -se]')
            [CompletionResult]::new('--uuid', '--uuid', [CompletionResultType]::ParameterName, 'Events of the virtual machine with this uuid [ausearch: -uu]')
            [CompletionResult]::new('--vm-name', '--vm-name', [CompletionResultType]::ParameterName, 'Events of the virtual machine with this name [ausearch: -vm]')
            [CompletionResult]::new('--arch', '--arch', [CompletionResultType]::ParameterName, 'Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the table --syscall names are looked up in')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <, <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field for one record type. Values are compared as written and as interpreted (uid = root, exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type, node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'Time zone for times without an offset and for times shown: UTC, local, an IANA name (Europe/Berlin) or an offset (+05:30)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: raw]')
            [CompletionResult]::new('--escape', '--escape', [CompletionResultType]::ParameterName, 'How interpreted values are escaped (interpreted, default, text and csv formats); control characters are escaped on a terminal whatever this says')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour record types, failures and matched keys (search), table headings and failures (report, net)')
            [CompletionResult]::new('--passwd', '--passwd', [CompletionResultType]::ParameterName, 'The evidence host''s passwd file, for user names')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The evidence host''s group file, for group names')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Event order')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after this many matching events')
            [CompletionResult]::new('--checkpoint', '--checkpoint', [CompletionResultType]::ParameterName, 'Resume after the last event the previous run with this file read, and write the file when done (ausearch''s format; with --start checkpoint only its time counts). Exit status 10: the file is unusable or its log is not among the inputs; 11: it cannot be written; 12: its event is not in the logs')
            [CompletionResult]::new('--input-logs', '--input-logs', [CompletionResultType]::ParameterName, 'Read the system''s logs (/var/log/audit) even when stdin is a pipe')
            [CompletionResult]::new('--no-mmap', '--no-mmap', [CompletionResultType]::ParameterName, 'Read plain files with read(2) instead of memory-mapping them (safe for logs that are being rotated or truncated while ausift reads them)')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow symbolic links met while walking directories')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links met while walking directories')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'Print what was read, skipped and found to stderr when done')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Report every skipped line on stderr, as file:line: reason')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Compare text values whole instead of as substrings (-k net then misses netconn)')
            [CompletionResult]::new('--word', '--word', [CompletionResultType]::ParameterName, 'Compare text values whole instead of as substrings (-k net then misses netconn)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Same as --format raw [ausearch: -r]')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Same as --format raw [ausearch: -r]')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Same as --format interpreted [ausearch: -i]')
            [CompletionResult]::new('--interpret', '--interpret', [CompletionResultType]::ParameterName, 'Same as --format interpreted [ausearch: -i]')
            [CompletionResult]::new('--extra-keys', '--extra-keys', [CompletionResultType]::ParameterName, 'csv: add a KEY column (the event''s first key)')
            [CompletionResult]::new('--extra-time', '--extra-time', [CompletionResultType]::ParameterName, 'csv: add YEAR, MONTH, DAY, WEEKDAY, HOUR, MILLI and GMT_OFFSET columns')
            [CompletionResult]::new('--extra-labels', '--extra-labels', [CompletionResultType]::ParameterName, 'csv: add SUBJ_LABEL and OBJ_LABEL columns (SELinux contexts)')
            [CompletionResult]::new('--extra-obj2', '--extra-obj2', [CompletionResultType]::ParameterName, 'csv: add an OBJ2 column (a second object: a rename''s target, a new owner, …)')
            [CompletionResult]::new('--local-names', '--local-names', [CompletionResultType]::ParameterName, 'Names from this machine''s /etc/passwd and /etc/group (only right when it shares the evidence host''s accounts)')
            [CompletionResult]::new('--just-one', '--just-one', [CompletionResultType]::ParameterName, 'Stop after the first matching event (same as --limit 1)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Print only the number of matching events')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Flush output after every event, even into a pipe [ausearch: -l]')
            [CompletionResult]::new('--line-buffered', '--line-buffered', [CompletionResultType]::ParameterName, 'Flush output after every event, even into a pipe [ausearch: -l]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ausift;report' {
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'A log file or directory to read, as ausearch''s -if; may be repeated [ausearch: -if]')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads (default: the number of CPUs); output is the same for any number')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads (default: the number of CPUs); output is the same for any number')
            [CompletionResult]::new('--window-records', '--window-records', [CompletionResultType]::ParameterName, 'Keep an event open until this many further records have been read, so that its records written late still join it (larger holds more in memory)')
            [CompletionResult]::new('--max-event-records', '--max-event-records', [CompletionResultType]::ParameterName, 'The most records one event may have; a log that repeats one event id beyond this gets the rest as further events of the same id, and a warning (bounds memory on hostile input)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Events with this key (substring); repeat or comma-separate to accept several')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Events with this key (substring); repeat or comma-separate to accept several')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Events of this process id')
            [CompletionResult]::new('--pid', '--pid', [CompletionResultType]::ParameterName, 'Events of this process id')
            [CompletionResult]::new('--ppid', '--ppid', [CompletionResultType]::ParameterName, 'Events whose parent process id is this [ausearch: -pp]')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Events whose executable contains this text')
            [CompletionResult]::new('--exe', '--exe', [CompletionResultType]::ParameterName, 'Events whose executable contains this text')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Events whose command name (comm) contains this text')
            [CompletionResult]::new('--comm', '--comm', [CompletionResultType]::ParameterName, 'Events whose command name (comm) contains this text')
            [CompletionResult]::new('--uid', '--uid', [CompletionResultType]::ParameterName, 'Events of this user (uid=): a number, or a name as the event names it (its ENRICHED part; root and unset always) [ausearch: -ui]')
            [CompletionResult]::new('--auid', '--auid', [CompletionResultType]::ParameterName, 'Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]')
            [CompletionResult]::new('--euid', '--euid', [CompletionResultType]::ParameterName, 'Events of this effective user (euid=), number or name [ausearch: -ue]')
            [CompletionResult]::new('--syscall', '--syscall', [CompletionResultType]::ParameterName, 'Events of this syscall, by name (resolved for each record''s architecture) or number [ausearch: -sc]')
            [CompletionResult]::new('--success', '--success', [CompletionResultType]::ParameterName, 'Only events that succeeded (yes) or failed (no) [ausearch: -sv]')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not this machine''s), checkpoint (the time of the --checkpoint event), now, recent, today, yesterday, this-week, week-ago, this-month, this-year')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'Events at or before this time; a date alone means the end of that day (not, as with ausearch, that date at the current time of day) [ausearch: -te]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Events with this serial number (the part after the colon in audit(…:SERIAL))')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Events with this serial number (the part after the colon in audit(…:SERIAL))')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Events from this node (node= name, compared exactly)')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Events from this node (node= name, compared exactly)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)')
            [CompletionResult]::new('--exit', '--exit', [CompletionResultType]::ParameterName, 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event''s working directory)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event''s working directory)')
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'Events of this group (gid=), number or name [ausearch: -gi]')
            [CompletionResult]::new('--egid', '--egid', [CompletionResultType]::ParameterName, 'Events of this effective group (egid=), number or name [ausearch: -ge]')
            [CompletionResult]::new('--gid-all', '--gid-all', [CompletionResultType]::ParameterName, 'Events whose gid or egid is this group, number or name [ausearch: -ga]')
            [CompletionResult]::new('--uid-all', '--uid-all', [CompletionResultType]::ParameterName, 'Events whose uid, euid or auid is this user, number or name [ausearch: -ua]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Events naming this host (substring of hostname=, addr= or a socket address) [ausearch: -hn]')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Events of this login session (ses=); -1 means unset')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Events whose SELinux subject context contains this [ausearch: -su]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Events whose SELinux object context (tcontext) contains this')
            [CompletionResult]::new('--object', '--object', [CompletionResultType]::ParameterName, 'Events whose SELinux object context (tcontext) contains this')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Events whose subject or object context contains this [ausearch: -se]')
            [CompletionResult]::new('--uuid', '--uuid', [CompletionResultType]::ParameterName, 'Events of the virtual machine with this uuid [ausearch: -uu]')
            [CompletionResult]::new('--vm-name', '--vm-name', [CompletionResultType]::ParameterName, 'Events of the virtual machine with this name [ausearch: -vm]')
            [CompletionResult]::new('--arch', '--arch', [CompletionResultType]::ParameterName, 'Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the table --syscall names are looked up in')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <, <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field for one record type. Values are compared as written and as interpreted (uid = root, exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type, node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'Time zone for times without an offset and for times shown: UTC, local, an IANA name (Europe/Berlin) or an offset (+05:30)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'The report named by an aureport option (-x, -au, …)')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Only the N most frequent items of a --summary')
            [CompletionResult]::new('--passwd', '--passwd', [CompletionResultType]::ParameterName, 'The evidence host''s passwd file, for user names')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The evidence host''s group file, for group names')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, else text]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour record types, failures and matched keys (search), table headings and failures (report, net)')
            [CompletionResult]::new('--input-logs', '--input-logs', [CompletionResultType]::ParameterName, 'Read the system''s logs (/var/log/audit) even when stdin is a pipe')
            [CompletionResult]::new('--no-mmap', '--no-mmap', [CompletionResultType]::ParameterName, 'Read plain files with read(2) instead of memory-mapping them (safe for logs that are being rotated or truncated while ausift reads them)')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow symbolic links met while walking directories')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links met while walking directories')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'Print what was read, skipped and found to stderr when done')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Report every skipped line on stderr, as file:line: reason')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Compare text values whole instead of as substrings (-k net then misses netconn)')
            [CompletionResult]::new('--word', '--word', [CompletionResultType]::ParameterName, 'Compare text values whole instead of as substrings (-k net then misses netconn)')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Counts per item, most frequent first, instead of one row per event')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'User ids and syscalls as names (names from the records'' ENRICHED part, else from --passwd/--group/--root)')
            [CompletionResult]::new('--interpret', '--interpret', [CompletionResultType]::ParameterName, 'User ids and syscalls as names (names from the records'' ENRICHED part, else from --passwd/--group/--root)')
            [CompletionResult]::new('--local-names', '--local-names', [CompletionResultType]::ParameterName, 'Names from this machine''s /etc/passwd and /etc/group (only right when it shares the evidence host''s accounts)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Leave out configuration-change events (CONFIG_CHANGE) [aureport: -nc]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ausift;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ausift;man' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ausift;net' {
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'A log file or directory to read, as ausearch''s -if; may be repeated [ausearch: -if]')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads (default: the number of CPUs); output is the same for any number')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads (default: the number of CPUs); output is the same for any number')
            [CompletionResult]::new('--window-records', '--window-records', [CompletionResultType]::ParameterName, 'Keep an event open until this many further records have been read, so that its records written late still join it (larger holds more in memory)')
            [CompletionResult]::new('--max-event-records', '--max-event-records', [CompletionResultType]::ParameterName, 'The most records one event may have; a log that repeats one event id beyond this gets the rest as further events of the same id, and a warning (bounds memory on hostile input)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Events with this key (substring); repeat or comma-separate to accept several')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Events with this key (substring); repeat or comma-separate to accept several')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Events with a record of this type (name or number, e.g. USER_LOGIN, 1112, UNKNOWN[1999])')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Events of this process id')
            [CompletionResult]::new('--pid', '--pid', [CompletionResultType]::ParameterName, 'Events of this process id')
            [CompletionResult]::new('--ppid', '--ppid', [CompletionResultType]::ParameterName, 'Events whose parent process id is this [ausearch: -pp]')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Events whose executable contains this text')
            [CompletionResult]::new('--exe', '--exe', [CompletionResultType]::ParameterName, 'Events whose executable contains this text')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Events whose command name (comm) contains this text')
            [CompletionResult]::new('--comm', '--comm', [CompletionResultType]::ParameterName, 'Events whose command name (comm) contains this text')
            [CompletionResult]::new('--uid', '--uid', [CompletionResultType]::ParameterName, 'Events of this user (uid=): a number, or a name as the event names it (its ENRICHED part; root and unset always) [ausearch: -ui]')
            [CompletionResult]::new('--auid', '--auid', [CompletionResultType]::ParameterName, 'Events of this login user (auid=), number or name; -1 means unset [ausearch: -ul]')
            [CompletionResult]::new('--euid', '--euid', [CompletionResultType]::ParameterName, 'Events of this effective user (euid=), number or name [ausearch: -ue]')
            [CompletionResult]::new('--syscall', '--syscall', [CompletionResultType]::ParameterName, 'Events of this syscall, by name (resolved for each record''s architecture) or number [ausearch: -sc]')
            [CompletionResult]::new('--success', '--success', [CompletionResultType]::ParameterName, 'Only events that succeeded (yes) or failed (no) [ausearch: -sv]')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Events at or after this time [ausearch: -ts]. Besides dates and times: boot (the last boot the logs themselves record, by their SYSTEM_BOOT and DAEMON_START records, not this machine''s), checkpoint (the time of the --checkpoint event), now, recent, today, yesterday, this-week, week-ago, this-month, this-year')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'Events at or before this time; a date alone means the end of that day (not, as with ausearch, that date at the current time of day) [ausearch: -te]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Events with this serial number (the part after the colon in audit(…:SERIAL))')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Events with this serial number (the part after the colon in audit(…:SERIAL))')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Events from this node (node= name, compared exactly)')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Events from this node (node= name, compared exactly)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)')
            [CompletionResult]::new('--exit', '--exit', [CompletionResultType]::ParameterName, 'Events whose syscall returned this exit value: a number or an errno name (EACCES means -13, the failing return value)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event''s working directory)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Events that name this file (substring of the path, `..` and `//` normalised; relative names are joined to the event''s working directory)')
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'Events of this group (gid=), number or name [ausearch: -gi]')
            [CompletionResult]::new('--egid', '--egid', [CompletionResultType]::ParameterName, 'Events of this effective group (egid=), number or name [ausearch: -ge]')
            [CompletionResult]::new('--gid-all', '--gid-all', [CompletionResultType]::ParameterName, 'Events whose gid or egid is this group, number or name [ausearch: -ga]')
            [CompletionResult]::new('--uid-all', '--uid-all', [CompletionResultType]::ParameterName, 'Events whose uid, euid or auid is this user, number or name [ausearch: -ua]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Events naming this host (substring of hostname=, addr= or a socket address) [ausearch: -hn]')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Events on this terminal (substring of tty= or terminal=) [ausearch: -tm]')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Events of this login session (ses=); -1 means unset')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Events whose SELinux subject context contains this [ausearch: -su]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Events whose SELinux object context (tcontext) contains this')
            [CompletionResult]::new('--object', '--object', [CompletionResultType]::ParameterName, 'Events whose SELinux object context (tcontext) contains this')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Events whose subject or object context contains this [ausearch: -se]')
            [CompletionResult]::new('--uuid', '--uuid', [CompletionResultType]::ParameterName, 'Events of the virtual machine with this uuid [ausearch: -uu]')
            [CompletionResult]::new('--vm-name', '--vm-name', [CompletionResultType]::ParameterName, 'Events of the virtual machine with this name [ausearch: -vm]')
            [CompletionResult]::new('--arch', '--arch', [CompletionResultType]::ParameterName, 'Events of this architecture: b32, b64 or a name (x86_64, i386, aarch64, …); also the table --syscall names are looked up in')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Events for which this expression holds: FIELD OP VALUE with =, !=, ~ (regex), !~, <, <=, >, >=, joined by and, or, not and parentheses; FIELD is any field, or TYPE.field for one record type. Values are compared as written and as interpreted (uid = root, exit = EACCES); numbers as numbers. Also argv (the whole EXECVE command line), type, node, and laddr, lport, saddr_fam, path of SOCKADDR. Repeat to require several')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'Time zone for times without an offset and for times shown: UTC, local, an IANA name (Europe/Berlin) or an offset (+05:30)')
            [CompletionResult]::new('--passwd', '--passwd', [CompletionResultType]::ParameterName, 'The evidence host''s passwd file, for user names')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The evidence host''s group file, for group names')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'A mounted image of the evidence host: names from DIR/etc/passwd and DIR/etc/group')
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'Address families to show: inet, inet6, unix, netlink, packet, … or numbers [default: inet, inet6, and calls naming no address]')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Peers (of connections made or accepted) in this address block: 10.0.0.0/8, 2001:db8::/32 or one address')
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Any address (peer or bound) in this address block')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Calls with this port')
            [CompletionResult]::new('--direction', '--direction', [CompletionResultType]::ParameterName, 'Calls of this direction')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Summarise per address (host) or per program (exe) instead')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour record types, failures and matched keys (search), table headings and failures (report, net)')
            [CompletionResult]::new('--input-logs', '--input-logs', [CompletionResultType]::ParameterName, 'Read the system''s logs (/var/log/audit) even when stdin is a pipe')
            [CompletionResult]::new('--no-mmap', '--no-mmap', [CompletionResultType]::ParameterName, 'Read plain files with read(2) instead of memory-mapping them (safe for logs that are being rotated or truncated while ausift reads them)')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow symbolic links met while walking directories')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links met while walking directories')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'Print what was read, skipped and found to stderr when done')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Report every skipped line on stderr, as file:line: reason')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Draw no progress bar (one is drawn on stderr for large inputs when it is a terminal)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Compare text values whole instead of as substrings (-k net then misses netconn)')
            [CompletionResult]::new('--word', '--word', [CompletionResultType]::ParameterName, 'Compare text values whole instead of as substrings (-k net then misses netconn)')
            [CompletionResult]::new('--local-names', '--local-names', [CompletionResultType]::ParameterName, 'Names from this machine''s /etc/passwd and /etc/group (only right when it shares the evidence host''s accounts)')
            [CompletionResult]::new('--all-families', '--all-families', [CompletionResultType]::ParameterName, 'Show every address family')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only calls that failed (EINPROGRESS, a connect under way, is no failure); --success keeps those that succeeded')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'One row per program, direction, address and port, with counts, first and last time')
            [CompletionResult]::new('--listening', '--listening', [CompletionResultType]::ParameterName, 'Addresses and ports bound or listened on, per host and program (a listen() takes the address of the bind() before it on the same socket)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ausift;help' {
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find the events that match every filter (ausearch''s options are accepted as they are)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Summaries of the events: aureport''s reports, after every search filter (aureport''s options are accepted as they are)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell (bash, zsh, fish, powershell)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('net', 'net', [CompletionResultType]::ParameterValue, 'Who connected where, who accepted whom, who listened: every socket call with its decoded address and the process that made it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ausift;help;search' {
            break
        }
        'ausift;help;report' {
            break
        }
        'ausift;help;completions' {
            break
        }
        'ausift;help;man' {
            break
        }
        'ausift;help;net' {
            break
        }
        'ausift;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

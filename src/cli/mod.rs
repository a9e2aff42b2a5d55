//! The command-line layer: translate ausearch spellings, parse flags with clap, turn them into
//! the library's option structs, run the command, and map the outcome to an exit status
//! (0: something matched, 1: nothing matched, 2: an error or unreadable input).

pub mod args;
pub mod ausearch;

use crate::commands::exec::{self, ExecFilter, ExecFormat, ExecOptions, View};
use crate::commands::search::{self, SearchFormat, SearchOptions, SortOrder};
use crate::error::UsageError;
use crate::event::Window;
use crate::input::{DiscoverOptions, ReadOptions};
use crate::interpret::names::NoNames;
use crate::output::Sink;
use crate::output::table::Layout;
use crate::pipeline::{PipelineOptions, default_threads};
use crate::query::time::{TimeBound, Zone, parse_time};
use crate::query::{self, Condition, Filter};
use crate::record::types;
use crate::stats::RunStats;
use args::{
    Cli, Command, ExecArgs, ExecFormatArg, FilterArgs, InputArgs, SearchArgs, SearchFormatArg,
    SortArg, YesNo,
};
use clap::Parser;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

const DEFAULT_LOG_DIR: &str = "/var/log/audit";

pub fn run(args: Vec<OsString>) -> ExitCode {
    let (args, negated) = match take_negations(ausearch::translate(args)) {
        Ok(split) => split,
        Err(err) => {
            eprintln!("ausift: {err}");
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(err.exit_code().clamp(0, 255) as u8);
        }
    };
    let result = match cli.command {
        Command::Search(args) => run_search(args, &negated),
        Command::Exec(args) => run_exec(args, &negated),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("ausift: {err}");
            ExitCode::from(2)
        }
    }
}

fn run_search(args: SearchArgs, negated: &[Vec<OsString>]) -> Result<ExitCode, UsageError> {
    let mut options = search_options(&args)?;
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    add_negations(&mut options.filter, negated, zone)?;
    let mut sink = Sink::stdout(args.line_buffered, options.format == SearchFormat::Raw);
    let outcome = search::run(&options, &mut sink);
    Ok(conclude(outcome.stats, outcome.output_error, &args.input))
}

/// The `--not` conditions joined to a command's filter.
fn add_negations(
    filter: &mut Filter,
    negated: &[Vec<OsString>],
    zone: Zone,
) -> Result<(), UsageError> {
    filter.conditions.extend(negated_conditions(negated, zone)?);
    Ok(())
}

/// The end of a run: status 2 when the output could not be written, else the report on
/// stderr and the status of what was read and found.
fn conclude(
    mut stats: RunStats,
    output_error: Option<std::io::Error>,
    input: &InputArgs,
) -> ExitCode {
    if let Some(err) = output_error {
        eprintln!("ausift: cannot write the output: {err}");
        return ExitCode::from(2);
    }
    report(&mut stats, input);
    exit_code(&stats)
}

fn run_exec(args: ExecArgs, negated: &[Vec<OsString>]) -> Result<ExitCode, UsageError> {
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    let mut options = exec_options(&args, zone)?;
    add_negations(&mut options.filter, negated, zone)?;
    let mut sink = Sink::stdout(args.line_buffered, options.format == ExecFormat::Csv);
    let outcome = exec::run(&options, &mut sink);
    Ok(conclude(outcome.stats, outcome.output_error, &args.input))
}

fn exec_options(args: &ExecArgs, zone: Zone) -> Result<ExecOptions, UsageError> {
    let lineage = args.ancestors || args.descendants;
    let mut filter_args = args.filter.clone();
    let view = if lineage {
        // The pids pick the processes of the tree; they are no filter on the rest.
        let pids = std::mem::take(&mut filter_args.pid)
            .into_iter()
            .map(|p| u32::try_from(p).map_err(|_| UsageError(format!("bad pid {p}"))))
            .collect::<Result<_, _>>()?;
        View::Lineage {
            pids,
            ancestors: args.ancestors,
            descendants: args.descendants,
        }
    } else if args.tree {
        View::Tree
    } else if !args.filter.session.is_empty() || args.user.is_some() {
        View::Sessions {
            sessions: args
                .filter
                .session
                .iter()
                .filter_map(|&s| u32::try_from(s).ok())
                .collect(),
            user: args.user.clone(),
        }
    } else {
        View::Timeline
    };
    let mut filter = build_filter(&filter_args, zone)?;
    if args.failed {
        filter.conditions.push(Condition::Success(false));
    }
    let argv = args
        .argv
        .as_deref()
        .map(|re| {
            regex::bytes::Regex::new(re)
                .map_err(|err| UsageError(format!("bad --argv regular expression: {err}")))
        })
        .transpose()?;
    let layout = match args.width {
        Some(width) => Layout::Boxed { width: Some(width) },
        None if std::io::stdout().is_terminal() => Layout::Boxed { width: None },
        None => Layout::Plain,
    };
    Ok(ExecOptions {
        inputs: inputs(&args.input),
        filter,
        exec_filter: ExecFilter {
            argv,
            cwd: args.cwd.iter().map(|c| c.as_bytes().to_vec()).collect(),
        },
        view,
        format: match args.format {
            ExecFormatArg::Table => ExecFormat::Table,
            ExecFormatArg::Text => ExecFormat::Text,
            ExecFormatArg::Csv => ExecFormat::Csv,
            ExecFormatArg::Jsonl => ExecFormat::Jsonl,
        },
        layout,
        sort: match args.sort {
            SortArg::Input => SortOrder::Input,
            SortArg::Time => SortOrder::Time,
        },
        zone,
        names: std::sync::Arc::new(NoNames),
        pipeline: pipeline_options(&args.input),
        discover: DiscoverOptions {
            follow_links: args.input.follow,
        },
    })
}

/// Errors, skipped lines and (with --stats) the figures, on stderr. File names come from
/// the evidence, so control characters in them are escaped, as everything else for a terminal.
fn report(stats: &mut RunStats, input: &InputArgs) {
    let mut text = String::new();
    for error in &stats.errors {
        text.push_str(&format!("ausift: {error}\n"));
    }
    if input.stats || input.debug {
        for note in &stats.passed_over {
            text.push_str(&format!("ausift: passed over {note}\n"));
        }
        text.push_str(&stats.report(input.debug));
    } else {
        if !stats.passed_over.is_empty() {
            text.push_str(&format!(
                "ausift: passed over {} file(s) that are not audit logs (--stats names them)\n",
                stats.passed_over.len()
            ));
        }
        let damaged = stats.damaged_lines();
        if damaged > 0 {
            text.push_str(&format!(
                "ausift: skipped {damaged} line(s) that are not audit records (--stats lists them)\n"
            ));
        }
    }
    let safe = crate::output::escape::terminal_safe_lines(text.as_bytes());
    let _ = std::io::stderr().lock().write_all(&safe);
}

fn exit_code(stats: &RunStats) -> ExitCode {
    if !stats.errors.is_empty() {
        ExitCode::from(2)
    } else if stats.matched > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn search_options(args: &SearchArgs) -> Result<SearchOptions, UsageError> {
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    Ok(SearchOptions {
        inputs: inputs(&args.input),
        filter: build_filter(&args.filter, zone)?,
        format: if args.raw {
            SearchFormat::Raw
        } else {
            match args.format {
                SearchFormatArg::Raw => SearchFormat::Raw,
                SearchFormatArg::Jsonl => SearchFormat::Jsonl,
            }
        },
        sort: match args.sort {
            SortArg::Input => SortOrder::Input,
            SortArg::Time => SortOrder::Time,
        },
        zone,
        limit: if args.just_one {
            Some(args.limit.map_or(1, |n| n.min(1)))
        } else {
            args.limit
        },
        count_only: args.count,
        pipeline: pipeline_options(&args.input),
        discover: DiscoverOptions {
            follow_links: args.input.follow,
        },
    })
}

fn pipeline_options(input: &InputArgs) -> PipelineOptions {
    let threads = input.threads.unwrap_or_else(default_threads).max(1);
    PipelineOptions {
        threads,
        read: ReadOptions {
            no_mmap: input.no_mmap,
            decode_ahead: threads,
            ..ReadOptions::default()
        },
        window: Window {
            records: input.window_records.max(1),
        },
        ..PipelineOptions::default()
    }
}

/// The paths to read: those given, else stdin when it carries data, else the system's logs.
fn inputs(input: &InputArgs) -> Vec<String> {
    let mut paths: Vec<String> = input.input.clone();
    paths.extend(input.paths.iter().cloned());
    if paths.is_empty() {
        if input.input_logs {
            paths.push(DEFAULT_LOG_DIR.into());
        } else if stdin_has_data() {
            paths.push("-".into());
        } else {
            eprintln!("ausift: no input given, reading {DEFAULT_LOG_DIR}");
            paths.push(DEFAULT_LOG_DIR.into());
        }
    }
    paths
}

/// Stdin is read when it is a pipe, a socket or a redirected file, not a terminal or /dev/null.
fn stdin_has_data() -> bool {
    if std::io::stdin().is_terminal() {
        return false;
    }
    let mut stat: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: fstat writes into the zeroed struct we own; fd 0 is stdin.
    if unsafe { libc::fstat(0, &mut stat) } != 0 {
        return false;
    }
    matches!(
        stat.st_mode & libc::S_IFMT,
        libc::S_IFIFO | libc::S_IFSOCK | libc::S_IFREG
    )
}

/// Turns filter flags into the engine's conditions.
pub fn build_filter(args: &FilterArgs, zone: Zone) -> Result<Filter, UsageError> {
    let mut conditions = Vec::new();
    // A list option given at least once is one condition over all its values.
    fn list<T: Clone>(to: &mut Vec<Condition>, values: &[T], make: fn(Vec<T>) -> Condition) {
        if !values.is_empty() {
            to.push(make(values.to_vec()));
        }
    }
    list(&mut conditions, &args.key, Condition::Key);
    list(&mut conditions, &args.pid, Condition::Pid);
    list(&mut conditions, &args.ppid, Condition::Ppid);
    list(&mut conditions, &args.exe, Condition::Exe);
    list(&mut conditions, &args.comm, Condition::Comm);
    list(&mut conditions, &args.uid, Condition::Uid);
    list(&mut conditions, &args.auid, Condition::Auid);
    list(&mut conditions, &args.euid, Condition::Euid);
    list(&mut conditions, &args.event, Condition::EventId);
    list(&mut conditions, &args.node, Condition::Node);
    list(&mut conditions, &args.file, Condition::File);
    list(&mut conditions, &args.gid, Condition::Gid);
    list(&mut conditions, &args.egid, Condition::Egid);
    list(&mut conditions, &args.gid_all, Condition::AnyGid);
    list(&mut conditions, &args.uid_all, Condition::AnyUid);
    list(&mut conditions, &args.host, Condition::Host);
    list(&mut conditions, &args.terminal, Condition::Terminal);
    list(&mut conditions, &args.subject, Condition::Subject);
    list(&mut conditions, &args.object, Condition::Object);
    list(&mut conditions, &args.context, Condition::Context);
    list(&mut conditions, &args.uuid, Condition::Uuid);
    list(&mut conditions, &args.vm_name, Condition::VmName);
    if !args.session.is_empty() {
        let sessions = args
            .session
            .iter()
            .map(|&s| match s {
                // ausearch's spelling of "no session": the kernel writes (u32)-1.
                -1 => Ok(u32::MAX as u64),
                s if s >= 0 => Ok(s as u64),
                s => Err(UsageError(format!(
                    "bad session '{s}': give a session number, or -1 for unset"
                ))),
            })
            .collect::<Result<Vec<_>, _>>()?;
        conditions.push(Condition::Session(sessions));
    }
    list(
        &mut conditions,
        &parse_all(&args.exit, query::parse_exit)?,
        Condition::Exit,
    );
    list(
        &mut conditions,
        &parse_all(&args.arch, query::ArchSpec::parse)?,
        Condition::Arch,
    );
    if let Some(yes_no) = args.success {
        conditions.push(Condition::Success(yes_no == YesNo::Yes));
    }
    if !args.message.is_empty() && !args.message.iter().any(|m| m.eq_ignore_ascii_case("all")) {
        let types = args
            .message
            .iter()
            .map(|m| types::parse_user_type(m).ok_or_else(|| unknown_type(m)))
            .collect::<Result<Vec<_>, _>>()?;
        conditions.push(Condition::MessageType(types));
    }
    list(
        &mut conditions,
        &parse_all(&args.syscall, query::parse_syscall)?,
        Condition::Syscall,
    );
    if args.start.is_some() || args.end.is_some() {
        let now = chrono::Utc::now();
        let parse = |text: &Option<String>, bound| {
            text.as_deref()
                .map(|t| parse_time(t, bound, zone, now).map(|s| s.0))
                .transpose()
                .map_err(UsageError)
        };
        conditions.push(Condition::Time {
            start: parse(&args.start, TimeBound::Start)?,
            end: parse(&args.end, TimeBound::End)?,
        });
    }
    Ok(Filter {
        conditions,
        string_match: if args.word {
            query::StringMatch::Exact
        } else {
            query::StringMatch::Substring
        },
    })
}

/// `--not OPTION VALUE` (or `--not --option=VALUE`), taken out of the arguments before clap
/// sees them; each is parsed on its own as filter flags.
fn take_negations(args: Vec<OsString>) -> Result<(Vec<OsString>, Vec<Vec<OsString>>), UsageError> {
    let mut kept = Vec::with_capacity(args.len());
    let mut negated = Vec::new();
    let mut iter = args.into_iter();
    while let Some(arg) = iter.next() {
        if arg == "--" {
            kept.push(arg);
            kept.extend(iter);
            break;
        }
        if arg != "--not" {
            kept.push(arg);
            continue;
        }
        let option = iter.next().ok_or_else(|| {
            UsageError("--not needs a filter after it, as in --not -k cron".into())
        })?;
        let text = option.to_string_lossy().into_owned();
        if !text.starts_with('-') {
            return Err(UsageError(format!(
                "--not needs a filter option after it, not '{text}' (as in --not -k cron)"
            )));
        }
        let mut group = vec![option];
        let joined = text.contains('=') || (!text.starts_with("--") && text.len() > 2);
        if !joined {
            group.extend(iter.next());
        }
        negated.push(group);
    }
    Ok((kept, negated))
}

/// Filter flags on their own, for the options that follow `--not`.
#[derive(clap::Parser, Debug)]
#[command(no_binary_name = true, disable_help_flag = true)]
struct NegatedFilter {
    #[command(flatten)]
    filter: FilterArgs,
}

fn negated_conditions(groups: &[Vec<OsString>], zone: Zone) -> Result<Vec<Condition>, UsageError> {
    let mut conditions = Vec::new();
    for group in groups {
        let parsed = NegatedFilter::try_parse_from(group).map_err(|err| {
            let words: Vec<String> = group
                .iter()
                .map(|w| w.to_string_lossy().into_owned())
                .collect();
            let first = err.to_string();
            let first = first
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ");
            UsageError(format!("--not {}: {first}", words.join(" ")))
        })?;
        if parsed.filter.word {
            return Err(UsageError(
                "--not -w means nothing; -w is not a filter".into(),
            ));
        }
        let filter = build_filter(&parsed.filter, zone)?;
        conditions.extend(
            filter
                .conditions
                .into_iter()
                .map(|c| Condition::Not(Box::new(c))),
        );
    }
    Ok(conditions)
}

/// Every value of a list option through `parse`; the first error stops.
fn parse_all<T>(
    values: &[String],
    parse: fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, UsageError> {
    values
        .iter()
        .map(|v| parse(v).map_err(UsageError))
        .collect()
}

fn unknown_type(name: &str) -> UsageError {
    let upper = name.to_ascii_uppercase();
    let near: Vec<&str> = types::all_names()
        .filter(|n| n.contains(&upper) || upper.contains(*n))
        .take(5)
        .collect();
    let hint = if near.is_empty() {
        "give a record type name such as SYSCALL or USER_LOGIN, or a number".to_string()
    } else {
        format!("did you mean {}?", near.join(", "))
    };
    UsageError(format!("unknown record type '{name}': {hint}"))
}

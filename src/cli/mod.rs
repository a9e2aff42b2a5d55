//! The command-line layer: translate ausearch spellings, parse flags with clap, turn them into
//! the library's option structs, run the command, and map the outcome to an exit status
//! (0: something matched, 1: nothing matched, 2: an error or unreadable input).

pub mod args;
pub mod aureport;
pub mod ausearch;
pub mod docs;

use crate::commands::exec::{self, ExecFilter, ExecFormat, ExecOptions};
use crate::commands::export::{self, ExportOptions};
use crate::commands::net::select::{Families, RowFilter};
use crate::commands::net::{self, NetFormat, NetOptions, SummaryBy, View};
use crate::commands::report::{self, ReportFormat, ReportKind, ReportOptions};
use crate::commands::search::{self, CheckpointOptions, SearchOptions, SortOrder};
use crate::error::UsageError;
use crate::event::Window;
use crate::input::{DiscoverOptions, ReadOptions};
use crate::interpret::names::{NameLookup, NoNames};
use crate::interpret::userdb::UserDb;
use crate::output::export::ExportFormat;
use crate::output::sink::TerminalEscape;
use crate::output::table::Layout;
use crate::output::{CsvColumns, EscapeMode, EventWriter, Format, Sink, WriterOptions, file};
use crate::output::{color, progress};
use crate::pipeline::{PipelineOptions, default_threads};
use crate::query::checkpoint::Checkpoint;
use crate::query::time::{TimeBound, Zone, parse_time};
use crate::query::{self, Condition, Filter, IdSpec};
use crate::record::types;
use crate::stats::{DEBUG_LISTED_SKIPS, LISTED_SKIPS, RunStats};
use args::{
    Cli, Command, DirectionArg, EscapeArg, ExecArgs, ExecFormatArg, ExportArgs, ExportFormatArg,
    FilterArgs, InputArgs, NamesArgs, NetArgs, NetByArg, NetFormatArg, OutputArgs, ReportArgs,
    ReportFormatArg, SearchArgs, SearchFormatArg, SortArg, YesNo,
};
use clap::Parser;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

const DEFAULT_LOG_DIR: &str = "/var/log/audit";

pub fn run(args: Vec<OsString>) -> ExitCode {
    let args = bare_success(ausearch::translate(aureport::translate(args)));
    let (args, negated) = match take_negations(args) {
        Ok(split) => split,
        Err(err) => {
            eprintln!("ausift: {err}");
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(err) if err.kind() == clap::error::ErrorKind::UnknownArgument => {
            match misspelt_ausearch_option(&args) {
                Some(message) => eprintln!("ausift: {message}"),
                None => {
                    let _ = err.print();
                }
            }
            return ExitCode::from(2);
        }
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(err.exit_code().clamp(0, 255) as u8);
        }
    };
    let result = match cli.command {
        Command::Search(args) => run_search(args, &negated),
        Command::Report(args) => run_report(args, &negated),
        Command::Completions { shell } => docs::print(&docs::completions(shell)),
        Command::Man => docs::print(&docs::man_page()),
        Command::Net(args) => run_net(args, &negated),
        Command::Exec(args) => run_exec(args, &negated),
        Command::Export(args) => run_export(args, &negated),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("ausift: {err}");
            ExitCode::from(2)
        }
    }
}

fn run_search(mut args: SearchArgs, negated: &[Vec<OsString>]) -> Result<ExitCode, UsageError> {
    let checkpoint = match checkpoint_options(&args)? {
        Ok(checkpoint) => checkpoint,
        Err(why) => {
            eprintln!("ausift: {why}");
            return Ok(ExitCode::from(query::checkpoint::EXIT_BAD_CHECKPOINT));
        }
    };
    let inputs = inputs(&args.input);
    resolve_log_times(&mut args, &inputs, checkpoint.as_ref())?;
    let mut options = search_options(&args, inputs)?;
    options.checkpoint = checkpoint;
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    options
        .filter
        .conditions
        .extend(negated_conditions(negated, zone)?);
    let mut sink = Sink::stdout(args.line_buffered, options.writer.terminal_escape());
    let painted = matches!(options.writer.format, Format::Default | Format::Interpreted);
    if painted && args.color.colored() {
        let keys: Vec<Vec<u8>> = args.filter.key.iter().map(|k| k.clone().into()).collect();
        sink = sink.painted(Box::new(move |text| color::paint_records(text, &keys)));
    }
    let outcome = search::run(&options, &mut sink);
    Ok(conclude(
        outcome.stats,
        outcome.output_error,
        outcome.checkpoint_error,
        &args.input,
    ))
}

/// The run's messages on stderr and its exit status.
fn conclude(
    mut stats: RunStats,
    output_error: Option<std::io::Error>,
    checkpoint_error: Option<(u8, String)>,
    input: &InputArgs,
) -> ExitCode {
    if let Some(err) = output_error {
        eprintln!("ausift: cannot write the output: {err}");
        return ExitCode::from(2);
    }
    report(&mut stats, input);
    if let Some((code, why)) = checkpoint_error {
        eprintln!("ausift: {why}");
        return ExitCode::from(code);
    }
    exit_code(&stats)
}

fn run_report(args: ReportArgs, negated: &[Vec<OsString>]) -> Result<ExitCode, UsageError> {
    let mut options = report_options(&args)?;
    let zone = options.zone;
    options
        .filter
        .conditions
        .extend(negated_conditions(negated, zone)?);
    // Only CSV is written as it comes from the logs; the other formats escape as they write.
    let on_terminal = if options.format == ReportFormat::Csv {
        TerminalEscape::Verbatim
    } else {
        TerminalEscape::Nothing
    };
    let mut sink = Sink::stdout(false, on_terminal);
    let outcome = report::run(&options, &mut sink);
    Ok(conclude(
        outcome.stats,
        outcome.output_error,
        None,
        &args.input,
    ))
}

fn report_options(args: &ReportArgs) -> Result<ReportOptions, UsageError> {
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    let mut input = args.input.clone();
    let (kind, path) = report_kind(args)?;
    input.paths.splice(0..0, path);
    let mut filter = build_filter(&args.filter, zone)?;
    if args.no_config {
        filter
            .conditions
            .push(Condition::Not(Box::new(Condition::MessageType(vec![1305]))));
    }
    let selected = filter
        .conditions
        .iter()
        .find_map(|c| match c {
            Condition::Time { start, end } => Some((*start, *end)),
            _ => None,
        })
        .unwrap_or_default();
    let format = match args.format {
        Some(ReportFormatArg::Text) => ReportFormat::Text,
        Some(ReportFormatArg::Table) => ReportFormat::Table,
        Some(ReportFormatArg::Csv) => ReportFormat::Csv,
        Some(ReportFormatArg::Jsonl) => ReportFormat::Jsonl,
        None if std::io::stdout().is_terminal() => ReportFormat::Table,
        None => ReportFormat::Text,
    };
    if args.summary && (kind.is_none() || kind == Some(ReportKind::Time)) {
        return Err(UsageError(
            "--summary needs a named report (the summary report and the time report are \
             summaries already)"
                .into(),
        ));
    }
    Ok(ReportOptions {
        inputs: inputs(&input),
        filter,
        report: kind,
        summary: args.summary,
        interpret: args.interpret,
        names: build_names(&args.names)?,
        top: args.top,
        format,
        color: args.color.colored(),
        zone,
        outcome: args.filter.success.map(|s| s == YesNo::Yes),
        selected,
        pipeline: pipeline_options(&input),
        discover: DiscoverOptions {
            follow_links: input.follow,
        },
    })
}

/// The report asked for (`None`: the summary report), from its name or an aureport option,
/// and the word in the report's place when it is a path to read instead.
fn report_kind(args: &ReportArgs) -> Result<(Option<ReportKind>, Option<String>), UsageError> {
    let mut named: Vec<ReportKind> = Vec::new();
    let mut path = None;
    if let Some(word) = &args.report {
        match ReportKind::by_name(word) {
            Some(kind) => named.push(kind),
            None if word.contains(['/', '.'])
                || word == "-"
                || std::path::Path::new(word).exists() =>
            {
                path = Some(word.clone())
            }
            None => {
                let names: Vec<&str> = report::REPORTS.iter().map(|(_, n, _)| *n).collect();
                return Err(UsageError(format!(
                    "unknown report '{word}' (and no such file); reports are: {}",
                    names.join(", ")
                )));
            }
        }
    }
    for word in &args.report_option {
        let kind = ReportKind::by_name(word)
            .ok_or_else(|| UsageError(format!("unknown report '{word}'")))?;
        if !named.contains(&kind) {
            named.push(kind);
        }
    }
    if named.len() > 1 {
        let names: Vec<&str> = named.iter().map(|k| k.name()).collect();
        return Err(UsageError(format!(
            "only one report at a time, not {}",
            names.join(" and ")
        )));
    }
    Ok((named.first().copied(), path))
}

/// `--checkpoint FILE` read; the inner error is one that ausearch gives status 10.
fn checkpoint_options(
    args: &SearchArgs,
) -> Result<Result<Option<CheckpointOptions>, String>, UsageError> {
    let Some(path) = &args.checkpoint else {
        return Ok(Ok(None));
    };
    if args.sort != SortArg::Input && (args.limit.is_some() || args.just_one) {
        return Err(UsageError(
            "--checkpoint with --limit or --just-one needs --sort input, so that the events \
             left out are the ones read next time"
                .into(),
        ));
    }
    let time_only = args.filter.start.as_deref() == Some("checkpoint");
    Ok(Checkpoint::load(path).map(|previous| {
        Some(CheckpointOptions {
            path: path.clone(),
            previous,
            time_only,
        })
    }))
}

/// Replaces the time keywords that stand for something in the logs or the checkpoint
/// (`boot`, `checkpoint`) by the time they stand for.
fn resolve_log_times(
    args: &mut SearchArgs,
    inputs: &[String],
    checkpoint: Option<&CheckpointOptions>,
) -> Result<(), UsageError> {
    if args.filter.end.as_deref() == Some("checkpoint") {
        return Err(UsageError(
            "'checkpoint' is a start time: give it to --start (-ts)".into(),
        ));
    }
    if args.filter.start.as_deref() == Some("checkpoint") {
        let checkpoint = checkpoint.ok_or_else(|| {
            UsageError("--start checkpoint needs --checkpoint FILE to take the time from".into())
        })?;
        // A first run (no file yet) starts at the beginning, as ausearch's does.
        args.filter.start = checkpoint
            .previous
            .as_ref()
            .and_then(|p| p.last.as_ref())
            .map(|e| epoch_text(e.sec, e.msec));
    }
    let boot_wanted = [&args.filter.start, &args.filter.end]
        .iter()
        .any(|t| t.as_deref() == Some("boot"));
    if boot_wanted {
        let discover = DiscoverOptions {
            follow_links: args.input.follow,
        };
        let boot = crate::commands::last_boot(inputs, &discover, &pipeline_options(&args.input))
            .map_err(UsageError)?
            .ok_or_else(|| {
                UsageError(
                    "'boot' has no time here: the logs record no boot (no SYSTEM_BOOT or \
                     DAEMON_START record)"
                        .into(),
                )
            })?;
        for time in [&mut args.filter.start, &mut args.filter.end] {
            if time.as_deref() == Some("boot") {
                *time = Some(epoch_text(boot.sec, boot.msec));
            }
        }
    }
    Ok(())
}

fn epoch_text(sec: u64, msec: u16) -> String {
    format!("{sec}.{msec:03}")
}

fn run_net(args: NetArgs, negated: &[Vec<OsString>]) -> Result<ExitCode, UsageError> {
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    let mut filter = build_filter(&args.filter, zone)?;
    filter.conditions.extend(negated_conditions(negated, zone)?);
    let format = match args.format {
        NetFormatArg::Table => NetFormat::Table,
        NetFormatArg::Csv => NetFormat::Csv,
        NetFormatArg::Jsonl => NetFormat::Jsonl,
    };
    let terminal = std::io::stdout().is_terminal();
    let options = NetOptions {
        inputs: inputs(&args.input),
        filter,
        rows: net_row_filter(&args)?,
        view: net_view(&args),
        format,
        terminal,
        color: args.color.colored(),
        zone,
        names: build_names(&args.names)?,
        pipeline: pipeline_options(&args.input),
        discover: DiscoverOptions {
            follow_links: args.input.follow,
        },
    };
    // Table cells are escaped as they are made; CSV is escaped whole for a terminal.
    let on_terminal = if format == NetFormat::Csv {
        TerminalEscape::Verbatim
    } else {
        TerminalEscape::Nothing
    };
    let mut sink = Sink::stdout(false, on_terminal);
    let outcome = net::run(&options, &mut sink);
    Ok(conclude(
        outcome.stats,
        outcome.output_error,
        None,
        &args.input,
    ))
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

fn run_exec(args: ExecArgs, negated: &[Vec<OsString>]) -> Result<ExitCode, UsageError> {
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    let mut options = exec_options(&args, zone)?;
    add_negations(&mut options.filter, negated, zone)?;
    // Tables and text escape their cells as they write them; CSV is escaped whole.
    let on_terminal = if options.format == ExecFormat::Csv {
        TerminalEscape::Verbatim
    } else {
        TerminalEscape::Nothing
    };
    let mut sink = Sink::stdout(args.line_buffered, on_terminal);
    let outcome = exec::run(&options, &mut sink);
    Ok(conclude(
        outcome.stats,
        outcome.output_error,
        None,
        &args.input,
    ))
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
        exec::View::Lineage {
            pids,
            ancestors: args.ancestors,
            descendants: args.descendants,
        }
    } else if args.tree {
        exec::View::Tree
    } else if !args.filter.session.is_empty() || args.user.is_some() {
        exec::View::Sessions {
            sessions: args
                .filter
                .session
                .iter()
                .filter_map(|&s| u32::try_from(s).ok())
                .collect(),
            user: args.user.clone(),
        }
    } else {
        exec::View::Timeline
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
            SortArg::Event => {
                return Err(UsageError(
                    "exec sorts by input or time; --sort event is for search".into(),
                ));
            }
        },
        zone,
        names: build_names(&args.names)?,
        pipeline: pipeline_options(&args.input),
        discover: DiscoverOptions {
            follow_links: args.input.follow,
        },
    })
}

fn run_export(args: ExportArgs, negated: &[Vec<OsString>]) -> Result<ExitCode, UsageError> {
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    let mut filter = build_filter(&args.filter, zone)?;
    filter.conditions.extend(negated_conditions(negated, zone)?);
    let inputs = inputs(&args.input);
    let options = ExportOptions {
        filter,
        format: match args.format {
            ExportFormatArg::Jsonl => ExportFormat::Jsonl,
            ExportFormatArg::Csv => ExportFormat::Csv,
        },
        writer: WriterOptions {
            names: build_names(&args.names)?,
            ..WriterOptions::default()
        },
        pipeline: pipeline_options(&args.input),
        discover: DiscoverOptions {
            follow_links: args.input.follow,
        },
        inputs,
    };
    let (mut sink, gzip_end) = export_sink(&args, &options.inputs)?;
    let mut outcome = export::run(&options, &mut sink);
    drop(sink);
    if let Some(end) = gzip_end
        && let Err(err) = end.finish()
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        outcome.output_error.get_or_insert(err);
    }
    Ok(conclude(
        outcome.stats,
        outcome.output_error,
        None,
        &args.input,
    ))
}

/// Where the export goes: stdout or the -o file, gzip-compressed when asked. JSON and the
/// export's csv cells escape every control character, so a terminal needs nothing more.
fn export_sink(
    args: &ExportArgs,
    inputs: &[String],
) -> Result<(Sink, Option<file::GzipEnd>), UsageError> {
    let terminal = args.output.is_none() && std::io::stdout().is_terminal();
    if args.gzip && terminal {
        return Err(UsageError(
            "--gzip output is binary: give -o FILE or redirect standard output".into(),
        ));
    }
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) => {
            if let Some(input) = file::overlaps_input(path, inputs) {
                return Err(UsageError(format!(
                    "the output {} lies in the input {input}: write it elsewhere",
                    path.display()
                )));
            }
            let created = file::create(path, args.force).map_err(|err| {
                let why = crate::input::describe_io(&err);
                let hint = if err.kind() == std::io::ErrorKind::AlreadyExists {
                    " (give --force to replace it)"
                } else {
                    ""
                };
                UsageError(format!("cannot create {}: {why}{hint}", path.display()))
            })?;
            Box::new(created)
        }
        None => Box::new(std::io::stdout()),
    };
    let (out, end) = if args.gzip {
        let (out, end) = file::gzip(out);
        (out, Some(end))
    } else {
        (out, None)
    };
    Ok((Sink::new(out, terminal, TerminalEscape::Nothing), end))
}

fn net_view(args: &NetArgs) -> View {
    match (args.listening, args.by, args.summary) {
        (true, _, _) => View::Summary(SummaryBy::Listening),
        (_, Some(NetByArg::Host), _) => View::Summary(SummaryBy::Host),
        (_, Some(NetByArg::Exe), _) => View::Summary(SummaryBy::Exe),
        (_, None, true) => View::Summary(SummaryBy::Flow),
        (_, None, false) => View::Rows,
    }
}

fn net_row_filter(args: &NetArgs) -> Result<RowFilter, UsageError> {
    let families = if args.all_families {
        Families::All
    } else if args.family.is_empty() {
        Families::Internet
    } else {
        let numbers = args
            .family
            .iter()
            .map(|name| {
                net::row::family_number(name).ok_or_else(|| {
                    UsageError(format!(
                        "unknown address family '{name}': give inet, inet6, unix, netlink, \
                         packet, … or a number"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Families::Only(numbers)
    };
    let blocks = |texts: &[String]| parse_all(texts, crate::query::cidr::Cidr::parse);
    Ok(RowFilter {
        families,
        remote: blocks(&args.remote)?,
        addr: blocks(&args.addr)?,
        ports: args.port.clone(),
        directions: args
            .direction
            .iter()
            .map(|d| match d {
                DirectionArg::Out => net::row::Direction::Out,
                DirectionArg::In => net::row::Direction::In,
                DirectionArg::Listen => net::row::Direction::Listen,
            })
            .collect(),
        failed: args.failed,
    })
}

/// The message for a word that is no option but one letter from an ausearch spelling
/// (`-tss`), which clap would read as a cluster of short options and name only `-t`.
fn misspelt_ausearch_option(args: &[OsString]) -> Option<String> {
    let command = args.get(1).and_then(|c| c.to_str()).unwrap_or("search");
    args.iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .filter_map(|a| a.to_str())
        .find_map(|word| {
            ausearch::nearest_spelling(word).map(|(short, long)| {
                format!(
                    "unknown option '{word}': did you mean {short} ({long})? \
                     (ausift {command} --help lists the options)"
                )
            })
        })
}

/// `--success` followed by no value means `--success yes` (`ausift net --success`): when
/// nothing follows, or an option, or an input path. Any other word stays its value, so that
/// `--success maybe` is still refused.
fn bare_success(args: Vec<OsString>) -> Vec<OsString> {
    let mut out = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let bare = match args.get(i + 1) {
            None => true,
            Some(next) => {
                let text = next.to_str().unwrap_or_default();
                let valued = ["yes", "no"].iter().any(|v| text.eq_ignore_ascii_case(v));
                !valued && (text.starts_with('-') || std::path::Path::new(next).exists())
            }
        };
        if arg == "--success" && bare && !args[..i].iter().any(|a| a == "--") {
            out.push("--success=yes".into());
        } else {
            out.push(arg.clone());
        }
    }
    out
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
    }
    if input.stats {
        text.push_str(&stats.report(input.debug));
    } else if input.debug {
        text.push_str(&stats.skip_listing(usize::MAX));
    } else {
        if !stats.passed_over.is_empty() {
            text.push_str(&format!(
                "ausift: passed over {} file(s) that are not audit logs (--stats names them)\n",
                stats.passed_over.len()
            ));
        }
        let damaged = stats.damaged_lines();
        if stats.cut_events > 0 {
            text.push_str(&format!(
                "ausift: {} event(s) reached {} records; their further records were output as \
                 more events with the same id (--max-event-records)\n",
                stats.cut_events, input.max_event_records
            ));
        }
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

fn search_options(args: &SearchArgs, inputs: Vec<String>) -> Result<SearchOptions, UsageError> {
    let zone = Zone::parse(&args.filter.tz).map_err(UsageError)?;
    Ok(SearchOptions {
        inputs,
        filter: build_filter(&args.filter, zone)?,
        writer: build_writer(&args.output, &args.names, zone)?,
        sort: match args.sort {
            SortArg::Input => SortOrder::Input,
            SortArg::Time => SortOrder::Time,
            SortArg::Event => SortOrder::Event,
        },
        limit: if args.just_one {
            Some(args.limit.map_or(1, |n| n.min(1)))
        } else {
            args.limit
        },
        count_only: args.count,
        checkpoint: None,
        pipeline: pipeline_options(&args.input),
        discover: DiscoverOptions {
            follow_links: args.input.follow,
        },
    })
}

/// The event writer the output flags ask for, with the names `names` gives.
pub fn build_writer(
    output: &OutputArgs,
    names: &NamesArgs,
    zone: Zone,
) -> Result<EventWriter, UsageError> {
    let format = if output.interpret {
        Format::Interpreted
    } else {
        match output.format {
            None | Some(SearchFormatArg::Raw) => Format::Raw,
            Some(SearchFormatArg::Default) => Format::Default,
            Some(SearchFormatArg::Interpreted) => Format::Interpreted,
            Some(SearchFormatArg::Text) => Format::Text,
            Some(SearchFormatArg::Csv) => Format::Csv,
            Some(SearchFormatArg::Jsonl) => Format::Jsonl,
        }
    };
    let extras = [
        ("--extra-keys", output.extra_keys),
        ("--extra-time", output.extra_time),
        ("--extra-labels", output.extra_labels),
        ("--extra-obj2", output.extra_obj2),
    ];
    if let Some((flag, _)) = extras.iter().find(|(_, on)| *on)
        && format != Format::Csv
    {
        return Err(UsageError(format!(
            "{flag} adds a column to --format csv; give --format csv too"
        )));
    }
    // Only formats that interpret values need a user database.
    let needs_names = matches!(
        format,
        Format::Interpreted | Format::Text | Format::Csv | Format::Jsonl
    );
    Ok(EventWriter::new(
        format,
        WriterOptions {
            zone,
            escape: match output.escape {
                EscapeArg::Raw => EscapeMode::Raw,
                EscapeArg::Tty => EscapeMode::Tty,
                EscapeArg::Shell => EscapeMode::Shell,
                EscapeArg::ShellQuote => EscapeMode::ShellQuote,
            },
            names: if needs_names {
                build_names(names)?
            } else {
                Arc::new(NoNames)
            },
            csv: CsvColumns {
                keys: output.extra_keys,
                time: output.extra_time,
                labels: output.extra_labels,
                obj2: output.extra_obj2,
            },
        },
    ))
}

/// The user and group names the flags point at: the evidence host's files, a mounted image,
/// this machine's files when asked, or none. What the files held is reported on stderr when
/// lines had to be skipped.
pub fn build_names(args: &NamesArgs) -> Result<Arc<dyn NameLookup + Send + Sync>, UsageError> {
    let db = if let Some(root) = &args.root {
        UserDb::from_root(root)
    } else if args.passwd.is_some() || args.group.is_some() {
        UserDb::from_files(args.passwd.as_deref(), args.group.as_deref())
    } else if args.local_names {
        UserDb::local()
    } else {
        return Ok(Arc::new(NoNames));
    };
    let db = db.map_err(|err| UsageError(err.to_string()))?;
    let mut notes = String::new();
    for report in [db.passwd_report(), db.group_report()]
        .into_iter()
        .flatten()
    {
        if report.skipped() > 0 || !report.present {
            notes.push_str(&format!("ausift: {report}\n"));
        }
    }
    let safe = crate::output::escape::terminal_safe_lines(notes.as_bytes());
    let _ = std::io::stderr().lock().write_all(&safe);
    Ok(Arc::new(db))
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
            event_records: input.max_event_records.max(1),
        },
        listed_skips: if input.debug {
            DEBUG_LISTED_SKIPS
        } else {
            LISTED_SKIPS
        },
        progress: progress::allowed(input.quiet, std::io::stderr().is_terminal()),
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

/// Runs a translation over words, for the translations' tests.
#[cfg(test)]
pub(crate) fn translated(
    translate: fn(Vec<OsString>) -> Vec<OsString>,
    args: &[&str],
) -> Vec<String> {
    translate(args.iter().map(|a| a.into()).collect())
        .into_iter()
        .map(|a| a.into_string().unwrap())
        .collect()
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
    let ids = |values: &[String]| parse_all(values, IdSpec::parse);
    list(&mut conditions, &ids(&args.uid)?, Condition::Uid);
    list(&mut conditions, &ids(&args.auid)?, Condition::Auid);
    list(&mut conditions, &ids(&args.euid)?, Condition::Euid);
    list(&mut conditions, &args.event, Condition::EventId);
    list(&mut conditions, &args.node, Condition::Node);
    list(&mut conditions, &args.file, Condition::File);
    list(&mut conditions, &ids(&args.gid)?, Condition::Gid);
    list(&mut conditions, &ids(&args.egid)?, Condition::Egid);
    list(&mut conditions, &ids(&args.gid_all)?, Condition::AnyGid);
    list(&mut conditions, &ids(&args.uid_all)?, Condition::AnyUid);
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
    for text in &args.r#where {
        let expr = query::expr::parse(text)
            .map_err(|err| UsageError(format!("--where: {}", err.show(text))))?;
        conditions.push(Condition::Where(expr));
    }
    Ok(Filter {
        conditions,
        string_match: if args.word {
            query::StringMatch::Exact
        } else {
            query::StringMatch::Substring
        },
        names: query::Names::default(),
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

//! `ausift exec`: what ran, who ran it, from what, in which session.
//!
//! Four views of the same activities: the timeline of execs (one row each, with the parent's
//! image), the process tree (`--tree`, `--pid N --ancestors|--descendants`) and the login
//! sessions (`--session N`, `--user NAME`: the login, each command, the end).
//!
//! Events are read by the shared pipeline. Its parallel step keeps the execs, forks and session
//! records as compact [`Activity`] values and tests them against the filters; its in-order step
//! feeds them to the [`ProcessTable`], which needs them in the log's order, and collects what
//! the view shows.

pub mod activity;
pub mod procs;
mod render;
mod sessions;
mod tree;

use crate::commands::search::SortOrder;
use crate::event::Event;
use crate::input::DiscoverOptions;
use crate::interpret::names::NameLookup;
use crate::output::sink::{Sink, SinkError};
use crate::output::table::Layout;
use crate::pipeline::{self, Flow, PipelineOptions};
use crate::query::time::Zone;
use crate::query::{Condition, Filter};
use crate::stats::RunStats;
use activity::{Activity, Extract, Kind, Text};
use procs::ProcessTable;
use regex::bytes::Regex;
use std::sync::Arc;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecFormat {
    /// A table (laid out as `layout` says).
    Table,
    /// Shell-like lines: `TIME NODE USER CWD$ ARGV`.
    Text,
    Csv,
    Jsonl,
}

/// What is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// One row per exec.
    Timeline,
    /// The matching processes in their tree: ancestors and descendants.
    Tree,
    /// The processes with these pids, with their ancestors and/or descendants.
    Lineage {
        pids: Vec<u32>,
        ancestors: bool,
        descendants: bool,
    },
    /// Login sessions: by number, and/or by user (name or auid).
    Sessions {
        sessions: Vec<u32>,
        user: Option<String>,
    },
}

/// Tests only exec events take.
#[derive(Clone, Debug, Default)]
pub struct ExecFilter {
    /// The arguments, joined by spaces, match this.
    pub argv: Option<Regex>,
    /// The working directory is one of these or lies below one.
    pub cwd: Vec<Vec<u8>>,
}

impl ExecFilter {
    pub fn is_empty(&self) -> bool {
        self.argv.is_none() && self.cwd.is_empty()
    }

    fn accepts(&self, exec: &Activity) -> bool {
        let cwd = exec.text(Text::Cwd);
        let in_cwd = self.cwd.is_empty() || self.cwd.iter().any(|dir| is_within(cwd, dir));
        in_cwd
            && self
                .argv
                .as_ref()
                .is_none_or(|re| re.is_match(&joined_argv(exec)))
    }
}

/// Whether `path` is `dir` or lies below it.
fn is_within(path: &[u8], dir: &[u8]) -> bool {
    let dir = match dir {
        [rest @ .., b'/'] if !rest.is_empty() => rest,
        d => d,
    };
    path.starts_with(dir) && (path.len() == dir.len() || dir == b"/" || path[dir.len()] == b'/')
}

/// The arguments joined by single spaces (the program when the log has no arguments).
fn joined_argv(exec: &Activity) -> Vec<u8> {
    if exec.argv.is_empty() {
        return exec.program().to_vec();
    }
    let mut out = Vec::with_capacity(64);
    for (i, arg) in exec.argv.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(arg);
    }
    out
}

#[derive(Clone)]
pub struct ExecOptions {
    pub inputs: Vec<String>,
    pub filter: Filter,
    pub exec_filter: ExecFilter,
    pub view: View,
    pub format: ExecFormat,
    pub layout: Layout,
    pub sort: SortOrder,
    pub zone: Zone,
    /// User and group names the records do not carry themselves.
    pub names: Arc<dyn NameLookup + Send + Sync>,
    pub pipeline: PipelineOptions,
    pub discover: DiscoverOptions,
}

pub struct ExecOutcome {
    pub stats: RunStats,
    pub output_error: Option<std::io::Error>,
}

/// An exec as the timeline shows it: with its parent's image when the log has it.
#[derive(Clone)]
pub struct ExecRow {
    pub exec: Arc<Activity>,
    pub parent: Option<Arc<Activity>>,
}

pub fn run(options: &ExecOptions, sink: &mut Sink) -> ExecOutcome {
    let (sources, discovery) = super::discover_sources(&options.inputs, &options.discover);
    let matcher = options.filter.matcher();
    let session_matcher = session_filter(&options.filter).matcher();
    let sessions = matches!(options.view, View::Sessions { .. });
    let extract = Extract {
        names: &*options.names,
        sessions,
    };
    let process = |events: &[Event]| -> Vec<Activity> {
        let mut kept = Vec::new();
        for event in events {
            let Some(mut activity) = extract.activity(event) else {
                continue;
            };
            activity.matched = match activity.kind {
                Kind::Exec => matcher.matches(event) && options.exec_filter.accepts(&activity),
                Kind::Fork { .. } => false,
                Kind::Session { .. } => session_matcher.matches(event),
            };
            kept.push(activity);
        }
        kept
    };
    let history = matches!(options.view, View::Tree | View::Lineage { .. });
    let mut table = ProcessTable::new(history);
    let mut collected = Collected::default();
    let mut writer = render::TimelineWriter::new(options);
    let mut output_error = None;
    let streaming = options.view == View::Timeline && writer.streams(options.sort);
    let consume = |batch: Vec<Activity>| {
        let mut rows = Vec::new();
        for activity in batch {
            let activity = Arc::new(activity);
            let placement = table.add(activity.clone());
            if !activity.matched {
                continue;
            }
            match (&activity.kind, placement) {
                (Kind::Exec, Some(placement)) => rows.push(ExecRow {
                    exec: activity,
                    parent: placement.parent_image,
                }),
                (Kind::Session { .. }, _) => collected.sessions.push(activity),
                _ => {}
            }
        }
        if !streaming {
            collected.rows.extend(rows);
            return Flow::Continue;
        }
        collected.shown += rows.len() as u64;
        match writer.write_rows(&rows, sink) {
            Ok(()) => Flow::Continue,
            Err(err) => {
                if let SinkError::Io(err) = err {
                    output_error = Some(err);
                }
                Flow::Stop
            }
        }
    };
    let pipeline_options = PipelineOptions {
        marker: matcher.marker().map(Arc::new),
        ..options.pipeline.clone()
    };
    let stats = pipeline::run(sources, &pipeline_options, process, consume);
    let mut stats = super::merge_discovery(stats, discovery);
    stats.matched = match &options.view {
        View::Timeline if streaming => {
            note(&mut output_error, writer.finish(sink));
            collected.shown
        }
        View::Timeline => {
            let mut rows = collected.rows;
            if options.sort == SortOrder::Time {
                sort_by_time(&mut rows);
            }
            note(&mut output_error, writer.write_rows(&rows, sink));
            note(&mut output_error, writer.finish(sink));
            rows.len() as u64
        }
        View::Tree | View::Lineage { .. } => {
            let filtered = !options.filter.is_empty() || !options.exec_filter.is_empty();
            let shown = tree::select(&table, &options.view, filtered);
            note(
                &mut output_error,
                tree::write(&table, &shown, options, sink),
            );
            shown.count() as u64
        }
        View::Sessions { sessions, user } => {
            let grouped = sessions::group(
                collected.sessions,
                collected.rows,
                sessions,
                user.as_deref(),
            );
            note(&mut output_error, sessions::write(&grouped, options, sink));
            grouped.iter().map(|s| s.len() as u64).sum()
        }
    };
    note(&mut output_error, sink.finish());
    ExecOutcome {
        stats,
        output_error,
    }
}

/// What the in-order step keeps for the views that are written at the end.
#[derive(Default)]
struct Collected {
    rows: Vec<ExecRow>,
    sessions: Vec<Arc<Activity>>,
    shown: u64,
}

/// Keeps the first error writing the output (a closed pipe is none).
fn note(first: &mut Option<std::io::Error>, result: Result<(), SinkError>) {
    if let Err(SinkError::Io(err)) = result {
        first.get_or_insert(err);
    }
}

/// The conditions that also select a session's login records: time and node. The others
/// speak of processes and would drop every login record.
fn session_filter(filter: &Filter) -> Filter {
    Filter {
        conditions: filter
            .conditions
            .iter()
            .filter(|c| matches!(c, Condition::Time { .. } | Condition::Node(_)))
            .cloned()
            .collect(),
        string_match: filter.string_match,
        names: filter.names.clone(),
    }
}

/// By time, then node and serial; stable, so equal stamps keep input order.
fn sort_by_time(rows: &mut [ExecRow]) {
    rows.sort_by(|a, b| {
        let key = |r: &ExecRow| (r.exec.stamp.sec, r.exec.stamp.msec);
        key(a)
            .cmp(&key(b))
            .then_with(|| a.exec.node().cmp(&b.exec.node()))
            .then_with(|| a.exec.stamp.serial.cmp(&b.exec.stamp.serial))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_directories_contain_their_subdirectories_only() {
        assert!(is_within(b"/srv/app", b"/srv/app"));
        assert!(is_within(b"/srv/app/x", b"/srv/app/"));
        assert!(is_within(b"/srv/app/x", b"/srv"));
        assert!(!is_within(b"/srv/application", b"/srv/app"));
        assert!(is_within(b"/tmp", b"/"));
        assert!(!is_within(b"", b"/"));
    }
}

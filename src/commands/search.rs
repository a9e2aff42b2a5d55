//! `ausift search`: the events that match every filter, in any output format, in input
//! order (or sorted by time across hosts, or by event id), optionally resuming where the last
//! run with the same `--checkpoint` file stopped.

use crate::event::Event;
use crate::input::{DiscoverOptions, Source, SourceKind};
use crate::output::EventWriter;
use crate::output::sink::{Sink, SinkError};
use crate::pipeline::{self, Flow, PipelineOptions};
use crate::query::Filter;
use crate::query::checkpoint::{
    Checkpoint, EXIT_BAD_CHECKPOINT, EXIT_CHECKPOINT_NOT_WRITTEN, EXIT_EVENT_NOT_FOUND, EventMark,
    FileId,
};
use crate::stats::RunStats;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    /// The order of each event's first record in the (oldest-first) inputs.
    Input,
    /// By (time, serial, node), across hosts. Holds the matching events in memory.
    Time,
    /// By event id, the serial (then time and node). Holds the matching events in memory.
    Event,
}

#[derive(Clone, Debug)]
pub struct SearchOptions {
    pub inputs: Vec<String>,
    pub filter: Filter,
    pub writer: EventWriter,
    pub sort: SortOrder,
    pub limit: Option<u64>,
    pub count_only: bool,
    pub checkpoint: Option<CheckpointOptions>,
    pub pipeline: PipelineOptions,
    pub discover: DiscoverOptions,
}

/// `--checkpoint FILE` (see [`crate::query::checkpoint`]).
#[derive(Clone, Debug)]
pub struct CheckpointOptions {
    pub path: PathBuf,
    /// What the previous run wrote, if there was one.
    pub previous: Option<Checkpoint>,
    /// `--start checkpoint`: the checkpoint gives a start time only; no input or event is
    /// passed over by it.
    pub time_only: bool,
}

/// A checkpoint that cannot be followed or written: ausearch's exit status for it, and why.
pub type CheckpointError = (u8, String);

pub struct SearchOutcome {
    pub stats: RunStats,
    pub output_error: Option<std::io::Error>,
    pub checkpoint_error: Option<CheckpointError>,
}

/// What one batch of events produced: rendered output, where each matching event ends in it
/// and where it stands in the batch, the events themselves when they must be sorted first,
/// and what a checkpoint needs to know.
struct Batch {
    text: Vec<u8>,
    ends: Vec<usize>,
    positions: Vec<usize>,
    kept: Vec<Event>,
    resume: ResumePoints,
}

/// Where a batch meets the checkpointed event, and what it would leave as the last event read.
#[derive(Default)]
struct ResumePoints {
    /// The checkpointed event.
    mark_at: Option<usize>,
    /// The first event too young to come before the checkpointed one.
    late_at: Option<usize>,
    /// The mark of each matching event (for a run cut short by --limit).
    marks: Vec<Option<EventMark>>,
    /// The batch's last event with a time.
    last: Option<EventMark>,
}

/// Where a resumed run stands.
enum Resume {
    /// Passing over events up to and including this one.
    Skipping(EventMark),
    Reading,
    /// The checkpointed event was not where it should be.
    Lost(String),
}

pub fn run(options: &SearchOptions, sink: &mut Sink) -> SearchOutcome {
    let (sources, discovery) = super::discover_sources(&options.inputs, &options.discover);
    let (sources, newest) = match resume_sources(sources, options.checkpoint.as_ref()) {
        Ok(found) => found,
        Err(err) => {
            return SearchOutcome {
                stats: discovery,
                output_error: None,
                checkpoint_error: Some(err),
            };
        }
    };
    let checkpointing = options.checkpoint.is_some();
    let mut resume = match &options.checkpoint {
        Some(c) if !c.time_only => c.previous.as_ref().and_then(|p| p.last.clone()),
        _ => None,
    }
    .map_or(Resume::Reading, Resume::Skipping);
    let skip_mark = match &resume {
        Resume::Skipping(mark) => Some(mark.clone()),
        _ => None,
    };
    let keep = options.sort != SortOrder::Input;
    let render = options.sort == SortOrder::Input && !options.count_only;
    let matcher = options.filter.matcher();
    let process = |events: &[Event]| {
        let mut batch = Batch {
            text: Vec::with_capacity(if render { 64 * 1024 } else { 0 }),
            ends: Vec::with_capacity(events.len()),
            positions: Vec::new(),
            kept: Vec::new(),
            resume: ResumePoints::default(),
        };
        if checkpointing {
            batch.resume = resume_points(events, skip_mark.as_ref());
        }
        for (position, event) in events.iter().enumerate() {
            if !matcher.matches(event) {
                continue;
            }
            if render {
                render_event(&mut batch.text, event, options);
            }
            batch.ends.push(batch.text.len());
            batch.positions.push(position);
            if keep {
                batch.kept.push(event.clone());
            }
            if checkpointing {
                batch.resume.marks.push(EventMark::of(event));
            }
        }
        batch
    };
    let mut matched = 0u64;
    let mut kept = Vec::new();
    let mut output_error = None;
    let mut last_read: Option<EventMark> = None;
    let limit = options.limit.unwrap_or(u64::MAX);
    let consume = |mut batch: Batch| {
        let first = match passed_over(&mut resume, &batch) {
            Some(first) => first,
            None => return Flow::Stop,
        };
        if keep {
            // The limit applies to the sorted order, once everything is in.
            let taken: Vec<Event> = batch.kept.drain(first..).collect();
            matched += taken.len() as u64;
            kept.extend(taken);
            if let Some(last) = batch.resume.last.take() {
                last_read = Some(last);
            }
            return Flow::Continue;
        }
        let room = (limit - matched).min((batch.ends.len() - first) as u64) as usize;
        if render && room > 0 && matched == 0 && !write_header(options, sink, &mut output_error) {
            return Flow::Stop;
        }
        matched += room as u64;
        let cut_short = first + room < batch.ends.len();
        if cut_short && room > 0 {
            let last_output = batch.resume.marks.get_mut(first + room - 1);
            last_read = last_output.and_then(Option::take).or(last_read.take());
        } else if let Some(last) = batch.resume.last.take() {
            last_read = Some(last);
        }
        if render
            && room > 0
            && !write_matches(sink, &batch, first..first + room, &mut output_error)
        {
            return Flow::Stop;
        }
        if matched >= limit {
            Flow::Stop
        } else {
            Flow::Continue
        }
    };
    let pipeline_options = PipelineOptions {
        marker: matcher.marker().map(std::sync::Arc::new),
        ..options.pipeline.clone()
    };
    let stats = pipeline::run(sources, &pipeline_options, process, consume);
    let mut stats = super::merge_discovery(stats, discovery);
    if keep {
        match options.sort {
            SortOrder::Event => sort_by_event_id(&mut kept),
            _ => sort_by_time(&mut kept),
        }
        kept.truncate(limit.min(kept.len() as u64) as usize);
        matched = kept.len() as u64;
        if !options.count_only && !kept.is_empty() && write_header(options, sink, &mut output_error)
        {
            write_events(&kept, options, sink, &mut output_error);
        }
    }
    stats.matched = matched;
    if options.count_only && !sink.is_closed() {
        let _ = sink.write(format!("{matched}\n").as_bytes());
    }
    if let Err(SinkError::Io(err)) = sink.finish() {
        output_error.get_or_insert(err);
    }
    let checkpoint_error = match &options.checkpoint {
        // Output that did not all reach its reader must be read again next time.
        Some(_) if sink.is_closed() || output_error.is_some() => None,
        Some(c) => save_checkpoint(c, resume, newest, last_read).err(),
        None => None,
    };
    SearchOutcome {
        stats,
        output_error,
        checkpoint_error,
    }
}

/// The inputs a resumed run reads: from the file the checkpoint names on (ausearch's
/// meaning), and the newest one, which the next checkpoint names.
fn resume_sources(
    sources: Arc<Vec<Source>>,
    checkpoint: Option<&CheckpointOptions>,
) -> Result<(Arc<Vec<Source>>, Option<FileId>), CheckpointError> {
    let Some(checkpoint) = checkpoint else {
        return Ok((sources, None));
    };
    let mut ids = Vec::with_capacity(sources.len());
    for source in sources.iter() {
        match &source.kind {
            SourceKind::File(path) => ids.push(FileId::of(path).map_err(|err| {
                let why = crate::input::describe_io(&err);
                (
                    EXIT_BAD_CHECKPOINT,
                    format!("cannot stat {}: {why}", source.name),
                )
            })?),
            SourceKind::Stdin => {
                return Err((
                    EXIT_BAD_CHECKPOINT,
                    "--checkpoint needs log files: stdin cannot be found again next time".into(),
                ));
            }
        }
    }
    let newest = ids.last().copied();
    let from = match &checkpoint.previous {
        Some(previous) if !checkpoint.time_only => ids
            .iter()
            .position(|id| *id == previous.file)
            .ok_or_else(|| {
                (
                    EXIT_BAD_CHECKPOINT,
                    format!(
                        "the log file of the checkpoint {} (dev=0x{:X} inode={}) is not among the inputs",
                        checkpoint.path.display(),
                        previous.file.dev,
                        previous.file.inode
                    ),
                )
            })?,
        _ => 0,
    };
    let sources = if from == 0 {
        sources
    } else {
        Arc::new(sources[from..].to_vec())
    };
    Ok((sources, newest))
}

fn resume_points(events: &[Event], mark: Option<&EventMark>) -> ResumePoints {
    ResumePoints {
        mark_at: mark.and_then(|m| events.iter().position(|e| m.is(e))),
        late_at: mark.and_then(|m| events.iter().position(|e| m.is_long_before(e))),
        marks: Vec::new(),
        last: events.iter().rev().find_map(EventMark::of),
    }
}

/// How many of the batch's matching events a resumed run passes over; `None` when the
/// checkpointed event turned out to be missing.
fn passed_over(resume: &mut Resume, batch: &Batch) -> Option<usize> {
    let Resume::Skipping(mark) = resume else {
        return match resume {
            Resume::Lost(_) => None,
            _ => Some(0),
        };
    };
    let points = &batch.resume;
    match (points.mark_at, points.late_at) {
        (Some(at), late) if late.is_none_or(|l| l > at) => {
            *resume = Resume::Reading;
            Some(batch.positions.partition_point(|&p| p <= at))
        }
        (_, Some(_)) => {
            *resume = Resume::Lost(format!(
                "an event more than 2 s younger than the checkpointed one ({}.{:03}:{}) came before it: the checkpoint is not from these logs",
                mark.sec, mark.msec, mark.serial
            ));
            None
        }
        _ => Some(batch.positions.len()),
    }
}

/// Writes the matching events `range` of a batch, one at a time when each must be flushed.
fn write_matches(
    sink: &mut Sink,
    batch: &Batch,
    range: std::ops::Range<usize>,
    output_error: &mut Option<std::io::Error>,
) -> bool {
    let start = |i: usize| if i == 0 { 0 } else { batch.ends[i - 1] };
    if !sink.flushes_each() {
        let whole = &batch.text[start(range.start)..batch.ends[range.end - 1]];
        return sink.write_keeping(whole, output_error);
    }
    range
        .into_iter()
        .all(|i| sink.write_keeping(&batch.text[start(i)..batch.ends[i]], output_error))
}

fn save_checkpoint(
    options: &CheckpointOptions,
    resume: Resume,
    newest: Option<FileId>,
    last_read: Option<EventMark>,
) -> Result<(), CheckpointError> {
    match resume {
        Resume::Lost(why) => return Err((EXIT_EVENT_NOT_FOUND, why)),
        Resume::Skipping(mark) => {
            return Err((
                EXIT_EVENT_NOT_FOUND,
                format!(
                    "the checkpointed event {}.{:03}:{} is not in the logs read",
                    mark.sec, mark.msec, mark.serial
                ),
            ));
        }
        Resume::Reading => {}
    }
    let Some(file) = newest.or(options.previous.as_ref().map(|p| p.file)) else {
        // No input at all: nothing to remember.
        return Ok(());
    };
    let previous = options.previous.as_ref().and_then(|p| p.last.clone());
    Checkpoint {
        file,
        last: last_read.or(previous),
    }
    .save(&options.path)
    .map_err(|why| (EXIT_CHECKPOINT_NOT_WRITTEN, why))
}

fn render_event(out: &mut Vec<u8>, event: &Event, options: &SearchOptions) {
    options.writer.write_event(out, event);
}

/// The format's header (csv's column names), before the first event; false when the output
/// is gone.
fn write_header(
    options: &SearchOptions,
    sink: &mut Sink,
    output_error: &mut Option<std::io::Error>,
) -> bool {
    match options.writer.header() {
        Some(mut header) => flush(sink, &mut header, output_error),
        None => true,
    }
}

/// By event id (serial), then time and node; events without a time first; stable.
fn sort_by_event_id(events: &mut [Event]) {
    events.sort_by_cached_key(|e| {
        e.stamp()
            .map(|s| (s.serial, s.sec, s.msec, e.node().map(<[u8]>::to_vec)))
    });
}

/// By (time, serial, node); events without a time first; the sort is stable, so ties keep
/// input order.
fn sort_by_time(events: &mut [Event]) {
    events.sort_by_cached_key(|e| {
        e.stamp()
            .map(|s| (s.sec, s.msec, s.serial, e.node().map(<[u8]>::to_vec)))
    });
}

fn write_events(
    events: &[Event],
    options: &SearchOptions,
    sink: &mut Sink,
    output_error: &mut Option<std::io::Error>,
) {
    let mut buffer = Vec::new();
    for event in events.iter() {
        render_event(&mut buffer, event, options);
        if buffer.len() > 1 << 20 && !flush(sink, &mut buffer, output_error) {
            return;
        }
    }
    flush(sink, &mut buffer, output_error);
}

fn flush(sink: &mut Sink, buffer: &mut Vec<u8>, output_error: &mut Option<std::io::Error>) -> bool {
    let written = sink.write_keeping(buffer, output_error);
    buffer.clear();
    written
}

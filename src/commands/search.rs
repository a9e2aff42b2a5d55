//! `ausift search`: the events that match every filter, in any output format, in input
//! order (or sorted by time across hosts).

use crate::event::Event;
use crate::input::DiscoverOptions;
use crate::output::EventWriter;
use crate::output::sink::{Sink, SinkError};
use crate::pipeline::{self, Flow, PipelineOptions};
use crate::query::Filter;
use crate::stats::RunStats;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    /// The order of each event's first record in the (oldest-first) inputs.
    Input,
    /// By (time, serial, node), across hosts. Holds the matching events in memory.
    Time,
}

#[derive(Clone, Debug)]
pub struct SearchOptions {
    pub inputs: Vec<String>,
    pub filter: Filter,
    pub writer: EventWriter,
    pub sort: SortOrder,
    pub limit: Option<u64>,
    pub count_only: bool,
    pub pipeline: PipelineOptions,
    pub discover: DiscoverOptions,
}

pub struct SearchOutcome {
    pub stats: RunStats,
    pub output_error: Option<std::io::Error>,
}

/// What one batch of events produced: rendered output, where each matching event ends in it,
/// and the events themselves when they must be sorted first.
struct Batch {
    text: Vec<u8>,
    ends: Vec<usize>,
    kept: Vec<Event>,
}

pub fn run(options: &SearchOptions, sink: &mut Sink) -> SearchOutcome {
    let (sources, discovery) = super::discover_sources(&options.inputs, &options.discover);
    let keep = options.sort == SortOrder::Time;
    let render = options.sort == SortOrder::Input && !options.count_only;
    let matcher = options.filter.matcher();
    let process = |events: &[Event]| {
        let mut batch = Batch {
            text: Vec::with_capacity(if render { 64 * 1024 } else { 0 }),
            ends: Vec::with_capacity(events.len()),
            kept: Vec::new(),
        };
        for event in events.iter().filter(|e| matcher.matches(e)) {
            if render {
                render_event(&mut batch.text, event, options);
            }
            batch.ends.push(batch.text.len());
            if keep {
                batch.kept.push(event.clone());
            }
        }
        batch
    };
    let mut matched = 0u64;
    let mut kept = Vec::new();
    let mut output_error = None;
    let limit = options.limit.unwrap_or(u64::MAX);
    let consume = |batch: Batch| {
        if keep {
            // The limit applies to the sorted order, once everything is in.
            matched += batch.kept.len() as u64;
            kept.extend(batch.kept);
            return Flow::Continue;
        }
        let room = (limit - matched).min(batch.ends.len() as u64) as usize;
        if render && room > 0 && matched == 0 && !write_header(options, sink, &mut output_error) {
            return Flow::Stop;
        }
        matched += room as u64;
        if render && room > 0 {
            let end = batch.ends[room - 1];
            if let Err(err) = sink.write(&batch.text[..end]) {
                if let SinkError::Io(err) = err {
                    output_error = Some(err);
                }
                return Flow::Stop;
            }
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
        sort_by_time(&mut kept);
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
    SearchOutcome {
        stats,
        output_error,
    }
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
    let result = sink.write(buffer);
    buffer.clear();
    match result {
        Ok(()) => true,
        Err(SinkError::Closed) => false,
        Err(SinkError::Io(err)) => {
            output_error.get_or_insert(err);
            false
        }
    }
}

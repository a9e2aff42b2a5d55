//! `ausift export`: every matching event as one self-contained JSON object per line (or one
//! csv row), decoded for SIEMs and data tools, with the parent process of each SYSCALL event
//! as the input showed it earlier.
//!
//! Events are rendered in parallel; the in-order step looks each parent up in the
//! [`ProcessTable`] of what came before, writes the event, then learns from it. Every event
//! teaches the table, matching or not, so a filter does not hide parents.

mod processes;

pub use processes::{ProcessTable, TRACKED_BYTES, TRACKED_PROCESSES};

use crate::event::Event;
use crate::input::DiscoverOptions;
use crate::output::WriterOptions;
use crate::output::export::{self, ExportFormat, Lineage};
use crate::output::sink::{Sink, SinkError};
use crate::pipeline::{self, Flow, PipelineOptions};
use crate::query::Filter;
use crate::stats::RunStats;

#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub inputs: Vec<String>,
    pub filter: Filter,
    pub format: ExportFormat,
    /// Names for ids; the zone and escape are not used (times are UTC, strings JSON-escaped).
    pub writer: WriterOptions,
    pub pipeline: PipelineOptions,
    pub discover: DiscoverOptions,
}

pub struct ExportOutcome {
    pub stats: RunStats,
    pub output_error: Option<std::io::Error>,
}

/// One event of a batch: where its text ends, where its parent goes, and what it teaches.
struct Item {
    /// `None` for an event that did not match: it only teaches.
    text: Option<(usize, usize)>,
    lineage: Option<Lineage>,
}

struct Batch {
    text: Vec<u8>,
    items: Vec<Item>,
}

pub fn run(options: &ExportOptions, sink: &mut Sink) -> ExportOutcome {
    let (sources, discovery) = super::discover_sources(&options.inputs, &options.discover);
    let matcher = options.filter.matcher();
    let format = options.format;
    let writer = WriterOptions {
        escape: crate::output::EscapeMode::Raw,
        ..options.writer.clone()
    };
    let names: Vec<Vec<u8>> = sources
        .iter()
        .map(|s| s.name.clone().into_bytes())
        .collect();
    let process = |events: &[Event]| render_batch(events, &names, &matcher, format, &writer);
    let mut output_error = None;
    let mut table = ProcessTable::default();
    let mut matched = 0u64;
    let mut out = Vec::new();
    if format == ExportFormat::Csv {
        out = export::csv::header();
        write_out(sink, &mut out, &mut output_error);
    }
    let consume = |batch: Batch| {
        let mut start = 0;
        for item in batch.items {
            if let Some((split, end)) = item.text {
                out.extend_from_slice(&batch.text[start..split]);
                let parent = item
                    .lineage
                    .as_ref()
                    .and_then(|l| table.parent(&l.node, l.ppid?));
                out.extend_from_slice(parent.unwrap_or(export::unknown_parent(format)));
                out.extend_from_slice(&batch.text[split..end]);
                start = end;
                matched += 1;
                if sink.flushes_each() && !write_out(sink, &mut out, &mut output_error) {
                    return Flow::Stop;
                }
            }
            if let Some(lineage) = item.lineage {
                table.learn(lineage);
            }
        }
        if write_out(sink, &mut out, &mut output_error) {
            Flow::Continue
        } else {
            Flow::Stop
        }
    };
    let pipeline_options = PipelineOptions {
        marker: matcher.marker().map(std::sync::Arc::new),
        ..options.pipeline.clone()
    };
    let stats = pipeline::run(sources, &pipeline_options, process, consume);
    let mut stats = super::merge_discovery(stats, discovery);
    stats.matched = matched;
    if let Err(SinkError::Io(err)) = sink.finish() {
        output_error.get_or_insert(err);
    }
    ExportOutcome {
        stats,
        output_error,
    }
}

/// Renders the matching events of a batch; every event with a SYSCALL record gives its
/// lineage.
fn render_batch(
    events: &[Event],
    names: &[Vec<u8>],
    matcher: &crate::query::Matcher,
    format: ExportFormat,
    writer: &WriterOptions,
) -> Batch {
    let mut batch = Batch {
        text: Vec::with_capacity(256 * 1024),
        items: Vec::with_capacity(events.len()),
    };
    for event in events {
        if !matcher.matches(event) {
            batch.items.push(Item {
                text: None,
                lineage: export::lineage(event, format),
            });
            continue;
        }
        let (source, offset) = event.origin();
        let file = names.get(source as usize).map_or(&b""[..], Vec::as_slice);
        let rendered = export::render(&mut batch.text, event, file, offset, format, writer);
        batch.items.push(Item {
            text: Some((rendered.split, batch.text.len())),
            lineage: rendered.lineage,
        });
    }
    batch
}

/// Writes and clears `out`; false when the output is gone.
fn write_out(
    sink: &mut Sink,
    out: &mut Vec<u8>,
    output_error: &mut Option<std::io::Error>,
) -> bool {
    if out.is_empty() {
        return true;
    }
    let result = sink.write(out);
    out.clear();
    match result {
        Ok(()) => true,
        Err(SinkError::Closed) => false,
        Err(SinkError::Io(err)) => {
            output_error.get_or_insert(err);
            false
        }
    }
}

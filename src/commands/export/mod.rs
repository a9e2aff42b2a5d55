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
use std::sync::Mutex;

/// Input bytes per chunk and per decoded block (a quarter of what search reads at once): a
/// chunk's output, some 3.5 times its size, is held until the next wave is parsed.
const EXPORT_CHUNK: usize = 1 << 20;

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
    // Batch buffers go back for reuse once written: a few MiB each, which fresh allocations
    // would page-fault in anew for every batch.
    let spare: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    let process = |events: &[Event]| {
        let text = spare
            .lock()
            .expect("not poisoned")
            .pop()
            .unwrap_or_default();
        render_batch(text, events, &names, &matcher, format, &writer)
    };
    let mut output_error = None;
    let mut table = ProcessTable::default();
    let mut matched = 0u64;
    if format == ExportFormat::Csv {
        sink.write_keeping(&export::csv::header(), &mut output_error);
    }
    let mut out = Vec::new();
    let consume = |batch: Batch| {
        // The text between two parents' places goes out in one piece; on a terminal (or
        // --line-buffered) each event is put together first so that every flush ends a line.
        let whole_lines = sink.flushes_each();
        let mut pending = 0;
        for item in batch.items {
            if let Some((split, end)) = item.text {
                let parent = item
                    .lineage
                    .as_ref()
                    .and_then(|l| table.parent(&l.node, l.ppid?))
                    .unwrap_or(export::unknown_parent(format));
                let written = if whole_lines {
                    out.clear();
                    out.extend_from_slice(&batch.text[pending..split]);
                    out.extend_from_slice(parent);
                    out.extend_from_slice(&batch.text[split..end]);
                    pending = end;
                    sink.write_keeping(&out, &mut output_error)
                } else {
                    let head = &batch.text[pending..split];
                    pending = split;
                    sink.write_keeping(head, &mut output_error)
                        && sink.write_keeping(parent, &mut output_error)
                };
                if !written {
                    return Flow::Stop;
                }
                matched += 1;
            }
            if let Some(lineage) = item.lineage {
                table.learn(lineage);
            }
        }
        let written = sink.write_keeping(&batch.text[pending..], &mut output_error);
        let mut text = batch.text;
        text.clear();
        spare.lock().expect("not poisoned").push(text);
        if written { Flow::Continue } else { Flow::Stop }
    };
    let mut pipeline_options = PipelineOptions {
        marker: matcher.marker().map(std::sync::Arc::new),
        deliver_while_processing: true,
        ..options.pipeline.clone()
    };
    // The export is about four times the size of its input, and a wave's output is held
    // until the next wave is parsed: smaller pieces keep that within bounds.
    let read = &mut pipeline_options.read;
    read.chunk_size = read.chunk_size.min(EXPORT_CHUNK);
    read.block_size = read.block_size.min(EXPORT_CHUNK);
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
    mut text: Vec<u8>,
    events: &[Event],
    names: &[Vec<u8>],
    matcher: &crate::query::Matcher,
    format: ExportFormat,
    writer: &WriterOptions,
) -> Batch {
    // The JSON of an event is about four times its log text.
    let input: usize = events
        .iter()
        .flat_map(Event::byte_runs)
        .map(<[u8]>::len)
        .sum();
    text.reserve(input * 4 + 4096);
    let mut batch = Batch {
        text,
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

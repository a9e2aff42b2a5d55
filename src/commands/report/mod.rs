//! `ausift report`: aureport's reports on the shared engine. Every search filter applies first;
//! then each batch of events is summed up in parallel (rows, counts per item, or the summary's
//! figures) and the batches are merged in input order, so memory holds the distinct items,
//! never the events.
//!
//! Counts are of events: an event with several records (SYSCALL, PATH, PATH, PROCTITLE)
//! counts once, and once per distinct item it names (an event naming /etc/shadow twice adds 1
//! to /etc/shadow). aureport counts some items per record instead (ausearch.md §2.2).

pub mod facts;
pub mod kinds;
pub mod output;
pub mod row;
pub mod summary;
#[cfg(test)]
mod tests;

pub use kinds::{REPORTS, ReportKind};
pub use output::ReportFormat;

use crate::event::Event;
use crate::input::{DiscoverOptions, Source};
use crate::interpret::names::NameLookup;
use crate::output::sink::{Sink, SinkError};
use crate::pipeline::{self, Flow, PipelineOptions};
use crate::query::Filter;
use crate::query::time::Zone;
use crate::stats::RunStats;
use kinds::EventView;
use output::{Layout, date_time};
use row::RowBuilder;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use summary::Totals;

#[derive(Clone)]
pub struct ReportOptions {
    pub inputs: Vec<String>,
    pub filter: Filter,
    /// The named report, or `None` for the summary report.
    pub report: Option<ReportKind>,
    /// Counts per item instead of one row per event.
    pub summary: bool,
    /// Ids and syscalls as names (`-i`), names from the records' enrichment first.
    pub interpret: bool,
    pub names: Arc<dyn NameLookup + Send + Sync>,
    /// Only the first N items of a summary.
    pub top: Option<usize>,
    pub format: ReportFormat,
    /// Table headings and failures in colour.
    pub color: bool,
    pub zone: Zone,
    /// `Some(false)` for `--failed`, `Some(true)` for `--success`: only names the report.
    pub outcome: Option<bool>,
    /// The time range asked for, in milliseconds, for the summary report's heading.
    pub selected: (Option<i64>, Option<i64>),
    pub pipeline: PipelineOptions,
    pub discover: DiscoverOptions,
}

pub struct ReportOutcome {
    pub stats: RunStats,
    pub output_error: Option<std::io::Error>,
}

/// Where output goes and what went wrong with it.
struct Writer<'s> {
    sink: &'s mut Sink,
    error: Option<std::io::Error>,
    closed: bool,
}

impl Writer<'_> {
    fn write(&mut self, bytes: &[u8]) -> Flow {
        if self.closed || bytes.is_empty() {
            return if self.closed {
                Flow::Stop
            } else {
                Flow::Continue
            };
        }
        match self.sink.write(bytes) {
            Ok(()) => Flow::Continue,
            Err(SinkError::Closed) => {
                self.closed = true;
                Flow::Stop
            }
            Err(SinkError::Io(err)) => {
                self.error.get_or_insert(err);
                self.closed = true;
                Flow::Stop
            }
        }
    }
}

pub fn run(options: &ReportOptions, sink: &mut Sink) -> ReportOutcome {
    let (sources, discovery) = super::discover_sources(&options.inputs, &options.discover);
    let matcher = options.filter.matcher();
    let pipeline_options = PipelineOptions {
        marker: matcher.marker().map(Arc::new),
        ..options.pipeline.clone()
    };
    let mut writer = Writer {
        sink,
        error: None,
        closed: false,
    };
    let names: Option<&dyn NameLookup> = options.interpret.then_some(&*options.names as _);
    let keep = |event: &Event| matcher.matches(event);
    let run = Run {
        options,
        pipeline: &pipeline_options,
        sources: sources.clone(),
        names,
    };
    let (stats, matched) = match options.report {
        None => run.summary_report(&keep, &mut writer),
        Some(ReportKind::Time) => run.time_report(&keep, &mut writer),
        Some(kind) if options.summary => run.item_summary(kind, &keep, &mut writer),
        Some(kind) => run.detailed(kind, &keep, &mut writer),
    };
    let mut stats = super::merge_discovery(stats, discovery);
    stats.matched = matched;
    if let Err(SinkError::Io(err)) = writer.sink.finish() {
        writer.error.get_or_insert(err);
    }
    ReportOutcome {
        stats,
        output_error: writer.error,
    }
}

/// Seconds and milliseconds of an event.
type When = (u64, u16);
/// The earliest and latest event time of an input file.
type TimeSpan = (When, When);

struct Run<'o> {
    options: &'o ReportOptions,
    pipeline: &'o PipelineOptions,
    sources: Arc<Vec<Source>>,
    names: Option<&'o dyn NameLookup>,
}

impl Run<'_> {
    fn title(&self, base: &str) -> String {
        match self.options.outcome {
            Some(false) => format!("Failed {base}"),
            Some(true) => format!("Success {base}"),
            None => base.to_string(),
        }
    }

    /// The title of a report that shows times, naming the zone they are in.
    fn timed_title(&self, base: &str) -> String {
        format!(
            "{} (times in {})",
            self.title(base),
            self.options.zone.name()
        )
    }

    /// Calls `f` with each event of `events` the filter keeps and the report selects.
    fn each_selected(
        &self,
        kind: ReportKind,
        keep: &impl Fn(&Event) -> bool,
        events: &[Event],
        mut f: impl FnMut(&EventView),
    ) {
        let needs = kind.needs(self.options.summary);
        for event in events.iter().filter(|e| keep(e)) {
            let view = EventView::new(event, needs, self.names);
            if kind.selects(&view) {
                f(&view);
            }
        }
    }

    fn detailed(
        &self,
        kind: ReportKind,
        keep: &(impl Fn(&Event) -> bool + Sync),
        writer: &mut Writer,
    ) -> (RunStats, u64) {
        let process = |events: &[Event]| {
            let mut rows = RowBuilder::default();
            self.each_selected(kind, keep, events, |view| kind.rows(view, &mut rows));
            rows.rows
        };
        let layout = Layout {
            title: self.timed_title(kind.title(false)),
            columns: kind.columns(),
            timed: true,
        };
        let format = self.options.format;
        let zone = self.options.zone;
        let mut head = Vec::new();
        match format {
            ReportFormat::Text => {
                output::write_banner(&mut head, &layout, &output::detailed_heading(&layout))
            }
            ReportFormat::Csv => output::csv_heading(&mut head, &layout, &["node"]),
            _ => {}
        }
        writer.write(&head);
        let mut count = 0u64;
        let mut held = Vec::new();
        let consume = |rows: Vec<row::Row>| {
            if format == ReportFormat::Table {
                count += rows.len() as u64;
                held.extend(rows);
                return Flow::Continue;
            }
            let mut out = Vec::with_capacity(rows.len() * 96);
            output::write_rows(&mut out, &rows, count + 1, &layout, format, zone);
            count += rows.len() as u64;
            writer.write(&out)
        };
        let stats = pipeline::run(self.sources.clone(), self.pipeline, process, consume);
        let mut tail = Vec::new();
        if format == ReportFormat::Table {
            tail.extend_from_slice(format!("{}\n", layout.title).as_bytes());
            let mut heading = vec!["#", "date", "time"];
            heading.extend(layout.columns.iter().copied());
            let rows = output::table_rows(&held, &layout, zone);
            if !rows.is_empty() {
                tail.extend_from_slice(
                    output::table(&heading, rows, self.options.color).as_bytes(),
                );
                tail.push(b'\n');
            }
        }
        if count == 0 && matches!(format, ReportFormat::Text | ReportFormat::Table) {
            tail.extend_from_slice(b"<no events of interest were found>\n\n");
        }
        writer.write(&tail);
        (stats, count)
    }

    fn item_summary(
        &self,
        kind: ReportKind,
        keep: &(impl Fn(&Event) -> bool + Sync),
        writer: &mut Writer,
    ) -> (RunStats, u64) {
        let process = |events: &[Event]| {
            let mut counts: FxHashMap<Vec<u8>, u64> = FxHashMap::default();
            self.each_selected(kind, keep, events, |view| {
                kind.summary_items(view, &mut |item| add_count(&mut counts, item, 1))
            });
            counts
        };
        let mut totals: FxHashMap<Vec<u8>, u64> = FxHashMap::default();
        let consume = |counts: FxHashMap<Vec<u8>, u64>| {
            for (item, n) in counts {
                *totals.entry(item).or_default() += n;
            }
            Flow::Continue
        };
        let stats = pipeline::run(self.sources.clone(), self.pipeline, process, consume);
        let mut items: Vec<(Vec<u8>, u64)> = totals.into_iter().collect();
        // By count, most first; ties by item, so output never depends on hashing.
        items.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        items.truncate(self.options.top.unwrap_or(usize::MAX));
        let item_name = kind.summary_item();
        let layout = Layout {
            title: self.title(kind.title(true)),
            columns: std::slice::from_ref(&item_name),
            timed: false,
        };
        let out = write_counts(&items, &layout, self.options.format, self.options.color);
        writer.write(&out);
        (stats, items.len() as u64)
    }

    fn summary_report(
        &self,
        keep: &(impl Fn(&Event) -> bool + Sync),
        writer: &mut Writer,
    ) -> (RunStats, u64) {
        let process = |events: &[Event]| {
            let mut totals = Totals::default();
            for event in events.iter().filter(|e| keep(e)) {
                totals.add(&EventView::new(event, summary::NEEDS, None));
            }
            totals
        };
        let mut all = Totals::default();
        let consume = |batch: Totals| {
            all.merge(batch);
            Flow::Continue
        };
        let stats = pipeline::run(self.sources.clone(), self.pipeline, process, consume);
        // The range of the logs is that of every event read, the selection's that of those
        // kept.
        let range = (
            stats.first.map(|s| (s.sec, s.msec)),
            stats.last.map(|s| (s.sec, s.msec)),
        );
        let out = self.write_summary_report(&all, range);
        writer.write(&out);
        (stats, all.events)
    }

    fn write_summary_report(
        &self,
        totals: &Totals,
        range: (Option<When>, Option<When>),
    ) -> Vec<u8> {
        let zone = self.options.zone;
        let when = |t: Option<(u64, u16)>| {
            t.map_or_else(
                || "?".to_string(),
                |(sec, msec)| {
                    let (date, clock, ms) = date_time(sec, msec, zone);
                    format!("{date} {clock}.{ms}")
                },
            )
        };
        let bound = |ms: Option<i64>, fallback: Option<(u64, u16)>| match ms {
            Some(ms) if ms >= 0 => when(Some(((ms / 1000) as u64, (ms % 1000) as u16))),
            _ => when(fallback),
        };
        let logs = (when(range.0), when(range.1));
        let selected = (
            bound(self.options.selected.0, totals.first),
            bound(self.options.selected.1, totals.last),
        );
        let figures = totals.figures();
        let mut out = Vec::new();
        match self.options.format {
            ReportFormat::Text => {
                let title = self.timed_title("Summary Report");
                out.extend_from_slice(format!("\n{title}\n{}\n", "=".repeat(22)).as_bytes());
                out.extend_from_slice(
                    format!(
                        "Range of time in logs: {} - {}\nSelected time for report: {} - {}\n",
                        logs.0, logs.1, selected.0, selected.1
                    )
                    .as_bytes(),
                );
                for (_, label, n) in &figures {
                    out.extend_from_slice(format!("{label}: {n}\n").as_bytes());
                }
                out.push(b'\n');
            }
            ReportFormat::Table => {
                let mut rows = vec![
                    vec![
                        "Range of time in logs".to_string(),
                        format!("{} - {}", logs.0, logs.1),
                    ],
                    vec![
                        "Selected time for report".to_string(),
                        format!("{} - {}", selected.0, selected.1),
                    ],
                ];
                rows.extend(figures.iter().map(|(_, label, n)| {
                    vec![
                        label.trim_start_matches("Number of ").to_string(),
                        n.to_string(),
                    ]
                }));
                out.extend_from_slice(
                    format!("{}\n", self.timed_title("Summary Report")).as_bytes(),
                );
                out.extend_from_slice(
                    output::table(&["", "number"], rows, self.options.color).as_bytes(),
                );
                out.push(b'\n');
            }
            ReportFormat::Csv | ReportFormat::Jsonl => {
                let iso = |t: Option<(u64, u16)>| {
                    t.map(|(s, m)| output::iso(s, m, zone)).unwrap_or_default()
                };
                let numbers: Vec<String> = figures.iter().map(|(_, _, n)| n.to_string()).collect();
                let mut pairs: Vec<(&str, Vec<u8>)> = vec![
                    ("first", iso(range.0).into_bytes()),
                    ("last", iso(range.1).into_bytes()),
                ];
                pairs.extend(
                    figures
                        .iter()
                        .zip(&numbers)
                        .map(|((name, _, _), n)| (*name, n.clone().into_bytes())),
                );
                if self.options.format == ReportFormat::Csv {
                    output::write_csv_line(&mut out, [&b"figure"[..], b"value"]);
                    for (name, value) in &pairs {
                        output::write_csv_line(&mut out, [name.as_bytes(), value]);
                    }
                } else {
                    output::write_json_object(
                        &mut out,
                        pairs.iter().map(|(k, v)| (*k, &v[..])),
                        |key| !matches!(key, "first" | "last"),
                    );
                }
            }
        }
        out
    }

    fn time_report(
        &self,
        keep: &(impl Fn(&Event) -> bool + Sync),
        writer: &mut Writer,
    ) -> (RunStats, u64) {
        let process = |events: &[Event]| {
            let mut spans: FxHashMap<u32, TimeSpan> = FxHashMap::default();
            let mut kept = 0u64;
            for event in events.iter().filter(|e| keep(e)) {
                kept += 1;
                let Some(stamp) = event.stamp() else { continue };
                let at = (stamp.sec, stamp.msec);
                // Each file an event's records lie in: an event cut by rotation counts in both.
                for span in &event.spans {
                    let entry = spans.entry(span.records.chunk.source).or_insert((at, at));
                    entry.0 = entry.0.min(at);
                    entry.1 = entry.1.max(at);
                }
            }
            (spans, kept)
        };
        let mut all: FxHashMap<u32, TimeSpan> = FxHashMap::default();
        let mut events = 0u64;
        let consume = |(spans, kept): (FxHashMap<u32, TimeSpan>, u64)| {
            events += kept;
            for (source, (first, last)) in spans {
                let entry = all.entry(source).or_insert((first, last));
                entry.0 = entry.0.min(first);
                entry.1 = entry.1.max(last);
            }
            Flow::Continue
        };
        let stats = pipeline::run(self.sources.clone(), self.pipeline, process, consume);
        let out = self.write_times(&all);
        writer.write(&out);
        (stats, events)
    }

    fn write_times(&self, spans: &FxHashMap<u32, TimeSpan>) -> Vec<u8> {
        let zone = self.options.zone;
        let layout = Layout {
            title: self.timed_title(ReportKind::Time.title(false)),
            columns: ReportKind::Time.columns(),
            timed: false,
        };
        let text = |(sec, msec): (u64, u16)| {
            let (date, clock, ms) = date_time(sec, msec, zone);
            format!("{date} {clock}.{ms}")
        };
        let mut rows = RowBuilder::default();
        for (i, source) in self.sources.iter().enumerate() {
            let (first, last) = match spans.get(&(i as u32)) {
                Some(&(first, last)) => match self.options.format {
                    ReportFormat::Csv | ReportFormat::Jsonl => (
                        output::iso(first.0, first.1, zone),
                        output::iso(last.0, last.1, zone),
                    ),
                    _ => (text(first), text(last)),
                },
                None => (String::new(), String::new()),
            };
            rows.plain_row(&[source.name.as_bytes(), first.as_bytes(), last.as_bytes()]);
        }
        let mut out = Vec::new();
        match self.options.format {
            ReportFormat::Text => {
                let rule = "=".repeat(layout.title.len());
                out.extend_from_slice(format!("\n{}\n{rule}\n", layout.title).as_bytes());
                for row in &rows.rows {
                    let cells: Vec<&[u8]> = row.cells().collect();
                    output::write_terminal_line(&mut out, cells[0]);
                    if cells[1].is_empty() {
                        out.extend_from_slice(b": no records\n");
                    } else {
                        out.extend_from_slice(b": ");
                        out.extend_from_slice(cells[1]);
                        out.extend_from_slice(b" - ");
                        out.extend_from_slice(cells[2]);
                        out.push(b'\n');
                    }
                }
            }
            ReportFormat::Table => {
                out.extend_from_slice(format!("{}\n", layout.title).as_bytes());
                let cells = rows
                    .rows
                    .iter()
                    .map(|r| r.cells().map(output::cell_text).collect());
                out.extend_from_slice(
                    output::table(layout.columns, cells, self.options.color).as_bytes(),
                );
                out.push(b'\n');
            }
            ReportFormat::Csv => {
                output::csv_heading(&mut out, &layout, &[]);
                for row in &rows.rows {
                    output::write_csv_line(&mut out, row.cells());
                }
            }
            ReportFormat::Jsonl => {
                for row in &rows.rows {
                    output::write_json_object(
                        &mut out,
                        layout.columns.iter().copied().zip(row.cells()),
                        output::numeric_column,
                    );
                }
            }
        }
        out
    }
}

fn add_count(counts: &mut FxHashMap<Vec<u8>, u64>, item: &[u8], n: u64) {
    match counts.get_mut(item) {
        Some(count) => *count += n,
        None => {
            counts.insert(item.to_vec(), n);
        }
    }
}

/// A summary's counts in the chosen format.
fn write_counts(
    items: &[(Vec<u8>, u64)],
    layout: &Layout,
    format: ReportFormat,
    color: bool,
) -> Vec<u8> {
    let item_name = layout.columns[0];
    let mut out = Vec::new();
    match format {
        ReportFormat::Text => {
            output::write_banner(&mut out, layout, &format!("total  {item_name}"));
            let width = items.first().map_or(1, |(_, n)| n.to_string().len());
            for (item, n) in items {
                out.extend_from_slice(format!("{n:<width$}  ").as_bytes());
                output::write_terminal_line(&mut out, item);
                out.push(b'\n');
            }
        }
        ReportFormat::Table => {
            out.extend_from_slice(format!("{}\n", layout.title).as_bytes());
            if !items.is_empty() {
                let rows = items
                    .iter()
                    .map(|(item, n)| vec![n.to_string(), output::cell_text(item)]);
                out.extend_from_slice(output::table(&["total", item_name], rows, color).as_bytes());
                out.push(b'\n');
            }
        }
        ReportFormat::Csv => {
            output::write_csv_line(&mut out, [&b"count"[..], item_name.as_bytes()]);
            for (item, n) in items {
                output::write_csv_line(&mut out, [n.to_string().as_bytes(), &item[..]]);
            }
        }
        ReportFormat::Jsonl => {
            for (item, n) in items {
                let count = n.to_string();
                output::write_json_object(
                    &mut out,
                    [("count", count.as_bytes()), (item_name, &item[..])],
                    output::numeric_column,
                );
            }
        }
    }
    if items.is_empty() && matches!(format, ReportFormat::Text | ReportFormat::Table) {
        out.extend_from_slice(b"<no events of interest were found>\n\n");
    }
    out
}

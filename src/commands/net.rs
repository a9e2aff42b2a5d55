//! `ausift net`: every socket call of the logs joined with its decoded address and the process
//! that made it — who connected where, who accepted whom, who listened on which port — as rows
//! in input order, or counted per program and peer, per peer, per program, or per bound port.
//!
//! Rows come from events whose SYSCALL record made a socket call (see [`row`]); the shared
//! filters choose the events, [`select::RowFilter`] the rows. Summaries are counted per batch
//! of events in parallel and merged in input order ([`summary`]).

pub mod cells;
pub mod row;
pub mod select;
pub mod summary;

use crate::event::Event;
use crate::input::DiscoverOptions;
use crate::interpret::names::NameLookup;
use crate::output::rows::{self, Cell, TextTable};
use crate::output::sink::{Sink, SinkError};
use crate::pipeline::{self, Flow, PipelineOptions};
use crate::query::Filter;
use crate::query::time::Zone;
use crate::record::Stamp;
use crate::stats::RunStats;
use cells::{address_text, family_key};
use row::{Detail, Direction, Endpoint, NetRow, Outcome, row_of};
use rustc_hash::FxHashMap;
use select::RowFilter;
use std::collections::VecDeque;
use std::sync::Arc;
use summary::{KeyBuf, LIST_CAP, PID_CAP, Tallies};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetFormat {
    /// comfy-table on a terminal, plain aligned columns otherwise.
    Table,
    Csv,
    Jsonl,
}

/// What one summary row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryBy {
    /// Program, direction and peer (or bound address) with its port.
    Flow,
    /// Address alone.
    Host,
    /// Program alone.
    Exe,
    /// Address and port bound or listened on, per host and program.
    Listening,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Rows,
    Summary(SummaryBy),
}

#[derive(Clone)]
pub struct NetOptions {
    pub inputs: Vec<String>,
    pub filter: Filter,
    pub rows: RowFilter,
    pub view: View,
    pub format: NetFormat,
    /// The table goes to a terminal (comfy-table, fitted to its width).
    pub terminal: bool,
    /// Headings and failures in colour.
    pub color: bool,
    pub zone: Zone,
    /// Names for ids the records carry no ENRICHED name for.
    pub names: Arc<dyn NameLookup + Send + Sync>,
    pub pipeline: PipelineOptions,
    pub discover: DiscoverOptions,
}

pub struct NetOutcome {
    pub stats: RunStats,
    pub output_error: Option<std::io::Error>,
}

/// Where the output goes: the sink, and the first write error.
struct Output<'s> {
    sink: &'s mut Sink,
    error: Option<std::io::Error>,
}

impl Output<'_> {
    /// Writes `bytes`; false once the reader is gone or writing failed.
    fn write(&mut self, bytes: &[u8]) -> bool {
        self.sink.write_keeping(bytes, &mut self.error)
    }
}

pub fn run(options: &NetOptions, sink: &mut Sink) -> NetOutcome {
    let (sources, discovery) = super::discover_sources(&options.inputs, &options.discover);
    let matcher = options.filter.matcher();
    let detail = match options.view {
        View::Rows => Detail::Full(&*options.names),
        View::Summary(_) => Detail::Counted,
    };
    let rows_of = |events: &[Event], each: &mut dyn FnMut(&NetRow)| {
        for event in events {
            if let Some(row) = row_of(event, detail)
                && matcher.matches(event)
            {
                each(&row);
            }
        }
    };
    let mut netrun = NetRun {
        options,
        pipeline: PipelineOptions {
            marker: matcher.marker().map(Arc::new),
            ..options.pipeline.clone()
        },
        sources,
        rows_of: &rows_of,
        out: Output { sink, error: None },
    };
    let (stats, matched) = match options.view {
        View::Rows => netrun.rows(),
        View::Summary(SummaryBy::Listening) => netrun.listening(),
        View::Summary(by) => netrun.summary(by),
    };
    let mut stats = super::merge_discovery(stats, discovery);
    stats.matched = matched;
    let mut out = netrun.out;
    if let Err(SinkError::Io(err)) = out.sink.finish() {
        out.error.get_or_insert(err);
    }
    NetOutcome {
        stats,
        output_error: out.error,
    }
}

/// The rows of a batch of events that pass the shared filters, each handed to a function.
type RowsOf<'f> = dyn Fn(&[Event], &mut dyn FnMut(&NetRow)) + Sync + 'f;

/// One run of the view: what it reads, how it finds rows, where it writes.
struct NetRun<'r> {
    options: &'r NetOptions,
    pipeline: PipelineOptions,
    sources: Arc<Vec<crate::input::Source>>,
    rows_of: &'r RowsOf<'r>,
    out: Output<'r>,
}

/// What one batch of events gave in the row view.
#[derive(Default)]
struct RowBatch {
    text: Vec<u8>,
    table: Vec<Vec<String>>,
    rows: u64,
}

impl NetRun<'_> {
    /// One row per call, in input order; the table is written once all rows are in.
    fn rows(&mut self) -> (RunStats, u64) {
        let (options, rows_of, out) = (self.options, self.rows_of, &mut self.out);
        let process = |events: &[Event]| {
            let mut batch = RowBatch::default();
            rows_of(events, &mut |row| {
                if !options.rows.accepts(row) {
                    return;
                }
                batch.rows += 1;
                match options.format {
                    NetFormat::Table => batch
                        .table
                        .push(TextTable::row_text(&cells::table_cells(row, options.zone))),
                    NetFormat::Csv => {
                        rows::write_csv(&mut batch.text, &cells::row_cells(row, options.zone))
                    }
                    NetFormat::Jsonl => rows::write_jsonl(
                        &mut batch.text,
                        cells::ROW_COLUMNS,
                        &cells::row_cells(row, options.zone),
                    ),
                }
            });
            batch
        };
        if options.format == NetFormat::Csv {
            let mut header = Vec::new();
            rows::write_csv_header(&mut header, cells::ROW_COLUMNS);
            out.write(&header);
        }
        let mut table = TextTable::new(cells::TABLE_COLUMNS.to_vec());
        let mut matched = 0;
        let consume = |batch: RowBatch| {
            matched += batch.rows;
            table.extend(batch.table);
            if batch.text.is_empty() || out.write(&batch.text) {
                Flow::Continue
            } else {
                Flow::Stop
            }
        };
        let stats = pipeline::run(self.sources.clone(), &self.pipeline, process, consume);
        if options.format == NetFormat::Table {
            if options.terminal {
                table.keep_columns(cells::TERMINAL_COLUMNS);
            }
            table.drop_empty_columns();
            write_table(&table, options, out);
        }
        (stats, matched)
    }

    /// Rows counted per key of `by`, most frequent first.
    fn summary(&mut self, by: SummaryBy) -> (RunStats, u64) {
        let (options, rows_of) = (self.options, self.rows_of);
        let process = |events: &[Event]| {
            let mut tallies = Tallies::default();
            let mut key = KeyBuf::default();
            rows_of(events, &mut |row| {
                if options.rows.accepts(row) {
                    tally_row(by, row, &mut key, &mut tallies);
                }
            });
            tallies
        };
        let mut all = Tallies::default();
        let consume = |tallies: Tallies| {
            all.merge(tallies);
            Flow::Continue
        };
        let stats = pipeline::run(self.sources.clone(), &self.pipeline, process, consume);
        write_tallies(by, &all, options, &mut self.out);
        (stats, all.total())
    }

    /// Addresses bound or listened on, per host and program.
    fn listening(&mut self) -> (RunStats, u64) {
        let (options, rows_of) = (self.options, self.rows_of);
        let process = |events: &[Event]| {
            let mut calls = Vec::new();
            rows_of(events, &mut |row| {
                if row.direction == Direction::Listen && options.rows.accepts_outcome(row) {
                    calls.push(ListenCall {
                        node: row.node.unwrap_or_default().to_vec(),
                        pid: row.pid,
                        fd: row.fd,
                        exe: row
                            .exe
                            .as_deref()
                            .or(row.comm.as_deref())
                            .unwrap_or_default()
                            .to_vec(),
                        is_listen: row.call == "listen",
                        endpoint: row.endpoint.clone(),
                        outcome: row.outcome,
                        stamp: row.stamp,
                    });
                }
            });
            calls
        };
        let mut bound = BoundSockets::default();
        let mut tallies = Tallies::default();
        let mut key = KeyBuf::default();
        let mut counted = 0u64;
        let consume = |calls: Vec<ListenCall>| {
            for call in calls {
                let socket = call
                    .pid
                    .zip(call.fd)
                    .map(|(p, f)| (call.node.clone(), p, f));
                let endpoint = match (&socket, call.is_listen) {
                    (Some(socket), true) => bound.get(socket).cloned().unwrap_or(Endpoint::None),
                    _ => call.endpoint.clone(),
                };
                if let (Some(socket), false, Outcome::Success) =
                    (socket, call.is_listen, call.outcome)
                {
                    bound.bind(socket, call.endpoint);
                }
                if !options.rows.accepts_endpoint(&endpoint, Direction::Listen) {
                    continue;
                }
                counted += 1;
                key.clear();
                key.part(&call.node)
                    .part(&call.exe)
                    .part(&family_key(endpoint.family()))
                    .part(&address_text(&endpoint, None))
                    .part(&port_text(&endpoint));
                let tally = tallies.entry(&key);
                count_row(tally, call.outcome, call.pid, call.stamp);
                match call.is_listen {
                    true => tally.listens += 1,
                    false => tally.binds += 1,
                }
            }
            Flow::Continue
        };
        let stats = pipeline::run(self.sources.clone(), &self.pipeline, process, consume);
        write_tallies(SummaryBy::Listening, &tallies, options, &mut self.out);
        (stats, counted)
    }
}

fn write_table(table: &TextTable, options: &NetOptions, out: &mut Output) {
    if table.is_empty() {
        return;
    }
    let text = match options.terminal {
        true => table.render_terminal(options.color),
        false => table.render_plain(options.color),
    };
    out.write(&text);
}

/// Counts a row into the tally of its key.
fn count_row(tally: &mut summary::Tally, outcome: Outcome, pid: Option<u64>, stamp: Option<Stamp>) {
    tally.count += 1;
    match outcome {
        Outcome::Success => tally.ok += 1,
        Outcome::Pending => tally.pending += 1,
        Outcome::Failed(_) => tally.failed += 1,
    }
    tally.note_time(stamp);
    if let Some(pid) = pid {
        tally.pids.insert(pid, PID_CAP);
    }
}

fn tally_row(by: SummaryBy, row: &NetRow, key: &mut KeyBuf, tallies: &mut Tallies) {
    let exe = row
        .exe
        .as_deref()
        .or(row.comm.as_deref())
        .unwrap_or_default();
    let address = address_text(&row.endpoint, row.arch);
    let port = port_text(&row.endpoint);
    let family = family_key(row.endpoint.family());
    // Per peer and per program count peers: a socket() or listen() call has none.
    let has_peer = matches!(row.endpoint, Endpoint::Address(_)) && !address.is_empty();
    key.clear();
    match by {
        SummaryBy::Flow => key
            .part(exe)
            .part(row.direction.name().as_bytes())
            .part(&family)
            .part(&address)
            .part(&port),
        SummaryBy::Host if has_peer => key.part(&family).part(&address),
        SummaryBy::Host => return,
        SummaryBy::Exe | SummaryBy::Listening => key.part(exe),
    };
    let tally = tallies.entry(key);
    count_row(tally, row.outcome, row.pid, row.stamp);
    match by {
        SummaryBy::Host => {
            if let Some(port) = port_of(&row.endpoint) {
                tally.ports.insert(port, LIST_CAP);
            }
            tally.related.insert(exe.to_vec(), LIST_CAP);
        }
        SummaryBy::Exe if has_peer => {
            tally.related.insert(peer_text(&address, &port), LIST_CAP);
        }
        _ => {}
    }
}

/// `address:port`, an IPv6 address in brackets (`[2001:db8::1]:443`).
fn peer_text(address: &[u8], port: &[u8]) -> Vec<u8> {
    if port.is_empty() {
        return address.to_vec();
    }
    let bracket = address.contains(&b':');
    let mut peer = Vec::with_capacity(address.len() + port.len() + 3);
    if bracket {
        peer.push(b'[');
    }
    peer.extend_from_slice(address);
    if bracket {
        peer.push(b']');
    }
    peer.push(b':');
    peer.extend_from_slice(port);
    peer
}

fn port_of(endpoint: &Endpoint) -> Option<u16> {
    match endpoint {
        Endpoint::Address(address) => address.port(),
        _ => None,
    }
}

fn port_text(endpoint: &Endpoint) -> Vec<u8> {
    port_of(endpoint).map_or_else(Vec::new, |p| p.to_string().into_bytes())
}

fn write_tallies(by: SummaryBy, tallies: &Tallies, options: &NetOptions, out: &mut Output) {
    let columns = cells::summary_columns(by);
    let sorted = tallies.sorted();
    let mut text = Vec::new();
    let mut table = TextTable::new(columns.clone());
    if options.format == NetFormat::Csv {
        rows::write_csv_header(&mut text, &columns);
    }
    for (key, tally) in sorted {
        let row: Vec<Cell> = cells::summary_cells(by, key, tally, options.zone);
        match options.format {
            NetFormat::Table => table.push(TextTable::row_text(&row)),
            NetFormat::Csv => rows::write_csv(&mut text, &row),
            NetFormat::Jsonl => rows::write_jsonl(&mut text, &columns, &row),
        }
    }
    if options.format == NetFormat::Table {
        table.drop_empty_columns();
        write_table(&table, options, out);
    } else {
        out.write(&text);
    }
}

/// A bind() or listen() call, kept for the listening view, which joins a listen() to the
/// bind() of the same socket (listen() names no address).
struct ListenCall {
    node: Vec<u8>,
    pid: Option<u64>,
    fd: Option<u64>,
    exe: Vec<u8>,
    is_listen: bool,
    endpoint: Endpoint,
    outcome: Outcome,
    stamp: Option<Stamp>,
}

/// Most bound sockets remembered for joining listen() calls; the oldest go first.
const BOUND_CAP: usize = 1 << 16;

/// Sockets bound so far, by node, pid and fd.
#[derive(Default)]
struct BoundSockets {
    map: FxHashMap<(Vec<u8>, u64, u64), Endpoint>,
    order: VecDeque<(Vec<u8>, u64, u64)>,
}

impl BoundSockets {
    fn bind(&mut self, key: (Vec<u8>, u64, u64), endpoint: Endpoint) {
        if self.map.insert(key.clone(), endpoint).is_none() {
            self.order.push_back(key);
        }
        if self.order.len() > BOUND_CAP
            && let Some(oldest) = self.order.pop_front()
        {
            self.map.remove(&oldest);
        }
    }

    fn get(&self, key: &(Vec<u8>, u64, u64)) -> Option<&Endpoint> {
        self.map.get(key)
    }
}

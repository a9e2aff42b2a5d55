//! The engine every subcommand runs on: read chunks, parse them in parallel, group records
//! into events in input order, hand batches of events to the command's processing in parallel,
//! and deliver the results in order.
//!
//! Work goes in waves of a few chunks. While one wave is parsed, the one before the previous
//! is grouped and processed (and the results of the step before are delivered meanwhile), so
//! parsing overlaps grouping and the grouper knows a whole wave ahead of the one it groups
//! (which lets it seal most events, see `event::grouper`); memory holds three waves of chunks.
//! Decompression runs on threads of its own. Everything that reaches the caller is in input
//! order, so the output is the same for any number of threads.

use crate::event::{Event, Grouper, Marker, ParsedChunk, Window, parse_chunk};
use crate::input::{ChunkReader, InputError, ReadOptions, Source};
use crate::output::progress::Progress;
use crate::stats::{LISTED_SKIPS, RunStats, SkipNote};
use rayon::prelude::*;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug)]
pub struct PipelineOptions {
    pub threads: usize,
    pub read: ReadOptions,
    pub window: Window,
    /// Events handed to one call of the processing function.
    pub batch: usize,
    /// Needles to mark events by while parsing (see [`Marker`]).
    pub marker: Option<Arc<Marker>>,
    /// How many skipped lines are kept for listing (all are counted).
    pub listed_skips: usize,
    /// A progress bar may be drawn on stderr (a terminal, no `-q`); it is for large inputs.
    pub progress: bool,
    /// Results are delivered while the next step's are made, rather than before: for output
    /// so large that writing it would leave threads idle (an export is 3.5 times its input),
    /// at some cost in threads waiting on each other where it is small.
    pub deliver_while_processing: bool,
}

impl Default for PipelineOptions {
    fn default() -> Self {
        PipelineOptions {
            threads: default_threads(),
            read: ReadOptions::default(),
            window: Window::default(),
            batch: 1024,
            marker: None,
            listed_skips: LISTED_SKIPS,
            progress: false,
            deliver_while_processing: false,
        }
    }
}

pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Whether the consumer wants more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// Runs the pipeline over `sources`. `process` turns a batch of events into a result (on any
/// thread); `consume` receives the results in input order and may stop the run.
pub fn run<T, P, C>(
    sources: Arc<Vec<Source>>,
    options: &PipelineOptions,
    process: P,
    consume: C,
) -> RunStats
where
    T: Send,
    P: Fn(&[Event]) -> T + Sync,
    C: FnMut(T) -> Flow + Send,
{
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.max(1))
        .build()
        .expect("a thread pool can be built");
    let mut engine = Engine {
        grouper: Grouper::new(options.window),
        stats: RunStats {
            files: sources.len(),
            ..RunStats::default()
        },
        lines_before: vec![0; sources.len()],
        sources: sources.clone(),
        batch: options.batch.max(1),
        listed_skips: options.listed_skips,
        stopped: false,
        events: Vec::new(),
    };
    let total: u64 = sources.iter().map(|s| s.size).sum();
    let progress = Progress::start(total, options.progress);
    let mut reader = ChunkReader::new(sources, options.read.clone());
    let counters = reader.counters();
    // Four chunks a thread: the threads wait for a wave's slowest chunk, so finer chunks
    // leave them idle less (two 8 MiB chunks a thread lost a tenth of the time that way).
    let wave_size = options.threads.max(1) * 4;
    let window = options.window;
    let marker = options.marker.as_deref();
    let deliver_while_processing = options.deliver_while_processing;
    let mut consume = consume;
    // Parsed waves not yet grouped: a wave is grouped once the next one is parsed, so the
    // grouper sees a whole wave ahead (see `Grouper::push_chunk`).
    let mut pending: VecDeque<Vec<ParsedChunk>> = VecDeque::new();
    // A step's results are delivered during the next step, so that writing the output overlaps
    // parsing and processing instead of holding every thread up.
    let mut undelivered: Option<Vec<T>> = None;
    loop {
        let wave = read_wave(&mut reader, wave_size, &mut engine.stats.errors);
        progress.set(counters.bytes_in.load(std::sync::atomic::Ordering::Relaxed));
        let last = wave.is_empty();
        let ready = if pending.len() >= 2 {
            pending.pop_front()
        } else {
            None
        };
        let next = pending.front().map_or(&[][..], Vec::as_slice);
        let (parsed, outputs) = pool.install(|| {
            rayon::join(
                || {
                    wave.into_par_iter()
                        .map(|chunk| parse_chunk(chunk, window, marker))
                        .collect::<Vec<ParsedChunk>>()
                },
                || {
                    let mut previous = undelivered.take();
                    if ready.is_none() || !deliver_while_processing {
                        engine.deliver(previous.take(), &mut consume);
                    }
                    let wave = ready.filter(|_| !engine.stopped)?;
                    let events = engine.group(wave, next, false);
                    let batch = engine.batch;
                    let made = || events.par_chunks(batch).map(&process).collect();
                    let outputs = match previous {
                        Some(_) => rayon::join(made, || engine.deliver(previous, &mut consume)).0,
                        None => made(),
                    };
                    engine.recycle(events);
                    Some(outputs)
                },
            )
        });
        undelivered = outputs;
        if engine.stopped {
            break;
        }
        if last {
            engine.deliver(undelivered.take(), &mut consume);
            while !engine.stopped
                && let Some(wave) = pending.pop_front()
            {
                let next = pending.front().map_or(&[][..], Vec::as_slice);
                let end = next.is_empty();
                let events = engine.group(wave, next, end);
                let outputs =
                    pool.install(|| events.par_chunks(engine.batch).map(&process).collect());
                engine.recycle(events);
                engine.deliver(Some(outputs), &mut consume);
            }
            break;
        }
        pending.push_back(parsed);
    }
    progress.finish();
    let mut stats = engine.stats;
    stats.errors.extend(reader.shrunk_inputs());
    stats.late_records = engine.grouper.late_records();
    stats.cut_events = engine.grouper.cut_events();
    stats.bytes_in = counters.bytes_in.load(std::sync::atomic::Ordering::Relaxed);
    stats.bytes_out = counters
        .bytes_out
        .load(std::sync::atomic::Ordering::Relaxed);
    stats.elapsed = started.elapsed();
    stats
}

fn read_wave(
    reader: &mut ChunkReader,
    size: usize,
    errors: &mut Vec<InputError>,
) -> Vec<Arc<crate::input::Chunk>> {
    let mut wave = Vec::with_capacity(size);
    while wave.len() < size {
        match reader.next() {
            Some(Ok(chunk)) => wave.push(Arc::new(chunk)),
            Some(Err(err)) => errors.push(err),
            None => break,
        }
    }
    wave
}

struct Engine {
    grouper: Grouper,
    stats: RunStats,
    lines_before: Vec<u64>,
    sources: Arc<Vec<Source>>,
    batch: usize,
    listed_skips: usize,
    stopped: bool,
    /// The events of one step, kept between steps for their allocation.
    events: Vec<Event>,
}

impl Engine {
    /// Groups a wave's records into the events it closes. `next` is the wave that follows,
    /// parsed already; `end` says that nothing follows.
    fn group(&mut self, parsed: Vec<ParsedChunk>, next: &[ParsedChunk], end: bool) -> Vec<Event> {
        let mut events = std::mem::take(&mut self.events);
        let known: Vec<&ParsedChunk> = parsed.iter().chain(next).collect();
        for (i, chunk) in parsed.iter().enumerate() {
            self.account(chunk);
            self.grouper.push_chunk(chunk, &known[i + 1..], end);
            self.grouper.drain(&mut events, false);
        }
        if end {
            self.grouper.drain(&mut events, true);
        }
        self.stats.events += events.len() as u64;
        for event in &events {
            if let Some(stamp) = event.stamp() {
                self.stats.note_time(stamp);
            }
        }
        events
    }

    /// Keeps a step's event list for its allocation.
    fn recycle(&mut self, mut events: Vec<Event>) {
        events.clear();
        self.events = events;
    }

    /// Counts a chunk's lines, records and skipped lines, with their line numbers in the file.
    fn account(&mut self, chunk: &ParsedChunk) {
        let source = chunk.records.chunk.source as usize;
        let base = self.lines_before[source];
        self.lines_before[source] += chunk.lines as u64;
        self.stats.lines += chunk.lines as u64;
        self.stats.records += chunk.records.recs.len() as u64;
        for skip in &chunk.skipped {
            *self.stats.skipped.entry(skip.reason).or_default() += 1;
            if skip.reason.is_damage() && self.stats.skip_notes.len() < self.listed_skips {
                self.stats.skip_notes.push(SkipNote {
                    source: self.sources[source].name.clone(),
                    line: base + skip.line as u64 + 1,
                    reason: skip.reason,
                });
            }
        }
    }

    fn deliver<T>(&mut self, outputs: Option<Vec<T>>, consume: &mut impl FnMut(T) -> Flow) {
        for output in outputs.into_iter().flatten() {
            if self.stopped {
                return;
            }
            if consume(output) == Flow::Stop {
                self.stopped = true;
            }
        }
    }
}

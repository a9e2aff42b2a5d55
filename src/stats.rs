//! What a run read, skipped and found: the figures behind `--stats` and the exit status.

use crate::input::InputError;
use crate::record::{SkipReason, Stamp};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

/// A skipped line kept for the report.
#[derive(Clone, Debug)]
pub struct SkipNote {
    pub source: String,
    pub line: u64,
    pub reason: SkipReason,
}

/// How many skipped lines are kept to be listed one by one (all of them are counted).
pub const LISTED_SKIPS: usize = 1000;
/// As many, with `--debug`, which lists every skipped line up to this bound on memory.
pub const DEBUG_LISTED_SKIPS: usize = 1_000_000;

#[derive(Clone, Debug, Default)]
pub struct RunStats {
    pub files: usize,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub lines: u64,
    pub records: u64,
    pub events: u64,
    pub matched: u64,
    pub late_records: u64,
    /// Further pieces of events that reached the record cap.
    pub cut_events: u64,
    pub skipped: BTreeMap<SkipReason, u64>,
    pub skip_notes: Vec<SkipNote>,
    pub first: Option<Stamp>,
    pub last: Option<Stamp>,
    pub errors: Vec<InputError>,
    pub passed_over: Vec<String>,
    pub elapsed: Duration,
}

impl RunStats {
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Lines that were damaged rather than blank or comments.
    pub fn damaged_lines(&self) -> u64 {
        self.skipped
            .iter()
            .filter(|(reason, _)| reason.is_damage())
            .map(|(_, n)| n)
            .sum()
    }

    pub fn note_time(&mut self, stamp: Stamp) {
        let older = |a: &Stamp, b: &Stamp| (a.sec, a.msec) < (b.sec, b.msec);
        if self.first.is_none_or(|f| older(&stamp, &f)) {
            self.first = Some(stamp);
        }
        if self.last.is_none_or(|l| older(&l, &stamp)) {
            self.last = Some(stamp);
        }
    }

    /// The `--stats` report, for stderr.
    pub fn report(&self, list_all_skips: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "files:          {}", self.files);
        let _ = writeln!(
            out,
            "bytes:          {} read, {} after decompression",
            self.bytes_in, self.bytes_out
        );
        let _ = writeln!(out, "lines:          {}", self.lines);
        let _ = writeln!(out, "records:        {}", self.records);
        let _ = writeln!(out, "events:         {}", self.events);
        let _ = writeln!(out, "matched events: {}", self.matched);
        let _ = writeln!(out, "lines skipped:  {}", self.skipped_total());
        for (reason, count) in &self.skipped {
            let _ = writeln!(out, "  {}: {}", reason.describe(), count);
        }
        if self.late_records > 0 {
            let _ = writeln!(
                out,
                "late records:   {} (arrived after their event was output; raise --window-records)",
                self.late_records
            );
        }
        if self.cut_events > 0 {
            let _ = writeln!(
                out,
                "events cut:     {} (pieces past the --max-event-records cap)",
                self.cut_events
            );
        }
        let time = |s: Option<Stamp>| {
            s.map_or("-".to_string(), |s| {
                crate::output::time::iso_utc(s.sec, s.msec)
            })
        };
        let _ = writeln!(out, "first event:    {}", time(self.first));
        let _ = writeln!(out, "last event:     {}", time(self.last));
        let _ = writeln!(out, "elapsed:        {:.3} s", self.elapsed.as_secs_f64());
        let limit = if list_all_skips { usize::MAX } else { 100 };
        out.push_str(&self.skip_listing(limit));
        out
    }

    /// The skipped lines as `file:line: reason`, at most `limit` of them, then how many more
    /// were skipped.
    pub fn skip_listing(&self, limit: usize) -> String {
        let mut out = String::new();
        let listed = self.skip_notes.iter().filter(|n| n.reason.is_damage());
        let mut shown = 0u64;
        for note in listed.take(limit) {
            let _ = writeln!(
                out,
                "{}:{}: {}",
                note.source,
                note.line,
                note.reason.describe()
            );
            shown += 1;
        }
        let more = self.damaged_lines().saturating_sub(shown);
        if more > 0 {
            let _ = writeln!(
                out,
                "… and {more} more skipped line(s) not listed (--debug lists up to {DEBUG_LISTED_SKIPS})"
            );
        }
        out
    }
}

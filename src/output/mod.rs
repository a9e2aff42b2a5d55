//! Output: the writers for each format (raw, JSON Lines, CSV, tables and plain columns, argv
//! as shell words), time formatting, terminal escaping, and the stdout
//! wrapper that buffers for pipes, flushes per line for terminals and treats a closed pipe as
//! a normal end.
//!
//! [`EventWriter`] is what a subcommand that prints events holds: it renders one event in the
//! chosen [`Format`] into a buffer, on any thread.

pub mod color;
pub mod csv;
pub mod default;
pub mod escape;
pub mod event_csv;
pub mod export;
pub mod file;
pub mod interpreted;
pub mod json;
pub mod jsonl;
pub mod progress;
pub mod raw;
pub mod rows;
pub mod shell;
pub mod sink;
pub mod table;
pub mod text;
pub mod time;

pub use escape::EscapeMode;
pub use sink::{Sink, TerminalEscape};

use crate::event::Event;
use crate::interpret::names::NameLookup;
use crate::query::time::Zone;
use std::sync::Arc;

/// How events are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The records as logged.
    Raw,
    /// ausearch's default: `----`, the time, the records as logged (last first).
    Default,
    /// `ausearch -i`: every value interpreted.
    Interpreted,
    /// One sentence per event.
    Text,
    /// ausearch's csv columns, RFC 4180 quoting.
    Csv,
    /// One JSON object per event.
    Jsonl,
}

/// The optional csv columns (ausearch's `--extra-*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CsvColumns {
    pub keys: bool,
    pub time: bool,
    pub labels: bool,
    pub obj2: bool,
}

/// What every writer needs besides the event.
#[derive(Clone)]
pub struct WriterOptions {
    pub zone: Zone,
    pub escape: EscapeMode,
    /// Names for ids the records do not name themselves.
    pub names: Arc<dyn NameLookup + Send + Sync>,
    pub csv: CsvColumns,
}

impl std::fmt::Debug for WriterOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriterOptions")
            .field("zone", &self.zone)
            .field("escape", &self.escape)
            .field("csv", &self.csv)
            .finish_non_exhaustive()
    }
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            zone: Zone::Utc,
            escape: EscapeMode::Tty,
            names: Arc::new(crate::interpret::names::NoNames),
            csv: CsvColumns::default(),
        }
    }
}

/// Renders events in one format.
#[derive(Clone, Debug)]
pub struct EventWriter {
    pub format: Format,
    pub options: WriterOptions,
}

impl EventWriter {
    pub fn new(format: Format, options: WriterOptions) -> Self {
        EventWriter { format, options }
    }

    /// What comes before the first event: the csv header line.
    pub fn header(&self) -> Option<Vec<u8>> {
        (self.format == Format::Csv).then(|| event_csv::header(&self.options.csv))
    }

    /// Appends `event`.
    pub fn write_event(&self, out: &mut Vec<u8>, event: &Event) {
        let options = &self.options;
        match self.format {
            Format::Raw => raw::write_event(out, event),
            Format::Default => default::write_event(out, event, options),
            Format::Interpreted => interpreted::write_event(out, event, options),
            Format::Text => text::write_event(out, event, options),
            Format::Csv => event_csv::write_event(out, event, options),
            Format::Jsonl => jsonl::write_event(out, event, options),
        }
    }

    /// What a terminal must not be shown of this format's text.
    pub fn terminal_escape(&self) -> TerminalEscape {
        match self.format {
            Format::Raw => TerminalEscape::Verbatim,
            _ => TerminalEscape::Controls,
        }
    }
}

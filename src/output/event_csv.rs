//! `--format csv`: one line per event with the columns of `ausearch --format csv` (a header
//! first), and the optional `--extra-keys`, `--extra-time`, `--extra-labels` and
//! `--extra-obj2` columns. Fields are quoted as RFC 4180 says (ausearch does not quote, so a
//! comma in a path shifts its columns). DATE is ISO-8601 (`2023-11-26`) and TIME `HH:MM:SS`
//! in the chosen zone followed by the zone (`Z` for UTC, else its offset then, `+01:00`), where
//! ausearch gives no zone; GMT_OFFSET is the zone's offset then.

use super::text::Sentence;
use super::time::wall_clock;
use super::{CsvColumns, WriterOptions};
use crate::event::Event;
use crate::query::time::Zone;
use crate::record::Record;
use chrono::{Datelike, Timelike};

pub fn header(columns: &CsvColumns) -> Vec<u8> {
    let mut names = vec!["NODE", "EVENT", "DATE", "TIME"];
    if columns.time {
        names.extend([
            "YEAR",
            "MONTH",
            "DAY",
            "WEEKDAY",
            "HOUR",
            "MILLI",
            "GMT_OFFSET",
        ]);
    }
    names.extend([
        "SERIAL_NUM",
        "EVENT_KIND",
        "SESSION",
        "SUBJ_PRIME",
        "SUBJ_SEC",
        "SUBJ_KIND",
    ]);
    if columns.labels {
        names.push("SUBJ_LABEL");
    }
    names.extend(["ACTION", "RESULT", "OBJ_PRIME", "OBJ_SEC"]);
    if columns.obj2 {
        names.push("OBJ2");
    }
    if columns.labels {
        names.push("OBJ_LABEL");
    }
    names.extend(["OBJ_KIND", "HOW"]);
    if columns.keys {
        names.push("KEY");
    }
    let mut line = names.join(",").into_bytes();
    line.push(b'\n');
    line
}

/// Builds one csv line, quoting each field as needed.
pub(crate) struct Row<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> Row<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>) -> Self {
        Row { out, first: true }
    }

    pub(crate) fn cell(&mut self, value: &[u8]) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        super::csv::write_field(self.out, value);
    }

    fn opt(&mut self, value: Option<Vec<u8>>) {
        self.cell(value.as_deref().unwrap_or_default());
    }

    /// Appends cells rendered already (quoted, joined by commas).
    pub(crate) fn raw_cells(&mut self, cells: &[u8]) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.extend_from_slice(cells);
    }

    pub(crate) fn text(&mut self, value: &str) {
        self.cell(value.as_bytes());
    }
}

pub fn write_event(out: &mut Vec<u8>, event: &Event, options: &WriterOptions) {
    let columns = options.csv;
    let records: Vec<Record> = event.records().collect();
    let sentence = Sentence::new(&records, event.node(), options, columns.labels);
    let mut row = Row { out, first: true };
    row.cell(event.node().unwrap_or_default());
    let first_type = records.first().map(|r| {
        r.type_code()
            .and_then(crate::record::types::name_of)
            .map_or(r.type_name(), str::as_bytes)
    });
    row.cell(first_type.unwrap_or_default());
    write_time(&mut row, event, options);
    row.text(
        &event
            .stamp()
            .map_or(String::new(), |s| s.serial.to_string()),
    );
    let parts = &sentence.parts;
    if parts.kind.is_none() {
        // No SYSCALL record in a multi-record event: nothing to normalise.
        let empty = 11 + 2 * usize::from(columns.labels) + usize::from(columns.obj2);
        for _ in 0..empty + usize::from(columns.keys) {
            row.cell(b"");
        }
        row.out.push(b'\n');
        return;
    }
    row.text(parts.kind.unwrap_or("unknown"));
    row.opt(parts.session.map(|p| sentence.field(p)));
    row.opt(sentence.subject());
    row.opt(parts.subject_secondary.map(|p| sentence.field(p)));
    row.text(parts.subject_kind.unwrap_or(""));
    if columns.labels {
        row.opt(parts.subject_label.map(|p| sentence.field(p)));
    }
    row.opt(Some(sentence.action().unwrap_or(b"did-unknown".to_vec())));
    row.text(match sentence.succeeded() {
        Some(true) => "success",
        Some(false) => "failed",
        None => "",
    });
    row.opt(sentence.object(false));
    row.opt(parts.object_secondary.map(|p| sentence.field(p)));
    if columns.obj2 {
        row.opt(parts.object2.map(|p| sentence.path_or_field(p)));
    }
    if columns.labels {
        row.opt(parts.object_label.map(|p| sentence.field(p)));
    }
    row.text(parts.object_kind.unwrap_or("unknown"));
    row.opt(parts.how.map(|h| sentence.part(h)));
    if columns.keys {
        row.opt(parts.key.map(|p| sentence.field(p)));
    }
    row.out.push(b'\n');
}

fn write_time(row: &mut Row, event: &Event, options: &WriterOptions) {
    let Some(stamp) = event.stamp() else {
        let cells = if options.csv.time { 9 } else { 2 };
        for _ in 0..cells {
            row.cell(b"");
        }
        return;
    };
    let (wall, offset) = wall_clock(stamp.sec, options.zone);
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.abs() / 60;
    let offset_text = format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60);
    row.text(&wall.format("%Y-%m-%d").to_string());
    // The zone goes with the time, so that a file read later still says which it was.
    let designator = if options.zone == Zone::Utc {
        "Z"
    } else {
        &offset_text
    };
    row.text(&format!("{}{designator}", wall.format("%H:%M:%S")));
    if options.csv.time {
        row.text(&wall.year().to_string());
        row.text(&format!("{:02}", wall.month()));
        row.text(&format!("{:02}", wall.day()));
        row.text(&wall.weekday().number_from_monday().to_string());
        row.text(&wall.hour().to_string());
        row.text(&stamp.msec.to_string());
        row.text(&offset_text);
    }
}

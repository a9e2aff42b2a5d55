//! How reports are written: aureport's plain text (piped), a table fitted to the terminal's
//! width, CSV (RFC 4180) or JSON Lines. Values come from the logs, so text bound for a
//! terminal or a line-per-row format has its control characters escaped.

use super::row::Row;
use crate::output::escape::write_terminal_safe;
use crate::output::json;
use crate::output::time::write_iso;
use crate::query::time::Zone;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// aureport's layout: a title block, then one line per row.
    Text,
    /// A table fitted to the terminal's width.
    Table,
    Csv,
    Jsonl,
}

/// The column headings and labels of one report.
pub struct Layout<'a> {
    pub title: String,
    /// Columns after the date and time (detailed reports) or after the count (summaries).
    pub columns: &'a [&'a str],
    /// Whether rows start with the event's date and time.
    pub timed: bool,
}

/// Date (`2023-11-26`), time (`09:17:01`) and milliseconds of an event in `zone`.
pub fn date_time(sec: u64, msec: u16, zone: Zone) -> (String, String, String) {
    let mut iso = Vec::with_capacity(32);
    write_iso(&mut iso, sec, msec, zone);
    let iso = String::from_utf8(iso).unwrap_or_default();
    (
        iso[..10].to_string(),
        iso[11..19].to_string(),
        iso[20..23].to_string(),
    )
}

/// The full ISO-8601 time, for machine formats.
pub fn iso(sec: u64, msec: u16, zone: Zone) -> String {
    let mut out = Vec::with_capacity(32);
    write_iso(&mut out, sec, msec, zone);
    String::from_utf8(out).unwrap_or_default()
}

/// One text line's worth of a value: control characters escaped, blanks kept.
pub fn write_terminal_line(out: &mut Vec<u8>, value: &[u8]) {
    write_terminal_safe(out, value);
}

pub fn write_banner(out: &mut Vec<u8>, layout: &Layout, heading: &str) {
    let rule = "=".repeat(heading.len().max(layout.title.len()));
    out.extend_from_slice(format!("\n{}\n{rule}\n{heading}\n{rule}\n", layout.title).as_bytes());
}

pub fn detailed_heading(layout: &Layout) -> String {
    let mut heading = String::from("# ");
    if layout.timed {
        heading.push_str("date time ");
    }
    heading.push_str(&layout.columns.join(" "));
    heading
}

pub fn write_csv_field(out: &mut Vec<u8>, value: &[u8]) {
    if value
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.push(b'"');
        for &b in value {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(value);
    }
}

pub fn write_csv_line<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a [u8]>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_csv_field(out, field);
    }
    out.extend_from_slice(b"\r\n");
}

/// Columns whose values are written as JSON numbers when they are numbers.
pub fn numeric_column(column: &str) -> bool {
    matches!(column, "event" | "pid" | "count")
}

/// A JSON value: a number where `numeric` says the column holds numbers, else text.
fn write_json_value(out: &mut Vec<u8>, numeric: bool, value: &[u8]) {
    let numeric =
        numeric && !value.is_empty() && value.len() < 20 && value.iter().all(u8::is_ascii_digit);
    if numeric {
        out.extend_from_slice(value);
    } else {
        json::write_str(out, value);
    }
}

/// One JSON object per line; `numeric` names the keys whose values are numbers.
pub fn write_json_object<'a>(
    out: &mut Vec<u8>,
    pairs: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    numeric: fn(&str) -> bool,
) {
    out.push(b'{');
    for (i, (key, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json::write_str(out, key.as_bytes());
        out.push(b':');
        write_json_value(out, numeric(key), value);
    }
    out.extend_from_slice(b"}\n");
}

/// Writes detailed rows numbered from `first_number` in a line format (text, csv, jsonl).
pub fn write_rows(
    out: &mut Vec<u8>,
    rows: &[Row],
    first_number: u64,
    layout: &Layout,
    format: ReportFormat,
    zone: Zone,
) {
    for (i, row) in rows.iter().enumerate() {
        let time = row.time.map(|(sec, msec)| iso(sec, msec, zone));
        match format {
            ReportFormat::Text | ReportFormat::Table => {
                out.extend_from_slice(format!("{}. ", first_number + i as u64).as_bytes());
                if layout.timed {
                    let (date, clock, _) = row
                        .time
                        .map(|(sec, msec)| date_time(sec, msec, zone))
                        .unwrap_or_else(|| ("?".into(), "?".into(), String::new()));
                    out.extend_from_slice(format!("{date} {clock} ").as_bytes());
                }
                for (j, cell) in row.cells().enumerate() {
                    if j > 0 {
                        out.push(b' ');
                    }
                    write_terminal_line(out, if cell.is_empty() { b"?" } else { cell });
                }
                out.push(b'\n');
            }
            ReportFormat::Csv => {
                let mut fields: Vec<&[u8]> = Vec::with_capacity(layout.columns.len() + 2);
                if layout.timed {
                    fields.push(time.as_deref().unwrap_or("").as_bytes());
                }
                fields.extend(row.cells());
                fields.push(row.node.as_deref().unwrap_or(b""));
                write_csv_line(out, fields);
            }
            ReportFormat::Jsonl => {
                let mut pairs: Vec<(&str, &[u8])> = Vec::with_capacity(layout.columns.len() + 2);
                if let Some(time) = &time {
                    pairs.push(("time", time.as_bytes()));
                }
                if let Some(node) = &row.node {
                    pairs.push(("node", node));
                }
                pairs.extend(layout.columns.iter().copied().zip(row.cells()));
                write_json_object(out, pairs, numeric_column);
            }
        }
    }
}

/// The heading line of CSV output.
pub fn csv_heading(out: &mut Vec<u8>, layout: &Layout, trailing: &[&str]) {
    let mut fields: Vec<&[u8]> = Vec::new();
    if layout.timed {
        fields.push(b"time");
    }
    fields.extend(layout.columns.iter().map(|c| c.as_bytes()));
    fields.extend(trailing.iter().map(|c| c.as_bytes()));
    write_csv_line(out, fields);
}

/// A table of `rows` (already text) under `heading`, fitted to the terminal.
pub fn table(heading: &[&str], rows: impl IntoIterator<Item = Vec<String>>, color: bool) -> String {
    crate::output::rows::styled_table(heading, rows, color).to_string()
}

/// A cell as terminal-safe text.
pub fn cell_text(value: &[u8]) -> String {
    let mut out = Vec::with_capacity(value.len());
    write_terminal_line(&mut out, value);
    String::from_utf8(out).unwrap_or_default()
}

/// The rows of a detailed report as table cells.
pub fn table_rows(rows: &[Row], layout: &Layout, zone: Zone) -> Vec<Vec<String>> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![(i + 1).to_string()];
            if layout.timed {
                let (date, clock, _) = row
                    .time
                    .map(|(sec, msec)| date_time(sec, msec, zone))
                    .unwrap_or_else(|| ("?".into(), "?".into(), String::new()));
                cells.push(date);
                cells.push(clock);
            }
            cells.extend(row.cells().map(cell_text));
            cells
        })
        .collect()
}

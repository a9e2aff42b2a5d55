//! `ausift export --format csv`: one row per event with a fixed column set ([`COLUMNS`],
//! documented in `docs/json-schema.md`), quoted as RFC 4180 says.
//!
//! Cells hold text only: a control character or a byte that is not UTF-8 is written as
//! `%XX` (its bytes in hex) and a literal `%` as `%25`, the escape of the JSON form, so a
//! spreadsheet never receives a line break or a terminal control inside a cell and the
//! original bytes can be recovered.

use super::EventView;
use crate::interpret::process::ProcessFacts;
use crate::output::event_csv::Row;
use crate::output::json::push_percent;
use crate::output::time::write_iso_utc;

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "time",
    "node",
    "id",
    "type",
    "pid",
    "ppid",
    "auid",
    "auid_name",
    "uid",
    "uid_name",
    "comm",
    "exe",
    "argv",
    "parent_exe",
    "parent_argv",
    "cwd",
    "syscall",
    "action",
    "object",
    "address",
    "result",
    "key",
    "file",
    "offset",
];

pub fn header() -> Vec<u8> {
    let mut line = COLUMNS.join(",").into_bytes();
    line.push(b'\n');
    line
}

/// Appends the row without the two parent cells; they go at `split`.
pub(crate) fn write_event(out: &mut Vec<u8>, view: &EventView) -> usize {
    let event = view.event;
    let facts = view.facts.as_ref();
    let mut cell = Vec::with_capacity(256);
    let mut row = Row::new(out);
    let mut time = Vec::with_capacity(24);
    let mut id = String::new();
    if let Some(s) = event.stamp() {
        write_iso_utc(&mut time, s.sec, s.msec);
        id = format!("{}.{:03}:{}", s.sec, s.msec, s.serial);
    }
    row.cell(&time);
    row.cell(escaped(&mut cell, event.node().unwrap_or_default()));
    row.cell(id.as_bytes());
    row.cell(escaped(
        &mut cell,
        view.records.first().map_or(&b""[..], |r| r.type_name()),
    ));
    let number = |n: Option<u32>| n.map_or_else(String::new, |n| n.to_string());
    row.text(&number(facts.and_then(|f| f.pid)));
    row.text(&number(facts.and_then(|f| f.ppid)));
    for key in ["auid", "uid"] {
        let id = facts.and_then(|f| if key == "auid" { f.auid } else { f.uid });
        row.text(&number(id));
        let name = view.id_name(key.as_bytes()).unwrap_or_default();
        row.cell(escaped(&mut cell, &name));
    }
    row.cell(escaped(
        &mut cell,
        facts.and_then(|f| f.comm.as_deref()).unwrap_or_default(),
    ));
    let own = facts.map(parent_cells);
    // exe and argv are the first two cells of the process as a parent.
    let own = own.as_deref().unwrap_or(b",");
    row.raw_cells(own);
    out.push(b',');
    let split = out.len();
    out.push(b',');
    let mut row = Row::new(out);
    row.cell(escaped(
        &mut cell,
        facts.and_then(|f| f.cwd.as_deref()).unwrap_or_default(),
    ));
    row.text(facts.and_then(|f| f.syscall.as_deref()).unwrap_or_default());
    let sentence = &view.sentence;
    row.cell(escaped(&mut cell, &sentence.action().unwrap_or_default()));
    row.cell(escaped(
        &mut cell,
        &sentence.object(false).unwrap_or_default(),
    ));
    row.cell(escaped(&mut cell, &view.address().unwrap_or_default()));
    row.text(view.result().unwrap_or_default());
    row.cell(escaped(&mut cell, &view.keys().join(&b' ')));
    row.cell(escaped(&mut cell, view.file));
    row.text(&view.offset.to_string());
    out.push(b'\n');
    split
}

/// The exe and argv cells of a process (argv joined by blanks).
pub(super) fn parent_cells(facts: &ProcessFacts) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    let mut cell = Vec::new();
    let mut row = Row::new(&mut out);
    row.cell(escaped(&mut cell, facts.exe.as_deref().unwrap_or_default()));
    let argv = facts
        .argv
        .as_ref()
        .map(|a| a.join(&b' '))
        .unwrap_or_default();
    row.cell(escaped(&mut cell, &argv));
    out
}

/// `bytes` with control characters, bytes that are not UTF-8 and `%` written as `%XX`.
fn escaped<'c>(scratch: &'c mut Vec<u8>, bytes: &[u8]) -> &'c [u8] {
    scratch.clear();
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            let mut utf8 = [0u8; 4];
            let encoded = c.encode_utf8(&mut utf8).as_bytes();
            if c.is_control() || c == '%' {
                encoded.iter().for_each(|&b| push_percent(scratch, b));
            } else {
                scratch.extend_from_slice(encoded);
            }
        }
        chunk
            .invalid()
            .iter()
            .for_each(|&b| push_percent(scratch, b));
    }
    scratch
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::json::unescape_percent;

    #[test]
    fn odd_bytes_are_escaped_reversibly() {
        let original: &[u8] = b"a,b\n\x00\x1b[31m%41 \xff caf\xc3\xa9 \xc2\x9b \x7f";
        let mut scratch = Vec::new();
        let text = escaped(&mut scratch, original).to_vec();
        assert!(
            text.iter().all(|&b| b >= 0x20 && b != 0x7f),
            "{text:?} holds a control byte"
        );
        assert!(!text.windows(2).any(|w| w == b"\xc2\x9b"));
        let text = String::from_utf8(text).unwrap();
        assert_eq!(unescape_percent(&text), original);
    }

    #[test]
    fn header_names_every_column_once() {
        let header = String::from_utf8(header()).unwrap();
        let names: Vec<&str> = header.trim_end().split(',').collect();
        assert_eq!(names, COLUMNS);
        let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }
}

//! `--format default`: ausearch's default output. Each event opens with `----` and a
//! `time->` line (ISO-8601 in the chosen zone, where ausearch prints ctime in local time),
//! then its records as logged, without their ENRICHED part, the last record first as ausearch
//! prints them. A daemon event shows only its daemon record, as in ausearch. Control
//! characters are escaped as `--escape` says.

use super::WriterOptions;
use super::escape::write_escaped;
use super::time::write_iso_seconds;
use crate::event::Event;
use crate::record::Record;

pub fn write_event(out: &mut Vec<u8>, event: &Event, options: &WriterOptions) {
    out.extend_from_slice(b"----\ntime->");
    match event.stamp() {
        Some(stamp) => write_iso_seconds(out, stamp.sec, options.zone),
        None => out.push(b'?'),
    }
    out.push(b'\n');
    let records: Vec<Record> = event.records().collect();
    for record in shown_records(&records) {
        write_escaped(out, without_enrichment(record), options.escape);
        out.push(b'\n');
    }
}

/// The records ausearch prints, in its order: the last first; for a daemon event (whose
/// last record is a DAEMON_* one), that record alone.
pub fn shown_records<'r, 'a>(
    records: &'r [Record<'a>],
) -> Box<dyn Iterator<Item = &'r Record<'a>> + 'r> {
    let daemon = |r: &Record| r.type_code().is_some_and(|t| (1200..1300).contains(&t));
    match records.last() {
        Some(last) if daemon(last) => Box::new(std::iter::once(last)),
        _ => Box::new(records.iter().rev()),
    }
}

/// The record's text before its 0x1d and the translations after it.
pub fn without_enrichment<'a>(record: &Record<'a>) -> &'a [u8] {
    let text = record.text;
    match memchr::memchr(crate::record::ENRICHMENT_SEPARATOR, text) {
        Some(at) => &text[..at],
        None => text,
    }
}

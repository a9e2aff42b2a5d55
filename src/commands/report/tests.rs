//! The facts of an event are the same whether each field is found by name or every field is
//! tokenized, and every report reads all the facts it shows: its rows, summary items and
//! figures are those it would make from every fact of the event.

use super::facts::{Facts, Held, Needs};
use super::kinds::{EventView, REPORTS, ReportKind};
use super::row::RowBuilder;
use super::summary::{self, Totals};
use crate::event::{Event, events_in};
use std::path::Path;

/// The events of every log of the corpus (when present) and of our own samples, by file: the
/// first few hundred of each, which hold the shapes of its events.
fn logs() -> Vec<(String, Vec<Event>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    if !corpus.is_dir() {
        println!("the corpus is absent: {} skipped", corpus.display());
    }
    let dirs = ["testdata/irregular", "testdata/sample", "testdata/net"];
    let mut files: Vec<_> = dirs
        .iter()
        .map(|dir| root.join(dir))
        .chain([corpus])
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_none_or(|ext| ext != "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let mut events = events_in(&bytes);
            events.truncate(250);
            Some((path.display().to_string(), events))
        })
        .collect()
}

/// Every fact, as text to compare.
fn describe(facts: &Facts) -> String {
    let value = |held: Option<Held>| held.map(|h| format!("{:?}", h.value));
    let files: Vec<_> = facts.files.iter().map(|f| (&f.path, f.parent)).collect();
    let avcs: Vec<_> = facts
        .avcs
        .iter()
        .map(|a| (&a.subject, &a.class, &a.permission, &a.object, &a.result))
        .collect();
    format!(
        "{:?}",
        (
            &facts.types,
            (value(facts.auid), value(facts.uid), facts.pid),
            (value(facts.syscall), facts.success),
            (
                &facts.exe,
                &facts.comm,
                &facts.terminal,
                &facts.host,
                &facts.acct
            ),
            (&facts.keys, files, avcs),
        )
    )
}

#[test]
fn facts_found_by_name_are_those_of_the_tokenizer() {
    let mut events = 0;
    for (file, log) in logs() {
        for event in &log {
            let by_name = describe(&Facts::read(event, Needs::ALL, true));
            let tokenized = describe(&Facts::read(event, Needs::ALL, false));
            assert_eq!(by_name, tokenized, "{file}: event {:?}", event.stamp());
            events += 1;
        }
    }
    assert!(events > 500, "only {events} events read");
}

/// The rows (with time and node) or summary items the report makes of an event it selects.
fn shown(kind: ReportKind, summary: bool, view: &EventView) -> Option<Vec<Vec<u8>>> {
    if !kind.selects(view) {
        return None;
    }
    let mut shown = Vec::new();
    if summary {
        kind.summary_items(view, &mut |item| shown.push(item.to_vec()));
    } else {
        let mut rows = RowBuilder::default();
        kind.rows(view, &mut rows);
        for row in rows.rows {
            shown.push(format!("{:?} {:?}", row.time, row.node).into_bytes());
            shown.extend(row.cells().map(<[u8]>::to_vec));
        }
    }
    Some(shown)
}

#[test]
fn each_report_reads_every_fact_it_shows() {
    let logs = logs();
    let mut shown_by = std::collections::BTreeSet::new();
    for &(kind, name, _) in REPORTS.iter().filter(|(k, _, _)| *k != ReportKind::Time) {
        for summary in [false, true] {
            let needs = kind.needs(summary);
            for (file, log) in &logs {
                for event in log {
                    let narrow = shown(kind, summary, &EventView::new(event, needs, None));
                    let full = shown(kind, summary, &EventView::new(event, Needs::ALL, None));
                    assert_eq!(narrow, full, "{name} (summary {summary}), {file}");
                    if full.is_some() {
                        shown_by.insert(name);
                    }
                }
            }
        }
    }
    // The samples hold no integrity or virtualization event.
    assert!(shown_by.len() >= 18, "only {shown_by:?} selected an event");
}

#[test]
fn the_summary_report_reads_every_fact_it_counts() {
    for (file, log) in logs() {
        let (mut narrow, mut full) = (Totals::default(), Totals::default());
        for event in &log {
            narrow.add(&EventView::new(event, summary::NEEDS, None));
            full.add(&EventView::new(event, Needs::ALL, None));
        }
        assert_eq!(narrow.figures(), full.figures(), "{file}");
    }
}

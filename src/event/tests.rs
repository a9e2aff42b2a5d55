//! Grouping checked against the rule it implements, over inputs cut into chunks every way.

use super::*;
use std::collections::HashMap;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A log of interleaved events from two nodes, with serials that restart, records of one
/// event far apart (some beyond the window) and the odd line without a time.
fn synthetic_log(dice: &mut Dice, records: usize) -> Vec<u8> {
    let mut open: Vec<(Option<&str>, u64)> = Vec::new();
    let mut serial = [1000u64, 5000u64];
    let mut log = Vec::new();
    for _ in 0..records {
        let roll = dice.below(100);
        if roll < 3 {
            log.extend_from_slice(b"type=UNKNOWN[1329] msg=?\n");
            continue;
        }
        if roll < 5 {
            serial[dice.below(2) as usize] = dice.below(50);
        }
        let reuse = !open.is_empty() && roll < 60;
        let (node, serial) = if reuse {
            open[dice.below(open.len() as u64) as usize]
        } else {
            let n = dice.below(2) as usize;
            serial[n] += 1;
            let event = ([None, Some("h2")][n], serial[n]);
            open.push(event);
            if open.len() > 6 {
                open.remove(dice.below(open.len() as u64) as usize);
            }
            event
        };
        if let Some(node) = node {
            log.extend_from_slice(format!("node={node} ").as_bytes());
        }
        let key = if dice.below(10) == 0 { "needle" } else { "hay" };
        log.extend_from_slice(
            format!(
                "type=SYSCALL msg=audit(1700000000.{:03}:{serial}): key=\"{key}\"\n",
                serial % 7
            )
            .as_bytes(),
        );
    }
    log
}

/// The grouping rule, applied to the whole input at once: a record joins the event with its
/// key if that event's last record is fewer than `window` records before it.
fn reference_events(log: &[u8], window: Window) -> Vec<Vec<u32>> {
    let mut events: Vec<Vec<u32>> = Vec::new();
    let mut last: HashMap<Vec<u8>, (usize, u64)> = HashMap::new();
    for (position, line) in log
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let position = position as u64;
        let parsed = record::parse_record(line).expect("a record");
        let key = parsed.header.stamp.map(|s| {
            let node = parsed
                .header
                .node
                .map_or(&b""[..], |(a, b)| &line[a as usize..b as usize]);
            format!("{:?}{}.{}:{}", node, s.sec, s.msec, s.serial).into_bytes()
        });
        let joined = key
            .as_ref()
            .and_then(|k| last.get(k))
            .filter(|(_, at)| position - at < window.records);
        let index = match joined {
            Some(&(index, _)) => index,
            None => {
                events.push(Vec::new());
                events.len() - 1
            }
        };
        events[index].push(position as u32);
        // A piece that reaches the cap is followed by the next piece of the same event.
        let piece = events[index].len() as u64;
        if piece > window.event_records {
            let record = events[index].pop().expect("just pushed");
            events.insert(index + 1, vec![record]);
            for (_, (at_index, _)) in last.iter_mut() {
                if *at_index > index {
                    *at_index += 1;
                }
            }
        }
        let index = if piece > window.event_records {
            index + 1
        } else {
            index
        };
        if let Some(k) = key {
            last.insert(k, (index, position));
        }
    }
    events
}

/// Groups `log` cut at the given line ends, the grouper seeing `ahead` chunks past each one.
fn grouped(
    log: &[u8],
    cuts: &[usize],
    ahead: usize,
    window: Window,
    marker: Option<&Marker>,
) -> Vec<Event> {
    let mut chunks = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain(std::iter::once(&log.len())) {
        if end > start {
            let chunk = Chunk::owned(0, start as u64, log[start..end].to_vec());
            chunks.push(parse_chunk(Arc::new(chunk), window, marker));
        }
        start = end;
    }
    let mut grouper = Grouper::new(window);
    let mut out = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let known: Vec<&ParsedChunk> = chunks.iter().skip(i + 1).take(ahead).collect();
        let end = i + 1 + ahead >= chunks.len();
        grouper.push_chunk(chunk, &known, end);
        grouper.drain(&mut out, false);
    }
    grouper.drain(&mut out, true);
    out
}

/// Input positions of an event's records, from their byte offsets.
fn positions(event: &Event, line_starts: &[usize]) -> Vec<u32> {
    event
        .spans
        .iter()
        .flat_map(|span| {
            let offset = span.records.chunk.offset as usize;
            span.recs()
                .iter()
                .map(move |rec| offset + rec.start as usize)
                .collect::<Vec<_>>()
        })
        .map(|at| line_starts.binary_search(&at).expect("a line start") as u32)
        .collect()
}

fn line_starts(log: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', log).map(|i| i + 1))
        .filter(|&i| i < log.len())
        .collect()
}

#[test]
fn grouping_follows_the_window_rule_for_any_cut_and_lookahead() {
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    for round in 0..40 {
        let records = 300 + dice.below(400) as usize;
        let log = synthetic_log(&mut dice, records);
        let window = Window {
            records: 1 + dice.below(40),
            // Mostly no cut; sometimes pieces of a few records.
            event_records: if round % 3 == 0 {
                1 + dice.below(4)
            } else {
                1000
            },
        };
        let expected = reference_events(&log, window);
        let starts = line_starts(&log);
        let mut cuts: Vec<usize> = (0..dice.below(12))
            .map(|_| starts[dice.below(starts.len() as u64) as usize])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let ahead = dice.below(4) as usize;
        let events = grouped(&log, &cuts, ahead, window, None);
        let found: Vec<Vec<u32>> = events.iter().map(|e| positions(e, &starts)).collect();
        assert_eq!(
            found, expected,
            "round {round}: window {}, cuts {cuts:?}, ahead {ahead}",
            window.records
        );
    }
}

#[test]
fn sealed_events_skip_nothing_and_leave_in_order() {
    // Serials that only grow, as in a healthy log: most events are sealed, and the result
    // must still be the rule's.
    let mut log = Vec::new();
    for serial in 0..2000u64 {
        for _ in 0..3 {
            log.extend_from_slice(
                format!("type=PATH msg=audit(1700000000.000:{serial}): item=0\n").as_bytes(),
            );
        }
    }
    let window = Window::of_records(50);
    let starts = line_starts(&log);
    let cuts: Vec<usize> = starts.iter().copied().step_by(701).skip(1).collect();
    let events = grouped(&log, &cuts, 1, window, None);
    let found: Vec<Vec<u32>> = events.iter().map(|e| positions(e, &starts)).collect();
    assert_eq!(found, reference_events(&log, window));
    assert_eq!(found.len(), 2000);
}

#[test]
fn marks_say_whether_an_event_holds_a_needle() {
    let mut dice = Dice(7);
    let log = synthetic_log(&mut dice, 500);
    let marker = Marker::new(vec![b"needle".to_vec()]).expect("a marker");
    let starts = line_starts(&log);
    let cuts = vec![starts[100], starts[333]];
    let events = grouped(&log, &cuts, 1, Window::of_records(30), Some(&marker));
    let mut holding = 0;
    for event in &events {
        let holds = event
            .byte_runs()
            .any(|run| memchr::memmem::find(run, b"needle").is_some());
        let expected = if holds { Mark::Holds } else { Mark::Lacks };
        assert_eq!(event.mark, expected);
        holding += usize::from(holds);
    }
    assert!(holding > 10, "the sample holds needles ({holding})");
    let unmarked = grouped(&log, &cuts, 1, Window::of_records(30), None);
    assert!(unmarked.iter().all(|e| e.mark == Mark::Unknown));
}

#[test]
fn a_marker_needs_needles_that_can_rule_lines_out() {
    assert!(Marker::new(vec![]).is_none());
    assert!(Marker::new(vec![b"".to_vec()]).is_none());
    assert!(Marker::new(vec![b"a\nb".to_vec()]).is_none());
    assert!(Marker::new(vec![b"ab".to_vec(), b"4142".to_vec()]).is_some());
}

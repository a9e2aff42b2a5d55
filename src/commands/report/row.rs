//! Rows of a detailed report, owned so they outlive the batch of events they come from: one
//! buffer per row holding every cell.

use crate::event::Event;
use smallvec::SmallVec;

pub struct Row {
    /// Seconds and milliseconds of the event (None for a record without a timestamp).
    pub time: Option<(u64, u16)>,
    pub node: Option<Box<[u8]>>,
    text: Vec<u8>,
    ends: SmallVec<[u32; 8]>,
}

impl Row {
    pub fn cells(&self) -> impl Iterator<Item = &[u8]> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let cell = &self.text[start..end as usize];
            start = end as usize;
            cell
        })
    }
}

/// Collects the rows of a batch.
#[derive(Default)]
pub struct RowBuilder {
    pub rows: Vec<Row>,
}

impl RowBuilder {
    /// Starts a row for `event`.
    pub fn start(&mut self, event: &Event) {
        self.rows.push(Row {
            time: event.stamp().map(|s| (s.sec, s.msec)),
            node: event.node().map(Box::from),
            text: Vec::with_capacity(96),
            ends: SmallVec::new(),
        });
    }

    /// Appends a cell to the row begun last.
    pub fn cell(&mut self, value: &[u8]) {
        let row = self.rows.last_mut().expect("a row was started");
        row.text.extend_from_slice(value);
        row.ends.push(row.text.len() as u32);
    }

    /// Rows for the time report, which are made after the run rather than from events.
    pub fn plain_row(&mut self, cells: &[&[u8]]) {
        self.rows.push(Row {
            time: None,
            node: None,
            text: Vec::new(),
            ends: SmallVec::new(),
        });
        for cell in cells {
            self.cell(cell);
        }
    }
}

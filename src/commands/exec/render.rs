//! The timeline in each format, and the pieces every `exec` view shows the same way: who (login
//! user, and the identity acted as when it differs), what (the argv as shell words), when.
//!
//! Table, plain and text output is for a reader and escapes every value (see
//! `output::table` and `output::escape`); CSV and JSON Lines carry the bytes exactly.

use super::activity::{Activity, Kind, Text, UNSET};
use super::{ExecFormat, ExecOptions, ExecRow};
use crate::commands::search::SortOrder;
use crate::output::escape::write_terminal_safe;
use crate::output::json::Object;
use crate::output::sink::{Sink, SinkError};
use crate::output::table::{self, Column, Layout};
use crate::output::time::{write_iso, write_iso_seconds};
use crate::output::{csv, shell};
use crate::query::time::Zone;
use crate::record::types;
use rayon::prelude::*;

/// Appends `4242`, a name, or `unset`.
pub fn write_id(out: &mut Vec<u8>, id: Option<u32>, name: &[u8]) {
    match id {
        _ if !name.is_empty() => out.extend_from_slice(name),
        Some(UNSET) => out.extend_from_slice(b"unset"),
        Some(id) => out.extend_from_slice(id.to_string().as_bytes()),
        None => {}
    }
}

/// Who acted: the login user (the uid when there is none), and in parentheses the effective
/// user when it is another (`alice(root)`).
pub fn write_user(out: &mut Vec<u8>, a: &Activity) {
    let logged_in = a.auid.filter(|&id| id != UNSET);
    let (base, base_name) = match logged_in {
        Some(auid) => (Some(auid), a.text(Text::AuidName)),
        None => (a.uid, a.text(Text::UidName)),
    };
    write_id(out, base, base_name);
    let (acting, acting_name) = match a.euid {
        Some(euid) => (Some(euid), a.text(Text::EuidName)),
        None => (a.uid, a.text(Text::UidName)),
    };
    if acting.is_some() && acting != base {
        out.push(b'(');
        write_id(out, acting, acting_name);
        out.push(b')');
    }
}

/// The command line as shell words; the program when the log has no arguments.
pub fn write_command(out: &mut Vec<u8>, a: &Activity) {
    if a.argv.is_empty() {
        shell::write_word(out, a.program());
    } else {
        shell::write_argv(out, a.argv.iter());
    }
}

/// `ok`, the errno name of a failure, or `failed`.
pub fn write_result(out: &mut Vec<u8>, a: &Activity) {
    match a.success {
        Some(true) => out.extend_from_slice(b"ok"),
        Some(false) => out.extend_from_slice(a.errno().unwrap_or("failed").as_bytes()),
        None => {}
    }
}

/// The event id, `1700998095.250:5021`.
pub fn event_id(a: &Activity) -> String {
    format!("{}.{:03}:{}", a.stamp.sec, a.stamp.msec, a.stamp.serial)
}

pub fn write_time(out: &mut Vec<u8>, a: &Activity, zone: Zone) {
    write_iso(out, a.stamp.sec, a.stamp.msec, zone);
}

/// `TIME NODE USER `, how every line of the text views starts.
pub fn write_line_head(line: &mut Vec<u8>, a: &Activity, zone: Zone) {
    write_iso_seconds(line, a.stamp.sec, zone);
    line.push(b' ');
    if let Some(node) = a.node() {
        line.extend_from_slice(node);
        line.push(b' ');
    }
    write_user(line, a);
    line.push(b' ');
}

/// The shell-like line of the text view: `TIME NODE USER CWD$ ARGV`, with `# ENOENT` after a
/// failed exec. Escaped, like everything for a reader.
pub fn write_text_line(out: &mut Vec<u8>, a: &Activity, zone: Zone) {
    let mut line = Vec::with_capacity(128);
    write_line_head(&mut line, a, zone);
    line.extend_from_slice(a.text(Text::Cwd));
    line.extend_from_slice(b"$ ");
    write_command(&mut line, a);
    if a.success == Some(false) {
        line.extend_from_slice(b"  # ");
        write_result(&mut line, a);
    }
    write_terminal_safe(out, &line);
    out.push(b'\n');
}

const TIMELINE: &[Column] = &[
    Column::new("TIME", 24),
    Column::new("NODE", 12),
    Column::new("SES", 5),
    Column::new("AUID", 8),
    Column::new("UID", 8),
    Column::new("EUID", 8),
    Column::new("PID", 7),
    Column::new("PPID", 7),
    Column::new("TTY", 6),
    Column::new("RESULT", 6),
    Column::new("KEY", 8),
    Column::new("CWD", 16),
    Column::new("EXE", 20),
    Column::new("ARGV", 40),
    Column::new("PARENT", 0),
];

/// The columns of the timeline in a boxed table: fewer, the user as the text view has it, so
/// that a terminal of common width still shows each row on a few lines.
const BOXED: &[Column] = &[
    Column::new("TIME", 24),
    Column::new("NODE", 12),
    Column::new("SES", 5),
    Column::new("USER", 12),
    Column::new("PID", 7),
    Column::new("PPID", 7),
    Column::new("RESULT", 6),
    Column::new("CWD", 16),
    Column::wide("COMMAND", 40, 30),
    Column::new("PARENT", 0),
];

/// The CSV columns of every `exec` row, execs and session records alike.
pub const CSV_HEADER: &[&str] = &[
    "time",
    "event",
    "type",
    "node",
    "ses",
    "auid",
    "auid_name",
    "uid",
    "uid_name",
    "euid",
    "euid_name",
    "pid",
    "ppid",
    "syscall",
    "result",
    "exit",
    "tty",
    "key",
    "cwd",
    "exe",
    "comm",
    "argc",
    "argv",
    "parent_pid",
    "parent_exe",
    "parent_argv",
    "op",
    "acct",
    "hostname",
    "addr",
    "terminal",
];

/// Writes timeline rows in the chosen format, batch by batch.
pub struct TimelineWriter {
    format: ExecFormat,
    layout: Layout,
    zone: Zone,
    started: bool,
    /// The cells of a boxed table, which is laid out once every row is in.
    boxed: Vec<Vec<Vec<u8>>>,
}

impl TimelineWriter {
    pub fn new(options: &ExecOptions) -> Self {
        TimelineWriter {
            format: options.format,
            layout: options.layout,
            zone: options.zone,
            started: false,
            boxed: Vec::new(),
        }
    }

    /// Whether rows can be written as they come (in input order).
    pub fn streams(&self, sort: SortOrder) -> bool {
        sort == SortOrder::Input && !self.is_boxed()
    }

    fn is_boxed(&self) -> bool {
        self.format == ExecFormat::Table && matches!(self.layout, Layout::Boxed { .. })
    }

    pub fn write_rows(&mut self, rows: &[ExecRow], sink: &mut Sink) -> Result<(), SinkError> {
        if self.is_boxed() {
            self.boxed
                .extend(rows.iter().map(|r| boxed_cells(r, self.zone)));
            return Ok(());
        }
        if rows.is_empty() {
            return Ok(());
        }
        if !self.started {
            self.started = true;
            let mut out = Vec::new();
            match self.format {
                ExecFormat::Table => table::write_plain_header(&mut out, TIMELINE),
                ExecFormat::Csv => {
                    csv::write_record(&mut out, CSV_HEADER.iter().map(|h| h.as_bytes()))
                }
                ExecFormat::Text | ExecFormat::Jsonl => {}
            }
            sink.write(&out)?;
        }
        // Rows are rendered in parallel, a slice each, and written in order.
        let (format, zone) = (self.format, self.zone);
        let rendered: Vec<Vec<u8>> = rows
            .par_chunks(2048)
            .map(|slice| render_rows(slice, format, zone))
            .collect();
        for text in rendered {
            sink.write(&text)?;
        }
        Ok(())
    }

    pub fn finish(&mut self, sink: &mut Sink) -> Result<(), SinkError> {
        if !self.is_boxed() || self.boxed.is_empty() {
            return Ok(());
        }
        let width = match self.layout {
            Layout::Boxed { width } => width,
            Layout::Plain => None,
        };
        let text = table::boxed(BOXED, &self.boxed, width);
        sink.write(text.as_bytes())
    }
}

/// Rows in a format that writes one row at a time (not the boxed table).
fn render_rows(rows: &[ExecRow], format: ExecFormat, zone: Zone) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.len() * 256);
    for row in rows {
        match format {
            ExecFormat::Table => {
                let cells = cells(row, zone);
                let refs: Vec<&[u8]> = cells.iter().map(Vec::as_slice).collect();
                table::write_plain_row(&mut out, TIMELINE, &refs);
            }
            ExecFormat::Text => write_text_line(&mut out, &row.exec, zone),
            ExecFormat::Csv => write_csv(&mut out, &row.exec, row.parent.as_deref(), zone),
            ExecFormat::Jsonl => write_jsonl(&mut out, &row.exec, row.parent.as_deref(), zone),
        }
    }
    out
}

/// The cells of a row in the order of [`TIMELINE`].
fn cells(row: &ExecRow, zone: Zone) -> Vec<Vec<u8>> {
    let a = &*row.exec;
    let mut cells = vec![Vec::new(); TIMELINE.len()];
    write_time(&mut cells[0], a, zone);
    cells[1].extend_from_slice(a.node().unwrap_or_default());
    if let Some(ses) = a.ses {
        cells[2].extend_from_slice(ses.to_string().as_bytes());
    }
    write_id(&mut cells[3], a.auid, a.text(Text::AuidName));
    write_id(&mut cells[4], a.uid, a.text(Text::UidName));
    if a.euid != a.uid {
        write_id(&mut cells[5], a.euid, a.text(Text::EuidName));
    }
    write_number(&mut cells[6], a.pid);
    write_number(&mut cells[7], a.ppid);
    cells[8].extend_from_slice(a.text(Text::Tty));
    write_result(&mut cells[9], a);
    write_keys(&mut cells[10], a);
    cells[11].extend_from_slice(a.text(Text::Cwd));
    cells[12].extend_from_slice(a.program());
    write_command(&mut cells[13], a);
    if let Some(parent) = &row.parent {
        write_command(&mut cells[14], parent);
    }
    cells
}

/// The cells of a row in the order of [`BOXED`].
fn boxed_cells(row: &ExecRow, zone: Zone) -> Vec<Vec<u8>> {
    let a = &*row.exec;
    let mut cells = vec![Vec::new(); BOXED.len()];
    write_time(&mut cells[0], a, zone);
    cells[1].extend_from_slice(a.node().unwrap_or_default());
    if let Some(ses) = a.ses {
        cells[2].extend_from_slice(ses.to_string().as_bytes());
    }
    write_user(&mut cells[3], a);
    write_number(&mut cells[4], a.pid);
    write_number(&mut cells[5], a.ppid);
    write_result(&mut cells[6], a);
    cells[7].extend_from_slice(a.text(Text::Cwd));
    write_command(&mut cells[8], a);
    if let Some(parent) = &row.parent {
        write_command(&mut cells[9], parent);
    }
    cells
}

fn write_number(out: &mut Vec<u8>, n: Option<u32>) {
    if let Some(n) = n {
        out.extend_from_slice(n.to_string().as_bytes());
    }
}

/// The keys joined by commas.
fn write_keys(out: &mut Vec<u8>, a: &Activity) {
    for (i, key) in a.keys().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(key);
    }
}

/// One CSV row: an exec (with its parent's image) or a session record.
pub fn write_csv(out: &mut Vec<u8>, a: &Activity, parent: Option<&Activity>, zone: Zone) {
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let (mut time, mut result, mut keys, mut argv, mut parent_argv) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    write_time(&mut time, a, zone);
    write_result(&mut result, a);
    write_keys(&mut keys, a);
    shell::write_argv(&mut argv, a.argv.iter());
    if let Some(parent) = parent {
        shell::write_argv(&mut parent_argv, parent.argv.iter());
    }
    csv::write_record(
        out,
        <[&[u8]; 31]>::into_iter([
            &time,
            event_id(a).as_bytes(),
            type_name(a).as_bytes(),
            a.node().unwrap_or_default(),
            number(a.ses).as_bytes(),
            number(a.auid).as_bytes(),
            a.text(Text::AuidName),
            number(a.uid).as_bytes(),
            a.text(Text::UidName),
            number(a.euid).as_bytes(),
            a.text(Text::EuidName),
            number(a.pid).as_bytes(),
            number(a.ppid).as_bytes(),
            a.syscall.unwrap_or_default().as_bytes(),
            &result,
            a.exit.map(|e| e.to_string()).unwrap_or_default().as_bytes(),
            a.text(Text::Tty),
            &keys,
            a.text(Text::Cwd),
            a.program(),
            a.text(Text::Comm),
            a.argv
                .argc
                .map(|n| n.to_string())
                .unwrap_or_default()
                .as_bytes(),
            &argv,
            number(parent.and_then(|p| p.pid)).as_bytes(),
            parent.map_or(&b""[..], |p| p.text(Text::Exe)),
            &parent_argv,
            a.text(Text::Op),
            a.text(Text::Acct),
            a.text(Text::Host),
            a.text(Text::Addr),
            a.text(Text::Terminal),
        ]),
    );
}

/// `exec`, or the record type of a session record (`USER_START`).
pub fn type_name(a: &Activity) -> &'static str {
    match a.kind {
        Kind::Session { record_type } => types::name_of(record_type).unwrap_or("?"),
        Kind::Exec => "exec",
        Kind::Fork { .. } => "fork",
    }
}

/// One JSON object: an exec (with its parent's image) or a session record.
pub fn write_jsonl(out: &mut Vec<u8>, a: &Activity, parent: Option<&Activity>, zone: Zone) {
    let mut object = Object::new(out);
    object.str("type", Some(type_name(a).as_bytes()));
    write_identity(&mut object, a, zone);
    let text = |t: Text| a.has(t).then(|| a.text(t));
    let mut result = Vec::new();
    write_result(&mut result, a);
    object
        .raw("pid", a.pid)
        .raw("ppid", a.ppid)
        .str("syscall", a.syscall.map(str::as_bytes))
        .raw("success", a.success)
        .str("result", Some(&result))
        .raw("exit", a.exit)
        .str("errno", a.errno().map(str::as_bytes))
        .str("tty", text(Text::Tty))
        .strs("keys", a.keys())
        .str("cwd", text(Text::Cwd))
        .str("exe", Some(a.program()))
        .str("comm", text(Text::Comm))
        .raw("argc", a.argv.argc)
        .strs("argv", a.argv.iter());
    if a.is_exec() {
        object.nested("parent", |out| write_parent_json(out, parent));
    } else {
        object
            .str("op", text(Text::Op))
            .str("acct", text(Text::Acct))
            .str("hostname", text(Text::Host))
            .str("addr", text(Text::Addr))
            .str("terminal", text(Text::Terminal));
    }
    object.end();
    out.push(b'\n');
}

/// The fields every JSON object of `exec` starts with: when, where, who (the pid is the
/// caller's to write: a fork's event is its parent's).
pub fn write_identity(object: &mut Object, a: &Activity, zone: Zone) {
    let mut time = Vec::new();
    write_time(&mut time, a, zone);
    let name = |t: Text| a.has(t).then(|| a.text(t));
    object
        .str("time", Some(&time))
        .str("event", Some(event_id(a).as_bytes()))
        .str("node", a.node())
        .raw("ses", a.ses)
        .raw("auid", a.auid)
        .str("auid_name", name(Text::AuidName))
        .raw("uid", a.uid)
        .str("uid_name", name(Text::UidName))
        .raw("euid", a.euid)
        .str("euid_name", name(Text::EuidName));
}

/// The parent's image as a JSON object, `null` when the log does not have it.
pub fn write_parent_json(out: &mut Vec<u8>, parent: Option<&Activity>) {
    match parent {
        Some(p) => Object::new(out)
            .raw("pid", p.pid)
            .str("exe", Some(p.text(Text::Exe)))
            .strs("argv", p.argv.iter())
            .end(),
        None => out.extend_from_slice(b"null"),
    }
}

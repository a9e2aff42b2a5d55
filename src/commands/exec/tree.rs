//! The tree views: `--tree` (the matching processes with the chain that led to them and
//! everything they started), `--pid N --ancestors` and `--pid N --descendants`.
//!
//! As text (and as the table format) an indented tree, one process per line; as CSV and JSON
//! Lines one row per process with its id, its parent's id and its depth, in the same order.

use super::procs::{Proc, ProcId, ProcKind, ProcessTable};
use super::render::{event_id, write_command, write_identity, write_time, write_user};
use super::{ExecFormat, ExecOptions, View};
use crate::output::csv;
use crate::output::escape::write_terminal_safe;
use crate::output::json::Object;
use crate::output::shell;
use crate::output::sink::{Sink, SinkError};
use crate::query::time::Zone;

/// The processes a tree view shows, and those it was asked about.
pub struct Shown {
    shown: Vec<bool>,
    selected: Vec<bool>,
    /// Whether the selected processes are marked (not when everything is selected).
    mark: bool,
}

impl Shown {
    pub fn count(&self) -> usize {
        self.shown.iter().filter(|&&s| s).count()
    }
}

/// Picks the processes for `view`. `filtered` says whether the run has filters beyond the
/// view's own selection.
pub fn select(table: &ProcessTable, view: &View, filtered: bool) -> Shown {
    let n = table.len();
    let all = 0..n as ProcId;
    let (selected, up, down): (Vec<bool>, bool, bool) = match view {
        View::Lineage {
            pids,
            ancestors,
            descendants,
        } => (
            all.map(|id| {
                let proc = table.get(id);
                pids.contains(&proc.pid) && (!filtered || proc.matched())
            })
            .collect(),
            *ancestors,
            *descendants,
        ),
        _ if !filtered => (vec![true; n], false, false),
        _ => (all.map(|id| table.get(id).matched()).collect(), true, true),
    };
    let mut shown = selected.clone();
    for id in (0..n as ProcId).filter(|&id| selected[id as usize]) {
        if up {
            for ancestor in table.ancestry(id) {
                shown[ancestor as usize] = true;
            }
        }
        if down {
            mark_descendants(table, id, &mut shown);
        }
    }
    Shown {
        shown,
        selected,
        mark: filtered || matches!(view, View::Lineage { .. }),
    }
}

fn mark_descendants(table: &ProcessTable, id: ProcId, shown: &mut [bool]) {
    let mut stack = vec![id];
    while let Some(next) = stack.pop() {
        for child in table.children(next) {
            if !shown[child as usize] {
                shown[child as usize] = true;
                stack.push(child);
            }
        }
    }
}

/// A process in the order it is written: depth first, children in the order they came.
struct Visit {
    id: ProcId,
    depth: usize,
    /// For each ancestor level below the root: whether more siblings follow there.
    open: Vec<bool>,
    last: bool,
}

fn visits(table: &ProcessTable, shown: &Shown) -> Vec<Visit> {
    let is_shown = |id: ProcId| shown.shown[id as usize];
    let roots: Vec<ProcId> = (0..table.len() as ProcId)
        .filter(|&id| is_shown(id) && table.get(id).parent.is_none_or(|p| !is_shown(p)))
        .collect();
    let mut out = Vec::new();
    let mut stack: Vec<Visit> = roots
        .iter()
        .rev()
        .map(|&id| Visit {
            id,
            depth: 0,
            open: Vec::new(),
            last: true,
        })
        .collect();
    while let Some(visit) = stack.pop() {
        let children: Vec<ProcId> = table.children(visit.id).filter(|&c| is_shown(c)).collect();
        let mut open = visit.open.clone();
        if visit.depth > 0 {
            open.push(!visit.last);
        }
        for (i, &child) in children.iter().enumerate().rev() {
            stack.push(Visit {
                id: child,
                depth: visit.depth + 1,
                open: open.clone(),
                last: i + 1 == children.len(),
            });
        }
        out.push(visit);
    }
    out
}

pub fn write(
    table: &ProcessTable,
    shown: &Shown,
    options: &ExecOptions,
    sink: &mut Sink,
) -> Result<(), SinkError> {
    let mut out = Vec::new();
    if options.format == ExecFormat::Csv {
        csv::write_record(&mut out, CSV_HEADER.iter().map(|h| h.as_bytes()));
    }
    for visit in visits(table, shown) {
        let proc = table.get(visit.id);
        let selected = shown.mark && shown.selected[visit.id as usize];
        match options.format {
            ExecFormat::Table | ExecFormat::Text => {
                write_line(&mut out, &visit, proc, selected, options.zone)
            }
            ExecFormat::Csv => write_csv(&mut out, &visit, proc, selected, options.zone),
            ExecFormat::Jsonl => write_jsonl(&mut out, &visit, proc, selected, options.zone),
        }
        if out.len() > 1 << 20 {
            sink.write(&out)?;
            out.clear();
        }
    }
    sink.write(&out)
}

fn write_line(out: &mut Vec<u8>, visit: &Visit, proc: &Proc, selected: bool, zone: Zone) {
    let mut line = Vec::with_capacity(128);
    for &open in &visit.open {
        line.extend_from_slice(if open { "│  " } else { "   " }.as_bytes());
    }
    if visit.depth > 0 {
        line.extend_from_slice(if visit.last { "└─ " } else { "├─ " }.as_bytes());
    }
    let mut label = Vec::with_capacity(96);
    write_label(&mut label, proc, zone);
    if selected {
        label.extend_from_slice(b"  *");
    }
    write_terminal_safe(&mut line, &label);
    out.extend_from_slice(&line);
    out.push(b'\n');
}

/// `TIME PID USER COMMAND`, with what kind of entry it is where that is not an exec.
fn write_label(out: &mut Vec<u8>, proc: &Proc, zone: Zone) {
    let Some(event) = proc.event.as_deref() else {
        out.extend_from_slice(format!("{} (not in the log)", proc.pid).as_bytes());
        return;
    };
    if proc.kind == ProcKind::Seen {
        out.extend_from_slice(format!("{} ", proc.pid).as_bytes());
        write_user(out, event);
        out.push(b' ');
        shell::write_word(out, event.program());
        out.extend_from_slice(b" (no exec in the log)");
        return;
    }
    write_time(out, event, zone);
    out.extend_from_slice(format!(" {} ", proc.pid).as_bytes());
    write_user(out, event);
    out.push(b' ');
    match (proc.kind, proc.image.as_deref()) {
        (ProcKind::FailedExec, _) => {
            shell::write_word(out, event.program());
            out.extend_from_slice(b"  # ");
            super::render::write_result(out, event);
        }
        (ProcKind::Fork, Some(image)) => {
            write_command(out, image);
            out.extend_from_slice(b" (fork)");
        }
        (ProcKind::Fork, None) => out.extend_from_slice(b"(fork)"),
        (_, _) => write_command(out, event),
    }
}

fn kind_name(kind: ProcKind) -> &'static str {
    match kind {
        ProcKind::Exec => "exec",
        ProcKind::Fork => "fork",
        ProcKind::Seen => "seen",
        ProcKind::FailedExec => "failed-exec",
    }
}

const CSV_HEADER: &[&str] = &[
    "id", "parent", "depth", "kind", "time", "event", "node", "pid", "ppid", "user", "exe", "argv",
    "selected",
];

fn write_csv(out: &mut Vec<u8>, visit: &Visit, proc: &Proc, selected: bool, zone: Zone) {
    let event = proc.event.as_deref();
    let image = image_of(proc);
    let (mut time, mut user, mut argv) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(event) = event.filter(|_| proc.kind != ProcKind::Seen) {
        write_time(&mut time, event, zone);
    }
    if let Some(event) = event {
        write_user(&mut user, event);
    }
    if let Some(image) = image {
        shell::write_argv(&mut argv, image.argv.iter());
    }
    let text = |v: Option<String>| v.unwrap_or_default();
    csv::write_record(
        out,
        <[&[u8]; 13]>::into_iter([
            visit.id.to_string().as_bytes(),
            text(proc.parent.map(|p| p.to_string())).as_bytes(),
            visit.depth.to_string().as_bytes(),
            kind_name(proc.kind).as_bytes(),
            &time,
            text(event.map(event_id)).as_bytes(),
            event.and_then(|e| e.node()).unwrap_or_default(),
            proc.pid.to_string().as_bytes(),
            text(proc.ppid.map(|p| p.to_string())).as_bytes(),
            &user,
            image.map_or(&b""[..], |i| i.program()),
            &argv,
            if selected { b"yes" } else { b"no" },
        ]),
    );
}

fn write_jsonl(out: &mut Vec<u8>, visit: &Visit, proc: &Proc, selected: bool, zone: Zone) {
    let mut object = Object::new(out);
    object
        .str("type", Some(b"process"))
        .raw("id", Some(visit.id))
        .raw("parent", proc.parent)
        .raw("depth", Some(visit.depth))
        .str("kind", Some(kind_name(proc.kind).as_bytes()));
    if let Some(event) = proc.event.as_deref() {
        write_identity(&mut object, event, zone);
    }
    let image = image_of(proc);
    object
        .raw("pid", Some(proc.pid))
        .raw("ppid", proc.ppid)
        .str("exe", image.map(|i| i.program()))
        .strs("argv", image.into_iter().flat_map(|i| i.argv.iter()))
        .raw("selected", Some(selected))
        .end();
    out.push(b'\n');
}

/// What the process runs: its exec (or the one that failed), else its parent's image.
fn image_of(proc: &Proc) -> Option<&super::activity::Activity> {
    match proc.kind {
        ProcKind::FailedExec => proc.event.as_deref(),
        _ => proc.image.as_deref(),
    }
}

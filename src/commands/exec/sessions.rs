//! Login sessions: everything one session did, in order: its login (LOGIN, USER_START,
//! USER_LOGIN with the remote address and terminal), each command it ran, and its end
//! (USER_END, CRED_DISP, USER_LOGOUT).
//!
//! A session is a host's `ses=` number. The kernel counts sessions from 1 at every boot, so the
//! same number can name several sessions in a long log: a LOGIN record, which gives a process its
//! session, starts a new one.

use super::activity::{Activity, Kind, LOGIN, Text};
use super::render::{
    CSV_HEADER, type_name, write_command, write_csv, write_id, write_jsonl, write_line_head,
    write_result, write_text_line, write_time, write_user,
};
use super::{ExecFormat, ExecOptions, ExecRow};
use crate::output::csv;
use crate::output::escape::write_terminal_safe;
use crate::output::json::Object;
use crate::output::sink::{Sink, SinkError};
use crate::output::table::{self, Column, Layout};
use crate::output::time::write_iso_seconds;
use crate::query::time::Zone;
use crate::record::Stamp;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// One thing a session did: a login-session record, or an exec with its parent's image.
pub struct Item {
    pub activity: Arc<Activity>,
    pub parent: Option<Arc<Activity>>,
}

pub struct Session {
    pub ses: u32,
    pub items: Vec<Item>,
}

impl Session {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    fn first(&self) -> &Activity {
        &self.items[0].activity
    }

    /// The account that logged in: that of the first record naming one, else the login uid.
    fn user(&self) -> Vec<u8> {
        let mut user = Vec::new();
        match self.items.iter().find(|i| i.activity.has(Text::Acct)) {
            Some(item) => user.extend_from_slice(item.activity.text(Text::Acct)),
            None => {
                let a = &self.first();
                write_id(&mut user, a.auid, a.text(Text::AuidName));
            }
        }
        user
    }

    /// The first value of a text the session's records give (`?` counts as none).
    fn first_text(&self, which: Text, preferred: Option<u32>) -> &[u8] {
        let given = |i: &&Item| {
            let text = i.activity.text(which);
            !text.is_empty() && text != b"?"
        };
        let of_type = |i: &&Item| matches!(i.activity.kind, Kind::Session { record_type } if Some(record_type) == preferred);
        self.items
            .iter()
            .filter(given)
            .find(of_type)
            .or_else(|| self.items.iter().find(given))
            .map_or(&b""[..], |i| i.activity.text(which))
    }

    fn matches_user(&self, wanted: &str) -> bool {
        let wanted = wanted.as_bytes();
        self.user() == wanted
            || self.items.iter().any(|i| {
                let a = &i.activity;
                a.text(Text::AuidName) == wanted
                    || a.auid.is_some_and(|id| id.to_string().as_bytes() == wanted)
            })
    }
}

const USER_LOGIN: u32 = 1112;

/// Groups session records and execs into sessions, keeps those asked for (by number and/or
/// user) and orders each by time, the sessions by their first item.
pub fn group(
    records: Vec<Arc<Activity>>,
    rows: Vec<ExecRow>,
    wanted: &[u32],
    user: Option<&str>,
) -> Vec<Session> {
    let items = records
        .into_iter()
        .map(|activity| Item {
            activity,
            parent: None,
        })
        .chain(rows.into_iter().map(|row| Item {
            activity: row.exec,
            parent: row.parent,
        }))
        .filter(|i| {
            i.activity
                .ses
                .is_some_and(|s| wanted.is_empty() || wanted.contains(&s))
        });
    // Per host and number, the times of the LOGIN records that started a session.
    let mut starts: FxHashMap<HostSession, Vec<Stamp>> = FxHashMap::default();
    let items: Vec<Item> = items.collect();
    for item in &items {
        let a = &item.activity;
        if a.kind == (Kind::Session { record_type: LOGIN }) {
            starts.entry(key_of(a)).or_default().push(a.stamp);
        }
    }
    for times in starts.values_mut() {
        times.sort_unstable();
    }
    let mut sessions: FxHashMap<(Vec<u8>, u32, usize), Session> = FxHashMap::default();
    for item in items {
        let key = key_of(&item.activity);
        let at = item.activity.stamp;
        let instance = starts
            .get(&key)
            .map_or(0, |times| times.partition_point(|&t| t <= at));
        let ses = key.1;
        sessions
            .entry((key.0, key.1, instance))
            .or_insert_with(|| Session {
                ses,
                items: Vec::new(),
            })
            .items
            .push(item);
    }
    let mut sessions: Vec<Session> = sessions
        .into_values()
        .map(|mut s| {
            s.items.sort_by_key(|i| i.activity.stamp);
            s
        })
        .filter(|s| user.is_none_or(|u| s.matches_user(u)))
        .collect();
    sessions.sort_by(|a, b| {
        let key = |s: &Session| (s.first().stamp, s.first().node().map(<[u8]>::to_vec), s.ses);
        key(a).cmp(&key(b))
    });
    sessions
}

/// A host's session number.
type HostSession = (Vec<u8>, u32);

fn key_of(a: &Activity) -> HostSession {
    (
        a.node().unwrap_or_default().to_vec(),
        a.ses.unwrap_or_default(),
    )
}

const COLUMNS: &[Column] = &[
    Column::new("TIME", 24),
    Column::new("NODE", 12),
    Column::new("SES", 5),
    Column::new("EVENT", 11),
    Column::new("USER", 12),
    Column::new("PID", 7),
    Column::new("RESULT", 6),
    Column::wide("WHAT", 0, 40),
];

pub fn write(
    sessions: &[Session],
    options: &ExecOptions,
    sink: &mut Sink,
) -> Result<(), SinkError> {
    let mut out = Vec::new();
    let zone = options.zone;
    match options.format {
        ExecFormat::Table => {
            let rows: Vec<Vec<Vec<u8>>> = sessions
                .iter()
                .flat_map(|s| s.items.iter().map(|i| cells(s, i, zone)))
                .collect();
            match options.layout {
                Layout::Boxed { width } if !rows.is_empty() => {
                    out.extend_from_slice(table::boxed(COLUMNS, &rows, width).as_bytes());
                }
                Layout::Boxed { .. } => {}
                Layout::Plain => {
                    if !rows.is_empty() {
                        table::write_plain_header(&mut out, COLUMNS);
                    }
                    for row in &rows {
                        let refs: Vec<&[u8]> = row.iter().map(Vec::as_slice).collect();
                        table::write_plain_row(&mut out, COLUMNS, &refs);
                    }
                }
            }
        }
        ExecFormat::Text => {
            for session in sessions {
                write_heading(&mut out, session, zone);
                for item in &session.items {
                    match item.activity.kind {
                        Kind::Exec => write_text_line(&mut out, &item.activity, zone),
                        _ => write_record_line(&mut out, &item.activity, zone),
                    }
                }
            }
        }
        ExecFormat::Csv => {
            csv::write_record(&mut out, CSV_HEADER.iter().map(|h| h.as_bytes()));
            for item in sessions.iter().flat_map(|s| &s.items) {
                write_csv(&mut out, &item.activity, item.parent.as_deref(), zone);
            }
        }
        ExecFormat::Jsonl => {
            for session in sessions {
                write_session_json(&mut out, session, zone);
                for item in &session.items {
                    write_jsonl(&mut out, &item.activity, item.parent.as_deref(), zone);
                }
            }
        }
    }
    sink.write(&out)
}

/// `# session 42 on web01: alice from 198.51.100.7 on /dev/pts/1, START to END (N events)`.
fn write_heading(out: &mut Vec<u8>, session: &Session, zone: Zone) {
    let mut line = format!("# session {}", session.ses).into_bytes();
    if let Some(node) = session.first().node() {
        line.extend_from_slice(b" on ");
        line.extend_from_slice(node);
    }
    line.extend_from_slice(b": ");
    line.extend_from_slice(&session.user());
    let addr = session.first_text(Text::Addr, Some(USER_LOGIN));
    if !addr.is_empty() {
        line.extend_from_slice(b" from ");
        line.extend_from_slice(addr);
    }
    let terminal = session.first_text(Text::Terminal, Some(USER_LOGIN));
    if !terminal.is_empty() {
        line.extend_from_slice(b" on ");
        line.extend_from_slice(terminal);
    }
    line.extend_from_slice(b", ");
    write_iso_seconds(&mut line, session.first().stamp.sec, zone);
    line.extend_from_slice(b" to ");
    let last = &session.items[session.items.len() - 1].activity;
    write_iso_seconds(&mut line, last.stamp.sec, zone);
    line.extend_from_slice(format!(" ({} events)", session.len()).as_bytes());
    write_terminal_safe(out, &line);
    out.push(b'\n');
}

/// `TIME NODE USER TYPE op acct from ADDR on TERMINAL by EXE: RESULT`.
fn write_record_line(out: &mut Vec<u8>, a: &Activity, zone: Zone) {
    let mut line = Vec::with_capacity(128);
    write_line_head(&mut line, a, zone);
    write_record_detail(&mut line, a);
    write_terminal_safe(out, &line);
    out.push(b'\n');
}

/// `USER_START PAM:session_open alice from 198.51.100.7 on ssh by /usr/sbin/sshd: ok`.
fn write_record_detail(out: &mut Vec<u8>, a: &Activity) {
    out.extend_from_slice(type_name(a).as_bytes());
    out.push(b' ');
    write_record_what(out, a);
    if a.success.is_some() {
        out.extend_from_slice(b": ");
        write_result(out, a);
    }
}

/// `PAM:session_open alice from 198.51.100.7 on ssh by /usr/sbin/sshd`; `ses=42` for LOGIN.
fn write_record_what(out: &mut Vec<u8>, a: &Activity) {
    let parts: [(&[u8], Text); 5] = [
        (b" ", Text::Op),
        (b" ", Text::Acct),
        (b" from ", Text::Addr),
        (b" on ", Text::Terminal),
        (b" by ", Text::Exe),
    ];
    let start = out.len();
    for (lead, which) in parts {
        let text = a.text(which);
        if !text.is_empty() && text != b"?" {
            out.extend_from_slice(lead);
            out.extend_from_slice(text);
        }
    }
    if a.kind == (Kind::Session { record_type: LOGIN })
        && let Some(ses) = a.ses
    {
        out.extend_from_slice(format!(" ses={ses}").as_bytes());
    }
    // The parts lead with their blank; the first one's is dropped.
    if out.get(start) == Some(&b' ') {
        out.remove(start);
    }
}

fn cells(session: &Session, item: &Item, zone: Zone) -> Vec<Vec<u8>> {
    let a = &*item.activity;
    let mut cells = vec![Vec::new(); COLUMNS.len()];
    write_time(&mut cells[0], a, zone);
    cells[1].extend_from_slice(a.node().unwrap_or_default());
    cells[2].extend_from_slice(session.ses.to_string().as_bytes());
    cells[3].extend_from_slice(type_name(a).as_bytes());
    write_user(&mut cells[4], a);
    if let Some(pid) = a.pid {
        cells[5].extend_from_slice(pid.to_string().as_bytes());
    }
    write_result(&mut cells[6], a);
    match a.kind {
        Kind::Exec => {
            cells[7].extend_from_slice(a.text(Text::Cwd));
            cells[7].extend_from_slice(b"$ ");
            write_command(&mut cells[7], a);
        }
        _ => write_record_what(&mut cells[7], a),
    }
    cells
}

fn write_session_json(out: &mut Vec<u8>, session: &Session, zone: Zone) {
    let (mut start, mut end) = (Vec::new(), Vec::new());
    write_time(&mut start, session.first(), zone);
    write_time(&mut end, &session.items[session.len() - 1].activity, zone);
    let text = |t: &[u8]| (!t.is_empty()).then_some(t).map(<[u8]>::to_vec);
    let addr = text(session.first_text(Text::Addr, Some(USER_LOGIN)));
    let terminal = text(session.first_text(Text::Terminal, Some(USER_LOGIN)));
    Object::new(out)
        .str("type", Some(b"session"))
        .str("node", session.first().node())
        .raw("ses", Some(session.ses))
        .str("user", Some(&session.user()))
        .str("addr", addr.as_deref())
        .str("terminal", terminal.as_deref())
        .str("start", Some(&start))
        .str("end", Some(&end))
        .raw("events", Some(session.len()))
        .end();
    out.push(b'\n');
}

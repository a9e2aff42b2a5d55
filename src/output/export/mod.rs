//! `ausift export`: one self-contained object per event for SIEMs and data tools, as JSON Lines
//! ([`json`], the schema of `docs/json-schema.md`) or as csv with a fixed column set ([`csv`]).
//!
//! An event is rendered on any thread in two pieces around the place where its parent
//! process goes; the parent is known only to the in-order step that has seen the earlier
//! events (see `commands::export`), which joins the pieces with the parent's fragment.
//! [`Lineage`] is what that step needs to learn from the event.

pub mod csv;
pub mod json;
mod parts;

use super::WriterOptions;
use super::text::Sentence;
use crate::event::Event;
use crate::interpret::normalize::EventFields;
use crate::interpret::process::ProcessFacts;
use crate::interpret::sockaddr::{self, SockAddr};
use crate::interpret::tables::values::record_type;
use crate::interpret::{EventContext, Interpreted, encoding, interpret_field, written};
use crate::record::Record;
use parts::EventParts;

/// The output formats of `ausift export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

/// The version of the JSON schema, written into every object as `"schema"`. It changes only
/// when a field is removed or changes meaning; new fields keep it.
pub const SCHEMA_VERSION: u32 = 1;

/// One rendered event: `text[..split]`, then the parent's fragment, then `text[split..]`.
pub struct Rendered {
    pub split: usize,
    pub lineage: Option<Lineage>,
}

/// What the event tells about its process, for the events after it.
pub struct Lineage {
    pub node: Vec<u8>,
    pub pid: u32,
    pub ppid: Option<u32>,
    pub exe: Vec<u8>,
    /// The event replaced the process's program (a successful execve).
    pub executed: bool,
    /// The pid of a child the event forked.
    pub child: Option<u32>,
    /// How this process is shown as the parent of another, in the output format.
    pub fragment: Vec<u8>,
}

impl Lineage {
    /// What `facts` tell, when they come from a SYSCALL record that names the pid.
    fn of(node: Option<&[u8]>, facts: &ProcessFacts, format: ExportFormat) -> Option<Self> {
        if !facts.from_syscall {
            return None;
        }
        Some(Lineage {
            node: node.unwrap_or_default().to_vec(),
            pid: facts.pid?,
            ppid: facts.ppid,
            exe: facts.exe.as_deref().unwrap_or_default().to_vec(),
            executed: facts.executed(),
            child: facts.child(),
            fragment: match format {
                ExportFormat::Jsonl => json::parent_fragment(facts),
                ExportFormat::Csv => csv::parent_cells(facts),
            },
        })
    }
}

/// The lineage of an event that is not exported (it did not match the filters): later events
/// may still name its process as their parent.
pub fn lineage(event: &Event, format: ExportFormat) -> Option<Lineage> {
    let records: Vec<Record> = event.records().collect();
    let ctx = EventContext::of(records.iter().copied());
    let facts = ProcessFacts::of(&records, &ctx)?;
    Lineage::of(event.node(), &facts, format)
}

/// What the writers of both formats read from one event.
pub(crate) struct EventView<'e> {
    pub event: &'e Event,
    pub records: &'e [Record<'e>],
    /// Each record's fields and words, split once.
    pub parts: EventParts<'e>,
    pub sentence: Sentence<'e, 'e>,
    pub facts: Option<ProcessFacts<'e>>,
    /// The input file's name, as given or found.
    pub file: &'e [u8],
    pub offset: u64,
}

impl<'e> EventView<'e> {
    pub fn new(
        event: &'e Event,
        records: &'e [Record<'e>],
        file: &'e [u8],
        offset: u64,
        options: &'e WriterOptions,
    ) -> Self {
        let parts = EventParts::of(records);
        let fields = EventFields::with_fields(
            records
                .iter()
                .enumerate()
                .map(|(i, r)| (*r, parts.flat_fields(i))),
            event.node(),
        );
        let sentence = Sentence::with_fields(fields, options, false);
        let facts = ProcessFacts::of_table(records, &sentence.fields, &sentence.ctx);
        EventView {
            event,
            records,
            parts,
            sentence,
            facts,
            file,
            offset,
        }
    }

    fn options(&self) -> &'e WriterOptions {
        self.sentence.options
    }

    /// The name a record gives the id field `key` of the process's record (from ENRICHED,
    /// else from the user database); `None` when nothing names it.
    pub fn id_name(&self, key: &[u8]) -> Option<Vec<u8>> {
        let at = self.facts.as_ref()?.record;
        let record = self.records.get(at)?;
        let value = self.parts.field(at, key)?;
        let shown = interpret_field(
            &self.sentence.ctx,
            record,
            key,
            value,
            &*self.options().names,
        );
        match shown {
            Interpreted::Raw => None,
            other => {
                let text = other.text(written(record, value)).into_owned();
                (text != value.raw()).then_some(text)
            }
        }
    }

    /// The result in one word: `success`, `failure`, or `None` when the event gives none.
    pub fn result(&self) -> Option<&'static str> {
        let success = match &self.facts {
            Some(ProcessFacts {
                success: Some(s), ..
            }) => Some(*s),
            _ => self.sentence.succeeded(),
        };
        success.map(|s| if s { "success" } else { "failure" })
    }

    /// The event's audit keys (`key=`), each whole.
    pub fn keys(&self) -> Vec<Vec<u8>> {
        let Some(pos) = self.sentence.parts.key else {
            return Vec::new();
        };
        let Some(shown) =
            self.sentence
                .fields
                .interpret(pos, &self.sentence.ctx, &*self.options().names)
        else {
            return Vec::new();
        };
        let keys: Vec<Vec<u8>> = match shown {
            Interpreted::Keys(_) => shown.keys().map(<[u8]>::to_vec).collect(),
            _ => self
                .sentence
                .fields
                .get(pos)
                .map(|(_, f)| vec![f.value.raw().to_vec()])
                .unwrap_or_default(),
        };
        keys.into_iter()
            .filter(|k| k != b"(null)" && !k.is_empty())
            .collect()
    }

    /// The first socket address of the event (SOCKADDR), decoded.
    pub fn sockaddr(&self) -> Option<SockAddr> {
        self.records
            .iter()
            .filter(|r| r.type_code() == Some(record_type::SOCKADDR))
            .find_map(|r| sockaddr::decode(r.field(b"saddr")?.raw(), self.sentence.ctx.arch))
    }

    /// The remote or bound address as one string: `ip:port`, `[ip6]:port`, a unix path, or
    /// the `addr=` of a user-space record.
    pub fn address(&self) -> Option<Vec<u8>> {
        if let Some(addr) = self.sockaddr() {
            return Some(address_text(&addr));
        }
        let at = self.facts.as_ref()?.record;
        let record = self.records.get(at)?;
        let addr = self.parts.field(at, b"addr")?;
        let text = encoding::decode_in(record, b"addr", addr);
        (!matches!(&text[..], b"?" | b"" | b"(null)")).then(|| text.into_owned())
    }
}

/// `1.2.3.4:80`, `[2001:db8::1]:443`, a unix path (`@name` when abstract), else the address as
/// ausearch shows it.
pub fn address_text(addr: &SockAddr) -> Vec<u8> {
    match addr {
        SockAddr::Inet { .. } | SockAddr::Inet6 { .. } => {
            let ip = addr.ip_text().unwrap_or_default();
            let port = addr.port().unwrap_or(0);
            if matches!(addr, SockAddr::Inet6 { .. }) {
                format!("[{ip}]:{port}").into_bytes()
            } else {
                format!("{ip}:{port}").into_bytes()
            }
        }
        SockAddr::Unix { path, is_abstract } => {
            let mut out = Vec::with_capacity(path.len() + 1);
            if *is_abstract {
                out.push(b'@');
            }
            out.extend_from_slice(path);
            out
        }
        other => other.to_bytes(),
    }
}

/// Renders one event into `out` in `format`.
pub fn render(
    out: &mut Vec<u8>,
    event: &Event,
    file: &[u8],
    offset: u64,
    format: ExportFormat,
    options: &WriterOptions,
) -> Rendered {
    let records: Vec<Record> = event.records().collect();
    let view = EventView::new(event, &records, file, offset, options);
    let split = match format {
        ExportFormat::Jsonl => json::write_event(out, &view),
        ExportFormat::Csv => csv::write_event(out, &view),
    };
    let lineage = view
        .facts
        .as_ref()
        .and_then(|facts| Lineage::of(event.node(), facts, format));
    Rendered { split, lineage }
}

/// The parent's fragment when nothing is known of it.
pub fn unknown_parent(format: ExportFormat) -> &'static [u8] {
    match format {
        ExportFormat::Jsonl => b"null",
        ExportFormat::Csv => b",",
    }
}

//! `--format text`: one English sentence per event, as `ausearch --format text` writes it:
//! `At 2023-11-26T11:28:15Z alice, acting as root, successfully executed /usr/bin/nc using
//! /usr/bin/bash`. The parts come from [`crate::interpret::normalize`]; the time is ISO-8601
//! to the second in the chosen zone (ausearch prints `%T %x` in local time).

use super::WriterOptions;
use super::escape::write_escaped;
use super::time::write_iso_seconds;
use crate::event::Event;
use crate::interpret::field_type::field_type;
use crate::interpret::normalize::{EventFields, Normalized, Part, Pos, normalize};
use crate::interpret::{EventContext, FieldType, Interpreted, encoding, written};
use crate::query::normalize_path;
use crate::record::Record;

pub fn write_event(out: &mut Vec<u8>, event: &Event, options: &WriterOptions) {
    let records: Vec<Record> = event.records().collect();
    let sentence = Sentence::new(&records, event.node(), options, false);
    match event.node() {
        Some(node) => {
            out.extend_from_slice(b"On ");
            write_escaped(out, node, options.escape);
            out.extend_from_slice(b" at ");
        }
        None => out.extend_from_slice(b"At "),
    }
    match event.stamp() {
        Some(stamp) => write_iso_seconds(out, stamp.sec, options.zone),
        None => out.push(b'?'),
    }
    out.push(b' ');
    sentence.write_body(out);
    out.push(b'\n');
}

/// An event's normalized parts with what it takes to print them.
pub(crate) struct Sentence<'e, 'o> {
    pub fields: EventFields<'e>,
    pub ctx: EventContext,
    pub parts: Normalized,
    pub options: &'o WriterOptions,
}

impl<'e, 'o: 'e> Sentence<'e, 'o> {
    pub fn new(
        records: &[Record<'e>],
        node: Option<&'e [u8]>,
        options: &'o WriterOptions,
        with_attributes: bool,
    ) -> Self {
        let fields = EventFields::new(records.iter().copied(), node);
        Self::with_fields(fields, options, with_attributes)
    }

    /// As [`Sentence::new`], with the event's field table built already.
    pub fn with_fields(
        fields: EventFields<'e>,
        options: &'o WriterOptions,
        with_attributes: bool,
    ) -> Self {
        let ctx = fields.context();
        let parts = normalize(&fields, &ctx, &*options.names, with_attributes);
        Sentence {
            fields,
            ctx,
            parts,
            options,
        }
    }

    /// The field's interpretation, escaped: what auparse_interpret_field gives.
    pub fn field(&self, pos: Pos) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(text) = self.shown(pos) {
            write_escaped(&mut out, &text, self.options.escape);
        }
        out
    }

    fn shown(&self, pos: Pos) -> Option<Vec<u8>> {
        let (record, field) = self.fields.get(pos)?;
        let options: &'o WriterOptions = self.options;
        let shown = self.fields.interpret(pos, &self.ctx, &*options.names)?;
        let written = written(record, field.value);
        Some(match shown {
            Interpreted::Raw => written.to_vec(),
            Interpreted::Keys(_) => shown.keys().next().unwrap_or_default().to_vec(),
            other => other.text(written).into_owned(),
        })
    }

    fn kind(&self, pos: Pos) -> Option<FieldType> {
        let (record, field) = self.fields.get(pos)?;
        Some(field_type(record.type_code(), field.name, field.value))
    }

    /// A file name joined to the event's working directory and normalised, as auparse's
    /// realpath does; other fields as [`Sentence::field`].
    pub fn path_or_field(&self, pos: Pos) -> Vec<u8> {
        if self.kind(pos) != Some(FieldType::EscapedFile) {
            return self.field(pos);
        }
        let Some(name) = self.shown(pos) else {
            return Vec::new();
        };
        let full = match self.fields.cwd {
            Some(cwd) if name != b"(null)" => {
                let absolute = name.first() == Some(&b'/');
                if absolute && memchr::memmem::find(&name, b"..").is_none() {
                    name
                } else {
                    let mut joined = Vec::new();
                    if !absolute {
                        joined.extend_from_slice(&encoding::decode(Some(1307), b"cwd", cwd));
                        joined.push(b'/');
                    }
                    joined.extend_from_slice(&name);
                    normalize_path(&joined)
                }
            }
            _ => name,
        };
        let mut out = Vec::new();
        write_escaped(&mut out, &full, self.options.escape);
        out
    }

    /// The raw value as auparse's get_field_int reads it: strtol of the text as written
    /// (quotes included, so a quoted name reads as 0), cut to 32 bits.
    pub fn int(&self, pos: Pos) -> i32 {
        let Some((record, field)) = self.fields.get(pos) else {
            return -1;
        };
        let text = written(record, field.value);
        let (negative, digits) = match text.strip_prefix(b"-") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let end = digits
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(digits.len());
        let value = std::str::from_utf8(&digits[..end])
            .ok()
            .filter(|d| !d.is_empty())
            .map_or(Some(0), |d| d.parse::<i64>().ok());
        match value {
            Some(v) => (if negative { -v } else { v }) as i32,
            None => -1,
        }
    }

    pub fn part(&self, part: Part) -> Vec<u8> {
        match part {
            Part::Fixed(text) => text.as_bytes().to_vec(),
            Part::Field(pos) => self.field(pos),
        }
    }

    /// The subject as printed: an unset login id is the system.
    pub fn subject(&self) -> Option<Vec<u8>> {
        let text = self.field(self.parts.subject?);
        Some(if text == b"unset" {
            b"system".to_vec()
        } else {
            text
        })
    }

    /// Whether the result field says success.
    pub fn succeeded(&self) -> Option<bool> {
        let pos = self.parts.result?;
        let text = self.field(pos);
        Some(
            text == b"yes"
                || text.starts_with(b"suc")
                || (self.kind(pos) == Some(FieldType::Seccomp) && text == b"allow"),
        )
    }

    /// The action as printed; a CONFIG_CHANGE that sets a value names the field it sets.
    pub fn action(&self) -> Option<Vec<u8>> {
        self.parts.action.map(|a| self.part(a))
    }

    /// The object: a file as a full path; for a CONFIG_CHANGE that sets a value, the name of
    /// what is set.
    pub fn object(&self, socket_address: bool) -> Option<Vec<u8>> {
        let pos = self.parts.object?;
        let action = self.action();
        let sets = matches!(action.as_deref(), Some(b"set") | Some(b"seccomp-logging"));
        if self.fields.first_type() == 1305 && sets {
            let (_, field) = self.fields.get(pos)?;
            return Some(field.name.to_vec());
        }
        if socket_address && self.kind(pos) == Some(FieldType::Sockaddr) {
            let text = self.field(pos);
            return Some(socket_part(&text).unwrap_or(text));
        }
        Some(self.path_or_field(pos))
    }

    fn write_body(&self, out: &mut Vec<u8>) {
        let mut subject_id = -2;
        if let Some(subject) = self.subject() {
            subject_id = self.parts.subject.map_or(-2, |p| self.int(p));
            out.extend_from_slice(&subject);
        }
        if let Some(secondary) = self.parts.subject_secondary {
            let uid = self.int(secondary);
            if uid != subject_id && subject_id != -2 && uid != -1 {
                out.extend_from_slice(b", acting as ");
                out.extend_from_slice(&self.field(secondary));
                out.push(b',');
            }
        }
        match self.succeeded() {
            Some(true) => out.extend_from_slice(b" successfully "),
            Some(false) => out.extend_from_slice(b" unsuccessfully "),
            None => out.push(b' '),
        }
        let action = self.action();
        out.extend_from_slice(action.as_deref().unwrap_or(b"did-unknown"));
        out.push(b' ');
        if let Some(object) = self.object(true) {
            out.extend_from_slice(&object);
            out.push(b' ');
        }
        if let Some(object2) = self.parts.object2 {
            out.extend_from_slice(b"to ");
            out.extend_from_slice(&self.path_or_field(object2));
            out.push(b' ');
        }
        // An ended session has no means. (ausearch tests only the first letter, and so also
        // leaves out how a program was executed.)
        if let (Some(how), Some(action)) = (self.parts.how, &action)
            && action != b"ended-session"
        {
            out.extend_from_slice(b"using ");
            out.extend_from_slice(&self.part(how));
        }
    }
}

/// A socket address's host (`laddr=`), else its family.
fn socket_part(text: &[u8]) -> Option<Vec<u8>> {
    [&b"laddr="[..], b"fam="].iter().find_map(|label| {
        let at = memchr::memmem::find(text, label)? + label.len();
        let end = memchr::memchr(b' ', &text[at..])?;
        Some(text[at..at + end].to_vec())
    })
}

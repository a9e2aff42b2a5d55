//! The parts of an event's records, split once for everything an export writes: the
//! key=value fields (those inside `msg='…'` in its place) and the tokens without a key (AVC's
//! `avc:  denied  { read }`). The summary, the process and the records are all read from here.

use crate::record::{Field, Record, Token, Tokens, Value};
use smallvec::SmallVec;

#[derive(Default)]
pub(crate) struct EventParts<'a> {
    fields: Vec<Field<'a>>,
    words: Vec<&'a [u8]>,
    /// Indices into `fields` of `msg='…'` values with no key=value inside, kept whole.
    whole: SmallVec<[u32; 2]>,
    /// Per record, where its fields and words end.
    ends: SmallVec<[(u32, u32); 8]>,
}

impl<'a> EventParts<'a> {
    pub fn of(records: &[Record<'a>]) -> Self {
        let mut parts = EventParts {
            fields: Vec::with_capacity(records.len() * 24),
            ..EventParts::default()
        };
        for record in records {
            parts.push_record(record.body());
        }
        parts
    }

    /// Splits one more record body.
    pub fn push_record(&mut self, body: &'a [u8]) {
        self.take(body, true);
        self.ends
            .push((self.fields.len() as u32, self.words.len() as u32));
    }

    fn take(&mut self, text: &'a [u8], outer: bool) {
        for token in Tokens::new(text) {
            match token {
                Token::Field(Field {
                    value: Value::Nested(inner),
                    ..
                }) if outer && inner.contains(&b'=') => self.take(inner, false),
                Token::Field(field) => {
                    if outer && matches!(field.value, Value::Nested(_)) {
                        self.whole.push(self.fields.len() as u32);
                    }
                    self.fields.push(field);
                }
                Token::Word(word) | Token::Group(word) => self.words.push(word),
            }
        }
    }

    fn starts(&self, record: usize) -> (usize, usize) {
        match record.checked_sub(1).and_then(|r| self.ends.get(r)) {
            Some(&(fields, words)) => (fields as usize, words as usize),
            None => (0, 0),
        }
    }

    fn end(&self, record: usize) -> (usize, usize) {
        self.ends
            .get(record)
            .map_or((0, 0), |&(f, w)| (f as usize, w as usize))
    }

    /// The record's fields in order, a `msg='…'` without fields inside as one field.
    pub fn fields(&self, record: usize) -> &[Field<'a>] {
        let (start, _) = self.starts(record);
        let (end, _) = self.end(record);
        self.fields.get(start..end).unwrap_or_default()
    }

    /// The record's tokens without a key.
    pub fn words(&self, record: usize) -> &[&'a [u8]] {
        let (_, start) = self.starts(record);
        let (_, end) = self.end(record);
        self.words.get(start..end).unwrap_or_default()
    }

    /// The record's fields as [`Record::fields`] gives them: a `msg='…'` kept whole is left
    /// out, as it holds no field.
    pub fn flat_fields(&self, record: usize) -> impl Iterator<Item = Field<'a>> + '_ {
        let (start, _) = self.starts(record);
        self.fields(record)
            .iter()
            .enumerate()
            .filter(move |&(i, _)| !self.whole.contains(&((start + i) as u32)))
            .map(|(_, f)| *f)
    }

    /// The first field named `key` of the record, as [`Record::field`] finds it.
    pub fn field(&self, record: usize, key: &[u8]) -> Option<Value<'a>> {
        self.flat_fields(record)
            .find(|f| f.key == key)
            .map(|f| f.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msg_fields_stand_in_the_record_and_words_are_kept() {
        let mut parts = EventParts::default();
        parts.push_record(b"pid=1 uid=0 msg='avc:  denied  { read } for op=x res=success'");
        parts.push_record(b"pid=2 msg='just text'");
        let keys: Vec<&[u8]> = parts.fields(0).iter().map(|f| f.key).collect();
        assert_eq!(keys, [&b"pid"[..], b"uid", b"op", b"res"]);
        assert_eq!(parts.words(0).len(), 4, "{:?}", parts.words(0));
        assert_eq!(parts.fields(1).len(), 2);
        assert!(parts.words(1).is_empty());
        let flat: Vec<&[u8]> = parts.flat_fields(1).map(|f| f.key).collect();
        assert_eq!(flat, [&b"pid"[..]]);
        assert_eq!(parts.field(1, b"pid").map(|v| v.raw()), Some(&b"2"[..]));
        assert!(parts.field(1, b"msg").is_none());
        assert!(parts.fields(2).is_empty());
    }

    #[test]
    fn flat_fields_are_what_the_record_gives() {
        let bodies: [&[u8]; 4] = [
            b"a=1 msg='b=2 c=\"x y\"' d=3",
            b"msg='text only' e=4",
            b"avc:  denied  { read } for pid=5 comm=\"x\"",
            b"f=6 f=7 g=(null)",
        ];
        let mut parts = EventParts::default();
        for body in bodies {
            parts.push_record(body);
        }
        for (i, body) in bodies.iter().enumerate() {
            let mine: Vec<Field> = parts.flat_fields(i).collect();
            let theirs: Vec<Field> = crate::record::fields::FlatFields::new(body).collect();
            assert_eq!(format!("{mine:?}"), format!("{theirs:?}"), "record {i}");
        }
    }
}

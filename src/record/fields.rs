//! The key=value tokenizer for record bodies: quoted, bare, braced and nested `msg='…'` values,
//! and the bare words of AVC and old daemon records, without allocating.

use std::borrow::Cow;

/// A field value as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Unquoted: a number, an enum, `?`, `(null)`, or a hex-encoded string.
    Bare(&'a [u8]),
    /// Between double quotes (the quotes removed).
    Quoted(&'a [u8]),
    /// Between braces, as in `SADDR={ saddr_fam=inet … }` (braces and edge blanks removed).
    Braced(&'a [u8]),
    /// Between single quotes: the `msg='…'` of user-space records, itself key=value text.
    Nested(&'a [u8]),
}

impl<'a> Value<'a> {
    /// The bytes between the delimiters, undecoded.
    pub fn raw(&self) -> &'a [u8] {
        match *self {
            Value::Bare(b) | Value::Quoted(b) | Value::Braced(b) | Value::Nested(b) => b,
        }
    }

    pub fn is_quoted(&self) -> bool {
        matches!(self, Value::Quoted(_))
    }

    /// The value as text: quoted values as they are, bare values hex-decoded when they are
    /// valid hex. Only for fields that auditd hex-encodes; see `interpret::encoding`.
    pub fn decoded(&self) -> Cow<'a, [u8]> {
        match *self {
            Value::Bare(b) => match decode_hex(b) {
                Some(bytes) => Cow::Owned(bytes),
                None => Cow::Borrowed(b),
            },
            other => Cow::Borrowed(other.raw()),
        }
    }

    /// The value as an unsigned number (decimal), if it is one.
    pub fn as_u64(&self) -> Option<u64> {
        parse_u64(self.raw())
    }

    /// The value as a signed number (decimal), if it is one.
    pub fn as_i64(&self) -> Option<i64> {
        let raw = self.raw();
        match raw.strip_prefix(b"-") {
            Some(digits) => parse_u64(digits)
                .filter(|&v| v <= i64::MAX as u64 + 1)
                .map(|v| (v as i64).wrapping_neg()),
            None => parse_u64(raw).and_then(|v| i64::try_from(v).ok()),
        }
    }
}

/// One token of a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Field(Field<'a>),
    /// A word without `=`: `avc:`, `denied`, `for`, `auditd`, `start,`.
    Word(&'a [u8]),
    /// A brace group without a key: the permissions of an AVC (`{ read write }`).
    Group(&'a [u8]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub key: &'a [u8],
    pub value: Value<'a>,
}

/// Tokens of one body, `msg='…'` kept whole.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    text: &'a [u8],
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        Tokens { text, pos: 0 }
    }

    fn skip_blanks(&mut self) {
        while self.pos < self.text.len() && matches!(self.text[self.pos], b' ' | b'\t') {
            self.pos += 1;
        }
    }

    fn until_blank(&self, from: usize) -> usize {
        memchr::memchr2(b' ', b'\t', &self.text[from..]).map_or(self.text.len(), |i| from + i)
    }

    /// The end of a delimited value starting at `open` (the delimiter's index) and the index
    /// after it; an unclosed delimiter runs to the end of the text.
    fn closing(&self, open: usize, close: u8, last: bool) -> (usize, usize) {
        let rest = &self.text[open + 1..];
        let found = if last {
            memchr::memrchr(close, rest)
        } else {
            memchr::memchr(close, rest)
        };
        match found {
            Some(i) => (open + 1 + i, open + 2 + i),
            None => (self.text.len(), self.text.len()),
        }
    }

    /// The value starting at `at`; `word_end` is where the blank-free word holding `at` ends,
    /// which is where a bare value ends.
    fn value_at(&mut self, at: usize, word_end: usize) -> Value<'a> {
        let text = self.text;
        match text.get(at) {
            Some(b'"') => {
                let (end, next) = self.closing(at, b'"', false);
                self.pos = next;
                Value::Quoted(&text[at + 1..end])
            }
            // msg='…' runs to the last quote: its text may hold quotes of its own.
            Some(b'\'') => {
                let (end, next) = self.closing(at, b'\'', true);
                self.pos = next;
                Value::Nested(&text[at + 1..end])
            }
            Some(b'{') => {
                let (end, next) = self.closing(at, b'}', false);
                self.pos = next;
                Value::Braced(trim(&text[at + 1..end]))
            }
            _ => {
                self.pos = word_end;
                Value::Bare(strip_old_punctuation(&text[at..word_end]))
            }
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        self.skip_blanks();
        let text = self.text;
        let start = self.pos;
        if start >= text.len() {
            return None;
        }
        if text[start] == b'{' {
            let (end, next) = self.closing(start, b'}', false);
            self.pos = next;
            return Some(Token::Group(trim(&text[start + 1..end])));
        }
        let word_end = self.until_blank(start);
        match memchr::memchr(b'=', &text[start..word_end]) {
            Some(0) | None => {
                self.pos = word_end;
                Some(Token::Word(&text[start..word_end]))
            }
            Some(eq) => {
                // The old PAM form wraps fields in parentheses: `(hostname=?, addr=?, …)`.
                let key = &text[start..start + eq];
                let key = key.strip_prefix(b"(").unwrap_or(key);
                let value = self.value_at(start + eq + 1, word_end);
                Some(Token::Field(Field { key, value }))
            }
        }
    }
}

/// The values of every field called `name`, in the body or inside `msg='…'`, found by a
/// substring search and checked to be a real field (at a token start, outside double quotes)
/// instead of tokenizing the whole body. Yields what [`FlatFields`] filtered by name yields.
pub struct NamedFields<'a, 'n> {
    text: &'a [u8],
    name: &'n [u8],
    finder: Search<'n>,
    from: usize,
}

enum Search<'n> {
    Owned(Box<memchr::memmem::Finder<'n>>),
    Shared(&'n memchr::memmem::Finder<'n>),
}

/// A field name with its substring searcher built once, for lookups on every record.
pub struct FieldName {
    name: Vec<u8>,
    finder: memchr::memmem::Finder<'static>,
}

impl FieldName {
    pub fn new(name: &[u8]) -> Self {
        FieldName {
            name: name.to_vec(),
            finder: memchr::memmem::Finder::new(name).into_owned(),
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.name
    }
}

impl<'a, 'n> NamedFields<'a, 'n> {
    pub fn new(text: &'a [u8], name: &'n [u8]) -> Self {
        NamedFields {
            text,
            name,
            finder: Search::Owned(Box::new(memchr::memmem::Finder::new(name))),
            from: 0,
        }
    }

    pub fn with(text: &'a [u8], name: &'n FieldName) -> Self {
        NamedFields {
            text,
            name: &name.name,
            finder: Search::Shared(&name.finder),
            from: 0,
        }
    }

    fn search(&self, haystack: &[u8]) -> Option<usize> {
        match &self.finder {
            Search::Owned(f) => f.find(haystack),
            Search::Shared(f) => f.find(haystack),
        }
    }
}

impl<'a> Iterator for NamedFields<'a, '_> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        let text = self.text;
        if self.name.is_empty() {
            return None;
        }
        loop {
            let at = self.from + self.search(&text[self.from..])?;
            self.from = at + 1;
            let after = at + self.name.len();
            if text.get(after) != Some(&b'=') {
                continue;
            }
            if at > 0 && !matches!(text[at - 1], b' ' | b'\t' | b'\'' | b'(') {
                continue;
            }
            let before = &text[..at];
            if memchr::memchr_iter(b'"', before).count() % 2 == 1 {
                continue;
            }
            // Inside `msg='…'` the nested text ends at the closing quote. Most records have
            // no single quote at all, which one search tells.
            let inside_msg = memchr::memchr(b'\'', before).is_some()
                && memchr::memchr_iter(b'\'', before).count() % 2 == 1;
            let end = if inside_msg {
                memchr::memrchr(b'\'', text)
                    .filter(|&q| q > at)
                    .unwrap_or(text.len())
            } else {
                text.len()
            };
            let mut tokens = Tokens {
                text: &text[..end],
                pos: at,
            };
            if let Some(Token::Field(field)) = tokens.next()
                && field.key == self.name
                && !matches!(field.value, Value::Nested(_))
            {
                self.from = tokens.pos.max(self.from);
                return Some(field.value);
            }
        }
    }
}

/// Every field of a body, the fields inside `msg='…'` in place of the `msg` field itself.
#[derive(Clone, Debug)]
pub struct FlatFields<'a> {
    outer: Tokens<'a>,
    inner: Option<Tokens<'a>>,
}

impl<'a> FlatFields<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        FlatFields {
            outer: Tokens::new(text),
            inner: None,
        }
    }
}

impl<'a> Iterator for FlatFields<'a> {
    type Item = Field<'a>;

    fn next(&mut self) -> Option<Field<'a>> {
        loop {
            if let Some(inner) = &mut self.inner {
                match inner.next() {
                    Some(Token::Field(f)) => return Some(f),
                    Some(_) => continue,
                    None => self.inner = None,
                }
            }
            match self.outer.next()? {
                Token::Field(Field {
                    value: Value::Nested(text),
                    ..
                }) => self.inner = Some(Tokens::new(text)),
                Token::Field(f) => return Some(f),
                _ => {}
            }
        }
    }
}

/// Old daemon and PAM records end values with `,` or a closing parenthesis:
/// `ver=1.2.9,`, `res=success)`. `(none)` and `(null)` keep theirs.
fn strip_old_punctuation(value: &[u8]) -> &[u8] {
    let value = value.strip_suffix(b",").unwrap_or(value);
    match value.strip_suffix(b")") {
        Some(stripped) if !stripped.contains(&b'(') => stripped,
        _ => value,
    }
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(start, |i| i + 1);
    &bytes[start..end.max(start)]
}

/// Decodes an even-length run of hex digits; `None` if it is not one.
pub fn decode_hex(hex: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(hex.len() / 2);
    decode_hex_into(hex, &mut out).then_some(out)
}

/// Appends the bytes of an even-length run of hex digits to `out`; false (and `out` as it
/// was) if `hex` is not one.
pub fn decode_hex_into(hex: &[u8], out: &mut Vec<u8>) -> bool {
    if hex.is_empty() || hex.len() % 2 != 0 {
        return false;
    }
    let before = out.len();
    for pair in hex.chunks_exact(2) {
        match (hex_digit(pair[0]), hex_digit(pair[1])) {
            (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
            _ => {
                out.truncate(before);
                return false;
            }
        }
    }
    true
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

/// Parses decimal digits only (no sign, no blanks).
pub fn parse_u64(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 20 {
        return None;
    }
    let mut value: u64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add((b - b'0') as u64)?;
    }
    Some(value)
}

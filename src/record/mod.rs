//! One audit record: its header (node, type, time, serial) parsed eagerly, its fields lazily,
//! everything borrowed from the input bytes.
//!
//! A line usually holds one record, but real logs also show kernel syslog lines with an audit
//! record inside (`… kernel: [31.0] audit: type=1400 audit(…): …`), two records written on one
//! line, headers without a colon (`msg=audit(…) auditd start, …`) and records with no header at
//! all (`type=UNKNOWN[1329] msg=?`). [`parse_record`] accepts all of them and says why it
//! rejects anything else, so a caller can count and report every line it did not use.

pub mod bytes;
pub mod fields;
pub mod types;

pub use fields::{Field, FieldName, Token, Tokens, Value};

use memchr::memmem;
use std::sync::LazyLock;

/// The separator auditd's ENRICHED log format puts between a record and its translations.
pub const ENRICHMENT_SEPARATOR: u8 = 0x1d;

/// When an event happened and which serial the kernel gave it: the event identity, with the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stamp {
    pub sec: u64,
    pub msec: u16,
    pub serial: u64,
}

impl Stamp {
    /// Milliseconds since the epoch.
    pub fn millis(&self) -> u128 {
        self.sec as u128 * 1000 + self.msec as u128
    }
}

/// Where the parts of one record lie inside its text. Offsets are relative to the record start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The `node=`/`host=` value, if the record has one.
    pub node: Option<(u32, u32)>,
    /// The record type as written: `SYSCALL`, `UNKNOWN[1329]` or a number (syslog form).
    pub type_name: (u32, u32),
    /// `None` for records written without a timestamp (`msg=?`).
    pub stamp: Option<Stamp>,
    /// Start and end of the key=value body (end excludes the enrichment and trailing blanks);
    /// [`Record::enrichment`] finds the ENRICHED translations after it.
    pub body: (u32, u32),
}

impl Header {
    /// The numeric record type, when the name is known, `UNKNOWN[n]` or a number.
    pub fn type_code(&self, text: &[u8]) -> Option<u32> {
        types::code_of(&text[self.type_name.0 as usize..self.type_name.1 as usize])
    }
}

/// Why a line, or the rest of one, is not an audit record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    Blank,
    Comment,
    NotAuditRecord,
    NoType,
    BadTimestamp,
    TooLong,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::Blank => "blank line",
            SkipReason::Comment => "comment line",
            SkipReason::NotAuditRecord => "not an audit record",
            SkipReason::NoType => "audit header without a record type",
            SkipReason::BadTimestamp => "unreadable msg=audit(…) timestamp",
            SkipReason::TooLong => "record longer than 4 GiB",
        }
    }

    /// Blank and comment lines are expected in hand-made files; the rest are damage.
    pub fn is_damage(self) -> bool {
        !matches!(self, SkipReason::Blank | SkipReason::Comment)
    }
}

/// A parsed record and where the next record on the same line starts, if there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRecord {
    /// Offsets relative to the record's start.
    pub header: Header,
    /// Where the record starts in the text given: 0, or past junk written before it (NUL
    /// bytes of a crash, binary garbage) that is not part of the record.
    pub start: usize,
    /// Length of this record's text (it may end before the line does).
    pub len: usize,
    /// Offset of a further record on the same line, from the start of the text given.
    pub next: Option<usize>,
}

/// A record's text with what the filters need at hand (type and body); the rest of the header
/// (node, type name, time, enrichment) is parsed again from the text when asked for.
#[derive(Clone, Copy, Debug)]
pub struct Record<'a> {
    pub text: &'a [u8],
    type_name: (u32, u32),
    body: (u32, u32),
}

impl<'a> Record<'a> {
    pub fn new(text: &'a [u8], type_name: (u32, u32), body: (u32, u32)) -> Self {
        Record {
            text,
            type_name,
            body,
        }
    }

    /// The view of a record parsed from `text` (its offsets relative to `text`).
    pub fn from_header(text: &'a [u8], header: &Header) -> Self {
        Record::new(text, header.type_name, header.body)
    }

    /// The whole header, parsed again from the record's text.
    pub fn header(&self) -> Header {
        match parse_record(self.text) {
            Ok(parsed) if parsed.start == 0 => parsed.header,
            // The text was a record when it was read; this only guards against a change.
            _ => Header {
                node: None,
                type_name: self.type_name,
                stamp: None,
                body: self.body,
            },
        }
    }

    pub fn node(&self) -> Option<&'a [u8]> {
        self.header().node.map(|r| self.span(r))
    }

    pub fn type_name(&self) -> &'a [u8] {
        self.span(self.type_name)
    }

    /// The numeric type, looked up from the name when asked for.
    pub fn type_code(&self) -> Option<u32> {
        types::code_of(self.type_name())
    }

    pub fn stamp(&self) -> Option<Stamp> {
        self.header().stamp
    }

    /// The key=value part, without header and enrichment.
    pub fn body(&self) -> &'a [u8] {
        self.span(self.body)
    }

    /// The ENRICHED translations (`UID="alice" …`), if any.
    pub fn enrichment(&self) -> Option<&'a [u8]> {
        // The body ends before the separator: what follows it is blanks, then the separator
        // if there is one.
        let tail = self.text.get(self.body.1 as usize..)?;
        let at = memchr::memchr(ENRICHMENT_SEPARATOR, tail)?;
        Some(trim_end(&tail[at + 1..]))
    }

    /// The body's tokens, with `msg='…'` kept as one nested value.
    pub fn tokens(&self) -> Tokens<'a> {
        Tokens::new(self.body())
    }

    /// Every field of the body, descending into `msg='…'`.
    pub fn fields(&self) -> fields::FlatFields<'a> {
        fields::FlatFields::new(self.body())
    }

    /// The first field with this name, in the body or inside `msg='…'`.
    pub fn field(&self, name: &[u8]) -> Option<Value<'a>> {
        self.fields_named(name).next()
    }

    /// Every field with this name (records can repeat a key: `uid=0 uid=0`).
    pub fn fields_named<'n>(&self, name: &'n [u8]) -> fields::NamedFields<'a, 'n> {
        fields::NamedFields::new(self.body(), name)
    }

    /// As [`Record::fields_named`], with a searcher built once for many records.
    pub fn fields_by<'n>(&self, name: &'n fields::FieldName) -> fields::NamedFields<'a, 'n> {
        fields::NamedFields::with(self.body(), name)
    }

    /// The ENRICHED translation of a field (`UID` for `uid`), if the record carries one.
    pub fn enriched(&self, upper_name: &[u8]) -> Option<Value<'a>> {
        let enrichment = self.enrichment()?;
        fields::FlatFields::new(enrichment)
            .find(|f| f.key == upper_name)
            .map(|f| f.value)
    }

    fn span(&self, (start, end): (u32, u32)) -> &'a [u8] {
        &self.text[start as usize..end as usize]
    }
}

static MSG_AUDIT: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(b" msg=audit("));
static TYPE_EQ: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"type="));

/// What a caller that has scanned the whole chunk already knows about a line: whether it may
/// hold a second record (` msg=audit(` twice) and an enrichment separator. Scanning a chunk
/// once is far cheaper than searching every line.
#[derive(Clone, Copy, Debug)]
pub struct LineHints {
    pub may_hold_two: bool,
    pub may_be_enriched: bool,
}

impl LineHints {
    pub const UNKNOWN: LineHints = LineHints {
        may_hold_two: true,
        may_be_enriched: true,
    };
}

/// Parses the first record of `text` (one line, without its newline).
pub fn parse_record(text: &[u8]) -> Result<ParsedRecord, SkipReason> {
    parse_record_with(text, LineHints::UNKNOWN)
}

/// [`parse_record`], skipping the searches that `hints` rule out.
pub fn parse_record_with(text: &[u8], hints: LineHints) -> Result<ParsedRecord, SkipReason> {
    if text.len() > u32::MAX as usize {
        return Err(SkipReason::TooLong);
    }
    // Most lines start with their type; they skip the prefix checks.
    if text.first() == Some(&b't') {
        return parse_at(text, 0, hints).or_else(|reason| match reason {
            SkipReason::NotAuditRecord => recover_after_junk(text),
            other => Err(other),
        });
    }
    match record_start(text) {
        Ok(start) => parse_at(text, start, hints),
        Err(SkipReason::NotAuditRecord) => recover_after_junk(text),
        Err(reason) => Err(reason),
    }
}

/// A record written after junk on the same line: the first `type=` that starts a whole
/// readable header, at a word start. The junk itself is no record.
fn recover_after_junk(text: &[u8]) -> Result<ParsedRecord, SkipReason> {
    for at in TYPE_EQ.find_iter(text) {
        if at > 0 && (text[at - 1].is_ascii_alphanumeric() || matches!(text[at - 1], b'_' | b'-')) {
            continue;
        }
        if let Ok(mut parsed) = parse_at(&text[at..], 0, LineHints::UNKNOWN) {
            parsed.start = at;
            parsed.next = parsed.next.map(|n| n + at);
            return Ok(parsed);
        }
    }
    Err(SkipReason::NotAuditRecord)
}

fn parse_at(text: &[u8], start: usize, hints: LineHints) -> Result<ParsedRecord, SkipReason> {
    let mut cursor = Cursor { text, pos: start };
    let node = if matches!(text.get(start), Some(b'n' | b'h')) {
        cursor.node_prefix()
    } else {
        None
    };
    let (type_name, stamp, body_start) = match fast_header(text, cursor.pos) {
        Some(found) => found,
        None => general_header(&mut cursor, node.is_some())?,
    };
    let next = if hints.may_hold_two {
        next_record(text, body_start)
    } else {
        None
    };
    // A record with an empty body may be followed at once by the next (`…): node=b type=…`).
    let record_end = next.map_or(text.len(), |n| (n - 1).max(body_start));
    let separator = if hints.may_be_enriched {
        memchr::memchr(ENRICHMENT_SEPARATOR, &text[body_start..record_end])
    } else {
        None
    };
    let body_end = separator.map_or(record_end, |i| body_start + i);
    let body_end = body_start + trim_end(&text[body_start..body_end]).len();
    Ok(ParsedRecord {
        header: Header {
            node,
            type_name,
            stamp,
            body: (body_start as u32, body_end as u32),
        },
        start: 0,
        len: record_end,
        next,
    })
}

/// Where the record begins: at the start, or after a syslog/dmesg prefix (`… audit: type=…`).
fn record_start(text: &[u8]) -> Result<usize, SkipReason> {
    if starts_with(text, b"type=") || starts_with(text, b"node=") || starts_with(text, b"host=") {
        return Ok(0);
    }
    let trimmed = trim_start(text);
    if trim_end(trimmed).is_empty() {
        return Err(SkipReason::Blank);
    }
    if trimmed.starts_with(b"#") {
        return Err(SkipReason::Comment);
    }
    // A kernel line carries `audit: type=N audit(…)`; demand the `audit` word so that free text
    // mentioning type= is not taken for a record.
    let at = TYPE_EQ.find(text).ok_or(SkipReason::NotAuditRecord)?;
    let before = &text[..at];
    if before.ends_with(b"audit: ") || before.ends_with(b"audit ") {
        Ok(at)
    } else {
        Err(SkipReason::NotAuditRecord)
    }
}

type HeaderParts = ((u32, u32), Option<Stamp>, usize);

/// Eight ASCII digits at the start of `bytes` as a number, eight at a time (the SWAR method
/// of Lemire's "fast number parsing"); `None` if any of them is not a digit.
#[inline]
fn eight_digits(bytes: &[u8]) -> Option<u64> {
    eight_digits_word(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?))
}

/// The `n` (1 to 8) ASCII digits that end just before `end`, read as one word padded with
/// leading zeros. Needs eight bytes before `end`.
#[inline]
fn last_digits(t: &[u8], end: usize, n: usize) -> Option<u64> {
    let raw = u64::from_le_bytes(t.get(end.checked_sub(8)?..end)?.try_into().ok()?);
    let keep = !0u64 << (8 * (8 - n));
    eight_digits_word((raw & keep) | (0x3030_3030_3030_3030 & !keep))
}

#[inline]
fn eight_digits_word(raw: u64) -> Option<u64> {
    let v = raw.wrapping_sub(0x3030_3030_3030_3030);
    // Every byte must be 0..=9: no high nibble, and adding 6 must not carry into one.
    if (v | v.wrapping_add(0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0 != 0 {
        return None;
    }
    let v = v.wrapping_mul(10).wrapping_add(v >> 8);
    let mask = 0x0000_00FF_0000_00FF;
    let high = (v & mask).wrapping_mul(100 + (1_000_000 << 32));
    let low = ((v >> 16) & mask).wrapping_mul(1 + (10_000 << 32));
    Some(high.wrapping_add(low) >> 32)
}

/// Decimal digits from `i` (at most `max`), their value and where they end. Twenty digits
/// can wrap the value; callers that read that many reject the number.
#[inline]
fn digits_at(t: &[u8], mut i: usize, max: usize) -> Option<(u64, usize)> {
    let begin = i;
    let mut value = 0u64;
    while i < t.len() && i - begin < max {
        let d = t[i].wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        value = value.wrapping_mul(10).wrapping_add(d as u64);
        i += 1;
    }
    (i > begin).then_some((value, i))
}

/// `SEC.MSC:SERIAL` at `i`: ten-digit seconds (every date from 2001 to 2286) and three-digit
/// milliseconds read in one go, anything else digit by digit.
#[inline]
fn stamp_digits(t: &[u8], i: usize) -> Option<(u64, u64, u64, usize)> {
    let (sec, after_sec) = match (eight_digits(&t[i..]), t.get(i + 8..i + 11)) {
        (Some(high), Some([a, b, b'.'])) if a.is_ascii_digit() && b.is_ascii_digit() => (
            high * 100 + (a - b'0') as u64 * 10 + (b - b'0') as u64,
            i + 10,
        ),
        _ => digits_at(t, i, 19)?,
    };
    let Some([b'.', m1, m2, m3, b':']) = t.get(after_sec..after_sec + 5) else {
        return None;
    };
    let msec_digits = [*m1, *m2, *m3].map(|b| b.wrapping_sub(b'0'));
    if msec_digits.iter().any(|&d| d > 9) {
        return None;
    }
    let msec = msec_digits[0] as u64 * 100 + msec_digits[1] as u64 * 10 + msec_digits[2] as u64;
    let serial_start = after_sec + 5;
    let serial_len = t[serial_start..t.len().min(serial_start + 21)]
        .iter()
        .position(|&b| b == b')')?;
    let serial = match serial_len {
        1..=8 => last_digits(t, serial_start + serial_len, serial_len)?,
        _ => {
            digits_at(t, serial_start, 19)
                .filter(|&(_, e)| e == serial_start + serial_len)?
                .0
        }
    };
    Some((sec, msec, serial, serial_start + serial_len))
}

/// The usual header, `type=NAME msg=audit(SEC.MSC:SERIAL): `, read with plain indexing; `None`
/// sends anything else to [`general_header`].
#[inline]
fn fast_header(text: &[u8], pos: usize) -> Option<HeaderParts> {
    let t = &text[pos..];
    if t.len() < 32 || !starts_with(t, b"type=") {
        return None;
    }
    // Type names are short: a plain loop beats a library search call here.
    let name_len = t[5..t.len().min(45)].iter().position(|&b| b == b' ')?;
    let mut i = 5 + name_len;
    if name_len == 0 || !starts_with(&t[i..], b" msg=audit(") {
        return None;
    }
    i += 11;
    let (sec, msec, serial, end) = stamp_digits(t, i)?;
    debug_assert_eq!(t[end], b')');
    i = end;
    if t.get(i..i + 2) != Some(b"):") {
        return None;
    }
    i += 2;
    while t.get(i) == Some(&b' ') {
        i += 1;
    }
    let stamp = Stamp {
        sec,
        msec: msec as u16,
        serial,
    };
    let name = ((pos + 5) as u32, (pos + 5 + name_len) as u32);
    Some((name, Some(stamp), pos + i))
}

/// Every other header form: syslog `audit(…)`, no colon, `msg=?`, odd spacing.
fn general_header(cursor: &mut Cursor, has_node: bool) -> Result<HeaderParts, SkipReason> {
    if !cursor.eat(b"type=") {
        return Err(if has_node {
            SkipReason::NoType
        } else {
            SkipReason::NotAuditRecord
        });
    }
    let type_name = cursor.word();
    if type_name.0 == type_name.1 {
        return Err(SkipReason::NoType);
    }
    cursor.skip_blanks();
    let stamp = cursor.stamp()?;
    cursor.skip_blanks();
    Ok((type_name, stamp, cursor.pos))
}

/// Finds a second record written on the same line: ` [node=N ]type=NAME msg=audit(`, outside
/// any `msg='…'` text.
fn next_record(text: &[u8], body_start: usize) -> Option<usize> {
    let mut from = body_start;
    while let Some(i) = MSG_AUDIT.find(&text[from..]) {
        let at = from + i;
        from = at + 1;
        let type_start = match text[..at].iter().rposition(|&b| b == b' ') {
            Some(space) => space + 1,
            None => continue,
        };
        if !text[type_start..].starts_with(b"type=") || type_start <= body_start {
            continue;
        }
        if text[body_start..type_start]
            .iter()
            .filter(|&&b| b == b'\'')
            .count()
            % 2
            == 1
        {
            continue;
        }
        let start = node_before(text, type_start).max(body_start);
        return Some(start);
    }
    None
}

/// If `node=X ` stands right before `type_start`, where it begins.
fn node_before(text: &[u8], type_start: usize) -> usize {
    let before = &text[..type_start - 1];
    let word_start = before.iter().rposition(|&b| b == b' ').map_or(0, |s| s + 1);
    let word = &before[word_start..];
    if word.starts_with(b"node=") || word.starts_with(b"host=") {
        word_start
    } else {
        type_start
    }
}

struct Cursor<'a> {
    text: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn eat<const N: usize>(&mut self, literal: &[u8; N]) -> bool {
        if starts_with(&self.text[self.pos..], literal) {
            self.pos += literal.len();
            true
        } else {
            false
        }
    }

    fn skip_blanks(&mut self) {
        while self.pos < self.text.len() && matches!(self.text[self.pos], b' ' | b'\t') {
            self.pos += 1;
        }
    }

    /// A run of non-blank bytes; returns its span.
    fn word(&mut self) -> (u32, u32) {
        let start = self.pos;
        let rest = &self.text[start..];
        let len = memchr::memchr2(b' ', b'\t', rest).unwrap_or(rest.len());
        self.pos += len;
        (start as u32, self.pos as u32)
    }

    fn node_prefix(&mut self) -> Option<(u32, u32)> {
        if !(self.eat(b"node=") || self.eat(b"host=")) {
            return None;
        }
        let span = self.word();
        self.skip_blanks();
        Some(span)
    }

    /// `msg=audit(SEC.MSEC:SERIAL):`, the syslog `audit(…):`, or `msg=?` (no stamp).
    fn stamp(&mut self) -> Result<Option<Stamp>, SkipReason> {
        if self.eat(b"msg=?") {
            return Ok(None);
        }
        if !(self.eat(b"msg=audit(") || self.eat(b"audit(")) {
            return Err(SkipReason::BadTimestamp);
        }
        let sec = self.number().ok_or(SkipReason::BadTimestamp)?;
        if !self.eat(b".") {
            return Err(SkipReason::BadTimestamp);
        }
        let msec_start = self.pos;
        let msec = self.number().ok_or(SkipReason::BadTimestamp)?;
        let msec_digits = self.pos - msec_start;
        if msec_digits > 3 || !self.eat(b":") {
            return Err(SkipReason::BadTimestamp);
        }
        let serial = self.number().ok_or(SkipReason::BadTimestamp)?;
        if !self.eat(b")") {
            return Err(SkipReason::BadTimestamp);
        }
        self.eat(b":");
        // `.5` would mean 500 ms, though auditd always writes three digits.
        let msec = msec as u16 * [1000, 100, 10, 1][msec_digits];
        Ok(Some(Stamp { sec, msec, serial }))
    }

    fn number(&mut self) -> Option<u64> {
        // Twenty digits read so that a twentieth one rejects the number.
        let (value, end) = digits_at(self.text, self.pos, 20)?;
        if end - self.pos > 19 {
            return None;
        }
        self.pos = end;
        Some(value)
    }
}

/// `starts_with` for a literal: a compare of known length, which the compiler turns into a
/// couple of word compares (the general slice comparison costs a library call per probe).
#[inline]
fn starts_with<const N: usize>(text: &[u8], literal: &[u8; N]) -> bool {
    text.first_chunk::<N>() == Some(literal)
}

pub(crate) fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r'))
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r'))
        .unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod digit_tests {
    use super::*;

    #[test]
    fn word_at_a_time_digits_agree_with_plain_parsing() {
        for text in ["00000000", "12345678", "99999999", "17009900"] {
            assert_eq!(eight_digits(text.as_bytes()), text.parse().ok(), "{text}");
        }
        for bad in ["1234567a", "1234 678", "/2345678", ":2345678"] {
            assert_eq!(eight_digits(bad.as_bytes()), None, "{bad}");
        }
        let line = b"xx:1700990000.123:4567890)";
        for n in 1..=7 {
            let end = line.len() - 1;
            let expected: u64 = std::str::from_utf8(&line[end - n..end])
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(last_digits(line, end, n), Some(expected));
        }
    }

    #[test]
    fn stamps_of_every_width_parse() {
        for (text, want) in [
            (
                "type=X msg=audit(1700990000.123:4): a",
                (1_700_990_000, 123, 4),
            ),
            (
                "type=X msg=audit(1700990000.123:12345678): a",
                (1_700_990_000, 123, 12_345_678),
            ),
            (
                "type=X msg=audit(1700990000.123:4294967295): a",
                (1_700_990_000, 123, 4_294_967_295),
            ),
            (
                "type=X msg=audit(11111111111.111:111): a",
                (11_111_111_111, 111, 111),
            ),
            ("type=X msg=audit(999999999.005:7): a", (999_999_999, 5, 7)),
        ] {
            let s = parse_record(text.as_bytes()).unwrap().header.stamp.unwrap();
            assert_eq!((s.sec, s.msec as u64, s.serial), want, "{text}");
        }
        assert!(parse_record(b"type=X msg=audit(1700990000.12x:4): a").is_err());
        assert!(parse_record(b"type=X msg=audit(1700990000.123:4a): a").is_err());
    }
}

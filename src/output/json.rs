//! JSON text for byte strings that may not be UTF-8.
//!
//! Audit values are bytes. Valid UTF-8 is written as JSON text; every byte that is not part of
//! valid UTF-8 is written as `%XX`, and every literal `%` as `%25`, so the original bytes can
//! always be recovered: replace each `%XX` by the byte XX.

use crate::record::Field;
use crate::record::bytes::word_le;
use smallvec::SmallVec;

/// Appends `bytes` as a JSON string, quotes included.
#[inline]
pub fn write_str(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Most values are printable ASCII without `"`, `\\` or `%`: copied at once.
    let plain = plain_prefix(bytes);
    out.extend_from_slice(&bytes[..plain]);
    if plain < bytes.len() {
        write_escaped_rest(out, &bytes[plain..]);
    }
    out.push(b'"');
}

/// The part of a string from its first byte that needs care.
#[cold]
fn write_escaped_rest(out: &mut Vec<u8>, rest: &[u8]) {
    for chunk in rest.utf8_chunks() {
        write_valid(out, chunk.valid());
        for &b in chunk.invalid() {
            push_percent(out, b);
        }
    }
}

/// How many bytes at the start of `bytes` are plain: printable ASCII but `"`, `\\` and `%`,
/// written as they are. Tested a word at a time; lengths vary from value to value, so the
/// last bytes are read as one more word overlapping the ones already tested rather than in a
/// loop whose end the processor cannot foresee.
fn plain_prefix(bytes: &[u8]) -> usize {
    let len = bytes.len();
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        if let Some(k) = first_flag(word_le(chunk)) {
            return at + k;
        }
        at += 8;
    }
    if at == len {
        return len;
    }
    // Bytes tested already are plain and raise no borrow: the first flag is in the new ones.
    if len > 8 {
        return first_flag(word_le(&bytes[len - 8..])).map_or(len, |k| len - 8 + k);
    }
    // Under eight bytes: two overlapping halves side by side, padded with plain bytes.
    const PAD: u64 = 0x6161_6161_6161_6161;
    let (half, word) = match len {
        4..=7 => (4, word_le(&bytes[..4]) | word_le(&bytes[len - 4..]) << 32),
        2..=3 => (
            2,
            word_le(&bytes[..2]) | word_le(&bytes[len - 2..]) << 16 | PAD << 32,
        ),
        _ => (1, word_le(bytes) | PAD << 8),
    };
    match first_flag(word) {
        None => len,
        Some(k) if k < half => k,
        Some(k) => len - half + (k - half),
    }
}

/// The index of the first byte of `word` that is not plain.
fn first_flag(word: u64) -> Option<usize> {
    let flagged = not_plain(word);
    (flagged != 0).then(|| (flagged.trailing_zeros() / 8) as usize)
}

/// The high bit of each byte of `word` that is not plain. Only the lowest flag is exact
/// (a borrow may flag the bytes above it), which is the one wanted.
fn not_plain(word: u64) -> u64 {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `word` is zero where the word's byte equals `b` (then its high bit shows).
    let has = |b: u8| {
        let x = word ^ (LOW * b as u64);
        x.wrapping_sub(LOW) & !x & HIGH
    };
    // Below 0x20 (the high bit of word - 0x20 per byte, where the byte itself has none),
    // 0x7f and above, or one of the three.
    let below = word.wrapping_sub(LOW * 0x20) & !word & HIGH;
    let high = (word & HIGH) | has(0x7f);
    below | high | has(b'"') | has(b'\\') | has(b'%')
}

/// Appends a decimal number.
pub fn write_int(out: &mut Vec<u8>, number: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(number).as_bytes());
}

/// Appends a decimal number, or `null` for `None`.
pub fn write_opt_int(out: &mut Vec<u8>, number: Option<impl itoa::Integer>) {
    match number {
        Some(n) => write_int(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends byte strings as a JSON array of strings.
pub fn write_str_array<'a>(out: &mut Vec<u8>, items: impl IntoIterator<Item = &'a [u8]>) {
    out.push(b'[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, item);
    }
    out.push(b']');
}

/// A JSON object written field by field, keys in the order given.
pub struct Object<'o> {
    out: &'o mut Vec<u8>,
    empty: bool,
}

impl<'o> Object<'o> {
    pub fn new(out: &'o mut Vec<u8>) -> Self {
        out.push(b'{');
        Object { out, empty: true }
    }

    fn key(&mut self, key: &str) -> &mut Vec<u8> {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        write_str(self.out, key.as_bytes());
        self.out.push(b':');
        self.out
    }

    /// A string; `null` for `None`.
    pub fn str(&mut self, key: &str, value: Option<&[u8]>) -> &mut Self {
        let out = self.key(key);
        match value {
            Some(v) => write_str(out, v),
            None => out.extend_from_slice(b"null"),
        }
        self
    }

    /// A number or a literal (`true`), written as given; `null` for `None`.
    pub fn raw(&mut self, key: &str, value: Option<impl std::fmt::Display>) -> &mut Self {
        let out = self.key(key);
        match value {
            Some(v) => out.extend_from_slice(v.to_string().as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
        self
    }

    /// An array of strings.
    pub fn strs<'v>(&mut self, key: &str, values: impl IntoIterator<Item = &'v [u8]>) -> &mut Self {
        write_str_array(self.key(key), values);
        self
    }

    /// A value the caller writes itself (a nested object).
    pub fn nested(&mut self, key: &str, write: impl FnOnce(&mut Vec<u8>)) -> &mut Self {
        write(self.key(key));
        self
    }

    /// Closes the object.
    pub fn end(&mut self) {
        self.out.push(b'}');
    }
}

/// Which fields of a record share a key: each field's next field with the same key, and
/// whether an earlier one has it. Found through one sort rather than a search per field, as
/// a hostile record may carry thousands of fields.
pub struct KeyGroups {
    next: SmallVec<[u32; 32]>,
    repeated: SmallVec<[bool; 32]>,
}

impl KeyGroups {
    pub fn of(fields: &[Field]) -> Self {
        if fields.len() <= 48 {
            return Self::by_hash(fields);
        }
        let mut order: SmallVec<[u32; 32]> = (0..fields.len() as u32).collect();
        order.sort_unstable_by_key(|&i| (fields[i as usize].key, i));
        let mut next: SmallVec<[u32; 32]> = SmallVec::from_elem(u32::MAX, fields.len());
        let mut repeated: SmallVec<[bool; 32]> = SmallVec::from_elem(false, fields.len());
        for pair in order.windows(2) {
            let (a, b) = (pair[0] as usize, pair[1] as usize);
            if fields[a].key == fields[b].key {
                next[a] = b as u32;
                repeated[b] = true;
            }
        }
        KeyGroups { next, repeated }
    }

    /// For the usual few dozen fields: a small open-addressed table of the keys seen, each
    /// field probing from a hash of its key (length, first and last byte, mixed).
    fn by_hash(fields: &[Field]) -> Self {
        const SLOTS: usize = 128;
        let mut next: SmallVec<[u32; 32]> = SmallVec::from_elem(u32::MAX, fields.len());
        let mut repeated: SmallVec<[bool; 32]> = SmallVec::from_elem(false, fields.len());
        // Per slot, the first field with that key (plus one; zero is empty) and its last.
        let mut first = [0u8; SLOTS];
        let mut last = [0u8; SLOTS];
        for (i, field) in fields.iter().enumerate() {
            let key = field.key;
            let hash = match key {
                [] => 0,
                [a, .., z] => (key.len() as u32) << 16 | (*a as u32) << 8 | *z as u32,
                [a] => 1 << 16 | (*a as u32) << 8 | *a as u32,
            };
            let mut slot = (hash.wrapping_mul(0x9E37_79B1) >> 25) as usize;
            loop {
                match first[slot] as usize {
                    0 => {
                        first[slot] = i as u8 + 1;
                        last[slot] = i as u8;
                        break;
                    }
                    f if fields[f - 1].key == key => {
                        next[last[slot] as usize] = i as u32;
                        repeated[i] = true;
                        last[slot] = i as u8;
                        break;
                    }
                    _ => slot = (slot + 1) % SLOTS,
                }
            }
        }
        KeyGroups { next, repeated }
    }
}

/// Writes `fields` as an object in the order of first appearance; a key written more than
/// once becomes an array of its values, each written by `value` given the field's index.
pub fn write_object(out: &mut Vec<u8>, fields: &[Field], value: impl FnMut(&mut Vec<u8>, usize)) {
    write_grouped(out, fields, &KeyGroups::of(fields), value);
}

/// [`write_object`] with the key groups found already.
pub fn write_grouped(
    out: &mut Vec<u8>,
    fields: &[Field],
    groups: &KeyGroups,
    value: impl FnMut(&mut Vec<u8>, usize),
) {
    write_grouped_by(out, groups, |out, i| write_str(out, fields[i].key), value);
}

/// [`write_grouped`] with each key (a JSON string) written by `key`, given the field's index.
pub fn write_grouped_by(
    out: &mut Vec<u8>,
    groups: &KeyGroups,
    mut key: impl FnMut(&mut Vec<u8>, usize),
    mut value: impl FnMut(&mut Vec<u8>, usize),
) {
    let KeyGroups { next, repeated } = groups;
    out.push(b'{');
    let mut first = true;
    for i in 0..repeated.len() {
        if repeated[i] {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        key(out, i);
        out.push(b':');
        if next[i] == u32::MAX {
            value(out, i);
            continue;
        }
        out.push(b'[');
        let mut at = i;
        loop {
            value(out, at);
            at = next[at] as usize;
            if at == u32::MAX as usize {
                break;
            }
            out.push(b',');
        }
        out.push(b']');
    }
    out.push(b'}');
}

fn write_valid(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut skip_next = false;
    for (i, &b) in bytes.iter().enumerate() {
        if skip_next {
            skip_next = false;
            start = i + 1;
            continue;
        }
        // C1 controls (U+0080–U+009F) are valid JSON text but act on some terminals.
        if b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) {
            out.extend_from_slice(&bytes[start..i]);
            push_unicode_escape(out, bytes[i + 1]);
            skip_next = true;
            continue;
        }
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            b'%' => b"%25",
            0..=0x1f | 0x7f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            push_unicode_escape(out, b);
        } else {
            out.extend_from_slice(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// `\u00XX` for a code point below 0x100.
fn push_unicode_escape(out: &mut Vec<u8>, code: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\u00");
    out.push(HEX[(code >> 4) as usize]);
    out.push(HEX[(code & 15) as usize]);
}

/// Appends `%XX`, the byte in upper-case hex.
pub(crate) fn push_percent(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[b'%', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
}

/// Reverses the `%XX` escape of [`write_str`] on an already JSON-decoded string.
pub fn unescape_percent(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes written as they are: printable ASCII but `"`, `\\` and `%`.
    static PLAIN: [bool; 256] = {
        let mut plain = [false; 256];
        let mut b = 0x20;
        while b < 0x7f {
            plain[b] = !matches!(b as u8, b'"' | b'\\' | b'%');
            b += 1;
        }
        plain
    };

    #[test]
    fn objects_take_strings_numbers_arrays_and_nulls() {
        let mut out = Vec::new();
        Object::new(&mut out)
            .str("a", Some(b"x\"y"))
            .str("b", None)
            .raw("n", Some(-2))
            .raw("t", None::<bool>)
            .strs("v", [&b"1"[..], b"2"])
            .nested("o", |o| o.extend_from_slice(b"{}"))
            .end();
        let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({"a": "x\"y", "b": null, "n": -2, "t": null, "v": ["1", "2"], "o": {}})
        );
    }

    #[test]
    fn plain_prefix_stops_at_the_first_byte_needing_care() {
        for b in 0..=255u8 {
            for len in 0..=20 {
                assert_eq!(plain_prefix(&vec![b'a'; len]), len);
                for at in 0..len {
                    let mut text = vec![b'a'; len];
                    text[at] = b;
                    let expected = if PLAIN[b as usize] { len } else { at };
                    assert_eq!(
                        plain_prefix(&text),
                        expected,
                        "byte {b:#x} at {at} of {len}"
                    );
                    // A second byte needing care after the first changes nothing.
                    if at + 1 < len {
                        text[len - 1] = b'"';
                        let expected = if PLAIN[b as usize] { len - 1 } else { at };
                        assert_eq!(plain_prefix(&text), expected, "{b:#x} at {at}, quote last");
                    }
                }
            }
        }
    }

    #[test]
    fn key_groups_by_hash_agree_with_the_sorted_search() {
        let body: Vec<u8> = (0..60)
            .map(|i| format!("k{} ", [i % 7, i % 50, i][i % 3]))
            .map(|k| k.replace(' ', "=1 "))
            .collect::<String>()
            .into_bytes();
        let fields: Vec<Field> = crate::record::Tokens::new(&body)
            .filter_map(|t| match t {
                crate::record::Token::Field(f) => Some(f),
                _ => None,
            })
            .collect();
        assert_eq!(fields.len(), 60);
        for n in [5, 30, 48] {
            let small = KeyGroups::by_hash(&fields[..n]);
            let sorted = KeyGroups::of(&[&fields[..n], &fields[..n]].concat());
            assert_eq!(small.repeated[..], sorted.repeated[..n], "n={n}");
            let through = |g: &KeyGroups, i: usize| g.next[i] as usize;
            for i in 0..n {
                if small.next[i] != u32::MAX {
                    assert_eq!(through(&small, i), through(&sorted, i), "n={n} i={i}");
                }
            }
        }
    }

    #[test]
    fn odd_bytes_round_trip() {
        let original: &[u8] = b"a\"b\\c\n\x00\x1b%41 \xff\xfe caf\xc3\xa9 \xc2\x9b[31m";
        let mut out = Vec::new();
        write_str(&mut out, original);
        assert!(
            !out.windows(2).any(|w| w == b"\xc2\x9b"),
            "C1 control left as is"
        );
        let parsed: String = serde_json::from_slice(&out).unwrap();
        assert_eq!(unescape_percent(&parsed), original);
    }
}

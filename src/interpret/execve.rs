//! The argument vector of an exec event, reassembled from every EXECVE record of the event.
//!
//! The kernel writes `argc=N a0=… a1=…`, quoting an argument or writing it as hex when it holds
//! spaces, quotes, control characters or bytes above 0x7e. An argument too long for one record
//! becomes `aN_len=L aN[0]=… aN[1]=…`, and the pieces (each quoted or hex on its own) run on
//! over further EXECVE records of the same event, which other events' records may separate in
//! the file. ausearch and auparse decode each piece on its own; here the pieces are joined in
//! index order into the argument they came from. `argc` can exceed the arguments written (the
//! kernel stops when it cannot read one); the arguments are those the log holds.

use super::tables::values::record_type;
use crate::record::fields::{decode_hex_into, parse_u64};
use crate::record::{Record, Value};
use smallvec::SmallVec;

/// The decoded arguments of one exec event, in one buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Argv {
    bytes: Vec<u8>,
    ends: SmallVec<[u32; 8]>,
    /// The `argc=` the kernel wrote, if any.
    pub argc: Option<u64>,
}

/// Where an EXECVE field belongs: argument `index`, whole or as piece `piece`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Slot {
    index: u64,
    piece: Option<u64>,
}

impl Argv {
    /// The arguments of the event these records form (records of other types are passed
    /// over).
    pub fn of<'a>(records: impl IntoIterator<Item = Record<'a>>) -> Argv {
        let mut argc = None;
        let mut found: SmallVec<[(Slot, Value<'a>); 8]> = SmallVec::new();
        for record in records {
            if record.type_code() != Some(record_type::EXECVE) {
                continue;
            }
            for field in record.fields() {
                if field.key == b"argc" {
                    argc = argc.or(parse_u64(field.value.raw()));
                } else if let Some(slot) = slot_of(field.key) {
                    found.push((slot, field.value));
                }
            }
        }
        // Stable: a slot written twice keeps the order it was written in.
        found.sort_by_key(|(slot, _)| *slot);
        let mut argv = Argv {
            bytes: Vec::with_capacity(found.iter().map(|(_, v)| v.raw().len()).sum()),
            ends: SmallVec::new(),
            argc,
        };
        let mut current = None;
        for (slot, value) in &found {
            if current.is_some() && current != Some(slot.index) {
                argv.ends.push(argv.bytes.len() as u32);
            }
            current = Some(slot.index);
            push_decoded(&mut argv.bytes, *value);
        }
        if current.is_some() {
            argv.ends.push(argv.bytes.len() as u32);
        }
        argv
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.bytes[start..end])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u8]> + Clone {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }
}

/// The arguments, each decoded and whole, as owned buffers.
pub fn arguments<'a>(records: impl IntoIterator<Item = Record<'a>>) -> Vec<Vec<u8>> {
    Argv::of(records).iter().map(<[u8]>::to_vec).collect()
}

/// The arguments joined by single spaces, as a shell would show the command (what
/// `--where 'EXECVE.argv ~ …'` matches).
pub fn command_line<'a>(records: impl IntoIterator<Item = Record<'a>>) -> Vec<u8> {
    let argv = Argv::of(records);
    argv.iter().collect::<Vec<_>>().join(&b' ')
}

/// Whether an EXECVE field holds an argument or a piece of one: `a0`, `a12`, `a1[0]` (not
/// `a1_len` or `argc`).
pub fn is_argument(key: &[u8]) -> bool {
    slot_of(key).is_some()
}

/// `a12` is argument 12, `a2[3]` piece 3 of argument 2; `a2_len` and anything else is none.
fn slot_of(key: &[u8]) -> Option<Slot> {
    let rest = key.strip_prefix(b"a")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let index = parse_u64(&rest[..digits])?;
    match &rest[digits..] {
        [] => Some(Slot { index, piece: None }),
        [b'[', inner @ .., b']'] => Some(Slot {
            index,
            piece: Some(parse_u64(inner)?),
        }),
        _ => None,
    }
}

/// A quoted piece as written, a hex piece decoded; a bare piece that is not hex (which the
/// kernel does not write) as written, so nothing is lost.
fn push_decoded(out: &mut Vec<u8>, value: Value) {
    match value {
        Value::Bare(raw) if decode_hex_into(raw, out) => {}
        other => out.extend_from_slice(other.raw()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::parse_record;

    fn argv(lines: &[&[u8]]) -> Argv {
        let records = lines.iter().map(|line| {
            let parsed = parse_record(line).expect("a record");
            Record::from_header(&line[..parsed.len], &parsed.header)
        });
        Argv::of(records)
    }

    fn strings(argv: &Argv) -> Vec<String> {
        argv.iter()
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect()
    }

    #[test]
    fn quoted_and_hex_arguments_are_decoded() {
        let a =
            argv(&[b"type=EXECVE msg=audit(1.000:1): argc=3 a0=\"ls\" a1=2D6C20612062 a2=\"\""]);
        assert_eq!(strings(&a), ["ls", "-l a b", ""]);
        assert_eq!(a.argc, Some(3));
    }

    #[test]
    fn pieces_over_several_records_join_in_index_order() {
        let a = argv(&[
            b"type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 a0=1",
            b"type=EXECVE msg=audit(1.000:1): argc=3 a0=\"echo\" a1_len=12 a1[0]=\"abc\"",
            b"type=EXECVE msg=audit(1.000:1): a1[1]=646566",
            b"type=EXECVE msg=audit(1.000:1): a1[2]=\"g\" a2=\"end\"",
        ]);
        assert_eq!(strings(&a), ["echo", "abcdefg", "end"]);
    }

    #[test]
    fn arguments_written_out_of_order_are_put_in_order() {
        let a = argv(&[
            b"type=EXECVE msg=audit(1.000:1): a10=\"k\" a2[1]=\"y\"",
            b"type=EXECVE msg=audit(1.000:1): argc=11 a0=\"x\" a2[0]=\"x\" a1=\"b\"",
        ]);
        assert_eq!(strings(&a), ["x", "b", "xy", "k"]);
    }

    #[test]
    fn fewer_arguments_than_argc_keep_what_was_written() {
        let a = argv(&[b"type=EXECVE msg=audit(1.000:1): argc=3 a0=\"printf\""]);
        assert_eq!(strings(&a), ["printf"]);
        assert_eq!(a.argc, Some(3));
        assert!(argv(&[b"type=CWD msg=audit(1.000:1): cwd=\"/\""]).is_empty());
    }

    #[test]
    fn slots() {
        assert_eq!(
            slot_of(b"a2[3]"),
            Some(Slot {
                index: 2,
                piece: Some(3)
            })
        );
        assert_eq!(slot_of(b"a2_len"), None);
        assert_eq!(slot_of(b"argc"), None);
        assert_eq!(slot_of(b"a"), None);
        assert_eq!(slot_of(b"a1[]"), None);
    }
}

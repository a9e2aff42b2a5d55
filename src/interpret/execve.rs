//! The command line of an execve, put back together from an event's EXECVE records.
//!
//! The kernel writes each argument as `aN=`, quoted or hex-encoded; a long one is cut into
//! chunks (`a2_len=15496 a2[0]=… a2[1]=…`), each encoded on its own and spread over several
//! EXECVE records of the event. Neither ausearch nor auparse joins the chunks; this does.

use super::tables::values::record_type;
use crate::record::{Record, Value, fields::decode_hex};

/// The arguments of the event's EXECVE records, in argument order, each decoded and whole.
pub fn arguments<'a>(records: impl IntoIterator<Item = Record<'a>>) -> Vec<Vec<u8>> {
    // (argument, chunk, bytes): whole arguments count as chunk 0.
    let mut pieces: Vec<(u32, u32, Vec<u8>)> = Vec::new();
    for record in records {
        if record.type_code() != Some(record_type::EXECVE) {
            continue;
        }
        for field in record.fields() {
            if let Some((argument, chunk)) = argument_key(field.key) {
                pieces.push((argument, chunk, decode(field.value)));
            }
        }
    }
    // Stable, so a chunk written twice keeps its input order.
    pieces.sort_by_key(|&(argument, chunk, _)| (argument, chunk));
    let mut arguments: Vec<(u32, Vec<u8>)> = Vec::new();
    for (argument, _, bytes) in pieces {
        match arguments.last_mut() {
            Some((last, joined)) if *last == argument => joined.extend_from_slice(&bytes),
            _ => arguments.push((argument, bytes)),
        }
    }
    arguments.into_iter().map(|(_, bytes)| bytes).collect()
}

/// The arguments joined by single spaces, as a shell would show the command.
pub fn command_line<'a>(records: impl IntoIterator<Item = Record<'a>>) -> Vec<u8> {
    arguments(records).join(&b' ')
}

/// `a3` is argument 3, chunk 0; `a3[2]` is argument 3, chunk 2; `a3_len` and `argc` are
/// neither.
fn argument_key(key: &[u8]) -> Option<(u32, u32)> {
    let rest = key.strip_prefix(b"a")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let argument = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    match &rest[digits..] {
        b"" => Some((argument, 0)),
        [b'[', chunk @ .., b']'] => {
            let chunk = std::str::from_utf8(chunk).ok()?.parse().ok()?;
            Some((argument, chunk))
        }
        _ => None,
    }
}

/// A quoted argument as written; a bare one hex-decoded (auditd encodes any argument that
/// holds a blank, a quote or a byte outside printable ASCII).
fn decode(value: Value) -> Vec<u8> {
    match value {
        Value::Bare(raw) => decode_hex(raw).unwrap_or_else(|| raw.to_vec()),
        other => other.raw().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::parse_record;

    fn record(line: &[u8]) -> Record<'_> {
        let parsed = parse_record(line).expect("a record");
        Record::from_header(&line[..parsed.len], &parsed.header)
    }

    #[test]
    fn quoted_and_hex_arguments_in_order() {
        let line = b"type=EXECVE msg=audit(1.000:1): argc=3 a0=\"bash\" a1=\"-c\" \
            a2=6563686F2068656C6C6F207C20626173653634202D64";
        assert_eq!(
            command_line([record(line)]),
            b"bash -c echo hello | base64 -d"
        );
    }

    #[test]
    fn chunks_over_several_records_are_joined() {
        let first = b"type=EXECVE msg=audit(1.000:1): argc=3 a0=\"perl\" a1=\"-e\" a2_len=10 \
            a2[0]=7072696E74";
        let second = b"type=EXECVE msg=audit(1.000:1): a2[1]=2031323334";
        let third = b"type=EXECVE msg=audit(1.000:1): a2[2]=\"\"";
        let other = b"type=CWD msg=audit(1.000:1): cwd=\"/a0\"";
        let args = arguments([record(first), record(other), record(second), record(third)]);
        assert_eq!(args, [&b"perl"[..], b"-e", b"print 1234"]);
    }

    #[test]
    fn lengths_and_argc_are_not_arguments() {
        assert_eq!(argument_key(b"a12"), Some((12, 0)));
        assert_eq!(argument_key(b"a1[3]"), Some((1, 3)));
        assert_eq!(argument_key(b"a1_len"), None);
        assert_eq!(argument_key(b"argc"), None);
        assert_eq!(argument_key(b"a"), None);
    }
}

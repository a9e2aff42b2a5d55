//! CSV fields as RFC 4180 has them: a field holding a comma, a double quote, a line end or a
//! leading or trailing blank is quoted, its quotes doubled. Bytes are kept as they are.

/// Appends one field.
pub fn write_field(out: &mut Vec<u8>, field: &[u8]) {
    let quote = field
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || field.first().is_some_and(|&b| b == b' ')
        || field.last().is_some_and(|&b| b == b' ');
    if !quote {
        out.extend_from_slice(field);
        return;
    }
    write_quoted(out, field, b'"', b"\"\"");
}

/// Appends `text` between `quote`s, each `quote` inside written as `inner` (CSV doubles it, a
/// shell closes, escapes and reopens).
pub fn write_quoted(out: &mut Vec<u8>, text: &[u8], quote: u8, inner: &[u8]) {
    out.push(quote);
    for &b in text {
        if b == quote {
            out.extend_from_slice(inner);
        } else {
            out.push(b);
        }
    }
    out.push(quote);
}

/// Appends a record: the fields separated by commas, then a line end.
pub fn write_record<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a [u8]>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_field(out, field);
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut out = Vec::new();
        write_record(
            &mut out,
            [&b"plain"[..], b"a,b", b"say \"hi\"", b"two\nlines", b""],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n"
        );
    }
}

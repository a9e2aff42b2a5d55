//! Terminal safety: values from logs are attacker-controlled (argv, comm, file names), so text
//! bound for a terminal has its control bytes and invalid UTF-8 escaped and can never move the
//! cursor, retitle the window or change colours.

/// Appends `bytes` with every control character (C0, DEL, C1) and invalid UTF-8 byte written
/// as `\xNN`, and backslashes doubled so the escaping cannot be forged.
pub fn write_terminal_safe(out: &mut Vec<u8>, bytes: &[u8]) {
    // Most values are printable ASCII with nothing to escape: copied at once.
    if bytes
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) && b != b'\\')
    {
        out.extend_from_slice(bytes);
        return;
    }
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.extend_from_slice(b"\\\\"),
                c if c.is_control() => push_hex_escape_char(out, c),
                c => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        for &b in chunk.invalid() {
            push_hex_escape(out, b);
        }
    }
}

fn push_hex_escape_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        push_hex_escape(out, b);
    }
}

fn push_hex_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(&[b'\\', b'x', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
}

/// Escapes a whole output buffer line by line, keeping its newlines.
pub fn terminal_safe_lines(buffer: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(buffer.len() + 16);
    for (i, line) in buffer.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        write_terminal_safe(&mut out, line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bad_bytes_are_neutralised() {
        let mut out = Vec::new();
        write_terminal_safe(&mut out, b"ls \x1b]0;pwned\x07 \xff caf\xc3\xa9 a\\b \x1d");
        assert_eq!(
            out,
            b"ls \\x1b]0;pwned\\x07 \\xff caf\xc3\xa9 a\\\\b \\x1d".to_vec()
        );
    }

    #[test]
    fn newlines_between_lines_survive() {
        assert_eq!(terminal_safe_lines(b"a\x1b\nb\n"), b"a\\x1b\nb\n".to_vec());
    }
}

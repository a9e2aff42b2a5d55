//! Which fields auditd may hex-encode, decided by field name as auparse's field table does,
//! never by guessing from the digits (`uid=1000` must stay 1000).
//!
//! The names are those whose kind ([`super::field_type`]) is a string kind: ESCAPED,
//! ESCAPED_FILE, ESCAPED_KEY, PROCTITLE and TTY_DATA, plus the EXECVE argument fields and the
//! `msg` of USER_TTY records.

use super::field_type;
use super::tables::values::record_type;
use crate::record::Value;
use std::borrow::Cow;

/// True if auditd may write this field hex-encoded.
pub fn may_be_hex(record_type: Option<u32>, key: &[u8]) -> bool {
    if field_type::by_name(key).may_be_hex() {
        return true;
    }
    match record_type {
        Some(record_type::EXECVE) => is_execve_argument(key),
        Some(record_type::USER_TTY) => key == b"msg",
        _ => false,
    }
}

/// `a0`, `a12`, `a1[0]` (but not `a1_len` or `argc`).
pub fn is_execve_argument(key: &[u8]) -> bool {
    super::execve::is_argument(key)
}

/// A field value as text: hex decoded where the field may be hex-encoded, quotes removed.
pub fn decode<'a>(record_type: Option<u32>, key: &[u8], value: Value<'a>) -> Cow<'a, [u8]> {
    match value {
        Value::Bare(_) if may_be_hex(record_type, key) => value.decoded(),
        other => Cow::Borrowed(other.raw()),
    }
}

/// [`decode`] for a field of `record`, looking the record type up only when the field name
/// alone does not decide.
pub fn decode_in<'a>(
    record: &crate::record::Record,
    key: &[u8],
    value: Value<'a>,
) -> Cow<'a, [u8]> {
    match value {
        Value::Bare(_) if field_type::by_name(key).may_be_hex() => value.decoded(),
        Value::Bare(_) if may_be_hex(record.type_code(), key) => value.decoded(),
        other => Cow::Borrowed(other.raw()),
    }
}

/// The keys of a `key=` value: several keys are joined by 0x01 inside one hex string;
/// `(null)` means none.
pub fn split_keys(decoded: &[u8]) -> impl Iterator<Item = &[u8]> {
    let none = decoded == b"(null)" || decoded.is_empty();
    decoded
        .split(|&b| b == 0x01)
        .filter(move |k| !none && !k.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_named_fields_are_decoded() {
        let hex = Value::Bare(b"2F746D70");
        assert_eq!(&*decode(Some(1300), b"exe", hex), b"/tmp");
        assert_eq!(&*decode(Some(1300), b"uid", Value::Bare(b"1000")), b"1000");
        assert_eq!(&*decode(Some(1309), b"a1[0]", hex), b"/tmp");
        assert_eq!(&*decode(Some(1309), b"a1_len", Value::Bare(b"10")), b"10");
        assert_eq!(
            &*decode(Some(1300), b"key", Value::Bare(b"(null)")),
            b"(null)"
        );
    }

    #[test]
    fn joined_keys_split_on_0x01() {
        let keys: Vec<&[u8]> = split_keys(b"exec\x01T1059").collect();
        assert_eq!(keys, [&b"exec"[..], b"T1059"]);
        assert_eq!(split_keys(b"(null)").count(), 0);
    }
}

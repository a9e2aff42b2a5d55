//! Record type names and numbers: `SYSCALL` is 1300, `UNKNOWN[1329]` is 1329, and kernel
//! syslog lines write the bare number (`type=1400`).

use crate::interpret::tables::record_types::RECORD_TYPES;
use std::collections::HashMap;
use std::sync::LazyLock;

static BY_NAME: LazyLock<HashMap<&'static [u8], u32>> = LazyLock::new(|| {
    RECORD_TYPES
        .iter()
        .map(|&(code, name)| (name.as_bytes(), code))
        .collect()
});

/// The number of a record type as written in a log: a known name, `UNKNOWN[n]` or digits.
pub fn code_of(name: &[u8]) -> Option<u32> {
    if let Some(&code) = BY_NAME.get(name) {
        return Some(code);
    }
    let digits = name
        .strip_prefix(b"UNKNOWN[")
        .and_then(|rest| rest.strip_suffix(b"]"))
        .unwrap_or(name);
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// The name of a record type number, if it has one.
pub fn name_of(code: u32) -> Option<&'static str> {
    RECORD_TYPES
        .binary_search_by_key(&code, |&(c, _)| c)
        .ok()
        .map(|i| RECORD_TYPES[i].1)
}

/// A user-given type (`syscall`, `USER_LOGIN`, `1300`, `UNKNOWN[1999]`) as a number.
pub fn parse_user_type(text: &str) -> Option<u32> {
    code_of(text.to_ascii_uppercase().as_bytes())
}

/// Every known type name, for error messages.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    RECORD_TYPES.iter().map(|&(_, name)| name)
}

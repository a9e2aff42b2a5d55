//! Record type names and numbers: `SYSCALL` is 1300, `UNKNOWN[1329]` is 1329, and kernel
//! syslog lines write the bare number (`type=1400`).

use crate::interpret::tables::record_types::RECORD_TYPES;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// Names of up to 16 bytes packed into an integer: a lookup is then a hash and an integer
/// compare, with no byte-string comparison (this runs once per record).
static BY_PACKED_NAME: LazyLock<HashMap<u128, u32>> = LazyLock::new(|| {
    RECORD_TYPES
        .iter()
        .filter_map(|&(code, name)| Some((pack(name.as_bytes())?, code)))
        .collect()
});

static BY_LONG_NAME: LazyLock<HashMap<&'static [u8], u32>> = LazyLock::new(|| {
    RECORD_TYPES
        .iter()
        .filter(|(_, name)| name.len() > 16)
        .map(|&(code, name)| (name.as_bytes(), code))
        .collect()
});

fn pack(name: &[u8]) -> Option<u128> {
    if name.len() > 16 {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..name.len()].copy_from_slice(name);
    Some(u128::from_le_bytes(bytes))
}

const fn packed(name: &[u8]) -> u128 {
    let mut bytes = [0u8; 16];
    let mut i = 0;
    while i < name.len() {
        bytes[i] = name[i];
        i += 1;
    }
    u128::from_le_bytes(bytes)
}

/// The most frequent types, answered by integer comparison alone (checked against the
/// generated table in the tests).
const FREQUENT: [(u128, u32); 8] = [
    (packed(b"SYSCALL"), 1300),
    (packed(b"PATH"), 1302),
    (packed(b"CWD"), 1307),
    (packed(b"EXECVE"), 1309),
    (packed(b"PROCTITLE"), 1327),
    (packed(b"SOCKADDR"), 1306),
    (packed(b"AVC"), 1400),
    (packed(b"USER_ACCT"), 1101),
];

/// The number of a record type as written in a log: a known name, `UNKNOWN[n]` or digits.
pub fn code_of(name: &[u8]) -> Option<u32> {
    let packed_name = pack(name);
    if let Some(p) = packed_name
        && let Some(&(_, code)) = FREQUENT.iter().find(|(f, _)| *f == p)
    {
        return Some(code);
    }
    let known = match packed_name {
        Some(packed) => BY_PACKED_NAME.get(&packed),
        None => BY_LONG_NAME.get(name),
    };
    if let Some(&code) = known {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_types_agree_with_the_table() {
        for (packed_name, code) in FREQUENT {
            let name = RECORD_TYPES.iter().find(|(c, _)| *c == code).unwrap().1;
            assert_eq!(pack(name.as_bytes()), Some(packed_name), "{name}");
        }
        assert_eq!(code_of(b"UNKNOWN[1329]"), Some(1329));
        assert_eq!(code_of(b"1400"), Some(1400));
        assert_eq!(code_of(b"ANOM_LOGIN_FAILURES"), Some(2100));
        assert_eq!(code_of(b"NOT_A_TYPE"), None);
        assert_eq!(name_of(1112), Some("USER_LOGIN"));
    }
}

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
    let n = name.len();
    // Two overlapping loads instead of a loop or a variable-length copy: this runs once per
    // record.
    let word = |at: usize| u64::from_le_bytes(name[at..at + 8].try_into().unwrap());
    let half = |at: usize| u64::from(u32::from_le_bytes(name[at..at + 4].try_into().unwrap()));
    let value = match n {
        0..=3 => name
            .iter()
            .enumerate()
            .fold(0u128, |value, (i, &b)| value | (b as u128) << (8 * i)),
        4..=7 => u128::from(half(0) | (half(n - 4) >> (8 * (8 - n))) << 32),
        8..=16 => {
            let high = word(n - 8).checked_shr(8 * (16 - n) as u32).unwrap_or(0);
            u128::from(word(0)) | u128::from(high) << 64
        }
        _ => return None,
    };
    Some(value)
}

const SLOTS: usize = 256;

fn slot(packed: u128) -> usize {
    let folded = (packed as u64) ^ ((packed >> 64) as u64).rotate_left(17);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % SLOTS
}

/// A direct-mapped table of the short names: one multiply and one compare per lookup. Names
/// whose slot is taken fall back to the map.
static DIRECT: LazyLock<[(u128, u32); SLOTS]> = LazyLock::new(|| {
    let mut table = [(0u128, 0u32); SLOTS];
    for &(code, name) in RECORD_TYPES {
        if let Some(packed) = pack(name.as_bytes()) {
            let entry = &mut table[slot(packed)];
            if entry.0 == 0 {
                *entry = (packed, code);
            }
        }
    }
    table
});

/// The number of a record type as written in a log: a known name, `UNKNOWN[n]` or digits.
pub fn code_of(name: &[u8]) -> Option<u32> {
    let packed_name = pack(name);
    if let Some(p) = packed_name {
        let (key, code) = DIRECT[slot(p)];
        if key == p {
            return Some(code);
        }
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
    fn every_name_maps_to_its_number() {
        for &(code, name) in RECORD_TYPES {
            assert_eq!(code_of(name.as_bytes()), Some(code), "{name}");
        }
        assert_eq!(code_of(b"UNKNOWN[1329]"), Some(1329));
        assert_eq!(code_of(b"1400"), Some(1400));
        assert_eq!(code_of(b"ANOM_LOGIN_FAILURES"), Some(2100));
        assert_eq!(code_of(b"NOT_A_TYPE"), None);
        assert_eq!(name_of(1112), Some("USER_LOGIN"));
    }

    #[test]
    fn names_pack_byte_by_byte_whatever_their_length() {
        let text: Vec<u8> = (1..=17).collect();
        for n in 0..=17 {
            let name = &text[..n];
            let expected = (n <= 16).then(|| {
                name.iter()
                    .enumerate()
                    .map(|(i, &b)| (b as u128) << (8 * i))
                    .sum::<u128>()
            });
            assert_eq!(pack(name), expected, "{n} bytes");
        }
    }
}

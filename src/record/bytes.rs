//! Short byte strings read as little-endian integers: names packed for integer lookups, and
//! words of text tested eight bytes at once. Read by length rather than byte by byte, and
//! without a copy of variable length (a library call each time).

/// Up to eight bytes as a little-endian word, zero above; only the first eight count.
pub fn word_le(bytes: &[u8]) -> u64 {
    let w = |b: [u8; 8]| u64::from_le_bytes(b);
    match *bytes {
        [a, b, c, d, e, f, g, h, ..] => w([a, b, c, d, e, f, g, h]),
        [a, b, c, d, e, f, g] => w([a, b, c, d, e, f, g, 0]),
        [a, b, c, d, e, f] => w([a, b, c, d, e, f, 0, 0]),
        [a, b, c, d, e] => w([a, b, c, d, e, 0, 0, 0]),
        [a, b, c, d] => w([a, b, c, d, 0, 0, 0, 0]),
        [a, b, c] => w([a, b, c, 0, 0, 0, 0, 0]),
        [a, b] => w([a, b, 0, 0, 0, 0, 0, 0]),
        [a] => a as u64,
        [] => 0,
    }
}

/// A name of at most 16 bytes as a little-endian integer, zero above; `None` when longer.
pub fn pack_name(name: &[u8]) -> Option<u128> {
    if name.len() > 16 {
        return None;
    }
    let (low, high) = name.split_at(name.len().min(8));
    Some(word_le(low) as u128 | (word_le(high) as u128) << 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_pack_as_their_bytes_would() {
        for len in 0..=17 {
            let name: Vec<u8> = (1..=len as u8).collect();
            let bytewise = (len <= 16).then(|| {
                name.iter()
                    .enumerate()
                    .fold(0u128, |v, (i, &b)| v | (b as u128) << (8 * i))
            });
            assert_eq!(pack_name(&name), bytewise, "{len} bytes");
            let word = name.iter().take(8).enumerate();
            let word = word.fold(0u64, |v, (i, &b)| v | (b as u64) << (8 * i));
            assert_eq!(word_le(&name), word, "{len} bytes");
        }
    }
}

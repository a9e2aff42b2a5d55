//! `scan-floor FILE...`: on one thread, find every line end, the `(` of the line's
//! `msg=audit(` header and compare the 8 bytes of its event stamp with the line before, counting
//! lines and changes of stamp. No field is read, nothing is grouped, nothing is printed but the
//! counts. Its CPU time is a floor for any search that must look at every line: `bench/run.sh`
//! and BENCHMARKS.md set it beside the CPU time of decompressing the archive.

use std::fs::File;
use std::process::ExitCode;

/// Lines and changes of event stamp in `bytes`.
fn scan(bytes: &[u8]) -> (u64, u64) {
    let (mut lines, mut changes, mut last) = (0u64, 0u64, 0u64);
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &bytes[start..end];
        if let Some(paren) = memchr::memchr(b'(', &line[..line.len().min(64)]) {
            if let Some(stamp) = line.get(paren + 16..paren + 24) {
                let word = u64::from_le_bytes(stamp.try_into().unwrap_or_default());
                changes += u64::from(word != last);
                last = word;
            }
        }
        lines += 1;
        start = end + 1;
    }
    (lines, changes)
}

fn main() -> ExitCode {
    let mut total = (0u64, 0u64);
    for path in std::env::args_os().skip(1) {
        // SAFETY: the map is only read; the benchmark's files do not change while it runs.
        let map = match File::open(&path).and_then(|file| unsafe { memmap2::Mmap::map(&file) }) {
            Ok(map) => map,
            Err(err) => {
                eprintln!("scan-floor: {}: {err}", path.to_string_lossy());
                return ExitCode::from(2);
            }
        };
        let (lines, changes) = scan(&map);
        total = (total.0 + lines, total.1 + changes);
    }
    println!("{} lines, {} stamp changes", total.0, total.1);
    ExitCode::SUCCESS
}

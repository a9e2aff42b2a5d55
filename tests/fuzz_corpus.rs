//! Replays every input in the fuzz corpora (`fuzz/corpus/TARGET/`) through the same driver its
//! fuzz target calls, on the stable toolchain: what the fuzzer once found keeps passing.

use ausift::input::Compression;
use std::path::Path;

fn replay(target: &str, drive: impl Fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut replayed = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        // A panic names the input that caused it.
        eprintln!("{target}: {}", path.display());
        drive(&data);
        replayed += 1;
    }
    assert!(replayed > 0, "the corpus of {target} is empty");
}

#[test]
fn line_parser_corpus() {
    replay("line_parser", ausift::fuzz::line_parser);
}

#[test]
fn field_decoder_corpus() {
    replay("field_decoder", ausift::fuzz::field_decoder);
}

#[test]
fn event_assembly_corpus() {
    replay("event_assembly", ausift::fuzz::event_assembly);
}

#[test]
fn sockaddr_corpus() {
    replay("sockaddr", ausift::fuzz::sockaddr);
}

#[test]
fn decompressor_corpora() {
    for (target, compression) in [
        ("decompress_gzip", Compression::Gzip),
        ("decompress_zstd", Compression::Zstd),
        ("decompress_xz", Compression::Xz),
        ("decompress_bzip2", Compression::Bzip2),
    ] {
        replay(target, |data| ausift::fuzz::decompress(compression, data));
    }
}

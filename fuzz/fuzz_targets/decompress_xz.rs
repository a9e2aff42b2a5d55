#![no_main]
//! Fuzzes the xz decoder feeding the line parser.

use ausift::input::Compression;

libfuzzer_sys::fuzz_target!(|data: &[u8]| ausift::fuzz::decompress(Compression::Xz, data));

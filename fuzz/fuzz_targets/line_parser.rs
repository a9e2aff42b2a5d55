#![no_main]
//! Fuzzes `ausift::fuzz::line_parser`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| ausift::fuzz::line_parser(data));

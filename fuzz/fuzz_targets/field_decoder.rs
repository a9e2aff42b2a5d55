#![no_main]
//! Fuzzes `ausift::fuzz::field_decoder`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| ausift::fuzz::field_decoder(data));

#![no_main]
//! Fuzzes `ausift::fuzz::event_assembly`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| ausift::fuzz::event_assembly(data));

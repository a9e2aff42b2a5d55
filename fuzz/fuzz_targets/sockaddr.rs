#![no_main]
//! Fuzzes `ausift::fuzz::sockaddr`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| ausift::fuzz::sockaddr(data));

//! Output: the writers for each format, time formatting, terminal escaping, and the stdout
//! wrapper that buffers for pipes, flushes per line for terminals and treats a closed pipe as
//! a normal end.

pub mod escape;
pub mod json;
pub mod jsonl;
pub mod raw;
pub mod rows;
pub mod sink;
pub mod time;

pub use sink::Sink;

//! Output: the writers for each format (raw, JSON Lines, CSV, tables and plain columns, argv
//! as shell words), time formatting, terminal escaping, and the stdout
//! wrapper that buffers for pipes, flushes per line for terminals and treats a closed pipe as
//! a normal end.

pub mod csv;
pub mod escape;
pub mod json;
pub mod jsonl;
pub mod raw;
pub mod shell;
pub mod sink;
pub mod table;
pub mod time;

pub use sink::Sink;

//! Tables derived from authoritative sources by `scripts/gen-tables.py`; never edited by hand.
pub mod errno;
pub mod record_types;
pub mod syscalls;

//! Tables derived from authoritative sources by `scripts/gen-tables.py`,
//! `scripts/gen-interpret-tables.py` and `scripts/gen-field-names.py`; never edited by hand.
pub mod arch_values;
pub mod errno;
pub mod field_names;
pub mod field_types;
pub mod record_types;
pub mod syscalls;
pub mod tty_keys;
pub mod values;

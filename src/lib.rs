//! ausift: offline forensics on Linux audit logs.
//!
//! The data flows through one module per stage:
//! [`input`] (files, rotation sets, decompression, chunks) →
//! [`record`] (one audit record, borrowed from its chunk) →
//! [`event`] (records grouped by node, time and serial) →
//! [`interpret`] (raw values to meaning) →
//! [`query`] (the filter engine every subcommand shares) →
//! [`output`] (writers for each format).
//! [`commands`] wires these together, one file per subcommand, and [`cli`] turns
//! command-line flags into the plain structs the commands take.

pub mod cli;
pub mod commands;
pub mod error;
pub mod event;
#[doc(hidden)]
pub mod fuzz;
pub mod input;
pub mod interpret;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod record;
pub mod stats;

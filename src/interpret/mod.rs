//! Interpretation: raw field values to what a responder reads (architectures, syscall names,
//! errno names, hex-decoded strings, flags, addresses), from the evidence alone.
//!
//! [`interpret_field`] is the entry point: it gives, for one field, the text `ausearch -i`
//! shows where ausearch is right.

pub mod arch;
pub mod args;
pub mod encoding;
pub mod errno;
pub mod execve;
pub mod field;
pub mod field_type;
pub mod names;
pub mod normalize;
pub mod process;
pub mod render;
pub mod sockaddr;
pub mod tables;
pub mod userdb;

pub use arch::Arch;
pub use field::{EventContext, Interpreted, interpret_field, interpret_with_kind, written};
pub use field_type::FieldType;

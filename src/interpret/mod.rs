//! Interpretation: raw field values to what a responder reads (architectures, syscall names,
//! errno names, hex-decoded strings), from the evidence alone.

pub mod arch;
pub mod encoding;
pub mod errno;
pub mod names;
pub mod sockaddr;
pub mod tables;
pub mod userdb;

pub use arch::Arch;

//! Input: find the log files behind the paths given, order them oldest first, detect compression
//! by magic bytes, and deliver their bytes as chunks that end on line boundaries.
//!
//! Plain files are memory-mapped and cut into chunks without copying. Compressed files and
//! stdin are decoded on background threads into owned blocks, several files at once, so that
//! decompression overlaps parsing.

pub mod block;
pub mod chunk;
pub mod decode;
pub mod discover;
pub mod reader;
mod sigbus;

pub use chunk::Chunk;
pub use decode::Compression;
pub use discover::{DiscoverOptions, Discovery, Source, SourceKind};
pub use reader::{ChunkReader, ReadOptions};

use std::fmt;

/// A problem reading one input; the other inputs are still read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        InputError::new(path.display().to_string(), describe_io(err))
    }
}

/// An I/O error in words a user can act on.
pub fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied (ausift needs read access to the file)".into(),
        _ => err.to_string(),
    }
}

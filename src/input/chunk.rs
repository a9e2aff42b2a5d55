//! A chunk: a run of whole lines from one source, borrowed from a memory map or owned after
//! decompression, with the source and byte offset it came from.

use super::block::Block;
use memmap2::Mmap;
use std::sync::Arc;

pub struct Chunk {
    /// Index of the source in the reader's source table.
    pub source: u32,
    /// Byte offset of the chunk's first byte in the (uncompressed) source.
    pub offset: u64,
    /// Position of the chunk in the whole input, counting from 0.
    pub seq: u64,
    data: ChunkData,
}

enum ChunkData {
    Mapped {
        map: Arc<Mmap>,
        start: usize,
        end: usize,
    },
    Owned(Vec<u8>),
    Decoded(Block),
}

impl Chunk {
    pub fn mapped(source: u32, map: Arc<Mmap>, start: usize, end: usize) -> Self {
        Chunk {
            source,
            offset: start as u64,
            seq: 0,
            data: ChunkData::Mapped { map, start, end },
        }
    }

    pub fn owned(source: u32, offset: u64, bytes: Vec<u8>) -> Self {
        Chunk {
            source,
            offset,
            seq: 0,
            data: ChunkData::Owned(bytes),
        }
    }

    /// A block decoded from a compressed file or stdin.
    pub fn decoded(source: u32, offset: u64, block: Block) -> Self {
        Chunk {
            source,
            offset,
            seq: 0,
            data: ChunkData::Decoded(block),
        }
    }

    pub fn bytes(&self) -> &[u8] {
        match &self.data {
            ChunkData::Mapped { map, start, end } => &map[*start..*end],
            ChunkData::Owned(bytes) => bytes,
            ChunkData::Decoded(block) => block.bytes(),
        }
    }

    pub fn len(&self) -> usize {
        self.bytes().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for Chunk {
    /// A mapped chunk's pages leave the process's resident set once the chunk is done (they
    /// stay in the page cache), so mapping a large file does not grow memory with its size.
    fn drop(&mut self) {
        if let ChunkData::Mapped { map, start, end } = &self.data {
            let page = page_size();
            let first = start.div_ceil(page) * page;
            let last = end / page * page;
            if last > first {
                // SAFETY: the map is read-only and file-backed; dropping its pages only means a
                // later access (a neighbouring chunk sharing a page is never cut here, pages are
                // whole) faults them in again from the page cache.
                let _ = unsafe {
                    map.unchecked_advise_range(
                        memmap2::UncheckedAdvice::DontNeed,
                        first,
                        last - first,
                    )
                };
            }
        }
    }
}

pub(crate) fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 { size as usize } else { 4096 }
}

/// Where to cut `bytes` so that the first part ends on a line boundary and holds at least
/// `target` bytes when there are that many: after the first newline at or past `target`.
/// A line longer than the chunk simply makes the chunk longer.
pub fn cut_after_line(bytes: &[u8], target: usize) -> usize {
    if bytes.len() <= target {
        return bytes.len();
    }
    match memchr::memchr(b'\n', &bytes[target..]) {
        Some(i) => target + i + 1,
        None => bytes.len(),
    }
}

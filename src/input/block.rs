//! Memory for decoded blocks: anonymous maps of one size that go back to a pool when their
//! chunk is done and are filled again, so decoding holds only the blocks in flight and hands
//! their pages back to the system once nothing is decoded any more.
//!
//! Blocks allocated on decoder threads and freed on parser threads stayed with the allocator
//! after those threads ended: a rotated archive whose plain parts followed its compressed ones
//! peaked 80 MB above what was in flight. Reused maps also skip the page faults and the
//! zero-filling of fresh memory for every block.

use memmap2::MmapMut;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Spare room past a block's size: reads go on into it until a line ends past the size.
pub const READ_ROOM: usize = 64 * 1024;

/// Idle block maps of one size.
pub struct BlockPool {
    /// Bytes a block is filled to before it is cut at its last line end.
    block_size: usize,
    /// Bytes of each map: the block size, [`READ_ROOM`] and the rest of the last page.
    size: usize,
    idle: Mutex<Vec<MmapMut>>,
    /// Cleared by [`BlockPool::release_idle`]: blocks handed back then are unmapped, not kept.
    keeping: AtomicBool,
}

impl BlockPool {
    /// A pool of blocks of `block_size` bytes and a bit.
    pub fn new(block_size: usize) -> Arc<Self> {
        Arc::new(BlockPool {
            block_size,
            size: (block_size + READ_ROOM).next_multiple_of(super::chunk::page_size()),
            idle: Mutex::new(Vec::new()),
            keeping: AtomicBool::new(true),
        })
    }

    pub fn block_size(&self) -> usize {
        self.block_size
    }

    /// An empty block, reused when one is idle.
    pub fn take(self: &Arc<Self>) -> io::Result<Block> {
        self.keeping.store(true, Ordering::Relaxed);
        let reused = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let map = match reused {
            Some(map) => map,
            None => MmapMut::map_anon(self.size)?,
        };
        Ok(Block {
            map: Some(map),
            len: 0,
            pool: Some(self.clone()),
        })
    }

    /// Unmaps the idle blocks, and those handed back from now until the next [`take`].
    ///
    /// [`take`]: BlockPool::take
    pub fn release_idle(&self) {
        self.keeping.store(false, Ordering::Relaxed);
        if let Ok(mut idle) = self.idle.lock() {
            idle.clear();
        }
    }

    fn give_back(&self, map: MmapMut) {
        if map.len() == self.size
            && self.keeping.load(Ordering::Relaxed)
            && let Ok(mut idle) = self.idle.lock()
        {
            idle.push(map);
        }
    }
}

/// A run of decoded bytes in a map of its own: `len` bytes filled, the rest spare.
pub struct Block {
    map: Option<MmapMut>,
    len: usize,
    pool: Option<Arc<BlockPool>>,
}

impl Block {
    pub fn bytes(&self) -> &[u8] {
        self.map.as_ref().map_or(&[], |map| &map[..self.len])
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes after the filled ones, to read into.
    pub fn spare_mut(&mut self) -> &mut [u8] {
        let len = self.len;
        self.map.as_mut().map_or(&mut [], |map| &mut map[len..])
    }

    /// Counts `n` more bytes of the spare part as filled.
    pub fn advance(&mut self, n: usize) {
        self.len = (self.len + n).min(self.capacity());
    }

    pub fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
    }

    pub fn capacity(&self) -> usize {
        self.map.as_ref().map_or(0, |map| map.len())
    }

    /// Appends `bytes`, growing the block when they do not fit.
    pub fn extend_from_slice(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.reserve(bytes.len())?;
        self.spare_mut()[..bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
        Ok(())
    }

    /// Makes room for `more` spare bytes: a line longer than a block moves to a map of twice
    /// the size (or more), which is unmapped, not pooled, when its chunk is done.
    pub fn reserve(&mut self, more: usize) -> io::Result<()> {
        if self.capacity() - self.len >= more {
            return Ok(());
        }
        let size = (self.capacity() * 2).max(self.len + more);
        let mut bigger = MmapMut::map_anon(size)?;
        bigger[..self.len].copy_from_slice(self.bytes());
        if let Some(old) = self.map.replace(bigger)
            && let Some(pool) = &self.pool
        {
            pool.give_back(old);
        }
        Ok(())
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        if let (Some(map), Some(pool)) = (self.map.take(), self.pool.take()) {
            pool.give_back(map);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_handed_back_is_taken_again_until_the_pool_releases_its_blocks() {
        let pool = BlockPool::new(10_000);
        let mut block = pool.take().unwrap();
        assert_eq!(block.capacity() % super::super::chunk::page_size(), 0);
        block.extend_from_slice(b"type=A\n").unwrap();
        assert_eq!(block.bytes(), b"type=A\n");
        let addr = block.bytes().as_ptr();
        drop(block);
        let again = pool.take().unwrap();
        assert!(again.is_empty(), "a reused block starts empty");
        assert_eq!(again.spare_mut_ptr(), addr, "the same map, reused");
        pool.release_idle();
        drop(again);
        assert!(pool.idle.lock().unwrap().is_empty(), "released, not kept");
    }

    #[test]
    fn a_block_grows_for_a_long_line_and_keeps_its_bytes() {
        let pool = BlockPool::new(4096);
        let mut block = pool.take().unwrap();
        block.extend_from_slice(b"head ").unwrap();
        let long = vec![b'x'; 100_000];
        block.extend_from_slice(&long).unwrap();
        assert_eq!(block.len(), 100_005);
        assert_eq!(&block.bytes()[..5], b"head ");
        assert!(block.bytes()[5..].iter().all(|&b| b == b'x'));
        assert_eq!(
            pool.idle.lock().unwrap().len(),
            1,
            "the small map went back"
        );
        drop(block);
        assert_eq!(
            pool.idle.lock().unwrap().len(),
            1,
            "the big one is not pooled"
        );
    }

    impl Block {
        fn spare_mut_ptr(&self) -> *const u8 {
            self.map.as_ref().unwrap().as_ptr()
        }
    }
}

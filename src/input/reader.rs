//! Delivers the chunks of all sources in order. Plain files are memory-mapped and sliced;
//! compressed files and stdin are decoded on background threads, up to `decode_ahead` files at
//! once, each into a bounded queue so memory stays flat whatever the input size.

use super::InputError;
use super::block::{Block, BlockPool, READ_ROOM};
use super::chunk::{Chunk, cut_after_line};
use super::decode::{self, Compression, CountingReader};
use super::discover::{Source, SourceKind};
use memmap2::Mmap;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread;

#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Bytes per chunk of a mapped file (chunks end on a line boundary, so they are a little
    /// longer). A mapped chunk's pages stay resident while the pipeline holds it (three waves
    /// of chunks), so this bounds the resident set.
    pub chunk_size: usize,
    /// Bytes per decoded block of a compressed file or stdin; these are held in memory.
    pub block_size: usize,
    /// Read plain files with read(2) instead of mapping them.
    pub no_mmap: bool,
    /// How many compressed sources may be decoded at the same time.
    pub decode_ahead: usize,
    /// Decoded blocks a decoder may hold ready before it waits for the parser: enough that
    /// decoding goes on while a wave of chunks is being parsed.
    pub blocks_ahead: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            chunk_size: 4 << 20,
            block_size: 2 << 20,
            no_mmap: false,
            decode_ahead: 2,
            blocks_ahead: 8,
        }
    }
}

/// Counters shared with the progress display and `--stats`.
#[derive(Debug, Default)]
pub struct ReadCounters {
    /// Bytes consumed from disk or stdin (compressed size for compressed files).
    pub bytes_in: AtomicU64,
    /// Bytes after decompression.
    pub bytes_out: AtomicU64,
}

enum Producer {
    Mapped {
        source: u32,
        map: Arc<Mmap>,
        pos: usize,
        chunk_size: usize,
    },
    Stream {
        rx: Receiver<Result<Chunk, InputError>>,
    },
}

impl Producer {
    fn is_stream(&self) -> bool {
        matches!(self, Producer::Stream { .. })
    }
}

pub struct ChunkReader {
    sources: Arc<Vec<Source>>,
    options: ReadOptions,
    counters: Arc<ReadCounters>,
    next_source: usize,
    started: VecDeque<Producer>,
    pending_errors: VecDeque<InputError>,
    seq: u64,
    /// Files read through a map, with the length mapped: checked for shrinking at the end.
    mapped: Vec<(std::path::PathBuf, u64)>,
    /// Memory for the blocks of compressed files and stdin.
    pool: Arc<BlockPool>,
}

impl ChunkReader {
    pub fn new(sources: Arc<Vec<Source>>, options: ReadOptions) -> Self {
        ChunkReader {
            sources,
            pool: BlockPool::new(options.block_size),
            options,
            counters: Arc::new(ReadCounters::default()),
            next_source: 0,
            started: VecDeque::new(),
            pending_errors: VecDeque::new(),
            seq: 0,
            mapped: Vec::new(),
        }
    }

    pub fn counters(&self) -> Arc<ReadCounters> {
        self.counters.clone()
    }

    /// Starts sources until `decode_ahead` streams run in the background (mapped files cost
    /// nothing to start, so they never hold a stream back).
    fn start_more(&mut self) {
        let running =
            |started: &VecDeque<Producer>| started.iter().filter(|p| p.is_stream()).count();
        while self.next_source < self.sources.len()
            && (self.started.is_empty()
                || running(&self.started) < self.options.decode_ahead.max(1))
        {
            let index = self.next_source;
            self.next_source += 1;
            match self.open(index) {
                Ok(Some(producer)) => self.started.push_back(producer),
                Ok(None) => {}
                Err(err) => self.pending_errors.push_back(err),
            }
            if !self.started.is_empty() && !self.pending_errors.is_empty() {
                break;
            }
        }
    }

    /// The mapped files that are now shorter than when they were mapped: what was read past
    /// their new end came from zero pages, not from the file.
    pub fn shrunk_inputs(&self) -> Vec<InputError> {
        let mut errors: Vec<InputError> = self
            .mapped
            .iter()
            .filter_map(|(path, len)| {
                let now = std::fs::metadata(path).map_or(0, |m| m.len());
                (now < *len).then(|| {
                    InputError::new(
                        path.display().to_string(),
                        format!(
                            "the file shrank from {len} to {now} bytes while it was read; what \
                             lay past byte {now} is lost (read live logs with --no-mmap)"
                        ),
                    )
                })
            })
            .collect();
        let lost = super::sigbus::lost_pages();
        if lost > 0 && errors.is_empty() {
            errors.push(InputError::new(
                "input",
                format!("{lost} page(s) of a mapped file vanished while it was read (it was truncated and written again); read live logs with --no-mmap"),
            ));
        }
        errors
    }

    fn open(&mut self, index: usize) -> Result<Option<Producer>, InputError> {
        let source = &self.sources[index];
        let id = index as u32;
        match &source.kind {
            SourceKind::Stdin => Ok(Some(self.spawn_stream(id, source.name.clone(), None))),
            SourceKind::File(path) => {
                if source.compression == Compression::None && !self.options.no_mmap {
                    match map_file(path) {
                        Ok(Some(map)) => {
                            // A small file is cut finer, so that all threads get work and
                            // parsing overlaps grouping even on one wave.
                            self.mapped.push((path.clone(), map.len() as u64));
                            let chunk_size = (map.len() / 16)
                                .clamp(1 << 20, self.options.chunk_size.max(1 << 20));
                            return Ok(Some(Producer::Mapped {
                                source: id,
                                map: Arc::new(map),
                                pos: 0,
                                chunk_size,
                            }));
                        }
                        Ok(None) => return Ok(None),
                        // Not mappable (a pipe, /proc, some network file systems): read it.
                        Err(_) => {}
                    }
                }
                Ok(Some(self.spawn_stream(
                    id,
                    source.name.clone(),
                    Some(path.clone()),
                )))
            }
        }
    }

    fn spawn_stream(&self, id: u32, name: String, path: Option<std::path::PathBuf>) -> Producer {
        let (tx, rx) = sync_channel(self.options.blocks_ahead.max(1));
        let pool = self.pool.clone();
        let counters = self.counters.clone();
        thread::spawn(move || {
            let result = match path {
                Some(path) => match File::open(&path) {
                    Ok(file) => pump(id, &name, file, &pool, &counters, &tx),
                    Err(err) => Err(InputError::io(&path, &err)),
                },
                None => pump(id, &name, io::stdin(), &pool, &counters, &tx),
            };
            if let Err(err) = result {
                let _ = tx.send(Err(err));
            }
        });
        Producer::Stream { rx }
    }
}

impl Iterator for ChunkReader {
    type Item = Result<Chunk, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(err) = self.pending_errors.pop_front() {
                return Some(Err(err));
            }
            self.start_more();
            let map_begins = matches!(self.started.front(), Some(Producer::Mapped { pos: 0, .. }));
            if map_begins && !self.started.iter().any(Producer::is_stream) {
                // Nothing is decoded any more, for now: the idle blocks' memory goes back
                // before the map's pages come in.
                self.pool.release_idle();
            }
            let producer = self.started.front_mut()?;
            let item = match producer {
                Producer::Mapped {
                    source,
                    map,
                    pos,
                    chunk_size,
                } => {
                    let rest = &map[*pos..];
                    if rest.is_empty() {
                        None
                    } else {
                        let len = cut_after_line(rest, *chunk_size);
                        let chunk = Chunk::mapped(*source, map.clone(), *pos, *pos + len);
                        *pos += len;
                        self.counters
                            .bytes_in
                            .fetch_add(len as u64, Ordering::Relaxed);
                        self.counters
                            .bytes_out
                            .fetch_add(len as u64, Ordering::Relaxed);
                        Some(Ok(chunk))
                    }
                }
                Producer::Stream { rx } => rx.recv().ok(),
            };
            match item {
                Some(Ok(mut chunk)) => {
                    chunk.seq = self.seq;
                    self.seq += 1;
                    return Some(Ok(chunk));
                }
                Some(Err(err)) => return Some(Err(err)),
                None => {
                    self.started.pop_front();
                }
            }
        }
    }
}

/// Maps a plain file; `None` for an empty one (which cannot be mapped and holds nothing).
fn map_file(path: &std::path::Path) -> io::Result<Option<Mmap>> {
    let file = File::open(path)?;
    if file.metadata()?.len() == 0 {
        return Ok(None);
    }
    super::sigbus::install();
    // SAFETY: the map is only read. A file truncated by another process while it is mapped
    // raises SIGBUS on the lost pages, which `sigbus` answers with zero pages.
    let map = unsafe { Mmap::map(&file)? };
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::Sequential);
    Ok(Some(map))
}

/// Reads one stream to its end: sniffs the compression, decodes, cuts chunks at line ends and
/// sends them. On damage, what was decoded before it is still sent, then the error.
fn pump(
    id: u32,
    name: &str,
    input: impl Read + Send,
    pool: &Arc<BlockPool>,
    counters: &ReadCounters,
    tx: &std::sync::mpsc::SyncSender<Result<Chunk, InputError>>,
) -> Result<(), InputError> {
    let (counting, consumed) = CountingReader::new(input);
    let mut input = counting;
    let mut magic = Vec::with_capacity(6);
    (&mut input)
        .take(6)
        .read_to_end(&mut magic)
        .map_err(|e| InputError::new(name, decode::describe(&e)))?;
    let compression = Compression::sniff(&magic);
    let reader = decode::decoder(compression, io::Cursor::new(magic).chain(input))
        .map_err(|e| InputError::new(name, decode::describe(&e)))?;
    let mut blocks = Blocks {
        reader,
        pool: pool.clone(),
        carry: Vec::new(),
        offset: 0,
        failed: None,
    };
    let mut last_in = 0;
    loop {
        let block = blocks.next_block();
        let now_in = consumed.load(Ordering::Relaxed);
        counters
            .bytes_in
            .fetch_add(now_in - last_in, Ordering::Relaxed);
        last_in = now_in;
        match block {
            Ok(None) => return Ok(()),
            Ok(Some((offset, bytes))) => {
                counters
                    .bytes_out
                    .fetch_add(bytes.len() as u64, Ordering::Relaxed);
                if tx.send(Ok(Chunk::decoded(id, offset, bytes))).is_err() {
                    return Ok(());
                }
            }
            Err((decoded, err)) => {
                let what = match compression {
                    Compression::None => "read error".to_string(),
                    other => format!("corrupt or truncated {} data", other.name()),
                };
                return Err(InputError::new(
                    name,
                    format!(
                        "{what} at byte {now_in} of the file ({decoded} bytes decoded before it were used): {}",
                        decode::describe(&err)
                    ),
                ));
            }
        }
    }
}

/// A block of whole lines and its offset in the decoded stream.
type OffsetBlock = (u64, Block);

/// Cuts a byte stream into blocks of whole lines.
struct Blocks<R> {
    reader: R,
    /// Where blocks come from, and how large they are.
    pool: Arc<BlockPool>,
    /// The partial line at the end of the last block, to start the next one.
    carry: Vec<u8>,
    offset: u64,
    /// A read error held back until the bytes decoded before it have been delivered.
    failed: Option<io::Error>,
}

/// The most one read asks for. A decoder that meets damage fails the whole read, losing what
/// it decoded in that call, so reads are kept small enough that little is lost.
const READ_STEP: usize = 128 * 1024;

impl<R: Read> Blocks<R> {
    /// The next block and its offset; at the end, the last partial line; on an error, the
    /// error after whatever was decoded has been delivered.
    fn next_block(&mut self) -> Result<Option<OffsetBlock>, (u64, io::Error)> {
        if let Some(err) = self.failed.take() {
            return Err((self.offset, err));
        }
        let offset = self.offset;
        let mut block = self.pool.take().map_err(|e| (offset, e))?;
        block
            .extend_from_slice(&self.carry)
            .map_err(|e| (offset, e))?;
        self.carry.clear();
        let block_size = self.pool.block_size();
        loop {
            if block.len() >= block_size
                && let Some(cut) = memchr::memrchr(b'\n', block.bytes())
            {
                self.carry.extend_from_slice(&block.bytes()[cut + 1..]);
                block.truncate(cut + 1);
                break;
            }
            // Only a line longer than the block grows it.
            block.reserve(READ_ROOM).map_err(|e| (offset, e))?;
            let spare = block.spare_mut();
            let step = spare.len().min(READ_STEP);
            match self.reader.read(&mut spare[..step]) {
                Ok(0) => break,
                Ok(n) => block.advance(n),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => {
                    self.failed = Some(err);
                    break;
                }
            }
        }
        if block.is_empty() {
            return match self.failed.take() {
                Some(err) => Err((self.offset, err)),
                None => Ok(None),
            };
        }
        self.offset += block.len() as u64;
        Ok(Some((offset, block)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes a call, as a decoder or a pipe does.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.step).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn blocks_of(text: &[u8], chunk_size: usize, step: usize) -> Vec<(u64, Block)> {
        let mut blocks = Blocks {
            reader: Trickle { bytes: text, step },
            pool: BlockPool::new(chunk_size),
            carry: Vec::new(),
            offset: 0,
            failed: None,
        };
        std::iter::from_fn(|| blocks.next_block().expect("no read error")).collect()
    }

    #[test]
    fn blocks_are_whole_lines_and_hold_at_most_a_block_and_a_bit() {
        let line = b"type=SYSCALL msg=audit(1700000000.000:1): arch=c000003e syscall=59\n";
        let text: Vec<u8> = line
            .iter()
            .copied()
            .cycle()
            .take(line.len() * 40_000)
            .collect();
        let chunk_size = 256 * 1024;
        let blocks = blocks_of(&text, chunk_size, 7000);
        assert!(blocks.len() > 5, "{} blocks", blocks.len());
        let mut offset = 0;
        for (at, block) in &blocks {
            assert_eq!(*at, offset);
            assert_eq!(block.bytes().last(), Some(&b'\n'));
            assert!(
                block.capacity() <= chunk_size + READ_ROOM,
                "a {} byte block in a {} byte buffer",
                block.len(),
                block.capacity()
            );
            offset += block.len() as u64;
        }
        let joined: Vec<u8> = blocks
            .iter()
            .flat_map(|(_, b)| b.bytes().iter().copied())
            .collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn a_line_longer_than_two_blocks_is_carried_whole() {
        let mut text = b"type=A msg=audit(1.000:1): a=1\n".repeat(5000);
        let long_start = text.len();
        text.extend(b"type=EXECVE msg=audit(1.000:2): a0=\"");
        text.extend(std::iter::repeat_n(b'x', 3 << 20));
        text.extend(b"\"\n");
        let long_end = text.len();
        // Another long line right after it.
        text.extend(b"type=EXECVE msg=audit(1.000:3): a0=");
        text.extend(std::iter::repeat_n(b'y', 5 << 20));
        text.push(b'\n');
        text.extend(b"type=A msg=audit(1.000:3): a=1\n".repeat(5000));
        // Small reads, and reads that fill the buffer (a newline early in a large read
        // leaves a carry longer than a block).
        for step in [50_000, usize::MAX] {
            let blocks = blocks_of(&text, 256 * 1024, step);
            let joined: Vec<u8> = blocks
                .iter()
                .flat_map(|(_, b)| b.bytes().iter().copied())
                .collect();
            assert!(joined == text, "reads of {step} bytes: the text, unchanged");
            assert!(
                blocks
                    .iter()
                    .any(|(at, b)| (*at as usize) <= long_start
                        && *at as usize + b.len() >= long_end),
                "reads of {step} bytes: the long line lies in one block"
            );
        }
    }
}

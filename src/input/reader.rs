//! Delivers the chunks of all sources in order. Plain files are memory-mapped and sliced;
//! compressed files and stdin are decoded on background threads, up to `decode_ahead` files at
//! once, each into a bounded queue so memory stays flat whatever the input size.

use super::InputError;
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
}

impl ChunkReader {
    pub fn new(sources: Arc<Vec<Source>>, options: ReadOptions) -> Self {
        ChunkReader {
            sources,
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
        let running = |started: &VecDeque<Producer>| {
            started
                .iter()
                .filter(|p| matches!(p, Producer::Stream { .. }))
                .count()
        };
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
        let chunk_size = self.options.block_size;
        let counters = self.counters.clone();
        thread::spawn(move || {
            let result = match path {
                Some(path) => match File::open(&path) {
                    Ok(file) => pump(id, &name, file, chunk_size, &counters, &tx),
                    Err(err) => Err(InputError::io(&path, &err)),
                },
                None => pump(id, &name, io::stdin(), chunk_size, &counters, &tx),
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
    chunk_size: usize,
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
        chunk_size,
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
                if tx.send(Ok(Chunk::owned(id, offset, bytes))).is_err() {
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
type Block = (u64, Vec<u8>);

/// Cuts a byte stream into blocks of whole lines.
struct Blocks<R> {
    reader: R,
    chunk_size: usize,
    carry: Vec<u8>,
    offset: u64,
    /// A read error held back until the bytes decoded before it have been delivered.
    failed: Option<io::Error>,
}

impl<R: Read> Blocks<R> {
    /// The next block and its offset; at the end, the last partial line; on an error, the
    /// error after whatever was decoded has been delivered.
    fn next_block(&mut self) -> Result<Option<Block>, (u64, io::Error)> {
        if let Some(err) = self.failed.take() {
            return Err((self.offset, err));
        }
        // `buf` is zero-filled once as it grows; `filled` bytes of it hold data. (Filling it
        // again before every read made small pipe reads cost the whole block each time.)
        let mut buf = std::mem::take(&mut self.carry);
        let mut filled = buf.len();
        // Start small and double: a small file does not pay for a whole block.
        let most = (self.chunk_size + 64 * 1024).max(256 * 1024);
        buf.resize((filled * 2).clamp(256 * 1024, most), 0);
        loop {
            if filled >= self.chunk_size
                && let Some(cut) = memchr::memrchr(b'\n', &buf[..filled])
            {
                self.carry = buf[cut + 1..filled].to_vec();
                buf.truncate(cut + 1);
                break;
            }
            if buf.len() - filled < 64 * 1024 {
                buf.resize(buf.len() * 2, 0);
            }
            match self.reader.read(&mut buf[filled..]) {
                Ok(0) => {
                    buf.truncate(filled);
                    break;
                }
                Ok(n) => filled += n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => {
                    buf.truncate(filled);
                    self.failed = Some(err);
                    break;
                }
            }
        }
        if buf.is_empty() {
            return match self.failed.take() {
                Some(err) => Err((self.offset, err)),
                None => Ok(None),
            };
        }
        let offset = self.offset;
        self.offset += buf.len() as u64;
        Ok(Some((offset, buf)))
    }
}

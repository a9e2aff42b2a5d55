//! Compression detected by magic bytes, never by name, and the matching streaming decoder.

use std::io::{self, Read};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
    Xz,
    Bzip2,
}

impl Compression {
    /// Recognises the format from a file's first bytes.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0x00]) {
            Compression::Xz
        } else if head.starts_with(b"BZh") && head.get(3).is_some_and(|d| (b'1'..=b'9').contains(d))
        {
            Compression::Bzip2
        } else {
            Compression::None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Xz => "xz",
            Compression::Bzip2 => "bzip2",
        }
    }
}

/// The most memory an xz stream may need to be decoded; one that needs more is reported as
/// damaged input.
pub const XZ_MEMORY_LIMIT: u64 = 512 << 20;

/// Wraps `input` in the decoder for `compression`. gzip, xz and bzip2 read every member of a
/// concatenated file (`cat a.gz b.gz`), as their command-line tools do.
pub fn decoder<'a, R: Read + Send + 'a>(
    compression: Compression,
    input: R,
) -> io::Result<Box<dyn Read + Send + 'a>> {
    let buffered = io::BufReader::with_capacity(256 * 1024, input);
    Ok(match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(buffered)?),
        Compression::Xz => {
            // A stream's header names the memory its decoder needs; a forged one could ask for
            // gigabytes. xz -9 needs 65 MiB to decode.
            let stream = liblzma::stream::Stream::new_stream_decoder(
                XZ_MEMORY_LIMIT,
                liblzma::stream::CONCATENATED,
            )
            .map_err(io::Error::other)?;
            Box::new(liblzma::bufread::XzDecoder::new_stream(buffered, stream))
        }
        Compression::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(buffered)),
    })
}

/// Counts the bytes read through it, so an error can say how far into the file it happened.
pub struct CountingReader<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R> CountingReader<R> {
    pub fn new(inner: R) -> (Self, std::sync::Arc<std::sync::atomic::AtomicU64>) {
        let count = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        (
            CountingReader {
                inner,
                count: count.clone(),
            },
            count,
        )
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads up to `limit` decoded bytes from the start of a stream, stopping quietly at damage:
/// enough to see the first record of a file.
pub fn read_head(mut reader: impl Read, limit: usize) -> Vec<u8> {
    let mut head = Vec::with_capacity(limit.min(64 * 1024));
    let mut buf = [0u8; 16 * 1024];
    while head.len() < limit {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if memchr::memchr(b'\n', &head).is_some() && head.len() >= 4096 {
            break;
        }
    }
    head
}

/// A decoder or read error in a sentence.
pub fn describe(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::UnexpectedEof => "the stream ends before its end marker".into(),
        _ => err.to_string(),
    }
}

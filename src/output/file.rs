//! Output that does not go to a terminal as it comes: a file named by `-o`, created new
//! unless overwriting is forced, and gzip compression of whatever the output is.

use flate2::Compression;
use flate2::write::GzEncoder;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Creates the output file: a new one, or with `force` one that replaces what is there.
pub fn create(path: &Path, force: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    options.open(path)
}

/// Whether `output` is, or lies inside, one of `inputs`: writing there would read the
/// export back as input, or with --force destroy the evidence.
pub fn overlaps_input(output: &Path, inputs: &[String]) -> Option<String> {
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = parent.unwrap_or(Path::new(".")).canonicalize().ok()?;
    let output = dir.join(output.file_name()?);
    inputs.iter().find_map(|input| {
        let input_path = Path::new(input).canonicalize().ok()?;
        output.starts_with(&input_path).then(|| input.clone())
    })
}

/// A gzip stream over `inner`, and the handle that writes its end once all is written.
pub fn gzip(inner: Box<dyn Write + Send>) -> (Box<dyn Write + Send>, GzipEnd) {
    let shared = Arc::new(Mutex::new(Some(GzEncoder::new(inner, Compression::fast()))));
    (Box::new(SharedGzip(shared.clone())), GzipEnd(shared))
}

/// The encoder, shared by the writer and the handle that ends it (`None` once ended).
type SharedEncoder = Arc<Mutex<Option<GzEncoder<Box<dyn Write + Send>>>>>;

struct SharedGzip(SharedEncoder);

impl Write for SharedGzip {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.0.lock().expect("not poisoned").as_mut() {
            Some(encoder) => encoder.write(buf),
            None => Err(io::Error::other("the gzip stream was ended")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.0.lock().expect("not poisoned").as_mut() {
            Some(encoder) => encoder.flush(),
            None => Ok(()),
        }
    }
}

/// Ends a gzip stream: its trailer written and the output flushed.
pub struct GzipEnd(SharedEncoder);

impl GzipEnd {
    pub fn finish(self) -> io::Result<()> {
        let encoder = self.0.lock().expect("not poisoned").take();
        match encoder {
            Some(encoder) => encoder.finish()?.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn gzip_round_trip_and_no_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.gz");
        let file = create(&path, false).unwrap();
        let (mut writer, end) = gzip(Box::new(file));
        writer.write_all(b"one\ntwo\n").unwrap();
        drop(writer);
        end.finish().unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(File::open(&path).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "one\ntwo\n");
        let refused = create(&path, false).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        create(&path, true).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
    }

    #[test]
    fn output_inside_an_input_directory_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = vec![dir.path().to_str().unwrap().to_string()];
        assert!(overlaps_input(&dir.path().join("x.jsonl"), &inputs).is_some());
        let other = tempfile::tempdir().unwrap();
        assert!(overlaps_input(&other.path().join("x.jsonl"), &inputs).is_none());
    }
}

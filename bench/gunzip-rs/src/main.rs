//! `gunzip-rs [-j N] FILE.gz...`: decompress every file with flate2's zlib-rs backend
//! (multi-member aware, like gzip -d), N files at a time (default 2), discard the output,
//! and print the total number of uncompressed bytes. This is the decompression ceiling that
//! `bench/run.sh` compares `ausift search` on a rotated archive against.

use flate2::read::MultiGzDecoder;
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;
use std::process::ExitCode;

fn decompressed_len(path: &PathBuf) -> io::Result<u64> {
    let file = File::open(path)?;
    let mut decoder = MultiGzDecoder::new(BufReader::with_capacity(1 << 20, file));
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        match decoder.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => total += n as u64,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

fn main() -> ExitCode {
    let mut threads = 2usize;
    let mut files = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "-j" {
            match args.next().and_then(|v| v.to_str()?.parse().ok()) {
                Some(n) if n > 0 => threads = n,
                _ => {
                    eprintln!("gunzip-rs: -j needs a positive number");
                    return ExitCode::from(2);
                }
            }
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    if files.is_empty() {
        eprintln!("usage: gunzip-rs [-j N] FILE.gz...");
        return ExitCode::from(2);
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("gunzip-rs: {e}");
            return ExitCode::from(2);
        }
    };
    let results: Vec<io::Result<u64>> =
        pool.install(|| files.par_iter().with_max_len(1).map(decompressed_len).collect());
    let mut total = 0u64;
    let mut failed = false;
    for (path, result) in files.iter().zip(results) {
        match result {
            Ok(n) => total += n,
            Err(e) => {
                eprintln!("gunzip-rs: {}: {e}", path.display());
                failed = true;
            }
        }
    }
    println!("{total}");
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

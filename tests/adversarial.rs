//! Hostile and broken input: every case must end without a panic, a hang or a crash by signal,
//! say what it skipped, and lose no record that could be read.

mod common;

use common::{ausift, run, stdout_text, testdata};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn stderr_text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Ended by itself (not by a signal), with `code`.
fn assert_code(output: &Output, code: i32, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{what}: status {:?}, stderr: {}",
        output.status,
        stderr_text(output)
    );
}

fn lines(bytes: &[u8]) -> usize {
    bytes.split_inclusive(|&b| b == b'\n').count()
}

fn compress(tool: &str, plain: &Path) -> Option<Vec<u8>> {
    let output = Command::new(tool).args(["-c", "-q"]).arg(plain).output();
    match output {
        Ok(out) if out.status.success() => Some(out.stdout),
        _ => {
            println!("{tool} is not installed: its cases are skipped");
            None
        }
    }
}

#[test]
fn truncated_and_corrupted_streams_of_every_format_keep_what_came_before() {
    let plain = testdata("irregular/interleaved.log");
    let original = std::fs::read(&plain).unwrap();
    let complete = lines(&stdout_text(&run(&["search", "--format", "raw", &plain])).into_bytes());
    let dir = tempfile::tempdir().unwrap();
    // Large enough for several blocks of every format (bzip2's are 900 kB of input).
    let sample = std::fs::read(testdata("sample/audit.log")).unwrap();
    let copies = (3_000_000 / sample.len() + 1) as u64;
    let big = dir.path().join("big.log");
    std::fs::write(&big, common::shifted_copies(&sample, copies, 20_000)).unwrap();
    for (tool, extension) in [
        ("zstd", "zst"),
        ("xz", "xz"),
        ("bzip2", "bz2"),
        ("gzip", "gz"),
    ] {
        let Some(packed) = compress(tool, &big) else {
            continue;
        };
        let cut = dir.path().join(format!("cut.log.{extension}"));
        std::fs::write(&cut, &packed[..packed.len() * 2 / 3]).unwrap();
        let mut flipped = packed.clone();
        let middle = flipped.len() / 2;
        for byte in &mut flipped[middle..middle + 8] {
            *byte ^= 0x5a;
        }
        let bad = dir.path().join(format!("bad.log.{extension}"));
        std::fs::write(&bad, &flipped).unwrap();
        for damaged in [&cut, &bad] {
            let name = damaged.file_name().unwrap().to_string_lossy().into_owned();
            let output = run(&[
                "search",
                "--format",
                "raw",
                damaged.to_str().unwrap(),
                &plain,
            ]);
            assert_code(&output, 2, &name);
            let stderr = stderr_text(&output);
            assert!(
                stderr.contains(&name) && stderr.contains(" at byte "),
                "{name}: the file and the offset: {stderr}"
            );
            // The good file after it is read whole; what the damaged one gave comes first.
            let out = output.stdout;
            assert!(
                lines(&out) > complete,
                "{name}: nothing decoded before the damage was kept"
            );
            assert!(
                out.ends_with(&original[original.len() - 200..]),
                "{name}: the good file"
            );
        }
    }
}

#[test]
fn nul_bytes_and_invalid_utf8_pass_through_byte_for_byte() {
    let mut log = Vec::new();
    log.extend_from_slice(b"type=USER_CMD msg=audit(1700000000.001:7): pid=1 uid=0 cmd=\"a\xff\xfeb\" exe=\"/bin/\x00sh\" res=success\n");
    log.extend_from_slice(b"\x00\x00\x00\x00\x00\x00\x00\x00\n");
    log.extend_from_slice(b"\xc3\x28\xa0\xa1 junk \xf0\x28\x8c\xbc\n");
    log.extend_from_slice(b"type=SYSCALL msg=audit(1700000000.002:8): arch=c000003e syscall=59 comm=\"\xe2\x82\" key=\"k\"\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.log");
    std::fs::write(&path, &log).unwrap();
    let output = run(&[
        "search",
        "--format",
        "raw",
        "--stats",
        path.to_str().unwrap(),
    ]);
    assert_code(&output, 0, "odd bytes");
    let mut expected = log.split_inclusive(|&b| b == b'\n');
    let first = expected.next().unwrap();
    let last = expected.nth(2).unwrap();
    assert_eq!(
        output.stdout,
        [first, last].concat(),
        "the records, bytes unchanged"
    );
    let stderr = stderr_text(&output);
    assert!(stderr.contains("lines skipped:  2"), "{stderr}");
    // The message about them is escaped: no raw control bytes reach the terminal.
    assert!(!stderr.bytes().any(|b| b == 0), "a NUL reached stderr");
}

#[test]
fn a_ten_mebibyte_line_is_one_record() {
    let mut log = b"type=EXECVE msg=audit(1700000000.001:9): argc=2 a0=\"sh\" a1=\"".to_vec();
    log.extend(std::iter::repeat_n(b'x', 10 << 20));
    log.extend_from_slice(
        b"\"\ntype=SYSCALL msg=audit(1700000000.001:9): syscall=59 key=\"big\"\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.log");
    std::fs::write(&path, &log).unwrap();
    for mode in ["--threads=2", "--no-mmap"] {
        let output = run(&[
            "search",
            mode,
            "-k",
            "big",
            "--format",
            "raw",
            path.to_str().unwrap(),
        ]);
        assert_code(&output, 0, mode);
        assert!(
            output.stdout == log,
            "{mode}: the long record comes out whole"
        );
    }
}

#[test]
fn an_event_of_a_million_records_is_cut_into_capped_pieces_and_nothing_is_lost() {
    let record = b"type=PATH msg=audit(1700000000.001:5): item=0 name=\"/tmp/x\"\n";
    let mut log = Vec::with_capacity(record.len() * 1_000_000 + 200);
    for _ in 0..1_000_000 {
        log.extend_from_slice(record);
    }
    log.extend_from_slice(b"type=SYSCALL msg=audit(1700000000.002:6): syscall=2 key=\"after\"\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.log");
    std::fs::write(&path, &log).unwrap();
    let path = path.to_str().unwrap();
    let counted = run(&["search", "--count", path]);
    assert_code(&counted, 0, "--count");
    // 100,000 records a piece: ten pieces, and the event after them.
    assert_eq!(stdout_text(&counted).trim(), "11");
    assert!(
        stderr_text(&counted).contains("9 event(s) reached 100000 records"),
        "{}",
        stderr_text(&counted)
    );
    let raw = run(&[
        "search",
        "--format",
        "raw",
        "--max-event-records",
        "300000",
        path,
    ]);
    assert_code(&raw, 0, "raw");
    assert!(raw.stdout == log, "every record comes out once, in order");
    assert!(stderr_text(&raw).contains("3 event(s) reached 300000"));
}

#[test]
fn an_empty_file_is_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.log");
    std::fs::write(&path, b"").unwrap();
    let output = run(&["search", path.to_str().unwrap()]);
    assert_code(&output, 1, "empty file");
    assert!(output.stdout.is_empty());
    assert_eq!(stderr_text(&output), "");
}

#[test]
fn binaries_and_symlink_loops_in_a_directory_are_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("logs")).unwrap();
    std::fs::copy(testdata("sample/audit.log"), root.join("logs/audit.log")).unwrap();
    let binary: Vec<u8> = (0..65536u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(
        root.join("logs/core"),
        [b"\x7fELF".as_slice(), &binary].concat(),
    )
    .unwrap();
    std::os::unix::fs::symlink("b", root.join("logs/a")).unwrap();
    std::os::unix::fs::symlink("a", root.join("logs/b")).unwrap();
    std::os::unix::fs::symlink("..", root.join("logs/up")).unwrap();
    let sample = run(&["search", "--count", &testdata("sample/audit.log")]);
    for follow in [&[][..], &["--follow"][..]] {
        let mut args = vec!["search", "--count", "--stats"];
        args.extend_from_slice(follow);
        args.push(root.to_str().unwrap());
        let output = run(&args);
        assert_eq!(
            stdout_text(&output),
            stdout_text(&sample),
            "{follow:?}: {}",
            stderr_text(&output)
        );
        assert!(
            stderr_text(&output).contains("core"),
            "the binary is named: {}",
            stderr_text(&output)
        );
    }
}

#[test]
fn an_unreadable_input_is_named_and_the_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // A socket cannot be opened for reading, even by root.
    let socket = dir.path().join("audit.log.1");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let sample = testdata("sample/audit.log");
    let output = run(&["search", "--count", socket.to_str().unwrap(), &sample]);
    assert_code(&output, 2, "socket");
    assert!(
        stderr_text(&output).contains("audit.log.1"),
        "{}",
        stderr_text(&output)
    );
    let alone = run(&["search", "--count", &sample]);
    assert_eq!(stdout_text(&output), stdout_text(&alone));
}

#[test]
fn a_file_that_shrinks_while_it_is_read_ends_in_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.log");
    let sample = std::fs::read(testdata("sample/audit.log")).unwrap();
    let mut file = std::fs::File::create(&path).unwrap();
    while file.metadata().unwrap().len() < 96 << 20 {
        file.write_all(&sample).unwrap();
    }
    drop(file);
    for attempt in 0..3 {
        let child = ausift()
            .args(["search", "--format", "raw", "-j1", path.to_str().unwrap()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20 + 40 * attempt));
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(4096)
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.code().is_some(),
            "ended by a signal: {:?}",
            output.status
        );
        if output.status.code() == Some(2) {
            assert!(
                stderr_text(&output).contains("audit.log"),
                "{}",
                stderr_text(&output)
            );
        }
        let mut file = std::fs::File::create(&path).unwrap();
        while file.metadata().unwrap().len() < 96 << 20 {
            file.write_all(&sample).unwrap();
        }
    }
}

#[test]
fn inputs_are_only_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(testdata("sample/audit.log"), dir.path().join("audit.log")).unwrap();
    std::fs::copy(
        testdata("compressed/interleaved.log.gz"),
        dir.path().join("audit.log.1.gz"),
    )
    .unwrap();
    let listing = || {
        let mut entries: Vec<(String, u64, std::time::SystemTime)> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let meta = e.metadata().unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    meta.len(),
                    meta.modified().unwrap(),
                )
            })
            .collect();
        entries.sort();
        entries
    };
    let before = listing();
    let root = dir.path().to_str().unwrap();
    for args in [
        &["search", "--stats", root][..],
        &["search", "--format", "jsonl", "--sort", "time", root],
        &["report", root],
    ] {
        let output = run(args);
        assert!(
            output.status.code().is_some_and(|c| c < 2),
            "{args:?}: {}",
            stderr_text(&output)
        );
    }
    assert_eq!(listing(), before, "the input directory is unchanged");
}

#[test]
fn an_xz_stream_asking_for_too_much_memory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("small.log");
    std::fs::copy(testdata("sample/audit.log"), &plain).unwrap();
    let Some(mut packed) = compress("xz", &plain) else {
        return;
    };
    // The block header follows the 12-byte stream header: its size byte, flags, then the
    // LZMA2 filter (id 0x21, one property byte: the dictionary size), padding and a CRC32.
    let header_len = (usize::from(packed[12]) + 1) * 4;
    let header = 12..12 + header_len;
    let filter = packed[header.clone()]
        .windows(2)
        .position(|w| w == [0x21, 0x01])
        .unwrap();
    packed[12 + filter + 2] = 40; // 1.5 GiB, beyond the limit
    let mut crc = flate2::Crc::new();
    crc.update(&packed[12..12 + header_len - 4]);
    packed[header.end - 4..header.end].copy_from_slice(&crc.sum().to_le_bytes());
    let forged = dir.path().join("forged.log.xz");
    std::fs::write(&forged, &packed).unwrap();
    let output = run(&["search", "--count", forged.to_str().unwrap()]);
    assert_code(&output, 2, "forged xz");
    let stderr = stderr_text(&output);
    assert!(stderr.contains("forged.log.xz"), "{stderr}");
}

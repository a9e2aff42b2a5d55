//! What ausift reads: rotation sets in time order (an event straddling two files stays one),
//! compression recognised by magic bytes, damaged archives, and the same output for any
//! number of threads, with or without memory maps, across chunk boundaries.

mod common;

use common::{
    assert_code, code, event_ids, filter_through, jsonl, lines_of, run, run_with_stdin, serials,
    stat, stderr_text, stdout_text, testdata,
};
use std::collections::BTreeMap;
use std::path::Path;

/// The multiset of lines of `bytes`.
fn line_counts(bytes: &[u8]) -> BTreeMap<Vec<u8>, usize> {
    let mut counts = BTreeMap::new();
    for line in lines_of(bytes) {
        *counts.entry(line.to_vec()).or_insert(0) += 1;
    }
    counts
}

fn search(args: &[&str]) -> std::process::Output {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    run(&all)
}

// ---------------------------------------------------------------------------------------------
// 2. Rotation.

/// The rotated set read in order by hand: `zcat .3.gz .2.gz; cat .1 audit.log`.
fn rotated_concatenated() -> Vec<u8> {
    let mut bytes = common::gunzip(&testdata("rotated/audit.log.3.gz"));
    bytes.extend(common::gunzip(&testdata("rotated/audit.log.2.gz")));
    bytes.extend(std::fs::read(testdata("rotated/audit.log.1")).unwrap());
    bytes.extend(std::fs::read(testdata("rotated/audit.log")).unwrap());
    bytes
}

#[test]
fn a_rotated_directory_is_read_oldest_first() {
    let output = search(&["--stats", &testdata("rotated")]);
    assert_code(&output, 0, "rotated/");
    assert_eq!(
        serials(&output.stdout),
        (730412..=730461).collect::<Vec<u64>>()
    );
    let stats = stderr_text(&output);
    assert_eq!(stat(&stats, "files"), 4);
    assert_eq!(stat(&stats, "lines"), 105);
    assert_eq!(stat(&stats, "events"), 50);
    // Times never go back.
    let times: Vec<u64> = event_ids(&output.stdout)
        .iter()
        .map(|(_, id)| common::millis_of(id))
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    // Every record of every file, once.
    assert_eq!(
        line_counts(&output.stdout),
        line_counts(&rotated_concatenated())
    );
}

#[test]
fn an_event_straddling_two_files_is_one_event() {
    let dir = testdata("rotated");
    let output = search(&["--format", "jsonl", "-a", "730448", &dir]);
    assert_code(&output, 0, "-a 730448");
    let events = jsonl(&output.stdout);
    assert_eq!(events.len(), 1, "{}", stdout_text(&output));
    let types = common::record_types(&events[0]);
    assert_eq!(
        types,
        ["SYSCALL", "EXECVE", "CWD", "PATH", "PATH", "PROCTITLE"]
    );
    assert_eq!(events[0]["id"], "1700968863.847:730448");

    // Raw: the last 2 lines of audit.log.1, then the first 4 of audit.log, together.
    let older = std::fs::read(testdata("rotated/audit.log.1")).unwrap();
    let newer = std::fs::read(testdata("rotated/audit.log")).unwrap();
    let older = lines_of(&older);
    let newer = lines_of(&newer);
    let mut expected: Vec<&[u8]> = older[older.len() - 2..].to_vec();
    expected.extend(&newer[..4]);
    let raw = search(&["-a", "730448", &dir]);
    assert_eq!(lines_of(&raw.stdout), expected);
    let all = search(&[&dir]);
    let lines = lines_of(&all.stdout);
    let at = lines.iter().position(|l| *l == expected[0]).unwrap();
    assert_eq!(&lines[at..at + 6], &expected[..], "in the full output too");
}

#[test]
fn files_named_in_any_order_are_read_oldest_first() {
    let dir = testdata("rotated");
    let expected = search(&[&dir]).stdout;
    let names = [
        "audit.log",
        "audit.log.1",
        "audit.log.2.gz",
        "audit.log.3.gz",
    ];
    let orders: [[usize; 4]; 4] = [[0, 1, 2, 3], [0, 2, 3, 1], [1, 3, 0, 2], [2, 0, 1, 3]];
    for order in orders {
        let paths: Vec<String> = order
            .iter()
            .map(|&i| format!("{dir}/{}", names[i]))
            .collect();
        let mut args: Vec<&str> = vec!["search"];
        args.extend(paths.iter().map(String::as_str));
        let output = run(&args);
        assert_code(&output, 0, &format!("{order:?}"));
        assert_eq!(output.stdout, expected, "files in the order {order:?}");
        // The same through ausearch's -if, repeated.
        let mut args: Vec<&str> = vec!["search"];
        for path in &paths {
            args.extend(["-if", path.as_str()]);
        }
        assert_eq!(run(&args).stdout, expected, "-if in the order {order:?}");
    }
}

#[test]
fn dated_rotation_names_are_read_oldest_first() {
    let dir = testdata("rotated-dated");
    let output = search(&["--stats", &dir]);
    assert_code(&output, 0, "rotated-dated/");
    assert_eq!(
        serials(&output.stdout),
        (1204410..=1204431).collect::<Vec<u64>>()
    );
    assert_eq!(stat(&stderr_text(&output), "lines"), 46);
    let scrambled = search(&[
        &format!("{dir}/audit.log"),
        &format!("{dir}/audit.log-20231125"),
        &format!("{dir}/audit.log-20231124.gz"),
    ]);
    assert_eq!(scrambled.stdout, output.stdout);
    let mut bytes = common::gunzip(&testdata("rotated-dated/audit.log-20231124.gz"));
    bytes.extend(std::fs::read(testdata("rotated-dated/audit.log-20231125")).unwrap());
    bytes.extend(std::fs::read(testdata("rotated-dated/audit.log")).unwrap());
    assert_eq!(line_counts(&output.stdout), line_counts(&bytes));
}

#[test]
fn a_rotation_set_compressed_four_ways_reads_the_same() {
    // audit.log.3 as zstd, .2 as bzip2, .1 as xz, audit.log plain: the seam of 730448 now
    // lies between an xz file and a plain one.
    let dir = tempfile::tempdir().unwrap();
    let src = |name: &str| testdata(&format!("rotated/{name}"));
    let put = |name: &str, bytes: Vec<u8>| std::fs::write(dir.path().join(name), bytes).unwrap();
    put(
        "audit.log.3.zst",
        filter_through(
            "zstd",
            &["-q", "-c"],
            &common::gunzip(&src("audit.log.3.gz")),
        ),
    );
    put(
        "audit.log.2.bz2",
        filter_through("bzip2", &["-c"], &common::gunzip(&src("audit.log.2.gz"))),
    );
    put(
        "audit.log.1.xz",
        filter_through("xz", &["-c"], &std::fs::read(src("audit.log.1")).unwrap()),
    );
    put("audit.log", std::fs::read(src("audit.log")).unwrap());
    let expected = search(&[&testdata("rotated")]).stdout;
    for threads in ["1", "2", "4"] {
        let output = search(&["-j", threads, dir.path().to_str().unwrap()]);
        assert_code(&output, 0, threads);
        assert_eq!(output.stdout, expected, "-j{threads}");
    }
    let events = jsonl(
        &search(&[
            "--format",
            "jsonl",
            "-a",
            "730448",
            dir.path().to_str().unwrap(),
        ])
        .stdout,
    );
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["records"].as_array().unwrap().len(), 6);
}

#[test]
fn unrelated_files_are_ordered_by_their_first_record() {
    // The sample cut in two, the later half in a file whose name sorts first.
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(testdata("sample/audit.log")).unwrap();
    let lines = lines_of(&bytes);
    let join = |part: &[&[u8]]| -> Vec<u8> {
        part.iter()
            .flat_map(|l| l.iter().copied().chain([b'\n']))
            .collect()
    };
    std::fs::write(dir.path().join("z-morning.log"), join(&lines[..150])).unwrap();
    std::fs::write(dir.path().join("a-noon.log"), join(&lines[150..])).unwrap();
    let expected = search(&[&testdata("sample/audit.log")]).stdout;
    let output = search(&[dir.path().to_str().unwrap()]);
    assert_code(&output, 0, "directory");
    assert_eq!(output.stdout, expected);
}

#[test]
fn sort_time_orders_events_across_files() {
    // Odd events in one file, even ones in the other: input order reads one file after the
    // other, --sort time interleaves them again.
    let dir = common::odd_and_even_files();
    let dir = dir.path().to_str().unwrap();
    let input_order = serials(&search(&[dir]).stdout);
    let first_odd = input_order.iter().take_while(|s| *s % 2 == 1).count();
    assert_eq!(
        first_odd, 62,
        "odd.log (18231 first) is read whole before even.log"
    );
    let sorted = serials(&search(&["--sort", "time", dir]).stdout);
    assert_eq!(sorted, (18231..=18353).collect::<Vec<u64>>());
    assert_eq!(
        search(&["--sort", "time", "--format", "jsonl", dir]).stdout,
        search(&["--format", "jsonl", &testdata("sample/audit.log")]).stdout
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Compression, by magic bytes.

#[test]
fn every_compressed_file_reads_like_the_plain_one() {
    let plain = testdata("irregular/interleaved.log");
    let expected = search(&[&plain]);
    assert_code(&expected, 0, "plain");
    assert_eq!(event_ids(&expected.stdout).len(), 16);
    for name in [
        "interleaved.log.gz",
        "interleaved.log.zst",
        "interleaved.log.xz",
        "interleaved.log.bz2",
        "gz-named.log",
        "plain.gz",
    ] {
        let file = testdata(&format!("compressed/{name}"));
        let output = search(&["--stats", &file]);
        assert_code(&output, 0, name);
        assert_eq!(output.stdout, expected.stdout, "{name}");
        assert_eq!(stat(&stderr_text(&output), "lines"), 81, "{name}");
        let output = run_with_stdin(&["search"], std::fs::read(&file).unwrap());
        assert_eq!(output.stdout, expected.stdout, "{name} on stdin");
        let output = search(&["--no-mmap", "-j1", &file]);
        assert_eq!(output.stdout, expected.stdout, "{name} --no-mmap -j1");
    }
    let jsonl_expected = search(&["--format", "jsonl", &plain]).stdout;
    let zstd_as_log = search(&["--format", "jsonl", &testdata("compressed/gz-named.log")]);
    assert_eq!(zstd_as_log.stdout, jsonl_expected);
}

#[test]
fn names_do_not_decide_the_format() {
    let bytes = std::fs::read(testdata("sample/audit.log")).unwrap();
    let expected = search(&[&testdata("sample/audit.log")]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("xz-data.gz", filter_through("xz", &["-c"], &bytes)),
        ("bzip2-data.zst", filter_through("bzip2", &["-c"], &bytes)),
        (
            "gzip-data.log",
            filter_through("gzip", &["-c", "-n"], &bytes),
        ),
        ("plain-text.xz", bytes.clone()),
        ("plain-text.bz2", bytes.clone()),
    ];
    for (name, content) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let output = search(&[path.to_str().unwrap()]);
        assert_code(&output, 0, name);
        assert_eq!(output.stdout, expected, "{name}");
    }
}

#[test]
fn every_member_of_a_concatenated_archive_is_read() {
    // audit.log.2.gz is two gzip members (4 + 14 lines).
    let output = search(&["--stats", &testdata("rotated/audit.log.2.gz")]);
    assert_code(&output, 0, "multi-member gzip");
    assert_eq!(stat(&stderr_text(&output), "lines"), 18);
    assert_eq!(
        serials(&output.stdout),
        (730421..=730431).collect::<Vec<u64>>()
    );

    let first = common::gunzip(&testdata("rotated/audit.log.3.gz"));
    let second = std::fs::read(testdata("rotated/audit.log.1")).unwrap();
    let mut both = first.clone();
    both.extend_from_slice(&second);
    let expected = run_with_stdin(&["search"], both.clone()).stdout;
    let dir = tempfile::tempdir().unwrap();
    for (tool, args, ext) in [
        ("gzip", &["-c", "-n"][..], "gz"),
        ("zstd", &["-q", "-c"], "zst"),
        ("xz", &["-c"], "xz"),
        ("bzip2", &["-c"], "bz2"),
    ] {
        let mut archive = filter_through(tool, args, &first);
        archive.extend(filter_through(tool, args, &second));
        let path = dir.path().join(format!("two-members.{ext}"));
        std::fs::write(&path, &archive).unwrap();
        let output = search(&["--stats", path.to_str().unwrap()]);
        assert_code(&output, 0, tool);
        assert_eq!(
            stat(&stderr_text(&output), "lines"),
            53,
            "{tool}: both members"
        );
        assert_eq!(output.stdout, expected, "{tool}");
        let output = run_with_stdin(&["search"], archive);
        assert_eq!(output.stdout, expected, "{tool} on stdin");
    }
}

#[test]
fn a_truncated_archive_is_reported_and_what_came_before_is_kept() {
    let file = testdata("compressed/truncated.gz");
    let reference = std::fs::read(testdata("irregular/interleaved.log")).unwrap();
    let reference = lines_of(&reference);
    let output = search(&[&file]);
    assert_code(&output, 2, "truncated.gz");
    let stderr = stderr_text(&output);
    assert!(
        stderr.contains("truncated.gz"),
        "the message names the file: {stderr}"
    );
    let out = lines_of(&output.stdout);
    assert!(
        !out.is_empty(),
        "the events decoded before the cut are printed"
    );
    // Every record output is a line of the original; the one cut short is a prefix of one.
    let mut partial = 0;
    for line in &out {
        if !reference.contains(line) {
            partial += 1;
            assert!(
                reference.iter().any(|r| r.starts_with(line)),
                "not from the original: {}",
                String::from_utf8_lossy(line)
            );
        }
    }
    assert!(partial <= 1, "{partial} damaged lines");
    let counted = search(&["--count", &file]);
    assert_code(&counted, 2, "--count");
    let n: u64 = stdout_text(&counted).trim().parse().unwrap();
    assert!(n > 0, "--count {n}");
    // On stdin too.
    let piped = run_with_stdin(&["search"], std::fs::read(&file).unwrap());
    assert_code(&piped, 2, "truncated gzip on stdin");
    assert_eq!(piped.stdout, output.stdout);
}

#[test]
fn a_corrupt_archive_is_reported_and_the_rest_still_read() {
    let file = testdata("compressed/corrupt.gz");
    let output = search(&[&file]);
    assert_code(&output, 2, "corrupt.gz");
    let stderr = stderr_text(&output);
    assert!(
        stderr.contains("corrupt.gz"),
        "the message names the file: {stderr}"
    );
    assert!(
        !output.stdout.is_empty(),
        "the events decoded before the damage are printed"
    );
    // The first event, decoded before the flipped byte, is intact.
    let plain = search(&[&testdata("irregular/interleaved.log")]);
    assert_eq!(lines_of(&output.stdout)[0], lines_of(&plain.stdout)[0]);

    // Beside good inputs: they are all read, and the status still says something was wrong.
    let sample = testdata("sample/audit.log");
    let output = search(&[&file, &sample, &testdata("compressed/truncated.gz")]);
    assert_code(&output, 2, "corrupt + good + truncated");
    let stderr = stderr_text(&output);
    assert!(
        stderr.contains("corrupt.gz") && stderr.contains("truncated.gz"),
        "{stderr}"
    );
    let out = line_counts(&output.stdout);
    let sample_bytes = std::fs::read(&sample).unwrap();
    for (line, n) in line_counts(&sample_bytes) {
        assert!(
            out.get(&line).is_some_and(|m| *m >= n),
            "a sample line is missing"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Threads and memory maps.

const EVERY_WAY: [&[&str]; 4] = [&["-j1"], &["-j2"], &["-j4"], &["--no-mmap"]];

/// Output of `search VARIANT ARGS` must be the same bytes for every variant.
fn assert_same_output(label: &str, variants: &[&[&str]], args: &[&str]) {
    let mut first: Option<Vec<u8>> = None;
    for variant in variants {
        let mut all = vec!["search"];
        all.extend_from_slice(variant);
        all.extend_from_slice(args);
        let output = run(&all);
        assert!(
            code(&output) <= 1,
            "{label} {variant:?}: {}",
            stderr_text(&output)
        );
        match &first {
            None => first = Some(output.stdout),
            Some(expected) => {
                assert!(
                    *expected == output.stdout,
                    "{label}: {variant:?} differs from {:?} ({} vs {} bytes)",
                    variants[0],
                    output.stdout.len(),
                    expected.len()
                );
            }
        }
    }
    assert!(!first.unwrap().is_empty(), "{label}: some output");
}

#[test]
fn any_thread_count_gives_the_same_output() {
    let sample = testdata("sample/audit.log");
    let rotated = testdata("rotated");
    let dated = testdata("rotated-dated");
    let zstd = testdata("compressed/interleaved.log.zst");
    for input in [&sample, &rotated, &dated, &zstd] {
        assert_same_output(input, &EVERY_WAY, &[input]);
    }
    for input in [&sample, &rotated, &zstd] {
        assert_same_output(input, &EVERY_WAY, &["--format", "jsonl", input]);
    }
    assert_same_output(
        "sorted",
        &EVERY_WAY,
        &["--sort", "time", "--format", "jsonl", &sample],
    );
    assert_same_output("sample -k exec", &EVERY_WAY, &["-k", "exec", &sample]);
    // The irregular files, all at once (--no-mmap costs a 4 MiB block per file in a debug
    // build, so it is checked on the odd ones alone).
    let irregular = testdata("irregular");
    let threads: [&[&str]; 3] = [&["-j1"], &["-j2"], &["-j4"]];
    assert_same_output("irregular/", &threads, &[&irregular]);
    assert_same_output("irregular/", &threads, &["--format", "jsonl", &irregular]);
    for name in [
        "two-per-line.log",
        "garbage.log",
        "comments-blank.log",
        "long-line.log",
    ] {
        let file = testdata(&format!("irregular/{name}"));
        assert_same_output(name, &EVERY_WAY, &[&file]);
        assert_same_output(
            name,
            &[&["-j1"], &["--no-mmap"]],
            &["--format", "jsonl", &file],
        );
    }
}

/// The two largest files of the corpus, each test on one so that they run side by side.
fn corpus_file(test: &str, prefix: &str) -> Option<String> {
    let dir = common::corpus_dir(test)?;
    let file = common::corpus_files(&dir)
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix));
    match file {
        Some(path) => Some(path.display().to_string()),
        None => {
            println!("{test}: skipped, no {prefix}… in the corpus");
            None
        }
    }
}

#[test]
fn any_thread_count_gives_the_same_output_on_the_httpd_corpus_log() {
    let Some(file) = corpus_file(
        "httpd corpus log",
        "SELinuxProject__selinux__python__sepolgen__tests__test_data__httpd.log",
    ) else {
        return;
    };
    assert_same_output(&file, &EVERY_WAY, &[&file]);
    assert_same_output(&file, &EVERY_WAY, &["--format", "jsonl", &file]);
}

#[test]
fn any_thread_count_gives_the_same_output_on_the_qiangwang_corpus_log() {
    let Some(file) = corpus_file("qiangwang corpus log", "qiangwang__") else {
        return;
    };
    assert_same_output(&file, &EVERY_WAY, &[&file]);
    assert_same_output(&file, &EVERY_WAY, &["--format", "jsonl", &file]);
}

/// A log over 8 MiB (the largest mapped chunk) made of shifted copies of the sample, padded
/// at the front so that a chunk of 8 MiB ends between two records of one event. Smaller
/// chunks (ausift cuts files finer to keep every thread busy) and the 4 MiB blocks of
/// `--no-mmap` cut it many more times, nearly always inside some event.
fn across_chunks(dir: &Path) -> (std::path::PathBuf, Vec<u8>) {
    const CHUNK: usize = 8 << 20;
    let sample = std::fs::read(testdata("sample/audit.log")).unwrap();
    let copies = (CHUNK / sample.len() + 12) as u64;
    let body = common::shifted_copies(&sample, copies, 20_000);
    // The last line end before the chunk size (less room for the padding) that falls inside
    // an event.
    let mut seam = None;
    let mut start = 0;
    let mut previous_id = None;
    for line in lines_of(&body) {
        let id = common::record_id(line);
        if start > CHUNK - 4096 {
            break;
        }
        if start > CHUNK - 64 * 1024 && id.is_some() && id == previous_id {
            seam = Some(start);
        }
        previous_id = id;
        start += line.len() + 1;
    }
    let seam = seam.expect("a seam inside an event");
    // The chunk is cut after the first newline at or past CHUNK: put that newline just before
    // the seam with a comment line at the front.
    let padding = CHUNK + 1 - seam;
    let mut bytes = b"#".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', padding - 2));
    bytes.push(b'\n');
    bytes.extend_from_slice(&body);
    assert_eq!(bytes[CHUNK], b'\n');
    let path = dir.join("big.log");
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

/// The lines of `bytes`, sorted: a multiset that is cheap to compare.
fn sorted_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines = lines_of(bytes);
    lines.sort_unstable();
    lines
}

#[test]
fn events_cut_by_chunk_and_block_boundaries_stay_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = across_chunks(dir.path());
    let file = path.to_str().unwrap();
    let sample_events = 123;
    let copies = (lines_of(&bytes).len() - 1) / 286;

    let output = search(&["--stats", file]);
    assert_code(&output, 0, "big file");
    let stats = stderr_text(&output);
    assert_eq!(stat(&stats, "lines"), lines_of(&bytes).len() as u64);
    assert_eq!(stat(&stats, "events"), (sample_events * copies) as u64);
    let ids = event_ids(&output.stdout);
    assert_eq!(
        ids.len(),
        sample_events * copies,
        "each event's records together"
    );
    // Every record once (the padding comment aside).
    assert!(
        sorted_lines(&output.stdout) == sorted_lines(&bytes)[1..],
        "the records out are the records in"
    );
    for variant in [&["-j1"][..], &["--no-mmap"]] {
        let mut all = vec!["search"];
        all.extend_from_slice(variant);
        all.push(file);
        let other = run(&all);
        assert!(other.stdout == output.stdout, "{variant:?} differs");
    }
    // JSON across the seam, for a few events of every copy.
    let j1 = search(&["-j1", "--format", "jsonl", "-k", "network", file]);
    let j4 = search(&["-j4", "--format", "jsonl", "-k", "network", file]);
    let events = jsonl(&j1.stdout);
    assert_eq!(events.len(), 2 * copies);
    assert!(j1.stdout == j4.stdout, "jsonl -j1 and -j4 differ");
}

#[test]
fn stdin_is_cut_into_blocks_without_splitting_events() {
    // Stdin is read in 4 MiB blocks: 4.6 MB through a pipe cross at least one block boundary.
    let sample = std::fs::read(testdata("sample/audit.log")).unwrap();
    let bytes = common::shifted_copies(&sample, 75, 20_000);
    assert!(bytes.len() > 4 << 20);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("over-a-block.log");
    std::fs::write(&path, &bytes).unwrap();
    let from_file = search(&["--stats", path.to_str().unwrap()]);
    assert_code(&from_file, 0, "file");
    assert_eq!(event_ids(&from_file.stdout).len(), 75 * 123);
    let piped = run_with_stdin(&["search", "--stats", "-j2"], bytes.clone());
    assert_code(&piped, 0, "stdin");
    assert!(
        piped.stdout == from_file.stdout,
        "stdin differs from the file"
    );
    assert_eq!(stat(&stderr_text(&piped), "lines"), 75 * 286);
    let gzipped = filter_through("gzip", &["-c", "-1"], &bytes);
    let piped = run_with_stdin(&["search", "-j1"], gzipped);
    assert!(
        piped.stdout == from_file.stdout,
        "gzip on stdin differs from the file"
    );
}

#[test]
fn long_lines_back_to_back_in_an_archive_come_out_whole() {
    // Two lines longer than a decoded block (2 MiB), one right after the other: each block
    // still ends on a line end and every byte comes out.
    let mut log = Vec::new();
    for serial in 1..=20_000u32 {
        log.extend(
            format!("type=USER_LOGIN msg=audit(1700000000.000:{serial}): pid=1 res=success\n")
                .bytes(),
        );
    }
    log.extend(b"type=EXECVE msg=audit(1700000001.000:30001): argc=1 a0=\"");
    log.extend(std::iter::repeat_n(b'x', 3 << 20));
    log.extend(b"\"\ntype=EXECVE msg=audit(1700000001.000:30002): argc=1 a0=");
    log.extend(std::iter::repeat_n(b'y', 5 << 20));
    log.extend(b"\ntype=USER_LOGIN msg=audit(1700000002.000:30003): pid=1 res=success\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.log.gz");
    std::fs::write(&path, filter_through("gzip", &["-c", "-1"], &log)).unwrap();
    let output = search(&["--stats", path.to_str().unwrap()]);
    assert_code(&output, 0, "long lines in gzip");
    assert!(output.stdout == log, "the whole archive, unchanged");
    assert_eq!(stat(&stderr_text(&output), "events"), 20_003);
}

#[test]
fn repeated_event_ids_group_the_same_whatever_the_read_path() {
    // The same log twice in one file (evidence copied twice and concatenated): every id occurs
    // twice, 17 160 records apart. Whether the second occurrence joins the first event or
    // becomes a late fragment must not depend on the read path.
    let sample = std::fs::read(testdata("sample/audit.log")).unwrap();
    let once = common::shifted_copies(&sample, 60, 20_000);
    let mut twice = once.clone();
    twice.extend_from_slice(&once);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.log");
    std::fs::write(&path, &twice).unwrap();
    let file = path.to_str().unwrap();
    let mapped = search(&["--count", file]);
    let read = search(&["--count", "--no-mmap", file]);
    let piped = run_with_stdin(&["search", "--count"], twice.clone());
    assert_eq!(
        (stdout_text(&read), stdout_text(&piped)),
        (stdout_text(&mapped), stdout_text(&mapped)),
        "events counted through --no-mmap and a pipe vs a memory map"
    );
    let mapped = search(&[file]).stdout;
    assert!(
        search(&["--no-mmap", file]).stdout == mapped,
        "--no-mmap differs"
    );
    assert!(
        run_with_stdin(&["search"], twice).stdout == mapped,
        "stdin differs"
    );
}

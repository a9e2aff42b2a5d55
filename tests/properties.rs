//! Properties that must hold for any input: a rendered record parses back to what was
//! rendered; any thread count and any block size give the single-threaded output; cutting an
//! input into any number of rotated files finds the same events.

mod common;

use ausift::event::Event;
use ausift::input::{DiscoverOptions, ReadOptions};
use ausift::pipeline::{self, Flow, PipelineOptions};
use ausift::record::{self, Field, Record, Token, Value};
use proptest::prelude::*;
use std::path::Path;

/// One field as it is written, and as the parser must give it back.
#[derive(Clone, Debug)]
enum Written {
    Bare(String),
    Quoted(String),
    Nested(Vec<(String, Written)>),
}

fn bare() -> impl Strategy<Value = Written> {
    prop_oneof![
        // No trailing comma: the tokenizer takes `word,` for a word of the old free-text form.
        "[A-Za-z0-9/._:+-]{1,24}",
        "([0-9A-F]{2}){1,12}",
        Just("(null)".to_string()),
        Just("?".to_string()),
        Just("(none)".to_string()),
    ]
    .prop_map(Written::Bare)
}

fn quoted() -> impl Strategy<Value = Written> {
    // Anything printable but the double quote, blanks and `=` included.
    "[ !#-~]{0,24}".prop_map(Written::Quoted)
}

fn key() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_-]{0,10}".prop_filter("msg is the nested field", |k| k != "msg")
}

fn flat_fields() -> impl Strategy<Value = Vec<(String, Written)>> {
    prop::collection::vec((key(), prop_oneof![bare(), quoted()]), 0..8)
}

fn body() -> impl Strategy<Value = Vec<(String, Written)>> {
    (
        flat_fields(),
        prop::option::of(prop::collection::vec((key(), bare()), 1..5)),
    )
        .prop_map(|(mut fields, nested)| {
            if let Some(inner) = nested {
                fields.push(("msg".to_string(), Written::Nested(inner)));
            }
            fields
        })
}

#[derive(Clone, Debug)]
struct Rendered {
    node: Option<String>,
    type_name: String,
    stamp: (u64, u16, u64),
    fields: Vec<(String, Written)>,
}

fn records() -> impl Strategy<Value = Rendered> {
    (
        prop::option::of("[a-z][a-z0-9.-]{0,15}"),
        prop_oneof![
            "[A-Z][A-Z_]{1,15}",
            (1000u32..3000).prop_map(|n| format!("UNKNOWN[{n}]"))
        ],
        (1_000_000_000u64..4_000_000_000, 0u16..1000, any::<u32>()),
        body(),
    )
        .prop_map(|(node, type_name, (sec, msec, serial), fields)| Rendered {
            node,
            type_name,
            stamp: (sec, msec, u64::from(serial)),
            fields,
        })
}

fn render_fields(fields: &[(String, Written)]) -> String {
    let words: Vec<String> = fields
        .iter()
        .map(|(key, value)| match value {
            Written::Bare(v) => format!("{key}={v}"),
            Written::Quoted(v) => format!("{key}=\"{v}\""),
            Written::Nested(inner) => format!("{key}='{}'", render_fields(inner)),
        })
        .collect();
    words.join(" ")
}

fn render(record: &Rendered) -> String {
    let node = record
        .node
        .as_ref()
        .map(|n| format!("node={n} "))
        .unwrap_or_default();
    let (sec, msec, serial) = record.stamp;
    format!(
        "{node}type={} msg=audit({sec}.{msec:03}:{serial}): {}",
        record.type_name,
        render_fields(&record.fields)
    )
}

fn assert_fields(parsed: &[Field], written: &[(String, Written)]) {
    assert_eq!(parsed.len(), written.len(), "field count");
    for (field, (key, value)) in parsed.iter().zip(written) {
        assert_eq!(field.key, key.as_bytes());
        match (field.value, value) {
            (Value::Bare(got), Written::Bare(want))
            | (Value::Quoted(got), Written::Quoted(want)) => {
                assert_eq!(got, want.as_bytes(), "value of {key}")
            }
            (Value::Nested(got), Written::Nested(inner)) => {
                let fields: Vec<Field> = field_tokens(got);
                assert_fields(&fields, inner);
            }
            (got, want) => panic!("{key}: parsed {got:?}, written {want:?}"),
        }
    }
}

fn field_tokens(text: &[u8]) -> Vec<Field<'_>> {
    record::Tokens::new(text)
        .map(|t| match t {
            Token::Field(f) => f,
            other => panic!("a token without a key: {other:?}"),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_rendered_record_parses_back(written in records()) {
        let line = render(&written);
        let parsed = record::parse_record(line.as_bytes()).expect("a rendered record parses");
        let text = &line.as_bytes()[parsed.start..parsed.start + parsed.len];
        let record = Record::from_header(text, &parsed.header);
        prop_assert_eq!(record.node(), written.node.as_deref().map(str::as_bytes));
        prop_assert_eq!(record.type_name(), written.type_name.as_bytes());
        let stamp = record.stamp().expect("a stamp");
        prop_assert_eq!((stamp.sec, stamp.msec, stamp.serial), written.stamp);
        assert_fields(&field_tokens(record.body()), &written.fields);
    }
}

/// The raw records of every event `path` holds, as the pipeline delivers them.
fn raw_output(path: &Path, threads: usize, block_size: usize) -> Vec<u8> {
    let discovery = ausift::input::discover::discover(
        &[path.display().to_string()],
        &DiscoverOptions::default(),
    );
    assert!(discovery.errors.is_empty(), "{:?}", discovery.errors);
    let options = PipelineOptions {
        threads,
        read: ReadOptions {
            block_size,
            no_mmap: true,
            ..ReadOptions::default()
        },
        batch: 7,
        // Both ways of delivering, against a reference made with one thread and the other.
        deliver_while_processing: threads % 2 == 0,
        ..PipelineOptions::default()
    };
    let mut out = Vec::new();
    let process = |events: &[Event]| {
        let mut text = Vec::new();
        for event in events {
            ausift::output::raw::write_event(&mut text, event);
        }
        text
    };
    pipeline::run(
        std::sync::Arc::new(discovery.sources),
        &options,
        process,
        |text: Vec<u8>| {
            out.extend_from_slice(&text);
            Flow::Continue
        },
    );
    out
}

fn interleaved_sample() -> std::path::PathBuf {
    common::repo_path("testdata/irregular/interleaved.log")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_threads_and_block_size_give_the_single_threaded_output(
        threads in 1usize..5,
        block_size in 1usize..6000,
    ) {
        let path = interleaved_sample();
        let reference = raw_output(&path, 1, 4 << 20);
        prop_assert!(!reference.is_empty());
        prop_assert!(raw_output(&path, threads, block_size) == reference);
    }

    #[test]
    fn cutting_an_input_into_rotated_files_finds_the_same_events(
        cuts in prop::collection::btree_set(0u32..1000, 1..6),
    ) {
        let whole = std::fs::read(interleaved_sample()).unwrap();
        let lines: Vec<&[u8]> = whole.split_inclusive(|&b| b == b'\n').collect();
        let mut bounds: Vec<usize> = cuts.iter().map(|&c| c as usize * lines.len() / 1000).collect();
        bounds.push(lines.len());
        bounds.dedup();
        let dir = tempfile::tempdir().unwrap();
        let mut start = 0;
        for (i, &end) in bounds.iter().enumerate() {
            // audit.log.N is older than audit.log.N-1; audit.log is the newest.
            let age = bounds.len() - 1 - i;
            let name = if age == 0 { "audit.log".to_string() } else { format!("audit.log.{age}") };
            std::fs::write(dir.path().join(name), lines[start..end].concat()).unwrap();
            start = end;
        }
        let rotated = raw_output(dir.path(), 2, 4 << 20);
        prop_assert!(rotated == raw_output(&interleaved_sample(), 2, 4 << 20));
    }
}

//! Tests of the record parser on every header form and irregularity.

use super::*;

fn parse(line: &str) -> ParsedRecord {
    parse_record(line.as_bytes()).unwrap()
}

fn view<'a>(text: &'a [u8], parsed: &'a ParsedRecord) -> Record<'a> {
    Record::from_header(
        &text[parsed.start..parsed.start + parsed.len],
        &parsed.header,
    )
}

#[test]
fn plain_record() {
    let line = "type=SYSCALL msg=audit(1700990000.123:456): arch=c000003e syscall=59 key=\"exec\"";
    let p = parse(line);
    let r = view(line.as_bytes(), &p);
    assert_eq!(r.type_name(), b"SYSCALL");
    assert_eq!(r.type_code(), Some(1300));
    assert_eq!(
        r.stamp(),
        Some(Stamp {
            sec: 1_700_990_000,
            msec: 123,
            serial: 456
        })
    );
    assert_eq!(r.field(b"syscall"), Some(Value::Bare(b"59")));
    assert_eq!(r.field(b"key"), Some(Value::Quoted(b"exec")));
    assert!(r.node().is_none() && p.next.is_none());
}

#[test]
fn node_and_host_prefixes() {
    for prefix in ["node", "host"] {
        let line = format!("{prefix}=web01 type=PATH msg=audit(1.002:3): item=0");
        let p = parse(&line);
        assert_eq!(view(line.as_bytes(), &p).node(), Some(&b"web01"[..]));
    }
}

#[test]
fn unknown_types_and_missing_headers() {
    let line = "type=UNKNOWN[1999] msg=audit(1.000:1): foo=bar";
    assert_eq!(parse(line).header.type_code(line.as_bytes()), Some(1999));
    let p = parse("type=UNKNOWN[1329] msg=?");
    assert_eq!(p.header.stamp, None);
    assert_eq!(p.header.type_code(b"type=UNKNOWN[1329] msg=?"), Some(1329));
}

#[test]
fn old_daemon_header_without_colon() {
    let line = "type=DAEMON_END msg=audit(1162862354.005:5730) auditd normal halt, sending auid=4294967295 pid=8144";
    let p = parse(line);
    let r = view(line.as_bytes(), &p);
    assert_eq!(r.stamp().unwrap().serial, 5730);
    assert_eq!(r.field(b"auid"), Some(Value::Bare(b"4294967295")));
    assert_eq!(r.tokens().next(), Some(Token::Word(b"auditd")));
}

#[test]
fn syslog_line_with_numeric_type() {
    let line = "Sep  6 11:23:47 host kernel: [   31.024982] audit: type=1400 audit(1111111111.111:1111): apparmor=\"ALLOWED\" pid=2";
    let p = parse(line);
    let r = view(line.as_bytes(), &p);
    assert_eq!(r.type_code(), Some(1400));
    assert_eq!(r.field(b"apparmor"), Some(Value::Quoted(b"ALLOWED")));
    assert_eq!(
        r.text,
        line.as_bytes(),
        "the raw text keeps the syslog prefix"
    );
}

#[test]
fn free_text_is_not_a_record() {
    assert_eq!(
        parse_record(b"hello world"),
        Err(SkipReason::NotAuditRecord)
    );
    assert_eq!(parse_record(b"   "), Err(SkipReason::Blank));
    assert_eq!(parse_record(b"# comment"), Err(SkipReason::Comment));
    assert_eq!(
        parse_record(b"type=SYSCALL msg=audit(17009"),
        Err(SkipReason::BadTimestamp)
    );
    assert_eq!(
        parse_record(b"apparmor=\"DENIED\" type=x"),
        Err(SkipReason::NotAuditRecord)
    );
}

#[test]
fn enrichment_is_split_off() {
    let line = "type=SOCKADDR msg=audit(1.000:2): saddr=0200\x1dSADDR={ saddr_fam=inet laddr=192.0.2.1 lport=80 }";
    let p = parse(line);
    let r = view(line.as_bytes(), &p);
    assert_eq!(r.body(), b"saddr=0200");
    assert_eq!(
        r.enriched(b"SADDR"),
        Some(Value::Braced(b"saddr_fam=inet laddr=192.0.2.1 lport=80"))
    );
}

#[test]
fn two_records_on_one_line() {
    let line = "type=SYSCALL msg=audit(1.000:2): a=1 key=(null) type=PROCTITLE msg=audit(1.000:2): proctitle=6C73";
    let p = parse(line);
    let next = p.next.unwrap();
    assert_eq!(
        &line[..p.len],
        "type=SYSCALL msg=audit(1.000:2): a=1 key=(null)"
    );
    let second = parse(&line[next..]);
    assert_eq!(
        second.header.type_code(&line.as_bytes()[next..]),
        Some(1327)
    );
}

#[test]
fn an_empty_record_followed_at_once_by_a_node_prefixed_one() {
    // Found by fuzzing: the second record starts where the first one's body would.
    let line = "type=A msg=audit(1.000:1): node=x type=B msg=audit(1.000:2): pid=1";
    let p = parse(line);
    let next = p.next.unwrap();
    assert_eq!(&line[next..next + 7], "node=x ");
    assert!(p.len <= next);
    assert!(view(line.as_bytes(), &p).body().is_empty());
    assert_eq!(
        view(&line.as_bytes()[next..], &parse(&line[next..])).node(),
        Some(&b"x"[..])
    );
}

#[test]
fn a_header_inside_msg_text_is_not_a_second_record() {
    let line = "type=USER msg=audit(1.000:2): pid=1 msg='text type=SYSCALL msg=audit(1.000:3): x'";
    assert_eq!(parse(line).next, None);
}

#[test]
fn nested_msg_fields_and_old_pam_form() {
    let line = "type=USER_ACCT msg=audit(1.000:2): pid=1 uid=0 msg='PAM: accounting acct=\"root\" : exe=\"/usr/sbin/crond\" (hostname=?, addr=?, terminal=cron res=success)'";
    let p = parse(line);
    let r = view(line.as_bytes(), &p);
    assert_eq!(r.field(b"exe"), Some(Value::Quoted(b"/usr/sbin/crond")));
    assert_eq!(r.field(b"hostname"), Some(Value::Bare(b"?")));
    assert_eq!(r.field(b"res"), Some(Value::Bare(b"success")));
    assert_eq!(r.field(b"uid"), Some(Value::Bare(b"0")));
}

#[test]
fn avc_braces_and_duplicate_keys() {
    let line = "type=AVC msg=audit(1.000:2): avc:  denied  { read write } for  pid=5 uid=0 uid=1";
    let p = parse(line);
    let r = view(line.as_bytes(), &p);
    let tokens: Vec<Token> = r.tokens().collect();
    assert_eq!(tokens[2], Token::Group(b"read write"));
    assert_eq!(r.fields_named(b"uid").count(), 2);
}

#[test]
fn crlf_and_trailing_blanks_are_not_part_of_the_body() {
    let line = "type=EOE msg=audit(1.000:2): \r";
    let p = parse(line);
    assert_eq!(view(line.as_bytes(), &p).body(), b"");
}

#[test]
fn eleven_digit_seconds() {
    assert_eq!(
        parse("type=AVC msg=audit(11111111111.111:111): x=1")
            .header
            .stamp
            .unwrap()
            .sec,
        11_111_111_111
    );
}

/// The substring lookup of fields agrees with the tokenizer on every record of the corpus and
/// of our own samples.
#[test]
fn named_lookup_agrees_with_the_tokenizer() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["../shared/corpus", "testdata/irregular", "testdata/sample"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            files.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    let mut checked = 0;
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        for line in bytes.split(|&b| b == b'\n') {
            let Ok(parsed) = parse_record(line) else {
                continue;
            };
            let record = view(line, &parsed);
            let keys: Vec<&[u8]> = record.fields().map(|f| f.key).collect();
            for key in keys {
                let by_tokens: Vec<Value> = record
                    .fields()
                    .filter(|f| f.key == key)
                    .map(|f| f.value)
                    .collect();
                let by_name: Vec<Value> = record.fields_named(key).collect();
                assert_eq!(
                    by_name,
                    by_tokens,
                    "{}: {}",
                    file.display(),
                    String::from_utf8_lossy(line)
                );
                checked += 1;
            }
        }
    }
    println!("checked {checked} field lookups");
}

#[test]
fn a_record_after_junk_is_recovered_without_the_junk() {
    let line = b"\0\0\x7fELF\0\0type=CRED_ACQ msg=audit(1.000:2): pid=1";
    let p = parse_record(line).unwrap();
    assert_eq!(
        &line[p.start..p.start + p.len],
        &b"type=CRED_ACQ msg=audit(1.000:2): pid=1"[..]
    );
    assert_eq!(view(line, &p).field(b"pid"), Some(Value::Bare(b"1")));
    // A word ending in "type=" is no record start, and junk without a header stays junk.
    assert_eq!(
        parse_record(b"x nametype=NORMAL msg=audit(1.000:2): a=1"),
        Err(SkipReason::NotAuditRecord)
    );
    assert_eq!(
        parse_record(b"\0\0 type=\0 msg=audit(\0"),
        Err(SkipReason::NotAuditRecord)
    );
}

#[test]
fn over_long_numbers_are_rejected() {
    // Twenty digits of seconds: not a timestamp, whatever it would wrap to.
    assert_eq!(
        parse_record(b"type=X msg=audit(12345678901234567890.000:1): a=1"),
        Err(SkipReason::BadTimestamp)
    );
    assert!(parse_record(b"type=X msg=audit(1234567890123456789.000:1): a=1").is_ok());
}

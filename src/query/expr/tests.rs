//! The `--where` parser (grammar, quoting, errors and their places) and evaluation over small
//! events written for each rule.

use super::*;
use crate::event::events_in;
use crate::interpret::names::NoNames;

fn cmp(field: &str, op: Op, value: &str) -> Expr {
    Expr::Compare(Comparison {
        record_type: None,
        field: field.into(),
        op,
        value: value.into(),
    })
}

fn error(text: &str) -> (String, usize) {
    let err = parse(text).expect_err(text);
    let column = err.column(text);
    (err.message, column)
}

#[test]
fn every_operator_with_and_without_blanks() {
    for (text, op) in [
        ("uid=0", Op::Eq),
        ("uid == 0", Op::Eq),
        ("uid!=0", Op::Ne),
        ("uid ~ 0", Op::Match),
        ("uid =~ 0", Op::Match),
        ("uid !~ 0", Op::NotMatch),
        ("uid<0", Op::Lt),
        ("uid <= 0", Op::Le),
        ("uid>0", Op::Gt),
        ("uid >= 0", Op::Ge),
    ] {
        assert_eq!(parse(text).unwrap(), cmp("uid", op, "0"), "{text}");
    }
}

#[test]
fn and_binds_tighter_than_or_and_parentheses_regroup() {
    let (a, b, c) = (
        cmp("uid", Op::Eq, "0"),
        cmp("pid", Op::Eq, "1"),
        cmp("comm", Op::Eq, "sh"),
    );
    assert_eq!(
        parse("uid=0 or pid=1 and comm=sh").unwrap(),
        Expr::Or(vec![a.clone(), Expr::And(vec![b.clone(), c.clone()])])
    );
    assert_eq!(
        parse("(uid=0 OR pid=1) AND comm=sh").unwrap(),
        Expr::And(vec![Expr::Or(vec![a.clone(), b.clone()]), c.clone()])
    );
    assert_eq!(
        parse("not uid=0 && ! (pid=1 || comm=sh)").unwrap(),
        Expr::And(vec![
            Expr::Not(Box::new(a)),
            Expr::Not(Box::new(Expr::Or(vec![b, c]))),
        ])
    );
}

#[test]
fn quoting_keeps_blanks_keywords_and_backslashes() {
    assert_eq!(
        parse(r"EXECVE.argv ~ 'base64 -d'").unwrap(),
        Expr::Compare(Comparison {
            record_type: Some(1309),
            field: "argv".into(),
            op: Op::Match,
            value: "base64 -d".into(),
        })
    );
    assert_eq!(
        parse(r"SOCKADDR.laddr ~ '^10\.'").unwrap(),
        Expr::Compare(Comparison {
            record_type: Some(1306),
            field: "laddr".into(),
            op: Op::Match,
            value: r"^10\.".into(),
        })
    );
    assert_eq!(
        parse(r#"comm = "say \"and\" or" "#).unwrap(),
        cmp("comm", Op::Eq, r#"say "and" or"#)
    );
    assert_eq!(parse("comm = ''").unwrap(), cmp("comm", Op::Eq, ""));
    // A bare value keeps its own parentheses and ends at an unmatched one.
    assert_eq!(
        parse("(comm = (sd-pam))").unwrap(),
        cmp("comm", Op::Eq, "(sd-pam)")
    );
    // A keyword in value position is a value.
    assert_eq!(parse("comm = or").unwrap(), cmp("comm", Op::Eq, "or"));
    // Record types are case-insensitive, as with -m.
    assert_eq!(
        parse("syscall.exit = -13").unwrap(),
        Expr::Compare(Comparison {
            record_type: Some(1300),
            field: "exit".into(),
            op: Op::Eq,
            value: "-13".into(),
        })
    );
}

#[test]
fn execve_argument_fields_are_known_by_pattern() {
    for field in ["a0", "a12", "a1[3]", "a1_len", "argc"] {
        assert!(parse(&format!("{field} = x")).is_ok(), "{field}");
    }
}

#[test]
fn syntax_errors_say_what_and_where() {
    assert_eq!(
        error("uid 0"),
        (
            "expected an operator (=, !=, ~, !~, <, <=, >, >=) after 'uid', found '0'".into(),
            5
        )
    );
    assert_eq!(
        error("uid ="),
        ("expected a value after '=', found the end".into(), 6)
    );
    assert_eq!(
        error("uid = 0 pid = 1"),
        ("expected 'and', 'or' or the end, found 'pid'".into(), 9)
    );
    assert_eq!(
        error("(uid = 0 or pid = 1"),
        (
            "expected ')' to close the '(' of column 1, found the end".into(),
            20
        )
    );
    assert_eq!(
        error("uid = 0)"),
        ("unexpected ')' with no '(' before it".into(), 8)
    );
    assert_eq!(
        error("uid = 0 and"),
        ("expected a field name, found the end".into(), 12)
    );
    assert_eq!(
        error("comm = 'sh"),
        ("the ' that starts this value is never closed".into(), 8)
    );
    assert_eq!(
        error("   "),
        (
            "empty expression: give FIELD OP VALUE, as in uid = 0".into(),
            4
        )
    );
}

#[test]
fn unknown_names_suggest_the_nearest() {
    assert_eq!(
        error("uidd = 0"),
        ("unknown field 'uidd' (did you mean 'uid'?)".into(), 1)
    );
    assert_eq!(
        error("pid = 1 and SOCKADDR.laddrr ~ x"),
        ("unknown field 'laddrr' (did you mean 'laddr'?)".into(), 22)
    );
    assert_eq!(
        error("SOCKADR.laddr ~ x"),
        (
            "unknown record type 'SOCKADR' (did you mean 'SOCKADDR'?)".into(),
            1
        )
    );
    assert_eq!(
        error("EXECVE.argvs ~ x"),
        ("unknown field 'argvs' (did you mean 'argv'?)".into(), 8)
    );
}

#[test]
fn a_bad_regex_is_an_error_at_its_value() {
    let (message, column) = error("exe ~ 'a(b'");
    assert!(
        message.starts_with("bad regular expression 'a(b': "),
        "{message}"
    );
    assert!(message.contains("unclosed group"), "{message}");
    assert_eq!(column, 7);
    let shown = parse("exe ~ 'a(b'").unwrap_err().show("exe ~ 'a(b'");
    assert!(
        shown.ends_with("(column 7)\n  exe ~ 'a(b'\n        ^"),
        "{shown}"
    );
}

#[test]
fn edit_distance_counts_single_changes() {
    assert_eq!(parse::distance("uid", "uid"), 0);
    assert_eq!(parse::distance("uidd", "uid"), 1);
    assert_eq!(parse::distance("laddr", "addr"), 1);
    assert_eq!(parse::distance("kitten", "sitting"), 3);
    assert_eq!(parse::distance("", "abc"), 3);
}

// ---------------------------------------------------------------------------------------------
// Evaluation.

const LOG: &[u8] = b"\
type=SYSCALL msg=audit(1700000000.000:1): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=0 items=1 ppid=1 pid=100 auid=1000 uid=0 gid=0 euid=0 tty=pts0 ses=3 comm=\"bash\" exe=\"/usr/bin/bash\" key=6578656301543130353901616263\n\
type=EXECVE msg=audit(1700000000.000:1): argc=3 a0=\"bash\" a1=\"-c\" a2_len=26 a2[0]=6563686F20614756 a2[1]=7362473873207C20626173653634202D64\n\
type=CWD msg=audit(1700000000.000:1): cwd=2F686F6D652F616C696365\n\
type=SYSCALL msg=audit(1700000001.000:2): arch=c000003e syscall=42 success=no exit=-13 a0=3 a1=7ffd a2=10 a3=0 items=0 ppid=1 pid=200 auid=1000 uid=1000 gid=1000 euid=1000 tty=(none) ses=3 comm=\"curl\" exe=\"/usr/bin/curl\" key=(null)\x1dARCH=x86_64 SYSCALL=connect AUID=\"alice\" UID=\"alice\"\n\
type=SOCKADDR msg=audit(1700000001.000:2): saddr=0200005A0A0102030000000000000000\n\
type=SYSCALL msg=audit(1700000002.000:3): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffd a2=6e a3=0 items=0 ppid=1 pid=300 auid=4294967295 uid=33 gid=33 euid=33 ses=4294967295 comm=\"php\" exe=\"/usr/bin/php\"\n\
type=SOCKADDR msg=audit(1700000002.000:3): saddr=01002F72756E2F6D7973716C642F6D7973716C642E736F636B00\n\
type=USER_LOGIN msg=audit(1700000003.000:4): pid=400 uid=0 auid=1000 ses=5 msg='op=login id=1000 exe=\"/usr/sbin/sshd\" hostname=? addr=192.0.2.9 terminal=/dev/pts/1 res=failed'\n\
";

/// The serials of the events of [`LOG`] the expression holds for.
fn found(text: &str) -> Vec<u64> {
    let compiled = CompiledExpr::new(&parse(text).unwrap_or_else(|e| panic!("{}", e.show(text))));
    events_in(LOG)
        .iter()
        .filter(|e| compiled.holds(e, &NoNames))
        .map(|e| e.stamp().unwrap().serial)
        .collect()
}

#[test]
fn raw_and_interpreted_values_both_match() {
    assert_eq!(found("uid = 0"), [1, 4]);
    assert_eq!(found("uid = root"), [1, 4]);
    assert_eq!(found("uid = alice"), [2], "from the ENRICHED part");
    assert_eq!(found("auid = unset"), [3]);
    assert_eq!(found("syscall = connect"), [2, 3]);
    assert_eq!(found("syscall = 42"), [2, 3]);
    assert_eq!(found("arch = x86_64"), [1, 2, 3]);
    assert_eq!(found("exit = EACCES"), [2]);
    assert_eq!(found("exit = -13"), [2]);
    assert_eq!(found("success = no"), [2]);
    assert_eq!(found("res = failed"), [4]);
    assert_eq!(found("cwd = /home/alice"), [1], "hex decoded");
    assert_eq!(found("key = T1059"), [1], "each of several keys");
    assert_eq!(found("exe = /usr/sbin/sshd"), [4], "inside msg='…'");
}

#[test]
fn numbers_compare_as_numbers_and_text_as_bytes() {
    assert_eq!(found("uid >= 1000"), [2]);
    assert_eq!(found("uid < 1000"), [1, 3, 4], "root is not above 1000");
    assert_eq!(found("pid > 0x64"), [2, 3, 4]);
    assert_eq!(found("comm < c"), [1]);
    assert_eq!(found("comm >= php"), [3]);
}

#[test]
fn negations_need_the_field_and_not_does_not() {
    assert_eq!(found("tty != pts0"), [2]);
    assert_eq!(found("not tty = pts0"), [2, 3, 4]);
    assert_eq!(found("comm !~ '^(bash|curl)$'"), [3]);
    assert_eq!(found("not (uid = 0 or uid = 1000)"), [3]);
}

#[test]
fn derived_fields() {
    assert_eq!(found("EXECVE.argv ~ 'base64 -d'"), [1]);
    assert_eq!(found("argv = 'bash -c echo aGVsbG8s | base64 -d'"), [1]);
    assert_eq!(found("SYSCALL.argv ~ bash"), Vec::<u64>::new());
    assert_eq!(found(r"SOCKADDR.laddr ~ '^10\.'"), [2]);
    assert_eq!(found("lport = 90"), [2]);
    assert_eq!(found("saddr_fam = local or saddr_fam = unix"), [3]);
    assert_eq!(found("SOCKADDR.path ~ mysqld"), [3]);
    assert_eq!(found("type = USER_LOGIN"), [4]);
    assert_eq!(found("type = SOCKADDR and success = yes"), [3]);
    assert_eq!(found("node = x"), Vec::<u64>::new());
}

#[test]
fn a_record_type_narrows_the_records() {
    assert_eq!(found("SYSCALL.pid = 400"), Vec::<u64>::new());
    assert_eq!(found("USER_LOGIN.pid = 400"), [4]);
    assert_eq!(found("user_login.uid = root"), [4]);
}

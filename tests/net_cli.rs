//! `ausift net`: rows stated by hand for the samples in testdata/net/ and the corpus files with
//! socket calls, every option and format, the summaries, and agreement with ausearch where
//! ausearch is right.

mod common;

use ausift::output::json::unescape_percent;
use common::{assert_code, code, corpus_dir, jsonl, run, stdout_text, testdata};
use serde_json::Value;
use std::collections::BTreeSet;

fn net_sample(name: &str) -> String {
    testdata(&format!("net/{name}"))
}

/// The rows of `ausift net ARGS FILES --format jsonl`.
fn rows(args: &[&str], files: &[String]) -> Vec<Value> {
    let mut all: Vec<&str> = vec!["net", "--format", "jsonl"];
    all.extend_from_slice(args);
    all.extend(files.iter().map(String::as_str));
    let output = run(&all);
    assert!(
        code(&output) <= 1,
        "ausift net {all:?}: {}",
        common::stderr_text(&output)
    );
    jsonl(&output.stdout)
}

/// A field as text: "" for null, strings with the JSON output's `%XX` escapes undone (an
/// IPv6 scope `%2` is written `%252`).
fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => String::from_utf8(unescape_percent(s)).unwrap(),
        other => other.to_string(),
    }
}

/// One field of every row, as text.
fn column(rows: &[Value], name: &str) -> Vec<String> {
    rows.iter().map(|r| text_of(&r[name])).collect()
}

/// (syscall, direction, family, address or path, port, result) of each row.
fn brief(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            let text = |k: &str| text_of(&r[k]);
            let place = [text("address"), text("path"), text("netlink_pid")].concat();
            format!(
                "{} {} {} {} {} {}",
                text("syscall"),
                text("direction"),
                text("family"),
                place,
                text("port"),
                text("result")
            )
        })
        .collect()
}

#[test]
fn the_perl_reverse_shell_connects_to_10_0_0_1_port_1234_with_its_argv() {
    let found = rows(&[], &[net_sample("perl-reverse-shell.log")]);
    assert_eq!(
        brief(&found),
        [
            "socket  inet   success",
            "connect out inet 10.0.0.1 1234 success"
        ]
    );
    let connect = &found[1];
    assert_eq!(connect["exe"], "/usr/bin/perl");
    assert_eq!(connect["comm"], "perl");
    assert_eq!(connect["pid"], 48213);
    assert_eq!(connect["auid"], 1000);
    assert_eq!(connect["fd"], 3);
    let argv = connect["proctitle"].as_str().unwrap();
    assert!(
        argv.starts_with("perl -e use Socket;$i=\"10.0.0.1\";$p=1234;socket(S,PF_INET"),
        "{argv}"
    );
    // The kernel keeps the first 128 bytes of the command line.
    assert_eq!(argv.len(), 128);
    // socket() names its domain, type and protocol: the allocation shows without a connect.
    assert_eq!(found[0]["socket_type"], "SOCK_STREAM");
    assert_eq!(found[0]["socket_protocol"], "tcp");
    assert_eq!(found[0]["fd"], 3);
}

#[test]
fn x86_64_calls_give_their_rows() {
    let found = rows(&[], &[net_sample("x86_64-calls.log")]);
    assert_eq!(
        brief(&found),
        [
            "connect out inet6 fe80::5054:ff:fe12:3456%2 22 EINPROGRESS",
            "bind listen inet6 :: 8080 success",
            "listen listen    success",
            "accept4 in inet6 2001:db8::77 51514 success",
            "socket  inet6   success",
            "sendto out inet6 2001:db8::123 123 success",
            "connect out inet 203.0.113.7 80 EINPROGRESS",
            "connect out inet 198.51.100.9 4444 ECONNREFUSED",
            "connect out inet6 2001:db8:ffff::9 4444 ENETUNREACH",
            "socket  inet   success",
            "bind listen inet 0.0.0.0 4444 success",
            "listen listen    success",
            "accept in inet 198.51.100.23 40112 success",
        ]
    );
    assert!(
        column(&found, "node")
            .iter()
            .all(|n| n == "app01.example.net")
    );
    assert_eq!(
        found[4]["socket_type"],
        "SOCK_DGRAM|SOCK_NONBLOCK|SOCK_CLOEXEC"
    );
    assert_eq!(found[4]["socket_protocol"], "udp");
    assert_eq!(found[7]["exit"], -111);
    assert_eq!(found[0]["auid"], 1000);
    assert_eq!(found[1]["auid"], Value::Null, "auid unset");
    assert_eq!(found[0]["session"], 4);
    assert_eq!(found[1]["session"], Value::Null, "session unset");
    assert_eq!(found[0]["event"], "1701090000.100:5001");
    assert_eq!(found[0]["time"], "2023-11-27T13:00:00.100Z");
}

#[test]
fn unix_paths_abstract_names_and_netlink_addresses() {
    let found = rows(&["--all-families"], &[net_sample("unix-netlink.log")]);
    assert_eq!(
        brief(&found),
        [
            "bind listen unix @/tmp/dbus-Xq3xY2kB  success",
            "connect out unix /run/user/1000/bus  success",
            "socket  netlink   success",
            "bind listen netlink 1077  success",
            "sendto out netlink 0  success",
        ]
    );
    assert_eq!(found[2]["socket_type"], "SOCK_RAW");
    assert_eq!(found[2]["socket_protocol"], "NETLINK_AUDIT");
    assert_eq!(found[3]["netlink_groups"], 1);
    assert_eq!(found[4]["netlink_groups"], 0);
    // None of these is an internet socket: the default shows nothing.
    let default = run(&["net", &net_sample("unix-netlink.log")]);
    assert_code(&default, 1, "no inet rows");
    assert!(default.stdout.is_empty());
}

#[test]
fn big_endian_sockaddr_family_and_port_come_from_the_arch() {
    let found = rows(&["--all-families"], &[net_sample("bigendian.log")]);
    assert_eq!(
        brief(&found),
        [
            "socket  inet   success",
            "bind listen inet 0.0.0.0 4444 success",
            "listen listen    success",
            "accept4 in inet 192.0.2.200 55012 success",
            "connect out inet6 2001:db8:4::443 443 EINPROGRESS",
            "sendto out netlink 0  success",
        ]
    );
    assert_eq!(
        column(&found, "node")[..4],
        ["power9.example.net"; 4],
        "the ppc64 host"
    );
    assert_eq!(found[4]["node"], "z15.example.net");
}

#[test]
fn ausearch_reads_big_endian_families_byte_swapped() {
    // ausearch casts the bytes to the analysing machine's struct sockaddr, so the ppc64 bind
    // to 0.0.0.0:4444 (family bytes 00 02) shows as family 512; ausift reads the arch.
    let Some(ausearch) = common::reference_tool("ausearch", "big_endian_ausearch") else {
        return;
    };
    let output = std::process::Command::new(ausearch)
        .args(["-if", &net_sample("bigendian.log"), "-i", "-a", "8802"])
        .env("TZ", "UTC")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("saddr=unknown-family(512)"), "{text}");
    let ours = rows(&["--event", "8802"], &[net_sample("bigendian.log")]);
    assert_eq!(brief(&ours), ["bind listen inet 0.0.0.0 4444 success"]);
}

#[test]
fn i386_socketcall_gives_the_rows_of_the_direct_calls() {
    let found = rows(&[], &[net_sample("i386-socketcall.log")]);
    assert_eq!(found.len(), 16);
    // Each pair: socketcall first (pid 4100), then the direct syscall (pid 4101).
    let summary = brief(&found);
    for pair in summary.chunks(2) {
        // i386 has no accept syscall: socketcall(accept) pairs with accept4.
        let direct = pair[1].replacen("accept4", "accept", 1);
        assert!(
            pair[0] == pair[1] || pair[0] == direct,
            "{} vs {}",
            pair[0],
            pair[1]
        );
    }
    assert_eq!(
        summary.iter().step_by(2).collect::<Vec<_>>(),
        [
            "socket  inet   success",
            "bind listen inet 0.0.0.0 9000 success",
            "listen listen    success",
            "accept in inet 198.51.100.61 33820 success",
            "connect out inet 192.0.2.15 443 EINPROGRESS",
            "sendto out inet 192.0.2.53 53 success",
            "sendmsg out inet 203.0.113.200 514 EHOSTUNREACH",
            "accept4 in inet6 2001:db8::61 40200 success",
        ]
    );
    // The socket is the SOCKETCALL record's first argument, as the direct call's.
    assert_eq!(column(&found, "fd")[2..4], ["3", "3"]);
    assert_eq!(found[0]["socket_type"], found[1]["socket_type"]);
    assert_eq!(found[0]["socket_protocol"], "tcp");
}

#[test]
fn einprogress_is_no_failure_and_failed_keeps_the_refused() {
    let file = net_sample("x86_64-calls.log");
    let failed = rows(&["--failed"], std::slice::from_ref(&file));
    assert_eq!(column(&failed, "result"), ["ECONNREFUSED", "ENETUNREACH"]);
    let succeeded = rows(&["--success"], std::slice::from_ref(&file));
    assert_eq!(succeeded.len(), 9);
    assert!(column(&succeeded, "result").iter().all(|r| r == "success"));
    // The shared filter takes the kernel's word: an EINPROGRESS connect has success=no.
    let unsuccessful = rows(&["--success", "no"], std::slice::from_ref(&file));
    assert_eq!(
        column(&unsuccessful, "result"),
        ["EINPROGRESS", "EINPROGRESS", "ECONNREFUSED", "ENETUNREACH"]
    );
}

#[test]
fn families_blocks_ports_and_directions() {
    let all = [
        net_sample("x86_64-calls.log"),
        net_sample("unix-netlink.log"),
        net_sample("bigendian.log"),
    ];
    let unix = rows(&["--family", "unix"], &all);
    assert_eq!(column(&unix, "family"), ["unix", "unix"]);
    let netlink = rows(&["--family", "netlink,local"], &all);
    assert_eq!(netlink.len(), 6);
    let every = rows(&["--all-families"], &all);
    assert_eq!(every.len(), 13 + 5 + 6);
    let remote = rows(&["--remote", "198.51.100.0/24"], &all);
    assert_eq!(
        brief(&remote),
        [
            "connect out inet 198.51.100.9 4444 ECONNREFUSED",
            "accept in inet 198.51.100.23 40112 success",
        ]
    );
    // A bound address is no peer: --remote leaves it out, --addr takes it.
    assert!(rows(&["--remote", "0.0.0.0/32"], &all).is_empty());
    assert_eq!(rows(&["--addr", "0.0.0.0"], &all).len(), 2);
    let v6 = rows(&["--remote", "2001:db8::/32"], &all);
    assert_eq!(
        column(&v6, "address"),
        [
            "2001:db8::77",
            "2001:db8::123",
            "2001:db8:ffff::9",
            "2001:db8:4::443"
        ]
    );
    let ports = rows(&["--port", "4444,22"], &all);
    assert_eq!(
        column(&ports, "port"),
        ["22", "4444", "4444", "4444", "4444"]
    );
    let listen = rows(&["--direction", "listen"], &all);
    assert_eq!(
        column(&listen, "syscall"),
        ["bind", "listen", "bind", "listen", "bind", "listen"]
    );
    let inbound = rows(&["--direction", "in"], &all);
    assert_eq!(
        column(&inbound, "syscall"),
        ["accept4", "accept", "accept4"]
    );
}

#[test]
fn the_shared_filters_choose_the_events() {
    let all = [
        net_sample("x86_64-calls.log"),
        net_sample("perl-reverse-shell.log"),
    ];
    let nc = rows(&["-x", "nc.openbsd"], &all);
    assert_eq!(nc.len(), 6);
    let alice = rows(&["--auid", "1000", "--syscall", "connect"], &all);
    assert_eq!(
        column(&alice, "exe"),
        // The perl log comes first: files are read in the order of their first records.
        [
            "/usr/bin/perl",
            "/usr/bin/ssh",
            "/usr/bin/curl",
            "/usr/bin/nc.openbsd",
            "/usr/bin/nc.openbsd",
        ]
    );
    let window = rows(
        &[
            "--start",
            "2023-11-27T13:00:20Z",
            "--end",
            "2023-11-27T13:00:25Z",
        ],
        &all,
    );
    assert_eq!(column(&window, "pid"), ["7520", "7533", "7533"]);
    let not_nc = rows(&["--not", "-x", "nc", "-n", "app01.example.net"], &all);
    assert_eq!(not_nc.len(), 7);
    assert!(rows(&["-k", "nosuchkey"], &all).is_empty());
}

#[test]
fn summary_counts_per_program_direction_and_peer() {
    let all = [
        net_sample("x86_64-calls.log"),
        net_sample("i386-socketcall.log"),
    ];
    let summary = rows(&["--summary"], &all);
    let agent_connect = summary
        .iter()
        .find(|r| r["exe"] == "/opt/agent/bin/agentd" && r["address"] == "192.0.2.15")
        .expect("the agent's connect");
    assert_eq!(agent_connect["count"], 2);
    assert_eq!(agent_connect["pending"], 2);
    assert_eq!(agent_connect["ok"], 0);
    assert_eq!(agent_connect["pids"], 2);
    assert_eq!(agent_connect["direction"], "out");
    assert_eq!(agent_connect["port"], 443);
    assert_eq!(agent_connect["first"], "2023-11-27T13:50:20.100Z");
    assert_eq!(agent_connect["last"], "2023-11-27T13:50:20.500Z");
    let counts: Vec<u64> = summary
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most first: {counts:?}"
    );
    assert_eq!(counts.iter().sum::<u64>(), 13 + 16);

    let hosts = rows(&["--by", "host"], &all);
    let refused = hosts
        .iter()
        .find(|r| r["address"] == "198.51.100.9")
        .unwrap();
    assert_eq!(refused["failed"], 1);
    assert_eq!(refused["ports"], serde_json::json!(["4444"]));
    assert_eq!(
        refused["programs"],
        serde_json::json!(["/usr/bin/nc.openbsd"])
    );
    assert!(hosts.iter().all(|r| r["address"].is_string()), "peers only");

    let exes = rows(&["--by", "exe"], &all);
    let python = exes
        .iter()
        .find(|r| r["exe"] == "/usr/bin/python3.11")
        .unwrap();
    assert_eq!(python["count"], 3);
    assert_eq!(
        python["peers"],
        serde_json::json!(["[2001:db8::77]:51514", "[::]:8080"])
    );
}

#[test]
fn listening_joins_each_listen_to_the_bind_of_its_socket() {
    let all = [
        net_sample("x86_64-calls.log"),
        net_sample("bigendian.log"),
        net_sample("i386-socketcall.log"),
    ];
    let listening = rows(&["--listening"], &all);
    let brief: Vec<String> = listening
        .iter()
        .map(|r| {
            format!(
                "{} {} {}:{} binds={} listens={}",
                r["node"].as_str().unwrap(),
                r["exe"].as_str().unwrap(),
                r["address"].as_str().unwrap(),
                r["port"],
                r["binds"],
                r["listens"]
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "legacy32.example.net /opt/agent/bin/agentd 0.0.0.0:9000 binds=2 listens=2",
            "app01.example.net /usr/bin/nc.openbsd 0.0.0.0:4444 binds=1 listens=1",
            "app01.example.net /usr/bin/python3.11 :::8080 binds=1 listens=1",
            "power9.example.net /usr/bin/socat 0.0.0.0:4444 binds=1 listens=1",
        ]
    );
    let only_4444 = rows(&["--listening", "--port", "4444"], &all);
    assert_eq!(only_4444.len(), 2);
}

#[test]
fn csv_has_a_header_and_every_field() {
    let output = run(&[
        "net",
        "--format",
        "csv",
        &net_sample("perl-reverse-shell.log"),
    ]);
    assert_code(&output, 0, "csv");
    let text = stdout_text(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("time,node,event,session,auid,auid_name,uid,"));
    assert_eq!(lines[0].split(',').count(), 27);
    // The command line holds commas and quotes: quoted, quotes doubled.
    assert!(
        lines[2].contains(",\"perl -e use Socket;$i=\"\"10.0.0.1\"\";"),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains(",connect,out,inet,10.0.0.1,1234,"));
}

#[test]
fn a_plain_table_into_a_pipe_aligns_and_leaves_out_empty_columns() {
    let output = run(&["net", &net_sample("perl-reverse-shell.log")]);
    assert_code(&output, 0, "table");
    let text = stdout_text(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "time", "event", "auid", "uid", "pid", "ppid", "exe", "syscall", "dir", "family",
            "address", "port", "result", "key", "command"
        ],
        "no node column for a log without nodes"
    );
    let at = lines[0].find("address").unwrap();
    assert_eq!(&lines[2][at..at + 8], "10.0.0.1");
    assert!(lines[2].ends_with("if(connect(S,sockaddr_in($p,inet_at"));
}

#[test]
fn values_from_the_log_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("hostile.log");
    // exe "/tmp/\e]0;owned\a" and a command with an escape sequence, hex-encoded as auditd
    // writes them.
    let exe: String = b"/tmp/\x1b]0;owned\x07"
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let title: String = b"x\x1b[2J\nrm".iter().map(|b| format!("{b:02X}")).collect();
    std::fs::write(
        &log,
        format!(
            "type=SYSCALL msg=audit(1701090000.100:1): arch=c000003e syscall=42 success=yes \
             exit=0 a0=3 a1=7ffc0 a2=10 a3=0 items=0 ppid=1 pid=9 auid=0 uid=0 gid=0 euid=0 \
             suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm=\"x\" exe={exe} \
             key=(null)\n\
             type=SOCKADDR msg=audit(1701090000.100:1): saddr=020001BBC63364050000000000000000\n\
             type=PROCTITLE msg=audit(1701090000.100:1): proctitle={title}\n"
        ),
    )
    .unwrap();
    let table = run(&["net", log.to_str().unwrap()]);
    let text = stdout_text(&table);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("/tmp/\\x1b]0;owned\\x07"), "{text}");
    assert!(text.contains("x\\x1b[2J\\x0arm"), "{text}");
    assert_eq!(text.lines().count(), 2, "the newline stays inside its cell");
    // JSON escapes them itself.
    let json = jsonl(&run(&["net", "--format", "jsonl", log.to_str().unwrap()]).stdout);
    assert_eq!(json[0]["exe"], "/tmp/\u{1b}]0;owned\u{7}");
}

#[test]
fn bad_option_values_are_errors_naming_the_value() {
    let file = net_sample("perl-reverse-shell.log");
    for (args, needle) in [
        (vec!["--remote", "10.0.0.0/40"], "0 to 32"),
        (vec!["--addr", "web01"], "IPv4 or IPv6"),
        (vec!["--family", "carrier-pigeon"], "unknown address family"),
        (vec!["--direction", "sideways"], "sideways"),
        (vec!["--port", "70000"], "70000"),
    ] {
        let mut all = vec!["net"];
        all.extend(&args);
        all.push(&file);
        let output = run(&all);
        assert_code(&output, 2, &format!("{args:?}"));
        assert!(
            common::stderr_text(&output).contains(needle),
            "{args:?}: {}",
            common::stderr_text(&output)
        );
    }
    let both = run(&["net", "--listening", "--summary", &file]);
    assert_code(&both, 2, "--listening with --summary");
}

// ---------------------------------------------------------------------------------------------
// The corpus.

fn corpus_file(dir: &std::path::Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn corpus_connects_state_their_peers() {
    let Some(dir) = corpus_dir("corpus_connects_state_their_peers") else {
        return;
    };
    let laurel = rows(
        &[],
        &[corpus_file(
            &dir,
            "threathunters-io__laurel__src__testdata__record-connect.txt",
        )],
    );
    assert_eq!(
        brief(&laurel),
        [
            "connect out inet 127.0.0.1 11211 success",
            "connect out inet6 ::1 11211 EINPROGRESS"
        ]
    );
    assert_eq!(column(&laurel, "exe"), ["/usr/bin/php", "/usr/bin/php"]);
    assert_eq!(column(&laurel, "uid"), ["48", "48"]);

    let go = rows(
        &["--all-families"],
        &[corpus_file(
            &dir,
            "elastic__go-libaudit__testdata__normal.log",
        )],
    );
    assert_eq!(
        brief(&go),
        [
            "connect out inet 169.254.169.254 80 EINPROGRESS",
            "connect out unix public/pickup  success",
            "accept in    success",
        ]
    );
    // exe= is hex-encoded (it holds a blank): decoded.
    assert_eq!(go[0]["exe"], "/usr/bin/python2.7;58d1ccfb (deleted)");

    let spade = rows(
        &["--syscall", "connect"],
        &[corpus_file(
            &dir,
            "ashish-gehani__SPADE__test__linux__audit_cdm__checksum__input__audit_wget_unit.log",
        )],
    );
    assert_eq!(
        brief(&spade),
        [
            "connect out inet 10.0.2.3 53 success",
            "connect out inet 130.107.1.110 80 success"
        ]
    );
    assert!(column(&spade, "exe")[0].ends_with("/wget-1.17.1/src/wget"));
}

#[test]
fn corpus_enriched_names_unix_and_netlink() {
    let Some(dir) = corpus_dir("corpus_enriched_names_unix_and_netlink") else {
        return;
    };
    let nscd = rows(
        &["--all-families"],
        &[corpus_file(
            &dir,
            "threathunters-io__laurel__src__testdata__record-nscd.txt",
        )],
    );
    assert_eq!(
        brief(&nscd),
        ["connect out unix /var/run/nscd/socket  ENOENT"]
    );
    // The names come from the ENRICHED part of the record, not from this machine.
    assert_eq!(nscd[0]["auid_name"], "user");
    assert_eq!(nscd[0]["uid_name"], "user");
    let docker = rows(
        &["--family", "netlink"],
        &[corpus_file(
            &dir,
            "threathunters-io__laurel__src__testdata__record-anom-promiscuous.txt",
        )],
    );
    assert_eq!(brief(&docker), ["sendto out netlink 0  success"]);
    assert_eq!(docker[0]["exe"], "/usr/bin/dockerd");
    assert_eq!(docker[0]["uid_name"], "root");
}

#[test]
fn corpus_i386_socketcall_host() {
    let Some(dir) = corpus_dir("corpus_i386_socketcall_host") else {
        return;
    };
    let file = corpus_file(&dir, "qiangwang__syscall__audit_logs__audit-log__audit.log");
    let found = rows(&["--all-families"], std::slice::from_ref(&file));
    let calls: BTreeSet<String> = column(&found, "syscall").into_iter().collect();
    assert_eq!(
        calls,
        ["connect", "recvmsg", "sendto", "socket", "bind"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
    let count = |name: &str| {
        column(&found, "syscall")
            .iter()
            .filter(|c| *c == name)
            .count()
    };
    // socketcall a0 (hex): 1 socket ×22, 3 connect ×20, 2 bind ×1, b sendto ×2, 11 recvmsg ×5.
    assert_eq!(
        (
            count("socket"),
            count("connect"),
            count("bind"),
            count("sendto"),
            count("recvmsg")
        ),
        (22, 20, 1, 2, 5)
    );
    let nscd = found
        .iter()
        .filter(|r| r["path"] == "/var/run/nscd/socket")
        .count();
    assert!(nscd >= 10, "ps asks nscd: {nscd}");
}

/// Rows of ausearch -i: (serial, call, address, port) of the events whose SOCKADDR is inet or
/// inet6 and whose syscall is a socket call of the view.
fn ausearch_peers(ausearch: &std::path::Path, file: &str) -> BTreeSet<(u64, String, String, u16)> {
    let output = std::process::Command::new(ausearch)
        .args(["-if", file, "-i", "-m", "SOCKADDR"])
        .env("TZ", "UTC")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let mut found = BTreeSet::new();
    for block in text.split("----") {
        let field = |name: &str| {
            block
                .split_whitespace()
                .find_map(|w| w.strip_prefix(name))
                .map(str::to_string)
        };
        let (Some(call), Some(address), Some(port)) =
            (field("syscall="), field("laddr="), field("lport="))
        else {
            continue;
        };
        let call = call
            .strip_prefix("socketcall(")
            .map_or(call.clone(), |c| c.trim_end_matches(')').to_string());
        let serial = block
            .split_once("msg=audit(")
            .and_then(|(_, rest)| rest.split_once(')'))
            .and_then(|(inner, _)| inner.rsplit(':').next()?.parse().ok())
            .unwrap();
        found.insert((serial, call, address, port.parse().unwrap()));
    }
    found
}

#[test]
fn inet_peers_agree_with_ausearch_where_it_is_right() {
    let Some(dir) = corpus_dir("inet_peers_agree_with_ausearch") else {
        return;
    };
    let Some(ausearch) = common::reference_tool("ausearch", "inet_peers_agree_with_ausearch")
    else {
        return;
    };
    let mut files: Vec<String> = common::corpus_files(&dir)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    // Not the big-endian sample (ausearch swaps its families) nor the scoped IPv6 address
    // (ausearch names the analysing machine's interface).
    files.push(net_sample("i386-socketcall.log"));
    files.push(net_sample("perl-reverse-shell.log"));
    let mut compared = 0;
    for file in files {
        let expected = ausearch_peers(&ausearch, &file);
        let ours: BTreeSet<(u64, String, String, u16)> = rows(&[], std::slice::from_ref(&file))
            .iter()
            .filter(|r| r["address"].is_string() && r["port"].is_u64())
            .map(|r| {
                let event = r["event"].as_str().unwrap();
                (
                    event.rsplit(':').next().unwrap().parse().unwrap(),
                    r["syscall"].as_str().unwrap().to_string(),
                    r["address"].as_str().unwrap().to_string(),
                    r["port"].as_u64().unwrap() as u16,
                )
            })
            .collect();
        assert_eq!(ours, expected, "{file}");
        compared += ours.len();
    }
    assert!(compared >= 20, "only {compared} rows compared");
}

// ---------------------------------------------------------------------------------------------
// A generated archive.

#[test]
fn a_generated_archive_gives_one_row_per_connect_accept_and_bind() {
    let generator = common::repo_path("../shared/bench/gen-audit-log");
    if !generator.is_file() {
        println!(
            "generated archive: skipped, {} is absent",
            generator.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new(&generator)
        .args([
            "--size",
            "2M",
            "--hosts",
            "3",
            "--rotate",
            "5",
            "--enriched",
            "--seed",
            "61",
        ])
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("the generator runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    // Counted apart from ausift: SYSCALL records whose number is connect, accept4 or bind on
    // their arch, one per (node, event id).
    let calls: [(&str, [u32; 3]); 3] = [
        ("c000003e", [42, 288, 49]),
        ("40000003", [362, 364, 361]),
        ("c00000b7", [203, 242, 200]),
    ];
    let mut events = BTreeSet::new();
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let bytes = match path.extension().is_some_and(|e| e == "gz") {
            true => common::gunzip(path.to_str().unwrap()),
            false => std::fs::read(&path).unwrap(),
        };
        for line in String::from_utf8_lossy(&bytes).lines() {
            if !line.contains("type=SYSCALL ") {
                continue;
            }
            let field = |name: &str| {
                line.split(' ')
                    .find_map(|w| w.strip_prefix(name))
                    .unwrap_or_default()
            };
            let arch = field("arch=");
            let number: u32 = field("syscall=").parse().unwrap();
            if calls.iter().any(|(a, n)| *a == arch && n.contains(&number)) {
                let id = line
                    .split("msg=audit(")
                    .nth(1)
                    .unwrap()
                    .split(')')
                    .next()
                    .unwrap();
                events.insert((field("node=").to_string(), id.to_string()));
            }
        }
    }
    assert!(
        events.len() > 200,
        "the archive holds {} such events",
        events.len()
    );
    let found = rows(&["--all-families"], &[dir.path().display().to_string()]);
    assert_eq!(found.len(), events.len());
    let ids: BTreeSet<(String, String)> = found
        .iter()
        .map(|r| {
            (
                r["node"].as_str().unwrap().to_string(),
                r["event"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(ids, events);
    // With the default families the unix and netlink rows go.
    let internet = rows(&[], &[dir.path().display().to_string()]);
    assert!(internet.len() < found.len());
    assert!(
        column(&internet, "family")
            .iter()
            .all(|f| f == "inet" || f == "inet6")
    );
}

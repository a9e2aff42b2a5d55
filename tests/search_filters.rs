//! The ausearch filters beyond the first set, on a sample written for them
//! (testdata/filters/forensics.log): each option finds exactly the events it should.

mod common;

use std::collections::BTreeSet;

const SAMPLE: &str = "filters/forensics.log";

/// The serials of the events `ausift search ARGS SAMPLE` prints.
fn serials(args: &[&str]) -> BTreeSet<u32> {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    let sample = common::testdata(SAMPLE);
    full.push(&sample);
    let output = common::run(&full);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "ausift {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    common::stdout_text(&output)
        .lines()
        .filter_map(|l| l.split(':').nth(1)?.split(')').next()?.parse().ok())
        .collect()
}

fn set(serials: &[u32]) -> BTreeSet<u32> {
    serials.iter().copied().collect()
}

#[test]
fn file_paths_are_normalised_and_joined_to_the_working_directory() {
    // ausearch misses this: it glues ../shadow to /etc/ssh without normalising.
    assert_eq!(serials(&["-f", "/etc/shadow"]), set(&[501]));
    assert_eq!(serials(&["-f", "/etc//ssh/../shadow"]), set(&[501]));
    assert_eq!(serials(&["-f", "/etc/ssh"]), set(&[501]));
    assert_eq!(serials(&["-f", "/etc/passwd"]), set(&[]));
}

#[test]
fn exit_values_take_numbers_and_errno_names() {
    // ausearch reads -e EACCES as +13 and so never matches a failed open.
    assert_eq!(serials(&["-e", "EACCES"]), set(&[501]));
    assert_eq!(serials(&["-e", "-13"]), set(&[501]));
    assert_eq!(serials(&["--exit", "0"]), set(&[502, 506]));
}

#[test]
fn group_ids_include_the_group_named_by_group_management_records() {
    assert_eq!(serials(&["-gi", "1050"]), set(&[505]));
    assert_eq!(serials(&["-ga", "1000"]), set(&[501, 506]));
    assert_eq!(serials(&["-ge", "0"]), set(&[502]));
}

#[test]
fn any_uid_means_uid_euid_or_auid() {
    assert_eq!(serials(&["-ua", "1001"]), set(&[503]));
    assert_eq!(serials(&["-ua", "0"]), set(&[502, 503, 504, 505]));
}

#[test]
fn hosts_come_from_hostname_addr_and_socket_addresses() {
    assert_eq!(serials(&["-hn", "203.0.113.7"]), set(&[503]));
    assert_eq!(serials(&["-hn", "198.51.100.9"]), set(&[502]));
    assert_eq!(serials(&["-hn", "web01"]), set(&[505]));
}

#[test]
fn terminal_session_and_contexts() {
    assert_eq!(serials(&["-tm", "ssh"]), set(&[503]));
    assert_eq!(serials(&["--terminal", "pts1"]), set(&[501, 502, 506]));
    assert_eq!(serials(&["--session", "8"]), set(&[503]));
    assert_eq!(serials(&["--session", "-1"]), set(&[504]));
    assert_eq!(serials(&["-su", "sshd_t"]), set(&[503]));
    assert_eq!(serials(&["-se", "virtd_t"]), set(&[504]));
}

#[test]
fn virtual_machines_by_uuid_and_name() {
    assert_eq!(serials(&["-uu", "6f9c2d1e"]), set(&[504]));
    assert_eq!(serials(&["-vm", "web-guest"]), set(&[504]));
    assert_eq!(serials(&["-vm", "web-guest", "-w"]), set(&[504]));
    assert_eq!(serials(&["-vm", "web", "-w"]), set(&[]));
}

#[test]
fn architectures_by_name_or_width() {
    assert_eq!(serials(&["--arch", "i386"]), set(&[502]));
    assert_eq!(serials(&["--arch", "b64"]), set(&[501, 506]));
    assert_eq!(serials(&["--arch", "b32"]), set(&[502]));
}

#[test]
fn whole_values_with_word() {
    assert_eq!(serials(&["-k", "netw"]), set(&[502]));
    assert_eq!(serials(&["-k", "netw", "-w"]), set(&[]));
    assert_eq!(serials(&["-k", "network", "-w"]), set(&[502]));
}

#[test]
fn not_negates_the_option_that_follows() {
    assert_eq!(
        serials(&["--not", "-k", "cron", "--auid", "1000"]),
        set(&[501, 502, 505])
    );
    assert_eq!(
        serials(&[
            "--not",
            "--key=cron",
            "--not",
            "-k",
            "shadow",
            "-ua",
            "1000"
        ]),
        set(&[502, 505])
    );
    assert_eq!(serials(&["--not", "-m", "SYSCALL"]), set(&[503, 504, 505]));
}

#[test]
fn just_one_stops_at_the_first_match() {
    assert_eq!(serials(&["--just-one", "-ua", "1000"]), set(&[501]));
}

#[test]
fn bad_filters_are_clear_errors() {
    let sample = common::testdata(SAMPLE);
    for args in [
        &["search", "--not"][..],
        &["search", "--not", "cron"],
        &["search", "-e", "ENOTANERRNO"],
        &["search", "--arch", "vax"],
        &["search", "--session", "-5"],
    ] {
        let mut full = args.to_vec();
        full.push(&sample);
        let output = common::run(&full);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("ausift: ") || stderr.starts_with("error:"),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.trim_end().lines().count().min(1), 1);
    }
}

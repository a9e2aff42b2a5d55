//! What kind of value a field holds: decided by the field's name, as auparse's field table
//! does, with the corrections auparse makes for names that mean something else in particular
//! record types (`saddr` in an AVC, `a1` in an EXECVE, `id` in a group record).

use super::tables::field_types;
use super::tables::values::record_type;
use crate::record::Value;

/// The kinds of field values, named after auparse's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Shown as written.
    Unclassified,
    Uid,
    Gid,
    Syscall,
    Arch,
    Exit,
    /// A string that auditd quotes or hex-encodes.
    Escaped,
    /// A file name (`name=`); decoded like [`FieldType::Escaped`].
    EscapedFile,
    /// `key=`: decoded, then split on 0x01 into several keys.
    EscapedKey,
    Perm,
    Mode,
    ModeShort,
    Sockaddr,
    /// PATH `flags=` of old kernels (namei lookup flags).
    Flags,
    Promisc,
    Capability,
    Success,
    A0,
    A1,
    A2,
    A3,
    Signal,
    List,
    TtyData,
    Session,
    CapBitmap,
    Nfproto,
    Icmptype,
    Protocol,
    Addr,
    Personality,
    Seccomp,
    Oflag,
    Mmap,
    MacLabel,
    Proctitle,
    Hook,
    Netaction,
    Macproto,
    IoctlReq,
    Fanotify,
    Nlmcgrp,
    Resolve,
    Trust,
    FanType,
    FanInfo,
    Errno,
}

impl FieldType {
    /// True for the kinds auditd may write hex-encoded.
    pub fn may_be_hex(self) -> bool {
        matches!(
            self,
            FieldType::Escaped
                | FieldType::EscapedFile
                | FieldType::EscapedKey
                | FieldType::Proctitle
                | FieldType::TtyData
        )
    }
}

/// The kind of a field by its name alone, as auparse's field table has it.
pub fn by_name(name: &[u8]) -> FieldType {
    field_types::by_name(name).unwrap_or(FieldType::Unclassified)
}

/// The kind of a field of a record of `record_type`, with auparse's per-record corrections.
/// `value` matters for `acct` and TRUSTED_APP fields, whose kind depends on how they were
/// written.
pub fn field_type(record_type: Option<u32>, name: &[u8], value: Value) -> FieldType {
    match (record_type, name) {
        (Some(record_type::EXECVE), _) if is_execve_string(name) => FieldType::Escaped,
        (Some(record_type::AVC), b"saddr") => FieldType::Unclassified,
        (Some(record_type::USER_TTY), b"msg") => FieldType::Escaped,
        (Some(record_type::NETFILTER_PKT), b"saddr") => FieldType::Addr,
        (_, b"acct") => match value {
            Value::Quoted(_) => FieldType::Escaped,
            Value::Bare(raw) if raw.iter().all(u8::is_ascii_hexdigit) => FieldType::Escaped,
            _ => FieldType::Unclassified,
        },
        (Some(record_type::PATH), b"flags") => FieldType::Flags,
        (Some(record_type::MQ_OPEN), b"mode") => FieldType::ModeShort,
        (Some(record_type::CRYPTO_KEY_USER), b"fp") => FieldType::Unclassified,
        (Some(record_type::ADD_GROUP | record_type::GRP_MGMT | record_type::DEL_GROUP), b"id") => {
            FieldType::Gid
        }
        (Some(record_type::TRUSTED_APP), _) => match value {
            Value::Quoted(_) => FieldType::Escaped,
            Value::Bare(raw) if raw.iter().all(u8::is_ascii_digit) => FieldType::Unclassified,
            Value::Bare(raw) if raw.iter().all(u8::is_ascii_hexdigit) => FieldType::Escaped,
            _ => FieldType::Unclassified,
        },
        (Some(record_type::KERN_MODULE), b"name") => FieldType::Escaped,
        _ => by_name(name),
    }
}

/// An EXECVE field holding (part of) an argument: every `a…` field but `argc` and the
/// `aN_len` lengths.
fn is_execve_string(name: &[u8]) -> bool {
    name.first() == Some(&b'a') && name != b"argc" && !name.windows(4).any(|w| w == b"_len")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYSCALL: Option<u32> = Some(record_type::SYSCALL);
    const EXECVE: Option<u32> = Some(record_type::EXECVE);

    #[test]
    fn names_decide_most_kinds() {
        let bare = Value::Bare(b"0");
        assert_eq!(field_type(SYSCALL, b"auid", bare), FieldType::Uid);
        assert_eq!(field_type(SYSCALL, b"ogid", bare), FieldType::Gid);
        assert_eq!(field_type(SYSCALL, b"a2", bare), FieldType::A2);
        assert_eq!(field_type(SYSCALL, b"key", bare), FieldType::EscapedKey);
        assert_eq!(
            field_type(SYSCALL, b"invalid_context", bare),
            FieldType::Escaped
        );
        assert_eq!(field_type(SYSCALL, b"subj_trust", bare), FieldType::Trust);
        assert_eq!(field_type(SYSCALL, b"uring_op", bare), FieldType::Syscall);
        assert_eq!(field_type(SYSCALL, b"pid", bare), FieldType::Unclassified);
        assert_eq!(
            field_type(SYSCALL, b"a_name_longer_than_16", bare),
            FieldType::Unclassified
        );
        assert_eq!(field_type(SYSCALL, b"", bare), FieldType::Unclassified);
    }

    #[test]
    fn record_types_correct_the_name() {
        let bare = Value::Bare(b"41");
        assert_eq!(field_type(EXECVE, b"a1", bare), FieldType::Escaped);
        assert_eq!(field_type(EXECVE, b"a1[2]", bare), FieldType::Escaped);
        assert_eq!(field_type(EXECVE, b"a1_len", bare), FieldType::Unclassified);
        assert_eq!(field_type(EXECVE, b"argc", bare), FieldType::Unclassified);
        let avc = Some(record_type::AVC);
        assert_eq!(field_type(avc, b"saddr", bare), FieldType::Unclassified);
        let pkt = Some(record_type::NETFILTER_PKT);
        assert_eq!(field_type(pkt, b"saddr", bare), FieldType::Addr);
        assert_eq!(field_type(SYSCALL, b"saddr", bare), FieldType::Sockaddr);
        let group = Some(record_type::ADD_GROUP);
        assert_eq!(field_type(group, b"id", bare), FieldType::Gid);
        assert_eq!(field_type(SYSCALL, b"id", bare), FieldType::Uid);
        let mq = Some(record_type::MQ_OPEN);
        assert_eq!(field_type(mq, b"mode", bare), FieldType::ModeShort);
    }

    #[test]
    fn acct_is_a_string_only_when_written_as_one() {
        assert_eq!(
            field_type(None, b"acct", Value::Quoted(b"root")),
            FieldType::Escaped
        );
        assert_eq!(
            field_type(None, b"acct", Value::Bare(b"726F6F74")),
            FieldType::Escaped
        );
        assert_eq!(
            field_type(None, b"acct", Value::Bare(b"root")),
            FieldType::Unclassified
        );
    }

    #[test]
    fn hex_kinds() {
        assert!(by_name(b"proctitle").may_be_hex());
        assert!(by_name(b"data").may_be_hex());
        assert!(by_name(b"name").may_be_hex());
        assert!(!by_name(b"uid").may_be_hex());
    }
}

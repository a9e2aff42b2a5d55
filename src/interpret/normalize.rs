//! An event as one sentence: who (subject) did what (action) to what (object), how, with what
//! result. These are the parts `ausearch --format text` and `--format csv` print.
//!
//! The vocabulary and the choice of fields are auparse's normalizer (`auparse_normalize`):
//! which field is the subject or the object depends on the record types and the syscall, and
//! auparse finds fields by scanning forward from a moving cursor through the event's records.
//! [`normalize`] reproduces that scan over a table of the event's fields, so the same field
//! is chosen; the parts hold positions in that table, rendered by the output writers.
//!
//! Where auparse is wrong, ausift is right: an i386 `socketcall` is normalised as the call its
//! first argument names (auparse sees no syscall it knows and calls it an audit rule).

use super::field::EventContext;
use super::names::NameLookup;
use super::tables::values::{IPC_CALLS, SOCKETCALLS};
use super::{Interpreted, interpret_with_kind};
use crate::record::{Field, Record, Token, Tokens, Value};
use smallvec::SmallVec;

/// Record type numbers the normalizer tells apart (libaudit.h, linux/audit.h).
mod rt {
    pub const USER: u32 = 1005;
    pub const LOGIN: u32 = 1006;
    pub const USER_AUTH: u32 = 1100;
    pub const USER_ACCT: u32 = 1101;
    pub const USER_MGMT: u32 = 1102;
    pub const CRED_ACQ: u32 = 1103;
    pub const CRED_DISP: u32 = 1104;
    pub const USER_START: u32 = 1105;
    pub const USER_END: u32 = 1106;
    pub const USER_AVC: u32 = 1107;
    pub const USER_CHAUTHTOK: u32 = 1108;
    pub const USER_ERR: u32 = 1109;
    pub const CRED_REFR: u32 = 1110;
    pub const USYS_CONFIG: u32 = 1111;
    pub const USER_LOGIN: u32 = 1112;
    pub const USER_LOGOUT: u32 = 1113;
    pub const ADD_USER: u32 = 1114;
    pub const DEL_USER: u32 = 1115;
    pub const ADD_GROUP: u32 = 1116;
    pub const DEL_GROUP: u32 = 1117;
    pub const DAC_CHECK: u32 = 1118;
    pub const CHGRP_ID: u32 = 1119;
    pub const TEST: u32 = 1120;
    pub const TRUSTED_APP: u32 = 1121;
    pub const USER_SELINUX_ERR: u32 = 1122;
    pub const USER_CMD: u32 = 1123;
    pub const USER_TTY: u32 = 1124;
    pub const CHUSER_ID: u32 = 1125;
    pub const GRP_AUTH: u32 = 1126;
    pub const SYSTEM_BOOT: u32 = 1127;
    pub const SYSTEM_SHUTDOWN: u32 = 1128;
    pub const SYSTEM_RUNLEVEL: u32 = 1129;
    pub const SERVICE_START: u32 = 1130;
    pub const SERVICE_STOP: u32 = 1131;
    pub const GRP_MGMT: u32 = 1132;
    pub const GRP_CHAUTHTOK: u32 = 1133;
    pub const MAC_CHECK: u32 = 1134;
    pub const ACCT_LOCK: u32 = 1135;
    pub const ACCT_UNLOCK: u32 = 1136;
    pub const USER_DEVICE: u32 = 1137;
    pub const SOFTWARE_UPDATE: u32 = 1138;
    pub const DAEMON_START: u32 = 1200;
    pub const DAEMON_END: u32 = 1201;
    pub const DAEMON_ABORT: u32 = 1202;
    pub const DAEMON_CONFIG: u32 = 1203;
    pub const DAEMON_RECONFIG: u32 = 1204;
    pub const DAEMON_ROTATE: u32 = 1205;
    pub const DAEMON_RESUME: u32 = 1206;
    pub const DAEMON_ACCEPT: u32 = 1207;
    pub const DAEMON_CLOSE: u32 = 1208;
    pub const DAEMON_ERR: u32 = 1209;
    pub const LAST_DAEMON: u32 = 1299;
    pub const SYSCALL: u32 = 1300;
    pub const PATH: u32 = 1302;
    pub const SOCKETCALL: u32 = 1304;
    pub const CONFIG_CHANGE: u32 = 1305;
    pub const SOCKADDR: u32 = 1306;
    pub const CWD: u32 = 1307;
    pub const MQ_GETSETATTR: u32 = 1315;
    pub const FD_PAIR: u32 = 1317;
    pub const OBJ_PID: u32 = 1318;
    pub const TTY: u32 = 1319;
    pub const BPRM_FCAPS: u32 = 1321;
    pub const NETFILTER_PKT: u32 = 1324;
    pub const NETFILTER_CFG: u32 = 1325;
    pub const SECCOMP: u32 = 1326;
    pub const FEATURE_CHANGE: u32 = 1328;
    pub const KERN_MODULE: u32 = 1330;
    pub const FANOTIFY: u32 = 1331;
    pub const TIME_INJOFFSET: u32 = 1332;
    pub const TIME_ADJNTPVAL: u32 = 1333;
    pub const BPF: u32 = 1334;
    pub const EVENT_LISTENER: u32 = 1335;
    pub const AVC: u32 = 1400;
    pub const SELINUX_ERR: u32 = 1401;
    pub const AVC_PATH: u32 = 1402;
    pub const MAC_POLICY_LOAD: u32 = 1403;
    pub const MAC_STATUS: u32 = 1404;
    pub const MAC_CONFIG_CHANGE: u32 = 1405;
    pub const MAC_UNLBL_ALLOW: u32 = 1406;
    pub const MAC_MAP_ADD: u32 = 1409;
    pub const MAC_MAP_DEL: u32 = 1410;
    pub const LAST_SELINUX: u32 = 1499;
    pub const ANOM_PROMISCUOUS: u32 = 1700;
    pub const ANOM_ABEND: u32 = 1701;
    pub const ANOM_LINK: u32 = 1702;
    pub const ANOM_CREAT: u32 = 1703;
    pub const KERNEL: u32 = 2000;
    pub const ANOM_LOGIN_FAILURES: u32 = 2100;
    pub const ANOM_LOGIN_TIME: u32 = 2101;
    pub const ANOM_LOGIN_SESSIONS: u32 = 2102;
    pub const ANOM_LOGIN_LOCATION: u32 = 2104;
    pub const ANOM_RBAC_FAIL: u32 = 2108;
    pub const ANOM_RBAC_INTEGRITY_FAIL: u32 = 2109;
    pub const ANOM_CRYPTO_FAIL: u32 = 2110;
    pub const ANOM_EXEC: u32 = 2112;
    pub const USER_ROLE_CHANGE: u32 = 2300;
    pub const ROLE_ASSIGN: u32 = 2301;
    pub const ROLE_REMOVE: u32 = 2302;
    pub const LABEL_OVERRIDE: u32 = 2303;
    pub const LABEL_LEVEL_CHANGE: u32 = 2304;
    pub const DEV_ALLOC: u32 = 2307;
    pub const FS_RELABEL: u32 = 2309;
    pub const USER_MAC_POLICY_LOAD: u32 = 2310;
    pub const ROLE_MODIFY: u32 = 2311;
    pub const USER_MAC_CONFIG_CHANGE: u32 = 2312;
    pub const USER_MAC_STATUS: u32 = 2313;
    pub const CRYPTO_LOGIN: u32 = 2402;
    pub const CRYPTO_LOGOUT: u32 = 2403;
    pub const CRYPTO_KEY_USER: u32 = 2404;
    pub const CRYPTO_SESSION: u32 = 2407;
    pub const VIRT_CONTROL: u32 = 2500;
    pub const VIRT_RESOURCE: u32 = 2501;
    pub const VIRT_MACHINE_ID: u32 = 2502;
    pub const VIRT_INTEGRITY_CHECK: u32 = 2503;
    pub const VIRT_CREATE: u32 = 2504;
    pub const VIRT_DESTROY: u32 = 2505;
    pub const VIRT_MIGRATE_IN: u32 = 2506;
    pub const VIRT_MIGRATE_OUT: u32 = 2507;
}

/// The action of each record type that has one of its own (normalize_record_map.h).
fn record_action(record_type: u32) -> Option<&'static str> {
    use rt::*;
    Some(match record_type {
        USER => "sent-message",
        LOGIN => "changed-login-id-to",
        USER_AUTH => "authenticated",
        USER_ACCT => "was-authorized",
        USER_MGMT => "modified-user-account",
        CRED_ACQ => "acquired-credentials",
        CRED_DISP => "disposed-credentials",
        USER_START => "started-session",
        USER_END => "ended-session",
        USER_AVC | AVC => "accessed-mac-policy-controlled-object",
        USER_CHAUTHTOK => "changed-password",
        USER_ERR => "caused-account-error",
        CRED_REFR => "refreshed-credentials",
        USYS_CONFIG => "changed-configuration",
        USER_LOGIN => "logged-in",
        USER_LOGOUT => "logged-out",
        ADD_USER => "added-user-account",
        DEL_USER => "deleted-user-account",
        ADD_GROUP => "added-group-account-to",
        DEL_GROUP => "deleted-group-account-from",
        DAC_CHECK => "access-result",
        CHGRP_ID => "changed-group",
        TEST => "sent-test",
        TRUSTED_APP => "unknown",
        USER_SELINUX_ERR => "access-error",
        USER_CMD => "ran-command",
        USER_TTY | TTY => "typed",
        CHUSER_ID => "changed-user-id",
        GRP_AUTH => "authenticated-to-group",
        SYSTEM_BOOT => "booted-system",
        SYSTEM_SHUTDOWN => "shutdown-system",
        SYSTEM_RUNLEVEL => "changed-to-runlevel",
        SERVICE_START => "started-service",
        SERVICE_STOP => "stopped-service",
        GRP_MGMT => "modified-group-account",
        GRP_CHAUTHTOK => "changed-group-password",
        MAC_CHECK => "mac-permission",
        ACCT_LOCK => "locked-account",
        ACCT_UNLOCK => "unlocked-account",
        USER_DEVICE => "configured-device",
        SOFTWARE_UPDATE => "installed-software",
        DAEMON_START => "started-audit",
        DAEMON_END => "shutdown-audit",
        DAEMON_ABORT => "aborted-auditd-startup",
        DAEMON_CONFIG => "changed-auditd-configuration",
        DAEMON_RECONFIG => "reconfigured-auditd",
        DAEMON_ROTATE => "rotated-audit-logs",
        DAEMON_RESUME => "resumed-audit-logging",
        DAEMON_ACCEPT => "remote-audit-connected",
        DAEMON_CLOSE => "remote-audit-disconnected",
        DAEMON_ERR => "audit-error",
        CONFIG_CHANGE => "changed-audit-configuration",
        SECCOMP => "called-seccomp-controlled-syscall",
        FEATURE_CHANGE => "changed-audit-feature",
        KERN_MODULE => "loaded-kernel-module",
        FANOTIFY => "accessed-policy-controlled-file",
        MAC_POLICY_LOAD => "loaded-selinux-policy",
        MAC_STATUS | USER_MAC_STATUS => "changed-selinux-enforcement-to",
        MAC_CONFIG_CHANGE => "changed-selinux-boolean",
        MAC_MAP_ADD => "added-mac-network-domain-mapping-to",
        MAC_MAP_DEL => "deleted-mac-network-domain-mapping-from",
        ANOM_PROMISCUOUS => "changed-socket-promiscuous-mode",
        ANOM_ABEND => "crashed-program",
        ANOM_LINK => "used-suspcious-link",
        ANOM_CREAT => "created-suspicious-file",
        KERNEL => "initialized-audit-subsystem",
        ANOM_LOGIN_FAILURES => "failed-log-in-too-many-times-to",
        ANOM_LOGIN_TIME => "attempted-log-in-during-unusual-hour-to",
        ANOM_LOGIN_SESSIONS => "opened-too-many-sessions-to",
        ANOM_LOGIN_LOCATION => "attempted-log-in-from-unusual-place-to",
        ANOM_RBAC_INTEGRITY_FAIL => "tested-file-system-integrity-of",
        ANOM_EXEC => "attempted-execution-of-forbidden-program",
        USER_ROLE_CHANGE => "changed-role-to",
        ROLE_ASSIGN => "assigned-user-role-to",
        ROLE_REMOVE => "removed-use-role-from",
        LABEL_OVERRIDE => "overrode-label-of",
        LABEL_LEVEL_CHANGE => "modified-level-of",
        FS_RELABEL => "relabeled-filesystem",
        USER_MAC_POLICY_LOAD => "loaded-mac-policy",
        ROLE_MODIFY => "modified-role",
        USER_MAC_CONFIG_CHANGE => "changed-mac-configuration",
        CRYPTO_LOGIN => "crypto-officer-logged-in",
        CRYPTO_LOGOUT => "crypto-officer-logged-out",
        CRYPTO_KEY_USER => "negotiated-crypto-key",
        CRYPTO_SESSION => "started-crypto-session",
        VIRT_CONTROL => "issued-vm-control",
        VIRT_RESOURCE => "assigned-vm-resource",
        VIRT_MACHINE_ID => "assigned-vm-id",
        VIRT_INTEGRITY_CHECK => "checked-integrity-of",
        VIRT_CREATE => "created-vm-image",
        VIRT_DESTROY => "deleted-vm-image",
        VIRT_MIGRATE_IN => "migrated-vm-from",
        VIRT_MIGRATE_OUT => "migrated-vm-to",
        _ => return None,
    })
}

/// The kind of event, from the type of its first record.
fn event_kind(record_type: u32) -> &'static str {
    use rt::*;
    match record_type {
        USER_AUTH..=USER_ACCT
        | CRED_ACQ..=USER_END
        | USER_CHAUTHTOK..=CRED_REFR
        | USER_LOGIN..=USER_LOGOUT
        | LOGIN => "user-login",
        GRP_AUTH | CHGRP_ID => "group-change",
        USER_MGMT | ADD_USER..=DEL_GROUP | GRP_MGMT..=GRP_CHAUTHTOK | ACCT_LOCK..=ACCT_UNLOCK => {
            "user-account"
        }
        KERNEL | SYSTEM_BOOT..=SERVICE_STOP => "system-services",
        USYS_CONFIG | CONFIG_CHANGE | NETFILTER_CFG | FEATURE_CHANGE | TIME_INJOFFSET
        | TIME_ADJNTPVAL | USER_DEVICE | SOFTWARE_UPDATE => "configuration",
        SECCOMP => "dac-decision",
        TEST..=TRUSTED_APP | USER_CMD | CHUSER_ID => "user-space",
        USER_TTY | TTY => "TTY",
        EVENT_LISTENER | DAEMON_START..=LAST_DAEMON => "audit-daemon",
        USER_SELINUX_ERR | USER_AVC | 1502..=1503 | 1506 | AVC..=AVC_PATH => "mac-decision",
        1800..=1899 | ANOM_RBAC_INTEGRITY_FAIL => "integrity",
        1700..=1799 | 2100..=ANOM_RBAC_FAIL | ANOM_CRYPTO_FAIL..=2199 => "anomaly",
        2200..=2299 => "anomaly-response",
        MAC_POLICY_LOAD..=LAST_SELINUX | 1500..=1501 | 1504..=1505 | 2300..=2399 => "mac",
        1600..=1699 | 2400..=2499 => "crypto",
        2500..=2599 => "virt",
        SYSCALL..=SOCKETCALL
        | SOCKADDR..=MQ_GETSETATTR
        | FD_PAIR..=OBJ_PID
        | BPRM_FCAPS..=NETFILTER_PKT => "audit-rule",
        FANOTIFY => "av-decision",
        BPF => "bpf-program",
        _ => "unknown",
    }
}

/// What a syscall does, for the action and the object (normalize_syscall_map.h).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SyscallClass {
    File,
    FileChattr,
    FileChperm,
    FileChown,
    FileLoadModule,
    FileUnloadModule,
    FileDir,
    FileMount,
    FileRename,
    FileStat,
    FileSysStat,
    FileLink,
    FileUmount,
    FileDelete,
    FileTime,
    Exec,
    SocketAccept,
    SocketBind,
    SocketConnect,
    SocketRecv,
    SocketSend,
    Pid,
    Uid,
    Gid,
    SystemTime,
    MakeDev,
    SystemName,
    SystemMemory,
    Scheduler,
}

fn syscall_class(name: &str) -> Option<SyscallClass> {
    use SyscallClass::*;
    Some(match name {
        "access" | "faccessat" | "faccessat2" | "newfstatat" | "stat" | "fstat" | "lstat"
        | "stat64" | "statx" => FileStat,
        "chmod" | "fchmod" | "fchmodat" => FileChperm,
        "chown" | "fchown" | "fchownat" | "lchown" => FileChown,
        "finit_module" | "init_module" => FileLoadModule,
        "delete_module" => FileUnloadModule,
        "setxattr" | "fsetxattr" | "lsetxattr" | "removexattr" | "fremovexattr"
        | "lremovexattr" => FileChattr,
        "mkdir" | "mkdirat" => FileDir,
        "mount" | "move_mount" | "fsmount" | "fspick" => FileMount,
        "statfs" | "fstatfs" => FileSysStat,
        "creat" | "fallocate" | "truncate" | "ftruncate" | "memfd_create" | "open" | "openat"
        | "openat2" | "readlink" | "readlinkat" => File,
        "rename" | "renameat" | "renameat2" => FileRename,
        "rmdir" | "unlink" | "unlinkat" => FileDelete,
        "symlink" | "symlinkat" => FileLink,
        "umount" | "umount2" => FileUmount,
        "utime" | "utimes" | "futimesat" | "utimensat" => FileTime,
        "execve" | "execveat" => Exec,
        "accept" | "accept4" => SocketAccept,
        "bind" => SocketBind,
        "connect" => SocketConnect,
        "recvfrom" | "recvmsg" => SocketRecv,
        "sendmsg" | "sendto" => SocketSend,
        "kill" | "tkill" | "tgkill" => Pid,
        "setuid" | "seteuid" | "setfsuid" | "setreuid" | "setresuid" => Uid,
        "setgid" | "setegid" | "setfsgid" | "setregid" | "setresgid" => Gid,
        "settimeofday" | "clock_settime" | "stime" | "adjtimex" => SystemTime,
        "mknod" | "mknodat" => MakeDev,
        "sethostname" | "setdomainname" => SystemName,
        "mmap" | "brk" => SystemMemory,
        "sched_setparam" | "sched_setscheduler" | "sched_setattr" => Scheduler,
        _ => return None,
    })
}

/// A field of the event: which record, which field of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub record: u16,
    pub field: u16,
}

/// Text that is either fixed or a field's interpretation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Fixed(&'static str),
    Field(Pos),
}

/// The parts of an event's sentence. Positions refer to [`EventFields`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    pub kind: Option<&'static str>,
    pub session: Option<Pos>,
    pub subject: Option<Pos>,
    pub subject_secondary: Option<Pos>,
    pub subject_kind: Option<&'static str>,
    /// The subject's SELinux label (`subj=`).
    pub subject_label: Option<Pos>,
    pub action: Option<Part>,
    pub result: Option<Pos>,
    pub object: Option<Pos>,
    pub object_secondary: Option<Pos>,
    /// A second object: a rename's new name, a chown's owner, a mount's target.
    pub object2: Option<Pos>,
    /// The object's SELinux label (`obj=`).
    pub object_label: Option<Pos>,
    pub object_kind: Option<&'static str>,
    pub how: Option<Part>,
    pub key: Option<Pos>,
}

/// One field as the normalizer sees it.
#[derive(Clone, Copy, Debug)]
pub struct EventField<'a> {
    pub name: &'a [u8],
    pub value: Value<'a>,
}

struct RecordFields<'a> {
    record: Record<'a>,
    record_type: u32,
    /// Where the record's fields lie in [`EventFields::fields`].
    fields: std::ops::Range<usize>,
}

/// The event's records with their fields in order: `node` and `type` first, AVC's unlabeled
/// verdict as `seresult`, then the key=value fields (inside `msg='…'` too).
///
/// The fields of all records share one list, so an event costs a couple of allocations
/// however many fields it has.
pub struct EventFields<'a> {
    records: SmallVec<[RecordFields<'a>; 8]>,
    fields: Vec<EventField<'a>>,
    /// The event's working directory, for relative file names.
    pub cwd: Option<Value<'a>>,
}

impl<'a> EventFields<'a> {
    pub fn new(records: impl IntoIterator<Item = Record<'a>>, node: Option<&'a [u8]>) -> Self {
        Self::with_fields(records.into_iter().map(|r| (r, r.fields())), node)
    }

    /// As [`EventFields::new`], with each record's key=value fields split already (those
    /// inside `msg='…'` in its place, as [`Record::fields`] gives them).
    pub fn with_fields<F>(
        records: impl IntoIterator<Item = (Record<'a>, F)>,
        node: Option<&'a [u8]>,
    ) -> Self
    where
        F: IntoIterator<Item = Field<'a>>,
    {
        let mut table = EventFields {
            records: SmallVec::new(),
            fields: Vec::with_capacity(64),
            cwd: None,
        };
        for (record, fields) in records {
            let record_type = record.type_code().unwrap_or(0);
            let start = table.fields.len();
            push_fields(&mut table.fields, &record, fields, record_type, node);
            let fields = start..table.fields.len();
            if record_type == rt::CWD && table.cwd.is_none() {
                table.cwd = table.fields[fields.clone()]
                    .iter()
                    .find(|f| f.name == b"cwd")
                    .map(|f| f.value);
            }
            table.records.push(RecordFields {
                record,
                record_type,
                fields,
            });
        }
        table
    }

    /// The event's context (arch, syscall and its arguments), read from the table.
    pub fn context(&self) -> EventContext {
        EventContext::of_split(self.records.iter().map(|r| {
            let fields = self.fields[r.fields.clone()].iter();
            let fields = fields.map(|f| Field {
                key: f.name,
                value: f.value,
            });
            (Some(r.record_type).filter(|&t| t != 0), fields)
        }))
    }

    /// The type of the event's `index`th record, if known.
    pub fn record_type(&self, index: usize) -> Option<u32> {
        self.records
            .get(index)
            .map(|r| r.record_type)
            .filter(|&t| t != 0)
    }

    /// The fields of the event's `index`th record; empty past the last.
    pub fn record_fields(&self, index: usize) -> &[EventField<'a>] {
        self.records
            .get(index)
            .map_or(&[], |r| &self.fields[r.fields.clone()])
    }

    pub fn get(&self, pos: Pos) -> Option<(&Record<'a>, EventField<'a>)> {
        let record = self.records.get(pos.record as usize)?;
        let field = *self
            .record_fields(pos.record as usize)
            .get(pos.field as usize)?;
        Some((&record.record, field))
    }

    /// The type number of the first record.
    pub fn first_type(&self) -> u32 {
        self.records.first().map_or(0, |r| r.record_type)
    }

    /// The field's text as `ausearch -i` shows it; `None` for the `node` and `type` fields,
    /// whose value is the record's own.
    pub fn interpret(
        &self,
        pos: Pos,
        ctx: &EventContext,
        names: &'a dyn NameLookup,
    ) -> Option<Interpreted<'a>> {
        let record = self.records.get(pos.record as usize)?;
        let field = self
            .record_fields(pos.record as usize)
            .get(pos.field as usize)?;
        Some(
            interpret_with_kind(
                ctx,
                Some(record.record_type).filter(|&t| t != 0),
                &record.record,
                field.name,
                field.value,
                names,
            )
            .1,
        )
    }
}

fn push_fields<'a>(
    fields: &mut Vec<EventField<'a>>,
    record: &Record<'a>,
    record_fields: impl IntoIterator<Item = Field<'a>>,
    record_type: u32,
    node: Option<&'a [u8]>,
) {
    let start = fields.len();
    if let Some(node) = node {
        fields.push(EventField {
            name: b"node",
            value: Value::Bare(node),
        });
    }
    fields.push(EventField {
        name: b"type",
        value: Value::Bare(record.type_name()),
    });
    if record_type == rt::AVC
        && let Some(verdict) = avc_verdict(record.body())
    {
        fields.push(EventField {
            name: b"seresult",
            value: Value::Bare(verdict),
        });
    }
    // A USER_AVC has its verdict inside msg='avc:  denied …'.
    let msg = (record_type == rt::USER_AVC)
        .then(|| {
            record.tokens().find_map(|t| match t {
                Token::Field(f) if f.key == b"msg" => Some(f.value.raw()),
                _ => None,
            })
        })
        .flatten()
        .and_then(|inner| avc_verdict(inner).map(|v| (inner, v)));
    for f in record_fields {
        if let Some((inner, verdict)) = msg
            && f.value.raw().as_ptr() >= inner.as_ptr()
            && !fields[start..]
                .iter()
                .any(|e: &EventField| e.name == b"seresult")
        {
            fields.push(EventField {
                name: b"seresult",
                value: Value::Bare(verdict),
            });
        }
        fields.push(EventField {
            name: f.key,
            value: f.value,
        });
    }
}

/// The verdict of `avc:  denied  { read } for …`: the word after `avc:`, when it is one
/// (`avc:  received policyload notice` is none). auparse takes the first unlabeled word of a
/// USER_AVC whatever it is (`user`), and none when a field comes first.
fn avc_verdict(text: &[u8]) -> Option<&[u8]> {
    let mut tokens = Tokens::new(text);
    match (tokens.next(), tokens.next()) {
        (Some(Token::Word(b"avc:")), Some(Token::Word(verdict)))
            if matches!(verdict, b"denied" | b"granted") =>
        {
            Some(verdict)
        }
        _ => None,
    }
}

/// auparse's cursor: a record and a field in it.
struct Cursor<'t, 'a> {
    table: &'t EventFields<'a>,
    record: usize,
    field: usize,
}

impl<'a> Cursor<'_, 'a> {
    fn fields(&self) -> &[EventField<'a>] {
        self.table.record_fields(self.record)
    }

    fn record_type(&self) -> u32 {
        self.table
            .records
            .get(self.record)
            .map_or(0, |r| r.record_type)
    }

    fn record_count(&self) -> usize {
        self.table.records.len()
    }

    fn first_record(&mut self) {
        self.record = 0;
        self.field = 0;
    }

    /// The next record; past the last one the cursor is off the event (as auparse's), and
    /// only [`Cursor::first_record`] or [`Cursor::goto_record`] bring it back.
    fn next_record(&mut self) -> bool {
        self.field = 0;
        if self.record < self.record_count() {
            self.record += 1;
        }
        self.record < self.record_count()
    }

    fn goto_record(&mut self, n: usize) -> bool {
        if n < self.record_count() {
            self.record = n;
            self.field = 0;
            true
        } else {
            false
        }
    }

    fn first_field(&mut self) {
        self.field = 0;
    }

    fn next_field(&mut self) -> bool {
        if self.field + 1 < self.fields().len() {
            self.field += 1;
            true
        } else {
            false
        }
    }

    fn goto_field(&mut self, n: usize) -> bool {
        if n < self.fields().len() {
            self.field = n;
            true
        } else {
            false
        }
    }

    fn pos(&self) -> Pos {
        Pos {
            record: self.record as u16,
            field: self.field as u16,
        }
    }

    fn current(&self) -> Option<EventField<'a>> {
        self.fields().get(self.field).copied()
    }

    /// The field `name` at the cursor or after it, in this record or a later one; the cursor
    /// stays on it. As in auparse, a cursor on a record's last field finds nothing.
    fn find(&mut self, name: &[u8]) -> Option<Value<'a>> {
        if let Some(f) = self.current().filter(|f| f.name == name) {
            return Some(f.value);
        }
        if !self.next_field() {
            return None;
        }
        loop {
            let from = self.field;
            if let Some(i) = self.fields()[from..].iter().position(|f| f.name == name) {
                self.field = from + i;
                return Some(self.fields()[self.field].value);
            }
            if !self.next_record() {
                return None;
            }
        }
    }

    /// [`Cursor::find`], giving the position found.
    fn find_pos(&mut self, name: &[u8]) -> Option<Pos> {
        self.find(name).map(|_| self.pos())
    }
}

/// Texts the normalizer compares: interpretations of single fields.
struct Reader<'c, 'a> {
    ctx: &'c EventContext,
    names: &'a dyn NameLookup,
}

/// Fills [`Normalized`] for the event whose fields are `table`. `with_attributes` collects
/// the labels (auparse's `NORM_OPT_ALL`: csv with `--extra-labels`); without it the object of
/// an AVC is left out, as auparse leaves it out of the text form.
pub fn normalize<'a>(
    table: &EventFields<'a>,
    ctx: &EventContext,
    names: &'a dyn NameLookup,
    with_attributes: bool,
) -> Normalized {
    let mut n = Normalizer {
        cursor: Cursor {
            table,
            record: 0,
            field: 0,
        },
        reader: Reader { ctx, names },
        out: Normalized::default(),
        with_attributes,
        syscall_success: None,
        syscall_record: 0,
    };
    if table.records.len() > 1 {
        n.compound();
    } else {
        n.simple();
    }
    n.out
}

struct Normalizer<'t, 'c, 'a> {
    cursor: Cursor<'t, 'a>,
    reader: Reader<'c, 'a>,
    out: Normalized,
    with_attributes: bool,
    syscall_success: Option<bool>,
    /// Where the SYSCALL record is, in an event that has one.
    syscall_record: usize,
}

impl<'a> Normalizer<'_, '_, 'a> {
    /// The interpretation of the field under the cursor, as text.
    fn text_here(&self) -> Vec<u8> {
        let Some((record, field)) = self.cursor.table.get(self.cursor.pos()) else {
            return Vec::new();
        };
        let shown = interpret_with_kind(
            self.reader.ctx,
            Some(self.cursor.record_type()),
            record,
            field.name,
            field.value,
            self.reader.names,
        )
        .1;
        match shown {
            Interpreted::Raw => field.value.raw().to_vec(),
            Interpreted::Keys(_) => shown.keys().next().unwrap_or_default().to_vec(),
            other => other.text(field.value.raw()).into_owned(),
        }
    }

    /// The raw value under the cursor as auparse's `get_field_int` reads it (strtol, cut to
    /// 32 bits).
    fn int_here(&self) -> Option<i32> {
        let raw = self.cursor.current()?.value.raw();
        let text = std::str::from_utf8(raw).ok()?;
        let digits_end = text
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && c == '-')))
            .map_or(text.len(), |(i, _)| i);
        text[..digits_end].parse::<i64>().ok().map(|v| v as i32)
    }

    fn set_subject(&mut self, name: &[u8]) -> bool {
        let found = self.cursor.find_pos(name);
        self.out.subject = found.or(self.out.subject);
        found.is_some()
    }

    fn set_secondary_subject(&mut self, name: &[u8]) -> bool {
        match self.cursor.find_pos(name) {
            Some(pos) => {
                self.out.subject_secondary = Some(pos);
                self.set_subject_kind();
                true
            }
            None => false,
        }
    }

    /// The kind of account the field under the cursor names.
    fn set_subject_kind(&mut self) {
        let Some(field) = self.cursor.current() else {
            return;
        };
        let kind =
            super::field_type::field_type(Some(self.cursor.record_type()), field.name, field.value);
        let uid = if kind == super::FieldType::Uid {
            self.int_here()
        } else if field.name == b"acct" {
            let name = self.text_here();
            std::str::from_utf8(&name)
                .ok()
                .and_then(|n| self.reader.names.uid_of(n))
                .map(|u| u as i32)
        } else {
            None
        };
        self.out.subject_kind = Some(match uid {
            Some(0) => "privileged-acct",
            Some(-1) => "unset-acct",
            Some(u) if u < 1000 => "service-acct",
            Some(u) if u < 60000 => "user-acct",
            _ => "unknown-acct",
        });
    }

    fn set_object(&mut self, name: &[u8]) -> bool {
        match self.cursor.find_pos(name) {
            Some(pos) => {
                self.out.object = Some(pos);
                true
            }
            None => false,
        }
    }

    fn add_session(&mut self) -> bool {
        match self.cursor.find_pos(b"ses") {
            Some(pos) => {
                self.out.session = Some(pos);
                true
            }
            None => {
                self.cursor.first_record();
                false
            }
        }
    }

    fn set_results(&mut self) {
        if let Some(pos) = self.cursor.find_pos(b"res") {
            self.out.result = Some(pos);
        }
    }

    /// A subject attribute: only the label is printed, so only `subj` is kept.
    fn add_subject_attribute(&mut self, name: &[u8], record: usize) {
        match self.cursor.find_pos(name) {
            Some(pos) if name == b"subj" => self.out.subject_label = Some(pos),
            Some(_) => {}
            None => {
                self.cursor.goto_record(record);
            }
        }
    }

    fn add_object_attribute(&mut self, name: &[u8], record: usize) -> bool {
        match self.cursor.find_pos(name) {
            Some(pos) => {
                if name == b"obj" {
                    self.out.object_label.get_or_insert(pos);
                }
                true
            }
            None => {
                self.cursor.goto_record(record);
                false
            }
        }
    }

    fn exe_is_interpreter(exe: &[u8]) -> bool {
        [
            &b"/usr/bin/python"[..],
            b"/usr/bin/sh",
            b"/usr/bin/bash",
            b"/usr/bin/perl",
        ]
        .iter()
        .any(|p| exe.starts_with(p))
    }

    /// After finding `exe`: for a script interpreter, the comm field just before names the
    /// script; the position of what names the program.
    fn program_after_exe(&mut self) -> Pos {
        let exe_pos = self.cursor.pos();
        if Self::exe_is_interpreter(&self.text_here()) {
            if self.cursor.field > 0 {
                self.cursor.goto_field(self.cursor.field - 1);
            } else {
                self.cursor.first_record();
            }
            return self.cursor.find_pos(b"comm").unwrap_or(exe_pos);
        }
        exe_pos
    }

    fn set_how_from_exe(&mut self) {
        if self.cursor.find(b"exe").is_some() {
            let pos = self.program_after_exe();
            self.out.how = Some(Part::Field(pos));
        }
    }

    fn compound(&mut self) {
        let first_type = self.cursor.record_type();
        let mut record_type = first_type;
        if record_type != rt::SYSCALL {
            loop {
                if !self.cursor.next_record() {
                    return;
                }
                record_type = self.cursor.record_type();
                if record_type == 0 || record_type == rt::SYSCALL {
                    break;
                }
            }
        }
        if record_type == 0 {
            return;
        }
        self.out.kind = Some(event_kind(first_type));
        let recno = self.cursor.record;
        self.syscall_record = recno;
        let back = |c: &mut Cursor| {
            c.goto_record(recno);
        };
        let syscall = self
            .cursor
            .find(b"syscall")
            .map(|_| self.syscall_name())
            .unwrap_or_default();
        match self.cursor.find(b"success") {
            Some(value) => {
                self.syscall_success = Some(value.raw() != b"no");
                self.out.result = Some(self.cursor.pos());
            }
            None => back(&mut self.cursor),
        }
        if !self.set_subject(b"auid") {
            back(&mut self.cursor);
        }
        if !self.set_secondary_subject(b"uid") {
            back(&mut self.cursor);
        }
        self.syscall_subject_attributes();
        self.cursor.first_field();
        if self.cursor.find(b"exe").is_some() {
            let pos = self.program_after_exe();
            self.out.how = Some(Part::Field(pos));
        } else {
            back(&mut self.cursor);
        }
        if let Some(key) = self.cursor.find(b"key")
            && key.raw() != b"(null)"
        {
            self.out.key = Some(self.cursor.pos());
        }
        match first_type {
            rt::ANOM_LINK => self.out.action = record_action(first_type).map(Part::Fixed),
            rt::CONFIG_CHANGE => {
                self.cursor.first_record();
                if self.cursor.find(b"op").is_some() {
                    self.out.action = Some(Part::Field(self.cursor.pos()));
                    self.out.object = self.simple_object(rt::CONFIG_CHANGE);
                }
            }
            _ => self.syscall(&syscall),
        }
    }

    /// The name of the syscall under the cursor; for socketcall and ipc, the call they make.
    fn syscall_name(&self) -> String {
        let text = String::from_utf8_lossy(&self.text_here()).into_owned();
        for (multiplexer, table) in [("socketcall(", SOCKETCALLS), ("ipc(", IPC_CALLS)] {
            if let Some(call) = text
                .strip_prefix(multiplexer)
                .and_then(|rest| rest.strip_suffix(')'))
                && table.iter().any(|(_, name)| *name == call)
            {
                return call.to_string();
            }
        }
        text
    }

    fn syscall_subject_attributes(&mut self) {
        self.cursor.first_record();
        loop {
            if self.cursor.record_type() == rt::SYSCALL {
                let record = self.cursor.record;
                if !self.with_attributes {
                    self.add_session();
                    return;
                }
                for name in [
                    &b"ppid"[..],
                    b"pid",
                    b"gid",
                    b"euid",
                    b"suid",
                    b"fsuid",
                    b"egid",
                    b"sgid",
                    b"fsgid",
                    b"tty",
                ] {
                    self.add_subject_attribute(name, record);
                }
                self.add_session();
                self.add_subject_attribute(b"subj", record);
                return;
            }
            if !self.cursor.next_record() {
                return;
            }
        }
    }

    fn syscall(&mut self, syscall: &str) {
        use SyscallClass::*;
        self.cursor.first_record();
        let (special, last_type) = loop {
            let record_type = self.cursor.record_type();
            let special = match record_type {
                rt::AVC => Some(Special::Mac),
                rt::SELINUX_ERR => Some(Special::MacError),
                rt::NETFILTER_CFG => Some(Special::Firewall),
                rt::ANOM_PROMISCUOUS => Some(Special::Promiscuous),
                rt::KERN_MODULE => Some(Special::LoadModule),
                rt::MAC_POLICY_LOAD => Some(Special::MacLoad),
                rt::MAC_STATUS => Some(Special::MacEnforce),
                rt::MAC_CONFIG_CHANGE => Some(Special::MacConfig),
                rt::FANOTIFY => Some(Special::Fanotify),
                rt::TIME_INJOFFSET | rt::TIME_ADJNTPVAL => Some(Special::Time),
                rt::BPF => Some(Special::Bpf),
                rt::EVENT_LISTENER => Some(Special::Listener),
                _ => None,
            };
            if special.is_some() || !self.cursor.next_record() {
                break (special, record_type);
            }
        };
        let class = match special {
            Some(Special::LoadModule) => Some(FileLoadModule),
            Some(Special::Time) => Some(SystemTime),
            None | Some(Special::Mac) | Some(Special::Fanotify) => syscall_class(syscall),
            _ => None,
        };
        let fixed = |s: &'static str| Some(Part::Fixed(s));
        let mut action = None;
        match (special, class) {
            (Some(Special::MacLoad), _) => {
                action = record_action(last_type).map(Part::Fixed);
                self.out.object_kind = Some("mac-config");
            }
            (Some(Special::MacConfig), _) => {
                action = record_action(last_type).map(Part::Fixed);
                self.set_object(b"bool");
                self.out.object_kind = Some("mac-config");
            }
            (Some(Special::MacEnforce), _) => {
                action = record_action(last_type).map(Part::Fixed);
                self.set_object(b"enforcing");
                self.out.object_kind = Some("mac-config");
            }
            (Some(Special::MacError), _) => {
                action = fixed("caused-mac-policy-error");
                self.out.object_kind = Some("system");
            }
            (Some(Special::Firewall), _) => {
                action = fixed("loaded-firewall-rule-to");
                self.cursor.first_record();
                self.set_object(b"table");
                self.out.object_kind = Some("firewall");
            }
            (Some(Special::Promiscuous), _) => {
                self.cursor.first_record();
                self.set_object(b"dev");
                if self.cursor.find(b"prom").is_some() {
                    action = if self.int_here() == Some(0) {
                        fixed("left-promiscuous-mode-on-device")
                    } else {
                        fixed("entered-promiscuous-mode-on-device")
                    };
                }
                self.out.object_kind = Some("socket");
            }
            (Some(Special::Bpf), _) => {
                self.cursor.first_record();
                action = match self.cursor.find(b"op") {
                    Some(op) if op.raw() == b"LOAD" => fixed("loaded-bpf-program"),
                    Some(_) => fixed("unloaded-bpf-program"),
                    None => fixed("bpf-program"),
                };
                self.out.object_kind = Some("process");
                self.program_object();
            }
            (Some(Special::Listener), _) => {
                self.cursor.first_record();
                action = match self.cursor.find(b"op") {
                    Some(op) if op.raw() == b"connect" => fixed("connected-to"),
                    Some(_) => fixed("disconnected-from"),
                    None => fixed("connected"),
                };
                self.out.object_kind = Some("socket");
                self.program_object();
            }
            (_, Some(class)) => action = self.syscall_object(class, syscall),
            (_, None) => {
                // The rule's key is the SYSCALL record's: an AVC's `key=` is an IPC key.
                self.cursor.goto_record(self.syscall_record);
                action = match self.cursor.find(b"key") {
                    Some(key) if key.raw() != b"(null)" => {
                        self.out.object = Some(self.cursor.pos());
                        fixed("triggered-audit-rule")
                    }
                    _ => fixed("triggered-unknown-audit-rule"),
                };
                self.out.object_kind = Some("admin-defined-rule");
            }
        }
        action = match special {
            Some(Special::Mac) => fixed("accessed-mac-policy-controlled-object"),
            Some(Special::Fanotify) => fixed("accessed-policy-controlled-file"),
            _ => action,
        };
        self.out.action = action;
    }

    fn syscall_object(&mut self, class: SyscallClass, syscall: &str) -> Option<Part> {
        use SyscallClass::*;
        let kind = |k: &'static str| Some(k);
        let action = match class {
            File => {
                self.file_object(0, "file");
                "opened-file"
            }
            FileChattr => {
                self.file_object(if syscall == "fsetxattr" { -1 } else { 0 }, "file");
                "changed-file-attributes-of"
            }
            FileChperm => {
                self.permission_object2(syscall);
                self.file_object(if syscall == "fchmod" { -1 } else { 0 }, "file");
                "changed-file-permissions-of"
            }
            FileChown => {
                self.owner_object2(syscall);
                self.file_object(if syscall == "fchown" { -1 } else { 0 }, "file");
                "changed-file-ownership-of"
            }
            FileLoadModule => {
                self.out.object_kind = kind("file");
                self.cursor.goto_record(1);
                self.set_object(b"name");
                "loaded-kernel-module"
            }
            FileUnloadModule => {
                self.out.object_kind = kind("file");
                "unloaded-kernel-module"
            }
            FileDir => {
                self.file_object(1, "file");
                "created-directory"
            }
            FileMount => {
                self.out.object_kind = kind("file-system");
                let succeeded = self.syscall_success == Some(true);
                if succeeded {
                    self.object2_at(b"name", 0);
                }
                self.set_file_object(i32::from(succeeded));
                self.collect_path_attributes();
                "mounted"
            }
            FileRename => {
                self.two_names_object(4);
                "renamed"
            }
            FileStat => {
                self.file_object(0, "file");
                "checked-metadata-of"
            }
            FileSysStat => {
                self.file_object(0, "file-system");
                "checked-filesystem-metadata-of"
            }
            FileLink => {
                self.two_names_object(0);
                "symlinked"
            }
            FileUmount => {
                self.file_object(0, "file-system");
                "unmounted"
            }
            FileDelete => {
                self.file_object(0, "file");
                "deleted"
            }
            FileTime => {
                self.file_object(0, "file");
                "changed-timestamp-of"
            }
            Exec => {
                self.file_object(1, "file");
                "executed"
            }
            SocketAccept => self.socket_object("accepted-connection-from"),
            SocketBind => self.socket_object("bound-socket"),
            SocketConnect => self.socket_object("connected-to"),
            SocketRecv => self.socket_object("received-from"),
            SocketSend => self.socket_object("sent-to"),
            Pid => {
                self.cursor.goto_record(1);
                self.cursor.first_field();
                if self.cursor.find(b"saddr").is_some() {
                    self.out.object = Some(self.cursor.pos());
                }
                self.out.object_kind = kind("process");
                if self.cursor.record_count() > 2 {
                    "killed-list-of-pids"
                } else {
                    "killed-pid"
                }
            }
            Uid | Gid => {
                self.out.object_kind = kind("process");
                self.program_object();
                if self.out.how.is_some() {
                    self.out.how = Some(Part::Fixed(static_syscall(syscall)));
                }
                self.id_object2(syscall);
                "changed-identity-of"
            }
            SystemTime => {
                self.out.object_kind = kind("system");
                "changed-system-time"
            }
            MakeDev => {
                self.set_file_object(0);
                self.simple_file_attributes();
                match self.out.object_kind {
                    Some("character-device") => "made-character-device",
                    Some("block-device") => "made-block-device",
                    _ => "make-device",
                }
            }
            SystemName => {
                self.out.object_kind = kind("system");
                "changed-system-name"
            }
            SystemMemory => {
                self.out.object_kind = kind("memory");
                if self.syscall_success == Some(true) {
                    self.cursor.first_record();
                    if self.cursor.find(b"comm").is_some() {
                        self.out.object = Some(self.cursor.pos());
                    }
                    "allocated-memory-in"
                } else {
                    "allocated-memory"
                }
            }
            Scheduler => {
                self.out.object_kind = kind("process");
                self.program_object();
                if self.out.how.is_some() {
                    self.out.how = Some(Part::Fixed(static_syscall(syscall)));
                }
                "adjusted-scheduling-policy-of"
            }
        };
        Some(Part::Fixed(action))
    }

    fn file_object(&mut self, adjust: i32, kind: &'static str) {
        self.out.object_kind = Some(kind);
        self.set_file_object(adjust);
        self.simple_file_attributes();
    }

    /// A rename's or a link's objects: the second name in record `2 + adjust2`, the first
    /// two records after the SYSCALL and CWD.
    fn two_names_object(&mut self, adjust2: usize) {
        self.out.object_kind = Some("file");
        self.object2_at(b"name", adjust2);
        self.set_file_object(2);
        self.simple_file_attributes();
    }

    fn socket_object(&mut self, action: &'static str) -> &'static str {
        self.out.object_kind = Some("socket");
        self.cursor.goto_record(1);
        self.cursor.first_field();
        self.set_object(b"saddr");
        action
    }

    /// The PATH record of the object: the first at record `2 + adjust` or after it that is
    /// not a parent directory, else the parent.
    fn set_file_object(&mut self, adjust: i32) {
        let Ok(start) = usize::try_from(2 + adjust) else {
            return;
        };
        self.cursor.goto_record(start);
        self.cursor.first_field();
        let mut parent = None;
        let mut found = None;
        loop {
            match self.cursor.find(b"nametype") {
                Some(v) if v.raw() != b"PARENT" => {
                    found = Some(self.cursor.record);
                    break;
                }
                Some(_) => {
                    parent.get_or_insert(self.cursor.record);
                    if !self.cursor.next_record() {
                        break;
                    }
                }
                None => break,
            }
        }
        let record = match (found, parent) {
            (Some(r), _) => r,
            (None, Some(p)) => p,
            (None, None) => return,
        };
        self.cursor.goto_record(record);
        if self.cursor.record_type() != rt::PATH {
            return;
        }
        self.set_object(b"name");
        if self.cursor.find(b"inode").is_some() {
            self.out.object_secondary = Some(self.cursor.pos());
        }
        if let Some(mode) = self.cursor.find(b"mode")
            && let Some(mode) = std::str::from_utf8(mode.raw())
                .ok()
                .and_then(|m| u32::from_str_radix(m, 8).ok())
        {
            let kind = match mode & 0o170000 {
                0o100000 => Some("file"),
                0o040000 => Some("directory"),
                0o020000 => Some("character-device"),
                0o060000 => Some("block-device"),
                0o010000 => Some("fifo"),
                0o120000 => Some("symlink"),
                0o140000 => Some("socket"),
                _ => None,
            };
            if kind.is_some() {
                self.out.object_kind = kind;
            }
        }
    }

    fn simple_file_attributes(&mut self) {
        if !self.with_attributes {
            return;
        }
        self.cursor.first_record();
        let mut parent = None;
        loop {
            match self.cursor.record_type() {
                rt::PATH => {
                    let is_parent = self
                        .cursor
                        .find(b"nametype")
                        .is_some_and(|v| v.raw() == b"PARENT");
                    if !is_parent {
                        self.collect_path_attributes();
                        return;
                    }
                    parent.get_or_insert(self.cursor.record);
                }
                rt::CWD => {
                    let record = self.cursor.record;
                    self.add_object_attribute(b"cwd", record);
                }
                rt::SOCKADDR => {
                    let record = self.cursor.record;
                    self.add_object_attribute(b"saddr", record);
                }
                _ => {}
            }
            if !self.cursor.next_record() {
                break;
            }
        }
        if let Some(parent) = parent {
            self.cursor.goto_record(parent);
            self.collect_path_attributes();
        }
    }

    /// A PATH record's attributes: its `mode` and, when it has one, everything after it.
    fn collect_path_attributes(&mut self) {
        let record = self.cursor.record;
        self.cursor.first_field();
        if !self.add_object_attribute(b"mode", record) {
            return;
        }
        while self.cursor.next_field() {
            if self.cursor.current().is_some_and(|f| f.name == b"obj") {
                self.out.object_label.get_or_insert(self.cursor.pos());
            }
        }
    }

    /// A second object in record `2 + adjust` (or after it); none when the event has no
    /// such record.
    fn object2_at(&mut self, name: &[u8], adjust: usize) {
        if !self.cursor.goto_record(2 + adjust) {
            return;
        }
        if let Some(pos) = self.cursor.find_pos(name) {
            self.out.object2 = Some(pos);
        }
    }

    fn permission_object2(&mut self, syscall: &str) {
        let arg = if syscall == "fchmodat" { b"a2" } else { b"a1" };
        self.cursor.first_record();
        if let Some(pos) = self.cursor.find_pos(arg) {
            self.out.object2 = Some(pos);
        }
    }

    fn owner_object2(&mut self, syscall: &str) {
        let arg = if syscall == "fchownat" { b"a2" } else { b"a1" };
        self.cursor.first_record();
        if self.cursor.find(arg).is_some() {
            // An owner of -1 is left as it is: the group is what changes.
            if self.int_here() == Some(-1) {
                self.cursor.next_field();
            }
            self.out.object2 = Some(self.cursor.pos());
        }
    }

    fn id_object2(&mut self, syscall: &str) {
        let limit = match syscall {
            "setuid" | "setgid" => 1,
            "setreuid" | "setregid" => 2,
            "setresuid" | "setresgid" => 3,
            _ => return,
        };
        self.cursor.first_record();
        if self.cursor.find(b"a0").is_none() {
            return;
        }
        let mut count = 1;
        while count <= limit && self.text_here() == b"unset" {
            if count == limit || !self.cursor.next_field() {
                return;
            }
            count += 1;
        }
        self.out.object2 = Some(self.cursor.pos());
    }

    /// The program acted on: a BPF program's id, a listener's group, or the exe (the script
    /// name for an interpreter).
    fn program_object(&mut self) {
        self.cursor.first_record();
        match self.cursor.record_type() {
            rt::BPF => {
                if let Some(pos) = self.cursor.find_pos(b"prog-id") {
                    self.out.object = Some(pos);
                }
            }
            rt::EVENT_LISTENER => {
                if let Some(pos) = self.cursor.find_pos(b"nl-mcgrp") {
                    self.out.object = Some(pos);
                }
            }
            _ => {
                if self.cursor.find(b"exe").is_some() {
                    let pos = self.program_after_exe();
                    self.out.object = Some(pos);
                }
            }
        }
    }

    fn simple(&mut self) {
        use rt::*;
        let t = self.cursor.record_type();
        if t == SYSCALL {
            return self.compound();
        }
        self.out.kind = Some(event_kind(t));
        match t {
            CONFIG_CHANGE | FEATURE_CHANGE | SECCOMP | ANOM_ABEND | ANOM_PROMISCUOUS => {
                self.kernel_change(t)
            }
            LOGIN => self.login(),
            NETFILTER_CFG => self.netfilter(),
            AVC => self.avc(),
            DAEMON_START..LAST_DAEMON => self.daemon(t),
            BPF => {
                self.out.subject_kind = Some("system");
                self.cursor.first_record();
                self.out.action = Some(Part::Fixed(match self.cursor.find(b"op") {
                    Some(op) if op.raw() == b"LOAD" => "loaded-bpf-program",
                    Some(_) => "unloaded-bpf-program",
                    None => "bpf-program",
                }));
                self.out.object_kind = Some("process");
                self.program_object();
            }
            EVENT_LISTENER => self.listener(),
            MAC_UNLBL_ALLOW..=LAST_SELINUX => self.labeled_networking(t),
            _ => self.user_space(t),
        }
    }

    fn kernel_change(&mut self, t: u32) {
        self.set_subject(b"auid");
        self.add_session();
        self.simple_subject_attributes();
        let mut mapped = true;
        if t == rt::CONFIG_CHANGE {
            self.cursor.first_field();
            if self.cursor.find(b"op").is_some() {
                let op = self.text_here();
                let op = op.strip_prefix(b"\"").unwrap_or(&op);
                let action = if op.starts_with(b"add_rule") {
                    Some("added-audit-rule")
                } else if op.starts_with(b"remove_rule") {
                    Some("deleted-audit-rule")
                } else {
                    None
                };
                if let Some(action) = action {
                    self.out.action = Some(Part::Fixed(action));
                    self.out.object = self.simple_object(t);
                    mapped = false;
                }
            }
        }
        if mapped {
            self.out.action = record_action(t).map(Part::Fixed);
            if t == rt::CONFIG_CHANGE {
                self.out.object = self.simple_object(t);
            }
            self.cursor.first_record();
        }
        match t {
            rt::FEATURE_CHANGE => {
                self.cursor.first_field();
                if !self.set_secondary_subject(b"uid") {
                    self.cursor.first_record();
                }
                self.set_how_from_exe_here();
                self.set_object(b"feature");
                self.out.object_kind = Some("system");
            }
            rt::SECCOMP => {
                self.cursor.first_field();
                if !self.set_secondary_subject(b"uid") {
                    self.cursor.first_record();
                }
                self.set_how_from_exe_here();
                if !self.set_object(b"syscall") {
                    self.cursor.first_record();
                }
                self.out.object_kind = Some("process");
                if let Some(pos) = self.cursor.find_pos(b"code") {
                    self.out.result = Some(pos);
                }
                return;
            }
            rt::ANOM_ABEND => {
                self.cursor.first_field();
                if !self.set_secondary_subject(b"uid") {
                    self.cursor.first_record();
                }
                if !self.set_object(b"exe") {
                    self.cursor.first_record();
                }
                self.out.object_kind = Some("process");
                if let Some(pos) = self.cursor.find_pos(b"sig") {
                    self.out.how = Some(Part::Field(pos));
                }
            }
            rt::ANOM_PROMISCUOUS => {
                self.cursor.first_field();
                self.set_object(b"dev");
                self.set_secondary_subject(b"uid");
                self.out.object_kind = Some("socket");
            }
            _ => {}
        }
        self.set_results();
    }

    /// `exe` as the how, without the interpreter rule (as auparse does for these records).
    fn set_how_from_exe_here(&mut self) {
        if let Some(pos) = self.cursor.find_pos(b"exe") {
            self.out.how = Some(Part::Field(pos));
        }
    }

    fn login(&mut self) {
        if !self.set_secondary_subject(b"uid") {
            self.cursor.first_record();
        }
        self.simple_subject_attributes();
        if !self.set_subject(b"old-auid") {
            self.cursor.first_record();
        }
        if !self.set_object(b"auid") {
            self.cursor.first_record();
        }
        self.out.object_kind = Some("user-session");
        self.add_session();
        self.set_results();
        self.out.action = record_action(rt::LOGIN).map(Part::Fixed);
    }

    fn netfilter(&mut self) {
        self.simple_subject_attributes();
        if let Some(pos) = self.cursor.find_pos(b"comm") {
            self.out.how = Some(Part::Field(pos));
        }
        self.out.action = Some(Part::Fixed("loaded-firewall-rule-to"));
        self.cursor.first_record();
        self.set_object(b"table");
        self.out.subject_kind = Some("system");
        self.out.object_kind = Some("firewall");
    }

    fn avc(&mut self) {
        match self.cursor.find_pos(b"comm") {
            Some(pos) => self.out.how = Some(Part::Field(pos)),
            None => self.cursor.first_record(),
        }
        self.set_subject(b"scontext");
        self.out.subject_kind = Some("unknown-acct");
        self.cursor.first_record();
        if self.with_attributes {
            self.set_object(b"tcontext");
            self.cursor.first_record();
        }
        self.out.object_kind = Some("unknown");
        self.out.action = record_action(rt::AVC).map(Part::Fixed);
        self.cursor.first_record();
        if let Some(pos) = self.cursor.find_pos(b"seresult") {
            self.out.result = Some(pos);
        }
    }

    fn daemon(&mut self, t: u32) {
        self.set_subject(b"auid");
        if !self.set_secondary_subject(b"uid") {
            self.cursor.first_record();
        }
        if !self.add_session() {
            self.cursor.first_record();
        }
        self.simple_subject_attributes();
        self.out.subject_kind = Some("auditd");
        self.out.action = record_action(t).map(Part::Fixed);
        self.out.object_kind = Some("service");
        if t == rt::DAEMON_START {
            self.out.how = Some(Part::Fixed("init"));
        } else if t < rt::DAEMON_ACCEPT && t != rt::DAEMON_ABORT {
            self.out.how = Some(Part::Fixed("signal"));
        }
        self.set_results();
    }

    fn listener(&mut self) {
        self.set_subject(b"auid");
        self.cursor.first_record();
        self.set_secondary_subject(b"uid");
        self.cursor.first_record();
        self.add_session();
        self.simple_subject_attributes();
        self.cursor.first_record();
        self.out.action = Some(Part::Fixed(match self.cursor.find(b"op") {
            Some(op) if op.raw() == b"connect" => "connected-to",
            Some(_) => "disconnected-from",
            None => "connected",
        }));
        self.program_object();
        self.out.object_kind = Some("socket");
        self.cursor.first_record();
        self.set_how_from_exe_here();
        self.cursor.first_record();
        self.set_results();
    }

    fn labeled_networking(&mut self, t: u32) {
        self.set_subject(b"auid");
        self.set_subject_kind();
        self.add_session();
        self.add_subject_attribute(b"subj", 0);
        let action = if t == rt::MAC_UNLBL_ALLOW {
            match self.cursor.find(b"unlbl_accept") {
                Some(_) if self.int_here() == Some(1) => {
                    Some("is-allowing-unlabeled-network-traffic")
                }
                Some(_) => Some("is-disallowing-unlabeled-network-traffic"),
                None => {
                    self.cursor.first_record();
                    None
                }
            }
        } else {
            record_action(t)
        };
        self.out.action = action.map(Part::Fixed);
        if (t == rt::MAC_MAP_ADD || t == rt::MAC_MAP_DEL) && !self.set_object(b"nlbl_domain") {
            self.cursor.first_record();
        }
        self.out.object_kind = Some("mac-config");
        self.set_results();
    }

    fn simple_subject_attributes(&mut self) {
        if !self.with_attributes {
            return;
        }
        self.cursor.first_record();
        self.add_subject_attribute(b"pid", 0);
        self.add_subject_attribute(b"subj", 0);
    }

    fn user_space(&mut self, t: u32) {
        use rt::*;
        if t == USER_LOGIN {
            if self.set_subject(b"id") {
                self.set_subject_kind();
            } else {
                self.cursor.first_record();
                if self.set_subject(b"acct") {
                    self.set_subject_kind();
                }
            }
            self.cursor.first_record();
        } else {
            if !self.set_secondary_subject(b"uid") {
                self.cursor.first_record();
            }
            self.set_subject(b"auid");
        }
        self.add_session();
        self.simple_subject_attributes();
        if t == USER_AVC {
            self.cursor.first_record();
            if let Some(pos) = self.cursor.find_pos(b"seresult") {
                self.out.result = Some(pos);
            }
            self.cursor.first_record();
            self.set_subject(b"scontext");
            if self.with_attributes {
                self.cursor.first_record();
                self.set_object(b"tcontext");
            }
        } else {
            self.set_results();
        }
        let mut action = None;
        if t == USER_DEVICE {
            self.cursor.first_record();
            if let Some(pos) = self.cursor.find_pos(b"op") {
                action = Some(Part::Field(pos));
            }
        }
        self.out.action = action.or(record_action(t).map(Part::Fixed));
        if t != USER_AVC {
            self.cursor.first_record();
            self.out.object = self.simple_object(t);
            self.out.object_secondary = self.simple_object_secondary(t);
            self.out.object2 = self.simple_object2(t);
        }
        match t {
            SYSTEM_BOOT => {
                self.out.object_kind = Some("system");
                self.set_how_from_exe_here();
                return;
            }
            SYSTEM_SHUTDOWN => {
                self.out.object_kind = Some("service");
                self.set_how_from_exe_here();
                return;
            }
            _ => {}
        }
        self.cursor.first_record();
        match t {
            ANOM_EXEC => {
                if let Some(pos) = self.cursor.find_pos(b"terminal") {
                    self.out.how = Some(Part::Field(pos));
                }
            }
            TTY => {
                if let Some(pos) = self.cursor.find_pos(b"comm") {
                    self.out.how = Some(Part::Field(pos));
                }
            }
            _ => self.set_how_from_exe(),
        }
    }

    /// The object of a one-record event: which field, by record type; sets the object kind.
    fn simple_object(&mut self, t: u32) -> Option<Pos> {
        use rt::*;
        self.cursor.first_field();
        let (name, kind): (&[u8], Option<&'static str>) = match t {
            SERVICE_START | SERVICE_STOP => (b"unit", Some("service")),
            SYSTEM_RUNLEVEL => (b"new-level", Some("system")),
            USER_ROLE_CHANGE => (b"selected-context", Some("user-session")),
            ROLE_ASSIGN | ROLE_REMOVE | USER_MGMT | ACCT_LOCK | ACCT_UNLOCK | ADD_USER
            | DEL_USER | ADD_GROUP | DEL_GROUP | GRP_MGMT => {
                self.out.object_kind = Some("account");
                return self.cursor.find_pos(b"id").or_else(|| {
                    self.cursor.first_record();
                    self.cursor.find_pos(b"acct")
                });
            }
            USER_START | USER_END | USER_ERR | USER_LOGIN | USER_LOGOUT => {
                (b"terminal", Some("user-session"))
            }
            USER_AUTH | USER_ACCT | CRED_ACQ | CRED_REFR | CRED_DISP | USER_CHAUTHTOK
            | GRP_CHAUTHTOK | ANOM_LOGIN_FAILURES | ANOM_LOGIN_TIME | ANOM_LOGIN_SESSIONS
            | ANOM_LOGIN_LOCATION => (b"acct", Some("user-session")),
            ANOM_EXEC | USER_CMD => (b"cmd", Some("process")),
            USER_TTY | TTY => {
                self.cursor.first_record();
                (b"data", Some("keystrokes"))
            }
            USER_DEVICE => {
                self.cursor.first_record();
                (b"device", Some("keystrokes"))
            }
            SOFTWARE_UPDATE => {
                self.cursor.first_record();
                (b"sw", Some("software"))
            }
            VIRT_MACHINE_ID => (b"vm", Some("virtual-machine")),
            VIRT_RESOURCE => (b"resrc", Some("virtual-machine")),
            VIRT_CONTROL => (b"op", Some("virtual-machine")),
            LABEL_LEVEL_CHANGE => (b"printer", Some("printer")),
            CONFIG_CHANGE => {
                self.out.object_kind = Some("audit-config");
                return self.config_change_object();
            }
            MAC_CONFIG_CHANGE => (b"bool", Some("mac-config")),
            MAC_STATUS => (b"enforcing", Some("mac-config")),
            MAC_POLICY_LOAD | LABEL_OVERRIDE | DEV_ALLOC..=USER_MAC_CONFIG_CHANGE => {
                self.out.object_kind = Some("mac-config");
                return None;
            }
            USER => (b"addr", None),
            USYS_CONFIG => {
                if let Some(pos) = self.cursor.find_pos(b"op") {
                    self.out.action = Some(Part::Field(pos));
                }
                self.out.object_kind = Some("system");
                return None;
            }
            CRYPTO_KEY_USER => (b"fp", Some("user-session")),
            CRYPTO_SESSION => (b"addr", Some("user-session")),
            ANOM_RBAC_INTEGRITY_FAIL => (b"hostname", Some("file-system")),
            _ => return None,
        };
        if kind.is_some() {
            self.out.object_kind = kind;
        }
        self.cursor.find_pos(name)
    }

    fn config_change_object(&mut self) -> Option<Pos> {
        self.cursor.first_record();
        if let Some(key) = self.cursor.find(b"key")
            && key.raw() != b"(null)"
        {
            return Some(self.cursor.pos());
        }
        for name in [
            &b"audit_enabled"[..],
            b"audit_pid",
            b"audit_backlog_limit",
            b"audit_failure",
            b"actions",
        ] {
            self.cursor.first_record();
            if let Some(pos) = self.cursor.find_pos(name) {
                return Some(pos);
            }
        }
        None
    }

    fn simple_object_secondary(&mut self, t: u32) -> Option<Pos> {
        self.cursor.first_field();
        match t {
            rt::CRYPTO_SESSION => self.cursor.find_pos(b"rport"),
            rt::SOFTWARE_UPDATE => self.cursor.find_pos(b"sw_type"),
            _ => None,
        }
    }

    fn simple_object2(&mut self, t: u32) -> Option<Pos> {
        self.cursor.first_field();
        match t {
            rt::VIRT_CONTROL | rt::VIRT_RESOURCE => self.cursor.find_pos(b"vm"),
            rt::SOFTWARE_UPDATE => self.cursor.find_pos(b"root_dir"),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Special {
    Mac,
    MacError,
    Firewall,
    Promiscuous,
    LoadModule,
    MacLoad,
    MacEnforce,
    MacConfig,
    Fanotify,
    Time,
    Bpf,
    Listener,
}

/// The syscall names the identity and scheduler classes hold, as static text for `how`.
fn static_syscall(name: &str) -> &'static str {
    [
        "setuid",
        "seteuid",
        "setfsuid",
        "setreuid",
        "setresuid",
        "setgid",
        "setegid",
        "setfsgid",
        "setregid",
        "setresgid",
        "sched_setparam",
        "sched_setscheduler",
        "sched_setattr",
    ]
    .into_iter()
    .find(|n| *n == name)
    .unwrap_or("unknown")
}

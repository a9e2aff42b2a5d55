//! Syscall arguments `a0`–`a3`: what each argument of a syscall means (a directory fd, open
//! flags, a signal…), decided once per event from the syscall's name, and its text.
//!
//! The rules are auparse's, corrected where auparse reads the wrong argument: clone()'s flags
//! are its first argument (its second on s390), readlinkat()'s third is a buffer, fchownat()
//! passes the owner third and the group fourth, mknodat()'s mode has a file type. The `*32`
//! id calls of 32-bit x86 and arm, `mmap2` and `fstatat64` follow the calls they stand for.
//! Without a rule, an argument is shown as `0x` and its hex digits.

use super::field::Interpreted;
use super::names::NameLookup;
use super::render::{self, Base, name, name_of, owned, push_flags, push_unnamed, unknown};
use super::tables::arch_values::{self, HeaderArch};
use super::tables::values;
use super::{Arch, sockaddr};
use std::fmt::Write;

/// What one syscall argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// No rule: `0x` and the hex digits.
    Plain,
    /// A directory fd of an *at() call: `AT_FDCWD` for -100.
    Dirfd,
    Signal,
    ClockId,
    Personality,
    PtraceRequest,
    PrctlOption,
    /// prctl()'s second argument, whose meaning depends on the option.
    PrctlArg,
    /// clone()'s flags, whose low byte is the exit signal.
    CloneFlags,
    /// unshare() and setns() flags: clone flags without a signal.
    NamespaceFlags,
    Rlimit,
    Uid,
    Gid,
    SocketDomain,
    SocketType,
    /// socket()'s protocol, read by the domain in the first argument.
    SocketProtocol,
    Socketcall,
    IpcCall,
    ExitStatus,
    BpfCommand,
    ModeShort,
    Mode,
    OpenFlags,
    /// open()'s mode, when the flags in the second argument create a file.
    OpenMode,
    /// openat()'s mode, when the flags in the third argument create a file.
    OpenatMode,
    /// mq_open()'s mode, when its flags create a queue.
    MqMode,
    AccessMode,
    FcntlCommand,
    /// fcntl()'s third argument, read by the command in the second.
    FcntlArg,
    FsconfigCommand,
    FsopenFlags,
    FsmountFlags,
    MountAttrFlags,
    SchedPolicy,
    SockoptLevel,
    /// A setsockopt() option name, read by the level in the second argument.
    SetsockoptName,
    /// A getsockopt() option name, read by the level in the second argument.
    GetsockoptName,
    EpollOp,
    UmountFlags,
    MountFlags,
    IoctlRequest,
    MsgFlags,
    ShmFlags,
    Prot,
    MmapFlags,
    SeekWhence,
    AtFlags,
}

/// The meaning of a0–a3 of the syscall called `syscall` on `arch`.
pub fn rules(syscall: &str, arch: Option<Arch>) -> [Arg; 4] {
    use Arg::*;
    let s390 = arch.is_some_and(Arch::is_s390);
    match syscall {
        "clone" | "clone2" if s390 => [Plain, CloneFlags, Plain, Plain],
        "clone" | "clone2" => [CloneFlags, Plain, Plain, Plain],
        "unshare" => [NamespaceFlags, Plain, Plain, Plain],
        "setns" => [Plain, NamespaceFlags, Plain, Plain],
        "rt_sigaction" => [Signal, Plain, Plain, Plain],
        "kill" | "tkill" => [Plain, Signal, Plain, Plain],
        "tgkill" => [Plain, Plain, Signal, Plain],
        "clock_settime" => [ClockId, Plain, Plain, Plain],
        "personality" => [Personality, Plain, Plain, Plain],
        "ptrace" => [PtraceRequest, Plain, Plain, Plain],
        "prctl" => [PrctlOption, PrctlArg, Plain, Plain],
        "getrlimit" | "setrlimit" => [Rlimit, Plain, Plain, Plain],
        "setuid" | "setuid32" | "setfsuid" | "setfsuid32" => [Uid, Plain, Plain, Plain],
        "setreuid" | "setreuid32" => [Uid, Uid, Plain, Plain],
        "setresuid" | "setresuid32" => [Uid, Uid, Uid, Plain],
        "setgid" | "setgid32" | "setfsgid" | "setfsgid32" => [Gid, Plain, Plain, Plain],
        "setregid" | "setregid32" => [Gid, Gid, Plain, Plain],
        "setresgid" | "setresgid32" => [Gid, Gid, Gid, Plain],
        "chown" | "lchown" | "fchown" | "chown32" | "lchown32" | "fchown32" => {
            [Plain, Uid, Gid, Plain]
        }
        "fchownat" => [Dirfd, Plain, Uid, Gid],
        "socket" => [SocketDomain, SocketType, SocketProtocol, Plain],
        "socketcall" => [Socketcall, Plain, Plain, Plain],
        "ipc" => [IpcCall, Plain, Plain, Plain],
        "exit" | "exit_group" => [ExitStatus, Plain, Plain, Plain],
        "bpf" => [BpfCommand, Plain, Plain, Plain],
        "chmod" | "fchmod" | "mkdir" | "creat" => [Plain, ModeShort, Plain, Plain],
        "mknod" => [Plain, Mode, Plain, Plain],
        "mknodat" => [Dirfd, Plain, Mode, Plain],
        "mkdirat" | "fchmodat" | "fchmodat2" => [Dirfd, Plain, ModeShort, Plain],
        "open" => [Plain, OpenFlags, OpenMode, Plain],
        "openat" => [Dirfd, Plain, OpenFlags, OpenatMode],
        "openat2" => [Dirfd, Plain, Plain, Plain],
        "open_by_handle_at" => [Plain, Plain, OpenFlags, Plain],
        "mq_open" => [Plain, OpenFlags, MqMode, Plain],
        "access" => [Plain, AccessMode, Plain, Plain],
        "faccessat" => [Dirfd, Plain, AccessMode, Plain],
        "faccessat2" => [Dirfd, Plain, AccessMode, AtFlags],
        "fcntl" | "fcntl64" => [Plain, FcntlCommand, FcntlArg, Plain],
        "fsconfig" => [Plain, FsconfigCommand, Plain, Plain],
        "fsopen" => [Plain, FsopenFlags, Plain, Plain],
        "fsmount" => [Plain, FsmountFlags, MountAttrFlags, Plain],
        "sched_setscheduler" => [Plain, SchedPolicy, Plain, Plain],
        "setsockopt" => [Plain, SockoptLevel, SetsockoptName, Plain],
        "getsockopt" => [Plain, SockoptLevel, GetsockoptName, Plain],
        "epoll_ctl" => [Plain, EpollOp, Plain, Plain],
        "umount2" => [Plain, UmountFlags, Plain, Plain],
        "mount" => [Plain, Plain, Plain, MountFlags],
        "ioctl" => [Plain, IoctlRequest, Plain, Plain],
        "sendmsg" | "recvmsg" => [Plain, Plain, MsgFlags, Plain],
        "send" | "recv" | "sendto" | "recvfrom" | "sendmmsg" | "recvmmsg" => {
            [Plain, Plain, Plain, MsgFlags]
        }
        "shmget" => [Plain, Plain, ShmFlags, Plain],
        "mmap" | "mmap2" => [Plain, Plain, Prot, MmapFlags],
        "mprotect" => [Plain, Plain, Prot, Plain],
        "lseek" => [Plain, Plain, SeekWhence, Plain],
        "renameat" | "renameat2" | "linkat" => [Dirfd, Plain, Dirfd, Plain],
        "move_mount" => [Dirfd, Plain, Dirfd, Plain],
        "setxattrat" | "getxattrat" | "listxattrat" | "removexattrat" => {
            [Dirfd, Plain, AtFlags, Plain]
        }
        "readlinkat" | "unlinkat" | "utimensat" | "futimesat" | "newfstatat" | "fstatat64"
        | "name_to_handle_at" | "file_getattr" | "file_setattr" | "statx" | "execveat" => {
            [Dirfd, Plain, Plain, Plain]
        }
        _ => [Plain; 4],
    }
}

/// What the argument rules need of the event: the syscall's name, its arguments, the
/// architecture.
pub struct ArgContext<'c> {
    pub syscall: &'c str,
    pub arch: Option<Arch>,
    pub args: [Option<u64>; 4],
}

impl ArgContext<'_> {
    fn header_arch(&self) -> HeaderArch {
        self.arch.map_or(HeaderArch::X86, Arch::header_arch)
    }
}

/// The text of an argument written `raw` (hex digits) whose meaning is `kind`.
pub fn render<'a>(
    kind: Arg,
    raw: &'a [u8],
    ctx: &ArgContext<'_>,
    names: &'a dyn NameLookup,
) -> Interpreted<'a> {
    use Arg::*;
    let Some(v) = render::hex(raw) else {
        return Interpreted::Raw;
    };
    let arch = ctx.header_arch();
    match kind {
        Plain => Interpreted::Hex(raw),
        Dirfd => dirfd(v, raw),
        Signal => render::signal(raw, Base::Hex, arch),
        ClockId => lookup(values::CLOCK_IDS, v, raw, "unknown-clk_id", "0x"),
        Personality => render::personality(raw, Base::Hex),
        PtraceRequest => lookup(
            arch_values::ptrace_requests(arch),
            v,
            raw,
            "unknown-ptrace",
            "0x",
        ),
        PrctlOption => lookup(values::PRCTL_OPTIONS, v, raw, "unknown-prctl-option", "0x"),
        PrctlArg => {
            let option = ctx.args[0].and_then(|o| name_of(values::PRCTL_OPTIONS, o));
            match option {
                Some("PR_CAPBSET_READ" | "PR_CAPBSET_DROP") => render::capability(raw, Base::Hex),
                Some("PR_SET_PDEATHSIG") => render::signal(raw, Base::Hex, arch),
                _ => Interpreted::Hex(raw),
            }
        }
        CloneFlags => clone_flags(v, arch, true),
        NamespaceFlags => clone_flags(v, arch, false),
        Rlimit => lookup(arch_values::rlimits(arch), v, raw, "unknown-rlimit", "0x"),
        Uid => render::user(raw, Base::Hex, names),
        Gid => render::group(raw, Base::Hex, names),
        SocketDomain => match sockaddr::family_name(v as u16).filter(|_| v <= 0xffff) {
            Some(n) => name(n),
            None => unknown("unknown-family", "0x", raw),
        },
        SocketType => socket_type(v, raw),
        SocketProtocol => socket_protocol(v, raw, ctx.args[0]),
        Socketcall => lookup(values::SOCKETCALLS, v, raw, "unknown-socketcall", ""),
        IpcCall => lookup(values::IPC_CALLS, v & 0xffff, raw, "unknown-ipccall", ""),
        ExitStatus => match v {
            0 => name("EXIT_SUCCESS"),
            1 => name("EXIT_FAILURE"),
            _ => Interpreted::Hex(raw),
        },
        BpfCommand => lookup(values::BPF_COMMANDS, v, raw, "unknown-bpf-cmd", ""),
        ModeShort => owned(render::mode_short_value(v)),
        Mode => render::mode(raw, Base::Hex),
        OpenFlags => owned(render::open_flags_value(v, arch)),
        OpenMode => creating_mode(v, raw, ctx.args[1], arch, true),
        OpenatMode => creating_mode(v, raw, ctx.args[2], arch, true),
        MqMode => creating_mode(v, raw, ctx.args[1], arch, false),
        AccessMode => access_mode(v, raw),
        FcntlCommand => match name_of(arch_values::fcntl_commands(arch), v) {
            Some(n) => name(n),
            None => owned(format!("unknown-fcntl-command({})", v as i32)),
        },
        FcntlArg => {
            let command = ctx.args[1].and_then(|c| name_of(arch_values::fcntl_commands(arch), c));
            match (command, v) {
                (Some("F_SETFD"), 1) => name("FD_CLOEXEC"),
                _ => Interpreted::Hex(raw),
            }
        }
        FsconfigCommand => match name_of(values::FSCONFIG_COMMANDS, v) {
            Some(n) => name(n),
            None => owned(format!("unknown-fsconfig-operation({})", v as i32)),
        },
        FsopenFlags if v == 1 => name("FSOPEN_CLOEXEC"),
        FsmountFlags if v == 1 => name("FSMOUNT_CLOEXEC"),
        FsopenFlags | FsmountFlags => Interpreted::Hex(raw),
        MountAttrFlags => render::flag_list(values::MOUNT_ATTR_FLAGS, raw, Base::Hex),
        SchedPolicy => sched_policy(v, raw),
        SockoptLevel => sockopt_level(v, raw, arch),
        SetsockoptName => sockopt_name(v, raw, ctx.args[1], arch, true),
        GetsockoptName => sockopt_name(v, raw, ctx.args[1], arch, false),
        EpollOp => match name_of(values::EPOLL_CTL_OPS, v) {
            Some(n) => name(n),
            None => owned(format!("unknown-epoll_ctl-operation({})", v as i32)),
        },
        UmountFlags => render::flag_list(values::UMOUNT_FLAGS, raw, Base::Hex),
        MountFlags => render::flag_list(values::MOUNT_FLAGS, raw, Base::Hex),
        IoctlRequest => render::ioctl(raw, Base::Hex),
        MsgFlags => render::flag_list(values::MSG_FLAGS, raw, Base::Hex),
        ShmFlags => shm_flags(v),
        Prot => render::prot(raw, arch),
        MmapFlags => render::mmap_flags(raw, Base::Hex, arch),
        SeekWhence => match name_of(values::SEEK_WHENCE, v & 0xff) {
            Some(n) => name(n),
            None => unknown("unknown-whence", "", raw),
        },
        AtFlags => render::flag_list(values::AT_FLAGS, raw, Base::Hex),
    }
}

fn lookup(
    table: &[(u64, &'static str)],
    v: u64,
    raw: &[u8],
    what: &str,
    prefix: &str,
) -> Interpreted<'static> {
    match name_of(table, v) {
        Some(n) => name(n),
        None => unknown(what, prefix, raw),
    }
}

/// The value of a name in a table (`PR_SET_PDEATHSIG`), for rules that test for it.
fn value_of(table: &[(u64, &'static str)], wanted: &str) -> Option<u64> {
    table.iter().find(|(_, n)| *n == wanted).map(|&(v, _)| v)
}

fn dirfd(v: u64, raw: &[u8]) -> Interpreted<'_> {
    // -100 as the int it is, whatever width the register was logged in.
    const AT_FDCWD: u32 = -100i32 as u32;
    if v as u32 == AT_FDCWD {
        name("AT_FDCWD")
    } else {
        Interpreted::Hex(raw)
    }
}

/// Clone flags; for clone() itself the low byte is the signal sent to the parent on exit.
fn clone_flags(v: u64, arch: HeaderArch, with_signal: bool) -> Interpreted<'static> {
    const CSIGNAL: u64 = 0xff;
    let flags = v & 0xffff_ffff;
    let (named, signal) = if with_signal {
        (flags & !CSIGNAL, flags & CSIGNAL)
    } else {
        (flags, 0)
    };
    let mut out = String::new();
    let left = push_flags(&mut out, values::CLONE_FLAGS, named, "|");
    if signal != 0 {
        match name_of(arch_values::signals(arch), signal) {
            Some(sig) => {
                if !out.is_empty() {
                    out.push('|');
                }
                out.push_str(sig);
            }
            None => push_unnamed(&mut out, signal, "|"),
        }
    }
    push_unnamed(&mut out, left, "|");
    if out.is_empty() {
        return owned(format!("{flags:#x}"));
    }
    owned(out)
}

fn socket_type(v: u64, raw: &[u8]) -> Interpreted<'static> {
    let Some(kind) = name_of(values::SOCKET_TYPES, v & 0xff) else {
        return unknown("unknown-type", "", raw);
    };
    let mut out = kind.to_string();
    let left = push_flags(&mut out, values::SOCKET_TYPE_FLAGS, v & !0xff, "|");
    push_unnamed(&mut out, left, "|");
    owned(out)
}

/// socket()'s protocol: a netlink family for AF_NETLINK, else an IP protocol.
fn socket_protocol(v: u64, raw: &[u8], domain: Option<u64>) -> Interpreted<'static> {
    let netlink = value_of(values::ADDRESS_FAMILIES, "netlink");
    let found = if domain.is_some() && domain == netlink {
        name_of(values::NETLINK_PROTOCOLS, v)
    } else {
        render::protocol_name(v)
    };
    match found {
        Some(n) => name(n),
        None => unknown("unknown-proto", "", raw),
    }
}

/// The mode of a call that may create a file, read only when its flags say it does.
fn creating_mode(
    v: u64,
    raw: &[u8],
    flags: Option<u64>,
    arch: HeaderArch,
    tmpfile_too: bool,
) -> Interpreted<'_> {
    let mut creates = render::open_flag(arch, "O_CREAT");
    if tmpfile_too {
        creates |= render::open_flag(arch, "__O_TMPFILE");
    }
    match flags {
        Some(f) if f & creates != 0 => owned(render::mode_short_value(v)),
        _ => Interpreted::Hex(raw),
    }
}

fn access_mode(v: u64, raw: &[u8]) -> Interpreted<'_> {
    if v & 0xf == 0 {
        return name("F_OK");
    }
    let mut out = String::new();
    let left = push_flags(&mut out, values::ACCESS_MODES, v, "|");
    if out.is_empty() {
        return Interpreted::Hex(raw);
    }
    push_unnamed(&mut out, left, "|");
    owned(out)
}

fn sched_policy(v: u64, raw: &[u8]) -> Interpreted<'static> {
    let Some(policy) = name_of(values::SCHED_POLICIES, v & 0xf) else {
        return unknown("unknown-scheduler-policy", "0x", raw);
    };
    let mut out = policy.to_string();
    let left = push_flags(&mut out, values::SCHED_FLAGS, v & !0xf, "|");
    push_unnamed(&mut out, left, "|");
    owned(out)
}

fn sockopt_level(v: u64, raw: &[u8], arch: HeaderArch) -> Interpreted<'static> {
    if Some(v) == value_of(arch_values::sol_socket(arch), "SOL_SOCKET") {
        return name("SOL_SOCKET");
    }
    match render::protocol_name(v).or_else(|| name_of(values::SOCKET_LEVELS, v)) {
        Some(n) => name(n),
        None => unknown("unknown-sockopt-level", "0x", raw),
    }
}

/// A socket option's name, from the table of its level.
fn sockopt_name(
    v: u64,
    raw: &[u8],
    level: Option<u64>,
    arch: HeaderArch,
    set: bool,
) -> Interpreted<'_> {
    let protocol = |n: &str| value_of(values::PROTOCOLS, n);
    let Some(level) = level else {
        return Interpreted::Hex(raw);
    };
    let (tables, what): (&[&[(u64, &'static str)]], &str) =
        if Some(level) == value_of(arch_values::sol_socket(arch), "SOL_SOCKET") {
            (&[arch_values::socket_options(arch)], "unknown-sockopt-name")
        } else if Some(level) == protocol("ip") {
            let netfilter = if set {
                values::IPT_SET_OPTIONS
            } else {
                values::IPT_GET_OPTIONS
            };
            (&[values::IP_OPTIONS, netfilter], "unknown-ipopt-name")
        } else if Some(level) == protocol("ipv6") {
            let netfilter = if set {
                values::IP6T_SET_OPTIONS
            } else {
                values::IP6T_GET_OPTIONS
            };
            (&[values::IPV6_OPTIONS, netfilter], "unknown-ip6opt-name")
        } else if Some(level) == protocol("tcp") {
            (&[values::TCP_OPTIONS], "unknown-tcpopt-name")
        } else if Some(level) == protocol("udp") {
            (&[values::UDP_OPTIONS], "unknown-udpopt-name")
        } else if Some(level) == value_of(values::SOCKET_LEVELS, "SOL_PACKET") {
            (&[values::PACKET_OPTIONS], "unknown-pktopt-name")
        } else {
            return Interpreted::Hex(raw);
        };
    match tables.iter().find_map(|t| name_of(t, v)) {
        Some(n) => name(n),
        None => unknown(what, "0x", raw),
    }
}

/// shmget() flags: the IPC and SHM flags, then the permission bits.
fn shm_flags(v: u64) -> Interpreted<'static> {
    let mut out = String::new();
    let ipc = values::IPC_FLAGS
        .iter()
        .filter(|(_, n)| *n != "IPC_NOWAIT")
        .fold(0, |m, &(b, _)| m | b);
    push_flags(&mut out, values::IPC_FLAGS, v & ipc, "|");
    let shm = values::SHM_FLAGS.iter().fold(0, |m, &(b, _)| m | b);
    push_flags(&mut out, values::SHM_FLAGS, v & shm, "|");
    if !out.is_empty() {
        out.push('|');
    }
    let _ = write!(out, "{}", render::mode_short_value(v & 0o777));
    owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::names::NoNames;

    fn arg(syscall: &str, arch: &str, index: usize, args: [u64; 4]) -> String {
        let arch = Arch::by_name(arch);
        let ctx = ArgContext {
            syscall,
            arch,
            args: args.map(Some),
        };
        let raw = format!("{:x}", args[index]);
        let kind = rules(syscall, arch)[index];
        match render(kind, raw.as_bytes(), &ctx, &NoNames) {
            Interpreted::Text(t) => String::from_utf8(t.into_owned()).unwrap(),
            Interpreted::Hex(h) => format!("0x{}", String::from_utf8_lossy(h)),
            Interpreted::Raw => "<raw>".into(),
            Interpreted::Keys(_) => unreachable!(),
        }
    }

    #[test]
    fn at_calls_and_open_flags() {
        let openat = [0xffffff9c, 0x7ffc, 0x80000, 0];
        assert_eq!(arg("openat", "x86_64", 0, openat), "AT_FDCWD");
        assert_eq!(arg("openat", "x86_64", 1, openat), "0x7ffc");
        assert_eq!(arg("openat", "x86_64", 2, openat), "O_RDONLY|O_CLOEXEC");
        assert_eq!(arg("openat", "x86_64", 3, openat), "0x0");
        let create = [0xffffffffffffff9c, 0x7ffc, 0x241, 0x1b6];
        assert_eq!(arg("openat", "x86_64", 0, create), "AT_FDCWD");
        assert_eq!(arg("openat", "x86_64", 3, create), "0666");
        // Per-arch flags: 0x20000 is O_LARGEFILE on arm, O_NOFOLLOW on x86.
        let open = [0x1, 0x20041, 0x1b6, 0];
        assert_eq!(arg("open", "arm", 1, open), "O_WRONLY|O_CREAT|O_LARGEFILE");
        assert_eq!(arg("open", "i386", 1, open), "O_WRONLY|O_CREAT|O_NOFOLLOW");
        assert_eq!(arg("open", "i386", 2, open), "0666");
        assert_eq!(arg("open", "i386", 2, [0x1, 0x0, 0x1b6, 0]), "0x1b6");
        assert_eq!(arg("faccessat", "x86_64", 2, [3, 0, 6, 0]), "W_OK|R_OK");
        assert_eq!(arg("access", "x86_64", 1, [3, 0, 6, 0]), "F_OK");
        assert_eq!(
            arg("mknodat", "x86_64", 2, [0xffffff9c, 0, 0o20644, 0]),
            "character,644"
        );
        assert_eq!(arg("fchownat", "x86_64", 2, [3, 0, 0, 0]), "root");
        assert_eq!(
            arg("readlinkat", "x86_64", 2, [3, 0, 0xffffff9c, 0]),
            "0xffffff9c"
        );
    }

    #[test]
    fn clone_flags_and_signals() {
        let clone = [0x1200011, 0, 0, 0];
        assert_eq!(
            arg("clone", "x86_64", 0, clone),
            "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD"
        );
        assert_eq!(arg("clone", "x86_64", 2, clone), "0x0");
        // s390 passes the stack first and the flags second.
        assert_eq!(arg("clone", "s390x", 1, [0, 0x11, 0, 0]), "SIGCHLD");
        assert_eq!(arg("clone", "x86_64", 0, [0; 4]), "0x0");
        assert_eq!(
            arg("unshare", "x86_64", 0, [0x20000080, 0, 0, 0]),
            "CLONE_NEWTIME|CLONE_NEWPID"
        );
        assert_eq!(arg("kill", "x86_64", 1, [1, 9, 0, 0]), "SIGKILL");
        assert_eq!(arg("kill", "mips", 1, [1, 10, 0, 0]), "SIGBUS");
        assert_eq!(arg("rt_sigaction", "x86_64", 0, [0x11, 0, 0, 0]), "SIGCHLD");
        assert_eq!(arg("exit_group", "x86_64", 0, [0, 0, 0, 0]), "EXIT_SUCCESS");
        assert_eq!(arg("exit_group", "x86_64", 0, [3, 0, 0, 0]), "0x3");
    }

    #[test]
    fn sockets() {
        let socket = [2, 0x80001, 6, 0];
        assert_eq!(arg("socket", "x86_64", 0, socket), "inet");
        assert_eq!(
            arg("socket", "x86_64", 1, socket),
            "SOCK_STREAM|SOCK_CLOEXEC"
        );
        assert_eq!(arg("socket", "x86_64", 2, socket), "tcp");
        let netlink = [16, 3, 9, 0];
        assert_eq!(arg("socket", "x86_64", 0, netlink), "netlink");
        assert_eq!(arg("socket", "x86_64", 2, netlink), "NETLINK_AUDIT");
        assert_eq!(
            arg("socket", "x86_64", 0, [99, 1, 0, 0]),
            "unknown-family(0x63)"
        );
        assert_eq!(arg("socketcall", "i386", 0, [3, 0, 0, 0]), "connect");
        assert_eq!(
            arg("socketcall", "i386", 0, [99, 0, 0, 0]),
            "unknown-socketcall(63)"
        );
        let setsockopt = [3, 1, 0x14, 0];
        assert_eq!(arg("setsockopt", "x86_64", 1, setsockopt), "SOL_SOCKET");
        assert_eq!(arg("setsockopt", "x86_64", 2, setsockopt), "SO_RCVTIMEO");
        // ppc numbers five SOL_SOCKET options differently.
        assert_eq!(
            arg("setsockopt", "ppc64le", 2, [3, 1, 0x12, 0]),
            "SO_RCVTIMEO"
        );
        assert_eq!(
            arg("setsockopt", "x86_64", 2, [3, 1, 0x12, 0]),
            "SO_RCVLOWAT"
        );
        // mips numbers the level itself differently.
        assert_eq!(
            arg("setsockopt", "mips", 1, [3, 0xffff, 4, 0]),
            "SOL_SOCKET"
        );
        assert_eq!(
            arg("setsockopt", "mips", 2, [3, 0xffff, 4, 0]),
            "SO_REUSEADDR"
        );
        assert_eq!(arg("setsockopt", "x86_64", 1, [3, 6, 1, 0]), "tcp");
        assert_eq!(arg("setsockopt", "x86_64", 2, [3, 6, 1, 0]), "TCP_NODELAY");
        assert_eq!(
            arg("setsockopt", "x86_64", 2, [3, 0, 0x40, 0]),
            "IPT_SO_SET_REPLACE"
        );
        assert_eq!(
            arg("getsockopt", "x86_64", 2, [3, 0, 0x40, 0]),
            "IPT_SO_GET_INFO"
        );
        assert_eq!(
            arg("setsockopt", "x86_64", 1, [3, 0x107, 1, 0]),
            "SOL_PACKET"
        );
        assert_eq!(
            arg("setsockopt", "x86_64", 2, [3, 0x107, 1, 0]),
            "PACKET_ADD_MEMBERSHIP"
        );
        assert_eq!(
            arg("sendto", "x86_64", 3, [3, 0, 0, 0x4040]),
            "MSG_DONTWAIT|MSG_NOSIGNAL"
        );
        assert_eq!(arg("sendto", "x86_64", 3, [3, 0, 0, 0]), "0x0");
    }

    #[test]
    fn memory_processes_and_the_rest() {
        let mmap = [0, 0x1000, 3, 0x22];
        assert_eq!(arg("mmap", "x86_64", 2, mmap), "PROT_READ|PROT_WRITE");
        assert_eq!(arg("mmap", "x86_64", 3, mmap), "MAP_PRIVATE|MAP_ANONYMOUS");
        assert_eq!(arg("mmap2", "i386", 3, mmap), "MAP_PRIVATE|MAP_ANONYMOUS");
        assert_eq!(arg("prctl", "x86_64", 0, [23, 21, 0, 0]), "PR_CAPBSET_READ");
        assert_eq!(arg("prctl", "x86_64", 1, [23, 21, 0, 0]), "sys_admin");
        assert_eq!(arg("prctl", "x86_64", 1, [1, 9, 0, 0]), "SIGKILL");
        assert_eq!(arg("prctl", "x86_64", 1, [15, 9, 0, 0]), "0x9");
        assert_eq!(
            arg("ptrace", "x86_64", 0, [0x4206, 0, 0, 0]),
            "PTRACE_SEIZE"
        );
        assert_eq!(
            arg("ptrace", "x86_64", 0, [30, 0, 0, 0]),
            "PTRACE_ARCH_PRCTL"
        );
        assert_eq!(arg("setrlimit", "mips", 0, [5, 0, 0, 0]), "RLIMIT_NOFILE");
        assert_eq!(arg("setrlimit", "x86_64", 0, [7, 0, 0, 0]), "RLIMIT_NOFILE");
        assert_eq!(
            arg("setresuid32", "i386", 2, [0, 0, 0xffffffff, 0]),
            "unset"
        );
        assert_eq!(arg("fcntl", "x86_64", 1, [3, 2, 1, 0]), "F_SETFD");
        assert_eq!(arg("fcntl", "x86_64", 2, [3, 2, 1, 0]), "FD_CLOEXEC");
        assert_eq!(arg("fcntl", "mips", 1, [3, 24, 1, 0]), "F_SETOWN");
        assert_eq!(
            arg("fcntl", "x86_64", 1, [3, 999, 1, 0]),
            "unknown-fcntl-command(999)"
        );
        assert_eq!(
            arg("sched_setscheduler", "x86_64", 1, [0, 0x40000001, 0, 0]),
            "SCHED_FIFO|SCHED_RESET_ON_FORK"
        );
        assert_eq!(
            arg("shmget", "x86_64", 2, [0, 0, 0o1600, 0]),
            "IPC_CREAT|0600"
        );
        assert_eq!(arg("shmget", "x86_64", 2, [0, 0, 0o600, 0]), "0600");
        assert_eq!(arg("lseek", "x86_64", 2, [3, 0, 2, 0]), "SEEK_END");
        assert_eq!(arg("ioctl", "x86_64", 1, [1, 0x5413, 0, 0]), "TIOCGWINSZ");
        assert_eq!(arg("umount2", "x86_64", 1, [1, 2, 0, 0]), "MNT_DETACH");
        assert_eq!(arg("mount", "x86_64", 3, [0, 0, 0, 0x1000]), "MS_BIND");
        assert_eq!(arg("bpf", "x86_64", 0, [5, 0, 0, 0]), "BPF_PROG_LOAD");
        assert_eq!(
            arg("clock_settime", "x86_64", 0, [0, 0, 0, 0]),
            "CLOCK_REALTIME"
        );
        assert_eq!(arg("epoll_ctl", "x86_64", 1, [3, 1, 0, 0]), "EPOLL_CTL_ADD");
        assert_eq!(arg("ipc", "i386", 0, [1, 0, 0, 0]), "semop");
        assert_eq!(arg("getpid", "x86_64", 0, [0; 4]), "0x0");
    }
}

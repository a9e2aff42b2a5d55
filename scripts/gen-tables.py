#!/usr/bin/env python3
"""Generate ausift's lookup tables from authoritative sources on this machine.

Usage (from the repository root):

    python3 scripts/gen-tables.py

Writes (byte-identically for the same source versions):

    src/interpret/tables/record_types.rs
    src/interpret/tables/syscalls.rs
    src/interpret/tables/errno.rs
    src/interpret/tables/mod.rs

Sources (nothing is typed in by hand; every table comes from these):

  * Audit record types:
      - /usr/include/linux/audit.h   (Debian package linux-libc-dev; kernel UAPI)
      - /usr/include/libaudit.h      (Debian package libaudit-dev; userspace types)
      - libaudit.so.1's audit_msg_type_to_name() (Debian package libaudit1, a
        dependency of libaudit-dev): the function auditd itself uses to write
        `type=NAME` into audit.log.  It is used to check the header-derived
        names and, where the two disagree, to pick the name that logs show
        (e.g. AUDIT_AA 1500 is logged as "APPARMOR").
  * Syscall tables: the `syscalls` crate 0.8.x from crates.io (its per-arch
    files src/arch/*.rs are generated from the Linux kernel's syscall tables),
    read from the cargo registry cache ($CARGO_HOME/registry/src/*/syscalls-0.8.*).
    Obtain it with:
        cargo fetch --manifest-path scripts/syscalls-src/Cargo.toml
    If scripts/syscalls-src/Cargo.lock exists, the version it pins is used;
    otherwise the newest syscalls-0.8.* in the cache.
  * errno: /usr/include/asm-generic/errno-base.h and
    /usr/include/asm-generic/errno.h (Debian package linux-libc-dev); messages
    from Python's os.strerror(), i.e. this machine's glibc strerror().

Python 3 standard library only.
"""

import ctypes
import ctypes.util
import glob
import os
import re
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "src", "interpret", "tables")

KERNEL_AUDIT_H = "/usr/include/linux/audit.h"
LIBAUDIT_H = "/usr/include/libaudit.h"
ERRNO_BASE_H = "/usr/include/asm-generic/errno-base.h"
ERRNO_H = "/usr/include/asm-generic/errno.h"
SYSCALLS_HELPER = os.path.join("scripts", "syscalls-src")

# Audit message types live in 1000..=2999 (1000-1099 kernel control messages,
# 1100-1199 and 2100-2999 userspace, 1200-1299 daemon, 1300-1399 kernel
# events, 1400-1499 SELinux, 1500-1599 AppArmor, 1600-1699 crypto,
# 1700-1799 anomalies, 1800-1899 integrity, 2000 KERNEL).  Everything else
# in the headers (filter/field numbers, flags, bitmasks, AUDIT_ARCH_*, ...)
# lies outside that range or is not a plain decimal literal.
RECORD_TYPE_MIN = 1000
RECORD_TYPE_MAX = 2999
# Range markers such as AUDIT_FIRST_USER_MSG / AUDIT_LAST_DAEMON /
# AUDIT_INTEGRITY_FIRST_MSG are not types.
RANGE_MARKER = re.compile(r"(?:^|_)(?:FIRST|LAST)(?:_|$)")

# Names that real audit logs are known to carry, with numbers where the
# brief for this script pinned them.  CONTAINER_OP is deliberately absent:
# it comes from the never-merged audit container-ID patch set (proposed as
# 1020) and is defined in neither header nor libaudit's name table, so no
# source on this machine can supply it.
EXPECTED_RECORD_NAMES = """
SYSCALL PATH CWD EXECVE PROCTITLE SOCKADDR SOCKETCALL EOE AVC USER_AVC
USER_AUTH USER_ACCT USER_LOGIN USER_START USER_END CRED_ACQ CRED_DISP
CRED_REFR LOGIN USER_CMD USER_TTY TTY CONFIG_CHANGE DAEMON_START DAEMON_END
DAEMON_ABORT SERVICE_START SERVICE_STOP ANOM_PROMISCUOUS ANOM_ABEND SECCOMP
BPF URINGOP MMAP FD_PAIR OBJ_PID BPRM_FCAPS CAPSET NETFILTER_CFG
NETFILTER_PKT KERN_MODULE TIME_ADJNTPVAL TIME_INJOFFSET SOFTWARE_UPDATE
CRYPTO_KEY_USER CRYPTO_SESSION USER_CHAUTHTOK ADD_USER DEL_USER ADD_GROUP
DEL_GROUP USER_MGMT GRP_MGMT MAC_POLICY_LOAD MAC_STATUS SELINUX_ERR
USER_SELINUX_ERR AVC_PATH LABEL_LEVEL_CHANGE USYS_CONFIG USER_ROLE_CHANGE
ROLE_ASSIGN ROLE_REMOVE INTEGRITY_DATA ANOM_LOGIN_FAILURES ANOM_EXEC
RESP_ACCT_LOCK VIRT_CONTROL VIRT_RESOURCE VIRT_MACHINE_ID
""".split()
EXPECTED_RECORD_NUMBERS = {
    "SYSCALL": 1300, "PATH": 1302, "EXECVE": 1309, "PROCTITLE": 1327,
    "AVC": 1400, "USER_AVC": 1107, "MMAP": 1323, "SOCKADDR": 1306,
    "EOE": 1320, "SECCOMP": 1326, "USER_LOGIN": 1112, "DAEMON_START": 1200,
    "ANOM_PROMISCUOUS": 1700, "BPF": 1334, "URINGOP": 1336,
}

# (Rust static name, syscalls crate file stem, audit arch it serves).
# Audit architectures the crate has no table for are listed in
# SYSCALL_ARCHES_MISSING and reported in the generated header.
SYSCALL_ARCHES = [
    ("X86_64", "x86_64", "x86_64 (AUDIT_ARCH_X86_64)"),
    ("I386", "x86", "i386 (AUDIT_ARCH_I386)"),
    ("AARCH64", "aarch64", "aarch64 (AUDIT_ARCH_AARCH64)"),
    ("ARM", "arm", "arm EABI (AUDIT_ARCH_ARM / ARMEB)"),
    ("PPC", "powerpc", "32-bit powerpc (AUDIT_ARCH_PPC)"),
    ("PPC64", "powerpc64", "ppc64 and ppc64le (AUDIT_ARCH_PPC64 / PPC64LE)"),
    ("S390X", "s390x", "s390x (AUDIT_ARCH_S390X)"),
    ("RISCV32", "riscv32", "riscv32 (AUDIT_ARCH_RISCV32)"),
    ("RISCV64", "riscv64", "riscv64 (AUDIT_ARCH_RISCV64)"),
    ("MIPS_O32", "mips", "mips o32 (AUDIT_ARCH_MIPS / MIPSEL), numbers 4000+"),
    ("MIPS_N64", "mips64", "mips n64 (AUDIT_ARCH_MIPS64 / MIPSEL64), numbers 5000+"),
]
SYSCALL_ARCHES_MISSING = [
    ("S390", "31-bit s390 (AUDIT_ARCH_S390)"),
    ("MIPS_N32", "mips n32 (AUDIT_ARCH_MIPS64N32 / MIPSEL64N32), numbers 6000+"),
]

# (arch static, number, expected name): checked against the crate's tables.
SYSCALL_CHECKS = [
    ("X86_64", 59, "execve"), ("X86_64", 42, "connect"), ("X86_64", 49, "bind"),
    ("X86_64", 43, "accept"), ("X86_64", 288, "accept4"), ("X86_64", 2, "open"),
    ("X86_64", 257, "openat"), ("X86_64", 17, "pread64"),
    ("X86_64", 262, "newfstatat"),
    ("I386", 11, "execve"), ("I386", 102, "socketcall"), ("I386", 5, "open"),
    ("AARCH64", 221, "execve"), ("AARCH64", 203, "connect"),
    ("AARCH64", 56, "openat"),
    ("ARM", 11, "execve"), ("ARM", 283, "connect"),
    ("PPC", 11, "execve"),
    ("PPC64", 11, "execve"), ("PPC64", 328, "connect"),
    ("PPC64", 102, "socketcall"),
    ("S390X", 11, "execve"), ("S390X", 102, "socketcall"),
    ("RISCV64", 221, "execve"),
    ("MIPS_O32", 4011, "execve"), ("MIPS_N64", 5057, "execve"),
]


class SourceMissing(Exception):
    pass


def note(msg):
    print("note: " + msg, file=sys.stderr)


def read_text(path, install_hint):
    if not os.path.isfile(path):
        raise SourceMissing("%s not found; install it with: %s" % (path, install_hint))
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def strip_c_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


DEFINE_RE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]+(.*?)[ \t]*$", re.M)


def parse_defines(text):
    """Object-like #defines in file order as (name, value-text)."""
    out = []
    for m in DEFINE_RE.finditer(strip_c_comments(text)):
        out.append((m.group(1), m.group(2).strip()))
    return out


def rust_str(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            out.append("\\u{%x}" % ord(ch))
    return '"' + "".join(out) + '"'


def dpkg_version(pkg):
    try:
        r = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", pkg],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=False,
        )
    except OSError:
        return None
    v = r.stdout.strip()
    return v if r.returncode == 0 and v else None


def pkg_label(pkg):
    v = dpkg_version(pkg)
    return "%s %s" % (pkg, v) if v else pkg


# ---------------------------------------------------------------------------
# Audit record types
# ---------------------------------------------------------------------------

def header_record_types(path, text):
    """{name: number} for AUDIT_* message-type defines in one header."""
    defines = parse_defines(text)
    raw = {}
    for name, value in defines:
        if name.startswith("AUDIT_"):
            raw.setdefault(name, []).append(value)
    found = {}
    for name, values in raw.items():
        if RANGE_MARKER.search(name[len("AUDIT_"):]):
            continue
        nums = set()
        for value in values:
            v = value
            seen = set()
            # Resolve simple aliases (#define AUDIT_X AUDIT_Y).
            while re.fullmatch(r"AUDIT_[A-Z0-9_]+", v) and v in raw and v not in seen:
                seen.add(v)
                v = raw[v][0]
            if re.fullmatch(r"[0-9]+", v):
                nums.add(int(v))
        nums = {n for n in nums if RECORD_TYPE_MIN <= n <= RECORD_TYPE_MAX}
        if not nums:
            continue
        if len(nums) > 1:
            pick = min(nums)
            note("%s defines %s with several numbers %s; keeping %d"
                 % (path, name, sorted(nums), pick))
            nums = {pick}
        found[name[len("AUDIT_"):]] = nums.pop()
    return found


def libaudit_names():
    """{number: name} from libaudit's audit_msg_type_to_name()."""
    lib = None
    for cand in ("libaudit.so.1", ctypes.util.find_library("audit")):
        if not cand:
            continue
        try:
            lib = ctypes.CDLL(cand)
            break
        except OSError:
            continue
    if lib is None:
        raise SourceMissing("libaudit.so.1 not loadable; install it with: "
                            "apt-get install libaudit1 libaudit-dev")
    fn = lib.audit_msg_type_to_name
    fn.restype = ctypes.c_char_p
    fn.argtypes = [ctypes.c_int]
    out = {}
    for n in range(RECORD_TYPE_MIN, RECORD_TYPE_MAX + 1):
        r = fn(n)
        if r:
            out[n] = r.decode("ascii")
    return out


def build_record_types():
    hint = "apt-get install linux-libc-dev libaudit-dev"
    kern = header_record_types(KERNEL_AUDIT_H, read_text(KERNEL_AUDIT_H, hint))
    user = header_record_types(LIBAUDIT_H, read_text(LIBAUDIT_H, hint))
    logged = libaudit_names()

    # name -> number.  Same name with different numbers: the kernel UAPI
    # header wins (it defines the ABI; libaudit only back-fills defines
    # for older kernel headers).
    by_name = dict(kern)
    for name, num in sorted(user.items()):
        if name in by_name and by_name[name] != num:
            note("AUDIT_%s is %d in %s but %d in %s; keeping the kernel's %d"
                 % (name, by_name[name], KERNEL_AUDIT_H, num, LIBAUDIT_H, by_name[name]))
            continue
        by_name.setdefault(name, num)

    # number -> names.
    by_num = {}
    for name, num in by_name.items():
        by_num.setdefault(num, set()).add(name)

    table = {}
    for num in sorted(by_num):
        names = by_num[num]
        lib = logged.get(num)
        if len(names) == 1:
            (name,) = names
            if lib is not None and lib != name:
                note("%d: header name %s, but libaudit logs it as %s; using %s"
                     % (num, name, lib, lib))
                name = lib
        else:
            # One number, several names: prefer what libaudit writes in
            # logs; else a kernel-header name; else alphabetical first.
            if lib is not None:
                name = lib
                why = "libaudit's log name"
            else:
                kern_names = sorted(n for n in names if kern.get(n) == num)
                name = (kern_names or sorted(names))[0]
                why = "kernel header name" if kern_names else "alphabetically first"
            note("%d has names %s; keeping %s (%s)" % (num, sorted(names), name, why))
        table[num] = name

    for num, name in sorted(logged.items()):
        if num not in table:
            note("libaudit names %d %s, which neither header defines; adding it" % (num, name))
            table[num] = name
    unlogged = ["%d %s" % (num, table[num]) for num in sorted(table) if num not in logged]
    if unlogged:
        note("kept header types that libaudit's log-name table lacks (control messages "
             "or newer than libaudit): %s" % ", ".join(unlogged))

    names = {}
    for num, name in table.items():
        assert name not in names, "name %s used for %d and %d" % (name, names[name], num)
        names[name] = num
    missing = [n for n in EXPECTED_RECORD_NAMES if n not in names]
    assert not missing, "record types missing from sources: %s" % missing
    for name, num in EXPECTED_RECORD_NUMBERS.items():
        assert names[name] == num, "%s is %d, expected %d" % (name, names[name], num)
    note("CONTAINER_OP is not defined by any source (unmerged kernel patch set); not emitted")

    sources = "%s (%s), %s (%s), and libaudit.so.1 audit_msg_type_to_name() (%s)" % (
        KERNEL_AUDIT_H, pkg_label("linux-libc-dev"),
        LIBAUDIT_H, pkg_label("libaudit-dev"), pkg_label("libaudit1"))
    lines = [
        "//! Audit record type numbers and names (generated by scripts/gen-tables.py from %s; do not edit)." % sources,
        "//!",
        "//! Types are the `#define AUDIT_<NAME> <n>` with 1000 <= n <= 2999 in the two headers,",
        "//! minus range markers (AUDIT_FIRST_*/AUDIT_LAST_*); the name is the define without",
        "//! `AUDIT_`, except where libaudit (which auditd uses to write `type=`) logs another",
        "//! name for the number, e.g. 1500 AUDIT_AA -> APPARMOR.",
        "",
        "/// (number, name) sorted by number, one name per number.",
        "#[rustfmt::skip]",
        "pub static RECORD_TYPES: &[(u32, &str)] = &[",
    ]
    for num in sorted(table):
        lines.append("    (%d, %s)," % (num, rust_str(table[num])))
    lines.append("];")
    return "\n".join(lines) + "\n", len(table)


# ---------------------------------------------------------------------------
# Syscalls
# ---------------------------------------------------------------------------

def cargo_home():
    return os.environ.get("CARGO_HOME") or os.path.join(os.path.expanduser("~"), ".cargo")


def version_key(v):
    return tuple(int(p) if p.isdigit() else -1 for p in re.split(r"[.+-]", v))


def locked_syscalls_version():
    lock = os.path.join(REPO_ROOT, SYSCALLS_HELPER, "Cargo.lock")
    if not os.path.isfile(lock):
        return None
    with open(lock, encoding="utf-8") as f:
        m = re.search(r'name = "syscalls"\nversion = "([^"]+)"', f.read())
    return m.group(1) if m else None


def find_syscalls_crate():
    hint = ("the `syscalls` 0.8 crate source is not in the cargo registry cache (%s); "
            "run: cargo fetch --manifest-path %s/Cargo.toml"
            % (os.path.join(cargo_home(), "registry", "src"), SYSCALLS_HELPER))
    dirs = glob.glob(os.path.join(cargo_home(), "registry", "src", "*", "syscalls-0.8.*"))
    found = {}
    for d in dirs:
        v = os.path.basename(d)[len("syscalls-"):]
        if re.fullmatch(r"0\.8\.[0-9]+", v) and os.path.isdir(os.path.join(d, "src", "arch")):
            found[v] = min(found.get(v, d), d)
    if not found:
        raise SourceMissing(hint)
    want = locked_syscalls_version()
    if want is not None:
        if want not in found:
            raise SourceMissing("syscalls %s (pinned by %s/Cargo.lock) is not in the cargo "
                                "registry cache; run: cargo fetch --manifest-path %s/Cargo.toml"
                                % (want, SYSCALLS_HELPER, SYSCALLS_HELPER))
        return want, found[want]
    v = max(found, key=version_key)
    return v, found[v]


ENUM_ENTRY_RE = re.compile(r"^\s+(?:r#)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([0-9]+),\s*$")


def parse_syscalls_file(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"syscall_enum!\s*\{\s*pub enum Sysno\s*\{(.*?)\n\s*\}", text, re.S)
    assert m, "unexpected layout in %s" % path
    table = {}
    for line in m.group(1).splitlines():
        if re.match(r"^\s*(//.*)?$", line):
            continue
        e = ENUM_ENTRY_RE.match(line)
        assert e, "unexpected line in %s: %r" % (path, line)
        name, num = e.group(1), int(e.group(2))
        assert num not in table, "%s: number %d is both %s and %s" % (path, num, table[num], name)
        table[num] = name
    assert table, "no syscalls parsed from %s" % path
    return table


def linux_version_of(crate_dir, version):
    path = os.path.join(crate_dir, "CHANGELOG.md")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^## v?%s\b(.*?)(?=^## |\Z)" % re.escape(version), text, re.S | re.M)
    if not m:
        return None
    lv = re.search(r"Linux v?([0-9]+\.[0-9]+(?:\.[0-9]+)?)", m.group(1))
    return lv.group(1) if lv else None


def build_syscalls():
    version, crate_dir = find_syscalls_crate()
    arch_dir = os.path.join(crate_dir, "src", "arch")
    have = sorted(os.path.splitext(os.path.basename(p))[0]
                  for p in glob.glob(os.path.join(arch_dir, "*.rs")))
    have = [h for h in have if h not in ("mod", "macros")]
    tables = {}
    for static, stem, _desc in SYSCALL_ARCHES:
        path = os.path.join(arch_dir, stem + ".rs")
        if not os.path.isfile(path):
            raise SystemExit("error: syscalls %s has no %s; update SYSCALL_ARCHES" % (version, path))
        tables[static] = parse_syscalls_file(path)
    for static, num, name in SYSCALL_CHECKS:
        got = tables[static].get(num)
        assert got == name, "%s %d is %r, expected %r" % (static, num, got, name)
    used = {stem for _s, stem, _d in SYSCALL_ARCHES}
    unused = [h for h in have if h not in used]
    for static, desc in SYSCALL_ARCHES_MISSING:
        note("syscalls %s has no table for %s; %s not emitted" % (version, desc, static))

    linux = linux_version_of(crate_dir, version)
    src = "the `syscalls` crate %s" % version
    lines = [
        "//! Syscall number -> name tables per architecture (generated by scripts/gen-tables.py "
        "from %s, which is generated from the Linux kernel's syscall tables; do not edit)." % src,
        "//!",
        "//! Source: %s (crates.io), files src/arch/<arch>.rs%s." % (
            src, "; its CHANGELOG says Linux v%s" % linux if linux else ""),
        "//! Arch files in the crate: %s." % ", ".join(have),
        "//!",
    ]
    for static, stem, desc in SYSCALL_ARCHES:
        lines.append("//! - `%s` <- %s.rs: %s" % (static, stem, desc))
    lines.append("//!")
    lines.append("//! Not available in the crate (no table emitted):")
    for static, desc in SYSCALL_ARCHES_MISSING:
        lines.append("//! - `%s`: %s" % (static, desc))
    if unused:
        lines.append("//!")
        lines.append("//! Crate arch files not emitted (no audit arch requested): %s." % ", ".join(unused))
    lines.append("//!")
    lines.append("//! Entries the kernel tables list but do not implement (e.g. i386 `break`) are kept,")
    lines.append("//! since their numbers can still appear in logs.")
    counts = {}
    for static, stem, _desc in SYSCALL_ARCHES:
        t = tables[static]
        counts[static] = len(t)
        lines.append("")
        lines.append("/// %s syscalls (from `syscalls` %s src/arch/%s.rs), sorted by number." % (static, version, stem))
        lines.append("#[rustfmt::skip]")
        lines.append("pub static %s: &[(u32, &str)] = &[" % static)
        for num in sorted(t):
            lines.append("    (%d, %s)," % (num, rust_str(t[num])))
        lines.append("];")
    return "\n".join(lines) + "\n", counts, version, have


# ---------------------------------------------------------------------------
# errno
# ---------------------------------------------------------------------------

def build_errno():
    hint = "apt-get install linux-libc-dev"
    defines = []
    for path in (ERRNO_BASE_H, ERRNO_H):
        defines += parse_defines(read_text(path, hint))
    numeric = {}
    aliases = []
    for name, value in defines:
        if not re.fullmatch(r"E[A-Z0-9]+", name):
            continue
        if re.fullmatch(r"[0-9]+", value):
            if name in numeric and numeric[name] != int(value):
                raise SystemExit("error: %s defined as %d and %s" % (name, numeric[name], value))
            numeric[name] = int(value)
        elif re.fullmatch(r"E[A-Z0-9]+", value):
            aliases.append((name, value))
    by_num = {}
    for name, num in numeric.items():
        by_num.setdefault(num, []).append(name)
    for num, names in sorted(by_num.items()):
        if len(names) > 1:
            raise SystemExit("error: errno %d has several primary names %s" % (num, names))
    for alias, target in aliases:
        assert target in numeric, "alias %s -> unknown %s" % (alias, target)
        note("errno alias %s = %s (%d); keeping primary name %s"
             % (alias, target, numeric[target], target))
    assert numeric.get("EPERM") == 1 and numeric.get("EAGAIN") == 11
    assert numeric.get("EDEADLK") == 35 and numeric.get("EHWPOISON") is not None

    libc = None
    try:
        libc = os.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError, AttributeError):
        pass
    if not libc or not libc.startswith("glibc"):
        raise SourceMissing("os.strerror() must come from glibc (found %r); run this on a "
                            "Debian/glibc system (package libc6)" % (libc,))
    rows = []
    for num in sorted(by_num):
        name = by_num[num][0]
        msg = os.strerror(num)
        assert not msg.startswith("Unknown error"), "glibc has no message for %s %d" % (name, num)
        rows.append((num, name, msg))
    assert rows[0] == (1, "EPERM", "Operation not permitted"), rows[0]

    sources = ("%s and %s (%s; the asm-generic numbering that all Linux arches but alpha, "
               "mips, parisc and sparc use, powerpc only moving EDEADLOCK to 58) and messages from Python's os.strerror(), "
               "i.e. %s strerror() (%s)" % (
                   ERRNO_BASE_H, ERRNO_H, pkg_label("linux-libc-dev"),
                   libc, pkg_label("libc6")))
    lines = [
        "//! Linux errno numbers, names and messages (generated by scripts/gen-tables.py from %s; do not edit)." % sources,
        "//!",
        "//! Aliases (%s) are resolved to the primary name for the number." % ", ".join(
            "%s = %s" % a for a in aliases),
        "",
        "/// (number, name, message) sorted by number.",
        "#[rustfmt::skip]",
        "pub static ERRNO: &[(u32, &str, &str)] = &[",
    ]
    for num, name, msg in rows:
        lines.append("    (%d, %s, %s)," % (num, rust_str(name), rust_str(msg)))
    lines.append("];")
    return "\n".join(lines) + "\n", len(rows)


MOD_RS = """//! Tables derived from authoritative sources by `scripts/gen-tables.py` and
//! `scripts/gen-interpret-tables.py`; never edited by hand.
pub mod arch_values;
pub mod errno;
pub mod field_types;
pub mod record_types;
pub mod syscalls;
pub mod tty_keys;
pub mod values;
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    try:
        record_rs, n_types = build_record_types()
        syscalls_rs, sc_counts, sc_version, sc_have = build_syscalls()
        errno_rs, n_errno = build_errno()
    except SourceMissing as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    write(os.path.join(OUT_DIR, "record_types.rs"), record_rs)
    write(os.path.join(OUT_DIR, "syscalls.rs"), syscalls_rs)
    write(os.path.join(OUT_DIR, "errno.rs"), errno_rs)
    write(os.path.join(OUT_DIR, "mod.rs"), MOD_RS)
    print("record_types.rs: %d record types" % n_types)
    print("syscalls.rs: syscalls %s (crate arch files: %s)" % (sc_version, ", ".join(sc_have)))
    for static, n in sc_counts.items():
        print("  %-9s %d syscalls" % (static, n))
    print("errno.rs: %d errno values" % n_errno)
    return 0


if __name__ == "__main__":
    sys.exit(main())

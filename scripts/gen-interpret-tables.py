#!/usr/bin/env python3
"""Generate the value tables behind `ausearch -i`-style field interpretation.

Usage (from the repository root):

    python3 scripts/gen-interpret-tables.py --audit-userspace DIR

Writes (byte-identically for the same source versions):

    src/interpret/tables/field_types.rs   field name -> FieldType
    src/interpret/tables/values.rs        tables that are the same on every architecture
    src/interpret/tables/arch_values.rs   tables whose numbers differ between architectures
    src/interpret/tables/tty_keys.rs      names of terminal key sequences

Sources (no number is typed in by hand; every value comes from these):

  * Kernel UAPI headers of Debian's linux-libc-dev (/usr/include) for the analysing
    machine's architecture (x86), and of Debian's linux-libc-dev-<arch>-cross packages
    (/usr/<triplet>/include) for the others:
        apt-get install linux-libc-dev linux-libc-dev-arm64-cross \\
            linux-libc-dev-armhf-cross linux-libc-dev-powerpc-cross \\
            linux-libc-dev-ppc64el-cross linux-libc-dev-s390x-cross \\
            linux-libc-dev-mips-cross linux-libc-dev-mips64-cross \\
            linux-libc-dev-riscv64-cross
  * glibc's headers (Debian libc6-dev) where the kernel's UAPI has no definition:
    address families, socket types, message flags, socket levels, scheduling
    policies, umount flags, access modes.
  * /etc/protocols of Debian's netbase package, checked against the package's
    recorded checksum so that a locally edited file is refused.
  * ioctl request numbers need sizeof() of kernel structures, so they are computed by
    compiling a small C program against the same headers with the system C compiler.
  * Field names and their kinds, and the names of terminal key sequences:
    auparse/typetab.h and auparse/tty_named_keys.h of audit-userspace (the lists that
    ausearch and auparse use), from a checkout given by
    --audit-userspace DIR or $AUDIT_USERSPACE_SRC; the commit is recorded in the
    output.  Get one with:
        git clone https://github.com/linux-audit/audit-userspace

The display names are what `ausearch -i` prints.  Mostly that is the header's macro
name, or a mechanical transformation of it (capabilities lower-cased without CAP_,
address families lower-cased without AF_, ...).  Where auparse's names are not a
transformation of the macro (ICMP types, netfilter hooks, ...), a small rename map
below gives them, keyed by the header's macro name; the numbers still come from the
header.

Python 3 standard library only.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "src", "interpret", "tables")
HOST_INCLUDE = ["/usr/include/x86_64-linux-gnu", "/usr/include"]


class SourceMissing(Exception):
    pass


def run(cmd, stdin_text=None):
    r = subprocess.run(cmd, input=stdin_text, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, check=False)
    if r.returncode != 0:
        raise SourceMissing("%s failed:\n%s" % (" ".join(cmd), r.stderr[-3000:]))
    return r.stdout


def pkg_label(pkg):
    v = dpkg_version(pkg)
    if v is None:
        raise SourceMissing("Debian package %s is not installed; apt-get install %s" % (pkg, pkg))
    return "%s %s" % (pkg, v)


def _load_gen_tables():
    """gen-tables.py, whose helpers this script shares (its name is not importable as is)."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen-tables.py")
    spec = importlib.util.spec_from_file_location("gen_tables", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_gen_tables = _load_gen_tables()
rust_str = _gen_tables.rust_str
dpkg_version = _gen_tables.dpkg_version


# ---------------------------------------------------------------------------
# Architectures: where their headers are and what their compiler predefines.
# ---------------------------------------------------------------------------

class HeaderArch:
    def __init__(self, rust, what, include, package, predefines, also=()):
        self.rust = rust
        self.what = what
        self.include = include
        self.package = package
        self.predefines = predefines
        # Other ABIs read from the same headers, whose extra numbers are merged in.
        self.also = list(also)


# x86 is read as i386 and as x86_64 sees it: only the 32-bit view defines the *64 fcntl
# commands that i386 processes use, only the 64-bit one PTRACE_ARCH_PRCTL.
HEADER_ARCHES = [
    HeaderArch("X86", "i386 and x86_64", HOST_INCLUDE, "linux-libc-dev",
               ["__i386__", "__SIZEOF_LONG__=4"],
               [HeaderArch("X86", "x86_64", HOST_INCLUDE, "linux-libc-dev",
                           ["__x86_64__", "__SIZEOF_LONG__=8"])]),
    HeaderArch("Arm", "32-bit arm", ["/usr/arm-linux-gnueabihf/include"],
               "linux-libc-dev-armhf-cross", ["__arm__", "__ARMEL__", "__SIZEOF_LONG__=4"]),
    HeaderArch("Aarch64", "aarch64", ["/usr/aarch64-linux-gnu/include"],
               "linux-libc-dev-arm64-cross", ["__aarch64__", "__SIZEOF_LONG__=8"]),
    HeaderArch("Powerpc", "32-bit powerpc", ["/usr/powerpc-linux-gnu/include"],
               "linux-libc-dev-powerpc-cross", ["__powerpc__", "__SIZEOF_LONG__=4"]),
    HeaderArch("Powerpc64", "ppc64 and ppc64le", ["/usr/powerpc64le-linux-gnu/include"],
               "linux-libc-dev-ppc64el-cross",
               ["__powerpc__", "__powerpc64__", "__SIZEOF_LONG__=8"]),
    HeaderArch("S390", "s390 and s390x", ["/usr/s390x-linux-gnu/include"],
               "linux-libc-dev-s390x-cross", ["__s390__", "__s390x__", "__SIZEOF_LONG__=8"]),
    HeaderArch("Mips", "mips o32", ["/usr/mips-linux-gnu/include"], "linux-libc-dev-mips-cross",
               ["__mips__", "_ABIO32=1", "_ABIN32=2", "_ABI64=3", "_MIPS_SIM=_ABIO32",
                "__MIPSEB__", "__SIZEOF_LONG__=4"]),
    HeaderArch("Mips64", "mips n64 and n32", ["/usr/mips64-linux-gnuabi64/include"],
               "linux-libc-dev-mips64-cross",
               ["__mips__", "__mips64", "_ABIO32=1", "_ABIN32=2", "_ABI64=3",
                "_MIPS_SIM=_ABI64", "__MIPSEB__", "__SIZEOF_LONG__=8"]),
    HeaderArch("Riscv", "riscv32 and riscv64", ["/usr/riscv64-linux-gnu/include"],
               "linux-libc-dev-riscv64-cross",
               ["__riscv", "__riscv_xlen=64", "__SIZEOF_LONG__=8"]),
]
X86 = HEADER_ARCHES[0]
# Tables that do not depend on the architecture are read as x86_64 sees them (some
# kernel headers include glibc ones, which need a real host ABI).
HOST = HeaderArch("X86", "x86_64", HOST_INCLUDE + [
    subprocess.run(["cc", "-print-file-name=include"], stdout=subprocess.PIPE, text=True,
                   check=True).stdout.strip()], "linux-libc-dev",
                  ["__x86_64__", "__LP64__", "__SIZEOF_LONG__=8"])


# ---------------------------------------------------------------------------
# Reading headers: the C preprocessor resolves includes and conditionals and
# lists every #define in source order (-dD); this script evaluates the values.
# ---------------------------------------------------------------------------

class Define:
    def __init__(self, name, params, body, path):
        self.name = name
        self.params = params
        self.body = body
        self.path = path


class Headers:
    """The defines and enums of a set of headers, as one architecture sees them."""

    def __init__(self, headers, arch=None, glibc=False):
        lines = "".join("#include <%s>\n" % h for h in headers)
        if glibc:
            cmd = ["cpp", "-dD", "-D_GNU_SOURCE", "-x", "c", "-"]
        else:
            arch = arch or HOST
            for inc in arch.include:
                if not os.path.isdir(inc):
                    raise SourceMissing("%s is missing; apt-get install %s" % (inc, arch.package))
            cmd = ["cpp", "-undef", "-nostdinc", "-dD", "-x", "c", "-", "-D__CHAR_BIT__=8"]
            for inc in arch.include:
                cmd.append("-I" + inc)
            for p in arch.predefines:
                cmd.append("-D" + p)
        out = run(cmd, lines)
        self.defines = []      # in source order
        self.by_name = {}      # last definition wins, as in C
        self.text = []         # preprocessed text, for enums
        current = None
        for line in out.splitlines():
            m = re.match(r'^# \d+ "([^"]*)"', line)
            if m:
                current = m.group(1)
                continue
            m = re.match(r"^#define ([A-Za-z_]\w*)(\([^)]*\))?(?:\s+(.*))?$", line)
            if m:
                if current is None or current.startswith("<"):
                    continue
                d = Define(m.group(1), m.group(2), (m.group(3) or "").strip(), current)
                self.defines.append(d)
                self.by_name[d.name] = d
                continue
            m = re.match(r"^#undef ([A-Za-z_]\w*)", line)
            if m:
                self.by_name.pop(m.group(1), None)
                continue
            if current is not None and not current.startswith("<"):
                self.text.append(line)
        self.enums = {}        # name -> value, over every enum in the text
        self.enum_order = []   # (name, value, explicit expression or None)
        self._parse_enums()

    def _parse_enums(self):
        text = "\n".join(self.text)
        for m in re.finditer(r"\benum\b\s*\w*\s*\{(.*?)\}", text, re.S):
            value = -1
            for item in split_top(m.group(1)):
                item = item.strip()
                if not item:
                    continue
                em = re.match(r"^([A-Za-z_]\w*)\s*(?:=\s*(.*))?$", item, re.S)
                if not em:
                    continue
                name, expr = em.group(1), em.group(2)
                if expr is not None:
                    value = self.eval(expr)
                else:
                    value += 1
                self.enums[name] = value
                self.enum_order.append((name, value, expr))

    def eval(self, expr, seen=None):
        return Evaluator(self, seen or set()).run(expr)

    def value(self, name):
        """The integer value of a macro or enum constant, or None."""
        try:
            return self.eval(name)
        except EvalError:
            return None

    def is_alias(self, d):
        """True for `#define A B`: another name for an existing constant."""
        return re.fullmatch(r"\(?\s*[A-Za-z_]\w*\s*\)?", d.body) is not None and d.body.strip("() ") != d.name

    def in_file(self, d, suffix):
        return d.path.endswith(suffix)


def split_top(text):
    """Splits on commas outside parentheses."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


class EvalError(Exception):
    pass


TOKEN_RE = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)|'(\\?.)'|([A-Za-z_]\w*)|(<<|>>|&&|\|\||[-+*/%&|^~!()]))")
CAST_TYPES = {"unsigned", "signed", "int", "long", "short", "char", "__u32", "__u64", "__s32",
              "__s64", "__u16", "__u8", "__le32", "__be32", "__kernel_ulong_t", "size_t"}


class Evaluator:
    def __init__(self, headers, seen):
        self.h = headers
        self.seen = seen

    def tokenize(self, expr):
        toks, pos = [], 0
        expr = expr.strip()
        while pos < len(expr):
            m = TOKEN_RE.match(expr, pos)
            if not m or m.end() == pos:
                raise EvalError("cannot read %r" % expr)
            pos = m.end()
            if m.group(1):
                text = m.group(1)
                if text.lower().startswith("0x"):
                    toks.append(("num", int(text, 16)))
                elif len(text) > 1 and text.startswith("0"):
                    toks.append(("num", int(text, 8)))
                else:
                    toks.append(("num", int(text)))
            elif m.group(3):
                c = m.group(3)
                toks.append(("num", ord(c[-1]) if not c.startswith("\\") else ord(c[1])))
            elif m.group(4):
                toks.append(("id", m.group(4)))
            else:
                toks.append(("op", m.group(5)))
        return toks

    def run(self, expr):
        self.toks = self.tokenize(expr)
        self.i = 0
        v = self.binary(0)
        if self.i != len(self.toks):
            raise EvalError("trailing tokens in %r" % expr)
        return v

    PREC = [("||",), ("&&",), ("|",), ("^",), ("&",), ("<<", ">>"), ("+", "-"), ("*", "/", "%")]

    def binary(self, level):
        if level == len(self.PREC):
            return self.unary()
        v = self.binary(level + 1)
        while self.i < len(self.toks) and self.toks[self.i] == ("op", self.toks[self.i][1]) \
                and self.toks[self.i][1] in self.PREC[level]:
            op = self.toks[self.i][1]
            self.i += 1
            r = self.binary(level + 1)
            v = {"||": lambda a, b: int(bool(a) or bool(b)), "&&": lambda a, b: int(bool(a) and bool(b)),
                 "|": lambda a, b: a | b, "^": lambda a, b: a ^ b, "&": lambda a, b: a & b,
                 "<<": lambda a, b: a << b, ">>": lambda a, b: a >> b, "+": lambda a, b: a + b,
                 "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a // b,
                 "%": lambda a, b: a % b}[op](v, r)
        return v

    def unary(self):
        if self.i >= len(self.toks):
            raise EvalError("unexpected end")
        kind, val = self.toks[self.i]
        if kind == "op" and val in "-~!+":
            self.i += 1
            v = self.unary()
            return {"-": -v, "~": ~v, "!": int(not v), "+": v}[val]
        if kind == "op" and val == "(":
            # A cast such as (unsigned long) or (__u32) is skipped.
            j = self.i + 1
            while j < len(self.toks) and self.toks[j][0] == "id" and self.toks[j][1] in CAST_TYPES:
                j += 1
            if j > self.i + 1 and j < len(self.toks) and self.toks[j] == ("op", ")"):
                self.i = j + 1
                return self.unary()
            self.i += 1
            v = self.binary(0)
            if self.i >= len(self.toks) or self.toks[self.i] != ("op", ")"):
                raise EvalError("missing )")
            self.i += 1
            return v
        self.i += 1
        if kind == "num":
            return val
        if kind == "id":
            return self.identifier(val)
        raise EvalError("unexpected %r" % val)

    def identifier(self, name):
        d = self.h.by_name.get(name)
        if d is not None and d.params is None and name not in self.seen:
            return self.h.eval(d.body, self.seen | {name})
        if name in self.h.enums:
            return self.h.enums[name]
        raise EvalError("unknown name %s" % name)


# ---------------------------------------------------------------------------
# Table building helpers.
# ---------------------------------------------------------------------------

def first_per_value(h, pick, display=lambda n: n, skip_aliases=True):
    """(value, display name) for the first define of each value, in source order, among
    the defines `pick` accepts."""
    out = {}
    for d in h.defines:
        if d.params is not None or not pick(d):
            continue
        if skip_aliases and h.is_alias(d):
            target = h.by_name.get(d.body.strip("() "))
            if target is None or pick(target):
                continue
        v = h.value(d.name)
        if v is None or v < 0:
            continue
        out.setdefault(v, display(d.name))
    return sorted(out.items())


def enum_first_per_value(h, pick, display=lambda n: n):
    out = {}
    for name, value, expr in h.enum_order:
        if not pick(name):
            continue
        if expr is not None and re.fullmatch(r"\s*[A-Za-z_]\w*\s*", expr) and pick(expr.strip()):
            continue  # another name for a constant already in the table
        out.setdefault(value, display(name))
    return sorted(out.items())


def name_re(pattern, exclude=None):
    inc = re.compile(pattern)
    exc = re.compile(exclude) if exclude else None
    return lambda d: inc.fullmatch(d.name) is not None and (exc is None or exc.fullmatch(d.name) is None)


def span(h, first, last):
    """Accepts the defines from `first` through `last` in source order."""
    names = [d.name for d in h.defines]
    try:
        a, b = names.index(first), names.index(last)
    except ValueError as e:
        raise SourceMissing("span anchor missing: %s" % e)
    inside = set(names[a:b + 1])
    return lambda d: d.name in inside


def single_bits(rows):
    return [(v, n) for v, n in rows if v != 0 and v & (v - 1) == 0]


def require(rows, what, expected):
    got = dict(rows)
    for v, n in expected:
        if got.get(v) != n:
            raise SystemExit("error: %s: expected %d -> %s, got %r" % (what, v, n, got.get(v)))


class Table:
    def __init__(self, rust, doc, source, rows):
        self.rust = rust
        self.doc = doc
        self.source = source
        self.rows = rows
        self.hex = rust in HEX_TABLES

    def render(self):
        lines = ["", "/// %s" % self.doc, "///", "/// Source: %s." % self.source,
                 "#[rustfmt::skip]",
                 "pub static %s: &[(u64, &str)] = &[" % self.rust]
        for v, n in self.rows:
            lines.append("    (%s, %s)," % (fmt_num(v, self.hex), rust_str(n)))
        lines.append("];")
        return lines


# Bit sets, masks and encoded numbers read best in hexadecimal.
HEX_TABLES = {"CLONE_FLAGS", "PERSONALITIES", "PERSONALITY_FLAGS", "SECCOMP_ACTIONS", "MOUNT_FLAGS",
              "MOUNT_ATTR_FLAGS", "UMOUNT_FLAGS", "SCHED_FLAGS", "MSG_FLAGS", "SOCKET_TYPE_FLAGS",
              "IPC_FLAGS", "SHM_FLAGS", "AT_FLAGS", "RESOLVE_FLAGS", "FILE_TYPES", "ETHER_TYPES",
              "IOCTL_REQUESTS", "OPEN_FLAGS", "MMAP_FLAGS", "MMAP_TYPES", "PROT_FLAGS"}


def fmt_num(v, hex_form):
    return "0x%x" % v if hex_form and v > 9 else "%d" % v


# ---------------------------------------------------------------------------
# Tables that are the same on every architecture.
# ---------------------------------------------------------------------------

LIBC = None


def libc_label():
    global LIBC
    if LIBC is None:
        LIBC = pkg_label("libc6-dev")
    return LIBC


def kernel_label(arch=X86):
    return pkg_label(arch.package)


def tables_common():
    tables = []
    kl = kernel_label()

    h = Headers(["linux/capability.h"])
    last = h.value("CAP_LAST_CAP")
    rows = first_per_value(h, name_re(r"CAP_[A-Z_]+", r"CAP_LAST_CAP"),
                           lambda n: n[4:].lower())
    rows = [(v, n) for v, n in rows if v <= last]
    assert len(rows) == last + 1, "capabilities 0..%d not all named" % last
    require(rows, "capabilities", [(0, "chown"), (21, "sys_admin"), (37, "audit_read")])
    tables.append(Table("CAPABILITIES", "Capability numbers, named as ausearch prints them "
                        "(lower case, without `CAP_`).",
                        "/usr/include/linux/capability.h CAP_* 0..CAP_LAST_CAP (%s)" % kl, rows))

    h = Headers(["linux/sched.h"])
    rows = first_per_value(h, name_re(r"CLONE_[A-Z_]+", r"CLONE_ARGS_SIZE_VER\d+"))
    rows = single_bits(rows)
    require(rows, "clone flags", [(0x100, "CLONE_VM"), (0x02000000, "CLONE_NEWCGROUP")])
    tables.append(Table("CLONE_FLAGS", "clone(), unshare() and setns() flags (bits); the low "
                        "byte of clone()'s flags is the exit signal, except `CLONE_NEWTIME`, "
                        "which only unshare() and setns() accept.",
                        "/usr/include/linux/sched.h CLONE_* single bits (%s)" % kl, rows))

    h = Headers(["linux/personality.h"])
    pers = enum_first_per_value(h, lambda n: n.startswith("PER_") and n != "PER_MASK")
    flags = enum_first_per_value(h, lambda n: not n.startswith("PER_") and n.upper() == n)
    flags = single_bits(flags)
    require(pers, "personalities", [(0, "PER_LINUX"), (8, "PER_LINUX32")])
    require(flags, "personality flags", [(0x40000, "ADDR_NO_RANDOMIZE")])
    tables.append(Table("PERSONALITIES", "Execution domains, the whole value (domain and its "
                        "implied flags).", "/usr/include/linux/personality.h enum PER_* (%s)" % kl,
                        pers))
    tables.append(Table("PERSONALITY_FLAGS", "Personality flags (bits above the domain byte).",
                        "/usr/include/linux/personality.h enum of flags (%s)" % kl, flags))

    # prctl options: the header marks the sub-constants of an option by writing
    # `# define`; the options themselves are `#define`.
    h = Headers(["linux/prctl.h"])
    path = "/usr/include/linux/prctl.h"
    with open(path, encoding="utf-8") as f:
        options = set(re.findall(r"^#define\s+(PR_[A-Z0-9_]+)\s", f.read(), re.M))
    rows = first_per_value(h, lambda d: d.name in options)
    rows = [(v, n) for v, n in rows if v > 0]
    require(rows, "prctl", [(1, "PR_SET_PDEATHSIG"), (23, "PR_CAPBSET_READ"), (38, "PR_SET_NO_NEW_PRIVS")])
    tables.append(Table("PRCTL_OPTIONS", "prctl() options.",
                        "%s: the `#define PR_*` lines (sub-constants are written `# define`) (%s)"
                        % (path, kl), rows))

    h = Headers(["linux/seccomp.h"])
    rename = {"SECCOMP_RET_USER_NOTIF": "user-notify"}
    rows = first_per_value(h, name_re(r"SECCOMP_RET_[A-Z_]+", r"SECCOMP_RET_(ACTION|ACTION_FULL|DATA)"),
                           lambda n: rename.get(n, n[len("SECCOMP_RET_"):].lower().replace("_", "-")))
    require(rows, "seccomp", [(0, "kill-thread"), (0x80000000, "kill-process"), (0x50000, "errno"),
                              (0x7fff0000, "allow")])
    tables.append(Table("SECCOMP_ACTIONS", "seccomp filter actions (the value's top 16 bits), named "
                        "as ausearch prints them.",
                        "/usr/include/linux/seccomp.h SECCOMP_RET_* (%s)" % kl, rows))

    h = Headers(["linux/mount.h"])
    rows = single_bits(first_per_value(h, name_re(r"MS_[A-Z_]+", r"MS_(RMT_MASK|MGC_VAL|MGC_MSK)")))
    require(rows, "mount flags", [(1, "MS_RDONLY"), (4096, "MS_BIND"), (1 << 30, "MS_ACTIVE")])
    tables.append(Table("MOUNT_FLAGS", "mount() flags (bits).",
                        "/usr/include/linux/mount.h MS_* single bits (%s)" % kl, rows))
    rows = single_bits(first_per_value(h, name_re(r"MOUNT_ATTR_[A-Z_]+", r"MOUNT_ATTR_(SIZE_VER\d+|_ATIME)")))
    tables.append(Table("MOUNT_ATTR_FLAGS", "fsmount() and mount_setattr() attribute flags (bits).",
                        "/usr/include/linux/mount.h MOUNT_ATTR_* single bits (%s)" % kl, rows))
    rows = enum_first_per_value(h, lambda n: n.startswith("FSCONFIG_"))
    require(rows, "fsconfig", [(0, "FSCONFIG_SET_FLAG"), (6, "FSCONFIG_CMD_CREATE")])
    tables.append(Table("FSCONFIG_COMMANDS", "fsconfig() commands.",
                        "/usr/include/linux/mount.h enum fsconfig_command (%s)" % kl, rows))

    h = Headers(["sys/mount.h"], glibc=True)
    rows = enum_first_per_value(h, lambda n: n.startswith("MNT_") or n.startswith("UMOUNT_"))
    require(rows, "umount", [(1, "MNT_FORCE"), (8, "UMOUNT_NOFOLLOW")])
    tables.append(Table("UMOUNT_FLAGS", "umount2() flags (bits).",
                        "glibc /usr/include/x86_64-linux-gnu/sys/mount.h enum MNT_*, UMOUNT_* (%s)"
                        % libc_label(), rows))

    h = Headers(["sched.h"], glibc=True)
    rows = first_per_value(h, name_re(r"SCHED_[A-Z_]+", r"SCHED_RESET_ON_FORK"))
    rows = [(v, n) for v, n in rows if v < 16]
    require(rows, "sched", [(0, "SCHED_OTHER"), (6, "SCHED_DEADLINE")])
    tables.append(Table("SCHED_POLICIES", "Scheduling policies (the value's low bits; "
                        "`SCHED_RESET_ON_FORK` is a flag).",
                        "glibc bits/sched.h SCHED_* (%s)" % libc_label(), rows))
    reset = h.value("SCHED_RESET_ON_FORK")
    tables.append(Table("SCHED_FLAGS", "Scheduling policy flags.",
                        "glibc bits/sched.h SCHED_RESET_ON_FORK (%s)" % libc_label(),
                        [(reset, "SCHED_RESET_ON_FORK")]))

    h = Headers(["sys/socket.h"], glibc=True)
    rename = {"PF_LOCAL": "local", "PF_DECnet": "decnet"}
    rows = first_per_value(h, name_re(r"PF_\w+", r"PF_MAX"),
                           lambda n: rename.get(n, n[3:].lower()))
    require(rows, "families", [(0, "unspec"), (1, "local"), (2, "inet"), (10, "inet6"),
                               (16, "netlink"), (17, "packet"), (40, "vsock")])
    tables.append(Table("ADDRESS_FAMILIES", "Address families, named as ausearch prints them "
                        "(lower case, without `AF_`; 1 is `local`).",
                        "glibc bits/socket.h PF_* (%s)" % libc_label(), rows))
    rows = enum_first_per_value(h, lambda n: n.startswith("MSG_"))
    rows = single_bits(rows)
    require(rows, "msg flags", [(1, "MSG_OOB"), (0x40, "MSG_DONTWAIT"), (0x4000, "MSG_NOSIGNAL")])
    tables.append(Table("MSG_FLAGS", "send*() and recv*() flags (bits).",
                        "glibc bits/socket.h enum MSG_* (%s)" % libc_label(), rows))
    rows = first_per_value(h, name_re(r"SOL_[A-Z0-9_]+", r"SOL_SOCKET"))
    require(rows, "socket levels", [(255, "SOL_RAW"), (263, "SOL_PACKET"), (270, "SOL_NETLINK")])
    tables.append(Table("SOCKET_LEVELS", "Socket option levels that are not IP protocol numbers "
                        "(levels that are protocols print as the protocol's name).",
                        "glibc bits/socket.h SOL_* (%s)" % libc_label(), rows))
    types = enum_first_per_value(h, lambda n: n.startswith("SOCK_"))
    type_flags = [(v, n) for v, n in types if v > 0xff]
    types = [(v, n) for v, n in types if v <= 0xff]
    require(types, "socket types", [(1, "SOCK_STREAM"), (2, "SOCK_DGRAM"), (10, "SOCK_PACKET")])
    tables.append(Table("SOCKET_TYPES", "Socket types (the low byte of socket()'s type).",
                        "glibc bits/socket_type.h enum __socket_type (%s)" % libc_label(), types))
    tables.append(Table("SOCKET_TYPE_FLAGS", "Flags in socket()'s type above the low byte.",
                        "glibc bits/socket_type.h enum __socket_type (%s)" % libc_label(), type_flags))

    h = Headers(["unistd.h"], glibc=True)
    rows = first_per_value(h, name_re(r"[RWX]_OK"))
    tables.append(Table("ACCESS_MODES", "access() modes (bits; 0 is `F_OK`).",
                        "glibc unistd.h R_OK, W_OK, X_OK (%s)" % libc_label(), rows))

    h = Headers(["linux/net.h"])
    rows = first_per_value(h, name_re(r"SYS_[A-Z0-9]+"), lambda n: n[4:].lower())
    require(rows, "socketcall", [(1, "socket"), (3, "connect"), (20, "sendmmsg")])
    tables.append(Table("SOCKETCALLS", "socketcall() calls, named as the syscalls they stand for.",
                        "/usr/include/linux/net.h SYS_* (%s)" % kl, rows))

    h = Headers(["linux/ipc.h", "linux/shm.h"])
    rows = first_per_value(h, lambda d: h.in_file(d, "linux/ipc.h")
                           and re.fullmatch(r"(SEM|MSG|SHM)[A-Z]+", d.name) is not None,
                           lambda n: n.lower())
    require(rows, "ipc calls", [(1, "semop"), (4, "semtimedop"), (24, "shmctl")])
    tables.append(Table("IPC_CALLS", "ipc() calls, named as the syscalls they stand for.",
                        "/usr/include/linux/ipc.h SEMOP..SHMCTL (%s)" % kl, rows))
    rows = single_bits(first_per_value(h, name_re(r"IPC_(CREAT|EXCL|NOWAIT)")))
    tables.append(Table("IPC_FLAGS", "IPC object flags.", "/usr/include/linux/ipc.h IPC_CREAT, "
                        "IPC_EXCL, IPC_NOWAIT (%s)" % kl, rows))
    rows = single_bits(first_per_value(h, name_re(r"SHM_(HUGETLB|NORESERVE)")))
    tables.append(Table("SHM_FLAGS", "shmget() flags.", "/usr/include/linux/shm.h SHM_HUGETLB, "
                        "SHM_NORESERVE (%s)" % kl, rows))

    h = Headers(["linux/in.h", "linux/netfilter_ipv4/ip_tables.h"])
    rows = first_per_value(h, lambda d: h.in_file(d, "linux/in.h") and re.fullmatch(
        r"(IP|MCAST)_[A-Z0-9_]+", d.name) is not None and re.fullmatch(
        r"IP_(PMTUDISC_\w+|DEFAULT_MULTICAST_\w+|MAX_MEMBERSHIPS)|MCAST_(EXCLUDE|INCLUDE)",
        d.name) is None)
    require(rows, "ip options", [(1, "IP_TOS"), (35, "IP_ADD_MEMBERSHIP"), (42, "MCAST_JOIN_GROUP")])
    tables.append(Table("IP_OPTIONS", "IPPROTO_IP socket options.",
                        "/usr/include/linux/in.h IP_*, MCAST_* options (%s)" % kl, rows))
    set_rows = first_per_value(h, name_re(r"IPT_SO_SET_\w+", r"IPT_SO_SET_MAX"))
    get_rows = first_per_value(h, name_re(r"IPT_SO_GET_\w+", r"IPT_SO_GET_MAX"))
    tables.append(Table("IPT_SET_OPTIONS", "iptables' IPPROTO_IP options for setsockopt().",
                        "/usr/include/linux/netfilter_ipv4/ip_tables.h IPT_SO_SET_* (%s)" % kl, set_rows))
    tables.append(Table("IPT_GET_OPTIONS", "iptables' IPPROTO_IP options for getsockopt().",
                        "/usr/include/linux/netfilter_ipv4/ip_tables.h IPT_SO_GET_* (%s)" % kl, get_rows))

    h = Headers(["linux/in6.h", "linux/netfilter_ipv6/ip6_tables.h", "linux/in.h"])
    first = span(h, "IPV6_ADDRFORM", "IPV6_FREEBIND")
    rows = first_per_value(h, lambda d: (first(d) and re.fullmatch(
        r"IPV6_(PMTUDISC_\w+|PREFER_SRC_\w+)", d.name) is None) or (
        h.in_file(d, "linux/in.h") and re.fullmatch(r"MCAST_[A-Z_]+", d.name) is not None
        and d.name not in ("MCAST_EXCLUDE", "MCAST_INCLUDE")))
    require(rows, "ipv6 options", [(1, "IPV6_ADDRFORM"), (26, "IPV6_V6ONLY"), (67, "IPV6_TCLASS")])
    tables.append(Table("IPV6_OPTIONS", "IPPROTO_IPV6 socket options.",
                        "/usr/include/linux/in6.h IPV6_ADDRFORM..IPV6_FREEBIND and linux/in.h "
                        "MCAST_* (%s)" % kl, rows))
    set_rows = first_per_value(h, name_re(r"IP6T_SO_SET_\w+", r"IP6T_SO_SET_MAX"))
    get_rows = first_per_value(h, name_re(r"IP6T_SO_(GET_\w+|ORIGINAL_DST)", r"IP6T_SO_GET_MAX"))
    tables.append(Table("IP6T_SET_OPTIONS", "ip6tables' IPPROTO_IPV6 options for setsockopt().",
                        "/usr/include/linux/netfilter_ipv6/ip6_tables.h IP6T_SO_SET_* (%s)" % kl,
                        set_rows))
    tables.append(Table("IP6T_GET_OPTIONS", "ip6tables' IPPROTO_IPV6 options for getsockopt().",
                        "/usr/include/linux/netfilter_ipv6/ip6_tables.h IP6T_SO_GET_*, "
                        "IP6T_SO_ORIGINAL_DST (%s)" % kl, get_rows))

    h = Headers(["linux/tcp.h"])
    first = span(h, "TCP_NODELAY", "TCP_TX_DELAY")
    rows = first_per_value(h, first)
    require(rows, "tcp options", [(1, "TCP_NODELAY"), (13, "TCP_CONGESTION"), (31, "TCP_ULP")])
    tables.append(Table("TCP_OPTIONS", "IPPROTO_TCP socket options.",
                        "/usr/include/linux/tcp.h TCP_NODELAY..TCP_TX_DELAY (%s)" % kl, rows))
    h = Headers(["linux/udp.h"])
    rows = first_per_value(h, name_re(r"UDP_[A-Z0-9_]+", r"UDP_ENCAP_\w+"))
    require(rows, "udp options", [(1, "UDP_CORK"), (100, "UDP_ENCAP")])
    tables.append(Table("UDP_OPTIONS", "IPPROTO_UDP socket options.",
                        "/usr/include/linux/udp.h UDP_* but UDP_ENCAP_* (%s)" % kl, rows))
    h = Headers(["linux/if_packet.h"])
    first = span(h, "PACKET_ADD_MEMBERSHIP", "PACKET_IGNORE_OUTGOING")
    rows = first_per_value(h, first)
    require(rows, "packet options", [(1, "PACKET_ADD_MEMBERSHIP"), (18, "PACKET_FANOUT")])
    tables.append(Table("PACKET_OPTIONS", "SOL_PACKET socket options.",
                        "/usr/include/linux/if_packet.h PACKET_ADD_MEMBERSHIP..PACKET_IGNORE_OUTGOING (%s)"
                        % kl, rows))

    h = Headers(["linux/netlink.h"])
    rows = first_per_value(h, lambda d: re.fullmatch(r"NETLINK_[A-Z0-9_]+", d.name) is not None
                           and span(h, "NETLINK_ROUTE", "NETLINK_SMC")(d))
    require(rows, "netlink protocols", [(0, "NETLINK_ROUTE"), (9, "NETLINK_AUDIT")])
    tables.append(Table("NETLINK_PROTOCOLS", "Netlink protocols (socket()'s protocol for "
                        "AF_NETLINK).", "/usr/include/linux/netlink.h NETLINK_ROUTE..NETLINK_SMC (%s)"
                        % kl, rows))

    h = Headers(["linux/netfilter.h"])
    rows = enum_first_per_value(h, lambda n: n.startswith("NFPROTO_") and n != "NFPROTO_NUMPROTO",
                                lambda n: {"NFPROTO_UNSPEC": "unspecified"}.get(n, n[8:].lower()))
    require(rows, "nfproto", [(0, "unspecified"), (2, "ipv4"), (10, "ipv6")])
    tables.append(Table("NFPROTOS", "Netfilter protocol families, named as ausearch prints them.",
                        "/usr/include/linux/netfilter.h enum NFPROTO_* (%s)" % kl, rows))
    hooks = {"NF_INET_PRE_ROUTING": "PREROUTING", "NF_INET_LOCAL_IN": "INPUT",
             "NF_INET_FORWARD": "FORWARD", "NF_INET_LOCAL_OUT": "OUTPUT",
             "NF_INET_POST_ROUTING": "POSTROUTING", "NF_INET_INGRESS": "INGRESS"}
    rows = enum_first_per_value(h, lambda n: n in hooks, lambda n: hooks[n])
    require(rows, "hooks", [(0, "PREROUTING"), (4, "POSTROUTING")])
    tables.append(Table("NETFILTER_HOOKS", "Netfilter hooks of the inet families, named as "
                        "iptables and ausearch name them.",
                        "/usr/include/linux/netfilter.h enum nf_inet_hooks (%s)" % kl, rows))

    h = Headers(["linux/netfilter/xt_AUDIT.h"])
    rows = enum_first_per_value(h, lambda n: n.startswith("XT_AUDIT_TYPE_"), lambda n: n[14:])
    require(rows, "net actions", [(0, "ACCEPT"), (1, "DROP"), (2, "REJECT")])
    tables.append(Table("NETFILTER_ACTIONS", "Actions of the AUDIT target.",
                        "/usr/include/linux/netfilter/xt_AUDIT.h enum XT_AUDIT_TYPE_* (%s)" % kl, rows))

    h = Headers(["linux/icmp.h"])
    icmp = {"ICMP_ECHOREPLY": "echo-reply", "ICMP_DEST_UNREACH": "destination-unreachable",
            "ICMP_PARAMETERPROB": "parameter-problem", "ICMP_TIMESTAMP": "timestamp-request",
            "ICMP_TIMESTAMPREPLY": "timestamp-reply", "ICMP_ADDRESS": "address-mask-request",
            "ICMP_ADDRESSREPLY": "address-mask-reply"}
    rows = first_per_value(h, span(h, "ICMP_ECHOREPLY", "ICMP_ADDRESSREPLY"),
                           lambda n: icmp.get(n, n[5:].lower().replace("_", "-")))
    require(rows, "icmp", [(0, "echo-reply"), (8, "echo"), (11, "time-exceeded")])
    tables.append(Table("ICMP_TYPES", "ICMP types, named as ausearch prints them.",
                        "/usr/include/linux/icmp.h ICMP_ECHOREPLY..ICMP_ADDRESSREPLY (%s)" % kl, rows))

    h = Headers(["linux/if_ether.h"])
    rows = first_per_value(h, name_re(r"ETH_P_[A-Z0-9_]+", r"ETH_P_802_3_MIN"), lambda n: n[6:])
    rows = [(v, n) for v, n in rows if v >= 0x0600]
    require(rows, "ethertypes", [(0x0800, "IP"), (0x0806, "ARP"), (0x86DD, "IPV6")])
    tables.append(Table("ETHER_TYPES", "Ethernet protocol ids (values from 0x0600 on), without "
                        "`ETH_P_`.", "/usr/include/linux/if_ether.h ETH_P_* (%s)" % kl, rows))

    h = Headers(["linux/bpf.h"])
    rows = enum_first_per_value(h, lambda n: n.startswith("BPF_") and n in bpf_cmds(h))
    require(rows, "bpf", [(0, "BPF_MAP_CREATE"), (5, "BPF_PROG_LOAD")])
    tables.append(Table("BPF_COMMANDS", "bpf() commands.",
                        "/usr/include/linux/bpf.h enum bpf_cmd (%s)" % kl, rows))

    h = Headers(["linux/eventpoll.h"])
    rows = first_per_value(h, name_re(r"EPOLL_CTL_[A-Z]+"))
    tables.append(Table("EPOLL_CTL_OPS", "epoll_ctl() operations.",
                        "/usr/include/linux/eventpoll.h EPOLL_CTL_* (%s)" % kl, rows))

    h = Headers(["linux/time.h"])
    rows = first_per_value(h, name_re(r"CLOCK_[A-Z_]+"))
    require(rows, "clocks", [(0, "CLOCK_REALTIME"), (7, "CLOCK_BOOTTIME"), (11, "CLOCK_TAI")])
    tables.append(Table("CLOCK_IDS", "Clock ids.", "/usr/include/linux/time.h CLOCK_* (%s)" % kl, rows))

    h = Headers(["linux/fs.h"])
    rows = first_per_value(h, name_re(r"SEEK_[A-Z]+", r"SEEK_MAX"))
    require(rows, "seek", [(0, "SEEK_SET"), (4, "SEEK_HOLE")])
    tables.append(Table("SEEK_WHENCE", "lseek() whence values.",
                        "/usr/include/linux/fs.h SEEK_* (%s)" % kl, rows))

    h = Headers(["linux/fcntl.h"])
    rows = single_bits(first_per_value(h, name_re(
        r"AT_(SYMLINK_NOFOLLOW|EACCESS|EMPTY_PATH|NO_AUTOMOUNT|RECURSIVE|SYMLINK_FOLLOW|REMOVEDIR)")))
    tables.append(Table("AT_FLAGS", "`AT_*` flags of the *at() calls (bits).",
                        "/usr/include/linux/fcntl.h AT_* (%s)" % kl, rows))

    h = Headers(["linux/openat2.h"])
    rows = single_bits(first_per_value(h, name_re(r"RESOLVE_[A-Z_]+")))
    require(rows, "resolve", [(1, "RESOLVE_NO_XDEV"), (0x20, "RESOLVE_CACHED")])
    tables.append(Table("RESOLVE_FLAGS", "openat2() resolve flags (bits).",
                        "/usr/include/linux/openat2.h RESOLVE_* (%s)" % kl, rows))

    h = Headers(["linux/fanotify.h"])
    rows = first_per_value(h, name_re(r"FAN_(ALLOW|DENY)"), lambda n: n[4:].lower())
    tables.append(Table("FANOTIFY_RESPONSES", "fanotify permission responses, named as ausearch "
                        "prints them.", "/usr/include/linux/fanotify.h FAN_ALLOW, FAN_DENY (%s)" % kl,
                        rows))

    h = Headers(["linux/audit.h"])
    lists = {"AUDIT_FILTER_FS": "filesystem", "AUDIT_FILTER_URING_EXIT": "io_uring"}
    rows = first_per_value(h, name_re(r"AUDIT_FILTER_[A-Z_]+", r"AUDIT_FILTER_(PREPEND|UNSET|TYPE)"),
                           lambda n: lists.get(n, n[13:].lower()))
    require(rows, "filter lists", [(1, "task"), (4, "exit"), (5, "exclude"), (6, "filesystem")])
    tables.append(Table("AUDIT_FILTER_LISTS", "Audit rule lists, named as auditctl and ausearch "
                        "name them.", "/usr/include/linux/audit.h AUDIT_FILTER_* (%s)" % kl, rows))
    order = ["AUDIT_PERM_READ", "AUDIT_PERM_WRITE", "AUDIT_PERM_EXEC", "AUDIT_PERM_ATTR"]
    rows = [(h.value(n), n[11:].lower()) for n in order]
    tables.append(Table("AUDIT_PERMS", "Watch permissions, in the order ausearch prints them.",
                        "/usr/include/linux/audit.h AUDIT_PERM_* (%s)" % kl, rows))
    rows = enum_first_per_value(h, lambda n: n.startswith("AUDIT_NLGRP_") and n != "AUDIT_NLGRP_MAX",
                                lambda n: {"AUDIT_NLGRP_NONE": "audit-none",
                                           "AUDIT_NLGRP_READLOG": "audit-netlink-multicast"}[n])
    tables.append(Table("NETLINK_MULTICAST_GROUPS", "Audit netlink multicast groups, named as "
                        "ausearch prints them.", "/usr/include/linux/audit.h enum AUDIT_NLGRP_* (%s)"
                        % kl, rows))

    h = Headers(["linux/stat.h"])
    ftypes = {"S_IFSOCK": "socket", "S_IFLNK": "link", "S_IFREG": "file", "S_IFBLK": "block",
              "S_IFDIR": "dir", "S_IFCHR": "character", "S_IFIFO": "fifo"}
    rows = first_per_value(h, lambda d: d.name in ftypes, lambda n: ftypes[n])
    assert len(rows) == 7
    tables.append(Table("FILE_TYPES", "File types (the `S_IFMT` bits of a mode), named as "
                        "ausearch prints them.", "/usr/include/linux/stat.h S_IF* (%s)" % kl, rows))

    h = Headers(["linux/io_uring.h"])
    rows = enum_first_per_value(h, lambda n: n.startswith("IORING_OP_") and n != "IORING_OP_LAST",
                                lambda n: n[10:].lower())
    require(rows, "io_uring ops", [(0, "nop"), (18, "openat"), (16, "connect")])
    tables.append(Table("IO_URING_OPS", "io_uring operations, named as ausearch prints them.",
                        "/usr/include/linux/io_uring.h enum io_uring_op (%s)" % kl, rows))

    tables.append(protocols_table())
    tables.append(record_types_table())
    tables.append(ioctl_table())
    return tables


# The record types whose fields auparse reads differently from the field name alone.
RECORD_TYPES = ["SYSCALL", "PATH", "EXECVE", "SOCKADDR", "AVC", "USER_TTY", "NETFILTER_PKT",
                "MQ_OPEN", "CRYPTO_KEY_USER", "ADD_GROUP", "DEL_GROUP", "GRP_MGMT", "TRUSTED_APP",
                "KERN_MODULE", "SECCOMP", "URINGOP"]


def record_types_table():
    h = Headers(["linux/audit.h"])
    libaudit = "/usr/include/libaudit.h"
    if not os.path.isfile(libaudit):
        raise SourceMissing("%s is missing; apt-get install libaudit-dev" % libaudit)
    with open(libaudit, encoding="utf-8") as f:
        user = dict(re.findall(r"^#define\s+AUDIT_([A-Z_]+)\s+(\d+)\b", f.read(), re.M))
    rows = []
    for name in RECORD_TYPES:
        v = h.value("AUDIT_" + name)
        if v is None and name in user:
            v = int(user[name])
        if v is None:
            raise SourceMissing("record type AUDIT_%s is in neither header" % name)
        rows.append((v, name))
    require(rows, "record types", [(1300, "SYSCALL"), (1309, "EXECVE")])
    return Consts("record_type", "The record types whose fields are read differently from "
                  "their names alone.", "/usr/include/linux/audit.h (%s) and %s (%s) AUDIT_*"
                  % (kernel_label(), libaudit, pkg_label("libaudit-dev")), rows)


class Consts:
    """Named constants in a module of their own, for use in `match` patterns."""

    def __init__(self, module, doc, source, rows):
        self.rust = module
        self.doc = doc
        self.source = source
        self.rows = rows

    def render(self):
        lines = ["", "/// %s" % self.doc, "///", "/// Source: %s." % self.source,
                 "pub mod %s {" % self.rust]
        for v, n in self.rows:
            lines.append("    pub const %s: u32 = %d;" % (n, v))
        lines.append("}")
        return lines


def bpf_cmds(h):
    text = "\n".join(h.text)
    m = re.search(r"enum\s+bpf_cmd\s*\{(.*?)\}", text, re.S)
    assert m, "enum bpf_cmd not found"
    return {item.strip().split("=")[0].strip() for item in split_top(m.group(1)) if item.strip()}


def protocols_table():
    path = "/etc/protocols"
    label = pkg_label("netbase")
    with open(path, "rb") as f:
        data = f.read()
    digest = hashlib.md5(data).hexdigest()
    conffiles = run(["dpkg-query", "-W", "-f=${Conffiles}", "netbase"])
    recorded = {line.split()[0]: line.split()[1] for line in conffiles.splitlines() if line.strip()}
    if recorded.get(path) != digest:
        raise SourceMissing("%s differs from the copy netbase installed; reinstall it with: "
                            "apt-get install --reinstall -o Dpkg::Options::=--force-confask netbase"
                            % path)
    rows = {}
    for line in data.decode("utf-8").splitlines():
        line = line.split("#", 1)[0].split()
        if len(line) >= 2 and line[1].isdigit():
            rows.setdefault(int(line[1]), line[0])
    rows = sorted(rows.items())
    require(rows, "protocols", [(0, "ip"), (6, "tcp"), (17, "udp"), (58, "ipv6-icmp")])
    return Table("PROTOCOLS", "IP protocol numbers and their official names, as "
                 "getprotobynumber() gives them from netbase's database.",
                 "%s of %s (md5 %s)" % (path, label, digest), rows)


# ioctl requests: their numbers encode sizeof() of kernel structures, so the C compiler
# evaluates them.  Earlier headers win where two requests share a number.
IOCTL_HEADERS = ["asm/ioctls.h", "linux/sockios.h", "linux/kd.h", "linux/vt.h", "linux/cdrom.h",
                 "linux/fs.h", "linux/random.h", "linux/loop.h", "linux/if_tun.h", "linux/nsfs.h"]
IOCTL_NAME = re.compile(r"(TC[A-Z]+\w*|TIOC[A-Z]+\w*|FIO\w+|SIOC\w+|KD[A-Z]\w+|KIOC\w+|GIO_\w+|PIO_\w+|VT_\w+|"
                        r"CDROM\w+|BLK\w+|FS_IOC\w*|FI[A-Z]+|RND\w+|LOOP_\w+|TUN[A-Z]+|NS_GET_\w+)")


# Headers that only complete the structures whose sizes the requests encode.
IOCTL_STRUCT_HEADERS = ["asm/termbits.h", "linux/serial.h", "linux/blktrace_api.h",
                        "linux/fiemap.h"]


def ioctl_table():
    h = Headers(IOCTL_HEADERS)
    names = []
    for d in h.defines:
        if d.params is not None or not IOCTL_NAME.fullmatch(d.name):
            continue
        if not any(h.in_file(d, x) for x in IOCTL_HEADERS + ["asm-generic/ioctls.h"]):
            continue
        if h.is_alias(d) or not d.body or d.name in names:
            continue
        names.append(d.name)
    prog = ["#include <stdio.h>"]
    prog += ["#include <%s>" % x for x in IOCTL_STRUCT_HEADERS + IOCTL_HEADERS]
    prog.append("int main(void) {")
    for n in names:
        prog.append('  printf("%%llu %s\\n", (unsigned long long)(%s));' % (n, n))
    prog.append("  return 0;\n}")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "ioctls.c")
        exe = os.path.join(tmp, "ioctls")
        with open(src, "w") as f:
            f.write("\n".join(prog) + "\n")
        run(["cc", "-w", "-o", exe, src])
        out = run([exe])
    return ioctl_rows(out)


def ioctl_rows(out):
    rows = {}
    for line in out.splitlines():
        value, name = line.split()
        value = int(value)
        # Numbers below 0x100 in these headers are arguments and limits, not requests.
        if value < 0x100 or value > 0xffffffff:
            continue
        if value in rows and rows[value] != name:
            continue
        rows.setdefault(value, name)
    rows = sorted(rows.items())
    require(rows, "ioctls", [(0x5401, "TCGETS"), (0x5421, "FIONBIO"), (0x8933, "SIOCGIFINDEX"),
                             (0x80045430, "TIOCGPTN"), (0x40045431, "TIOCSPTLCK")])
    cc = run(["cc", "--version"]).splitlines()[0]
    return Table("IOCTL_REQUESTS", "ioctl() requests as x86_64 encodes them; where two share a "
                 "number, the terminal, socket and console ones win.",
                 "%s, evaluated by `%s` (%s)" % (", ".join("/usr/include/" + x for x in IOCTL_HEADERS),
                                                cc, kernel_label()), rows)


# ---------------------------------------------------------------------------
# Tables whose numbers differ between architectures.
# ---------------------------------------------------------------------------

def arch_tables():
    """{table: {arch rust name: rows}} plus descriptions."""
    specs = []

    def open_flags(h):
        rows = first_per_value(h, lambda d: re.fullmatch(r"O_[A-Z]+|__O_[A-Z]+|FASYNC", d.name)
                               is not None and d.name not in ("O_ACCMODE", "O_RDONLY", "O_NDELAY"),
                               lambda n: {"FASYNC": "O_ASYNC"}.get(n, n))
        return single_bits(rows)
    specs.append(("OPEN_FLAGS", ["asm/fcntl.h"], open_flags,
                  "open() flags (bits; an access mode of 0 is `O_RDONLY`)",
                  "asm/fcntl.h and asm-generic/fcntl.h O_*, __O_*, FASYNC (named O_ASYNC) single bits",
                  [(1, "O_WRONLY")]))

    def fcntl_cmds(h):
        return first_per_value(h, lambda d: re.fullmatch(r"F_[A-Z0-9_]+", d.name) is not None and
                               re.fullmatch(r"F_(OWNER_\w+|RDLCK|WRLCK|UNLCK|EXLCK|SHLCK|SEAL_\w+|"
                                            r"LINUX_SPECIFIC_BASE|OK)", d.name) is None)
    specs.append(("FCNTL_COMMANDS", ["linux/fcntl.h"], fcntl_cmds, "fcntl() commands",
                  "asm/fcntl.h, asm-generic/fcntl.h and linux/fcntl.h F_* commands",
                  [(0, "F_DUPFD"), (1030, "F_DUPFD_CLOEXEC")]))

    def mmap_flags(h):
        rows = first_per_value(h, lambda d: re.fullmatch(r"MAP_[A-Z0-9_]+", d.name) is not None and
                               re.fullmatch(r"MAP_(TYPE|FILE|SHARED_VALIDATE|HUGE_\w+|ANON|SHARED|PRIVATE)",
                                            d.name) is None)
        return single_bits(rows)
    specs.append(("MMAP_FLAGS", ["linux/mman.h"], mmap_flags,
                  "mmap() flags above the mapping type (bits)",
                  "asm/mman.h and asm-generic/mman-common.h MAP_* single bits", [(0x10, "MAP_FIXED")]))

    def mmap_types(h):
        return first_per_value(h, name_re(r"MAP_(SHARED|PRIVATE|SHARED_VALIDATE|TYPE)"))
    specs.append(("MMAP_TYPES", ["linux/mman.h"], mmap_types,
                  "mmap() mapping types (the `MAP_TYPE` bits) and the `MAP_TYPE` mask itself",
                  "asm/mman.h and asm-generic/mman-common.h MAP_SHARED, MAP_PRIVATE, "
                  "MAP_SHARED_VALIDATE, MAP_TYPE", [(1, "MAP_SHARED")]))

    def prot_flags(h):
        return single_bits(first_per_value(h, name_re(r"PROT_[A-Z_]+")))
    specs.append(("PROT_FLAGS", ["linux/mman.h"], prot_flags, "mmap() and mprotect() protection bits",
                  "asm/mman.h and asm-generic/mman-common.h PROT_* single bits", [(1, "PROT_READ")]))

    def signals(h):
        rows = first_per_value(h, lambda d: re.fullmatch(r"SIG[A-Z0-9]+", d.name) is not None
                               and d.name not in ("SIGRTMIN", "SIGRTMAX", "SIGSTKSZ", "MINSIGSTKSZ"),
                               skip_aliases=True)
        return [(v, n) for v, n in rows if 0 < v < 32]
    specs.append(("SIGNALS", ["asm/signal.h"], signals, "Signal numbers below 32 (0 is `SIG0`)",
                  "asm/signal.h (or asm-generic/signal.h) SIG*", [(9, "SIGKILL")]))

    def rlimits(h):
        return first_per_value(h, name_re(r"RLIMIT_[A-Z]+", r"RLIMIT_NLIMITS"))
    specs.append(("RLIMITS", ["asm/resource.h"], rlimits, "Resource limits",
                  "asm/resource.h and asm-generic/resource.h RLIMIT_*", [(0, "RLIMIT_CPU")]))

    def sol_socket(h):
        return [(h.value("SOL_SOCKET"), "SOL_SOCKET")]
    specs.append(("SOL_SOCKET", ["asm/socket.h"], sol_socket, "The SOL_SOCKET level",
                  "asm/socket.h SOL_SOCKET", []))

    def socket_options(h):
        return first_per_value(h, lambda d: re.fullmatch(r"SO_[A-Z0-9_]+|SCM_TIMESTAMPING_[A-Z_]+",
                                                         d.name) is not None
,
                               lambda n: n[:-4] if n.endswith("_OLD") else n)
    specs.append(("SOCKET_OPTIONS", ["asm/socket.h"], socket_options, "SOL_SOCKET socket options",
                  "asm/socket.h and asm-generic/socket.h SO_* (`_OLD` variants under their "
                  "plain name)", [(1, "SO_DEBUG")]))

    def ptrace_requests(h):
        rows = first_per_value(h, lambda d: re.fullmatch(r"PTRACE_[A-Z0-9_]+", d.name) is not None
                               and re.fullmatch(r"PTRACE_(O_\w+|EVENT_\w+|EVENTMSG_\w+|SYSCALL_INFO_\w+|"
                                                r"PEEKSIGINFO_SHARED|\w+_FLAGS?|\w+_MASK|\w+_SHIFT)",
                                                d.name) is None,
                               # glibc's and ausearch's spelling of the kernel's PEEKUSR/POKEUSR
                               lambda n: {"PTRACE_PEEKUSR": "PTRACE_PEEKUSER",
                                          "PTRACE_POKEUSR": "PTRACE_POKEUSER"}.get(n, n))
        return [(v, n) for v, n in rows if v < 0x10000]
    specs.append(("PTRACE_REQUESTS", ["linux/ptrace.h"], ptrace_requests, "ptrace() requests",
                  "linux/ptrace.h and asm/ptrace.h PTRACE_* requests", [(16, "PTRACE_ATTACH"),
                                                                        (0x4206, "PTRACE_SEIZE")]))

    results = []
    for rust, headers, build, doc, what, expect in specs:
        per_arch = {}
        for arch in HEADER_ARCHES:
            rows = build(Headers(headers, arch))
            for extra in arch.also:
                # One header set for two ABIs: a number only the other ABI defines is added.
                seen = dict(rows)
                for v, n in build(Headers(headers, extra)):
                    seen.setdefault(v, n)
                rows = sorted(seen.items())
            if expect:
                require(rows, "%s %s" % (rust, arch.rust), expect)
            per_arch[arch.rust] = rows
        results.append((rust, doc, what, per_arch))
    return results


def render_arch_tables(results):
    lines = [
        "//! Values whose numbers differ between architectures (generated by "
        "scripts/gen-interpret-tables.py; do not edit).",
        "//!",
        "//! Each table is read from the kernel UAPI headers that Debian installs for each "
        "architecture:",
    ]
    for a in HEADER_ARCHES:
        lines.append("//! - `%s` (%s): %s, package %s" % (a.rust, a.what, " ".join(a.include),
                                                         kernel_label(a)))
    lines += [
        "//!",
        "//! Architectures whose tables are identical share one static.",
        "",
        "/// The header set an architecture's numbers come from.",
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]",
        "pub enum HeaderArch {",
    ]
    for a in HEADER_ARCHES:
        lines.append("    /// %s" % a.what)
        lines.append("    %s," % a.rust)
    lines.append("}")
    for rust, doc, what, per_arch in results:
        groups = []
        for a in HEADER_ARCHES:
            rows = per_arch[a.rust]
            for g in groups:
                if g[1] == rows:
                    g[0].append(a.rust)
                    break
            else:
                groups.append(([a.rust], rows))
        for arches, rows in groups:
            static = "%s_%s" % (rust, arches[0].upper())
            lines.append("")
            lines.append("/// %s: %s." % (doc, ", ".join("`%s`" % a for a in arches)))
            lines.append("///")
            lines.append("/// Source: %s." % what)
            lines.append("#[rustfmt::skip]")
            lines.append("static %s: &[(u64, &str)] = &[" % static)
            for v, n in rows:
                lines.append("    (%s, %s)," % (fmt_num(v, rust in HEX_TABLES), rust_str(n)))
            lines.append("];")
        fn = rust.lower()
        lines.append("")
        lines.append("/// %s, for the architecture's headers." % doc)
        lines.append("#[rustfmt::skip]")
        lines.append("pub fn %s(arch: HeaderArch) -> &'static [(u64, &'static str)] {" % fn)
        lines.append("    match arch {")
        for arches, rows in groups:
            static = "%s_%s" % (rust, arches[0].upper())
            lines.append("        %s => %s," % (" | ".join("HeaderArch::%s" % a for a in arches), static))
        lines.append("    }")
        lines.append("}")
    return "\n".join(lines) + "\n"


def render_common(tables):
    lines = [
        "//! Values that are the same on every architecture (generated by "
        "scripts/gen-interpret-tables.py; do not edit).",
        "//!",
        "//! Every table is (value, name) sorted by value, except `AUDIT_PERMS`, which is in the "
        "order the names are printed.",
    ]
    for t in tables:
        lines += t.render()
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Field kinds from auparse/typetab.h.
# ---------------------------------------------------------------------------

def camel(kind):
    return "".join(p.capitalize() for p in kind.split("_"))


def field_types(src):
    path = os.path.join(src, "auparse", "typetab.h")
    if not os.path.isfile(path):
        raise SourceMissing("%s not found; pass --audit-userspace DIR (a checkout of "
                            "https://github.com/linux-audit/audit-userspace)" % path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Commented-out entries (`//_S(...)`) are not part of the table; the apparmor block is
    # compiled in by distributions that build auditd with AppArmor support (Debian does).
    text = re.sub(r"//[^\n]*", "", text)
    entries = re.findall(r"_S\(\s*AUPARSE_TYPE_([A-Z0-9_]+)\s*,\s*\"([^\"]+)\"\s*\)", text)
    assert len(entries) > 100, "typetab.h: too few entries"
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    seen = {}
    for kind, name in entries:
        assert len(name) <= 16, "field name %s longer than 16 bytes" % name
        if name in seen:
            raise SystemExit("error: typetab.h lists %s twice" % name)
        seen[name] = kind
    lines = [
        "//! Field name -> kind (generated by scripts/gen-interpret-tables.py from auparse/typetab.h "
        "of audit-userspace%s, sha256 %s of its text without comments; do not edit)." % (
            source_commit(src), digest),
        "//!",
        "//! The name is read as a little-endian u128 (at most 16 bytes, zero padded), so the",
        "//! lookup is one integer match, which the compiler turns into a binary search.",
        "",
        "use crate::interpret::field_type::FieldType;",
        "",
        "/// The kind auparse gives a field name, before any record-specific adjustment.",
        "#[rustfmt::skip]",
        "pub fn by_name(name: &[u8]) -> Option<FieldType> {",
        "    if name.is_empty() {",
        "        return None;",
        "    }",
        "    Some(match crate::record::bytes::pack_name(name)? {",
    ]
    for name in sorted(seen, key=lambda n: int.from_bytes(n.encode().ljust(16, b"\0"), "little")):
        packed = int.from_bytes(name.encode().ljust(16, b"\0"), "little")
        lines.append("        0x%032x => FieldType::%s, // %s" % (packed, camel(seen[name]), name))
    lines += ["        _ => return None,", "    })", "}"]
    return "\n".join(lines) + "\n", len(seen)


C_ESCAPES = {"n": 10, "t": 9, "r": 13, "\\": 92, '"': 34, "'": 39, "a": 7, "b": 8, "e": 27,
             "f": 12, "v": 11}


def c_string(literals):
    """The bytes of adjacent C string literals (the text between and including quotes)."""
    out = bytearray()
    for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', literals):
        i = 0
        while i < len(lit):
            ch = lit[i]
            if ch != "\\":
                out += ch.encode()
                i += 1
                continue
            nxt = lit[i + 1]
            if nxt == "x":
                m = re.match(r"[0-9a-fA-F]+", lit[i + 2:])
                out.append(int(m.group(0), 16) & 0xff)
                i += 2 + len(m.group(0))
            elif nxt in "01234567":
                m = re.match(r"[0-7]{1,3}", lit[i + 1:])
                out.append(int(m.group(0), 8) & 0xff)
                i += 1 + len(m.group(0))
            else:
                out.append(C_ESCAPES[nxt])
                i += 2
    return bytes(out)


def tty_keys(src):
    path = os.path.join(src, "auparse", "tty_named_keys.h")
    if not os.path.isfile(path):
        raise SourceMissing("%s not found; pass --audit-userspace DIR" % path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    rows = []
    for m in re.finditer(r'^E\((.*),\s*"([^"]*)"\s*\)', text, re.M):
        rows.append((c_string(m.group(1)), m.group(2)))
    assert len(rows) > 300, "tty_named_keys.h: too few entries"
    assert rows[0] == (b"\x01", "^A") and (b"\r", "ret") in rows
    lines = [
        "//! Names of terminal key sequences in TTY records (generated by "
        "scripts/gen-interpret-tables.py from auparse/tty_named_keys.h of audit-userspace%s; "
        "do not edit)." % source_commit(src),
        "//!",
        "//! The first sequence that matches wins, so the order is kept.",
        "",
        "/// (key sequence, name) in matching order.",
        "#[rustfmt::skip]",
        "pub static TTY_NAMED_KEYS: &[(&[u8], &str)] = &[",
    ]
    for seq, name in rows:
        lines.append("    (b\"%s\", %s)," % ("".join("\\x%02x" % b for b in seq), rust_str(name)))
    lines.append("];")
    return "\n".join(lines) + "\n", len(rows)


def source_commit(src):
    try:
        return " commit %s" % run(["git", "-C", src, "rev-parse", "HEAD"]).strip()
    except SourceMissing:
        return ""


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--audit-userspace", default=os.environ.get("AUDIT_USERSPACE_SRC"),
                    help="an audit-userspace checkout (for auparse/typetab.h)")
    args = ap.parse_args()
    if not args.audit_userspace:
        print("error: pass --audit-userspace DIR or set AUDIT_USERSPACE_SRC", file=sys.stderr)
        return 1
    try:
        ft, n_fields = field_types(args.audit_userspace)
        keys, n_keys = tty_keys(args.audit_userspace)
        common = tables_common()
        per_arch = arch_tables()
    except SourceMissing as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    write(os.path.join(OUT_DIR, "field_types.rs"), ft)
    write(os.path.join(OUT_DIR, "tty_keys.rs"), keys)
    write(os.path.join(OUT_DIR, "values.rs"), render_common(common))
    write(os.path.join(OUT_DIR, "arch_values.rs"), render_arch_tables(per_arch))
    print("field_types.rs: %d field names" % n_fields)
    print("tty_keys.rs: %d key sequences" % n_keys)
    for t in common:
        print("values.rs: %-26s %d" % (t.rust, len(t.rows)))
    for rust, _doc, _what, per in per_arch:
        print("arch_values.rs: %-20s %s" % (rust, " ".join("%s=%d" % (a, len(r)) for a, r in per.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

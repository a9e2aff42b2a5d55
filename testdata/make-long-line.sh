#!/bin/sh
# Regenerates testdata/irregular/long-line.log: three events, the middle one an
# execve whose EXECVE record is a single line of about 104 KiB (one hex-encoded
# argument of 52 000 bytes).  Real kernels split such an argument into
# a2_len=/a2[0]=/a2[1]=... records of at most ~7.5 KB (see execve-split.log);
# this line exists to check that no line-length limit is applied.
# POSIX sh + awk + od; deterministic (fixed-seed Park-Miller generator in awk).
set -eu
cd "$(dirname "$0")"
out=irregular/long-line.log

hex() { od -An -v -tx1 | tr -d ' \n' | tr 'abcdef' 'ABCDEF'; }

# 52 000 pseudo-random base64 characters
blob=$(awk 'BEGIN {
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    x = 20231126
    for (i = 0; i < 51900; i++) {
        x = (x * 16807) % 2147483647
        printf "%s", substr(a, (x % 64) + 1, 1)
    }
    printf "=="
}')
script="import base64,zlib;exec(zlib.decompress(base64.b64decode(\"$blob\")))"
arg_hex=$(printf '%s' "$script" | hex)
# PROCTITLE: argv joined by NUL bytes, cut at 128 bytes
title_hex=$(printf 'python3\000-c\000%s' "$script" | dd bs=128 count=1 2>/dev/null | hex)

{
printf '%s\n' 'type=USER_START msg=audit(1701006000.412:81230): pid=6010 uid=0 auid=1000 ses=9 subj=unconfined msg='"'"'op=PAM:session_open grantors=pam_limits,pam_permit,pam_unix acct="root" exe="/usr/bin/sudo" hostname=? addr=? terminal=/dev/pts/0 res=success'"'"
printf '%s\n' 'type=SYSCALL msg=audit(1701006000.437:81231): arch=c000003e syscall=59 success=yes exit=0 a0=55d0e1f2a3b0 a1=55d0e1f3c4d0 a2=55d0e1f4d5e0 a3=8 items=2 ppid=6011 pid=6012 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=9 comm="python3" exe="/usr/bin/python3.11" subj=unconfined key="exec"'
printf '%s\n' "type=EXECVE msg=audit(1701006000.437:81231): argc=3 a0=\"python3\" a1=\"-c\" a2=$arg_hex"
printf '%s\n' 'type=CWD msg=audit(1701006000.437:81231): cwd="/home/alice"'
printf '%s\n' 'type=PATH msg=audit(1701006000.437:81231): item=0 name="/usr/bin/python3" inode=1052011 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0'
printf '%s\n' 'type=PATH msg=audit(1701006000.437:81231): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0'
printf '%s\n' "type=PROCTITLE msg=audit(1701006000.437:81231): proctitle=$title_hex"
printf '%s\n' 'type=SERVICE_START msg=audit(1701006002.008:81232): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='"'"'unit=fstrim comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'"'"
} > "$out"

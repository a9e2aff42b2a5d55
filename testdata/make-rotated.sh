#!/bin/sh
# Regenerates testdata/rotated/ and testdata/rotated-dated/ (invented data).
# POSIX sh + gzip; deterministic: gzip -n stores neither the name nor the mtime.
#
# rotated/        auditd-style rotation of one host (mail01.example.net):
#                 audit.log.3.gz (oldest) -> audit.log.2.gz (two gzip members
#                 concatenated) -> audit.log.1 -> audit.log (newest); serials and
#                 times continue across the files, and the event
#                 audit(1700968863.847:730448) straddles audit.log.1 / audit.log
#                 (SYSCALL + EXECVE at the end of .1, CWD + PATH + PATH + PROCTITLE
#                 at the start of audit.log).
# rotated-dated/  logrotate dateext names for mail02.example.net:
#                 audit.log-20231124.gz -> audit.log-20231125 -> audit.log
set -eu
cd "$(dirname "$0")"
mkdir -p rotated rotated-dated
rm -f rotated/audit.log* rotated-dated/audit.log*

# ---- rotated/audit.log.3.gz
gzip -n > rotated/audit.log.3.gz <<'EOF'
type=USER_ACCT msg=audit(1700961421.402:730412): pid=30110 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:accounting grantors=pam_permit acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=CRED_ACQ msg=audit(1700961421.403:730413): pid=30110 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=LOGIN msg=audit(1700961421.404:730414): pid=30110 uid=0 subj=unconfined old-auid=4294967295 auid=0 tty=(none) old-ses=4294967295 ses=41 res=1
type=SYSCALL msg=audit(1700961421.404:730414): arch=c000003e syscall=1 success=yes exit=1 a0=7 a1=7fff332bcb48 a2=1 a3=0 items=0 ppid=702 pid=30110 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=41 comm="cron" exe="/usr/sbin/cron" subj=unconfined key=(null)
type=PROCTITLE msg=audit(1700961421.404:730414): proctitle=2F7573722F7362696E2F43524F4E002D66
type=USER_START msg=audit(1700961421.408:730415): pid=30110 uid=0 auid=0 ses=41 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=SYSCALL msg=audit(1700961421.412:730416): arch=c000003e syscall=59 success=yes exit=0 a0=55b93779df90 a1=55b864f38e00 a2=55b1be1ec3d0 a3=8 items=2 ppid=30110 pid=30111 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=41 comm="sh" exe="/usr/bin/dash" subj=unconfined key="exec"
type=EXECVE msg=audit(1700961421.412:730416): argc=3 a0="/bin/sh" a1="-c" a2=6364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CWD msg=audit(1700961421.412:730416): cwd="/root"
type=PATH msg=audit(1700961421.412:730416): item=0 name="/bin/sh" inode=1048700 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700961421.412:730416): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700961421.412:730416): proctitle=2F62696E2F7368002D63006364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CRED_DISP msg=audit(1700961421.672:730417): pid=30110 uid=0 auid=0 ses=41 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_END msg=audit(1700961421.673:730418): pid=30110 uid=0 auid=0 ses=41 subj=unconfined msg='op=PAM:session_close grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_AUTH msg=audit(1700962267.118:730419): pid=30141 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:authentication grantors=? acct="?" exe="/usr/sbin/sshd" hostname=203.0.113.45 addr=203.0.113.45 terminal=ssh res=failed'
type=USER_LOGIN msg=audit(1700962267.122:730420): pid=30141 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=login acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=203.0.113.45 terminal=sshd res=failed'
EOF

# ---- rotated/audit.log.2.gz: two gzip members, concatenated
{
gzip -n <<'EOF'
type=SERVICE_START msg=audit(1700964001.613:730421): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=logrotate comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
type=SERVICE_STOP msg=audit(1700964002.884:730422): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=logrotate comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
type=USER_AUTH msg=audit(1700964290.330:730423): pid=30190 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:authentication grantors=? acct="?" exe="/usr/sbin/sshd" hostname=203.0.113.45 addr=203.0.113.45 terminal=ssh res=failed'
type=USER_LOGIN msg=audit(1700964290.334:730424): pid=30190 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=login acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=203.0.113.45 terminal=sshd res=failed'
EOF
gzip -n <<'EOF'
type=USER_ACCT msg=audit(1700965021.395:730425): pid=30211 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:accounting grantors=pam_permit acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=CRED_ACQ msg=audit(1700965021.396:730426): pid=30211 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=LOGIN msg=audit(1700965021.397:730427): pid=30211 uid=0 subj=unconfined old-auid=4294967295 auid=0 tty=(none) old-ses=4294967295 ses=42 res=1
type=SYSCALL msg=audit(1700965021.397:730427): arch=c000003e syscall=1 success=yes exit=1 a0=7 a1=7ffccf034f78 a2=1 a3=0 items=0 ppid=702 pid=30211 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=42 comm="cron" exe="/usr/sbin/cron" subj=unconfined key=(null)
type=PROCTITLE msg=audit(1700965021.397:730427): proctitle=2F7573722F7362696E2F43524F4E002D66
type=USER_START msg=audit(1700965021.401:730428): pid=30211 uid=0 auid=0 ses=42 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=SYSCALL msg=audit(1700965021.405:730429): arch=c000003e syscall=59 success=yes exit=0 a0=55dc9a9f6de0 a1=55d060bfb2b0 a2=55eebb3dc720 a3=8 items=2 ppid=30211 pid=30212 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=42 comm="sh" exe="/usr/bin/dash" subj=unconfined key="exec"
type=EXECVE msg=audit(1700965021.405:730429): argc=3 a0="/bin/sh" a1="-c" a2=6364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CWD msg=audit(1700965021.405:730429): cwd="/root"
type=PATH msg=audit(1700965021.405:730429): item=0 name="/bin/sh" inode=1048700 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700965021.405:730429): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700965021.405:730429): proctitle=2F62696E2F7368002D63006364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CRED_DISP msg=audit(1700965021.665:730430): pid=30211 uid=0 auid=0 ses=42 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_END msg=audit(1700965021.666:730431): pid=30211 uid=0 auid=0 ses=42 subj=unconfined msg='op=PAM:session_close grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
EOF
} > rotated/audit.log.2.gz

# ---- rotated/audit.log.1 (ends with the first two records of the straddling event)
cat > rotated/audit.log.1 <<'EOF'
type=SERVICE_START msg=audit(1700966883.201:730432): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=certbot comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
type=SERVICE_STOP msg=audit(1700966889.772:730433): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=certbot comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
type=USER_ACCT msg=audit(1700968621.411:730434): pid=30402 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:accounting grantors=pam_permit acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=CRED_ACQ msg=audit(1700968621.412:730435): pid=30402 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=LOGIN msg=audit(1700968621.413:730436): pid=30402 uid=0 subj=unconfined old-auid=4294967295 auid=0 tty=(none) old-ses=4294967295 ses=43 res=1
type=SYSCALL msg=audit(1700968621.413:730436): arch=c000003e syscall=1 success=yes exit=1 a0=7 a1=7ffcdf26d810 a2=1 a3=0 items=0 ppid=702 pid=30402 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=43 comm="cron" exe="/usr/sbin/cron" subj=unconfined key=(null)
type=PROCTITLE msg=audit(1700968621.413:730436): proctitle=2F7573722F7362696E2F43524F4E002D66
type=USER_START msg=audit(1700968621.417:730437): pid=30402 uid=0 auid=0 ses=43 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=SYSCALL msg=audit(1700968621.421:730438): arch=c000003e syscall=59 success=yes exit=0 a0=55a3fdee4c10 a1=55cd2bbe6660 a2=55c707e784d0 a3=8 items=2 ppid=30402 pid=30403 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=43 comm="sh" exe="/usr/bin/dash" subj=unconfined key="exec"
type=EXECVE msg=audit(1700968621.421:730438): argc=3 a0="/bin/sh" a1="-c" a2=6364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CWD msg=audit(1700968621.421:730438): cwd="/root"
type=PATH msg=audit(1700968621.421:730438): item=0 name="/bin/sh" inode=1048700 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700968621.421:730438): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700968621.421:730438): proctitle=2F62696E2F7368002D63006364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CRED_DISP msg=audit(1700968621.681:730439): pid=30402 uid=0 auid=0 ses=43 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_END msg=audit(1700968621.682:730440): pid=30402 uid=0 auid=0 ses=43 subj=unconfined msg='op=PAM:session_close grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_AUTH msg=audit(1700968844.505:730441): pid=30455 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:authentication grantors=pam_permit acct="carol" exe="/usr/sbin/sshd" hostname=192.0.2.71 addr=192.0.2.71 terminal=ssh res=success'
type=USER_ACCT msg=audit(1700968844.509:730442): pid=30455 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:accounting grantors=pam_permit acct="carol" exe="/usr/sbin/sshd" hostname=192.0.2.71 addr=192.0.2.71 terminal=ssh res=success'
type=LOGIN msg=audit(1700968844.512:730443): pid=30455 uid=0 subj=unconfined old-auid=4294967295 auid=1002 tty=(none) old-ses=4294967295 ses=44 res=1
type=SYSCALL msg=audit(1700968844.512:730443): arch=c000003e syscall=1 success=yes exit=4 a0=7 a1=7ffece7af6d8 a2=4 a3=0 items=0 ppid=688 pid=30455 auid=1002 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=44 comm="sshd" exe="/usr/sbin/sshd" subj=unconfined key=(null)
type=PROCTITLE msg=audit(1700968844.512:730443): proctitle=737368643A206361726F6C205B707269765D
type=USER_START msg=audit(1700968844.640:730444): pid=30455 uid=0 auid=1002 ses=44 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_keyinit,pam_permit,pam_umask,pam_unix,pam_systemd,pam_mail,pam_limits,pam_env,pam_env acct="carol" exe="/usr/sbin/sshd" hostname=192.0.2.71 addr=192.0.2.71 terminal=ssh res=success'
type=USER_LOGIN msg=audit(1700968844.662:730445): pid=30455 uid=0 auid=1002 ses=44 subj=unconfined msg='op=login id=1002 exe="/usr/sbin/sshd" hostname=192.0.2.71 addr=192.0.2.71 terminal=/dev/pts/0 res=success'
type=SYSCALL msg=audit(1700968844.671:730446): arch=c000003e syscall=59 success=yes exit=0 a0=55daa3d63150 a1=55ec53ada0f0 a2=55a0b89c5bc0 a3=8 items=2 ppid=30455 pid=30490 auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 sgid=1002 fsgid=1002 tty=pts0 ses=44 comm="bash" exe="/usr/bin/bash" subj=unconfined key="exec"
type=EXECVE msg=audit(1700968844.671:730446): argc=1 a0="-bash"
type=CWD msg=audit(1700968844.671:730446): cwd="/home/carol"
type=PATH msg=audit(1700968844.671:730446): item=0 name="/usr/bin/bash" inode=1048650 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700968844.671:730446): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700968844.671:730446): proctitle="-bash"
type=SYSCALL msg=audit(1700968851.090:730447): arch=c000003e syscall=59 success=yes exit=0 a0=55b4674e9740 a1=55cecf776ef0 a2=55d4efe515e0 a3=8 items=2 ppid=30490 pid=30502 auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 sgid=1002 fsgid=1002 tty=pts0 ses=44 comm="mailq" exe="/usr/sbin/sendmail" subj=unconfined key="exec"
type=EXECVE msg=audit(1700968851.090:730447): argc=1 a0="mailq"
type=CWD msg=audit(1700968851.090:730447): cwd="/home/carol"
type=PATH msg=audit(1700968851.090:730447): item=0 name="/usr/bin/mailq" inode=1051120 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700968851.090:730447): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700968851.090:730447): proctitle="mailq"
type=SYSCALL msg=audit(1700968863.847:730448): arch=c000003e syscall=59 success=yes exit=0 a0=55fd07c48020 a1=55d6d2b48ac0 a2=55af5f379100 a3=8 items=2 ppid=30490 pid=30507 auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 sgid=1002 fsgid=1002 tty=pts0 ses=44 comm="tail" exe="/usr/bin/tail" subj=unconfined key="exec"
type=EXECVE msg=audit(1700968863.847:730448): argc=4 a0="tail" a1="-n" a2="200" a3="/var/log/mail.log"
EOF

# ---- rotated/audit.log (starts with the remaining records of that event)
cat > rotated/audit.log <<'EOF'
type=CWD msg=audit(1700968863.847:730448): cwd="/home/carol"
type=PATH msg=audit(1700968863.847:730448): item=0 name="/usr/bin/tail" inode=1048930 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700968863.847:730448): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700968863.847:730448): proctitle=7461696C002D6E00323030002F7661722F6C6F672F6D61696C2E6C6F67
type=SYSCALL msg=audit(1700968879.402:730449): arch=c000003e syscall=59 success=yes exit=0 a0=55b723edbcb0 a1=55c8187f5200 a2=55f41c2ad560 a3=8 items=2 ppid=30490 pid=30511 auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 sgid=1002 fsgid=1002 tty=pts0 ses=44 comm="grep" exe="/usr/bin/grep" subj=unconfined key="exec"
type=EXECVE msg=audit(1700968879.402:730449): argc=4 a0="grep" a1="-c" a2="status=deferred" a3="/var/log/mail.log"
type=CWD msg=audit(1700968879.402:730449): cwd="/home/carol"
type=PATH msg=audit(1700968879.402:730449): item=0 name="/usr/bin/grep" inode=1049301 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700968879.402:730449): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700968879.402:730449): proctitle=67726570002D63007374617475733D6465666572726564002F7661722F6C6F672F6D61696C2E6C6F67
type=SYSCALL msg=audit(1700968900.116:730450): arch=c000003e syscall=59 success=yes exit=0 a0=55d1f08e6c80 a1=55ddb23018a0 a2=55bb41e667a0 a3=8 items=2 ppid=30490 pid=30515 auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 sgid=1002 fsgid=1002 tty=pts0 ses=44 comm="df" exe="/usr/bin/df" subj=unconfined key="exec"
type=EXECVE msg=audit(1700968900.116:730450): argc=3 a0="df" a1="-h" a2="/var/spool/postfix"
type=CWD msg=audit(1700968900.116:730450): cwd="/home/carol"
type=PATH msg=audit(1700968900.116:730450): item=0 name="/usr/bin/df" inode=1048805 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700968900.116:730450): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700968900.116:730450): proctitle=6466002D68002F7661722F73706F6F6C2F706F7374666978
type=USER_END msg=audit(1700968982.775:730451): pid=30455 uid=0 auid=1002 ses=44 subj=unconfined msg='op=login id=1002 exe="/usr/sbin/sshd" hostname=192.0.2.71 addr=192.0.2.71 terminal=/dev/pts/0 res=success'
type=USER_LOGOUT msg=audit(1700968982.776:730452): pid=30455 uid=0 auid=1002 ses=44 subj=unconfined msg='op=login id=1002 exe="/usr/sbin/sshd" hostname=192.0.2.71 addr=192.0.2.71 terminal=/dev/pts/0 res=success'
type=USER_END msg=audit(1700968982.801:730453): pid=30455 uid=0 auid=1002 ses=44 subj=unconfined msg='op=PAM:session_close grantors=pam_loginuid,pam_keyinit,pam_permit,pam_umask,pam_unix,pam_systemd,pam_mail,pam_limits,pam_env,pam_env acct="carol" exe="/usr/sbin/sshd" hostname=192.0.2.71 addr=192.0.2.71 terminal=ssh res=success'
type=CRED_DISP msg=audit(1700968982.803:730454): pid=30455 uid=0 auid=1002 ses=44 subj=unconfined msg='op=PAM:setcred grantors=pam_permit acct="carol" exe="/usr/sbin/sshd" hostname=192.0.2.71 addr=192.0.2.71 terminal=ssh res=success'
type=USER_ACCT msg=audit(1700972221.388:730455): pid=30580 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:accounting grantors=pam_permit acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=CRED_ACQ msg=audit(1700972221.389:730456): pid=30580 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=LOGIN msg=audit(1700972221.390:730457): pid=30580 uid=0 subj=unconfined old-auid=4294967295 auid=0 tty=(none) old-ses=4294967295 ses=45 res=1
type=SYSCALL msg=audit(1700972221.390:730457): arch=c000003e syscall=1 success=yes exit=1 a0=7 a1=7fff29ed8c20 a2=1 a3=0 items=0 ppid=702 pid=30580 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=45 comm="cron" exe="/usr/sbin/cron" subj=unconfined key=(null)
type=PROCTITLE msg=audit(1700972221.390:730457): proctitle=2F7573722F7362696E2F43524F4E002D66
type=USER_START msg=audit(1700972221.394:730458): pid=30580 uid=0 auid=0 ses=45 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=SYSCALL msg=audit(1700972221.398:730459): arch=c000003e syscall=59 success=yes exit=0 a0=55dd49001c70 a1=55fb93f8d550 a2=55e2c8511290 a3=8 items=2 ppid=30580 pid=30581 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=45 comm="sh" exe="/usr/bin/dash" subj=unconfined key="exec"
type=EXECVE msg=audit(1700972221.398:730459): argc=3 a0="/bin/sh" a1="-c" a2=6364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CWD msg=audit(1700972221.398:730459): cwd="/root"
type=PATH msg=audit(1700972221.398:730459): item=0 name="/bin/sh" inode=1048700 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700972221.398:730459): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700972221.398:730459): proctitle=2F62696E2F7368002D63006364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CRED_DISP msg=audit(1700972221.658:730460): pid=30580 uid=0 auid=0 ses=45 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_END msg=audit(1700972221.659:730461): pid=30580 uid=0 auid=0 ses=45 subj=unconfined msg='op=PAM:session_close grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
EOF

# ---- rotated-dated/
gzip -n > rotated-dated/audit.log-20231124.gz <<'EOF'
type=USER_ACCT msg=audit(1700777821.409:1204410): pid=21702 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:accounting grantors=pam_permit acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=CRED_ACQ msg=audit(1700777821.410:1204411): pid=21702 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=LOGIN msg=audit(1700777821.411:1204412): pid=21702 uid=0 subj=unconfined old-auid=4294967295 auid=0 tty=(none) old-ses=4294967295 ses=88 res=1
type=SYSCALL msg=audit(1700777821.411:1204412): arch=c000003e syscall=1 success=yes exit=1 a0=7 a1=7ffe97bdf2e0 a2=1 a3=0 items=0 ppid=702 pid=21702 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=88 comm="cron" exe="/usr/sbin/cron" subj=unconfined key=(null)
type=PROCTITLE msg=audit(1700777821.411:1204412): proctitle=2F7573722F7362696E2F43524F4E002D66
type=USER_START msg=audit(1700777821.415:1204413): pid=21702 uid=0 auid=0 ses=88 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=SYSCALL msg=audit(1700777821.419:1204414): arch=c000003e syscall=59 success=yes exit=0 a0=55a0a7d71980 a1=55f4c9eb59c0 a2=55ff58268260 a3=8 items=2 ppid=21702 pid=21703 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=88 comm="sh" exe="/usr/bin/dash" subj=unconfined key="exec"
type=EXECVE msg=audit(1700777821.419:1204414): argc=3 a0="/bin/sh" a1="-c" a2=6364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CWD msg=audit(1700777821.419:1204414): cwd="/root"
type=PATH msg=audit(1700777821.419:1204414): item=0 name="/bin/sh" inode=1048700 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700777821.419:1204414): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700777821.419:1204414): proctitle=2F62696E2F7368002D63006364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CRED_DISP msg=audit(1700777821.679:1204415): pid=21702 uid=0 auid=0 ses=88 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_END msg=audit(1700777821.680:1204416): pid=21702 uid=0 auid=0 ses=88 subj=unconfined msg='op=PAM:session_close grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_AUTH msg=audit(1700782872.550:1204417): pid=21760 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:authentication grantors=? acct="?" exe="/usr/sbin/sshd" hostname=198.51.100.23 addr=198.51.100.23 terminal=ssh res=failed'
type=USER_LOGIN msg=audit(1700782872.554:1204418): pid=21760 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=login acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=198.51.100.23 terminal=sshd res=failed'
EOF

cat > rotated-dated/audit.log-20231125 <<'EOF'
type=SERVICE_START msg=audit(1700784001.221:1204419): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=logrotate comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
type=SERVICE_STOP msg=audit(1700784003.090:1204420): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=logrotate comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
type=SYSCALL msg=audit(1700817160.331:1204421): arch=c000003e syscall=59 success=yes exit=0 a0=55b383725340 a1=55eae2f8a270 a2=55a324a6cdd0 a3=8 items=2 ppid=23990 pid=24011 auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 sgid=1002 fsgid=1002 tty=pts0 ses=91 comm="postqueue" exe="/usr/sbin/postqueue" subj=unconfined key="exec"
type=EXECVE msg=audit(1700817160.331:1204421): argc=2 a0="postqueue" a1="-p"
type=CWD msg=audit(1700817160.331:1204421): cwd="/home/carol"
type=PATH msg=audit(1700817160.331:1204421): item=0 name="/usr/sbin/postqueue" inode=1051133 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700817160.331:1204421): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700817160.331:1204421): proctitle=706F73747175657565002D70
type=SYSCALL msg=audit(1700817182.778:1204422): arch=c000003e syscall=59 success=yes exit=0 a0=55b30f4d03f0 a1=55fa00e8b5c0 a2=55af7eaaaf20 a3=8 items=2 ppid=23990 pid=24016 auid=1002 uid=1002 gid=1002 euid=1002 suid=1002 fsuid=1002 egid=1002 sgid=1002 fsgid=1002 tty=pts0 ses=91 comm="du" exe="/usr/bin/du" subj=unconfined key="exec"
type=EXECVE msg=audit(1700817182.778:1204422): argc=3 a0="du" a1="-sh" a2="/var/spool/postfix/deferred"
type=CWD msg=audit(1700817182.778:1204422): cwd="/home/carol"
type=PATH msg=audit(1700817182.778:1204422): item=0 name="/usr/bin/du" inode=1048811 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700817182.778:1204422): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700817182.778:1204422): proctitle=6475002D7368002F7661722F73706F6F6C2F706F73746669782F6465666572726564
EOF

cat > rotated-dated/audit.log <<'EOF'
type=SERVICE_START msg=audit(1700870401.302:1204423): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=logrotate comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
type=SERVICE_STOP msg=audit(1700870402.945:1204424): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=logrotate comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
type=USER_ACCT msg=audit(1700871421.397:1204425): pid=26120 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:accounting grantors=pam_permit acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=CRED_ACQ msg=audit(1700871421.398:1204426): pid=26120 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=LOGIN msg=audit(1700871421.399:1204427): pid=26120 uid=0 subj=unconfined old-auid=4294967295 auid=0 tty=(none) old-ses=4294967295 ses=95 res=1
type=SYSCALL msg=audit(1700871421.399:1204427): arch=c000003e syscall=1 success=yes exit=1 a0=7 a1=7ffc47853af0 a2=1 a3=0 items=0 ppid=702 pid=26120 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=95 comm="cron" exe="/usr/sbin/cron" subj=unconfined key=(null)
type=PROCTITLE msg=audit(1700871421.399:1204427): proctitle=2F7573722F7362696E2F43524F4E002D66
type=USER_START msg=audit(1700871421.403:1204428): pid=26120 uid=0 auid=0 ses=95 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=SYSCALL msg=audit(1700871421.407:1204429): arch=c000003e syscall=59 success=yes exit=0 a0=55cf4f2ea7d0 a1=55e69df833e0 a2=55fca8d531a0 a3=8 items=2 ppid=26120 pid=26121 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=95 comm="sh" exe="/usr/bin/dash" subj=unconfined key="exec"
type=EXECVE msg=audit(1700871421.407:1204429): argc=3 a0="/bin/sh" a1="-c" a2=6364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CWD msg=audit(1700871421.407:1204429): cwd="/root"
type=PATH msg=audit(1700871421.407:1204429): item=0 name="/bin/sh" inode=1048700 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PATH msg=audit(1700871421.407:1204429): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1048921 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0
type=PROCTITLE msg=audit(1700871421.407:1204429): proctitle=2F62696E2F7368002D63006364202F2026262072756E2D7061727473202D2D7265706F7274202F6574632F63726F6E2E686F75726C79
type=CRED_DISP msg=audit(1700871421.667:1204430): pid=26120 uid=0 auid=0 ses=95 subj=unconfined msg='op=PAM:setcred grantors=pam_permit,pam_cap acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
type=USER_END msg=audit(1700871421.668:1204431): pid=26120 uid=0 auid=0 ses=95 subj=unconfined msg='op=PAM:session_close grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'
EOF

#!/bin/sh
# Writes damaged/passwd and damaged/group: CRLF ends, a Latin-1 name and a missing final
# newline are hard to keep intact in an editor, so the bytes are spelled out here.
set -eu
cd "$(dirname "$0")"
mkdir -p damaged

printf '%b' \
'# /etc/passwd of db01.example.net, edited by hand\n' \
'root:x:0:0:root:/root:/bin/bash\r\n' \
'\n' \
'   \t\n' \
'  daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' \
'alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\r\n' \
'bob:x:1001\n' \
'carol:x:1002\r\n' \
'j\0374rgen:x:1005:1005:J\0374rgen:/home/j\0374rgen:/bin/bash\n' \
'toor:x:0:0::/root:/bin/bash\n' \
'alice2:x:1000:1000::/tmp:/bin/sh\n' \
'+@netadmins::::::\n' \
'-mallory::::::\n' \
'+\n' \
'mallory:x:10o1:1001::/home/mallory:/bin/sh\n' \
'eve:x::100::/:/bin/sh\n' \
'neg:x:-1:0::/:/bin/sh\n' \
'big:x:4294967296:0::/:/bin/sh\n' \
':x:1003:1003::/:/bin/sh\n' \
'dave:x\n' \
'erin:x:01004:100::/home/erin:/bin/sh\n' \
'#oscar:x:1099:1099::/home/oscar:/bin/sh\n' \
'frank:x:1006:1006::/home/frank:/bin/bash' \
> damaged/passwd

printf '%b' \
'# /etc/group of db01.example.net\r\n' \
'root:x:0:\r\n' \
'wheel:x:10:root,alice\r\n' \
'users:x:100\r\n' \
'j\0374rgen:x:1005:\n' \
'adm:x:10:\n' \
'+:::\n' \
'staff:x:ten:alice\n' \
'nomembers\n' \
'\n' \
'frank:x:1006:\n' \
> damaged/group

#!/bin/sh
# Regenerates testdata/compressed/ from testdata/irregular/interleaved.log.
# POSIX sh + gzip, zstd, xz, bzip2, od, dd.  Deterministic for a given version of
# each tool: gzip -n (no name, no mtime), zstd without a progress bar,
# xz single-threaded, bzip2 (stores no name or time).
#
#   interleaved.log.gz / .zst / .xz / .bz2   the log, compressed 4 ways
#   gz-named.log     zstd data behind a .log name (detect by magic bytes, not name)
#   plain.gz         the plain text behind a .gz name
#   truncated.gz     the .gz cut after half of its bytes (unexpected end of stream)
#   corrupt.gz       the .gz with the byte in the middle of the deflate data
#                    inverted (inflate error or CRC mismatch)
set -eu
cd "$(dirname "$0")"
src=irregular/interleaved.log
d=compressed
mkdir -p "$d"
rm -f "$d"/interleaved.log.* "$d"/gz-named.log "$d"/plain.gz "$d"/truncated.gz "$d"/corrupt.gz

gzip -n -c "$src" > "$d/interleaved.log.gz"
zstd -q --no-progress -c "$src" > "$d/interleaved.log.zst"
xz -T1 -c "$src" > "$d/interleaved.log.xz"
bzip2 -c "$src" > "$d/interleaved.log.bz2"

cp "$d/interleaved.log.zst" "$d/gz-named.log"
cp "$src" "$d/plain.gz"

size=$(wc -c < "$d/interleaved.log.gz")
half=$((size / 2))
dd if="$d/interleaved.log.gz" of="$d/truncated.gz" bs=1 count="$half" 2>/dev/null

# invert one byte in the middle (the 10-byte header and 8-byte trailer are far away)
byte=$(od -An -tu1 -j "$half" -N1 "$d/interleaved.log.gz" | tr -d ' ')
flipped=$((255 - byte))
{
    dd if="$d/interleaved.log.gz" bs=1 count="$half" 2>/dev/null
    # shellcheck disable=SC2059  # octal escape built on purpose
    printf "\\$(printf '%03o' "$flipped")"
    dd if="$d/interleaved.log.gz" bs=1 skip=$((half + 1)) 2>/dev/null
} > "$d/corrupt.gz"

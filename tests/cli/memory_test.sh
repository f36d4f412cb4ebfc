#!/usr/bin/env bash
# A build's memory grows with its input, at most 20 times it (issue 13; docs/security.md,
# "Size"): the peak resident memory of `morsel build` above that of a one-lesson site,
# for a module of 2,000 one-question lessons (scripts/scale-content.sh), against the bytes
# of its content folder. Measured on the second build, which reads the morsel.lock the
# first one wrote (part of the input, as on every build after the first). It failed at
# 65 times before the pages, the single file and the search index were written as
# rendered. Usage: tests/cli/memory_test.sh MORSEL_BIN
set -euo pipefail
morsel=$(realpath "${1:?usage: memory_test.sh MORSEL_BIN}")
root=$(cd "$(dirname "$0")/../.." && pwd)
limit=20
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Peak resident memory in KB of building $1/content into $1/site.
peak() {
  /usr/bin/time -f %M -o "$tmp/rss" "$morsel" build "$1/content" --out "$1/site" >/dev/null 2>&1
  tail -1 "$tmp/rss"
}

"$root/scripts/scale-content.sh" "$tmp/one" 1 >/dev/null
"$root/scripts/scale-content.sh" "$tmp/many" 2000 >/dev/null
peak "$tmp/one" >/dev/null
peak "$tmp/many" >/dev/null
base=$(peak "$tmp/one")
used=$(peak "$tmp/many")
input=$(find "$tmp/many/content" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
ratio=$(awk -v u="$used" -v b="$base" -v i="$input" 'BEGIN { printf "%.1f", (u - b) * 1024 / i }')
echo "2,000 lessons: $input bytes of content; peak $used KB, $base KB for one lesson: ${ratio}x the input"
if awk -v r="$ratio" -v l="$limit" 'BEGIN { exit !(r > l) }'; then
  echo "FAIL: more than ${limit}x the input" >&2
  exit 1
fi

#!/usr/bin/env bash
# A build's memory grows with its input, at most 20 times it (issue 13; docs/security.md,
# "Size"): the peak resident memory of `morsel build` above that of a one-lesson site,
# for a module of 2,000 one-question lessons (scripts/scale-content.sh), against the bytes
# of its content folder. Measured on the second build, which reads the morsel.lock the
# first one wrote (part of the input, as on every build after the first). It failed at
# 65 times before the pages, the single file and the search index were written as
# rendered. Then YAML as dense as it can be written, in one lesson: 6 MB of front matter
# in flow mappings (six values in 27 bytes) and a quiz of 20,000 one-line questions; each
# is refused as too large (`too-large`, kMaxYamlValues), and what is read before that
# stays within the same 20 times (58 and 33 times before the limit).
# Usage: tests/cli/memory_test.sh MORSEL_BIN
set -euo pipefail
morsel=$(realpath "${1:?usage: memory_test.sh MORSEL_BIN}")
root=$(cd "$(dirname "$0")/../.." && pwd)
limit=20
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Peak resident memory in KB of building $1/content into $1/site.
peak() {
  /usr/bin/time -f %M -o "$tmp/rss" "$morsel" build "$1/content" --out "$1/site" >/dev/null 2>&1 || true
  tail -1 "$tmp/rss"
}

# Fails unless peak $2 KB above base $3 KB is within $limit times the bytes of $4; $1 names it.
within() {
  local input ratio
  input=$(find "$4" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  ratio=$(awk -v u="$2" -v b="$3" -v i="$input" 'BEGIN { printf "%.1f", (u - b) * 1024 / i }')
  echo "$1: $input bytes of content; peak $2 KB, $3 KB for one lesson: ${ratio}x the input"
  if awk -v r="$ratio" -v l="$limit" 'BEGIN { exit !(r > l) }'; then
    echo "FAIL: $1 used more than ${limit}x the input" >&2
    status=1
  fi
}
status=0

"$root/scripts/scale-content.sh" "$tmp/one" 1 >/dev/null
"$root/scripts/scale-content.sh" "$tmp/many" 2000 >/dev/null
peak "$tmp/one" >/dev/null
peak "$tmp/many" >/dev/null
base=$(peak "$tmp/one")
within "2,000 lessons" "$(peak "$tmp/many")" "$base" "$tmp/many/content"

# One lesson of dense YAML in place of the one lesson, and the error that it is too large.
dense() {
  cp -r "$tmp/one" "$tmp/$1"
  local lesson
  lesson=$(find "$tmp/$1/content" -name '*.md' ! -name '_index.md' | head -1)
  { echo '---'; echo 'title: Dense'; echo "$2"; echo '---'; echo 'Text.'; echo "$3"; } > "$lesson"
  within "$1" "$(peak "$tmp/$1")" "$base" "$tmp/$1/content"
  local said
  said=$("$morsel" check "$tmp/$1/content" 2>&1 || true)
  [[ "$said" == *"values: at most 100000, or one per 16 bytes of the document, are read [too-large]"* ]] ||
    { echo "FAIL: $1 was not refused as too large: $said" >&2; status=1; }
}
dense "flow-front-matter" "$(awk 'BEGIN { for (i = 0; i < 240000; i++) printf "k%d: {a: 1, b: [x, y]}\n", i }')" ""
dense "quiz-of-20000" "" "$(awk 'BEGIN { print "```quiz"; print "questions:"
  for (i = 0; i < 20000; i++) printf "  - {id: q%d, type: single, prompt: \"P %d?\", options: [{text: A, correct: true}, {text: B}]}\n", i, i
  print "```" }')"
exit $status

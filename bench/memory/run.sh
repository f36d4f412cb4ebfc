#!/usr/bin/env bash
# Peak memory of a build against its input, Morsel beside Hugo on the same lessons
# (bench/make_corpus.py writes both flavours), and Morsel on 2,000 one-question lessons
# (scripts/scale-content.sh). Prints one row per corpus: input bytes, each tool's peak
# resident memory and time, and memory as a multiple of the input (above a one-lesson
# build, which is the program itself). Not part of ctest: tests/cli/memory_test.sh holds
# the 20x bound.
#   bench/memory/run.sh [N ...]        (default: 1000 2000 5000; needs python3, hugo, GNU time)
#   MORSEL_BIN=build/bin/morsel WORK=/tmp/morsel-memory-bench
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
morsel=$(realpath "${MORSEL_BIN:-$root/build/bin/morsel}")
work=${WORK:-/tmp/morsel-memory-bench}
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 2000 5000)
mkdir -p "$work"

# "<peak KB> <seconds>" of a command.
measure() {
  /usr/bin/time -f "%M %e" -o "$work/time" "$@" >/dev/null 2>&1
  tail -1 "$work/time"
}
bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
times() { awk -v kb="$1" -v base="$2" -v input="$3" 'BEGIN { printf "%.1fx", (kb - base) * 1024 / input }'; }

[[ -d "$work/one/content" ]] || "$root/scripts/scale-content.sh" "$work/one" 1 >/dev/null
measure "$morsel" build "$work/one/content" --out "$work/one/site" >/dev/null
read -r morsel_base _ < <(measure "$morsel" build "$work/one/content" --out "$work/one/site")
hugo_base=0
if command -v hugo >/dev/null; then
  [[ -d "$work/hugo-1" ]] || python3 "$root/bench/make_corpus.py" --out "$work/hugo-1" -n 1 --flavor hugo >/dev/null
  read -r hugo_base _ < <(measure hugo --quiet -s "$work/hugo-1" -d "$work/hugo-1/public")
fi
echo "one-lesson builds (the programs themselves): morsel ${morsel_base} KB, hugo ${hugo_base} KB"
printf '%-28s %12s %22s %22s\n' corpus "input bytes" "morsel: KB, s, ×input" "hugo: KB, s, ×input"
for n in "${sizes[@]}"; do
  m="$work/morsel-$n"
  [[ -d "$m" ]] || python3 "$root/bench/make_corpus.py" --out "$m" -n "$n" --flavor morsel >/dev/null
  measure "$morsel" build "$m/content" --out "$m/site" >/dev/null  # writes morsel.lock
  input=$(bytes "$m/content")
  read -r kb s < <(measure "$morsel" build "$m/content" --out "$m/site")
  hugo_cell="(no hugo)"
  if command -v hugo >/dev/null; then
    h="$work/hugo-$n"
    [[ -d "$h" ]] || python3 "$root/bench/make_corpus.py" --out "$h" -n "$n" --flavor hugo >/dev/null
    read -r hkb hs < <(measure hugo --quiet -s "$h" -d "$h/public")
    hugo_cell="$hkb, $hs, $(times "$hkb" "$hugo_base" "$(bytes "$h/content")")"
  fi
  printf '%-28s %12s %22s %22s\n' "make_corpus $n lessons" "$input" "$kb, $s, $(times "$kb" "$morsel_base" "$input")" \
    "$hugo_cell"
done
for n in "${sizes[@]}"; do
  q="$work/scale-$n"
  [[ -d "$q" ]] || "$root/scripts/scale-content.sh" "$q" "$n" >/dev/null
  rm -f "$q/content/morsel.lock"
  input=$(bytes "$q/content")
  read -r kb s < <(measure "$morsel" build "$q/content" --out "$q/site")
  first="$input bytes, $kb KB, $s s, $(times "$kb" "$morsel_base" "$input")"
  read -r kb s < <(measure "$morsel" build "$q/content" --out "$q/site")
  printf '%-28s %12s %22s   %s\n' "scale-content $n lessons" "$(bytes "$q/content")" \
    "$kb, $s, $(times "$kb" "$morsel_base" "$(bytes "$q/content")")" "(first build, no morsel.lock yet: $first)"
done

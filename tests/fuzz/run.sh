#!/usr/bin/env bash
# Long fuzz runs, one target at a time under `nice -n 10`, each for SECONDS (default 600),
# from the seed corpus with the target's dictionary. Prints one line per run in the form
# of README.md's "Runs" table; new inputs and crash files stay in OUT (default
# /tmp/morsel-fuzz/<target>/), never in the source tree.
# usage: tests/fuzz/run.sh [SECONDS] [target...]     (build the `asan` preset first)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${MORSEL_FUZZ_BIN:-$here/../../build/asan/bin}
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(yaml block mustache lesson state import search_query lms_state)
out=${OUT:-/tmp/morsel-fuzz}
for t in "${targets[@]}"; do
  dir="$out/$t"
  mkdir -p "$dir/new"
  dict=()
  [[ -f "$here/$t.dict" ]] && dict=("-dict=$here/$t.dict")
  start=$(date +%s)
  (cd "$dir" && nice -n 10 "$bin/${t}_fuzz" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 new "$here/corpus/$t" >"$dir/log" 2>&1)
  rc=$?
  took=$(($(date +%s) - start))
  execs=$(grep -oP '^stat::number_of_executed_units: \K[0-9]+' "$dir/log" | tail -1)
  if ((rc == 0)); then result="no crash, hang or leak"; else result="FAILED (exit $rc): $(grep -m1 -E 'ERROR|==[0-9]+==|deadly signal|Timeout' "$dir/log")"; fi
  echo "| $(date -u +%F) | \`$t\` | ${took} s | ${execs:-?} | $result |"
done

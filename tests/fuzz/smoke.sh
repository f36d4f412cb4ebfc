#!/usr/bin/env bash
# A short run of one fuzz target (ctest `fuzz-smoke-<target>`): every input of its corpus
# and regressions once, then MORSEL_FUZZ_SECONDS (default 15) of fuzzing from the corpus.
# New inputs go to a temporary folder: the committed corpus only changes by hand.
# usage: smoke.sh FUZZER CORPUS_DIR REGRESSIONS_DIR DICT
set -euo pipefail
fuzzer=$1 corpus=$2 regressions=$3 dict=$4
seconds=${MORSEL_FUZZ_SECONDS:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"   # crash-* files land here, not in the source tree
inputs=("$corpus")
[[ -d "$regressions" ]] && inputs+=("$regressions")
dict_flag=()
[[ -f "$dict" ]] && dict_flag=("-dict=$dict")
mkdir new
"$fuzzer" -runs=0 -timeout=10 "${inputs[@]}" 2>replay.log || { cat replay.log; exit 1; }
echo "replayed $(find "${inputs[@]}" -type f | wc -l) inputs"
"$fuzzer" "${dict_flag[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  new "$corpus" 2>fuzz.log || { tail -n 100 fuzz.log; exit 1; }
grep -E '^stat::number_of_executed_units|^Done' fuzz.log || true

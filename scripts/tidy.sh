#!/usr/bin/env bash
# clang-tidy with the repository's .clang-tidy over every source file of generator/ and
# runtime/core (their headers through HeaderFilterRegex). Every finding is an error
# (WarningsAsErrors). The compile commands come from the `tidy` preset, configured here
# (configure only: nothing is built). Run by ctest (`tidy`) from scripts/test.sh.
# usage: scripts/tidy.sh [path-regex]   e.g. scripts/tidy.sh 'generator/mustache'
set -euo pipefail
cd "$(dirname "$0")/.."
tidy=$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)
[[ -n "$tidy" ]] || { echo "tidy: run-clang-tidy is missing (scripts/deps.sh installs clang-tidy-14)"; exit 1; }
cmake --preset tidy >/dev/null
# compile_commands.json names files by absolute path: anchor the regex at the source tree.
filter="^$(pwd)/${1:-(generator|runtime/core)/[^/]*\.cc$}"
start=$SECONDS
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# run-clang-tidy exits non-zero on any finding (WarningsAsErrors: '*').
if "$tidy" -p build/tidy -quiet -j "$(nproc)" "$filter" >"$log" 2>&1; then
  echo "tidy: ok ($(grep -c -- ' -p=' "$log" || true) files, $((SECONDS - start)) s)"
else
  grep -E 'error:|warning:|note:' "$log" | grep -v '^[0-9]* warnings\? generated' | head -200
  echo "tidy: findings above (.clang-tidy lists the checks; docs/development.md why)"
  exit 1
fi

#!/usr/bin/env bash
# Builds everything and runs every test: unit (Catch2), the core under wasm in Node, the
# shipped runtime against hostile input, the runtime size budget, golden sites, clang-tidy
# and the browser end-to-end suite; then the native suite (unit, golden and invalid sites,
# the CLI, fuzz corpus replays) again under AddressSanitizer + UBSan (`asan` preset), and
# a short run of every fuzz target (`fuzz` preset, tests/fuzz/README.md). Exits non-zero
# on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j"$jobs"
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$jobs"
ctest --preset dev
step() { echo "morsel: $1 ($((SECONDS - started)) s so far)"; }
started=$SECONDS
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs"
ctest --preset asan
step "asan suite done"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$jobs"
ctest --preset fuzz
step "fuzz smoke done"

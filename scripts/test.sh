#!/usr/bin/env bash
# Builds everything and runs every test: unit (Catch2), the core under wasm in Node, the
# shipped runtime against hostile input, the runtime size budget, golden sites, clang-tidy,
# the fuzz corpus replays and the browser end-to-end suite (`dev` tree, gcc); then the
# native suite again under AddressSanitizer + UBSan with a short libFuzzer run of every
# fuzz target (`asan` tree, clang). Exits non-zero on any failure.
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
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs"
ctest --preset asan

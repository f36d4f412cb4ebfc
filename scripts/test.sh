#!/usr/bin/env bash
# Builds everything and runs every test: unit (Catch2), the core under wasm in Node, the
# shipped runtime against hostile input, the runtime size budget, golden sites, clang-tidy,
# the fuzz corpus replays and the browser end-to-end suite. Exits non-zero on any failure.
# (The asan suite and the fuzz smoke runs, `ctest --preset asan` and `--preset fuzz`, join
# this command once they have run clean over the whole merged tree: tests/fuzz/README.md.)
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

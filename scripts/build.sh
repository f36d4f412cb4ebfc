#!/usr/bin/env bash
# Builds the wasm runtime and the `morsel` generator, then generates the demo site from
# content/ into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
export NODE_PATH=/usr/share/nodejs   # em++ needs it on Debian
jobs=$(nproc)
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j"$jobs" --target morsel_runtime_size
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$jobs" --target morsel
build/bin/morsel build content --out site
echo "Open $(pwd)/site/index.html in a browser, or serve site/ from any static host."

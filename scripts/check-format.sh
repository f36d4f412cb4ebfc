#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format makes of it under the
# repository's .clang-format, listing each difference. Fix with: clang-format -i <file>.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null 2>&1 || { echo "check-format: clang-format is missing (scripts/deps.sh installs it)"; exit 1; }
mapfile -t files < <(git ls-files -- '*.cc' '*.h')
((${#files[@]})) || { echo "check-format: no C++ files tracked"; exit 1; }
if clang-format --style=file --dry-run --Werror "${files[@]}"; then
  echo "check-format: ok (${#files[@]} files)"
else
  echo "check-format: files above differ from .clang-format (clang-format -i <file> fixes them)"
  exit 1
fi

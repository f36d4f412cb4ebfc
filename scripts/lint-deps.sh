#!/usr/bin/env bash
# Enforces the dependency rules of docs/architecture.md on the source tree.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
report() { echo "lint-deps: $*"; fail=1; }

# runtime/core: std and nlohmann/json only.
while IFS= read -r line; do
  report "runtime/core may include only the standard library, nlohmann/json and itself: $line"
done < <(grep -nE '^\s*#\s*include\s*[<"]' runtime/core/*.h runtime/core/*.cc |
         grep -vE '#\s*include\s*<[a-z_0-9]+>' | grep -vE '<nlohmann/json(_fwd)?\.hpp>' |
         grep -vE '"runtime/core/[a-z_]+\.h"')

# emscripten only in runtime/wasm.
while IFS= read -r f; do report "emscripten outside runtime/wasm: $f"; done < <(
  grep -rlE 'emscripten' --include='*.h' --include='*.cc' runtime/core generator tests/unit)

# cmark only in generator/markdown.cc.
while IFS= read -r f; do report "cmark-gfm included outside generator/markdown.cc: $f"; done < <(
  grep -rlE '#\s*include\s*<cmark' --include='*.h' --include='*.cc' generator runtime | grep -v '^generator/markdown.cc$')

# GNU Source-highlight only in generator/highlight.cc (it reads its own .lang files from
# /usr/share/source-highlight: the one disk access outside file_system.cc, a library's).
while IFS= read -r f; do report "Source-highlight included outside generator/highlight.cc: $f"; done < <(
  grep -rlE '#\s*include\s*<srchilite' --include='*.h' --include='*.cc' generator runtime | grep -v '^generator/highlight.cc$')

# Only the FileSystem implementation touches the disk.
while IFS= read -r f; do report "disk access outside generator/file_system.cc: $f"; done < <(
  grep -lE '<fstream>|<filesystem>|fopen\(' generator/*.cc generator/*.h |
  grep -vE '^generator/(file_system|embed_tool)\.cc$')

# No theme markup in the runtime glue, no runtime logic in the theme.
grep -qE '<(div|section|form|fieldset)[ >]' runtime/web/*.js && report "runtime/web holds theme markup"
find themes -name '*.js' -o -name '*.cc' | grep -q . && report "themes/ holds code"

[[ $fail -eq 0 ]] && echo "lint-deps: ok"
exit $fail

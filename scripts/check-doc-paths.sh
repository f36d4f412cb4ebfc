#!/usr/bin/env bash
# docs/architecture.md is the project's map: every file it names must exist. A path with a
# folder must exist as written; a bare file name (`compile.cc`) must exist in one of the
# source folders. Names with placeholders (`<course>/…`, `*`), paths outside the repository
# (`../…`) and what a build writes (`build/…`, `site/…`) are not files of the repository.
set -uo pipefail
cd "$(dirname "$0")/.."
doc=${1:-docs/architecture.md}
fail=0
folders=(generator runtime/core runtime/wasm runtime/web scripts docs tests themes/default bench .)
while IFS= read -r name; do
  case "$name" in
    *'<'*|*'*'*|../*|build/*|site/*|.*) continue ;;
  esac
  if [[ "$name" == */* ]]; then
    [[ -e "$name" || -e "${name%/}" ]] || { echo "check-doc-paths: $doc names $name, which does not exist"; fail=1; }
    continue
  fi
  found=0
  for dir in "${folders[@]}"; do
    if [[ -n "$(find "$dir" -maxdepth 3 -name "$name" -not -path './build/*' -not -path './node_modules/*' -print -quit 2>/dev/null)" ]]; then
      found=1
      break
    fi
  done
  [[ $found == 1 ]] || { echo "check-doc-paths: $doc names $name, found in no source folder"; fail=1; }
done < <(grep -oE '`[A-Za-z0-9_./<>*-]+`' "$doc" | tr -d '`' |
         grep -E '/|\.(cc|h|js|json|sh|mustache|css|md)$' | sort -u)
exit $fail

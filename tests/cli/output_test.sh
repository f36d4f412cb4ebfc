#!/usr/bin/env bash
# What `morsel build` and `morsel check` print (issue 16): one summary line when stderr is
# not a terminal; nothing on success with --quiet, errors still; a line per stage with
# --verbose; on a terminal (a pseudo-terminal from util-linux's `script`), a progress bar
# on one line, cleared before the summary; --format json pure JSON on stdout.
# usage: output_test.sh MORSEL_BIN CONTENT_DIR SOURCE_DIR
set -uo pipefail
bin=$1 content=$2 source=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -r "$content" "$work/content"
cd "$work"
summary='^morsel: built [0-9]+ courses?, [0-9]+ lessons?, [0-9]+ questions?, 0 warnings into site/ in [0-9.]+ s$'

# Not a terminal: exactly the summary line on stdout, nothing on stderr.
out=$("$bin" build content --out site 2>err) || fail "build: $(cat err)"
[[ $(wc -l <<<"$out") -eq 1 ]] && grep -qE "$summary" <<<"$out" || fail "one summary line: $out"
[[ ! -s err ]] || fail "stderr of a build that is not on a terminal: $(cat -A err)"
out=$("$bin" check content 2>err) || fail "check: $(cat err)"
[[ $(wc -l <<<"$out") -eq 1 && $out == "morsel: checked "* ]] || fail "one check summary line: $out"
[[ ! -s err ]] || fail "stderr of check: $(cat -A err)"

# Built again, nothing changed: skipped, from the build cache (site.morsel-cache); after an
# edit, only what changed is written, and the summary says how much.
out=$("$bin" build content --out site 2>err) || fail "build again: $(cat err)"
[[ $out =~ ^morsel:\ built\ .*\ in\ [0-9.]+\ s\ \(nothing\ changed\ since\ the\ last\ build\)$ ]] ||
  fail "a build with nothing changed: $out"
[[ -f site.morsel-cache && ! -s err ]] || fail "the cache, or stderr: $(cat -A err)"
lesson=$(find content -name '*.md' ! -name '_index.md' | sort | head -1)
printf '\nA sentence an author added.\n' >>"$lesson"
out=$("$bin" build content --out site 2>err) || fail "build after an edit: $(cat err)"
[[ $out =~ \(([0-9]+)\ of\ ([0-9]+)\ files\ written,\ the\ rest\ unchanged\)$ ]] &&
  ((BASH_REMATCH[1] > 0 && BASH_REMATCH[1] * 4 < BASH_REMATCH[2])) || fail "an edit's build: $out"
"$bin" build --verbose content --out site >/dev/null 2>err || fail "build --verbose with the cache: $(cat err)"
[[ $(head -1 err) =~ ^morsel:\ read\ build\ cache\ in\ [0-9.]+\ s$ && $(wc -l <err) -eq 1 ]] ||
  fail "a skipped build's --verbose: the cache's stage alone: $(cat err)"
out=$("$bin" build --no-cache content --out site 2>err) || fail "build --no-cache: $(cat err)"
grep -qE "$summary" <<<"$out" && [[ ! -e site.morsel-cache ]] || fail "build --no-cache: $out"

# --quiet: nothing at all on success.
out=$("$bin" build --quiet content --out site 2>&1) || fail "build --quiet: $out"
[[ -z $out ]] || fail "build --quiet printed: $out"
out=$("$bin" check -q content 2>&1) || fail "check -q: $out"
[[ -z $out ]] || fail "check -q printed: $out"

# --verbose: a line per stage, in order, on stderr; the summary still on stdout.
out=$("$bin" build --verbose --no-cache content --out site 2>err) || fail "build --verbose: $(cat err)"
grep -qE "$summary" <<<"$out" || fail "build --verbose summary: $out"
stages=$(sed -E 's/^morsel: ([a-z -]+[a-z])( [0-9,]+ [a-z]+)? in [0-9]+\.[0-9]{2} s$/\1/' err | tr '\n' ',')
[[ $stages == "load content,check content,render contents,write search index,copy files,render pages,write hosting files,write site," ]] ||
  fail "build --verbose stages: $(cat err)"
# The pages stage counts every page and each lesson's section of its course's single file,
# whatever the number of processes (one per core by default).
lessons=$(grep -oE '[0-9]+ lessons' <<<"$out" | grep -oE '[0-9]+')
contents=$(sed -nE 's/^morsel: render contents ([0-9]+) pages in .*/\1/p' err)
grep -qE "^morsel: render pages $((contents + lessons)) pages in [0-9.]+ s$" err ||
  fail "render pages count $contents + $lessons: $(cat err)"
"$bin" build --verbose -j 3 --no-cache content --out site >/dev/null 2>err || fail "build -j 3: $(cat err)"
grep -qE "^morsel: render pages $((contents + lessons)) pages in [0-9.]+ s$" err ||
  fail "render pages count with -j 3: $(cat err)"
out=$("$bin" check -v content 2>err) || fail "check -v: $(cat err)"
[[ $(head -1 err) =~ ^morsel:\ load\ content\ in ]] && ! grep -q 'write site' err || fail "check -v stages: $(cat err)"
"$bin" build --quiet --verbose content --out site >/dev/null 2>err && fail "--quiet with --verbose runs"
grep -q -- '--quiet excludes --verbose' err || fail "--quiet with --verbose: $(cat err)"

# On a terminal: a build long enough to be worth a bar (it shows after 0.3 s) draws one
# line, redrawn with \r, and clears it (\r ESC[K) before the summary, which is unchanged
# (303 pages and 300 lessons' sections of the single files: 603 in the pages stage).
python3 "$source/bench/make_corpus.py" --out big -n 300 --flavor morsel >/dev/null || fail "corpus"
TERM=xterm script -qec "'$bin' build big/content --out big/site" /dev/null >tty || fail "build on a terminal: $(cat -A tty)"
tr -d '\n' <tty | grep -qE $'\rrender pages \\[[#.]+\\] [0-9,]+/603 pages(, [0-9,.]+/s)?\e\\[K' ||
  fail "no bar for render pages: $(cat -A tty)"
last=$(tr '\r' '\n' <tty | grep -v '^$' | tail -1)
[[ $last =~ ^$'\e'\[Kmorsel:\ built\ 2\ courses,\ 300\ lessons ]] || fail "the summary follows the cleared bar: $(cat -A tty)"
# TERM=dumb, --quiet and --format json draw none.
TERM=dumb script -qec "'$bin' build big/content --out big/site" /dev/null >tty || fail "TERM=dumb: $(cat -A tty)"
[[ $(tr -d '\r' <tty) =~ ^morsel:\ built\ 2\ courses ]] || fail "a bar on TERM=dumb: $(cat -A tty)"
TERM=xterm script -qec "'$bin' build -q big/content --out big/site" /dev/null >tty || fail "-q on a terminal"
[[ ! -s tty ]] || fail "build -q on a terminal printed: $(cat -A tty)"
TERM=xterm script -qec "'$bin' check --format json big/content" /dev/null >tty || fail "json on a terminal"
node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (d.errors !== 0) process.exit(1);' tty || fail "check --format json on a terminal: $(cat -A tty)"
json=$("$bin" check --format json --verbose content 2>err) || fail "check --format json --verbose"
node -e 'JSON.parse(process.argv[1])' "$json" || fail "json with --verbose: $json"
grep -q '^morsel: render pages' err || fail "--verbose lines with json: $(cat err)"

# A broken lesson: --quiet still prints the error and exits 1; nothing on stdout.
printf -- '---\ntitle: Broken\nweigth: 1\n---\n' >"$lesson"
out=$("$bin" build --quiet content --out site 2>err); code=$?
[[ $code -eq 1 ]] || fail "broken content with --quiet exits 1, got $code"
[[ -z $out ]] || fail "stdout of a failed --quiet build: $out"
grep -q "^$lesson:3:1: error: unknown key 'weigth' in a lesson's front matter \[unknown-key\]$" err ||
  fail "the error with --quiet: $(cat err)"
out=$("$bin" build --verbose content --out site 2>err); code=$?
[[ $code -eq 1 ]] || fail "broken content with --verbose exits 1, got $code"
grep -q '^morsel: check content in' err && grep -q '\[unknown-key\]$' err && ! grep -q 'render pages' err ||
  fail "a failed --verbose build: $(cat err)"
echo "build output: all checks passed"

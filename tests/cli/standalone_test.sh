#!/usr/bin/env bash
# The morsel binary alone, copied to an empty folder and run from another one, builds a
# complete site (theme and runtime are embedded); its commands and exit codes.
# usage: standalone_test.sh MORSEL_BIN CONTENT_DIR
set -uo pipefail
bin=$1 content=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$work/tool" "$work/elsewhere"
cp "$bin" "$work/tool/morsel"
cp -r "$content" "$work/elsewhere/content"
cd "$work/elsewhere"

"$work/tool/morsel" --version | grep -qE '^morsel [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version"
"$work/tool/morsel" help | grep -q 'Subcommands:' || fail "help lists the commands"
"$work/tool/morsel" >/dev/null 2>&1; [[ $? -eq 2 ]] || fail "a bare morsel exits 2"

out=$("$work/tool/morsel" build 2>&1) || fail "build with defaults: $out"
echo "$out" | grep -qE '^morsel: built [0-9]+ courses?, [0-9]+ lessons?, [0-9]+ questions?, 0 warnings into site/ in [0-9.]+ s$' ||
  fail "summary line: $out"
# The runtime and stylesheet are published under fingerprinted names (generator/assets.h).
for f in index.html assets/morsel.??????????.css runtime/morsel.??????????.js \
         runtime/morsel-runtime.??????????.js runtime/morsel-runtime.??????????.wasm \
         runtime/morsel-runtime.wasm.??????????.js; do
  compgen -G "site/$f" >/dev/null || fail "site/$f missing"
  for g in site/$f; do [[ -s $g ]] || fail "$g is empty"; done
done

# --zip: site.zip beside site/, holding exactly its files (read back with Python's zipfile).
"$work/tool/morsel" build --zip >/dev/null || fail "build --zip"
python3 - "$PWD/site" "$PWD/site.zip" <<'PY' || fail "site.zip differs from site/"
import os, sys, zipfile
root, archive = sys.argv[1:]
disk = {}
for folder, _, names in os.walk(root):
    for name in names:
        path = os.path.join(folder, name)
        with open(path, 'rb') as f:
            disk[os.path.relpath(path, root).replace(os.sep, '/')] = f.read()
with zipfile.ZipFile(archive) as z:
    zipped = {info.filename: z.read(info) for info in z.infolist()}
sys.exit(0 if zipped == disk and len(disk) > 40 else 1)
PY
rm site.zip

"$work/tool/morsel" check content >/dev/null || fail "check on valid content"
[[ $("$work/tool/morsel" check content | grep -c '^morsel: checked') -eq 1 ]] || fail "check summary"

# A broken lesson: exit 1, the error on stderr, the previous site left as it was.
before=$(cat site/index.html)
lesson=$(find content -name '*.md' ! -name '_index.md' | sort | head -1)
printf -- '---\ntitle: Broken\nweigth: 1\n---\n' > "$lesson"
err=$("$work/tool/morsel" build 2>&1 >/dev/null); code=$?
[[ $code -eq 1 ]] || fail "broken content exits 1, got $code"
echo "$err" | grep -q "^$lesson:3:1: error: unknown key 'weigth' in a lesson's front matter \[unknown-key\]$" ||
  fail "diagnostic: $err"
echo "$err" | grep -q "did you mean 'weight'?" || fail "suggestion: $err"
[[ "$(cat site/index.html)" == "$before" ]] || fail "a failed build must not touch site/"

"$work/tool/morsel" build missing-folder >/dev/null 2>&1; [[ $? -eq 1 ]] || fail "missing folder exits 1"

# Machine-readable diagnostics for editors and CI.
json=$("$work/tool/morsel" check --format json content); code=$?
[[ $code -eq 1 ]] || fail "check --format json exits 1 on errors, got $code"
node -e 'const d = JSON.parse(process.argv[1]);
  if (d.errors !== 1 || d.diagnostics[0].code !== "unknown-key" || d.diagnostics[0].line !== 3 ||
      d.diagnostics[0].column !== 1 || d.diagnostics[0].hint !== "did you mean '"'"'weight'"'"'?") process.exit(1);' "$json" ||
  fail "json diagnostics: $json"

# --strict turns warnings into a failure.
printf -- '---\ntitle: Fixed\n---\n' > "$lesson"
sed -i 's/^language: .*$//' content/site.yml && echo 'language: xx' >> content/site.yml
"$work/tool/morsel" check content >/dev/null 2>&1 || fail "a warning alone passes check"
"$work/tool/morsel" check --strict content >/dev/null 2>&1; [[ $? -eq 1 ]] || fail "--strict fails on a warning"

# An edit that changes a right answer: check warns and writes nothing; build --strict fails
# and writes nothing; build records it in morsel.lock, after which nobody is warned again.
mkdir -p "$work/edit/content/c/m" && cd "$work/edit"
printf 'title: E\nid: e\n' > content/site.yml
printf -- '---\ntitle: C\n---\n' > content/c/_index.md
printf -- '---\ntitle: M\n---\n' > content/c/m/_index.md
quiz() { printf -- '---\ntitle: L\n---\n```quiz\nquestions:\n  - id: port\n    prompt: "Port?"\n    type: numeric\n    answer: %s\n```\n' "$1" > content/c/m/l.md; }
quiz 8443 && "$work/tool/morsel" build >/dev/null 2>&1 || fail "edit site builds"
lock=$(cat content/morsel.lock)
quiz 443
err=$("$work/tool/morsel" check 2>&1 >/dev/null) || fail "answer-changed alone passes check"
echo "$err" | grep -q "^content/c/m/l.md:6:5: warning: the right answer of question 'port' in block 'quiz-1' changed: .* \[answer-changed\]$" ||
  fail "answer-changed: $err"
[[ "$(cat content/morsel.lock)" == "$lock" ]] || fail "check must not write morsel.lock"
"$work/tool/morsel" build --strict >/dev/null 2>&1 && fail "build --strict passes on answer-changed"
[[ "$(cat content/morsel.lock)" == "$lock" ]] || fail "a failed --strict build must not write morsel.lock"
# (Output captured first: with pipefail, `grep -q` closing the pipe early can fail the writer.)
out=$("$work/tool/morsel" build 2>&1)
grep -q '\[answer-changed\]' <<<"$out" || fail "build warns of answer-changed"
"$work/tool/morsel" build 2>/dev/null | grep -q ' 0 warnings into site/' || fail "the lock is the new baseline"
grep -q ' data-morsel-content-version="[0-9a-f]\{12\}"' site/c/m/l.html && ! grep -q 'data-morsel-stale' site/c/m/l.html ||
  fail "body attributes"

# new: scaffolds a site that builds, and never overwrites.
cd "$work" && "$work/tool/morsel" new site fresh >/dev/null || fail "new site"
cd fresh && "$work/tool/morsel" build >/dev/null || fail "a new site builds"
"$work/tool/morsel" new lesson first-course/basics/01-first-lesson >/dev/null 2>&1 && fail "new overwrote a lesson"
grep -q '^id: fresh-[0-9a-f]\{6\}$' content/site.yml || fail "new site id"
# The command it prints next works as printed, from where it was run (no cd, the same
# program path); --empty makes a site without the sample course that builds too.
cd "$work" && next=$(tool/morsel new site printed | sed -n 's/^next: //p')
[[ "$next" == "tool/morsel build printed/content --out printed/site" ]] || fail "next command: $next"
bash -c "$next" >/dev/null || fail "the printed next command builds"
next=$(tool/morsel new site bare --empty | sed -n 's/^next: //p')
[[ ! -e bare/content/first-course ]] || fail "new site --empty has a course"
tool/morsel build bare/content --out bare/site 2>&1 | grep -q '^morsel: built 0 courses, 0 lessons, 0 questions, 0 warnings' ||
  fail "an empty site builds"
bash -c "$next" >/dev/null || fail "the printed next command adds a course: $next"
cd fresh
# The answer key for sign-off, as CSV and as a page.
fixture=$here/../e2e/fixtures/types/content
csv=$("$work/tool/morsel" export answers "$fixture") || fail "export answers"
[[ $(echo "$csv" | head -1) == $'course,module,lesson,source,block,question,type,prompt,points,accepted answer,feedback,scoring\r' ]] ||
  fail "csv header: $(echo "$csv" | head -1)"
# header + 15 questions + 1 case study in the fixture
[[ $(echo "$csv" | wc -l) -eq 22 ]] || fail "csv rows: $(echo "$csv" | wc -l)"
echo "$csv" | grep -q 'gap 1: 24 hours / one day; gap 2: security team' || fail "fill-in answers in csv"
echo "$csv" | grep -q '^C,M,Every type,.*,invoice,,scenario,' || fail "scenario row in csv"
"$work/tool/morsel" export answers --format html -o "$work/key.html" "$fixture" || fail "export html"
grep -q '<td>Contain → Report → Recover</td>' "$work/key.html" || fail "ordering answer in html"
# -o inside the content folder is refused, and site.yml survives it.
before=$(cat content/site.yml)
"$work/tool/morsel" export answers -o content/site.yml content 2>"$work/err" && fail "export -o into the content"
grep -q "is inside the content folder 'content'" "$work/err" || fail "export -o message: $(cat "$work/err")"
[[ $(cat content/site.yml) == "$before" ]] || fail "export -o replaced site.yml"

echo "standalone binary: all checks passed"

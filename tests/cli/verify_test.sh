#!/usr/bin/env bash
# `morsel verify` with the real binary on the demo content: its command-line checks and exit
# statuses, and a line per file that is not a receipt. (Receipts made from real answers are
# verified by tests/unit/generator/verify_test.cc and, downloaded from My learning, by
# tests/e2e/receipt.test.js.)
# usage: verify_test.sh MORSEL_BIN CONTENT_DIR
set -uo pipefail
bin=$1 content=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -r "$content" "$work/content"
cd "$work"
echo 'not json' > notes.json
echo '{"format": "morsel-progress"}' > progress.json

# Usage errors: exit 2, a plain morsel: error: line, nothing verified.
out=$("$bin" verify missing.json --source content 2>&1); code=$?
[[ $code -eq 2 ]] || fail "a missing receipt exits 2, got $code: $out"
[[ $out == "morsel: error: no receipt file 'missing.json'" ]] || fail "missing receipt: $out"
out=$("$bin" verify content --source content 2>&1); code=$?
[[ $code -eq 2 ]] || fail "a folder exits 2, got $code: $out"
echo "$out" | grep -q "it is a folder: name the receipt files in it" || fail "folder: $out"
out=$("$bin" verify notes.json --csv --html report.html --source content 2>&1); code=$?
[[ $code -eq 2 ]] || fail "--csv with --html exits 2, got $code"
echo "$out" | grep -q "^morsel: error: --csv and --html are two reports: ask for one$" || fail "csv+html: $out"
[[ ! -e report.html ]] || fail "report written despite the error"
out=$("$bin" verify notes.json --html content/report.html --source content 2>&1); code=$?
[[ $code -eq 2 ]] || fail "a report inside the content exits 2, got $code"
echo "$out" | grep -q "is inside the content folder: the report would be published with it" || fail "inside: $out"

# Files that are not receipts: a line each, exit 1.
out=$("$bin" verify notes.json progress.json --source content 2>/dev/null); code=$?
[[ $code -eq 1 ]] || fail "non-receipts exit 1, got $code"
[[ $out == "notes.json: not verified: it is not JSON (or nests deeper than 64 levels)
progress.json: not verified: it is not a receipt Morsel can read: it is not a Morsel completion receipt (no \"format\": \"morsel-receipt\")" ]] ||
  fail "non-receipt lines: $out"
err=$("$bin" verify notes.json --source content 2>&1 >/dev/null)
echo "$err" | grep -q "^morsel: 1 receipt, 0 valid passes$" || fail "summary: $err"

# The CSV and the team report, even of files that are not receipts.
out=$("$bin" verify notes.json --csv --source content 2>/dev/null)
[[ $(head -1 <<<"$out") == $'file,learner,learner id,course,course title,result,valid,score,pass mark,passed on,due again on,badges,content,checksum,problems\r' ]] ||
  fail "csv header: $(head -1 <<<"$out")"
"$bin" verify notes.json --html report.html --source content >/dev/null 2>&1
grep -q "<td>NOT VERIFIED</td>" report.html || fail "report.html has no row"
! grep -q "<script" report.html || fail "report.html has a script"

# Content with errors: nothing verified, exit 1.
printf -- '---\ntitle: [\n---\n' > "$(find content -name '*.md' -path '*/0*/*' | sort | head -1)"
out=$("$bin" verify notes.json --source content 2>&1); code=$?
[[ $code -eq 1 ]] || fail "content with errors exits 1, got $code"
echo "$out" | grep -q "^morsel: the content has errors: receipts are not verified against it" || fail "errors: $out"
echo "PASS"

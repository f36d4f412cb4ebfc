#!/usr/bin/env bash
# `morsel package` with the real binary on the demo content: one zip per course and
# format, each with its manifest and launch page at the root (read with unzip -l), and
# the command-line errors.
# usage: package_test.sh MORSEL_BIN CONTENT_DIR
set -uo pipefail
bin=$1 content=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v unzip >/dev/null || fail "unzip is not installed (scripts/deps.sh installs it)"

cp -r "$content" "$work/content"
cd "$work"
courses=$(find content -mindepth 2 -maxdepth 2 -name _index.md | wc -l)
[[ $courses -ge 1 ]] || fail "no courses in $content"

# The entry names of a zip, as unzip -l lists them (the last column, between the rules).
entries() { unzip -l "$1" | awk '/^-----/ { inside = !inside; next } inside { print $NF }' | sort; }

check_format() {  # suffix manifest protocol args...
  local suffix=$1 manifest=$2 protocol=$3; shift 3
  out=$("$bin" package "$@" --source content 2>&1) || fail "package $*: $out"
  local zips=(packages/*-"$suffix".zip)
  [[ ${#zips[@]} -eq $courses ]] || fail "package $*: ${#zips[@]} zips for $courses courses"
  for zip in "${zips[@]}"; do
    [[ $(entries "$zip") == $(printf '%s\n' index.html "$manifest" | sort) ]] ||
      fail "$zip holds $(entries "$zip" | tr '\n' ' ')"
    echo "$out" | grep -q "^morsel: wrote $zip ([0-9]* KB)$" || fail "no summary line for $zip: $out"
  done
  # (read whole first: grep -q stops early, and pipefail would count unzip's broken pipe)
  page=$(unzip -p "${zips[0]}" index.html)
  grep -q "^<body [^>]*data-morsel-lms=\"$protocol\"" <<<"$page" ||
    fail "${zips[0]}: no data-morsel-lms=\"$protocol\" on <body>"
}
check_format scorm12 imsmanifest.xml scorm-1.2 scorm --version 1.2
check_format scorm2004 imsmanifest.xml scorm-2004 scorm --version 2004
check_format cmi5 cmi5.xml cmi5 cmi5
[[ -f packages/.morsel-output ]] || fail "packages/ has no .morsel-output marker"

# The same content, the same bytes.
cp packages/*-cmi5.zip "$work/" && "$bin" package cmi5 --source content >/dev/null || fail "second cmi5 run"
for zip in packages/*-cmi5.zip; do cmp -s "$zip" "$work/$(basename "$zip")" || fail "$zip differs on a second run"; done

# Command-line errors: a plain morsel: error: line, exit 2.
err=$("$bin" package scorm --version 2005 --source content 2>&1); code=$?
[[ $code -eq 2 ]] || fail "--version 2005 exits 2, got $code"
echo "$err" | grep -q "^morsel: error: --version '2005' is not a SCORM version Morsel writes$" || fail "version error: $err"
err=$("$bin" package scorm --source content 2>&1); code=$?
[[ $code -eq 2 ]] || fail "no --version exits 2, got $code"

# An unknown course: exit 1, a suggestion.
first=$(basename "$(dirname "$(find content -mindepth 2 -maxdepth 2 -name _index.md | sort | head -1)")")
first=${first#[0-9][0-9]-}
err=$("$bin" package cmi5 "${first}x" --source content 2>&1); code=$?
[[ $code -eq 1 ]] || fail "unknown course exits 1, got $code"
echo "$err" | grep -q "^content: error: no course has the id '${first}x' \[unknown-course\]$" || fail "unknown course: $err"
echo "$err" | grep -q "did you mean '$first'?" || fail "suggestion: $err"

# A folder that is not Morsel's is left alone.
mkdir mine && echo keep > mine/notes.txt
err=$("$bin" package cmi5 --source content --out mine 2>&1); code=$?
[[ $code -eq 1 ]] || fail "a foreign --out exits 1, got $code"
echo "$err" | grep -q "unsafe-output" || fail "foreign folder: $err"
[[ $(ls mine) == notes.txt ]] || fail "mine/ was written into"
echo "ok: $courses courses packaged as SCORM 1.2, SCORM 2004 and cmi5"

#!/usr/bin/env bash
# Installs what building and testing Morsel needs, when it is missing: Debian packages
# (as root, or with sudo) and the pinned npm test tools (npm ci). Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake make g++ pkg-config
  emscripten
  nlohmann-json3-dev libyaml-cpp-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libcli11-dev libcpp-httplib-dev libzip-dev catch2
  # Code blocks highlighted at build time (generator/highlight.cc).
  libsource-highlight-dev
  chromium firefox-esr
  clang-format
  # GNU time, for the peak memory of a build (tests/cli/memory_test.sh).
  time
  # Lists the zips of `morsel package` (tests/cli/package_test.sh).
  unzip
  # The asan preset (clang, its sanitizer and libFuzzer runtimes in libclang-rt-14-dev) and
  # clang-tidy (scripts/tidy.sh).
  clang-14 libclang-rt-14-dev clang-tidy-14
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "morsel: installing Debian packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install.
stamp=node_modules/.morsel-lock-stamp
if [[ ! -f "$stamp" ]] || ! cmp -s package-lock.json "$stamp"; then
  echo "morsel: installing pinned npm test tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

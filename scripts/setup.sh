#!/usr/bin/env bash
# Installs the Debian 12 packages kb needs to build and test, and only those that are missing.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev             # index, BM25 ranking, spelling, snippets
  libcpp-httplib-dev        # HTTP server and test client
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # Markdown to safe HTML
  nlohmann-json3-dev        # JSON
  libyaml-cpp-dev           # front matter
  libsqlite3-dev            # event and gap log
  libxxhash-dev             # content hashes for incremental indexing
  libcli11-dev              # command-line flags
  libssl-dev                # HMAC-SHA256 for webhook signatures (libcrypto)
  libgtest-dev              # unit and integration tests
  clang-format              # the format check (scripts/check-format.sh)
  chromium                  # browser tests (driven by playwright-core from npm)
  wrk curl                  # the benchmark (scripts/bench.sh): HTTP load and readiness checks
  time                      # the benchmark: the indexer's peak memory (/usr/bin/time)
)
# Node.js and npm drive the browser tests; use the machine's own if it has them.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, exactly as locked: esbuild builds the widget; playwright-core drives the browser
# tests (it never downloads a browser: the tests use Debian's chromium).
root="$(cd "$(dirname "$0")/.." && pwd)"
# First, that the node on PATH satisfies every locked package's "engines" (playwright-core refuses to
# start on a Node.js older than it supports), so that a wrong Node.js fails here, saying which.
(cd "$root" && node scripts/check-node-engines.mjs widget/package-lock.json tests/browser/package-lock.json)
for dir in "$root/widget" "$root/tests/browser"; do
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
done

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
  libgtest-dev              # unit and integration tests
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Configures and builds kb in ./build (or $KB_BUILD_DIR): everything, or only the targets named in
# $KB_BUILD_TARGETS. Used by demo.sh and test.sh. Warnings are errors here (KB_WERROR=OFF to build
# anyway); a plain cmake build only reports them.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${KB_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${KB_BUILD_TYPE:-RelWithDebInfo}" \
  -DKB_SANITIZE="${KB_SANITIZE:-OFF}" -DKB_TSAN="${KB_TSAN:-OFF}" -DKB_BENCH="${KB_BENCH:-ON}" \
  -DKB_WERROR="${KB_WERROR:-ON}" >/dev/null
targets=()
for target in ${KB_BUILD_TARGETS:-}; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j"$(nproc)" "${targets[@]}"

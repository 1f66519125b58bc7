#!/usr/bin/env bash
# Every test: installs what is missing, builds, runs the whole suite with CTest and prints the
# relevance figures. Ends with CTest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build_dir="${KB_BUILD_DIR:-build}"

status=0
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" --timeout 600 \
  | tee "$build_dir/ctest.out" || status=$?

# The relevance test prints its table; CTest keeps passing tests' output in its log.
log="$build_dir/Testing/Temporary/LastTest.log"
if [ -f "$log" ]; then
  echo
  sed -n '/^relevance on the sample help center/,/^queries whose answer/p' "$log" | sed '$d'
fi
# Repeat CTest's own summary so that it is the last thing printed.
echo
grep -E '^[0-9]+% tests passed' "$build_dir/ctest.out" || true
exit "$status"

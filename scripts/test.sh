#!/usr/bin/env bash
# Every test: installs what is missing, builds, and runs the whole suite with CTest twice: on the
# ordinary build (the one the demo runs) and on a build with AddressSanitizer and
# UndefinedBehaviorSanitizer. Prints the relevance figures, then a one-line total.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

passed=0
failed=0
status=0
# run_suite BUILD_DIR SANITIZE BUILD_TYPE: builds in BUILD_DIR and runs CTest there.
run_suite() {
  local build_dir=$1
  echo "== building in $build_dir (sanitizers: $2, $3)"
  KB_BUILD_DIR="$build_dir" KB_SANITIZE="$2" KB_BUILD_TYPE="$3" scripts/build.sh
  echo "== testing in $build_dir"
  ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" --timeout 600 \
    | tee "$build_dir/ctest.out" || status=1
  local line total failures
  line=$(grep -E '^[0-9]+% tests passed' "$build_dir/ctest.out" || echo "0% tests passed, 1 tests failed out of 1")
  total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
  failures=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$line")
  passed=$((passed + total - failures))
  failed=$((failed + failures))
}

run_suite build OFF RelWithDebInfo
# The relevance test prints its table; CTest keeps passing tests' output in its log.
relevance=$(sed -n '/^relevance on the sample help center/,/^queries whose answer/p' \
  build/Testing/Temporary/LastTest.log | sed '$d')
# The widget test prints its size and the time from the last keystroke to painted results.
widget=$(grep -E '^# (widget\.js: |keystroke to painted results)' build/Testing/Temporary/LastTest.log | sed 's/^# //' || true)
# Unoptimized under the sanitizers: it compiles much faster, and the sanitizers see more. The
# benchmark tools, which no test runs, are built once (above), not again here.
KB_BENCH=OFF run_suite build-asan ON Debug

echo
echo "$relevance"
echo
echo "$widget"
echo
echo "tests: $passed passed, $failed failed"
exit "$status"

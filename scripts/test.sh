#!/usr/bin/env bash
# Every test: installs what is missing, builds, and runs the suite with CTest three times: the
# whole suite on the ordinary build (the one the demo runs) and on a build with AddressSanitizer
# and UndefinedBehaviorSanitizer, then the concurrency tests on a ThreadSanitizer build. Checks the
# C++ formatting. Prints the relevance figures, each stage's time, then a one-line total.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

passed=0
failed=0
status=0
stages=()
# stage_done NAME STARTED: records how long the stage that began at STARTED (in $SECONDS) took.
stage_done() {
  local seconds=$((SECONDS - $2))
  stages+=("$(printf '%-28s %2d min %02d s' "$1" $((seconds / 60)) $((seconds % 60)))")
}
# count_ctest BUILD_DIR: adds the totals of CTest's summary in BUILD_DIR/ctest.out.
count_ctest() {
  local line total failures
  line=$(grep -E '^[0-9]+% tests passed' "$1/ctest.out" || echo "0% tests passed, 1 tests failed out of 1")
  total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
  failures=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$line")
  passed=$((passed + total - failures))
  failed=$((failed + failures))
}
# run_suite BUILD_DIR BUILD_TYPE [CTEST_ARGS...]: builds in BUILD_DIR (KB_SANITIZE, KB_TSAN,
# KB_BENCH and KB_BUILD_TARGETS from the environment) and runs CTest there.
run_suite() {
  local build_dir=$1 build_type=$2
  shift 2
  echo "== building in $build_dir ($build_type, ASan+UBSan: ${KB_SANITIZE:-OFF}, TSan: ${KB_TSAN:-OFF})"
  KB_BUILD_DIR="$build_dir" KB_BUILD_TYPE="$build_type" scripts/build.sh
  echo "== testing in $build_dir"
  ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" --timeout 600 "$@" \
    | tee "$build_dir/ctest.out" || status=1
  count_ctest "$build_dir"
}

started=$SECONDS
run_suite build RelWithDebInfo
stage_done "ordinary build and tests" "$started"
# The relevance test prints its table; CTest keeps passing tests' output in its log.
relevance=$(sed -n '/^relevance on the sample help center/,/^queries whose answer/p' \
  build/Testing/Temporary/LastTest.log | sed '$d')
# The widget test prints its size and the time from the last keystroke to painted results.
widget=$(grep -E '^# (widget\.js: |keystroke to painted results)' build/Testing/Temporary/LastTest.log | sed 's/^# //' || true)

# Unoptimized under the sanitizers: it compiles much faster, and the sanitizers see more. The
# benchmark tools, which no test runs, are built once (above), not again here.
started=$SECONDS
KB_SANITIZE=ON KB_BENCH=OFF run_suite build-asan Debug
stage_done "ASan+UBSan build and tests" "$started"

# ThreadSanitizer sees races only where threads run, so only the concurrency tests are built and
# run. Every process writes its reports to build-tsan/tsan/ (the servers and indexers that the
# integration tests start too, whose own output is gone with their temporary folders); a report
# fails the suite. tests/tsan.supp holds the libraries' false positives.
started=$SECONDS
rm -rf build-tsan/tsan
mkdir -p build-tsan/tsan
TSAN_OPTIONS="log_path=$PWD/build-tsan/tsan/report second_deadlock_stack=1 suppressions=$PWD/tests/tsan.supp" \
  KB_TSAN=ON KB_BENCH=OFF KB_BUILD_TARGETS=kb_concurrency_tests run_suite build-tsan Debug -L concurrency
if compgen -G 'build-tsan/tsan/report.*' >/dev/null; then
  echo "== ThreadSanitizer reports (build-tsan/tsan/):"
  cat build-tsan/tsan/report.*
  status=1
  # A report from a child process may leave its test passing: it still counts as a failure.
  grep -qE '^[0-9]+% tests passed, 0 tests failed' build-tsan/ctest.out && failed=$((failed + 1))
fi
stage_done "TSan build and tests" "$started"

# The format check counts as one test.
started=$SECONDS
echo "== checking the C++ formatting"
if scripts/check-format.sh; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  status=1
fi
stage_done "format check" "$started"

echo
echo "$relevance"
echo
echo "$widget"
echo
printf '%s\n' "${stages[@]}"
echo
echo "tests: $passed passed, $failed failed"
exit "$status"

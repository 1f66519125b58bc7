#!/usr/bin/env bash
# Prints kb's relevance on the sample help center (tests/relevance/queries.tsv): nDCG@10, recall@5,
# MRR@10 and the zero-result rate per kind of query, for kb and for plain BM25 on the same index
# in the same run, then the queries whose answer was not first. Builds only the two relevance tests
# in ./build (or $KB_BUILD_DIR). Exits non-zero when a formula test fails or a figure misses its
# floor. With --tune, instead prints how a grid of ranking parameters scores (see
# RankingParams in server/search/ranking.h).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${KB_BUILD_DIR:-build}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The compiler's output only matters when the build fails.
if ! { cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${KB_BUILD_TYPE:-RelWithDebInfo}" \
         -DKB_SANITIZE="${KB_SANITIZE:-OFF}" &&
       cmake --build "$build_dir" -j"$(nproc)" --target kb_relevance_metrics_test kb_relevance_test
     } >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
if [[ "${1:-}" == "--tune" ]]; then
  exec "$build_dir/tests/kb_relevance_test" --gtest_also_run_disabled_tests \
    --gtest_filter='*TuneRanking'
fi
"$build_dir/tests/kb_relevance_metrics_test" --gtest_brief=1
"$build_dir/tests/kb_relevance_test" --gtest_brief=1

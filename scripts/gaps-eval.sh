#!/usr/bin/env bash
# Prints how well the gap report groups missed searches into needs: simulated customers with the
# labelled needs of tests/gaps/needs.tsv search articles/ through a real kb-server, and the
# report's gaps are scored (purity, gaps per need, holes in the top 20, holes found) beside
# grouping by exact text, with the worst-merged gaps and the most split needs. Builds only what
# it needs in ./build (or $KB_BUILD_DIR).
#
#   scripts/gaps-eval.sh [--half tune|held] [--seed N] [--gaps] [--floor ...]
#
# The half defaults to held (what a grouping is judged on); tune on --half tune. Other flags go to
# kb_gaps_eval (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${KB_BUILD_DIR:-build}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The compiler's output only matters when the build fails.
if ! { cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${KB_BUILD_TYPE:-RelWithDebInfo}" \
         -DKB_SANITIZE="${KB_SANITIZE:-OFF}" &&
       cmake --build "$build_dir" -j"$(nproc)" --target kb_gaps_eval
     } >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
exec "$build_dir/tests/kb_gaps_eval" "$@"  # --half held unless told

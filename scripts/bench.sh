#!/usr/bin/env bash
# The benchmark: where kb stands at 1k, 10k and 100k articles. Installs what is missing, builds,
# generates each corpus and its queries, measures indexing (full and a 1% re-run), the search
# core in-process, and serving over HTTP with wrk (kb with the log on and off and the cache off
# and on, kb's /healthz as the ceiling, SQLite FTS5 as the peer), then prints the tables and
# writes them to bench/results.md (README, "Benchmark").
#
#   scripts/bench.sh                  1000 10000 100000 articles, 10 s per measurement
#   scripts/bench.sh 1000 10000       only these sizes
#   KB_BENCH_SECONDS=3 scripts/bench.sh 1000     a quick look
#
# KB_BENCH_DIR (default build/bench-runs) holds the corpora and indexes; KB_BENCH_RESULTS the results
# file (default bench/results.md); KB_BENCH_NOTE a line about the run for the results file.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
for size in "${sizes[@]}"; do
  [[ "$size" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: '$size' is not a number of articles" >&2; exit 2; }
done
seconds=${KB_BENCH_SECONDS:-10}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: KB_BENCH_SECONDS must be whole seconds" >&2; exit 2; }
build_dir="${KB_BUILD_DIR:-build}"
work="${KB_BENCH_DIR:-$build_dir/bench-runs}"
results="${KB_BENCH_RESULTS:-bench/results.md}"
kb_port=${KB_BENCH_PORT:-18080}
peer_port=$((kb_port + 10))
cache_entries=10000

scripts/setup.sh
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKB_SANITIZE=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target kb-index kb-server kb-bench-corpus \
  kb-bench-search kb-bench-fts5
bin="$root/$build_dir"
mkdir -p "$work"
work=$(cd "$work" && pwd)

# calc EXPRESSION [FORMAT]: floating-point arithmetic (awk).
# The parentheses keep awk from reading a comparison's '>' as output redirection.
calc() { awk "BEGIN { printf \"${2:-%.2f}\", ($1) }"; }
now() { date +%s.%N; }
declare -A V  # every figure, by "SIZE.name", for the ratios and the target checks

# wait_for_port PORT PID: until something answers /healthz on PORT, or PID is gone.
wait_for_port() {
  for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench.sh: the server on port $1 did not start" >&2; return 1; }
    sleep 0.1
  done
  echo "bench.sh: the server on port $1 did not answer in 60 s" >&2
  return 1
}

# load KEY PORT THREADS CONNECTIONS PATHS_FILE: one wrk run; its figures go to V[KEY.*].
load() {
  local key=$1 port=$2 threads=$3 connections=$4 paths=$5 line
  line=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s -s bench/queries.lua \
           "http://127.0.0.1:$port" -- "$paths" | grep '^WRK ')
  for field in $line; do
    [ "$field" = WRK ] && continue
    V["$key.${field%%=*}"]=${field#*=}
  done
  serving_rows+="| ${key%%.*} | ${key#*.} | ${threads}×${connections} | ${V[$key.rps]} | ${V[$key.p50_ms]} | ${V[$key.p99_ms]} | ${V[$key.p999_ms]} | $((V[$key.errors] + V[$key.non2xx])) |"$'\n'
}

# measure_server KEY PID PORT PATHS: saturation and the two latency runs, then peak memory.
measure_server() {
  local key=$1 pid=$2 port=$3 paths=$4
  load "$key.sat" "$port" 2 32 "$paths"
  load "$key.c1" "$port" 1 1 "$paths"
  load "$key.c4" "$port" 2 4 "$paths"
  V["$key.rss_mb"]=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  serving_rows+="| ${key%%.*} | ${key#*.}: peak resident memory ${V[$key.rss_mb]} MB | | | | | | |"$'\n'
}

# run_kb_server KEY PATHS FLAGS...: starts kb-server with FLAGS, measures, stops it.
run_kb_server() {
  local key=$1 paths=$2 index=$3
  shift 3
  rm -rf "$work/data"
  "$bin/server/kb-server" --index "$index" --data "$work/data" --port "$kb_port" "$@" \
    >"$work/kb-server.out" 2>&1 &
  local pid=$!
  wait_for_port "$kb_port" "$pid"
  measure_server "$key" "$pid" "$kb_port" "$paths"
  if [ "$key" = "$size.kb" ]; then
    # The ceiling: the same server's route that does no search work.
    load "$size.healthz.sat" "$kb_port" 2 32 "$work/healthz-paths.txt"
    load "$size.healthz.c1" "$kb_port" 1 1 "$work/healthz-paths.txt"
    load "$size.healthz.c4" "$kb_port" 2 4 "$work/healthz-paths.txt"
  fi
  kill -TERM "$pid"
  wait "$pid" || true
}

# index_run KEY ARTICLES INDEX [--full]: one timed kb-index run with its peak memory.
index_run() {
  local key=$1 articles=$2 index=$3 start end
  shift 3
  start=$(now)
  /usr/bin/time -f "%M" -o "$work/time.out" "$bin/indexer/kb-index" "$@" "$articles" "$index" \
    >"$work/kb-index.out"
  end=$(now)
  V["$key.seconds"]=$(calc "$end - $start")
  V["$key.peak_mb"]=$(calc "$(tail -1 "$work/time.out") / 1024" "%.0f")
  local generation
  generation=$(awk '{ print $2 }' "$index/XAPIANDB")
  V["$key.size_mb"]=$(du -sm "$index/$generation" | cut -f1)
  cat "$work/kb-index.out"
}

echo "/healthz" >"$work/healthz-paths.txt"
corpus_rows="" indexing_rows="" core_rows="" serving_rows="" ratio_rows="" target_rows=""
for size in "${sizes[@]}"; do
  dir="$work/$size"
  echo "== $size articles: generating"
  "$bin/bench/kb-bench-corpus" --train articles generate --articles "$size" --queries 2000 \
    --out "$dir"
  paths="$dir/search-paths.txt"

  echo "== $size articles: indexing"
  rm -rf "$dir/index"
  index_run "$size.full" "$dir/articles" "$dir/index" --full
  sections=$(grep -oE '\(([0-9]+) sections\)' "$work/kb-index.out" | grep -oE '[0-9]+')
  "$bin/bench/kb-bench-corpus" --train articles edit --percent 1 --out "$dir"
  changed=$(( (size + 99) / 100 ))
  index_run "$size.rerun" "$dir/articles" "$dir/index"
  corpus_rows+="| $size | $sections | $(du -sm --apparent-size "$dir/articles" | cut -f1) | $(($(wc -l <"$dir/queries.tsv") - 1)) |"$'\n'
  indexing_rows+="| $size | full | $size | ${V[$size.full.seconds]} | $(calc "$size / ${V[$size.full.seconds]}" %.0f) | ${V[$size.full.peak_mb]} | ${V[$size.full.size_mb]} |"$'\n'
  indexing_rows+="| $size | 1% changed: $(calc "${V[$size.full.seconds]} / ${V[$size.rerun.seconds]}" %.1f)× faster | $changed | ${V[$size.rerun.seconds]} | $(calc "$changed / ${V[$size.rerun.seconds]}" %.0f) | ${V[$size.rerun.peak_mb]} | ${V[$size.rerun.size_mb]} |"$'\n'

  echo "== $size articles: search core in-process"
  "$bin/bench/kb-bench-search" --index "$dir/index" --queries "$dir/queries.tsv" \
    --seconds "$seconds" --threads 1,2 | tee "$dir/core.tsv"
  while IFS=$'\t' read -r features threads queries qps p50 p99 found failed; do
    [ "$features" = features ] && continue
    V["$size.core.$features.$threads.qps"]=$qps
    V["$size.core.$features.$threads.p50_ms"]=$p50
    V["$size.core.$features.$threads.p99_ms"]=$p99
    core_rows+="| $size | $features | $threads | $qps | $p50 | $p99 | $found |"$'\n'
  done <"$dir/core.tsv"

  echo "== $size articles: serving"
  "$bin/bench/kb-bench-fts5" index "$dir/articles" "$dir/fts5.sqlite"
  run_kb_server "$size.kb" "$paths" "$dir/index"
  run_kb_server "$size.kb-no-log" "$paths" "$dir/index" --no-log
  run_kb_server "$size.kb-cache" "$paths" "$dir/index" --cache-entries "$cache_entries"
  "$bin/bench/kb-bench-fts5" serve "$dir/fts5.sqlite" --port "$peer_port" >"$work/fts5.out" 2>&1 &
  peer=$!
  wait_for_port "$peer_port" "$peer"
  measure_server "$size.fts5" "$peer" "$peer_port" "$paths"
  kill -TERM "$peer"
  wait "$peer" || true

  ratio_rows+="| $size | $(calc "${V[$size.kb.sat.rps]} / ${V[$size.fts5.sat.rps]}")× | $(calc "${V[$size.fts5.c1.p50_ms]} / ${V[$size.kb.c1.p50_ms]}")× | $(calc "${V[$size.fts5.c4.p99_ms]} / ${V[$size.kb.c4.p99_ms]}")× | $(calc "100 * ${V[$size.kb.sat.rps]} / ${V[$size.core.all.2.qps]}" %.0f)% | $(calc "100 * ${V[$size.kb.sat.rps]} / ${V[$size.healthz.sat.rps]}" %.1f)% |"$'\n'
done

# check NAME PASSED DETAIL: one row of the targets table.
check() { target_rows+="| $1 | $([ "$2" = 1 ] && echo met || echo '**missed**') | $3 |"$'\n'; }
if [ -n "${V[10000.kb.sat.rps]:-}" ]; then
  s=10000
  check "10k: saturation ≥ 3× FTS5" "$(calc "${V[$s.kb.sat.rps]} >= 3 * ${V[$s.fts5.sat.rps]}" %d)" \
    "$(calc "${V[$s.kb.sat.rps]} / ${V[$s.fts5.sat.rps]}")×"
  check "10k: saturation ≥ 75% of the core (2 threads)" \
    "$(calc "${V[$s.kb.sat.rps]} >= 0.75 * ${V[$s.core.all.2.qps]}" %d)" \
    "$(calc "100 * ${V[$s.kb.sat.rps]} / ${V[$s.core.all.2.qps]}" %.0f)%"
  check "10k: p99 < 10 ms at 4 connections" "$(calc "${V[$s.kb.c4.p99_ms]} < 10" %d)" "${V[$s.kb.c4.p99_ms]} ms"
  check "10k: p50 < 2 ms at 1 connection" "$(calc "${V[$s.kb.c1.p50_ms]} < 2" %d)" "${V[$s.kb.c1.p50_ms]} ms"
  check "10k: search core p50 with every search feature ≤ 1.5× plain BM25 (1 thread)" \
    "$(calc "${V[$s.core.all.1.p50_ms]} <= 1.5 * ${V[$s.core.plain.1.p50_ms]}" %d)" \
    "$(calc "${V[$s.core.all.1.p50_ms]} / ${V[$s.core.plain.1.p50_ms]}")× (p99 $(calc "${V[$s.core.all.1.p99_ms]} / ${V[$s.core.plain.1.p99_ms]}")×)"
  check "10k: full build ≥ 1,250 articles/s" "$(calc "$s / ${V[$s.full.seconds]} >= 1250" %d)" \
    "$(calc "$s / ${V[$s.full.seconds]}" %.0f) articles/s"
  check "10k: 1% re-run ≥ 10× faster than the full build" \
    "$(calc "${V[$s.full.seconds]} >= 10 * ${V[$s.rerun.seconds]}" %d)" \
    "$(calc "${V[$s.full.seconds]} / ${V[$s.rerun.seconds]}" %.1f)×"
fi
if [ -n "${V[100000.kb.sat.rps]:-}" ]; then
  s=100000
  check "100k: server memory < 300 MB" "$(calc "${V[$s.kb.rss_mb]} < 300" %d)" "${V[$s.kb.rss_mb]} MB"
  check "100k: p99 < 25 ms at 4 connections" "$(calc "${V[$s.kb.c4.p99_ms]} < 25" %d)" "${V[$s.kb.c4.p99_ms]} ms"
fi

report=$(cat <<EOF
## Run

- Command: \`KB_BENCH_SECONDS=$seconds scripts/bench.sh ${sizes[*]}\` at commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results.md' || echo ' (with uncommitted changes)'), $(date -u +"%Y-%m-%d %H:%M UTC")
- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME")
- ${KB_BENCH_NOTE:-Nothing else was running on the machine.}
- Each measurement runs ${seconds} s. wrk runs on the same machine as the server, from 127.0.0.1, and takes CPU from it.

## Corpora

| articles | sections | Markdown MB | queries |
|---|---|---|---|
${corpus_rows}
## Indexing (kb-index, one database)

| corpus | run | articles indexed | seconds | articles/s | peak memory MB | index MB |
|---|---|---|---|---|---|---|
${indexing_rows}
## Search core in-process (kb-bench-search: Searcher::Search, no HTTP)

\`all\`: every search feature on (what kb-server runs); \`plain\`: stock BM25 only.

| corpus | features | threads | queries/s | p50 ms | p99 ms | queries with results % |
|---|---|---|---|---|---|---|
${core_rows}
## Serving (wrk from 127.0.0.1, cycling through the query set)

\`kb\`: kb-server as deployed (gap log on, cache off); \`kb-no-log\`: \`--no-log\`; \`kb-cache\`:
\`--cache-entries $cache_entries\`, which after the first pass through the 2,000 queries answers from the
cache; \`healthz\`: the same kb-server's \`/healthz\`, no search work (the ceiling); \`fts5\`: the
peer, SQLite FTS5 with bm25() behind cpp-httplib with kb-server's connection settings.

| corpus | server | threads×connections | requests/s | p50 ms | p99 ms | p99.9 ms | errors |
|---|---|---|---|---|---|---|---|
${serving_rows}
## kb against the peer and the ceiling (log on, cache off)

| corpus | throughput vs FTS5 | p50 at 1 connection, FTS5 ÷ kb | p99 at 4 connections, FTS5 ÷ kb | served ÷ core (2 threads) | served ÷ /healthz |
|---|---|---|---|---|---|
${ratio_rows}
## Targets

| target | | measured |
|---|---|---|
${target_rows}
EOF
)
echo
echo "$report"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`scripts/bench.sh\` (README, \"Benchmark\"). What limits each figure is in"
  echo "\`bench/FINDINGS.md\`."
  echo
  echo "$report"
} >"$results"
echo
echo "written to $results"

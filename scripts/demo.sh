#!/usr/bin/env bash
# The demo: installs what is missing, builds, indexes articles/ and serves it on
# http://127.0.0.1:8080 (set PORT to change). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build_dir="${KB_BUILD_DIR:-build}"
exec "$build_dir/server/kb-server" --index "$build_dir/demo-index" --articles articles \
  --host 127.0.0.1 --port "${PORT:-8080}"

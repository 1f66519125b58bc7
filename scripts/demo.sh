#!/usr/bin/env bash
# The demo: installs what is missing, builds, indexes articles/ and serves it on
# http://127.0.0.1:8080 (set PORT to change). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build_dir="${KB_BUILD_DIR:-build}"
# The admin page needs a token: make one for the demo (kept across runs) unless one is given.
token_file="$build_dir/demo-admin-token"
if [ -z "${KB_ADMIN_TOKEN:-}" ]; then
  [ -s "$token_file" ] || head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$token_file"
  export KB_ADMIN_TOKEN="$(cat "$token_file")"
fi
echo "admin token for http://127.0.0.1:${PORT:-8080}/admin: $KB_ADMIN_TOKEN"
exec "$build_dir/server/kb-server" --index "$build_dir/demo-index" --articles articles \
  --data "$build_dir/demo-data" --host 127.0.0.1 --port "${PORT:-8080}"

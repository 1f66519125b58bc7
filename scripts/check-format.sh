#!/usr/bin/env bash
# Checks that every tracked C++ file is formatted as .clang-format says (Debian's clang-format 14).
# Lists the files that differ and how to fix them; exits 1 if there are any. Changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v clang-format >/dev/null 2>&1; then
  echo "format: clang-format not found; run scripts/setup.sh (or apt-get install clang-format)" >&2
  exit 2
fi

# The C++ files: those git tracks in a checkout; in a copy without git (an unpacked archive),
# every .cc and .h of the project's folders.
cpp_files() {
  if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z '*.cc' '*.h'
  else
    find bench core indexer server tests \( -name node_modules -o -name build \) -prune -o \
      -type f \( -name '*.cc' -o -name '*.h' \) -print0
  fi
}

# One clang-format for all the files: it names each difference as FILE:LINE:COL: error: ...
status=0
report=$(cpp_files | xargs -0 clang-format --dry-run --Werror 2>&1) || status=$?
mapfile -t differ < <(sed -n -E 's/^(.+):[0-9]+:[0-9]+: error: code should be clang-formatted.*/\1/p' \
  <<<"$report" | sort -u)

if [ "$status" -eq 0 ]; then
  echo "format: every C++ file matches .clang-format"
  exit 0
fi
if [ ${#differ[@]} -eq 0 ]; then
  # clang-format failed for another reason (an unreadable file, a bad .clang-format): show it.
  echo "$report" >&2
  exit 2
fi
echo "format: ${#differ[@]} C++ file(s) differ from .clang-format" \
  "(clang-format $(clang-format --version | sed -E 's/.*version ([^ ]+).*/\1/')):"
printf '  %s\n' "${differ[@]}"
echo "format: fix each with: clang-format -i FILE" \
  "(or all of them: git ls-files '*.cc' '*.h' | xargs clang-format -i)"
exit 1

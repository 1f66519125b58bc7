#!/usr/bin/env bash
# Runs the README's two commands on a fresh Debian 12: makes a clean bookworm root with debootstrap,
# copies the committed tree (git archive of HEAD) into it, runs scripts/test.sh there, then starts
# scripts/demo.sh and checks that it serves /healthz and a search. A package, a Node.js or a file that
# only the host has cannot hide a missing install step: from the host the root gets only its
# apt sources and configuration, its npm client configuration (with the CA file it names), and its
# DNS settings. Needs root. Takes long (a new system, every package, two builds, the whole suite), so
# it is not part of CI.
#
#   scripts/fresh-debian.sh                      # the root in build/fresh-debian, made anew each run
#   KB_FRESH_ROOT=/var/tmp/kb-fresh scripts/fresh-debian.sh
#
# The output is also written to the root's folder name plus .log (build/fresh-debian.log).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
root="${KB_FRESH_ROOT:-$repo/build/fresh-debian}"
root="$(realpath -m "$root")"
suite=bookworm

fail() { echo "fresh-debian: $*" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot and mounts): run it as root or with sudo"
case "$root" in
  / | /bin | /boot | /dev | /etc | /home | /lib* | /proc | /root | /run | /sbin | /sys | /tmp | /usr | /var)
    fail "KB_FRESH_ROOT=$root would replace a system folder; choose a folder of its own" ;;
esac
[[ "$repo/" != "$root/"* && "$HOME/" != "$root/"* ]] ||
  fail "KB_FRESH_ROOT=$root holds the repository or the home folder; choose a folder of its own"

# Everything runs in a mount namespace of its own: the root's mounts are never seen outside it and
# vanish with it, even if this script is killed before its trap runs.
if [ -z "${KB_FRESH_NAMESPACE:-}" ]; then
  KB_FRESH_NAMESPACE=1 exec unshare --mount --propagation private -- "$0" "$@"
fi

log="$root.log"
mkdir -p "$(dirname "$root")"
exec > >(tee "$log") 2>&1
start=$SECONDS
elapsed() { printf '%dm%02ds' $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)); }

mounts=()
demo_pid=""
result="FAIL (stopped before the end)"
cleanup() {
  local status=$?
  set +e
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill -TERM "$demo_pid"; wait "$demo_pid" 2>/dev/null
  fi
  # Anything still running inside the root (a browser a failed test left behind) holds its mounts.
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -KILL "${p#/proc/}" 2>/dev/null
  done
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}"
  done
  echo
  echo "fresh-debian: $result ($(elapsed))"
  echo "fresh-debian: log in $log"
  [ "$status" -ne 0 ] || [[ $result == PASS* ]] || status=1
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { echo; echo "== fresh-debian: $* ($(elapsed))"; }
mount_in_root() { # mount_in_root TARGET MOUNT-ARGS...
  local target="$root$1"; shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounts+=("$target")
}
# A command in the root gets a login's clean environment (and the host's proxy settings, if any).
in_root=(chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb
  LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -z "${!v:-}" ] || in_root+=("$v=${!v}")
done
in_root+=(/bin/bash -c)

step "commit $(git -C "$repo" rev-parse --short HEAD) of $repo, in a new $suite root at $root"
if ! command -v debootstrap >/dev/null; then
  echo "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
fi

# The Debian archive the host's apt uses for the suite (read from its sources, not written here).
mirror=$(apt-get indextargets --no-release-info --format '$(REPO_URI) $(RELEASE) $(IDENTIFIER)' |
  awk -v suite="$suite" '$2 == suite && $3 == "Packages" { print $1; exit }')
[ -n "$mirror" ] || fail "no apt source on the host serves Debian $suite (see /etc/apt/sources.list.d)"

# A root left by an earlier run goes first; nothing can be mounted in it any more (see above), and
# --one-file-system keeps rm inside it whatever happens.
if [ -e "$root" ]; then
  findmnt -rn -o TARGET | grep -q "^$root/" && fail "something is still mounted under $root"
  step "removing the root of an earlier run"
  rm -rf --one-file-system "$root"
fi
step "debootstrap $suite (minbase)"
debootstrap --variant=minbase "$suite" "$root" "$mirror" > "$root.debootstrap.log" 2>&1 ||
  { tail -20 "$root.debootstrap.log"; fail "debootstrap failed (whole log: $root.debootstrap.log)"; }

step "apt and npm client configuration and DNS settings from the host"
# apt: the sources (and the keys they name) and the configuration; not preferences.d, where a
# machine pins packages to sources of its own.
rm -f "$root/etc/apt/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
         /etc/apt/apt.conf.d/* /etc/apt/auth.conf.d/* /etc/apt/trusted.gpg /etc/apt/trusted.gpg.d/* \
         /etc/apt/keyrings/*; do
  [ -f "$f" ] || continue
  mkdir -p "$root$(dirname "$f")"
  cp -p "$f" "$root$f"
done
for key in $(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
             sed -nE 's/^Signed-By: *(\/[^ ]+).*/\1/p; s/.*\[[^]]*signed-by=(\/[^] ]+).*/\1/p' | sort -u); do
  [ -f "$key" ] && [ ! -e "$root$key" ] && { mkdir -p "$root$(dirname "$key")"; cp -p "$key" "$root$key"; }
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# What any Debian install writes and debootstrap does not: the loopback names.
[ -e "$root/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
# npm: the host's global and user configuration, as root's user configuration in the root; a
# CA file they name is copied in beside it.
npmrcs=()
if command -v npm >/dev/null; then
  npmrcs+=("$(npm config get globalconfig)" "$(npm config get userconfig)")
else
  npmrcs+=("$HOME/.npmrc")
fi
: > "$root/root/.npmrc"
for f in "${npmrcs[@]}"; do
  [ -f "$f" ] || continue
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line =~ ^[[:space:]]*cafile[[:space:]]*=[[:space:]]*\"?([^\"]*)\"?[[:space:]]*$ ]]; then
      cp -L "${BASH_REMATCH[1]}" "$root/root/.npm-cafile.pem"
      line="cafile=/root/.npm-cafile.pem"
    fi
    printf '%s\n' "$line" >> "$root/root/.npmrc"
  done < "$f"
done

step "mounts: /proc, /sys, /dev, /dev/pts, /dev/shm"
mount_in_root /proc -t proc proc
mount_in_root /sys -t sysfs sysfs
mount_in_root /dev --bind /dev
mount_in_root /dev/pts --bind /dev/pts
mount_in_root /dev/shm -t tmpfs -o mode=1777,nosuid,nodev shm   # chromium's shared memory

step "the repository's HEAD into /root/kb"
mkdir -p "$root/root/kb"
git -C "$repo" archive --format=tar HEAD | tar -x -C "$root/root/kb"

step "scripts/test.sh"
set +e
"${in_root[@]}" 'cd /root/kb && scripts/test.sh' 2>&1 | tee "$root.test.log"
test_status=${PIPESTATUS[0]}
set -e
totals=$(grep -E '^tests: [0-9]+ passed, [0-9]+ failed' "$root.test.log" | tail -1 || true)
[ -n "$totals" ] || totals="tests: no total (scripts/test.sh stopped early)"

step "the Node.js the root used"
node_line=$("${in_root[@]}" 'echo "node $(node --version) at $(command -v node), Debian package nodejs $(dpkg-query -W -f="\${Version}" nodejs), npm $(npm --version)"' || echo "no node")
echo "$node_line"
if [ "$test_status" -ne 0 ]; then
  result="FAIL: scripts/test.sh exited $test_status; $totals; $node_line"
  exit 1
fi
case "$node_line" in
  "node v18."*) ;;
  *) result="FAIL: the root ran another Node.js than Debian 12's (18): $node_line; $totals"; exit 1 ;;
esac

step "scripts/demo.sh"
port=18080
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
"${in_root[@]}" "cd /root/kb && PORT=$port exec scripts/demo.sh" &
demo_pid=$!
served=""
for _ in $(seq 600); do
  kill -0 "$demo_pid" 2>/dev/null || break
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then served=yes; break; fi
  sleep 1
done
demo=""
if [ -z "$served" ]; then
  demo="scripts/demo.sh did not serve http://127.0.0.1:$port/healthz"
else
  echo "GET /healthz: $(curl -fsS "http://127.0.0.1:$port/healthz")"
  search=$(curl -fsS "http://127.0.0.1:$port/api/search?q=refund" || true)
  echo "GET /api/search?q=refund: ${search:0:300}"
  grep -qE '"slug": *"refund-policy"' <<<"$search" ||
    demo="/api/search?q=refund did not find the article refund-policy"
fi
kill -TERM "$demo_pid" 2>/dev/null || true
demo_status=0
wait "$demo_pid" || demo_status=$?
demo_pid=""
[ -n "$demo" ] || [ "$demo_status" -eq 0 ] || demo="the demo's kb-server exited $demo_status on SIGTERM"
if [ -n "$demo" ]; then
  result="FAIL: $demo; $totals; $node_line"
  exit 1
fi
result="PASS: $totals; demo served /healthz and /api/search?q=refund; $node_line"

#!/usr/bin/env bash
# The README's quick start as a newcomer meets it: in a clean Debian 12 root (debootstrap
# minbase), in a fresh clone of this repository, `bash packaging/run.sh` until its window is up
# on an Xvfb display, then `bash packaging/test.sh`. Both build everything inside the root, so
# this takes long (most of an hour on two cores) and is run by hand, not in CI.
#
#   bash packaging/check-quickstart.sh [WORK_DIR]        (as root; default /var/tmp/chippy-quickstart)
#
# The clone is of this repository's HEAD, not of uncommitted changes. The root gets this
# machine's ccache directory (at the same path of the clone as here, so its hits count), and
# the logs of both commands are left in WORK_DIR.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/var/tmp/chippy-quickstart}"
root="$work/root"
# The clone sits at the same path inside the root as this checkout here, so that ccache
# (base_dir) finds the objects built here.
clone="$here"
display=":$((90 + RANDOM % 9))"
window_timeout_s=5400

if [ "$(id -u)" -ne 0 ]; then
    echo "check-quickstart: run it as root (debootstrap and chroot need it)" >&2
    exit 1
fi
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xwininfo >/dev/null || need+=(x11-utils)
if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi

# shellcheck source=minbase-root.sh
. "$here/packaging/minbase-root.sh"

xvfb_pid=""
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    root_remove "$root"
}
trap cleanup EXIT

elapsed() {
    echo "$(($(date +%s) - start))s"
}

mkdir -p "$work"
start=$(date +%s)
echo "== clean root in $root"
root_create "$root"
# Its apt-get runs inside run.sh, not through root_apt, so it keeps its downloads to itself.
CHIPPY_ROOT_SHARED_APT=0 root_mount "$root"
mkdir -p "$root$(dirname "$clone")" "$root/tmp/.X11-unix"
git clone --quiet --no-local "$here" "$root$clone"
# Certificate authorities added on this machine (a TLS-inspecting proxy's, say) are trusted in
# the root too: update-ca-certificates adds them when install-deps.sh brings in ca-certificates,
# and Java's keystore follows; Node.js, which has its own list, is pointed at the result.
trust_env=()
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    trust_env=(NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt)
fi
echo "cloned $(git -C "$root$clone" log --oneline -1)"

# ccache: this machine's cache, if it has one.
ccache_dir="$(ccache -k cache_dir 2>/dev/null || true)"
ccache_env=()
if [ -n "$ccache_dir" ] && [ -d "$ccache_dir" ]; then
    mkdir -p "$root/var/cache/ccache"
    mount --bind "$ccache_dir" "$root/var/cache/ccache"
    # The same settings as here (hash_dir, sloppiness and base_dir change every hash; max_size
    # keeps the root's ccache from trimming the shared cache), but the cache's path in the root.
    ccache -p | awk '$1 != "(default)" && $1 != "(environment)" && $2 != "cache_dir" {
        sub(/^\([^)]*\) /, ""); print }' >"$root/etc/ccache.conf"
    ccache_env=(CCACHE_DIR=/var/cache/ccache)
fi

# The display the window opens on: an Xvfb here, its socket shared with the root.
mkdir -p /tmp/.X11-unix
chmod 1777 /tmp/.X11-unix
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
    [ -S "/tmp/.X11-unix/X${display#:}" ] && break
    sleep 0.1
done
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"

echo "== bash packaging/run.sh ($(elapsed))"
root_run "$root" env DISPLAY="$display" "${ccache_env[@]}" "${trust_env[@]}" \
    bash -c "cd '$clone' && exec bash packaging/run.sh" >"$work/run.log" 2>&1 &
app_pid=$!
up=0
for _ in $(seq "$window_timeout_s"); do
    if ! kill -0 "$app_pid" 2>/dev/null; then
        break
    fi
    if xwininfo -display "$display" -root -tree 2>/dev/null | grep -qi '"chippy'; then
        up=1
        break
    fi
    sleep 1
done
if [ "$up" != 1 ]; then
    tail -n 40 "$work/run.log"
    echo "check-quickstart: the window of bash packaging/run.sh did not come up" >&2
    exit 1
fi
echo "the window is up ($(elapsed)):"
xwininfo -display "$display" -root -tree | grep -i '"chippy' | head -n 3
sleep 3
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""

echo "== bash packaging/test.sh ($(elapsed))"
if root_run "$root" env "${ccache_env[@]}" "${trust_env[@]}" bash -c "cd '$clone' && bash packaging/test.sh" \
        >"$work/test.log" 2>&1; then
    grep -E 'tests passed|tests failed' "$work/test.log" || true
    echo "== the quick start works ($(elapsed)); logs in $work"
else
    tail -n 60 "$work/test.log"
    echo "check-quickstart: bash packaging/test.sh failed ($(elapsed)); logs in $work" >&2
    exit 1
fi

# Clean Debian 12 roots for the packaging checks (tests/packaging/test_packages.sh and
# packaging/check-quickstart.sh): sourced, not run. Needs root, debootstrap and the Debian
# mirror this machine's apt uses.
#
#   root_create DIR      a fresh `debootstrap --variant=minbase bookworm` root in DIR, unpacked
#                        from a tarball cached in $CHIPPY_ROOT_CACHE (made once a week)
#   root_mount DIR       DIR as a mount point, /proc, /dev, /sys and the host's resolv.conf
#                        inside it, and apt's shared download cache unless
#                        CHIPPY_ROOT_SHARED_APT=0
#   root_run DIR CMD...  CMD inside DIR, as root, with a plain environment
#   root_apt DIR ARGS... apt-get ARGS inside DIR, one root at a time (they share the cache)
#   root_remove DIR      unmounts everything under DIR, then deletes it
#
# The apt download cache ($CHIPPY_ROOT_CACHE/archives) is shared by the roots that mount it,
# so a second run downloads nothing it already has; their apt-get runs through root_apt, which
# takes turns.

CHIPPY_ROOT_CACHE="${CHIPPY_ROOT_CACHE:-/var/cache/chippy-packaging}"
CHIPPY_ROOT_SUITE=bookworm

# The Debian mirror apt uses here (the first deb.debian.org-style "…/debian" URI in
# /etc/apt/sources.list or sources.list.d), or $CHIPPY_DEBIAN_MIRROR.
root_mirror() {
    if [ -n "${CHIPPY_DEBIAN_MIRROR:-}" ]; then
        echo "$CHIPPY_DEBIAN_MIRROR"
        return
    fi
    local uri
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
            2>/dev/null \
        | grep -v '^[[:space:]]*#' \
        | grep -oE '(https?|file)://[^[:space:]]*/debian/?([[:space:]]|$)' \
        | head -n 1 | tr -d '[:space:]' || true)
    echo "${uri:-http://deb.debian.org/debian}"
}

# The security mirror beside it, when apt here uses one.
root_security_mirror() {
    { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
            2>/dev/null \
        | grep -v '^[[:space:]]*#' \
        | grep -oE '(https?|file)://[^[:space:]]*/debian-security/?([[:space:]]|$)' \
        | head -n 1 | tr -d '[:space:]'; } || true
}

root_create() {
    local dir="$1" mirror security key tarball lock
    mirror=$(root_mirror)
    security=$(root_security_mirror)
    # A new tarball each ISO week, so that the roots follow the point releases.
    key="$CHIPPY_ROOT_SUITE-minbase-$(date -u +%G-w%V)"
    tarball="$CHIPPY_ROOT_CACHE/$key.tar.gz"
    mkdir -p "$CHIPPY_ROOT_CACHE/archives/partial"
    # One debootstrap at a time when several checks start together.
    exec {lock}>"$CHIPPY_ROOT_CACHE/create.lock"
    flock "$lock"
    if [ ! -s "$tarball" ]; then
        echo "root: debootstrap --variant=minbase $CHIPPY_ROOT_SUITE from $mirror (cached as $tarball)"
        local fresh="$CHIPPY_ROOT_CACHE/$key.tmp"
        rm -rf --one-file-system "$fresh"
        debootstrap --variant=minbase --cache-dir="$CHIPPY_ROOT_CACHE/archives" \
            "$CHIPPY_ROOT_SUITE" "$fresh" "$mirror" >"$CHIPPY_ROOT_CACHE/$key.log" 2>&1 || {
            tail -n 30 "$CHIPPY_ROOT_CACHE/$key.log" >&2
            rm -rf --one-file-system "$fresh"
            return 1
        }
        {
            echo "deb $mirror $CHIPPY_ROOT_SUITE main"
            echo "deb $mirror $CHIPPY_ROOT_SUITE-updates main"
            if [ -n "$security" ]; then
                echo "deb $security $CHIPPY_ROOT_SUITE-security main"
            fi
        } >"$fresh/etc/apt/sources.list"
        # Keep what apt downloads (in the shared cache mounted over /var/cache/apt/archives).
        echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' \
            >"$fresh/etc/apt/apt.conf.d/10keep-downloads"
        rm -f "$fresh"/var/cache/apt/archives/*.deb
        tar -C "$fresh" -czf "$tarball.part" . && mv "$tarball.part" "$tarball"
        rm -rf --one-file-system "$fresh"
        # Older weeks' roots are not used again.
        find "$CHIPPY_ROOT_CACHE" -maxdepth 1 -name "$CHIPPY_ROOT_SUITE-minbase-*.tar.gz" \
            ! -name "$key.tar.gz" -delete
    fi
    flock -u "$lock"
    exec {lock}>&-
    rm -rf --one-file-system "$dir"
    mkdir -p "$dir"
    tar -C "$dir" -xzf "$tarball"
}

root_mount() {
    local dir="$1"
    # The root is a mount point of its own, so that inside it /proc/self/mounts lists "/":
    # Java finds a file's FileStore there (OpenSearch and Kafka's log dirs fail without it).
    mount --bind "$dir" "$dir"
    mount -t proc proc "$dir/proc"
    mount --rbind /dev "$dir/dev"
    mount --make-rslave "$dir/dev"
    mount -t sysfs sysfs "$dir/sys"
    if [ "${CHIPPY_ROOT_SHARED_APT:-1}" != 0 ]; then
        mount --bind "$CHIPPY_ROOT_CACHE/archives" "$dir/var/cache/apt/archives"
    fi
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}

root_run() {
    local dir="$1"
    shift
    env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive chroot "$dir" "$@"
}

root_apt() {
    local dir="$1" lock status=0
    shift
    exec {lock}>"$CHIPPY_ROOT_CACHE/apt.lock"
    flock "$lock"
    root_run "$dir" apt-get "$@" || status=$?
    exec {lock}>&-
    return "$status"
}

root_remove() {
    local dir="$1"
    [ -d "$dir" ] || return 0
    # Deepest first, so that /dev/pts goes before /dev.
    local m
    for m in $(awk -v d="$(realpath "$dir")" '$2 == d || index($2, d "/") == 1 { print $2 }' \
            /proc/self/mounts | sort -r); do
        umount -l "$m" 2>/dev/null || true
    done
    rm -rf --one-file-system "$dir"
}

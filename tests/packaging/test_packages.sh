#!/usr/bin/env bash
# The installers, end to end: builds the Debian packages (cpack) and the portable bundle
# (packaging/bundle.sh) from a built tree, checks them with lintian, appstreamcli and
# desktop-file-validate, then installs each in a clean Debian 12 root (debootstrap minbase):
# the packages with `apt-get install ./chippy_*.deb`, the bundle by unpacking it in a root
# with no Qt. In each root the app prints its version, runs model 3 headless for 5 s losing
# no order, takes a screenshot under xvfb-run that is not blank, and chippy-broker answers
# `kcat -L`.
#
#   tests/packaging/test_packages.sh BUILD_DIR      (as root: debootstrap and chroot need it)
#
# The root is cached as a tarball and apt's downloads are kept (packaging/minbase-root.sh), so
# only the first run of a week downloads the base system.
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:?usage: test_packages.sh BUILD_DIR}" && pwd)"
work="$build/packaging-test"
image_check="$build/tests/app/gui/chippy-image-check"

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        exec sudo -n env PATH="$PATH" bash "$0" "$@"
    fi
    echo "packaging: needs root (or sudo without a password) for debootstrap and chroot; skipped" >&2
    exit 77
fi
for tool in cpack lintian appstreamcli desktop-file-validate debootstrap xvfb-run; do
    if ! command -v "$tool" >/dev/null; then
        echo "packaging: $tool is missing (bash packaging/install-deps.sh installs it)" >&2
        exit 1
    fi
done

# shellcheck source=../../packaging/minbase-root.sh
. "$here/packaging/minbase-root.sh"

roots=()
cleanup() {
    local r
    for r in "${roots[@]}"; do
        root_remove "$r"
    done
}
trap cleanup EXIT

step() {
    echo "== $* ($(date -u +%T))"
}

fail() {
    echo "packaging: $*" >&2
    exit 1
}

rm -rf --one-file-system "$work"
mkdir -p "$work"

step "Debian packages"
rm -f "$build"/packages/*.deb
(cd "$build" && cpack -G DEB --config CPackConfig.cmake >"$work/cpack.log") \
    || { cat "$work/cpack.log"; fail "cpack failed"; }
app_deb=$(ls "$build"/packages/chippy_*.deb)
broker_deb=$(ls "$build"/packages/chippy-broker_*.deb)
ls -l "$app_deb" "$broker_deb"

step "lintian"
lintian --fail-on error --tag-display-limit 0 "$app_deb" "$broker_deb" 2>&1 \
    | grep -v 'running with root privileges' || true
lintian --fail-on error "$app_deb" "$broker_deb" >/dev/null 2>&1 || fail "lintian reports an error"

step "AppStream metainfo and desktop entry"
mkdir -p "$work/unpacked"
dpkg-deb -x "$app_deb" "$work/unpacked"
appstreamcli validate --no-net "$work"/unpacked/usr/share/metainfo/*.metainfo.xml
desktop-file-validate "$work"/unpacked/usr/share/applications/*.desktop
for size in 16x16 32x32 48x48 128x128 256x256 scalable; do
    ls "$work"/unpacked/usr/share/icons/hicolor/$size/apps/chippy.* >/dev/null \
        || fail "the package lacks the $size icon"
done
dpkg-deb -c "$app_deb" >"$work/chippy.contents"
dpkg-deb -c "$broker_deb" >"$work/chippy-broker.contents"
for page in chippy chippy-broker; do
    grep -q "usr/share/man/man1/$page.1.gz" "$work/$page.contents" || fail "no man page for $page"
done

step "portable bundle"
bash "$here/packaging/bundle.sh" "$build" "$work/bundle" >"$work/bundle.log" 2>&1 \
    || { cat "$work/bundle.log"; fail "packaging/bundle.sh failed"; }
bundle=$(ls "$work"/bundle/chippy-*-linux-*.tar.gz)
ls -l "$bundle"

# check_root ROOT CHIPPY BROKER: the app and the broker at those paths inside ROOT.
check_root() {
    local root="$1" chippy="$2" broker="$3"
    root_run "$root" "$chippy" --version | tee "$work/version.txt"
    grep -qx "chippy $(sed -n 's/^project(Chippy VERSION \([0-9.]*\).*/\1/p' "$here/CMakeLists.txt")" \
        "$work/version.txt" || fail "chippy --version does not print the project's version"

    root_run "$root" sh -c "cd /tmp && '$chippy' --headless --scenario model-3 --duration 5 \
        --report /tmp/report.json" >"$work/headless.log" 2>&1 \
        || { cat "$work/headless.log"; fail "the headless run failed"; }
    python3 - "$root/tmp/report.json" <<'EOF' || fail "the headless run lost orders"
import json, sys
report = json.load(open(sys.argv[1]))
orders = report["orders"]
print(f"model 3 for {report['duration_s']} s: placed {orders['placed']}, served {orders['served']}, lost {orders['lost']}")
sys.exit(0 if orders["lost"] == 0 and orders["placed"] > 0 else 1)
EOF

    rm -f "$root/tmp/shot.png"
    root_run "$root" sh -c "cd /tmp && xvfb-run -a -s '-screen 0 1600x1000x24' \
        '$chippy' --scenario model-3 --size 1280x720 --screenshot /tmp/shot.png --after 4" \
        >"$work/screenshot.log" 2>&1 || { cat "$work/screenshot.log"; fail "the screenshot failed"; }
    # A QML module or a Qt plugin that the package or the bundle lacks shows up as a warning.
    if grep -E 'is not installed|could not be loaded|Could not load|Cannot load library|qrc:/' \
            "$work/screenshot.log"; then
        fail "the window warns of something missing"
    fi
    if [ -x "$image_check" ]; then
        QT_QPA_PLATFORM=offscreen "$image_check" "$root/tmp/shot.png" || fail "the screenshot is blank"
    else
        [ "$(stat -c %s "$root/tmp/shot.png")" -gt 20000 ] || fail "the screenshot is blank"
    fi
    cp "$root/tmp/shot.png" "$work/$(basename "$root").png"

    # The broker on a port of its own choosing, which it prints.
    root_run "$root" sh -c "'$broker' --listen 127.0.0.1:0 >/tmp/broker.out 2>&1 & echo \$! >/tmp/broker.pid"
    local port="" i
    for i in $(seq 50); do
        port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$root/tmp/broker.out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$root/tmp/broker.out"; fail "chippy-broker did not start"; }
    local ok=0
    root_run "$root" kcat -b "127.0.0.1:$port" -L -m 10 >"$work/kcat.txt" 2>&1 || true
    head -n 3 "$work/kcat.txt"
    grep -q "1 brokers:" "$work/kcat.txt" && ok=1
    kill "$(cat "$root/tmp/broker.pid")" 2>/dev/null || true
    [ "$ok" = 1 ] || fail "chippy-broker did not answer kcat -L"
}

step "clean root: apt-get install ./chippy_*.deb"
deb_root="$work/root-deb"
roots+=("$deb_root")
root_create "$deb_root"
root_mount "$deb_root"
cp "$app_deb" "$broker_deb" "$deb_root/tmp/"
root_apt "$deb_root" update -q >/dev/null
root_apt "$deb_root" install -y -q --no-install-recommends "/tmp/$(basename "$app_deb")" \
    "/tmp/$(basename "$broker_deb")" \
    >"$work/apt-deb.log" 2>&1 || { tail -n 40 "$work/apt-deb.log"; fail "apt-get install of the packages failed"; }
echo "installed: $(root_run "$deb_root" dpkg-query -W -f '${Package} ${Version}\n' chippy chippy-broker | tr '\n' ' ')"
root_apt "$deb_root" install -y -q --no-install-recommends xvfb xauth kcat >"$work/apt-tools.log" 2>&1 \
    || { tail -n 40 "$work/apt-tools.log"; fail "apt-get install xvfb xauth kcat failed"; }
check_root "$deb_root" /usr/bin/chippy /usr/bin/chippy-broker
root_remove "$deb_root"

step "clean root with no Qt: the portable bundle"
bundle_root="$work/root-bundle"
roots+=("$bundle_root")
root_create "$bundle_root"
root_mount "$bundle_root"
root_apt "$bundle_root" update -q >/dev/null
root_apt "$bundle_root" install -y -q --no-install-recommends xvfb xauth kcat >"$work/apt-bundle.log" 2>&1 \
    || { tail -n 40 "$work/apt-bundle.log"; fail "apt-get install xvfb xauth kcat failed"; }
if root_run "$bundle_root" dpkg-query -W -f '${Package}\n' | grep -E '^(libqt|qml|qt6)'; then
    fail "the bundle's root has Qt packages"
fi
mkdir -p "$bundle_root/opt"
tar -C "$bundle_root/opt" -xzf "$bundle"
bundle_dir=/opt/$(basename "$bundle" .tar.gz)
check_root "$bundle_root" "$bundle_dir/chippy" "$bundle_dir/bin/chippy-broker"
root_remove "$bundle_root"

step "packaging checks passed"

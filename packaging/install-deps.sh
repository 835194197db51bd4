#!/usr/bin/env bash
# Installs every build, run and test dependency of Chippy on Debian 12. Safe to run again.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config git clang-14 libclang-rt-14-dev clang-format
    # broker
    libasio-dev libcli11-dev libspdlog-dev libfmt-dev
    # Kafka clients used by the engine and the interop tests
    librdkafka-dev kcat python3-kafka python3-confluent-kafka
    # the window's allocator
    libjemalloc-dev
    # Qt 6 and QML modules
    qt6-base-dev qt6-declarative-dev qt6-charts-dev libgl-dev libxkbcommon-dev
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
    qml6-module-qtquick-shapes qml6-module-qtcharts qml6-module-qttest
    libqt6sql6-sqlite libqt6sql6-psql
    # passwords in the desktop keyring; the tests run a real one (GNOME Keyring on D-Bus)
    qtkeychain-qt6-dev gnome-keyring libsecret-tools dbus-daemon
    # the window's font (DejaVu Sans), so screenshots look the same everywhere
    fonts-dejavu-core
    # services the integration tests start on loopback; Apache Kafka and OpenSearch run on the
    # JDK from jars that Maven fetches (tests/servers/fetch-jars.sh)
    redis-server libhiredis-dev postgresql default-jdk-headless maven curl
    # headless display for screenshots and QML tests
    xvfb xauth
    # the packages and the bundle (packaging/), and their test in clean roots
    help2man librsvg2-bin patchelf lintian appstream desktop-file-utils debootstrap
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Node.js and npm for the KafkaJS interop tests; a node already on PATH is kept.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends nodejs npm
fi

# KafkaJS, pinned by tests/interop/node/package-lock.json; installed again only when the
# lock file changes. Only its test needs it: without a network the app still builds and runs,
# and that test says what is missing.
node_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/interop/node"
if [ ! -f "$node_dir/node_modules/.package-lock.json" ] \
    || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; then
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
        || echo "install-deps: could not install KafkaJS for the interop tests (npm ci failed)" >&2
fi

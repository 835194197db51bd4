#!/usr/bin/env bash
# Builds the installers: the Debian packages chippy and chippy-broker, and the portable Linux
# bundle, into BUILD_DIR/packages (BUILD_DIR is build/ unless given).
#
#   bash packaging/package.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"

bash packaging/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --parallel "$(nproc)"
(cd "$build" && cpack -G DEB --config CPackConfig.cmake)
bash packaging/bundle.sh "$build" "$build/packages"
ls -l "$build"/packages/*.deb "$build"/packages/*.tar.gz

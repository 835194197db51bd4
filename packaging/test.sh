#!/usr/bin/env bash
# Installs what Chippy needs, builds it and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh

echo "== style"
bash packaging/check-format.sh

echo "== build"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)"

echo "== tests"
cd build
ctest --output-on-failure --parallel "$(nproc)" --label-exclude fuzz

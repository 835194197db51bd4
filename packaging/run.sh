#!/usr/bin/env bash
# Installs what Chippy needs, builds it and starts it on the embedded broker.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)"
exec build/app/chippy "$@"

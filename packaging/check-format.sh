#!/usr/bin/env bash
# Fails when a C++ source differs from .clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -- '*.cpp' '*.h' | xargs --no-run-if-empty clang-format --dry-run --Werror

#!/usr/bin/env bash
# Installs what Chippy needs, builds it and runs every test with ctest: the full build, then
# the broker again under AddressSanitizer + UndefinedBehaviorSanitizer with its fuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

bash packaging/install-deps.sh
# Apache Kafka and OpenSearch for the tests, from Maven Central once; the test run never downloads.
bash tests/servers/fetch-jars.sh

echo "== style"
bash packaging/check-format.sh

echo "== build"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$jobs"

echo "== tests"
(cd build && ctest --output-on-failure --parallel "$jobs")

echo "== broker under sanitizers, and its fuzzers"
CC=clang-14 CXX=clang++-14 cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCHIPPY_BUILD_APP=OFF -DCHIPPY_SANITIZE=ON -DCHIPPY_FUZZ=ON
cmake --build build-sanitize --parallel "$jobs"
# The real servers already answered the full build's tests; here the broker alone.
(cd build-sanitize && ctest --output-on-failure --parallel "$jobs" --label-exclude 'fuzz|real-kafka|opensearch|redis|postgres')
# Every fuzz target for CHIPPY_FUZZ_SECONDS (60) under ASan+UBSan, all at once, so that they
# cost about a minute of wall time. tests/fuzz/run_long.sh runs them for 15 minutes.
fuzzers=$(cd build-sanitize && ctest -N --label-regex fuzz | grep -c 'Test *#')
(cd build-sanitize && ctest --output-on-failure --label-regex fuzz --parallel "$fuzzers")

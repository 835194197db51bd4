#!/usr/bin/env bash
# Copies the pinned server jars (kafka/pom.xml, opensearch/pom.xml) from Maven Central into
# jars/NAME once, so that a test run never downloads. Run again after a pom changes.
set -euo pipefail
source "$(dirname "$0")/common.sh"

for name in kafka opensearch; do
    pom="$servers_dir/$name/pom.xml"
    out="$jars_root/$name"
    if [ -f "$out/.complete" ] && [ "$out/.complete" -nt "$pom" ]; then
        continue
    fi
    echo "fetching the $name jars into $out"
    rm -rf "$out"
    mkdir -p "$out"
    mvn -B -q -f "$pom" dependency:copy-dependencies -DoutputDirectory="$out" -DincludeScope=runtime
    touch "$out/.complete"
done

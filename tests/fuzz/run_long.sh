#!/usr/bin/env bash
# Runs every fuzz target for a long while (15 minutes each by default), all at once and
# niced, in a build configured with -DCHIPPY_SANITIZE=ON -DCHIPPY_FUZZ=ON (clang). Then:
#  - inputs that reach new coverage are added to the checked-in seeds, tests/data/fuzz/<target>/found,
#  - crashing, leaking or hanging inputs are copied there too (as crash-*.seed etc.), so that
#    the CI fuzz tests fail on them until they are fixed,
#  - each target's coverage, executions per second and findings are printed.
#   tests/fuzz/run_long.sh [BUILD_DIR [SECONDS]]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath "${1:-$root/build-fuzz}")
seconds=${2:-900}
seeds_root=$root/tests/data/fuzz
# target:seed folder[:extra seed folder]
targets=(fuzz_request:request:$root/tests/data/frames fuzz_record_batch:record_batch fuzz_recovery:recovery)

cmake --build "$build" --target fuzz_request fuzz_record_batch fuzz_recovery

# Copies the seeds (*.req, *.seed) of the given folders flat into a corpus folder.
copy_seeds() {
    local into=$1
    shift
    for dir in "$@"; do
        [ -d "$dir" ] || continue
        find "$dir" -type f \( -name '*.req' -o -name '*.seed' \) | while read -r f; do
            cp "$f" "$into/$(realpath --relative-to="$dir" "$f" | tr / -)"
        done
    done
}

pids=()
for spec in "${targets[@]}"; do
    IFS=: read -r name seeds extra <<<"$spec"
    work=$build/tests/fuzz/long/$name
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    copy_seeds "$work/corpus" "$seeds_root/$seeds" ${extra:+"$extra"}
    echo "== $name: $(ls "$work/corpus" | wc -l) seeds, ${seconds} s"
    (
        cd "$work"
        nice "$build/tests/fuzz/$name" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 \
            -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" \
            >"$work/log" 2>&1
        echo $? >"$work/rc"
    ) &
    pids+=($!)
done
wait "${pids[@]}"

status=0
for spec in "${targets[@]}"; do
    IFS=: read -r name seeds extra <<<"$spec"
    work=$build/tests/fuzz/long/$name
    found=$seeds_root/$seeds/found
    mkdir -p "$found"
    # Only what adds coverage to the seeds already checked in becomes a seed.
    known=$(mktemp -d)
    copy_seeds "$known" "$seeds_root/$seeds" ${extra:+"$extra"}
    before=$(ls "$known" | sort)
    "$build/tests/fuzz/$name" -merge=1 -rss_limit_mb=2048 -timeout=30 "$known" "$work/corpus" \
        >"$work/merge.log" 2>&1 || true
    added=0
    for f in $(comm -13 <(echo "$before") <(ls "$known" | sort)); do
        cp "$known/$f" "$found/$f.seed"
        added=$((added + 1))
    done
    rm -rf "$known"
    crashes=0
    for f in "$work"/artifacts/*; do
        [ -e "$f" ] || continue
        cp "$f" "$found/$(basename "$f").seed"
        crashes=$((crashes + 1))
    done
    done_line=$(grep -E '^#[0-9]+ +DONE' "$work/log" | tail -1 || true)
    execs=$(grep -E 'stat::number_of_executed_units' "$work/log" | awk '{print $2}' || true)
    rate=$(grep -E 'stat::average_exec_per_sec' "$work/log" | awk '{print $2}' || true)
    echo "== $name: exit $(cat "$work/rc"), ${execs:-?} runs, ${rate:-?} exec/s, $added new seeds, $crashes findings"
    echo "   ${done_line:-no DONE line: see $work/log}"
    if [ "$(cat "$work/rc")" != 0 ] || [ "$crashes" != 0 ]; then
        status=1
        grep -E 'ERROR: |runtime error|SUMMARY' "$work/log" | head -5 || true
    fi
done
exit $status

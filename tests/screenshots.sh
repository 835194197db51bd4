#!/usr/bin/env bash
# Renders every scene of the talk, in presenter mode and normal, at 1920x1080 and 1280x720,
# on the embedded broker, and fails on a scene that does not start, a QML warning, or a blank
# or near-uniform picture (judged by chippy-image-check, built with the tests).
#
#   tests/screenshots.sh [OUTPUT_DIR]        (CHIPPY_BIN=path/to/chippy to choose the binary)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/build/screenshots}"
bin="${CHIPPY_BIN:-$here/build/app/chippy}"
check="${CHIPPY_IMAGE_CHECK:-$(dirname "$bin")/../tests/app/gui/chippy-image-check}"
after="${SCREENSHOT_AFTER_S:-7}"
scenes=(model-1 model-2 model-3 model-4 model-5 model-6 stress)
sizes=(1920x1080 1280x720)

for tool in "$bin" "$check"; do
    if [ ! -x "$tool" ]; then
        echo "screenshots: $tool is missing (build it, or set CHIPPY_BIN / CHIPPY_IMAGE_CHECK)" >&2
        exit 2
    fi
done
mkdir -p "$out"
export QT_QPA_PLATFORM=offscreen

failed=0
for scene in "${scenes[@]}"; do
    for size in "${sizes[@]}"; do
        for mode in normal presenter; do
            file="$out/$scene-$mode-$size.png"
            flags=(--scenario "$scene" --size "$size" --screenshot "$file" --after "$after")
            [ "$mode" = presenter ] && flags+=(--presenter)
            if ! "$bin" "${flags[@]}" 2> "$out/$scene-$mode-$size.log"; then
                echo "FAIL $scene $mode $size:" >&2
                cat "$out/$scene-$mode-$size.log" >&2
                failed=$((failed + 1))
                continue
            fi
            if ! "$check" "$file"; then
                failed=$((failed + 1))
            fi
        done
    done
done
total=$(( ${#scenes[@]} * ${#sizes[@]} * 2 ))
echo "$((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]

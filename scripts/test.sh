#!/usr/bin/env bash
# Builds everything and runs every test through CTest, printing CTest's summary.
#   scripts/test.sh             Release build in build/
#   scripts/test.sh --sanitize  AddressSanitizer + UBSan build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build flags=(-DCMAKE_BUILD_TYPE=Release) exclude=()
for arg in "$@"; do
  case "$arg" in
    # -O1 without debug info and without the benchmarks keeps the sanitizer
    # build and run inside CI's budget. Left to the Release run: the
    # full-test-set accuracy case (4 x 10,000 images; the same code runs under
    # the sanitizers on 300 images per model and mapping in "every applicable
    # mapping is exact") and the sweep-script cases (shell logic around the
    # same cimc/cimsim runs the other end-to-end cases make).
    --sanitize) dir=build-asan
                flags=(-DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS=-O1 -DCIM_SANITIZE=ON -DCIM_BENCH=OFF)
                exclude=(-E "full test set|^e2e: ?dse") ;;
    *) echo "test.sh: unknown option '$arg' (valid: --sanitize)" >&2; exit 2 ;;
  esac
done

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$dir" -G Ninja "${flags[@]}"
cmake --build "$dir" -j "$jobs"
ctest --test-dir "$dir" --output-on-failure -j "$jobs" "${exclude[@]}"

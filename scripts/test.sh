#!/usr/bin/env bash
# Builds everything and runs every test through CTest, printing CTest's summary.
#   scripts/test.sh             Release build in build/
#   scripts/test.sh --sanitize  AddressSanitizer + UBSan build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build flags=(-DCMAKE_BUILD_TYPE=Release)
for arg in "$@"; do
  case "$arg" in
    --sanitize) dir=build-asan flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIM_SANITIZE=ON) ;;
    *) echo "test.sh: unknown option '$arg' (valid: --sanitize)" >&2; exit 2 ;;
  esac
done

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$dir" -G Ninja "${flags[@]}"
cmake --build "$dir" -j "$jobs"
ctest --test-dir "$dir" --output-on-failure -j "$jobs"

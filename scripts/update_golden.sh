#!/usr/bin/env bash
# Regenerates the golden files (tests/golden/) after an intended change of the
# IR text or the report format; review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build
CIM_UPDATE_GOLDEN=1 ctest --test-dir build -R "golden|e2e" --output-on-failure
git status --short tests/golden

#!/usr/bin/env bash
# Runs the studies shipped in configs/sweeps/ (all but the speed check,
# mlp_200_points.json) and refreshes their figures in docs/figures/ as
# STUDY.png. Usage: run_studies.sh [OUT_DIR]   (default: build/dse-studies)
# Resumable like every sweep: rerun it after an interruption.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

out=${1:-$repo_dir/build/dse-studies}
studies=(adc_bits adc_bits_tnn adc_range sigma_lrs sigma_hrs crossbar_size)
failed=0
for study in "${studies[@]}"; do
  echo "== $study"
  start=$SECONDS
  "$dse_dir/sweep.sh" "$repo_dir/configs/sweeps/$study.json" -o "$out/$study" | tail -n 1 || failed=1
  echo "$study: $((SECONDS - start)) s"
  rm -rf "$out/$study/figures"
  "$dse_dir/plot.sh" "$out/$study/results.csv" -o "$out/$study/figures" 2>/dev/null
  # Each study varies one quantity, so it draws one figure.
  for png in "$out/$study/figures"/*.png; do cp "$png" "$repo_dir/docs/figures/$study.png"; done
done
exit "$failed"

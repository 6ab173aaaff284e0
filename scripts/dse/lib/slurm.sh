# The Slurm array job of a sweep (sourced by sweep.sh; docs/dse.md "Slurm").
# Task I of N runs the I-th of N equal chunks of the points (sweep.sh --task),
# with the same resume logic as a local sweep; the rows of all tasks merge in
# OUT/results.csv.

# write_sbatch OUT SPEC POINTS CHUNK CPUS: writes OUT/sweep.sbatch, prints how to submit it.
write_sbatch() {
  local out=$1 spec=$2 points=$3 chunk=$4 cpus=$5
  local tasks=$(((points + chunk - 1) / chunk))
  local script="$out/sweep.sbatch"
  mkdir -p "$out/slurm"
  cat >"$script" <<EOF
#!/usr/bin/env bash
# Slurm array job written by scripts/dse/sweep.sh --slurm: $points points of
# $spec in $tasks tasks of up to $chunk points.
# Needs $out on a file system every node shares (locks and renames there).
#SBATCH --job-name=cim-dse
#SBATCH --array=0-$((tasks - 1))
#SBATCH --cpus-per-task=$cpus
#SBATCH --output=$out/slurm/%A_%a.log
set -euo pipefail
export CIM_BIN_DIR=$(printf '%q' "$bin")
exec $(printf '%q' "$dse_dir/sweep.sh") $(printf '%q' "$spec") -o $(printf '%q' "$out") \\
  --task "\$SLURM_ARRAY_TASK_ID/$tasks" -j "\${SLURM_CPUS_PER_TASK:-$cpus}"
EOF
  chmod +x "$script"
  echo "wrote $script: $points points in $tasks array tasks of up to $chunk points"
  echo "submit:    sbatch $script"
  echo "afterwards: $dse_dir/sweep.sh $spec -o $out"
  echo "           (runs any point a task did not finish and rewrites results.csv in point order)"
}

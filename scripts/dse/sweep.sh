#!/usr/bin/env bash
# Design-space sweep (docs/dse.md): expands a spec into points, runs them with
# GNU parallel, and collects OUT/results.csv. Restarting it resumes.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/spec.sh"
source "$(dirname "$0")/lib/artifacts.sh"
source "$(dirname "$0")/lib/validate.sh"
source "$(dirname "$0")/lib/results.sh"
source "$(dirname "$0")/lib/slurm.sh"

usage() {
  cat <<'EOF'
usage: sweep.sh SPEC.json -o DIR [options]
  -o, --out DIR          results directory (created; reused to resume)
  --dry-run              list the points and their count, run nothing (-o not needed)
  -j, --jobs N           points run at once (default: all cores; per machine with --sshloginfile)
  --sshloginfile FILE    run points on the machines in FILE (GNU parallel; shared file system)
  --slurm                write DIR/sweep.sbatch (a Slurm array job) and print how to submit it
  --chunk K              points per Slurm array task (default 20)
  --task I/N             run only chunk I (from 0) of N: what each Slurm array task does
  --retry-failed         run the points recorded as failed again
  -h, --help             this text
cimc and cimsim are taken from $CIM_BIN_DIR, else <repo>/build/cmd.
EOF
}

spec="" out="" dry_run=0 jobs="" sshloginfile="" slurm=0 chunk=20 task="" retry_failed=0
while (($#)); do
  case $1 in
    -o | --out) (($# > 1)) || die 2 "$1 needs a directory"; out=$2; shift ;;
    --dry-run) dry_run=1 ;;
    -j | --jobs) (($# > 1)) && [[ $2 =~ ^[1-9][0-9]*$ ]] || die 2 "$1 needs a positive integer"
                 jobs=$2; shift ;;
    --sshloginfile) (($# > 1)) && [[ -f $2 ]] || die 2 "$1 needs an existing file"
                    sshloginfile=$(abs_path "$2" "$PWD"); shift ;;
    --slurm) slurm=1 ;;
    --chunk) (($# > 1)) && [[ $2 =~ ^[1-9][0-9]*$ ]] || die 2 "$1 needs a positive integer"
             chunk=$2; shift ;;
    --task) (($# > 1)) && [[ $2 =~ ^[0-9]+/[1-9][0-9]*$ ]] || die 2 "$1 needs I/N (e.g. 0/4)"
            task=$2; shift ;;
    --retry-failed) retry_failed=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) die 2 "unknown option '$1' (see --help)" ;;
    *) [[ -z $spec ]] || die 2 "more than one spec ('$spec', '$1')"; spec=$1 ;;
  esac
  shift
done
[[ -n $spec ]] || die 2 "no spec given (usage: sweep.sh SPEC.json -o DIR; see --help)"
((dry_run)) || [[ -n $out ]] || die 2 "no results directory given (-o DIR)"

load_spec "$spec"
plan=$(expand_points)
points=$(wc -l <<<"$plan")

if ((dry_run)); then
  paste -d ' ' <(cut -f1 <<<"$plan") <(cut -f4 <<<"$plan" | jq -r '
    " \(.model)  \(.dataset)  \(.params | to_entries | map("\(.key)=\(.value | tojson)") | join(" "))"')
  echo "$points points"
  exit 0
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
bin=$(bin_dir)
base=$base_path
point_threads=1 # points run in parallel; one cimsim thread each uses the cores best
spec_abs=$(abs_path "$spec" "$PWD")

# The directory's state: settings and plan are rewritten on every start (the
# same for every task of one sweep).
mkdir -p "$out"/{rows,runs,programs,cal,failed}
printf 'bin=%q base=%q point_threads=%q\n' "$bin" "$base" "$point_threads" | write_atomically "$out/settings.sh"
printf '%s\n' "$plan" | write_atomically "$out/plan.tsv"

validation_program "$(jq -c '.[0]' <<<"$models_json")"
check_swept_values "$artifact"
check_datasets

# The header must not change under the rows of an earlier start.
header=$(jq -rn --argjson point "$(head -n 1 <<<"$plan" | cut -f4)" --argjson header true \
  --argjson reports '[]' --arg id "" --argjson wall_s 0 --arg error "" -f "$dse_dir/lib/row.jq")
if [[ -f $out/header.csv && $(cat "$out/header.csv") != "$header" ]]; then
  die 3 "$out: holds results with other columns ($(cat "$out/header.csv")); use another -o"
fi
printf '%s\n' "$header" | write_atomically "$out/header.csv"

# The Slurm tasks run everything below, each for its chunk.
if ((slurm)); then
  write_sbatch "$out" "$spec_abs" "$points" "$chunk" "${jobs:-1}"
  exit 0
fi

if ((retry_failed)); then
  while IFS= read -r id; do rm -f "$out/rows/$id.csv" "$out/failed/$id"; done < <(failed_ids "$out")
fi
derive_results "$out"

# This run's share of the points (all, or the task's chunk), less the finished ones.
if [[ -n $task ]]; then
  index=${task%/*} tasks=${task#*/}
  ((index < tasks)) || die 2 "--task $task: I must be below N"
  per_task=$(((points + tasks - 1) / tasks))
  mine=$(awk -v lo=$((index * per_task)) -v hi=$(((index + 1) * per_task)) \
    'NR > lo && NR <= hi { print $1 }' "$out/plan.tsv")
else
  mine=$(cut -f1 "$out/plan.tsv")
fi
mine_count=$(grep -c . <<<"$mine" || true)
# The lines of stdin whose first field is one of this run's point ids.
mine_only() { awk 'FILENAME == ARGV[1] { mine[$0] = 1; next } ($1 in mine)' <(printf '%s\n' "$mine") -; }

todo=$(mktemp "$out/todo.XXXXXX")
trap 'rm -f "$todo"' EXIT
unfinished_points "$out" | mine_only >"$todo"
echo "sweep: $(wc -l <"$todo") points to run, $((mine_count - $(wc -l <"$todo"))) already finished ($out)"

parallel_flags=(--colsep '\t' --line-buffer)
[[ -z $jobs ]] || parallel_flags+=(-j "$jobs")
[[ -z $sshloginfile ]] || parallel_flags+=(--sshloginfile "$sshloginfile")
status=0
if [[ -s $todo ]]; then
  parallel "${parallel_flags[@]}" "$dse_dir/run_point.sh" "$out" '{1}' '{2}' '{3}' '{4}' :::: "$todo" || status=$?
fi

derive_results "$out"
finished=$(finished_ids "$out" | mine_only | wc -l)
failed=$(failed_ids "$out" | mine_only | wc -l)
echo "sweep: $finished of $mine_count points finished, $failed failed," \
  "$((mine_count - finished)) unfinished: $out/results.csv"
((failed == 0 && finished == mine_count)) || exit 1
((status == 0)) || die 1 "GNU parallel exited with status $status"

# results.csv and the files it is made of (sourced by sweep.sh and run_point.sh).
#
# The truth is rows/<point id>.csv: one complete line each, renamed into place
# by the point that wrote it. results.csv is derived from them: rebuilt in
# point order when a sweep starts and ends, and appended to as points finish.
# Both happen under one lock, and an append skips an id already present, so the
# CSV never holds a partial or duplicated row, even with several sweeps (Slurm
# tasks) writing to one directory.

# The ids of plan.tsv whose row file exists, in plan order.
finished_ids() {
  local out=$1
  awk 'FILENAME == ARGV[1] { done[$0] = 1; next } ($1 in done) { print $1 }' \
    <(find "$out/rows" -maxdepth 1 -name '*.csv' -printf '%f\n' | sed 's/\.csv$//') "$out/plan.tsv"
}

# The plan lines that have no row yet.
unfinished_points() {
  local out=$1
  awk 'FILENAME == ARGV[1] { done[$0] = 1; next } !($1 in done)' \
    <(find "$out/rows" -maxdepth 1 -name '*.csv' -printf '%f\n' | sed 's/\.csv$//') "$out/plan.tsv"
}

# Rebuilds results.csv: the header, then every finished point's row in plan order.
derive_results() {
  local out=$1
  {
    flock 9
    {
      cat "$out/header.csv"
      finished_ids "$out" | sed "s|^|$out/rows/|; s|\$|.csv|" | xargs -r -d '\n' cat --
    } | write_atomically "$out/results.csv"
  } 9>"$out/results.lock"
}

# append_row OUT ID ROW: appends ROW (the content of rows/ID.csv) to
# results.csv unless the id is there. One write of a short line: a kill cannot cut it.
append_row() {
  local out=$1 id=$2 row=$3
  {
    flock 9
    grep -q "^$id," "$out/results.csv" 2>/dev/null || printf '%s\n' "$row" >>"$out/results.csv"
  } 9>"$out/results.lock"
}

# The ids of plan.tsv that were recorded as failed.
failed_ids() {
  local out=$1
  finished_ids "$out" | while IFS= read -r id; do [[ ! -e $out/failed/$id ]] || echo "$id"; done
}

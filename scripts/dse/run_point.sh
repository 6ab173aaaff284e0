#!/usr/bin/env bash
# Runs one point of a sweep; sweep.sh calls it through GNU parallel:
#   run_point.sh OUT_DIR POINT_ID PROGRAM_KEY CALIBRATION_KEY POINT_JSON
# Makes sure the point's program (and calibration file) exist, runs cimsim,
# and records the point: runs/ID.json (the report), rows/ID.csv (its row,
# renamed into place last: the row's existence means "finished"), then appends
# the row to results.csv. A failing point is recorded with status=error and the
# one-line error; this script exits non-zero only if it cannot record it.
# It runs once per point, so it avoids needless processes (no subshells).
set -uo pipefail
source "${0%/*}/lib/common.sh"
source "$dse_dir/lib/artifacts.sh"
source "$dse_dir/lib/results.sh"

(($# == 5)) || die 2 "usage: run_point.sh OUT_DIR POINT_ID PROGRAM_KEY CALIBRATION_KEY POINT_JSON"
out=$1 id=$2 prog_key=$3 cal_key=$4 point=$5
source "$out/settings.sh" || exit 3 # bin, base, point_threads

eval "$(jq -r '@sh "model=\(.model) model_path=\(.model_path) dataset=\(.dataset) split=\(.split)",
               @sh "images=\(.images // 0) compile_flags=(\(.compile_flags))",
               @sh "set_args=(\([.sets[] | "--set", .]))",
               @sh "cal_images=\(.calibration.images // 0) cal_split=\(.calibration.split // "")",
               @sh "cal_set_args=(\([.calibration.sets // [] | .[] | "--set", .]))"' <<<"$point")" ||
  die 3 "point $id: unreadable point description"

[[ ! -e $out/failed/$id ]] || rm -f "$out/failed/$id"
failure="" report="$out/runs/$id.json" wall_s=0
run_cimsim() {
  ensure_program "$prog_key" "$model" "$model_path" "${compile_flags[@]}" || return 1
  local prog=$artifact
  if [[ $cal_key != - ]]; then
    ensure_calibration "$cal_key" "$model" "$prog" "$dataset" "$cal_images" "$cal_split" \
      "${cal_set_args[@]}" || return 1
    local path=${artifact//\\/\\\\}
    set_args+=(--set "adc.calibration=\"${path//\"/\\\"}\"") # a JSON string
  fi
  local tmp="$report.tmp.$$" errors="$report.tmp.$$.err" start=${EPOCHREALTIME/./}
  if "$bin/cimsim" "$prog" ${base:+--xbar "$base"} "${set_args[@]}" --dataset "$dataset" \
    --split "$split" --limit "$images" --threads "$point_threads" -q --json "$tmp" \
    >/dev/null 2>"$errors"; then
    local us=$((${EPOCHREALTIME/./} - start))
    wall_s=$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))
    mv -f "$tmp" "$report"
  else
    failure=$(grep -v '^$' "$errors" | tail -n 1)
    failure=${failure:-cimsim failed without a message}
  fi
  rm -f "$tmp" "$errors"
  [[ -z $failure ]]
}

report_file=$report
if ! run_cimsim; then
  report_file=/dev/null # no report: row.jq gets []
  rm -f "$report"        # a report of an earlier try would contradict the row
  : >"$out/failed/$id"
fi

# row.jq prints the row, then the line for the terminal.
{ IFS= read -r row && IFS= read -r message; } < <(jq -rn --argjson point "$point" \
  --slurpfile reports "$report_file" --arg id "$id" --argjson wall_s "$wall_s" --arg error "$failure" \
  --argjson header false -f "$dse_dir/lib/row.jq") || die 5 "point $id: cannot make its CSV row"
tmp_row="$out/rows/$id.csv.tmp.$HOSTNAME.$$"
if ! { printf '%s\n' "$row" >"$tmp_row" && mv -f "$tmp_row" "$out/rows/$id.csv"; }; then
  die 5 "point $id: cannot write $out/rows/$id.csv"
fi
append_row "$out" "$id" "$row"
echo "$message"

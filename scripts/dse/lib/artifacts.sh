# Programs and calibration files shared by the points of a sweep (sourced by
# run_point.sh and sweep.sh). Each is made once per results directory: the
# first point that needs it makes it under a lock while the others wait, and it
# appears by rename, so a killed sweep never leaves a half-written one.
# Both set `artifact` to its path, or `failure` (one line) and return 1.
# Needs: $out (results dir), $bin (cimc/cimsim dir), $base (config path or "").

# ensure_program KEY MODEL_STEM MODEL_PATH [cimc flags...]
ensure_program() {
  local key=$1 stem=$2 model_path=$3
  shift 3
  local prog="$out/programs/$stem-$key.cim"
  if [[ ! -f $prog ]]; then
    exec {lock_fd}>"$prog.lock"
    flock "$lock_fd"
    if [[ ! -f $prog ]]; then
      local tmp="$prog.tmp.$$" errors="$prog.tmp.$$.err"
      if "$bin/cimc" "$model_path" ${base:+--xbar "$base"} "$@" -o "$tmp" >/dev/null 2>"$errors"; then
        mv -f "$tmp" "$prog"
      else
        failure=$(grep -v '^$' "$errors" | tail -n 1)
        failure=${failure:-cimc failed without a message}
      fi
      rm -f "$tmp" "$errors"
    fi
    exec {lock_fd}>&-
    [[ -f $prog ]] || return 1
  fi
  artifact=$prog
}

# ensure_calibration KEY MODEL_STEM PROGRAM DATASET IMAGES SPLIT [--set k=v...]
# Profiles with the point's non-ADC settings; the ADC is forced to max because
# the profiling run clips nothing anyway and a base config's "calibrated"
# range would otherwise need the very file being made.
ensure_calibration() {
  local key=$1 stem=$2 prog=$3 dataset=$4 images=$5 split=$6
  shift 6
  local cal="$out/cal/$stem-$key.json"
  if [[ ! -f $cal ]]; then
    exec {lock_fd}>"$cal.lock"
    flock "$lock_fd"
    if [[ ! -f $cal ]]; then
      local tmp="$cal.tmp.$$" errors="$cal.tmp.$$.err"
      if "$bin/cimsim" "$prog" ${base:+--xbar "$base"} "$@" --set 'adc.range="max"' \
        --calibrate "$tmp" --dataset "$dataset" --split "$split" --limit "$images" \
        --threads "$point_threads" -q >/dev/null 2>"$errors"; then
        mv -f "$tmp" "$cal"
      else
        failure="calibration: $(grep -v '^$' "$errors" | tail -n 1)"
      fi
      rm -f "$tmp" "$errors"
    fi
    exec {lock_fd}>&-
    [[ -f $cal ]] || return 1
  fi
  artifact=$cal
}

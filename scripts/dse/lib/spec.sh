# Reading a sweep spec (sourced by sweep.sh). Everything here runs before any
# point does, and every problem is one line naming the spec file and the key.

# Reads and checks $1; sets spec_json, spec_dir, models_json, base_path,
# base_json and base_sha. Relative paths in the spec are taken against the
# spec file's directory (as in crossbar configs), so a spec runs from any cwd.
load_spec() {
  spec_file=$1
  [[ -f $spec_file ]] || die 3 "$spec_file: cannot open (no such file)"
  spec_dir=$(cd "$(dirname "$spec_file")" && pwd)
  local parse_error
  if ! spec_json=$(jq -c . "$spec_file" 2>&1); then
    parse_error=$(tail -n 1 <<<"$spec_json")
    die 3 "$spec_file: invalid JSON: ${parse_error#jq: error (at *): }"
  fi
  [[ $(jq -s length <<<"$spec_json") == 1 ]] || die 3 "$spec_file: invalid JSON: more than one document"

  local problem
  problem=$(jq -r -f "$dse_dir/lib/spec_check.jq" <<<"$spec_json" | head -n 1)
  [[ -z $problem ]] || die 3 "$spec_file: $problem"

  load_models
  load_base_config
}

# models_json: [{stem, path, sha, datasets}], datasets from /dataset or the model's sidecar.
load_model_entry() {
  local i=$1 given=$2 path stem sidecar dataset_json
  path=$(abs_path "$given" "$spec_dir")
  [[ -f $path ]] || die 3 "$spec_file: /models/$i: $given: no such file"
  stem=$(basename "$path" .onnx)
  # A data set with a "/" is a path (names have none): relative to the spec file too.
  dataset_json=$(jq -c --arg dir "$spec_dir" '.dataset // empty | if type == "array" then . else [.] end
    | map(if test("/") and (startswith("/") | not) then "\($dir)/\(.)" else . end)' <<<"$spec_json")
  if [[ -z $dataset_json ]]; then
    sidecar="${path%.onnx}.json"
    dataset_json=$(jq -c '.dataset // empty | [strings]' "$sidecar" 2>/dev/null || true)
    [[ -n $dataset_json && $dataset_json != "[]" ]] ||
      die 3 "$spec_file: /models/$i: $given: no /dataset in the spec and no sidecar $(basename "$sidecar") naming one"
  fi
  jq -cn --arg stem "$stem" --arg path "$path" --arg sha "$(sha1sum <"$path" | cut -c1-40)" \
    --argjson datasets "$dataset_json" '{stem: $stem, path: $path, sha: $sha, datasets: $datasets}'
}

load_models() {
  local i=0 given entry entries=()
  while IFS= read -r given; do
    entry=$(load_model_entry "$i" "$given") || exit $?
    entries+=("$entry")
    i=$((i + 1))
  done < <(jq -r '.models[]' <<<"$spec_json")
  models_json=$(printf '%s\n' "${entries[@]}" | jq -cs .)
}

# The base config is checked by cimc/cimsim themselves (the first compile);
# here it only has to exist and be JSON, because the spec expansion reads its adc.range.
load_base_config() {
  local given
  given=$(jq -r '.base_config // empty' <<<"$spec_json")
  base_path="" base_json="{}" base_sha=""
  [[ -n $given ]] || return 0
  base_path=$(abs_path "$given" "$spec_dir")
  [[ -f $base_path ]] || die 3 "$spec_file: /base_config: $given: no such file"
  base_json=$(jq -c . "$base_path" 2>/dev/null) || die 3 "$spec_file: /base_config: $given: invalid JSON"
  base_sha=$(sha1sum <"$base_path" | cut -c1-40)
}

# Prints the points, one per line: id, program key, calibration key ("-" if
# none) and the point as JSON, tab-separated. The keys are the first 12 hex
# digits of the SHA-1 of expand.jq's texts: one perl process for all points
# (perl comes with GNU parallel; a sha1sum per point is slow for 10k points).
expand_points() {
  jq -r --argjson models "$models_json" --argjson base "$base_json" --arg base_sha "$base_sha" \
    -f "$dse_dir/lib/expand.jq" <<<"$spec_json" |
    perl -MDigest::SHA=sha1_hex -F'\t' -lane '
      print join("\t", (map { $_ eq "" ? "-" : substr(sha1_hex($_), 0, 12) } @F[0 .. 2]), $F[3])'
}

# Checks of the swept values and data sets by cimc and cimsim themselves
# (sourced by sweep.sh), so that the sweep and the tools never disagree on
# what a valid key is. They run before any point; each failure is one line
# naming the spec file and the key. Needs load_spec's globals and plan.tsv.

# A program of model $1 (a models_json entry) compiled with the base config
# alone: it checks the base config and gives cimsim something to load.
validation_program() {
  local stem path sha
  eval "$(jq -r '@sh "stem=\(.stem) path=\(.path) sha=\(.sha)"' <<<"$1")"
  ensure_program "base-${sha:0:12}-${base_sha:0:12}" "$stem" "$path" ||
    die 3 "$spec_file: ${failure#cimc: }"
}

# Every swept value goes through `cimsim --set`, which checks each override
# against its key's rule as it applies it (docs/config.md "Overrides"), before
# cimsim would open the data set. Rules between keys are left to the points:
# a bad combination fails its point, not the sweep.
check_swept_values() {
  local prog=$1 sets=() line key
  mapfile -t sets < <(jq -r '.sweep // {} | to_entries[] | .key as $k | .value[]
                             | "--set", "\($k)=\(tojson)"' <<<"$spec_json")
  ((${#sets[@]})) || return 0
  line=$("$bin/cimsim" "$prog" ${base:+--xbar "$base"} "${sets[@]}" --dataset /nonexistent/dse-check -q \
    2>&1 >/dev/null | head -n 1) || true # it fails, at the latest on the data set
  [[ $line == "cimsim: --set "* ]] || return 0
  line=${line#cimsim: --set }
  key=${line%%=*}
  die 3 "$spec_file: /sweep/$key: ${line#*=*: }"
}

# Loads every (model, data set, split) the points use, one image each.
check_datasets() {
  local splits entry prog dataset split line
  splits=("$(jq -r '.split // "test"' <<<"$spec_json")")
  if cut -f3 "$out/plan.tsv" | grep -qv '^-$'; then # some point calibrates
    splits+=("$(jq -r '.calibrate.split // "train"' <<<"$spec_json")")
  fi
  while IFS= read -r entry; do
    validation_program "$entry"
    prog=$artifact
    while IFS= read -r dataset; do
      for split in "${splits[@]}"; do
        line=$("$bin/cimsim" "$prog" --dataset "$dataset" --split "$split" --limit 1 --threads 1 -q \
          2>&1 >/dev/null | head -n 1) ||
          die 3 "$spec_file: $(dataset_pointer "$entry"): ${line#cimsim: }"
      done
    done < <(jq -r '.datasets[]' <<<"$entry")
  done < <(jq -c '.[]' <<<"$models_json")
}

dataset_pointer() {
  if jq -e 'has("dataset")' <<<"$spec_json" >/dev/null; then
    echo /dataset
  else
    echo "/models/$(jq -r --argjson e "$1" 'map(.path) | index($e.path)' <<<"$models_json") (its sidecar's dataset)"
  fi
}

# Expands a checked sweep spec into its points: models x datasets x the
# Cartesian product of the swept lists (the last swept key varies fastest).
# Input: the spec. Arguments: $models (from sweep.sh: [{stem, path, sha, datasets}]),
# $base (the base config document, {} if none) and $base_sha.
# Output, one line per point, tab-separated: the text whose hash is the point
# id, the text whose hash names its program, the text whose hash names its
# calibration file ("" if the point needs none), and the point as JSON.

# Keys sorted at every level, so the same point always hashes the same.
def canon:
  if type == "object" then to_entries | sort_by(.key) | map(.value |= canon) | from_entries
  elif type == "array" then map(canon)
  else . end;

def product:
  reduce .[] as $e ([{}]; [.[] as $p | $e.value[] as $v | $p + {($e.key): $v}]);

. as $spec
| ($spec.calibrate // {}) as $cal
| {images: ($cal.images // 1000), split: ($cal.split // "train")} as $cal_settings
| (($spec.sweep // {}) | to_entries | product) as $grid
| $models[] as $m
| $m.datasets[] as $dataset
| $grid[] as $params
| {rows: ($params["geometry.rows"] // $params.geometry.rows?),
   cols: ($params["geometry.cols"] // $params.geometry.cols?),
   mapping: $params.mapping} as $compile
| (($params["adc.range"] // $base.adc.range? // "max") == "calibrated"
   and ($params | has("adc.calibration") | not)) as $calibrates
| {model_sha: $m.sha, base_sha: $base_sha, compile: $compile} as $program
| {model: $m.stem, model_path: $m.path, dataset: $dataset, split: ($spec.split // "test"),
   images: $spec.images, params: $params,
   sets: [$params | to_entries[] | "\(.key)=\(.value | tojson)"],
   compile_flags: [($compile | to_entries[] | select(.value != null)
                    | "--\(.key)", (.value | tostring))],
   calibration: (if $calibrates then
                   $cal_settings + {sets: [$params | to_entries[] | select(.key | startswith("adc.") | not)
                                           | "\(.key)=\(.value | tojson)"]}
                 else null end)} as $point
| [({model: $m.stem, model_sha: $m.sha, dataset: $dataset, split: $point.split, images: $spec.images,
     base_sha: $base_sha, calibrate: (if $calibrates then $cal_settings else null end),
     params: $params} | canon | tojson),
   ($program | canon | tojson),
   (if $calibrates then
      {program: $program, dataset: $dataset, calibrate: $cal_settings,
       params: ($params | with_entries(select(.key | startswith("adc.") | not)))} | canon | tojson
    else "" end),
   ($point | tojson)]
| join("\t")  # not @tsv: it would double the backslashes of the JSON texts

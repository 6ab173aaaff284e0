# The columns of results.csv and one point's row (docs/dse.md "Results").
# Arguments: $point (the point JSON of expand.jq), $reports ([cimsim's JSON
# report], or [] if the point failed), $id, $wall_s, $error, and $header:
# if true, prints the header instead (for the swept keys of $point). A row is
# followed by a line saying how the point went, for the terminal.

# Fixed columns around the swept keys. The run's effective values of mapping,
# geometry and seed come from the report, so they are filled even when not swept;
# a swept key of the same name is not repeated.
def front: ["point_id", "model", "dataset", "split", "images", "mapping", "geometry.rows",
            "geometry.cols", "adc_type", "seed"];
def back: ["top1", "top5", "baseline_top1", "baseline_top5", "agreement", "clip_low_share",
           "clip_high_share", "wall_s", "program_checksum", "status", "error"];
def swept: [$point.params | keys_unsorted[] | select(. as $k | front | index([$k]) | not)];

# RFC 4180 field: quoted only if it must be; lists and objects as JSON text.
def field:
  if type == "string" then
    (if test("[,\"\r\n]") then "\"" + gsub("\""; "\"\"") + "\"" else . end)
  elif type == "null" then ""
  elif type == "array" or type == "object" then tojson | field
  else tostring end;

def share($n; $d): if $d > 0 then $n / $d else 0 end;

def effective($report):
  ($report.manifest // {}) as $m
  | {"point_id": $id, "model": $point.model, "dataset": $point.dataset, "split": $point.split,
     "images": ($report.images // $point.images),
     "mapping": ($m.mapping // $point.params.mapping),
     "geometry.rows": ($m.config.geometry.rows // $point.params["geometry.rows"] // $point.params.geometry.rows?),
     "geometry.cols": ($m.config.geometry.cols // $point.params["geometry.cols"] // $point.params.geometry.cols?),
     "adc_type": $m.adc_type,
     "seed": ($m.seed // $point.params.seed)};

def results($report):
  if $report == null then {"status": "error", "error": $error}
  else {"top1": $report.accuracy.top1, "top5": $report.accuracy.top5,
        "baseline_top1": $report.baseline.top1?, "baseline_top5": $report.baseline.top5?,
        "agreement": $report.agreement,
        "clip_low_share": share($report.totals.clipped_low; $report.totals.conversions),
        "clip_high_share": share($report.totals.clipped_high; $report.totals.conversions),
        "wall_s": $wall_s, "program_checksum": $report.manifest.program.checksum,
        "status": "ok", "error": null}
  end;

if $header then front + swept + back | map(field) | join(",")
else
  $reports[0] as $report
  | (effective($report) + $point.params + results($report)) as $row
  | ([(front + swept + back)[] as $col | $row[$col] | field] | join(",")),
    (if $report == null then "error  \($id)  \($error)"
     else "ok     \($id)  top-1 \($report.accuracy.top1 * 10000 | round / 100) %" end)
end

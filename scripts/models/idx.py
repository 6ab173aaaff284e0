"""Read and write IDX files (the MNIST / Fashion-MNIST format), plain or gzip.

Only the unsigned-byte element type (0x08) is supported, which is all that the
MNIST-style data sets use.  Written .gz files carry no timestamp or file name
(mtime=0), so regenerating them is byte-for-byte reproducible.
"""
import gzip
import struct

import numpy as np

_UBYTE = 0x08


def read_idx(path):
    """Return the IDX array at `path` as a numpy uint8 array of its stored shape."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != _UBYTE:
        raise ValueError("%s: not an unsigned-byte IDX file (magic %02x %02x)" % (path, zero, dtype))
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(dims)):
        raise ValueError("%s: header says %s but holds %d bytes" % (path, dims, body.size))
    return body.reshape(dims)


def write_idx(path, array):
    """Write a uint8 array as an IDX file (gzip if `path` ends with .gz)."""
    a = np.asarray(array)
    if a.dtype != np.uint8:
        raise ValueError("write_idx: need uint8, got %s" % a.dtype)
    header = struct.pack(">HBB", 0, _UBYTE, a.ndim) + struct.pack(">" + "I" * a.ndim, *a.shape)
    payload = header + np.ascontiguousarray(a).tobytes()
    with open(path, "wb") as raw:
        if str(path).endswith(".gz"):
            # filename="" and mtime=0 keep the gzip header deterministic
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
                gz.write(payload)
        else:
            raw.write(payload)

#!/usr/bin/python3
"""Independent float64 numpy interpreter for the ONNX graphs in testdata/models.

  evaluate_onnx.py MODEL.onnx --dataset-images IMAGES.gz --dataset-labels LABELS.gz
                   [--input-scale S] [--input-offset O] [--limit N] [--batch B]

The graph is run node by node in topological (file) order, every tensor held
as float64 (int64 for shape-like initializers).  Nothing from torch is used.
The model input is raw_uint8_pixel * input_scale + input_offset computed in
float64, reshaped to the graph input's shape; scale/offset default to the
sidecar MODEL.json when present, else 1/255 and 0.  Top-1 is the argmax of the
first graph output (ties -> lowest index, as numpy.argmax).
Prints the accuracy; --json prints {"accuracy":..., "num_images":...}.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from idx import read_idx  # noqa: E402


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _as64(a):
    a = np.asarray(a)
    return a.astype(np.float64) if a.dtype.kind == "f" else a


# ---------------------------------------------------------------- ops
def _conv(x, w, b, at):
    n, cin, h, wd = x.shape
    cout, cin_g, kh, kw = w.shape
    group = at.get("group", 1)
    sh, sw = at.get("strides", [1, 1])
    dh, dw = at.get("dilations", [1, 1])
    pads = _pads_for(at, (h, wd), (kh, kw), (sh, sw), (dh, dw))
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    hp, wp = x.shape[2:]
    ho = (hp - (dh * (kh - 1) + 1)) // sh + 1
    wo = (wp - (dw * (kw - 1) + 1)) // sw + 1
    assert cin == cin_g * group and cout % group == 0
    cout_g = cout // group
    y = np.zeros((n, ho, wo, cout), dtype=np.float64)
    for g in range(group):
        xg = x[:, g * cin_g:(g + 1) * cin_g]
        wg = w[g * cout_g:(g + 1) * cout_g]
        acc = np.zeros((n, ho, wo, cout_g), dtype=np.float64)
        for i in range(kh):
            for j in range(kw):
                xs = xg[:, :, i * dh:i * dh + sh * (ho - 1) + 1:sh, j * dw:j * dw + sw * (wo - 1) + 1:sw]
                # [n,cin_g,ho,wo] x [cout_g,cin_g] -> [n,ho,wo,cout_g]
                acc += np.tensordot(xs, wg[:, :, i, j], axes=([1], [1]))
        y[..., g * cout_g:(g + 1) * cout_g] = acc
    y = y.transpose(0, 3, 1, 2)
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y


def _pads_for(at, spatial, kernel, strides, dil):
    """Explicit pads [x1_begin, x2_begin, x1_end, x2_end] from pads / auto_pad."""
    auto = at.get("auto_pad", b"NOTSET")
    auto = auto.decode() if isinstance(auto, bytes) else auto
    if auto in ("NOTSET", ""):
        return list(at.get("pads", [0] * (2 * len(spatial))))
    if auto == "VALID":
        return [0] * (2 * len(spatial))
    begin, end = [], []
    for size, k, s, d in zip(spatial, kernel, strides, dil):
        out = -(-size // s)
        total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
        small = total // 2
        if auto == "SAME_UPPER":
            begin.append(small)
            end.append(total - small)
        else:  # SAME_LOWER
            begin.append(total - small)
            end.append(small)
    return begin + end


def _pool(x, at, kind, opset):
    kh, kw = at["kernel_shape"]
    sh, sw = at.get("strides", [1, 1])
    dh, dw = at.get("dilations", [1, 1])
    if at.get("ceil_mode", 0):
        raise NotImplementedError("ceil_mode=1")
    n, c, h, w = x.shape
    pads = _pads_for(at, (h, w), (kh, kw), (sh, sw), (dh, dw))
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])), constant_values=fill)
    ones = np.pad(np.ones((h, w)), ((pads[0], pads[2]), (pads[1], pads[3])))
    hp, wp = xp.shape[2:]
    ho = (hp - (dh * (kh - 1) + 1)) // sh + 1
    wo = (wp - (dw * (kw - 1) + 1)) // sw + 1
    parts, counts = [], []
    for i in range(kh):
        for j in range(kw):
            sl = (slice(i * dh, i * dh + sh * (ho - 1) + 1, sh), slice(j * dw, j * dw + sw * (wo - 1) + 1, sw))
            parts.append(xp[(slice(None), slice(None)) + sl])
            counts.append(ones[sl])
    if kind == "max":
        return np.max(np.stack(parts), axis=0)
    s = np.sum(np.stack(parts), axis=0)
    if at.get("count_include_pad", 0):
        return s / (kh * kw)
    return s / np.sum(np.stack(counts), axis=0)


def _pad(x, pads, value, mode):
    r = x.ndim
    width = [(int(pads[i]), int(pads[i + r])) for i in range(r)]
    if any(b < 0 or e < 0 for b, e in width):
        raise NotImplementedError("negative pads")
    mode = mode.decode() if isinstance(mode, bytes) else mode
    if mode == "constant":
        return np.pad(x, width, mode="constant", constant_values=value)
    return np.pad(x, width, mode={"reflect": "reflect", "edge": "edge"}[mode])


def _softmax(x, axis):
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    return e / np.sum(e, axis=axis, keepdims=True)


def _reshape(x, shape, allowzero):
    shape = [int(s) for s in shape]
    if not allowzero:
        shape = [x.shape[i] if s == 0 else s for i, s in enumerate(shape)]
    return x.reshape(shape)


def run_node(node, ins, opset):
    op, at = node.op_type, _attrs(node)
    x = ins[0] if ins else None
    if op == "Identity":
        return x
    if op == "Transpose":
        return np.transpose(x, at.get("perm", list(range(x.ndim))[::-1]))
    if op == "Reshape":
        return _reshape(x, ins[1], at.get("allowzero", 0))
    if op == "Flatten":
        ax = at.get("axis", 1)
        ax = ax + x.ndim if ax < 0 else ax
        return x.reshape(int(np.prod(x.shape[:ax])), -1)
    if op in ("Squeeze", "Unsqueeze"):
        axes = at.get("axes") if opset < 13 else (None if len(ins) < 2 or ins[1] is None else ins[1])
        if op == "Squeeze":
            if axes is None:
                return np.squeeze(x)
            return np.squeeze(x, axis=tuple(int(a) % x.ndim for a in axes))
        r = x.ndim + len(axes)
        for a in sorted(int(a) % r for a in axes):
            x = np.expand_dims(x, a)
        return x
    if op == "MatMul":
        return np.matmul(x, ins[1])
    if op == "Gemm":
        a = x.T if at.get("transA", 0) else x
        b = ins[1].T if at.get("transB", 0) else ins[1]
        y = at.get("alpha", 1.0) * (a @ b)
        if len(ins) > 2 and ins[2] is not None:
            y = y + at.get("beta", 1.0) * ins[2]
        return y
    if op == "Add":
        return x + ins[1]
    if op == "Sub":
        return x - ins[1]
    if op == "Mul":
        return x * ins[1]
    if op == "Div":
        return x / ins[1]
    if op == "Sign":
        return np.sign(x)
    if op == "Relu":
        return np.maximum(x, 0.0)
    if op == "Conv":
        return _conv(x, ins[1], ins[2] if len(ins) > 2 else None, at)
    if op == "Pad":
        if opset < 11:
            return _pad(x, at["pads"], at.get("value", 0.0), at.get("mode", "constant"))
        if len(ins) > 3 and ins[3] is not None:
            raise NotImplementedError("Pad axes input")
        value = 0.0 if len(ins) < 3 or ins[2] is None else float(np.asarray(ins[2]).reshape(()))
        return _pad(x, ins[1], value, at.get("mode", "constant"))
    if op == "MaxPool":
        return _pool(x, at, "max", opset)
    if op == "AveragePool":
        return _pool(x, at, "avg", opset)
    if op == "GlobalAveragePool":
        return np.mean(x, axis=tuple(range(2, x.ndim)), keepdims=True)
    if op == "BatchNormalization":
        if at.get("training_mode", 0):
            raise NotImplementedError("training_mode=1")
        scale, bias, mean, var = ins[1:5]
        shp = (1, -1) + (1,) * (x.ndim - 2)
        eps = at.get("epsilon", 1e-5)
        # the ONNX formula, evaluated in exactly this order
        return (x - mean.reshape(shp)) / np.sqrt(var.reshape(shp) + eps) * scale.reshape(shp) + bias.reshape(shp)
    if op == "Softmax":
        if opset >= 13:
            return _softmax(x, at.get("axis", -1))
        ax = at.get("axis", 1)
        ax = ax + x.ndim if ax < 0 else ax
        flat = x.reshape(int(np.prod(x.shape[:ax])), -1)
        return _softmax(flat, 1).reshape(x.shape)
    raise NotImplementedError("op %s" % op)


class Model:
    def __init__(self, path):
        self.proto = onnx.load(path)
        self.opset = next((o.version for o in self.proto.opset_import if o.domain in ("", "ai.onnx")), 1)
        g = self.proto.graph
        self.consts = {t.name: _as64(numpy_helper.to_array(t)) for t in g.initializer}
        self.inputs = [i for i in g.input if i.name not in self.consts]
        self.output = g.output[0].name

    def input_shape(self):
        dims = self.inputs[0].type.tensor_type.shape.dim
        return [d.dim_value if d.HasField("dim_value") else None for d in dims]

    def run(self, x):
        env = dict(self.consts)
        env[self.inputs[0].name] = np.asarray(x, dtype=np.float64)
        for node in self.proto.graph.node:
            if node.op_type == "Constant":
                env[node.output[0]] = _as64(numpy_helper.to_array(node.attribute[0].t))
                continue
            ins = [env[n] if n else None for n in node.input]
            env[node.output[0]] = run_node(node, ins, self.opset)
        return env[self.output]


def evaluate(model_path, images, labels, input_scale, input_offset, batch=500):
    """Return (accuracy, predictions) of the ONNX model on uint8 images."""
    m = Model(model_path)
    shp = m.input_shape()
    preds = []
    for s in range(0, len(images), batch):
        raw = images[s:s + batch].astype(np.float64)
        x = (raw * float(input_scale) + float(input_offset)).reshape([len(raw)] + shp[1:])
        y = m.run(x)
        preds.append(np.argmax(y.reshape(len(raw), -1), axis=1))
    preds = np.concatenate(preds)
    return float(np.mean(preds == labels.astype(np.int64))), preds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("--dataset-images", required=True)
    ap.add_argument("--dataset-labels", required=True)
    ap.add_argument("--input-scale", type=float)
    ap.add_argument("--input-offset", type=float)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    side = os.path.splitext(a.model)[0] + ".json"
    meta = json.load(open(side)) if os.path.exists(side) else {}
    scale = a.input_scale if a.input_scale is not None else meta.get("input_scale", 1.0 / 255.0)
    offset = a.input_offset if a.input_offset is not None else meta.get("input_offset", 0.0)
    images, labels = read_idx(a.dataset_images), read_idx(a.dataset_labels)
    if a.limit:
        images, labels = images[:a.limit], labels[:a.limit]
    acc, _ = evaluate(a.model, images, labels, scale, offset, a.batch)
    if a.json:
        print(json.dumps({"accuracy": acc, "num_images": int(len(labels))}))
    else:
        print("%s: top-1 accuracy %.4f on %d images" % (a.model, acc, len(labels)))


if __name__ == "__main__":
    main()

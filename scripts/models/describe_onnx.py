#!/usr/bin/python3
"""Print the node chain of ONNX models and classify each Conv / MatMul weight:
'+-1', '{-1,0,+1}', '+-s_c per output channel' (BN-fused), or 'real'.
  describe_onnx.py MODEL.onnx...
"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def classify(w, out_axis):
    v = np.unique(w)
    if set(v.tolist()) <= {-1.0, 1.0}:
        return "+-1"
    if set(v.tolist()) <= {-1.0, 0.0, 1.0}:
        return "{-1,0,+1} (%.1f%% zeros)" % (100.0 * np.mean(w == 0))
    per = np.moveaxis(w, out_axis, 0).reshape(w.shape[out_axis], -1)
    a = np.abs(per)
    if np.all(a.max(1) == a.min(1)) and np.all(a.min(1) > 0):
        return "+-s_c per output channel (s_c in [%.3g, %.3g])" % (a.min(), a.max())
    if np.all([len(set(np.abs(r[r != 0]).tolist())) <= 1 for r in per]):
        return "{-s_c,0,+s_c} per output channel"
    return "real (%d distinct values)" % len(v)


for path in sys.argv[1:]:
    m = onnx.load(path)
    inits = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    print("%s  opset %s  ir %d" % (path, [(o.domain or "ai.onnx", o.version) for o in m.opset_import], m.ir_version))
    print("  ops:", " -> ".join(n.op_type for n in m.graph.node))
    for n in m.graph.node:
        if n.op_type in ("Conv", "MatMul") and n.input[1] in inits:
            w = inits[n.input[1]]
            desc = classify(w, 0 if n.op_type == "Conv" else 1)
            bias = " + bias" if len(n.input) > 2 and n.input[2] else ""
            attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute if a.name == "pads"}
            print("  %-7s %-16s %s%s %s" % (n.op_type, list(w.shape), desc, bias, attrs or ""))
        if n.op_type == "Pad":
            print("  Pad     pads=%s value=%s" % (inits[n.input[1]].tolist(), inits[n.input[2]].tolist()))

#!/usr/bin/python3
"""Self-test of evaluate_onnx.py: each op on random data against torch.nn.functional
(torch is only the reference here; the evaluator itself does not use it)."""
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate_onnx import run_node  # noqa: E402

rng = np.random.RandomState(0)
failures = 0


def check(name, got, want, tol=1e-9):
    global failures
    want = want.detach().numpy().astype(np.float64) if isinstance(want, torch.Tensor) else want
    ok = got.shape == want.shape and np.allclose(got, want, rtol=tol, atol=tol)
    if not ok:
        failures += 1
    print("%-40s %s" % (name, "ok" if ok else "FAIL %s vs %s" % (got.shape, want.shape)))


def node(op, n_in, **attrs):
    return helper.make_node(op, ["i%d" % k for k in range(n_in)], ["o"], **attrs)


t = lambda a: torch.from_numpy(a)  # noqa: E731
x = rng.randn(3, 6, 9, 8)
for groups, pads, strides, dil in [(1, [1, 1, 1, 1], [1, 1], [1, 1]), (2, [0, 1, 2, 1], [2, 1], [1, 1]),
                                   (3, [2, 2, 2, 2], [1, 2], [2, 1]), (6, [0, 0, 0, 0], [1, 1], [1, 1])]:
    w = rng.randn(6, 6 // groups, 3, 3)
    b = rng.randn(6)
    got = run_node(node("Conv", 3, group=groups, pads=pads, strides=strides, dilations=dil), [x, w, b], 13)
    xp = F.pad(t(x), (pads[1], pads[3], pads[0], pads[2]))
    check("Conv g%d pads%s s%s d%s" % (groups, pads, strides, dil), got,
          F.conv2d(xp, t(w), t(b), stride=strides, dilation=dil, groups=groups))
w = rng.randn(4, 6, 3, 3)
check("Conv auto_pad SAME_UPPER stride 2", run_node(node("Conv", 2, auto_pad="SAME_UPPER", strides=[2, 2]), [x, w], 13),
      F.conv2d(F.pad(t(x), (0, 1, 1, 1)), t(w), stride=2))
check("MaxPool 2x2", run_node(node("MaxPool", 1, kernel_shape=[2, 2], strides=[2, 2]), [x], 13), F.max_pool2d(t(x), 2))
check("MaxPool 3x3 s2 pads1", run_node(node("MaxPool", 1, kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]), [x], 13),
      F.max_pool2d(t(x), 3, 2, 1))
check("AveragePool 3x3 pads1 excl", run_node(node("AveragePool", 1, kernel_shape=[3, 3], pads=[1, 1, 1, 1]), [x], 13),
      F.avg_pool2d(t(x), 3, 1, 1, count_include_pad=False))
check("AveragePool 3x3 pads1 incl",
      run_node(node("AveragePool", 1, kernel_shape=[3, 3], pads=[1, 1, 1, 1], count_include_pad=1), [x], 13),
      F.avg_pool2d(t(x), 3, 1, 1, count_include_pad=True))
check("GlobalAveragePool", run_node(node("GlobalAveragePool", 1), [x], 13), t(x).mean((2, 3), keepdim=True))
sc, bi, mu, var = rng.randn(6), rng.randn(6), rng.randn(6), rng.rand(6)
check("BatchNormalization", run_node(node("BatchNormalization", 5, epsilon=1e-3), [x, sc, bi, mu, var], 15),
      F.batch_norm(t(x), t(mu), t(var), t(sc), t(bi), False, 0.0, 1e-3))
check("Pad opset13 value 1 NHWC", run_node(node("Pad", 3), [x, np.array([0, 1, 2, 0, 0, 3, 1, 0]), np.array(1.0)], 13),
      F.pad(t(x), (0, 0, 2, 1, 1, 3), value=1.0))
check("Pad opset9 attrs", run_node(node("Pad", 1, pads=[0, 0, 1, 1, 0, 0, 1, 1], value=1.0), [x], 9),
      F.pad(t(x), (1, 1, 1, 1), value=1.0))
check("Transpose", run_node(node("Transpose", 1, perm=[0, 2, 3, 1]), [x], 13), t(x).permute(0, 2, 3, 1))
check("Reshape -1", run_node(node("Reshape", 2), [x, np.array([-1, 432])], 13), t(x).reshape(-1, 432))
check("Flatten", run_node(node("Flatten", 1, axis=1), [x], 13), t(x).reshape(3, -1))
check("Squeeze axes input", run_node(node("Squeeze", 2), [x[:, :1], np.array([1])], 13), t(x[:, :1]).squeeze(1))
check("Unsqueeze axes attr", run_node(node("Unsqueeze", 1, axes=[0]), [x], 11), t(x).unsqueeze(0))
a2, b2 = rng.randn(5, 7), rng.randn(7, 4)
check("MatMul", run_node(node("MatMul", 2), [a2, b2], 13), t(a2) @ t(b2))
check("Gemm transB", run_node(node("Gemm", 3, transB=1, alpha=0.5, beta=2.0), [a2, b2.T, rng.randn(4) * 0 + 1], 13),
      0.5 * t(a2) @ t(b2) + 2.0)
check("Softmax opset13", run_node(node("Softmax", 1), [x], 13), F.softmax(t(x), -1))
check("Softmax opset11 axis1 (2-D coercion)", run_node(node("Softmax", 1), [x], 11),
      F.softmax(t(x).reshape(3, -1), 1).reshape(x.shape))
s = np.array([-2.0, -0.0, 0.0, 1e-30, 3.0])
check("Sign", run_node(node("Sign", 1), [s], 13), np.array([-1.0, 0.0, 0.0, 1.0, 1.0]))
check("ste_sign 0 -> +1", np.sign(run_node(node("Add", 2), [np.sign(s), np.array(0.1)], 13)),
      np.array([-1.0, 1.0, 1.0, 1.0, 1.0]))
print("%d failed" % failures)
sys.exit(1 if failures else 0)

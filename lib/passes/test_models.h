#pragma once
// Test-only: small models in the Larq/tf2onnx patterns of larq-onnx.md, shared
// by the pipeline and end-to-end tests.

#include <functional>
#include <random>
#include <string>

#include "lib/passes/test_support.h"

namespace cim::testing {

inline Doubles Pattern(int64_t n, double scale, int seed) {
  Doubles w(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) w[i] = (((i * 11 + seed) % 7) < 3 ? -1.0 : 1.0) * scale;
  return w;
}

struct LarqConvModel {
  Graph graph;
  int c1 = -1, bn1_sign = -1, pool = -1, s2 = -1, c3 = -1, s3 = -1;
  Doubles c3_scale = {0.5, 1.25, 2.0}, c3_bias = {0.25, -1.5, 3.0};
};

inline LarqConvModel MakeLarqConvModel() {
  LarqConvModel m;
  GraphBuilder b("larq.onnx", 13);
  const Ints to_nchw = {0, 3, 1, 2}, to_nhwc = {0, 2, 3, 1};
  const int x = b.AddInput("input_1", {1, 6, 6, 2});
  const int t0 = b.AddOp("Transpose", {x}, {{"perm", to_nchw}}, "input_transpose");
  Doubles w1(4 * 2 * 9);
  for (size_t i = 0; i < w1.size(); ++i) w1[i] = 0.1 * static_cast<double>((i * 37) % 23) - 1.1;
  m.c1 = b.AddOp("Conv", {t0, b.AddConst("w1", {4, 2, 3, 3}, w1)}, {{"pads", Ints{1, 1, 1, 1}}}, "conv1");
  const int bn1 = BatchNorm(b, m.c1, {1, 1, 1, 1}, {0.1, -0.2, 0.0, 0.3}, {0.0, 0.1, -0.1, 0.2}, {1, 2, 0.5, 1}, 1e-3, "bn1");
  const int i1 = b.AddOp("Transpose", {bn1}, {{"perm", to_nhwc}}, "q1/transpose");
  m.bn1_sign = SteSign(b, i1, "q1");
  const int p1 = b.AddOp("Pad", {m.bn1_sign}, {{"pads", Ints{0, 1, 1, 0, 0, 1, 1, 0}}, {"value", 1.0}}, "q1/pad");
  const int o1 = b.AddOp("Transpose", {p1}, {{"perm", to_nchw}}, "q1/transpose_1");
  const int c2 = b.AddOp("Conv", {o1, b.AddConst("w2", {4, 4, 3, 3}, Pattern(144, 1.0, 1))}, {}, "conv2");
  m.pool = b.AddOp("MaxPool", {c2}, {{"kernel_shape", Ints{2, 2}}, {"strides", Ints{2, 2}}}, "pool2");
  const int bn2 = BatchNorm(b, m.pool, {0.5, -1.0, 2.0, 0.0}, {0.0, 0.5, -1.0, 0.25}, {1.0, -2.0, 0.0, 0.0},
                            {1, 1, 1, 1}, 1e-3, "bn2");
  const int i2 = b.AddOp("Transpose", {bn2}, {{"perm", to_nhwc}}, "q2/transpose");
  m.s2 = SteSign(b, i2, "q2");
  const int o2 = b.AddOp("Transpose", {m.s2}, {{"perm", to_nchw}}, "q2/transpose_1");
  // tf2onnx's Conv+BN fusion: channel c holds ±s_c (channel 1 with a negative s_c).
  Doubles w3 = Pattern(3 * 36, 1.0, 2);
  for (int64_t c = 0; c < 3; ++c)
    for (int64_t k = 0; k < 36; ++k) w3[c * 36 + k] *= (c == 1 ? -1.0 : 1.0) * m.c3_scale[c];
  m.c3 = b.AddOp("Conv", {o2, b.AddConst("w3", {3, 4, 3, 3}, w3), b.AddConst("b3", {3}, m.c3_bias)},
                 {{"pads", Ints{1, 1, 1, 1}}}, "conv3");
  const int i3 = b.AddOp("Transpose", {m.c3}, {{"perm", to_nhwc}}, "q3/transpose");
  m.s3 = SteSign(b, i3, "q3");
  const int flat = b.AddOp("Reshape", {m.s3}, {{"shape", Ints{-1, 27}}}, "flatten");
  const int d = b.AddOp("MatMul", {flat, b.AddConst("w4", {27, 5}, Pattern(135, 1.0, 3))}, {}, "dense");
  const int bias = b.AddOp("Add", {d, b.AddConst("b4", {5}, {0.5, -0.5, 0.0, 1.0, 2.0})}, {}, "dense/bias");
  b.MarkOutput(b.AddOp("Softmax", {bias}, {{"axis", int64_t{-1}}}, "softmax"));
  m.graph = std::move(b).Finish();
  return m;
}

/// Builds the activation quantizer of a hidden layer.
using QuantizerFn = std::function<int(GraphBuilder&, int, const std::string&)>;
inline int SteSignQuantizer(GraphBuilder& b, int x, const std::string& s) { return SteSign(b, x, s + "/ste_sign"); }

/// Ternary version of Pattern: {-s, 0, +s}.
inline Doubles TernaryPattern(int64_t n, double scale, int seed) {
  Doubles w(static_cast<size_t>(n));
  std::mt19937 rng(static_cast<uint32_t>(seed));  // the sequence is fixed by the standard
  for (int64_t i = 0; i < n; ++i) w[i] = static_cast<double>(static_cast<int>(rng() % 3) - 1) * scale;
  return w;
}

/// A Larq-style MLP like testdata/models/mnist_bnn_mlp.onnx: NHWC input
/// flattened by Reshape, a first dense layer on real pixels, then quantizer →
/// ±1 (or ternary) dense → Mul/Add batch norm, twice; logits out.
inline Graph MakeLarqMlp(int64_t h, int64_t w, int64_t hidden, int64_t classes,
                         const QuantizerFn& quantizer = SteSignQuantizer, bool ternary_weights = false) {
  GraphBuilder b("mlp.onnx", 13);
  const int x = b.AddInput("input_1", {1, h, w, 1});
  int y = b.AddOp("Reshape", {x}, {{"shape", Ints{1, h * w}}}, "flatten");
  int64_t in = h * w;
  const int64_t outs[] = {hidden, hidden, classes};
  for (int layer = 0; layer < 3; ++layer) {
    const std::string s = "dense" + std::to_string(layer);
    if (layer > 0) y = quantizer(b, y, s);
    const int64_t n = in * outs[layer];
    const Doubles kernel = ternary_weights ? TernaryPattern(n, 1.0, layer) : Pattern(n, 1.0, layer);
    y = b.AddOp("MatMul", {y, b.AddConst(s + "/kernel", {in, outs[layer]}, kernel)}, {}, s + "/MatMul");
    Doubles mul(static_cast<size_t>(outs[layer])), add(mul.size());
    for (size_t c = 0; c < mul.size(); ++c) {
      mul[c] = (c % 3 == 0 ? -1.0 : 1.0) * (0.2 + 0.05 * static_cast<double>(c % 7));  // some negative
      add[c] = 0.05 * static_cast<double>((c * 5) % 9) - 0.2;
    }
    y = b.AddOp("Mul", {y, b.AddConst(s + "/bn/mul", {outs[layer]}, mul)}, {}, s + "/bn/mul_1");
    y = b.AddOp("Add", {y, b.AddConst(s + "/bn/sub", {outs[layer]}, add)}, {}, s + "/bn/add_1");
    in = outs[layer];
  }
  b.MarkOutput(y);
  return std::move(b).Finish();
}

/// A residual block: NHWC input → digital conv → BN → ste_sign, then a 3x3
/// and a 1x1 binary conv on the same signs added (shortcut), BN → ste_sign on
/// the sum, a ternary-weight conv, GlobalAveragePool, Flatten, a real dense
/// layer and Softmax.
inline Graph MakeResidualModel() {
  GraphBuilder b("residual.onnx", 13);
  const Ints to_nchw = {0, 3, 1, 2}, to_nhwc = {0, 2, 3, 1};
  auto sign_island = [&](int x, const std::string& s) {
    const int t = b.AddOp("Transpose", {x}, {{"perm", to_nhwc}}, s + "/transpose");
    return b.AddOp("Transpose", {SteSign(b, t, s)}, {{"perm", to_nchw}}, s + "/transpose_1");
  };
  const int x = b.AddInput("input_1", {1, 5, 5, 3});
  const int t0 = b.AddOp("Transpose", {x}, {{"perm", to_nchw}}, "input_transpose");
  Doubles w1(4 * 3 * 9);
  for (size_t i = 0; i < w1.size(); ++i) w1[i] = 0.1 * static_cast<double>((i * 37) % 23) - 1.1;
  const int c1 = b.AddOp("Conv", {t0, b.AddConst("w1", {4, 3, 3, 3}, w1)}, {{"pads", Ints{1, 1, 1, 1}}}, "conv1");
  const int bn1 = BatchNorm(b, c1, {1, -1, 1, 1}, {0.1, -0.2, 0.0, 0.3}, {0.0, 0.1, -0.1, 0.2}, {1, 2, 0.5, 1}, 1e-3, "bn1");
  const int s1 = sign_island(bn1, "q1");
  const int a = b.AddOp("Conv", {s1, b.AddConst("w2", {4, 4, 3, 3}, Pattern(144, 1.0, 1))}, {{"pads", Ints{1, 1, 1, 1}}}, "conv2");
  const int sc = b.AddOp("Conv", {s1, b.AddConst("w3", {4, 4, 1, 1}, Pattern(16, 1.0, 4))}, {}, "shortcut");
  const int sum = b.AddOp("Add", {a, sc}, {}, "residual");
  const int bn2 = BatchNorm(b, sum, {0.5, -1.0, 2.0, 0.25}, {0.0, 0.5, -1.0, 0.25}, {1.0, -2.0, 0.0, 0.5},
                            {1, 1, 1, 1}, 1e-3, "bn2");
  const int s2 = sign_island(bn2, "q2");
  const int c4 = b.AddOp("Conv", {s2, b.AddConst("w4", {3, 4, 3, 3}, TernaryPattern(108, 1.0, 5))}, {}, "conv4");
  const int gap = b.AddOp("GlobalAveragePool", {c4}, {}, "gap");
  const int flat = b.AddOp("Flatten", {gap}, {{"axis", int64_t{1}}}, "flatten");
  Doubles w5(3 * 4);
  for (size_t i = 0; i < w5.size(); ++i) w5[i] = 0.3 * static_cast<double>(i % 5) - 0.5;
  const int d = b.AddOp("MatMul", {flat, b.AddConst("w5", {3, 4}, w5)}, {}, "dense");
  b.MarkOutput(b.AddOp("Softmax", {d}, {{"axis", int64_t{1}}}, "softmax"));
  return std::move(b).Finish();
}

}  // namespace cim::testing

#pragma once
// A small program that uses every op variant with nontrivial values, for the
// program-file tests. It passes VerifyProgram.

#include <algorithm>
#include <cstdint>
#include <limits>

#include "cim/tile/program.h"

namespace cim::testing {

inline TensorInfo SampleTensor(const char* name, Dims shape, ValueSet values) {
  return TensorInfo{name, std::move(shape), values};
}

/// Tiles `groups` x (K x M) matrices into blocks of at most 8 inputs x 4
/// outputs (the smallest capacity of any mapping on a 16x8 crossbar).
inline std::vector<Tile> SampleTiles(int32_t groups, int32_t k, int32_t m, int32_t* crossbar) {
  std::vector<Tile> tiles;
  for (int32_t g = 0; g < groups; ++g)
    for (int32_t c = 0; c < m; c += 4)
      for (int32_t r = 0; r < k; r += 8)
        tiles.push_back({g, r, std::min(8, k - r), c, std::min(4, m - c), (*crossbar)++});
  return tiles;
}

inline std::vector<PointwiseStep> SampleSteps() {
  using K = PointwiseStep::Kind;
  std::vector<PointwiseStep> s(11);
  s[0] = {K::kAdd, false, {0.5, -0.25, 1.0, 2.0}, {}, {}, {}, 0.0};
  s[1] = {K::kSub, true, {3.0}, {}, {}, {}, 0.0};
  s[2] = {K::kMul, false, {1.5, -2.0, 0.75, 1e-3}, {}, {}, {}, 0.0};
  s[3] = {K::kDiv, true, {7.0}, {}, {}, {}, 0.0};
  s[4] = {K::kMax, false, {-10.0}, {}, {}, {}, 0.0};
  s[5] = {K::kMin, false, {10.0, 20.0, 30.0, 40.0}, {}, {}, {}, 0.0};
  s[6].kind = K::kRelu;
  s[7].kind = K::kNeg;
  s[8].kind = K::kAbs;
  s[9] = {K::kBatchNorm,
          false,
          {1.1, 0.9, -1.2, 1.0},
          {0.1, -0.2, 0.3, -0.0},
          {0.5, 0.25, -0.5, 1.0},
          {1.0, 2.0, 0.5, 4.0},
          1e-5};
  s[10].kind = K::kSign;
  return s;
}

inline Program SampleProgram(Mapping mapping = Mapping::kTnnI) {
  Program p;
  p.model_name = "sample_every_op";
  p.source_file = "testdata/models/sample.onnx";
  p.producer = "cimc 0.1.0";
  p.dataset_hint = "mnist";
  p.input = {{6, 6, 1}, Layout::kNHWC, 1.0 / 255.0, -0.5};
  p.geometry = {16, 8};
  p.mapping = mapping;
  const ValueSet R = ValueSet::kReal, I = ValueSet::kInteger, T = ValueSet::kTernary,
                 B = ValueSet::kBinary;
  p.tensors = {
      SampleTensor("input", {6, 6, 1}, R),   SampleTensor("nchw", {1, 6, 6}, R),
      SampleTensor("padded", {1, 8, 8}, R),  SampleTensor("conv0", {4, 4, 4}, R),
      SampleTensor("act0", {4, 4, 4}, T),    SampleTensor("xconv1", {6, 4, 4}, I),
      SampleTensor("thr1", {6, 4, 4}, B),    SampleTensor("maxpool", {6, 2, 2}, B),
      SampleTensor("avgpool", {6, 4, 4}, R), SampleTensor("gap", {6, 1, 1}, R),
      SampleTensor("flat", {24}, B),         SampleTensor("fc", {5}, I),
      SampleTensor("gap_flat", {6}, R),      SampleTensor("fc_digital", {5}, R),
      SampleTensor("sum", {5}, R),           SampleTensor("prod", {5}, R),
      SampleTensor("diff", {5}, R),          SampleTensor("probs", {5}, R),
  };
  int32_t crossbar = 0;

  p.ops.push_back(TransposeOp{"to_nchw", 0, 1, {2, 0, 1}});
  p.ops.push_back(PadOp{"pad0", 1, 2, {0, 2, 1}, {0, 0, 1}, 0.5});

  DigitalLinearOp conv0{"conv0", 2, 3, false, {}, {}, {0.125, -0.5, 0.0, 2.5}};
  conv0.geom = {1, 8, 8, 4, 4, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 0.25, 1};
  for (int i = 0; i < 36; ++i) conv0.weights.push_back(0.1 * i - 1.7);
  conv0.weights[5] = -0.0;
  conv0.weights[6] = std::numeric_limits<double>::denorm_min();
  conv0.weights[7] = 1e308;
  p.ops.push_back(conv0);

  p.ops.push_back(PointwiseOp{"bn_sign0", 3, 4, 0, SampleSteps()});

  XbarLinearOp xconv{"xconv1", 4, 5, false, {}, true, true, {}, mapping, {}};
  xconv.geom = {4, 4, 4, 6, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 0.0, 2};
  for (int i = 0; i < 6 * 18; ++i)
    xconv.weights.push_back(static_cast<int8_t>((i * 7 + i / 5) % 3 - 1));
  xconv.tiles = SampleTiles(2, 18, 3, &crossbar);
  p.ops.push_back(xconv);

  const int64_t big = int64_t{1} << 40;
  p.ops.push_back(ThresholdOp{"thr1",
                              5,
                              6,
                              0,
                              {-3, -1, 0, 2, -big, 1},
                              {-3, 1, 4, 2, big, 7},
                              {-1, -1, -1, 1, -1, 1},
                              {0, 0, 1, 0, -1, 0},
                              {1, 1, 1, -1, 1, -1}});

  PoolOp maxpool{"maxpool", 6, 7, PoolOp::Kind::kMax};
  maxpool.kernel_h = 2, maxpool.kernel_w = 2, maxpool.stride_h = 2, maxpool.dilation_w = 2;
  p.ops.push_back(maxpool);
  PoolOp avgpool{"avgpool", 6, 8, PoolOp::Kind::kAverage};
  avgpool.kernel_h = 3, avgpool.kernel_w = 3, avgpool.pad_top = 1, avgpool.pad_bottom = 1;
  avgpool.pad_left = 2, avgpool.count_include_pad = true;
  p.ops.push_back(avgpool);
  p.ops.push_back(PoolOp{"gap", 8, 9, PoolOp::Kind::kGlobalAverage});
  p.ops.push_back(ReshapeOp{"flatten", 7, 10});

  XbarLinearOp fc{"fc", 10, 11, true, {}, false, false, {}, mapping, {}};
  fc.geom.in_channels = 24;
  fc.geom.out_channels = 5;
  fc.geom.pad_value = 1.0;
  for (int i = 0; i < 5 * 24; ++i) fc.weights.push_back((i * 5 + i / 3) % 3 == 0 ? -1 : 1);
  fc.tiles = SampleTiles(1, 24, 5, &crossbar);
  p.ops.push_back(fc);

  p.ops.push_back(ReshapeOp{"gap_flatten", 9, 12});
  DigitalLinearOp fc2{"fc_digital", 12, 13, true, {}, {}, {}};
  fc2.geom.in_channels = 6;
  fc2.geom.out_channels = 5;
  for (int i = 0; i < 30; ++i) fc2.weights.push_back(1.0 / (i + 1) - 0.3);
  p.ops.push_back(fc2);
  p.ops.push_back(BinaryOp{"sum", 11, 13, 14, BinaryOp::Kind::kAdd});
  p.ops.push_back(BinaryOp{"prod", 14, 11, 15, BinaryOp::Kind::kMul});
  p.ops.push_back(BinaryOp{"diff", 15, 13, 16, BinaryOp::Kind::kSub});
  p.ops.push_back(SoftmaxOp{"softmax", 16, 17, 0});
  p.output = 17;
  p.num_crossbars = crossbar;
  return p;
}

}  // namespace cim::testing

// Crossbar and digital convolutions through the executor (im2col, padding,
// groups, NCHW input from HWC bytes) against the ONNX-definition convolution.

#include <catch2/catch.hpp>

#include "lib/exec/exec_test_util.h"

namespace cim {
namespace {

using namespace cim::testing;

/// 4 -> 6 channels in 2 groups, 7x9 input, 3x2 kernel, stride 2, dilation 2,
/// pads top 1, left 0, bottom 2, right 3.
ConvGeometry OddGeometry(double pad_value) {
  ConvGeometry g;
  g.in_channels = 4;
  g.in_h = 7;
  g.in_w = 9;
  g.out_channels = 6;
  g.groups = 2;
  g.kernel_h = 3;
  g.kernel_w = 2;
  g.stride_h = g.stride_w = 2;
  g.dilation_h = g.dilation_w = 2;
  g.pad_top = 1;
  g.pad_left = 0;
  g.pad_bottom = 2;
  g.pad_right = 3;
  g.out_h = ConvOut(g.in_h, g.kernel_h, g.stride_h, g.dilation_h, g.pad_top, g.pad_bottom);
  g.out_w = ConvOut(g.in_w, g.kernel_w, g.stride_w, g.dilation_w, g.pad_left, g.pad_right);
  g.pad_value = pad_value;
  return g;
}

TEST_CASE("XbarLinear conv with stride, dilation, asymmetric pads and groups equals the naive conv",
          "[exec]") {
  std::mt19937 rng(3);
  const int64_t n = 3;
  for (const bool ternary : {false, true}) {
    for (const double pad : {0.0, 1.0}) {
      INFO("ternary " << ternary << " pad " << pad);
      const ConvGeometry g = OddGeometry(pad);
      REQUIRE(g.out_h == 3);  // (7 + 3 - 2 * 2 - 1) / 2 + 1
      REQUIRE(g.out_w == 5);  // (9 + 3 - 2 * 1 - 1) / 2 + 1
      ProgramBuilder b({g.in_channels, g.in_h, g.in_w}, Layout::kNCHW, 1.0,
                       -1.0);  // bytes {0,1,2} -> {-1,0,1}
      XbarLinearOp op;
      op.name = "conv";
      op.input = 0;
      op.output = b.Tensor({g.out_channels, g.out_h, g.out_w}, ValueSet::kInteger);
      op.geom = g;
      op.ternary_weights = op.ternary_inputs = ternary;
      op.weights = RandomTernary(rng, static_cast<size_t>(g.out_channels * g.PatchSize()), ternary);
      b.Add(op);
      const Program p = b.Finish(op.output);
      // Binary inputs are bytes {0, 2}; ternary ones {0, 1, 2}.
      std::vector<uint8_t> raw =
          RandomBytes(rng, static_cast<size_t>(n * g.in_h * g.in_w * g.in_channels), 0, 2);
      if (!ternary)
        for (auto& v : raw) v = v == 1 ? 2 : v;
      auto out = RunExact(p, raw, n);
      REQUIRE(out.ok());
      const int64_t numel = g.out_channels * g.out_h * g.out_w;
      REQUIRE(static_cast<int64_t>(out->size()) == n * numel);
      for (int64_t img = 0; img < n; ++img) {
        const std::vector<double> want =
            NaiveConv(g, HwcToChw(raw, img, g.in_h, g.in_w, g.in_channels, 1.0, -1.0), op.weights);
        const std::vector<double> got(out->begin() + img * numel, out->begin() + (img + 1) * numel);
        CHECK(got == want);
      }
    }
  }
}

TEST_CASE("DigitalLinear conv sums in k order, adds bias, and pads with pad_value", "[exec]") {
  std::mt19937 rng(5);
  const int64_t n = 2;
  for (const double pad : {0.0, 0.75}) {
    INFO("pad " << pad);
    const ConvGeometry g = OddGeometry(pad);
    ProgramBuilder b({g.in_channels, g.in_h, g.in_w}, Layout::kNCHW, 1.0 / 255.0, -0.5);
    DigitalLinearOp op;
    op.name = "conv";
    op.input = 0;
    op.output = b.Tensor({g.out_channels, g.out_h, g.out_w});
    op.geom = g;
    op.weights = RandomReals(rng, static_cast<size_t>(g.out_channels * g.PatchSize()));
    op.bias = RandomReals(rng, static_cast<size_t>(g.out_channels));
    b.Add(op);
    const Program p = b.Finish(op.output);
    const std::vector<uint8_t> raw =
        RandomBytes(rng, static_cast<size_t>(n * g.in_h * g.in_w * g.in_channels), 0, 255);
    auto out = RunExact(p, raw, n);
    REQUIRE(out.ok());
    const int64_t numel = g.out_channels * g.out_h * g.out_w;
    for (int64_t img = 0; img < n; ++img) {
      const std::vector<double> want =
          NaiveConv(g, HwcToChw(raw, img, g.in_h, g.in_w, g.in_channels, 1.0 / 255.0, -0.5),
                    op.weights, op.bias);
      const std::vector<double> got(out->begin() + img * numel, out->begin() + (img + 1) * numel);
      CHECK(got == want);  // bit-identical: same products, same order
    }
  }
}

TEST_CASE("Dense layers: a hand-computed crossbar product and a digital one without bias",
          "[exec]") {
  // W = [[1,-1,0],[1,1,1]], x = [1,-1,1] -> [2, 1].
  ProgramBuilder b({3}, Layout::kNHWC, 1.0, -1.0);
  XbarLinearOp x;
  x.name = "dense";
  x.input = 0;
  x.output = b.Tensor({2}, ValueSet::kInteger);
  x.dense = true;
  x.geom.in_channels = 3;
  x.geom.out_channels = 2;
  x.ternary_weights = x.ternary_inputs = true;
  x.weights = {1, -1, 0, 1, 1, 1};
  b.Add(x);
  DigitalLinearOp d;  // [0.5, -0.25] . [2, 1] = 0.75
  d.name = "fc";
  d.input = x.output;
  d.output = b.Tensor({1});
  d.dense = true;
  d.geom.in_channels = 2;
  d.geom.out_channels = 1;
  d.weights = {0.5, -0.25};
  b.Add(d);
  const Program p = b.Finish(d.output);
  auto out = RunExact(p, {2, 0, 2}, 1);
  REQUIRE(out.ok());
  CHECK(*out == std::vector<double>{0.75});
}

}  // namespace
}  // namespace cim

// Every digital op of the tile IR through the executor, against plain loops
// written from the ONNX definitions. Tensor 0 is NHWC, so its values are the
// raw bytes * scale + offset in flat order.

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "lib/exec/exec_test_util.h"

namespace cim {
namespace {

using namespace cim::testing;

constexpr int64_t kImages = 2;

/// Input values of image-major flat tensor 0.
std::vector<double> Values(const std::vector<uint8_t>& raw, double scale, double offset) {
  std::vector<double> x(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) x[i] = raw[i] * scale + offset;
  return x;
}

/// One op from tensor 0 (shape `in`) to tensor 1 (shape `out`), run on kImages.
std::vector<double> RunOne(Op op, const Dims& in, const Dims& out, const std::vector<uint8_t>& raw,
                           double scale, double offset) {
  ProgramBuilder b(in, Layout::kNHWC, scale, offset);
  const int t = b.Tensor(out);
  b.Add(std::move(op));
  auto result = RunExact(b.Finish(t), raw, kImages);
  REQUIRE(result.ok());
  return *result;
}

PointwiseStep Step(PointwiseStep::Kind kind, std::vector<double> c = {}, bool reversed = false) {
  PointwiseStep s;
  s.kind = kind;
  s.c = std::move(c);
  s.reversed = reversed;
  return s;
}

TEST_CASE("Pointwise chain with scalar and per-channel constants along the channel axis",
          "[digital]") {
  using K = PointwiseStep::Kind;
  std::mt19937 rng(1);
  const Dims shape{3, 2, 4};
  const std::vector<uint8_t> raw = RandomBytes(rng, static_cast<size_t>(kImages * 24), 0, 255);
  const std::vector<double> x = Values(raw, 0.03, -4.0);
  const std::vector<double> sub{1.5, -2.0, 0.25, 3.0}, mul{2.0, -0.5, 3.0, 1.25},
      div{4.0, -3.0, 0.5, 7.0};
  PointwiseOp op;
  op.name = "chain";
  op.output = 1;
  op.channel_axis = 2;  // channels of size 4, innermost
  op.steps = {Step(K::kAdd, {0.25}),
              Step(K::kSub, sub, true),
              Step(K::kMul, mul),
              Step(K::kDiv, div),
              Step(K::kDiv, {0.7}, true),
              Step(K::kSub, {0.1}),
              Step(K::kMax, {-3.0}),
              Step(K::kMin, {2.5}),
              Step(K::kNeg),
              Step(K::kAbs),
              Step(K::kNeg),
              Step(K::kRelu)};
  const std::vector<double> got = RunOne(op, shape, shape, raw, 0.03, -4.0);
  REQUIRE(got.size() == x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    const size_t c = i % 4;
    double v = x[i] + 0.25;
    v = sub[c] - v;
    v = v * mul[c];
    v = v / div[c];
    v = 0.7 / v;
    v = v - 0.1;
    v = std::max(v, -3.0);
    v = std::min(v, 2.5);
    v = -std::fabs(-v);
    v = std::max(v, 0.0);
    CHECK(got[i] == v);
  }
}

TEST_CASE("Pointwise Sign is ONNX Sign (0 -> 0) and BatchNorm follows the ONNX order per channel",
          "[digital]") {
  using K = PointwiseStep::Kind;
  const Dims shape{3, 2, 2};
  std::vector<uint8_t> raw(static_cast<size_t>(kImages * 12));
  for (size_t i = 0; i < raw.size(); ++i)
    raw[i] = static_cast<uint8_t>(i % 7);  // -> -1.5 ... 1.5, with 0
  const std::vector<double> x = Values(raw, 0.5, -1.5);

  PointwiseOp sign;
  sign.name = "sign";
  sign.output = 1;
  sign.steps = {Step(K::kSign)};
  const std::vector<double> s = RunOne(sign, shape, shape, raw, 0.5, -1.5);
  for (size_t i = 0; i < x.size(); ++i) CHECK(s[i] == (x[i] > 0 ? 1.0 : x[i] < 0 ? -1.0 : 0.0));

  PointwiseOp bn;
  bn.name = "bn";
  bn.output = 1;
  bn.channel_axis = 0;  // channels of size 3, outermost
  PointwiseStep step = Step(K::kBatchNorm, {1.0, -2.0, 0.5});
  step.c2 = {0.1, 0.2, -0.3};
  step.c3 = {0.25, -1.0, 0.0};
  step.c4 = {1.0, 0.3, 2.0};
  step.eps = 1e-3;
  bn.steps = {step};
  const std::vector<double> y = RunOne(bn, shape, shape, raw, 0.5, -1.5);
  for (size_t i = 0; i < x.size(); ++i) {
    const size_t c = (i % 12) / 4;
    CHECK(y[i] == (x[i] - step.c3[c]) / std::sqrt(step.c4[c] + 1e-3) * step.c[c] + step.c2[c]);
  }
}

TEST_CASE("Threshold picks low, mid or high per channel, with scalar thresholds too", "[digital]") {
  const Dims shape{3, 2, 3};
  std::mt19937 rng(2);
  const std::vector<uint8_t> raw = RandomBytes(rng, static_cast<size_t>(kImages * 18), 0, 10);
  const std::vector<double> x = Values(raw, 1.0, -5.0);  // integers -5 ... 5
  ThresholdOp t;
  t.name = "thr";
  t.output = 1;
  t.channel_axis = 0;
  t.lower = {-1, 2, 0};
  t.upper = {-1, 3, 4};  // channel 0 binary
  t.low = {-1, 1, -1};   // channel 1 decreasing
  t.mid = {-1, 0, 0};
  t.high = {1, -1, 1};
  const std::vector<double> y = RunOne(t, shape, shape, raw, 1.0, -5.0);
  for (size_t i = 0; i < x.size(); ++i) {
    const size_t c = (i % 18) / 6;
    const int8_t want = x[i] < t.lower[c] ? t.low[c] : x[i] < t.upper[c] ? t.mid[c] : t.high[c];
    CHECK(y[i] == want);
  }
  ThresholdOp scalar;
  scalar.name = "thr1";
  scalar.output = 1;
  scalar.channel_axis = 1;
  scalar.lower = {0};
  scalar.upper = {0};
  scalar.low = {-1};
  scalar.mid = {0};
  scalar.high = {1};
  const std::vector<double> z = RunOne(scalar, shape, shape, raw, 1.0, -5.0);
  for (size_t i = 0; i < x.size(); ++i) CHECK(z[i] == (x[i] < 0 ? -1.0 : 1.0));
}

/// ONNX MaxPool / AveragePool on one {C,H,W} image, window by window.
std::vector<double> NaivePool(const PoolOp& op, const double* in, int64_t c, int64_t h, int64_t w,
                              int64_t oh, int64_t ow) {
  std::vector<double> out;
  for (int64_t ch = 0; ch < c; ++ch)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox) {
        double max = -std::numeric_limits<double>::infinity(), sum = 0;
        int64_t count = 0;
        for (int64_t ky = 0; ky < op.kernel_h; ++ky)
          for (int64_t kx = 0; kx < op.kernel_w; ++kx) {
            const int64_t y = oy * op.stride_h - op.pad_top + ky * op.dilation_h;
            const int64_t x = ox * op.stride_w - op.pad_left + kx * op.dilation_w;
            if (y < 0 || y >= h || x < 0 || x >= w) continue;
            max = std::max(max, in[(ch * h + y) * w + x]);
            sum += in[(ch * h + y) * w + x];
            ++count;
          }
        if (op.kind == PoolOp::Kind::kMax) {
          out.push_back(max);
        } else {
          out.push_back(
              sum / static_cast<double>(op.count_include_pad ? op.kernel_h * op.kernel_w : count));
        }
      }
  return out;
}

TEST_CASE(
    "MaxPool pads with -inf; AveragePool with and without count_include_pad; GlobalAveragePool",
    "[digital]") {
  std::mt19937 rng(4);
  const int64_t c = 2, h = 5, w = 6;
  const std::vector<uint8_t> raw =
      RandomBytes(rng, static_cast<size_t>(kImages * c * h * w), 0, 255);
  const std::vector<double> x = Values(raw, 0.01, -3.0);  // all negative: a 0 pad would win a max
  for (const auto kind : {PoolOp::Kind::kMax, PoolOp::Kind::kAverage}) {
    for (const bool include_pad : {false, true}) {
      PoolOp op;
      op.name = "pool";
      op.output = 1;
      op.kind = kind;
      op.kernel_h = 3;
      op.kernel_w = 2;
      op.stride_h = 2;
      op.dilation_w = 2;
      op.pad_top = 1;
      op.pad_bottom = 1;
      op.pad_right = 2;
      op.count_include_pad = include_pad;
      const int64_t oh = ConvOut(h, 3, 2, 1, 1, 1), ow = ConvOut(w, 2, 1, 2, 0, 2);
      const std::vector<double> y = RunOne(op, {c, h, w}, {c, oh, ow}, raw, 0.01, -3.0);
      INFO("kind " << static_cast<int>(kind) << " include_pad " << include_pad);
      for (int64_t img = 0; img < kImages; ++img) {
        const std::vector<double> want = NaivePool(op, x.data() + img * c * h * w, c, h, w, oh, ow);
        CHECK(std::vector<double>(y.begin() + img * c * oh * ow,
                                  y.begin() + (img + 1) * c * oh * ow) == want);
      }
    }
  }
  PoolOp global;
  global.name = "gap";
  global.output = 1;
  global.kind = PoolOp::Kind::kGlobalAverage;
  const std::vector<double> g = RunOne(global, {c, h, w}, {c, 1, 1}, raw, 0.01, -3.0);
  for (int64_t i = 0; i < kImages * c; ++i) {
    double sum = 0;
    for (int64_t k = 0; k < h * w; ++k) sum += x[static_cast<size_t>(i * h * w + k)];
    CHECK(g[static_cast<size_t>(i)] == sum / static_cast<double>(h * w));
  }
}

TEST_CASE("Pad, Transpose and Reshape move every element where ONNX puts it", "[digital]") {
  std::mt19937 rng(6);
  const Dims in{2, 3, 4};
  const std::vector<uint8_t> raw = RandomBytes(rng, static_cast<size_t>(kImages * 24), 0, 255);
  const std::vector<double> x = Values(raw, 1.0, 0.0);
  auto at = [&](int64_t img, int64_t a, int64_t b, int64_t c) {
    return x[static_cast<size_t>(img * 24 + a * 12 + b * 4 + c)];
  };

  PadOp pad;
  pad.name = "pad";
  pad.output = 1;
  pad.pads_begin = {1, 0, 2};
  pad.pads_end = {0, 2, 1};
  pad.value = -7.5;
  const Dims po{3, 5, 7};
  const std::vector<double> p = RunOne(pad, in, po, raw, 1.0, 0.0);
  for (int64_t img = 0; img < kImages; ++img)
    for (int64_t a = 0; a < 3; ++a)
      for (int64_t b = 0; b < 5; ++b)
        for (int64_t c = 0; c < 7; ++c) {
          const int64_t ia = a - 1, ib = b, ic = c - 2;
          const bool inside = ia >= 0 && ia < 2 && ib < 3 && ic >= 0 && ic < 4;
          CHECK(p[static_cast<size_t>(img * 105 + (a * 5 + b) * 7 + c)] ==
                (inside ? at(img, ia, ib, ic) : -7.5));
        }

  TransposeOp tr;  // out[i][j][k] = in[k][i][j]
  tr.name = "tr";
  tr.output = 1;
  tr.perm = {1, 2, 0};
  const std::vector<double> t = RunOne(tr, in, {3, 4, 2}, raw, 1.0, 0.0);
  for (int64_t img = 0; img < kImages; ++img)
    for (int64_t i = 0; i < 3; ++i)
      for (int64_t j = 0; j < 4; ++j)
        for (int64_t k = 0; k < 2; ++k)
          CHECK(t[static_cast<size_t>(img * 24 + (i * 4 + j) * 2 + k)] == at(img, k, i, j));
  tr.perm = {2, 0, 1};  // out[i][j][k] = in[j][k][i]
  const std::vector<double> t2 = RunOne(tr, in, {4, 2, 3}, raw, 1.0, 0.0);
  for (int64_t img = 0; img < kImages; ++img)
    for (int64_t i = 0; i < 4; ++i)
      for (int64_t j = 0; j < 2; ++j)
        for (int64_t k = 0; k < 3; ++k)
          CHECK(t2[static_cast<size_t>(img * 24 + (i * 2 + j) * 3 + k)] == at(img, j, k, i));

  ReshapeOp rs;
  rs.name = "flat";
  rs.output = 1;
  CHECK(RunOne(rs, in, {24}, raw, 1.0, 0.0) == x);
}

TEST_CASE("BinaryOp adds, subtracts and multiplies two tensors", "[digital]") {
  std::mt19937 rng(8);
  const std::vector<uint8_t> raw = RandomBytes(rng, static_cast<size_t>(kImages * 6), 0, 255);
  const std::vector<double> x = Values(raw, 0.1, -12.0);
  for (const auto kind : {BinaryOp::Kind::kAdd, BinaryOp::Kind::kSub, BinaryOp::Kind::kMul}) {
    ProgramBuilder b({6}, Layout::kNHWC, 0.1, -12.0);
    PointwiseOp triple;  // rhs = 3x + 0.5
    triple.name = "rhs";
    triple.output = b.Tensor({6});
    triple.steps = {Step(PointwiseStep::Kind::kMul, {3.0}), Step(PointwiseStep::Kind::kAdd, {0.5})};
    b.Add(triple);
    BinaryOp op;
    op.name = "bin";
    op.lhs = 0;
    op.rhs = triple.output;
    op.output = b.Tensor({6});
    op.kind = kind;
    b.Add(op);
    auto y = RunExact(b.Finish(op.output), raw, kImages);
    REQUIRE(y.ok());
    for (size_t i = 0; i < x.size(); ++i) {
      const double r = x[i] * 3.0 + 0.5;
      CHECK((*y)[i] == (kind == BinaryOp::Kind::kAdd   ? x[i] + r
                        : kind == BinaryOp::Kind::kSub ? x[i] - r
                                                       : x[i] * r));
    }
  }
}

TEST_CASE("Softmax is exp(x - max) / sum over the axis and survives huge logits", "[digital]") {
  std::mt19937 rng(9);
  const std::vector<uint8_t> raw = RandomBytes(rng, static_cast<size_t>(kImages * 12), 0, 255);
  const std::vector<double> x =
      Values(raw, 40.0, 0.0);  // up to 10200: exp overflows without the max
  for (const int axis : {0, 1}) {
    SoftmaxOp op;
    op.name = "softmax";
    op.output = 1;
    op.axis = axis;
    const std::vector<double> y = RunOne(op, {3, 4}, {3, 4}, raw, 40.0, 0.0);
    for (int64_t img = 0; img < kImages; ++img)
      for (int64_t a = 0; a < 3; ++a)
        for (int64_t b = 0; b < 4; ++b) {
          auto v = [&](int64_t i, int64_t j) {
            return x[static_cast<size_t>(img * 12 + i * 4 + j)];
          };
          const int64_t len = axis == 0 ? 3 : 4;
          double max = -std::numeric_limits<double>::infinity(), sum = 0;
          for (int64_t k = 0; k < len; ++k) max = std::max(max, axis == 0 ? v(k, b) : v(a, k));
          for (int64_t k = 0; k < len; ++k) sum += std::exp((axis == 0 ? v(k, b) : v(a, k)) - max);
          const double got = y[static_cast<size_t>(img * 12 + a * 4 + b)];
          CHECK(got == std::exp(v(a, b) - max) / sum);
          CHECK(std::isfinite(got));
        }
  }
}

}  // namespace
}  // namespace cim
